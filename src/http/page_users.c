/* page_users.c - the account list, for the system administrator (GET
 * /users, 账号管理, with edit links) and the security administrator
 * (GET /users/roles, 角色分配, with role links). One list, two doors, so
 * each administrator sees only the action their role allows. */
#include <string.h>

#include "app/authz.h"
#include "app/people.h"
#include "domain/roles.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/pagekit.h"
#include "http/resp.h"

static const struct kit_option role_opts[] = {
	{ "", "全部" },
	{ "officer", "执法人员" },
	{ "reviewer", "法制审核人员" },
	{ "head", "机关负责人" },
	{ "supervisor", "执法监督人员" },
	{ "sysadmin", "系统管理员" },
	{ "secadmin", "安全管理员" },
	{ "auditor", "审计管理员" },
};

static void account_state(struct req *r, struct buf *b, const struct user *u)
{
	if (u->disabled)
		html_raw(b, "<span class=\"badge bad\">已停用</span>");
	else if (u->locked_until > r->ctx.now)
		html_raw(b, "<span class=\"badge warn\">已锁定</span>");
	else if (u->must_change_password)
		html_raw(b, "<span class=\"badge info\">待修改密码</span>");
	else
		html_raw(b, "<span class=\"badge ok\">正常</span>");
}

static void user_row(struct req *r, struct buf *b, const struct user *u, bool roles_mode,
		     const struct kit_option *agencies, size_t na)
{
	struct buf labels = BUF_INIT;
	const char *aid = kit_id(r, u->agency_id);
	roles_format_labels(u->roles, &labels);
	html_f(b,
	       "<tr><td data-label=\"用户名\" class=\"mono\">%s</td><td data-label=\"姓名\">%s</td>"
	       "<td data-label=\"所属执法主体\">%s</td><td data-label=\"角色\">%s</td>"
	       "<td data-label=\"状态\">",
	       u->username, u->display_name,
	       u->agency_id ? kit_option_label(agencies, na, aid, aid) : "（系统级）",
	       u->roles ? buf_cstr(&labels) : "未分配");
	account_state(r, b, u);
	unsigned mine = r->ctx.user->roles;
	if (!authz_allows(mine, PERM_USER_WRITE) && authz_allows(mine, PERM_USER_ROLES))
		roles_mode = true;
	if (roles_mode)
		html_f(b, "</td><td data-label=\"操作\"><a href=\"/users/%lld/roles\">分配角色</a>"
			  "</td></tr>\n",
		       (long long)u->id);
	else if (authz_allows(r->ctx.user->roles, PERM_USER_WRITE))
		html_f(b, "</td><td data-label=\"操作\"><a href=\"/users/%lld/edit\">编辑</a>"
			  "</td></tr>\n",
		       (long long)u->id);
	else
		html_raw(b, "</td><td data-label=\"操作\">—</td></tr>\n");
	if (buf_failed(&labels))
		b->failed = true;
	buf_release(&labels);
}

static int user_list(struct req *r, bool roles_mode)
{
	struct buf b = BUF_INIT;
	struct fz_error e = { 0 };
	struct user_list list = { 0 };
	struct page pg;
	size_t na;
	const char *self = roles_mode ? "/users/roles" : "/users";

	if (!kit_paging(r, &pg))
		return r->resp.status;
	const char *role = kit_query(r, "role");
	struct user_filter f = { .agency_id = kit_query_id(r, "agency"),
				 .role = roles_from_name(role), .q = kit_query(r, "q") };
	enum fz_err rc = app_user_list(&r->ctx, &f, pg, &list, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	struct kit_option *agencies = kit_agency_options(r, "全部", &na);

	page_begin(r, &b, roles_mode ? "角色分配" : "账号管理");
	page_notice(r, &b);
	if (roles_mode)
		html_raw(&b, "<p class=\"hint\">系统管理员、安全管理员、审计管理员三员分立：不得由同一账号"
			     "兼任，也不得兼任业务角色。角色变更在账号下次登录时生效。</p>\n");
	else if (authz_allows(r->ctx.user->roles, PERM_USER_WRITE))
		html_raw(&b, "<p class=\"actions\"><a class=\"button\" href=\"/users/new\">新建账号</a>"
			     "</p>\n");
	kit_filter_begin(&b, self);
	kit_input(&b, "search", "q", "用户名或姓名", f.q, "maxlength=\"32\"", NULL);
	kit_select(&b, "role", "角色", role_opts, sizeof role_opts / sizeof role_opts[0], role,
		   NULL);
	kit_select(&b, "agency", "所属执法主体", agencies, na, kit_id(r, f.agency_id), NULL);
	kit_filter_end(&b, self);
	if (list.n == 0) {
		html_raw(&b, "<p class=\"empty\">没有符合条件的账号。</p>\n");
	} else {
		html_raw(&b, "<table class=\"list\"><thead><tr><th>用户名</th><th>姓名</th>"
			     "<th>所属执法主体</th><th>角色</th><th>状态</th><th>操作</th>"
			     "</tr></thead><tbody>\n");
		for (size_t i = 0; i < list.n; i++)
			user_row(r, &b, &list.items[i], roles_mode, agencies, na);
		html_raw(&b, "</tbody></table>\n");
	}
	page_pager(r, &b, pg, list.total);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

int page_user_list(struct req *r)
{
	return user_list(r, false);
}

int page_user_roles_list(struct req *r)
{
	return user_list(r, true);
}
