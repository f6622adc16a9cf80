/* publication.c - the one publication pipeline (事后公开): prepared and
 * redacted when the decision is made, confirmed by the role the
 * publishing step names, withdrawn with a public notice when the decision
 * is set aside. The case steps 公示 and 撤下公示 are recorded through
 * app_case_act_publication, so that the procedure engine decides who may
 * confirm and the case clocks (publication, withdrawal) see them. */
#include "app/publication.h"
#include "app/publication_internal.h"
#include "app/search.h"

#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/authz.h"
#include "app/calendar.h"
#include "app/case.h"
#include "app/case_internal.h"
#include "app/document.h"
#include "app/ledger.h"
#include "base/date.h"
#include "base/ident.h"
#include "base/num.h"
#include "base/utf8.h"
#include "domain/case_events.h"
#include "domain/org.h"
#include "domain/redact.h"

static const struct scope scope_all = { .kind = SCOPE_ALL };

/* The publishes step of def that requires `step`: that step's events are
 * published by it (penalty_general: decision → publish). */
const struct proc_step *pub_publisher_of(const struct proc_def *def, const char *step)
{
	for (size_t i = 0; i < def->nsteps; i++) {
		const struct proc_step *s = &def->steps[i];
		if (!(s->flags & PROC_PUBLISHES))
			continue;
		for (size_t j = 0; j < s->requires.n; j++)
			if (strcmp(s->requires.items[j].id, step) == 0)
				return s;
	}
	return NULL;
}

static const struct proc_step *step_flagged(const struct proc_def *def, unsigned flag)
{
	for (size_t i = 0; i < def->nsteps; i++)
		if (def->steps[i].flags & flag)
			return &def->steps[i];
	return NULL;
}

/* A natural-person party younger than 18 on the decision's day, by the
 * birth date inside the resident ID (GB 11643: digits 7-14). Rules §2:
 * a minor's decision is not published (未成年人保护法 art 103). */
static bool party_minor(const struct enf_case *c, const char *day)
{
	return c->party_kind == PARTY_CITIZEN && pub_minor_on(c->party_id, day);
}

/* What stays verbatim in a publication: the agency's name and its own
 * collection account (docs/REDACTION.md, "What stays"). */
static size_t keep_of(struct app_ctx *ctx, const struct enf_case *c, const char *keep[2])
{
	struct agency ag;
	size_t n = 0;
	if (c->agency_name && *c->agency_name)
		keep[n++] = c->agency_name;
	if (ctx->st->ops->agency_get(ctx->st, ctx->a, &scope_all, c->agency_id, &ag, NULL) ==
		    FZ_OK &&
	    ag.payment_account && *ag.payment_account)
		keep[n++] = ag.payment_account;
	return n;
}

void pub_redact_setup(struct app_ctx *ctx, const struct enf_case *c, const char *keep[2],
		      struct redact_ctx *rc)
{
	redact_ctx_init(rc, c->party_kind == PARTY_ORGANISATION ? REDACT_PARTY_ORGANISATION
								: REDACT_PARTY_PERSON);
	rc->party_name = c->party_name && *c->party_name ? c->party_name : NULL;
	rc->keep = keep;
	rc->nkeep = keep_of(ctx, c, keep);
}

/* The due date of clock `id` as the case stands after ev (events so
 * far plus ev); "" when it does not run. */
