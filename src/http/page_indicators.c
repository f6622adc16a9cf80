/* page_indicators.c - GET /indicators: the supervision indicators of an
 * agency or the whole scope over a period, each with its definition
 * (numerator, denominator, period) beside it and links to the cases on
 * each side; GET /indicators/{id:str}?part=num|den: those cases (or
 * complaints, notices, catalogues) as a working list of http/listkit.c
 * with its CSV and XLSX files, audited as list.export. GET
 * /api/v1/indicators: the same figures as JSON. The figures are
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
 * A side is the indicator's id list, in the order the indicator met
 * them; no store query can order it, so no column sorts (listkit's page
 * size, jump, the filters part/from/to/agency in the URL and the CSV and
 * XLSX files of every row, audited as list.export, all apply). Each row
 * is read through its own app function in the viewer's scope: a row the
 * viewer may not open is left out of the page and the file. */

enum drill_subject { DRILL_CASE, DRILL_COMPLAINT, DRILL_NOTICE, DRILL_CATALOGUE };

static const struct lk_col drill_case_cols[] = {
	{ "案件编号", NULL, 0, false }, { "案由", NULL, 0, false },
	{ "当事人", NULL, 0, false },   { "程序", NULL, 0, false },
	{ "状态", NULL, 0, false },     { "期限", NULL, 0, false },
};
static const struct lk_col drill_complaint_cols[] = {
	{ "回执编号", NULL, 0, false }, { "收到", NULL, 0, false },
	{ "来源", NULL, 0, false },     { "被投诉机关", NULL, 0, false },
	{ "状态", NULL, 0, false },     { "负责办理", NULL, 0, false },
	{ "期限", NULL, 0, false },
};
static const struct lk_col drill_notice_cols[] = {
	{ "整改通知", NULL, 0, false }, { "执法主体", NULL, 0, false },
	{ "发出日期", NULL, 0, false }, { "整改期限", NULL, 0, false },
	{ "状态", NULL, 0, false },
};
static const struct lk_col drill_catalogue_cols[] = {
	{ "目录", NULL, 0, false },		  { "机关", NULL, 0, false },
	{ "年度", NULL, 0, false },		  { "按时公布的最后一日", NULL, 0, false },
	{ "批准公布", NULL, 0, false },
};
static const char *const drill_params[] = { "part", "from", "to", "agency" };

struct drill_src {
	const struct indicator *in;
	const struct indicator_cases *side;
	const struct indicator_query *q;
	bool num;
	enum drill_subject subject;
	size_t n; /* rows of the page last fetched */
	struct enf_case *cases;
	struct case_row *rows;
	const char *soon;
	struct complaint *complaints;
	struct rect_notice *notices;
	struct dcat_view *cats;
};

/* The ids at positions pg.offset.. of the side, each read in scope. */
static enum fz_err drill_fetch(struct req *r, void *self, struct list_sort sort, struct page pg,
			       size_t *n, int64_t *total, struct fz_error *e)
{
	struct drill_src *s = self;
	size_t cap = (size_t)pg.limit + 1;
	(void)sort;
	s->n = 0;
	*n = 0;
	*total = (int64_t)s->side->n;
	void *mem = NULL;
	switch (s->subject) {
	case DRILL_CASE: mem = s->cases = arena_calloc(r->ctx.a, cap, sizeof *s->cases); break;
	case DRILL_COMPLAINT:
		mem = s->complaints = arena_calloc(r->ctx.a, cap, sizeof *s->complaints);
		break;
	case DRILL_NOTICE: mem = s->notices = arena_calloc(r->ctx.a, cap, sizeof *s->notices); break;
	case DRILL_CATALOGUE: mem = s->cats = arena_calloc(r->ctx.a, cap, sizeof *s->cats); break;
	}
	if (!mem)
		return fz_fail(e, FZ_NOMEM, NULL, "内存不足");
	for (int64_t k = pg.offset; k < (int64_t)s->side->n && s->n < (size_t)pg.limit; k++) {
		struct fz_error ge = { 0 };
		int64_t id = s->side->ids[k];
		enum fz_err rc = FZ_NOTFOUND;
		switch (s->subject) {
		case DRILL_CASE: rc = app_case_get(&r->ctx, id, &s->cases[s->n], &ge); break;
		case DRILL_COMPLAINT:
			rc = app_complaint_get(&r->ctx, id, &s->complaints[s->n], NULL, NULL, &ge);
			break;
		case DRILL_NOTICE: rc = app_notice_get(&r->ctx, id, &s->notices[s->n], &ge); break;
		case DRILL_CATALOGUE: rc = app_dcat_view(&r->ctx, id, false, &s->cats[s->n], &ge); break;
		}
		if (rc == FZ_OK)
			s->n++;
		else if (rc != FZ_NOTFOUND && rc != FZ_FORBIDDEN)
			return fz_fail(e, rc, NULL, "%s", ge.message[0] ? ge.message : "无法读取");
	}
	s->rows = NULL;
	if (s->subject == DRILL_CASE && s->n) {
		struct case_list l = { .items = s->cases, .n = s->n, .total = (int64_t)s->n };
		struct fz_error re = { 0 };
		if (app_case_rows(&r->ctx, &l, &s->rows, &re) != FZ_OK)
			s->rows = NULL; /* the rows then show their state id, no badge */
	}
	*n = s->n;
	return FZ_OK;
}

