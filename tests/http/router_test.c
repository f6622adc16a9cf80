/* router_test.c - the gates in front of every handler: sign-in, the
 * must-change-password rule and CSRF for cookie sessions. */
#include <stdio.h>

#include "harness.h"
#include "t.h"

TEST(anonymous_api_is_401)
{
	struct t_server ts;
	char h[128];
	REQUIRE(t_server_start(&ts));
	struct http_resp r = t_http(&ts, "GET", "/api/v1/me", NULL, NULL, NULL);
	CHECK_INT(r.status, 401);
	CHECK_CONTAINS(r.body, "\"code\":\"unauthorized\"");
	CHECK_CONTAINS(t_header(&r, "WWW-Authenticate", h, sizeof h), "Bearer");
	t_resp_free(&r);
	/* A token that names no session is anonymous too. */
	r = t_http(&ts, "GET", "/api/v1/me",
		   "00000000000000000000000000000000000000000000000000000000000000ff", NULL, NULL);
	CHECK_INT(r.status, 401);
	t_resp_free(&r);
	r = t_http(&ts, "GET", "/api/v1/me", "not-hex", NULL, NULL);
	CHECK_INT(r.status, 401);
	t_resp_free(&r);
	t_server_stop(&ts);
}

TEST(anonymous_page_redirects_to_login)
{
	struct t_server ts;
	char h[256];
	REQUIRE(t_server_start(&ts));
	struct http_resp r = t_http(&ts, "GET", "/workbench?tab=1", NULL, NULL, NULL);
	CHECK_INT(r.status, 303);
	CHECK_STR(t_header(&r, "Location", h, sizeof h), "/login?next=%2Fworkbench%3Ftab%3D1");
	t_resp_free(&r);
	t_server_stop(&ts);
}

TEST(cookie_post_without_csrf_is_refused)
{
	struct t_server ts;
	char token[65], csrf[65];
	REQUIRE(t_server_start(&ts));
	REQUIRE(t_server_user(&ts, "alice", "Secret-pass1", ROLE_OFFICER, false));
	REQUIRE(t_login(&ts, "alice", "Secret-pass1", token, csrf));

	/* API over the cookie: the header is required and must match. */
	struct http_resp r = t_http_cookie(&ts, "DELETE", "/api/v1/session", token, NULL, NULL,
					   NULL);
	CHECK_INT(r.status, 403);
	CHECK_CONTAINS(r.body, "\"code\":\"csrf_failed\"");
	CHECK_CONTAINS(r.body, "X-CSRF-Token");
	t_resp_free(&r);
	r = t_http_cookie(&ts, "DELETE", "/api/v1/session", token, NULL, NULL,
			  "0000000000000000000000000000000000000000000000000000000000000000");
	CHECK_INT(r.status, 403);
	t_resp_free(&r);

	/* A form over the cookie: the csrf field is required. */
	r = t_http_cookie(&ts, "POST", "/logout", token, "application/x-www-form-urlencoded",
			  "x=1", NULL);
	CHECK_INT(r.status, 403);
	CHECK_CONTAINS(r.body, "请返回上一页刷新后重新提交");
	t_resp_free(&r);

	/* The session survived all of that. */
	r = t_http_cookie(&ts, "GET", "/api/v1/me", token, NULL, NULL, NULL);
	CHECK_INT(r.status, 200);
	t_resp_free(&r);

	/* With the token, the form signs out. */
	char form[128];
	snprintf(form, sizeof form, "csrf=%s", csrf);
	r = t_http_cookie(&ts, "POST", "/logout", token, "application/x-www-form-urlencoded",
			  form, NULL);
	CHECK_INT(r.status, 303);
	CHECK_CONTAINS(r.headers, "fz_session=; Path=/; Max-Age=0");
	t_resp_free(&r);
	r = t_http_cookie(&ts, "GET", "/api/v1/me", token, NULL, NULL, NULL);
	CHECK_INT(r.status, 401);
	t_resp_free(&r);
	t_server_stop(&ts);
}

