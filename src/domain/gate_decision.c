/* gate_decision.c - the gates of major administrative decisions (重大行政
 * 决策, issue 13 §3; legal-rules.md §8, 重大行政决策程序暂行条例): the
 * matter is in the approved catalogue of its year; public comment runs at
 * least its period unless a reason is stated; a hearing's participants and
 * materials are published in time and the hearing held as announced;
 * experts declare no direct interest and sign; the five procedures are done
 * before review and meeting; the review is given its time; the head
 * decides once per meeting, after the others have spoken, explaining a
 * decision against the majority; only an adopted decision is published;
 * the post-evaluation is not by who assessed the risks beforehand. */
#include "domain/gate_impl.h"

#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "base/num.h"
#include "domain/clock.h"

#define STEP_DRAFT "draft"
#define STEP_COMMENT_CLOSE "comment_close"
#define STEP_HEARING_NOTICE "hearing_notice"
#define STEP_HEARING "hearing"
#define STEP_EXPERTS "expert_consultation"
#define STEP_RISK "risk_assessment"
#define STEP_MEETING "meeting"
#define STEP_DECIDE "decide"
#define STEP_REVIEW "legality_review"
#define STEP_REPORT_PARTY "report_party"
#define STEP_PREPARE_ANNOUNCE "prepare_announce"
#define STEP_ANNOUNCE "announce"

/* The label of field id on the proposed step, else dflt. */
static const char *label_of(const struct gate_run *r, const char *id, const char *dflt)
{
	const struct proc_field *f = proc_field_of(r->ctx->def, r->step, id);
	return f ? f->label : dflt;
}

/* The label of option value of field id, else the value. */
static const char *option_label(const struct gate_run *r, const char *id, const char *value)
{
	const struct proc_field *f = proc_field_of(r->ctx->def, r->step, id);
	for (size_t i = 0; f && value && i < f->nchoices; i++)
		if (strcmp(f->choices[i].value, value) == 0)
			return f->choices[i].label;
	return value ? value : "";
}

/* The earliest day a minimum period of config key, counted from `from`,
 * may end: calendar days added as they are (a minimum is not moved off a
 * holiday: it would lengthen what the law asks), working days counted
 * over the calendar. false (r->failure set) when it cannot be computed. */
static bool min_end(struct gate_run *r, const char *key, const char *from, char out[FZ_DATE_LEN],
		    struct proc_period *p)
{
	if (!proc_config_period(r->ctx->cfg, key, p) || p->amount <= 0) {
		r->failure = FZ_INVALID;
		return false;
	}
	if (p->unit == CLOCK_DAYS) {
		if (date_add_days(from, p->amount, out))
			return true;
		r->failure = FZ_INVALID;
		return false;
	}
	struct clock_input in;
	struct deadline d;
	clock_input_init(&in, from, p->unit, p->amount);
	in.weekend_moves_last_day = false;
	if ((r->failure = clock_compute(r->ctx->cal, &in, r->ctx->scratch, &d, &r->failure_detail)))
		return false;
	snprintf(out, FZ_DATE_LEN, "%s", d.due);
	return true;
}

GATE_FN(in_catalogue)
{
	const char *v = gate_field(r, r->ev, "catalogue_item");
	const struct proc_catalogue_item *it = r->ctx->catalogue_item;
	int64_t id = v ? num_id(v) : 0;
	if (r->availability)
		return;
	if (!v)
		return; /* required_fields says it is missing */
	if (!it || !id || it->id != id)
		GATE_BLOCK(res, FZ_CONFLICT, "决策事项目录中没有编号为 %s 的事项", v);
	if (r->ctx->kase && r->ctx->kase->agency_id && it->agency_id != r->ctx->kase->agency_id)
		GATE_BLOCK(res, FZ_CONFLICT, "事项“%s”列在其他机关的决策事项目录中，不在本机关的目录中",
			   it->title);
	int y = 0;
	if (!date_parse(r->ev->on, &y, NULL, NULL))
		return;
	if (it->year != y)
		GATE_BLOCK(res, FZ_CONFLICT,
			   "事项“%s”列在 %d 年度的决策事项目录中；%s（%s）须依据当年的目录",
			   it->title, it->year, r->step->label, r->ev->on);
	if (!it->approved_on || !*it->approved_on)
		GATE_BLOCK(res, FZ_CONFLICT, "%d 年度决策事项目录尚未批准公布，不能依据其启动决策",
			   it->year);
	const char *listed = it->adjustment ? it->added_on : it->approved_on;
	if (strcmp(r->ev->on, listed) < 0)
		GATE_BLOCK(res, FZ_CONFLICT, "事项“%s”于 %s %s，此前（%s）不能启动决策", it->title,
			   listed, it->adjustment ? "经目录调整列入" : "随目录批准", r->ev->on);
	if (it->removed_on && *it->removed_on && strcmp(it->removed_on, r->ev->on) <= 0)
		GATE_BLOCK(res, FZ_CONFLICT, "事项“%s”已于 %s 调出决策事项目录（理由：%s），不能启动决策",
			   it->title, it->removed_on, it->removed_reason ? it->removed_reason : "");
	if (it->open_case_id)
		GATE_BLOCK(res, FZ_CONFLICT,
			   "事项“%s”已由重大行政决策（%s）办理，尚未终结；一个目录事项只能启动一项决策",
			   it->title, it->open_case_number ? it->open_case_number : "");
	if (it->adjustment)
		GATE_PASS(res, "%d 年度决策事项目录第 %lld 号“%s”（%s 经目录调整列入，理由：%s）",
			  it->year, (long long)it->id, it->title, it->added_on, it->reason);
	gate_note(res, "%d 年度决策事项目录第 %lld 号“%s”", it->year, (long long)it->id, it->title);
}

