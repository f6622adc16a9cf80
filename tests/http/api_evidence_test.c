/* api_evidence_test.c - evidence over HTTP: the upload is streamed into
 * the data directory and digested on the way (the answer's digest is the
 * SM3 of the bytes sent), stored once per content, listed and downloaded
 * in scope; a body over the limit, a bad kind or a case outside the scope
 * leaves no row and no file behind; the latest checkpoint is public and
 * its signature verifies. */
#include <dirent.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "api_fixture.h"
#include "app/ledger.h"
#include "base/date.h"
#include "base/crypto.h"
#include "ledger/checkpoint.h"
#include "t.h"

/* The first open case of an agency seen by username, 0 when none. */
static int64_t open_case(struct t_demo *d, const char *username)
{
	struct http_resp r = t_api(d, username, "GET", "/api/v1/cases?closed=false", NULL);
	json_t *j = t_json(&r);
	json_t *first = j ? json_array_get(json_object_get(j, "items"), 0) : NULL;
	int64_t id = first ? (int64_t)json_integer_value(json_object_get(first, "id")) : 0;
	json_decref(j);
	t_resp_free(&r);
	return id;
}

static struct http_resp upload(struct t_demo *d, const char *username, int64_t case_id,
			       const char *query, const char *type, const char *body, size_t len,
			       bool chunked)
{
	char path[256];
	snprintf(path, sizeof path, "/api/v1/cases/%lld/evidence?%s", (long long)case_id, query);
	struct t_req rq = { .method = "POST", .path = path,
			    .bearer = username ? t_demo_token(d, username) : NULL,
			    .content_type = type, .body = body, .body_len = len,
			    .chunked = chunked };
	return t_http_req(&d->ts, &rq);
}

/* Files in data_dir/tmp (uploads in flight or left behind). */
static int tmp_files(struct t_demo *d)
{
	char path[600];
	int n = 0;
	snprintf(path, sizeof path, "%s/tmp", d->ts.data_dir);
	DIR *dir = opendir(path);
	if (!dir)
		return 0;
	for (struct dirent *de; (de = readdir(dir));)
		n += de->d_name[0] != '.';
	closedir(dir);
	return n;
}

#define NAME_Q "name=%E8%AF%A2%E9%97%AE%E7%AC%94%E5%BD%95.txt&kind=text_record"
static const char text[] = "询问笔录：当事人对占地事实无异议。";

TEST(api_evidence_upload_streams_digests_lists_and_downloads)
{
	struct t_demo d;
	REQUIRE(t_demo_start(&d));
	int64_t c = open_case(&d, "officer1");
	REQUIRE(c > 0);
	int64_t before = 0;
	struct fz_error e;
	REQUIRE(d.ts.st->ops->ledger_size(d.ts.st, &before, &e) == FZ_OK);

	struct http_resp r = upload(&d, "officer1", c, NAME_Q, "text/plain; charset=utf-8", text,
				    strlen(text), true);
	CHECK_INT(r.status, 201);
	unsigned char md[LEDGER_DIGEST_MAX];
	char hex[2 * LEDGER_DIGEST_MAX + 1], got[200];
	crypto_hex(md, ledger_digest(LEDGER_HASH_SM3, text, strlen(text), md), hex);
	CHECK_STR(t_json_str(&r, "digest", got, sizeof got), hex);
	CHECK_STR(t_json_str(&r, "file_name", got, sizeof got), "询问笔录.txt");
	CHECK_STR(t_json_str(&r, "media_type", got, sizeof got), "text/plain");
	CHECK_STR(t_json_str(&r, "record_kind", got, sizeof got), "text_record");
	CHECK_INT(t_json_int(&r, "leaf_index"), before);
	int64_t id = t_json_int(&r, "id");
	t_resp_free(&r);

	/* the same content again: a second record, one stored file */
	r = upload(&d, "officer1", c, "name=copy.txt&kind=text_record", "text/plain", text,
		   strlen(text), false);
	CHECK_INT(r.status, 201);
	t_resp_free(&r);
	char path[700];
	snprintf(path, sizeof path, "%s/evidence/%.2s/%s", d.ts.data_dir, hex, hex);
	FILE *f = fopen(path, "rb");
	CHECK(f != NULL);
	if (f)
		fclose(f);
	CHECK_INT(tmp_files(&d), 0);

	snprintf(path, sizeof path, "/api/v1/cases/%lld/evidence", (long long)c);
	r = t_api(&d, "officer1", "GET", path, NULL);
	CHECK_INT(r.status, 200);
	CHECK(t_json_int(&r, "total") >= 2);
	t_resp_free(&r);

	snprintf(path, sizeof path, "/api/v1/cases/%lld/evidence/%lld", (long long)c,
		 (long long)id);
	r = t_api(&d, "officer1", "GET", path, NULL);
	CHECK_INT(r.status, 200);
	CHECK_STR(r.body, text);
	CHECK_CONTAINS(t_header(&r, "Content-Disposition", got, sizeof got),
		       "filename*=UTF-8''%E8%AF%A2%E9%97%AE%E7%AC%94%E5%BD%95.txt");
	CHECK_CONTAINS(t_header(&r, "Content-Type", got, sizeof got), "text/plain");
	t_resp_free(&r);
	/* the supervisor reads it; another case's path does not */
	r = t_api(&d, "supervisor", "GET", path, NULL);
	CHECK_INT(r.status, 200);
	t_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/cases/%lld/evidence/%lld", (long long)c + 1,
		 (long long)id);
	r = t_api(&d, "officer1", "GET", path, NULL);
	CHECK_INT(r.status, 404);
	t_resp_free(&r);
	t_demo_stop(&d);
}

