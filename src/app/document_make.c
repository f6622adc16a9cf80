/* document_make.c - generating the documents a step produces: drawn
 * first, before the step's write transaction, with the number the series
 * would give now (a draft); then, inside the transaction, the number is
 * taken and the document composed again, and when it says exactly what
 * the draft said the draft's file is used; otherwise (the number moved,
 * the record changed) it is drawn there, under the lock. The metadata row
 * and the ledger leaf are written in the transaction, all or nothing with
 * the step: numbers are never skipped nor repeated. */
#include "app/document.h"

#include <errno.h>
#include <stdatomic.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/audit.h"
#include "app/authz.h"
#include "app/calendar.h"
#include "app/ledger.h"
#include "app/procreg.h"
#include "base/crypto.h"
#include "base/date.h"
#include "base/num.h"
#include "docgen/docgen.h"
#include "domain/case_events.h"
#include "domain/caseclock.h"
#include "domain/org.h"

static const struct scope scope_all = { .kind = SCOPE_ALL };

/* Documents drawn before the transaction, and inside it (statistics). */
static atomic_long drawn_before, drawn_inside;

/* A document drawn before the write transaction. */
struct document_draft {
	const char *kind;
	struct doc_model m;              /* what it said */
	char digest[DOCUMENT_DIGEST_HEX]; /* the file its PDF was stored as */
	int64_t size;
	int pages;
};

struct document_drafts {
	struct document_draft *items;
	size_t n;
};

/* --- what a document says --- */

/* 复议机关: the agency's own setting, else (行政复议法 art 24) the
 * people's government of the agency's county, or the one above it when
 * the agency is a government itself. */
static enum fz_err reconsideration_body(struct app_ctx *ctx, const struct agency *ag,
					const char **out, struct fz_error *e)
{
	struct division d;
	if (ag->reconsideration && *ag->reconsideration) {
		*out = ag->reconsideration;
		return FZ_OK;
	}
	enum fz_err rc = ctx->st->ops->division_get(ctx->st, ctx->a, ag->division_code, &d, e);
	if (rc)
		return rc;
	if (strcmp(ag->kind, "government") == 0 && d.parent_code[0] &&
	    (rc = ctx->st->ops->division_get(ctx->st, ctx->a, d.parent_code, &d, e)))
		return rc;
	*out = arena_printf(ctx->a, "%s人民政府", d.name);
	return *out ? FZ_OK : fz_fail(e, FZ_NOMEM, NULL, NULL);
}

static bool have(const struct docgen_person *p, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (p[i].id == id)
			return true;
	return false;
}

/* The fields whose value is a person's id: the hearing's host, the
 * officer a recusal concerns. */
static const char *const person_fields[] = { "host", "person" };
#define NPERSON_FIELDS (sizeof person_fields / sizeof person_fields[0])

/* The number of a certificate of person id valid on day, or NULL. */
static const char *certificate_of(struct app_ctx *ctx, int64_t id, const char *day)
{
	struct certificate_filter f = { .person_id = id, .status = CERT_VALID, .today = day };
	struct certificate_list l;
	if (ctx->st->ops->certificate_list(ctx->st, ctx->a, &scope_all, &f,
					   (struct page){ 0, 1 }, &l, NULL) ||
	    l.n == 0)
		return NULL;
	return l.items[0].number;
}

/* The names (and certificates valid on day) of everyone the record names:
 * officers, hearing hosts, officers a recusal concerns. */
static enum fz_err people_named(struct app_ctx *ctx, const struct case_event_list *events,
				const char *day, struct docgen_person **out, size_t *n,
				struct fz_error *e)
{
	size_t max = 0;
	for (size_t i = 0; i < events->n; i++)
		max += events->items[i].nofficers + NPERSON_FIELDS;
	struct docgen_person *p = arena_calloc(ctx->a, max + 1, sizeof *p);
	if (!p)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	*n = 0;
	for (size_t i = 0; i < events->n; i++) {
		const struct case_event *ev = &events->items[i];
		for (size_t k = 0; k < ev->nofficers + NPERSON_FIELDS; k++) {
			int64_t id = 0;
			if (k < ev->nofficers) {
				id = ev->officers[k];
			} else {
				const char *v = case_event_field(ev, person_fields[k - ev->nofficers]);
				int64_t h = num_id(v);
				if (h)
					id = h;
			}
			struct person person;
			if (id <= 0 || have(p, *n, id) ||
			    ctx->st->ops->person_get(ctx->st, ctx->a, &scope_all, id, &person, NULL))
				continue;
			p[(*n)++] = (struct docgen_person){ id, person.name,
							    certificate_of(ctx, id, day) };
		}
	}
	*out = p;
	return FZ_OK;
}

