/* page_user_roles.c - GET/POST /users/{id}/roles: the security
 * administrator ticks an account's roles. The 三员分立 rule and the
 * "never your own roles" rule are the app layer's; a refusal comes back
 * as the same form, with the boxes as ticked and the reason in Chinese. */
#include <stdio.h>
#include <string.h>

#include "app/org.h"
#include "app/people.h"
#include "domain/roles.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/pagekit.h"
#include "http/resp.h"

static const unsigned role_bits[] = {
	ROLE_OFFICER, ROLE_REVIEWER, ROLE_HEAD, ROLE_SUPERVISOR,
	ROLE_SYSADMIN, ROLE_SECADMIN, ROLE_AUDITOR,
};
#define NROLES (sizeof role_bits / sizeof role_bits[0])

static int roles_form(struct req *r, int status, const struct user *u, unsigned roles,
		      enum fz_err rc, const struct fz_error *e)
{
	struct buf b = BUF_INIT;
	char name[32];

	page_begin(r, &b, "分配角色");
	kit_form_error(&b, rc, e);
	struct agency ag;
	struct fz_error ae = { 0 };
	const char *agency = "（系统级，未归属执法主体）";
	if (u->agency_id && app_agency_get(&r->ctx, u->agency_id, &ag, &ae) == FZ_OK)
		agency = ag.name;
	html_f(&b, "<dl class=\"fields\"><dt>用户名</dt><dd class=\"mono\">%s</dd>"
		   "<dt>姓名</dt><dd>%s</dd><dt>所属执法主体</dt><dd>%s</dd></dl>\n",
	       u->username, u->display_name, agency);
	html_f(&b, "<form class=\"stack narrow\" method=\"post\" action=\"/users/%lld/roles\">\n",
	       (long long)u->id);
	page_csrf_field(r, &b);
	html_raw(&b, "<fieldset class=\"roles\"><legend>业务角色</legend>\n");
	for (size_t i = 0; i < NROLES; i++) {
		if (i == 4)
			html_raw(&b, "</fieldset>\n<fieldset class=\"roles\"><legend>三员（只能单独担任）"
				     "</legend>\n");
		snprintf(name, sizeof name, "role_%s", roles_name(role_bits[i]));
		kit_checkbox(&b, name, roles_label(role_bits[i]), (roles & role_bits[i]) != 0, NULL);
	}
	html_raw(&b, "</fieldset>\n");
	kit_field_error(&b, "roles", e);
	html_raw(&b, "<p class=\"hint\">系统管理员、安全管理员、审计管理员三员分立：不得由同一账号兼任，"
		     "也不得兼任业务角色；执法监督角色只授予司法行政机关的账号。"
		     "保存后该账号需重新登录。</p>\n"
		     "<div class=\"form-buttons\"><button type=\"submit\">保存角色</button> "
		     "<a class=\"button secondary\" href=\"/users/roles\">取消</a></div>\n</form>\n");
	page_end(r, &b);
	return resp_html(r, status, &b);
}

int page_user_roles_form(struct req *r)
{
	struct fz_error e = { 0 };
	struct user u;
	enum fz_err rc = app_user_get(&r->ctx, req_param(r, "id"), &u, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	return roles_form(r, 200, &u, u.roles, FZ_OK, NULL);
}

int page_user_roles_save(struct req *r)
{
	struct fz_error e = { 0 };
	struct user u;
	char name[32];
	unsigned roles = 0;
	int64_t id = req_param(r, "id");
	enum fz_err rc = app_user_get(&r->ctx, id, &u, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	for (size_t i = 0; i < NROLES; i++) {
		snprintf(name, sizeof name, "role_%s", roles_name(role_bits[i]));
		if (kit_form_checked(r, name))
			roles |= role_bits[i];
	}
	rc = app_user_set_roles(&r->ctx, id, roles, NULL, &e);
	if (rc == FZ_INVALID || (rc == FZ_FORBIDDEN && strcmp(e.field, "roles") == 0))
		return roles_form(r, fz_err_http_status(rc), &u, roles, rc, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	return resp_redirect(r, "/users/roles?msg=roles_saved");
}
