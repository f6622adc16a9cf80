/* page_agency_form.c - creating and editing a 执法主体 (sysadmin):
 * GET/POST /agencies/new and /agencies/{id}/edit, with what its documents
 * print (机关代字, court, bank account, reconsideration body). A refused
 * post shows the same form again with what was typed and the error at
 * its field. */
#include <string.h>

#include "app/org.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/pagekit.h"
#include "http/resp.h"

/* What the form shows: the stored agency, or what the user typed. */
struct agency_fields {
	const char *name, *uscc, *division_code, *kind, *domains;
	bool active;
	const char *doc_code, *court, *payment_bank, *payment_account, *reconsideration;
};

/* The document settings (文书设置), each empty when not set. */
static void docs_fieldset(struct buf *b, const struct agency_fields *v,
			  const struct fz_error *e)
{
	html_raw(b, "<fieldset><legend>文书设置</legend>\n");
	kit_input(b, "text", "doc_code", "机关代字", v->doc_code,
		  "maxlength=\"8\" aria-describedby=\"doc-code-hint\"", e);
	html_raw(b, "<p id=\"doc-code-hint\" class=\"hint\">文号中的机关代字，1 至 8 个汉字，"
		    "例如“海自然资”（海自然资罚〔2026〕3号）；留空则取机关名称去掉末尾的“局”。</p>\n");
	kit_input(b, "text", "court", "管辖人民法院", v->court,
		  "maxlength=\"40\" placeholder=\"例如：海原县人民法院\"", e);
	kit_input(b, "text", "payment_bank", "罚款代收银行", v->payment_bank,
		  "maxlength=\"60\" placeholder=\"例如：中国农业银行海原县支行\"", e);
	kit_input(b, "text", "payment_account", "代收账号", v->payment_account,
		  "maxlength=\"40\" autocomplete=\"off\" class=\"mono\"", e);
	kit_input(b, "text", "reconsideration", "行政复议机关", v->reconsideration,
		  "maxlength=\"40\" aria-describedby=\"reconsideration-hint\"", e);
	html_raw(b, "<p id=\"reconsideration-hint\" class=\"hint\">留空则为本机关所在地的"
		    "县级人民政府（《中华人民共和国行政复议法》第二十四条）。</p>\n</fieldset>\n");
}

static int agency_form(struct req *r, int status, int64_t id, const struct agency_fields *v,
		       enum fz_err rc, const struct fz_error *e)
{
	struct buf b = BUF_INIT;
	size_t nd, nk;
	struct kit_option *divs = kit_division_options(r, "请选择", &nd);
	struct kit_option *kinds = kit_agency_kind_options(r, "请选择", &nk);

	page_begin(r, &b, id ? "修改执法主体" : "新建执法主体");
	kit_form_error(&b, rc, e);
	if (id)
		html_f(&b, "<form class=\"stack narrow\" method=\"post\" action=\"/agencies/%lld/edit\">\n",
		       (long long)id);
	else
		html_raw(&b, "<form class=\"stack narrow\" method=\"post\" action=\"/agencies/new\">\n");
	page_csrf_field(r, &b);
	kit_input(&b, "text", "name", "名称", v->name, "required maxlength=\"60\"", e);
	kit_input(&b, "text", "uscc", "统一社会信用代码", v->uscc,
		  "required maxlength=\"18\" autocomplete=\"off\" class=\"mono\"", e);
	kit_select(&b, "division_code", "行政区划", divs, nd, v->division_code, e);
	kit_select(&b, "kind", "主体类别", kinds, nk, v->kind, e);
	kit_input(&b, "text", "domains", "执法领域", v->domains,
		  "required maxlength=\"600\" aria-describedby=\"domains-hint\"", e);
	html_raw(&b, "<p id=\"domains-hint\" class=\"hint\">多个领域用英文逗号“,”分隔，"
		     "例如：市场监管,食品安全</p>\n");
	docs_fieldset(&b, v, e);
	if (id)
		kit_checkbox(&b, "active", "启用（停用后不再参加法制审核人员占比核查）", v->active, e);
	html_f(&b, "<div class=\"form-buttons\"><button type=\"submit\">保存</button> "
		   "<a class=\"button secondary\" href=\"%s\">取消</a></div>\n</form>\n",
	       id ? arena_printf(r->a, "/agencies/%lld", (long long)id) : "/agencies");
	page_end(r, &b);
	return resp_html(r, status, &b);
}

