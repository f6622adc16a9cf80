/* gate_paths.c - the gates of the statutory paths a county agency walks
 * beside the main line of a penalty case: recusal (回避, art 43),
 * preservation of evidence (先行登记保存, art 56), answering each statement
 * (复核, art 45), the ground of a no-penalty decision (arts 33, 36, 57),
 * and reconsideration or litigation pending (art 73). */
#include "base/num.h"
#include "domain/gate_impl.h"

#include <stdio.h>
#include <string.h>

#include "base/date.h"

/* Recorded events of step after index `after` (-1: all). */
static int count_after(const struct gate_run *r, const char *step, long after)
{
	int n = 0;
	for (size_t i = (size_t)(after + 1); i < r->ctx->nevents; i++)
		n += r->ctx->events[i].step && strcmp(r->ctx->events[i].step, step) == 0;
	return n;
}

static int64_t person_field(const struct gate_run *r, const struct case_event *ev)
{
	return num_id(gate_field(r, ev, "person"));
}

GATE_FN(recusal_pending)
{
	/* Requests not yet decided, matched in order: each decision answers
	 * the earliest open request for its person. */
	int64_t open[16];
	size_t nopen = 0;
	for (size_t i = 0; i < r->ctx->nevents; i++) {
		const struct case_event *ev = &r->ctx->events[i];
		if (!ev->step)
			continue;
		int64_t who = person_field(r, ev);
		if (!strcmp(ev->step, "recusal_request") && nopen < 16) {
			open[nopen++] = who;
		} else if (!strcmp(ev->step, "recusal_decision")) {
			for (size_t k = 0; k < nopen; k++) {
				if (open[k] == who) {
					open[k] = open[--nopen];
					break;
				}
			}
		}
	}
	if (!nopen)
		GATE_BLOCK(res, FZ_CONFLICT, "没有待决定的回避申请");
	if (r->availability)
		return;
	int64_t who = person_field(r, r->ev);
	for (size_t k = 0; k < nopen; k++)
		if (open[k] == who)
			GATE_PASS(res, "决定对回避申请");
	char name[80];
	gate_person_name(r, who, name, sizeof name);
	GATE_BLOCK(res, FZ_CONFLICT, "没有针对%s的待决定回避申请", name);
}

/* Whether id was ordered to withdraw (回避) before; *on its day. */
static bool withdrawn(const struct gate_run *r, int64_t id, const char **on)
{
	for (size_t i = 0; id && i < r->ctx->nevents; i++) {
		const struct case_event *ev = &r->ctx->events[i];
		const char *o = ev->step && !strcmp(ev->step, "recusal_decision")
					? gate_field(r, ev, "outcome")
					: NULL;
		if (o && !strcmp(o, "withdraw") && person_field(r, ev) == id) {
			*on = ev->on;
			return true;
		}
	}
	return false;
}

GATE_FN(recused_excluded)
{
	int64_t ids[24];
	size_t n = 0;
	for (size_t i = 0; i < r->ev->nofficers && n < 22; i++)
		ids[n++] = r->ev->officers[i];
	int64_t h = num_id(gate_field(r, r->ev, "host"));
	if (h)
		ids[n++] = h;
	if (r->ctx->actor_person)
		ids[n++] = r->ctx->actor_person;
	for (size_t i = 0; i < n; i++) {
		const char *on = NULL;
		if (withdrawn(r, ids[i], &on)) {
			char name[80];
			gate_person_name(r, ids[i], name, sizeof name);
			GATE_BLOCK(res, FZ_CONFLICT, "%s已于 %s 决定回避，不能再参与本案（行政处罚法第四十三条）",
				   name, on);
		}
	}
}

GATE_FN(preservation_approved)
{
	int approvals = count_after(r, "preservation_approval", -1);
	int done = count_after(r, "preservation", -1);
	if (approvals <= done)
		GATE_BLOCK(res, FZ_CONFLICT,
			   "先行登记保存须先经行政机关负责人批准；已批准的 %d 次均已实施", approvals);
	gate_note(res, "已经机关负责人批准");
}

GATE_FN(statements_answered)
{
	long ni = gate_last_flag(r, PROC_NOTIFIES);
	for (size_t i = (size_t)(ni + 1); ni >= 0 && i < r->ctx->nevents; i++) {
		const struct case_event *ev = &r->ctx->events[i];
		if (!ev->step || strcmp(ev->step, "statement") != 0 || gate_field_yes(r, ev, "waived"))
			continue;
		if (count_after(r, "statement_review", (long)i) == 0)
			GATE_BLOCK(res, FZ_CONFLICT,
				   "当事人 %s 的陈述、申辩尚未复核；对当事人提出的事实、理由和证据应当复核，"
				   "成立的应当采纳（行政处罚法第四十五条）",
				   ev->on);
	}
	gate_note(res, "当事人的陈述、申辩均已复核");
}

