/* indicators.c - the supervision indicators computed from the record; see
 * indicators.h. The enforcement cases are judged with the engine's own
 * rules into facts kept beside the record (indicators_facts.c), which the
 * store sums for the period and lists side by side only when asked
 * (store/sqlite_indicators_sums.c); app_indicators_record judges every case in
 * scope again from its events, the reference the facts are tested and
 * benchmarked against. Complaints, evaluated files, notices and
 * catalogues are read from their own lists. */
#include "app/indicators.h"
#include "app/indicators_internal.h"

#include <string.h>

#include "app/authz.h"
#include "app/calendar.h"
#include "app/case_internal.h"
#include "app/case_status.h"
#include "app/complaint.h"
#include "app/evaluation.h"
#include "base/date.h"
#include "domain/caseclock.h"

static const struct indicator_def defs[IND_COUNT] = {
	[IND_REVIEW] = { "review", "重大执法决定法制审核率",
			 "作出决定前经法制审核通过的案件数",
			 "期间内作出处罚决定、且属于法制审核目录（按本省配置的金额、处罚种类、听证、案情复杂、重大公共利益）的案件数",
			 "以处罚决定作出之日计", "100%", false },
	[IND_RECORD] = { "record", "全过程记录（卷宗）完整率",
			 "结案时卷内目录齐备（程序规定的必备文书均已归档）的案件数",
			 "期间内结案的案件数", "以结案之日计", "100%", false },
	[IND_PUBLICATION] = { "publication", "处罚、许可决定按时公示率",
			      "在公示期限（作出决定之日起七个工作日，按本省配置）内公示的行政处罚决定和行政许可决定数",
			      "期间内作出、已公示或公示期限已届满的行政处罚决定和行政许可决定数；当事人为未成年人依法不予公开的不计入",
			      "以处罚决定作出之日计", "100%", false },
	[IND_FILING] = { "filing", "重大行政处罚按时备案率",
			 "在备案期限（作出决定之日起，按本省配置，默认十五日，未核实）内报司法局备案的重大行政处罚决定数；逾期备案的不计入",
			 "期间内作出、经法制审核或集体讨论（重大行政处罚）、已备案或备案期限已届满的处罚决定数",
			 "以处罚决定作出之日计", "100%", false },
	[IND_TWO_OFFICERS] = { "two_officers", "两名以上持证执法人员参与率",
			       "由两名以上持有执法证件的执法人员进行的调查取证、检查、查封扣押等步骤数"
			       "（执法证件须在步骤发生之日有效且涵盖本案执法领域；执法辅助人员不计）",
			       "期间内程序要求两名以上持有执法证件的执法人员的步骤数",
			       "以步骤发生之日计",
			       "100%", false },
	[IND_HANDLING] = { "handling", "办案天数",
			   "立案之日至作出处罚决定之日的天数合计（显示平均值和最长值）",
			   "期间内作出处罚决定的案件数", "以处罚决定作出之日计", "", true },
	[IND_OVERDUE] = { "overdue", "办理中案件逾期率",
			  "有法定期限已届满而未办理的办理中案件数", "办理中的案件数",
			  "统计时点：今日（与期间无关）", "0%", false },
	[IND_WITHDRAWAL] = { "withdrawal", "撤下公示用时",
			     "原决定被撤销、变更或确认违法之日至撤下公示之日的工作日数合计（起算日不计；显示平均值和最长值；法定期限三个工作日）",
			     "期间内撤下的公示数", "以撤下之日计", "", true, true },
	[IND_COMPLAINT] = { "complaints", "投诉举报按期办结率",
			    "在办理期限（受理之日起，按本省配置，默认六十日，未核实）内办结的投诉数",
			    "期间内受理、已办结或办理期限已届满的投诉数（不予受理的不计）",
			    "以受理之日计", "≥90%", false },
	[IND_FILE_PASS] = { "file_pass", "案卷评查合格率",
			    "案卷评查中评为优秀或合格的案卷数（有否决项的一律不合格）",
			    "期间内评分的抽查案卷数", "以评分之日计", "", false },
	[IND_RECTIFY] = { "rectification", "整改按期销号率",
			  "在整改期限内（按通知所定期限，由统一期限计算）经司法局审核销号的整改通知数；"
			  "期限届满后才销号的不计入",
			  "整改期限届满日在期间内、且已销号或期限已届满的整改通知数（期限尚未届满又未销号的暂不计入）",
			  "以整改期限届满之日计", "100%", false },
	[IND_NORM_LEGALITY] = { "norm_legality", "规范性文件审议前合法性审核率",
				"集体审议前，所审议的草案（最新版本）经合法性审核且审核意见为通过的规范性文件数",
				"期间内经集体审议的行政规范性文件数（多次审议的按最后一次计）",
				"以集体审议之日计", "100%", false },
	[IND_NORM_FAIR] = { "norm_fair_competition", "公平竞争审查率（涉及市场主体的）",
			    "集体审议前，所审议的草案经公平竞争审查且审查意见为通过的文件数",
			    "期间内经集体审议、立项或起草时认定涉及市场主体经济活动的行政规范性文件数",
			    "以集体审议之日计", "100%", false },
	[IND_COMMENT_PERIOD] = { "comment_period", "公开征求意见期限达标率",
				 "征求意见期满后方才结束的事项数：规范性文件按配置的期间（一般七个工作日，"
				 "涉及经营活动的三十日）；重大行政决策按公告的截止日期，且截止日期距开始"
				 "不少于配置的三十日，或已说明缩短的理由",
				 "期间内结束公开征求意见的行政规范性文件和重大行政决策数",
				 "以征求意见结束之日计", "100%", false },
	[IND_NORM_FILING] = { "norm_filing", "规范性文件按时备案率",
			      "在备案期限（公布之日起，按本省配置，默认三十日，未核实）内报送备案的文件数；"
			      "逾期备案的不计入",
			      "期间内公布、已报送备案或备案期限已届满的行政规范性文件数",
			      "以公布之日计", "100%", false },
	[IND_NORM_CORRECTION] = { "norm_correction", "备案审查纠错办结率",
				  "备案审查提出异议后已记录纠错处理的文件数",
				  "期间内备案审查提出异议的行政规范性文件数（按最后一次备案审查计）",
				  "以提出异议的备案审查之日计", "100%", false },
	[IND_NORM_CLEANUP] = { "norm_cleanup", "到期评估清理完成率",
			       "有效期届满预警开始之日（届满前六个月，按配置）以后记录了清理结果"
			       "（继续有效、修改、废止或宣布失效）的文件数",
			       "预警开始之日在期间内且不晚于今日、此前未废止或失效的已公布行政规范性文件数",
			       "以预警开始之日计", "100%", false },
	[IND_DECISION_FIVE] = { "decision_procedures", "重大行政决策五项法定程序履行率",
				"作出决定前已履行公众参与（公开征求意见结束）、专家论证（专业性、技术性较强的）、"
				"风险评估（可能影响社会稳定、公共安全的）、提交会议的草案经合法性审查通过、"
				"集体讨论的决策数",
				"期间内行政首长决定通过的重大行政决策数", "以行政首长决定之日计", "100%",
				false },
	[IND_DECISION_CATALOGUE] = { "decision_catalogue", "决策事项目录按时公布率",
				     "在公布期限（当年一月一日起，按本省配置，默认三个月，未核实）内经批准"
				     "公布的年度决策事项目录数",
				     "公布期限的最后一日在期间内、已批准或期限已届满的年度决策事项目录数"
				     "（未编制目录的机关无从计入）",
				     "以公布期限的最后一日计", "100%", false },
};

