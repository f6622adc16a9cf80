/* page_case_new.c - opening a case (立案, GET and POST /cases/new): first
 * the procedure (links, no script), then one form with the case (domain,
 * 案由, party, the day of the act) and the opening step's fields and
 * officers, posted to app_case_open. A blocked gate (e.g. the limitation
 * period) re-renders the form with the input kept and every gate listed. */
#include <stdio.h>
#include <string.h>

#include "app/org.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/page_case_kit.h"
#include "http/resp.h"

/* the opening step's fields, and room for names it does not take */
#define OPEN_FIELDS_MAX (PROC_STEP_FIELDS_MAX + 8)
#define DOMAINS_MAX 32

static const struct kit_option party_kinds[] = {
	{ "organisation", "法人或其他组织" },
	{ "citizen", "公民" },
};

struct new_form {
	const char *domain, *title, *party_kind, *party_name, *party_id, *party_address;
	const char *act_date, *on;
	const char *keys[OPEN_FIELDS_MAX];
	const char *values[OPEN_FIELDS_MAX];
	size_t nkeys;
	int64_t *officers;
	size_t nofficers;
};

static const struct proc_def *find_def(struct req *r, const char *id)
{
	size_t n;
	const struct proc_def *defs = app_procedures(&r->ctx, &n);
	for (size_t i = 0; defs && i < n; i++)
		if (strcmp(defs[i].id, id) == 0)
			return &defs[i];
	return NULL;
}

static const struct proc_step *opening(const struct proc_def *def)
{
	for (size_t i = 0; i < def->nsteps; i++)
		if (def->steps[i].flags & PROC_OPENS)
			return &def->steps[i];
	return NULL;
}

/* The agency's enforcement domains as options. */
static struct kit_option *domain_options(struct req *r, size_t *n)
{
	struct agency ag;
	struct fz_error e = { 0 };
	struct kit_option *o = arena_calloc(r->a, DOMAINS_MAX, sizeof *o);
	*n = 0;
	if (!o || !r->ctx.user ||
	    app_agency_get(&r->ctx, r->ctx.user->agency_id, &ag, &e) != FZ_OK)
		return o;
	for (const char *p = ag.domains; p && *p && *n < DOMAINS_MAX;) {
		size_t len = strcspn(p, ",");
		char *d = arena_strndup(r->a, p, len);
		if (d && *d)
			o[(*n)++] = (struct kit_option){ d, d };
		p += len + (p[len] == ',');
	}
	return o;
}