GATE_FN(no_penalty_ground)
{
	static const struct {
		const char *ground, *basis;
		bool educate;
	} grounds[] = {
		{ "minor", "行政处罚法第三十三条第一款（违法行为轻微并及时改正，没有造成危害后果）", true },
		{ "first_offence", "行政处罚法第三十三条第一款（初次违法且危害后果轻微并及时改正）", true },
		{ "no_fault", "行政处罚法第三十三条第二款（当事人有证据足以证明没有主观过错）", true },
		{ "not_established", "行政处罚法第五十七条第一款第三项（违法事实不能成立）", false },
		{ "limitation", "行政处罚法第三十六条（超过追责时效）", false },
	};
	const char *g = gate_field(r, r->ev, "ground");
	for (size_t i = 0; g && i < sizeof grounds / sizeof grounds[0]; i++) {
		if (strcmp(g, grounds[i].ground) != 0)
			continue;
		if (grounds[i].educate && !gate_field(r, r->ev, "education"))
			GATE_BLOCK(res, FZ_INVALID,
				   "依%s不予行政处罚的，应当对当事人进行教育（第三十三条第三款）：须写明教育的内容和方式",
				   grounds[i].basis);
		GATE_PASS(res, "依%s不予行政处罚", grounds[i].basis);
	}
}

long gate_remedy_open(const struct gate_run *r)
{
	long fi = gate_last(r, "remedy_filed");
	if (fi < 0)
		return -1;
	if (count_after(r, "remedy_upheld", fi) || count_after(r, "remedy_set_aside", fi))
		return -1;
	return fi;
}

GATE_FN(remedy_pending)
{
	if (gate_remedy_open(r) < 0)
		GATE_BLOCK(res, FZ_CONFLICT, "没有尚未审结的行政复议或行政诉讼");
}

GATE_FN(remedy_none_pending)
{
	long fi = gate_remedy_open(r);
	if (fi >= 0)
		GATE_BLOCK(res, FZ_CONFLICT, "%s 提起的行政复议或行政诉讼尚未审结，请先记录其结果",
			   r->ctx->events[fi].on);
}

/* 行政强制法 art 19: a measure taken on the spot in an emergency is
 * reported to the head within 24 hours and approved afterwards. Events
 * carry days, so the approval must fall on the day of the measure or the
 * day after; later, the measure can only be lifted. */
/* "HH:MM" as minutes after midnight, or -1. */
static int clock_minutes(const char *t)
{
	if (!t || strlen(t) != 5 || t[2] != ':' || t[0] < '0' || t[0] > '2' || t[1] < '0' ||
	    t[1] > '9' || t[3] < '0' || t[3] > '5' || t[4] < '0' || t[4] > '9')
		return -1;
	int h = (t[0] - '0') * 10 + (t[1] - '0');
	return h > 23 ? -1 : h * 60 + (t[3] - '0') * 10 + (t[4] - '0');
}

GATE_FN(emergency_reported)
{
	/* 行政强制法 art 19: report to the head and obtain approval within 24
	 * hours of the measure, counted by the hour the measure was taken
	 * (seized_time) and the hour of approval (approved_time). */
	const struct case_event *m = gate_event(r, gate_last(r, "emergency_seize"));
	char last[FZ_DATE_LEN];
	if (!m || !date_add_days(m->on, 1, last))
		GATE_BLOCK(res, FZ_CONFLICT, "没有当场实施的紧急强制措施");
	const char *st = gate_field(r, m, "seized_time");
	int from = clock_minutes(st);
	const char *ap = r->availability ? NULL : gate_field(r, r->ev, "approved_time");
	int at = clock_minutes(ap);
	char since[32], until[32];
	snprintf(since, sizeof since, "%s%s%s", m->on, from >= 0 ? " " : "", from >= 0 ? st : "");
	snprintf(until, sizeof until, "%s%s%s", last, from >= 0 ? " " : "", from >= 0 ? st : "");
	int day = strcmp(r->ev->on, last);
	if (day > 0 || (day == 0 && from >= 0 && at > from))
		GATE_BLOCK(res, FZ_CONFLICT,
			   "紧急情况下当场实施的强制措施应在二十四小时内向行政机关负责人报告并补办批准手续"
			   "（行政强制法第十九条）：%s 实施，最迟 %s；已逾期，应当立即解除",
			   since, until);
	if (strcmp(r->ev->on, m->on) == 0 && from >= 0 && at >= 0 && at < from)
		GATE_BLOCK(res, FZ_CONFLICT, "批准时间 %s 早于措施实施时间 %s", ap, st);
	gate_note(res, "%s 当场实施，%s 前补办批准", since, until);
}
