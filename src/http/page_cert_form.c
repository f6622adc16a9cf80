/* page_cert_form.c - issuing a 执法证 to an officer and renewing or
 * correcting one (supervisor): GET/POST /certificates/new and
 * /certificates/{id}/edit. Number and holder are fixed once issued. */
#include <string.h>

#include "app/people.h"
#include "base/num.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/pagekit.h"
#include "http/resp.h"

struct cert_fields {
	const char *number, *person_id, *issuer, *domains, *issued_on, *valid_until;
	const char *holder; /* the datalist input, when the list is long */
};

/* Up to this many officers the holder is a <select> grouped by agency;
 * beyond it (a county's justice bureau sees hundreds) a text input with
 * a <datalist>, resolved on the server (holder_resolve). */
#define HOLDER_SELECT_MAX 30

/* "马建国（海原县自然资源局，编号 12）": what the datalist offers and
 * holder_resolve reads back. */
static const char *holder_label(struct req *r, const struct person *q, const char *agency)
{
	const char *s = arena_printf(r->a, "%s（%s，编号 %lld）", q->name, agency,
				     (long long)q->id);
	return s ? s : "";
}

/* The holder: fixed when the form came from an officer's page, else a
 * choice among the active officers in scope. */
static void holder_field(struct req *r, struct buf *b, const char *selected,
			 const char *typed, const struct fz_error *e)
{
	struct fz_error le = { 0 };
	int64_t pid = 0;
	struct person p;
	bool fixed = *selected && (req_query(r, "person_id") || kit_form_checked(r, "holder_fixed"));
	if (fixed && http_parse_int64(selected, 1, INT64_MAX, &pid) &&
	    app_person_get(&r->ctx, pid, &p, &le) == FZ_OK) {
		html_f(b, "<label>持证人</label><p class=\"fixed\">%s</p>"
			  "<input type=\"hidden\" name=\"person_id\" value=\"%s\">"
			  "<input type=\"hidden\" name=\"holder_fixed\" value=\"1\">\n",
		       p.name, selected);
		kit_field_error(b, "person_id", e);
		return;
	}
	struct person_list list = { 0 };
	struct person_filter f = { .kind = PERSON_OFFICER };
	if (app_person_list(&r->ctx, &f, (struct page){ 0, 200 }, &list, &le) != FZ_OK)
		list.n = 0;
	size_t na, n = 0;
	struct kit_option *agencies = kit_agency_options(r, NULL, &na);
	struct kit_option *opts = arena_calloc(r->a, list.n + 1, sizeof *opts);
	if (!opts) {
		b->failed = true;
		return;
	}
	opts[n++] = (struct kit_option){ "", "请选择执法人员" };
	for (size_t i = 0; i < list.n; i++) {
		const struct person *q = &list.items[i];
		if (!q->active)
			continue;
		const char *aid = kit_id(r, q->agency_id);
		const char *agency = kit_option_label(agencies, na, aid, aid);
		opts[n++] = (struct kit_option){ kit_id(r, q->id), holder_label(r, q, agency), agency };
	}
	if (n - 1 > HOLDER_SELECT_MAX) {
		kit_datalist_input(b, "holder", "持证人", opts, n, typed,
				   "required maxlength=\"120\" placeholder=\"输入姓名，从列表中选择\"", e);
		kit_field_error(b, "person_id", e);
		html_raw(b, "<p class=\"hint\">输入姓名后从列表中选择（同名时按执法主体和编号区分）。"
			    "只列出在岗的执法人员。也可从人员页面点击“发放执法证”。</p>\n");
		return;
	}
	/* short: a select, grouped by agency */
	kit_options_group_sort(opts, 1, n);
	kit_select(b, "person_id", "持证人", opts, n, selected, e);
	html_raw(b, "<p class=\"hint\">只列出在岗的执法人员。也可从人员页面点击“发放执法证”。</p>\n");
}

/* The holder named by the datalist input: the label it offered ("…，编号
 * 12）", checked against that person's record) or a name typed by hand
 * (exactly one active officer in scope of that name). */
