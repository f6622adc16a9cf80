/* page_officer_form.c - adding and editing a person (head, supervisor,
 * sysadmin): GET/POST /officers/new and /officers/{id}/edit. The stored
 * ID number is never put back into the edit form: left empty, it stays. */
#include <string.h>

#include "app/org.h"
#include "app/people.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/pagekit.h"
#include "http/resp.h"

struct person_fields {
	const char *agency_id, *unit_id, *name, *resident_id, *phone, *kind;
	bool is_reviewer, active;
};

static const struct kit_option kind_opts[] = {
	{ "officer", "执法人员（持执法证）" }, { "assistant", "执法辅助人员" },
};

/* Units in scope, grouped by agency; the app checks that the unit
 * belongs to the chosen agency. */
static void unit_select(struct req *r, struct buf *b, const char *selected,
			const struct kit_option *agencies, size_t na, const struct fz_error *e)
{
	struct unit_list list = { 0 };
	struct fz_error le = { 0 };
	if (app_unit_list(&r->ctx, 0, (struct page){ 0, 200 }, &list, &le) != FZ_OK)
		list.n = 0;
	html_raw(b, "<label for=\"unit_id\">内设机构</label>\n<select id=\"unit_id\" name=\"unit_id\">"
		    "<option value=\"\">（无）</option>");
	int64_t group = 0;
	for (size_t i = 0; i < list.n; i++) {
		const struct unit *u = &list.items[i];
		if (u->agency_id != group) {
			const char *aid = kit_id(r, u->agency_id);
			if (group)
				html_raw(b, "</optgroup>");
			html_f(b, "<optgroup label=\"%s\">", kit_option_label(agencies, na, aid, aid));
			group = u->agency_id;
		}
		const char *uid = kit_id(r, u->id);
		html_f(b, "<option value=\"%s\"%s>%s</option>", uid,
		       strcmp(uid, selected) == 0 ? " selected" : "", u->name);
	}
	html_raw(b, group ? "</optgroup></select>\n" : "</select>\n");
	kit_field_error(b, "unit_id", e);
}

static int person_form(struct req *r, int status, int64_t id, const struct person_fields *v,
		       enum fz_err rc, const struct fz_error *e)
{
	struct buf b = BUF_INIT;
	size_t na;
	struct kit_option *agencies = kit_agency_options(r, "请选择", &na);

	page_begin(r, &b, id ? "修改人员信息" : "新增人员");
	kit_form_error(&b, rc, e);
	if (id)
		html_f(&b, "<form class=\"stack narrow\" method=\"post\" action=\"/officers/%lld/edit\">\n",
		       (long long)id);
	else
		html_raw(&b, "<form class=\"stack narrow\" method=\"post\" action=\"/officers/new\">\n");
	page_csrf_field(r, &b);
	kit_input(&b, "text", "name", "姓名", v->name, "required maxlength=\"30\"", e);
	kit_select(&b, "agency_id", "执法主体", agencies, na, v->agency_id, e);
	unit_select(r, &b, v->unit_id, agencies, na, e);
	kit_select(&b, "kind", "人员类别", kind_opts, 2, v->kind, e);
	kit_input(&b, "text", "resident_id", "居民身份证号码", v->resident_id,
		  id ? "maxlength=\"18\" autocomplete=\"off\" class=\"mono\" "
		       "placeholder=\"不修改请留空\""
		     : "required maxlength=\"18\" autocomplete=\"off\" class=\"mono\"",
		  e);
	kit_input(&b, "tel", "phone", "联系电话", v->phone, "maxlength=\"20\"", e);
	kit_checkbox(&b, "is_reviewer", "法制审核人员（执法辅助人员不能担任）", v->is_reviewer, e);
	if (id)
		kit_checkbox(&b, "active", "在岗（离岗人员不能再发证）", v->active, e);
	html_f(&b, "<div class=\"form-buttons\"><button type=\"submit\">保存</button> "
		   "<a class=\"button secondary\" href=\"%s\">取消</a></div>\n</form>\n",
	       id ? arena_printf(r->a, "/officers/%lld", (long long)id) : "/officers");
	page_end(r, &b);
	return resp_html(r, status, &b);
}