static enum fz_err clock_due(struct app_ctx *ctx, const struct proc_def *def,
			     const struct enf_case *c, const struct case_event_list *before,
			     const struct case_event *ev, const char *id, char out[11],
			     struct fz_error *e)
{
	const struct proc_registry *reg = case_registry(ctx, e);
	const struct proc_clock *clock = proc_clock_find(def, id);
	struct calendar cal;
	struct case_clock cc;
	enum fz_err rc;
	out[0] = '\0';
	if (!reg)
		return FZ_INTERNAL;
	if (!clock)
		return FZ_OK;
	const struct proc_config *cfg = case_config(ctx, reg, c, e);
	struct case_event *all = arena_calloc(ctx->a, before->n + 1, sizeof *all);
	if (!cfg || !all)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	if (before->n)
		memcpy(all, before->items, before->n * sizeof *all);
	all[before->n] = *ev;
	if ((rc = app_calendar_get(ctx, &cal, e)) ||
	    (rc = case_clock_compute(def, cfg, &cal, all, before->n + 1, clock, ctx->today, ctx->a,
				     &cc, e)))
		return rc;
	if (cc.started_by)
		snprintf(out, 11, "%s", cc.deadline.due);
	return FZ_OK;
}

/* A matter (a major decision) has no party: its publication opens with
 * its title and the text of its latest draft (草案的最后文本: what was
 * decided), then the step's record (the accounts of how public and
 * expert opinions were adopted). before: the events before ev. */
static void matter_text(const struct case_event *before, size_t nbefore,
			const struct case_event *ev, struct buf *out)
{
	const struct case_event *draft = NULL;
	for (size_t i = nbefore; i-- > 0 && !draft;)
		if (strcmp(before[i].step, "draft") == 0)
			draft = &before[i];
	const char *text = draft ? case_events_field(before, nbefore, draft, "text") : NULL;
	if (text && !case_event_field(ev, "text"))
		buf_addf(out, "决策内容：\n%s\n", text);
}

/* The original title and text of ev's publication as the record
 * (events, ev among them; NULL for the stored events, with before the
 * events before ev) draws them: the document the step composes, or the
 * step's record when it draws none. */
static enum fz_err draw_original(struct app_ctx *ctx, const struct proc_def *def,
				 const struct enf_case *c, const struct case_event_list *events,
				 const struct case_event_list *before, const struct case_event *ev,
				 struct buf *otitle, struct buf *orig, const char **number,
				 struct fz_error *e)
{
	const struct proc_step *st = proc_step_find(def, ev->step);
	enum fz_err rc = app_document_text(ctx, def, c, ev, events, false, orig, number, e);
	bool record = rc == FZ_NOTFOUND;
	if (rc == FZ_NOTFOUND) {
		/* no rendered document (a permit decision, an inspection result):
		 * the step's record is what is published */
		rc = FZ_OK;
		buf_addf(orig, "%s\n%s\n", c->agency_name ? c->agency_name : "", st->label);
		if (def->matter)
			matter_text(before->items, before->n, ev, orig);
		else
			buf_addf(orig, "当事人：%s\n", c->party_name ? c->party_name : "");
		for (size_t i = 0; i < ev->nfields; i++) {
			const struct proc_field *fd = proc_field_of(def, st, ev->fields[i].key);
			const char *v = ev->fields[i].value;
			const char *lab = fd && fd->type == PROC_FIELD_CHOICE
						  ? proc_choice_label(fd, v) : NULL;
			if (lab)
				v = lab;
			buf_addf(orig, "%s：%s\n", fd ? fd->label : ev->fields[i].key, v ? v : "");
		}
		buf_addf(orig, "%s\n%s\n", c->agency_name ? c->agency_name : "", ev->on);
	}
	if (rc)
		return rc;
	/* a matter published from its record is named by its kind (重大行政
	 * 决策), not by the step that prepared it */
	buf_addf(otitle, "%s（%s）", c->title, record && def->matter ? def->label : st->label);
	return buf_status(orig) || buf_status(otitle) ? fz_fail(e, FZ_NOMEM, NULL, NULL) : FZ_OK;
}

