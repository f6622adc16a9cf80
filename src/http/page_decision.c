/* page_decision.c - the decision catalogues (决策事项目录) on the portal:
 * /public/decision-catalogue lists the approved catalogues (newest year
 * first, by year), /public/decision-catalogue/{id} shows one with its
 * items, the approval and every adjustment with its reason. Server-
 * rendered, no script; the same data as JSON under
 * /api/v1/public/decision-catalogues. */
#include <stdio.h>
#include <string.h>

#include "app/decision.h"
#include "http/api_query.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/listkit.h"
#include "http/page_case_kit.h"
#include "http/pagekit.h"
#include "http/resp.h"

int page_public_dcat_list(struct req *r)
{
	struct fz_error e = { 0 };
	struct page pg;
	struct decision_catalogue_list l;
	struct buf b = BUF_INIT;
	int64_t year = 0;
	if (!kit_paging(r, &pg))
		return 400;
	enum fz_err rc = query_int(r, "year", 2000, 9999, 0, &year, &e);
	if (rc)
		return page_error(r, 400, "年度应为四位数字");
	if ((rc = app_dcat_list(&r->ctx, true, 0, (int)year, pg, &l, &e)))
		return http_fail_fz(r, rc, &e);
	page_begin(r, &b, "重大行政决策事项目录");
	html_raw(&b, "<p>各级人民政府及其部门每年公布的重大行政决策事项目录（重大行政决策程序暂行条例"
		     "第三条），及其调整和调整理由。</p>\n");
	html_raw(&b, "<form method=\"get\" action=\"/public/decision-catalogue\" class=\"filters\">"
		     "<label>年度 <input name=\"year\" inputmode=\"numeric\" size=\"6\"");
	if (year)
		html_f(&b, " value=\"%lld\"", (long long)year);
	html_raw(&b, "></label> <button type=\"submit\">查询</button></form>\n");
	if (!l.n) {
		html_raw(&b, "<p>暂无已公布的决策事项目录。</p>\n");
	} else {
		html_raw(&b, "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">年度</th>"
			     "<th scope=\"col\">目录</th><th scope=\"col\">机关</th>"
			     "<th scope=\"col\">批准公布</th></tr></thead><tbody>\n");
		for (size_t i = 0; i < l.n; i++) {
			const struct decision_catalogue *c = &l.items[i];
			html_f(&b, "<tr><td>%d</td><th scope=\"row\"><a href=\"/public/decision-catalogue/%lld\">"
				   "%s</a></th><td>%s</td><td>%s</td></tr>\n",
			       c->year, (long long)c->id, c->title, c->agency_name, c->approved_on);
		}
		html_raw(&b, "</tbody></table></div>\n");
	}
	lk_pager(r, &b, pg, l.total);
	html_raw(&b, "<p><a href=\"/api/v1/public/decision-catalogues\" type=\"application/json\">"
		     "数据接口（JSON）</a></p>\n");
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

int page_public_dcat(struct req *r)
{
	struct fz_error e = { 0 };
	struct dcat_view v;
	struct buf b = BUF_INIT;
	enum fz_err rc = app_dcat_view(&r->ctx, req_param(r, "id"), true, &v, &e);
	if (rc == FZ_NOTFOUND)
		return page_error(r, 404, "该目录不存在或尚未批准公布");
	if (rc)
		return http_fail_fz(r, rc, &e);
	page_begin(r, &b, v.cat.title);
	html_f(&b, "<dl class=\"fields\"><dt>机关</dt><dd>%s</dd><dt>年度</dt><dd>%d</dd>"
		   "<dt>批准</dt><dd>%s，%s</dd>",
	       v.cat.agency_name, v.cat.year, v.cat.approved_on, v.approved_by);
	if (v.approval_note[0])
		html_f(&b, "<dt>说明</dt><dd>%s</dd>", v.approval_note);
	html_raw(&b, "</dl>\n<section aria-labelledby=\"items\"><h2 id=\"items\">决策事项</h2>\n"
		     "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">编号</th>"
		     "<th scope=\"col\">事项</th><th scope=\"col\">类别</th>"
		     "<th scope=\"col\">承办单位</th><th scope=\"col\">状态</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < v.nitems; i++) {
		const struct dcat_item *it = &v.items[i];
		html_f(&b, "<tr><td>%lld</td><th scope=\"row\">%s</th><td>%s</td><td>%s</td><td>",
		       (long long)it->id, it->title, dcat_category_label(it->category), it->unit);
		if (it->removed_on[0])
			html_f(&b, "%s 调出目录：%s", it->removed_on, it->removed_reason);
		else if (it->adjustment)
			html_f(&b, "%s 调整列入：%s", it->added_on, it->reason);
		else
			html_raw(&b, "列入目录");
		html_raw(&b, "</td></tr>\n");
	}
	html_raw(&b, "</tbody></table></div></section>\n");
	size_t adjustments = 0;
	for (size_t i = 0; i < v.nentries; i++)
		adjustments += v.entries[i].adjustment;
	html_raw(&b, "<section aria-labelledby=\"adj\"><h2 id=\"adj\">目录调整</h2>\n");
	if (!adjustments)
		html_raw(&b, "<p>批准公布后未作调整。</p>\n");
	else
		html_raw(&b, "<ol>\n");
	for (size_t i = 0; i < v.nentries; i++) {
		const struct decision_catalogue_entry *en = &v.entries[i];
		if (!en->adjustment)
			continue;
		const char *what = en->title;
		for (size_t k = 0; en->item_id && k < v.nitems; k++)
			if (v.items[k].id == en->item_id)
				what = v.items[k].title;
		html_f(&b, "<li>%s %s“%s”。理由：%s</li>\n", en->on,
		       strcmp(en->action, DCAT_REMOVE) == 0 ? "调出" : "增列", what, en->reason);
	}
	if (adjustments)
		html_raw(&b, "</ol>\n");
	html_f(&b, "</section>\n<p><a href=\"/public/decision-catalogue\">全部目录</a> · "
		   "<a href=\"/api/v1/public/decision-catalogues/%lld\" type=\"application/json\">"
		   "数据接口（JSON）</a></p>\n",
	       (long long)v.cat.id);
	html_f(&b, "<p>下载：<a href=\"/api/v1/public/decision-catalogues/%lld/pdf\" "
		   "type=\"application/pdf\">目录文书（PDF）</a> · "
		   "<a href=\"/api/v1/public/decision-catalogues/%lld/xlsx\">XLSX</a></p>\n",
	       (long long)v.cat.id, (long long)v.cat.id);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

void case_decision_section(struct req *r, struct buf *b, const struct case_view *v)
{
	struct dcat_account *acc;
	size_t n;
	if (v->def->kind != CASE_MAJOR_DECISION)
		return;
	app_decision_accountability(v, r->a, &acc, &n);
	html_f(b, "<section aria-labelledby=\"accountability\"><h2 id=\"accountability\">"
		  "终身责任追究记录</h2>\n<p class=\"muted\">谁提出、论证、评估、审查、讨论和决定本决策"
		  "（重大行政决策程序暂行条例第三十八条）；每一步都是办理记录，记入账本。"
		  "<a href=\"/api/v1/cases/%lld/accountability\" type=\"application/json\">数据接口（JSON）</a></p>\n",
	       (long long)v->c.id);
	if (!n) {
		html_raw(b, "<p>尚无记录。</p></section>\n");
		return;
	}
	html_raw(b, "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">环节</th>"
		    "<th scope=\"col\">日期</th><th scope=\"col\">记录人</th>"
		    "<th scope=\"col\">情况</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < n; i++)
		html_f(b, "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td><td>%s</td></tr>\n",
		       acc[i].role, acc[i].on, acc[i].actor_name, acc[i].detail);
	html_raw(b, "</tbody></table></div></section>\n");
}
