/* page_indicators.c - GET /indicators: the supervision indicators of an
 * agency or the whole scope over a period, each with its definition
 * (numerator, denominator, period) beside it and links to the cases on
 * each side; GET /indicators/{id:str}?part=num|den: those cases (or
 * complaints, notices, catalogues) as a working list of http/listkit.c
 * with its CSV and XLSX files, audited as list.export. GET
 * /api/v1/indicators: the same figures as JSON, with every side's ids
 * unless ?cases=0. The figures are
 * app/indicators.c's, computed from the record. */
#include <stdio.h>
#include <string.h>

#include "app/case.h"
#include "app/case_status.h"
#include "app/complaint.h"
#include "app/decision.h"
#include "app/evaluation.h"
#include "http/api_evaluation.h"
#include "app/indicators.h"
#include "base/date.h"
#include "http/complaint_view.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/jsonout_case.h"
#include "http/layout.h"
#include "http/listkit.h"
#include "http/page_case_kit.h"
#include "http/pagekit.h"
#include "http/resp.h"

/* The query from ?from=&to=&agency= (default: this year to today). */
static void query_of(struct req *r, struct indicator_query *q)
{
	const char *from = kit_query(r, "from"), *to = kit_query(r, "to");
	memset(q, 0, sizeof *q);
	if (*from)
		snprintf(q->from, sizeof q->from, "%.10s", from);
	else
		snprintf(q->from, sizeof q->from, "%.4s-01-01", r->ctx.today);
	snprintf(q->to, sizeof q->to, "%.10s", *to ? to : r->ctx.today);
	q->agency_id = kit_query_id(r, "agency");
}

/* "98.5%" or "—" when nothing was counted. */
static const char *rate(char out[24], const struct indicator *in)
{
	if (in->def->average) {
		if (!in->den)
			return "—";
		snprintf(out, 24, "%.1f %s", (double)in->num / (double)in->den,
			 in->def->working_days ? "个工作日" : "天");
		return out;
	}
	if (!in->den)
		return "—";
	snprintf(out, 24, "%.1f%%", 100.0 * (double)in->num / (double)in->den);
	return out;
}

static void href(char *out, size_t n, const struct indicator *in, const char *part,
		 const struct indicator_query *q)
{
	snprintf(out, n, "/indicators/%s?part=%s&from=%s&to=%s&agency=%lld", in->def->id, part,
		 q->from, q->to, (long long)q->agency_id);
}

static void filter(struct req *r, struct buf *b, const struct indicator_query *q)
{
	size_t na;
	struct kit_option *ag = kit_agency_options(r, "全部执法主体", &na);
	char agency[24] = "";
	if (q->agency_id)
		snprintf(agency, sizeof agency, "%lld", (long long)q->agency_id);
	kit_filter_begin(b, "/indicators");
	kit_input(b, "date", "from", "自", q->from, NULL, NULL);
	kit_input(b, "date", "to", "至", q->to, NULL, NULL);
	kit_select(b, "agency", "执法主体", ag, na, agency, NULL);
	kit_filter_end(b, "/indicators");
}