/* The document a service receipt serves: the case's latest decision. */
static const struct case_document *served_document(const struct proc_def *def,
						   const struct case_event_list *events,
						   const struct case_document_list *docs)
{
	const struct case_document *found = NULL;
	for (size_t i = 0; i < docs->n; i++)
		for (size_t k = 0; k < events->n; k++) {
			const struct case_event *ev = &events->items[k];
			const struct proc_step *st = proc_step_find(def, ev->step);
			if (ev->id == docs->items[i].event_id && st && (st->flags & PROC_DECIDES))
				found = &docs->items[i];
		}
	return found;
}

/* The document's number: taken from its series (take, inside the write
 * transaction), or the one the series would give now (a draft's guess). */
static enum fz_err number_take(struct app_ctx *ctx, const struct docgen_kind *k,
			       const struct agency *ag, const struct enf_case *c,
			       const struct case_event *ev, bool take, const char **out,
			       struct fz_error *e)
{
	int64_t n;
	enum fz_err rc;
	*out = "";
	if (k->case_number) {
		*out = c->number;
		return FZ_OK;
	}
	if (!k->series)
		return FZ_OK;
	int year = (int)strtol(ev->on, NULL, 10);
	if ((rc = (take ? ctx->st->ops->document_number_next
			: ctx->st->ops->document_number_peek)(ctx->st, ag->id, year, k->series, &n,
							      e)))
		return rc;
	size_t len;
	const char *code = org_agency_code(ag->name, ag->doc_code, &len);
	*out = arena_printf(ctx->a, "%.*s%s〔%d〕%lld号", (int)len, code, k->series, year,
			    (long long)n);
	return *out ? FZ_OK : fz_fail(e, FZ_NOMEM, NULL, NULL);
}

/* The record's clocks as they stand with ev (the filing period a 备案报告
 * reports on, the review period of a 合法性审核意见书). */
static enum fz_err clocks_gather(struct app_ctx *ctx, const struct proc_def *def,
				 const struct proc_config *cfg, const struct case_event_list *evl,
				 struct docgen_input *in, struct fz_error *e)
{
	struct calendar cal;
	struct case_clock *clocks;
	enum fz_err rc;
	if (!def->nclocks)
		return FZ_OK;
	if ((rc = app_calendar_get(ctx, &cal, e)) ||
	    (rc = case_clocks_compute(def, cfg, &cal, evl->items, evl->n, ctx->today, ctx->a,
				      &clocks, e)))
		return rc;
	struct docgen_clock *out = arena_calloc(ctx->a, def->nclocks, sizeof *out);
	if (!out)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	for (size_t i = 0; i < def->nclocks; i++) {
		const struct case_clock *k = &clocks[i];
		out[i] = (struct docgen_clock){
			.id = k->clock->id,
			.label = k->clock->label,
			.started_on = k->started_by ? k->started_by->on : "",
			.due = k->started_by ? arena_strdup(ctx->a, k->deadline.due) : "",
			.stopped_on = k->stopped_by ? k->stopped_by->on : "",
			.provisional = k->started_by && k->deadline.provisional,
			.overdue = k->overdue,
		};
		if (!out[i].due)
			return fz_fail(e, FZ_NOMEM, NULL, NULL);
	}
	in->clocks = out;
	in->nclocks = def->nclocks;
	return FZ_OK;
}

/* The latest public comment period of the record (its comment_open) with
 * every comment and its standing, from the comment records; NULL when
 * the record opened none. */
