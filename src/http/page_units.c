/* page_units.c - GET /units: every 内设机构 in the caller's scope, by
 * agency. Units are added from their agency's page (page_agencies.c),
 * where the agency they belong to is never in doubt. */
#include "app/org.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/listkit.h"
#include "http/pagekit.h"
#include "http/resp.h"

int page_unit_list(struct req *r)
{
	struct buf b = BUF_INIT;
	struct fz_error e = { 0 };
	struct unit_list list = { 0 };
	struct page pg;
	size_t na;

	if (!kit_paging(r, &pg))
		return r->resp.status;
	int64_t agency_id = kit_query_id(r, "agency");
	enum fz_err rc = app_unit_list(&r->ctx, agency_id, pg, &list, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	struct kit_option *agencies = kit_agency_options(r, "全部", &na);

	page_begin(r, &b, "内设机构");
	html_raw(&b, "<p class=\"hint\">新增内设机构请进入所属执法主体的页面办理。</p>\n");
	kit_filter_begin(&b, "/units");
	kit_select(&b, "agency", "执法主体", agencies, na, kit_id(r, agency_id), NULL);
	kit_filter_end(&b, "/units");
	if (list.n == 0) {
		html_raw(&b, "<p class=\"empty\">没有符合条件的内设机构。</p>\n");
	} else {
		html_raw(&b, "<table class=\"list\"><thead><tr><th>内设机构</th><th>执法主体</th>"
			     "</tr></thead><tbody>\n");
		for (size_t i = 0; i < list.n; i++) {
			const struct unit *u = &list.items[i];
			const char *aid = kit_id(r, u->agency_id);
			html_f(&b,
			       "<tr><td data-label=\"内设机构\">%s</td><td data-label=\"执法主体\">"
			       "<a href=\"/agencies/%s#units\">%s</a></td></tr>\n",
			       u->name, aid, kit_option_label(agencies, na, aid, aid));
		}
		html_raw(&b, "</tbody></table>\n");
	}
	lk_pager(r, &b, pg, list.total);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}