enum fz_err pub_draw(struct app_ctx *ctx, const struct proc_def *def, const struct enf_case *c,
		     const struct case_event_list *events, const struct case_event_list *before,
		     const struct case_event *ev, struct publication *p, struct fz_error *e)
{
	struct buf orig = BUF_INIT, title = BUF_INIT, text = BUF_INIT, otitle = BUF_INIT;
	struct redact_ctx rctx;
	struct redact_report rep;
	const char *number = "";
	enum fz_err rc = draw_original(ctx, def, c, events, before, ev, &otitle, &orig, &number, e);
	if (rc)
		goto out;
	p->number = number;
	const char *keep[2];
	pub_redact_setup(ctx, c, keep, &rctx);
	rctx.party_minor = party_minor(c, ev->on);
	struct redact_field f[2] = {
		{ buf_cstr(&otitle), otitle.len, &title },
		{ buf_cstr(&orig), orig.len, &text },
	};
	if ((rc = redact_fields(&rctx, f, 2, &rep, e)))
		goto out;
	p->title = arena_strdup(ctx->a, buf_cstr(&title));
	p->text = arena_strdup(ctx->a, buf_cstr(&text));
	p->original_title = arena_strdup(ctx->a, buf_cstr(&otitle));
	p->original_text = arena_strdup(ctx->a, buf_cstr(&orig));
	p->status = PUB_PREPARED;
	p->withheld_reason = "";
	if (rctx.party_minor || rep.minor_present) {
		p->status = PUB_WITHHELD;
		p->withheld_reason = "当事人为未成年人，依法不予公开（未成年人保护法第一百零三条）";
	}
	if (!p->title || !p->text || !p->original_title || !p->original_text)
		rc = fz_fail(e, FZ_NOMEM, NULL, NULL);
out:
	buf_release(&orig);
	buf_release(&otitle);
	buf_release(&title);
	buf_release(&text);
	return rc;
}

enum fz_err pub_source_text(struct app_ctx *ctx, const struct proc_def *def,
			    const struct enf_case *c, const struct case_event_list *events,
			    const struct case_event_list *before, const struct case_event *ev,
			    struct buf *out, struct fz_error *e)
{
	const char *number;
	enum fz_err rc = draw_original(ctx, def, c, events, before, ev, out, out, &number, e);
	if (rc)
		return rc;
	rc = app_document_text(ctx, def, c, ev, events, true, out, &number, e);
	return rc == FZ_NOTFOUND ? FZ_OK : rc;
}

static enum fz_err prepare(struct app_ctx *ctx, const struct proc_def *def,
			   const struct enf_case *c, const struct case_event_list *before,
			   const struct case_event *ev, struct fz_error *e)
{
	struct publication p;
	memset(&p, 0, sizeof p);
	enum fz_err rc = pub_draw(ctx, def, c, NULL, before, ev, &p, e);
	if (rc)
		return rc;
	p.case_id = c->id;
	p.event_id = ev->id;
	p.kind = proc_kind_name(c->kind);
	snprintf(p.decided_on, sizeof p.decided_on, "%s", ev->on);
	if ((rc = clock_due(ctx, def, c, before, ev, "publication", p.due_on, e)))
		return rc;
	p.created_at = ctx->now;
	rc = ctx->st->ops->publication_insert(ctx->st, &p, e);
	if (!rc)
		rc = app_audit(ctx, "publication.prepare", "publication", p.id, "ok",
			       pub_status_name(p.status), NULL, e);
	return rc;
}

enum fz_err app_publication_clocks_adjust(struct app_ctx *ctx, const struct proc_def *def,
					  struct case_clock *clocks, struct fz_error *e)
{
	for (size_t i = 0; i < def->nclocks; i++) {
		struct case_clock *k = &clocks[i];
		struct publication p;
		if (strcmp(def->clocks[i].id, "publication") != 0 || !k->started_by)
			continue;
		enum fz_err rc = ctx->st->ops->publication_by_event(ctx->st, ctx->a,
								   k->started_by->id, &p, e);
		if (rc == FZ_NOTFOUND)
			continue;
		if (rc)
			return rc;
		if (p.status != PUB_WITHHELD)
			continue;
		k->state = CASE_CLOCK_NOT_APPLICABLE;
		k->started_by = NULL;
		k->stopped_by = NULL;
		k->overdue = false;
		k->open_suspension = false;
	}
	return FZ_OK;
}

