/* case.c - opening cases and taking steps through the procedure engine.
 * The app gathers what the gates judge (the case, its record, the people
 * named, the actor, the calendar) inside one write transaction, asks
 * procedure_check, and only then appends the event and moves the case. */
#include "app/case.h"
#include "app/case_internal.h"
#include "app/case_status.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/consultation.h"
#include "app/authz.h"
#include "app/benchmark.h"
#include "app/calendar.h"
#include "app/document.h"
#include "app/publication.h"
#include "app/enforce.h"
#include "app/ledger.h"
#include "app/procreg.h"
#include "base/date.h"
#include "base/ident.h"
#include "base/num.h"
#include "domain/certificate.h"
#include "domain/org.h"

static const struct scope scope_all = { .kind = SCOPE_ALL };

const struct proc_registry *case_registry(struct app_ctx *ctx, struct fz_error *e)
{
	return ctx->cfg->procs ? ctx->cfg->procs : proc_registry_builtin(e);
}

const struct proc_config *case_config(struct app_ctx *ctx, const struct proc_registry *reg,
				      const struct enf_case *c, struct fz_error *e)
{
	const struct proc_config *cfg =
		reg ? proc_registry_case_config(reg, c->domain, ctx->a) : NULL;
	if (!cfg)
		fz_fail(e, reg ? FZ_NOMEM : FZ_INTERNAL, NULL, NULL);
	return cfg;
}

const struct proc_def *app_procedures(struct app_ctx *ctx, size_t *n)
{
	const struct proc_registry *reg = case_registry(ctx, NULL);
	*n = 0;
	return reg ? proc_registry_defs(reg, n) : NULL;
}

static void event_from_input(struct app_ctx *ctx, const struct case_step_input *in,
			     struct case_event *ev)
{
	memset(ev, 0, sizeof *ev);
	ev->step = in->step;
	snprintf(ev->on, sizeof ev->on, "%s", in->on && *in->on ? in->on : ctx->today);
	ev->actor_id = ctx->user ? ctx->user->id : 0;
	ev->actor = ctx->actor;
	ev->corrects = in->corrects;
	ev->reason = in->reason ? in->reason : "";
	ev->fields = in->fields;
	ev->nfields = in->nfields;
	ev->officers = in->officers;
	ev->nofficers = in->nofficers;
	ev->at = ctx->now;
}

/* Moves the case's projection after ev. */
static void case_follow(struct app_ctx *ctx, const struct proc_def *def, struct enf_case *c,
			const struct case_event *ev)
{
	const struct proc_step *st = proc_step_find(def, ev->step);
	/* a closed case stays 结案 when its decision goes public later */
	if (st && c->closed && (st->flags & (PROC_PUBLISHES | PROC_WITHDRAWS)))
		st = NULL;
	/* supervision and its answers leave the case where it stands */
	if (st && !(st->flags & PROC_OVERSIGHT)) {
		c->state = (char *)st->id;
		if (st->flags & PROC_OPENS)
			snprintf(c->opened_on, sizeof c->opened_on, "%s", ev->on);
		if (st->flags & PROC_CLOSES)
			c->closed = true;
	}
	c->updated_at = ctx->now;
}

static bool given(const char *s)
{
	return s && *s;
}

/* A matter (事项, `subject matter`): a title, no party, no act, no
 * enforcement domain. A party, an act date or a domain given is refused
 * rather than dropped: the caller meant a case. */
static enum fz_err matter_input_check(const struct case_input *in, struct fz_error *e)
{
	enum fz_err rc;
	if ((rc = text_check(in->title, "title", "标题", 100, e)))
		return rc;
	if (given(in->party_name) || given(in->party_id) || given(in->party_address) ||
	    in->party_kind)
		return fz_fail(e, FZ_INVALID, "party_name",
			       "规范性文件等事项没有当事人，请不要填写当事人信息");
	if (given(in->act_date))
		return fz_fail(e, FZ_INVALID, "act_date", "事项没有违法行为发生日期，请不要填写");
	if (given(in->domain))
		return fz_fail(e, FZ_INVALID, "domain", "事项不属于执法领域，请不要填写");
	if (given(in->matter))
		return fz_fail(e, FZ_INVALID, "matter", "事项不适用裁量基准，请不要填写");
	return FZ_OK;
}

/* Each co-drafting unit (会同起草单位) an event names is an agency other
 * than the owning one, named once: a claim checked against the record. */
