/* gate.c - the one check (procedure_check) and the list of what can be
 * done next (procedure_available_steps): the engine's own gates, then the
 * named gates the step lists, each recorded with its Chinese message. The
 * table of named gates is here; their functions are in gate_*.c. */
#include "domain/gate_impl.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "domain/certificate.h"

typedef void gate_fn(struct gate_run *r, struct gate_result *res);

static const struct gate_def gate_table[] = {
	{ "certified_officers", "持证执法人员", gate_certified_officers, GATE_CONTENT, NULL },
	{ "hearing_host_not_investigator", "听证主持人回避", gate_hearing_host_not_investigator,
	  GATE_CONTENT, NULL },
	{ "reviewer_not_handler", "审核人员非承办人员", gate_reviewer_not_handler, 0, NULL },
	{ "drawn_inspectors", "随机抽取的检查人员", gate_drawn_inspectors, GATE_CONTENT,
	  "step:random_draw" },
	{ "limitation", "追责时效", gate_limitation, 0, NULL },
	{ "notice_before_decision", "事先告知", gate_notice_before_decision, 0, "flag:notifies" },
	{ "defence_period_elapsed", "陈述申辩期", gate_defence_period_elapsed, 0,
	  "clock:defence flag:notifies" },
	{ "penalty_stated", "处罚内容", gate_penalty_stated, GATE_CONTENT, NULL },
	{ "not_above_notified", "不超过告知的处罚", gate_not_above_notified, GATE_CONTENT,
	  "flag:notifies" },
	{ "simplified_within_limits", "简易程序限额", gate_simplified_within_limits, GATE_CONTENT,
	  NULL },
	{ "benchmark_reason_when_outside", "裁量基准", gate_benchmark_reason_when_outside,
	  GATE_CONTENT, NULL },
	{ "hearing_right_in_notice", "告知听证权利", gate_hearing_right_in_notice, GATE_CONTENT,
	  NULL },
	{ "hearing_offered_when_required", "听证", gate_hearing_offered_when_required, 0,
	  "step:hearing_request step:hearing clock:hearing_request flag:notifies" },
	{ "hearing_request_window", "听证申请期限", gate_hearing_request_window, 0,
	  "clock:hearing_request" },
	{ "hearing_notice_period", "听证通知期限", gate_hearing_notice_period, 0,
	  "clock:hearing_notice" },
	{ "hearing_notice_valid", "听证通知", gate_hearing_notice_valid, GATE_CONTENT,
	  "step:hearing_request step:hearing_notice step:hearing" },
	{ "review_checklist", "法制审核清单", gate_review_checklist, GATE_CONTENT, NULL },
	{ "review_required_and_passed", "法制审核", gate_review_required_and_passed, 0,
	  "step:legal_review step:review_dispute step:head_resolution "
	  "step:collective_deliberation flag:notifies" },
	{ "collective_deliberation_when_required", "集体讨论",
	  gate_collective_deliberation_when_required, 0, "step:collective_deliberation" },
	{ "referral_suspends", "刑事移送", gate_referral_suspends, 0,
	  "step:criminal_referral step:referral_return" },
	{ "surcharge_when_late", "加处罚款", gate_surcharge_when_late, GATE_CONTENT,
	  "clock:payment flag:decides" },
	{ "execution_complete", "执行完毕", gate_execution_complete, 0,
	  "step:payment flag:decides" },
	{ "before_due", "法定期限内", gate_before_due, GATE_CLOCK_ARG, NULL },
	{ "pending", "尚未决定", gate_pending, GATE_CLOCK_ARG, NULL },
	{ "deferment_schedule", "延期、分期缴纳", gate_deferment_schedule, GATE_CONTENT,
	  "clock:payment flag:decides" },
	{ "recusal_pending", "回避申请", gate_recusal_pending, 0, "step:recusal_request" },
	{ "preservation_approved", "先行登记保存审批", gate_preservation_approved, 0,
	  "step:preservation_approval step:preservation" },
	{ "statements_answered", "陈述申辩复核", gate_statements_answered, 0,
	  "step:statement step:statement_review flag:notifies" },
	{ "no_penalty_ground", "不予处罚的理由", gate_no_penalty_ground, GATE_CONTENT, NULL },
	{ "remedy_pending", "复议、诉讼结果", gate_remedy_pending, 0,
	  "step:remedy_filed step:remedy_upheld step:remedy_set_aside" },
	{ "emergency_reported", "紧急措施补办批准", gate_emergency_reported, 0,
	  "step:emergency_seize" },
	{ "remedy_none_pending", "复议、诉讼未决", gate_remedy_none_pending, 0,
	  "step:remedy_filed step:remedy_upheld step:remedy_set_aside" },
	{ "demand_after_default", "催告", gate_demand_after_default, 0,
	  "clock:payment flag:decides" },
	{ "court_application_window", "申请强制执行期限", gate_court_application_window, 0,
	  "step:demand clock:payment clock:demand clock:reconsideration clock:litigation "
	  "clock:court_application flag:decides" },
	{ "within_case_period", "办案期限", gate_within_case_period, 0, "clock:case_handling" },
	{ "collective_extension_allowed", "集体讨论延长办案期限", gate_collective_extension_allowed,
	  0, NULL },
	{ "serious_harm_grounds", "五年追责时效的适用", gate_serious_harm_grounds, GATE_CONTENT,
	  NULL },
	{ "onsite_officers", "当场处罚的执法人员", gate_onsite_officers, GATE_CONTENT, NULL },
	{ "objection_reasons", "异议理由", gate_objection_reasons, GATE_CONTENT, NULL },
	/* rule-making (gate_rulemaking.c) */
	{ "plan_or_reason", "制定计划", gate_plan_or_reason, GATE_CONTENT, NULL },
	{ "reviewer_not_drafter", "审核人员非起草人员", gate_reviewer_not_drafter, 0, NULL },
	{ "opinion_reasons", "审查意见的理由", gate_opinion_reasons, GATE_CONTENT, NULL },
	{ "comment_when_required", "公开征求意见", gate_comment_when_required, 0,
	  "step:comment_close" },
	{ "period_run", "期间届满", gate_period_run, GATE_CLOCK_ARG, NULL },
	{ "legality_passed", "合法性审核", gate_legality_passed, 0,
	  "step:draft step:legality_review" },
	{ "fair_competition_passed", "公平竞争审查", gate_fair_competition_passed, 0,
	  "step:draft step:fair_competition_review" },
	{ "deliberated_current", "集体审议", gate_deliberated_current, 0,
	  "step:draft step:deliberation" },
	{ "after_objection", "备案审查异议", gate_after_objection, 0, "step:filing_review" },
	{ "facts_not_lowered", "认定的事项不得改为否", gate_facts_not_lowered, GATE_CONTENT, NULL },
	/* major decisions (gate_decision.c) */
	{ "in_catalogue", "决策事项目录", gate_in_catalogue, GATE_CONTENT, NULL },
	{ "comment_period_length", "征求意见期限", gate_comment_period_length, GATE_CONTENT, NULL },
	{ "hearing_notice_early", "听证提前公布", gate_hearing_notice_early, GATE_CONTENT, NULL },
	{ "hearing_as_announced", "按公告举行听证", gate_hearing_as_announced, 0,
	  "step:hearing_notice step:hearing" },
	{ "experts_declared", "专家无利害关系并签名", gate_experts_declared, GATE_CONTENT, NULL },
	{ "procedures_done", "决策程序履行完毕", gate_procedures_done, 0,
	  "step:comment_close step:hearing_notice step:hearing step:expert_consultation "
	  "step:risk_assessment" },
	{ "review_time_allowed", "合法性审查时间", gate_review_time_allowed, GATE_CONTENT, NULL },
	{ "decision_at_meeting", "集体讨论决定", gate_decision_at_meeting, 0,
	  "step:meeting step:decide step:draft" },
	{ "against_majority_explained", "与多数意见不一致的理由", gate_against_majority_explained,
	  GATE_CONTENT, "step:meeting" },
	{ "decision_adopted", "决定通过", gate_decision_adopted, 0, "step:decide step:draft step:meeting" },
	{ "reported_to_party", "向同级党委请示报告", gate_reported_to_party, 0,
	  "step:decide step:report_party" },
	{ "prepared_once_per_decision", "每次决定拟定一次公布文本", gate_prepared_once_per_decision,
	  0, "step:decide step:prepare_announce step:announce" },
	{ "legality_passed_or_risk", "合法性审查通过或明示法律风险", gate_legality_passed_or_risk,
	  0, "step:draft step:legality_review" },
	{ "evaluator_independent", "评估单位独立", gate_evaluator_independent, GATE_CONTENT,
	  "step:risk_assessment" },
};

