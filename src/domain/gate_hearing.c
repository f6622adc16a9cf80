/* gate_hearing.c - the hearing (听证, 行政处罚法 arts 63-64): offered in
 * the notice when the intended penalty meets the province's threshold,
 * requested within the window, notified at least the notice period
 * before it is held, and held before a decision when it was requested. */
#include "domain/gate_impl.h"

#include <stdio.h>
#include <string.h>

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
