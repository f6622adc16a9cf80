/* page_officers.c - 执法人员 pages: the list (GET /officers: sorts, pages,
 * filters and exports through http/listkit.c)
 * and one person's page (GET /officers/{id}) with their certificates.
 * ID numbers are personal data: lists and pages show them masked. */
#include <string.h>

#include "app/org.h"
#include "app/people.h"
#include "base/date.h"
#include "domain/certificate.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/listkit.h"
#include "http/pagekit.h"
#include "http/resp.h"

static const struct kit_option kind_opts[] = {
	{ "", "全部" }, { "officer", "执法人员" }, { "assistant", "执法辅助人员" },
};
static const struct kit_option reviewer_opts[] = {
	{ "", "全部" }, { "yes", "是" }, { "no", "否" },
};

static const char *kind_label(enum person_kind k)
{
	return k == PERSON_ASSISTANT ? "执法辅助人员" : "执法人员";
}

static const struct lk_col person_cols[] = {
	{ "姓名", "name", PERSON_SORT_NAME },
	{ "执法主体", "agency", PERSON_SORT_AGENCY },
	{ "类别", "kind", PERSON_SORT_KIND },
	{ "法制审核", "reviewer", PERSON_SORT_REVIEWER },
	{ "身份证号", NULL, 0 },
	{ "状态", "active", PERSON_SORT_ACTIVE },
};
static const char *const person_params[] = { "q", "agency", "kind", "reviewer" };

struct person_src {
	struct person_filter f;
	struct person_list list;
	struct kit_option *agencies;
	size_t na;
};

static enum fz_err person_fetch(struct req *r, void *self, struct list_sort sort,
				struct page pg, size_t *n, int64_t *total, struct fz_error *e)
{
	struct person_src *s = self;
	s->f.sort = sort;
	enum fz_err rc = app_person_list(&r->ctx, &s->f, pg, &s->list, e);
	*n = rc ? 0 : s->list.n;
	*total = rc ? 0 : s->list.total;
	return rc;
}

/* The ID number is masked for every reader, on the page and in the file
 * alike (the API shows it whole only to those who manage people). */
static void person_cells(struct req *r, void *self, size_t i, bool file, struct lk_cell *c)
{
	(void)file;
	struct person_src *s = self;
	const struct person *p = &s->list.items[i];
	char masked[40];
	const char *aid = kit_id(r, p->agency_id);
	kit_mask_resident_id(p->resident_id, masked);
	c[0] = (struct lk_cell){ .text = p->name,
				 .href = arena_printf(r->a, "/officers/%lld", (long long)p->id) };
	c[1].text = kit_option_label(s->agencies, s->na, aid, aid);
	c[2].text = kind_label(p->kind);
	c[3].text = p->is_reviewer ? "是" : "否";
	c[4] = (struct lk_cell){ .text = arena_strdup(r->a, masked), .mono = true };
	c[5].text = p->active ? "在岗" : "离岗";
}

static void person_top(struct req *r, void *self, const struct lk_view *v, struct buf *b,
		       enum fz_err rc, const struct fz_error *e)
{
	struct person_src *s = self;
	(void)rc;
	(void)e;
	if (kit_may(r, PERM_PERSON_WRITE))
		html_raw(b, "<p class=\"actions\"><a class=\"button\" href=\"/officers/new\">"
			    "新增人员</a></p>\n");
	kit_filter_begin(b, "/officers");
	lk_filter_keep(b, v);
	kit_input(b, "search", "q", "姓名", s->f.q, "maxlength=\"30\"", NULL);
	kit_select(b, "agency", "执法主体", s->agencies, s->na, kit_id(r, s->f.agency_id), NULL);
	kit_select(b, "kind", "类别", kind_opts, 3, kit_query(r, "kind"), NULL);
	kit_select(b, "reviewer", "法制审核人员", reviewer_opts, 3, kit_query(r, "reviewer"), NULL);
	kit_filter_end(b, "/officers");
}