static enum fz_err holder_resolve(struct req *r, const char *typed, int64_t *pid,
				  struct fz_error *e)
{
	struct fz_error le = { 0 };
	const char *mark = NULL;
	*pid = 0;
	if (!*typed)
		return fz_fail(e, FZ_INVALID, "holder", "请选择持证人");
	for (const char *p = strstr(typed, "，编号 "); p; p = strstr(p + 1, "，编号 "))
		mark = p;
	if (mark) {
		char digits[24];
		const char *d = mark + strlen("，编号 ");
		size_t k = 0;
		while (d[k] >= '0' && d[k] <= '9' && k + 1 < sizeof digits)
			k++;
		memcpy(digits, d, k);
		digits[k] = '\0';
		struct person p;
		int64_t id;
		if (num_parse_i64(digits, 1, INT64_MAX, &id) && strcmp(d + k, "）") == 0 &&
		    app_person_get(&r->ctx, id, &p, &le) == FZ_OK && p.active &&
		    p.kind == PERSON_OFFICER && strncmp(typed, p.name, strlen(p.name)) == 0 &&
		    strncmp(typed + strlen(p.name), "（", strlen("（")) == 0) {
			*pid = id;
			return FZ_OK;
		}
		return fz_fail(e, FZ_INVALID, "holder",
			       "“%s”与在岗执法人员的记录不符，请从列表中重新选择", typed);
	}
	struct person_list list = { 0 };
	struct person_filter f = { .kind = PERSON_OFFICER, .q = typed };
	if (app_person_list(&r->ctx, &f, (struct page){ 0, 200 }, &list, &le) != FZ_OK)
		return fz_fail(e, FZ_INTERNAL, "holder", "执法人员读取失败，请稍后重试");
	size_t found = 0;
	for (size_t i = 0; i < list.n; i++)
		if (list.items[i].active && strcmp(list.items[i].name, typed) == 0) {
			found++;
			*pid = list.items[i].id;
		}
	if (found == 1)
		return FZ_OK;
	*pid = 0;
	if (found > 1)
		return fz_fail(e, FZ_INVALID, "holder",
			       "有 %zu 名在岗执法人员名为“%s”，请从列表中选择带执法主体和编号的一项",
			       found, typed);
	return fz_fail(e, FZ_INVALID, "holder",
		       "没有名为“%s”的在岗执法人员，请从列表中选择持证人", typed);
}

static int cert_form(struct req *r, int status, const struct certificate *old,
		     const struct cert_fields *v, enum fz_err rc, const struct fz_error *e)
{
	struct buf b = BUF_INIT;

	page_begin(r, &b, old ? "换证 / 修改执法证" : "发放执法证");
	kit_form_error(&b, rc, e);
	if (old) {
		html_f(&b, "<dl class=\"fields\"><dt>执法证号</dt><dd class=\"mono\">%s</dd>"
			   "<dt>持证人</dt><dd>%s</dd><dt>执法主体</dt><dd>%s</dd></dl>\n",
		       old->number, old->holder_name, old->agency_name);
		html_f(&b, "<form class=\"stack narrow\" method=\"post\" "
			   "action=\"/certificates/%lld/edit\">\n",
		       (long long)old->id);
	} else {
		html_raw(&b, "<form class=\"stack narrow\" method=\"post\" action=\"/certificates/new\">\n");
	}
	page_csrf_field(r, &b);
	if (!old) {
		kit_input(&b, "text", "number", "执法证号", v->number,
			  "required maxlength=\"32\" autocomplete=\"off\" class=\"mono\" "
			  "pattern=\"[A-Za-z0-9-]+\"",
			  e);
		holder_field(r, &b, v->person_id, v->holder, e);
	}
	kit_input(&b, "text", "issuer", "发证机关", v->issuer,
		  "required maxlength=\"60\" placeholder=\"例如 海原县人民政府\"", e);
	kit_input(&b, "text", "domains", "执法领域", v->domains,
		  "required maxlength=\"600\" aria-describedby=\"domains-hint\"", e);
	html_raw(&b, "<p id=\"domains-hint\" class=\"hint\">多个领域用英文逗号“,”分隔。</p>\n");
	kit_input(&b, "date", "issued_on", "发证日期", v->issued_on, "required", e);
	kit_input(&b, "date", "valid_until", "有效期至", v->valid_until, "required", e);
	html_f(&b, "<div class=\"form-buttons\"><button type=\"submit\">%s</button> "
		   "<a class=\"button secondary\" href=\"%s\">取消</a></div>\n</form>\n",
	       old ? "保存" : "发证",
	       old ? arena_printf(r->a, "/certificates/%lld", (long long)old->id) : "/certificates");
	page_end(r, &b);
	return resp_html(r, status, &b);
}

