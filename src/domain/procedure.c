/* procedure.c - lookups in a parsed definition and the names of kinds and
 * clock conditions; see procedure.h. */
#include "domain/procedure.h"
#include "domain/outcome.h"

#include <limits.h>
#include <stdint.h>
#include <string.h>

/* FNV-1a of an id: a step's slot. */
size_t proc_id_hash(const char *id)
{
	uint32_t h = 2166136261u;
	for (const unsigned char *p = (const unsigned char *)id; *p; p++)
		h = (h ^ *p) * 16777619u;
	return h;
}

/* Fills row i of the table (nsteps columns) with every step i requires,
 * directly or not, after the rows of those it requires directly; done[]
 * marks the rows filled. The validator has refused cycles. */
static void follows_row(const struct proc_def *d, size_t i, unsigned char *table,
			unsigned char *done)
{
	const struct proc_step *s = &d->steps[i];
	const struct proc_list *lists[2] = { &s->requires, &s->requires_any };
	unsigned char *row = table + i * d->nsteps;
	done[i] = 1;
	for (int l = 0; l < 2; l++)
		for (size_t k = 0; k < lists[l]->n; k++) {
			const struct proc_step *r = proc_step_find(d, lists[l]->items[k].id);
			if (!r)
				continue;
			size_t j = (size_t)(r - d->steps);
			if (!done[j])
				follows_row(d, j, table, done);
			row[j] = 1;
			for (size_t c = 0; c < d->nsteps; c++)
				row[c] |= table[j * d->nsteps + c];
		}
}

enum fz_err proc_def_index(struct proc_def *d, struct arena *a, struct fz_error *e)
{
	size_t n = 8;
	while (n < 2 * d->nsteps)
		n *= 2;
	if (d->nsteps >= USHRT_MAX)
		return fz_fail(e, FZ_INVALID, "", "%s：步骤过多", d->id ? d->id : "");
	unsigned short *slots = arena_calloc(a, n, sizeof *slots);
	if (!slots)
		return fz_fail(e, FZ_NOMEM, "", NULL);
	for (size_t i = 0; i < d->nsteps; i++) {
		size_t k = proc_id_hash(d->steps[i].id) & (n - 1);
		while (slots[k])
			k = (k + 1) & (n - 1);
		slots[k] = (unsigned short)(i + 1);
	}
	d->step_slots = slots;
	d->nslots = n;
	if (!d->nsteps || d->nsteps > PROC_FOLLOWS_MAX)
		return FZ_OK;
	unsigned char *table = arena_calloc(a, d->nsteps * d->nsteps, 1);
	unsigned char done[PROC_FOLLOWS_MAX] = { 0 };
	if (!table)
		return fz_fail(e, FZ_NOMEM, "", NULL);
	for (size_t i = 0; i < d->nsteps; i++)
		if (!done[i])
			follows_row(d, i, table, done);
	d->follows = table;
	/* each step's root, as outcome_step_root finds it by searching (the
	 * engine asks it of every step it judges) */
	unsigned short *roots = arena_calloc(a, d->nsteps, sizeof *roots);
	if (!roots)
		return fz_fail(e, FZ_NOMEM, "", NULL);
	for (size_t i = 0; i < d->nsteps; i++) {
		const struct proc_step *r = outcome_step_root(d, &d->steps[i]);
		roots[i] = r ? (unsigned short)(r - d->steps + 1) : 0;
	}
	d->roots = roots;
	return FZ_OK;
}

const struct proc_step *proc_step_find(const struct proc_def *d, const char *id)
{
	if (!id)
		return NULL;
	if (d->step_slots) {
		/* at most half full: a probe ends at an empty slot */
		for (size_t k = proc_id_hash(id) & (d->nslots - 1); d->step_slots[k];
		     k = (k + 1) & (d->nslots - 1)) {
			const struct proc_step *s = &d->steps[d->step_slots[k] - 1];
			if (strcmp(s->id, id) == 0)
				return s;
		}
		return NULL;
	}
	for (size_t i = 0; i < d->nsteps; i++)
		if (strcmp(d->steps[i].id, id) == 0)
			return &d->steps[i];
	return NULL;
}

const struct proc_clock *proc_clock_find(const struct proc_def *d, const char *id)
{
	for (size_t i = 0; id && i < d->nclocks; i++)
		if (strcmp(d->clocks[i].id, id) == 0)
			return &d->clocks[i];
	return NULL;
}

const struct proc_doc *proc_doc_find(const struct proc_def *d, const char *id)
{
	for (size_t i = 0; id && i < d->ndocs; i++)
		if (strcmp(d->docs[i].id, id) == 0)
			return &d->docs[i];
	return NULL;
}

bool proc_list_has(const struct proc_list *l, const char *id)
{
	for (size_t i = 0; id && i < l->n; i++)
		if (strcmp(l->items[i].id, id) == 0)
			return true;
	return false;
}

bool proc_step_concludes(const struct proc_def *d, const struct proc_step *s)
{
	if (s->flags & (PROC_DECIDES | PROC_CLOSES))
		return true;
	for (size_t i = 0; i < d->nsteps; i++) {
		if (!(d->steps[i].flags & PROC_DECIDES))
			continue;
		for (size_t k = 0; k < s->stops.n; k++)
			if (proc_list_has(&d->steps[i].stops, s->stops.items[k].id))
				return true;
	}
	return false;
}

static const char *const kind_names[] = {
	[CASE_PENALTY] = "penalty",
	[CASE_INSPECTION] = "inspection",
	[CASE_PERMIT] = "permit",
	[CASE_COERCION] = "coercion",
	[CASE_NORMATIVE] = "normative_document",
	[CASE_MAJOR_DECISION] = "major_decision",
};

const char *proc_kind_name(enum case_kind k)
{
	return (unsigned)k < sizeof kind_names / sizeof kind_names[0] ? kind_names[k] : NULL;
}

enum case_kind proc_kind_from_name(const char *name)
{
	for (size_t i = 1; name && i < sizeof kind_names / sizeof kind_names[0]; i++)
		if (strcmp(kind_names[i], name) == 0)
			return (enum case_kind)i;
	return 0;
}

bool proc_step_has_gate(const struct proc_step *s, const char *gate)
{
	for (size_t i = 0; s && gate && i < s->ngates; i++)
		if (strcmp(s->gates[i].name, gate) == 0)
			return true;
	return false;
}

bool proc_condition_known(const char *name)
{
	/* fine_decided: the latest deciding event imposes a fine;
	 * fine_unpaid: and it has not been paid in full;
	 * published: something stood published when the clock started
	 * major_decision: the decision followed a legal review or a collective
	 * deliberation (caseclock.c) */
	return name && (strcmp(name, "fine_decided") == 0 || strcmp(name, "fine_unpaid") == 0 ||
			strcmp(name, "published") == 0 || strcmp(name, "major_decision") == 0 ||
			strcmp(name, "yes") == 0 || strcmp(name, "no") == 0);
}

bool proc_clock_outlives_close(const struct proc_def *d, const struct proc_clock *c)
{
	for (size_t i = 0; d && c && i < d->nsteps; i++) {
		const struct proc_step *s = &d->steps[i];
		if ((s->flags & PROC_OVERSIGHT) &&
		    (proc_list_has(&s->starts, c->id) || proc_list_has(&s->stops, c->id)))
			return true;
	}
	return false;
}