TEST(cookie_api_call_with_csrf_header_passes)
{
	struct t_server ts;
	char token[65], csrf[65];
	REQUIRE(t_server_start(&ts));
	REQUIRE(t_server_user(&ts, "alice", "Secret-pass1", ROLE_OFFICER, false));
	REQUIRE(t_login(&ts, "alice", "Secret-pass1", token, csrf));
	struct http_resp r = t_http_cookie(&ts, "DELETE", "/api/v1/session", token, NULL, NULL,
					   csrf);
	CHECK_INT(r.status, 204);
	t_resp_free(&r);
	t_server_stop(&ts);
}

TEST(bearer_post_needs_no_csrf)
{
	struct t_server ts;
	char token[65], csrf[65];
	REQUIRE(t_server_start(&ts));
	REQUIRE(t_server_user(&ts, "alice", "Secret-pass1", ROLE_OFFICER, false));
	REQUIRE(t_login(&ts, "alice", "Secret-pass1", token, csrf));
	struct http_resp r = t_http(&ts, "DELETE", "/api/v1/session", token, NULL, NULL);
	CHECK_INT(r.status, 204);
	t_resp_free(&r);
	r = t_http(&ts, "GET", "/api/v1/me", token, NULL, NULL);
	CHECK_INT(r.status, 401);
	t_resp_free(&r);
	t_server_stop(&ts);
}

TEST(must_change_password_blocks_everything_but_the_change)
{
	struct t_server ts;
	char token[65], csrf[65], h[256];
	REQUIRE(t_server_start(&ts));
	REQUIRE(t_server_user(&ts, "bob", "Initial-pass1", ROLE_OFFICER, true));
	REQUIRE(t_login(&ts, "bob", "Initial-pass1", token, csrf));

	struct http_resp r = t_http_cookie(&ts, "GET", "/workbench", token, NULL, NULL, NULL);
	CHECK_INT(r.status, 303);
	CHECK_STR(t_header(&r, "Location", h, sizeof h), "/password");
	t_resp_free(&r);
	r = t_http(&ts, "GET", "/api/v1/me", token, NULL, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "\"must_change_password\":true");
	t_resp_free(&r);
	r = t_http_cookie(&ts, "GET", "/password", token, NULL, NULL, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "请先设置新密码");
	t_resp_free(&r);

	r = t_http(&ts, "PUT", "/api/v1/me/password", token, "application/json",
		   "{\"old_password\":\"Initial-pass1\",\"new_password\":\"Better-pass2\"}");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "\"reauth\":true");
	t_resp_free(&r);
	/* The change ended the session; the new password signs in. */
	r = t_http(&ts, "GET", "/api/v1/me", token, NULL, NULL);
	CHECK_INT(r.status, 401);
	t_resp_free(&r);
	REQUIRE(t_login(&ts, "bob", "Better-pass2", token, csrf));
	r = t_http_cookie(&ts, "GET", "/workbench", token, NULL, NULL, NULL);
	CHECK_INT(r.status, 200);
	t_resp_free(&r);
	t_server_stop(&ts);
}

TEST(dead_session_cookie_is_dropped_with_a_reason)
{
	struct t_server ts;
	char token[65], csrf[65], h[256];
	REQUIRE(t_server_start(&ts));
	REQUIRE(t_server_user(&ts, "alice", "Secret-pass1", ROLE_OFFICER, false));
	REQUIRE(t_login(&ts, "alice", "Secret-pass1", token, csrf));
	struct http_resp r = t_http(&ts, "DELETE", "/api/v1/session", token, NULL, NULL);
	CHECK_INT(r.status, 204);
	t_resp_free(&r);

	r = t_http_cookie(&ts, "GET", "/workbench", token, NULL, NULL, NULL);
	CHECK_INT(r.status, 303);
	CHECK_STR(t_header(&r, "Location", h, sizeof h),
		  "/login?next=%2Fworkbench&msg=session_expired");
	CHECK_CONTAINS(r.headers, "fz_session=; Path=/; Max-Age=0");
	t_resp_free(&r);
	r = t_http(&ts, "GET", "/api/v1/me", token, NULL, NULL);
	CHECK_INT(r.status, 401);
	CHECK_CONTAINS(r.body, "登录已失效");
	t_resp_free(&r);
	t_server_stop(&ts);
}