TEST(api_evidence_refusals_leave_no_row_and_no_file)
{
	struct t_demo d;
	REQUIRE(t_demo_start(&d));
	int64_t c = open_case(&d, "officer1");
	REQUIRE(c > 0);
	char path[200];
	snprintf(path, sizeof path, "/api/v1/cases/%lld/evidence", (long long)c);
	struct http_resp r = t_api(&d, "officer1", "GET", path, NULL);
	int64_t rows = t_json_int(&r, "total");
	t_resp_free(&r);

	d.ts.cfg.evidence_max = 16; /* a tiny limit, read per request */
	r = upload(&d, "officer1", c, NAME_Q, "text/plain", text, strlen(text), true);
	CHECK_ERROR(r, 413, "too_large", "file");
	t_resp_free(&r);
	r = upload(&d, "officer1", c, NAME_Q, "text/plain", text, strlen(text), false);
	CHECK_ERROR(r, 413, "too_large", "file");
	t_resp_free(&r);
	d.ts.cfg.evidence_max = 0;

	r = upload(&d, "officer1", c, "name=a.txt&kind=photo", "text/plain", text, strlen(text),
		   false);
	CHECK_ERROR(r, 400, "invalid", "record_kind");
	t_resp_free(&r);
	r = upload(&d, "officer1", c, "name=..&kind=text_record", "text/plain", text, strlen(text),
		   false);
	CHECK_ERROR(r, 400, "invalid", "file_name");
	t_resp_free(&r);
	r = upload(&d, "officer1", c, "name=a.txt&kind=text_record", "text plain", text,
		   strlen(text), false);
	CHECK_ERROR(r, 400, "invalid", "media_type");
	t_resp_free(&r);
	/* roles without case.act are refused before the body is read */
	r = upload(&d, "supervisor", c, NAME_Q, "text/plain", text, strlen(text), false);
	CHECK_INT(r.status, 403);
	t_resp_free(&r);
	r = upload(&d, NULL, c, NAME_Q, "text/plain", text, strlen(text), false);
	CHECK_INT(r.status, 401);
	t_resp_free(&r);
	/* a case outside the scope is missing */
	r = upload(&d, "officer1", 999999, NAME_Q, "text/plain", text, strlen(text), false);
	CHECK_INT(r.status, 404);
	t_resp_free(&r);

	CHECK_INT(tmp_files(&d), 0);
	r = t_api(&d, "officer1", "GET", path, NULL);
	CHECK_INT(t_json_int(&r, "total"), rows);
	t_resp_free(&r);
	t_demo_stop(&d);
}

