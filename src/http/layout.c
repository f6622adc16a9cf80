/* layout.c - the shared page shell: head, site header with the account
 * and sign-out, the role-driven workbench menu, and the small building
 * blocks (flash boxes, CSRF field, pager, error page). Every value that
 * reaches the page goes through html_f(). */
#include "http/layout.h"

#include <stdint.h>
#include <string.h>

#include "app/authz.h"
#include "http/asset.h"
#include "http/form.h"
#include "http/html.h"
#include "http/resp.h"

/* The workbench menu. An entry shows when the user's roles hold perm
 * (authz_allows), so the menu and the router read the same table; a work
 * queue also needs its role (roles non-zero: one of them). */
static const struct {
	const char *label;
	const char *href;
	enum perm perm;
	unsigned roles;
} menu_items[] = {
	{ "工作台", "/workbench", PERM_SIGNED_IN },
	{ "我的案件", "/cases", PERM_CASE_READ },
	{ "预警", "/alerts", PERM_CASE_READ },
	{ "待审核", "/queue/review", PERM_CASE_READ, ROLE_REVIEWER },
	{ "待审批", "/queue/approval", PERM_CASE_READ, ROLE_HEAD },
	{ "公示审核", "/publications", PERM_CASE_READ, ROLE_REVIEWER | ROLE_HEAD | ROLE_SUPERVISOR },
	{ "组织机构", "/org", PERM_AGENCY_READ },
	{ "权责清单", "/power-lists", PERM_POWER_DRAFT },
	{ "决策事项目录", "/decision-catalogues", PERM_CASE_READ, ROLE_OFFICER | ROLE_HEAD | ROLE_SUPERVISOR },
	{ "执法主体", "/agencies", PERM_AGENCY_READ },
	{ "内设机构", "/units", PERM_UNIT_READ },
	{ "执法人员", "/officers", PERM_PERSON_READ },
	{ "执法证", "/certificates", PERM_CERT_READ },
	{ "审核人员占比", "/reviewer-ratios", PERM_PERSON_READ },
	{ "监督指标", "/indicators", PERM_CASE_READ, ROLE_HEAD | ROLE_SUPERVISOR | ROLE_REVIEWER },
	{ "驾驶舱", "/dashboard", PERM_CASE_READ, ROLE_HEAD | ROLE_SUPERVISOR },
	{ "统计年报", "/stats/annual", PERM_CASE_READ, ROLE_HEAD | ROLE_SUPERVISOR },
	{ "账号管理", "/users", PERM_USER_READ },
	{ "定时任务", "/jobs", PERM_SYSTEM_READ },
	{ "节假日安排", "/calendar", PERM_CALENDAR_WRITE },
	{ "角色分配", "/users/roles", PERM_USER_ROLES },
	{ "审计日志", "/audit", PERM_AUDIT_READ },
	{ "安全策略", "/policy", PERM_POLICY_WRITE },
	{ "修改密码", "/password", PERM_SIGNED_IN },
	{ "投诉举报", "/complaints", PERM_COMPLAINT_READ },
	{ "评查与整改", "/oversight", PERM_OVERSIGHT_READ, ROLE_HEAD | ROLE_SUPERVISOR | ROLE_REVIEWER },
};

static bool menu_visible(const struct user *u)
{
	/* While the password must change, every other page redirects: a
	 * menu of links that all lead back here would only confuse. */
	return u && !u->must_change_password;
}

/* The entry the current page belongs to: the longest href that is the
 * path or a parent of it (/agencies/5/edit is under 执法主体). */
static size_t menu_current(const char *path)
{
	size_t best = SIZE_MAX, best_len = 0;
	size_t plen = strlen(path);
	/* /users/{id}/roles belongs to 角色分配, not to 账号管理. */
	if (strncmp(path, "/users/", 7) == 0 && plen > 13 && strcmp(path + plen - 6, "/roles") == 0)
		path = "/users/roles";
	for (size_t i = 0; i < sizeof menu_items / sizeof menu_items[0]; i++) {
		size_t n = strlen(menu_items[i].href);
		if (strncmp(path, menu_items[i].href, n) == 0 && (path[n] == '\0' || path[n] == '/') &&
		    n > best_len) {
			best = i;
			best_len = n;
		}
	}
	return best;
}