static enum fz_err co_units_check(struct app_ctx *ctx, const struct proc_def *def,
				  const struct enf_case *c, const struct case_event *ev,
				  struct fz_error *e)
{
	const char *v = def->matter ? case_event_field(ev, PROC_CO_UNITS) : NULL;
	if (!v || !*v)
		return FZ_OK;
	char item[24];
	int64_t seen[16];
	size_t nseen = 0;
	for (const char *p = v; *p;) {
		size_t n = strcspn(p, ", ，");
		if (!n) {
			p += strncmp(p, "，", 3) == 0 ? 3 : 1;
			continue;
		}
		snprintf(item, sizeof item, "%.*s", (int)(n < sizeof item - 1 ? n : sizeof item - 1),
			 p);
		int64_t id = n < sizeof item ? num_id(item) : 0;
		struct agency ag;
		if (!id || ctx->st->ops->agency_get(ctx->st, ctx->a, &scope_all, id, &ag, NULL))
			return fz_fail(e, FZ_INVALID, PROC_CO_UNITS,
				       "会同起草单位“%.*s”不是本系统中的单位编号", (int)(n > 40 ? 40 : n),
				       p);
		if (id == c->agency_id)
			return fz_fail(e, FZ_INVALID, PROC_CO_UNITS,
				       "%s是牵头起草单位，不必列为会同起草单位", ag.name);
		for (size_t i = 0; i < nseen; i++)
			if (seen[i] == id)
				return fz_fail(e, FZ_INVALID, PROC_CO_UNITS, "会同起草单位%s重复",
					       ag.name);
		if (nseen == sizeof seen / sizeof seen[0])
			return fz_fail(e, FZ_INVALID, PROC_CO_UNITS, "会同起草单位最多 %zu 个",
				       sizeof seen / sizeof seen[0]);
		seen[nseen++] = id;
		p += n;
	}
	return FZ_OK;
}

static enum fz_err case_input_check(struct app_ctx *ctx, const struct case_input *in,
				    const struct agency *ag, struct fz_error *e)
{
	enum fz_err rc;
	int y, m, d;
	if ((rc = text_check(in->title, "title", "案由", 100, e)) ||
	    (rc = text_check(in->party_name, "party_name", "当事人名称", 100, e)) ||
	    (rc = text_check(in->domain, "domain", "执法领域", 30, e)))
		return rc;
	if (in->party_address && *in->party_address &&
	    (rc = text_check(in->party_address, "party_address", "当事人地址", 200, e)))
		return rc;
	if (in->party_kind != PARTY_CITIZEN && in->party_kind != PARTY_ORGANISATION)
		return fz_fail(e, FZ_INVALID, "party_kind",
			       "当事人类别应为 citizen（公民）或 organisation（法人或其他组织）");
	if (in->party_id && *in->party_id) {
		rc = in->party_kind == PARTY_CITIZEN
			     ? ident_resident_id_check(in->party_id, "party_id", e)
			     : ident_uscc_check(in->party_id, "party_id", e);
		if (rc)
			return rc;
	}
	if (!in->act_date || !date_parse(in->act_date, &y, &m, &d))
		return fz_fail(e, FZ_INVALID, "act_date", "违法行为发生日期格式应为 YYYY-MM-DD");
	if (strcmp(in->act_date, ctx->today) > 0)
		return fz_fail(e, FZ_INVALID, "act_date", "违法行为发生日期不能晚于今天");
	/* The case's domain must be one the agency enforces. */
	struct certificate probe = { .domains = ag->domains };
	if (!certificate_covers_domain(&probe, in->domain))
		return fz_fail(e, FZ_INVALID, "domain", "执法领域“%s”不在本机关的执法领域（%s）内",
			       in->domain, ag->domains);
	return FZ_OK;
}

/* 机关代字 (the agency's own, or derived: org_agency_code); 类别代字 by kind: 罚立 for penalty cases
 * (立案), so that the decisions can take 罚 (docgen/compose.c). */
static void case_numbering_for(struct app_ctx *ctx, const struct agency *ag,
			       enum case_kind kind, const char *opened_on,
			       struct case_numbering *num)
{
	/* 规草: a normative document's matter (its 文号 is the document's own
	 * series, 规: docgen/compose.c) */
	static const char *const kind_codes[] = { "", "罚立", "检", "许", "强", "规草", "决策" };
	size_t len;
	const char *code = org_agency_code(ag->name, ag->doc_code, &len);
	num->agency_code = arena_strndup(ctx->a, code, len);
	num->kind_code = kind_codes[kind >= 1 && kind <= CASE_KIND_LAST ? kind : 0];
	num->year = (int)strtol(opened_on, NULL, 10);
}

