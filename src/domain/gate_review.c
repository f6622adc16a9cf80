/* gate_review.c - legal review of major decisions (art 58, 118号): the
 * catalogue, the checklist, the passing opinion, disagreement resolved by
 * the head; collective deliberation (art 57 para 2); the criminal referral
 * that holds the decision (art 27). */
#include "domain/gate_impl.h"

#include <stdio.h>
#include <string.h>

#include "domain/money.h"

/* The eight checks of 118号, each field pass or fail. */
static const struct {
	const char *field;
	const char *label;
} checklist[] = {
	{ "check_body", "执法主体是否合法" },
	{ "check_officers", "执法人员是否具备执法资格" },
	{ "check_procedure", "执法程序是否合法" },
	{ "check_facts", "案件事实是否清楚、证据是否合法充分" },
	{ "check_law", "适用法律是否准确、裁量基准运用是否适当" },
	{ "check_authority", "是否在法定权限内" },
	{ "check_documents", "执法文书是否完备、规范" },
	{ "check_referral", "是否涉嫌犯罪需要移送司法机关" },
};
#define CHECKLIST_N (sizeof checklist / sizeof checklist[0])

GATE_FN(review_checklist)
{
	struct buf missing = BUF_INIT;
	for (size_t i = 0; i < CHECKLIST_N; i++)
		if (!gate_field(r, r->ev, checklist[i].field))
			buf_addf(&missing, "%s「%s」", missing.len ? "、" : "", checklist[i].label);
	if (missing.len) {
		gate_block(res, FZ_INVALID, "法制审核须逐项填写审核清单，缺少%s", buf_cstr(&missing));
		buf_release(&missing);
		return;
	}
	const char *opinion = gate_field(r, r->ev, "opinion");
	if (!opinion)
		GATE_BLOCK(res, FZ_INVALID, "须写明审核意见（approve、approve_with_changes 或 reject）");
	if (strcmp(opinion, "approve") == 0) {
		for (size_t i = 0; i < CHECKLIST_N; i++)
			if (strcmp(gate_field(r, r->ev, checklist[i].field), "fail") == 0)
				GATE_BLOCK(res, FZ_CONFLICT,
					   "审核意见为同意，但审核项「%s」未通过；应提出修改意见或不同意",
					   checklist[i].label);
		GATE_PASS(res, "审核清单 8 项均通过");
	}
	if (!gate_field(r, r->ev, "reasons"))
		GATE_BLOCK(res, FZ_INVALID, "审核意见为%s，须写明理由和修改建议（字段 reasons）",
			   strcmp(opinion, "reject") == 0 ? "不同意" : "同意但须修改");
}

/* A hearing held (not ended by the party's absence or withdrawal). */
static bool hearing_held(const struct gate_run *r)
{
	for (size_t i = 0; i < r->ctx->nevents; i++) {
		const struct case_event *ev = &r->ctx->events[i];
		if (!ev->step || strcmp(ev->step, "hearing") != 0)
			continue;
		const char *o = gate_field(r, ev, "outcome");
		if (!o || strcmp(o, "held") == 0)
			return true;
	}
	return false;
}

bool gate_review_catalogue_match(const struct gate_run *r, char *why, size_t len)
{
	const struct proc_config *cfg = r->ctx->cfg;
	int party = proc_party_index(r->ctx->kase->party_kind);
	char a[MONEY_TEXT_MAX];
	struct penalty p = { 0 };
	const struct case_event *n = gate_event(r, gate_last_flag(r, PROC_NOTIFIES));
	if (!(r->step && (r->step->flags & PROC_DECIDES) && gate_penalty(r, r->ev, &p)) && n)
		gate_penalty(r, n, &p);
	if (cfg->review_fine_fen[party] && p.fine_fen >= cfg->review_fine_fen[party]) {
		money_format_yuan(cfg->review_fine_fen[party], a);
		snprintf(why, len, "罚款金额达到 %s 元", a);
		return true;
	}
	if (cfg->review_confiscation_fen[party] &&
	    p.confiscation_fen >= cfg->review_confiscation_fen[party]) {
		money_format_yuan(cfg->review_confiscation_fen[party], a);
		snprintf(why, len, "没收金额达到 %s 元", a);
		return true;
	}
	if (p.kinds & cfg->review_penalties) {
		struct buf l = BUF_INIT;
		penalty_kinds_format_labels(p.kinds & cfg->review_penalties, &l);
		snprintf(why, len, "拟%s", buf_cstr(&l));
		buf_release(&l);
		return true;
	}
	if (cfg->review_hearing_held && hearing_held(r)) {
		snprintf(why, len, "经过听证");
		return true;
	}
	if (cfg->review_complex &&
	    (gate_case_flag(r, "complex") || gate_case_flag(r, "multiple_legal_relations"))) {
		snprintf(why, len, "案情复杂或涉及多个法律关系");
		return true;
	}
	if (cfg->review_public_interest && gate_case_flag(r, "major_public_interest")) {
		snprintf(why, len, "涉及重大公共利益");
		return true;
	}
	return false;
}