int page_indicators(struct req *r)
{
	struct buf b = BUF_INIT;
	struct fz_error e = { 0 };
	struct indicator ind[IND_COUNT];
	struct indicator_query q;
	query_of(r, &q);
	q.lists = IND_LISTS_NONE; /* the figures: their cases when a drill-down is opened */
	enum fz_err rc = app_indicators(&r->ctx, &q, ind, &e);
	page_begin(r, &b, "监督指标");
	html_raw(&b, "<p class=\"lead\">各项指标由系统根据实际记录的办案步骤计算，不需填报；"
		     "点击数字可查看构成该数字的案件、文件或决策。</p>\n");
	filter(r, &b, &q);
	if (rc) {
		kit_form_error(&b, rc, &e);
		page_end(r, &b);
		return resp_html(r, rc == FZ_INVALID ? 400 : 500, &b);
	}
	for (int i = 0; i < IND_COUNT; i++) {
		const struct indicator *in = &ind[i];
		if (i == 0 || i == IND_RULEMAKING_FIRST) {
			if (i)
				html_raw(&b, "</tbody></table>\n");
			html_f(&b, "<h2>%s</h2>\n", i ? "规范性文件和重大行政决策" : "行政执法");
			html_raw(&b, "<table class=\"list indicators\"><thead><tr><th>指标</th>"
				     "<th>数值</th><th>分子 / 分母</th><th>目标</th><th>定义</th></tr>"
				     "</thead><tbody>\n");
		}
		char v[24], hn[200], hd[200];
		href(hn, sizeof hn, in, "num", &q);
		href(hd, sizeof hd, in, "den", &q);
		html_f(&b, "<tr><td data-label=\"指标\">%s</td><td data-label=\"数值\"><strong>%s</strong>",
		       in->def->label, rate(v, in));
		if (in->def->average && in->den)
			html_f(&b, "，最长 %lld %s", (long long)in->max,
			       in->def->working_days ? "个工作日" : "天");
		html_f(&b, "</td><td data-label=\"分子 / 分母\"><a href=\"%s\">%lld</a> / "
			   "<a href=\"%s\">%lld</a></td><td data-label=\"目标\">%s</td>"
			   "<td data-label=\"定义\" class=\"hint\">分子：%s；分母：%s；%s</td></tr>\n",
		       hn, (long long)in->num, hd, (long long)in->den,
		       *in->def->target ? in->def->target : "—", in->def->numerator,
		       in->def->denominator, in->def->period);
	}
	html_raw(&b, "</tbody></table>\n");
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

/* --- the drill-down: the side's rows as a working list (listkit) ---
 *
 * A side is the indicator's id list; the store lists the rows among
 * those ids (struct id_set) in the viewer's scope, in the order of the
 * column asked, so the drill-down is a working list like any other:
 * sortable columns, page size, jump, the filters part/from/to/agency in
 * the URL and the CSV and XLSX files of every row in the chosen order,
 * audited as list.export. A row the viewer may not open is left out of
 * the page, the total and the file. Cases and complaints are drawn with
 * the cells of their own lists (page_cases.c, page_complaints.c). */

enum drill_subject { DRILL_CASE, DRILL_COMPLAINT, DRILL_NOTICE, DRILL_CATALOGUE };

static const struct lk_col drill_notice_cols[] = {
	{ "整改通知", "id", NOTICE_SORT_ID, false },
	{ "执法主体", "agency", NOTICE_SORT_AGENCY, false },
	{ "发出日期", "issued", NOTICE_SORT_ISSUED, false },
	{ "整改期限", NULL, 0, false }, /* from the clock, not stored */
	{ "状态", "status", NOTICE_SORT_STATUS, false },
};
static const struct lk_col drill_catalogue_cols[] = {
	{ "目录", "title", DCAT_SORT_TITLE, false },
	{ "机关", "agency", DCAT_SORT_AGENCY, false },
	{ "年度", "year", DCAT_SORT_YEAR, false },
	{ "按时公布的最后一日", NULL, 0, false }, /* follows the year */
	{ "批准公布", "approved", DCAT_SORT_APPROVED, false },
};
static const char *const drill_params[] = { "part", "from", "to", "agency" };

struct drill_src {
	const struct indicator *in;
	const struct indicator_cases *side;
	const struct indicator_query *q;
	bool num;
	enum drill_subject subject;
	struct case_list cases;
	struct case_row *rows;
	const char *soon;
	struct complaint_list complaints;
	struct rect_notice_list notices;
	struct decision_catalogue_list cats;
};

/* One page of the side's rows in scope, in the order asked. */
static enum fz_err drill_fetch(struct req *r, void *self, struct list_sort sort, struct page pg,
			       size_t *n, int64_t *total, struct fz_error *e)
{
	struct drill_src *s = self;
	struct id_set only = { s->side->ids ? s->side->ids : (const int64_t[]){ 0 }, s->side->n };
	enum fz_err rc = FZ_OK;
	*n = 0;
	*total = 0;
	switch (s->subject) {
	case DRILL_CASE: {
		struct case_filter f = { .only = only, .sort = sort };
		if ((rc = app_case_list(&r->ctx, &f, pg, &s->cases, e)))
			return rc;
		/* the rows' derived status: without it they show their state
		 * id and no badge */
		struct fz_error re = { 0 };
		s->rows = NULL;
		if (s->cases.n && app_case_rows(&r->ctx, &s->cases, &s->rows, &re) != FZ_OK)
			s->rows = NULL;
		*n = s->cases.n;
		*total = s->cases.total;
		break;
	}
	case DRILL_COMPLAINT: {
		struct complaint_filter f = { .only = only, .sort = sort };
		if ((rc = app_complaint_list(&r->ctx, &f, pg, &s->complaints, e)))
			return rc;
		*n = s->complaints.n;
		*total = s->complaints.total;
		break;
	}
	case DRILL_NOTICE: {
		struct rect_notice_filter f = { .only = only, .sort = sort };
		if ((rc = app_notice_list(&r->ctx, &f, pg, &s->notices, e)))
			return rc;
		*n = s->notices.n;
		*total = s->notices.total;
		break;
	}
	case DRILL_CATALOGUE:
		if ((rc = app_dcat_list_of(&r->ctx, only, sort, pg, &s->cats, e)))
			return rc;
		*n = s->cats.n;
		*total = s->cats.total;
		break;
	}
	return FZ_OK;
}

static void notice_cells(struct req *r, struct drill_src *s, size_t i, struct lk_cell *x)
{
	const struct rect_notice *n = &s->notices.items[i];
	struct deadline d;
	struct fz_error e = { 0 };
	bool ok = app_notice_deadline(&r->ctx, n, &d, &e) == FZ_OK;
	bool late = ok && n->status != NOTICE_CLOSED && strcmp(r->ctx.today, d.due) > 0;
	x[0] = (struct lk_cell){ .text = arena_printf(r->a, "整改通知 %lld", (long long)n->id),
				 .href = arena_printf(r->a, "/rectification-notices/%lld",
						      (long long)n->id) };
	x[1].text = n->agency;
	x[2].text = n->issued_on;
	x[3].text = ok ? arena_printf(r->a, "%s%s", d.due, late ? "（已逾期）" : "") : NULL;
	x[4].text = notice_status_label(n->status);
}

static void catalogue_cells(struct req *r, struct drill_src *s, size_t i, struct lk_cell *x)
{
	const struct decision_catalogue *c = &s->cats.items[i];
	char *due = arena_alloc(r->a, FZ_DATE_LEN);
	if (due)
		indicator_catalogue_due_of(&r->ctx, c->year, due);
	x[0].text = c->title;
	x[1].text = c->agency_name;
	x[2].text = arena_printf(r->a, "%d", c->year);
	x[3].text = due;
	x[4].text = c->approved_on[0] ? c->approved_on : "尚未批准";
}

static void drill_cells(struct req *r, void *self, size_t i, bool file, struct lk_cell *x)
{
	struct drill_src *s = self;
	switch (s->subject) {
	case DRILL_CASE:
		case_list_cells(r, &s->cases.items[i], s->rows ? &s->rows[i] : NULL, s->soon, file,
				x);
		break;
	case DRILL_COMPLAINT: complaint_list_cells(r, &s->complaints.items[i], file, x); break;
	case DRILL_NOTICE: notice_cells(r, s, i, x); break;
	case DRILL_CATALOGUE: catalogue_cells(r, s, i, x); break;
	}
}

/* Above the list: the side's definition and the period, the way back. */
static void drill_top(struct req *r, void *self, const struct lk_view *v, struct buf *b,
		      enum fz_err rc, const struct fz_error *e)
{
	struct drill_src *s = self;
	(void)r;
	(void)v;
	(void)rc;
	(void)e;
	html_f(b, "<p class=\"lead\">%s（%s 至 %s）。%s</p>\n",
	       s->num ? s->in->def->numerator : s->in->def->denominator, s->q->from, s->q->to,
	       s->in->def->period);
	int64_t figure = s->num ? s->in->num : s->in->den;
	/* a figure that counts days or steps, not the rows below */
	if (s->num && s->in->def->average)
		html_f(b, "<p class=\"hint\">分子为天数合计 %lld %s；下列为计入的 %zu 项。</p>\n",
		       (long long)figure, s->in->def->working_days ? "个工作日" : "天",
		       s->side->n);
	else if (figure != (int64_t)s->side->n)
		html_f(b, "<p class=\"hint\">%s为 %lld；下列为其涉及的 %zu 项。</p>\n",
		       s->num ? "分子" : "分母", (long long)figure, s->side->n);
	html_f(b, "<p><a href=\"/indicators?from=%s&to=%s&agency=%lld\">返回监督指标</a></p>\n",
	       s->q->from, s->q->to, (long long)s->q->agency_id);
}

int page_indicator_cases(struct req *r)
{
	struct fz_error e = { 0 };
	struct indicator *ind = arena_calloc(r->ctx.a, IND_COUNT, sizeof *ind);
	struct indicator_query q;
	int id = indicator_find(req_param_str(r, "id"));
	const char *part = kit_query(r, "part");
	bool num = strcmp(part, "num") == 0;
	if (id < 0)
		return http_fail(r, 404, "not_found", "id", "没有这项指标");
	if (!num && strcmp(part, "den") != 0)
		return http_fail(r, 400, "invalid", "part", "请从监督指标页进入：应查看分子或分母的案件");
	if (!ind)
		return http_fail(r, 500, "internal", NULL, "内存不足");
	query_of(r, &q);
	q.lists = num ? IND_LISTS_NUM : IND_LISTS_DEN; /* this side only */
	q.list_of = id;
	enum fz_err rc = app_indicators(&r->ctx, &q, ind, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	struct drill_src s = {
		.in = &ind[id],
		.side = num ? &ind[id].num_cases : &ind[id].den_cases,
		.q = &q,
		.num = num,
		.subject = id == IND_COMPLAINT		? DRILL_COMPLAINT
			   : id == IND_RECTIFY		? DRILL_NOTICE
			   : id == IND_DECISION_CATALOGUE ? DRILL_CATALOGUE
							  : DRILL_CASE,
		.soon = case_soon_day(r),
	};
	struct lk_table t = {
		.path = r->path,
		.title = arena_printf(r->a, "%s：%s", ind[id].def->label, num ? "分子" : "分母"),
		.list = arena_printf(r->a, "indicator_%s_%s", ind[id].def->id, part),
		.params = drill_params,
		.nparams = sizeof drill_params / sizeof drill_params[0],
	};
	switch (s.subject) {
	case DRILL_CASE:
		t.cols = case_list_cols;
		t.ncols = CASE_LIST_NCOLS;
		t.empty = "没有案件。";
		break;
	case DRILL_COMPLAINT:
		t.cols = complaint_list_cols;
		t.ncols = COMPLAINT_LIST_NCOLS;
		t.empty = "没有投诉。";
		break;
	case DRILL_NOTICE:
		t.cols = drill_notice_cols;
		t.ncols = sizeof drill_notice_cols / sizeof drill_notice_cols[0];
		t.empty = "没有整改通知。";
		break;
	case DRILL_CATALOGUE:
		t.cols = drill_catalogue_cols;
		t.ncols = sizeof drill_catalogue_cols / sizeof drill_catalogue_cols[0];
		t.empty = "没有决策事项目录。";
		break;
	}
	if (!t.title || !t.list)
		return http_fail(r, 500, "internal", NULL, "内存不足");
	return lk_serve(r, &t, &(struct lk_source){ drill_fetch, drill_cells, drill_top, &s });
}

static json_t *id_array(const struct indicator_cases *l)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < l->n; i++)
		if (json_array_append_new(a, json_integer(l->ids[i]))) {
			json_decref(a);
			return NULL;
		}
	return a;
}

