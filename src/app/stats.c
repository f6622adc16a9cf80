/* stats.c - the annual enforcement statistics and the dashboard's
 * figures (stats.h): four grouped queries (standing decisions; events of
 * fixed steps; permit decisions by outcome; remedies by kind), each row
 * of which is added to its agency's row, the total and its month. Which
 * step counts in which column is the table steps[] below: the statistics'
 * own definitions, written out in docs/STATISTICS.md. */
#include "app/stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/authz.h"
#include "base/date.h"
#include "base/num.h"
#include "domain/case.h"
#include "domain/money.h"
#include "domain/penalty.h"

static const struct stats_col_def cols[ST_NCOLS] = {
	[ST_P_DECISIONS] = { "行政处罚", "处罚决定（件）",
			     "期间内作出、至统计时仍有效的行政处罚决定（一般程序和简易程序）；被撤销、变更或被复议诉讼撤销的不计，重新作出的按新决定计",
			     false },
	[ST_P_KIND0 + 0] = { "行政处罚", "警告", "", false },
	[ST_P_KIND0 + 1] = { "行政处罚", "通报批评", "", false },
	[ST_P_KIND0 + 2] = { "行政处罚", "罚款", "", false },
	[ST_P_KIND0 + 3] = { "行政处罚", "没收违法所得", "", false },
	[ST_P_KIND0 + 4] = { "行政处罚", "没收非法财物", "", false },
	[ST_P_KIND0 + 5] = { "行政处罚", "暂扣许可证件", "", false },
	[ST_P_KIND0 + 6] = { "行政处罚", "降低资质等级", "", false },
	[ST_P_KIND0 + 7] = { "行政处罚", "吊销许可证件", "", false },
	[ST_P_KIND0 + 8] = { "行政处罚", "限制开展生产经营活动", "", false },
	[ST_P_KIND0 + 9] = { "行政处罚", "责令停产停业", "", false },
	[ST_P_KIND0 + 10] = { "行政处罚", "责令关闭", "", false },
	[ST_P_KIND0 + 11] = { "行政处罚", "限制从业", "", false },
	[ST_P_KIND0 + 12] = { "行政处罚", "行政拘留", "", false },
	[ST_P_KIND0 + 13] = { "行政处罚", "其他行政处罚", "", false },
	[ST_P_FINE] = { "行政处罚", "罚款金额（元）", "上述决定的罚款金额合计（以更正后的金额为准）", true },
	[ST_P_CONFISCATION] = { "行政处罚", "没收金额（元）", "上述决定载明的没收违法所得、非法财物金额合计", true },
	[ST_P_BAND0 + 0] = { "行政处罚", "", "处以罚款的决定按罚款金额分段计数", false },
	[ST_P_BAND0 + 1] = { "行政处罚", "", "", false },
	[ST_P_BAND0 + 2] = { "行政处罚", "", "", false },
	[ST_P_BAND0 + 3] = { "行政处罚", "", "", false },
	[ST_P_BAND0 + 4] = { "行政处罚", "", "", false },
	[ST_P_NO_PENALTY] = { "行政处罚", "不予处罚决定", "期间内作出的不予行政处罚决定", false },
	[ST_P_WITHDRAWN] = { "行政处罚", "撤销案件", "期间内经负责人批准撤销的案件", false },
	[ST_L_APPLIED] = { "行政许可", "收到申请", "期间内登记的许可申请", false },
	[ST_L_GRANTED] = { "行政许可", "准予许可", "期间内作出的准予许可决定", false },
	[ST_L_REFUSED] = { "行政许可", "不予许可", "期间内作出的不予许可决定", false },
	[ST_L_NOT_ACCEPTED] = { "行政许可", "不予受理", "期间内不予受理的申请", false },
	[ST_I_OPENED] = { "行政检查", "检查件数", "期间内启动的行政检查", false },
	[ST_I_RANDOM] = { "行政检查", "双随机抽取", "期间内进行的双随机抽取", false },
	[ST_I_RESULT] = { "行政检查", "作出检查结果", "期间内作出的检查结果", false },
	[ST_C_SEIZED] = { "行政强制", "实施查封、扣押", "期间内实施的查封、扣押（含情况紧急当场实施的）", false },
	[ST_C_HANDLED] = { "行政强制", "作出处理决定", "期间内对查封、扣押作出的处理决定", false },
	[ST_C_LIFTED] = { "行政强制", "解除", "期间内解除的查封、扣押", false },
	[ST_R_REFERRED] = { "移送司法机关", "移送", "期间内移送司法机关的案件次数", false },
	[ST_R_RETURNED] = { "移送司法机关", "被退回", "期间内司法机关退回的移送", false },
	[ST_V_RECONSIDERATION] = { "复议诉讼", "申请行政复议", "期间内当事人对处罚决定申请行政复议（执法机关记录）", false },
	[ST_V_LITIGATION] = { "复议诉讼", "提起行政诉讼", "期间内当事人对处罚决定提起行政诉讼（执法机关记录）", false },
	[ST_V_UPHELD] = { "复议诉讼", "维持或驳回", "期间内复议、诉讼维持原决定或驳回请求", false },
	[ST_V_SET_ASIDE] = { "复议诉讼", "撤销、变更或确认违法", "期间内复议、诉讼撤销、变更原决定或确认违法", false },
};