/* The latest index > after of step, or -1. */
static long last_after(const struct gate_run *r, const char *step, long after)
{
	long i = gate_last(r, step);
	return i > after ? i : -1;
}

/* Text compared as a reviewer reads it: spaces at either end ignored. */
static bool same_text(const char *a, const char *b)
{
	a = a ? a : "";
	b = b ? b : "";
	while (*a == ' ' || *a == '\n')
		a++;
	while (*b == ' ' || *b == '\n')
		b++;
	size_t na = strlen(a), nb = strlen(b);
	while (na && (a[na - 1] == ' ' || a[na - 1] == '\n'))
		na--;
	while (nb && (b[nb - 1] == ' ' || b[nb - 1] == '\n'))
		nb--;
	return na == nb && memcmp(a, b, na) == 0;
}

/* A review covers the notice it saw (facts, basis, penalty, amount): a
 * new notice after it, or a decision on other facts or another basis,
 * leaves the decision unreviewed. Blocks res and returns false then. */
static bool review_still_covers(const struct gate_run *r, long li, struct gate_result *res)
{
	const struct case_event *rev = &r->ctx->events[li];
	long ni = gate_last_flag(r, PROC_NOTIFIES);
	if (ni > li) {
		gate_block(res, FZ_CONFLICT,
			   "%s 法制审核后，又于 %s 重新告知当事人；原审核只涵盖审核时的告知内容，"
			   "须重新法制审核",
			   rev->on, r->ctx->events[ni].on);
		return false;
	}
	if (r->availability || !r->step || !(r->step->flags & PROC_DECIDES) || ni < 0)
		return true;
	const struct case_event *n = &r->ctx->events[ni];
	static const struct {
		const char *key, *label;
	} bound[] = { { "facts", "认定的违法事实" }, { "basis", "法律依据" } };
	for (size_t i = 0; i < sizeof bound / sizeof bound[0]; i++) {
		const char *dv = gate_field(r, r->ev, bound[i].key);
		if (dv && !same_text(dv, gate_field(r, n, bound[i].key))) {
			gate_block(res, FZ_CONFLICT,
				   "决定的%s与法制审核时（%s）的告知书不一致；改变事实或依据须重新告知，"
				   "并重新法制审核",
				   bound[i].label, rev->on);
			return false;
		}
	}
	return true;
}