void page_menu(struct req *r, struct buf *b, const char *css_class)
{
	const struct user *u = r->ctx.user;
	if (!menu_visible(u))
		return;
	size_t current = menu_current(r->path);
	html_f(b, "<ul class=\"%s\">", css_class);
	for (size_t i = 0; i < sizeof menu_items / sizeof menu_items[0]; i++) {
		if (!authz_allows(u->roles, menu_items[i].perm) ||
		    (menu_items[i].roles && !(u->roles & menu_items[i].roles)))
			continue;
		bool here = i == current;
		if (here && strcmp(css_class, "tiles") == 0)
			continue; /* the workbench's tiles leave out the workbench */
		html_f(b, "<li><a href=\"%s\"", menu_items[i].href);
		if (here)
			html_raw(b, " aria-current=\"page\"");
		html_f(b, ">%s</a></li>", menu_items[i].label);
	}
	html_raw(b, "</ul>");
}

void page_csrf_field(struct req *r, struct buf *b)
{
	const char *csrf = req_csrf(r);
	if (csrf[0])
		html_f(b, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", csrf);
}

bool page_care_on(struct req *r)
{
	const char *v = req_cookie(r, HTTP_CARE_COOKIE);
	return v && strcmp(v, "1") == 0;
}

/* The visible 关怀版 switch: a plain link to /care that comes back here. */
static void care_switch(struct req *r, struct buf *b, bool care)
{
	struct buf here = BUF_INIT, href = BUF_INIT;
	req_url(r, &here, NULL);
	buf_addf(&href, "/care?mode=%s&back=", care ? "off" : "on");
	url_encode(&href, buf_cstr(&here));
	html_f(b, "<a class=\"care-switch\" href=\"%s\">%s</a>\n", buf_cstr(&href),
	       care ? "标准版" : "关怀版");
	if (buf_failed(&here) || buf_failed(&href))
		b->failed = true;
	buf_release(&here);
	buf_release(&href);
}

/* The portal's own navigation on its pages (/public/...): what the
 * public can read, each link to a page that exists. */
static void public_nav(struct req *r, struct buf *b)
{
	static const struct {
		const char *label, *href;
	} items[] = {
		{ "执法主体与权责清单", "/public/agencies" },
		{ "执法流程图", "/public/procedures" },
		{ "裁量基准", "/public/benchmarks" },
		{ "法制审核目录", "/public/review-catalogue" },
		{ "双随机抽查", "/public/inspections" },
		{ "执法决定公示", "/public/decisions" },
		{ "撤下公示记录", "/public/withdrawals" },
		{ "公开征求意见", "/public/consultations" },
		{ "规范性文件目录", "/public/normative-documents" },
		{ "重大行政决策事项目录", "/public/decision-catalogue" },
		{ "公开信息检索", "/public/search" },
		{ "执法证查询", "/certificates/check" },
	};
	if (strncmp(r->path, "/public/", 8) != 0)
		return;
	html_raw(b, "<nav class=\"menu\" aria-label=\"公开信息\"><ul class=\"menu\">");
	for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
		size_t n = strlen(items[i].href);
		bool here = strncmp(r->path, items[i].href, n) == 0 &&
			    (r->path[n] == '\0' || r->path[n] == '/');
		html_f(b, "<li><a href=\"%s\"", items[i].href);
		if (here)
			html_raw(b, " aria-current=\"page\"");
		html_f(b, ">%s</a></li>", items[i].label);
	}
	html_raw(b, "</ul></nav>\n");
}

void page_begin(struct req *r, struct buf *b, const char *title)
{
	const struct user *u = r->ctx.user;
	bool care = page_care_on(r);

	/* The class is markup, not a value: html_f would escape its quotes. */
	html_raw(b, care ? "<!doctype html>\n<html lang=\"zh-CN\" class=\"care\">\n"
			 : "<!doctype html>\n<html lang=\"zh-CN\">\n");
	html_f(b,
	       "<head>\n<meta charset=\"utf-8\">\n"
	       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	       "<title>%s%s%s</title>\n<link rel=\"stylesheet\" href=\"%s\">\n</head>\n"
	       "<body>\n<a class=\"skip\" href=\"#main\">跳到正文</a>\n"
	       "<header class=\"site\">\n<div class=\"bar\">\n"
	       "<a class=\"brand\" href=\"/\">%s</a>\n<div class=\"account\">",
	       strcmp(title, SITE_NAME) ? title : "", strcmp(title, SITE_NAME) ? " · " : "",
	       SITE_NAME, asset_css_href(), SITE_NAME);
	care_switch(r, b, care);
	if (u) {
		html_f(b, "<span class=\"who\">%s</span>",
		       u->display_name && *u->display_name ? u->display_name : u->username);
		html_raw(b, "<form class=\"inline\" method=\"post\" action=\"/logout\">");
		page_csrf_field(r, b);
		html_raw(b, "<button type=\"submit\" class=\"link\">退出</button></form>");
	} else if (strcmp(r->path, "/login") != 0) {
		html_raw(b, "<a href=\"/login\">登录</a>");
	}
	html_raw(b, "</div>\n</div>\n");
	if (menu_visible(u)) {
		html_raw(b, "<nav class=\"menu\" aria-label=\"工作台菜单\">");
		page_menu(r, b, "menu");
		html_raw(b, "</nav>\n");
	}
	public_nav(r, b);
	html_f(b, "</header>\n<main id=\"main\" class=\"wrap\">\n<h1>%s</h1>\n", title);
}