GATE_FN(comment_period_length)
{
	const char *until = gate_field(r, r->ev, "comment_until");
	char earliest[FZ_DATE_LEN];
	struct proc_period p;
	if (r->availability || !until)
		return;
	if (!min_end(r, "decision_comment_period", r->ev->on, earliest, &p))
		return;
	if (strcmp(until, earliest) >= 0)
		GATE_PASS(res, "征求意见至 %s，不少于 %d%s", until, p.amount, clock_unit_label(p.unit));
	if (!gate_field(r, r->ev, "short_reason"))
		GATE_BLOCK(res, FZ_INVALID,
			   "征求意见期限一般不少于 %d%s（截止日期不早于 %s）；截止于 %s 的，须写明“%s”",
			   p.amount, clock_unit_label(p.unit), earliest, until,
			   label_of(r, "short_reason", "征求意见少于三十日的理由"));
	gate_note(res, "征求意见至 %s，少于 %d%s，已说明理由", until, p.amount,
		  clock_unit_label(p.unit));
}

GATE_FN(hearing_notice_early)
{
	const char *on = gate_field(r, r->ev, "hearing_on");
	char earliest[FZ_DATE_LEN];
	struct proc_period p;
	if (r->availability || !on)
		return;
	if (!min_end(r, "decision_hearing_notice", r->ev->on, earliest, &p))
		return;
	if (strcmp(on, earliest) < 0)
		GATE_BLOCK(res, FZ_CONFLICT,
			   "听证参加人和听证材料须在听证 %d%s前公布；%s 公布的，听证日期不能早于 %s（所填 %s）",
			   p.amount, clock_unit_label(p.unit), r->ev->on, earliest, on);
	gate_note(res, "听证于 %s 举行，参加人和材料已提前公布", on);
}

GATE_FN(hearing_as_announced)
{
	long ni = gate_last(r, STEP_HEARING_NOTICE);
	const struct case_event *n = gate_event(r, ni);
	if (!n)
		return; /* requires_steps */
	long hi = gate_last(r, STEP_HEARING);
	if (hi > ni)
		GATE_BLOCK(res, FZ_CONFLICT, "按 %s 的公告已举行听证（%s）；再次听证须重新公告",
			   n->on, gate_event(r, hi)->on);
	const char *on = gate_field(r, n, "hearing_on");
	if (!r->availability && on && strcmp(r->ev->on, on) != 0)
		GATE_BLOCK(res, FZ_CONFLICT, "听证公告的听证日期是 %s，所填日期 %s 与公告不符；改期须重新公告",
			   on, r->ev->on);
	gate_note(res, "按 %s 的公告举行", n->on);
}

GATE_FN(experts_declared)
{
	if (r->availability)
		return;
	if (gate_field(r, r->ev, "no_interest") && !gate_field_yes(r, r->ev, "no_interest"))
		GATE_BLOCK(res, FZ_CONFLICT,
			   "与决策事项有直接利害关系的专家不得参加论证；须每位专家均声明无直接利害关系");
	if (gate_field(r, r->ev, "signed") && !gate_field_yes(r, r->ev, "signed"))
		GATE_BLOCK(res, FZ_CONFLICT, "论证意见须经专家签名或者专业机构盖章");
	gate_note(res, "专家已声明无直接利害关系，论证意见已签名");
}

