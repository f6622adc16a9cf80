/* stats.h - the annual enforcement statistics (行政执法统计年报) and the
 * division dashboard (驾驶舱): counts by agency and enforcement kind
 * read by a few grouped queries (one per block, store_stats.h) from the
 * summary the store keeps beside the record of events (036), never case
 * by case, within the viewer's scope.
 * The fixed layout (blocks, columns, definitions) is docs/STATISTICS.md;
 * stats_cols() is that layout in code. The XLSX and CSV writers keep
 * libxlsxwriter inside app/stats_xlsx.c. */
#ifndef FZ_APP_STATS_H
#define FZ_APP_STATS_H

#include <stdbool.h>
#include <stdint.h>

#include "app/app.h"
#include "app/listexport.h"
#include "base/buf.h"

/* The columns of the annual table, in their fixed order. */
enum stats_col {
	ST_P_DECISIONS = 0,   /* 处罚决定 */
	ST_P_KIND0,           /* 14 kinds of 行政处罚法 art 9, in penalty bit order */
	ST_P_KIND_LAST = ST_P_KIND0 + 13,
	ST_P_FINE,            /* 罚款金额（元） */
	ST_P_CONFISCATION,    /* 没收金额（元） */
	ST_P_BAND0,           /* fines by amount band */
	ST_P_BAND_LAST = ST_P_BAND0 + 4,
	ST_P_NO_PENALTY,      /* 不予处罚 */
	ST_P_WITHDRAWN,       /* 撤销案件 */
	ST_L_APPLIED,         /* 许可申请 */
	ST_L_GRANTED,
	ST_L_REFUSED,
	ST_L_NOT_ACCEPTED,
	ST_I_OPENED,          /* 检查 */
	ST_I_RANDOM,
	ST_I_RESULT,
	ST_C_SEIZED,          /* 查封、扣押 */
	ST_C_HANDLED,
	ST_C_LIFTED,
	ST_R_REFERRED,        /* 移送司法机关 */
	ST_R_RETURNED,
	ST_V_RECONSIDERATION, /* 行政复议申请 */
	ST_V_LITIGATION,      /* 行政诉讼 */
	ST_V_UPHELD,
	ST_V_SET_ASIDE,
	ST_NCOLS
};

/* Number of fine bands (columns ST_P_BAND0..LAST), so bounds - 1. */
#define STATS_BANDS (ST_P_BAND_LAST - ST_P_BAND0 + 1)
/* Default band bounds in yuan: our own choice, kept configurable in the
 * setting stats.fine_bands ("1000,10000,100000,1000000"). */
#define STATS_DEFAULT_BANDS "1000,10000,100000,1000000"

struct stats_col_def {
	const char *block;       /* 行政处罚 ... */
	const char *label;       /* 警告 ... (band labels: stats_table.band_labels) */
	const char *definition;  /* what is counted, for the page and the docs */
	bool money;              /* fen, shown as yuan */
};
const struct stats_col_def *stats_cols(void);

/* A statistic fazhi does not record yet: shown as such, never as 0. */
struct stats_missing {
	const char *block, *label, *why;
};
const struct stats_missing *stats_missing_rows(size_t *n);

struct stats_row {
	int64_t agency_id;       /* 0 for the total */
	const char *agency;
	int64_t v[ST_NCOLS];
};

/* Months of a period for the trends: "YYYY-MM" and each column's count. */
#define STATS_MONTHS_MAX 24
struct stats_month {
	char month[8];
	int64_t v[ST_NCOLS];
};

struct stats_table {
	char from[FZ_DATE_LEN], to[FZ_DATE_LEN];
	int64_t bounds_fen[STATS_BANDS - 1];
	const char *band_labels[STATS_BANDS];
	struct stats_row *rows;  /* every agency in scope, by name order */
	size_t n;
	struct stats_row total;
	struct stats_month months[STATS_MONTHS_MAX]; /* from's month onward */
	size_t nmonths;
	/* dashboard: open cases and overdue now, per row and in total */
	int64_t *open, *overdue;
	int64_t open_total, overdue_total;
	/* the summary still being built in the background (046): the
	 * figures were counted from the record; summary_pct of the cases
	 * filled so far (0..99) */
	bool summary_building;
	int summary_pct;
};

/* Counts the period from..to (both YYYY-MM-DD) in ctx's scope (arena
 * memory): events dated in it, decisions that still stand. FZ_INVALID
 * for a bad or reversed period or one longer than STATS_MONTHS_MAX
 * months. */
enum fz_err app_stats_period(struct app_ctx *ctx, const char *from, const char *to,
			     struct stats_table *out, struct fz_error *e) FZ_MUST_CHECK;
/* The annual table of year (1 January .. 31 December): app_stats_period's
 * rows and total, without months (nmonths 0), read from the year cells.
 * FZ_INVALID for a year outside 2000..2100. */
enum fz_err app_stats_annual(struct app_ctx *ctx, int64_t year, struct stats_table *out,
			     struct fz_error *e) FZ_MUST_CHECK;
/* The dashboard: the twelve months to today, plus open and overdue
 * cases now. Only the columns it shows are counted (stats_dashboard_col;
 * the others are 0): a province's region reads half the cells so. */