/* The latest event of step `id` in before: the one a voiding step sets
 * aside. */
static const struct case_event *latest_of(const struct case_event_list *before, const char *id)
{
	for (size_t i = before->n; i-- > 0;)
		if (strcmp(before->items[i].step, id) == 0)
			return &before->items[i];
	return NULL;
}

enum fz_err pub_of_voided(struct app_ctx *ctx, const struct proc_def *def,
			  const struct case_event *voided, struct publication *p, struct fz_error *e)
{
	const struct proc_step *vs = proc_step_find(def, voided->step);
	if (vs && (vs->flags & PROC_PUBLISHES)) {
		/* a published step voided (a major decision stopped or
		 * changed, art 37): the publication it put live */
		int64_t pid = 0;
		const char *v = case_event_field(voided, "publication");
		if (!v || !num_parse_i64(v, 1, INT64_MAX, &pid))
			return fz_fail(e, FZ_NOTFOUND, NULL, "公示不存在");
		return ctx->st->ops->publication_get(ctx->st, ctx->a, pid, p, e);
	}
	return ctx->st->ops->publication_by_event(ctx->st, ctx->a, voided->id, p, e);
}

const char *pub_set_aside_reason(struct app_ctx *ctx, const struct proc_step *st, const char *on,
				 const char *why)
{
	return arena_printf(ctx->a, "原决定已于 %s 被%s%s%s", on, st->label, why ? "：" : "",
			    why ? why : "");
}

static enum fz_err set_aside(struct app_ctx *ctx, const struct proc_def *def,
			     const struct enf_case *c, const struct case_event_list *before,
			     const struct case_event *ev, const struct proc_step *st,
			     struct fz_error *e)
{
	for (size_t i = 0; i < st->voids.n; i++) {
		const struct case_event *voided = latest_of(before, st->voids.items[i].id);
		struct publication p;
		if (!voided)
			continue;
		enum fz_err rc = pub_of_voided(ctx, def, voided, &p, e);
		if (rc == FZ_NOTFOUND)
			continue;
		if (rc)
			return rc;
		enum pub_status was = p.status;
		if (p.status == PUB_LIVE) {
			/* the voiding step's own reasons (a choice field such as a
			 * court's outcome holds a code, not words for the public) */
			const char *why = case_events_field(before->items, before->n, ev, "reasons");
			p.status = PUB_WITHDRAWING;
			snprintf(p.set_aside_on, sizeof p.set_aside_on, "%s", ev->on);
			if ((rc = clock_due(ctx, def, c, before, ev, "withdrawal", p.withdraw_due_on,
					    e)))
				return rc;
			p.withdraw_reason = pub_set_aside_reason(ctx, st, ev->on, why);
			p.withdraw_basis = pub_withdraw_basis(c->kind);
		} else if (p.status == PUB_PREPARED || p.status == PUB_WITHHELD) {
			p.status = PUB_CANCELLED;
			snprintf(p.set_aside_on, sizeof p.set_aside_on, "%s", ev->on);
		} else {
			continue;
		}
		p.updated_at = ctx->now;
		if (!p.withdraw_reason)
			p.withdraw_reason = "";
		if ((rc = ctx->st->ops->publication_update(ctx->st, &p, e)))
			return rc;
		struct audit_diff d = { .n = 0 };
		audit_diff_str(ctx, &d, "status", pub_status_name(was), pub_status_name(p.status));
		if ((rc = app_audit(ctx, "publication.set_aside", "publication", p.id, "ok", NULL,
				    &d, e)))
			return rc;
	}
	return FZ_OK;
}

/* A publication prepared by a repeatable step that is not an outcome
 * (major_decision: prepare_announce, which requires decide) stands for the
 * decision it was prepared after. When that decision is taken again before
 * the publication was confirmed, the earlier text is superseded: cancelled
 * (已作废) with its reason, as a decision set aside before it was published
 * (set_aside above), so only the text prepared after the latest decision
 * can go live. A step that closes the matter (终止) supersedes it too: a
 * decision given up before its text was confirmed is never published. A
 * live one is left alone: changing a published decision is a voiding
 * step's work (withdrawal). */
