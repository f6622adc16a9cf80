/* gate_payment.c - paying the fine with the late-payment surcharge
 * (行政处罚法 arts 67, 72), closing once paid or sent to court, and the
 * generic before_due:CLOCK gate (a permit's correction notice, handling a
 * seizure before its term ends). */
#include "domain/gate_impl.h"

#include <stdio.h>
#include <string.h>

#include "domain/arrears.h"
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
	struct case_arrears ar;
	const struct proc_ctx *x = r->ctx;
	if (case_arrears_compute(x->def, cfg, x->cal, x->events, x->nevents, r->ev->on, x->today,
				 x->scratch, &ar, &e))
		GATE_BLOCK(res, FZ_INVALID, "%s", e.message);
	const char *due = c.deadline.due;
	if (ar.deferred) {
		/* the schedule the head approved replaces the single deadline */
		if (arrears_schedule_surcharge(&ar, x->events, x->nevents, r->ev->on,
					       money_field(r, "amount"), &s, &e))
			GATE_BLOCK(res, FZ_INVALID, "%s", e.message);
		due = ar.due;
	} else if (surcharge_compute(fine, c.deadline.due, r->ev->on,
				     cfg->surcharge_permille_per_day, cfg->surcharge_cap_percent, &s,
				     &e)) {
		GATE_BLOCK(res, FZ_INVALID, "%s", e.message);
	}
	int64_t paid = paid_sum(r, r->step->id, "amount") + money_field(r, "amount");
	int64_t recorded = paid_sum(r, r->step->id, "surcharge") + money_field(r, "surcharge");
	money_format_yuan(s.amount_fen, a);
	money_format_yuan(recorded, b);
	if (!s.days && recorded)
		GATE_BLOCK(res, FZ_CONFLICT, "在缴款期限（届满日 %s）内缴纳，不应加处罚款", due);
	char rate[24];
	int pm = cfg->surcharge_permille_per_day;
	if (pm % 10)
		snprintf(rate, sizeof rate, "%d.%d%%", pm / 10, pm % 10);
	else
		snprintf(rate, sizeof rate, "%d%%", pm / 10);
	if (recorded > s.amount_fen || (paid >= fine && recorded != s.amount_fen))
		GATE_BLOCK(res, FZ_CONFLICT,
			   "缴款期限已于 %s 届满，逾期 %d 日，应加处罚款 %s 元（每日按%s的 %s%s），"
			   "已记录 %s 元",
			   due, s.days, a, ar.deferred ? "逾期各期金额" : "罚款数额", rate,
			   s.capped ? "，以罚款数额为限" : "", b);
	if (s.days)
		GATE_PASS(res, "逾期 %d 日，加处罚款 %s 元", s.days, a);
	GATE_PASS(res, "在缴款期限（届满日 %s）内缴纳", due);
}

GATE_FN(deferment_schedule)
{
	/* 行政处罚法 art 66 para 2: on the party's application, for real
	 * financial hardship, the agency may approve paying later or in
	 * instalments. The schedule must account for exactly what is owed. */
	const struct proc_ctx *x = r->ctx;
	struct case_arrears ar;
	struct fz_error e = { 0 };
	char owed[MONEY_TEXT_MAX], total_t[MONEY_TEXT_MAX];
	if (case_arrears_compute(x->def, x->cfg, x->cal, x->events, x->nevents, r->ev->on, x->today,
				 x->scratch, &ar, &e))
		GATE_BLOCK(res, FZ_INVALID, "%s", e.message);
	if (!ar.fine_fen)
		GATE_BLOCK(res, FZ_CONFLICT, "本案决定未处罚款，没有可以延期或分期缴纳的罚款");
	if (!ar.payment_started)
		GATE_BLOCK(res, FZ_CONFLICT, "行政处罚决定书尚未送达，缴款期限未开始");
	money_format_yuan(ar.outstanding_fen, owed);
	if (!ar.outstanding_fen)
		GATE_BLOCK(res, FZ_CONFLICT, "罚款已缴清，无须延期或分期缴纳");
	/* Once the deadline has passed the surcharge has accrued by law (art
	 * 72); approving a new schedule then would waive it, which the Law
	 * gives the agency no power to do (our reading; U). */
	if (strcmp(r->ev->on, ar.due) > 0)
		GATE_BLOCK(res, FZ_CONFLICT,
			   "缴款期限已于 %s 届满，逾期已产生加处罚款（第七十二条）；延期、分期缴纳须在"
			   "缴款期限内申请并批准", ar.due);
	if (r->availability)
		GATE_PASS(res, "未缴罚款 %s 元，可在 %s 前批准延期或分期缴纳", owed, ar.due);
	const char *mode = gate_field(r, r->ev, "mode");
	struct arrears_instalment in[ARREARS_INSTALMENTS_MAX];
	size_t n;
	int bad;
	if (!arrears_schedule_parse(gate_field(r, r->ev, "schedule"), in, ARREARS_INSTALMENTS_MAX,
				    &n, &bad)) {
		if (!bad)
			GATE_BLOCK(res, FZ_INVALID, "缴纳计划最多 %d 期", ARREARS_INSTALMENTS_MAX);
		GATE_BLOCK(res, FZ_INVALID,
			   "缴纳计划第 %d 行应写为“YYYY-MM-DD 金额”，如“2027-01-15 5000”", bad);
	}
	bool instalments = mode && !strcmp(mode, "instalments");
	if (!n)
		GATE_BLOCK(res, FZ_INVALID, "缴纳计划不能为空：每行一期，“YYYY-MM-DD 金额”");
	if (!instalments && n != 1)
		GATE_BLOCK(res, FZ_INVALID, "延期缴纳只写一行：缴清全部罚款的日期和金额");
	if (instalments && n < 2)
		GATE_BLOCK(res, FZ_INVALID, "分期缴纳至少分两期");
	int64_t total = 0;
	for (size_t i = 0; i < n; i++) {
		const char *prev = i ? in[i - 1].due : r->ev->on;
		if (strcmp(in[i].due, prev) <= 0)
			GATE_BLOCK(res, FZ_INVALID, "缴纳计划第 %zu 期的日期 %s 应晚于%s %s", i + 1,
				   in[i].due, i ? "上一期" : "批准之日", prev);
		total += in[i].fen;
	}
	money_format_yuan(total, total_t);
	if (total != ar.outstanding_fen)
		GATE_BLOCK(res, FZ_INVALID, "缴纳计划合计 %s 元，应等于未缴罚款 %s 元", total_t, owed);
	GATE_PASS(res, "%s缴纳：共 %zu 期，合计 %s 元，至 %s 缴清", instalments ? "分期" : "延期", n,
		  total_t, in[n - 1].due);
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
	if (c.state == CASE_CLOCK_NOT_APPLICABLE)
		GATE_BLOCK(res, FZ_CONFLICT, "本案不适用%s", c.clock->label);
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
