/* page_case_step.c - taking one step of a case (GET and POST
 * /cases/{id}/steps/{step}): a form generated from the definition (its
 * required fields with Chinese labels, the fields offered on it, the
 * officers taking part, the day), posted to app_case_act. A blocked gate
 * re-renders the form with the input kept and every gate's result. The
 * step "correction" records a 更正 of an earlier event. */
#include <stdio.h>
#include <string.h>

#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/page_case_kit.h"
#include "http/resp.h"

/* the step's fields, and room for names it does not take */
#define STEP_FIELDS_MAX (PROC_STEP_FIELDS_MAX + 8)

/* What the form holds, as typed. */
struct step_form {
	const char *on, *reason;
	const char *keys[STEP_FIELDS_MAX];
	const char *values[STEP_FIELDS_MAX];
	size_t nkeys;
	int64_t *officers;
	size_t nofficers;
	const char *corrects, *ckey, *cvalue; /* corrections */
};

/* The case, its step (NULL for a correction) and the agency's people. */
struct step_page {
	struct case_view v;
	const struct proc_step *st;
	const struct proc_option *opt;
	struct case_people people;
	bool correction;
};

/* Loads the case and finds the step; answers 404 itself and returns
 * false when either is missing. */
static bool load(struct req *r, struct step_page *p)
{
	struct fz_error e = { 0 };
	const char *step = req_param_str(r, "step");
	memset(p, 0, sizeof *p);
	enum fz_err rc = app_case_view(&r->ctx, req_param(r, "id"), &p->v, &e);
	if (rc) {
		http_fail_fz(r, rc, &e);
		return false;
	}
	p->correction = step && strcmp(step, PROC_CORRECTION) == 0;
	p->st = step ? proc_step_find(p->v.def, step) : NULL;
	if (!p->st && !p->correction) {
		page_error(r, 404, "本案的执法程序没有这个步骤");
		return false;
	}
	for (size_t i = 0; p->st && i < p->v.noptions; i++)
		if (p->v.options[i].step == p->st)
			p->opt = &p->v.options[i];
	case_people_load(r, p->v.c.agency_id, &p->people);
	return true;
}

static bool needs_officers(const struct proc_step *st)
{
	return st && (st->min_officers > 0 || (st->flags & PROC_HANDLES));
}

static void correction_inputs(struct buf *b, struct req *r, const struct step_page *p,
			      const struct step_form *f, const struct fz_error *e,
			      const struct case_check *check)
{
	/* the engine names the corrected field as typed: show it by the input */
	struct fz_error refused;
	const struct fz_error *fe = e;
	if (*f->ckey && case_field_error(check, f->ckey, &refused)) {
		snprintf(refused.field, sizeof refused.field, "field");
		fe = &refused;
	}
	struct kit_option *opts = arena_calloc(r->a, p->v.events.n + 1, sizeof *opts);
	size_t n = 0;
	if (!opts) {
		b->failed = true;
		return;
	}
	opts[n++] = (struct kit_option){ "", "请选择" };
	for (size_t i = 0; i < p->v.events.n; i++) {
		const struct case_event *ev = &p->v.events.items[i];
		const struct proc_step *st = proc_step_find(p->v.def, ev->step);
		const char *label = arena_printf(r->a, "第 %d 项 %s（%s）", ev->seq,
						 st ? st->label : "更正", ev->on);
		opts[n++] = (struct kit_option){ kit_id(r, ev->id), label ? label : "" };
	}
	kit_select(b, "corrects", "更正哪一项记录", opts, n, f->corrects, e);
	kit_input(b, "text", "field", "更正的字段（如 amount、facts）", f->ckey, "maxlength=\"40\"", fe);
	html_f(b, "<div class=\"field\"><label for=\"value\">更正后的内容</label>\n"
		  "<textarea id=\"value\" name=\"value\" rows=\"3\" maxlength=\"2000\">%s</textarea></div>\n",
	       f->cvalue);
}

static int render(struct req *r, int status, const struct step_page *p, const struct step_form *f,
		  enum fz_err rc, const struct fz_error *e, const struct case_check *check)
{
	struct buf b = BUF_INIT;
	const struct enf_case *c = &p->v.c;
	const char *label = p->st ? p->st->label : "记录更正";
	const char *title = arena_printf(r->a, "办理：%s", label);

