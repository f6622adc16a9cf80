/* page_agencies.c - 执法主体 pages: the filterable list (GET /agencies)
 * and the detail (GET /agencies/{id}) with its document settings, its
 * people counts, the 5%
 * reviewer check, its units and the form that adds a unit
 * (POST /agencies/{id}/units, head and sysadmin). */
#include <string.h>

#include "app/org.h"
#include "app/people.h"
#include "domain/org.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/listkit.h"
#include "http/pagekit.h"
#include "http/resp.h"

int page_agency_list(struct req *r)
{
	struct buf b = BUF_INIT;
	struct fz_error e = { 0 };
	struct agency_list list = { 0 };
	struct page pg;
	size_t nd, nk;

	if (!kit_paging(r, &pg))
		return r->resp.status;
	struct agency_filter f = { .division_code = kit_query(r, "division"),
				   .kind = kit_query(r, "kind"), .q = kit_query(r, "q") };
	enum fz_err rc = app_agency_list(&r->ctx, &f, pg, &list, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	struct kit_option *divs = kit_division_options(r, "全部", &nd);
	struct kit_option *kinds = kit_agency_kind_options(r, "全部", &nk);

	page_begin(r, &b, "执法主体");
	page_notice(r, &b);
	if (kit_may(r, PERM_AGENCY_WRITE))
		html_raw(&b, "<p class=\"actions\"><a class=\"button\" href=\"/agencies/new\">"
			     "新建执法主体</a></p>\n");
	kit_filter_begin(&b, "/agencies");
	kit_input(&b, "search", "q", "名称", f.q, "maxlength=\"60\"", NULL);
	kit_select(&b, "kind", "类别", kinds, nk, f.kind, NULL);
	kit_select(&b, "division", "行政区划", divs, nd, f.division_code, NULL);
	kit_filter_end(&b, "/agencies");

	if (list.n == 0) {
		html_raw(&b, "<p class=\"empty\">没有符合条件的执法主体。</p>\n");
	} else {
		html_raw(&b, "<table class=\"list\"><thead><tr><th>名称</th><th>类别</th>"
			     "<th>行政区划</th><th>统一社会信用代码</th><th>执法领域</th>"
			     "<th>状态</th></tr></thead><tbody>\n");
		for (size_t i = 0; i < list.n; i++) {
			const struct agency *ag = &list.items[i];
			html_f(&b,
			       "<tr><td data-label=\"名称\"><a href=\"/agencies/%lld\">%s</a></td>"
			       "<td data-label=\"类别\">%s</td><td data-label=\"行政区划\">%s</td>"
			       "<td data-label=\"信用代码\" class=\"mono\">%s</td>"
			       "<td data-label=\"执法领域\">",
			       (long long)ag->id, ag->name, agency_kind_label(ag->kind),
			       kit_option_label(divs, nd, ag->division_code, ag->division_code),
			       ag->uscc);
			kit_domains(&b, ag->domains);
			html_f(&b, "</td><td data-label=\"状态\">%s</td></tr>\n",
			       ag->active ? "启用" : "停用");
		}
		html_raw(&b, "</tbody></table>\n");
	}
	lk_pager(r, &b, pg, list.total);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

/* The ratio row of one agency; false when it has none (inactive). */
static bool agency_ratio(struct req *r, int64_t id, struct reviewer_ratio *out)
{
	struct fz_error e = { 0 };
	for (int64_t off = 0; off < 100000; off += 200) {
		struct reviewer_ratio_list list = { 0 };
		if (app_reviewer_ratios(&r->ctx, (struct page){ off, 200 }, &list, &e) != FZ_OK)
			return false;
		for (size_t i = 0; i < list.n; i++)
			if (list.items[i].agency_id == id) {
				*out = list.items[i];
				return true;
			}
		if (list.n < 200)
			return false;
	}
	return false;
}

static int64_t people_count(struct req *r, int64_t agency_id, int kind, int reviewer)
{
	struct person_list list = { 0 };
	struct fz_error e = { 0 };
	struct person_filter f = { .agency_id = agency_id, .kind = kind, .is_reviewer = reviewer };
	if (app_person_list(&r->ctx, &f, (struct page){ 0, 1 }, &list, &e) != FZ_OK)
		return 0;
	return list.total;
}

static void people_section(struct req *r, struct buf *b, int64_t id)
{
	struct reviewer_ratio rr;
	html_raw(b, "<h2>人员情况</h2>\n<dl class=\"fields\">");
	html_f(b, "<dt>执法人员</dt><dd><a href=\"/officers?agency=%lld&amp;kind=officer\">"
		  "%lld 人</a></dd>",
	       (long long)id, (long long)people_count(r, id, PERSON_OFFICER, 0));
	html_f(b, "<dt>执法辅助人员</dt><dd><a href=\"/officers?agency=%lld&amp;kind=assistant\">"
		  "%lld 人</a></dd>",
	       (long long)id, (long long)people_count(r, id, PERSON_ASSISTANT, 0));
	html_f(b, "<dt>法制审核人员</dt><dd><a href=\"/officers?agency=%lld&amp;reviewer=yes\">"
		  "%lld 人</a></dd>",
	       (long long)id, (long long)people_count(r, id, 0, 1));
	html_raw(b, "<dt>法制审核人员占比</dt><dd>");
	if (agency_ratio(r, id, &rr)) {
		kit_reviewer_ratio(b, &rr);
		html_f(b, "<br><span class=\"hint\">在岗执法人员 %lld 人，其中法制审核人员 %lld 人；"
			  "要求不低于 %d%%</span>",
		       (long long)rr.officers, (long long)rr.reviewers, REVIEWER_RATIO_PERCENT);
	} else {
		html_raw(b, "<span class=\"muted\">该主体已停用，不参加核查</span>");
	}
	html_raw(b, "</dd></dl>\n");
}

static void units_section(struct req *r, struct buf *b, int64_t id, const char *unit_name,
			  enum fz_err rc, const struct fz_error *e)
{
	struct unit_list list = { 0 };
	struct fz_error le = { 0 };
	html_raw(b, "<h2 id=\"units\">内设机构</h2>\n");
	if (app_unit_list(&r->ctx, id, (struct page){ 0, 200 }, &list, &le) != FZ_OK)
		page_error_box(b, FZ_DB, &le);
	else if (list.n == 0)
		html_raw(b, "<p class=\"empty\">尚未登记内设机构。</p>\n");
	else {
		html_raw(b, "<ul class=\"plain\">");
		for (size_t i = 0; i < list.n; i++)
			html_f(b, "<li>%s</li>", list.items[i].name);
		html_raw(b, "</ul>\n");
		if (list.total > (int64_t)list.n)
			html_f(b, "<p><a href=\"/units?agency=%lld\">查看全部 %lld 个</a></p>\n",
			       (long long)id, (long long)list.total);
	}
	if (!kit_may(r, PERM_UNIT_WRITE))
		return;
	html_f(b, "<form class=\"stack narrow\" method=\"post\" action=\"/agencies/%lld/units\">\n",
	       (long long)id);
	page_csrf_field(r, b);
	kit_form_error(b, rc, e);
	kit_input(b, "text", "name", "新增内设机构名称", unit_name, "required maxlength=\"40\"", e);
	html_raw(b, "<button type=\"submit\">添加内设机构</button>\n</form>\n");
}

/* What the agency's documents print; a setting not made shows what is
 * used instead. */
static void docs_section(struct req *r, struct buf *b, const struct agency *ag)
{
	size_t len;
	const char *code = org_agency_code(ag->name, ag->doc_code, &len);
	code = arena_strndup(r->a, code, len);
	html_raw(b, "<h2>文书设置</h2>\n<dl class=\"fields\">");
	html_f(b, "<dt>机关代字</dt><dd>%s%s</dd>", code,
	       *ag->doc_code ? "" : "（未设置，取自机关名称）");
	html_f(b, "<dt>管辖人民法院</dt><dd>%s</dd>", *ag->court ? ag->court : "未设置");
	if (*ag->payment_bank)
		html_f(b, "<dt>罚款代收银行</dt><dd>%s</dd><dt>代收账号</dt><dd class=\"mono\">%s</dd>",
		       ag->payment_bank, ag->payment_account);
	else
		html_raw(b, "<dt>罚款代收银行</dt><dd>未设置</dd>");
	html_f(b, "<dt>行政复议机关</dt><dd>%s</dd></dl>\n",
	       *ag->reconsideration ? ag->reconsideration : "本级人民政府（未设置）");
}

static int agency_detail(struct req *r, int status, const char *unit_name, enum fz_err urc,
			 const struct fz_error *ue)
{
	struct buf b = BUF_INIT;
	struct fz_error e = { 0 };
	struct agency ag;
	int64_t id = req_param(r, "id");
	enum fz_err rc = app_agency_get(&r->ctx, id, &ag, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);

	page_begin(r, &b, ag.name);
	page_notice(r, &b);
	html_raw(&b, "<p class=\"actions\">");
	if (kit_may(r, PERM_AGENCY_WRITE))
		html_f(&b, "<a class=\"button\" href=\"/agencies/%lld/edit\">修改</a> ",
		       (long long)id);
	if (kit_may(r, PERM_CERT_READ))
		html_f(&b, "<a class=\"button secondary\" href=\"/certificates?agency=%lld\">"
			   "执法证</a> ",
		       (long long)id);
	html_raw(&b, "<a class=\"button secondary\" href=\"/agencies\">返回列表</a></p>\n");
	html_f(&b, "<dl class=\"fields\"><dt>名称</dt><dd>%s</dd><dt>类别</dt><dd>%s</dd>"
		   "<dt>统一社会信用代码</dt><dd class=\"mono\">%s</dd>"
		   "<dt>行政区划代码</dt><dd>%s</dd><dt>执法领域</dt><dd>",
	       ag.name, agency_kind_label(ag.kind), ag.uscc, ag.division_code);
	kit_domains(&b, ag.domains);
	html_f(&b, "</dd><dt>状态</dt><dd>%s</dd></dl>\n", ag.active ? "启用" : "停用");
	docs_section(r, &b, &ag);
	if (kit_may(r, PERM_PERSON_READ))
		people_section(r, &b, id);
	if (kit_may(r, PERM_UNIT_READ))
		units_section(r, &b, id, unit_name, urc, ue);
	page_end(r, &b);
	return resp_html(r, status, &b);
}

int page_agency_show(struct req *r)
{
	return agency_detail(r, 200, NULL, FZ_OK, NULL);
}

int page_unit_create(struct req *r)
{
	struct fz_error e = { 0 };
	int64_t id = req_param(r, "id");
	struct unit_input in = { .agency_id = id, .name = kit_form(r, "name") };
	enum fz_err rc = app_unit_create(&r->ctx, &in, NULL, &e);
	if (rc == FZ_INVALID && strcmp(e.field, "agency_id") == 0)
		rc = fz_fail(&e, FZ_NOTFOUND, NULL, "执法主体不存在");
	if (rc == FZ_INVALID || rc == FZ_CONFLICT)
		return agency_detail(r, fz_err_http_status(rc), in.name, rc, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	char *loc = arena_printf(r->a, "/agencies/%lld?msg=unit_created#units", (long long)id);
	return loc ? resp_redirect(r, loc) : http_fail_fz(r, FZ_NOMEM, NULL);
}