static enum fz_err supersede(struct app_ctx *ctx, const struct proc_def *def,
			     const struct case_event_list *before, const struct case_event *ev,
			     const struct proc_step *st, struct fz_error *e)
{
	for (size_t i = 0; i < def->nsteps; i++) {
		const struct proc_step *pubst = &def->steps[i];
		if (!(pubst->flags & PROC_PUBLISHES))
			continue;
		for (size_t j = 0; j < pubst->requires.n; j++) {
			const struct proc_step *prep = proc_step_find(def, pubst->requires.items[j].id);
			bool closes = (st->flags & PROC_CLOSES) != 0;
			if (!prep || !(prep->flags & PROC_REPEATABLE) || (prep->flags & PROC_OUTCOME) ||
			    !(closes || proc_list_has(&prep->requires, ev->step)))
				continue;
			for (size_t k = 0; k < before->n; k++) {
				const struct case_event *old = &before->items[k];
				struct publication p;
				if (strcmp(old->step, prep->id) != 0)
					continue;
				enum fz_err rc = ctx->st->ops->publication_by_event(ctx->st, ctx->a,
										   old->id, &p, e);
				if (rc == FZ_NOTFOUND)
					continue;
				if (rc)
					return rc;
				if (p.status != PUB_PREPARED && p.status != PUB_WITHHELD)
					continue;
				enum pub_status was = p.status;
				p.status = PUB_CANCELLED;
				snprintf(p.set_aside_on, sizeof p.set_aside_on, "%s", ev->on);
				p.withdraw_reason =
					closes ? arena_printf(ctx->a,
							      "%s 已%s，此前拟定的公布文本作废，不再公布",
							      ev->on, st->label)
					       : arena_printf(ctx->a,
							      "%s 已重新作出决定（%s），此前拟定的公布文本作废，"
							      "须依新的决定重新%s",
							      ev->on, st->label, prep->label);
				p.updated_at = ctx->now;
				if (!p.withdraw_reason)
					return fz_fail(e, FZ_NOMEM, NULL, NULL);
				if ((rc = ctx->st->ops->publication_update(ctx->st, &p, e)))
					return rc;
				struct audit_diff d = { .n = 0 };
				audit_diff_str(ctx, &d, "status", pub_status_name(was),
					       pub_status_name(p.status));
				if ((rc = app_audit(ctx, "publication.supersede", "publication", p.id,
						    "ok", NULL, &d, e)))
					return rc;
			}
		}
	}
	return FZ_OK;
}

enum fz_err app_publication_on_event(struct app_ctx *ctx, const struct proc_def *def,
				     const struct enf_case *c,
				     const struct case_event_list *before,
				     const struct case_event *ev, struct fz_error *e)
{
	if (strcmp(ev->step, PROC_CORRECTION) == 0)
		return pub_correction_redraw(ctx, def, c, before, ev, e);
	const struct proc_step *st = proc_step_find(def, ev->step);
	if (!st)
		return FZ_OK;
	if (st->voids.n) {
		enum fz_err rc = set_aside(ctx, def, c, before, ev, st, e);
		if (rc)
			return rc;
	}
	enum fz_err rc = supersede(ctx, def, before, ev, st, e);
	if (rc)
		return rc;
	if (pub_publisher_of(def, ev->step))
		return prepare(ctx, def, c, before, ev, e);
	return FZ_OK;
}

/* --- reading --- */

