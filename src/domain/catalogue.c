/* catalogue.c - the case file's catalogue (卷内目录) built from the record
 * and the generated documents, the mandatory documents a case lacks, and
 * the gate that keeps a case from closing while it lacks one. */
#include "domain/catalogue.h"

#include <stdint.h>
#include <string.h>

#include "domain/gate_impl.h"

static bool in_list(const char *const *ids, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(ids[i], id) == 0)
			return true;
	return false;
}

static bool is_rendered(const char *const *rendered, const char *id)
{
	for (size_t i = 0; rendered && rendered[i]; i++)
		if (strcmp(rendered[i], id) == 0)
			return true;
	return false;
}

static const struct case_document *file_of(const struct case_document *docs, size_t ndocs,
					   int64_t event_id, const char *kind)
{
	for (size_t i = 0; i < ndocs; i++)
		if (docs[i].event_id == event_id && strcmp(docs[i].kind, kind) == 0)
			return &docs[i];
	return NULL;
}

/* Every (event, document) pair the record produced, counted first. */
static size_t produced_count(const struct proc_def *def, const struct case_event *events,
			     size_t nevents)
{
	size_t n = 0;
	for (size_t i = 0; i < nevents; i++) {
		const struct proc_step *s = proc_step_find(def, events[i].step);
		n += s ? s->produces.n : 0;
	}
	return n;
}

enum fz_err catalogue_build(const struct proc_def *def, const struct case_event *events,
			    size_t nevents, const struct case_document *docs, size_t ndocs,
			    const char *const *rendered, struct arena *a, struct catalogue *out,
			    struct fz_error *e)
{
	memset(out, 0, sizeof *out);
	size_t max = produced_count(def, events, nevents);
	out->entries = arena_calloc(a, max + 1, sizeof *out->entries);
	out->filed = arena_calloc(a, max + 1, sizeof *out->filed);
	out->missing = arena_calloc(a, def->ndocs + 1, sizeof *out->missing);
	if (!out->entries || !out->filed || !out->missing)
		return fz_fail(e, FZ_NOMEM, "", NULL);
	int page = 1;
	for (size_t i = 0; i < nevents; i++) {
		const struct proc_step *s = proc_step_find(def, events[i].step);
		for (size_t k = 0; s && k < s->produces.n; k++) {
			const struct proc_doc *doc = proc_doc_find(def, s->produces.items[k].id);
			const struct case_document *file =
				file_of(docs, ndocs, events[i].id, doc->id);
			/* a kind the system generates is in the file only as its
			 * document; the others are recorded by the step itself */
			if (!file && is_rendered(rendered, doc->id))
				continue;
			struct catalogue_entry *en = &out->entries[out->n];
			en->seq = (int)++out->n;
			en->doc = doc;
			en->event = &events[i];
			en->file = file;
			if (file) {
				en->first_page = page;
				page += file->pages > 0 ? file->pages : 1;
			}
			if (!in_list(out->filed, out->nfiled, doc->id))
				out->filed[out->nfiled++] = doc->id;
		}
	}
	out->nmissing = catalogue_missing(def, events, nevents, NULL, out->filed, out->nfiled,
					  out->missing, def->ndocs);
	return FZ_OK;
}

/* Steps of a definition that catalogue_missing marks in a bitmap (one
 * bit by index in def->steps); a larger definition is judged event by
 * event. */
#define CAT_STEP_WORDS 8
#define CAT_STEP_BITS (CAT_STEP_WORDS * 64)

/* Whether doc is mandatory once the steps of events (and also) are taken. */
static bool mandatory(const struct proc_def *def, const struct case_event *events,
		      size_t nevents, const struct proc_step *also, const char *doc)
{
	if (also && proc_list_has(&also->mandatory, doc))
		return true;
	for (size_t i = 0; i < nevents; i++) {
		const struct proc_step *s = proc_step_find(def, events[i].step);
		if (s && proc_list_has(&s->mandatory, doc))
			return true;
	}
	return false;
}