const struct stats_col_def *stats_cols(void) { return cols; }

static const struct stats_missing missing[] = {
	{ "复议诉讼", "复议机关办理的行政复议案件",
	  "fazhi 尚未记录：行政复议机构的案件办理尚未建模，上表只有执法机关在案件中记录的复议、诉讼" },
	{ "复议诉讼", "行政机关负责人出庭应诉",
	  "fazhi 尚未记录：应诉和出庭情况尚未建模" },
	{ "行政强制", "行政强制执行（代履行、申请法院强制执行以外）",
	  "fazhi 尚未记录：行政强制执行程序尚未建模；申请人民法院强制执行记录在处罚案件中" },
};

const struct stats_missing *stats_missing_rows(size_t *n)
{
	*n = sizeof missing / sizeof missing[0];
	return missing;
}

/* Events counted as they are, one column each: step, case kind (0 any),
 * field value ("" any), column. */
struct step_col {
	const char *step;
	int kind;
	const char *value;
	int col;
};
static const struct step_col plain_steps[] = {
	{ "no_penalty", CASE_PENALTY, "", ST_P_NO_PENALTY },
	{ "withdraw", CASE_PENALTY, "", ST_P_WITHDRAWN },
	{ "open", CASE_INSPECTION, "", ST_I_OPENED },
	{ "random_draw", CASE_INSPECTION, "", ST_I_RANDOM },
	{ "result", CASE_INSPECTION, "", ST_I_RESULT },
	{ "seize", CASE_COERCION, "", ST_C_SEIZED },
	{ "emergency_seize", CASE_COERCION, "", ST_C_SEIZED },
	{ "handle", CASE_COERCION, "", ST_C_HANDLED },
	{ "lift", CASE_COERCION, "", ST_C_LIFTED },
	{ "criminal_referral", 0, "", ST_R_REFERRED },
	{ "referral_return", 0, "", ST_R_RETURNED },
};
static const char plain_json[] = "[\"no_penalty\",\"withdraw\",\"open\",\"random_draw\","
				 "\"result\",\"seize\",\"emergency_seize\",\"handle\",\"lift\","
				 "\"criminal_referral\",\"referral_return\"]";
static const struct step_col permit_steps[] = {
	{ "apply", CASE_PERMIT, "", ST_L_APPLIED },
	{ "decide", CASE_PERMIT, "granted", ST_L_GRANTED },
	{ "decide", CASE_PERMIT, "refused", ST_L_REFUSED },
	{ "reject_application", CASE_PERMIT, "", ST_L_NOT_ACCEPTED },
};
static const char permit_json[] = "[\"apply\",\"decide\",\"reject_application\"]";
static const struct step_col remedy_steps[] = {
	{ "remedy_filed", 0, "reconsideration", ST_V_RECONSIDERATION },
	{ "remedy_filed", 0, "litigation", ST_V_LITIGATION },
	{ "remedy_upheld", 0, "", ST_V_UPHELD },
	{ "remedy_set_aside", 0, "", ST_V_SET_ASIDE },
};
static const char remedy_json[] = "[\"remedy_filed\",\"remedy_upheld\",\"remedy_set_aside\"]";
/* The steps of the dashboard's columns (stats_dashboard_col), the
 * cells of the others left unread. */
static const char dash_plain_json[] = "[\"open\",\"seize\",\"emergency_seize\","
				      "\"criminal_referral\"]";
