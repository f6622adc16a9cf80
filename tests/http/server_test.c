/* server_test.c - what every request gets from the server: routing to
 * 404/405, body limits (413 before anything is processed), security
 * headers, the embedded stylesheet and the health check. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "http/asset.h"
#include "t.h"

TEST(healthz_answers_ok)
{
	struct t_server ts;
	REQUIRE(t_server_start(&ts));
	struct http_resp r = t_http(&ts, "GET", "/healthz", NULL, NULL, NULL);
	CHECK_INT(r.status, 200);
	CHECK_STR(r.body, "{\"status\":\"ok\"}");
	t_resp_free(&r);
	r = t_http(&ts, "HEAD", "/healthz", NULL, NULL, NULL);
	CHECK_INT(r.status, 200);
	CHECK_STR(r.body, "");
	t_resp_free(&r);
	t_server_stop(&ts);
}

TEST(unknown_route_is_404)
{
	struct t_server ts;
	REQUIRE(t_server_start(&ts));
	struct http_resp r = t_http(&ts, "GET", "/api/v1/nothing-here", NULL, NULL, NULL);
	CHECK_INT(r.status, 404);
	CHECK_CONTAINS(r.body, "\"code\":\"not_found\"");
	t_resp_free(&r);
	r = t_http(&ts, "GET", "/no/such/page", NULL, NULL, NULL);
	CHECK_INT(r.status, 404);
	CHECK_CONTAINS(r.body, "<!doctype html>");
	CHECK_CONTAINS(r.body, "页面不存在");
	t_resp_free(&r);
	r = t_http(&ts, "GET", "/workbench/", NULL, NULL, NULL);
	CHECK_INT(r.status, 404);
	t_resp_free(&r);
	t_server_stop(&ts);
}

TEST(wrong_method_is_405)
{
	struct t_server ts;
	char allow[128];
	REQUIRE(t_server_start(&ts));
	struct http_resp r = t_http(&ts, "PATCH", "/api/v1/session", NULL, "application/json",
				    "{}");
	CHECK_INT(r.status, 405);
	CHECK_STR(t_header(&r, "Allow", allow, sizeof allow), "POST, DELETE");
	CHECK_CONTAINS(r.body, "method_not_allowed");
	t_resp_free(&r);
	r = t_http(&ts, "DELETE", "/healthz", NULL, NULL, NULL);
	CHECK_INT(r.status, 405);
	CHECK_STR(t_header(&r, "Allow", allow, sizeof allow), "GET, HEAD");
	t_resp_free(&r);
	t_server_stop(&ts);
}

static char *big_login_body(size_t size)
{
	char *body = malloc(size + 1);
	const char *head = "{\"username\":\"alice\",\"password\":\"Secret-pass1\",\"pad\":\"";
	size_t hl = strlen(head);
	memcpy(body, head, hl);
	memset(body + hl, 'x', size - hl - 2);
	memcpy(body + size - 2, "\"}", 3);
	return body;
}

TEST(oversized_body_is_413_and_changes_nothing)
{
	struct t_server ts;
	REQUIRE(t_server_start(&ts));
	REQUIRE(t_server_user(&ts, "alice", "Secret-pass1", ROLE_OFFICER, false));
	int64_t audits = t_audit_count(&ts);
	char *body = big_login_body(2 * 1024 * 1024);

	/* Announced with Content-Length: refused before the body is read. */
	struct t_req rq = { .method = "POST", .path = "/api/v1/session",
			    .content_type = "application/json", .body = body,
			    .expect_continue = true };
	struct http_resp r = t_http_req(&ts, &rq);
	CHECK_INT(r.status, 413);
	CHECK_CONTAINS(r.body, "\"code\":\"too_large\"");
	t_resp_free(&r);

	/* Chunked, length unknown up front: read, dropped, refused. */
	struct t_req chunked = rq;
	chunked.chunked = true;
	chunked.expect_continue = false;
	r = t_http_req(&ts, &chunked);
	CHECK_INT(r.status, 413);
	t_resp_free(&r);

	/* Forms have a 64 KiB limit. */
	struct t_req form = { .method = "POST", .path = "/login",
			      .content_type = "application/x-www-form-urlencoded",
			      .body = body, .body_len = 100 * 1024, .expect_continue = true };
	r = t_http_req(&ts, &form);
	CHECK_INT(r.status, 413);
	CHECK_CONTAINS(r.body, "64 KiB");
	t_resp_free(&r);

	/* Nothing was signed in, failed or audited. */
	CHECK_INT(t_audit_count(&ts), audits);

	/* Just under the limit is processed normally. */
	free(body);
	body = big_login_body(1024 * 1024);
	rq.body = body;
	r = t_http_req(&ts, &rq);
	CHECK_INT(r.status, 400); /* the unknown field "pad" */
	CHECK_CONTAINS(r.body, "\"field\":\"pad\"");
	t_resp_free(&r);
	free(body);
	t_server_stop(&ts);
}