const struct indicator_def *indicator_defs(void)
{
	return defs;
}

int indicator_find(const char *id)
{
	for (int i = 0; id && i < IND_COUNT; i++)
		if (strcmp(defs[i].id, id) == 0)
			return i;
	return -1;
}

const char *indicator_subject(int id)
{
	switch (id) {
	case IND_COMPLAINT: return "complaint";
	case IND_RECTIFY: return "notice";
	case IND_DECISION_CATALOGUE: return "catalogue";
	default: return id >= IND_RULEMAKING_FIRST ? "matter" : "case";
	}
}

void indicator_catalogue_due_of(struct app_ctx *ctx, int year, char out[FZ_DATE_LEN])
{
	struct fz_error e = { 0 };
	const struct proc_registry *reg = case_registry(ctx, &e);
	indicator_catalogue_due(reg ? proc_registry_config(reg) : NULL, year, out);
}

static bool add_case(struct app_ctx *ctx, struct indicator_cases *l, int64_t id)
{
	if (l->n && l->ids[l->n - 1] == id)
		return true; /* cases come one at a time: once is enough */
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 32;
		int64_t *ids = arena_calloc(ctx->a, cap, sizeof *ids);
		if (!ids)
			return false;
		if (l->n)
			memcpy(ids, l->ids, l->n * sizeof *ids);
		l->ids = ids;
		l->cap = cap;
	}
	l->ids[l->n++] = id;
	return true;
}

