/* page_cases.c - lists of enforcement cases: 我的案件 (GET /cases) with
 * filters by state, procedure, open or closed, a search text and "only
 * mine", and the work queues - the reviewer's 待审核 (GET /queue/review)
 * and the head's 待审批 (GET /queue/approval). Rows carry clock badges.
 * All three are working lists of http/listkit.c: sortable columns, page
 * size, jump to page, filters in the URL, CSV and XLSX of the filtered
 * rows (audited as list.export). */
#include <string.h>

#include "app/case.h"
#include "app/case_status.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/listkit.h"
#include "http/page_case_kit.h"
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

/* --- the list and the queues, on listkit (sort, page size, jump, files) --- */

const struct lk_col case_list_cols[CASE_LIST_NCOLS + 1] = {
	{ "案件编号", "number", CASE_SORT_NUMBER, false },
	{ "案由", "title", CASE_SORT_TITLE, false },
	{ "当事人", "party", CASE_SORT_PARTY, false },
	{ "程序", "procedure", CASE_SORT_PROCEDURE, false },
	{ "状态", "state", CASE_SORT_STATE, false },
	{ "期限", "due", CASE_SORT_DUE, false },
	{ "待办理", NULL, 0, false }, /* the queues only */
};
static const char *const case_params[] = { "q",	"procedure", "state", "closed",
					    "todo", "due",	 "alert", "mine" };

struct case_src {
	struct case_filter f;
	bool nothing;        /* 待我办理 without a case role: nothing waits */
	unsigned role;       /* a queue: the role it is for; 0 the list */
	const char *lead;    /* a queue's explanation */
	struct case_list list;
	const struct proc_step **steps; /* a queue: what each case waits for */
	struct case_row *rows;          /* the derived status of the page's cases */
	const char *soon;
	enum fz_err frc;     /* the filter could not be read */
	struct fz_error fe;
};

static enum fz_err case_fetch(struct req *r, void *self, struct list_sort sort, struct page pg,
			      size_t *n, int64_t *total, struct fz_error *e)
{
	struct case_src *s = self;
	struct fz_error re = { 0 };
	enum fz_err rc;
	*n = 0;
	*total = 0;
	if (s->frc) {
		*e = s->fe;
		return s->frc;
	}
	memset(&s->list, 0, sizeof s->list);
	s->f.sort = sort;
	if (s->role)
		rc = app_case_queue_sorted(&r->ctx, s->role, sort, pg, &s->list, &s->steps, e);
	else
		rc = s->nothing ? FZ_OK : app_case_list(&r->ctx, &s->f, pg, &s->list, e);
	if (rc)
		return rc;
	/* every row from the derived status: one query for the page's duties;
	 * without it the rows show their state id and no badge */
	s->rows = NULL;
	if (s->list.n && app_case_rows(&r->ctx, &s->list, &s->rows, &re) != FZ_OK)
		s->rows = NULL;
	*n = s->list.n;
	*total = s->list.total;
	return FZ_OK;
}

static bool case_more(void *self)
{
	const struct case_src *s = self;
	return s->list.total_more;
}

static const char *cell_html(struct req *r, struct buf *h)
{
	const char *s = buf_failed(h) ? NULL : arena_strdup(r->a, buf_cstr(h));
	buf_release(h);
	return s;
}

void case_list_cells(struct req *r, const struct enf_case *c, const struct case_row *row,
		     const char *soon, bool file, struct lk_cell *x)
{
	const char *href = arena_printf(r->a, "/cases/%lld", (long long)c->id);
	struct buf h = BUF_INIT;
	x[0].text = c->number;
	x[1] = (struct lk_cell){ .text = c->title, .href = href };
	/* a matter has no party: its drafting unit */
	x[2].text = c->party_kind == PARTY_NONE ? c->agency_name : c->party_name;
	x[3].text = case_procedure_label(r, c->procedure);
	x[4].text = row && row->state ? row->state->label : c->state[0] ? c->state : "未立案";
	if (c->closed)
		x[4].text = arena_printf(r->a, "%s（已结案）", x[4].text);
	if (row)
		case_row_badges_text(&h, c, row, r->ctx.today, soon);
	x[5].text = cell_html(r, &h);
	if (file)
		return;
	html_f(&h, "<a class=\"mono\" href=\"/cases/%lld\">%s</a>", (long long)c->id, c->number);
	x[0].html = cell_html(r, &h);
	if (row) {
		case_row_state(&h, c, row);
		x[4].html = cell_html(r, &h);
		case_row_badges(&h, c, row, r->ctx.today, soon);
		x[5].html = h.len ? cell_html(r, &h) : NULL;
		buf_release(&h);
	}
	if (!x[5].html)
		x[5] = (struct lk_cell){ .text = "—", .span = "muted" };
}

static void case_cells(struct req *r, void *self, size_t i, bool file, struct lk_cell *x)
{
	struct case_src *s = self;
	case_list_cells(r, &s->list.items[i], s->rows ? &s->rows[i] : NULL, s->soon, file, x);
	if (s->role)
		x[CASE_LIST_NCOLS].text = s->steps && s->steps[i] ? s->steps[i]->label : NULL;
}