TEST(security_headers_present)
{
	struct t_server ts;
	char h[256];
	REQUIRE(t_server_start(&ts));
	struct http_resp r = t_http(&ts, "GET", "/", NULL, NULL, NULL);
	CHECK_INT(r.status, 200);
	CHECK_STR(t_header(&r, "X-Content-Type-Options", h, sizeof h), "nosniff");
	CHECK_STR(t_header(&r, "X-Frame-Options", h, sizeof h), "DENY");
	CHECK_CONTAINS(t_header(&r, "Content-Security-Policy", h, sizeof h), "default-src 'self'");
	CHECK_CONTAINS(h, "frame-ancestors 'none'");
	CHECK_STR(t_header(&r, "Referrer-Policy", h, sizeof h), "same-origin");
	CHECK_STR(t_header(&r, "Cache-Control", h, sizeof h), "no-store");
	CHECK_STR(t_header(&r, "Content-Type", h, sizeof h), "text/html; charset=utf-8");
	t_resp_free(&r);

	/* JSON errors carry them too. */
	r = t_http(&ts, "GET", "/api/v1/me", NULL, NULL, NULL);
	CHECK_STR(t_header(&r, "X-Frame-Options", h, sizeof h), "DENY");
	CHECK_STR(t_header(&r, "Cache-Control", h, sizeof h), "no-store");
	t_resp_free(&r);
	t_server_stop(&ts);
}

TEST(stylesheet_is_embedded_and_cached_long)
{
	struct t_server ts;
	char h[256];
	REQUIRE(t_server_start(&ts));
	struct http_resp page = t_http(&ts, "GET", "/", NULL, NULL, NULL);
	CHECK_CONTAINS(page.body, asset_css_href());
	t_resp_free(&page);

	struct http_resp r = t_http(&ts, "GET", asset_css_href(), NULL, NULL, NULL);
	CHECK_INT(r.status, 200);
	CHECK_STR(t_header(&r, "Content-Type", h, sizeof h), "text/css; charset=utf-8");
	CHECK_CONTAINS(t_header(&r, "Cache-Control", h, sizeof h), "max-age=31536000");
	CHECK_CONTAINS(r.body, "@media print");
	CHECK_STR(t_header(&r, "X-Content-Type-Options", h, sizeof h), "nosniff");
	t_resp_free(&r);

	/* An old version's URL still gets the file, but uncached. */
	r = t_http(&ts, "GET", "/static/fazhi.css?v=00000000", NULL, NULL, NULL);
	CHECK_INT(r.status, 200);
	CHECK_STR(t_header(&r, "Cache-Control", h, sizeof h), "no-store");
	t_resp_free(&r);
	t_server_stop(&ts);
}

TEST(invalid_utf8_in_query_is_400)
{
	struct t_server ts;
	REQUIRE(t_server_start(&ts));
	struct http_resp r = t_http(&ts, "GET", "/healthz?q=%FF", NULL, NULL, NULL);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "请求包含无效的 UTF-8 编码");
	t_resp_free(&r);
	r = t_http(&ts, "GET", "/healthz?q=%E4%B8%AD", NULL, NULL, NULL);
	CHECK_INT(r.status, 200);
	t_resp_free(&r);
	t_server_stop(&ts);
}
