/* indicators_rulemaking_test.c - the rule-making indicators (issue 13 §4)
 * over a known record: normative documents and major decisions run
 * through app_case_open / app_case_act on past days (published through
 * the publication pipeline on their day), decision catalogues approved in
 * time and late. Each indicator's numerator and denominator are checked,
 * with the matters on each side; a viewer of another agency sees none of
 * them; the paths the gates close (a decision without its expert
 * consultation, a comment period cut short without a reason) are judged
 * from events built by hand. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "app/case.h"
#include "app/decision.h"
#include "app/indicators.h"
#include "app/indicators_internal.h"
#include "app/publication.h"
#include "base/date.h"
#include "domain/procedure_config.h"
#include "fixture.h"
#include "store/store.h"
#include "t.h"

#define WHY "补录：测试数据按发生日期录入"
#define TODAY_UNIX 1796090400 /* 2026-12-01, 10:00 China time */

struct rx {
	struct fx f;
	struct app_ctx officer, reviewer, head, supervisor, market_head;
};

static bool user_ctx(struct rx *x, struct app_ctx *ctx, const char *name, unsigned roles,
		     int64_t agency)
{
	int64_t uid = fx_user(&x->f, name, roles, agency, "Right#Pass1");
	fx_as(&x->f, ctx, roles, agency);
	ctx->user->id = uid;
	ctx->user->username = (char *)name;
	ctx->actor = name;
	ctx->now = TODAY_UNIX;
	date_today(ctx->now, ctx->today);
	return uid != 0;
}

static bool rx_open(struct rx *x)
{
	return fx_open(&x->f) &&
	       user_ctx(x, &x->officer, "ruleofficer", ROLE_OFFICER, x->f.natres) &&
	       user_ctx(x, &x->reviewer, "rulereviewer", ROLE_REVIEWER, x->f.natres) &&
	       user_ctx(x, &x->head, "rulehead", ROLE_HEAD, x->f.natres) &&
	       user_ctx(x, &x->supervisor, "rulesupervisor", ROLE_SUPERVISOR, x->f.justice) &&
	       user_ctx(x, &x->market_head, "markethead", ROLE_HEAD, x->f.market);
}

/* ctx as at 10:00 China time on day `on`: the record is kept on the
 * day (a case's events are recorded in time order). */
static struct app_ctx on_day(const struct app_ctx *ctx, const char *on)
{
	struct app_ctx c = *ctx;
	int y = 0, m = 0, d = 0;
	if (date_parse(on, &y, &m, &d)) {
		c.now = date_to_days(y, m, d) * 86400 + 2 * 3600;
		date_today(c.now, c.today);
	}
	return c;
}

/* A step on day `on` with fields given as key, value, ..., NULL; the
 * event's id, 0 after a recorded failure. */
static int64_t act(struct app_ctx *who, int64_t id, const char *step, const char *on, ...)
{
	struct app_ctx day = on_day(who, on), *ctx = &day;
	struct case_field f[12];
	size_t n = 0;
	va_list ap;
	va_start(ap, on);
	for (const char *k; n < 12 && (k = va_arg(ap, const char *));) {
		f[n].key = k;
		f[n++].value = va_arg(ap, const char *);
	}
	va_end(ap);
	struct fz_error e = { 0 };
	struct case_event ev;
	struct case_step_input in = { .step = step, .on = on, .reason = WHY, .fields = f,
				      .nfields = n };
	if (app_case_act(ctx, id, &in, &ev, NULL, &e))
		return t_fail(__FILE__, __LINE__, "%s on %s: %s", step, on, e.message), 0;
	return ev.id;
}

/* The publication the 编号 event prepared, confirmed by the reviewer as
 * on day `on` (the pipeline records 公布 that day). */
static bool publish(struct rx *x, int64_t number_event, const char *on)
{
	struct fz_error e = { 0 };
	struct publication p;
	struct app_ctx ctx = on_day(&x->reviewer, on);
	struct publication_confirm c = { 0 };
	if (x->f.st->ops->publication_by_event(x->f.st, x->f.a, number_event, &p, &e) ||
	    app_publication_confirm(&ctx, p.id, &c, &e))
		return t_fail(__FILE__, __LINE__, "publish on %s: %s", on, e.message), false;
	return true;
}