GATE_FN(procedures_done)
{
	char missing[400] = "";
	size_t len = 0;
#define MISSING(...)                                                                       \
	do {                                                                               \
		int k = snprintf(missing + len, sizeof missing - len, "%s", len ? "；" : "");   \
		if (k > 0 && (size_t)k < sizeof missing - len)                              \
			len += (size_t)k;                                                   \
		k = snprintf(missing + len, sizeof missing - len, __VA_ARGS__);             \
		if (k > 0 && (size_t)k < sizeof missing - len)                              \
			len += (size_t)k;                                                   \
	} while (0)
	if (gate_last(r, STEP_COMMENT_CLOSE) < 0)
		MISSING("公开征求意见并期满结束");
	long ni = gate_last(r, STEP_HEARING_NOTICE);
	if (ni >= 0 && gate_last(r, STEP_HEARING) < ni)
		MISSING("已公告的听证（%s）尚未举行", gate_field(r, gate_event(r, ni), "hearing_on"));
	if (gate_case_flag(r, "technical") && gate_last(r, STEP_EXPERTS) < 0)
		MISSING("专业性、技术性较强，须专家论证");
	if (gate_case_flag(r, "affects_stability") && gate_last(r, STEP_RISK) < 0)
		MISSING("可能影响社会稳定、公共安全，须风险评估");
#undef MISSING
	if (len)
		GATE_BLOCK(res, FZ_CONFLICT, "决策程序尚未履行完毕，不能「%s」：%s", r->step->label,
			   missing);
	gate_note(res, "公众参与%s%s已履行", gate_case_flag(r, "technical") ? "、专家论证" : "",
		  gate_case_flag(r, "affects_stability") ? "、风险评估" : "");
}

GATE_FN(review_time_allowed)
{
	const char *by = gate_field(r, r->ev, "review_by");
	char earliest[FZ_DATE_LEN];
	struct proc_period p;
	if (r->availability || !by)
		return;
	if (!min_end(r, "decision_review_period", r->ev->on, earliest, &p))
		return;
	if (strcmp(by, earliest) < 0)
		GATE_BLOCK(res, FZ_CONFLICT,
			   "合法性审查时间一般不少于 %d%s：%s 送审的，审查期限不能早于 %s（所填 %s）",
			   p.amount, clock_unit_label(p.unit), r->ev->on, earliest, by);
	gate_note(res, "审查期限至 %s，不少于 %d%s", by, p.amount, clock_unit_label(p.unit));
}

GATE_FN(decision_at_meeting)
{
	long mi = gate_last(r, STEP_MEETING);
	const struct case_event *m = gate_event(r, mi);
	if (!m)
		return; /* requires_steps */
	long di = gate_last(r, STEP_DECIDE);
	if (di > mi)
		GATE_BLOCK(res, FZ_CONFLICT,
			   "%s 的会议已作出决定（%s）；再次决定须重新召开会议集体讨论", m->on,
			   gate_event(r, di)->on);
	long dr = gate_last(r, STEP_DRAFT);
	if (dr > mi)
		GATE_BLOCK(res, FZ_CONFLICT,
			   "会议（%s）后决策草案已修改（%s），须经合法性审查并重新集体讨论", m->on,
			   gate_event(r, dr)->on);
	gate_note(res, "在 %s 的会议讨论、与会人员发表意见后，由行政首长最后发表意见并决定", m->on);
}

GATE_FN(against_majority_explained)
{
	const struct case_event *m = gate_event(r, gate_last(r, STEP_MEETING));
	const char *outcome = gate_field(r, r->ev, "outcome");
	const char *majority = m ? gate_field(r, m, "majority") : NULL;
	if (r->availability || !outcome || !majority || strcmp(outcome, majority) == 0)
		return;
	if (!gate_field(r, r->ev, "explanation_majority"))
		GATE_BLOCK(res, FZ_INVALID,
			   "行政首长的决定（%s）与会议多数意见（%s）不一致，须写明“%s”",
			   option_label(r, "outcome", outcome), option_label(r, "majority", majority),
			   label_of(r, "explanation_majority", "与多数意见不一致的理由"));
	gate_note(res, "决定与多数意见不一致，已说明理由");
}

GATE_FN(decision_adopted)
{
	long di = gate_last(r, STEP_DECIDE);
	const struct case_event *d = gate_event(r, di);
	const char *o = d ? gate_field(r, d, "outcome") : NULL;
	if (!o || strcmp(o, "adopt") != 0)
		GATE_BLOCK(res, FZ_CONFLICT, "决策未经集体讨论决定通过（%s），不能「%s」",
			   d ? option_label(r, "outcome", o) : "尚未决定", r->step->label);
	if (gate_last(r, STEP_DRAFT) > di || gate_last(r, STEP_MEETING) > di)
		GATE_BLOCK(res, FZ_CONFLICT, "决定（%s）后草案已修改或重新讨论，须重新决定", d->on);
	gate_note(res, "%s 决定通过", d->on);
}