static const struct proc_step *opening_step(const struct proc_def *def)
{
	for (size_t i = 0; i < def->nsteps; i++)
		if (def->steps[i].flags & PROC_OPENS)
			return &def->steps[i];
	return NULL;
}

static void audit_gate_denial(struct app_ctx *ctx, const char *action, int64_t case_id,
			      const struct fz_error *e)
{
	const char *msg = arena_printf(ctx->a, "%s: %s", e->field, e->message);
	(void)app_audit_now(ctx, action, "case", case_id, "denied", msg ? msg : e->field);
}

static enum fz_err case_open_once(struct app_ctx *ctx, const struct case_input *in,
				  const struct case_step_input *open, struct enf_case *out,
				  struct case_check *check, struct fz_error *e)
{
	enum fz_err rc;
	struct agency ag;
	const struct proc_registry *reg;

	if ((rc = app_require(ctx, PERM_CASE_ACT, "case.open", e)))
		return rc;
	if (!(reg = case_registry(ctx, e)))
		return FZ_INTERNAL;
	if (!ctx->user || !ctx->user->agency_id)
		return fz_fail(e, FZ_FORBIDDEN, NULL, "账号未归属执法主体，不能立案");
	const struct proc_def *def = proc_registry_find(reg, in->procedure);
	if (!def)
		return fz_fail(e, FZ_INVALID, "procedure", "未知的执法程序“%s”",
			       in->procedure ? in->procedure : "");
	const struct proc_step *first = opening_step(def);
	if (open && open->step && first && strcmp(open->step, first->id) != 0)
		return fz_fail(e, FZ_INVALID, "step", "立案须以“%s”步骤开始", first->label);
	if ((rc = ctx->st->ops->agency_get(ctx->st, ctx->a, &scope_all, ctx->user->agency_id,
					   &ag, e)) ||
	    (rc = def->matter ? matter_input_check(in, e) : case_input_check(ctx, in, &ag, e)))
		return rc;
	if (!def->matter && in->matter && *in->matter) {
		const struct benchmark_set *set = app_benchmarks(ctx);
		if (!set || !benchmark_find(set, in->matter))
			return fz_fail(e, FZ_INVALID, "matter", "裁量基准中没有执法事项“%s”",
				       in->matter);
	}

	struct enf_case c;
	memset(&c, 0, sizeof c);
	c.agency_id = ag.id;
	c.procedure = (char *)def->id;
	c.kind = def->kind;
	c.domain = (char *)(def->matter ? "" : in->domain);
	c.matter = (char *)(in->matter && !def->matter ? in->matter : "");
	c.title = (char *)in->title;
	c.party_kind = def->matter ? PARTY_NONE : (enum party_kind)in->party_kind;
	c.party_name = (char *)(def->matter ? "" : in->party_name);
	c.party_id = (char *)(in->party_id && !def->matter ? in->party_id : "");
	c.party_address = (char *)(in->party_address && !def->matter ? in->party_address : "");
	snprintf(c.act_date, sizeof c.act_date, "%s", def->matter ? "" : in->act_date);
	c.state = "";
	c.created_by = ctx->user->id;
	c.created_at = c.updated_at = ctx->now;

	struct case_step_input def_open = { .step = first ? first->id : "" };
	struct case_event ev;
	event_from_input(ctx, open ? open : &def_open, &ev);
	if (!ev.step || !*ev.step)
		ev.step = first ? first->id : "";