struct doc_plan {
	const char *title;
	const char *propose, *effective, *publish; /* days */
	bool market, comment, provisional;
};

/* A normative document from 立项 to 公布 on the plan's days: drafted the
 * day after 立项, (public comment for 17 days,) reviewed, deliberated,
 * signed and numbered over the next days. Its id, 0 after a failure. */
static int64_t document(struct rx *x, const struct doc_plan *p)
{
	struct fz_error e = { 0 };
	struct enf_case c;
	char day[12][FZ_DATE_LEN];
	for (int i = 0; i < 12; i++)
		date_add_days(p->propose, i == 0 ? 0 : i + (p->comment ? 20 : 0), day[i]);
	char open_day[FZ_DATE_LEN], close_day[FZ_DATE_LEN];
	date_add_days(p->propose, 2, open_day);
	date_add_days(p->propose, 19, close_day);
	const struct case_field pf[] = { { "in_plan", "yes" }, { "plan_ref", "计划第1项" },
					 { "market_actors", p->market ? "yes" : "no" },
					 { "major_effect", p->comment ? "yes" : "no" },
					 { "provisional", p->provisional ? "yes" : "no" } };
	struct case_input in = { .procedure = "normative_document", .title = p->title };
	struct case_step_input s = { .step = "propose", .on = p->propose, .reason = WHY,
				     .fields = pf, .nfields = 5 };
	struct app_ctx opener = on_day(&x->officer, p->propose);
	if (app_case_open(&opener, &in, &s, &c, NULL, &e))
		return t_fail(__FILE__, __LINE__, "propose: %s", e.message), 0;
	char draft_day[FZ_DATE_LEN];
	date_add_days(p->propose, 1, draft_day);
	if (!act(&x->officer, c.id, "draft", draft_day, "text", "第一条 正文。", NULL))
		return 0;
	if (p->comment &&
	    (!act(&x->officer, c.id, "comment_open", open_day, "comment_channel", "门户网站", NULL) ||
	     !act(&x->officer, c.id, "comment_close", close_day, "comment_summary", "未收到意见", NULL)))
		return 0;
	if (!act(&x->officer, c.id, "submit_review", day[1], NULL) ||
	    !act(&x->reviewer, c.id, "legality_review", day[2], "opinion", "pass", NULL) ||
	    (p->market &&
	     !act(&x->head, c.id, "fair_competition_review", day[2], "opinion", "pass", NULL)) ||
	    !act(&x->head, c.id, "deliberation", day[3], "minutes", "审议通过", "adopted", "yes",
		 NULL) ||
	    !act(&x->head, c.id, "sign", day[4], NULL))
		return 0;
	int64_t number = act(&x->officer, c.id, "number", day[4], "effective_on", p->effective, NULL);
	return number && publish(x, number, p->publish) ? c.id : 0;
}

static bool has(const struct indicator_cases *l, int64_t id)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->ids[i] == id)
			return true;
	return false;
}

#define CHECK_SIDES(in, n_, d_)                                   \
	do {                                                      \
		CHECK_INT((in).num, (n_));                        \
		CHECK_INT((in).den, (d_));                        \
		CHECK_INT((int64_t)(in).num_cases.n, (n_));       \
		CHECK_INT((int64_t)(in).den_cases.n, (d_));       \
	} while (0)

/* A catalogue of the context's agency for year with one item listed on
 * `listed` and approved on `approved`; its id, 0 after a failure. */
static int64_t catalogue(struct app_ctx *off, struct app_ctx *head, int year, const char *listed,
			 const char *approved, int64_t *item)
{
	struct fz_error e = { 0 };
	struct decision_catalogue c;
	char title[80];
	int64_t it;
	snprintf(title, sizeof title, "%d年度重大行政决策事项目录", year);
	if (app_dcat_create(off, year, title, &c, &e) ||
	    app_dcat_add_item(off, c.id, "城区供水价格调整方案", "policy", "县自然资源局", NULL,
			      listed, &it, &e) ||
	    app_dcat_add_item(off, c.id, "农村道路建设规划", "plan", "县自然资源局", NULL, listed,
			      item ? &item[1] : &it, &e) ||
	    app_dcat_approve(head, c.id, "县委常委会会议", NULL, approved, &e))
		return t_fail(__FILE__, __LINE__, "catalogue %d: %s", year, e.message), 0;
	if (item)
		item[0] = it;
	return c.id;
}

