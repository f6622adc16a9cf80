/* page_ratios.c - GET /reviewer-ratios: for each active agency in scope,
 * its officers, its 法制审核人员 and whether they reach the required 5%.
 * The supervisor's view of where review capacity is missing. */
#include "app/people.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/listkit.h"
#include "http/pagekit.h"
#include "http/resp.h"

int page_reviewer_ratios(struct req *r)
{
	struct buf b = BUF_INIT;
	struct fz_error e = { 0 };
	struct reviewer_ratio_list list = { 0 };
	struct page pg;

	if (!kit_paging(r, &pg))
		return r->resp.status;
	enum fz_err rc = app_reviewer_ratios(&r->ctx, pg, &list, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);

	page_begin(r, &b, "法制审核人员占比");
	html_f(&b, "<p class=\"lead\">各执法主体的法制审核人员原则上不少于本单位执法人员总数的 "
		   "%d%%。下表按在岗执法人员统计，未达标的以红色标出。</p>\n",
	       REVIEWER_RATIO_PERCENT);
	if (list.n == 0) {
		html_raw(&b, "<p class=\"empty\">没有需要核查的执法主体。</p>\n");
	} else {
		html_raw(&b, "<table class=\"list\"><thead><tr><th>执法主体</th><th>执法人员</th>"
			     "<th>法制审核人员</th><th>占比与结论</th></tr></thead><tbody>\n");
		for (size_t i = 0; i < list.n; i++) {
			const struct reviewer_ratio *rr = &list.items[i];
			bool ok = reviewer_ratio_ok(rr);
			html_f(&b,
			       "<tr class=\"%s\"><td data-label=\"执法主体\"><a href=\"/agencies/%lld\">"
			       "%s</a></td><td data-label=\"执法人员\">%lld</td>"
			       "<td data-label=\"法制审核人员\">%lld</td><td data-label=\"占比\">",
			       ok ? "" : "short", (long long)rr->agency_id, rr->agency_name,
			       (long long)rr->officers, (long long)rr->reviewers);
			kit_reviewer_ratio(&b, rr);
			html_raw(&b, "</td></tr>\n");
		}
		html_raw(&b, "</tbody></table>\n");
	}
	lk_pager(r, &b, pg, list.total);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}