static enum fz_err comments_gather(struct app_ctx *ctx, const struct case_event_list *evl,
				   struct docgen_input *in, struct fz_error *e)
{
	const struct case_event *open = case_events_last(evl->items, evl->n, "comment_open");
	enum fz_err rc;
	in->comments = NULL;
	if (!open)
		return FZ_OK;
	struct docgen_comments *cm = arena_calloc(ctx->a, 1, sizeof *cm);
	if (!cm)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	cm->opened_on = open->on;
	cm->closed_on = "";
	const char *ch = case_events_field(evl->items, evl->n, open, "comment_channel");
	cm->channel = ch ? ch : "";
	for (size_t i = 0; i < evl->n; i++)
		if (evl->items[i].seq > open->seq && strcmp(evl->items[i].step, "comment_close") == 0)
			cm->closed_on = evl->items[i].on;
	if ((rc = ctx->st->ops->comment_counts(ctx->st, ctx->a, open->id, &cm->counts, e)))
		return rc;
	/* every comment, page by page, in the order received */
	struct public_comment *items = NULL;
	size_t n = 0;
	for (struct page pg = { 0, 200 };; pg.offset += pg.limit) {
		struct public_comment_list l;
		if ((rc = ctx->st->ops->comments_of(ctx->st, ctx->a, open->id, false, pg, &l, e)))
			return rc;
		if (l.n) {
			struct public_comment *grown = arena_alloc(ctx->a, (n + l.n) * sizeof *grown);
			if (!grown)
				return fz_fail(e, FZ_NOMEM, NULL, NULL);
			if (n)
				memcpy(grown, items, n * sizeof *grown);
			memcpy(grown + n, l.items, l.n * sizeof *grown);
			items = grown;
			n += l.n;
		}
		if (l.n < (size_t)pg.limit)
			break;
	}
	cm->items = items;
	cm->n = n;
	in->comments = cm;
	return FZ_OK;
}

/* The name and unit of the account that recorded ev ("" when unknown). */
static void actor_of(struct app_ctx *ctx, const struct case_event *ev, struct docgen_input *in)
{
	struct user u;
	struct agency ag;
	in->actor_unit = in->actor_name = "";
	if (ev->actor_id <= 0 ||
	    ctx->st->ops->user_get(ctx->st, ctx->a, &scope_all, ev->actor_id, &u, NULL))
		return;
	in->actor_name = u.display_name && *u.display_name ? u.display_name : u.username;
	if (u.agency_id &&
	    !ctx->st->ops->agency_get(ctx->st, ctx->a, &scope_all, u.agency_id, &ag, NULL))
		in->actor_unit = ag.name;
}

/* Everything but the number, which is taken last. events: the record up
 * to and with ev, or NULL to read it (ev appended in this transaction). */
