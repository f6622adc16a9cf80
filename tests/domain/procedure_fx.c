/* procedure_fx.c - the shipped procedure set and the case walk of the
 * domain tests; see procedure_fx.h. */
#include "procedure_fx.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "calendar_fx.h"
#include "t.h"

const int64_t WALK_TWO[] = { 1, 2, 0 };
const int64_t WALK_ONE[] = { 1, 0 };
const int64_t WALK_REVIEWER[] = { 9, 0 };
const int64_t WALK_HOSTS[] = { 3, 0 };

const struct proc_set *procedure_fx_set(void)
{
	static struct proc_set set;
	static struct arena *a;
	if (a)
		return &set;
	struct fz_error e = { 0 };
	a = arena_new();
	if (!a || proc_set_load_builtin(&set, a, &e) != FZ_OK) {
		t_fail(__FILE__, __LINE__, "the shipped procedures do not load: %s", e.message);
		arena_free(a);
		a = NULL;
		return NULL;
	}
	return &set;
}

void walk_init(struct walk *w, const char *procedure, enum party_kind party,
	       const char *act_date)
{
	memset(w, 0, sizeof *w);
	w->a = arena_new();
	const struct proc_set *set = procedure_fx_set();
	if (!w->a || !set)
		abort();
	w->def = proc_set_find(set, procedure);
	if (!w->def)
		abort();
	w->cfg = set->config;
	w->kase.id = 1;
	w->kase.procedure = (char *)procedure;
	w->kase.kind = w->def->kind;
	w->kase.domain = "市场监管";
	w->kase.party_kind = party;
	w->kase.party_name = party == PARTY_CITIZEN ? "王某" : "某某商贸有限公司";
	snprintf(w->kase.act_date, sizeof w->kase.act_date, "%s", act_date);
	walk_person(w, 1, "张明", PERSON_OFFICER, CERT_VALID, true);
	walk_person(w, 2, "李华", PERSON_OFFICER, CERT_VALID, true);
	walk_person(w, 3, "赵强", PERSON_OFFICER, CERT_VALID, true);
	walk_person(w, 4, "钱芳", PERSON_OFFICER, CERT_VALID, true);
	walk_person(w, 5, "孙丽", PERSON_ASSISTANT, 0, false);
	walk_person(w, 7, "周局长", PERSON_OFFICER, CERT_VALID, true);
	walk_person(w, 9, "吴审核", PERSON_OFFICER, 0, false);
}

void walk_release(struct walk *w)
{
	arena_free(w->a);
	w->a = NULL;
}

void walk_person(struct walk *w, int64_t id, const char *name, enum person_kind kind,
		 enum cert_status cert, bool covers)
{
	size_t i = 0;
	while (i < w->npeople && w->people[i].id != id)
		i++;
	if (i == WALK_MAX_PEOPLE)
		abort();
	w->people[i] = (struct proc_person){ id, name, kind, cert, covers };
	if (i == w->npeople)
		w->npeople++;
}

/* Builds the proposed event in w->a and checks it. */
static enum fz_err walk_check(struct walk *w, unsigned roles, int64_t actor, const char *step,
			      const char *day, const int64_t *officers, va_list ap,
			      struct case_event *ev)
{
	memset(ev, 0, sizeof *ev);
	ev->id = (int64_t)w->nevents + 1;
	ev->case_id = 1;
	ev->seq = (int)w->nevents + 1;
	ev->step = step;
	snprintf(ev->on, sizeof ev->on, "%s", day);
	ev->actor_id = actor;
	ev->reason = "";
	struct case_field *fields = arena_calloc(w->a, 32, sizeof *fields);
	size_t n = 0;
	for (const char *kv; (kv = va_arg(ap, const char *));) {
		const char *eq = strchr(kv, '=');
		if (!eq || n == 32)
			abort();
		/* copied: callers may pass text in their own buffers */
		char *key = arena_strndup(w->a, kv, (size_t)(eq - kv));
		char *value = arena_strdup(w->a, eq + 1);
		if (strcmp(key, "@reason") == 0)
			ev->reason = value;
		else if (strcmp(key, "@corrects") == 0)
			ev->corrects = strtoll(value, NULL, 10);
		else
			fields[n++] = (struct case_field){ key, value };
	}
	ev->fields = fields;
	ev->nfields = n;
	size_t no = 0;
	while (officers && officers[no])
		no++;
	int64_t *copy = arena_calloc(w->a, no + 1, sizeof *copy);
	if (!copy)
		abort();
	if (no)
		memcpy(copy, officers, no * sizeof *copy);
	ev->officers = copy;
	ev->nofficers = no;