	/* the holiday calendar is read once per transaction: the gates and
	 * the derived status judge by the same one */
	struct calendar cal;
	struct case_document_list none;
	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	rc = app_calendar_get(ctx, &cal, e);
	if (!rc)
		rc = case_check_event(ctx, def, &cal, &c, NULL, 0, &ev, check, &none, e);
	if (!rc)
		rc = co_units_check(ctx, def, &c, &ev, e);
	if (rc) {
		app_tx_abort(ctx);
		if (rc != FZ_NOMEM && rc != FZ_DB && rc != FZ_BUSY)
			audit_gate_denial(ctx, "case.open", 0, e);
		return rc;
	}
	case_follow(ctx, def, &c, &ev);
	struct case_numbering num;
	case_numbering_for(ctx, &ag, def->kind, c.opened_on[0] ? c.opened_on : ev.on, &num);
	if ((rc = ctx->st->ops->case_insert(ctx->st, ctx->a, &c, &num, e)))
		goto abort;
	ev.case_id = c.id;
	if ((rc = app_ledger_case_header(ctx, c.id, e)) ||
	    (rc = ctx->st->ops->case_event_append(ctx->st, &ev, e)) ||
	    (rc = app_ledger_append_event(ctx, &ev, e)))
		goto abort;
	if ((rc = app_documents_generate(ctx, def, &c, &ev, NULL, e)))
		goto abort;
	struct audit_diff d = { .n = 0 };
	audit_diff_str(ctx, &d, "number", NULL, c.number);
	audit_diff_str(ctx, &d, "procedure", NULL, c.procedure);
	audit_diff_str(ctx, &d, "title", NULL, c.title);
	audit_diff_str(ctx, &d, "state", NULL, c.state);
	if ((rc = app_case_status_write_cal(ctx, &cal, &c, e)))
		goto abort;
	/* The case as stored is read back before the commit: once committed,
	 * the open has happened and must not be reported as failed (a client
	 * would open it again). */
	if (out && (rc = ctx->st->ops->case_get(ctx->st, ctx->a, &scope_all, c.id, out, e)))
		goto abort;
	return app_tx_finish(ctx, "case.open", "case", c.id, ev.step, &d, e);
abort:
	app_tx_abort(ctx);
	return rc;
}

/* The draw step is the server's (app_case_draw makes the seed): a client
 * that chose its own seed could try seeds until the draw suited it. */
#define DRAW_STEP "random_draw"

static bool corrects_draw(const struct case_event_list *events, int64_t id)
{
	for (size_t i = 0; i < events->n; i++)
		if (events->items[i].id == id)
			return strcmp(events->items[i].step, DRAW_STEP) == 0;
	return false;
}

/* A case is opened, and a step taken, whole or not at all: when the
 * database was busy, from the start again (app/tx.h). */
enum fz_err app_case_open(struct app_ctx *ctx, const struct case_input *in,
			  const struct case_step_input *open, struct enf_case *out,
			  struct case_check *check, struct fz_error *e)
{
	enum fz_err rc;
	bool outer = app_tx_whole(ctx, true);
	do
		rc = case_open_once(ctx, in, open, out, check, e);
	while (app_tx_again(ctx, rc));
	app_tx_whole(ctx, outer);
	return rc;
}

/* Who records the step: a person through the case page or API, the draw
 * (a seed the server made) or the publication pipeline (公示 goes live or
 * is withdrawn: app/publication.c), which passes a hook that writes its
 * own rows in the step's transaction. */
enum case_act_mode { ACT_PERSON, ACT_DRAW, ACT_PUBLICATION };

static bool pipeline_step(const struct proc_def *def, const char *step)
{
	const struct proc_step *s = def ? proc_step_find(def, step) : NULL;
	return s && (s->flags & (PROC_PUBLISHES | PROC_WITHDRAWS));
}

/* The permission a step needs: the draw is the server's own act. */
static enum perm act_perm(enum case_act_mode mode)
{
	return mode == ACT_DRAW ? PERM_CASE_ACT : PERM_CASE_STEP;
}

/* One run of a step. drafts NULL: the real one, in a write transaction,
 * using drafted (may be NULL) for its documents. drafts set: a
 * rehearsal in a read transaction that judges the step as the real run
 * would and draws its documents into *drafts, writing nothing. */
static enum fz_err case_act_once(struct app_ctx *ctx, int64_t case_id,
				 const struct case_step_input *in, enum case_act_mode mode,
				 const struct case_act_hook *hook, struct case_event *out,
				 struct enf_case *kase, struct case_check *check,
				 const struct document_drafts *drafted,
				 struct document_drafts **drafts, struct fz_error *e)
{
	bool server_draw = mode == ACT_DRAW;
	enum fz_err rc;
	const struct proc_registry *reg;
	struct enf_case c;
	struct case_event_list events;
	struct calendar cal; /* read once: the gates and the status judge by it */