static enum fz_err input_gather(struct app_ctx *ctx, const struct proc_def *def,
				const struct enf_case *c, const struct case_event *ev,
				const struct case_event_list *events, const struct agency *ag,
				struct docgen_input *in, struct fz_error *e)
{
	struct case_document_list docs;
	struct docgen_person *people = NULL;
	const struct proc_registry *reg = ctx->cfg->procs ? ctx->cfg->procs
							  : proc_registry_builtin(e);
	enum fz_err rc;
	if (!reg)
		return FZ_INTERNAL;
	struct case_event_list *evl = (struct case_event_list *)events;
	if (!evl && !(evl = arena_alloc(ctx->a, sizeof *evl)))
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	if ((!events &&
	     (rc = ctx->st->ops->case_events(ctx->st, ctx->a, &scope_all, c->id, evl, e))) ||
	    (rc = ctx->st->ops->document_list(ctx->st, ctx->a, &scope_all, c->id, &docs, e)) ||
	    (rc = people_named(ctx, evl, ev->on, &people, &in->npeople, e)) ||
	    (rc = reconsideration_body(ctx, ag, &in->reconsideration, e)))
		return rc;
	/* the case's own domain sets the defence period it is told of */
	const struct proc_config *cfg = proc_registry_case_config(reg, c->domain, ctx->a);
	if (!cfg)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	(void)proc_config_period(cfg, "defence_period", &in->defence);
	(void)proc_config_period(cfg, "hearing_request_window", &in->hearing_request);
	(void)proc_config_period(cfg, "payment_period", &in->payment);
	in->surcharge_permille = cfg->surcharge_permille_per_day;
	in->surcharge_cap_percent = cfg->surcharge_cap_percent;
	char local[20];
	time_format_local(ctx->now, local);
	in->created = arena_printf(ctx->a, "%.10sT%s+08:00", local, local[0] ? local + 11 : "");
	in->c = c;
	in->agency = ag->name;
	in->court = ag->court;
	in->payment_bank = ag->payment_bank;
	in->payment_account = ag->payment_account;
	in->def = def;
	in->ev = ev;
	in->events = evl->items;
	in->nevents = evl->n;
	in->people = people;
	in->served = served_document(def, evl, &docs);
	in->docs = docs.items;
	in->ndocs = docs.n;
	actor_of(ctx, ev, in);
	/* the clocks and the comment records only for a matter's documents
	 * (rule-making): an enforcement document says neither */
	if (def->matter &&
	    ((rc = clocks_gather(ctx, def, cfg, evl, in, e)) || (rc = comments_gather(ctx, evl, in, e))))
		return rc;
	return in->created ? FZ_OK : fz_fail(e, FZ_NOMEM, NULL, NULL);
}

/* What a document says, composed from the record, with its number taken
 * (take) or only guessed (a draft). events as for input_gather. */
static enum fz_err document_compose(struct app_ctx *ctx, const struct proc_def *def,
				    const struct enf_case *c, const struct case_event *ev,
				    const struct case_event_list *events,
				    const struct proc_doc *doc, const struct docgen_kind *k,
				    const struct agency *ag, const char *addressee, bool take,
				    struct doc_model *m, struct fz_error *e)
{
	struct docgen_input in = { .kind = doc->id, .title = doc->label, .addressee = addressee };
	enum fz_err rc;
	if ((rc = input_gather(ctx, def, c, ev, events, ag, &in, e)) ||
	    (rc = number_take(ctx, k, ag, c, ev, take, &in.number, e)))
		return rc;
	return docgen_compose(&in, ctx->a, m, e);
}

/* Draws m as a PDF and stores it under its digest (hex). */
static enum fz_err document_draw(struct app_ctx *ctx, const struct doc_model *m,
				 char hex[DOCUMENT_DIGEST_HEX], int64_t *size, int *pages,
				 struct fz_error *e)
{
	struct buf pdf = BUF_INIT;
	unsigned char md[LEDGER_DIGEST_MAX];
	enum ledger_hash_alg alg;
	enum fz_err rc;
	if ((rc = docgen_pdf(m, &pdf, pages, e)) || (rc = app_ledger_alg(ctx, &alg, e)))
		goto out;
	crypto_hex(md, ledger_digest(alg, pdf.data, pdf.len, md), hex);
	*size = (int64_t)pdf.len;
	rc = app_document_file_store(ctx->cfg->data_dir, hex, &pdf, e);
out:
	buf_release(&pdf);
	return rc;
}

static const struct document_draft *draft_find(const struct document_drafts *drafts,
					       const char *kind, const struct doc_model *m)
{
	for (size_t i = 0; drafts && i < drafts->n; i++)
		if (strcmp(drafts->items[i].kind, kind) == 0 &&
		    doc_model_equal(&drafts->items[i].m, m))
			return &drafts->items[i];
	return NULL;
}

/* Inside the write transaction: takes the number, composes, uses the
 * draft that says the same or draws it now, then the row and the leaf. */