	walk_ctx(w, roles, actor, w->today[0] ? w->today : ev->on);
	w->ctx.proposed = ev;
	memset(&w->err, 0, sizeof w->err);
	return procedure_check(&w->ctx, w->results, GATE_RESULTS_MAX, &w->nresults, &w->err);
}

void walk_ctx(struct walk *w, unsigned roles, int64_t actor, const char *today)
{
	struct proc_ctx *c = &w->ctx;
	memset(c, 0, sizeof *c);
	c->def = w->def;
	c->cfg = &w->cfg;
	c->cal = calendar_fx_cn();
	c->kase = &w->kase;
	c->events = w->events;
	c->nevents = w->nevents;
	c->people = w->people;
	c->npeople = w->npeople;
	c->actor_roles = roles;
	c->actor_person = actor;
	c->today = today;
	c->scratch = w->a;
	/* the case file holds what the steps produced, as if every document
	 * had been generated, unless a test says what it holds */
	if (!w->filed_set &&
	    catalogue_produced(w->def, w->events, w->nevents, w->a, &w->filed, &w->nfiled, NULL))
		abort();
	c->filed = w->filed;
	c->nfiled = w->nfiled;
}

enum fz_err walk_take(struct walk *w, unsigned roles, int64_t actor, const char *step,
		      const char *day, const int64_t *officers, ...)
{
	struct case_event ev;
	va_list ap;
	va_start(ap, officers);
	enum fz_err rc = walk_check(w, roles, actor, step, day, officers, ap, &ev);
	va_end(ap);
	if (rc == FZ_OK) {
		if (w->nevents == WALK_MAX_EVENTS)
			abort();
		w->events[w->nevents++] = ev;
		const struct proc_step *s = proc_step_find(w->def, step);
		if (s && (s->flags & PROC_OPENS))
			snprintf(w->kase.opened_on, sizeof w->kase.opened_on, "%s", day);
	}
	return rc;
}

enum fz_err walk_try(struct walk *w, unsigned roles, int64_t actor, const char *step,
		     const char *day, const int64_t *officers, ...)
{
	struct case_event ev;
	va_list ap;
	va_start(ap, officers);
	enum fz_err rc = walk_check(w, roles, actor, step, day, officers, ap, &ev);
	va_end(ap);
	return rc;
}

const struct gate_result *walk_gate(const struct walk *w, const char *name)
{
	for (size_t i = 0; i < w->nresults; i++)
		if (strcmp(w->results[i].gate, name) == 0)
			return &w->results[i];
	return NULL;
}

const char *walk_why(const struct walk *w)
{
	return w->err.message;
}

void walk_penalty_noticed(struct walk *w, enum party_kind party, const char *penalty,
			  const char *amount, ...)
{
	const char *extra[4] = { NULL, NULL, NULL, NULL };
	va_list ap;
	va_start(ap, amount);
	for (size_t i = 0; i < 3; i++)
		if (!(extra[i] = va_arg(ap, const char *)))
			break;
	va_end(ap);
	walk_init(w, "penalty_general", party, "2025-12-01");
	char p[80], a[40];
	snprintf(p, sizeof p, "penalty=%s", penalty);
	snprintf(a, sizeof a, "amount=%s", amount ? amount : "");
	if (walk_take(w, ROLE_OFFICER, 1, "open", "2026-01-05", WALK_TWO, "facts=f", "source=s",
		      extra[0], extra[1], extra[2], NULL) ||
	    walk_take(w, ROLE_HEAD, 5, "approve_opening", "2026-01-05", NULL, NULL) ||
	    walk_take(w, ROLE_OFFICER, 1, "investigate", "2026-01-08", WALK_TWO, "record=r",
		      NULL) ||
	    walk_take(w, ROLE_OFFICER, 1, "advance_notice", "2026-01-12", NULL, "facts=f",
		      "grounds=g", "basis=b", p, a, "served_on=2026-01-12", "hearing_offered=1",
		      NULL))
		t_fail(__FILE__, __LINE__, "walk_penalty_noticed: %s", walk_why(w));
}

const struct case_clock *walk_clock(struct walk *w, const char *id, const char *today)
{
	static struct case_clock c;
	struct fz_error e = { 0 };
	const struct proc_clock *pc = proc_clock_find(w->def, id);
	if (!pc || case_clock_compute(w->def, &w->cfg, calendar_fx_cn(), w->events, w->nevents, pc,
				      today, w->a, &c, &e) != FZ_OK)
		return NULL;
	return &c;
}