static void case_top(struct req *r, void *self, const struct lk_view *v, struct buf *b,
		     enum fz_err rc, const struct fz_error *e)
{
	struct case_src *s = self;
	size_t np;
	(void)rc;
	(void)e;
	if (s->role) {
		html_f(b, "<p class=\"hint\">%s</p>\n", s->lead);
		return;
	}
	const char *closed = kit_query(r, "closed"), *state = kit_query(r, "state");
	bool mine = *kit_query(r, "mine") && strcmp(kit_query(r, "mine"), "0") != 0;
	struct kit_option *procs = procedure_options(r, &np);
	if (kit_may(r, PERM_CASE_ACT) && r->ctx.user && r->ctx.user->agency_id)
		html_raw(b, "<p class=\"actions\"><a class=\"button\" href=\"/cases/new\">立案</a></p>\n");
	kit_filter_begin(b, "/cases");
	lk_filter_keep(b, v);
	kit_input(b, "search", "q", "案号、案由或当事人", kit_query(r, "q"), "maxlength=\"40\"", NULL);
	kit_select(b, "procedure", "程序", procs, np, kit_query(r, "procedure"), NULL);
	state_select(r, b, kit_query(r, "procedure"), state);
	kit_select(b, "closed", "办理情况", closed_opts, 3, closed, NULL);
	kit_select(b, "todo", "待办", todo_opts, 2, kit_query(r, "todo"), NULL);
	kit_select(b, "due", "期限", due_opts, 3, kit_query(r, "due"), NULL);
	kit_select(b, "alert", "预警", alert_opts, sizeof alert_opts / sizeof alert_opts[0],
		   kit_query(r, "alert"), NULL);
	kit_checkbox(b, "mine", "只看我立案的", mine, NULL);
	kit_filter_end(b, "/cases");
}

/* The list's filter from the URL; FZ_INTERNAL when the calendar cannot
 * say which days are 即将到期. */
static enum fz_err case_filter_read(struct req *r, struct case_src *s, struct fz_error *e)
{
	const char *closed = kit_query(r, "closed");
	bool mine = *kit_query(r, "mine") && strcmp(kit_query(r, "mine"), "0") != 0;
	const char *due = kit_query(r, "due"), *todo = kit_query(r, "todo");
	char *soon = arena_calloc(r->a, 2, FZ_DATE_LEN);
	if (!soon)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	if (!strcmp(due, "soon") && app_case_soon(&r->ctx, CASE_TODO_SOON_WORKING_DAYS, soon, e))
		return FZ_INTERNAL;
	s->f = (struct case_filter){
		.overdue = !strcmp(due, "overdue"),
		.due_by = soon,
		.procedure = kit_query(r, "procedure"),
		.q = kit_query(r, "q"),
		.closed = !strcmp(closed, "closed") ? 1 : !strcmp(closed, "open") ? 2 : 0,
		.created_by = mine && r->ctx.user ? r->ctx.user->id : 0,
	};
	state_filter(r, kit_query(r, "state"), &s->f);
	/* 待我办理: open cases waiting for a step one of my roles takes */
	if (!strcmp(todo, "mine")) {
		s->f.awaits = app_case_todo_roles(&r->ctx);
		s->f.closed = 2;
		s->nothing = !s->f.awaits; /* no case role of mine: nothing waits for me */
	}
	if (!case_alert_filter(r, kit_query(r, "alert"), &s->f, soon + FZ_DATE_LEN, e))
		return FZ_INTERNAL;
	return FZ_OK;
}

int page_case_list(struct req *r)
{
	static const struct lk_table t = {
		.path = "/cases", .title = "我的案件", .list = "cases",
		.cols = case_list_cols, .ncols = CASE_LIST_NCOLS,
		.params = case_params, .nparams = sizeof case_params / sizeof case_params[0],
		.empty = "没有符合条件的案件。",
	};
	struct case_src s;
	memset(&s, 0, sizeof s);
	if ((s.frc = case_filter_read(r, &s, &s.fe)) && s.frc != FZ_INVALID)
		return http_fail_fz(r, s.frc, &s.fe);
	s.soon = case_soon_day(r);
	return lk_serve(r, &t,
			&(struct lk_source){ case_fetch, case_cells, case_top, &s, case_more,
					     app_case_count_max(r->ctx.cfg) });
}

static int queue_page(struct req *r, unsigned role, const char *list, const char *title,
		      const char *lead)
{
	struct lk_table t = {
		.path = r->path, .title = title, .list = list,
		.cols = case_list_cols, .ncols = CASE_LIST_NCOLS + 1,
		.empty = "暂无等待办理的案件。",
	};
	struct case_src s;
	memset(&s, 0, sizeof s);
	s.role = role;
	s.lead = lead;
	s.soon = case_soon_day(r);
	return lk_serve(r, &t,
			&(struct lk_source){ case_fetch, case_cells, case_top, &s, case_more,
					     app_case_count_max(r->ctx.cfg) });
}

int page_case_queue_review(struct req *r)
{
	return queue_page(r, ROLE_REVIEWER, "queue_review", "待审核",
			  "处罚决定尚缺法制审核、现在即可审核的案件：已告知当事人且陈述申辩、"
			  "听证申请期限已届满或当事人已放弃；审核通过或退回承办机构后即不再列出，"
			  "承办机构补充调查后重新列出。");
}

int page_case_queue_approval(struct req *r)
{
	return queue_page(r, ROLE_HEAD, "queue_approval", "待审批",
			  "现在即可由机关负责人决定的案件：可以作出处罚决定的，或决定尚缺"
			  "负责人对审核分歧的决定、集体讨论的。期限进行中、等待听证或审核的不列出。");
}
