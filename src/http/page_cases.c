/* page_cases.c - lists of enforcement cases: 我的案件 (GET /cases) with
 * filters by state, procedure, open or closed, a search text and "only
 * mine", and the work queues - the reviewer's 待审核 (GET /queue/review)
 * and the head's 待审批 (GET /queue/approval). Rows carry clock badges. */
#include <string.h>

#include "app/case.h"
#include "app/case_status.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/page_case_kit.h"
#include "http/paging.h"
#include "http/resp.h"


static const struct kit_option closed_opts[] = {
	{ "", "全部" }, { "open", "办理中" }, { "closed", "已结案" },
};
static const struct kit_option todo_opts[] = {
	{ "", "全部" }, { "mine", "待我办理" },
};
static const struct kit_option due_opts[] = {
	{ "", "全部" }, { "soon", "三个工作日内到期" }, { "overdue", "已逾期" },
};

/* The alerts (预警) a list can be narrowed to: the sections of /alerts. */
static const struct kit_option alert_opts[] = {
	{ "", "全部" },
	{ "acts", "监督事项待答复" },
	{ "acts_overdue", "监督事项逾期未答复" },
	{ "filing_soon", "重大行政处罚备案即将到期" },
	{ "filing_overdue", "重大行政处罚备案逾期" },
	{ "review_late", "法制审核等待过久" },
	{ "uncertified", "有执法证失效的人员参与" },
};

bool case_alert_filter(struct req *r, const char *alert, struct case_filter *f,
		       char soon[FZ_DATE_LEN], struct fz_error *e)
{
	if (!strcmp(alert, "filing_soon") &&
	    app_case_soon(&r->ctx, CASE_TODO_SOON_WORKING_DAYS, soon, e))
		return false;
	f->acts_open = !strcmp(alert, "acts");
	f->acts_overdue = !strcmp(alert, "acts_overdue");
	f->filing_due_by = !strcmp(alert, "filing_soon") ? soon : NULL;
	f->filing_overdue = !strcmp(alert, "filing_overdue");
	f->review_late = !strcmp(alert, "review_late");
	f->handler_uncertified = !strcmp(alert, "uncertified");
	return true;
}

/* "全部" and every definition's label. */
static struct kit_option *procedure_options(struct req *r, size_t *n)
{
	size_t nd;
	const struct proc_def *defs = app_procedures(&r->ctx, &nd);
	struct kit_option *o = arena_calloc(r->a, nd + 1, sizeof *o);
	*n = 0;
	if (!o)
		return NULL;
	o[(*n)++] = (struct kit_option){ "", "全部" };
	for (size_t i = 0; defs && i < nd; i++)
		o[(*n)++] = (struct kit_option){ defs[i].id, defs[i].label };
	return o;
}

/* The state filter grouped by procedure (issue 12 §8): an <optgroup> per
 * definition (only the chosen one when a procedure is chosen), each
 * step an option "procedure:step" - the same step id means a different
 * stage in another procedure. */
static void state_select(struct req *r, struct buf *b, const char *procedure,
			 const char *selected)
{
	size_t nd;
	const struct proc_def *defs = app_procedures(&r->ctx, &nd);
	html_f(b, "<div class=\"field\"><label for=\"state\">状态</label>\n<select id=\"state\" "
		  "name=\"state\"><option value=\"\"%s>全部</option>",
	       *selected ? "" : " selected");
	for (size_t d = 0; defs && d < nd; d++) {
		if (*procedure && strcmp(procedure, defs[d].id) != 0)
			continue;
		html_f(b, "<optgroup label=\"%s\">", defs[d].label);
		for (size_t i = 0; i < defs[d].nsteps; i++) {
			const struct proc_step *st = &defs[d].steps[i];
			const char *v = arena_printf(r->a, "%s:%s", defs[d].id, st->id);
			html_f(b, "<option value=\"%s\"%s>%s</option>", v ? v : "",
			       v && strcmp(v, selected) == 0 ? " selected" : "", st->label);
		}
		html_raw(b, "</optgroup>");
	}
	html_raw(b, "</select>\n</div>\n");
}

/* ?state=procedure:step narrows both; a bare step id (older links) only
 * the state. */
static void state_filter(struct req *r, const char *state, struct case_filter *f)
{
	const char *colon = strchr(state, ':');
	if (!colon) {
		f->state = state;
		return;
	}
	char *proc = arena_alloc(r->a, (size_t)(colon - state) + 1);
	if (!proc) {
		f->state = state;
		return;
	}
	memcpy(proc, state, (size_t)(colon - state));
	proc[colon - state] = '\0';
	f->procedure = proc;
	f->state = colon + 1;
}

