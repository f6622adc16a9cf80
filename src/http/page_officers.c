/* page_officers.c - 执法人员 pages: the filterable list (GET /officers)
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

static void person_row(struct req *r, struct buf *b, const struct person *p,
		       const struct kit_option *agencies, size_t na)
{
	char masked[40];
	const char *aid = kit_id(r, p->agency_id);
	kit_mask_resident_id(p->resident_id, masked);
	html_f(b,
	       "<tr><td data-label=\"姓名\"><a href=\"/officers/%lld\">%s</a></td>"
	       "<td data-label=\"执法主体\">%s</td><td data-label=\"类别\">%s</td>"
	       "<td data-label=\"法制审核\">%s</td><td data-label=\"身份证号\" class=\"mono\">%s</td>"
	       "<td data-label=\"状态\">%s</td></tr>\n",
	       (long long)p->id, p->name, kit_option_label(agencies, na, aid, aid),
	       kind_label(p->kind), p->is_reviewer ? "是" : "否", masked,
	       p->active ? "在岗" : "离岗");
}

int page_officer_list(struct req *r)
{
	struct buf b = BUF_INIT;
	struct fz_error e = { 0 };
	struct person_list list = { 0 };
	struct page pg;
	size_t na;

	if (!kit_paging(r, &pg))
		return r->resp.status;
	const char *kind = kit_query(r, "kind"), *reviewer = kit_query(r, "reviewer");
	struct person_filter f = {
		.agency_id = kit_query_id(r, "agency"),
		.kind = strcmp(kind, "officer") == 0	 ? PERSON_OFFICER
			: strcmp(kind, "assistant") == 0 ? PERSON_ASSISTANT
							 : 0,
		.is_reviewer = strcmp(reviewer, "yes") == 0 ? 1 : strcmp(reviewer, "no") == 0 ? 2 : 0,
		.q = kit_query(r, "q"),
	};
	enum fz_err rc = app_person_list(&r->ctx, &f, pg, &list, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	struct kit_option *agencies = kit_agency_options(r, "全部", &na);

	page_begin(r, &b, "执法人员");
	page_notice(r, &b);
	if (kit_may(r, PERM_PERSON_WRITE))
		html_raw(&b, "<p class=\"actions\"><a class=\"button\" href=\"/officers/new\">"
			     "新增人员</a></p>\n");
	kit_filter_begin(&b, "/officers");
	kit_input(&b, "search", "q", "姓名", f.q, "maxlength=\"30\"", NULL);
	kit_select(&b, "agency", "执法主体", agencies, na, kit_id(r, f.agency_id), NULL);
	kit_select(&b, "kind", "类别", kind_opts, 3, kind, NULL);
	kit_select(&b, "reviewer", "法制审核人员", reviewer_opts, 3, reviewer, NULL);
	kit_filter_end(&b, "/officers");
	if (list.n == 0) {
		html_raw(&b, "<p class=\"empty\">没有符合条件的人员。</p>\n");
	} else {
		html_raw(&b, "<table class=\"list\"><thead><tr><th>姓名</th><th>执法主体</th>"
			     "<th>类别</th><th>法制审核</th><th>身份证号</th><th>状态</th>"
			     "</tr></thead><tbody>\n");
		for (size_t i = 0; i < list.n; i++)
			person_row(r, &b, &list.items[i], agencies, na);
		html_raw(&b, "</tbody></table>\n");
	}
	page_pager(r, &b, pg, list.total);
	page_end(r, &b);
	return resp_html(r, 200, &b);
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