static void fields_from_form(struct req *r, struct person_fields *v)
{
	v->agency_id = kit_form(r, "agency_id");
	v->unit_id = kit_form(r, "unit_id");
	v->name = kit_form(r, "name");
	v->resident_id = kit_form(r, "resident_id");
	v->phone = kit_form(r, "phone");
	v->kind = kit_form(r, "kind");
	v->is_reviewer = kit_form_checked(r, "is_reviewer");
	v->active = kit_form_checked(r, "active");
}

/* Turns the fields into an input; FZ_INVALID naming the field when a
 * choice is missing or malformed. */
static enum fz_err input_of(struct req *r, const struct person_fields *v, bool editing,
			    struct person_input *in, struct fz_error *e)
{
	memset(in, 0, sizeof *in);
	if (!kit_form_id(r, "agency_id", &in->agency_id) || (!editing && !in->agency_id))
		return fz_fail(e, FZ_INVALID, "agency_id", "请选择执法主体");
	if (!kit_form_id(r, "unit_id", &in->unit_id))
		return fz_fail(e, FZ_INVALID, "unit_id", "请选择内设机构");
	if (editing && !in->unit_id)
		in->unit_id = -1; /* "（无）" clears it */
	if (strcmp(v->kind, "officer") == 0)
		in->kind = PERSON_OFFICER;
	else if (strcmp(v->kind, "assistant") == 0)
		in->kind = PERSON_ASSISTANT;
	else
		return fz_fail(e, FZ_INVALID, "kind", "请选择人员类别");
	in->name = v->name;
	in->resident_id = editing && !*v->resident_id ? NULL : v->resident_id;
	in->phone = v->phone;
	in->is_reviewer = v->is_reviewer;
	in->active = editing ? v->active : 1;
	return FZ_OK;
}

int page_officer_new(struct req *r)
{
	struct person_fields v = { "", "", "", "", "", "officer", false, true };
	/* A head has one agency: choose it for them. */
	if (r->ctx.scope.kind == SCOPE_AGENCY)
		v.agency_id = kit_id(r, r->ctx.scope.agency_id);
	return person_form(r, 200, 0, &v, FZ_OK, NULL);
}

int page_officer_create(struct req *r)
{
	struct person_fields v;
	struct person_input in;
	struct fz_error e = { 0 };
	struct person p;
	fields_from_form(r, &v);
	enum fz_err rc = input_of(r, &v, false, &in, &e);
	if (rc == FZ_OK)
		rc = app_person_create(&r->ctx, &in, &p, &e);
	if (rc == FZ_INVALID || rc == FZ_CONFLICT)
		return person_form(r, fz_err_http_status(rc), 0, &v, rc, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	char *loc = arena_printf(r->a, "/officers/%lld?msg=created", (long long)p.id);
	return loc ? resp_redirect(r, loc) : http_fail_fz(r, FZ_NOMEM, NULL);
}

int page_officer_edit(struct req *r)
{
	struct fz_error e = { 0 };
	struct person p;
	int64_t id = req_param(r, "id");
	enum fz_err rc = app_person_get(&r->ctx, id, &p, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	struct person_fields v = { kit_id(r, p.agency_id), kit_id(r, p.unit_id), p.name, "",
				   p.phone ? p.phone : "",
				   p.kind == PERSON_ASSISTANT ? "assistant" : "officer",
				   p.is_reviewer, p.active };
	return person_form(r, 200, id, &v, FZ_OK, NULL);
}

int page_officer_update(struct req *r)
{
	struct person_fields v;
	struct person_input in;
	struct fz_error e = { 0 };
	int64_t id = req_param(r, "id");
	fields_from_form(r, &v);
	enum fz_err rc = input_of(r, &v, true, &in, &e);
	if (rc == FZ_OK)
		rc = app_person_update(&r->ctx, id, &in, NULL, &e);
	if (rc == FZ_INVALID || rc == FZ_CONFLICT)
		return person_form(r, fz_err_http_status(rc), id, &v, rc, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	char *loc = arena_printf(r->a, "/officers/%lld?msg=saved", (long long)id);
	return loc ? resp_redirect(r, loc) : http_fail_fz(r, FZ_NOMEM, NULL);
}