int page_case_list(struct req *r)
{
	struct buf b = BUF_INIT;
	struct fz_error e = { 0 };
	struct case_list list = { 0 };
	struct page pg;
	size_t np;

	if (!case_paging(r, &pg))
		return r->resp.status;
	const char *closed = kit_query(r, "closed");
	bool mine = *kit_query(r, "mine") && strcmp(kit_query(r, "mine"), "0") != 0;
	const char *due = kit_query(r, "due");
	const char *alert = kit_query(r, "alert");
	const char *todo = kit_query(r, "todo");
	const char *state = kit_query(r, "state");
	char soon[FZ_DATE_LEN] = "", filing_soon[FZ_DATE_LEN] = "";
	if (!strcmp(due, "soon") && app_case_soon(&r->ctx, CASE_TODO_SOON_WORKING_DAYS, soon, &e))
		return http_fail_fz(r, FZ_INTERNAL, &e);
	struct case_filter f = {
		.overdue = !strcmp(due, "overdue"),
		.due_by = soon,
		.procedure = kit_query(r, "procedure"),
		.q = kit_query(r, "q"),
		.closed = !strcmp(closed, "closed") ? 1 : !strcmp(closed, "open") ? 2 : 0,
		.created_by = mine && r->ctx.user ? r->ctx.user->id : 0,
	};
	state_filter(r, state, &f);
	/* 待我办理: open cases waiting for a step one of my roles takes */
	if (!strcmp(todo, "mine")) {
		f.awaits = app_case_todo_roles(&r->ctx);
		f.closed = 2;
	}
	if (!case_alert_filter(r, alert, &f, filing_soon, &e))
		return http_fail_fz(r, FZ_INTERNAL, &e);
	/* no case role of mine: nothing waits for me */
	enum fz_err rc = !strcmp(todo, "mine") && !f.awaits ? FZ_OK
							       : app_case_list(&r->ctx, &f, pg, &list, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	struct kit_option *procs = procedure_options(r, &np);

	page_begin(r, &b, "我的案件");
	page_notice(r, &b);
	if (kit_may(r, PERM_CASE_ACT) && r->ctx.user && r->ctx.user->agency_id)
		html_raw(&b, "<p class=\"actions\"><a class=\"button\" href=\"/cases/new\">立案</a></p>\n");
	kit_filter_begin(&b, "/cases");
	kit_input(&b, "search", "q", "案号、案由或当事人", f.q, "maxlength=\"40\"", NULL);
	kit_select(&b, "procedure", "程序", procs, np, f.procedure, NULL);
	state_select(r, &b, f.procedure, state);
	kit_select(&b, "closed", "办理情况", closed_opts, 3, closed, NULL);
	kit_select(&b, "todo", "待办", todo_opts, 2, todo, NULL);
	kit_select(&b, "due", "期限", due_opts, 3, due, NULL);
	kit_select(&b, "alert", "预警", alert_opts, sizeof alert_opts / sizeof alert_opts[0], alert,
		   NULL);
	kit_checkbox(&b, "mine", "只看我立案的", mine, NULL);
	if (pg.limit != PAGING_DEFAULT_LIMIT)
		html_f(&b, "<input type=\"hidden\" name=\"limit\" value=\"%lld\">",
		       (long long)pg.limit);
	kit_filter_end(&b, "/cases");
	if (list.n == 0)
		html_raw(&b, "<p class=\"empty\">没有符合条件的案件。</p>\n");
	else
		case_table(r, &b, &list, NULL);
	const struct kit_option keep[] = {
		{ kit_query(r, "q"), "q" }, { kit_query(r, "procedure"), "procedure" },
		{ state, "state" }, { closed, "closed" }, { todo, "todo" }, { due, "due" },
		{ alert, "alert" }, { mine ? "1" : "", "mine" },
	};
	case_pager(r, &b, "/cases", keep, sizeof keep / sizeof keep[0], pg, list.total);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

static int queue_page(struct req *r, unsigned role, const char *title, const char *lead)
{
	struct buf b = BUF_INIT;
	struct fz_error e = { 0 };
	struct case_list list = { 0 };
	const struct proc_step **steps = NULL;
	struct page pg;

	if (!case_paging(r, &pg))
		return r->resp.status;
	enum fz_err rc = app_case_queue(&r->ctx, role, pg, &list, &steps, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	page_begin(r, &b, title);
	page_notice(r, &b);
	html_f(&b, "<p class=\"hint\">%s</p>\n", lead);
	if (list.n == 0)
		html_raw(&b, "<p class=\"empty\">暂无等待办理的案件。</p>\n");
	else
		case_table(r, &b, &list, steps);
	case_pager(r, &b, r->path, NULL, 0, pg, list.total);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

int page_case_queue_review(struct req *r)
{
	return queue_page(r, ROLE_REVIEWER, "待审核",
			  "处罚决定尚缺法制审核、现在即可审核的案件：已告知当事人且陈述申辩、"
			  "听证申请期限已届满或当事人已放弃；审核通过或退回承办机构后即不再列出，"
			  "承办机构补充调查后重新列出。");
}

int page_case_queue_approval(struct req *r)
{
	return queue_page(r, ROLE_HEAD, "待审批",
			  "现在即可由机关负责人决定的案件：可以作出处罚决定的，或决定尚缺"
			  "负责人对审核分歧的决定、集体讨论的。期限进行中、等待听证或审核的不列出。");
}