static const char dash_permit_json[] = "[\"apply\",\"decide\"]";
static const char dash_remedy_json[] = "[\"remedy_filed\"]";
/* Decisions: the steps of STATS_DECIDING_JSON decide; a later one of
 * STATS_VOIDING_JSON means the earlier no longer stands (a new decision
 * replaces it; revocation or a remedy sets it aside). */
static const char decide_json[] = STATS_DECIDING_JSON;
static const char later_json[] = STATS_VOIDING_JSON;

struct index_entry {
	int64_t id;
	size_t row;
};

struct builder {
	struct stats_table *t;
	struct index_entry *index; /* by id */
	bool from_record;          /* count from the record, not the summary */
	bool dashboard;            /* only the dashboard's columns */
	bool years;                /* whole years, no months (the annual table) */
};

static int by_id(const void *a, const void *b)
{
	int64_t x = ((const struct index_entry *)a)->id, y = ((const struct index_entry *)b)->id;
	return x < y ? -1 : x > y;
}

/* The agency's row, or NULL (an agency outside the list: never counted
 * twice, never silently dropped from the total either). */
static struct stats_row *row_of(struct builder *bd, int64_t agency_id)
{
	struct index_entry key = { agency_id, 0 };
	struct index_entry *hit = bsearch(&key, bd->index, bd->t->n, sizeof key, by_id);
	return hit ? &bd->t->rows[hit->row] : NULL;
}

/* "YYYY-MM" as a count of months, -1 when it is not one. */
static int month_number(const char *m)
{
	for (int i = 0; i < 7; i++)
		if (i == 4 ? m[i] != '-' : (m[i] < '0' || m[i] > '9'))
			return -1;
	int y = (m[0] - '0') * 1000 + (m[1] - '0') * 100 + (m[2] - '0') * 10 + (m[3] - '0');
	return y * 12 + (m[5] - '0') * 10 + (m[6] - '0') - 1;
}

/* The period's month named, found by its distance from the first (the
 * months run on without a gap): one per row read, so not a search. */
static struct stats_month *month_of(struct stats_table *t, const char *month)
{
	int i = month_number(month), first = t->nmonths ? month_number(t->months[0].month) : -1;
	if (i < 0 || first < 0 || i < first || (size_t)(i - first) >= t->nmonths)
		return NULL;
	return &t->months[i - first];
}

/* Where one row of a query adds: its agency's row, its month (either may
 * be NULL) and the total; found once per row, not once per column. */
struct cell {
	struct stats_row *r;
	struct stats_month *m;
	struct stats_row *total;
};

static struct cell cell_of(struct builder *bd, int64_t agency_id, const char *month)
{
	return (struct cell){ row_of(bd, agency_id), month_of(bd->t, month), &bd->t->total };
}

static void add(const struct cell *c, int col, int64_t v)
{
	if (c->r)
		c->r->v[col] += v;
	if (c->m)
		c->m->v[col] += v;
	c->total->v[col] += v;
}

static enum fz_err load_agencies(struct app_ctx *ctx, struct builder *bd, struct fz_error *e)
{
	struct agency_filter f = { 0 };
	struct stats_table *t = bd->t;
	size_t cap = 0;
	for (int64_t off = 0;; off += 200) {
		struct agency_list l;
		struct page pg = { .offset = off, .limit = 200 };
		enum fz_err rc = ctx->st->ops->agency_list(ctx->st, ctx->a, &ctx->scope, &f, pg, &l, e);
		if (rc)
			return rc;
		if (!t->rows) {
			cap = (size_t)l.total + 1;
			t->rows = arena_calloc(ctx->a, cap, sizeof *t->rows);
			bd->index = arena_calloc(ctx->a, cap, sizeof *bd->index);
			if (!t->rows || !bd->index)
				return fz_fail(e, FZ_NOMEM, "", NULL);
		}
		for (size_t i = 0; i < l.n && t->n < cap; i++) {
			t->rows[t->n].agency_id = l.items[i].id;
			t->rows[t->n].agency = l.items[i].name;
			bd->index[t->n] = (struct index_entry){ l.items[i].id, t->n };
			t->n++;
		}
		if (l.n < 200)
			break;
	}
	qsort(bd->index, t->n, sizeof *bd->index, by_id);
	return FZ_OK;
}

