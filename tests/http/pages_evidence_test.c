/* pages_evidence_test.c - evidence uploaded from the case page: a plain
 * multipart form streamed like the API's upload, then shown on the case
 * page and in the API; a file over the limit, a form without the CSRF
 * token and a case of another agency are refused and leave no row, no
 * ledger leaf and no temporary file. */
#include <dirent.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "app/ledger.h"
#include "base/crypto.h"
#include "page_fixture.h"
#include "store/store.h"
#include "t.h"

static const struct scope all = { .kind = SCOPE_ALL };
#define BOUNDARY "----fazhiTestBoundary7MA4YWxk"


/* What an upload may leave behind: rows of the case, ledger leaves,
 * files in data_dir/tmp. */
struct traces {
	int64_t rows, leaves;
	int tmp;
};

static struct traces traces_of(struct t_pages *p, int64_t id)
{
	struct traces t = { -1, -1, 0 };
	struct evidence_list l;
	char dir[600];
	if (p->ts.st->ops->evidence_list(p->ts.st, p->ts.a, &all, id, (struct page){ 0, 1 }, &l,
					 NULL) == FZ_OK)
		t.rows = l.total;
	(void)p->ts.st->ops->ledger_size(p->ts.st, &t.leaves, NULL);
	snprintf(dir, sizeof dir, "%s/tmp", p->ts.data_dir);
	DIR *d = opendir(dir);
	for (struct dirent *de; d && (de = readdir(d));)
		t.tmp += de->d_name[0] != '.';
	if (d)
		closedir(d);
	return t;
}

/* The demo county, officer1 signed in, the open case it uploads to and
 * what that case holds before. False after t_fail. */
static bool officer_on_open_case(struct t_pages *p, struct t_browser *o1, int64_t *id,
				 struct traces *before)
{
	if (!t_pages_start(p))
		return false;
	if (!t_pages_login(p, "officer1", o1) ||
	    !(*id = t_pages_case_id(p, "越界开采矿产资源"))) {
		t_pages_stop(p);
		return false;
	}
	*before = traces_of(p, *id);
	return true;
}

#define CHECK_NO_TRACE(p, id, before)                                   \
	do {                                                             \
		struct traces now_ = traces_of(p, id);                   \
		CHECK_INT(now_.rows, (before).rows);                     \
		CHECK_INT(now_.leaves, (before).leaves);                 \
		CHECK_INT(now_.tmp, 0);                                  \
	} while (0)

/* What a browser posts: csrf (left out when NULL), kind, name, an empty
 * camera input, then the chosen file (file_name, type, data). The body
 * is cut to len - cut bytes, or padded with zeros to pad bytes. */
struct form_post {
	const char *csrf, *kind, *name, *file_name, *type;
	const char *data;
	size_t len, cut, pad;
	bool chunked;
};

static struct http_resp upload(struct t_pages *p, const struct t_browser *b, int64_t id,
			       const struct form_post *f)
{
	struct buf body = BUF_INIT;
	char path[80];
	if (f->csrf)
		buf_addf(&body, "--" BOUNDARY "\r\nContent-Disposition: form-data; "
				"name=\"csrf\"\r\n\r\n%s\r\n", f->csrf);
	buf_addf(&body, "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n"
			"%s\r\n--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n"
			"%s\r\n", f->kind, f->name ? f->name : "");
	buf_adds(&body, "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"file\"; "
			"filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n\r\n");
	buf_addf(&body, "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"file\"; "
			"filename=\"%s\"\r\nContent-Type: %s\r\n\r\n", f->file_name, f->type);
	buf_add(&body, f->data, f->len);
	buf_adds(&body, "\r\n--" BOUNDARY "--\r\n");
	while (body.len < f->pad && !buf_failed(&body))
		buf_addc(&body, '\0');
	snprintf(path, sizeof path, "/cases/%lld/evidence", (long long)id);
	struct t_req rq = { .method = "POST", .path = path, .cookie_token = b->token,
			    .content_type = "multipart/form-data; boundary=" BOUNDARY,
			    .body = buf_cstr(&body), .body_len = body.len - f->cut,
			    .chunked = f->chunked };
	struct http_resp r = t_http_req(&p->ts, &rq);
	buf_release(&body);
	return r;
}

static const char photo[] = "\xff\xd8\xff\xe0 JPEG 现场照片（测试）\x00\x01\x02 end";
#define PHOTO photo, sizeof photo - 1

