/* jsonout_case.c - JSON views of cases, events, gate results, next steps,
 * clocks and procedure definitions; see jsonout_case.h. Built member by
 * member (json_object_set_new), so that a NULL from any part makes the
 * whole view NULL and the answer a clean 500. */
#include "http/jsonout_case.h"

#include <string.h>

#include "base/mask.h"
#include "base/utf8.h"
#include "domain/outcome.h"
#include "http/jsonout.h"
#include "http/jsonout_org.h"
#include "http/jsonw.h"

json_t *json_text(const char *s)
{
	if (!s)
		return json_null();
	size_t len = strlen(s);
	/* At most three bytes of a cut character can dangle at the end. */
	for (int k = 0; k < 4 && len > 0 && !utf8_valid(s, len); k++)
		len--;
	return json_stringn(s, utf8_valid(s, len) ? len : 0);
}

json_t *json_put(json_t *obj, const char *key, json_t *v)
{
	if (!obj) {
		json_decref(v);
		return NULL;
	}
	if (!v || json_object_set_new(obj, key, v) != 0) {
		json_decref(obj);
		return NULL;
	}
	return obj;
}

static json_t *date_or_null(const char *d)
{
	return d && *d ? json_string(d) : json_null();
}

static json_t *id_or_null(int64_t id)
{
	return id ? json_integer(id) : json_null();
}

static json_t *id_list(const struct proc_list *l)
{
	json_t *arr = json_array();
	for (size_t i = 0; arr && i < l->n; i++)
		arr = json_array_push(arr, json_string(l->items[i].id));
	return arr;
}

static const char *step_label(const struct proc_def *def, const char *step)
{
	if (!step || !*step)
		return NULL;
	if (strcmp(step, PROC_CORRECTION) == 0)
		return "更正";
	const struct proc_step *s = def ? proc_step_find(def, step) : NULL;
	return s ? s->label : NULL;
}

/* The party's id as shown: a citizen's masked unless personal; NULL when
 * there is none. masked holds the masked copy. */
static const char *party_id_shown(const struct enf_case *c, bool personal,
				  char masked[MASK_MAX])
{
	const char *id = c->party_id && *c->party_id ? c->party_id : NULL;
	if (id && c->party_kind == PARTY_CITIZEN && !personal) {
		mask_resident_id(id, masked);
		id = masked;
	}
	return id;
}

static json_t *json_party(const struct enf_case *c, bool personal)
{
	char masked[MASK_MAX];
	const char *id = party_id_shown(c, personal, masked);
	json_t *o = json_object();
	o = json_put(o, "kind", json_string(c->party_kind == PARTY_CITIZEN ? "citizen"
								       : "organisation"));
	o = json_put(o, "name", json_text(c->party_name ? c->party_name : ""));
	o = json_put(o, "id", json_text(id));
	o = json_put(o, "address", json_text(c->party_address && *c->party_address
						? c->party_address : NULL));
	return o;
}

json_t *json_case(const struct enf_case *c, const struct proc_def *def, bool personal)
{
	json_t *o = json_object();
	o = json_put(o, "id", json_integer(c->id));
	o = json_put(o, "number", json_text(c->number));
	o = json_put(o, "agency_id", json_integer(c->agency_id));
	o = json_put(o, "agency_name", json_text(c->agency_name));
	o = json_put(o, "procedure", json_text(c->procedure));
	o = json_put(o, "procedure_label", json_text(def ? def->label : NULL));
	o = json_put(o, "kind", json_text(proc_kind_name(c->kind)));
	o = json_put(o, "domain", json_text(c->domain));
	o = json_put(o, "matter", json_text(c->matter && *c->matter ? c->matter : NULL));
	o = json_put(o, "title", json_text(c->title));
	/* a matter (normative document) has no party: null */
	o = json_put(o, "party", c->party_kind == PARTY_NONE ? json_null()
							     : json_party(c, personal));
	o = json_put(o, "act_date", date_or_null(c->act_date));
	o = json_put(o, "opened_on", date_or_null(c->opened_on));
	o = json_put(o, "state", json_text(c->state && *c->state ? c->state : NULL));
	o = json_put(o, "state_label", json_text(step_label(def, c->state)));
	o = json_put(o, "closed", json_boolean(c->closed));
	o = json_put(o, "created_by", id_or_null(c->created_by));
	o = json_put(o, "created_at", json_integer(c->created_at));
	o = json_put(o, "updated_at", json_integer(c->updated_at));
	return o;
}

