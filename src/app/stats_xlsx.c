/* stats_xlsx.c - the annual statistics and the dashboard's tables as
 * files: CSV and XLSX (through app/xlsxfile.h) in the fixed layout of
 * docs/STATISTICS.md: a title row, the period, a row of block names, a
 * row of column names, one row per agency, the total; then the
 * statistics fazhi does not record yet, and a sheet with each column's
 * definition. */
#include "app/stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/xlsxfile.h"

static void csv_row_end(struct buf *out) { buf_adds(out, "\r\n"); }

static void csv_cell(struct buf *out, size_t k, const char *v)
{
	if (k)
		buf_addc(out, ',');
	buf_csv_field(out, v);
}

enum fz_err stats_csv(const struct stats_table *t, struct arena *a, struct buf *out,
		      struct fz_error *e)
{
	const struct stats_col_def *c = stats_cols();
	size_t nmiss;
	const struct stats_missing *miss = stats_missing_rows(&nmiss);
	buf_adds(out, "\xEF\xBB\xBF");
	csv_cell(out, 0, arena_printf(a, "行政执法统计年报（%s 至 %s）", t->from, t->to));
	csv_row_end(out);
	csv_cell(out, 0, "");
	for (int k = 0; k < ST_NCOLS; k++)
		csv_cell(out, (size_t)k + 1, c[k].block);
	csv_row_end(out);
	csv_cell(out, 0, "执法主体");
	for (int k = 0; k < ST_NCOLS; k++)
		csv_cell(out, (size_t)k + 1, stats_col_label(t, k));
	csv_row_end(out);
	for (size_t i = 0; i <= t->n; i++) {
		const struct stats_row *r = i < t->n ? &t->rows[i] : &t->total;
		csv_cell(out, 0, r->agency);
		for (int k = 0; k < ST_NCOLS; k++)
			csv_cell(out, (size_t)k + 1, stats_cell(t, k, r->v[k], a));
		csv_row_end(out);
	}
	csv_row_end(out);
	for (size_t i = 0; i < nmiss; i++) {
		csv_cell(out, 0, miss[i].block);
		csv_cell(out, 1, miss[i].label);
		csv_cell(out, 2, miss[i].why);
		csv_row_end(out);
	}
	return buf_status(out) ? fz_fail(e, FZ_NOMEM, NULL, NULL) : FZ_OK;
}

enum fz_err stats_grid_csv(const struct stats_grid *g, struct buf *out, struct fz_error *e)
{
	buf_adds(out, "\xEF\xBB\xBF");
	for (size_t k = 0; k < g->ncols; k++)
		csv_cell(out, k, g->head[k]);
	csv_row_end(out);
	for (size_t i = 0; i < g->nrows; i++) {
		for (size_t k = 0; k < g->ncols; k++)
			csv_cell(out, k, g->cells[i * g->ncols + k]);
		csv_row_end(out);
	}
	return buf_status(out) ? fz_fail(e, FZ_NOMEM, NULL, NULL) : FZ_OK;
}

/* A cell's number: counts as they are, money in yuan. */
static double number(int c, int64_t v)
{
	return stats_cols()[c].money ? (double)v / 100.0 : (double)v;
}

