/* gate_penalty.c - a penalty's substance and order (行政处罚法): limitation
 * (art 36), advance notice and defence period (arts 44, 45, 62), nothing
 * heavier than notified, the simplified limits (art 51) and a reason for
 * leaving the discretion benchmark. */
#include "domain/gate_impl.h"

#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "domain/money.h"

/* The corresponding date `months` after date (民法典 art 202): the same
 * day, or the month's last day when the final month lacks it. */
static void months_after(const char *date, int months, char out[FZ_DATE_LEN])
{
	int y, m, d;
	out[0] = '\0';
	if (!date_parse(date, &y, &m, &d))
		return;
	int total = (m - 1) + months;
	int ny = y + total / 12, nm = total % 12 + 1;
	int last = date_days_in_month(ny, nm);
	if (ny > 9999)
		return;
	date_from_days(date_to_days(ny, nm, d <= last ? d : last), out);
}

GATE_FN(limitation)
{
	const struct enf_case *k = r->ctx->kase;
	bool serious = gate_case_flag(r, "serious_harm");
	struct proc_period p = r->ctx->cfg->periods[serious ? PROC_PERIOD_LIMITATION_SERIOUS
							    : PROC_PERIOD_LIMITATION];
	if (!date_parse(k->act_date, NULL, NULL, NULL))
		GATE_BLOCK(res, FZ_INVALID, "立案须写明违法行为发生（或终了）的日期");
	const char *found = gate_field(r, r->ev, "discovered_on");
	if (!found || r->availability)
		found = r->ev->on;
	if (strcmp(found, k->act_date) < 0)
		GATE_BLOCK(res, FZ_INVALID, "违法行为日期 %s 晚于发现日期 %s", k->act_date, found);
	char end[FZ_DATE_LEN];
	months_after(k->act_date, p.amount, end);
	char span[32];
	if (p.amount % 12 == 0)
		snprintf(span, sizeof span, "%d 年", p.amount / 12);
	else
		snprintf(span, sizeof span, "%d 个月", p.amount);
	if (strcmp(found, end) > 0)
		GATE_BLOCK(res, FZ_CONFLICT,
			   "已超过行政处罚追责时效（%s），不能立案：违法行为发生（终了）于 %s，"
			   "时效于 %s 届满，发现于 %s",
			   span, k->act_date, end, found);
	gate_note(res, "追责时效 %s，至 %s 届满", span, end);
}

GATE_FN(notice_before_decision)
{
	const struct case_event *n = gate_event(r, gate_last_flag(r, PROC_NOTIFIES));
	if (!n)
		GATE_BLOCK(res, FZ_CONFLICT,
			   "作出处罚决定前须告知当事人拟作出的处罚内容及事实、理由、依据，"
			   "并告知其陈述、申辩、要求听证的权利（行政处罚法第四十四条）");
	gate_note(res, "已于 %s 告知", n->on);
}

/* Whether the party expressly waived statement and defence after the
 * notice at index ni (行政处罚法 art 62): a later event with waived=1. */
static bool waived_after(const struct gate_run *r, long ni)
{
	for (size_t i = (size_t)ni + 1; i < r->ctx->nevents; i++)
		if (gate_field_yes(r, &r->ctx->events[i], "waived"))
			return true;
	return false;
}

GATE_FN(defence_period_elapsed)
{
	long ni = gate_last_flag(r, PROC_NOTIFIES);
	struct case_clock c;
	if (ni < 0)
		GATE_BLOCK(res, FZ_CONFLICT, "尚未告知，陈述申辩期未开始，不能作出决定");
	if (waived_after(r, ni))
		GATE_PASS(res, "当事人已明确放弃陈述、申辩");
	if (!gate_clock(r, "defence", &c))
		return;
	if (strcmp(r->ev->on, c.deadline.due) <= 0)
		GATE_BLOCK(res, FZ_CONFLICT, "陈述申辩期尚未届满（届满日 %s%s），不能作出决定",
			   c.deadline.due, c.deadline.provisional ? "，暂定" : "");
	gate_note(res, "陈述申辩期已于 %s 届满%s", c.deadline.due,
		  c.deadline.provisional ? "（暂定）" : "");
}

GATE_FN(penalty_stated)
{
	struct penalty p;
	struct fz_error e = { 0 };
	if (penalty_from_fields(gate_field(r, r->ev, "penalty"), gate_field(r, r->ev, "amount"),
				gate_field(r, r->ev, "confiscation"), &p, &e))
		GATE_BLOCK(res, FZ_INVALID, "%s", e.message);
	struct buf b = BUF_INIT;
	char yuan[MONEY_TEXT_MAX];
	penalty_kinds_format_labels(p.kinds, &b);
	money_format_yuan(p.fine_fen, yuan);
	if (p.fine_fen)
		gate_note(res, "%s，罚款 %s 元", buf_cstr(&b), yuan);
	else
		gate_note(res, "%s", buf_cstr(&b));
	buf_release(&b);
}

GATE_FN(not_above_notified)
{
	const struct case_event *n = gate_event(r, gate_last_flag(r, PROC_NOTIFIES));
	struct penalty decided, notified;
	char why[300];
	if (!n || !gate_penalty(r, n, &notified) || !gate_penalty(r, r->ev, &decided))
		return; /* notice_before_decision and penalty_stated say why */
	if (penalty_heavier(&decided, &notified, why, sizeof why))
		GATE_BLOCK(res, FZ_CONFLICT, "%s；加重处罚须重新告知（行政处罚法第四十四、四十五条）",
			   why);
	gate_note(res, "未超过 %s 告知的处罚", n->on);
}

GATE_FN(simplified_within_limits)
{
	const struct proc_config *cfg = r->ctx->cfg;
	enum party_kind party = r->ctx->kase->party_kind;
	struct penalty p;
	if (!gate_penalty(r, r->ev, &p))
		return; /* penalty_stated says why */
	unsigned extra = p.kinds & ~cfg->simplified_penalties;
	if (extra) {
		struct buf allowed = BUF_INIT, bad = BUF_INIT;
		penalty_kinds_format_labels(cfg->simplified_penalties, &allowed);
		penalty_kinds_format_labels(extra, &bad);
		gate_block(res, FZ_CONFLICT, "当场处罚只能是%s，「%s」应适用普通程序",
			   buf_cstr(&allowed), buf_cstr(&bad));
		buf_release(&allowed);
		buf_release(&bad);
		return;
	}
	int64_t limit = cfg->simplified_fine_fen[proc_party_index(party)];
	char a[MONEY_TEXT_MAX], b[MONEY_TEXT_MAX];
	money_format_yuan(limit, a);
	money_format_yuan(p.fine_fen, b);
	if (p.fine_fen > limit)
		GATE_BLOCK(res, FZ_CONFLICT,
			   "当场处罚的罚款不能超过 %s 元（%s），本案为 %s 元，应适用普通程序", a,
			   proc_party_label(party), b);
	gate_note(res, "在当场处罚限额 %s 元（%s）以内", a, proc_party_label(party));
}

GATE_FN(benchmark_reason_when_outside)
{
	if (!gate_field_yes(r, r->ev, "benchmark_outside"))
		return;
	if (!gate_field(r, r->ev, "benchmark_reason"))
		GATE_BLOCK(res, FZ_INVALID,
			   "处罚超出裁量基准，须写明理由（字段 benchmark_reason），并提示法制审核");
	gate_note(res, "超出裁量基准，理由已记录");
}