void json_case_members(struct jw *w, const struct enf_case *c, const struct proc_def *def,
		       bool personal)
{
	jw_int(w, "id", c->id);
	jw_text(w, "number", c->number);
	jw_int(w, "agency_id", c->agency_id);
	jw_text(w, "agency_name", c->agency_name);
	jw_text(w, "procedure", c->procedure);
	jw_text(w, "procedure_label", def ? def->label : NULL);
	jw_text(w, "kind", proc_kind_name(c->kind));
	jw_text(w, "domain", c->domain);
	jw_text(w, "matter", c->matter && *c->matter ? c->matter : NULL);
	jw_text(w, "title", c->title);
	if (c->party_kind == PARTY_NONE) {
		jw_null(w, "party");
	} else {
		char masked[MASK_MAX];
		struct jw p;
		jw_object_in(w, "party", &p);
		jw_str(&p, "kind", c->party_kind == PARTY_CITIZEN ? "citizen" : "organisation");
		jw_text(&p, "name", c->party_name ? c->party_name : "");
		jw_text(&p, "id", party_id_shown(c, personal, masked));
		jw_text(&p, "address",
			c->party_address && *c->party_address ? c->party_address : NULL);
		jw_end(&p);
	}
	jw_str(w, "act_date", *c->act_date ? c->act_date : NULL);
	jw_str(w, "opened_on", *c->opened_on ? c->opened_on : NULL);
	jw_text(w, "state", c->state && *c->state ? c->state : NULL);
	jw_text(w, "state_label", step_label(def, c->state));
	jw_bool(w, "closed", c->closed);
	if (c->created_by)
		jw_int(w, "created_by", c->created_by);
	else
		jw_null(w, "created_by");
	jw_int(w, "created_at", c->created_at);
	jw_int(w, "updated_at", c->updated_at);
}

json_t *json_case_event(const struct case_event *ev, const struct proc_def *def)
{
	json_t *fields = json_object();
	for (size_t i = 0; fields && i < ev->nfields; i++)
		fields = json_put(fields, ev->fields[i].key, json_text(ev->fields[i].value));
	json_t *officers = json_array();
	for (size_t i = 0; officers && i < ev->nofficers; i++)
		officers = json_array_push(officers, json_integer(ev->officers[i]));
	json_t *o = json_object();
	o = json_put(o, "id", json_integer(ev->id));
	o = json_put(o, "case_id", json_integer(ev->case_id));
	o = json_put(o, "seq", json_integer(ev->seq));
	o = json_put(o, "step", json_text(ev->step));
	o = json_put(o, "step_label", json_text(step_label(def, ev->step)));
	o = json_put(o, "on", json_string(ev->on));
	o = json_put(o, "at", json_integer(ev->at));
	o = json_put(o, "actor_id", id_or_null(ev->actor_id));
	o = json_put(o, "actor", json_text(ev->actor));
	o = json_put(o, "corrects", id_or_null(ev->corrects));
	o = json_put(o, "reason", json_text(ev->reason && *ev->reason ? ev->reason : NULL));
	o = json_put(o, "fields", fields);
	o = json_put(o, "officers", officers);
	return o;
}

json_t *json_case_event_in(const struct case_event *events, size_t n, size_t i,
			   const struct proc_def *def, int late_days)
{
	json_t *o = json_case_event(&events[i], def);
	long v = def ? outcome_voided_by(def, events, n, i) : -1;
	o = json_put(o, "late_entry", json_boolean(outcome_event_late(&events[i], late_days)));
	return json_put(o, "voided_by", v >= 0 ? json_integer(events[v].seq) : json_null());
}

