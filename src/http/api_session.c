/* api_session.c - POST /api/v1/session signs in (token in the body and
 * in an HttpOnly cookie), DELETE /api/v1/session signs out. Lockout, rate
 * limits and auditing live in app_login/app_logout. */
#include "app/session.h"
#include "http/handlers.h"
#include "http/jsonin.h"
#include "http/jsonout.h"
#include "http/resp.h"

int api_session_create(struct req *r)
{
	struct jsonin in;
	struct fz_error e = { 0 };
	char token[SESSION_TOKEN_HEX];
	char csrf[SESSION_CSRF_HEX];
	struct user *u = NULL;

	jsonin_begin(&in, r);
	const char *username = jsonin_str(&in, "username", 64);
	const char *password = jsonin_str(&in, "password", 256);
	if (!jsonin_ok(&in))
		return jsonin_fail(&in);

	enum fz_err rc = app_login(&r->ctx, username, password, token, &u, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	app_csrf_token(token, csrf);
	resp_cookie_set(r, token);
	return resp_json(r, 201, json_pack("{s:s, s:s, s:o}", "token", token, "csrf", csrf,
					   "user", json_user(u)));
}

int api_session_delete(struct req *r)
{
	struct fz_error e = { 0 };
	enum fz_err rc = app_logout(&r->ctx, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	resp_cookie_clear(r);
	return resp_empty(r, 204);
}