static int choose_page(struct req *r)
{
	struct buf b = BUF_INIT;
	size_t n;
	const struct proc_def *defs = app_procedures(&r->ctx, &n);
	page_begin(r, &b, "立案");
	html_raw(&b, "<p class=\"lead\">请选择执法程序：</p>\n<ul class=\"steps choose\">\n");
	for (size_t i = 0; defs && i < n; i++)
		html_f(&b, "<li class=\"on\"><a class=\"button\" href=\"/cases/new?procedure=%s\">%s</a></li>\n",
		       defs[i].id, defs[i].label);
	html_raw(&b, "</ul>\n<p><a class=\"button secondary\" href=\"/cases\">返回案件列表</a></p>\n");
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

static int render(struct req *r, int status, const struct proc_def *def,
		  const struct new_form *f, enum fz_err rc, const struct fz_error *e,
		  const struct case_check *check)
{
	struct buf b = BUF_INIT;
	const struct proc_step *st = opening(def);
	struct case_people people;
	size_t nd;
	struct kit_option *domains = domain_options(r, &nd);
	bool permit = def->kind == CASE_PERMIT, inspection = def->kind == CASE_INSPECTION;
	const char *party = permit ? "申请人" : inspection ? "检查对象" : "当事人";

	case_people_load(r, r->ctx.user ? r->ctx.user->agency_id : 0, &people);
	page_begin(r, &b, def->matter ? "立项" : "立案");
	kit_form_error(&b, rc, e);
	case_gate_results(&b, check);
	html_f(&b, "<form class=\"stack narrow\" method=\"post\" action=\"/cases/new\">\n"
		   "<input type=\"hidden\" name=\"procedure\" value=\"%s\">\n"
		   "<p class=\"fixed\">%s <a href=\"/cases/new\">更换程序</a></p>\n",
	       def->id, def->label);
	page_csrf_field(r, &b);
	kit_field_error(&b, "procedure", e);
	/* a matter (a normative document): a title and the opening step, no
	 * party, act or domain; the drafting unit is the account's agency */
	if (def->matter) {
		kit_input(&b, "text", "title", "标题", f->title, "required maxlength=\"100\"", e);
		goto opening_step;
	}
	kit_select(&b, "domain", "执法领域", domains, nd, f->domain, e);
	kit_input(&b, "text", "title", permit ? "申请事项" : inspection ? "检查事项" : "案由",
		  f->title, "required maxlength=\"100\"", e);
	kit_select(&b, "party_kind", arena_printf(r->a, "%s类别", party), party_kinds, 2,
		   f->party_kind, e);
	kit_input(&b, "text", "party_name", arena_printf(r->a, "%s名称或姓名", party), f->party_name,
		  "required maxlength=\"100\"", e);
	kit_input(&b, "text", "party_id", "统一社会信用代码或身份证号码", f->party_id,
		  "maxlength=\"18\" autocomplete=\"off\"", e);
	kit_input(&b, "text", "party_address", "地址", f->party_address, "maxlength=\"200\"", e);
	kit_input(&b, "date", "act_date",
		  permit ? "申请日期" : inspection ? "检查立项日期" : "违法行为发生（终了）日期",
		  f->act_date, "required", e);
opening_step:
	if (st) {
		html_f(&b, "<h2>%s</h2>\n", st->label);
		kit_input(&b, "date", "on", "办理日期", f->on, "required", e);
		case_form_inputs(r, &b, def, st, &people, f->keys, f->values, f->nkeys, check, e);
		if (st->min_officers > 0 || (st->flags & PROC_HANDLES))
			case_officers_input(&b, &people, f->officers, f->nofficers, st->min_officers, e);
	}
	html_f(&b, "<div class=\"form-buttons\"><button type=\"submit\" class=\"primary\">%s"
		   "</button> <a class=\"button secondary\" href=\"/cases\">取消</a></div>\n</form>\n",
	       def->matter ? "确认立项" : "确认立案");
	page_end(r, &b);
	return resp_html(r, status, &b);
}

int page_case_new(struct req *r)
{
	const struct proc_def *def = find_def(r, kit_query(r, "procedure"));
	if (!def)
		return choose_page(r);
	struct new_form f = { .domain = "", .title = "", .party_kind = "organisation",
			      .party_name = "", .party_id = "", .party_address = "",
			      .act_date = "", .on = r->ctx.today };
	const struct proc_step *st = opening(def);
	f.nkeys = st ? proc_step_field_ids(def, st, def->matter, f.keys, OPEN_FIELDS_MAX) : 0;
	if (r->ctx.user && r->ctx.user->person_id) {
		f.officers = &r->ctx.user->person_id;
		f.nofficers = 1;
	}
	return render(r, 200, def, &f, FZ_OK, NULL, NULL);
}

/* The form's own controls: every other posted name is a field of the
 * opening step. */
static const char *const controls[] = { "csrf", "procedure", "domain", "title", "party_kind",
					"party_name", "party_id", "party_address", "act_date",
					"on", "officers", NULL };

int page_case_create(struct req *r)
{
	struct fz_error e = { 0 };
	struct case_check check = { 0 };
	struct case_field fields[OPEN_FIELDS_MAX];
	struct enf_case c;
	size_t nfields = 0;
	enum fz_err rc = FZ_OK;
	const struct proc_def *def = find_def(r, kit_form(r, "procedure"));
	if (!def)
		return page_error(r, 400, "请选择执法程序");
	const struct proc_step *st = opening(def);
	struct new_form f = {
		.domain = kit_form(r, "domain"), .title = kit_form(r, "title"),
		.party_kind = kit_form(r, "party_kind"), .party_name = kit_form(r, "party_name"),
		.party_id = kit_form(r, "party_id"), .party_address = kit_form(r, "party_address"),
		.act_date = kit_form(r, "act_date"), .on = kit_form(r, "on"),
	};
	f.nkeys = st ? proc_step_field_ids(def, st, def->matter, f.keys, OPEN_FIELDS_MAX) : 0;
	struct case_form_fields shown = { f.keys, f.values, f.nkeys };
	nfields = case_form_read(r, def, st, &shown, controls, fields, OPEN_FIELDS_MAX);
	if (!case_form_ids(r, "officers", &f.officers, &f.nofficers))
		rc = fz_fail(&e, FZ_INVALID, "officers", "参与人员选择有误");
	if (!rc) {
		struct case_input in = {
			.procedure = def->id, .domain = f.domain, .title = f.title,
			.party_kind = def->matter ? PARTY_NONE
				      : !strcmp(f.party_kind ? f.party_kind : "", "citizen")
					      ? PARTY_CITIZEN
					      : PARTY_ORGANISATION,
			.party_name = f.party_name, .party_id = f.party_id,
			.party_address = f.party_address, .act_date = f.act_date,
		};
		struct case_step_input open = {
			.step = st ? st->id : NULL, .on = f.on, .fields = fields, .nfields = nfields,
			.officers = f.officers, .nofficers = f.nofficers,
		};
		rc = app_case_open(&r->ctx, &in, &open, &c, &check, &e);
	}
	if (rc == FZ_OK) {
		char *loc = arena_printf(r->a, "/cases/%lld?msg=case_opened", (long long)c.id);
		return loc ? resp_redirect(r, loc) : http_fail_fz(r, FZ_NOMEM, NULL);
	}
	if (check.n || rc == FZ_INVALID || rc == FZ_CONFLICT)
		return render(r, fz_err_http_status(rc), def, &f, rc, &e, &check);
	return http_fail_fz(r, rc, &e);
}