static void fields_from_form(struct req *r, struct agency_fields *v)
{
	v->name = kit_form(r, "name");
	v->uscc = kit_form(r, "uscc");
	v->division_code = kit_form(r, "division_code");
	v->kind = kit_form(r, "kind");
	v->domains = kit_form(r, "domains");
	v->active = kit_form_checked(r, "active");
	v->doc_code = kit_form(r, "doc_code");
	v->court = kit_form(r, "court");
	v->payment_bank = kit_form(r, "payment_bank");
	v->payment_account = kit_form(r, "payment_account");
	v->reconsideration = kit_form(r, "reconsideration");
}

static struct agency_input input_of(const struct agency_fields *v, bool editing)
{
	struct agency_input in = { .name = v->name, .uscc = v->uscc,
				   .division_code = v->division_code, .kind = v->kind,
				   .domains = v->domains, .active = editing ? v->active : 1,
				   .doc_code = v->doc_code, .court = v->court,
				   .payment_bank = v->payment_bank,
				   .payment_account = v->payment_account,
				   .reconsideration = v->reconsideration };
	return in;
}

/* The selects' "请选择" says more than the app's format message would. */
static enum fz_err choices_made(const struct agency_fields *v, struct fz_error *e)
{
	if (!*v->division_code)
		return fz_fail(e, FZ_INVALID, "division_code", "请选择行政区划");
	if (!*v->kind)
		return fz_fail(e, FZ_INVALID, "kind", "请选择主体类别");
	return FZ_OK;
}

int page_agency_new(struct req *r)
{
	struct agency_fields v = { .active = true, .doc_code = "", .court = "",
				   .payment_bank = "", .payment_account = "",
				   .reconsideration = "" };
	return agency_form(r, 200, 0, &v, FZ_OK, NULL);
}

int page_agency_create(struct req *r)
{
	struct agency_fields v;
	struct fz_error e = { 0 };
	struct agency ag;
	fields_from_form(r, &v);
	struct agency_input in = input_of(&v, false);
	enum fz_err rc = choices_made(&v, &e);
	if (rc == FZ_OK)
		rc = app_agency_create(&r->ctx, &in, &ag, &e);
	if (rc == FZ_INVALID || rc == FZ_CONFLICT)
		return agency_form(r, fz_err_http_status(rc), 0, &v, rc, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	char *loc = arena_printf(r->a, "/agencies/%lld?msg=created", (long long)ag.id);
	return loc ? resp_redirect(r, loc) : http_fail_fz(r, FZ_NOMEM, NULL);
}

int page_agency_edit(struct req *r)
{
	struct fz_error e = { 0 };
	struct agency ag;
	int64_t id = req_param(r, "id");
	enum fz_err rc = app_agency_get(&r->ctx, id, &ag, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	struct agency_fields v = { ag.name, ag.uscc, ag.division_code, ag.kind, ag.domains,
				   ag.active, ag.doc_code, ag.court, ag.payment_bank,
				   ag.payment_account, ag.reconsideration };
	return agency_form(r, 200, id, &v, FZ_OK, NULL);
}

int page_agency_update(struct req *r)
{
	struct agency_fields v;
	struct fz_error e = { 0 };
	int64_t id = req_param(r, "id");
	fields_from_form(r, &v);
	struct agency_input in = input_of(&v, true);
	enum fz_err rc = choices_made(&v, &e);
	if (rc == FZ_OK)
		rc = app_agency_update(&r->ctx, id, &in, NULL, &e);
	if (rc == FZ_INVALID || rc == FZ_CONFLICT)
		return agency_form(r, fz_err_http_status(rc), id, &v, rc, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	char *loc = arena_printf(r->a, "/agencies/%lld?msg=saved", (long long)id);
	return loc ? resp_redirect(r, loc) : http_fail_fz(r, FZ_NOMEM, NULL);
}
