/* gate_rulemaking.c - the gates of rule-making (行政规范性文件, issue 13 §2;
 * legal-rules.md §9): a document outside the annual plan states why; the
 * legality review (合法性审核) is never done by a drafter; a review that
 * finds problems says what they are; public comment, where required, has
 * run its full period before the draft goes to review; deliberation and
 * signing need a passing legality review of the current draft and, where
 * market actors are affected, a passing fair-competition review
 * (公平竞争审查) of it; a correction (纠错) answers a filing review that
 * objected. "The current draft" is the latest draft version: a new
 * version (a draft sent back and redrafted) needs its reviews again. */
#include "domain/gate_impl.h"

#include <string.h>

#include "base/date.h"
#include "domain/case_events.h"

/* Steps and fields of data/procedures/normative_document.txt the gates
 * read (a definition using the gates declares them: gate.c's needs). */
#define STEP_DRAFT "draft"
#define STEP_LEGALITY "legality_review"
#define STEP_FAIR "fair_competition_review"
#define STEP_COMMENT_CLOSE "comment_close"
#define STEP_DELIBERATION "deliberation"
#define STEP_FILING_REVIEW "filing_review"
#define OPINION_PASS "pass"

/* What the matter is called in a message: 本文件 (a normative document),
 * 本决策 (a major decision). */
static const char *matter_noun(const struct gate_run *r)
{
	return r->ctx->def->kind == CASE_MAJOR_DECISION ? "本决策" : "本文件";
}

/* The label of field id on the proposed step, else id's own. */
static const char *label_of(const struct gate_run *r, const char *id, const char *dflt)
{
	const struct proc_field *f = proc_field_of(r->ctx->def, r->step, id);
	return f ? f->label : dflt;
}

GATE_FN(plan_or_reason)
{
	if (gate_field_yes(r, r->ev, "in_plan")) {
		if (!gate_field(r, r->ev, "plan_ref"))
			GATE_BLOCK(res, FZ_INVALID, "列入年度制定计划的，须写明“%s”",
				   label_of(r, "plan_ref", "制定计划项目"));
		GATE_PASS(res, "列入年度制定计划：%s", gate_field(r, r->ev, "plan_ref"));
	}
	if (!gate_field(r, r->ev, "plan_reason"))
		GATE_BLOCK(res, FZ_INVALID, "未列入年度制定计划的规范性文件，须写明“%s”",
			   label_of(r, "plan_reason", "未列入计划的理由"));
	gate_note(res, "未列入年度制定计划，已说明理由");
}

/* Whether user (an account) recorded, or person took part in, a step
 * flagged handles: a drafter of the document. */
static bool drafted_by(const struct gate_run *r, int64_t user, int64_t person)
{
	for (size_t i = 0; i < r->ctx->nevents; i++) {
		const struct case_event *ev = &r->ctx->events[i];
		const struct proc_step *s = gate_step_of(r, ev);
		if (!s || !(s->flags & PROC_HANDLES))
			continue;
		if ((user && ev->actor_id == user) || (person && case_event_has_officer(ev, person)))
			return true;
	}
	return false;
}

GATE_FN(reviewer_not_drafter)
{
	const struct proc_ctx *c = r->ctx;
	char name[80];
	if (drafted_by(r, c->actor_user, c->actor_person))
		GATE_BLOCK(res, FZ_CONFLICT, "起草人员不能进行「%s」：本账号参与了%s的起草",
			   r->step->label, matter_noun(r));
	for (size_t i = 0; i < r->ev->nofficers; i++) {
		if (drafted_by(r, 0, r->ev->officers[i])) {
			gate_person_name(r, r->ev->officers[i], name, sizeof name);
			GATE_BLOCK(res, FZ_CONFLICT, "起草人员不能进行「%s」（%s参与了%s的起草）",
				   r->step->label, name, matter_noun(r));
		}
	}
	gate_note(res, "审核人员未参与起草");
}

GATE_FN(opinion_reasons)
{
	const char *o = gate_field(r, r->ev, "opinion");
	if (!o || strcmp(o, OPINION_PASS) == 0)
		return;
	if (!gate_field(r, r->ev, "reasons"))
		GATE_BLOCK(res, FZ_INVALID, "审查发现问题的，须写明“%s”，退回起草单位修改",
			   label_of(r, "reasons", "理由"));
	gate_note(res, "发现问题，已写明理由：草案退回起草单位修改后重新送审");
}

/* The index of the latest event of step after index `after` (-1: any), or -1. */
static long last_after(const struct gate_run *r, const char *step, long after)
{
	long i = gate_last(r, step);
	return i > after ? i : -1;
}

GATE_FN(comment_when_required)
{
	bool major = gate_case_flag(r, "major_effect"), business = gate_case_flag(r, "business_related");
	if (!major && !business)
		GATE_PASS(res, "不属于须公开征求意见的文件");
	const struct case_event *closed = gate_event(r, gate_last(r, STEP_COMMENT_CLOSE));
	if (!closed)
		GATE_BLOCK(res, FZ_CONFLICT,
			   "%s的规范性文件，须先公开征求意见且征求意见期满，方可「%s」",
			   business ? "涉及经营活动" : "对公民、法人和其他组织权利义务有重大影响",
			   r->step->label);
	gate_note(res, "已公开征求意见（%s 结束）", closed->on);
}

