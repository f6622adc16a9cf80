/* page_login.c - the sign-in form (GET/POST /login) and sign-out
 * (POST /logout). After signing in the browser goes to ?next= when it is
 * a local path, so a link cannot bounce a user to another site.
 *
 * Login CSRF: another site must not sign a browser in to an account of
 * its choosing. The form carries a pre-session token: GET /login sets a
 * random fz_login cookie (SameSite=Strict, so no other site's form sends
 * it) and puts a value derived from it in the form; POST /login is
 * refused unless the two match. */
#include <string.h>

#include "app/audit.h"
#include "app/session.h"
#include "base/crypto.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/resp.h"

/* next when it is a local path (resp_local_path) other than the sign-in
 * and sign-out pages; else /workbench. */
static const char *safe_next(const char *next)
{
	if (!resp_local_path(next) || strncmp(next, "/login", 6) == 0 ||
	    strncmp(next, "/logout", 7) == 0)
		return "/workbench";
	return next;
}

static int login_page(struct req *r, int status, const char *username, const char *next,
		      enum fz_err rc, const struct fz_error *e)
{
	struct buf b = BUF_INIT;
	unsigned char raw[32];
	char pre[65], field[SESSION_CSRF_HEX];

	/* A fresh pre-session token with every form shown. */
	if (crypto_random(raw, sizeof raw))
		return page_error(r, 500, NULL);
	crypto_hex(raw, sizeof raw, pre);
	app_csrf_token(pre, field);
	resp_login_cookie_set(r, pre);
	page_begin(r, &b, "登录");
	page_notice(r, &b);
	if (rc)
		page_error_box(&b, rc, e);
	html_raw(&b, "<form class=\"stack narrow\" method=\"post\" action=\"/login\">\n");
	html_f(&b, "<input type=\"hidden\" name=\"next\" value=\"%s\">\n", safe_next(next));
	html_f(&b, "<input type=\"hidden\" name=\"login_csrf\" value=\"%s\">\n", field);
	html_f(&b,
	       "<label for=\"username\">用户名</label>\n"
	       "<input id=\"username\" name=\"username\" autocomplete=\"username\" required "
	       "maxlength=\"64\" value=\"%s\"%s>\n",
	       username ? username : "", username ? "" : " autofocus");
	html_f(&b, "<label for=\"password\">密码</label>\n"
		   "<input id=\"password\" name=\"password\" type=\"password\" "
		   "autocomplete=\"current-password\" required maxlength=\"256\"%s>\n"
		   "<button type=\"submit\">登录</button>\n</form>\n",
	       username ? " autofocus" : "");
	html_raw(&b, "<p class=\"hint\">忘记密码或账号被锁定，请联系本单位系统管理员。</p>\n");
	page_end(r, &b);
	return resp_html(r, status, &b);
}

int page_login_form(struct req *r)
{
	if (r->ctx.user)
		return resp_redirect(r, safe_next(req_query(r, "next")));
	return login_page(r, 200, NULL, req_query(r, "next"), FZ_OK, NULL);
}

int page_login_submit(struct req *r)
{
	struct fz_error e = { 0 };
	char token[SESSION_TOKEN_HEX];
	struct user *u = NULL;
	const char *username = req_form(r, "username");
	const char *password = req_form(r, "password");
	const char *next = req_form(r, "next");
	enum fz_err rc;

	if (!app_csrf_check(req_cookie(r, HTTP_LOGIN_COOKIE), req_form(r, "login_csrf"))) {
		r->ctx.actor = username;
		(void)app_audit_now(&r->ctx, "session.create", NULL, 0, "denied",
				    "login form token missing or wrong");
		rc = fz_fail(&e, FZ_FORBIDDEN, NULL,
			     "登录页面已过期或来源无法确认，请重新输入用户名和密码");
		return login_page(r, 403, NULL, next, rc, &e);
	}
	if (!username || !*username || !password || !*password) {
		rc = fz_fail(&e, FZ_INVALID, !username || !*username ? "username" : "password",
			     "请输入用户名和密码");
		return login_page(r, 400, username, next, rc, &e);
	}
	if (strlen(username) > 256 || strlen(password) > 1024) {
		rc = fz_fail(&e, FZ_INVALID, NULL, "用户名或密码过长");
		return login_page(r, 400, NULL, next, rc, &e);
	}
	rc = app_login(&r->ctx, username, password, token, &u, &e);
	if (rc)
		return login_page(r, fz_err_http_status(rc), username, next, rc, &e);
	resp_cookie_set(r, token);
	return resp_redirect(r, u->must_change_password ? "/password" : safe_next(next));
}

int page_logout(struct req *r)
{
	struct fz_error e = { 0 };
	if (r->ctx.user && r->ctx.session_id) {
		enum fz_err rc = app_logout(&r->ctx, &e);
		if (rc)
			return page_error(r, fz_err_http_status(rc), e.message[0] ? e.message : NULL);
	}
	resp_cookie_clear(r);
	return resp_redirect(r, "/login?msg=signed_out");
}