/* Whether fields[0..i) has fields[i]'s key. */
static bool key_before(const struct case_field *fields, size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (strcmp(fields[j].key, fields[i].key) == 0)
			return true;
	return false;
}

void json_case_event_members(struct jw *w, const struct case_event *events, size_t n,
			     size_t i, const struct proc_def *def, int late_days)
{
	const struct case_event *ev = &events[i];
	jw_int(w, "id", ev->id);
	jw_int(w, "case_id", ev->case_id);
	jw_int(w, "seq", ev->seq);
	jw_text(w, "step", ev->step);
	jw_text(w, "step_label", step_label(def, ev->step));
	jw_str(w, "on", ev->on);
	jw_int(w, "at", ev->at);
	if (ev->actor_id)
		jw_int(w, "actor_id", ev->actor_id);
	else
		jw_null(w, "actor_id");
	jw_text(w, "actor", ev->actor);
	if (ev->corrects)
		jw_int(w, "corrects", ev->corrects);
	else
		jw_null(w, "corrects");
	jw_text(w, "reason", ev->reason && *ev->reason ? ev->reason : NULL);
	/* a key given twice is one member, where it came first, with the
	 * value given last (json_object_set_new replaces in place) */
	struct jw fields, officers;
	jw_object_in(w, "fields", &fields);
	for (size_t k = 0; k < ev->nfields; k++) {
		if (key_before(ev->fields, k))
			continue;
		size_t last = k;
		for (size_t j = k + 1; j < ev->nfields; j++)
			if (strcmp(ev->fields[j].key, ev->fields[k].key) == 0)
				last = j;
		jw_text_keyed(&fields, ev->fields[k].key, ev->fields[last].value);
	}
	jw_end(&fields);
	jw_array_in(w, "officers", &officers);
	for (size_t k = 0; k < ev->nofficers; k++)
		jw_item_int(&officers, ev->officers[k]);
	jw_array_end(&officers);
	long v = def ? outcome_voided_by(def, events, n, i) : -1;
	jw_bool(w, "late_entry", outcome_event_late(ev, late_days));
	if (v >= 0)
		jw_int(w, "voided_by", events[v].seq);
	else
		jw_null(w, "voided_by");
}

void json_gate_results_member(struct jw *w, const char *key, const struct gate_result *res,
			      size_t n)
{
	struct jw items;
	jw_array_in(w, key, &items);
	for (size_t i = 0; i < n; i++) {
		struct jw g;
		jw_item_object(&items, &g);
		jw_text(&g, "gate", res[i].gate);
		jw_text(&g, "label", res[i].label);
		jw_bool(&g, "passed", res[i].passed);
		jw_text(&g, "message", res[i].message);
		jw_end(&g);
	}
	jw_array_end(&items);
}

json_t *json_gate_results(const struct gate_result *res, size_t n)
{
	json_t *arr = json_array();
	for (size_t i = 0; arr && i < n; i++) {
		json_t *g = json_object();
		g = json_put(g, "gate", json_text(res[i].gate));
		g = json_put(g, "label", json_text(res[i].label));
		g = json_put(g, "passed", json_boolean(res[i].passed));
		g = json_put(g, "message", json_text(res[i].message));
		arr = json_array_push(arr, g);
	}
	return arr;
}

json_t *json_proc_option(const struct proc_option *opt)
{
	json_t *o = json_object();
	o = json_put(o, "step", json_text(opt->step->id));
	o = json_put(o, "label", json_text(opt->step->label));
	o = json_put(o, "roles", json_roles(opt->step->roles));
	o = json_put(o, "available", json_boolean(opt->available));
	o = json_put(o, "gate", json_text(opt->available ? NULL : opt->gate));
	o = json_put(o, "reason", json_text(opt->available ? NULL : opt->reason));
	return o;
}