GATE_FN(review_required_and_passed)
{
	char why[200] = "";
	bool match = gate_review_catalogue_match(r, why, sizeof why);
	long li = gate_last(r, "legal_review");
	if (li < 0) {
		if (!match)
			GATE_PASS(res, "不属于重大执法决定法制审核目录");
		GATE_BLOCK(res, FZ_CONFLICT,
			   "本案属于重大执法决定法制审核目录（%s），未经法制审核通过不能作出决定", why);
	}
	const struct case_event *rev = &r->ctx->events[li];
	for (size_t i = 0; i < rev->nofficers; i++) {
		if (gate_is_handler(r, rev->officers[i])) {
			char name[80];
			gate_person_name(r, rev->officers[i], name, sizeof name);
			GATE_BLOCK(res, FZ_CONFLICT, "%s 的法制审核由本案承办人员%s作出，须由其他审核人员重新审核",
				   rev->on, name);
		}
	}
	const char *opinion = gate_field(r, rev, "opinion");
	const char *reasons = gate_field(r, rev, "reasons");
	bool reject = opinion && strcmp(opinion, "reject") == 0;
	long di = last_after(r, "review_dispute", li);
	long hi = last_after(r, "head_resolution", di > li ? di : li);
	bool approved = opinion && strcmp(opinion, "approve") == 0;
	if (approved && match && !review_still_covers(r, li, res))
		return;
	if (approved)
		GATE_PASS(res, "法制审核已于 %s 通过", rev->on);
	if (di >= 0 && hi < 0)
		GATE_BLOCK(res, FZ_CONFLICT,
			   "承办机构对 %s 的法制审核意见有异议，须报机关负责人决定", rev->on);
	const char *outcome = hi >= 0 ? gate_field(r, &r->ctx->events[hi], "outcome") : NULL;
	bool unit_wins = outcome && strcmp(outcome, "adopt_unit") == 0;
	if (!reject) {
		if (match && !review_still_covers(r, li, res))
			return;
		if (hi >= 0)
			GATE_PASS(res, "审核同意（附修改意见），机关负责人已决定%s",
				  unit_wins ? "采纳承办机构意见" : "采纳审核意见");
		GATE_PASS(res, "法制审核已于 %s 同意（附修改意见）", rev->on);
	}
	if (!unit_wins)
		GATE_BLOCK(res, FZ_CONFLICT, "法制审核未通过（%s），须修改后重新审核",
			   reasons ? reasons : "未写明理由");
	if (last_after(r, "collective_deliberation", hi) < 0)
		GATE_BLOCK(res, FZ_CONFLICT,
			   "机关负责人决定不采纳法制审核意见的，须经集体讨论决定");
	if (match && !review_still_covers(r, li, res))
		return;
	GATE_PASS(res, "审核意见未被采纳，经机关负责人决定并集体讨论");
}

GATE_FN(collective_deliberation_when_required)
{
	const struct proc_config *cfg = r->ctx->cfg;
	int party = proc_party_index(r->ctx->kase->party_kind);
	const char *why = NULL;
	struct penalty p = { 0 };
	if (gate_case_flag(r, "complex") || gate_case_flag(r, "multiple_legal_relations"))
		why = "案情复杂";
	else if (gate_case_flag(r, "major_violation"))
		why = "属重大违法行为";
	else if (cfg->deliberation_fine_fen[party]) {
		const struct case_event *n = gate_event(r, gate_last_flag(r, PROC_NOTIFIES));
		if (!gate_penalty(r, r->ev, &p) && n)
			gate_penalty(r, n, &p);
		if (p.fine_fen >= cfg->deliberation_fine_fen[party])
			why = "罚款达到集体讨论标准";
	}
	if (!why)
		GATE_PASS(res, "无须集体讨论");
	long ci = gate_last(r, "collective_deliberation");
	if (ci < gate_last_flag(r, PROC_NOTIFIES) || ci < 0)
		GATE_BLOCK(res, FZ_CONFLICT,
			   "本案%s，须经行政机关负责人集体讨论决定（行政处罚法第五十七条第二款）", why);
	GATE_PASS(res, "已于 %s 集体讨论", r->ctx->events[ci].on);
}

GATE_FN(referral_suspends)
{
	long ri = gate_last(r, "criminal_referral");
	if (ri < 0 || gate_last(r, "referral_return") > ri)
		return;
	GATE_BLOCK(res, FZ_CONFLICT,
		   "案件已于 %s 移送公安机关（涉嫌犯罪），移送期间办案期限中止，"
		   "公安机关退回前不能作出行政处罚决定",
		   r->ctx->events[ri].on);
}

bool gate_review_required(const struct proc_ctx *ctx, const struct case_event *decision,
			  char *why, size_t len)
{
	struct gate_run r = { .ctx = ctx, .step = proc_step_find(ctx->def, decision->step),
			      .ev = decision };
	return gate_review_catalogue_match(&r, why, len);
}