static const char *drill_html(struct req *r, struct buf *h)
{
	const char *t = buf_failed(h) ? NULL : arena_strdup(r->a, buf_cstr(h));
	buf_release(h);
	return t;
}

static void case_cells(struct req *r, struct drill_src *s, size_t i, bool file, struct lk_cell *x)
{
	const struct enf_case *c = &s->cases[i];
	const struct case_row *row = s->rows ? &s->rows[i] : NULL;
	const char *href = arena_printf(r->a, "/cases/%lld", (long long)c->id);
	struct buf h = BUF_INIT;
	x[0] = (struct lk_cell){ .text = c->number, .href = href, .mono = true };
	x[1] = (struct lk_cell){ .text = c->title, .href = href };
	/* a matter has no party: its drafting unit */
	x[2].text = c->party_kind == PARTY_NONE ? c->agency_name : c->party_name;
	x[3].text = case_procedure_label(r, c->procedure);
	x[4].text = row && row->state ? row->state->label : c->state[0] ? c->state : "未立案";
	if (c->closed)
		x[4].text = arena_printf(r->a, "%s（已结案）", x[4].text);
	if (row)
		case_row_badges_text(&h, c, row, r->ctx.today, s->soon);
	x[5].text = drill_html(r, &h);
	if (file || !row)
		return;
	case_row_state(&h, c, row);
	x[4].html = drill_html(r, &h);
	case_row_badges(&h, c, row, r->ctx.today, s->soon);
	x[5].html = h.len ? drill_html(r, &h) : NULL;
	buf_release(&h);
	if (!x[5].html)
		x[5] = (struct lk_cell){ .text = "—", .span = "muted" };
}

static void complaint_cells(struct req *r, struct drill_src *s, size_t i, bool file,
			    struct lk_cell *x)
{
	const struct complaint *c = &s->complaints[i];
	const char *due = complaint_due_now(c);
	bool late = complaint_overdue(c, r->ctx.today);
	x[0] = (struct lk_cell){ .text = c->receipt, .mono = true,
				 .href = arena_printf(r->a, "/complaints/%lld", (long long)c->id) };
	x[1].text = c->received_on;
	x[2].text = complaint_channel_label(c->channel);
	x[3].text = c->agency;
	x[4].text = complaint_state_label(c->state);
	x[5].text = c->handler_id ? c->handler : NULL;
	x[6].text = late ? arena_printf(r->a, "%s（已逾期）", due) : due;
	if (!file && late)
		x[6] = (struct lk_cell){ .text = x[6].text, .badge = "bad" };
}

static void notice_cells(struct req *r, struct drill_src *s, size_t i, struct lk_cell *x)
{
	const struct rect_notice *n = &s->notices[i];
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
	const struct dcat_view *v = &s->cats[i];
	char *due = arena_alloc(r->a, FZ_DATE_LEN);
	if (due)
		indicator_catalogue_due_of(&r->ctx, v->cat.year, due);
	x[0].text = v->cat.title;
	x[1].text = v->cat.agency_name;
	x[2].text = arena_printf(r->a, "%d", v->cat.year);
	x[3].text = due;
	x[4].text = v->cat.approved_on[0] ? v->cat.approved_on : "尚未批准";
}

static void drill_cells(struct req *r, void *self, size_t i, bool file, struct lk_cell *x)
{
	struct drill_src *s = self;
	switch (s->subject) {
	case DRILL_CASE: case_cells(r, s, i, file, x); break;
	case DRILL_COMPLAINT: complaint_cells(r, s, i, file, x); break;
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
		t.cols = drill_case_cols;
		t.ncols = sizeof drill_case_cols / sizeof drill_case_cols[0];
		t.empty = "没有案件。";
		break;
	case DRILL_COMPLAINT:
		t.cols = drill_complaint_cols;
		t.ncols = sizeof drill_complaint_cols / sizeof drill_complaint_cols[0];
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
		o = json_put(o, "numerator_cases", id_array(&in->num_cases));
		o = json_put(o, "denominator_cases", id_array(&in->den_cases));
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
