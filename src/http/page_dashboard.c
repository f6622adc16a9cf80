/* page_dashboard.c - the division's dashboard (驾驶舱), GET /dashboard:
 * the key numbers now and over the last twelve months, a chart of each
 * monthly trend drawn here as SVG (no script) with its table beside it
 * for those who cannot see it, and the agencies ranked by each number
 * (?rank=). GET /dashboard/export?table=keys|trends|ranking&format=csv|
 * xlsx gives each table as a file; GET /api/v1/dashboard as JSON. The
 * figures are app/stats.c's grouped queries; the rates judged case by
 * case (legal review, publication on time, filing) stay on /indicators. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/stats.h"
#include "domain/money.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/jsonout_case.h"
#include "http/jsonout_org.h"
#include "http/layout.h"
#include "http/pagekit.h"
#include "http/resp.h"

/* The key numbers: an id for URLs, a label, and how to read it from a
 * row of the table (col >= 0) or from the open/overdue counts. */
struct key {
	const char *id, *label;
	int col;      /* stats column summed, or -1 */
	int col2;     /* a second column added to it, or -1 */
	int special;  /* 1 open cases, 2 overdue */
};
static const struct key keys[] = {
	{ "open", "办理中案件", -1, -1, 1 },
	{ "overdue", "逾期未办结案件", -1, -1, 2 },
	{ "decisions", "处罚决定", ST_P_DECISIONS, -1, 0 },
	{ "fines", "罚款金额（元）", ST_P_FINE, -1, 0 },
	{ "permits", "许可决定", ST_L_GRANTED, ST_L_REFUSED, 0 },
	{ "inspections", "行政检查", ST_I_OPENED, -1, 0 },
	{ "seizures", "查封、扣押", ST_C_SEIZED, -1, 0 },
	{ "referrals", "移送司法机关", ST_R_REFERRED, -1, 0 },
	{ "remedies", "复议、诉讼", ST_V_RECONSIDERATION, ST_V_LITIGATION, 0 },
};
#define NKEYS (sizeof keys / sizeof keys[0])

/* The monthly trends drawn as charts. */
static const int trend_cols[] = { ST_P_DECISIONS, ST_P_FINE, ST_I_OPENED, ST_L_APPLIED };
#define NTRENDS (sizeof trend_cols / sizeof trend_cols[0])

static int64_t key_of_row(const struct stats_table *t, size_t i, const struct key *k)
{
	const struct stats_row *row = i < t->n ? &t->rows[i] : &t->total;
	if (k->special == 1)
		return i < t->n ? t->open[i] : t->open_total;
	if (k->special == 2)
		return i < t->n ? t->overdue[i] : t->overdue_total;
	return row->v[k->col] + (k->col2 >= 0 ? row->v[k->col2] : 0);
}

static const char *key_text(struct req *r, const struct key *k, int64_t v)
{
	if (k->col == ST_P_FINE) {
		char y[MONEY_TEXT_MAX];
		money_format_yuan(v, y);
		return arena_strdup(r->ctx.a, y);
	}
	return arena_printf(r->ctx.a, "%lld", (long long)v);
}

/* --- the tables, shared by the page and the exports --- */

static const char *const keys_head[] = { "指标", "数值", "统计范围" };

static void grid_keys(struct req *r, const struct stats_table *t, struct stats_grid *g)
{
	g->title = "关键数字";
	g->head = keys_head;
	g->ncols = 3;
	g->nrows = NKEYS;
	g->cells = arena_calloc(r->ctx.a, NKEYS * 3, sizeof *g->cells);
	for (size_t i = 0; g->cells && i < NKEYS; i++) {
		g->cells[i * 3] = keys[i].label;
		g->cells[i * 3 + 1] = key_text(r, &keys[i], key_of_row(t, t->n, &keys[i]));
		g->cells[i * 3 + 2] = keys[i].special ? "当前"
						      : arena_printf(r->ctx.a, "%s 至 %s", t->from, t->to);
	}
	if (!g->cells)
		g->nrows = 0;
}