enum fz_err app_stats_dashboard(struct app_ctx *ctx, struct stats_table *out,
				struct fz_error *e) FZ_MUST_CHECK;

/* The same three counted from the record itself (the events and their
 * fields as corrected, event by event) instead of the summary kept
 * beside it: the reference the summary is tested and benchmarked
 * against (tests/app/stats_summary_test.c, bench/stats_gen.c). Equal
 * figures, by construction and by test; their cost grows with the
 * events of the period. */
enum fz_err app_stats_period_record(struct app_ctx *ctx, const char *from, const char *to,
				    struct stats_table *out, struct fz_error *e) FZ_MUST_CHECK;
enum fz_err app_stats_dashboard_record(struct app_ctx *ctx, struct stats_table *out,
				       struct fz_error *e) FZ_MUST_CHECK;

/* The summary's building in the background (app/stats_summary.c,
 * store_stats.h): the job of the server's scheduler fills it in batches
 * of STATS_SUMMARY_BATCH cases, each its own write transaction, until it
 * is built or the server stops (ctx->stop_asked; the next start goes on
 * where it stopped); *cases how many it filled; a run that filled some
 * is recorded in job_runs as JOB_STATS_SUMMARY. Derived data, not a
 * change to any record: not audited. */
#define JOB_STATS_SUMMARY "stats_summary"
#define STATS_SUMMARY_BATCH 200
enum fz_err app_stats_summary_job(struct app_ctx *ctx, int64_t *cases,
				  struct fz_error *e) FZ_MUST_CHECK;
/* One batch of at most batch cases in its own write transaction (the
 * job's step; tests cut a backfill with it). */
enum fz_err app_stats_summary_fill(struct app_ctx *ctx, int batch, int64_t *cases, bool *built,
				   struct fz_error *e) FZ_MUST_CHECK;
/* `fazhi stats-rebuild`: empties the summary and fills it again from the
 * record, batch by batch (a server may run meanwhile: its statistics
 * are counted from the record until the rebuild ends); audited as
 * stats.rebuild. progress, when not NULL, is called after each batch. */
enum fz_err app_stats_summary_rebuild(struct app_ctx *ctx,
				      void (*progress)(int64_t done, int64_t left, void *arg),
				      void *arg, int64_t *cases, struct fz_error *e) FZ_MUST_CHECK;
/* How far it is, for the system administrator's page of jobs (no case
 * content: permission system.read or case.read). *pct 0..100. */
enum fz_err app_stats_summary_progress(struct app_ctx *ctx, bool *built, int *pct,
				       struct fz_error *e) FZ_MUST_CHECK;
/* The cases filled, in percent: 100 once built, at most 99 before. */
int stats_summary_pct(const struct stats_summary_state *s);

/* Whether the dashboard counts column c: those of its key numbers and
 * trends (处罚决定, 罚款, 没收, 许可申请 and 决定, 检查, 查封扣押, 移送,
 * 复议 and 诉讼). */
bool stats_dashboard_col(int c);
/* Column c's label in t ("罚款 1000 元至不足 10000 元" for a band). */
const char *stats_col_label(const struct stats_table *t, int c);
/* A cell as text: counts as digits, money as yuan ("5000", "12.50"). */
const char *stats_cell(const struct stats_table *t, int c, int64_t v, struct arena *a);

/* The annual table in its fixed layout (docs/STATISTICS.md): as CSV
 * (UTF-8 with BOM, CRLF; cells starting = + - @ neutralised) or as an
 * XLSX workbook written through a temporary file in tmp_dir. */
enum fz_err stats_csv(const struct stats_table *t, struct arena *a, struct buf *out,
		      struct fz_error *e) FZ_MUST_CHECK;
enum fz_err stats_xlsx(const struct stats_table *t, struct arena *a, const char *tmp_dir,
		       struct buf *out, struct fz_error *e) FZ_MUST_CHECK;

/* A plain table (the dashboard's) as CSV or XLSX: head[ncols], then
 * cells[nrows * ncols] row by row. */
struct stats_grid {
	const char *title;
	const char *const *head;
	const char **cells;
	size_t nrows, ncols;
};
enum fz_err stats_grid_csv(const struct stats_grid *g, struct buf *out,
			   struct fz_error *e) FZ_MUST_CHECK;
enum fz_err stats_grid_xlsx(const struct stats_grid *g, const char *tmp_dir, struct buf *out,
			    struct fz_error *e) FZ_MUST_CHECK;

/* The files as people download them (app/stats_export.c): written as fmt
 * (LIST_CSV or LIST_XLSX, else FZ_INVALID) and audited like a list's
 * export - "stats.download" (object stats_annual, id the year) for the
 * annual table, "dashboard.export" (object dashboard; the table: keys, trends,
 * ranking, named in the message) for a dashboard table - with the result, also when writing
 * failed. A year app_stats_annual refuses is its error, not audited. */
enum fz_err app_stats_annual_file(struct app_ctx *ctx, int64_t year, enum list_format fmt,
				  struct buf *out, struct fz_error *e) FZ_MUST_CHECK;
enum fz_err app_stats_grid_file(struct app_ctx *ctx, const char *table, const struct stats_grid *g,
				enum list_format fmt, struct buf *out, struct fz_error *e) FZ_MUST_CHECK;

#endif
