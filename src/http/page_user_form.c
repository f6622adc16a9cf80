/* page_user_form.c - creating and editing accounts (sysadmin): GET/POST
 * /users/new and /users/{id}/edit. A new account, and one whose password
 * is reset here, must choose its own password at the next sign-in; roles
 * are not set here but by the security administrator. */
#include <stdio.h>
#include <string.h>

#include "app/people.h"
#include "domain/password.h"
#include "domain/roles.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/pagekit.h"
#include "http/resp.h"

struct user_fields {
	const char *username, *display_name, *agency_id;
	bool disabled;
};

static int user_form(struct req *r, int status, const struct user *old,
		     const struct user_fields *v, enum fz_err rc, const struct fz_error *e)
{
	struct buf b = BUF_INIT;
	size_t na;
	struct kit_option *agencies = kit_agency_options(r, "（不归属执法主体）", &na);
	char hint[160];
	snprintf(hint, sizeof hint, "至少 %d 个字符，包含小写字母、大写字母、数字、其他符号中的"
		 "至少 %d 类，且不能包含用户名。",
		 PASSWORD_MIN_CHARS, PASSWORD_MIN_CLASSES);

	page_begin(r, &b, old ? "编辑账号" : "新建账号");
	kit_form_error(&b, rc, e);
	if (old) {
		struct buf labels = BUF_INIT;
		roles_format_labels(old->roles, &labels);
		html_f(&b, "<dl class=\"fields\"><dt>用户名</dt><dd class=\"mono\">%s</dd>"
			   "<dt>角色</dt><dd>%s</dd></dl>\n",
		       old->username, old->roles ? buf_cstr(&labels) : "未分配");
		buf_release(&labels);
		if (old->roles & ROLE_ADMIN_MASK) {
			/* 三员分立: not the sysadmin's to change (app/user.c). */
			html_raw(&b, "<p class=\"flash info\">这是管理员账号（系统管理员、安全管理员或"
				     "审计管理员），不能在网页上修改、停用或重置密码，只能由服务器上的 "
				     "<code>fazhi user</code> 命令维护。</p>\n"
				     "<p><a class=\"button secondary\" href=\"/users\">返回列表</a></p>\n");
			page_end(r, &b);
			return resp_html(r, status, &b);
		}
		html_f(&b, "<form class=\"form-buttons\" method=\"post\" action=\"/users/%lld/reset\">",
		       (long long)old->id);
		page_csrf_field(r, &b);
		html_raw(&b, "<button type=\"submit\" class=\"secondary\">生成临时密码</button> "
			     "<span class=\"hint\">临时密码只显示一次；持有人登录后只能修改密码。</span>"
			     "</form>\n");
		html_f(&b, "<form class=\"stack narrow\" method=\"post\" action=\"/users/%lld/edit\">\n",
		       (long long)old->id);
	} else {
		html_raw(&b, "<form class=\"stack narrow\" method=\"post\" action=\"/users/new\">\n");
	}
	page_csrf_field(r, &b);
	if (!old)
		kit_input(&b, "text", "username", "用户名", v->username,
			  "required maxlength=\"32\" autocomplete=\"off\" autocapitalize=\"none\" "
			  "aria-describedby=\"username-hint\"",
			  e);
	if (!old)
		html_raw(&b, "<p id=\"username-hint\" class=\"hint\">3 至 32 个字符，以小写字母开头，"
			     "可用小写字母、数字、下划线。</p>\n");
	kit_input(&b, "text", "display_name", "姓名", v->display_name, "required maxlength=\"30\"",
		  e);
	kit_select(&b, "agency_id", "所属执法主体", agencies, na, v->agency_id, e);
	html_raw(&b, "<p class=\"hint\">业务角色（执法人员、负责人、监督人员等）要求账号归属执法主体；"
		     "三员账号不归属执法主体。</p>\n");
	kit_input(&b, "password", "password", old ? "重置密码（不重置请留空）" : "初始密码", NULL,
		  old ? "autocomplete=\"new-password\" maxlength=\"128\""
		      : "required autocomplete=\"new-password\" maxlength=\"128\"",
		  e);
	html_f(&b, "<p class=\"hint\">%s账号首次登录时必须修改密码。</p>\n", hint);
	if (old)
		kit_checkbox(&b, "disabled", "停用此账号（立即退出其所有登录）", v->disabled, e);
	html_raw(&b, "<div class=\"form-buttons\"><button type=\"submit\">保存</button> "
		     "<a class=\"button secondary\" href=\"/users\">取消</a></div>\n</form>\n");
	page_end(r, &b);
	return resp_html(r, status, &b);
}