enum fz_err app_publication_get(struct app_ctx *ctx, int64_t id, bool portal,
				struct publication *out, struct fz_error *e)
{
	enum fz_err rc = ctx->st->ops->publication_get(ctx->st, ctx->a, id, out, e);
	if (rc)
		return rc;
	if (portal) {
		out->original_title = out->original_text = NULL;
		return pub_status_public(out->status) ? FZ_OK
						       : fz_fail(e, FZ_NOTFOUND, "id", "公示不存在");
	}
	struct enf_case c;
	if ((rc = app_require(ctx, PERM_CASE_READ, "publication.read", e)))
		return rc;
	rc = ctx->st->ops->case_get(ctx->st, ctx->a, &ctx->scope, out->case_id, &c, e);
	return rc == FZ_NOTFOUND ? fz_fail(e, FZ_NOTFOUND, "id", "公示不存在") : rc;
}

enum fz_err app_publication_list(struct app_ctx *ctx, const struct publication_filter *f,
				 bool portal, struct page pg, struct publication_list *out,
				 struct fz_error *e)
{
	struct publication_filter pf = *f;
	if (portal) {
		pf.public_only = true;
		pf.today = ctx->today;
		if (pf.status >= 0 && !pub_status_public((enum pub_status)pf.status))
			pf.status = PUB_LIVE;
		return ctx->st->ops->publication_list(ctx->st, ctx->a, &pf, &scope_all, pg, out, e);
	}
	enum fz_err rc = app_require(ctx, PERM_CASE_READ, "publication.read", e);
	if (rc)
		return rc;
	return ctx->st->ops->publication_list(ctx->st, ctx->a, &pf, &ctx->scope, pg, out, e);
}

/* --- confirming and withdrawing --- */

struct pub_hook {
	struct publication *p;
	enum pub_status was;
	const char *action; /* publish, withdraw */
};

/* In the step's transaction: the row, what the public sees, its leaf. */
static enum fz_err pub_write(struct app_ctx *ctx, const struct enf_case *c,
			     const struct case_event *ev, void *arg, struct fz_error *e)
{
	struct pub_hook *h = arg;
	struct publication *p = h->p;
	enum ledger_hash_alg alg;
	unsigned char d[LEDGER_DIGEST_MAX];
	(void)c;
	bool publish = strcmp(h->action, "publish") == 0;
	if (publish) {
		p->status = PUB_LIVE;
		snprintf(p->published_on, sizeof p->published_on, "%s", ev->on);
		p->late = p->due_on[0] && strcmp(ev->on, p->due_on) > 0;
	} else {
		p->status = PUB_WITHDRAWN;
		snprintf(p->withdrawn_on, sizeof p->withdrawn_on, "%s", ev->on);
	}
	p->updated_at = ctx->now;
	struct publication_event pe = {
		.publication_id = p->id, .action = h->action, .at = ctx->now,
		.actor_id = ctx->user ? ctx->user->id : 0, .actor = ctx->actor,
		.title = publish ? p->title : "", .text = publish ? p->text : "",
		.reason = publish ? "" : p->withdraw_reason,
		.basis = publish ? "" : p->withdraw_basis,
	};
	snprintf(pe.on, sizeof pe.on, "%s", ev->on);
	enum fz_err rc;
	if ((rc = ctx->st->ops->publication_update(ctx->st, p, e)) ||
	    (rc = ctx->st->ops->publication_event_insert(ctx->st, &pe, e)) ||
	    (rc = app_ledger_alg(ctx, &alg, e)))
		return rc;
	size_t len = app_ledger_publication_digest(alg, &pe, d);
	if (!len)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	if ((rc = app_ledger_append(ctx, LEDGER_PUBLICATION, pe.id, d, len, NULL, e)))
		return rc;
	/* What is live is searchable; a withdrawn decision leaves the index
	 * in the same transaction (its withdrawal notice stays at its URL). */
	if ((rc = publish ? app_search_index(ctx, p->kind, p->id, p->agency_id, p->decided_on,
					     p->title, p->text, e)
			  : app_search_unindex(ctx, p->kind, p->id, e)))
		return rc;
	struct audit_diff diff = { .n = 0 };
	audit_diff_str(ctx, &diff, "status", pub_status_name(h->was), pub_status_name(p->status));
	audit_diff_bool(ctx, &diff, "late", 0, p->late);
	if (publish) /* the spans the reviewer masked beyond the automatic redaction */
		audit_diff_int(ctx, &diff, "hand_masked", 0, p->hand_masked);
	return app_audit(ctx, publish ? "publication.publish" : "publication.withdraw",
			 "publication", p->id, "ok", NULL, &diff, e);
}