int api_indicators(struct req *r)
{
	struct fz_error e = { 0 };
	struct indicator ind[IND_COUNT];
	struct indicator_query q;
	query_of(r, &q);
	/* ?cases=0: the figures alone (a province's sides hold millions of
	 * ids) */
	const char *cases = kit_query(r, "cases");
	bool ids = strcmp(cases, "0") != 0;
	if (*cases && ids && strcmp(cases, "1") != 0)
		return http_fail(r, 400, "invalid", "cases", "是否附上案件 id 应为 0（只要数字）或 1（附上）");
	q.lists = ids ? IND_LISTS_ALL : IND_LISTS_NONE;
	enum fz_err rc = app_indicators(&r->ctx, &q, ind, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	json_t *items = json_array();
	for (int i = 0; i < IND_COUNT && items; i++) {
		const struct indicator *in = &ind[i];
		json_t *o = json_object();
		o = json_put(o, "id", json_string(in->def->id));
		o = json_put(o, "label", json_string(in->def->label));
		o = json_put(o, "numerator", json_integer(in->num));
		o = json_put(o, "denominator", json_integer(in->den));
		o = json_put(o, "kind", json_string(in->def->average ? "average_days" : "rate"));
		if (in->def->average) {
			o = json_put(o, "max", json_integer(in->max));
			o = json_put(o, "unit", json_string(in->def->working_days ? "working_days"
										   : "days"));
		}
		o = json_put(o, "subject", json_string(indicator_subject(i)));
		o = json_put(o, "target", json_string(in->def->target));
		o = json_put(o, "numerator_definition", json_string(in->def->numerator));
		o = json_put(o, "denominator_definition", json_string(in->def->denominator));
		o = json_put(o, "period_definition", json_string(in->def->period));
		if (ids) {
			o = json_put(o, "numerator_cases", id_array(&in->num_cases));
			o = json_put(o, "denominator_cases", id_array(&in->den_cases));
		}
		if (!o || json_array_append_new(items, o)) {
			json_decref(items);
			items = NULL;
		}
	}
	json_t *out = json_object();
	out = json_put(out, "from", json_string(q.from));
	out = json_put(out, "to", json_string(q.to));
	out = json_put(out, "agency_id", q.agency_id ? json_integer(q.agency_id) : json_null());
	out = json_put(out, "items", items ? items : json_null());
	if (!out)
		return http_fail(r, 500, "internal", NULL, "内存不足");
	return resp_json(r, 200, out);
}