#define GATE_ROWS (sizeof gate_table / sizeof gate_table[0])

/* The table by name: open addressing, filled once (the engine asks for
 * a gate by name hundreds of times a step). */
#define GATE_SLOTS 256
_Static_assert(2 * GATE_ROWS <= GATE_SLOTS && GATE_ROWS < 255, "slots at most half full");
static unsigned char gate_slots[GATE_SLOTS];
static pthread_once_t gate_slots_once = PTHREAD_ONCE_INIT;

static void gate_slots_fill(void)
{
	for (size_t i = 0; i < GATE_ROWS; i++) {
		size_t k = proc_id_hash(gate_table[i].name) & (GATE_SLOTS - 1);
		while (gate_slots[k])
			k = (k + 1) & (GATE_SLOTS - 1);
		gate_slots[k] = (unsigned char)(i + 1);
	}
}

const struct gate_def *gate_def_find(const char *name)
{
	if (!name)
		return NULL;
	(void)pthread_once(&gate_slots_once, gate_slots_fill);
	for (size_t k = proc_id_hash(name) & (GATE_SLOTS - 1); gate_slots[k];
	     k = (k + 1) & (GATE_SLOTS - 1))
		if (strcmp(gate_table[gate_slots[k] - 1].name, name) == 0)
			return &gate_table[gate_slots[k] - 1];
	return NULL;
}