	if ((rc = app_require(ctx, act_perm(mode), "case.act", e)))
		return rc;
	if (!(reg = case_registry(ctx, e)))
		return FZ_INTERNAL;
	if (!in->step || !*in->step)
		return fz_fail(e, FZ_INVALID, "step", "请选择要办理的步骤");
	if (!server_draw && strcmp(in->step, DRAW_STEP) == 0)
		return fz_fail(e, FZ_INVALID, "step",
			       "随机抽取须由系统生成随机种子进行（案件页的“随机抽取”，"
			       "或接口 POST /api/v1/cases/{id}/draw）");
	if ((rc = drafts ? ctx->st->ops->begin(ctx->st, false, e) : app_tx_begin(ctx, e)))
		return rc;
	if ((rc = ctx->st->ops->case_record(ctx->st, ctx->a, &ctx->scope, case_id, &c, &events,
					    e)))
		goto abort;
	if (strcmp(in->step, PROC_CORRECTION) == 0 && corrects_draw(&events, in->corrects)) {
		rc = fz_fail(e, FZ_FORBIDDEN, "corrects", "随机抽取的结果不能更正");
		goto abort;
	}
	const struct proc_def *def = proc_registry_find(reg, c.procedure);
	if (!def) {
		rc = fz_fail(e, FZ_INTERNAL, NULL, "本案的执法程序“%s”未加载", c.procedure);
		goto abort;
	}
	if (mode != ACT_PUBLICATION && pipeline_step(def, in->step)) {
		rc = fz_fail(e, FZ_INVALID, "step",
			     "公示和撤下公示由公示流程在确认时自动记录，请在“公示审核”中预览并确认");
		goto abort;
	}
	if (strcmp(in->step, PROC_CORRECTION) == 0) {
		for (size_t i = 0; i < events.n; i++)
			if (events.items[i].id == in->corrects &&
			    pipeline_step(def, events.items[i].step)) {
				rc = fz_fail(e, FZ_FORBIDDEN, "corrects", "公示记录不能更正");
				goto abort;
			}
	}
	struct case_event ev;
	/* A case's events are recorded in time order (verify checks it). The
	 * request's time was read when it arrived; one that waited for the
	 * lock (or was tried again) while another step of the case
	 * committed is recorded at that step's time, not before it: its
	 * event, leaf, documents and audit record alike. */
	if (events.n && events.items[events.n - 1].at > ctx->now) {
		ctx->now = events.items[events.n - 1].at;
		date_today(ctx->now, ctx->today);
	}
	event_from_input(ctx, in, &ev);
	ev.case_id = case_id;
	/* A decision is measured against the case's discretion benchmark;
	 * what the benchmark says goes into the event, for the gates and for
	 * the reviewer. */
	const struct proc_step *st = proc_step_find(def, in->step);
	if (st && (st->flags & PROC_DECIDES) &&
	    (rc = app_benchmark_annotate(ctx, &c, in->fields, in->nfields, &ev.fields,
					 &ev.nfields, e)))
		goto abort;
	/* A 催告 states the amounts the case owes on its day: computed here. */
	if ((rc = app_demand_annotate(ctx, def, proc_registry_config(reg), events.items, events.n,
				      &ev, e)))
		goto abort;
	/* the documents the gates judge, and the count of those this
	 * request inserted when they were read */
	struct case_document_list docs;
	unsigned docs_at = ctx->documents_inserted;
	rc = app_calendar_get(ctx, &cal, e);
	if (!rc)
		rc = case_check_event(ctx, def, &cal, &c, events.items, events.n, &ev, check, &docs, e);
	if (!rc)
		rc = co_units_check(ctx, def, &c, &ev, e);
	/* a correction never changes what the portal shows (app/publication.h) */
	if (!rc && strcmp(ev.step, PROC_CORRECTION) == 0)
		rc = app_publication_correction_check(ctx, def, &c, &events, &ev, e);
	/* the public's comments each answered before the period is closed
	 * (keyed by the step's name: every procedure with a comment period) */
	if (!rc && strcmp(ev.step, CONSULT_CLOSE_STEP) == 0)
		rc = app_comment_close_check(ctx, case_id, e);
	if (rc) {
		app_tx_abort(ctx);
		if (!drafts && rc != FZ_NOMEM && rc != FZ_DB && rc != FZ_BUSY)
			audit_gate_denial(ctx, "case.act", case_id, e);
		return rc;
	}
	const char *before = c.state;
	bool was_closed = c.closed;
	if (strcmp(ev.step, PROC_CORRECTION) != 0)
		case_follow(ctx, def, &c, &ev);
	else
		c.updated_at = ctx->now;
	if (drafts) {
		rc = app_documents_draft(ctx, def, &c, &events, &ev, drafts, e);
		app_tx_abort(ctx);
		return rc;
	}
	if ((rc = ctx->st->ops->case_event_append(ctx->st, &ev, e)) ||
	    (rc = app_ledger_append_event(ctx, &ev, e)) ||
	    (rc = ctx->st->ops->case_update(ctx->st, &c, e)) ||
	    (rc = app_ledger_case_header(ctx, case_id, e)))
		goto abort;
	if ((rc = app_documents_generate(ctx, def, &c, &ev, drafted, e)) ||
	    (rc = app_publication_on_event(ctx, def, &c, &events, &ev, e)) ||
	    (hook && (rc = hook->fn(ctx, &c, &ev, hook->arg, e))))
		goto abort;
	struct audit_diff d = { .n = 0 };
	audit_diff_str(ctx, &d, "state", before, c.state);
	audit_diff_bool(ctx, &d, "closed", was_closed, c.closed);
	/* the status over the events read above and the one appended (the
	 * store gave it its id and seq): not read again */
	struct case_event_list after = { .n = events.n + 1 };
	if (!(after.items = arena_calloc_raw(ctx->a, after.n, sizeof *after.items))) {
		rc = fz_fail(e, FZ_NOMEM, NULL, NULL);
		goto abort;
	}
	if (events.n)
		memcpy(after.items, events.items, events.n * sizeof *after.items);
	after.items[events.n] = ev;
	/* and the documents the gates read, unless the step has inserted
	 * one since (its own, drawn above): then they are read again */
	if ((rc = app_case_status_write_events(ctx, &cal, &c, &after,
					       ctx->documents_inserted == docs_at ? &docs : NULL,
					       e)))
		goto abort;
	if ((rc = app_tx_finish(ctx, strcmp(ev.step, PROC_CORRECTION) ? "case.act"
								     : "case.correct",
				"case", case_id, ev.step, &d, e)))
		return rc;
	if (out)
		*out = ev;
	/* the case as this transaction wrote it (case_update stored every
	 * column shown, updated_at included): what reading it after the
	 * commit would give, were no later step of it committed meanwhile */
	if (kase)
		*kase = c;
	return FZ_OK;
abort:
	app_tx_abort(ctx);
	return rc;
}

