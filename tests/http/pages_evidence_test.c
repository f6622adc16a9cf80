/* pages_evidence_test.c - evidence uploaded from the case page: a plain
 * multipart form streamed like the API's upload, then shown on the case
 * page and in the API; a file over the limit, a form without the CSRF
 * token and a case of another agency are refused and leave no row, no
 * ledger leaf and no temporary file. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/ledger.h"
#include "base/crypto.h"
#include "page_fixture.h"
#include "store/store.h"
#include "t.h"

static const struct scope all = { .kind = SCOPE_ALL };
#define BOUNDARY "----fazhiTestBoundary7MA4YWxk"

static int64_t case_id(struct t_pages *p, const char *title)
{
	struct case_list l;
	struct case_filter f = { .q = title };
	if (p->ts.st->ops->case_list(p->ts.st, p->ts.a, &all, &f, (struct page){ 0, 5 }, &l, NULL) ||
	    l.n != 1)
		return 0;
	return l.items[0].id;
}

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

#define CHECK_NO_TRACE(p, id, before)                                   \
	do {                                                             \
		struct traces now_ = traces_of(p, id);                   \
		CHECK_INT(now_.rows, (before).rows);                     \
		CHECK_INT(now_.leaves, (before).leaves);                 \
		CHECK_INT(now_.tmp, 0);                                  \
	} while (0)

/* The body a browser sends: csrf (unless NULL), kind, name, an empty
 * camera input, then the chosen file. */
static char *multipart(const char *csrf, const char *kind, const char *name,
		       const char *file_name, const char *type, const char *data, size_t len,
		       size_t *out_len)
{
	struct buf b = BUF_INIT;
	if (csrf)
		buf_addf(&b, "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n"
			     "%s\r\n", csrf);
	buf_addf(&b, "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n%s\r\n",
		 kind);
	buf_addf(&b, "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n%s\r\n",
		 name);
	buf_adds(&b, "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"file\"; "
		     "filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n\r\n");
	buf_addf(&b, "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"file\"; "
		     "filename=\"%s\"\r\nContent-Type: %s\r\n\r\n", file_name, type);
	buf_add(&b, data, len);
	buf_adds(&b, "\r\n--" BOUNDARY "--\r\n");
	return buf_detach(&b, out_len);
}

static struct http_resp post(struct t_pages *p, const struct t_browser *b, int64_t id,
			     const char *body, size_t len, bool chunked)
{
	char path[80];
	snprintf(path, sizeof path, "/cases/%lld/evidence", (long long)id);
	struct t_req rq = { .method = "POST", .path = path, .cookie_token = b->token,
			    .content_type = "multipart/form-data; boundary=" BOUNDARY,
			    .body = body, .body_len = len, .chunked = chunked };
	return t_http_req(&p->ts, &rq);
}

static const char photo[] = "\xff\xd8\xff\xe0 JPEG 现场照片（测试）\x00\x01\x02 end";

TEST(page_upload_streams_the_file_and_shows_it_on_the_case_page_and_api)
{
	struct t_pages p;
	struct t_browser o1;
	char url[96], loc[160];
	size_t len;
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "officer1", &o1));
	int64_t id = case_id(&p, "越界开采矿产资源");
	REQUIRE(id > 0);
	struct traces before = traces_of(&p, id);

	/* The form is on the page for the officer, with its CSRF token. */
	snprintf(url, sizeof url, "/cases/%lld", (long long)id);
	struct http_resp r = t_page_get(&p, &o1, url);
	CHECK_CONTAINS(r.body, "enctype=\"multipart/form-data\"");
	CHECK_CONTAINS(r.body, "capture=\"environment\"");
	CHECK_CONTAINS(r.body, "accept=\"image/*,video/*,audio/*,application/pdf\"");
	CHECK_CONTAINS(r.body, o1.csrf);
	t_resp_free(&r);

	char *body = multipart(o1.csrf, "av_record", "现场照片（东侧）", "IMG_0001.jpg",
			       "image/jpeg", photo, sizeof photo - 1, &len);
	REQUIRE(body);
	r = post(&p, &o1, id, body, len, true);
	free(body);
	CHECK_INT(r.status, 303);
	CHECK_CONTAINS(t_header(&r, "Location", loc, sizeof loc), "msg=evidence_added#evidence");
	t_resp_free(&r);
	struct traces after = traces_of(&p, id);
	CHECK_INT(after.rows, before.rows + 1);
	CHECK_INT(after.leaves, before.leaves + 1);
	CHECK_INT(after.tmp, 0);

	unsigned char md[LEDGER_DIGEST_MAX];
	char hex[2 * LEDGER_DIGEST_MAX + 1], head[17];
	crypto_hex(md, ledger_digest(photo, sizeof photo - 1, md), hex);
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
	size_t len;
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "officer1", &o1));
	int64_t id = case_id(&p, "越界开采矿产资源");
	REQUIRE(id > 0);
	struct traces before = traces_of(&p, id);
	p.ts.cfg.evidence_max = 16; /* read per request */
	char *body = multipart(o1.csrf, "av_record", "", "big.jpg", "image/jpeg", photo,
			       sizeof photo - 1, &len);
	REQUIRE(body);
	/* streamed without a length: refused while receiving */
	struct http_resp r = post(&p, &o1, id, body, len, true);
	CHECK_INT(r.status, 413);
	CHECK_CONTAINS(r.body, "文件过大：单个文件不能超过 16 字节");
	CHECK_CONTAINS(r.body, "未保存任何内容");
	t_resp_free(&r);
	CHECK_NO_TRACE(&p, id, before);
	/* a declared length far over the limit: refused before the body */
	p.ts.cfg.evidence_max = 1;
	char *big = calloc(1, 70 * 1024);
	REQUIRE(big);
	memcpy(big, body, len);
	r = post(&p, &o1, id, big, 70 * 1024, false);
	CHECK_INT(r.status, 413);
	CHECK_CONTAINS(r.body, "文件过大");
	t_resp_free(&r);
	free(big);
	free(body);
	p.ts.cfg.evidence_max = 0;
	CHECK_NO_TRACE(&p, id, before);
	t_pages_stop(&p);
}