/* Counts one case on the denominator, and on the numerator when met. */
bool indicator_count(struct app_ctx *ctx, struct indicator *in, int64_t case_id, bool met)
{
	in->den++;
	if (met)
		in->num++;
	return add_case(ctx, &in->den_cases, case_id) &&
	       (!met || add_case(ctx, &in->num_cases, case_id));
}

bool indicator_in_period(const struct indicator_query *q, const char *day)
{
	return day && *day && strcmp(day, q->from) >= 0 && strcmp(day, q->to) <= 0;
}

/* The reference: judges one case now, from its events, for every
 * indicator (the summary's facts are tested and benchmarked against it). */
static enum fz_err judge(struct app_ctx *ctx, const struct proc_registry *reg,
			 const struct calendar *cal, const struct indicator_query *q,
			 const struct enf_case *c, struct indicator_people *pp,
			 struct indicator *out, struct fz_error *e)
{
	struct indicator_case k;
	struct indicator_facts f;
	enum fz_err rc;
	if ((rc = indicator_case_load(ctx, reg, cal, c, &k, e)) || !k.def)
		return rc;
	if (case_kind_is_matter(c->kind)) /* rule-making, not enforcement */
		return indicator_judge_matter(ctx, q, c, k.def, k.cfg, k.ev.items, k.ev.n, k.clocks,
					      out, e);
	if ((rc = indicator_case_facts(ctx, cal, c, &k, pp, &f, e)))
		return rc;
	if (f.open) {
		struct case_status cs;
		rc = ctx->st->ops->case_status_get(ctx->st, ctx->a, c->id, &cs, e);
		if (rc && rc != FZ_NOTFOUND)
			return rc;
		if (rc == FZ_OK) {
			memcpy(f.status_day, cs.computed_on, sizeof f.status_day);
			f.status_overdue = cs.overdue;
		}
	}
	if (!indicator_steps_count(ctx, q, f.steps, f.nsteps, out) ||
	    !indicator_facts_count(ctx, q, &f, out))
		return fz_fail(e, FZ_NOMEM, "", NULL);
	return FZ_OK;
}

/* Judges every case of q in ctx's scope with judge() (the reference). */
static enum fz_err judge_each(struct app_ctx *ctx, const struct proc_registry *reg,
			      const struct calendar *cal, const struct indicator_query *q,
			      struct indicator *out, struct fz_error *e)
{
	struct case_filter f = { .agency_id = q->agency_id };
	struct indicator_people people = { 0 };
	/* newest first, page after page by keyset and without a count: an
	 * offset and a count per page read the scope's cases again each page */
	for (;;) {
		struct case_list list;
		struct page pg = { .limit = 200, .no_total = true };
		enum fz_err rc = ctx->st->ops->case_list(ctx->st, ctx->a, &ctx->scope, &f, pg,
							 &list, e);
		if (rc)
			return rc;
		for (size_t i = 0; i < list.n; i++)
			if ((rc = judge(ctx, reg, cal, q, &list.items[i], &people, out, e)))
				return rc;
		if (list.n < 200)
			return FZ_OK;
		f.id_below = list.items[list.n - 1].id;
	}
}

_Static_assert(CASE_NORMATIVE == 5 && CASE_MAJOR_DECISION == 6,
	       "048_indicator_sums.sql indexes the matters as kinds 5 and 6");

/* The matters in scope, newest first, found by their own index (048):
 * by kind among the cases, a province's scope read every case row. */
static enum fz_err judge_matters(struct app_ctx *ctx, const struct proc_registry *reg,
				 const struct calendar *cal, const struct indicator_query *q,
				 struct indicator *out, struct fz_error *e)
{
	const struct scope all = { .kind = SCOPE_ALL }; /* the ids are in scope */
	struct indicator_people people = { 0 };
	int64_t *ids;
	size_t n;
	enum fz_err rc = ctx->st->ops->indicator_matters(ctx->st, ctx->a, &ctx->scope,
							 q->agency_id, &ids, &n, e);
	for (size_t i = 0; !rc && i < n; i++) {
		struct enf_case c;
		if (!(rc = ctx->st->ops->case_get(ctx->st, ctx->a, &all, ids[i], &c, e)))
			rc = judge(ctx, reg, cal, q, &c, &people, out, e);
	}
	return rc;
}

/* 投诉按期办结率: each complaint accepted in the period counts once it
 * is closed or its handling period has passed; it is met when closed on
 * or before its due date. Only for the roles that read complaints. */
