/* case.c - opening cases and taking steps through the procedure engine.
 * The app gathers what the gates judge (the case, its record, the people
 * named, the actor, the calendar) inside one write transaction, asks
 * procedure_check, and only then appends the event and moves the case. */
#include "app/case.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/authz.h"
#include "app/benchmark.h"
#include "app/calendar.h"
#include "app/document.h"
#include "app/enforce.h"
#include "app/ledger.h"
#include "app/procreg.h"
#include "base/date.h"
#include "base/ident.h"
#include "domain/case_events.h"
#include "domain/awaits.h"
#include "domain/certificate.h"
#include "domain/org.h"

#define CASE_PEOPLE_MAX 16
static const struct scope scope_all = { .kind = SCOPE_ALL };

/* The server's registry, or the built-in one (shell, tests). */
static const struct proc_registry *registry(struct app_ctx *ctx, struct fz_error *e)
{
	return ctx->cfg->procs ? ctx->cfg->procs : proc_registry_builtin(e);
}

/* The province config as it applies to case c: its enforcement domain's
 * own periods and their basis (proc_config_for_domain). */
static const struct proc_config *case_config(struct app_ctx *ctx,
					     const struct proc_registry *reg,
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
	const struct proc_registry *reg = registry(ctx, NULL);
	*n = 0;
	return reg ? proc_registry_defs(reg, n) : NULL;
}

/* Facts about one person for the gates, on day for domain. */
static enum fz_err person_fact(struct app_ctx *ctx, int64_t id, const char *day,
			       const char *domain, struct proc_person *out, struct fz_error *e)
{
	struct person p;
	enum fz_err rc = ctx->st->ops->person_get(ctx->st, ctx->a, &ctx->scope, id, &p, e);
	if (rc == FZ_NOTFOUND)
		return fz_fail(e, FZ_INVALID, "officers", "人员 %lld 不存在或不在本单位",
			       (long long)id);
	if (rc)
		return rc;
	struct certificate_filter f = { .person_id = id, .today = day };
	struct certificate_list certs;
	struct page pg = { 0, 50 };
	if ((rc = ctx->st->ops->certificate_list(ctx->st, ctx->a, &scope_all, &f, pg, &certs, e)))
		return rc;
	proc_person_fill(&p, certs.items, certs.n, day, domain, out);
	return FZ_OK;
}

static bool have_person(const struct proc_person *people, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (people[i].id == id)
			return true;
	return false;
}

/* The people an event names: its officers, a hearing's host, and the
 * actor's own person record. */
static enum fz_err gather_people(struct app_ctx *ctx, const struct case_event *ev,
				 const char *domain, struct proc_person *people, size_t *n,
				 struct fz_error *e)
{
	int64_t ids[CASE_PEOPLE_MAX];
	size_t k = 0;
	for (size_t i = 0; i < ev->nofficers && k < CASE_PEOPLE_MAX - 3; i++)
		ids[k++] = ev->officers[i];
	/* People named by a field: a hearing's host, the officer a recusal
	 * is about. */
	static const char *const named[] = { "host", "person" };
	for (size_t j = 0; j < 2; j++) {
		const char *v = case_event_field(ev, named[j]);
		int64_t pid;
		if (v && sscanf(v, "%lld", (long long *)&pid) == 1 && pid > 0)
			ids[k++] = pid;
	}
	if (ctx->user && ctx->user->person_id)
		ids[k++] = ctx->user->person_id;
	*n = 0;
	for (size_t i = 0; i < k; i++) {
		if (have_person(people, *n, ids[i]))
			continue;
		enum fz_err rc = person_fact(ctx, ids[i], ev->on, domain, &people[*n], e);
		if (rc)
			return rc;
		(*n)++;
	}
	return FZ_OK;
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

/* Runs the engine for ev on c with events so far. FZ_OK when every gate
 * passes; otherwise the blocking code with e set. */
static enum fz_err check_event(struct app_ctx *ctx, const struct proc_def *def,
			       const struct enf_case *c, const struct case_event *events,
			       size_t nevents, const struct case_event *ev,
			       struct case_check *check, struct fz_error *e)
{
	struct calendar cal;
	struct proc_person people[CASE_PEOPLE_MAX];
	size_t npeople = 0;
	enum fz_err rc;
	int y, m, d;