static const char *unit_name(enum clock_unit u)
{
	switch (u) {
	case CLOCK_WORKING_DAYS: return "working_days";
	case CLOCK_DAYS: return "days";
	case CLOCK_MONTHS: return "months";
	}
	return "days";
}

static json_t *json_period(struct proc_period p)
{
	if (p.amount <= 0)
		return json_null();
	json_t *o = json_object();
	o = json_put(o, "amount", json_integer(p.amount));
	o = json_put(o, "unit", json_string(unit_name(p.unit)));
	o = json_put(o, "unit_label", json_string(clock_unit_label(p.unit)));
	return o;
}

static const char *clock_state_name(enum case_clock_state s)
{
	switch (s) {
	case CASE_CLOCK_NOT_STARTED: return "not_started";
	case CASE_CLOCK_RUNNING: return "running";
	case CASE_CLOCK_SUSPENDED: return "suspended";
	case CASE_CLOCK_STOPPED: return "stopped";
	case CASE_CLOCK_NOT_APPLICABLE: return "not_applicable";
	case CASE_CLOCK_ENDED: return "ended";
	}
	return "not_started";
}

/* The explanation as lines, without the trailing newline of each. */
static json_t *explanation(const struct case_clock *c)
{
	struct buf b = BUF_INIT;
	case_clock_explain(c, &b);
	if (buf_failed(&b)) {
		buf_release(&b);
		return NULL;
	}
	json_t *arr = json_array();
	const char *p = buf_cstr(&b);
	while (arr && p && *p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		arr = json_array_push(arr, json_stringn(p, len));
		p = nl ? nl + 1 : NULL;
	}
	buf_release(&b);
	return arr;
}

static json_t *clock_ledger(const struct case_clock *c, json_t **susp, json_t **holidays)
{
	json_t *ext = json_array();
	*susp = json_array();
	*holidays = json_array();
	const struct clock_input *in = &c->input;
	for (size_t i = 0; ext && i < in->nextensions; i++) {
		json_t *x = json_object();
		x = json_put(x, "amount", json_integer(in->extensions[i].amount));
		x = json_put(x, "reason", json_text(in->extensions[i].reason));
		ext = json_array_push(ext, x);
	}
	for (size_t i = 0; *susp && i < in->nsuspensions; i++) {
		json_t *x = json_object();
		x = json_put(x, "from", json_string(in->suspensions[i].from));
		x = json_put(x, "to", json_string(in->suspensions[i].to));
		x = json_put(x, "reason", json_text(in->suspensions[i].reason));
		*susp = json_array_push(*susp, x);
	}
	for (size_t i = 0; c->started_by && *holidays && i < c->deadline.nsteps; i++) {
		const struct clock_step *s = &c->deadline.steps[i];
		if (s->kind != CLOCK_STEP_HOLIDAY_SKIPPED)
			continue;
		json_t *x = json_object();
		x = json_put(x, "from", json_string(s->from));
		x = json_put(x, "to", json_string(s->to[0] ? s->to : s->from));
		x = json_put(x, "days", json_integer(s->count));
		x = json_put(x, "name", json_text(s->text));
		x = json_put(x, "provisional", json_boolean(s->provisional));
		*holidays = json_array_push(*holidays, x);
	}
	return ext;
}

