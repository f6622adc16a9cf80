/* gate_hearing.c - the hearing (听证, 行政处罚法 arts 63-64): offered in
 * the notice when the intended penalty meets the province's threshold,
 * requested within the window, notified at least the notice period
 * before it is held, and held before a decision when it was requested. */
#include "base/num.h"
#include "domain/gate_impl.h"

#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "domain/money.h"

/* Whether p gives the party a hearing; why says which criterion. */
static bool hearing_required(const struct gate_run *r, const struct penalty *p, char *why,
			     size_t len)
{
	const struct proc_config *cfg = r->ctx->cfg;
	enum party_kind party = r->ctx->kase->party_kind;
	int i = proc_party_index(party);
	char a[MONEY_TEXT_MAX], b[MONEY_TEXT_MAX];
	unsigned heavy = p->kinds & cfg->hearing_penalties;
	if (heavy) {
		struct buf l = BUF_INIT;
		penalty_kinds_format_labels(heavy, &l);
		snprintf(why, len, "拟%s", buf_cstr(&l));
		buf_release(&l);
		return true;
	}
	if (cfg->hearing_fine_fen[i] && p->fine_fen >= cfg->hearing_fine_fen[i]) {
		money_format_yuan(p->fine_fen, a);
		money_format_yuan(cfg->hearing_fine_fen[i], b);
		snprintf(why, len, "拟罚款 %s 元，达到较大数额标准 %s 元（%s）", a, b,
			 proc_party_label(party));
		return true;
	}
	if (cfg->hearing_confiscation_fen[i] &&
	    p->confiscation_fen >= cfg->hearing_confiscation_fen[i]) {
		money_format_yuan(p->confiscation_fen, a);
		money_format_yuan(cfg->hearing_confiscation_fen[i], b);
		snprintf(why, len, "拟没收 %s 元，达到较大数额标准 %s 元（%s）", a, b,
			 proc_party_label(party));
		return true;
	}
	return false;
}

GATE_FN(hearing_right_in_notice)
{
	struct penalty p;
	char why[200];
	if (!gate_penalty(r, r->ev, &p))
		return; /* penalty_stated says why */
	if (!hearing_required(r, &p, why, sizeof why))
		GATE_PASS(res, "未达到听证标准");
	if (!gate_field_yes(r, r->ev, "hearing_offered"))
		GATE_BLOCK(res, FZ_CONFLICT,
			   "%s，告知书应告知当事人有要求听证的权利（字段 hearing_offered=1）", why);
	gate_note(res, "%s，已告知听证权利", why);
}

GATE_FN(hearing_offered_when_required)
{
	long ni = gate_last_flag(r, PROC_NOTIFIES);
	const struct case_event *n = gate_event(r, ni);
	struct penalty p;
	char why[200];
	if (!n)
		return; /* notice_before_decision says why */
	long hi = gate_last(r, "hearing_request");
	if (hi > ni) {
		long held = gate_last(r, "hearing");
		if (held < hi)
			GATE_BLOCK(res, FZ_CONFLICT,
				   "当事人已于 %s 要求听证，听证结束前不能作出决定",
				   r->ctx->events[hi].on);
		GATE_PASS(res, "已于 %s 举行听证", r->ctx->events[held].on);
	}
	if (!gate_penalty(r, n, &p) || !hearing_required(r, &p, why, sizeof why))
		GATE_PASS(res, "未达到听证标准");
	if (!gate_field_yes(r, n, "hearing_offered"))
		GATE_BLOCK(res, FZ_CONFLICT, "%s，但告知书未告知听证权利，须重新告知", why);
	for (size_t i = (size_t)ni + 1; i < r->ctx->nevents; i++)
		if (gate_field_yes(r, &r->ctx->events[i], "waived"))
			GATE_PASS(res, "当事人已明确放弃听证");
	struct case_clock c;
	if (!gate_clock(r, "hearing_request", &c))
		return;
	if (strcmp(r->ev->on, c.deadline.due) <= 0)
		GATE_BLOCK(res, FZ_CONFLICT, "%s，听证申请期限尚未届满（届满日 %s%s），不能作出决定",
			   why, c.deadline.due, c.deadline.provisional ? "，暂定" : "");
	gate_note(res, "当事人未在期限内（%s 前）要求听证", c.deadline.due);
}

GATE_FN(hearing_request_window)
{
	struct case_clock c;
	if (!gate_clock(r, "hearing_request", &c))
		return;
	if (!c.started_by)
		GATE_BLOCK(res, FZ_CONFLICT, "尚未告知听证权利，不能记录听证申请");
	if (strcmp(r->ev->on, c.deadline.due) > 0)
		GATE_BLOCK(res, FZ_CONFLICT,
			   "听证申请期限已于 %s 届满（告知后 %d %s内），当事人逾期要求听证", c.deadline.due,
			   c.deadline.total, clock_unit_label(c.deadline.unit));
	gate_note(res, "在听证申请期限（届满日 %s）内", c.deadline.due);
}

