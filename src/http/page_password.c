/* page_password.c - GET/POST /password: the signed-in user changes their
 * own password (required after first sign-in or a reset). Changing it
 * ends every session, so the browser signs in again afterwards. */
#include <string.h>

#include "app/session.h"
#include "domain/password.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/resp.h"

static int password_page(struct req *r, int status, enum fz_err rc,
			 const struct fz_error *e)
{
	struct buf b = BUF_INIT;

	page_begin(r, &b, "修改密码");
	if (r->ctx.user->must_change_password)
		page_flash(&b, FLASH_INFO, "首次登录或密码已被重置，请先设置新密码。");
	if (rc)
		page_error_box(&b, rc, e);
	html_raw(&b, "<form class=\"stack narrow\" method=\"post\" action=\"/password\">\n");
	page_csrf_field(r, &b);
	html_f(&b,
	       "<label for=\"old_password\">原密码</label>\n"
	       "<input id=\"old_password\" name=\"old_password\" type=\"password\" "
	       "autocomplete=\"current-password\" required maxlength=\"256\">\n"
	       "<label for=\"new_password\">新密码</label>\n"
	       "<input id=\"new_password\" name=\"new_password\" type=\"password\" "
	       "autocomplete=\"new-password\" required minlength=\"%d\" maxlength=\"%d\" "
	       "aria-describedby=\"pw-hint\">\n"
	       "<p id=\"pw-hint\" class=\"hint\">至少 %d 个字符，包含小写字母、大写字母、数字、"
	       "其他符号中的至少 %d 类，且不能包含用户名；不能是常见密码（如 Password@123、"
	       "Woaini1314!），也不能与最近 %d 次用过的密码相同。</p>\n"
	       "<label for=\"confirm\">再次输入新密码</label>\n"
	       "<input id=\"confirm\" name=\"confirm\" type=\"password\" "
	       "autocomplete=\"new-password\" required maxlength=\"%d\">\n"
	       "<button type=\"submit\">修改密码</button>\n</form>\n",
	       PASSWORD_MIN_CHARS, PASSWORD_MAX_BYTES, PASSWORD_MIN_CHARS, PASSWORD_MIN_CLASSES,
	       r->ctx.cfg->password_history, PASSWORD_MAX_BYTES);
	page_end(r, &b);
	return resp_html(r, status, &b);
}

int page_password_form(struct req *r)
{
	return password_page(r, 200, FZ_OK, NULL);
}

int page_password_submit(struct req *r)
{
	struct fz_error e = { 0 };
	const char *old_pw = req_form(r, "old_password");
	const char *new_pw = req_form(r, "new_password");
	const char *confirm = req_form(r, "confirm");
	enum fz_err rc;

	if (!old_pw || !*old_pw || !new_pw || !*new_pw) {
		rc = fz_fail(&e, FZ_INVALID, NULL, "请填写原密码和新密码");
		return password_page(r, 400, rc, &e);
	}
	if (!confirm || strcmp(new_pw, confirm) != 0) {
		rc = fz_fail(&e, FZ_INVALID, "confirm", "两次输入的新密码不一致");
		return password_page(r, 400, rc, &e);
	}
	rc = app_password_change(&r->ctx, old_pw, new_pw, &e);
	if (rc)
		return password_page(r, fz_err_http_status(rc), rc, &e);
	if (r->ctx.session_id == 0) {
		/* Every session ended with the old password: sign in again. */
		resp_cookie_clear(r);
		return resp_redirect(r, "/login?msg=password_changed");
	}
	return resp_redirect(r, "/workbench?msg=password_saved");
}
