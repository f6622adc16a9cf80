/* api_me.c - the signed-in account: GET /api/v1/me shows it (with the
 * CSRF token a cookie-based client needs), PUT /api/v1/me/password
 * changes its password, which ends its sessions. */
#include "app/session.h"
#include "http/handlers.h"
#include "http/jsonin.h"
#include "http/jsonout.h"
#include "http/resp.h"

int api_me_get(struct req *r)
{
	return resp_json(r, 200, json_pack("{s:o, s:s}", "user", json_user(r->ctx.user),
					   "csrf", req_csrf(r)));
}

int api_me_password(struct req *r)
{
	struct jsonin in;
	struct fz_error e = { 0 };

	jsonin_begin(&in, r);
	const char *old_pw = jsonin_str(&in, "old_password", 256);
	const char *new_pw = jsonin_str(&in, "new_password", 256);
	if (!jsonin_ok(&in))
		return jsonin_fail(&in);

	enum fz_err rc = app_password_change(&r->ctx, old_pw, new_pw, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	/* app_password_change ends the user's sessions, this one included
	 * (ctx.session_id is then 0): the client signs in again. */
	bool reauth = r->ctx.session_id == 0;
	if (reauth && r->token_from_cookie)
		resp_cookie_clear(r);
	return resp_json(r, 200, json_pack("{s:s, s:s, s:b}", "status", "ok", "message",
					   reauth ? "密码已修改，请使用新密码重新登录"
						  : "密码已修改",
					   "reauth", (int)reauth));
}