static enum fz_err case_act(struct app_ctx *ctx, int64_t case_id,
			    const struct case_step_input *in, enum case_act_mode mode,
			    const struct case_act_hook *hook, struct case_event *out,
			    struct enf_case *kase, struct case_check *check, struct fz_error *e)
{
	enum fz_err rc;
	struct document_drafts *drafts = NULL;
	const struct proc_registry *reg = case_registry(ctx, NULL);
	/* Documents are drawn first, outside the write lock; the real run
	 * uses a drawing only if it says exactly what the real run composes
	 * (app/document_make.c). A rehearsal that fails drafts nothing: the
	 * real run judges, and says why. */
	bool may = ctx->cli || (ctx->user && authz_allows(ctx->user->roles, act_perm(mode)));
	if (may && in->step && app_documents_step_draws(reg, in->step)) {
		struct fz_error ignored;
		if (case_act_once(ctx, case_id, in, mode, NULL, NULL, NULL, NULL, NULL, &drafts,
				  &ignored))
			drafts = NULL;
	}
	bool outer = app_tx_whole(ctx, true);
	do
		rc = case_act_once(ctx, case_id, in, mode, hook, out, kase, check, drafts, NULL,
				   e);
	while (app_tx_again(ctx, rc));
	app_tx_whole(ctx, outer);
	return rc;
}

enum fz_err app_case_act(struct app_ctx *ctx, int64_t case_id, const struct case_step_input *in,
			 struct case_event *out, struct case_check *check, struct fz_error *e)
{
	return case_act(ctx, case_id, in, ACT_PERSON, NULL, out, NULL, check, e);
}

enum fz_err app_case_act_case(struct app_ctx *ctx, int64_t case_id,
			      const struct case_step_input *in, struct case_event *out,
			      struct enf_case *kase, struct case_check *check, struct fz_error *e)
{
	return case_act(ctx, case_id, in, ACT_PERSON, NULL, out, kase, check, e);
}

enum fz_err app_case_act_draw(struct app_ctx *ctx, int64_t case_id,
			      const struct case_step_input *in, struct case_event *out,
			      struct case_check *check, struct fz_error *e)
{
	return case_act(ctx, case_id, in, ACT_DRAW, NULL, out, NULL, check, e);
}

enum fz_err app_case_act_publication(struct app_ctx *ctx, int64_t case_id,
				     const struct case_step_input *in,
				     const struct case_act_hook *hook, struct case_event *out,
				     struct case_check *check, struct fz_error *e)
{
	return case_act(ctx, case_id, in, ACT_PUBLICATION, hook, out, NULL, check, e);
}