	if (!date_parse(ev->on, &y, &m, &d))
		return fz_fail(e, FZ_INVALID, "on", "日期格式应为 YYYY-MM-DD");
	const struct proc_config *cfg = case_config(ctx, registry(ctx, NULL), c, e);
	if (!cfg)
		return e ? e->code : FZ_NOMEM;
	if ((rc = app_calendar_get(ctx, &cal, e)) ||
	    (rc = gather_people(ctx, ev, c->domain, people, &npeople, e)))
		return rc;
	struct proc_ctx pc = {
		.def = def,
		.cfg = cfg,
		.cal = &cal,
		.kase = c,
		.events = events,
		.nevents = nevents,
		.proposed = ev,
		.people = people,
		.npeople = npeople,
		.actor_roles = ctx->user ? ctx->user->roles : 0,
		.actor_person = ctx->user ? ctx->user->person_id : 0,
		.today = ctx->today,
		.scratch = ctx->a,
	};
	if (c->id && (rc = app_case_filed(ctx, def, c->id, events, nevents, &pc.filed,
					  &pc.nfiled, e)))
		return rc;
	struct gate_result *res = arena_calloc(ctx->a, GATE_RESULTS_MAX, sizeof *res);
	if (!res)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	size_t n = 0;
	rc = procedure_check(&pc, res, GATE_RESULTS_MAX, &n, e);
	if (check) {
		check->results = res;
		check->n = n;
	}
	return rc;
}

/* Moves the case's projection after ev. */
static void case_follow(struct app_ctx *ctx, const struct proc_def *def, struct enf_case *c,
			const struct case_event *ev)
{
	const struct proc_step *st = proc_step_find(def, ev->step);
	if (st) {
		c->state = (char *)st->id;
		if (st->flags & PROC_OPENS)
			snprintf(c->opened_on, sizeof c->opened_on, "%s", ev->on);
		if (st->flags & PROC_CLOSES)
			c->closed = true;
	}
	c->updated_at = ctx->now;
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
	static const char *const kind_codes[] = { "", "罚立", "检", "许", "强" };
	size_t len;
	const char *code = org_agency_code(ag->name, ag->doc_code, &len);
	num->agency_code = arena_strndup(ctx->a, code, len);
	num->kind_code = kind_codes[kind >= 1 && kind <= 4 ? kind : 0];
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

enum fz_err app_case_open(struct app_ctx *ctx, const struct case_input *in,
			  const struct case_step_input *open, struct enf_case *out,
			  struct case_check *check, struct fz_error *e)
{
	enum fz_err rc;
	struct agency ag;
	const struct proc_registry *reg;

	if ((rc = app_require(ctx, PERM_CASE_ACT, "case.open", e)))
		return rc;
	if (!(reg = registry(ctx, e)))
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
	    (rc = case_input_check(ctx, in, &ag, e)))
		return rc;
	if (in->matter && *in->matter) {
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
	c.domain = (char *)in->domain;
	c.matter = (char *)(in->matter ? in->matter : "");
	c.title = (char *)in->title;
	c.party_kind = (enum party_kind)in->party_kind;
	c.party_name = (char *)in->party_name;
	c.party_id = (char *)(in->party_id ? in->party_id : "");
	c.party_address = (char *)(in->party_address ? in->party_address : "");
	snprintf(c.act_date, sizeof c.act_date, "%s", in->act_date);
	c.state = "";
	c.created_by = ctx->user->id;
	c.created_at = c.updated_at = ctx->now;

	struct case_step_input def_open = { .step = first ? first->id : "" };
	struct case_event ev;
	event_from_input(ctx, open ? open : &def_open, &ev);
	if (!ev.step || !*ev.step)
		ev.step = first ? first->id : "";

	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	rc = check_event(ctx, def, &c, NULL, 0, &ev, check, e);
	if (rc) {
		app_tx_abort(ctx);
		if (rc != FZ_NOMEM && rc != FZ_DB)
			audit_gate_denial(ctx, "case.open", 0, e);
		return rc;
	}
	case_follow(ctx, def, &c, &ev);
	struct case_numbering num;
	case_numbering_for(ctx, &ag, def->kind, c.opened_on[0] ? c.opened_on : ev.on, &num);
	if ((rc = ctx->st->ops->case_insert(ctx->st, ctx->a, &c, &num, e)))
		goto abort;
	ev.case_id = c.id;
	if ((rc = ctx->st->ops->case_event_append(ctx->st, &ev, e)) ||
	    (rc = app_ledger_append_event(ctx, &ev, e)))
		goto abort;
	if ((rc = app_documents_generate(ctx, def, &c, &ev, e)))
		goto abort;
	struct audit_diff d = { .n = 0 };
	audit_diff_str(ctx, &d, "number", NULL, c.number);
	audit_diff_str(ctx, &d, "procedure", NULL, c.procedure);
	audit_diff_str(ctx, &d, "title", NULL, c.title);
	audit_diff_str(ctx, &d, "state", NULL, c.state);
	if ((rc = app_tx_finish(ctx, "case.open", "case", c.id, ev.step, &d, e)))
		return rc;
	if (out)
		return ctx->st->ops->case_get(ctx->st, ctx->a, &scope_all, c.id, out, e);
	return FZ_OK;
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

static enum fz_err case_act(struct app_ctx *ctx, int64_t case_id,
			    const struct case_step_input *in, bool server_draw,
			    struct case_event *out, struct case_check *check, struct fz_error *e)
{
	enum fz_err rc;
	const struct proc_registry *reg;
	struct enf_case c;
	struct case_event_list events;

	if ((rc = app_require(ctx, PERM_CASE_ACT, "case.act", e)))
		return rc;
	if (!(reg = registry(ctx, e)))
		return FZ_INTERNAL;
	if (!in->step || !*in->step)
		return fz_fail(e, FZ_INVALID, "step", "请选择要办理的步骤");
	if (!server_draw && strcmp(in->step, DRAW_STEP) == 0)
		return fz_fail(e, FZ_INVALID, "step",
			       "随机抽取须由系统生成随机种子进行（案件页的“随机抽取”，"
			       "或接口 POST /api/v1/cases/{id}/draw）");
	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	if ((rc = ctx->st->ops->case_get(ctx->st, ctx->a, &ctx->scope, case_id, &c, e)) ||
	    (rc = ctx->st->ops->case_events(ctx->st, ctx->a, &ctx->scope, case_id, &events, e)))
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
	struct case_event ev;
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
	rc = check_event(ctx, def, &c, events.items, events.n, &ev, check, e);
	if (rc) {
		app_tx_abort(ctx);
		if (rc != FZ_NOMEM && rc != FZ_DB)
			audit_gate_denial(ctx, "case.act", case_id, e);
		return rc;
	}
	const char *before = c.state;
	bool was_closed = c.closed;
	if (strcmp(ev.step, PROC_CORRECTION) != 0)
		case_follow(ctx, def, &c, &ev);
	else
		c.updated_at = ctx->now;
	if ((rc = ctx->st->ops->case_event_append(ctx->st, &ev, e)) ||
	    (rc = app_ledger_append_event(ctx, &ev, e)) ||
	    (rc = ctx->st->ops->case_update(ctx->st, &c, e)))
		goto abort;
	if ((rc = app_documents_generate(ctx, def, &c, &ev, e)))
		goto abort;
	struct audit_diff d = { .n = 0 };
	audit_diff_str(ctx, &d, "state", before, c.state);
	audit_diff_bool(ctx, &d, "closed", was_closed, c.closed);
	if ((rc = app_tx_finish(ctx, strcmp(ev.step, PROC_CORRECTION) ? "case.act"
								     : "case.correct",
				"case", case_id, ev.step, &d, e)))
		return rc;
	if (out)
		*out = ev;
	return FZ_OK;
abort:
	app_tx_abort(ctx);
	return rc;
}

enum fz_err app_case_act(struct app_ctx *ctx, int64_t case_id, const struct case_step_input *in,
			 struct case_event *out, struct case_check *check, struct fz_error *e)
{
	return case_act(ctx, case_id, in, false, out, check, e);
}

enum fz_err app_case_act_draw(struct app_ctx *ctx, int64_t case_id,
			      const struct case_step_input *in, struct case_event *out,
			      struct case_check *check, struct fz_error *e)
{
	return case_act(ctx, case_id, in, true, out, check, e);
}

enum fz_err app_case_get(struct app_ctx *ctx, int64_t id, struct enf_case *out,
			 struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_CASE_READ, "case.read", e);
	if (rc)
		return rc;
	return ctx->st->ops->case_get(ctx->st, ctx->a, &ctx->scope, id, out, e);
}

enum fz_err app_case_list(struct app_ctx *ctx, const struct case_filter *f, struct page pg,
			  struct case_list *out, struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_CASE_READ, "case.read", e);
	if (rc)
		return rc;
	struct case_filter none = { 0 };
	return ctx->st->ops->case_list(ctx->st, ctx->a, &ctx->scope, f ? f : &none, pg, out, e);
}

/* The step c waits for role to take now, NULL if none (domain/awaits.h). */
static enum fz_err case_waits_for(struct app_ctx *ctx, const struct proc_registry *reg,
				  const struct calendar *cal, const struct enf_case *c,
				  unsigned role, const struct proc_step **waits,
				  struct fz_error *e)
{
	const struct scope all = { .kind = SCOPE_ALL };
	struct case_event_list ev;
	struct case_clock *clocks;
	enum fz_err rc;
	*waits = NULL;
	const struct proc_def *def = proc_registry_find(reg, c->procedure);
	if (!def)
		return FZ_OK;
	if ((rc = ctx->st->ops->case_events(ctx->st, ctx->a, &all, c->id, &ev, e)))
		return rc;
	struct proc_ctx pc = {
		.def = def, .cfg = case_config(ctx, reg, c, e), .cal = cal, .kase = c,
		.events = ev.items, .nevents = ev.n,
		/* every case role: the gates, not the role, say what is open */
		.actor_roles = ROLE_OFFICER | ROLE_REVIEWER | ROLE_HEAD | ROLE_SUPERVISOR,
		.actor_person = ctx->user ? ctx->user->person_id : 0,
		.today = ctx->today, .scratch = ctx->a,
	};
	struct proc_option *opts = arena_calloc(ctx->a, def->nsteps + 1, sizeof *opts);
	size_t n = 0;
	if (!opts || !pc.cfg)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	if ((rc = app_case_filed(ctx, def, c->id, ev.items, ev.n, &pc.filed, &pc.nfiled, e)) ||
	    (rc = procedure_available_steps(&pc, opts, def->nsteps + 1, &n, e)) ||
	    (rc = case_clocks_compute(def, pc.cfg, cal, ev.items, ev.n, ctx->today, ctx->a, &clocks,
				      e)))
		return rc;
	*waits = case_awaits(def, ev.items, ev.n, opts, n, clocks, role);
	return FZ_OK;
}

/* Scans the open cases in scope (a county has hundreds, not millions) and
 * keeps those waiting for role; pages over what it keeps. */
#define QUEUE_SCAN_MAX 5000

enum fz_err app_case_queue(struct app_ctx *ctx, unsigned role, struct page pg,
			   struct case_list *out, const struct proc_step ***awaited,
			   struct fz_error *e)
{
	const struct proc_registry *reg;
	struct calendar cal;
	enum fz_err rc = app_require(ctx, PERM_CASE_READ, "case.read", e);
	if (rc)
		return rc;
	if (!(reg = registry(ctx, e)))
		return FZ_INTERNAL;
	if ((rc = app_calendar_get(ctx, &cal, e)))
		return rc;
	memset(out, 0, sizeof *out);
	if (pg.limit < 1)
		pg.limit = 20;
	out->items = arena_calloc(ctx->a, (size_t)pg.limit, sizeof *out->items);
	const struct proc_step **steps = arena_calloc(ctx->a, (size_t)pg.limit, sizeof *steps);
	if (!out->items || !steps)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	if (awaited)
		*awaited = steps;
	struct case_filter open_only = { .closed = 2 };
	for (int64_t offset = 0; offset < QUEUE_SCAN_MAX; offset += 200) {
		struct case_list list;
		struct page chunk = { .offset = offset, .limit = 200 };
		if ((rc = ctx->st->ops->case_list(ctx->st, ctx->a, &ctx->scope, &open_only, chunk,
						  &list, e)))
			return rc;
		for (size_t i = 0; i < list.n; i++) {
			const struct proc_step *waits;
			if ((rc = case_waits_for(ctx, reg, &cal, &list.items[i], role, &waits, e)))
				return rc;
			if (!waits)
				continue;
			if (out->total >= pg.offset && out->n < (size_t)pg.limit) {
				steps[out->n] = waits;
				out->items[out->n++] = list.items[i];
			}
			out->total++;
		}
		if (list.n < 200)
			break;
	}
	return FZ_OK;
}

/* The reason given for the five-year limitation (serious_harm=1) by the
 * latest event that sets the flag, corrections applied; NULL if none. */
static const char *case_serious_harm_reason(const struct case_event *events, size_t n)
{
	for (size_t i = n; i-- > 0;) {
		const char *flag = case_events_field(events, n, &events[i], "serious_harm");
		if (!flag || strcmp(events[i].step, PROC_CORRECTION) == 0)
			continue;
		if (strcmp(flag, "1") != 0 && strcmp(flag, "yes") != 0 && strcmp(flag, "true") != 0)
			return NULL;
		return case_events_field(events, n, &events[i], "serious_harm_reason");
	}
	return NULL;
}

enum fz_err app_case_view(struct app_ctx *ctx, int64_t id, struct case_view *out,
			  struct fz_error *e)
{
	const struct proc_registry *reg;
	struct calendar cal;
	enum fz_err rc = app_require(ctx, PERM_CASE_READ, "case.read", e);
	if (rc)
		return rc;
	if (!(reg = registry(ctx, e)))
		return FZ_INTERNAL;
	memset(out, 0, sizeof *out);
	if ((rc = ctx->st->ops->case_get(ctx->st, ctx->a, &ctx->scope, id, &out->c, e)) ||
	    (rc = ctx->st->ops->case_events(ctx->st, ctx->a, &ctx->scope, id, &out->events, e)) ||
	    (rc = app_calendar_get(ctx, &cal, e)))
		return rc;
	out->def = proc_registry_find(reg, out->c.procedure);
	if (!out->def)
		return fz_fail(e, FZ_INTERNAL, NULL, "本案的执法程序“%s”未加载", out->c.procedure);
	const struct proc_config *cfg = case_config(ctx, reg, &out->c, e);
	if (!cfg)
		return FZ_NOMEM;
	struct proc_ctx pc = {
		.def = out->def,
		.cfg = cfg,
		.cal = &cal,
		.kase = &out->c,
		.events = out->events.items,
		.nevents = out->events.n,
		.actor_roles = ctx->user ? ctx->user->roles : 0,
		.actor_person = ctx->user ? ctx->user->person_id : 0,
		.today = ctx->today,
		.scratch = ctx->a,
	};
	out->options = arena_calloc(ctx->a, out->def->nsteps + 1, sizeof *out->options);
	if (!out->options)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	if ((rc = app_case_filed(ctx, out->def, id, out->events.items, out->events.n, &pc.filed,
				 &pc.nfiled, e)))
		return rc;
	if ((rc = procedure_available_steps(&pc, out->options, out->def->nsteps + 1,
					    &out->noptions, e)))
		return rc;
	if ((rc = case_clocks_compute(out->def, cfg, &cal, out->events.items, out->events.n,
				      ctx->today, ctx->a, &out->clocks, e)) ||
	    (rc = case_arrears_compute(out->def, cfg, &cal, out->events.items, out->events.n,
				       ctx->today, ctx->today, ctx->a, &out->arrears, e)))
		return rc;
	out->nclocks = out->def->nclocks;
	out->serious_harm_reason = case_serious_harm_reason(out->events.items, out->events.n);
	return FZ_OK;
}

/* Audits the clocks of one case whose due date moved between the two
 * calendars. */
static enum fz_err case_recompute_one(struct app_ctx *ctx, const struct proc_registry *reg,
				      const struct proc_def *def, const struct enf_case *c,
				      const struct case_event_list *ev, const struct calendar *old,
				      const struct calendar *now, int *changed, struct fz_error *e)
{
	struct case_clock *before, *after;
	enum fz_err rc;
	const struct proc_config *cfg = case_config(ctx, reg, c, e);
	if (!cfg)
		return FZ_NOMEM;
	if ((rc = case_clocks_compute(def, cfg, old, ev->items, ev->n, ctx->today, ctx->a,
				      &before, e)) ||
	    (rc = case_clocks_compute(def, cfg, now, ev->items, ev->n, ctx->today, ctx->a,
				      &after, e)))
		return rc;
	for (size_t i = 0; i < def->nclocks; i++) {
		const struct case_clock *b = &before[i], *a = &after[i];
		if (!b->started_by || !a->started_by)
			continue;
		if (strcmp(b->deadline.due, a->deadline.due) == 0 &&
		    b->deadline.provisional == a->deadline.provisional)
			continue;
		struct audit_diff d = { .n = 0 };
		const char *key = arena_printf(ctx->a, "%s.due", a->clock->id);
		audit_diff_str(ctx, &d, key, arena_printf(ctx->a, "%s%s", b->deadline.due,
							  b->deadline.provisional ? "（暂定）" : ""),
			       arena_printf(ctx->a, "%s%s", a->deadline.due,
					    a->deadline.provisional ? "（暂定）" : ""));
		const char *msg = arena_printf(ctx->a, "%s %s：节假日安排更新后重新计算",
					       c->number, a->clock->label);
		if ((rc = app_audit(ctx, "case.deadline", "case", c->id, "ok", msg, &d, e)))
			return rc;
		(*changed)++;
	}
	return FZ_OK;
}

enum fz_err app_case_deadlines_recompute(struct app_ctx *ctx, const struct calendar *old,
					 const struct calendar *now, int *changed,
					 struct fz_error *e)
{
	const struct proc_registry *reg = registry(ctx, e);
	const struct scope all = { .kind = SCOPE_ALL };
	struct case_filter open_only = { .closed = 2 };
	enum fz_err rc;
	*changed = 0;
	if (!reg)
		return FZ_INTERNAL;
	for (int64_t offset = 0;; offset += 200) {
		struct case_list list;
		struct page pg = { .offset = offset, .limit = 200 };
		if ((rc = ctx->st->ops->case_list(ctx->st, ctx->a, &all, &open_only, pg, &list, e)))
			return rc;
		for (size_t i = 0; i < list.n; i++) {
			const struct enf_case *c = &list.items[i];
			const struct proc_def *def = proc_registry_find(reg, c->procedure);
			struct case_event_list ev;
			if (!def)
				continue;
			if ((rc = ctx->st->ops->case_events(ctx->st, ctx->a, &all, c->id, &ev, e)) ||
			    (rc = case_recompute_one(ctx, reg, def, c, &ev, old,
						     now, changed, e)))
				return rc;
		}
		if (list.n < 200)
			return FZ_OK;
	}
}
