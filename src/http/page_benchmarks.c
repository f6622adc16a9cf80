/* page_benchmarks.c - the portal's discretion benchmarks (行政处罚裁量
 * 基准, 事前公开), no sign-in: every enforcement matter the server judges
 * by (data/benchmarks, the same set the case pages propose tiers from),
 * with its legal bases, its tiers (情形 and the penalty of each) and the
 * exemptions (轻微不罚, 首违不罚). Paged by matter. */
#include <stdio.h>
#include <string.h>

#include "app/benchmark.h"
#include "domain/benchmark.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/listkit.h"
#include "http/pagekit.h"
#include "http/resp.h"

static const char *level_label(enum benchmark_level l)
{
	static const char *const labels[] = { "", "轻微", "一般", "较重", "严重" };
	return l >= BENCHMARK_MINOR && l <= BENCHMARK_GRAVE ? labels[l] : "";
}

/* 1234 fen as "12.34", 1200 as "12". */
static void yuan(char *out, size_t n, int64_t fen)
{
	if (fen % 100 == 0)
		snprintf(out, n, "%lld", (long long)(fen / 100));
	else
		snprintf(out, n, "%lld.%02lld", (long long)(fen / 100), (long long)(fen % 100));
}

static void fine_text(struct buf *b, const struct benchmark_fine *f)
{
	char lo[32], hi[32];
	yuan(lo, sizeof lo, f->min);
	yuan(hi, sizeof hi, f->max);
	switch (f->basis) {
	case BENCHMARK_FINE_FIXED:
		html_f(b, "罚款 %s 元至 %s 元", lo, hi);
		break;
	case BENCHMARK_FINE_GAINS:
		html_f(b, "处违法所得 %s 倍至 %s 倍的罚款", lo, hi); /* hundredths: same digits */
		break;
	case BENCHMARK_FINE_GOODS:
		html_f(b, "处货值金额 %s 倍至 %s 倍的罚款", lo, hi);
		break;
	case BENCHMARK_FINE_PER_UNIT:
		html_f(b, "每%s罚款 %s 元至 %s 元", f->unit ? f->unit : "单位", lo, hi);
		break;
	default:
		html_raw(b, "不罚款");
	}
}

int page_public_benchmarks(struct req *r)
{
	struct page pg;
	struct buf b = BUF_INIT;
	if (!kit_paging(r, &pg))
		return 400;
	const struct benchmark_set *set = app_benchmarks(&r->ctx);
	size_t n = set ? set->nmatters : 0;
	page_begin(r, &b, "行政处罚裁量基准");
	html_raw(&b, "<p class=\"lead\">行政执法机关办理行政处罚案件所适用的裁量基准：每个执法事项的"
		     "违法依据、处罚依据，不同情形对应的处罚幅度，以及依法不予处罚的情形。"
		     "办案系统按同一基准提示裁量阶次。</p>\n");
	for (size_t i = (size_t)pg.offset; i < n && i < (size_t)(pg.offset + pg.limit); i++) {
		const struct benchmark_matter *m = &set->matters[i];
		html_f(&b, "<section class=\"matter\" aria-labelledby=\"m-%zu\"><h2 id=\"m-%zu\">%s</h2>\n",
		       i, i, m->name);
		html_f(&b, "<dl class=\"fields\"><dt>执法领域</dt><dd>%s</dd><dt>违法依据</dt><dd>%s</dd>"
			   "<dt>处罚依据</dt><dd>%s</dd>",
		       m->domain, m->basis, m->penalty_basis);
		if (m->source && *m->source)
			html_f(&b, "<dt>基准来源</dt><dd>%s</dd>", m->source);
		html_raw(&b, "</dl>\n");
		html_f(&b, "<table class=\"list\">\n<caption>%s的裁量阶次</caption>\n<thead><tr>"
			   "<th scope=\"col\">阶次</th><th scope=\"col\">情形</th>"
			   "<th scope=\"col\">处罚幅度</th></tr></thead>\n<tbody>\n",
		       m->name);
		for (size_t t = 0; t < m->ntiers; t++) {
			const struct benchmark_tier *tr = &m->tiers[t];
			html_f(&b, "<tr><td data-label=\"阶次\">%s</td><td data-label=\"情形\">%s</td>"
				   "<td data-label=\"处罚幅度\">",
			       level_label(tr->level), tr->conditions);
			fine_text(&b, &tr->fine);
			for (size_t k = 0; k < tr->nothers; k++)
				html_f(&b, "；%s", tr->others[k].text);
			html_raw(&b, "</td></tr>\n");
		}
		html_raw(&b, "</tbody>\n</table>\n");
		for (size_t k = 0; k < m->nexemptions; k++)
			html_f(&b, "<p><strong>%s：</strong>%s</p>\n",
			       m->exemptions[k].kind == BENCHMARK_EXEMPT_FIRST ? "首违不罚（可以不予处罚）"
									 : "轻微不罚（不予处罚）",
			       m->exemptions[k].conditions);
		html_raw(&b, "</section>\n");
	}
	if (n == 0)
		html_raw(&b, "<p>暂无裁量基准。</p>\n");
	lk_pager(r, &b, pg, (int64_t)n);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}