static void grid_trends(struct req *r, const struct stats_table *t, struct stats_grid *g)
{
	const char **head = arena_calloc(r->ctx.a, NTRENDS + 1, sizeof *head);
	g->title = "月度趋势";
	g->ncols = NTRENDS + 1;
	g->nrows = t->nmonths;
	g->cells = arena_calloc(r->ctx.a, t->nmonths * g->ncols + 1, sizeof *g->cells);
	if (!head || !g->cells) {
		g->nrows = 0;
		g->head = keys_head;
		g->ncols = 1;
		return;
	}
	head[0] = "月份";
	for (size_t k = 0; k < NTRENDS; k++)
		head[k + 1] = stats_col_label(t, trend_cols[k]);
	g->head = head;
	for (size_t m = 0; m < t->nmonths; m++) {
		g->cells[m * g->ncols] = t->months[m].month;
		for (size_t k = 0; k < NTRENDS; k++)
			g->cells[m * g->ncols + k + 1] =
				stats_cell(t, trend_cols[k], t->months[m].v[trend_cols[k]], r->ctx.a);
	}
}

/* Ranking order: larger first, then by name. Only used under qsort in
 * one request at a time per thread: the comparison's context travels
 * in thread-local storage. */
static _Thread_local const struct stats_table *tl_t;
static _Thread_local const struct key *tl_k;

static int by_key(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int64_t x = key_of_row(tl_t, i, tl_k), y = key_of_row(tl_t, j, tl_k);
	if (x != y)
		return x > y ? -1 : 1;
	return strcmp(tl_t->rows[i].agency, tl_t->rows[j].agency);
}

static const struct key *rank_key(struct req *r)
{
	const char *id = kit_query(r, "rank");
	for (size_t i = 0; i < NKEYS; i++)
		if (strcmp(keys[i].id, id) == 0)
			return &keys[i];
	return &keys[2]; /* decisions */
}

static size_t *ranked(struct req *r, const struct stats_table *t, const struct key *k)
{
	size_t *order = arena_calloc(r->ctx.a, t->n + 1, sizeof *order);
	if (!order)
		return NULL;
	for (size_t i = 0; i < t->n; i++)
		order[i] = i;
	tl_t = t;
	tl_k = k;
	qsort(order, t->n, sizeof *order, by_key);
	return order;
}

static void grid_ranking(struct req *r, const struct stats_table *t, const struct key *k,
			 struct stats_grid *g)
{
	const char **head = arena_calloc(r->ctx.a, NKEYS + 2, sizeof *head);
	size_t *order = ranked(r, t, k);
	g->title = "执法主体排名";
	g->ncols = NKEYS + 2;
	g->nrows = t->n;
	g->cells = arena_calloc(r->ctx.a, t->n * g->ncols + 1, sizeof *g->cells);
	if (!head || !order || !g->cells) {
		g->nrows = 0;
		g->head = keys_head;
		g->ncols = 1;
		return;
	}
	head[0] = "名次";
	head[1] = "执法主体";
	for (size_t c = 0; c < NKEYS; c++)
		head[c + 2] = keys[c].label;
	g->head = head;
	for (size_t n = 0; n < t->n; n++) {
		size_t i = order[n];
		const char **row = &g->cells[n * g->ncols];
		row[0] = arena_printf(r->ctx.a, "%zu", n + 1);
		row[1] = t->rows[i].agency;
		for (size_t c = 0; c < NKEYS; c++)
			row[c + 2] = key_text(r, &keys[c], key_of_row(t, i, &keys[c]));
	}
}

/* --- the page --- */

/* A bar chart of one column over the months, with a title for screen
 * readers; the table after it carries the same numbers. */