static enum fz_err complaints(struct app_ctx *ctx, const struct indicator_query *q,
			      struct indicator *in, struct fz_error *e)
{
	struct complaint_filter f = { .agency_id = q->agency_id };
	if (!ctx->user || !authz_allows(ctx->user->roles, PERM_COMPLAINT_READ))
		return FZ_OK;
	for (int64_t off = 0;; off += 200) {
		struct complaint_list l;
		enum fz_err rc = app_complaint_list(ctx, &f, (struct page){ off, 200 }, &l, e);
		if (rc)
			return rc;
		for (size_t i = 0; i < l.n; i++) {
			const struct complaint *c = &l.items[i];
			if (!c->accepted_on[0] || !indicator_in_period(q, c->accepted_on) || !c->due_on[0])
				continue;
			bool closed = c->state == CMP_CLOSED;
			if (!closed && strcmp(ctx->today, c->due_on) <= 0)
				continue; /* still within its period: not yet counted */
			if (!indicator_count(ctx, in, c->id, closed && strcmp(c->closed_on, c->due_on) <= 0))
				return fz_fail(e, FZ_NOMEM, "", NULL);
		}
		if (l.n < 200)
			return FZ_OK;
	}
}

/* 案卷评查合格率: the sampled files scored in the period, in scope; the
 * drill-down lists their cases. */
static enum fz_err file_pass(struct app_ctx *ctx, const struct indicator_query *q,
			     struct indicator *out, struct fz_error *e)
{
	struct eval_file_filter f = { .agency_id = q->agency_id, .scored = 1 };
	for (int64_t offset = 0;; offset += 200) {
		struct eval_file_list l;
		struct page pg = { .offset = offset, .limit = 200 };
		enum fz_err rc = ctx->st->ops->eval_file_list(ctx->st, ctx->a, &ctx->scope, &f, pg, &l,
							      e);
		if (rc)
			return rc;
		for (size_t i = 0; i < l.n; i++) {
			const struct eval_file *x = &l.items[i];
			if (indicator_in_period(q, x->scored_on) &&
			    !indicator_count(ctx, out, x->case_id, strcmp(x->grade, "fail") != 0))
				return fz_fail(e, FZ_NOMEM, NULL, NULL);
		}
		if (l.n < 200)
			return FZ_OK;
	}
}

/* 整改按期销号率: each notice whose due day (the one clock, from its
 * issue day and its own period) falls in the period counts once it is
 * closed or that day has passed; it is met when the bureau closed it on
 * or before that day. Only for the roles that read notices; an agency
 * sees its own (the notice list's scope). */
static enum fz_err rectification(struct app_ctx *ctx, const struct indicator_query *q,
				 struct indicator *in, struct fz_error *e)
{
	struct rect_notice_filter f = { .agency_id = q->agency_id };
	if (!ctx->user || !authz_allows(ctx->user->roles, PERM_OVERSIGHT_READ))
		return FZ_OK;
	for (int64_t off = 0;; off += 200) {
		struct rect_notice_list l;
		enum fz_err rc = app_notice_list(ctx, &f, (struct page){ off, 200 }, &l, e);
		if (rc)
			return rc;
		for (size_t i = 0; i < l.n; i++) {
			const struct rect_notice *n = &l.items[i];
			struct deadline d;
			if ((rc = app_notice_deadline(ctx, n, &d, e)))
				return rc;
			if (!indicator_in_period(q, d.due))
				continue;
			bool closed = n->status == NOTICE_CLOSED;
			if (!closed && strcmp(ctx->today, d.due) <= 0)
				continue; /* still within its period: not yet counted */
			if (!indicator_count(ctx, in, n->id, closed && strcmp(n->closed_on, d.due) <= 0))
				return fz_fail(e, FZ_NOMEM, "", NULL);
		}
		if (l.n < 200)
			return FZ_OK;
	}
}

/* What both ways share: the permission, the period, the registry and
 * calendar, today's derived statuses, out emptied. */
static enum fz_err indicators_begin(struct app_ctx *ctx, const struct indicator_query *q,
				    struct indicator out[IND_COUNT],
				    const struct proc_registry **reg, struct calendar *cal,
				    struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_CASE_READ, "case.read", e);
	if (rc)
		return rc;
	if (!date_parse(q->from, NULL, NULL, NULL) || !date_parse(q->to, NULL, NULL, NULL))
		return fz_fail(e, FZ_INVALID, "from", "统计期间应为 YYYY-MM-DD 格式的有效日期");
	if (strcmp(q->from, q->to) > 0)
		return fz_fail(e, FZ_INVALID, "to", "统计期间的结束日期不能早于开始日期");
	if (!(*reg = case_registry(ctx, e)))
		return FZ_INTERNAL;
	if ((rc = app_calendar_get(ctx, cal, e)) || (rc = app_case_status_refresh(ctx, NULL, e)))
		return rc;
	memset(out, 0, IND_COUNT * sizeof *out);
	for (int i = 0; i < IND_COUNT; i++)
		out[i].def = &defs[i];
	return FZ_OK;
}

