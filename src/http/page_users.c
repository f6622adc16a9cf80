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
#include "http/listkit.h"
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

static void account_state(struct req *r, struct lk_cell *x, const struct user *u)
{
	if (u->disabled)
		*x = (struct lk_cell){ .text = "已停用", .badge = "bad" };
	else if (u->locked_until > r->ctx.now)
		*x = (struct lk_cell){ .text = "已锁定", .badge = "warn" };
	else if (u->must_change_password)
		*x = (struct lk_cell){ .text = "待修改密码", .badge = "info" };
	else
		*x = (struct lk_cell){ .text = "正常", .badge = "ok" };
}

static const struct lk_col user_cols[] = {
	{ "用户名", "username", USER_SORT_USERNAME, false },
	{ "姓名", "name", USER_SORT_NAME, false },
	{ "所属执法主体", "agency", USER_SORT_AGENCY, false },
	{ "角色", NULL, 0, false },
	{ "状态", "state", USER_SORT_DISABLED, false },
	{ "操作", NULL, 0, true },
};
static const char *const user_params[] = { "q", "role", "agency" };

struct user_src {
	struct user_filter f;
	struct user_list list;
	struct kit_option *agencies;
	size_t na;
	bool roles_mode;
};

static enum fz_err user_fetch(struct req *r, void *self, struct list_sort sort, struct page pg,
			      size_t *n, int64_t *total, struct fz_error *e)
{
	struct user_src *s = self;
	s->f.sort = sort;
	enum fz_err rc = app_user_list(&r->ctx, &s->f, pg, &s->list, e);
	*n = rc ? 0 : s->list.n;
	*total = rc ? 0 : s->list.total;
	return rc;
}

static void user_cells(struct req *r, void *self, size_t i, bool file, struct lk_cell *x)
{
	(void)file;
	struct user_src *s = self;
	const struct user *u = &s->list.items[i];
	struct buf labels = BUF_INIT;
	const char *aid = kit_id(r, u->agency_id);
	roles_format_labels(u->roles, &labels);
	x[0] = (struct lk_cell){ .text = u->username, .mono = true };
	x[1].text = u->display_name;
	x[2].text = u->agency_id ? kit_option_label(s->agencies, s->na, aid, aid) : "（系统级）";
	x[3].text = u->roles ? arena_strdup(r->a, buf_cstr(&labels)) : "未分配";
	buf_release(&labels);
	account_state(r, &x[4], u);
	unsigned mine = r->ctx.user->roles;
	bool roles_mode = s->roles_mode ||
			  (!authz_allows(mine, PERM_USER_WRITE) && authz_allows(mine, PERM_USER_ROLES));
	if (roles_mode)
		x[5] = (struct lk_cell){ .text = "分配角色",
					 .href = arena_printf(r->a, "/users/%lld/roles",
							      (long long)u->id) };
	else if (authz_allows(mine, PERM_USER_WRITE))
		x[5] = (struct lk_cell){ .text = "编辑",
					 .href = arena_printf(r->a, "/users/%lld/edit",
							      (long long)u->id) };
}

static void user_top(struct req *r, void *self, const struct lk_view *v, struct buf *b,
		     enum fz_err rc, const struct fz_error *e)
{
	struct user_src *s = self;
	(void)rc;
	(void)e;
	if (s->roles_mode)
		html_raw(b, "<p class=\"hint\">系统管理员、安全管理员、审计管理员三员分立：不得由同一账号"
			    "兼任，也不得兼任业务角色。角色变更在账号下次登录时生效。</p>\n");
	else if (authz_allows(r->ctx.user->roles, PERM_USER_WRITE))
		html_raw(b, "<p class=\"actions\"><a class=\"button\" href=\"/users/new\">新建账号</a>"
			    "</p>\n");
	kit_filter_begin(b, v->t->path);
	lk_filter_keep(b, v);
	kit_input(b, "search", "q", "用户名或姓名", s->f.q, "maxlength=\"32\"", NULL);
	kit_select(b, "role", "角色", role_opts, sizeof role_opts / sizeof role_opts[0],
		   kit_query(r, "role"), NULL);
	kit_select(b, "agency", "所属执法主体", s->agencies, s->na, kit_id(r, s->f.agency_id), NULL);
	kit_filter_end(b, v->t->path);
}

static int user_list(struct req *r, bool roles_mode)
{
	static const struct lk_table accounts = {
		.path = "/users", .title = "账号管理", .list = "users",
		.cols = user_cols, .ncols = sizeof user_cols / sizeof user_cols[0],
		.params = user_params, .nparams = sizeof user_params / sizeof user_params[0],
		.empty = "没有符合条件的账号。",
	};
	static const struct lk_table roles = {
		.path = "/users/roles", .title = "角色分配", .list = "users",
		.cols = user_cols, .ncols = sizeof user_cols / sizeof user_cols[0],
		.params = user_params, .nparams = sizeof user_params / sizeof user_params[0],
		.empty = "没有符合条件的账号。",
	};
	struct user_src s = {
		.f = { .agency_id = kit_query_id(r, "agency"),
		       .role = roles_from_name(kit_query(r, "role")), .q = kit_query(r, "q") },
		.roles_mode = roles_mode,
	};
	s.agencies = kit_agency_options(r, "全部", &s.na);
	return lk_serve(r, roles_mode ? &roles : &accounts,
			&(struct lk_source){ user_fetch, user_cells, user_top, &s });
}

int page_user_list(struct req *r)
{
	return user_list(r, false);
}

int page_user_roles_list(struct req *r)
{
	return user_list(r, true);
}