TEST(page_upload_without_csrf_or_file_is_refused_and_leaves_nothing)
{
	struct t_pages p;
	struct t_browser o1;
	size_t len;
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "officer1", &o1));
	int64_t id = case_id(&p, "越界开采矿产资源");
	REQUIRE(id > 0);
	struct traces before = traces_of(&p, id);
	char *body = multipart(NULL, "av_record", "", "a.jpg", "image/jpeg", photo,
			       sizeof photo - 1, &len);
	REQUIRE(body);
	struct http_resp r = post(&p, &o1, id, body, len, false);
	CHECK_INT(r.status, 403);
	CHECK_CONTAINS(r.body, "页面已过期或来源无法确认");
	t_resp_free(&r);
	free(body);
	CHECK_NO_TRACE(&p, id, before);

	/* a wrong token is no better */
	body = multipart("0000", "av_record", "", "a.jpg", "image/jpeg", photo, sizeof photo - 1,
			 &len);
	REQUIRE(body);
	r = post(&p, &o1, id, body, len, false);
	CHECK_INT(r.status, 403);
	t_resp_free(&r);
	free(body);
	/* no file chosen */
	body = multipart(o1.csrf, "av_record", "", "", "application/octet-stream", "", 0, &len);
	REQUIRE(body);
	r = post(&p, &o1, id, body, len, false);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "请选择要上传的文件");
	t_resp_free(&r);
	free(body);
	/* a body cut short */
	body = multipart(o1.csrf, "av_record", "", "a.jpg", "image/jpeg", photo, sizeof photo - 1,
			 &len);
	REQUIRE(body);
	r = post(&p, &o1, id, body, len - 12, false);
	CHECK_INT(r.status, 400);
	t_resp_free(&r);
	free(body);
	CHECK_NO_TRACE(&p, id, before);
	t_pages_stop(&p);
}

TEST(page_upload_to_another_agencys_case_is_404_and_leaves_nothing)
{
	struct t_pages p;
	struct t_browser o1, sup;
	char url[80];
	size_t len;
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "officer1", &o1));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));
	int64_t id = case_id(&p, "销售超过保质期的食品"); /* 市场监督管理局 */
	REQUIRE(id > 0);
	struct traces before = traces_of(&p, id);
	char *body = multipart(o1.csrf, "text_record", "询问笔录", "a.pdf", "application/pdf",
			       photo, sizeof photo - 1, &len);
	REQUIRE(body);
	struct http_resp r = post(&p, &o1, id, body, len, false);
	CHECK_INT(r.status, 404);
	t_resp_free(&r);
	free(body);
	CHECK_NO_TRACE(&p, id, before);

	/* the supervisor reads cases but does not act on them: no form, 403 */
	int64_t own = case_id(&p, "越界开采矿产资源");
	snprintf(url, sizeof url, "/cases/%lld", (long long)own);
	r = t_page_get(&p, &sup, url);
	CHECK_INT(r.status, 200);
	CHECK(!strstr(r.body, "multipart/form-data"));
	t_resp_free(&r);
	body = multipart(sup.csrf, "text_record", "", "a.pdf", "application/pdf", photo,
			 sizeof photo - 1, &len);
	REQUIRE(body);
	r = post(&p, &sup, own, body, len, false);
	CHECK_INT(r.status, 403);
	t_resp_free(&r);
	free(body);
	/* a closed case offers no form */
	int64_t closed = case_id(&p, "擅自在耕地上挖砂");
	snprintf(url, sizeof url, "/cases/%lld", (long long)closed);
	r = t_page_get(&p, &o1, url);
	CHECK_INT(r.status, 200);
	CHECK(!strstr(r.body, "multipart/form-data"));
	t_resp_free(&r);
	t_pages_stop(&p);
}
