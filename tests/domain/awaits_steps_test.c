/* awaits_steps_test.c - the case's status judges only the steps
 * case_awaits reads (case_awaits_steps, procedure_available_among): over
 * many cases of every shipped procedure, built step by step at random
 * (mostly steps the engine offers, sometimes any step, with or without
 * the fields gates read), each of those options - judged over the clocks
 * computed once - is the one the whole list gives, and every role's queue answer is the same from the few
 * options as from all of them. */
#include <stdio.h>
#include <stdlib.h>

#include "t.h"

#include "base/date.h"
#include "calendar_fx.h"
#include "domain/awaits.h"
#include "procedure_fx.h"

static const unsigned roles[] = { ROLE_OFFICER, ROLE_REVIEWER, ROLE_HEAD, ROLE_SUPERVISOR };

/* The fields a random event may carry: values gates read (a review's
 * opinion, a penalty and its amount, a hearing asked for or waived). */
static const char *const field_pool[][2] = {
	{ "opinion", "approve" },   { "opinion", "reject" },  { "penalty", "fine" },
	{ "amount", "60000" },      { "amount", "500" },      { "requested", "yes" },
	{ "requested", "no" },      { "hearing_right", "yes" }, { "served_on", "2026-01-12" },
	{ "outcome", "upheld" },    { "conclusion", "c" },    { "reasons", "r" },
};
#define POOL (sizeof field_pool / sizeof field_pool[0])

static unsigned long rnd(unsigned long *state)
{
	*state = *state * 6364136223846793005UL + 1442695040888963407UL;
	return (*state >> 33) & 0x7fffffffUL;
}

/* Fills w->ctx for the status as case_status.c judges it on today: for
 * an actor holding every case role. */
static void status_ctx(struct walk *w, const char *today)
{
	walk_ctx(w, ROLE_OFFICER | ROLE_REVIEWER | ROLE_HEAD | ROLE_SUPERVISOR, 0, today);
}

/* Appends an event of step s on day with some fields from the pool. */
static void append(struct walk *w, const struct proc_step *s, const char *day,
		   unsigned long *state)
{
	struct case_event *ev = &w->events[w->nevents];
	size_t nf = rnd(state) % 4;
	struct case_field *f = arena_calloc(w->a, nf + 1, sizeof *f);
	if (!f)
		abort();
	for (size_t i = 0; i < nf; i++) {
		size_t k = rnd(state) % POOL;
		f[i] = (struct case_field){ field_pool[k][0], field_pool[k][1] };
	}
	memset(ev, 0, sizeof *ev);
	ev->id = (int64_t)w->nevents + 1;
	ev->case_id = 1;
	ev->seq = (int)w->nevents + 1;
	ev->step = s->id;
	snprintf(ev->on, sizeof ev->on, "%s", day);
	ev->actor_id = 1;
	ev->reason = "";
	ev->fields = f;
	ev->nfields = nf;
	ev->officers = WALK_TWO;
	ev->nofficers = 2;
	w->nevents++;
	if (s->flags & PROC_OPENS)
		snprintf(w->kase.opened_on, sizeof w->kase.opened_on, "%s", day);
	if (s->flags & PROC_CLOSES)
		w->kase.closed = true;
}

struct tally {
	size_t compared, waiting, judged, all;
};

/* Compares the few options and the queue answers with the whole list's
 * on today; false after recording a failure. */
