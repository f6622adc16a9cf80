/* page_orgtree.c - GET /org: the organisation as a tree, division →
 * agency → unit → people, with counts, in the viewer's scope. Each level
 * is a <details> element, so it opens and closes without JavaScript; on
 * a phone the lines wrap and nothing is wider than the screen. */
#include "app/authz.h"
#include "app/orgtree.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/listkit.h"
#include "http/pagekit.h"
#include "http/resp.h"

#define ORG_PAGE_DEFAULT 50 /* agencies per page unless ?limit= says */

/* "12 个执法主体 · 30 个内设机构 · 180 名执法人员 …": the counts the
 * viewer may read; agency_level adds agencies, units and open cases. */
static void counts_line(struct buf *b, const struct org_tree *t, const struct org_tree_counts *n,
			bool agencies)
{
	const char *sep = "";
	if (agencies) {
		html_f(b, "<span class=\"count\">%lld 个执法主体</span>", (long long)n->agencies);
		sep = " · ";
	}
	if (t->show_units && agencies) {
		html_f(b, "%s<span class=\"count\">%lld 个内设机构</span>", sep, (long long)n->units);
		sep = " · ";
	}
	if (t->show_people) {
		html_f(b, "%s<span class=\"count\">%lld 名执法人员</span>", sep, (long long)n->officers);
		if (n->assistants)
			html_f(b, " · <span class=\"count\">%lld 名辅助人员</span>",
			       (long long)n->assistants);
		sep = " · ";
	}
	if (t->show_certs) {
		html_f(b, "%s<span class=\"count\">%lld 本有效执法证</span>", sep,
		       (long long)n->valid_certs);
		sep = " · ";
	}
	if (t->show_cases && agencies)
		html_f(b, "%s<span class=\"count\">%lld 件在办案件</span>", sep,
		       (long long)n->open_cases);
}

static void person_item(struct req *r, struct buf *b, const struct org_tree *t,
			const struct org_tree_person *tp)
{
	const struct person *p = tp->p;
	html_f(b, "<li><a href=\"/officers/%s\">%s</a>", kit_id(r, p->id), p->name);
	if (p->kind == PERSON_ASSISTANT)
		html_raw(b, " <span class=\"badge\">辅助人员</span>");
	if (p->is_reviewer)
		html_raw(b, " <span class=\"badge\">法制审核人员</span>");
	if (t->show_certs && p->kind == PERSON_OFFICER && !tp->valid_cert)
		html_raw(b, " <span class=\"badge bad\">无有效执法证</span>");
	html_raw(b, "</li>\n");
}

static void unit_node(struct req *r, struct buf *b, const struct org_tree *t,
		      const struct org_tree_unit *u)
{
	html_f(b, "<li><details><summary><span class=\"node\">%s</span> ",
	       u->id ? u->name : "未分配内设机构");
	counts_line(b, t, &u->n, false);
	html_raw(b, "</summary>\n");
	if (!u->npeople) {
		html_raw(b, "<p class=\"muted\">没有在岗人员。</p>\n");
	} else {
		html_raw(b, "<ul class=\"people\">\n");
		for (size_t i = 0; i < u->npeople; i++)
			person_item(r, b, t, &u->people[i]);
		html_raw(b, "</ul>\n");
	}
	html_raw(b, "</details></li>\n");
}

static void agency_node(struct req *r, struct buf *b, const struct org_tree *t,
			const struct org_tree_agency *ta, bool open)
{
	html_f(b, "<li><details%s><summary><span class=\"node\">%s</span>%s ", open ? " open" : "",
	       ta->ag->name, ta->ag->active ? "" : " <span class=\"badge\">已停用</span>");
	counts_line(b, t, &ta->n, true);
	html_f(b, "</summary>\n<p><a href=\"/agencies/%s\">执法主体详情</a></p>\n",
	       kit_id(r, ta->ag->id));
	if (ta->nunits) {
		html_raw(b, "<ul class=\"tree\">\n");
		for (size_t i = 0; i < ta->nunits; i++)
			unit_node(r, b, t, &ta->units[i]);
		html_raw(b, "</ul>\n");
	} else if (t->show_units) {
		html_raw(b, "<p class=\"muted\">没有内设机构，也没有在岗人员。</p>\n");
	}
	html_raw(b, "</details></li>\n");
}

int page_org_tree(struct req *r)
{
	struct buf b = BUF_INIT;
	struct fz_error e = { 0 };
	struct org_tree t;
	struct page pg;
	if (!kit_paging(r, &pg))
		return r->resp.status;
	if (!req_query(r, "limit"))
		pg.limit = ORG_PAGE_DEFAULT;
	enum fz_err rc = app_org_tree(&r->ctx, pg, &t, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);

	page_begin(r, &b, "组织机构");
	html_raw(&b, "<p class=\"summary\">");
	counts_line(&b, &t, &t.total, true);
	html_raw(&b, "</p>\n<p class=\"hint\">按行政区划、执法主体、内设机构逐级展开；"
		     "执法人员只列在岗人员，执法证按今天是否有效计。");
	if (!t.show_cases || !t.show_certs)
		html_raw(&b, "当前角色看不到的数量（执法证、案件）不显示。");
	html_raw(&b, "</p>\n");
	if (!t.ndivisions)
		html_raw(&b, "<p class=\"empty\">没有可查看的执法主体。</p>\n");
	html_raw(&b, "<ul class=\"tree org-tree\">\n");
	for (size_t i = 0; i < t.ndivisions; i++) {
		const struct org_tree_division *d = &t.divisions[i];
		html_f(&b, "<li><details%s><summary><span class=\"node\">%s（%s）</span> ",
		       t.ndivisions == 1 ? " open" : "", d->name, d->code);
		counts_line(&b, &t, &d->n, true);
		html_raw(&b, "</summary>\n<ul class=\"tree\">\n");
		for (size_t k = 0; k < d->nagencies; k++)
			agency_node(r, &b, &t, &d->agencies[k], t.agency_total == 1);
		html_raw(&b, "</ul>\n</details></li>\n");
	}
	html_raw(&b, "</ul>\n");
	lk_pager(r, &b, pg, t.agency_total);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}