const struct gate_def *gate_defs(size_t *n)
{
	*n = GATE_ROWS;
	return gate_table;
}

/* Where results go, and the most serious block so far. */
struct collector {
	struct gate_result *out;
	size_t max, n;
	int worst;                /* 0 none, 1 CONFLICT, 2 INVALID, 3 FORBIDDEN */
	struct gate_result first; /* the first block of the worst kind */
};

static int severity(enum fz_err code)
{
	return code == FZ_FORBIDDEN ? 3 : code == FZ_INVALID ? 2 : code ? 1 : 0;
}

/* Keeps one result and notes the most serious block. */
static void record(struct collector *col, const struct gate_result *res)
{
	if (col->n < col->max)
		col->out[col->n++] = *res;
	int sev = severity(res->code);
	if (!res->passed && sev > col->worst) {
		col->worst = sev;
		col->first = *res;
	}
}

/* Runs one gate; false when it blocked. */
static bool run(struct collector *col, struct gate_run *r, const char *name, const char *label,
		gate_fn *fn)
{
	struct gate_result res = { .gate = name, .label = label, .passed = true, .code = FZ_OK,
				   .quiet = r->availability };
	fn(r, &res);
	if (r->failure)
		return false;
	record(col, &res);
	return res.passed;
}

/* The event's fields: one result for each problem, so that a form can
 * show every one beside its field; a single passing result when none. */
static void run_fields(struct collector *col, struct gate_run *r)
{
	struct gate_result res[GATE_FIELD_RESULTS_MAX];
	size_t n = gate_fields_check(r, res, GATE_FIELD_RESULTS_MAX);
	for (size_t i = 0; i < n; i++)
		record(col, &res[i]);
	if (!n) {
		struct gate_result ok = { .gate = "required_fields", .label = "必填内容",
					  .passed = true };
		record(col, &ok);
	}
}