json_t *json_case_clock(const struct case_clock *c)
{
	bool started = c->started_by != NULL;
	json_t *susp = NULL, *holidays = NULL;
	json_t *ext = clock_ledger(c, &susp, &holidays);
	json_t *o = json_object();
	o = json_put(o, "clock", json_text(c->clock->id));
	o = json_put(o, "label", json_text(c->clock->label));
	o = json_put(o, "basis", json_text(c->basis));
	o = json_put(o, "state", json_string(clock_state_name(c->state)));
	o = json_put(o, "state_label", json_text(case_clock_state_label(c->state)));
	o = json_put(o, "start", started ? json_string(c->input.start) : json_null());
	o = json_put(o, "budget", json_period(c->budget));
	o = json_put(o, "total", started ? json_integer(c->deadline.total) : json_null());
	o = json_put(o, "extensions", ext);
	o = json_put(o, "suspensions", susp);
	o = json_put(o, "holidays_skipped", holidays);
	o = json_put(o, "due", started ? json_string(c->deadline.due) : json_null());
	o = json_put(o, "provisional", json_boolean(started && c->deadline.provisional));
	o = json_put(o, "party_period", json_boolean(c->party_period));
	o = json_put(o, "overdue", json_boolean(c->overdue));
	o = json_put(o, "elapsed", json_boolean(c->elapsed));
	o = json_put(o, "ended_because", c->end == CASE_CLOCK_END_WAIVED    ? json_string("waived")
					 : c->end == CASE_CLOCK_END_DECIDED ? json_string("decided")
									    : json_null());
	o = json_put(o, "ended_because_label",
		     c->end ? json_text(case_clock_end_label(c->end)) : json_null());
	o = json_put(o, "ended_by", id_or_null(c->ended_by ? c->ended_by->id : 0));
	o = json_put(o, "open_suspension", json_boolean(c->open_suspension));
	o = json_put(o, "started_by", id_or_null(started ? c->started_by->id : 0));
	o = json_put(o, "stopped_by", id_or_null(c->stopped_by ? c->stopped_by->id : 0));
	o = json_put(o, "explanation", explanation(c));
	return o;
}

static json_t *json_proc_clock(const struct proc_clock *c, const struct proc_config *cfg)
{
	struct proc_period budget = c->budget, ext = c->extension;
	if (cfg)
		(void)proc_clock_budget(c, cfg, &budget);
	if (cfg && c->extension_config)
		(void)proc_config_period(cfg, c->extension_config, &ext);
	json_t *o = json_object();
	o = json_put(o, "id", json_text(c->id));
	o = json_put(o, "label", json_text(c->label));
	o = json_put(o, "basis", json_text(c->basis));
	o = json_put(o, "budget", json_period(budget));
	o = json_put(o, "budget_config", json_text(c->budget_config));
	o = json_put(o, "extension", json_period(ext));
	o = json_put(o, "max_extensions", json_integer(ext.amount > 0 ? c->max_extensions : 0));
	o = json_put(o, "from_field", json_text(c->from_field));
	o = json_put(o, "only_when", json_text(c->only_when));
	o = json_put(o, "after", json_text(c->after));
	return o;
}

json_t *json_proc_field(const struct proc_field *f, const struct proc_step *s, bool required)
{
	json_t *opts = f->type == PROC_FIELD_CHOICE ? json_array() : json_null();
	for (size_t i = 0; f->type == PROC_FIELD_CHOICE && opts && i < f->nchoices; i++) {
		if (!proc_choice_allowed(s, f, f->choices[i].value))
			continue;
		json_t *x = json_object();
		x = json_put(x, "value", json_text(f->choices[i].value));
		x = json_put(x, "label", json_text(f->choices[i].label));
		opts = json_array_push(opts, x);
	}
	json_t *o = json_object();
	o = json_put(o, "id", json_text(f->id));
	o = json_put(o, "type", json_string(proc_field_type_name(f->type)));
	o = json_put(o, "label", json_text(f->label));
	o = json_put(o, "hint", json_text(f->hint));
	o = json_put(o, "required", json_boolean(required));
	o = json_put(o, "case_wide", json_boolean(f->case_wide));
	o = json_put(o, "future", json_boolean(f->future));
	o = json_put(o, "options", opts);
	return o;
}

/* The fields step s accepts: required ones, then optional ones. */
static json_t *step_fields(const struct proc_def *d, const struct proc_step *s)
{
	const char *ids[PROC_STEP_FIELDS_MAX];
	size_t n = proc_step_field_ids(d, s, false, ids, PROC_STEP_FIELDS_MAX);
	json_t *a = json_array();
	for (size_t i = 0; a && i < n; i++) {
		const struct proc_field *f = proc_field_of(d, s, ids[i]);
		if (f)
			a = json_array_push(a, json_proc_field(f, s, proc_list_has(&s->fields, ids[i])));
	}
	return a;
}