int page_officer_list(struct req *r)
{
	static const struct lk_table t = {
		.path = "/officers", .title = "执法人员", .list = "officers",
		.cols = person_cols, .ncols = sizeof person_cols / sizeof person_cols[0],
		.params = person_params,
		.nparams = sizeof person_params / sizeof person_params[0],
		.empty = "没有符合条件的人员。",
	};
	const char *kind = kit_query(r, "kind"), *reviewer = kit_query(r, "reviewer");
	struct person_src s = {
		.f = {
			.agency_id = kit_query_id(r, "agency"),
			.kind = strcmp(kind, "officer") == 0	 ? PERSON_OFFICER
				: strcmp(kind, "assistant") == 0 ? PERSON_ASSISTANT
								 : 0,
			.is_reviewer = strcmp(reviewer, "yes") == 0  ? 1
				       : strcmp(reviewer, "no") == 0 ? 2
								     : 0,
			.q = kit_query(r, "q"),
		},
	};
	s.agencies = kit_agency_options(r, "全部", &s.na);
	return lk_serve(r, &t, &(struct lk_source){ person_fetch, person_cells, person_top, &s });
}

static void certificates_section(struct req *r, struct buf *b, const struct person *p)
{
	struct certificate_list list = { 0 };
	struct fz_error e = { 0 };
	struct certificate_filter f = { .person_id = p->id };

	html_raw(b, "<h2>执法证</h2>\n");
	if (kit_may(r, PERM_CERT_WRITE) && p->kind == PERSON_OFFICER && p->active)
		html_f(b, "<p class=\"actions\"><a class=\"button\" "
			  "href=\"/certificates/new?person_id=%lld\">发放执法证</a></p>\n",
		       (long long)p->id);
	if (p->kind == PERSON_ASSISTANT) {
		html_raw(b, "<p class=\"empty\">执法辅助人员不申领执法证。</p>\n");
		return;
	}
	if (app_certificate_list(&r->ctx, &f, (struct page){ 0, 200 }, &list, &e) != FZ_OK) {
		page_error_box(b, FZ_DB, &e);
		return;
	}
	if (list.n == 0) {
		html_raw(b, "<p class=\"empty\">尚无执法证。</p>\n");
		return;
	}
	html_raw(b, "<table class=\"list\"><thead><tr><th>证号</th><th>执法领域</th>"
		    "<th>有效期至</th><th>状态</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < list.n; i++) {
		const struct certificate *c = &list.items[i];
		html_f(b, "<tr><td data-label=\"证号\"><a class=\"mono\" href=\"/certificates/%lld\">"
			  "%s</a></td><td data-label=\"执法领域\">",
		       (long long)c->id, c->number);
		kit_domains(b, c->domains);
		html_f(b, "</td><td data-label=\"有效期至\">%s</td><td data-label=\"状态\">",
		       c->valid_until);
		kit_cert_badge(b, certificate_status(c, r->ctx.today));
		html_raw(b, "</td></tr>\n");
	}
	html_raw(b, "</tbody></table>\n");
}

int page_officer_show(struct req *r)
{
	struct buf b = BUF_INIT;
	struct fz_error e = { 0 };
	struct person p;
	struct agency ag;
	struct unit u;
	char masked[40];
	int64_t id = req_param(r, "id");

	enum fz_err rc = app_person_get(&r->ctx, id, &p, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	bool have_agency = app_agency_get(&r->ctx, p.agency_id, &ag, &e) == FZ_OK;
	bool have_unit = p.unit_id && app_unit_get(&r->ctx, p.unit_id, &u, &e) == FZ_OK;
	kit_mask_resident_id(p.resident_id, masked);

	page_begin(r, &b, p.name);
	page_notice(r, &b);
	html_raw(&b, "<p class=\"actions\">");
	if (kit_may(r, PERM_PERSON_WRITE))
		html_f(&b, "<a class=\"button\" href=\"/officers/%lld/edit\">修改</a> ", (long long)id);
	html_raw(&b, "<a class=\"button secondary\" href=\"/officers\">返回列表</a></p>\n");
	html_f(&b, "<dl class=\"fields\"><dt>姓名</dt><dd>%s</dd><dt>执法主体</dt><dd>", p.name);
	if (have_agency)
		html_f(&b, "<a href=\"/agencies/%lld\">%s</a>", (long long)ag.id, ag.name);
	html_f(&b, "</dd><dt>内设机构</dt><dd>%s</dd><dt>类别</dt><dd>%s</dd>"
		   "<dt>法制审核人员</dt><dd>%s</dd><dt>身份证号</dt><dd class=\"mono\">%s</dd>"
		   "<dt>联系电话</dt><dd>%s</dd><dt>状态</dt><dd>%s</dd></dl>\n",
	       have_unit ? u.name : "—", kind_label(p.kind), p.is_reviewer ? "是" : "否", masked,
	       p.phone && *p.phone ? p.phone : "—", p.active ? "在岗" : "离岗");
	if (kit_may(r, PERM_CERT_READ))
		certificates_section(r, &b, &p);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}