static void fields_from_form(struct req *r, struct cert_fields *v)
{
	v->number = kit_form(r, "number");
	v->person_id = kit_form(r, "person_id");
	v->issuer = kit_form(r, "issuer");
	v->domains = kit_form(r, "domains");
	v->issued_on = kit_form(r, "issued_on");
	v->valid_until = kit_form(r, "valid_until");
	v->holder = kit_form(r, "holder");
}

int page_cert_new(struct req *r)
{
	struct cert_fields v = { "", kit_query(r, "person_id"), "", "", r->ctx.today, "", "" };
	return cert_form(r, 200, NULL, &v, FZ_OK, NULL);
}

int page_cert_create(struct req *r)
{
	struct cert_fields v;
	struct fz_error e = { 0 };
	struct certificate c;
	int64_t pid;
	enum fz_err rc = FZ_OK;

	fields_from_form(r, &v);
	if (!*v.person_id && req_form(r, "holder"))
		rc = holder_resolve(r, v.holder, &pid, &e);
	else if (!kit_form_id(r, "person_id", &pid) || pid == 0)
		rc = fz_fail(&e, FZ_INVALID, "person_id", "请选择持证人");
	struct certificate_input in = { .number = v.number, .person_id = pid,
					.issuer = v.issuer, .domains = v.domains,
					.issued_on = v.issued_on, .valid_until = v.valid_until };
	if (rc == FZ_OK)
		rc = app_certificate_create(&r->ctx, &in, &c, &e);
	if (rc == FZ_INVALID || rc == FZ_CONFLICT)
		return cert_form(r, fz_err_http_status(rc), NULL, &v, rc, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	char *loc = arena_printf(r->a, "/certificates/%lld?msg=cert_issued", (long long)c.id);
	return loc ? resp_redirect(r, loc) : http_fail_fz(r, FZ_NOMEM, NULL);
}

int page_cert_edit(struct req *r)
{
	struct fz_error e = { 0 };
	struct certificate c;
	enum fz_err rc = app_certificate_get(&r->ctx, req_param(r, "id"), &c, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	if (c.status == CERT_REVOKED)
		return page_error(r, 409, "该执法证已注销，不能再变更");
	struct cert_fields v = { c.number, "", c.issuer, c.domains, c.issued_on, c.valid_until, "" };
	return cert_form(r, 200, &c, &v, FZ_OK, NULL);
}

int page_cert_update(struct req *r)
{
	struct cert_fields v;
	struct fz_error e = { 0 };
	struct certificate old;
	int64_t id = req_param(r, "id");
	enum fz_err rc = app_certificate_get(&r->ctx, id, &old, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	fields_from_form(r, &v);
	struct certificate_input in = { .issuer = v.issuer, .domains = v.domains,
					.issued_on = v.issued_on, .valid_until = v.valid_until };
	rc = app_certificate_update(&r->ctx, id, &in, NULL, &e);
	if (rc == FZ_INVALID || (rc == FZ_CONFLICT && strcmp(e.field, "status") != 0))
		return cert_form(r, fz_err_http_status(rc), &old, &v, rc, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	char *loc = arena_printf(r->a, "/certificates/%lld?msg=saved", (long long)id);
	return loc ? resp_redirect(r, loc) : http_fail_fz(r, FZ_NOMEM, NULL);
}
