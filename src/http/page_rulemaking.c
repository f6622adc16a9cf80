/* page_rulemaking.c - the draft versions of a matter (GET
 * /cases/{id}/versions?a=&b=): every version kept, with its day and who
 * drafted it, and two of them compared - paragraphs kept, added, removed
 * and reworded, the reworded ones character by character, removed text
 * struck through (<del>) and added text underlined (<ins>), so the page
 * reads without JavaScript and without colour. */
#include <stdio.h>
#include <string.h>

#include "app/case.h"
#include "domain/textdiff.h"
#include "http/api_query.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/pagekit.h"
#include "http/resp.h"

static void version_table(struct buf *b, int64_t id, const struct case_version *all, size_t n)
{
	html_raw(b, "<table class=\"list\"><thead><tr><th>版本</th><th>日期</th><th>起草人</th>"
		    "<th>记录序号</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < n; i++)
		html_f(b, "<tr><td data-label=\"版本\">第 %d 版</td><td data-label=\"日期\">%s</td>"
			  "<td data-label=\"起草人\">%s</td><td data-label=\"记录序号\">"
			  "<a href=\"/cases/%lld#event-%d\">%d</a></td></tr>\n",
		       all[i].version, all[i].ev->on,
		       all[i].ev->actor_name && *all[i].ev->actor_name ? all[i].ev->actor_name
								     : all[i].ev->actor,
		       (long long)id,
		       all[i].ev->seq, all[i].ev->seq);
	if (!n)
		html_raw(b, "<tr><td colspan=\"4\" class=\"empty\">尚无草案版本。</td></tr>\n");
	html_raw(b, "</tbody></table>\n");
}

static void diff_body(struct buf *b, const struct textdiff *d)
{
	html_f(b, "<p class=\"hint\">未改动 %d 段，修改 %d 段，新增 %d 段，删除 %d 段。删除的文字加删除线，"
		  "新增的文字加下划线。</p>\n<div class=\"diff\">\n",
	       d->same, d->changed, d->added, d->removed);
	for (size_t i = 0; i < d->n; i++) {
		const struct textdiff_para *p = &d->paras[i];
		switch (p->op) {
		case TEXTDIFF_SAME:
			html_f(b, "<p>%s</p>\n", p->new_text);
			break;
		case TEXTDIFF_ADDED:
			html_f(b, "<p><span class=\"visually-hidden\">新增段落：</span><ins>%s</ins></p>\n",
			       p->new_text);
			break;
		case TEXTDIFF_REMOVED:
			html_f(b, "<p><span class=\"visually-hidden\">删除段落：</span><del>%s</del></p>\n",
			       p->old_text);
			break;
		case TEXTDIFF_CHANGED:
			html_raw(b, "<p><span class=\"visually-hidden\">修改段落：</span>");
			for (size_t k = 0; k < p->nspans; k++)
				html_f(b, p->spans[k].op == TEXTDIFF_ADDED	   ? "<ins>%s</ins>"
					  : p->spans[k].op == TEXTDIFF_REMOVED ? "<del>%s</del>"
									       : "%s",
				       p->spans[k].text);
			html_raw(b, "</p>\n");
			break;
		}
	}
	html_raw(b, "</div>\n");
}

int page_case_versions(struct req *r)
{
	struct buf b = BUF_INIT;
	struct fz_error e = { 0 };
	struct case_view v;
	struct case_version *all;
	size_t n;
	int64_t a, bv;
	int64_t id = req_param(r, "id");
	enum fz_err rc;
	if ((rc = app_case_view(&r->ctx, id, &v, &e)) ||
	    (rc = app_case_versions(&r->ctx, &v, &all, &n, &e)))
		return http_fail_fz(r, rc, &e);
	/* by default the latest version against the one before it */
	if ((rc = query_int(r, "a", 1, (int64_t)(n ? n : 1), n > 1 ? (int64_t)n - 1 : 1, &a, &e)) ||
	    (rc = query_int(r, "b", 1, (int64_t)(n ? n : 1), n ? (int64_t)n : 1, &bv, &e)))
		return http_fail_fz(r, rc, &e);
	char title[200];
	snprintf(title, sizeof title, "草案版本 · %s", v.c.title);
	page_begin(r, &b, title);
	html_f(&b, "<p class=\"muted\">编号 <span class=\"mono\">%s</span> · %s · 牵头起草单位 %s</p>\n",
	       v.c.number, v.def->label, v.c.agency_name ? v.c.agency_name : "");
	html_raw(&b, "<h2>全部版本</h2>\n<p class=\"hint\">每一版草案都作为办理记录保存并记入账本，"
		     "不能修改或删除；修改草案即起草新的一版。</p>\n");
	version_table(&b, id, all, n);
	if (n >= 2) {
		struct kit_option *opts = arena_calloc(r->a, n, sizeof *opts);
		if (!opts)
			return http_fail_fz(r, FZ_NOMEM, NULL);
		for (size_t i = 0; i < n; i++)
			opts[i] = (struct kit_option){ arena_printf(r->a, "%d", all[i].version),
						       arena_printf(r->a, "第 %d 版（%s）",
								    all[i].version,
								    all[i].ev->on) };
		html_raw(&b, "<h2>比较两个版本</h2>\n");
		char path[64];
		snprintf(path, sizeof path, "/cases/%lld/versions", (long long)id);
		kit_filter_begin(&b, path);
		kit_select(&b, "a", "较早版本", opts, n, opts[a - 1].value, NULL);
		kit_select(&b, "b", "较新版本", opts, n, opts[bv - 1].value, NULL);
		html_raw(&b, "<button type=\"submit\">比较</button>\n");
		kit_filter_end(&b, path);
		struct textdiff d;
		if ((rc = textdiff_compute(all[a - 1].text, all[bv - 1].text, r->a, &d, &e)))
			kit_form_error(&b, rc, &e);
		else {
			html_f(&b, "<h3>第 %lld 版 → 第 %lld 版</h3>\n", (long long)a, (long long)bv);
			diff_body(&b, &d);
		}
	} else if (n == 1) {
		html_raw(&b, "<h2>草案文本</h2>\n<div class=\"diff\">");
		for (const char *p = all[0].text; *p;) {
			size_t l = strcspn(p, "\n");
			html_f(&b, "<p>%s</p>\n", arena_strndup(r->a, p, l));
			p += l + (p[l] == '\n');
		}
		html_raw(&b, "</div>\n");
	}
	html_f(&b, "<p class=\"actions\"><a class=\"button secondary\" href=\"/cases/%lld\">返回</a>"
		   "</p>\n", (long long)id);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}
