/* gate_enforce.c - rules about time and people that carry a penalty case
 * to its end: the 催告 before court enforcement and the window for
 * applying (行政强制法 arts 35, 53, 54; 行政诉讼法解释 art 156), the
 * 90-day handling period (行政处罚法 art 60), the grounds of the five-year
 * limitation (art 36) and the officers of an on-the-spot decision (art 42).
 * Values a province sets (periods, domains, laws) come from its config. */
#include "domain/gate_impl.h"

#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "domain/arrears.h"
#include "domain/money.h"

/* The fine's arrears on day until; false (r->failure set) on error. */
static bool arrears_on(struct gate_run *r, const char *until, struct case_arrears *out)
{
	const struct proc_ctx *c = r->ctx;
	enum fz_err rc = case_arrears_compute(c->def, c->cfg, c->cal, c->events, c->nevents, until,
					      c->today, c->scratch, out, &r->failure_detail);
	if (rc)
		r->failure = rc;
	return rc == FZ_OK;
}

/* Blocks unless a fine is decided, served and still owed; the fine and the
 * amount owed in yuan into fine and owed. */
static bool fine_owed(struct gate_run *r, struct gate_result *res, const struct case_arrears *ar,
		      const char *what, char fine[MONEY_TEXT_MAX], char owed[MONEY_TEXT_MAX])
{
	money_format_yuan(ar->fine_fen, fine);
	money_format_yuan(ar->outstanding_fen, owed);
	if (!ar->fine_fen)
		gate_block(res, FZ_CONFLICT, "本案决定未处罚款，没有需要%s的罚款", what);
	else if (!ar->payment_started)
		gate_block(res, FZ_CONFLICT, "行政处罚决定书尚未送达，缴款期限未开始，不能%s", what);
	else if (!ar->outstanding_fen)
		gate_block(res, FZ_CONFLICT, "罚款 %s 元已缴清，无须%s", fine, what);
	(void)r;
	return res->passed;
}

GATE_FN(demand_after_default)
{
	struct case_arrears ar;
	char fine[MONEY_TEXT_MAX], owed[MONEY_TEXT_MAX], sur[MONEY_TEXT_MAX], rate[16];
	char next[FZ_DATE_LEN];
	const char *on = r->ev->on;
	if (!arrears_on(r, on, &ar) || !fine_owed(r, res, &ar, "催告", fine, owed))
		return;
	if (!ar.late) {
		date_add_days(ar.due, 1, next);
		GATE_BLOCK(res, FZ_CONFLICT,
			   "缴款期限至 %s 届满，当事人逾期不缴纳的方可催告，最早可于 %s 催告"
			   "（行政强制法第三十五条、第五十四条）",
			   ar.due, next);
	}
	money_format_yuan(ar.surcharge.amount_fen, sur);
	arrears_rate_text(ar.rate_permille, rate);
	if (!r->availability) {
		int64_t a = -1, s = -1;
		const char *av = gate_field(r, r->ev, "amount"), *sv = gate_field(r, r->ev, "surcharge");
		if (!av || !money_parse_yuan(av, &a) || a != ar.outstanding_fen || !sv ||
		    !money_parse_yuan(sv, &s) || s != ar.surcharge.amount_fen)
			GATE_BLOCK(res, FZ_CONFLICT,
				   "催告书的金额由系统计算：未缴罚款 %s 元，截至 %s 逾期 %d 日，加处罚款 %s 元"
				   "（每日 %s）；记录的是 %s 元、%s 元",
				   owed, on, ar.surcharge.days, sur, rate, av ? av : "（无）",
				   sv ? sv : "（无）");
		const char *by = gate_field(r, r->ev, "perform_by");
		const char *served = gate_field(r, r->ev, "served_on");
		if (by && !date_parse(by, NULL, NULL, NULL))
			GATE_BLOCK(res, FZ_INVALID, "字段 perform_by（履行期限）应为 YYYY-MM-DD 格式的有效日期");
		if (by && strcmp(by, on) <= 0)
			GATE_BLOCK(res, FZ_INVALID,
				   "履行期限 %s 应晚于催告日期 %s（行政强制法第三十五条：催告书应载明履行义务的期限）",
				   by, on);
		if (served && strcmp(served, on) < 0)
			GATE_BLOCK(res, FZ_INVALID, "催告书的送达日期 %s 早于催告日期 %s", served, on);
	}
	GATE_PASS(res, "罚款 %s 元未缴清（未缴 %s 元），缴款期限 %s 届满；截至 %s 逾期 %d 日，加处罚款 %s 元",
		  fine, owed, ar.due, on, ar.surcharge.days, sur);
}