static enum fz_err generate_one(struct app_ctx *ctx, const struct proc_def *def,
				const struct enf_case *c, const struct case_event *ev,
				const struct proc_doc *doc, const struct docgen_kind *k,
				const struct agency *ag, const char *addressee,
				const struct document_drafts *drafts, struct fz_error *e)
{
	struct doc_model m;
	struct case_document d = {
		.case_id = c->id, .event_id = ev->id, .kind = doc->id, .title = doc->label,
		.created_at = ctx->now,
	};
	char hex[DOCUMENT_DIGEST_HEX];
	enum fz_err rc;
	if ((rc = document_compose(ctx, def, c, ev, NULL, doc, k, ag, addressee, true, &m, e)))
		return rc;
	const struct document_draft *draft = draft_find(drafts, doc->id, &m);
	if (draft) {
		memcpy(hex, draft->digest, sizeof hex);
		d.size = draft->size;
		d.pages = draft->pages;
		atomic_fetch_add_explicit(&drawn_before, 1, memory_order_relaxed);
	} else {
		if ((rc = document_draw(ctx, &m, hex, &d.size, &d.pages, e)))
			return rc;
		atomic_fetch_add_explicit(&drawn_inside, 1, memory_order_relaxed);
	}
	d.number = m.number;
	d.digest = hex;
	if ((rc = ctx->st->ops->document_insert(ctx->st, &d, e)))
		return rc;
	ctx->documents_inserted++;
	return app_ledger_append_document(ctx, &d, e);
}

static bool actor_issues(const struct proc_step *st, const struct proc_def *def);

/* Who issues a step's documents: the case's agency, or for supervision
 * documents the justice bureau of the supervisor who acts, numbered in
 * its own series and addressed (*addressee) to the case's agency; or the
 * reviewing unit (a docgen kind marked actor_issues: 合法性审核意见书)
 * when it is not the case's agency. */
static int64_t issuer_for(struct app_ctx *ctx, const struct proc_step *st,
			  const struct proc_def *def, const struct enf_case *c,
			  const char **addressee)
{
	bool bureau = st && (st->flags & PROC_OVERSIGHT) && (st->roles & ROLE_SUPERVISOR) &&
		      ctx->user && ctx->user->agency_id;
	if (!bureau && st && def && ctx->user && ctx->user->agency_id &&
	    ctx->user->agency_id != c->agency_id && actor_issues(st, def))
		bureau = true;
	*addressee = bureau ? c->agency_name : NULL;
	return bureau ? ctx->user->agency_id : c->agency_id;
}

static bool actor_issues(const struct proc_step *st, const struct proc_def *def)
{
	for (size_t i = 0; st && i < st->produces.n; i++) {
		const struct docgen_kind *k =
			docgen_kind_find(proc_doc_find(def, st->produces.items[i].id)->id);
		if (k && k->actor_issues)
			return true;
	}
	return false;
}

static bool step_draws(const struct proc_step *st, const struct proc_def *def)
{
	for (size_t i = 0; st && i < st->produces.n; i++)
		if (docgen_kind_find(proc_doc_find(def, st->produces.items[i].id)->id))
			return true;
	return false;
}

bool app_documents_step_draws(const struct proc_registry *reg, const char *step)
{
	size_t n = 0;
	const struct proc_def *defs = reg ? proc_registry_defs(reg, &n) : NULL;
	for (size_t i = 0; i < n; i++)
		if (step_draws(proc_step_find(&defs[i], step), &defs[i]))
			return true;
	return false;
}

