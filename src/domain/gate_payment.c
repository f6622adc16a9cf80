/* gate_payment.c - paying the fine with the late-payment surcharge
 * (行政处罚法 arts 67, 72), closing once paid or sent to court, and the
 * generic before_due:CLOCK gate (a permit's correction notice, handling a
 * seizure before its term ends). */
#include "domain/gate_impl.h"

#include <stdio.h>
#include <string.h>

#include "domain/money.h"
#include "domain/surcharge.h"

/* The fine of the latest deciding event, 0 when it imposes none. */
static int64_t decided_fine(const struct gate_run *r)
{
	struct penalty p;
	const struct case_event *d = gate_event(r, gate_last_flag(r, PROC_DECIDES));
	return d && gate_penalty(r, d, &p) ? p.fine_fen : 0;
}

/* Sums a money field over the recorded events of step. */
static int64_t paid_sum(const struct gate_run *r, const char *step, const char *key)
{
	int64_t sum = 0, v;
	for (size_t i = 0; i < r->ctx->nevents; i++) {
		const struct case_event *ev = &r->ctx->events[i];
		const char *s = ev->step && strcmp(ev->step, step) == 0 ? gate_field(r, ev, key) : NULL;
		if (s && money_parse_yuan(s, &v))
			sum += v;
	}
	return sum;
}

static int64_t money_field(const struct gate_run *r, const char *key)
{
	int64_t v = 0;
	const char *s = gate_field(r, r->ev, key);
	return s && money_parse_yuan(s, &v) ? v : 0;
}

GATE_FN(surcharge_when_late)
{
	const struct proc_config *cfg = r->ctx->cfg;
	int64_t fine = decided_fine(r);
	struct case_clock c;
	struct surcharge s;
	char a[MONEY_TEXT_MAX], b[MONEY_TEXT_MAX];
	if (!fine)
		GATE_PASS(res, "决定未处罚款");
	if (!gate_clock(r, "payment", &c))
		return;
	if (!c.started_by)
		GATE_BLOCK(res, FZ_CONFLICT, "处罚决定尚未送达，缴款期限未开始");
	struct fz_error e = { 0 };
	if (surcharge_compute(fine, c.deadline.due, r->ev->on, cfg->surcharge_permille_per_day,
			      cfg->surcharge_cap_percent, &s, &e))
		GATE_BLOCK(res, FZ_INVALID, "%s", e.message);
	int64_t paid = paid_sum(r, r->step->id, "amount") + money_field(r, "amount");
	int64_t recorded = paid_sum(r, r->step->id, "surcharge") + money_field(r, "surcharge");
	money_format_yuan(s.amount_fen, a);
	money_format_yuan(recorded, b);
	if (!s.days && recorded)
		GATE_BLOCK(res, FZ_CONFLICT, "在缴款期限（届满日 %s）内缴纳，不应加处罚款",
			   c.deadline.due);
	char rate[24];
	int pm = cfg->surcharge_permille_per_day;
	if (pm % 10)
		snprintf(rate, sizeof rate, "%d.%d%%", pm / 10, pm % 10);
	else
		snprintf(rate, sizeof rate, "%d%%", pm / 10);
	if (recorded > s.amount_fen || (paid >= fine && recorded != s.amount_fen))
		GATE_BLOCK(res, FZ_CONFLICT,
			   "缴款期限已于 %s 届满，逾期 %d 日，应加处罚款 %s 元（每日按罚款数额的 %s%s），"
			   "已记录 %s 元",
			   c.deadline.due, s.days, a, rate, s.capped ? "，以罚款数额为限" : "", b);
	if (s.days)
		GATE_PASS(res, "逾期 %d 日，加处罚款 %s 元", s.days, a);
	GATE_PASS(res, "在缴款期限（届满日 %s）内缴纳", c.deadline.due);
}

GATE_FN(execution_complete)
{
	int64_t fine = decided_fine(r);
	char a[MONEY_TEXT_MAX], b[MONEY_TEXT_MAX];
	if (!fine)
		return;
	int64_t paid = paid_sum(r, "payment", "amount");
	money_format_yuan(paid, a);
	money_format_yuan(fine, b);
	if (paid >= fine)
		GATE_PASS(res, "罚款 %s 元已缴清", b);
	long ci = gate_last(r, "court_enforcement");
	if (ci >= 0)
		GATE_PASS(res, "已于 %s 申请人民法院强制执行", r->ctx->events[ci].on);
	GATE_BLOCK(res, FZ_CONFLICT, "罚款尚未缴清（已缴 %s 元，应缴 %s 元），不能结案", a, b);
}

GATE_FN(pending)
{
	/* A matter decided once: 立案审批 either approves or declines, and
	 * whichever comes first stops the clock for good. */
	struct case_clock c;
	if (!gate_clock(r, r->arg, &c))
		return;
	if (!c.started_by)
		GATE_BLOCK(res, FZ_CONFLICT, "%s尚未开始", c.clock->label);
	if (c.stopped_by) {
		const struct proc_step *s = proc_step_find(r->ctx->def, c.stopped_by->step);
		GATE_BLOCK(res, FZ_CONFLICT, "已于 %s 作出「%s」，不能再进行「%s」", c.stopped_by->on,
			   s ? s->label : c.stopped_by->step, r->step ? r->step->label : "");
	}
	GATE_PASS(res, "待%s", c.clock->label);
}

GATE_FN(before_due)
{
	struct case_clock c;
	if (!gate_clock(r, r->arg, &c))
		return;
	if (!c.started_by)
		GATE_BLOCK(res, FZ_CONFLICT, "%s尚未开始", c.clock->label);
	if (c.stopped_by)
		GATE_BLOCK(res, FZ_CONFLICT, "%s已于 %s 完成", c.clock->label, c.stopped_by->on);
	if (strcmp(r->ev->on, c.deadline.due) > 0)
		GATE_BLOCK(res, FZ_CONFLICT, "已超过%s（届满日 %s%s），不能进行「%s」", c.clock->label,
			   c.deadline.due, c.deadline.provisional ? "，暂定" : "", r->step->label);
	gate_note(res, "在%s内（届满日 %s%s）", c.clock->label, c.deadline.due,
		  c.deadline.provisional ? "，暂定" : "");
}