static void chart(struct req *r, struct buf *b, const struct stats_table *t, int col, int n)
{
	int64_t max = 1;
	const int w = 360, h = 150, left = 4, bottom = 20;
	for (size_t m = 0; m < t->nmonths; m++)
		if (t->months[m].v[col] > max)
			max = t->months[m].v[col];
	int bw = (int)((w - left) / (int)(t->nmonths ? t->nmonths : 1));
	const char *label = stats_col_label(t, col);
	html_f(b, "<figure class=\"chart\"><svg viewBox=\"0 0 %d %d\" width=\"100%%\" role=\"img\" "
		  "aria-labelledby=\"chart%d\"><title id=\"chart%d\">%s，%s 至 %s 每月（数字见下表）</title>",
	       w, h, n, n, label, t->months[0].month, t->months[t->nmonths - 1].month);
	for (size_t m = 0; m < t->nmonths; m++) {
		int64_t v = t->months[m].v[col];
		int bh = (int)((double)(h - bottom - 14) * (double)v / (double)max);
		int x = left + (int)m * bw;
		html_f(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#1f5fa8\"/>"
			  "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>",
		       x + 2, h - bottom - bh, bw - 4, bh, x + bw / 2, h - 6, t->months[m].month + 5);
	}
	html_f(b, "</svg><figcaption>%s（最高 %s）</figcaption></figure>\n", label,
	       stats_cell(t, col, max, r->ctx.a));
}

static void table(struct buf *b, const struct stats_grid *g, const char *export_id,
		  const char *rank)
{
	/* a region that may scroll sideways is reachable by keyboard */
	html_f(b, "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"%s\">"
		  "<table class=\"list\"><caption>%s</caption><thead><tr>",
	       g->title, g->title);
	for (size_t k = 0; k < g->ncols; k++)
		html_f(b, "<th scope=\"col\">%s</th>", g->head[k]);
	html_raw(b, "</tr></thead><tbody>\n");
	for (size_t i = 0; i < g->nrows; i++) {
		html_raw(b, "<tr>");
		for (size_t k = 0; k < g->ncols; k++)
			html_f(b, "<td data-label=\"%s\">%s</td>", g->head[k], g->cells[i * g->ncols + k]);
		html_raw(b, "</tr>\n");
	}
	/* rank: one of keys[].id, passed on as chosen */
	html_f(b, "</tbody></table></div>\n<p class=\"hint\">导出本表：<a href=\"/dashboard/export?"
		  "table=%s&amp;format=xlsx%s%s\">XLSX</a>　<a href=\"/dashboard/export?table=%s&amp;"
		  "format=csv%s%s\">CSV</a></p>\n",
	       export_id, *rank ? "&rank=" : "", rank, export_id, *rank ? "&rank=" : "", rank);
}