enum fz_err app_documents_draft(struct app_ctx *ctx, const struct proc_def *def,
				const struct enf_case *c, const struct case_event_list *before,
				const struct case_event *ev, struct document_drafts **out,
				struct fz_error *e)
{
	const struct proc_step *st = proc_step_find(def, ev->step);
	struct agency ag;
	enum fz_err rc;
	*out = NULL;
	if (!step_draws(st, def) || !ctx->cfg->data_dir || !*ctx->cfg->data_dir)
		return FZ_OK;
	struct document_drafts *drafts = arena_calloc(ctx->a, 1, sizeof *drafts);
	struct case_event_list *events = arena_calloc(ctx->a, 1, sizeof *events);
	if (!drafts || !events ||
	    !(drafts->items = arena_calloc(ctx->a, st->produces.n, sizeof *drafts->items)) ||
	    !(events->items = arena_calloc(ctx->a, before->n + 1, sizeof *events->items)))
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	/* the record as the step will leave it: ev last, not yet stored */
	if (before->n)
		memcpy(events->items, before->items, before->n * sizeof *events->items);
	events->items[before->n] = *ev;
	events->n = before->n + 1;
	const char *addressee;
	int64_t issuer = issuer_for(ctx, st, def, c, &addressee);
	if ((rc = ctx->st->ops->agency_get(ctx->st, ctx->a, &scope_all, issuer, &ag, e)))
		return rc;
	for (size_t i = 0; i < st->produces.n; i++) {
		const struct proc_doc *doc = proc_doc_find(def, st->produces.items[i].id);
		const struct docgen_kind *k = docgen_kind_find(doc->id);
		struct document_draft *d = &drafts->items[drafts->n];
		if (!k)
			continue;
		d->kind = doc->id;
		if ((rc = document_compose(ctx, def, c, ev, events, doc, k, &ag, addressee, false,
					   &d->m, e)) ||
		    (rc = document_draw(ctx, &d->m, d->digest, &d->size, &d->pages, e)))
			return rc;
		drafts->n++;
	}
	*out = drafts;
	return FZ_OK;
}

void app_documents_drawn(long *before, long *inside)
{
	*before = atomic_load_explicit(&drawn_before, memory_order_relaxed);
	*inside = atomic_load_explicit(&drawn_inside, memory_order_relaxed);
}

enum fz_err app_documents_generate(struct app_ctx *ctx, const struct proc_def *def,
				   const struct enf_case *c, const struct case_event *ev,
				   const struct document_drafts *drafts, struct fz_error *e)
{
	const struct proc_step *st = proc_step_find(def, ev->step);
	struct agency ag;
	bool have_agency = false;
	enum fz_err rc;
	const char *addressee;
	int64_t issuer = issuer_for(ctx, st, def, c, &addressee);
	for (size_t i = 0; st && i < st->produces.n; i++) {
		const struct proc_doc *doc = proc_doc_find(def, st->produces.items[i].id);
		const struct docgen_kind *k = docgen_kind_find(doc->id);
		if (!k)
			continue;
		if (!ctx->cfg->data_dir || !*ctx->cfg->data_dir)
			return fz_fail(e, FZ_INTERNAL, NULL, "服务器未配置数据目录，不能生成%s",
				       doc->label);
		if (!have_agency &&
		    (rc = ctx->st->ops->agency_get(ctx->st, ctx->a, &scope_all, issuer, &ag, e)))
			return rc;
		have_agency = true;
		if ((rc = generate_one(ctx, def, c, ev, doc, k, &ag, addressee, drafts, e)))
			return rc;
	}
	return FZ_OK;
}

static void model_text(const struct doc_model *m, struct buf *out)
{
	buf_addf(out, "%s\n%s\n", m->issuer ? m->issuer : "", m->title ? m->title : "");
	if (m->number && *m->number)
		buf_addf(out, "%s\n", m->number);
	for (size_t i = 0; i < m->nblocks; i++) {
		const struct doc_block *b = &m->blocks[i];
		if (b->kind == DOC_ROW)
			buf_addf(out, "%s：%s\n", b->label ? b->label : "", b->text ? b->text : "");
		else if (b->kind != DOC_NOTE)
			buf_addf(out, "%s%s\n", b->kind == DOC_PARA ? "　　" : "",
				 b->text ? b->text : "");
	}
	if (m->signature)
		buf_addf(out, "%s\n%s\n", m->issuer ? m->issuer : "",
			 m->sign_date ? m->sign_date : "");
}