static void fields_from_form(struct req *r, struct user_fields *v)
{
	v->username = kit_form(r, "username");
	v->display_name = kit_form(r, "display_name");
	v->agency_id = kit_form(r, "agency_id");
	v->disabled = kit_form_checked(r, "disabled");
}

int page_user_new(struct req *r)
{
	struct user_fields v = { "", "", "", false };
	return user_form(r, 200, NULL, &v, FZ_OK, NULL);
}

int page_user_create(struct req *r)
{
	struct user_fields v;
	struct fz_error e = { 0 };
	struct user u;
	enum fz_err rc = FZ_OK;
	struct user_input in = { .disabled = 0, .must_change_password = -1 };

	fields_from_form(r, &v);
	if (!kit_form_id(r, "agency_id", &in.agency_id))
		rc = fz_fail(&e, FZ_INVALID, "agency_id", "请选择所属执法主体");
	in.username = v.username;
	in.display_name = v.display_name;
	in.password = req_form(r, "password") ? req_form(r, "password") : "";
	if (rc == FZ_OK)
		rc = app_user_create(&r->ctx, &in, &u, &e);
	if (rc == FZ_INVALID || rc == FZ_CONFLICT)
		return user_form(r, fz_err_http_status(rc), NULL, &v, rc, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	return resp_redirect(r, "/users?msg=user_created");
}

int page_user_edit(struct req *r)
{
	struct fz_error e = { 0 };
	struct user u;
	enum fz_err rc = app_user_get(&r->ctx, req_param(r, "id"), &u, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	struct user_fields v = { u.username, u.display_name, kit_id(r, u.agency_id), u.disabled };
	return user_form(r, 200, &u, &v, FZ_OK, NULL);
}

int page_user_update(struct req *r)
{
	struct user_fields v;
	struct fz_error e = { 0 };
	struct user old;
	int64_t id = req_param(r, "id");
	enum fz_err rc = app_user_get(&r->ctx, id, &old, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	fields_from_form(r, &v);
	const char *pw = req_form(r, "password");
	struct user_input in = { .display_name = v.display_name, .password = pw && *pw ? pw : NULL,
				 .disabled = v.disabled, .must_change_password = -1 };
	if (!kit_form_id(r, "agency_id", &in.agency_id))
		rc = fz_fail(&e, FZ_INVALID, "agency_id", "请选择所属执法主体");
	if (in.agency_id == 0)
		in.agency_id = -1; /* "不归属" clears it */
	if (rc == FZ_OK)
		rc = app_user_update(&r->ctx, id, &in, NULL, &e);
	if (rc == FZ_INVALID || rc == FZ_CONFLICT)
		return user_form(r, fz_err_http_status(rc), &old, &v, rc, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	return resp_redirect(r, in.password ? "/users?msg=password_reset" : "/users?msg=saved");
}

/* POST /users/{id}/reset: a temporary password, shown this once. */
int page_user_reset(struct req *r)
{
	struct fz_error e = { 0 };
	struct user u;
	char pw[USER_TEMP_PASSWORD_LEN + 1];
	int64_t id = req_param(r, "id");
	enum fz_err rc = app_user_get(&r->ctx, id, &u, &e);
	if (rc || (rc = app_user_reset_password(&r->ctx, id, pw, &e)))
		return http_fail_fz(r, rc, &e);
	struct buf b = BUF_INIT;
	page_begin(r, &b, "临时密码");
	html_f(&b, "<p>账号 <span class=\"mono\">%s</span>（%s）的临时密码：</p>\n"
		   "<p class=\"flash ok mono\" id=\"temporary-password\">%s</p>\n"
		   "<p class=\"hint\">请当面或通过可靠渠道交给本人。此密码只显示这一次；"
		   "持有人登录后必须先设置新密码，在此之前不能做其他任何操作。该账号原有的登录已全部退出。</p>\n"
		   "<p><a class=\"button secondary\" href=\"/users\">返回列表</a></p>\n",
	       u.username, u.display_name, pw);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}