int page_dashboard(struct req *r)
{
	struct buf b = BUF_INIT;
	struct fz_error e = { 0 };
	struct stats_table t;
	struct stats_grid g;
	enum fz_err rc = app_stats_dashboard(&r->ctx, &t, &e);
	page_begin(r, &b, "驾驶舱");
	if (rc) {
		kit_form_error(&b, rc, &e);
		page_end(r, &b);
		return resp_html(r, rc == FZ_FORBIDDEN ? 403 : 500, &b);
	}
	html_f(&b, "<p class=\"lead\">本辖区最近十二个月（%s 至 %s）的执法数字，由办案记录统计。"
		   "法制审核率、按时公示率、备案率等逐案判定的比率见<a href=\"/indicators\">监督指标</a>；"
		   "全年统计见<a href=\"/stats/annual\">行政执法统计年报</a>。</p>\n",
	       t.from, t.to);
	if (t.summary_building)
		html_f(&b, "<p class=\"flash info\" role=\"status\">统计汇总正在建立（已完成 %d%%），"
			   "数字按原始记录计算，可能较慢。</p>\n", t.summary_pct);
	html_raw(&b, "<h2>关键数字</h2>\n<ul class=\"keys\">");
	for (size_t i = 0; i < NKEYS; i++)
		html_f(&b, "<li><span class=\"hint\">%s</span> <strong>%s</strong></li>", keys[i].label,
		       key_text(r, &keys[i], key_of_row(&t, t.n, &keys[i])));
	html_raw(&b, "</ul>\n<p class=\"hint\">逾期未办结：按服务器每日更新的期限状态计。</p>\n");
	grid_keys(r, &t, &g);
	table(&b, &g, "keys", "");
	html_raw(&b, "<h2>月度趋势</h2>\n");
	for (size_t k = 0; k < NTRENDS; k++)
		chart(r, &b, &t, trend_cols[k], (int)k);
	grid_trends(r, &t, &g);
	table(&b, &g, "trends", "");
	const struct key *rk = rank_key(r);
	html_f(&b, "<h2>执法主体排名：按%s</h2>\n<p>按其他指标排名：", rk->label);
	for (size_t i = 0; i < NKEYS; i++)
		if (&keys[i] != rk)
			html_f(&b, "<a href=\"/dashboard?rank=%s\">%s</a>　", keys[i].id, keys[i].label);
	html_raw(&b, "</p>\n");
	grid_ranking(r, &t, rk, &g);
	table(&b, &g, "ranking", rk->id);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

int page_dashboard_export(struct req *r)
{
	struct fz_error e = { 0 };
	struct stats_table t;
	struct stats_grid g;
	struct buf out = BUF_INIT;
	const char *table_id = kit_query(r, "table"), *format = kit_query(r, "format");
	bool csv = strcmp(format, "csv") == 0;
	if (!csv && strcmp(format, "xlsx") != 0)
		return http_fail(r, 400, "invalid", "format", "导出格式应为 XLSX 或 CSV");
	if (strcmp(table_id, "keys") && strcmp(table_id, "trends") && strcmp(table_id, "ranking"))
		return http_fail(r, 400, "invalid", "table", "没有这张表");
	enum fz_err rc = app_stats_dashboard(&r->ctx, &t, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	if (!strcmp(table_id, "keys"))
		grid_keys(r, &t, &g);
	else if (!strcmp(table_id, "trends"))
		grid_trends(r, &t, &g);
	else
		grid_ranking(r, &t, rank_key(r), &g);
	rc = app_stats_grid_file(&r->ctx, table_id, &g, csv ? LIST_CSV : LIST_XLSX, &out, &e);
	if (rc) {
		buf_release(&out);
		return resp_fail(r, rc, &e);
	}
	char name[96];
	snprintf(name, sizeof name, "attachment; filename=\"dashboard-%s.%s\"", table_id,
		 csv ? "csv" : "xlsx");
	resp_header(r, "Content-Disposition", name);
	return resp_bytes(r, 200,
			  csv ? "text/csv; charset=utf-8"
			      : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
			  &out);
}

int api_dashboard(struct req *r)
{
	struct fz_error e = { 0 };
	struct stats_table t;
	enum fz_err rc = app_stats_dashboard(&r->ctx, &t, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	json_t *k = json_array();
	for (size_t i = 0; i < NKEYS; i++) {
		json_t *o = json_object();
		o = json_put(o, "id", json_text(keys[i].id));
		o = json_put(o, "label", json_text(keys[i].label));
		o = json_put(o, "value", json_integer(key_of_row(&t, t.n, &keys[i])));
		o = json_put(o, "unit", json_text(keys[i].col == ST_P_FINE ? "fen" : "count"));
		json_t *by = json_array();
		for (size_t a = 0; a < t.n; a++) {
			json_t *x = json_object();
			x = json_put(x, "agency_id", json_integer(t.rows[a].agency_id));
			x = json_put(x, "agency", json_text(t.rows[a].agency));
			x = json_put(x, "value", json_integer(key_of_row(&t, a, &keys[i])));
			by = json_array_push(by, x);
		}
		o = json_put(o, "by_agency", by);
		k = json_array_push(k, o);
	}
	json_t *months = json_array();
	for (size_t m = 0; m < t.nmonths; m++) {
		json_t *o = json_object();
		o = json_put(o, "month", json_text(t.months[m].month));
		o = json_put(o, "decisions", json_integer(t.months[m].v[ST_P_DECISIONS]));
		o = json_put(o, "fines_fen", json_integer(t.months[m].v[ST_P_FINE]));
		o = json_put(o, "inspections", json_integer(t.months[m].v[ST_I_OPENED]));
		o = json_put(o, "permit_applications", json_integer(t.months[m].v[ST_L_APPLIED]));
		months = json_array_push(months, o);
	}
	json_t *out = json_object();
	out = json_put(out, "from", json_text(t.from));
	out = json_put(out, "to", json_text(t.to));
	out = json_put(out, "keys", k);
	out = json_put(out, "months", months);
	if (!out)
		return http_fail(r, 500, "internal", NULL, "内存不足");
	return resp_json(r, 200, out);
}