GATE_FN(hearing_notice_period)
{
	struct case_clock c;
	const char *outcome = gate_field(r, r->ev, "outcome");
	if (outcome && strcmp(outcome, "withdrawn") == 0)
		GATE_PASS(res, "当事人撤回听证申请");
	if (!gate_clock(r, "hearing_notice", &c))
		return;
	if (!c.started_by)
		GATE_BLOCK(res, FZ_CONFLICT, "尚未送达听证通知，不能举行听证");
	if (strcmp(r->ev->on, c.deadline.due) <= 0)
		GATE_BLOCK(res, FZ_CONFLICT,
			   "听证通知应在举行听证 %d %s前送达：通知于 %s 送达，听证应在 %s 之后举行，"
			   "不能定于 %s",
			   c.deadline.total, clock_unit_label(c.deadline.unit), c.input.start,
			   c.deadline.due, r->ev->on);
	gate_note(res, "听证通知于 %s 送达，满 %d %s", c.input.start, c.deadline.total,
		  clock_unit_label(c.deadline.unit));
}

/* "HH:MM" on a 24-hour clock. */
static bool time_of_day(const char *v)
{
	return v && strlen(v) == 5 && v[0] >= '0' && v[0] <= '2' && v[1] >= '0' && v[1] <= '9' &&
	       v[2] == ':' && v[3] >= '0' && v[3] <= '5' && v[4] >= '0' && v[4] <= '9' &&
	       (v[0] - '0') * 10 + (v[1] - '0') < 24;
}

/* The hearing notice is judged when it is issued (art 64): a time of day,
 * the notice period from its service, a host who may host, and one
 * notice in force at a time. */
GATE_FN(hearing_notice_valid)
{
	const struct proc_ctx *c = r->ctx;
	const char *on = gate_field(r, r->ev, "hearing_on");
	const char *at = gate_field(r, r->ev, "hearing_time");
	const char *served = gate_field(r, r->ev, "served_on");
	const char *host = gate_field(r, r->ev, "host");
	if (r->availability)
		return;
	if (!time_of_day(at))
		GATE_BLOCK(res, FZ_INVALID, "听证时间应为 24 小时制的“时:分”，如 09:30");
	if (on && served && date_parse(on, NULL, NULL, NULL) && date_parse(served, NULL, NULL, NULL)) {
		struct proc_period p;
		struct clock_input in;
		struct deadline d;
		struct fz_error e;
		if (!proc_config_period(c->cfg, "hearing_notice_period", &p))
			p = (struct proc_period){ 7, CLOCK_WORKING_DAYS };
		clock_input_init(&in, served, p.unit, p.amount);
		if (clock_compute(c->cal, &in, c->scratch, &d, &e) != FZ_OK) {
			r->failure = e.code ? e.code : FZ_INTERNAL;
			r->failure_detail = e;
			return;
		}
		if (strcmp(on, d.due) <= 0)
			GATE_BLOCK(res, FZ_CONFLICT,
				   "听证通知应在举行听证 %d %s前送达：通知 %s 送达，听证最早可定于 %s 之后，"
				   "不能定于 %s",
				   p.amount, clock_unit_label(p.unit), served, d.due, on);
	}
	int64_t hid = num_id(host);
	if (hid) {
		const struct proc_person *p = gate_person(r, hid);
		char name[80];
		gate_person_name(r, hid, name, sizeof name);
		if (!p || p->kind != PERSON_OFFICER || p->cert != CERT_VALID)
			GATE_BLOCK(res, FZ_CONFLICT, "听证主持人%s须为持有有效执法证件的执法人员", name);
		if (gate_is_handler(r, hid))
			GATE_BLOCK(res, FZ_CONFLICT, "听证主持人不能是本案调查人员（%s 参与了调查）", name);
	}
	long ri = gate_last(r, "hearing_request");
	long ni = gate_last(r, "hearing_notice");
	long hi = gate_last(r, "hearing");
	if (ni > ri && ni > hi) {
		const char *p = gate_reason(r);
		if (!p)
			GATE_BLOCK(res, FZ_INVALID,
				   "%s 的听证通知仍然有效；重新通知将取代原通知，须说明理由",
				   c->events[ni].on);
		GATE_PASS(res, "取代 %s 的听证通知：%s", c->events[ni].on, p);
	}
	gate_note(res, "听证定于 %s %s，通知于 %s 送达", on ? on : "", at, served ? served : "");
}
