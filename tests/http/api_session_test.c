/* api_session_test.c - signing in through the API: the answer, the cookie
 * it sets, and the errors for wrong credentials. */
#include "harness.h"
#include "t.h"

TEST(login_sets_httponly_samesite_cookie)
{
	struct t_server ts;
	char cookie[256];
	REQUIRE(t_server_start(&ts));
	REQUIRE(t_server_user(&ts, "alice", "Secret-pass1", ROLE_OFFICER | ROLE_REVIEWER, false));
	struct http_resp r = t_http(&ts, "POST", "/api/v1/session", NULL, "application/json",
				    "{\"username\":\"alice\",\"password\":\"Secret-pass1\"}");
	CHECK_INT(r.status, 201);
	CHECK_CONTAINS(r.body, "\"token\":\"");
	CHECK_CONTAINS(r.body, "\"csrf\":\"");
	CHECK_CONTAINS(r.body, "\"username\":\"alice\"");
	CHECK_CONTAINS(r.body, "\"roles\":[\"officer\",\"reviewer\"]");
	CHECK_CONTAINS(r.body, "\"must_change_password\":false");
	CHECK(!strstr(r.body, "scrypt"));
	t_header(&r, "Set-Cookie", cookie, sizeof cookie);
	CHECK(strncmp(cookie, "fz_session=", 11) == 0);
	CHECK_CONTAINS(cookie, "; HttpOnly");
	CHECK_CONTAINS(cookie, "; SameSite=Strict");
	CHECK_CONTAINS(cookie, "; Path=/");
	CHECK(!strstr(cookie, "Secure")); /* cookie_secure is off by default */
	t_resp_free(&r);
	t_server_stop(&ts);
}

TEST(wrong_password_is_refused_without_naming_which)
{
	struct t_server ts;
	REQUIRE(t_server_start(&ts));
	REQUIRE(t_server_user(&ts, "alice", "Secret-pass1", ROLE_OFFICER, false));
	struct http_resp r = t_http(&ts, "POST", "/api/v1/session", NULL, "application/json",
				    "{\"username\":\"alice\",\"password\":\"wrong\"}");
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "用户名或密码错误");
	CHECK(!strstr(r.headers, "Set-Cookie"));
	t_resp_free(&r);
	r = t_http(&ts, "POST", "/api/v1/session", NULL, "application/json",
		   "{\"username\":\"nobody\",\"password\":\"wrong\"}");
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "用户名或密码错误");
	t_resp_free(&r);
	t_server_stop(&ts);
}

TEST(me_shows_the_account_and_csrf)
{
	struct t_server ts;
	char token[65], csrf[65];
	REQUIRE(t_server_start(&ts));
	REQUIRE(t_server_user(&ts, "carol", "Secret-pass1", ROLE_AUDITOR, false));
	REQUIRE(t_login(&ts, "carol", "Secret-pass1", token, csrf));
	struct http_resp r = t_http(&ts, "GET", "/api/v1/me", token, NULL, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "\"username\":\"carol\"");
	CHECK_CONTAINS(r.body, "\"roles\":[\"auditor\"]");
	CHECK_CONTAINS(r.body, csrf);
	t_resp_free(&r);
	t_server_stop(&ts);
}

TEST(cookie_secure_sets_secure_cookies_and_hsts)
{
	struct t_server ts;
	char cookie[256], hsts[128];
	REQUIRE(t_server_start(&ts));
	ts.cfg.cookie_secure = true; /* fazhi serve --cookie-secure */
	REQUIRE(t_server_user(&ts, "alice", "Secret-pass1", ROLE_OFFICER, false));
	struct http_resp r = t_http(&ts, "POST", "/api/v1/session", NULL, "application/json",
				    "{\"username\":\"alice\",\"password\":\"Secret-pass1\"}");
	CHECK_INT(r.status, 201);
	t_header(&r, "Set-Cookie", cookie, sizeof cookie);
	CHECK_CONTAINS(cookie, "; Secure");
	CHECK_CONTAINS(t_header(&r, "Strict-Transport-Security", hsts, sizeof hsts), "max-age=");
	t_resp_free(&r);
	r = t_http(&ts, "GET", "/login", NULL, NULL, NULL);
	t_header(&r, "Set-Cookie", cookie, sizeof cookie);
	CHECK_CONTAINS(cookie, "fz_login=");
	CHECK_CONTAINS(cookie, "; Secure");
	CHECK_CONTAINS(t_header(&r, "Strict-Transport-Security", hsts, sizeof hsts), "max-age=");
	t_resp_free(&r);
	t_server_stop(&ts);
}
