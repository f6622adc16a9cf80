/* page_test.c - the browser side: the home page, signing in through the
 * form (with a safe redirect), the workbench menu following roles, and
 * the password form. */
#include <stdio.h>

#include "harness.h"
#include "t.h"

#define FORM "application/x-www-form-urlencoded"

/* Shows the sign-in form as a browser would: the pre-session cookie
 * ("fz_login=...") and the form's login_csrf value. */
static bool login_form_get(struct t_server *ts, char cookie[80], char field[65])
{
	char set[256];
	struct http_resp r = t_http(ts, "GET", "/login", NULL, NULL, NULL);
	t_header(&r, "Set-Cookie", set, sizeof set);
	const char *v = strstr(r.body, "name=\"login_csrf\" value=\"");
	bool ok = r.status == 200 && sscanf(set, "fz_login=%64[0-9a-f]", cookie + 9) == 1 && v &&
		  sscanf(v, "name=\"login_csrf\" value=\"%64[0-9a-f]", field) == 1;
	memcpy(cookie, "fz_login=", 9);
	if (!ok)
		t_fail(__FILE__, __LINE__, "GET /login: %ld %s", r.status, set);
	t_resp_free(&r);
	return ok;
}

/* POST /login with the form's token added to body. */
static struct http_resp login_post(struct t_server *ts, const char *body)
{
	char cookie[80], field[65], full[1024];
	if (!login_form_get(ts, cookie, field))
		return (struct http_resp){ 0, NULL, NULL };
	snprintf(full, sizeof full, "%s&login_csrf=%s", body, field);
	struct t_req rq = { .method = "POST", .path = "/login", .content_type = FORM,
			    .body = full, .cookie = cookie };
	return t_http_req(ts, &rq);
}

/* Signs in through the form; writes the cookie's token. */
static bool form_login(struct t_server *ts, const char *body, char token[65], char *loc,
		       size_t loclen)
{
	char cookie[256];
	struct http_resp r = login_post(ts, body);
	t_header(&r, "Location", loc, loclen);
	t_header(&r, "Set-Cookie", cookie, sizeof cookie);
	bool ok = r.status == 303 && sscanf(cookie, "fz_session=%64[0-9a-f]", token) == 1;
	t_resp_free(&r);
	return ok;
}

TEST(home_page_is_public_and_chinese)
{
	struct t_server ts;
	REQUIRE(t_server_start(&ts));
	struct http_resp r = t_http(&ts, "GET", "/", NULL, NULL, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "<html lang=\"zh-CN\">");
	CHECK_CONTAINS(r.body, "name=\"viewport\"");
	CHECK_CONTAINS(r.body, "法治政府建设信息平台");
	CHECK_CONTAINS(r.body, "href=\"/certificates/check\"");
	CHECK_CONTAINS(r.body, "href=\"/login\"");
	CHECK(!strstr(r.body, "<script"));
	t_resp_free(&r);
	t_server_stop(&ts);
}

TEST(login_form_redirects_only_to_local_next)
{
	struct t_server ts;
	char token[65], loc[256];
	REQUIRE(t_server_start(&ts));
	REQUIRE(t_server_user(&ts, "alice", "Secret-pass1", ROLE_OFFICER, false));

	struct http_resp r = t_http(&ts, "GET", "/login?next=%2Fworkbench", NULL, NULL, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "name=\"next\" value=\"/workbench\"");
	t_resp_free(&r);

	CHECK(form_login(&ts, "username=alice&password=Secret-pass1&next=%2Fpassword", token,
			 loc, sizeof loc));
	CHECK_STR(loc, "/password");
	CHECK(form_login(&ts, "username=alice&password=Secret-pass1&next=%2F%2Fevil.example",
			 token, loc, sizeof loc));
	CHECK_STR(loc, "/workbench");
	CHECK(form_login(&ts, "username=alice&password=Secret-pass1&next=https%3A%2F%2Fevil",
			 token, loc, sizeof loc));
	CHECK_STR(loc, "/workbench");
	CHECK(form_login(&ts, "username=alice&password=Secret-pass1&next=%2F%5Cevil", token, loc,
			 sizeof loc));
	CHECK_STR(loc, "/workbench");
	t_server_stop(&ts);
}

TEST(login_form_shows_errors_in_chinese_and_escapes_input)
{
	struct t_server ts;
	REQUIRE(t_server_start(&ts));
	REQUIRE(t_server_user(&ts, "alice", "Secret-pass1", ROLE_OFFICER, false));
	struct http_resp r = login_post(&ts, "username=%3Cb%3Ealice&password=nope");
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "用户名或密码错误");
	CHECK_CONTAINS(r.body, "value=\"&lt;b&gt;alice\"");
	CHECK(!strstr(r.body, "<b>alice"));
	t_resp_free(&r);
	r = login_post(&ts, "username=&password=");
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "请输入用户名和密码");
	t_resp_free(&r);
	t_server_stop(&ts);
}