	page_begin(r, &b, title ? title : label);
	html_f(&b, "<p class=\"case-line\"><a class=\"mono\" href=\"/cases/%lld\">%s</a> %s · %s · ",
	       (long long)c->id, c->number, c->title,
	       c->party_kind == PARTY_NONE ? c->agency_name : c->party_name);
	case_state_show(&b, &p->v);
	html_raw(&b, "</p>\n");
	case_enforcement_facts(&b, &p->v);
	kit_form_error(&b, rc, e);
	case_gate_results(&b, check);
	if (!rc && p->opt && !p->opt->available)
		page_flash(&b, FLASH_INFO, p->opt->reason[0] ? p->opt->reason : "当前不能办理该步骤");
	html_f(&b, "<form class=\"stack narrow\" method=\"post\" action=\"/cases/%lld/steps/%s\">\n",
	       (long long)c->id, p->st ? p->st->id : PROC_CORRECTION);
	page_csrf_field(r, &b);
	kit_input(&b, "date", "on", "办理日期", f->on, "required", e);
	if (p->correction)
		correction_inputs(&b, r, p, f, e, check);
	case_form_inputs(r, &b, p->v.def, p->st, &p->people, f->keys, f->values, f->nkeys, check, e);
	if (needs_officers(p->st))
		case_officers_input(&b, &p->people, f->officers, f->nofficers, p->st->min_officers, e);
	if (p->correction || (p->st && p->st->extends.n))
		html_f(&b, "<div class=\"field\"><label for=\"reason\">理由</label>\n<textarea id=\"reason\" "
			   "name=\"reason\" rows=\"2\" maxlength=\"500\" required>%s</textarea></div>\n",
		       f->reason);
	else /* 补录: a step recorded days after it took place says why. */
		html_f(&b, "<div class=\"field\"><label for=\"reason\">补录理由</label>\n"
			   "<p class=\"hint\" id=\"reason-hint\">事项发生之日早于今天（超过规定日数）才记录的，"
			   "须写明补录理由，案卷中将标明“补录”</p>\n<textarea id=\"reason\" name=\"reason\" "
			   "rows=\"2\" maxlength=\"500\" aria-describedby=\"reason-hint\">%s</textarea></div>\n",
		       f->reason);
	html_f(&b, "<div class=\"form-buttons\"><button type=\"submit\" class=\"primary\">确认%s</button> "
		   "<a class=\"button secondary\" href=\"/cases/%lld\">取消</a></div>\n</form>\n",
	       p->correction ? "更正" : "办理", (long long)c->id);
	page_end(r, &b);
	return resp_html(r, status, &b);
}

static void form_keys(const struct step_page *p, struct step_form *f)
{
	f->nkeys = p->st ? proc_step_field_ids(p->v.def, p->st, false, f->keys, STEP_FIELDS_MAX)
			 : 0;
}

int page_case_step_form(struct req *r)
{
	struct step_page p;
	struct step_form f = { .reason = "", .corrects = "", .ckey = "", .cvalue = "" };
	if (!load(r, &p))
		return r->resp.status;
	f.on = r->ctx.today;
	form_keys(&p, &f);
	for (size_t i = 0; i < f.nkeys; i++)
		if (strcmp(f.keys[i], "served_on") == 0)
			f.values[i] = r->ctx.today; /* served the day it is recorded, usually */
		else if (strcmp(f.keys[i], PROC_ANSWERS_FIELD) == 0)
			f.values[i] = req_query(r, PROC_ANSWERS_FIELD); /* the act's 答复 link */
	if (needs_officers(p.st) && r->ctx.user && r->ctx.user->person_id) {
		f.officers = &r->ctx.user->person_id;
		f.nofficers = 1;
	}
	return render(r, 200, &p, &f, FZ_OK, NULL, NULL);
}

/* The form's own controls: every other posted name is an event field. */
static const char *const controls[] = { "csrf", "on", "reason", "officers", "corrects",
					"field", "value", NULL };

int page_case_step(struct req *r)
{
	struct step_page p;
	struct step_form f = { 0 };
	struct case_field fields[STEP_FIELDS_MAX];
	struct case_check check = { 0 };
	struct fz_error e = { 0 };
	enum fz_err rc = FZ_OK;
	int64_t corrects = 0;

	if (!load(r, &p))
		return r->resp.status;
	f.on = kit_form(r, "on");
	f.reason = kit_form(r, "reason");
	f.corrects = kit_form(r, "corrects");
	f.ckey = kit_form(r, "field");
	f.cvalue = kit_form(r, "value");
	form_keys(&p, &f);
	struct case_form_fields shown = { f.keys, f.values, f.nkeys };
	size_t nfields = case_form_read(r, p.v.def, p.st, &shown, controls, fields,
					STEP_FIELDS_MAX - 1);
	if (p.correction && *f.ckey && nfields < STEP_FIELDS_MAX)
		fields[nfields++] = (struct case_field){ f.ckey, f.cvalue };
	if (!case_form_ids(r, "officers", &f.officers, &f.nofficers))
		rc = fz_fail(&e, FZ_INVALID, "officers", "参与人员选择有误");
	else if (p.correction && !kit_form_id(r, "corrects", &corrects))
		rc = fz_fail(&e, FZ_INVALID, "corrects", "请选择要更正的记录");
	if (!rc) {
		struct case_step_input in = {
			.step = p.st ? p.st->id : PROC_CORRECTION,
			.on = f.on,
			.fields = fields,
			.nfields = nfields,
			.officers = f.officers,
			.nofficers = f.nofficers,
			.reason = f.reason,
			.corrects = corrects,
		};
		rc = app_case_act(&r->ctx, p.v.c.id, &in, NULL, &check, &e);
	}
	if (rc == FZ_OK) {
		char *loc = arena_printf(r->a, "/cases/%lld?msg=step_done#record",
					 (long long)p.v.c.id);
		return loc ? resp_redirect(r, loc) : http_fail_fz(r, FZ_NOMEM, NULL);
	}
	if (check.n || rc == FZ_INVALID || rc == FZ_CONFLICT)
		return render(r, fz_err_http_status(rc), &p, &f, rc, &e, &check);
	return http_fail_fz(r, rc, &e);
}
