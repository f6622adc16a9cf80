/* pages_complaint_attach_test.c - files attached to a public filing
 * (issue 12 §5): a JPEG and a PDF, told by their content, are stored and
 * shown to the bureau and the agency the complaint is assigned to, never
 * to the public or another agency; a file whose content is not one of
 * those, whose name hides its kind (wrong extension, bidirectional
 * controls), that is too large, or one too many is refused in Chinese
 * with the form kept and nothing stored; a form without its token is
 * refused before any file byte is kept; an address at its filing limit is
 * refused before the body is read. */
#include <dirent.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_fixture.h"
#include "app/complaint.h"
#include "base/buf.h"
#include "t.h"

#define BOUNDARY "----fazhiCmpBoundary7MA4YWxk"

static const char jpeg[] = "\xff\xd8\xff\xe0 JFIF 现场照片（测试）\x00\x01 end";
static const char pdf[] = "%PDF-1.4\n% 扫描件（测试）\n%%EOF\n";
static const char exe[] = "MZ\x90\x00 this is not a picture";
static const char png[] = "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR test";

/* The facts the forms carry (a test may make them long). */
static const char *facts = "执法人员检查时未出示证件，态度粗暴";

struct part {
	const char *name;   /* file name as sent */
	const char *data;
	size_t len;
};

/* The form's cookie and token from a fresh GET (from source when set). */
static void form_token(struct t_demo *d, const char *source, char cookie[128], char tok[80])
{
	struct t_req g = { .method = "GET", .path = "/public/complaints/new", .source = source };
	struct http_resp r = t_http_req(&d->ts, &g);
	const char *c = strstr(r.headers, "fz_cmp=");
	const char *t = strstr(r.body, "name=\"form_token\" value=\"");
	cookie[0] = tok[0] = '\0';
	if (c)
		snprintf(cookie, 128, "%.*s", (int)strcspn(c, ";\r\n"), c);
	if (t) {
		t += strlen("name=\"form_token\" value=\"");
		snprintf(tok, 80, "%.*s", (int)strcspn(t, "\""), t);
	}
	if (r.status != 200 || !cookie[0] || !tok[0])
		t_fail(__FILE__, __LINE__, "form page: %ld", r.status);
	t_resp_free(&r);
}

static void field(struct buf *b, const char *name, const char *value)
{
	buf_addf(b, "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n",
		 name, value);
}

/* Posts the whole filing for agency with the files (token first unless
 * token_last, then the fields, then the files and one empty input). */
static struct http_resp file_with(struct t_demo *d, int64_t agency, const struct part *parts,
				  size_t n, bool token_last, const char *source)
{
	char cookie[128], tok[80], ag[24];
	struct buf body = BUF_INIT;
	form_token(d, source, cookie, tok);
	snprintf(ag, sizeof ag, "%lld", (long long)agency);
	if (!token_last)
		field(&body, "form_token", tok);
	field(&body, "name", "张三");
	field(&body, "phone", "13909551234");
	field(&body, "agency_id", ag);
	field(&body, "facts", facts);
	field(&body, "request", "请查处");
	for (size_t i = 0; i < n; i++) {
		buf_addf(&body, "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"file\"; "
				"filename=\"%s\"\r\nContent-Type: application/octet-stream\r\n\r\n",
			 parts[i].name);
		buf_add(&body, parts[i].data, parts[i].len);
		buf_adds(&body, "\r\n");
	}
	buf_adds(&body, "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"file\"; "
			"filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n\r\n");
	if (token_last)
		field(&body, "form_token", tok);
	buf_adds(&body, "--" BOUNDARY "--\r\n");
	struct t_req rq = { .method = "POST", .path = "/public/complaints/new",
			    .content_type = "multipart/form-data; boundary=" BOUNDARY,
			    .body = buf_cstr(&body), .body_len = body.len, .cookie = cookie,
			    .source = source };
	struct http_resp r = t_http_req(&d->ts, &rq);
	buf_release(&body);
	return r;
}