static void add_events(struct builder *bd, const struct stats_event_count_list *l,
		       const struct step_col *map, size_t nmap)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct stats_event_count *c = &l->items[i];
		struct cell at = cell_of(bd, c->agency_id, c->month);
		for (size_t k = 0; k < nmap; k++)
			if (strcmp(map[k].step, c->step) == 0 && (!map[k].kind || map[k].kind == c->kind) &&
			    (!*map[k].value || strcmp(map[k].value, c->value) == 0))
				add(&at, map[k].col, c->n);
	}
}

static enum fz_err events(struct app_ctx *ctx, struct builder *bd, const char *json,
			  const char *key, const struct step_col *map, size_t nmap,
			  struct fz_error *e)
{
	struct stats_query q = { .from = bd->t->from, .to = bd->t->to, .steps_json = json,
				 .key = key, .from_record = bd->from_record, .years = bd->years };
	struct stats_event_count_list l;
	enum fz_err rc = ctx->st->ops->stats_event_counts(ctx->st, ctx->a, &ctx->scope, &q, &l, e);
	if (!rc)
		add_events(bd, &l, map, nmap);
	return rc;
}

static enum fz_err decisions(struct app_ctx *ctx, struct builder *bd, struct fz_error *e)
{
	struct stats_table *t = bd->t;
	struct stats_query q = { .from = t->from, .to = t->to, .steps_json = decide_json,
				 .later_json = later_json, .nbounds = STATS_BANDS - 1,
				 .from_record = bd->from_record, .totals = bd->dashboard,
				 .years = bd->years };
	struct stats_decision_count_list l;
	memcpy(q.bounds_fen, t->bounds_fen, sizeof t->bounds_fen);
	enum fz_err rc = ctx->st->ops->stats_decision_counts(ctx->st, ctx->a, &ctx->scope, &q, &l, e);
	if (rc)
		return rc;
	const char *last = NULL;
	unsigned kinds = 0;
	for (size_t i = 0; i < l.n; i++) {
		const struct stats_decision_count *c = &l.items[i];
		struct fz_error ignored = { 0 };
		struct cell at = cell_of(bd, c->agency_id, c->month);
		add(&at, ST_P_DECISIONS, c->n);
		add(&at, ST_P_FINE, c->fine_fen);
		add(&at, ST_P_CONFISCATION, c->confiscation_fen);
		if (bd->dashboard)
			continue; /* neither kinds nor bands: the store need not split */
		/* kinds as the engine checked them when the step was taken; a
		 * list it would refuse now counts under no kind. Rows come in
		 * runs of one penalty text: parsed once a run. */
		if (!last || strcmp(last, c->penalty) != 0) {
			last = c->penalty;
			if (penalty_kinds_parse(c->penalty, &kinds, &ignored) != FZ_OK)
				kinds = 0;
		}
		for (int k = 0; k < 14; k++)
			if (kinds & (1u << k))
				add(&at, ST_P_KIND0 + k, c->n);
		if (c->band >= 0 && c->band < STATS_BANDS)
			add(&at, ST_P_BAND0 + c->band, c->n);
	}
	return FZ_OK;
}

/* The band bounds from the setting stats.fine_bands, or the default. */
static enum fz_err bands(struct app_ctx *ctx, struct stats_table *t, struct fz_error *e)
{
	char *set = NULL;
	const char *s = STATS_DEFAULT_BANDS;
	enum fz_err rc = ctx->st->ops->setting_get(ctx->st, ctx->a, "stats.fine_bands", &set, e);
	if (rc && rc != FZ_NOTFOUND)
		return rc;
	if (!rc && set && *set)
		s = set;
	for (int i = 0; i < STATS_BANDS - 1; i++) {
		char part[MONEY_TEXT_MAX];
		size_t n = strcspn(s, ",");
		if (n == 0 || n >= sizeof part)
			return fz_fail(e, FZ_INVALID, "stats.fine_bands",
				       "罚款金额分段设置无效：应为 %d 个递增的金额（元），以逗号分隔",
				       STATS_BANDS - 1);
		memcpy(part, s, n);
		part[n] = '\0';
		if (!money_parse_yuan(part, &t->bounds_fen[i]) || t->bounds_fen[i] <= 0 ||
		    (i && t->bounds_fen[i] <= t->bounds_fen[i - 1]))
			return fz_fail(e, FZ_INVALID, "stats.fine_bands",
				       "罚款金额分段设置无效：应为 %d 个递增的金额（元），以逗号分隔",
				       STATS_BANDS - 1);
		s += n + (s[n] == ',');
	}
	for (int i = 0; i < STATS_BANDS; i++) {
		char lo[MONEY_TEXT_MAX], hi[MONEY_TEXT_MAX];
		if (i)
			money_format_yuan(t->bounds_fen[i - 1], lo);
		if (i < STATS_BANDS - 1)
			money_format_yuan(t->bounds_fen[i], hi);
		t->band_labels[i] = i == 0 ? arena_printf(ctx->a, "罚款不足 %s 元", hi)
				    : i == STATS_BANDS - 1
					? arena_printf(ctx->a, "罚款 %s 元以上", lo)
					: arena_printf(ctx->a, "罚款 %s 元至不足 %s 元", lo, hi);
		if (!t->band_labels[i])
			return fz_fail(e, FZ_NOMEM, "", NULL);
	}
	return FZ_OK;
}