/* A major decision on item, from 立项 (03-10) to the head's decision to
 * adopt (04-21), its comment period running to `until`, shortened with
 * `short_reason` when not NULL. */
static int64_t decision(struct rx *x, const char *title, int64_t item, const char *until,
			const char *short_reason)
{
	struct fz_error e = { 0 };
	struct enf_case c;
	char it[24];
	snprintf(it, sizeof it, "%lld", (long long)item);
	const struct case_field pf[] = { { "catalogue_item", it }, { "proposal_source", "县长提出" } };
	struct case_input in = { .procedure = "major_decision", .title = title };
	struct case_step_input s = { .step = "propose", .on = "2026-03-10", .reason = WHY,
				     .fields = pf, .nfields = 2 };
	struct app_ctx opener = on_day(&x->officer, "2026-03-10");
	if (app_case_open(&opener, &in, &s, &c, NULL, &e))
		return t_fail(__FILE__, __LINE__, "propose: %s", e.message), 0;
	bool ok = act(&x->officer, c.id, "draft", "2026-03-11", "text", "一、方案。", NULL) &&
		  (short_reason ? act(&x->officer, c.id, "comment_open", "2026-03-12",
				      "comment_channel", "门户网站", "comment_until", until,
				      "short_reason", short_reason, NULL)
				: act(&x->officer, c.id, "comment_open", "2026-03-12",
				      "comment_channel", "门户网站", "comment_until", until, NULL)) &&
		  act(&x->officer, c.id, "comment_close", "2026-04-16", "comment_summary",
		      "收到意见 3 条", NULL) &&
		  act(&x->officer, c.id, "submit_review", "2026-04-17", "review_by", "2026-05-06",
		      NULL) &&
		  act(&x->reviewer, c.id, "legality_review", "2026-04-20", "opinion", "pass", NULL) &&
		  act(&x->head, c.id, "meeting", "2026-04-21", "meeting_kind", "executive",
		      "attendees", "县长等", "opinions", "均同意", "majority", "adopt", "dissent", "无",
		      NULL) &&
		  act(&x->head, c.id, "decide", "2026-04-21", "head_opinion", "同意", "outcome",
		      "adopt", NULL);
	return ok ? c.id : 0;
}