/* Records the pipeline's case step for p (flag: publishes or withdraws)
 * with the hook writing the publication's side. */
static enum fz_err pipeline_act(struct app_ctx *ctx, struct publication *p, unsigned flag,
				const char *action, struct fz_error *e)
{
	const struct proc_registry *reg = case_registry(ctx, e);
	struct enf_case c;
	enum fz_err rc;
	if (!reg)
		return FZ_INTERNAL;
	if ((rc = ctx->st->ops->case_get(ctx->st, ctx->a, &scope_all, p->case_id, &c, e)))
		return rc;
	const struct proc_def *def = proc_registry_find(reg, c.procedure);
	const struct proc_step *st = def ? step_flagged(def, flag) : NULL;
	if (!st)
		return fz_fail(e, FZ_INTERNAL, NULL, "本案的执法程序没有%s步骤",
			       flag == PROC_PUBLISHES ? "公示" : "撤下公示");
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)p->id);
	struct case_field f = { "publication", id };
	struct case_step_input in = { .step = st->id, .fields = &f, .nfields = 1 };
	struct pub_hook h = { p, p->status, action };
	struct case_act_hook hook = { pub_write, &h };
	struct case_check check;
	return app_case_act_publication(ctx, p->case_id, &in, &hook, NULL, &check, e);
}

enum fz_err app_publication_confirm(struct app_ctx *ctx, int64_t id,
				    const struct publication_confirm *in, struct fz_error *e)
{
	struct publication p;
	struct enf_case c;
	enum fz_err rc;
	if ((rc = app_require(ctx, PERM_CASE_ACT, "publication.publish", e)) ||
	    (rc = app_publication_get(ctx, id, false, &p, e)) ||
	    (rc = ctx->st->ops->case_get(ctx->st, ctx->a, &scope_all, p.case_id, &c, e)))
		return rc;
	if (p.status == PUB_CANCELLED && p.withdraw_reason && *p.withdraw_reason)
		return fz_fail(e, FZ_CONFLICT, "status", "该公示已作废（%s），不能确认公示",
			       p.withdraw_reason);
	if (p.status != PUB_PREPARED)
		return fz_fail(e, FZ_CONFLICT, "status", "该公示当前为“%s”，不能确认公示",
			       pub_status_label(p.status));
	if ((rc = pub_adjusted(ctx, &c, in, &p, e)))
		return rc;
	return pipeline_act(ctx, &p, PROC_PUBLISHES, "publish", e);
}

enum fz_err app_publication_withdraw(struct app_ctx *ctx, int64_t id, const char *reason,
				     struct fz_error *e)
{
	struct publication p;
	enum fz_err rc;
	if ((rc = app_require(ctx, PERM_CASE_ACT, "publication.withdraw", e)) ||
	    (rc = app_publication_get(ctx, id, false, &p, e)))
		return rc;
	if (p.status != PUB_WITHDRAWING)
		return fz_fail(e, FZ_CONFLICT, "status",
			       "该公示当前为“%s”；只有原决定被撤销、变更或确认违法后才能撤下",
			       pub_status_label(p.status));
	if (reason && *reason) {
		if (strlen(reason) > 2000 || !utf8_valid(reason, strlen(reason)))
			return fz_fail(e, FZ_INVALID, "reason", "撤下理由不超过 2000 字节");
		p.withdraw_reason = reason;
	}
	return pipeline_act(ctx, &p, PROC_WITHDRAWS, "withdraw", e);
}