GATE_FN(reported_to_party)
{
	long di = gate_last(r, STEP_DECIDE);
	long pi = gate_last(r, STEP_REPORT_PARTY);
	const struct case_event *d = gate_event(r, di);
	if (!d)
		return; /* requires_steps */
	if (pi < di)
		GATE_BLOCK(res, FZ_CONFLICT,
			   "决策出台前应当向同级党委请示报告（重大行政决策程序暂行条例第三十一条）："
			   "%s 的决定尚未报告，不能「%s」",
			   d->on, r->step->label);
	const struct case_event *p = gate_event(r, pi);
	const char *to = gate_field(r, p, "party_committee");
	gate_note(res, "%s 已向%s请示报告", p->on, to ? to : "同级党委");
}

/* The publication text is prepared once per decision: again only after a
 * new decision (a decision re-discussed and re-decided before its
 * publication was confirmed; the earlier unconfirmed text is superseded by
 * the pipeline, docs/PUBLICATION.md), never after the decision was
 * published — changing or stopping a published decision is art 37's
 * statutory procedure, not a new text. */
GATE_FN(prepared_once_per_decision)
{
	long ai = gate_last(r, STEP_ANNOUNCE);
	if (ai >= 0)
		GATE_BLOCK(res, FZ_CONFLICT,
			   "决策已于 %s 公布，不能重新「%s」；公布后的决策需要变更或者停止执行的，"
			   "应当依照法定程序进行（重大行政决策程序暂行条例第三十七条）",
			   gate_event(r, ai)->on, r->step->label);
	long di = gate_last(r, STEP_DECIDE);
	long pi = gate_last(r, STEP_PREPARE_ANNOUNCE);
	if (di >= 0 && pi > di)
		GATE_BLOCK(res, FZ_CONFLICT,
			   "%s 的决定已于 %s 「%s」；须经重新讨论决定后才能重新拟定",
			   gate_event(r, di)->on, gate_event(r, pi)->on, r->step->label);
	if (pi >= 0)
		gate_note(res, "%s 拟定的公布文本已被此后的决定取代", gate_event(r, pi)->on);
}

GATE_FN(legality_passed_or_risk)
{
	long draft = gate_last(r, STEP_DRAFT);
	long i = -1;
	for (long k = (long)r->ctx->nevents; k-- > 0 && k > draft;)
		if (r->ctx->events[k].step && strcmp(r->ctx->events[k].step, STEP_REVIEW) == 0) {
			i = k;
			break;
		}
	if (i < 0)
		GATE_BLOCK(res, FZ_CONFLICT, "现行决策草案尚未经合法性审查，不能「%s」（第二十五条）",
			   r->step->label);
	const struct case_event *ev = gate_event(r, i);
	const char *o = gate_field(r, ev, "opinion");
	if (o && strcmp(o, "pass") == 0)
		GATE_PASS(res, "合法性审查通过（%s，第 %d 号记录）", ev->on, ev->seq);
	/* art 25: an exploratory reform may go to the meeting with its legal
	 * risk stated; offered (availability) since the form can state it */
	if (r->availability)
		return;
	const char *why = gate_field(r, ev, "reasons");
	if (!gate_field_yes(r, r->ev, "exploratory_reform") ||
	    !gate_field(r, r->ev, "legal_risk"))
		GATE_BLOCK(res, FZ_CONFLICT,
			   "合法性审查发现问题（%s：%s），草案须修改后重新审查，不能「%s」；"
			   "国家尚无明确规定的探索性改革事项，可以写明“%s”并明示“%s”后提交讨论",
			   ev->on, why ? why : "", r->step->label,
			   label_of(r, "exploratory_reform", "探索性改革决策事项"),
			   label_of(r, "legal_risk", "明示的法律风险"));
	gate_note(res, "合法性审查发现问题（%s），作为探索性改革事项明示法律风险后提交讨论",
		  ev->on);
}

/* s without blanks at both ends, into out. */
static void trimmed(const char *s, char *out, size_t len)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	snprintf(out, len, "%.*s", (int)(n < len ? n : len - 1), s);
}

GATE_FN(evaluator_independent)
{
	const char *v = gate_field(r, r->ev, "evaluator");
	char who[200], other[200];
	if (r->availability || !v)
		return;
	trimmed(v, who, sizeof who);
	for (size_t i = 0; i < r->ctx->nevents; i++) {
		const struct case_event *ev = &r->ctx->events[i];
		if (!ev->step || strcmp(ev->step, STEP_RISK) != 0)
			continue;
		const char *a = gate_field(r, ev, "assessor");
		if (!a)
			continue;
		trimmed(a, other, sizeof other);
		if (*who && strcmp(who, other) == 0)
			GATE_BLOCK(res, FZ_CONFLICT,
				   "“%s”承担了决策前的风险评估（%s），不能进行决策后评估", who, ev->on);
	}
	gate_note(res, "评估单位未承担决策前的评估");
}