GATE_FN(period_run)
{
	struct case_clock c;
	if (!gate_clock(r, r->arg, &c))
		return;
	if (c.state == CASE_CLOCK_NOT_APPLICABLE)
		GATE_PASS(res, "本文件不适用%s", c.clock->label);
	if (!c.started_by)
		GATE_BLOCK(res, FZ_CONFLICT, "%s尚未开始", c.clock->label);
	if (strcmp(r->ev->on, c.deadline.due) <= 0)
		GATE_BLOCK(res, FZ_CONFLICT, "%s至 %s%s届满，届满后方可「%s」（所填日期 %s）",
			   c.clock->label, c.deadline.due, c.deadline.provisional ? "（暂定）" : "",
			   r->step->label, r->ev->on);
	gate_note(res, "%s已于 %s 届满", c.clock->label, c.deadline.due);
}

/* Blocks unless the latest event of review step, after the latest
 * draft, passes. */
static void review_of_current(struct gate_run *r, struct gate_result *res, const char *step,
			      const char *what)
{
	long draft = gate_last(r, STEP_DRAFT);
	const struct proc_step *s = proc_step_find(r->ctx->def, step);
	const char *label = s ? s->label : what;
	long i = last_after(r, step, draft);
	if (i < 0)
		GATE_BLOCK(res, FZ_CONFLICT, "现行草案（第 %d 号记录）尚未经%s，不能「%s」",
			   draft >= 0 ? gate_event(r, draft)->seq : 0, label, r->step->label);
	const struct case_event *ev = gate_event(r, i);
	const char *o = gate_field(r, ev, "opinion");
	if (!o || strcmp(o, OPINION_PASS) != 0) {
		const char *why = gate_field(r, ev, "reasons");
		GATE_BLOCK(res, FZ_CONFLICT, "%s发现问题（%s：%s），草案须修改后重新审查，不能「%s」",
			   label, ev->on, why ? why : "", r->step->label);
	}
	gate_note(res, "%s通过（%s，第 %d 号记录）", label, ev->on, ev->seq);
}

GATE_FN(legality_passed)
{
	review_of_current(r, res, STEP_LEGALITY, "合法性审核");
}

GATE_FN(fair_competition_passed)
{
	if (!gate_case_flag(r, "market_actors"))
		GATE_PASS(res, "不涉及市场主体经济活动，无须公平竞争审查");
	review_of_current(r, res, STEP_FAIR, "公平竞争审查");
}

GATE_FN(deliberated_current)
{
	long draft = gate_last(r, STEP_DRAFT);
	long i = last_after(r, STEP_DELIBERATION, draft);
	if (i < 0)
		GATE_BLOCK(res, FZ_CONFLICT, "现行草案尚未经集体审议，不能「%s」", r->step->label);
	const struct case_event *ev = gate_event(r, i);
	const char *o = gate_field(r, ev, "adopted");
	if (o && strcmp(o, "yes") != 0)
		GATE_BLOCK(res, FZ_CONFLICT, "集体审议（%s）未通过，不能「%s」", ev->on, r->step->label);
	gate_note(res, "集体审议通过（%s）", ev->on);
}

GATE_FN(after_objection)
{
	const struct case_event *ev = gate_event(r, gate_last(r, STEP_FILING_REVIEW));
	const char *o = ev ? gate_field(r, ev, "filing_opinion") : NULL;
	if (!o || strcmp(o, "objection") != 0)
		GATE_BLOCK(res, FZ_CONFLICT, "备案审查没有提出异议，无须「%s」", r->step->label);
	gate_note(res, "答复备案审查异议（%s）", ev->on);
}

/* The latest recorded value of a yes/no fact, the proposed event aside. */
static bool recorded_yes(const struct gate_run *r, const char *key)
{
	for (size_t i = r->ctx->nevents; i-- > 0;) {
		const struct case_event *ev = &r->ctx->events[i];
		if (ev->step && strcmp(ev->step, PROC_CORRECTION) != 0 && gate_field(r, ev, key))
			return gate_field_yes(r, ev, key);
	}
	return false;
}

GATE_FN(facts_not_lowered)
{
	/* the facts that decide whether public comment and fair-competition
	 * review are required: once found, a later version cannot drop them
	 * and so skip the step they require */
	static const char *const keys[] = { "market_actors", "business_related", "major_effect",
					    "affects_stability", "technical" };
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		const char *v = gate_field(r, r->ev, keys[i]);
		if (!v || proc_yes(v) || !recorded_yes(r, keys[i]))
			continue;
		const struct proc_field *f = proc_field_of(r->ctx->def, r->step, keys[i]);
		GATE_BLOCK(res, FZ_CONFLICT, "%s已认定“%s”，修改草案不能改为否（以免跳过相应的程序）",
			   matter_noun(r), f ? f->label : keys[i]);
	}
}
