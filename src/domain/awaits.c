/* awaits.c - see awaits.h. The deciding step is the pivot: a queue shows
 * a case when its decision (or the main step of the procedure) can be
 * taken, or when the role's optional step is what the decision still
 * lacks - not merely because a repeatable step could be taken again. */
#include "domain/awaits.h"

#include <string.h>

static const struct proc_step *step_of(const struct proc_def *def, const struct case_event *ev)
{
	return ev->step ? proc_step_find(def, ev->step) : NULL;
}

static const struct proc_option *option_of(const struct proc_option *opts, size_t nopts,
					   const char *id)
{
	for (size_t i = 0; i < nopts; i++)
		if (strcmp(opts[i].step->id, id) == 0)
			return &opts[i];
	return NULL;
}

#define NEEDS_ID_MAX 64

/* The next step a gate's needs name ("step:ID", space-separated) from *p
 * on, copied into id; false at the end (or when *p is NULL). */
static bool needs_next_step(const char **p, char id[NEEDS_ID_MAX])
{
	while (*p && **p) {
		const char *w = *p;
		size_t len = strcspn(w, " ");
		*p = w + len + strspn(w + len, " ");
		if (len > 5 && len - 5 < NEEDS_ID_MAX && strncmp(w, "step:", 5) == 0) {
			memcpy(id, w + 5, len - 5);
			id[len - 5] = '\0';
			return true;
		}
	}
	return false;
}

/* A repeatable step is due until it is taken, and again after a later
 * event of a step it requires or of a step that handles the case. */
static bool due(const struct proc_def *def, const struct case_event *events, size_t n,
		const struct proc_step *s)
{
	long own = -1;
	if (!(s->flags & PROC_REPEATABLE))
		return true;
	for (size_t i = 0; i < n; i++)
		if (events[i].step && strcmp(events[i].step, s->id) == 0)
			own = (long)i;
	if (own < 0)
		return true;
	for (size_t i = (size_t)own + 1; i < n; i++) {
		const struct proc_step *t = step_of(def, &events[i]);
		if (t && (proc_list_has(&s->requires, t->id) || proc_list_has(&s->requires_any, t->id) ||
			  (t->flags & PROC_HANDLES)))
			return true;
	}
	return false;
}

static bool optional(const struct proc_def *def, const struct proc_step *s)
{
	/* A decision taken again after a revocation is repeatable, yet it is
	 * what the case waits for, not an optional step. */
	if (s->flags & (PROC_DECIDES | PROC_CLOSES))
		return false;
	return (s->flags & PROC_REPEATABLE) ||
	       (proc_step_concludes(def, s) && !(s->flags & (PROC_DECIDES | PROC_CLOSES)));
}

static bool follows_conclusion(const struct proc_def *def, const struct proc_step *s)
{
	const struct proc_list *lists[] = { &s->requires, &s->requires_any };
	for (size_t l = 0; l < 2; l++)
		for (size_t i = 0; i < lists[l]->n; i++) {
			const struct proc_step *r = proc_step_find(def, lists[l]->items[i].id);
			if (r && proc_step_concludes(def, r))
				return true;
		}
	return false;
}

/* What a blocked deciding step waits for: the first step its first
 * blocking gate names ("step:ID" in the gate's needs) that can be taken
 * now and is due; NULL when it waits for time, the party or nothing. A
 * matter (`subject matter`: a normative document) decides nothing in the
 * penalty sense: there its steps flagged awaits are the pivots (the
 * deliberation waits for the legality review of the current draft). */
static const struct proc_step *decision_waits_for(const struct proc_def *def,
						  const struct case_event *events, size_t n,
						  const struct proc_option *opts, size_t nopts)
{
	for (size_t i = 0; i < nopts; i++) {
		const struct proc_option *o = &opts[i];
		unsigned pivot = def->matter ? PROC_DECIDES | PROC_AWAITS : PROC_DECIDES;
		if (!(o->step->flags & pivot) || o->available || !o->gate)
			continue;
		/* a matter's pivot still lacking a required step waits for it */
		for (size_t k = 0; def->matter && !strcmp(o->gate, "requires_steps") &&
				   k < o->step->requires.n;
		     k++) {
			const struct proc_option *x = option_of(opts, nopts,
								o->step->requires.items[k].id);
			if (x && x->available && due(def, events, n, x->step))
				return x->step;
		}
		const struct gate_def *g = gate_def_find(o->gate);
		const char *p = g ? g->needs : NULL;
		char id[NEEDS_ID_MAX];
		while (needs_next_step(&p, id)) {
			const struct proc_option *x = option_of(opts, nopts, id);
			if (x && x->available && due(def, events, n, x->step))
				return x->step;
		}
	}
	return NULL;
}

const struct proc_step *case_awaits(const struct proc_def *def, const struct case_event *events,
				    size_t n, const struct proc_option *opts, size_t nopts,
				    const struct case_clock *clocks, unsigned role)
{
	bool concluded = false;
	for (size_t i = 0; i < n; i++) {
		const struct proc_step *s = step_of(def, &events[i]);
		concluded = concluded || (s && proc_step_concludes(def, s));
	}
	for (size_t i = 0; clocks && i < def->nclocks; i++) {
		const struct case_clock *c = &clocks[i];
		if (c->state == CASE_CLOCK_SUSPENDED ||
		    (c->party_period && c->state == CASE_CLOCK_RUNNING && !c->elapsed))
			return NULL;
	}
	const struct proc_step *lacking = NULL;
	bool looked = false;
	for (size_t i = 0; i < nopts; i++) {
		const struct proc_step *s = opts[i].step;
		if (!opts[i].available || !(s->flags & PROC_AWAITS) || !(s->roles & role))
			continue;
		if (concluded && !follows_conclusion(def, s))
			continue;
		if (!optional(def, s))
			return s;
		if (!looked) {
			lacking = decision_waits_for(def, events, n, opts, nopts);
			looked = true;
		}
		if (lacking == s)
			return s;
	}
	return NULL;
}

/* Marks the step id names, when def has it. */
static void mark(const struct proc_def *def, const char *id, bool *want)
{
	const struct proc_step *s = proc_step_find(def, id);
	if (s)
		want[s - def->steps] = true;
}

void case_awaits_steps(const struct proc_def *def, bool *want)
{
	unsigned pivot = def->matter ? PROC_DECIDES | PROC_AWAITS : PROC_DECIDES;
	for (size_t i = 0; i < def->nsteps; i++)
		want[i] = (def->steps[i].flags & (PROC_AWAITS | pivot)) != 0;
	for (size_t i = 0; i < def->nsteps; i++) {
		const struct proc_step *s = &def->steps[i];
		if (!(s->flags & pivot))
			continue;
		for (size_t k = 0; def->matter && k < s->requires.n; k++)
			mark(def, s->requires.items[k].id, want);
		for (size_t k = 0; k < s->ngates; k++) {
			const struct gate_def *g = gate_def_find(s->gates[k].name);
			const char *p = g ? g->needs : NULL;
			char id[NEEDS_ID_MAX];
			while (needs_next_step(&p, id))
				mark(def, id, want);
		}
	}
}