/* The indicators that are not judged case by case: complaints, files
 * evaluated, decision catalogues, rectification notices. */
static enum fz_err indicators_rest(struct app_ctx *ctx, const struct indicator_query *q,
				   const struct proc_registry *reg,
				   struct indicator out[IND_COUNT], struct fz_error *e)
{
	enum fz_err rc;
	if ((rc = complaints(ctx, q, &out[IND_COMPLAINT], e)))
		return rc;
	if ((rc = file_pass(ctx, q, &out[IND_FILE_PASS], e)))
		return rc;
	if ((rc = indicator_catalogues(ctx, q, proc_registry_config(reg),
				       &out[IND_DECISION_CATALOGUE], e)))
		return rc;
	return rectification(ctx, q, &out[IND_RECTIFY], e);
}

enum fz_err app_indicators_record(struct app_ctx *ctx, const struct indicator_query *q,
				  struct indicator out[IND_COUNT], struct fz_error *e)
{
	const struct proc_registry *reg;
	struct calendar cal;
	enum fz_err rc;
	if ((rc = indicators_begin(ctx, q, out, &reg, &cal, e)) ||
	    (rc = judge_each(ctx, reg, &cal, q, out, e)))
		return rc;
	return indicators_rest(ctx, q, reg, out, e);
}

_Static_assert(IND_REVIEW == (int)INDF_REVIEW && IND_RECORD == (int)INDF_RECORD &&
		       IND_PUBLICATION == (int)INDF_PUBLICATION && IND_FILING == (int)INDF_FILING &&
		       IND_TWO_OFFICERS == (int)INDF_TWO_OFFICERS &&
		       IND_HANDLING == (int)INDF_HANDLING && IND_OVERDUE == (int)INDF_OVERDUE &&
		       IND_WITHDRAWAL == (int)INDF_WITHDRAWAL,
	       "the case indicators are the store's figures, in its order");

/* The case indicators summed in the database, and the sides q asks for
 * listed there (each a query of its own, only when asked). */
static enum fz_err kept_figures(struct app_ctx *ctx, const struct indicator_query *q,
				struct indicator out[IND_COUNT], struct fz_error *e)
{
	const struct indicator_span sp = { q->agency_id, q->from, q->to, ctx->today };
	struct indicator_sum sums[INDF_COUNT];
	enum fz_err rc = ctx->st->ops->indicator_sums(ctx->st, ctx->a, &ctx->scope, &sp, sums,
							 NULL, e);
	if (rc)
		return rc;
	for (int i = 0; i < INDF_COUNT; i++) {
		struct indicator *in = &out[i];
		in->num = sums[i].num;
		in->den = sums[i].den;
		in->max = sums[i].max;
		in->max_case = sums[i].max_case;
		for (int side = 0; side < 2; side++) {
			struct indicator_cases *l = side ? &in->num_cases : &in->den_cases;
			if (q->lists != IND_LISTS_ALL &&
			    (q->list_of != i || q->lists != (side ? IND_LISTS_NUM : IND_LISTS_DEN)))
				continue;
			if ((rc = ctx->st->ops->indicator_side(ctx->st, ctx->a, &ctx->scope, &sp,
							       (enum indicator_figure)i, side, &l->ids,
							       &l->n, e)))
				return rc;
			l->cap = l->n;
		}
	}
	return FZ_OK;
}

enum fz_err app_indicators(struct app_ctx *ctx, const struct indicator_query *q,
			   struct indicator out[IND_COUNT], struct fz_error *e)
{
	const struct proc_registry *reg;
	struct calendar cal;
	enum fz_err rc;
	/* the cases whose record changed since they were judged are judged
	 * again first (in a county a handful; after the migration, all) */
	if ((rc = indicators_begin(ctx, q, out, &reg, &cal, e)) ||
	    (rc = indicator_judge_stale(ctx, &ctx->scope, NULL, e)) ||
	    (rc = kept_figures(ctx, q, out, e)))
		return rc;
	/* the matters (normative documents, major decisions): few, judged
	 * now with their own rules (indicators_rulemaking.c) */
	if ((rc = judge_matters(ctx, reg, &cal, q, out, e)))
		return rc;
	return indicators_rest(ctx, q, reg, out, e);
}