void page_end(struct req *r, struct buf *b)
{
	(void)r;
	html_f(b,
	       "</main>\n<footer class=\"site\"><p>%s · 依法行政 · 公开透明</p></footer>\n"
	       "</body>\n</html>\n",
	       SITE_NAME);
}

void page_flash(struct buf *b, enum flash_kind kind, const char *message)
{
	static const char *const cls[] = { "flash ok", "flash info", "flash error" };
	/* Errors interrupt a screen reader; notices wait their turn. */
	html_f(b, "<div class=\"%s\" role=\"%s\">%s</div>\n", cls[kind],
	       kind == FLASH_ERROR ? "alert" : "status", message);
}

static const struct {
	const char *key;
	enum flash_kind kind;
	const char *text;
} notices[] = {
	{ "password_changed", FLASH_OK, "密码已修改，请使用新密码登录。" },
	{ "password_saved", FLASH_OK, "密码已修改。" },
	{ "signed_out", FLASH_INFO, "您已安全退出。" },
	{ "signed_in", FLASH_OK, "登录成功。" },
	{ "session_expired", FLASH_INFO, "登录已失效，请重新登录。" },
	{ "created", FLASH_OK, "已创建。" },
	{ "saved", FLASH_OK, "已保存。" },
	{ "unit_created", FLASH_OK, "内设机构已添加。" },
	{ "cert_issued", FLASH_OK, "执法证已发放。" },
	{ "cert_suspended", FLASH_OK, "执法证已暂扣。" },
	{ "cert_resumed", FLASH_OK, "执法证已恢复。" },
	{ "cert_revoked", FLASH_OK, "执法证已注销。" },
	{ "review_added", FLASH_OK, "年度审验结果已保存。" },
	{ "user_created", FLASH_OK, "账号已创建，首次登录时须修改初始密码。" },
	{ "password_reset", FLASH_OK, "已保存；密码已重置，该账号下次登录时须修改密码。" },
	{ "roles_saved", FLASH_OK, "角色已保存，该账号重新登录后生效。" },
	{ "case_opened", FLASH_OK, "已立案。" },
	{ "step_done", FLASH_OK, "已办理，记录已保存。" },
	{ "evidence_added", FLASH_OK, "证据材料已上传，摘要已记入执法全过程记录账本。" },
	{ "published", FLASH_OK, "已公示：决定已在门户网站公开，并记入执法全过程记录账本。" },
	{ "withdrawn", FLASH_OK, "已撤下：门户网站的原公示处显示撤下公告。" },
	{ "calendar_loaded", FLASH_OK, "节假日安排已载入，在办案件的期限已按新的安排重新计算。" },
	{ "comment_handled", FLASH_OK, "公众意见的处理已保存，并记入执法全过程记录账本。" },
};

void page_notice(struct req *r, struct buf *b)
{
	const char *msg = req_query(r, "msg");
	for (size_t i = 0; msg && i < sizeof notices / sizeof notices[0]; i++)
		if (strcmp(msg, notices[i].key) == 0)
			page_flash(b, notices[i].kind, notices[i].text);
}

void page_error_box(struct buf *b, enum fz_err rc, const struct fz_error *e)
{
	page_flash(b, FLASH_ERROR, e && e->message[0] ? e->message : fz_err_message(rc));
}

const char *page_status_title(int status)
{
	switch (status) {
	case 400: return "请求有误";
	case 401: return "请先登录";
	case 403: return "没有权限";
	case 404: return "页面不存在";
	case 405: return "不支持的请求方法";
	case 409: return "数据冲突";
	case 413: return "提交的内容过大";
	case 423: return "账号已锁定";
	case 429: return "操作过于频繁";
	case 503: return "服务暂时不可用";
	default: return status >= 500 ? "服务器内部错误" : "请求未能完成";
	}
}

int page_error(struct req *r, int status, const char *message)
{
	struct buf b = BUF_INIT;
	const char *title = page_status_title(status);

	page_begin(r, &b, title);
	page_flash(&b, FLASH_ERROR, message ? message : title);
	html_f(&b, "<p><a href=\"%s\">返回%s</a></p>\n", r->ctx.user ? "/workbench" : "/",
	       r->ctx.user ? "工作台" : "首页");
	page_end(r, &b);
	return resp_html(r, status, &b);
}