/* One integer from the test's database, read on a connection of its own. */
static int64_t sql_int(struct t_demo *d, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int64_t v = -1;
	if (sqlite3_open_v2(d->ts.db, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return v;
}

static int64_t count(struct t_demo *d, const char *table)
{
	char sql[96];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
	return sql_int(d, sql);
}

/* Files left in the data directory's tmp (uploads not cleaned up). */
static int tmp_files(struct t_demo *d)
{
	char path[600];
	snprintf(path, sizeof path, "%s/tmp", d->ts.data_dir);
	DIR *dir = opendir(path);
	int n = 0;
	for (struct dirent *de; dir && (de = readdir(dir));)
		n += de->d_name[0] != '.';
	if (dir)
		closedir(dir);
	return n;
}

static bool receipt_of(const char *body, char out[CMP_RECEIPT_LEN + 1])
{
	const char *p = strstr(body, "TS2");
	if (!p || strlen(p) < CMP_RECEIPT_LEN)
		return false;
	memcpy(out, p, CMP_RECEIPT_LEN);
	out[CMP_RECEIPT_LEN] = '\0';
	return complaint_receipt_normalize(out, out);
}

static int64_t id_of(struct t_demo *d, const char *receipt)
{
	struct http_resp r = t_api(d, "supervisor", "GET", "/api/v1/complaints?limit=200", NULL);
	json_t *j = t_json(&r), *it;
	int64_t id = 0;
	size_t i;
	json_array_foreach(json_object_get(j, "items"), i, it)
		if (strcmp(json_string_value(json_object_get(it, "receipt")), receipt) == 0)
			id = json_integer_value(json_object_get(it, "id"));
	json_decref(j);
	t_resp_free(&r);
	return id;
}

/* The attachment links of complaint id as who sees its page. */
static int64_t first_attachment(struct t_demo *d, int64_t id, const char *name)
{
	char path[64], link[96];
	snprintf(path, sizeof path, "/complaints/%lld", (long long)id);
	struct http_resp r = t_api(d, "supervisor", "GET", path, NULL);
	snprintf(link, sizeof link, "/complaints/%lld/attachments/", (long long)id);
	const char *at = strstr(r.body, name) ? strstr(r.body, link) : NULL;
	int64_t aid = at ? strtoll(at + strlen(link), NULL, 10) : 0;
	t_resp_free(&r);
	return aid;
}

TEST(complaint_attachments_told_by_content_are_kept_for_the_bureau_and_the_agency_only)
{
	struct t_demo d;
	REQUIRE(t_demo_start(&d));
	struct part parts[] = { { "现场照片.jpg", jpeg, sizeof jpeg - 1 },
				{ "C:\\Users\\me\\扫描件.PDF", pdf, sizeof pdf - 1 } };
	struct http_resp r = file_with(&d, d.sum.agency_ids[1], parts, 2, false, NULL);
	CHECK_INT(r.status, 201);
	char receipt[CMP_RECEIPT_LEN + 1];
	REQUIRE(receipt_of(r.body, receipt));
	t_resp_free(&r);
	CHECK_INT(count(&d, "complaint_attachments"), 2);
	CHECK_INT(tmp_files(&d), 0);
	int64_t id = id_of(&d, receipt);
	REQUIRE(id > 0);
	/* the bureau sees both, kinds read from the content, the path dropped */
	char path[96];
	snprintf(path, sizeof path, "/complaints/%lld", (long long)id);
	r = t_api(&d, "supervisor", "GET", path, NULL);
	CHECK_CONTAINS(r.body, "现场照片.jpg");
	CHECK_CONTAINS(r.body, "扫描件.PDF");
	CHECK_LACKS(r.body, "Users");
	t_resp_free(&r);
	int64_t photo = first_attachment(&d, id, "现场照片.jpg");
	REQUIRE(photo > 0);
	snprintf(path, sizeof path, "/complaints/%lld/attachments/%lld", (long long)id,
		 (long long)photo);
	r = t_api(&d, "supervisor", "GET", path, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.headers, "Content-Type: image/jpeg");
	CHECK_CONTAINS(r.headers, "Content-Disposition: attachment;");
	char clen[48];
	snprintf(clen, sizeof clen, "Content-Length: %zu", sizeof jpeg - 1);
	CHECK_CONTAINS(r.headers, clen);
	CHECK(memcmp(r.body, jpeg, 4) == 0); /* up to its first NUL byte */
	t_resp_free(&r);
	/* the filing's event (its ledger leaf) names each file with its digest */
	CHECK_INT(sql_int(&d, "SELECT count(*) FROM complaint_events WHERE action = 'file'"
				   " AND text LIKE '%附件 2：扫描件.PDF（application/pdf%摘要 %'"),
		  1);
	/* no agency sees it before it is assigned; then only the assigned one */
	r = t_api(&d, "head1", "GET", path, NULL);
	CHECK_INT(r.status, 404);
	t_resp_free(&r);
	char body[128], act[64];
	snprintf(act, sizeof act, "/api/v1/complaints/%lld/actions", (long long)id);
	snprintf(body, sizeof body, "{\"action\":\"accept\",\"agency_id\":%lld}",
		 (long long)d.sum.agency_ids[1]);
	r = t_api(&d, "supervisor", "POST", act, body);
	CHECK_INT(r.status, 200);
	t_resp_free(&r);
	r = t_api(&d, "head1", "GET", path, NULL);
	CHECK_INT(r.status, 200);
	t_resp_free(&r);
	r = t_api(&d, "head2", "GET", path, NULL);
	CHECK_INT(r.status, 404);
	t_resp_free(&r);
	r = t_api(&d, "officer1", "GET", path, NULL);
	CHECK_INT(r.status, 403);
	t_resp_free(&r);
	/* the public: not signed in, refused; the tracking page names no file */
	r = t_http(&d.ts, "GET", path, NULL, NULL, NULL);
	CHECK(r.status == 401 || r.status == 303);
	t_resp_free(&r);
	snprintf(body, sizeof body, "receipt=%s&phone_last4=1234", receipt);
	r = t_http(&d.ts, "POST", "/public/complaints/track", NULL,
		   "application/x-www-form-urlencoded", body);
	CHECK_INT(r.status, 200);
	CHECK_LACKS(r.body, "现场照片");
	CHECK_LACKS(r.body, "/attachments/");
	t_resp_free(&r);
	t_demo_stop(&d);
}

TEST(complaint_attachment_of_a_wrong_kind_size_number_or_name_is_refused_and_nothing_stored)
{
	struct t_demo d;
	REQUIRE(t_demo_start(&d));
	int64_t before = count(&d, "complaints");
	static char big[(5 << 20) + 64];
	memcpy(big, jpeg, sizeof jpeg - 1);
	const struct {
		struct part parts[4];
		size_t n;
		long status;
		const char *says;
	} cases[] = {
		{ { { "照片.png", exe, sizeof exe - 1 } }, 1, 400, "不是 JPEG、PNG 图片或 PDF 文件" },
		{ { { "照片.jpg", png, sizeof png - 1 } }, 1, 400, "扩展名与文件内容不符" },
		{ { { "发票\xe2\x80\xaegnp.exe.png", png, sizeof png - 1 } }, 1, 400,
		  "改变文字方向的隐藏字符" },
		{ { { "大.jpg", big, sizeof big } }, 1, 413, "每个文件不能超过 5 MiB" },
		{ { { "1.jpg", jpeg, sizeof jpeg - 1 }, { "2.jpg", jpeg, sizeof jpeg - 1 },
		    { "3.pdf", pdf, sizeof pdf - 1 }, { "4.pdf", pdf, sizeof pdf - 1 } },
		  4, 400, "最多可附 3 个文件" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct http_resp r = file_with(&d, d.sum.agency_ids[1], cases[i].parts, cases[i].n,
					       false, NULL);
		if (r.status != cases[i].status || !strstr(r.body, cases[i].says))
			t_fail(__FILE__, __LINE__, "case %zu: %ld, expected %ld with %s", i, r.status,
			       cases[i].status, cases[i].says);
		/* the form comes back with what was typed, the error at the files */
		CHECK_CONTAINS(r.body, "执法人员检查时未出示证件");
		CHECK_CONTAINS(r.body, "aria-invalid=\"true\"");
		t_resp_free(&r);
		CHECK_INT(count(&d, "complaints"), before);
		CHECK_INT(count(&d, "complaint_attachments"), 0);
		CHECK_INT(tmp_files(&d), 0);
	}
	/* a form whose token comes after the file (or none): refused at the
	 * file, nothing kept */
	struct part one = { "照片.jpg", jpeg, sizeof jpeg - 1 };
	struct http_resp r = file_with(&d, d.sum.agency_ids[1], &one, 1, true, NULL);
	CHECK_INT(r.status, 403);
	CHECK_CONTAINS(r.body, "页面已过期或来源无法确认");
	t_resp_free(&r);
	CHECK_INT(count(&d, "complaints"), before);
	CHECK_INT(tmp_files(&d), 0);
	t_demo_stop(&d);
}

TEST(complaint_filing_limit_refuses_a_form_with_files_before_its_body)
{
	struct t_demo d;
	REQUIRE(t_demo_start(&d));
	struct part one = { "照片.jpg", jpeg, sizeof jpeg - 1 };
	for (int i = 0; i < COMPLAINT_RATE_MAX; i++) {
		struct http_resp r = file_with(&d, d.sum.agency_ids[1], &one, 1, false, "127.0.0.2");
		CHECK_INT(r.status, 201);
		t_resp_free(&r);
	}
	int64_t before = count(&d, "complaints"), files = count(&d, "complaint_attachments");
	struct http_resp r = file_with(&d, d.sum.agency_ids[1], &one, 1, false, "127.0.0.2");
	CHECK_INT(r.status, 429);
	CHECK_CONTAINS(r.body, "一天内最多提交");
	t_resp_free(&r);
	CHECK_INT(count(&d, "complaints"), before);
	CHECK_INT(count(&d, "complaint_attachments"), files);
	CHECK_INT(tmp_files(&d), 0);
	/* another address still may */
	r = file_with(&d, d.sum.agency_ids[1], &one, 1, false, NULL);
	CHECK_INT(r.status, 201);
	t_resp_free(&r);
	t_demo_stop(&d);
}

/* The longest facts a filing takes (2000 characters, 6000 bytes of
 * UTF-8) fit the streamed form's field as they fit the plain one. */
TEST(complaint_with_files_takes_the_longest_facts_the_form_allows)
{
	struct t_demo d;
	REQUIRE(t_demo_start(&d));
	struct buf long_facts = BUF_INIT;
	for (int i = 0; i < CMP_FACTS_MAX; i++)
		buf_adds(&long_facts, "查");
	REQUIRE(!buf_failed(&long_facts));
	facts = buf_cstr(&long_facts);
	struct part one = { "照片.jpg", jpeg, sizeof jpeg - 1 };
	struct http_resp r = file_with(&d, d.sum.agency_ids[1], &one, 1, false, NULL);
	CHECK_INT(r.status, 201);
	t_resp_free(&r);
	/* one more character is refused at its field, the form kept */
	buf_adds(&long_facts, "查");
	facts = buf_cstr(&long_facts);
	r = file_with(&d, d.sum.agency_ids[1], &one, 1, false, NULL);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "id=\"facts-err\"");
	t_resp_free(&r);
	CHECK_INT(count(&d, "complaint_attachments"), 1);
	facts = "执法人员检查时未出示证件，态度粗暴";
	buf_release(&long_facts);
	t_demo_stop(&d);
}
