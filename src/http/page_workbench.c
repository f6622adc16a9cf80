/* page_workbench.c - GET /workbench: where a signed-in user starts. A
 * greeting, the user's roles in Chinese and the menu their roles allow. */
#include <stdio.h>

#include "app/authz.h"
#include "app/calendar.h"
#include "app/case_status.h"
#include "app/complaint.h"
#include "domain/roles.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/resp.h"

/* One count as a link to the list it counts. */
static void todo_tile(struct buf *b, const char *href, const char *label, int64_t n,
		      const char *cls)
{
	html_f(b, "<li><a class=\"todo%s%s\" href=\"%s\"><strong>%lld</strong> %s</a></li>\n",
	       n && *cls ? " " : "", n ? cls : "", href, (long long)n, label);
}

/* The role's to-do counts (issue 12 §8): waiting for me, due within three
 * working days, overdue; each a link to its list. */
static void todo_counts(struct req *r, struct buf *b)
{
	const struct user *u = r->ctx.user;
	struct case_todo t;
	struct fz_error e = { 0 };
	if (app_case_todo(&r->ctx, CASE_TODO_SOON_WORKING_DAYS, &t, &e) != FZ_OK) {
		html_f(b, "<p class=\"flash error\" role=\"alert\">待办数量暂时无法计算：%s</p>\n",
		       e.message);
		return;
	}
	html_raw(b, "<h2>待办事项</h2>\n<ul class=\"todos\">\n");
	if (app_case_todo_roles(&r->ctx))
		todo_tile(b, "/cases?todo=mine", "件待我办理", t.mine, "wait");
	if (u->roles & ROLE_REVIEWER)
		todo_tile(b, "/queue/review", "件待审核", t.review, "wait");
	if (u->roles & ROLE_HEAD)
		todo_tile(b, "/queue/approval", "件待审批", t.approval, "wait");
	todo_tile(b, "/cases?due=soon&closed=open", "件3个工作日内到期", t.due_soon, "soon");
	todo_tile(b, "/cases?due=overdue&closed=open", "件已逾期", t.overdue, "late");
	/* supervision: the agency answers, the justice bureau follows up */
	if (u->roles & (ROLE_OFFICER | ROLE_HEAD | ROLE_SUPERVISOR))
		todo_tile(b, "/cases?alert=acts",
			  u->roles & ROLE_SUPERVISOR ? "件监督事项待机关答复" : "件监督事项待答复",
			  t.acts, t.acts_overdue ? "late" : "wait");
	if (u->roles & (ROLE_OFFICER | ROLE_HEAD | ROLE_SUPERVISOR))
		todo_tile(b, "/cases?alert=filing_overdue", "件重大行政处罚备案逾期",
			  t.filing_overdue, "late");
	html_raw(b, "</ul>\n");
}

/* Complaints (投诉举报): waiting for my action, overdue; each a link. */
static void complaint_counts(struct req *r, struct buf *b)
{
	struct complaint_counts c;
	struct fz_error e = { 0 };
	if (app_complaint_counts(&r->ctx, &c, &e) != FZ_OK) {
		html_f(b, "<p class=\"flash error\" role=\"alert\">投诉数量暂时无法计算：%s</p>\n",
		       e.message);
		return;
	}
	html_raw(b, "<h2>投诉举报</h2>\n<ul class=\"todos\">\n");
	todo_tile(b, "/complaints?mine=true", "件投诉待我办理", c.waiting, "wait");
	todo_tile(b, "/complaints?overdue=true", "件投诉已逾期", c.overdue, "late");
	html_raw(b, "</ul>\n");
}

int page_workbench(struct req *r)
{
	const struct user *u = r->ctx.user;
	struct buf b = BUF_INIT;
	struct buf roles = BUF_INIT;

	roles_format_labels(u->roles, &roles);
	page_begin(r, &b, "工作台");
	page_notice(r, &b);
	html_f(&b, "<p class=\"lead\">%s，您好！</p>\n",
	       u->display_name && *u->display_name ? u->display_name : u->username);
	if (u->roles)
		html_f(&b, "<p>当前角色：<strong>%s</strong></p>\n", buf_cstr(&roles));
	else
		html_raw(&b, "<p>当前账号尚未分配角色，请联系安全保密管理员分配角色。</p>\n");
	int missing = authz_allows(u->roles, PERM_CALENDAR_WRITE) ? app_calendar_missing_year(&r->ctx)
								   : 0;
	if (missing)
		html_f(&b, "<div class=\"flash error\" role=\"alert\"><strong>请载入 %d 年节假日安排。"
			   "</strong>期限涉及 %d 年的，目前只按周末和固定日期节假日暂定计算，页面标注“暂定”。"
			   "国务院办公厅公布安排后，用 <code>fazhi calendar load --db 数据库 文件</code> "
			   "载入，系统会重新计算各案件期限并记入审计日志。</div>\n",
		       missing, missing);
	if (authz_allows(u->roles, PERM_CASE_READ))
		todo_counts(r, &b);
	if (authz_allows(u->roles, PERM_COMPLAINT_READ))
		complaint_counts(r, &b);
	html_raw(&b, "<h2>功能菜单</h2>\n");
	page_menu(r, &b, "tiles");
	page_end(r, &b);
	if (buf_failed(&roles))
		b.failed = true;
	buf_release(&roles);
	return resp_html(r, 200, &b);
}