/* Keeps in out the later of out and the day after day. */
static void later_next(char out[FZ_DATE_LEN], const char *day)
{
	char next[FZ_DATE_LEN];
	if (date_add_days(day, 1, next) && strcmp(next, out) > 0)
		memcpy(out, next, FZ_DATE_LEN);
}

/* With a deferment the application period runs from the end of the
 * schedule (行政处罚法 art 72 para 2): keeps in until the later of until
 * and that end plus the configured window. False (r->failure) on error. */
static bool deferred_window(struct gate_run *r, const char *end, char until[FZ_DATE_LEN])
{
	struct proc_period p;
	struct clock_input in;
	struct deadline d;
	if (!proc_config_period(r->ctx->cfg, "court_application_window", &p))
		return true;
	clock_input_init(&in, end, p.unit, p.amount);
	enum fz_err rc = clock_compute(r->ctx->cal, &in, r->ctx->scratch, &d, &r->failure_detail);
	if (rc) {
		r->failure = rc;
		return false;
	}
	if (strcmp(d.due, until) > 0)
		memcpy(until, d.due, FZ_DATE_LEN);
	return true;
}

GATE_FN(court_application_window)
{
	struct case_arrears ar;
	struct case_clock dc, rc, lc, wc;
	char fine[MONEY_TEXT_MAX], owed[MONEY_TEXT_MAX], sur[MONEY_TEXT_MAX];
	char earliest[FZ_DATE_LEN] = "";
	const char *on = r->ev->on;
	if (!arrears_on(r, on, &ar) || !fine_owed(r, res, &ar, "申请人民法院强制执行", fine, owed))
		return;
	long pending = gate_remedy_open(r);
	if (pending >= 0)
		GATE_BLOCK(res, FZ_CONFLICT,
			   "当事人已于 %s 申请行政复议或提起行政诉讼，尚未审结；审结前不能申请人民法院强制执行",
			   r->ctx->events[pending].on);
	const struct case_event *d = gate_event(r, gate_last(r, "demand"));
	if (!d)
		GATE_BLOCK(res, FZ_CONFLICT,
			   "申请人民法院强制执行前，须以催告书催告当事人履行义务（行政强制法第三十五条、"
			   "第五十四条）；本案尚未催告");
	if (!gate_clock(r, "demand", &dc) || !gate_clock(r, "reconsideration", &rc) ||
	    !gate_clock(r, "litigation", &lc) || !gate_clock(r, "court_application", &wc))
		return;
	struct buf why = BUF_INIT;
	const char *by = gate_field(r, d, "perform_by");
	if (dc.started_by && strcmp(on, dc.deadline.due) <= 0) {
		buf_addf(&why, "催告期限至 %s 届满", dc.deadline.due);
		later_next(earliest, dc.deadline.due);
	}
	if (by && date_parse(by, NULL, NULL, NULL) && strcmp(on, by) <= 0) {
		buf_addf(&why, "%s履行期限至 %s", why.len ? "，" : "", by);
		later_next(earliest, by);
	}
	if (rc.started_by && strcmp(on, rc.deadline.due) <= 0) {
		buf_addf(&why, "%s复议期限至 %s 届满", why.len ? "，" : "", rc.deadline.due);
		later_next(earliest, rc.deadline.due);
	}
	if (lc.started_by && strcmp(on, lc.deadline.due) <= 0) {
		buf_addf(&why, "%s诉讼期限至 %s 届满", why.len ? "，" : "", lc.deadline.due);
		later_next(earliest, lc.deadline.due);
	}
	if (ar.deferred && strcmp(on, ar.deferred_until) <= 0) {
		buf_addf(&why, "%s批准的%s缴纳期限至 %s 结束（行政处罚法第七十二条第二款）",
			 why.len ? "，" : "", ar.ninstalments > 1 ? "分期" : "延期", ar.deferred_until);
		later_next(earliest, ar.deferred_until);
	}
	if (why.len) {
		gate_block(res, FZ_CONFLICT, "尚不能申请人民法院强制执行：%s；最早可于 %s 申请",
			   buf_cstr(&why), earliest);
		buf_release(&why);
		return;
	}
	buf_release(&why);
	char until[FZ_DATE_LEN] = "";
	if (wc.started_by && wc.state != CASE_CLOCK_NOT_APPLICABLE)
		memcpy(until, wc.deadline.due, FZ_DATE_LEN);
	if (ar.deferred && !deferred_window(r, ar.deferred_until, until))
		return;
	if (*until && strcmp(on, until) > 0)
		GATE_BLOCK(res, FZ_CONFLICT,
			   "申请人民法院强制执行的期限已于 %s 届满（复议、诉讼期限届满之日起三个月内申请%s，"
			   "行政强制法第五十三条、行政诉讼法解释第一百五十六条），不能再申请",
			   until, ar.deferred ? "；批准延期、分期缴纳的，自其期限结束之日起计算" : "");
	money_format_yuan(ar.surcharge.amount_fen, sur);
	GATE_PASS(res, "催告、复议和诉讼期限均已届满，在申请期限内（至 %s）；未缴罚款 %s 元，加处罚款 %s 元",
		  *until ? until : "—", owed, sur);
}

