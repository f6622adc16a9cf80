/* page_normcat.c - the catalogues of normative documents (双目录) on the
 * portal, no sign-in: GET /public/normative-documents (现行有效目录;
 * ?view=all every published document with what became of it), GET
 * /public/normative-documents/{id} (one document with its history), GET
 * /public/normative-plan (制定计划目录 by year and drafting unit); the
 * same as JSON and XLSX (api_*), and the 预警 page's section of documents
 * whose validity ends soon (page_alerts.c calls normcat_alert_section). */
#include <string.h>

#include "app/consultation.h"
#include "app/normcat.h"
#include "base/num.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/jsonout.h"
#include "http/jsonout_case.h"
#include "http/jsonout_org.h"
#include "http/layout.h"
#include "http/listkit.h"
#include "http/pagekit.h"
#include "http/paging.h"
#include "http/resp.h"

static void table_head(struct buf *b, const char *id, const char *caption)
{
	html_f(b, "<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"%s\">"
		  "<table class=\"list\"><caption id=\"%s\">%s</caption>\n", id, id, caption);
}

int page_public_normative_documents(struct req *r)
{
	struct normdoc_list l;
	struct page pg;
	struct fz_error e = { 0 };
	struct buf b = BUF_INIT;
	if (!kit_paging(r, &pg))
		return 400;
	const char *view = req_query(r, "view");
	bool all = view && strcmp(view, "all") == 0;
	struct normcat_filter f = { .view = all ? NORMCAT_PUBLISHED : NORMCAT_IN_FORCE };
	enum fz_err rc = app_normcat_list(&r->ctx, &f, pg, &l, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	page_begin(r, &b, all ? "已公布的行政规范性文件" : "现行有效的行政规范性文件目录");
	html_raw(&b, "<p class=\"lead\">行政规范性文件经公布后方可施行；未公布的，不得作为行政管理的依据。"
		     "本目录由制定过程的记录自动生成：已废止、宣布失效或有效期届满的文件不在现行有效目录中。</p>\n");
	html_raw(&b, all ? "<p><a href=\"/public/normative-documents\">现行有效目录</a> · <strong>全部已公布的文件</strong>"
			 : "<p><strong>现行有效目录</strong> · <a href=\"/public/normative-documents?view=all\">全部已公布的文件（含已废止、失效的）</a>");
	html_raw(&b, " · <a href=\"/public/normative-plan\">制定计划目录</a></p>\n");
	html_f(&b, "<p>下载：<a href=\"/api/v1/public/normative-documents.xlsx%s\">XLSX</a> · "
		   "<a href=\"/api/v1/public/normative-documents%s\">JSON</a></p>\n",
	       all ? "?view=all" : "", all ? "?view=all" : "");
	if (l.n == 0) {
		html_raw(&b, "<p>目录中还没有文件。</p>\n");
	} else {
		table_head(&b, "normcat", all ? "已公布的文件" : "现行有效的文件");
		html_raw(&b, "<thead><tr><th scope=\"col\">文件名称</th><th scope=\"col\">文号</th>"
			     "<th scope=\"col\">制定机关</th><th scope=\"col\">施行日期</th>"
			     "<th scope=\"col\">有效期至</th><th scope=\"col\">状态</th></tr></thead><tbody>\n");
		for (size_t i = 0; i < l.n; i++) {
			const struct normdoc *d = &l.items[i];
			html_f(&b, "<tr><th scope=\"row\"><a href=\"/public/normative-documents/%lld\">%s</a></th>"
				   "<td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
			       (long long)d->case_id, d->title, d->number, d->agency, d->effective_on,
			       d->valid_until, normdoc_state_label(d->state));
		}
		html_raw(&b, "</tbody></table></div>\n");
	}
	lk_pager(r, &b, pg, l.total);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

int page_public_normative_document(struct req *r)
{
	struct normdoc d;
	struct fz_error e = { 0 };
	struct buf b = BUF_INIT;
	enum fz_err rc = app_normcat_get(&r->ctx, req_param(r, "id"), &d, &e);
	if (rc == FZ_NOTFOUND)
		return page_error(r, 404, "没有这件规范性文件");
	if (rc)
		return http_fail_fz(r, rc, &e);
	page_begin(r, &b, d.title);
	html_f(&b, "<dl class=\"fields\"><dt>制定机关</dt><dd>%s</dd><dt>状态</dt><dd><strong>%s</strong>",
	       d.agency, normdoc_state_label(d.state));
	if (d.ended_on[0])
		html_f(&b, "（%s 起）", d.ended_on);
	html_raw(&b, "</dd>");
	if (d.number[0])
		html_f(&b, "<dt>文号</dt><dd>%s</dd>", d.number);
	if (d.published_on[0])
		html_f(&b, "<dt>公布日期</dt><dd>%s</dd>", d.published_on);
	if (d.effective_on[0])
		html_f(&b, "<dt>施行日期</dt><dd>%s</dd>", d.effective_on);
	if (d.valid_until[0])
		html_f(&b, "<dt>有效期至</dt><dd>%s%s</dd>", d.valid_until,
		       d.provisional ? "（暂行、试行）" : "");
	html_f(&b, "<dt>制定计划</dt><dd>%s</dd></dl>\n",
	       d.in_plan ? d.plan_ref : "未列入年度制定计划");
	html_raw(&b, "<section aria-labelledby=\"history\"><h2 id=\"history\">历次状态</h2>\n<ol class=\"timeline\">\n");
	for (size_t i = 0; i < d.nhistory; i++)
		html_f(&b, "<li><strong>%s</strong> %s%s%s</li>\n", d.history[i].on, d.history[i].what,
		       d.history[i].detail[0] ? "：" : "", d.history[i].detail);
	html_raw(&b, "</ol></section>\n");
	if (d.state == NORMDOC_IN_FORCE || d.state == NORMDOC_PENDING)
		review_request_form(r, &b, d.case_id, NULL, FZ_OK, NULL);
	html_raw(&b, "<p><a href=\"/public/normative-documents\">返回现行有效目录</a></p>\n");
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

/* ?year= as a year, 0 when absent; false (and the error answered) when
 * it is not one. */
static bool year_of(struct req *r, int *year, bool api)
{
	const char *y = req_query(r, "year");
	int64_t v = 0;
	*year = 0;
	if (!y || !*y)
		return true;
	if (!num_parse_i64(y, 2000, 2100, &v)) {
		if (api)
			resp_error(r, FZ_INVALID, "year", "年度应为四位数字，例如 2026");
		else
			page_error(r, 400, "年度应为四位数字，例如 2026");
		return false;
	}
	*year = (int)v;
	return true;
}

int page_public_normative_plan(struct req *r)
{
	struct normdoc_list l;
	struct page pg = { 0, 200 };
	struct fz_error e = { 0 };
	struct buf b = BUF_INIT;
	int year;
	if (!year_of(r, &year, false))
		return 400;
	if (!kit_paging(r, &pg))
		return 400;
	struct normcat_filter f = { .view = NORMCAT_PLAN, .year = year };
	enum fz_err rc = app_normcat_list(&r->ctx, &f, pg, &l, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	page_begin(r, &b, "行政规范性文件制定计划目录");
	html_raw(&b, "<p class=\"lead\">各单位每年的规范性文件制定计划项目和进展；未列入计划而制定的，写明理由。"
		     "与<a href=\"/public/normative-documents\">现行有效目录</a>合称“双目录”。</p>\n");
	html_f(&b, "<p>下载：<a href=\"/api/v1/public/normative-plan.xlsx%s%s\">XLSX</a></p>\n",
	       year ? "?year=" : "", year ? req_query(r, "year") : "");
	int cur = -1;
	const char *unit = NULL;
	for (size_t i = 0; i < l.n; i++) {
		const struct normdoc *d = &l.items[i];
		if (d->plan_year != cur || !unit || strcmp(unit, d->agency) != 0) {
			if (cur != -1)
				html_raw(&b, "</tbody></table></div>\n");
			if (d->plan_year != cur)
				html_f(&b, "<h2>%d 年</h2>\n", d->plan_year);
			cur = d->plan_year;
			unit = d->agency;
			char id[40];
			snprintf(id, sizeof id, "plan-%zu", i);
			table_head(&b, id, d->agency);
			html_raw(&b, "<thead><tr><th scope=\"col\">文件名称</th><th scope=\"col\">计划项目</th>"
				     "<th scope=\"col\">进展</th><th scope=\"col\">状态</th></tr></thead><tbody>\n");
		}
		html_f(&b, "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td><td>%s</td></tr>\n",
		       d->title, d->in_plan ? d->plan_ref : "（未列入计划）", d->stage,
		       normdoc_state_label(d->state));
	}
	if (cur != -1)
		html_raw(&b, "</tbody></table></div>\n");
	else
		html_raw(&b, "<p>没有制定计划项目。</p>\n");
	lk_pager(r, &b, pg, l.total);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

void normcat_alert_section(struct req *r, struct buf *b)
{
	struct normdoc_list l;
	struct fz_error e = { 0 };
	struct normcat_filter f = { .view = NORMCAT_EXPIRING };
	if (app_normcat_list(&r->ctx, &f, (struct page){ 0, 200 }, &l, &e) || l.total == 0)
		return;
	html_f(b, "<section class=\"alerts\"><h2>行政规范性文件有效期即将届满（%lld 件）</h2>\n"
		  "<p>届满前应当评估，并在“清理”中记录继续有效、修改、废止或宣布失效。</p><ul>\n",
	       (long long)l.total);
	for (size_t i = 0; i < l.n; i++)
		html_f(b, "<li><a href=\"/cases/%lld\">%s</a>%s%s：有效期至 %s</li>\n",
		       (long long)l.items[i].case_id, l.items[i].title,
		       l.items[i].number[0] ? " " : "", l.items[i].number, l.items[i].valid_until);
	html_raw(b, "</ul></section>\n");
}

/* --- JSON and XLSX --- */

static json_t *json_normdoc(const struct normdoc *d, bool history)
{
	json_t *o = json_object();
	o = json_put(o, "id", json_integer(d->case_id));
	o = json_put(o, "title", json_text(d->title));
	o = json_put(o, "agency_id", json_integer(d->agency_id));
	o = json_put(o, "agency", json_text(d->agency));
	o = json_put(o, "number", json_str_or_null(d->number[0] ? d->number : NULL));
	o = json_put(o, "state", json_text(normdoc_state_name(d->state)));
	o = json_put(o, "state_label", json_text(normdoc_state_label(d->state)));
	o = json_put(o, "published_on", json_str_or_null(d->published_on[0] ? d->published_on : NULL));
	o = json_put(o, "effective_on", json_str_or_null(d->effective_on[0] ? d->effective_on : NULL));
	o = json_put(o, "valid_until", json_str_or_null(d->valid_until[0] ? d->valid_until : NULL));
	o = json_put(o, "provisional", json_boolean(d->provisional));
	o = json_put(o, "ended_on", json_str_or_null(d->ended_on[0] ? d->ended_on : NULL));
	o = json_put(o, "plan_year", json_integer(d->plan_year));
	o = json_put(o, "in_plan", json_boolean(d->in_plan));
	o = json_put(o, "plan_ref", json_str_or_null(d->plan_ref[0] ? d->plan_ref : NULL));
	o = json_put(o, "plan_reason", json_str_or_null(d->plan_reason[0] ? d->plan_reason : NULL));
	o = json_put(o, "stage", json_text(d->stage));
	if (history) {
		json_t *h = json_array();
		for (size_t i = 0; i < d->nhistory; i++) {
			json_t *s = json_object();
			s = json_put(s, "on", json_text(d->history[i].on));
			s = json_put(s, "step", json_text(d->history[i].what));
			s = json_put(s, "detail", json_str_or_null(d->history[i].detail[0]
								    ? d->history[i].detail : NULL));
			h = json_array_push(h, s);
		}
		o = json_put(o, "history", h);
	}
	return o;
}

static int list_answer(struct req *r, enum normcat_view view, bool xlsx)
{
	struct fz_error e = { 0 };
	struct normdoc_list l;
	struct page pg = { 0, 200 };
	enum fz_err rc;
	int year = 0;
	if (view != NORMCAT_PLAN) {
		const char *v = req_query(r, "view");
		if (v && strcmp(v, "all") != 0 && strcmp(v, "in_force") != 0)
			return resp_error(r, FZ_INVALID, "view", "view 只能是 in_force（现行有效，默认）或 all（全部已公布的）");
		if (v && strcmp(v, "all") == 0)
			view = NORMCAT_PUBLISHED;
	} else if (!year_of(r, &year, true)) {
		return 400;
	}
	if (!xlsx && (rc = paging_from_query(r, &pg, &e)))
		return resp_fail(r, rc, &e);
	struct normcat_filter f = { .view = view, .year = year };
	if ((rc = app_normcat_list(&r->ctx, &f, pg, &l, &e)))
		return resp_fail(r, rc, &e);
	if (xlsx) {
		struct buf out = BUF_INIT;
		if ((rc = app_normcat_xlsx(&r->ctx, view, &l, &out, &e))) {
			buf_release(&out);
			return resp_fail(r, rc, &e);
		}
		resp_header(r, "Content-Disposition",
			    view == NORMCAT_PLAN ? "attachment; filename=\"normative-plan.xlsx\""
						 : "attachment; filename=\"normative-documents.xlsx\"");
		return resp_bytes(r, 200,
				  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
				  &out);
	}
	json_t *items = json_array();
	for (size_t i = 0; i < l.n; i++)
		items = json_array_push(items, json_normdoc(&l.items[i], false));
	return resp_list(r, items, l.total, pg);
}

int api_public_normative_documents(struct req *r) { return list_answer(r, NORMCAT_IN_FORCE, false); }
int api_public_normative_documents_xlsx(struct req *r) { return list_answer(r, NORMCAT_IN_FORCE, true); }
int api_public_normative_plan(struct req *r) { return list_answer(r, NORMCAT_PLAN, false); }
int api_public_normative_plan_xlsx(struct req *r) { return list_answer(r, NORMCAT_PLAN, true); }

int api_public_normative_document(struct req *r)
{
	struct fz_error e = { 0 };
	struct normdoc d;
	enum fz_err rc = app_normcat_get(&r->ctx, req_param(r, "id"), &d, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	return resp_json(r, 200, json_normdoc(&d, true));
}