TEST(page_upload_streams_the_file_and_shows_it_on_the_case_page_and_api)
{
	struct t_pages p;
	struct t_browser o1;
	char url[96], loc[160];
	int64_t id;
	struct traces before;
	REQUIRE(officer_on_open_case(&p, &o1, &id, &before));

	/* The form is on the page for the officer, with its CSRF token. */
	snprintf(url, sizeof url, "/cases/%lld", (long long)id);
	struct http_resp r = t_page_get(&p, &o1, url);
	CHECK_CONTAINS(r.body, "enctype=\"multipart/form-data\"");
	CHECK_CONTAINS(r.body, "capture=\"environment\"");
	CHECK_CONTAINS(r.body, "accept=\"image/*,video/*,audio/*,application/pdf\"");
	CHECK_CONTAINS(r.body, o1.csrf);
	t_resp_free(&r);

	r = upload(&p, &o1, id, &(struct form_post){ o1.csrf, "av_record", "现场照片（东侧）",
						     "IMG_0001.jpg", "image/jpeg", PHOTO,
						     .chunked = true });
	CHECK_INT(r.status, 303);
	CHECK_CONTAINS(t_header(&r, "Location", loc, sizeof loc), "msg=evidence_added#evidence");
	t_resp_free(&r);
	struct traces after = traces_of(&p, id);
	CHECK_INT(after.rows, before.rows + 1);
	CHECK_INT(after.leaves, before.leaves + 1);
	CHECK_INT(after.tmp, 0);

	unsigned char md[LEDGER_DIGEST_MAX];
	char hex[2 * LEDGER_DIGEST_MAX + 1], head[17];
	crypto_hex(md, ledger_digest(LEDGER_HASH_SM3, photo, sizeof photo - 1, md), hex);
	memcpy(head, hex, 16);
	head[16] = '\0';
	snprintf(url, sizeof url, "/cases/%lld?msg=evidence_added", (long long)id);
	r = t_page_get(&p, &o1, url);
	CHECK_CONTAINS(r.body, "证据材料已上传");
	CHECK_CONTAINS(r.body, "现场照片（东侧）.jpg");
	CHECK_CONTAINS(r.body, "音像记录");
	CHECK_CONTAINS(r.body, head);
	t_resp_free(&r);

	snprintf(url, sizeof url, "/api/v1/cases/%lld/evidence", (long long)id);
	struct t_req rq = { .method = "GET", .path = url, .cookie_token = o1.token };
	r = t_http_req(&p.ts, &rq);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, hex);
	CHECK_CONTAINS(r.body, "\"media_type\":\"image/jpeg\"");
	CHECK_CONTAINS(r.body, "\"record_kind\":\"av_record\"");
	t_resp_free(&r);
	t_pages_stop(&p);
}

TEST(page_upload_over_the_limit_is_refused_in_chinese_and_leaves_nothing)
{
	struct t_pages p;
	struct t_browser o1;
	int64_t id;
	struct traces before;
	REQUIRE(officer_on_open_case(&p, &o1, &id, &before));
	p.ts.cfg.evidence_max = 16; /* read per request */
	/* streamed without a length: refused while receiving */
	struct http_resp r = upload(&p, &o1, id, &(struct form_post){ o1.csrf, "av_record", NULL,
								      "big.jpg", "image/jpeg", PHOTO,
								      .chunked = true });
	CHECK_INT(r.status, 413);
	CHECK_CONTAINS(r.body, "文件过大：单个文件不能超过 16 字节");
	CHECK_CONTAINS(r.body, "未保存任何内容");
	t_resp_free(&r);
	CHECK_NO_TRACE(&p, id, before);
	/* a declared length far over the limit: refused before the body */
	p.ts.cfg.evidence_max = 1;
	r = upload(&p, &o1, id, &(struct form_post){ o1.csrf, "av_record", NULL, "big.jpg",
						     "image/jpeg", PHOTO, .pad = 70 * 1024 });
	CHECK_INT(r.status, 413);
	CHECK_CONTAINS(r.body, "文件过大");
	t_resp_free(&r);
	p.ts.cfg.evidence_max = 0;
	CHECK_NO_TRACE(&p, id, before);
	t_pages_stop(&p);
}

TEST(page_upload_without_csrf_or_file_is_refused_and_leaves_nothing)
{
	struct t_pages p;
	struct t_browser o1;
	int64_t id;
	struct traces before;
	REQUIRE(officer_on_open_case(&p, &o1, &id, &before));
	struct {
		struct form_post f;
		long status;
		const char *says;
	} refused[] = {
		{ { NULL, "av_record", NULL, "a.jpg", "image/jpeg", PHOTO }, 403,
		  "页面已过期或来源无法确认" },
		{ { "0000", "av_record", NULL, "a.jpg", "image/jpeg", PHOTO }, 403,
		  "页面已过期或来源无法确认" },
		{ { o1.csrf, "av_record", NULL, "", "application/octet-stream", "", 0 }, 400,
		  "请选择要上传的文件" },
		{ { o1.csrf, "av_record", NULL, "a.jpg", "image/jpeg", PHOTO, .cut = 12 }, 400,
		  "上传未完成或表单格式有误" },
		{ { o1.csrf, "photo", NULL, "a.jpg", "image/jpeg", PHOTO }, 400,
		  "请选择记录类型：文字记录或音像记录" },
		{ { o1.csrf, "av_record", "照片/东侧", "a.jpg", "image/jpeg", PHOTO }, 400,
		  "名称或说明（不填时为文件名）不能超过 200 字节" },
	};
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		int64_t audits = t_audit_count(&p.ts);
		struct http_resp r = upload(&p, &o1, id, &refused[i].f);
		CHECK_INT(r.status, refused[i].status);
		CHECK_CONTAINS(r.body, refused[i].says);
		t_resp_free(&r);
		CHECK_NO_TRACE(&p, id, before);
		/* a CSRF refusal is a denial, recorded; bad input is not */
		CHECK_INT(t_audit_count(&p.ts), audits + (refused[i].status == 403));
	}
	t_pages_stop(&p);
}

