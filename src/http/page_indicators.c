/* page_indicators.c - GET /indicators: the supervision indicators of an
 * agency or the whole scope over a period, each with its definition
 * (numerator, denominator, period) beside it and links to the cases on
 * each side; GET /indicators/{id:str}: those cases. GET
 * /api/v1/indicators: the same figures as JSON. The figures are
 * app/indicators.c's, computed from the record. */
#include <stdio.h>
#include <string.h>

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

/* The complaint indicator's sides are complaints, not cases. */
static int complaint_drill(struct req *r, const struct indicator *in,
			   const struct indicator_cases *side, bool num,
			   const struct indicator_query *q, struct page pg)
{
	struct buf b = BUF_INIT;
	struct complaint *items = arena_calloc(r->ctx.a, (size_t)pg.limit + 1, sizeof *items);
	size_t n = 0;
	if (!items)
		return http_fail(r, 500, "internal", NULL, "内存不足");
	for (int64_t k = pg.offset; k < (int64_t)side->n && n < (size_t)pg.limit; k++) {
		struct fz_error ce = { 0 };
		if (app_complaint_get(&r->ctx, side->ids[k], &items[n], NULL, NULL, &ce) == FZ_OK)
			n++;
	}
	char title[160];
	snprintf(title, sizeof title, "%s：%s", in->def->label, num ? "分子" : "分母");
	page_begin(r, &b, title);
	html_f(&b, "<p class=\"lead\">%s（%s 至 %s）。%s</p>\n",
	       num ? in->def->numerator : in->def->denominator, q->from, q->to, in->def->period);
	html_f(&b, "<p><a href=\"/indicators?from=%s&to=%s&agency=%lld\">返回监督指标</a></p>\n",
	       q->from, q->to, (long long)q->agency_id);
	if (!n)
		html_raw(&b, "<p class=\"empty\">没有投诉。</p>\n");
	else
		complaint_table(r, &b, items, n);
	lk_pager(r, &b, pg, (int64_t)side->n);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

/* The rectification indicator's sides are notices. */
static int notice_drill(struct req *r, const struct indicator *in,
			const struct indicator_cases *side, bool num,
			const struct indicator_query *q, struct page pg)
{
	struct buf b = BUF_INIT;
	struct rect_notice_list l = { .total = (int64_t)side->n };
	l.items = arena_calloc(r->ctx.a, (size_t)pg.limit + 1, sizeof *l.items);
	if (!l.items)
		return http_fail(r, 500, "internal", NULL, "内存不足");
	for (int64_t k = pg.offset; k < (int64_t)side->n && l.n < (size_t)pg.limit; k++) {
		struct fz_error ne = { 0 };
		if (app_notice_get(&r->ctx, side->ids[k], &l.items[l.n], &ne) == FZ_OK)
			l.n++;
	}
	char title[160];
	snprintf(title, sizeof title, "%s：%s", in->def->label, num ? "分子" : "分母");
	page_begin(r, &b, title);
	html_f(&b, "<p class=\"lead\">%s（%s 至 %s）。%s</p>\n",
	       num ? in->def->numerator : in->def->denominator, q->from, q->to, in->def->period);
	html_f(&b, "<p><a href=\"/indicators?from=%s&to=%s&agency=%lld\">返回监督指标</a></p>\n",
	       q->from, q->to, (long long)q->agency_id);
	notices_table(r, &b, &l);
	lk_pager(r, &b, pg, l.total);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

/* The decision-catalogue indicator's sides are catalogues: each with
 * its agency, year, the last day to be on time and the day approved. */
static int catalogue_drill(struct req *r, const struct indicator *in,
			   const struct indicator_cases *side, bool num,
			   const struct indicator_query *q, struct page pg)
{
	struct buf b = BUF_INIT;
	char title[160];
	snprintf(title, sizeof title, "%s：%s", in->def->label, num ? "分子" : "分母");
	page_begin(r, &b, title);
	html_f(&b, "<p class=\"lead\">%s（%s 至 %s）。%s</p>\n",
	       num ? in->def->numerator : in->def->denominator, q->from, q->to, in->def->period);
	html_f(&b, "<p><a href=\"/indicators?from=%s&to=%s&agency=%lld\">返回监督指标</a></p>\n",
	       q->from, q->to, (long long)q->agency_id);
	size_t shown = 0;
	for (int64_t k = pg.offset; k < (int64_t)side->n && shown < (size_t)pg.limit; k++) {
		struct fz_error ce = { 0 };
		struct dcat_view v;
		if (app_dcat_view(&r->ctx, side->ids[k], false, &v, &ce) != FZ_OK)
			continue;
		if (!shown++)
			html_raw(&b, "<table class=\"list\"><thead><tr><th>目录</th><th>机关</th>"
				     "<th>年度</th><th>按时公布的最后一日</th><th>批准公布</th></tr>"
				     "</thead><tbody>\n");
		char due[FZ_DATE_LEN];
		indicator_catalogue_due_of(&r->ctx, v.cat.year, due);
		html_f(&b, "<tr><td data-label=\"目录\">%s</td><td data-label=\"机关\">%s</td>"
			   "<td data-label=\"年度\">%d</td><td data-label=\"按时公布的最后一日\">%s</td>"
			   "<td data-label=\"批准公布\">%s</td></tr>\n",
		       v.cat.title, v.cat.agency_name ? v.cat.agency_name : "", v.cat.year, due,
		       v.cat.approved_on[0] ? v.cat.approved_on : "尚未批准");
	}
	if (shown)
		html_raw(&b, "</tbody></table>\n");
	else
		html_raw(&b, "<p class=\"empty\">没有决策事项目录。</p>\n");
	lk_pager(r, &b, pg, (int64_t)side->n);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

int page_indicator_cases(struct req *r)
{
	struct buf b = BUF_INIT;
	struct fz_error e = { 0 };
	struct indicator ind[IND_COUNT];
	struct indicator_query q;
	struct page pg;
	int id = indicator_find(req_param_str(r, "id"));
	const char *part = kit_query(r, "part");
	bool num = strcmp(part, "num") == 0;
	if (id < 0)
		return http_fail(r, 404, "not_found", "id", "没有这项指标");
	if (!num && strcmp(part, "den") != 0)
		return http_fail(r, 400, "invalid", "part", "请从监督指标页进入：应查看分子或分母的案件");
	if (!kit_paging(r, &pg))
		return r->resp.status;
	query_of(r, &q);
	enum fz_err rc = app_indicators(&r->ctx, &q, ind, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	const struct indicator *in = &ind[id];
	const struct indicator_cases *side = num ? &in->num_cases : &in->den_cases;
	if (id == IND_COMPLAINT)
		return complaint_drill(r, in, side, num, &q, pg);
	if (id == IND_RECTIFY)
		return notice_drill(r, in, side, num, &q, pg);
	if (id == IND_DECISION_CATALOGUE)
		return catalogue_drill(r, in, side, num, &q, pg);
	struct case_list list = { .total = (int64_t)side->n };
	list.items = arena_calloc(r->ctx.a, (size_t)pg.limit + 1, sizeof *list.items);
	if (!list.items)
		return http_fail(r, 500, "internal", NULL, "内存不足");
	for (int64_t k = pg.offset; k < (int64_t)side->n && list.n < (size_t)pg.limit; k++) {
		struct fz_error ce = { 0 };
		if (app_case_get(&r->ctx, side->ids[k], &list.items[list.n], &ce) == FZ_OK)
			list.n++;
	}
	char title[160];
	snprintf(title, sizeof title, "%s：%s", in->def->label, num ? "分子" : "分母");
	page_begin(r, &b, title);
	html_f(&b, "<p class=\"lead\">%s（%s 至 %s）。%s</p>\n", num ? in->def->numerator
								       : in->def->denominator,
	       q.from, q.to, in->def->period);
	html_f(&b, "<p><a href=\"/indicators?from=%s&to=%s&agency=%lld\">返回监督指标</a></p>\n",
	       q.from, q.to, (long long)q.agency_id);
	if (!list.n)
		html_raw(&b, "<p class=\"empty\">没有案件。</p>\n");
	else
		case_table(r, &b, &list, NULL);
	lk_pager(r, &b, pg, list.total);
	page_end(r, &b);
	return resp_html(r, 200, &b);
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