TEST(api_ledger_checkpoint_is_public_and_its_signature_verifies)
{
	struct t_demo d;
	REQUIRE(t_demo_start(&d));
	struct http_resp r = t_api(&d, NULL, "GET", "/api/v1/ledger/checkpoint", NULL);
	CHECK_INT(r.status, 404);
	t_resp_free(&r);

	struct app_ctx ctx;
	struct ledger_checkpoint_row row;
	struct fz_error e = { 0 };
	bool made, created;
	REQUIRE(app_ledger_key_init(d.ts.data_dir, &created, &e) == FZ_OK);
	app_ctx_init(&ctx, d.ts.st, d.ts.a, &d.ts.cfg, "cli", time_now());
	app_ctx_as_cli(&ctx);
	REQUIRE(app_ledger_checkpoint(&ctx, &made, &row, &e) == FZ_OK);
	CHECK(made);

	r = t_api(&d, NULL, "GET", "/api/v1/ledger/checkpoint", NULL);
	CHECK_INT(r.status, 200);
	json_t *j = t_json(&r);
	REQUIRE(j);
	struct ledger_checkpoint cp = { .alg = LEDGER_HASH_SM3 };
	cp.size = (uint64_t)json_integer_value(json_object_get(j, "tree_size"));
	cp.at = (int64_t)json_integer_value(json_object_get(j, "at"));
	snprintf(cp.origin, sizeof cp.origin, "%s",
		 json_string_value(json_object_get(j, "origin")) ?: "");
	CHECK(cp.origin[0] != '\0');
	CHECK(crypto_unhex(json_string_value(json_object_get(j, "root")), cp.root, 32));
	CHECK(crypto_unhex(json_string_value(json_object_get(j, "public_key")), cp.pubkey, 32));
	CHECK(crypto_unhex(json_string_value(json_object_get(j, "signature")), cp.sig, 64));
	CHECK(ledger_checkpoint_verify(&cp));
	CHECK_INT((int64_t)cp.size, row.tree_size);
	CHECK_CONTAINS(json_string_value(json_object_get(j, "public_key_pem")), "BEGIN PUBLIC KEY");
	CHECK_CONTAINS(json_string_value(json_object_get(j, "signed_text")), "\nhash sm3\ntime ");
	json_decref(j);
	t_resp_free(&r);
	t_demo_stop(&d);
}

/* Evidence rows of case c, as its officer lists them. */
static int64_t evidence_count(struct t_demo *d, int64_t c)
{
	char path[96];
	snprintf(path, sizeof path, "/api/v1/cases/%lld/evidence", (long long)c);
	struct http_resp r = t_api(d, "officer1", "GET", path, NULL);
	int64_t n = t_json_int(&r, "total");
	t_resp_free(&r);
	return n;
}

TEST(evidence_types_are_matched_exactly_against_the_allow_list)
{
	static const char *const refused[] = {
		"text/html", "image/svg+xml", "application/octet-stream", "application/javascript",
		"application/zip", "image/jpegx", "image/jpeg+xml", "text/plain-x", "xtext/plain",
		"application/x-msdownload", "TEXT/HTML; charset=utf-8",
	};
	static const char *const accepted[] = { "image/jpeg", "application/pdf",
						"Text/Plain; charset=utf-8", "video/mp4" };
	struct t_demo d;
	REQUIRE(t_demo_start(&d));
	int64_t c = open_case(&d, "officer1");
	REQUIRE(c > 0);
	int64_t before = evidence_count(&d, c), audits = t_audit_count(&d.ts);
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		struct http_resp r = upload(&d, "officer1", c, NAME_Q, refused[i], text,
					    strlen(text), false);
		CHECK_ERROR(r, 400, "invalid", "media_type");
		CHECK_CONTAINS(r.body, "不支持的文件类型");
		t_resp_free(&r);
	}
	CHECK_INT(evidence_count(&d, c), before);
	CHECK_INT(t_audit_count(&d.ts), audits);
	CHECK_INT(tmp_files(&d), 0);
	for (size_t i = 0; i < sizeof accepted / sizeof accepted[0]; i++) {
		struct http_resp r = upload(&d, "officer1", c, NAME_Q, accepted[i], text,
					    strlen(text), false);
		CHECK_INT(r.status, 201);
		t_resp_free(&r);
	}
	CHECK_INT(evidence_count(&d, c), before + 4);
	t_demo_stop(&d);
}