static bool same_status(struct walk *w, const char *today, struct proc_option *all, size_t *nall,
			struct tally *t)
{
	struct proc_option few[64];
	bool want[64];
	size_t nfew;
	struct case_clock *clocks;
	struct fz_error e = { 0 };
	status_ctx(w, today);
	case_awaits_steps(w->def, want);
	/* the whole list with each gate computing its clocks; the few with
	 * the clocks computed once, as the status does */
	if (case_clocks_compute(w->def, &w->cfg, w->ctx.cal, w->events, w->nevents, today, w->a,
				&clocks, &e) ||
	    procedure_available_steps(&w->ctx, all, 64, nall, &e)) {
		t_fail(__FILE__, __LINE__, "%s: %s", w->def->id, e.message);
		return false;
	}
	w->ctx.clocks = clocks;
	if (procedure_available_among(&w->ctx, want, few, 64, &nfew, &e)) {
		t_fail(__FILE__, __LINE__, "%s: %s", w->def->id, e.message);
		return false;
	}
	t->judged += nfew;
	t->all += *nall;
	for (size_t i = 0, k = 0; i < *nall; i++) {
		if (!want[i])
			continue;
		const struct proc_option *a = &all[i], *b = &few[k++];
		if (a->step != b->step || a->available != b->available ||
		    (a->gate != b->gate && (!a->gate || !b->gate || strcmp(a->gate, b->gate))) ||
		    strcmp(a->reason, b->reason)) {
			t_fail(__FILE__, __LINE__, "%s, %zu events, %s: option %s differs",
			       w->def->id, w->nevents, today, a->step->id);
			return false;
		}
	}
	for (size_t r = 0; r < sizeof roles / sizeof roles[0]; r++) {
		const struct proc_step *x = case_awaits(w->def, w->events, w->nevents, all, *nall,
							clocks, roles[r]);
		const struct proc_step *y = case_awaits(w->def, w->events, w->nevents, few, nfew,
							clocks, roles[r]);
		t->compared++;
		t->waiting += x != NULL;
		if (x != y) {
			t_fail(__FILE__, __LINE__,
			       "%s, %zu events, %s, role %u: awaits %s from all steps, %s from "
			       "the few",
			       w->def->id, w->nevents, today, roles[r], x ? x->id : "-",
			       y ? y->id : "-");
			return false;
		}
	}
	return true;
}

/* One random case of def: up to 24 events, a few days apart. */
static void random_case(const struct proc_def *def, unsigned long seed, struct tally *t)
{
	struct walk w;
	struct proc_option all[64];
	size_t nall;
	unsigned long state = seed;
	walk_init(&w, def->id, seed % 2 ? PARTY_CITIZEN : PARTY_ORGANISATION, "2025-12-20");
	char day[11] = "2026-01-05";
	for (int k = 0; k < 24; k++) {
		if (!same_status(&w, day, all, &nall, t))
			break;
		size_t navail = 0;
		for (size_t i = 0; i < nall; i++)
			navail += all[i].available;
		const struct proc_step *s = NULL;
		if (navail && rnd(&state) % 4) {
			size_t pick = rnd(&state) % navail;
			for (size_t i = 0; i < nall && !s; i++)
				if (all[i].available && !pick--)
					s = all[i].step;
		} else {
			s = &def->steps[rnd(&state) % def->nsteps];
		}
		append(&w, s, day, &state);
		char next[11];
		if (!date_add_days(day, (int)(rnd(&state) % 8), next))
			abort();
		memcpy(day, next, sizeof day);
	}
	/* and on a much later day, when the clocks have run out */
	if (!date_add_days(day, 400, day))
		abort();
	same_status(&w, day, all, &nall, t);
	walk_release(&w);
}

TEST(status_from_the_awaited_steps_only_equals_the_status_from_every_step)
{
	const struct proc_set *set = procedure_fx_set();
	REQUIRE(set);
	struct tally t = { 0 };
	for (size_t d = 0; d < set->ndefs; d++) {
		REQUIRE(set->defs[d].nsteps <= 64);
		for (unsigned long seed = 1; seed <= 40; seed++)
			random_case(&set->defs[d], seed * 7919 + d, &t);
	}
	/* not vacuous: many answers, some of them a step a queue waits for,
	 * and fewer steps judged than the whole lists */
	CHECK(t.compared > 10000);
	CHECK(t.waiting > 100);
	CHECK(t.judged < t.all);
}

TEST(awaited_steps_of_the_penalty_procedure_are_its_queue_steps_and_what_the_decision_needs)
{
	const struct proc_set *set = procedure_fx_set();
	REQUIRE(set);
	const struct proc_def *def = proc_set_find(set, "penalty_general");
	REQUIRE(def);
	bool want[64];
	case_awaits_steps(def, want);
	/* flagged awaits, the decision itself, and what its gates need */
	CHECK(want[proc_step_find(def, "legal_review") - def->steps]);
	CHECK(want[proc_step_find(def, "decision") - def->steps]);
	CHECK(want[proc_step_find(def, "collective_deliberation") - def->steps]);
	CHECK(want[proc_step_find(def, "hearing") - def->steps]);
	/* a step nothing waits for is not judged for the status */
	CHECK(!want[proc_step_find(def, "investigate") - def->steps]);
}