TEST(page_upload_to_another_agencys_case_is_404_and_leaves_nothing)
{
	struct t_pages p;
	struct t_browser o1, sup;
	char url[80];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "officer1", &o1));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));
	int64_t id = t_pages_case_id(&p, "销售超过保质期的食品"); /* 市场监督管理局 */
	REQUIRE(id > 0);
	struct traces before = traces_of(&p, id);
	struct http_resp r = upload(&p, &o1, id, &(struct form_post){ o1.csrf, "text_record",
								      "询问笔录", "a.pdf",
								      "application/pdf", PHOTO });
	CHECK_INT(r.status, 404);
	t_resp_free(&r);
	CHECK_NO_TRACE(&p, id, before);

	/* the supervisor reads cases but does not act on them: no form, 403 */
	int64_t own = t_pages_case_id(&p, "越界开采矿产资源");
	snprintf(url, sizeof url, "/cases/%lld", (long long)own);
	r = t_page_get(&p, &sup, url);
	CHECK_INT(r.status, 200);
	CHECK(!strstr(r.body, "multipart/form-data"));
	t_resp_free(&r);
	r = upload(&p, &sup, own, &(struct form_post){ sup.csrf, "text_record", NULL, "a.pdf",
						       "application/pdf", PHOTO });
	CHECK_INT(r.status, 403);
	t_resp_free(&r);
	/* a closed case offers no form */
	int64_t closed = t_pages_case_id(&p, "擅自在耕地上挖砂");
	snprintf(url, sizeof url, "/cases/%lld", (long long)closed);
	r = t_page_get(&p, &o1, url);
	CHECK_INT(r.status, 200);
	CHECK(!strstr(r.body, "multipart/form-data"));
	t_resp_free(&r);
	t_pages_stop(&p);
}

/* libmicrohttpd reads a body through the connection's memory (16 KiB,
 * http/server.c) in pieces: a file of megabytes whose bytes imitate the
 * form's boundary at every piece's edge still arrives whole, with its
 * length told and streamed without one. */
TEST(page_upload_of_megabytes_arrives_whole_through_the_connection_memory)
{
	struct t_pages p;
	struct t_browser o1;
	char url[96];
	int64_t id;
	struct traces before;
	REQUIRE(officer_on_open_case(&p, &o1, &id, &before));
	size_t n = 3 * 1024 * 1024 + 123;
	char *data = malloc(n);
	REQUIRE(data);
	memcpy(data, photo, 4); /* the JPEG signature */
	for (size_t i = 4; i < n; i++)
		data[i] = (char)((i * 31 + i / 7) & 0xff);
	static const char near[] = "\r\n--" BOUNDARY; /* cut one byte short */
	for (size_t at = 4096 - 3; at + sizeof near < n; at += 4096)
		memcpy(data + at, near, sizeof near - 2);
	unsigned char md[LEDGER_DIGEST_MAX];
	char hex[2 * LEDGER_DIGEST_MAX + 1];
	crypto_hex(md, ledger_digest(LEDGER_HASH_SM3, data, n, md), hex);
	for (int chunked = 0; chunked < 2; chunked++) {
		struct http_resp r = upload(&p, &o1, id, &(struct form_post){
			o1.csrf, "av_record", chunked ? "大文件（分块）" : "大文件", "BIG.jpg",
			"image/jpeg", data, n, .chunked = chunked });
		CHECK_INT(r.status, 303);
		t_resp_free(&r);
	}
	struct traces after = traces_of(&p, id);
	CHECK_INT(after.rows, before.rows + 2);
	CHECK_INT(after.tmp, 0);
	snprintf(url, sizeof url, "/api/v1/cases/%lld/evidence", (long long)id);
	struct t_req rq = { .method = "GET", .path = url, .cookie_token = o1.token };
	struct http_resp r = t_http_req(&p.ts, &rq);
	CHECK_INT(r.status, 200);
	const char *first = strstr(r.body, hex);
	CHECK(first && strstr(first + 1, hex)); /* both uploads, byte for byte */
	char size[32];
	snprintf(size, sizeof size, "%zu", n);
	CHECK_CONTAINS(r.body, size);
	t_resp_free(&r);
	free(data);
	t_pages_stop(&p);
}