/* The same over the steps taken, each once (taken: those of them that
 * make a document mandatory, ntaken of them): a case of 50 events of 5
 * steps asks those of the 5 that name any, not 50 events (nor every step
 * of the definition), for each document of the definition. */
static bool mandatory_taken(const struct proc_step *const *taken, size_t ntaken,
			    const struct proc_step *also, const char *doc)
{
	if (also && proc_list_has(&also->mandatory, doc))
		return true;
	for (size_t i = 0; i < ntaken; i++)
		if (proc_list_has(&taken[i]->mandatory, doc))
			return true;
	return false;
}

size_t catalogue_missing(const struct proc_def *def, const struct case_event *events,
			 size_t nevents, const struct proc_step *also, const char *const *filed,
			 size_t nfiled, const struct proc_doc **out, size_t max)
{
	uint64_t seen[CAT_STEP_WORDS] = { 0 };
	const struct proc_step *taken[CAT_STEP_BITS];
	size_t ntaken = 0;
	bool by_bits = def->nsteps <= CAT_STEP_BITS;
	for (size_t i = 0; by_bits && i < nevents; i++) {
		const struct proc_step *s = proc_step_find(def, events[i].step);
		if (!s)
			continue;
		size_t k = (size_t)(s - def->steps);
		uint64_t bit = (uint64_t)1 << (k % 64);
		if (!(seen[k / 64] & bit)) {
			seen[k / 64] |= bit;
			if (s->mandatory.n)
				taken[ntaken++] = s;
		}
	}
	size_t n = 0;
	for (size_t d = 0; d < def->ndocs; d++) {
		const struct proc_doc *doc = &def->docs[d];
		if (in_list(filed, nfiled, doc->id) ||
		    !(by_bits ? mandatory_taken(taken, ntaken, also, doc->id)
			      : mandatory(def, events, nevents, also, doc->id)))
			continue;
		if (n < max)
			out[n] = doc;
		n++;
	}
	return n;
}

enum fz_err catalogue_produced(const struct proc_def *def, const struct case_event *events,
			       size_t nevents, struct arena *a, const char ***ids, size_t *n,
			       struct fz_error *e)
{
	size_t max = produced_count(def, events, nevents);
	const char **out = arena_calloc(a, max + 1, sizeof *out);
	if (!out)
		return fz_fail(e, FZ_NOMEM, "", NULL);
	*n = 0;
	for (size_t i = 0; i < nevents; i++) {
		const struct proc_step *s = proc_step_find(def, events[i].step);
		for (size_t k = 0; s && k < s->produces.n; k++)
			if (!in_list(out, *n, s->produces.items[k].id))
				out[(*n)++] = s->produces.items[k].id;
	}
	*ids = out;
	return FZ_OK;
}

/* The engine's gate for every closing step: 卷宗 completeness. The list
 * is cut to fit an error message (256 bytes) and says how many more. */
GATE_FN(catalogue_complete)
{
	const struct proc_ctx *c = r->ctx;
	const struct proc_doc *missing[16];
	size_t n = catalogue_missing(c->def, c->events, c->nevents, r->step, c->filed, c->nfiled,
				     missing, 16);
	if (!n)
		GATE_PASS(res, "卷内目录已有全部必备文书");
	char list[160] = "";
	size_t len = 0, shown = 0;
	for (; shown < n && shown < 16; shown++) {
		const char *label = missing[shown]->label;
		size_t sep = shown ? strlen("、") : 0, ln = strlen(label);
		if (len + sep + ln + 1 > sizeof list)
			break;
		memcpy(list + len, "、", sep);
		memcpy(list + len + sep, label, ln + 1);
		len += sep + ln;
	}
	if (shown < n)
		GATE_BLOCK(res, FZ_CONFLICT, "卷内目录缺少必备文书：%s等 %zu 种，补齐后方可结案", list,
			   n);
	GATE_BLOCK(res, FZ_CONFLICT, "卷内目录缺少必备文书：%s，补齐后方可结案", list);
}