TEST(login_form_refuses_a_post_without_its_pre_session_token)
{
	struct t_server ts;
	char cookie[80], field[65], other[80], body[256];
	REQUIRE(t_server_start(&ts));
	REQUIRE(t_server_user(&ts, "alice", "Secret-pass1", ROLE_OFFICER, false));
	REQUIRE(login_form_get(&ts, cookie, field));
	REQUIRE(login_form_get(&ts, other, body)); /* another browser's form */
	int64_t audits = t_audit_count(&ts);
	/* What another site's form can send: no cookie (SameSite=Strict), or
	 * a field that belongs to a different cookie. */
	const struct t_req bad[] = {
		{ .method = "POST", .path = "/login", .content_type = FORM,
		  .body = "username=alice&password=Secret-pass1" },
		{ .method = "POST", .path = "/login", .content_type = FORM,
		  .body = "username=alice&password=Secret-pass1", .cookie = cookie },
		{ .method = "POST", .path = "/login", .content_type = FORM,
		  .body = body, .cookie = other },
	};
	snprintf(body, sizeof body, "username=alice&password=Secret-pass1&login_csrf=%s", field);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct http_resp r = t_http_req(&ts, &bad[i]);
		CHECK_INT(r.status, 403);
		CHECK_CONTAINS(r.body, "登录页面已过期");
		CHECK(!strstr(r.headers, "fz_session="));
		t_resp_free(&r);
	}
	CHECK_INT(t_audit_count(&ts), audits + 3); /* each refusal recorded */
	/* The same form with its own cookie signs in. */
	struct t_req good = { .method = "POST", .path = "/login", .content_type = FORM,
			      .body = body, .cookie = cookie };
	struct http_resp r = t_http_req(&ts, &good);
	CHECK_INT(r.status, 303);
	CHECK_CONTAINS(r.headers, "fz_session=");
	t_resp_free(&r);
	t_server_stop(&ts);
}

TEST(workbench_menu_follows_roles)
{
	struct t_server ts;
	char token[65], loc[256];
	REQUIRE(t_server_start(&ts));
	REQUIRE(t_server_user(&ts, "alice", "Secret-pass1", ROLE_OFFICER, false));
	REQUIRE(t_server_user(&ts, "audra", "Secret-pass1", ROLE_AUDITOR, false));

	REQUIRE(form_login(&ts, "username=alice&password=Secret-pass1", token, loc, sizeof loc));
	CHECK_STR(loc, "/workbench");
	struct http_resp r = t_http_cookie(&ts, "GET", "/workbench", token, NULL, NULL, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "执法人员");     /* the role label */
	CHECK_CONTAINS(r.body, "href=\"/agencies\"");
	CHECK_CONTAINS(r.body, "href=\"/certificates\"");
	CHECK(!strstr(r.body, "href=\"/audit\""));
	CHECK(!strstr(r.body, "href=\"/policy\""));
	CHECK_CONTAINS(r.body, "action=\"/logout\"");
	CHECK_CONTAINS(r.body, "name=\"csrf\"");
	t_resp_free(&r);

	REQUIRE(form_login(&ts, "username=audra&password=Secret-pass1", token, loc, sizeof loc));
	r = t_http_cookie(&ts, "GET", "/workbench", token, NULL, NULL, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "href=\"/audit\"");
	CHECK(!strstr(r.body, "href=\"/agencies\""));
	t_resp_free(&r);
	t_server_stop(&ts);
}

TEST(password_form_changes_password_and_signs_out)
{
	struct t_server ts;
	char token[65], csrf[65], loc[256], body[512];
	REQUIRE(t_server_start(&ts));
	REQUIRE(t_server_user(&ts, "dave", "Initial-pass1", ROLE_HEAD, true));
	REQUIRE(form_login(&ts, "username=dave&password=Initial-pass1", token, loc, sizeof loc));
	CHECK_STR(loc, "/password");
	struct http_resp r = t_http(&ts, "GET", "/api/v1/me", token, NULL, NULL);
	REQUIRE(sscanf(strstr(r.body, "\"csrf\":\"") ? strstr(r.body, "\"csrf\":\"") : "",
		       "\"csrf\":\"%64[0-9a-f]", csrf) == 1);
	t_resp_free(&r);

	snprintf(body, sizeof body,
		 "csrf=%s&old_password=Initial-pass1&new_password=Better-pass2&confirm=Other",
		 csrf);
	r = t_http_cookie(&ts, "POST", "/password", token, FORM, body, NULL);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "两次输入的新密码不一致");
	t_resp_free(&r);

	snprintf(body, sizeof body,
		 "csrf=%s&old_password=Initial-pass1&new_password=Better-pass2"
		 "&confirm=Better-pass2",
		 csrf);
	r = t_http_cookie(&ts, "POST", "/password", token, FORM, body, NULL);
	CHECK_INT(r.status, 303);
	CHECK_STR(t_header(&r, "Location", loc, sizeof loc), "/login?msg=password_changed");
	CHECK_CONTAINS(r.headers, "fz_session=;");
	t_resp_free(&r);

	r = t_http(&ts, "GET", "/login?msg=password_changed", NULL, NULL, NULL);
	CHECK_CONTAINS(r.body, "密码已修改");
	t_resp_free(&r);
	CHECK(form_login(&ts, "username=dave&password=Better-pass2", token, loc, sizeof loc));
	CHECK_STR(loc, "/workbench");
	t_server_stop(&ts);
}