TEST(rulemaking_indicators_count_documents_decisions_and_catalogues_from_the_record_in_scope)
{
	struct rx x;
	struct fz_error e = { 0 };
	struct indicator ind[IND_COUNT];
	REQUIRE(rx_open(&x));
	/* A: market actors, public comment, filed in time, objected to and
	 * corrected. B: filed late, objected to, not corrected. C: published
	 * 09-01, never filed (due 10-01). D: published 11-20, its 30 days
	 * still running. E, F: 试行 from 2025-01-01, ending 2026-12-31, in
	 * the expiry alert since 2026-06-30: F evaluated (清理), E not. */
	static const struct doc_plan pa = { "甲：关于规范临时用地的通知", "2026-08-01",
					    "2026-10-01", "2026-09-25", true, true, false };
	static const struct doc_plan pb = { "乙：关于耕地保护的通知", "2026-07-01", "2026-08-15",
					    "2026-07-08", false, false, false };
	static const struct doc_plan pc = { "丙：关于矿产资源的意见", "2026-08-01", "2026-09-10",
					    "2026-09-01", false, false, false };
	static const struct doc_plan pd = { "丁：关于土地复垦的通知", "2026-11-01", "2026-12-10",
					    "2026-11-20", false, false, false };
	static const struct doc_plan pe = { "戊：宅基地管理实施意见（试行）", "2024-11-01",
					    "2025-01-01", "2024-11-08", false, false, true };
	static const struct doc_plan pf = { "己：农村建房管理办法（试行）", "2024-11-01",
					    "2025-01-01", "2024-11-08", false, false, true };
	int64_t a = document(&x, &pa), b = document(&x, &pb), c = document(&x, &pc),
		d = document(&x, &pd), ee = document(&x, &pe), f = document(&x, &pf);
	REQUIRE(a && b && c && d && ee && f);
	REQUIRE(act(&x.officer, a, "file", "2026-10-10", "filed_with", "海原县人民政府", NULL));
	REQUIRE(act(&x.supervisor, a, "filing_review", "2026-10-20", "filing_opinion", "objection",
		    "reasons", "第三条超出权限", NULL));
	REQUIRE(act(&x.officer, a, "correct", "2026-10-25", "handling", "已删去第三条", NULL));
	REQUIRE(act(&x.officer, b, "file", "2026-09-20", "filed_with", "海原县人民政府", NULL));
	REQUIRE(act(&x.supervisor, b, "filing_review", "2026-10-01", "filing_opinion", "objection",
		    "reasons", "未经公平竞争审查", NULL));
	REQUIRE(act(&x.officer, ee, "file", "2024-11-20", "filed_with", "海原县人民政府", NULL));
	REQUIRE(act(&x.officer, f, "file", "2024-11-20", "filed_with", "海原县人民政府", NULL));
	REQUIRE(act(&x.head, f, "cleanup", "2026-11-01", "cleanup_outcome", "keep", NULL));

	/* decision catalogues: 2026 approved 03-01 (due 03-31: on time),
	 * 2025 approved 05-10 (late); 市场监督管理局's 2026 on 02-01 */
	int64_t items[2];
	int64_t cat26 = catalogue(&x.officer, &x.head, 2026, "2026-03-01", "2026-03-01", items);
	int64_t cat25 = catalogue(&x.officer, &x.head, 2025, "2025-05-01", "2025-05-10", NULL);
	int64_t catm = catalogue(&x.market_head, &x.market_head, 2026, "2026-02-01", "2026-02-01",
				 NULL);
	REQUIRE(cat26 && cat25 && catm);
	/* two decisions with every procedure: one commented 34 days, one 13
	 * days with the reason stated (art 15) */
	int64_t full = decision(&x, "城区供水价格调整方案", items[0], "2026-04-15", NULL);
	int64_t cut = decision(&x, "农村道路建设规划", items[1], "2026-03-25", "上级部署须在月内完成");
	REQUIRE(full && cut);

	struct indicator_query q = { .from = "2024-01-01", .to = "2026-12-31" };
	REQUIRE(app_indicators(&x.head, &q, ind, &e) == FZ_OK);
	CHECK_SIDES(ind[IND_NORM_LEGALITY], 6, 6);
	CHECK_SIDES(ind[IND_NORM_FAIR], 1, 1);
	CHECK(has(&ind[IND_NORM_FAIR].den_cases, a));
	/* A's seven working days, and both decisions' */
	CHECK_SIDES(ind[IND_COMMENT_PERIOD], 3, 3);
	CHECK(has(&ind[IND_COMMENT_PERIOD].num_cases, cut));
	/* filing: A, E, F in time; B late; C overdue; D not yet due */
	CHECK_SIDES(ind[IND_NORM_FILING], 3, 5);
	CHECK(has(&ind[IND_NORM_FILING].num_cases, a) && has(&ind[IND_NORM_FILING].num_cases, ee));
	CHECK(has(&ind[IND_NORM_FILING].den_cases, b) && has(&ind[IND_NORM_FILING].den_cases, c));
	CHECK(!has(&ind[IND_NORM_FILING].num_cases, b) && !has(&ind[IND_NORM_FILING].den_cases, d));
	CHECK_SIDES(ind[IND_NORM_CORRECTION], 1, 2);
	CHECK(has(&ind[IND_NORM_CORRECTION].num_cases, a) &&
	      has(&ind[IND_NORM_CORRECTION].den_cases, b));
	CHECK_SIDES(ind[IND_NORM_CLEANUP], 1, 2);
	CHECK(has(&ind[IND_NORM_CLEANUP].num_cases, f) && has(&ind[IND_NORM_CLEANUP].den_cases, ee));
	CHECK_SIDES(ind[IND_DECISION_FIVE], 2, 2);
	CHECK(has(&ind[IND_DECISION_FIVE].num_cases, full));
	/* the agency's own catalogues only */
	CHECK_SIDES(ind[IND_DECISION_CATALOGUE], 1, 2);
	CHECK(has(&ind[IND_DECISION_CATALOGUE].num_cases, cat26) &&
	      has(&ind[IND_DECISION_CATALOGUE].den_cases, cat25));
	/* the rule-making matters are no enforcement cases */
	CHECK(!has(&ind[IND_OVERDUE].den_cases, c));

	/* a period is a period: 2026 alone leaves E and F's deliberation and
	 * filing (2024) out, and the 2025 catalogue (due 2025-03-31) */
	struct indicator_query y26 = { .from = "2026-01-01", .to = "2026-12-31" };
	REQUIRE(app_indicators(&x.head, &y26, ind, &e) == FZ_OK);
	CHECK_SIDES(ind[IND_NORM_LEGALITY], 4, 4);
	CHECK_SIDES(ind[IND_NORM_FILING], 1, 3);
	CHECK_SIDES(ind[IND_NORM_CLEANUP], 1, 2);
	CHECK_SIDES(ind[IND_DECISION_CATALOGUE], 1, 1);

	/* the justice bureau sees the division, 市场监督管理局's catalogue too */
	REQUIRE(app_indicators(&x.supervisor, &q, ind, &e) == FZ_OK);
	CHECK_SIDES(ind[IND_DECISION_CATALOGUE], 2, 3);
	CHECK_SIDES(ind[IND_NORM_FILING], 3, 5);
	/* ... and one agency when asked */
	struct indicator_query qm = q;
	qm.agency_id = x.f.market;
	REQUIRE(app_indicators(&x.supervisor, &qm, ind, &e) == FZ_OK);
	CHECK_SIDES(ind[IND_DECISION_CATALOGUE], 1, 1);
	CHECK(has(&ind[IND_DECISION_CATALOGUE].den_cases, catm));
	CHECK_SIDES(ind[IND_NORM_FILING], 0, 0);

	/* another agency's head sees none of 自然资源局's matters */
	REQUIRE(app_indicators(&x.market_head, &q, ind, &e) == FZ_OK);
	for (int i = IND_RULEMAKING_FIRST; i < IND_DECISION_CATALOGUE; i++)
		CHECK_SIDES(ind[i], 0, 0);
	CHECK_SIDES(ind[IND_DECISION_CATALOGUE], 1, 1);
	CHECK(!has(&ind[IND_DECISION_CATALOGUE].den_cases, cat26));
	fx_close(&x.f);
}