enum fz_err app_document_text(struct app_ctx *ctx, const struct proc_def *def,
			      const struct enf_case *c, const struct case_event *ev,
			      const struct case_event_list *events, bool all, struct buf *out,
			      const char **number, struct fz_error *e)
{
	const struct proc_step *st = proc_step_find(def, ev->step);
	struct case_document_list docs;
	struct agency ag;
	enum fz_err rc;
	bool drawn = false;
	*number = "";
	for (size_t i = 0; st && i < st->produces.n; i++) {
		const struct proc_doc *doc = proc_doc_find(def, st->produces.items[i].id);
		const struct docgen_kind *dk = doc ? docgen_kind_find(doc->id) : NULL;
		if (!dk || (dk->record_only && !all))
			continue;
		struct docgen_input in = { .kind = doc->id, .title = doc->label, .number = "" };
		struct doc_model m;
		if ((rc = ctx->st->ops->agency_get(ctx->st, ctx->a, &scope_all, c->agency_id, &ag,
						   e)) ||
		    (rc = ctx->st->ops->document_list(ctx->st, ctx->a, &scope_all, c->id, &docs,
						      e)))
			return rc;
		for (size_t j = 0; j < docs.n; j++)
			if (docs.items[j].event_id == ev->id && strcmp(docs.items[j].kind, doc->id) == 0)
				in.number = docs.items[j].number;
		if ((rc = input_gather(ctx, def, c, ev, events, &ag, &in, e)) ||
		    (rc = docgen_compose(&in, ctx->a, &m, e)))
			return rc;
		model_text(&m, out);
		if (!drawn)
			*number = in.number;
		drawn = true;
		if (buf_status(out))
			return fz_fail(e, FZ_NOMEM, NULL, NULL);
		if (!all)
			return FZ_OK;
	}
	return drawn ? FZ_OK : fz_fail(e, FZ_NOTFOUND, "step", "该步骤不产生系统生成的文书");
}

static bool generated(const struct case_document_list *docs, int64_t event_id, const char *kind)
{
	for (size_t i = 0; i < docs->n; i++)
		if (docs->items[i].event_id == event_id && strcmp(docs->items[i].kind, kind) == 0)
			return true;
	return false;
}

enum fz_err app_documents_backfill(struct app_ctx *ctx, int64_t case_id, int *made,
				   struct fz_error *e)
{
	const struct proc_registry *reg;
	struct enf_case c;
	struct case_event_list events;
	struct case_document_list docs;
	struct agency ag;
	enum fz_err rc;
	*made = 0;
	if ((rc = app_require(ctx, PERM_CASE_ACT, "document.backfill", e)))
		return rc;
	if (!(reg = ctx->cfg->procs ? ctx->cfg->procs : proc_registry_builtin(e)))
		return FZ_INTERNAL;
	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	if ((rc = ctx->st->ops->case_get(ctx->st, ctx->a, &ctx->scope, case_id, &c, e)) ||
	    (rc = ctx->st->ops->case_events(ctx->st, ctx->a, &ctx->scope, case_id, &events, e)) ||
	    (rc = ctx->st->ops->document_list(ctx->st, ctx->a, &scope_all, case_id, &docs, e)) ||
	    (rc = ctx->st->ops->agency_get(ctx->st, ctx->a, &scope_all, c.agency_id, &ag, e)))
		goto abort;
	const struct proc_def *def = proc_registry_find(reg, c.procedure);
	if (!def) {
		rc = fz_fail(e, FZ_INTERNAL, NULL, "本案的执法程序“%s”未加载", c.procedure);
		goto abort;
	}
	if (!ctx->cfg->data_dir || !*ctx->cfg->data_dir) {
		rc = fz_fail(e, FZ_INTERNAL, NULL, "服务器未配置数据目录，不能生成文书");
		goto abort;
	}
	for (size_t i = 0; i < events.n; i++) {
		const struct proc_step *st = proc_step_find(def, events.items[i].step);
		for (size_t k = 0; st && k < st->produces.n; k++) {
			const struct proc_doc *doc = proc_doc_find(def, st->produces.items[k].id);
			const struct docgen_kind *dk = docgen_kind_find(doc->id);
			if (!dk || generated(&docs, events.items[i].id, doc->id))
				continue;
			if ((rc = generate_one(ctx, def, &c, &events.items[i], doc, dk, &ag, NULL, NULL,
					       e)))
				goto abort;
			(*made)++;
		}
	}
	const char *msg = arena_printf(ctx->a, "补生成文书 %d 份", *made);
	return app_tx_finish(ctx, "document.backfill", "case", case_id, msg ? msg : "", NULL, e);
abort:
	app_tx_abort(ctx);
	*made = 0;
	return rc;
}