enum fz_err stats_xlsx(const struct stats_table *t, struct arena *a, const char *tmp_dir,
		       struct buf *out, struct fz_error *e)
{
	const struct stats_col_def *c = stats_cols();
	size_t nmiss;
	const struct stats_missing *miss = stats_missing_rows(&nmiss);
	struct xlsx_book bk;
	enum fz_err rc = xlsx_book_open(&bk, tmp_dir, "stats", e);
	if (rc)
		return rc;
	lxw_workbook *wb = bk.wb;
	lxw_worksheet *ws = workbook_add_worksheet(wb, "统计表");
	lxw_worksheet *wm = workbook_add_worksheet(wb, "尚未记录");
	lxw_worksheet *wd = workbook_add_worksheet(wb, "说明");
	lxw_format *bold = workbook_add_format(wb);
	lxw_format *money = workbook_add_format(wb);
	if (!ws || !wm || !wd || !bold || !money) {
		return xlsx_book_fail(&bk, e);
	}
	format_set_bold(bold);
	format_set_num_format(money, "0.00");
	worksheet_write_string(ws, 0, 0, arena_printf(a, "行政执法统计年报（%s 至 %s）", t->from, t->to), bold);
	/* row 1: blocks, merged over their columns; row 2: column names */
	worksheet_write_string(ws, 2, 0, "执法主体", bold);
	for (int k = 0; k < ST_NCOLS;) {
		int end = k;
		while (end + 1 < ST_NCOLS && strcmp(c[end + 1].block, c[k].block) == 0)
			end++;
		if (end > k)
			worksheet_merge_range(ws, 1, (lxw_col_t)(k + 1), 1, (lxw_col_t)(end + 1),
					      c[k].block, bold);
		else
			worksheet_write_string(ws, 1, (lxw_col_t)(k + 1), c[k].block, bold);
		k = end + 1;
	}
	for (int k = 0; k < ST_NCOLS; k++)
		worksheet_write_string(ws, 2, (lxw_col_t)(k + 1), stats_col_label(t, k), bold);
	for (size_t i = 0; i <= t->n; i++) {
		const struct stats_row *r = i < t->n ? &t->rows[i] : &t->total;
		lxw_row_t row = (lxw_row_t)(3 + i);
		worksheet_write_string(ws, row, 0, r->agency ? r->agency : "", i < t->n ? NULL : bold);
		for (int k = 0; k < ST_NCOLS; k++)
			worksheet_write_number(ws, row, (lxw_col_t)(k + 1), number(k, r->v[k]),
					       c[k].money ? money : NULL);
	}
	worksheet_set_column(ws, 0, 0, 28, NULL);
	worksheet_freeze_panes(ws, 3, 1);
	worksheet_write_string(wm, 0, 0, "类别", bold);
	worksheet_write_string(wm, 0, 1, "统计事项", bold);
	worksheet_write_string(wm, 0, 2, "说明", bold);
	for (size_t i = 0; i < nmiss; i++) {
		worksheet_write_string(wm, (lxw_row_t)(i + 1), 0, miss[i].block, NULL);
		worksheet_write_string(wm, (lxw_row_t)(i + 1), 1, miss[i].label, NULL);
		worksheet_write_string(wm, (lxw_row_t)(i + 1), 2, miss[i].why, NULL);
	}
	worksheet_write_string(wd, 0, 0, "类别", bold);
	worksheet_write_string(wd, 0, 1, "统计项", bold);
	worksheet_write_string(wd, 0, 2, "统计口径", bold);
	for (int k = 0; k < ST_NCOLS; k++) {
		worksheet_write_string(wd, (lxw_row_t)(k + 1), 0, c[k].block, NULL);
		worksheet_write_string(wd, (lxw_row_t)(k + 1), 1, stats_col_label(t, k), NULL);
		if (*c[k].definition)
			worksheet_write_string(wd, (lxw_row_t)(k + 1), 2, c[k].definition, NULL);
	}
	return xlsx_book_close(&bk, out, e);
}

enum fz_err stats_grid_xlsx(const struct stats_grid *g, const char *tmp_dir, struct buf *out,
			    struct fz_error *e)
{
	struct xlsx_book bk;
	enum fz_err rc = xlsx_book_open(&bk, tmp_dir, "stats", e);
	if (rc)
		return rc;
	lxw_workbook *wb = bk.wb;
	lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
	if (!ws) {
		return xlsx_book_fail(&bk, e);
	}
	for (size_t k = 0; k < g->ncols; k++)
		worksheet_write_string(ws, 0, (lxw_col_t)k, g->head[k], NULL);
	for (size_t i = 0; i < g->nrows; i++)
		for (size_t k = 0; k < g->ncols; k++) {
			const char *v = g->cells[i * g->ncols + k];
			char *end = NULL;
			double d = v && *v ? strtod(v, &end) : 0;
			/* numbers as numbers, so that they add up in a spreadsheet */
			if (v && *v && end && !*end && k > 0)
				worksheet_write_number(ws, (lxw_row_t)(i + 1), (lxw_col_t)k, d, NULL);
			else if (v && *v)
				worksheet_write_string(ws, (lxw_row_t)(i + 1), (lxw_col_t)k, v, NULL);
		}
	return xlsx_book_close(&bk, out, e);
}