/* Whether the store counts from the record because the summary is
 * still being built, and how far it is. */
static enum fz_err summary_state(struct app_ctx *ctx, bool from_record, struct stats_table *t,
				 struct fz_error *e)
{
	struct stats_summary_state s;
	if (from_record)
		return FZ_OK;
	enum fz_err rc = ctx->st->ops->stats_summary_state(ctx->st, &s, e);
	if (rc)
		return rc;
	t->summary_building = !s.built;
	t->summary_pct = stats_summary_pct(&s);
	return FZ_OK;
}

/* What a period is counted for: the full table with its months, the
 * dashboard's columns with months, the annual table without months. */
enum period_use { FOR_PERIOD, FOR_DASHBOARD, FOR_YEAR };

static enum fz_err period(struct app_ctx *ctx, const char *from, const char *to,
			  bool from_record, enum period_use use, struct stats_table *out,
			  struct fz_error *e)
{
	int fy, fm, ty, tm;
	bool dash = use == FOR_DASHBOARD;
	struct builder bd = { .t = out, .from_record = from_record, .dashboard = dash,
			      .years = use == FOR_YEAR };
	enum fz_err rc = app_require(ctx, PERM_CASE_READ, "case.read", e);
	memset(out, 0, sizeof *out);
	if (rc)
		return rc;
	if (!date_parse(from, &fy, &fm, NULL) || !date_parse(to, &ty, &tm, NULL))
		return fz_fail(e, FZ_INVALID, "from", "统计期间应为 YYYY-MM-DD 格式的有效日期");
	if (strcmp(from, to) > 0)
		return fz_fail(e, FZ_INVALID, "to", "统计期间的结束日期不能早于开始日期");
	int months = (ty - fy) * 12 + (tm - fm) + 1;
	if (months > STATS_MONTHS_MAX)
		return fz_fail(e, FZ_INVALID, "to", "统计期间最长 %d 个月", STATS_MONTHS_MAX);
	snprintf(out->from, sizeof out->from, "%s", from);
	snprintf(out->to, sizeof out->to, "%s", to);
	for (int i = 0; i < months; i++) {
		int y = fy + (fm - 1 + i) / 12, m = (fm - 1 + i) % 12 + 1;
		snprintf(out->months[i].month, sizeof out->months[i].month, "%04u-%02u",
			 (unsigned)y % 10000u, (unsigned)m % 100u);
	}
	/* the annual table has no months: its rows are read by year */
	out->nmonths = use == FOR_YEAR ? 0 : (size_t)months;
	out->total.agency = "合计";
	if ((rc = bands(ctx, out, e)) || (rc = load_agencies(ctx, &bd, e)))
		return rc;
	if ((rc = ctx->st->ops->begin(ctx->st, false, e)))
		return rc;
	/* one snapshot for every block: the totals agree with each other,
	 * and with the summary's state that chose where they are read */
	if (!(rc = summary_state(ctx, from_record, out, e)) && !(rc = decisions(ctx, &bd, e)) &&
	    !(rc = events(ctx, &bd, dash ? dash_plain_json : plain_json, NULL, plain_steps,
			  sizeof plain_steps / sizeof plain_steps[0], e)) &&
	    !(rc = events(ctx, &bd, dash ? dash_permit_json : permit_json, "outcome",
			  permit_steps, sizeof permit_steps / sizeof permit_steps[0], e)))
		rc = events(ctx, &bd, dash ? dash_remedy_json : remedy_json, "kind", remedy_steps,
			    sizeof remedy_steps / sizeof remedy_steps[0], e);
	ctx->st->ops->rollback(ctx->st); /* a read: nothing to keep */
	return rc;
}