static json_t *json_proc_step(const struct proc_def *d, const struct proc_step *s)
{
	json_t *gates = json_array();
	for (size_t i = 0; gates && i < s->ngates; i++) {
		const struct gate_def *g = gate_def_find(s->gates[i].name);
		json_t *x = json_object();
		x = json_put(x, "gate", json_text(s->gates[i].name));
		x = json_put(x, "label", json_text(g ? g->label : NULL));
		x = json_put(x, "arg", json_text(s->gates[i].arg));
		gates = json_array_push(gates, x);
	}
	static const struct {
		const char *name;
		unsigned flag;
	} flags[] = {
		{ "opens", PROC_OPENS },         { "closes", PROC_CLOSES },
		{ "repeatable", PROC_REPEATABLE }, { "publishes", PROC_PUBLISHES },
		{ "handles", PROC_HANDLES },     { "notifies", PROC_NOTIFIES },
		{ "decides", PROC_DECIDES },     { "awaits", PROC_AWAITS },
		{ "withdraws", PROC_WITHDRAWS },
	};
	json_t *o = json_object();
	o = json_put(o, "id", json_text(s->id));
	o = json_put(o, "label", json_text(s->label));
	o = json_put(o, "roles", json_roles(s->roles));
	o = json_put(o, "requires", id_list(&s->requires));
	o = json_put(o, "requires_any", id_list(&s->requires_any));
	o = json_put(o, "gates", gates);
	o = json_put(o, "fields", step_fields(d, s));
	o = json_put(o, "min_officers", json_integer(s->min_officers));
	o = json_put(o, "starts", id_list(&s->starts));
	o = json_put(o, "stops", id_list(&s->stops));
	o = json_put(o, "suspends", id_list(&s->suspends));
	o = json_put(o, "resumes", id_list(&s->resumes));
	o = json_put(o, "extends", id_list(&s->extends));
	o = json_put(o, "produces", id_list(&s->produces));
	o = json_put(o, "mandatory", id_list(&s->mandatory));
	for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
		o = json_put(o, flags[i].name, json_boolean(s->flags & flags[i].flag));
	return o;
}

json_t *json_proc_def(const struct proc_def *d, const struct proc_config *cfg)
{
	json_t *docs = json_array(), *clocks = json_array(), *steps = json_array();
	for (size_t i = 0; docs && i < d->ndocs; i++) {
		json_t *x = json_object();
		x = json_put(x, "id", json_text(d->docs[i].id));
		x = json_put(x, "label", json_text(d->docs[i].label));
		docs = json_array_push(docs, x);
	}
	for (size_t i = 0; clocks && i < d->nclocks; i++)
		clocks = json_array_push(clocks, json_proc_clock(&d->clocks[i], cfg));
	for (size_t i = 0; steps && i < d->nsteps; i++)
		steps = json_array_push(steps, json_proc_step(d, &d->steps[i]));
	json_t *wide = json_array();
	for (size_t i = 0; wide && i < d->case_fields.n; i++) {
		const struct proc_field *f = proc_field_of(d, NULL, d->case_fields.items[i].id);
		if (f)
			wide = json_array_push(wide, json_proc_field(f, NULL, false));
	}
	json_t *o = json_object();
	o = json_put(o, "id", json_text(d->id));
	o = json_put(o, "label", json_text(d->label));
	o = json_put(o, "kind", json_text(proc_kind_name(d->kind)));
	o = json_put(o, "file", json_text(d->filename));
	o = json_put(o, "correction_roles", json_roles(d->correction_roles));
	o = json_put(o, "documents", docs);
	o = json_put(o, "clocks", clocks);
	o = json_put(o, "case_fields", wide);
	o = json_put(o, "steps", steps);
	return o;
}