/* Whether s answers an act with its own clock (per_act). */
static bool stops_per_act(const struct proc_def *d, const struct proc_step *s)
{
	for (size_t i = 0; i < s->stops.n; i++) {
		const struct proc_clock *c = proc_clock_find(d, s->stops.items[i].id);
		if (c && c->per_act)
			return true;
	}
	return false;
}

/* The engine's gates that judge the case's state, in order; with
 * content, also those that judge the proposed event. */
static void run_engine(struct collector *col, struct gate_run *r, bool content)
{
	if (!run(col, r, "closed_case_frozen", "结案后冻结", gate_closed_case_frozen) &&
	    !content)
		return;
	run(col, r, "role_allowed", "角色权限", gate_role_allowed);
	if (!r->step) {
		if (run(col, r, "correction_valid", "更正", gate_correction_valid) && content)
			run(col, r, "correction_clerical", "更正限于文字错误", gate_correction_clerical);
		if (content)
			run_fields(col, r);
		return;
	}
	run(col, r, "opening", "立案在先", gate_opening);
	run(col, r, "requires_steps", "前置步骤", gate_requires_steps);
	run(col, r, "not_repeated", "不重复", gate_not_repeated);
	if (!(r->step->flags & PROC_OVERSIGHT))
		run(col, r, "one_outcome", "一案一个处理结果", gate_one_outcome);
	if (stops_per_act(r->ctx->def, r->step))
		run(col, r, "answers_open_act", "待答复事项", gate_answers_open_act);
	if (r->step->flags & PROC_CLOSES)
		run(col, r, "catalogue_complete", "卷内目录", gate_catalogue_complete);
	if (content) {
		run_fields(col, r);
		if (r->step->min_officers)
			run(col, r, "officers_present", "参与人员", gate_officers_present);
		run(col, r, "dates_in_order", "日期合乎案件进程", gate_dates_in_order);
		run(col, r, "recused_excluded", "回避人员不得参与", gate_recused_excluded);
		run(col, r, "late_entry", "补录", gate_late_entry);
		run(col, r, "due_after_act", "答复期限", gate_due_after_act);
	}
	if (r->step->extends.n)
		run(col, r, "clock_extension", "延长期限", gate_clock_extension);
}

static void run_named(struct collector *col, struct gate_run *r, bool content)
{
	for (size_t i = 0; i < r->step->ngates && !r->failure; i++) {
		const struct gate_def *g = gate_def_find(r->step->gates[i].name);
		if (!g || (!content && (g->flags & GATE_CONTENT)))
			continue;
		r->arg = r->step->gates[i].arg;
		run(col, r, g->name, g->label, g->fn);
	}
}

static enum fz_err ctx_check(const struct proc_ctx *c, bool proposed, struct fz_error *e)
{
	if (!c || !c->def || !c->cfg || !c->cal || !c->kase || !c->scratch ||
	    (proposed && (!c->proposed || !c->proposed->step)) || (c->nevents && !c->events) ||
	    (c->npeople && !c->people) || (c->nfiled && !c->filed) || !c->today || !date_parse(c->today, NULL, NULL, NULL))
		return fz_fail(e, FZ_INTERNAL, "", "程序检查的输入不完整");
	return FZ_OK;
}

