/* outcome.c - which outcome of a case stands and what follows from it;
 * see outcome.h. What follows from what is read from the table a parsed
 * definition keeps (proc_def.follows); without one it is a depth-first
 * walk over the required steps each time it is asked. */
#include "domain/outcome.h"

#include <string.h>

#include "base/date.h"

static const struct proc_step *step_of(const struct proc_def *d, const struct case_event *ev)
{
	return ev->step ? proc_step_find(d, ev->step) : NULL;
}

/* Walks events[0..n) and returns the standing outcome's index; when
 * target >= 0, *voider gets the index of the event that set events[target]
 * aside (or stays -1). */
static long walk(const struct proc_def *d, const struct case_event *events, size_t n,
		 long target, long *voider)
{
	long standing = -1;
	for (size_t i = 0; i < n; i++) {
		const struct proc_step *s = step_of(d, &events[i]);
		if (!s)
			continue;
		if (standing >= 0 && proc_list_has(&s->voids, events[standing].step)) {
			if (voider && standing == target)
				*voider = (long)i;
			standing = -1;
		}
		if (s->flags & PROC_OUTCOME)
			standing = (long)i;
	}
	return standing;
}

long outcome_standing(const struct proc_def *d, const struct case_event *events, size_t n)
{
	return walk(d, events, n, -1, NULL);
}

long outcome_voided_by(const struct proc_def *d, const struct case_event *events, size_t n,
		       size_t i)
{
	long voider = -1;
	walk(d, events, n, (long)i, &voider);
	return voider;
}

static bool follows(const struct proc_def *d, const struct proc_step *s, const char *outcome,
		    int depth)
{
	const struct proc_list *lists[2] = { &s->requires, &s->requires_any };
	if (depth > 64) /* the validator refuses cycles; this only bounds */
		return false;
	for (int l = 0; l < 2; l++) {
		for (size_t k = 0; k < lists[l]->n; k++) {
			const char *id = lists[l]->items[k].id;
			if (strcmp(id, outcome) == 0)
				return true;
			const struct proc_step *r = proc_step_find(d, id);
			if (r && follows(d, r, outcome, depth + 1))
				return true;
		}
	}
	return false;
}

bool outcome_step_follows(const struct proc_def *d, const struct proc_step *s,
			  const char *outcome)
{
	if (!d || !s || !outcome)
		return false;
	/* a parsed definition has the answer for every pair of its steps */
	const struct proc_step *o = d->follows ? proc_step_find(d, outcome) : NULL;
	if (o && s >= d->steps && s < d->steps + d->nsteps)
		return d->follows[(size_t)(s - d->steps) * d->nsteps + (size_t)(o - d->steps)];
	return follows(d, s, outcome, 0);
}

const struct proc_step *outcome_step_root(const struct proc_def *d, const struct proc_step *s)
{
	/* kept when the definition was indexed (proc_def_index): a step of
	 * d's own */
	if (d && d->roots && s >= d->steps && s < d->steps + d->nsteps) {
		unsigned short r = d->roots[s - d->steps];
		return r ? &d->steps[r - 1] : NULL;
	}
	for (size_t i = 0; d && i < d->nsteps; i++)
		if ((d->steps[i].flags & PROC_OUTCOME) && outcome_step_follows(d, s, d->steps[i].id))
			return &d->steps[i];
	return NULL;
}

bool outcome_event_late(const struct case_event *ev, int late_days)
{
	char recorded[FZ_DATE_LEN];
	if (!ev->at || !date_parse(ev->on, NULL, NULL, NULL))
		return false;
	date_today(ev->at, recorded);
	return date_diff_days(ev->on, recorded) > late_days;
}