GATE_FN(within_case_period)
{
	struct case_clock c;
	char ext[64] = "";
	if (!gate_clock(r, "case_handling", &c))
		return;
	if (!c.started_by || c.state == CASE_CLOCK_NOT_APPLICABLE || c.stopped_by)
		return;
	if (c.nextensions)
		snprintf(ext, sizeof ext, "，含已批准的延长 %d 次", c.nextensions);
	const char *how = r->ctx->cfg->case_extension_collective ? "经批准或集体讨论决定"
								  : "经负责人批准";
	if (strcmp(r->ev->on, c.deadline.due) > 0)
		GATE_BLOCK(res, FZ_CONFLICT,
			   "%s已于 %s 届满（自 %s 起算%s），不能再「%s」；延长须在届满前%s"
			   "（行政处罚法第六十条）",
			   c.clock->label, c.deadline.due, c.input.start, ext, r->step->label, how);
	gate_note(res, "在%s内（届满日 %s%s%s）", c.clock->label, c.deadline.due,
		  c.deadline.provisional ? "，暂定" : "", ext);
}

GATE_FN(collective_extension_allowed)
{
	if (!r->ctx->cfg->case_extension_collective)
		GATE_BLOCK(res, FZ_CONFLICT,
			   "本省配置未规定经集体讨论再次延长办案期限（配置项 case_extension_collective），"
			   "办案期限只能经机关负责人批准延长一次");
	gate_note(res, "省级配置允许经集体讨论决定再次延长办案期限");
}

GATE_FN(serious_harm_grounds)
{
	const struct proc_config *cfg = r->ctx->cfg;
	const char *domain = r->ctx->kase->domain ? r->ctx->kase->domain : "";
	if (!gate_field_yes(r, r->ev, "serious_harm"))
		return;
	if (!gate_field(r, r->ev, "serious_harm_reason"))
		GATE_BLOCK(res, FZ_INVALID,
			   "适用五年追责时效须写明理由（字段 serious_harm_reason）：违法行为涉及公民生命健康"
			   "安全、金融安全且有危害后果的事实（行政处罚法第三十六条）");
	if (!proc_config_domain_listed(cfg->serious_harm_domains, domain))
		GATE_BLOCK(res, FZ_CONFLICT,
			   "本案执法领域“%s”不在省级配置可适用五年追责时效的领域之内"
			   "（serious_harm_domains；行政处罚法第三十六条）",
			   domain);
	gate_note(res, "适用五年追责时效，理由已记录，供法制审核");
}

GATE_FN(onsite_officers)
{
	const char *domain = r->ctx->kase->domain ? r->ctx->kase->domain : "";
	const char *basis = proc_config_onsite_single(r->ctx->cfg, domain);
	int need = basis ? 1 : 2;
	struct buf why = BUF_INIT;
	int have = gate_certified_count(r, &why);
	if (have < need && basis)
		gate_block(res, FZ_CONFLICT,
			   "依%s，执法领域“%s”可由一名执法人员当场处罚，但须持有效执法证，当前 0 名%s",
			   basis, domain, buf_cstr(&why));
	else if (have < need)
		gate_block(res, FZ_CONFLICT,
			   "当场处罚须由两名以上持有效执法证的执法人员作出（行政处罚法第四十二条），"
			   "当前仅 %d 名%s",
			   have, buf_cstr(&why));
	else if (basis && have == 1)
		gate_note(res, "依%s，执法领域“%s”可由一名执法人员当场作出处罚决定", basis, domain);
	else
		gate_note(res, "%d 名持有效执法证的执法人员参与", have);
	buf_release(&why);
}