TEST(evidence_file_names_with_bidi_controls_are_refused)
{
	/* "笔录" + control + "txt.exe"-style tricks: U+202E, U+202A, U+2066,
	 * U+2069, U+200E, U+200F, U+061C */
	static const char *const names[] = {
		"name=a%E2%80%AEexe.txt", "name=a%E2%80%AAb.txt", "name=a%E2%81%A6b.txt",
		"name=a%E2%81%A9b.txt", "name=a%E2%80%8Eb.txt", "name=a%E2%80%8Fb.txt",
		"name=a%D8%9Cb.txt",
	};
	struct t_demo d;
	char q[128];
	REQUIRE(t_demo_start(&d));
	int64_t c = open_case(&d, "officer1");
	REQUIRE(c > 0);
	int64_t before = evidence_count(&d, c);
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		snprintf(q, sizeof q, "%s&kind=text_record", names[i]);
		struct http_resp r = upload(&d, "officer1", c, q, "text/plain", text, strlen(text),
					    false);
		CHECK_ERROR(r, 400, "invalid", "file_name");
		CHECK_CONTAINS(r.body, "控制字符");
		t_resp_free(&r);
	}
	CHECK_INT(evidence_count(&d, c), before);
	CHECK_INT(tmp_files(&d), 0);
	/* Right-to-left text itself is fine: only the controls are refused. */
	struct http_resp r = upload(&d, "officer1", c, "name=%D8%B9%D8%B1%D8%A8%D9%8A.txt"
				    "&kind=text_record", "text/plain", text, strlen(text), false);
	CHECK_INT(r.status, 201);
	t_resp_free(&r);
	t_demo_stop(&d);
}

TEST(an_agency_at_its_evidence_quota_gets_a_clear_error_and_nothing_is_stored)
{
	struct t_demo d;
	REQUIRE(t_demo_start(&d));
	int64_t c = open_case(&d, "officer1");
	REQUIRE(c > 0);
	struct http_resp r = upload(&d, "officer1", c, NAME_Q, "text/plain", "first", 5, false);
	CHECK_INT(r.status, 201);
	t_resp_free(&r);
	int64_t before = evidence_count(&d, c), audits = t_audit_count(&d.ts);
	/* The configured quota: everything the agency stores is over 4 bytes. */
	d.ts.cfg.evidence_quota = 4;
	r = upload(&d, "officer1", c, NAME_Q, "text/plain", text, strlen(text), false);
	CHECK_ERROR(r, 413, "too_large", "file");
	CHECK_CONTAINS(r.body, "证据存储空间已满");
	t_resp_free(&r);
	CHECK_INT(evidence_count(&d, c), before);
	CHECK_INT(t_audit_count(&d.ts), audits);
	CHECK_INT(tmp_files(&d), 0);
	/* Told before the file is sent: a client that announces 1 GB and
	 * waits for "100 Continue" gets the refusal instead. */
	char head[512], got[4096];
	snprintf(head, sizeof head,
		 "POST /api/v1/cases/%lld/evidence?name=v.mp4&kind=av_record HTTP/1.1\r\nHost: t\r\n"
		 "Authorization: Bearer %s\r\nContent-Type: video/mp4\r\n"
		 "Content-Length: 1000000000\r\nExpect: 100-continue\r\n\r\n",
		 (long long)c, t_demo_token(&d, "officer1"));
	int fd = t_raw_connect(d.ts.port, NULL);
	REQUIRE(fd >= 0);
	CHECK(t_raw_send(fd, head, strlen(head)));
	t_raw_read_to_close(fd, got, sizeof got, 20000);
	CHECK(strncmp(got, "HTTP/1.1 413", 12) == 0);
	CHECK_CONTAINS(got, "证据存储空间已满");
	close(fd);
	/* The default (20 GiB) leaves room again ... */
	d.ts.cfg.evidence_quota = 0;
	r = upload(&d, "officer1", c, NAME_Q, "text/plain", text, strlen(text), false);
	CHECK_INT(r.status, 201);
	t_resp_free(&r);
	/* ... unless the agency has its own, smaller one. */
	r = t_api(&d, "officer1", "GET", "/api/v1/me", NULL);
	json_t *me = t_json(&r);
	int64_t agency = (int64_t)json_integer_value(
		json_object_get(json_object_get(me, "user"), "agency_id"));
	json_decref(me);
	t_resp_free(&r);
	REQUIRE(agency > 0);
	sqlite3 *db;
	char sql[128];
	REQUIRE(sqlite3_open(d.ts.db, &db) == SQLITE_OK);
	snprintf(sql, sizeof sql, "UPDATE agencies SET evidence_quota = 10 WHERE id = %lld",
		 (long long)agency);
	CHECK_INT(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	r = upload(&d, "officer1", c, NAME_Q, "text/plain", text, strlen(text), false);
	CHECK_ERROR(r, 413, "too_large", "file");
	t_resp_free(&r);
	t_demo_stop(&d);
}