enum fz_err procedure_check(const struct proc_ctx *ctx, struct gate_result *results,
			    size_t max, size_t *n, struct fz_error *e)
{
	struct collector col = { .out = results, .max = max };
	enum fz_err rc;
	*n = 0;
	if ((rc = ctx_check(ctx, true, e)))
		return rc;
	struct gate_run r = { .ctx = ctx, .ev = ctx->proposed };
	bool correction = strcmp(ctx->proposed->step, PROC_CORRECTION) == 0;
	r.step = correction ? NULL : proc_step_find(ctx->def, ctx->proposed->step);
	if (!correction && !r.step) {
		struct gate_result res = { .gate = "known_step", .label = "步骤" };
		gate_block(&res, FZ_INVALID, "%s 没有名为“%.40s”的步骤", ctx->def->label,
			   ctx->proposed->step);
		if (max)
			results[(*n)++] = res;
		return fz_fail(e, FZ_INVALID, "step", "%s", res.message);
	}
	run(&col, &r, "event_day", "事件日期", gate_event_day);
	run_engine(&col, &r, true);
	if (r.step)
		run_named(&col, &r, true);
	*n = col.n;
	if (r.failure) {
		if (e)
			*e = r.failure_detail;
		return r.failure;
	}
	if (!col.worst)
		return FZ_OK;
	return fz_fail(e, col.first.code, col.first.gate, "%s", col.first.message);
}

enum fz_err procedure_available_steps(const struct proc_ctx *ctx, struct proc_option *out,
				      size_t max, size_t *n, struct fz_error *e)
{
	return procedure_available_among(ctx, NULL, out, max, n, e);
}

enum fz_err procedure_available_among(const struct proc_ctx *ctx, const bool *want,
				      struct proc_option *out, size_t max, size_t *n,
				      struct fz_error *e)
{
	enum fz_err rc;
	*n = 0;
	if ((rc = ctx_check(ctx, false, e)))
		return rc;
	for (size_t i = 0; i < ctx->def->nsteps && *n < max; i++) {
		const struct proc_step *s = &ctx->def->steps[i];
		if (want && !want[i])
			continue;
		struct case_event ev = { .step = s->id };
		/* today copied as snprintf("%s") would, without formatting for
		 * each step judged */
		size_t on = strnlen(ctx->today, sizeof ev.on - 1);
		memcpy(ev.on, ctx->today, on);
		ev.on[on] = '\0';
		struct gate_run r = { .ctx = ctx, .ev = &ev, .step = s, .availability = true };
		struct gate_result results[GATE_RESULTS_MAX];
		struct collector col = { .out = results, .max = GATE_RESULTS_MAX };
		run_engine(&col, &r, false);
		if (!col.worst)
			run_named(&col, &r, false);
		if (r.failure) {
			if (e)
				*e = r.failure_detail;
			return r.failure;
		}
		struct proc_option *o = &out[(*n)++];
		memset(o, 0, sizeof *o);
		o->step = s;
		o->available = col.worst == 0;
		/* The collector wrote results[0..col.n). */
		for (size_t k = 0; k < col.n && o->available == false && !o->gate; k++) {
			// cppcheck-suppress uninitvar
			if (!results[k].passed) {
				o->gate = results[k].gate;
				memcpy(o->reason, results[k].message, sizeof o->reason);
			}
		}
	}
	return FZ_OK;
}

/* Ranks a certificate for proc_person_fill: higher is better. */
static int cert_rank(enum cert_status s, bool covers)
{
	switch (s) {
	case CERT_VALID: return covers ? 5 : 4;
	case CERT_SUSPENDED: return 3;
	case CERT_EXPIRED: return 2;
	case CERT_NOT_YET: return 2;
	case CERT_REVOKED: return 1;
	}
	return 0;
}

void proc_person_fill(const struct person *p, const struct certificate *certs, size_t ncerts,
		      const char *day, const char *domain, struct proc_person *out)
{
	memset(out, 0, sizeof *out);
	out->id = p->id;
	out->name = p->name;
	out->kind = p->kind;
	int best = 0;
	for (size_t i = 0; i < ncerts; i++) {
		if (certs[i].person_id != p->id)
			continue;
		enum cert_status s = certificate_status(&certs[i], day);
		bool covers = certificate_covers_domain(&certs[i], domain);
		int rank = cert_rank(s, covers);
		if (rank > best) {
			best = rank;
			out->cert = s;
			out->cert_covers_domain = covers;
		}
	}
}