/* An event built by hand (a path the gates close in the engine). */
static struct case_event ev(int64_t id, const char *step, const char *on,
			    const struct case_field *f, size_t n)
{
	struct case_event x = { .id = id, .step = step, .fields = f, .nfields = n };
	snprintf(x.on, sizeof x.on, "%s", on);
	return x;
}

TEST(decision_without_expert_consultation_or_with_a_short_unexplained_comment_counts_unmet)
{
	struct fx f;
	struct app_ctx ctx;
	struct fz_error e = { 0 };
	struct proc_config cfg;
	REQUIRE(fx_open(&f));
	fx_as(&f, &ctx, ROLE_HEAD, f.natres);
	proc_config_init(&cfg);
	static const struct case_field tech[] = { { "technical", "yes" } };
	static const struct case_field full[] = { { "comment_until", "2026-04-15" } };
	static const struct case_field cut[] = { { "comment_until", "2026-03-25" } };
	static const struct case_field pass[] = { { "opinion", "pass" } };
	static const struct case_field adopt[] = { { "outcome", "adopt" } };
	const struct case_event with_experts[] = {
		ev(1, "propose", "2026-03-10", tech, 1), ev(2, "draft", "2026-03-11", NULL, 0),
		ev(3, "comment_open", "2026-03-12", full, 1),
		ev(4, "comment_close", "2026-04-16", NULL, 0),
		ev(5, "expert_consultation", "2026-04-16", NULL, 0),
		ev(6, "legality_review", "2026-04-20", pass, 1), ev(7, "meeting", "2026-04-21", NULL, 0),
		ev(8, "decide", "2026-04-21", adopt, 1),
	};
	const struct case_event no_experts[] = {
		ev(11, "propose", "2026-03-10", tech, 1), ev(12, "draft", "2026-03-11", NULL, 0),
		ev(13, "comment_open", "2026-03-12", cut, 1),
		ev(14, "comment_close", "2026-04-16", NULL, 0),
		ev(15, "legality_review", "2026-04-20", pass, 1),
		ev(16, "meeting", "2026-04-21", NULL, 0), ev(17, "decide", "2026-04-21", adopt, 1),
	};
	/* the review passed a draft older than the one taken to the meeting */
	const struct case_event stale_review[] = {
		ev(21, "propose", "2026-03-10", NULL, 0), ev(22, "draft", "2026-03-11", NULL, 0),
		ev(23, "comment_open", "2026-03-12", full, 1),
		ev(24, "comment_close", "2026-04-16", NULL, 0),
		ev(25, "legality_review", "2026-04-20", pass, 1),
		ev(26, "draft", "2026-04-20", NULL, 0), ev(27, "meeting", "2026-04-21", NULL, 0),
		ev(28, "decide", "2026-04-21", adopt, 1),
	};
	struct enf_case m1 = { .id = 101, .kind = CASE_MAJOR_DECISION };
	struct enf_case m2 = { .id = 102, .kind = CASE_MAJOR_DECISION };
	struct enf_case m3 = { .id = 103, .kind = CASE_MAJOR_DECISION };
	struct indicator out[IND_COUNT];
	memset(out, 0, sizeof out);
	struct indicator_query q = { .from = "2026-01-01", .to = "2026-12-31" };
	REQUIRE(indicator_judge_matter(&ctx, &q, &m1, NULL, &cfg, with_experts, 8, NULL, out, &e) ==
		FZ_OK);
	REQUIRE(indicator_judge_matter(&ctx, &q, &m2, NULL, &cfg, no_experts, 7, NULL, out, &e) ==
		FZ_OK);
	REQUIRE(indicator_judge_matter(&ctx, &q, &m3, NULL, &cfg, stale_review, 8, NULL, out, &e) ==
		FZ_OK);
	CHECK_SIDES(out[IND_DECISION_FIVE], 1, 3);
	CHECK(has(&out[IND_DECISION_FIVE].num_cases, 101));
	/* 13 days' comment and no reason for it */
	CHECK_SIDES(out[IND_COMMENT_PERIOD], 2, 3);
	CHECK(!has(&out[IND_COMMENT_PERIOD].num_cases, 102));
	/* a comment period closed on its last day has not run */
	static const struct case_field until[] = { { "comment_until", "2026-04-16" } };
	const struct case_event early[] = {
		ev(31, "comment_open", "2026-03-12", until, 1),
		ev(32, "comment_close", "2026-04-16", NULL, 0),
	};
	struct enf_case m4 = { .id = 104, .kind = CASE_MAJOR_DECISION };
	REQUIRE(indicator_judge_matter(&ctx, &q, &m4, NULL, &cfg, early, 2, NULL, out, &e) == FZ_OK);
	CHECK_SIDES(out[IND_COMMENT_PERIOD], 2, 4);
	/* outside the period: not counted */
	struct indicator_query q25 = { .from = "2025-01-01", .to = "2025-12-31" };
	memset(out, 0, sizeof out);
	REQUIRE(indicator_judge_matter(&ctx, &q25, &m1, NULL, &cfg, with_experts, 8, NULL, out,
				       &e) == FZ_OK);
	CHECK_SIDES(out[IND_DECISION_FIVE], 0, 0);
	CHECK_SIDES(out[IND_COMMENT_PERIOD], 0, 0);
	fx_close(&f);
}

TEST(decision_catalogue_due_day_follows_the_config_months)
{
	struct proc_config cfg;
	char due[FZ_DATE_LEN];
	proc_config_init(&cfg);
	indicator_catalogue_due(&cfg, 2026, due);
	CHECK_STR(due, "2026-03-31");
	cfg.periods[PROC_PERIOD_DECISION_CATALOGUE] = (struct proc_period){ 2, CLOCK_MONTHS };
	indicator_catalogue_due(&cfg, 2028, due);
	CHECK_STR(due, "2028-02-29");
}