enum fz_err app_stats_period(struct app_ctx *ctx, const char *from, const char *to,
			     struct stats_table *out, struct fz_error *e)
{
	return period(ctx, from, to, false, FOR_PERIOD, out, e);
}

enum fz_err app_stats_period_record(struct app_ctx *ctx, const char *from, const char *to,
				    struct stats_table *out, struct fz_error *e)
{
	return period(ctx, from, to, true, FOR_PERIOD, out, e);
}

enum fz_err app_stats_annual(struct app_ctx *ctx, int64_t year, struct stats_table *out,
			     struct fz_error *e)
{
	char from[FZ_DATE_LEN], to[FZ_DATE_LEN];
	if (year < 2000 || year > 2100) {
		memset(out, 0, sizeof *out);
		return fz_fail(e, FZ_INVALID, "year", "年度应为 2000 至 2100 之间的四位数字");
	}
	snprintf(from, sizeof from, "%04u-01-01", (unsigned)year % 10000u);
	snprintf(to, sizeof to, "%04u-12-31", (unsigned)year % 10000u);
	return period(ctx, from, to, false, FOR_YEAR, out, e);
}

static enum fz_err dashboard(struct app_ctx *ctx, bool from_record, struct stats_table *out,
			     struct fz_error *e)
{
	int y, m;
	char from[FZ_DATE_LEN];
	if (!date_parse(ctx->today, &y, &m, NULL))
		return fz_fail(e, FZ_INTERNAL, NULL, "内部错误：今日日期无效");
	/* the eleven months before this one, and this one to today */
	m -= 11;
	if (m < 1) {
		m += 12;
		y--;
	}
	snprintf(from, sizeof from, "%04u-%02u-01", (unsigned)y % 10000u, (unsigned)m % 100u);
	enum fz_err rc = period(ctx, from, ctx->today, from_record, FOR_DASHBOARD, out, e);
	if (rc)
		return rc;
	struct stats_open_count_list l;
	if ((rc = ctx->st->ops->stats_open_counts(ctx->st, ctx->a, &ctx->scope, &l, e)))
		return rc;
	out->open = arena_calloc(ctx->a, out->n + 1, sizeof *out->open);
	out->overdue = arena_calloc(ctx->a, out->n + 1, sizeof *out->overdue);
	if (!out->open || !out->overdue)
		return fz_fail(e, FZ_NOMEM, "", NULL);
	for (size_t i = 0; i < l.n; i++) {
		out->open_total += l.items[i].open;
		out->overdue_total += l.items[i].overdue;
		for (size_t k = 0; k < out->n; k++) {
			if (out->rows[k].agency_id == l.items[i].agency_id) {
				out->open[k] = l.items[i].open;
				out->overdue[k] = l.items[i].overdue;
				break;
			}
		}
	}
	return FZ_OK;
}

enum fz_err app_stats_dashboard(struct app_ctx *ctx, struct stats_table *out,
				struct fz_error *e)
{
	return dashboard(ctx, false, out, e);
}

enum fz_err app_stats_dashboard_record(struct app_ctx *ctx, struct stats_table *out,
				       struct fz_error *e)
{
	return dashboard(ctx, true, out, e);
}

bool stats_dashboard_col(int c)
{
	switch (c) {
	case ST_P_DECISIONS: case ST_P_FINE: case ST_P_CONFISCATION: case ST_L_APPLIED:
	case ST_L_GRANTED: case ST_L_REFUSED: case ST_I_OPENED: case ST_C_SEIZED:
	case ST_R_REFERRED: case ST_V_RECONSIDERATION: case ST_V_LITIGATION:
		return true;
	default:
		return false;
	}
}

const char *stats_col_label(const struct stats_table *t, int c)
{
	if (c >= ST_P_BAND0 && c <= ST_P_BAND_LAST)
		return t->band_labels[c - ST_P_BAND0] ? t->band_labels[c - ST_P_BAND0] : "";
	return c >= 0 && c < ST_NCOLS ? cols[c].label : "";
}

const char *stats_cell(const struct stats_table *t, int c, int64_t v, struct arena *a)
{
	(void)t;
	if (c >= 0 && c < ST_NCOLS && cols[c].money) {
		char y[MONEY_TEXT_MAX];
		money_format_yuan(v, y);
		return arena_strdup(a, y);
	}
	return arena_printf(a, "%lld", (long long)v);
}
