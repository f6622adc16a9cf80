/* listexport.c - the lists' CSV and XLSX files (see listexport.h).
 * libxlsxwriter writes to a file, so the workbook goes through a
 * temporary file in the data directory and is read back into out. */
#include "app/listexport.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/xlsxfile.h"

const char *list_export_too_long(struct arena *a, int64_t total)
{
	const char *m = arena_printf(a,
				     "符合条件的记录有 %lld 条，超过一次导出的上限 %d 条。"
				     "请增加筛选条件（如执法主体、状态或日期）后再导出。",
				     (long long)total, LIST_EXPORT_MAX);
	return m ? m : "符合条件的记录过多，请增加筛选条件后再导出。";
}

static const char *cell(const struct list_grid *g, size_t i, size_t k)
{
	const char *v = g->cells[i * g->ncols + k];
	return v ? v : "";
}

static void grid_csv(const struct list_grid *g, struct buf *out)
{
	buf_adds(out, "\xEF\xBB\xBF"); /* the BOM: spreadsheets then read UTF-8 */
	for (size_t k = 0; k < g->ncols; k++) {
		if (k)
			buf_addc(out, ',');
		buf_csv_field(out, g->head[k]);
	}
	buf_adds(out, "\r\n");
	for (size_t i = 0; i < g->nrows; i++) {
		for (size_t k = 0; k < g->ncols; k++) {
			if (k)
				buf_addc(out, ',');
			buf_csv_field(out, cell(g, i, k));
		}
		buf_adds(out, "\r\n");
	}
}

static enum fz_err grid_xlsx(const struct list_grid *g, const char *tmp_dir, struct buf *out,
			     struct fz_error *e)
{
	struct xlsx_book bk;
	enum fz_err rc = xlsx_book_open(&bk, tmp_dir, "list", e);
	if (rc)
		return rc;
	lxw_worksheet *ws = workbook_add_worksheet(bk.wb, NULL);
	lxw_format *bold = workbook_add_format(bk.wb);
	if (!ws || !bold)
		return xlsx_book_fail(&bk, e);
	format_set_bold(bold);
	for (size_t k = 0; k < g->ncols; k++)
		worksheet_write_string(ws, 0, (lxw_col_t)k, g->head[k], bold);
	/* strings, never formulas or numbers: a value is shown as it was
	 * recorded (a certificate number keeps its leading zeros) */
	for (size_t i = 0; i < g->nrows; i++)
		for (size_t k = 0; k < g->ncols; k++)
			if (*cell(g, i, k))
				worksheet_write_string(ws, (lxw_row_t)(i + 1), (lxw_col_t)k,
						       cell(g, i, k), NULL);
	worksheet_freeze_panes(ws, 1, 0);
	return xlsx_book_close(&bk, out, e);
}

enum fz_err app_list_export(struct app_ctx *ctx, const char *list, const char *query,
			    const struct list_grid *g, enum list_format fmt, struct buf *out,
			    struct fz_error *e)
{
	enum fz_err rc;
	if (g->nrows > LIST_EXPORT_MAX)
		return fz_fail(e, FZ_INVALID, "export", "%s",
			       list_export_too_long(ctx->a, (int64_t)g->nrows));
	if (fmt == LIST_CSV) {
		grid_csv(g, out);
		rc = FZ_OK;
	} else if (fmt == LIST_XLSX) {
		rc = grid_xlsx(g, ctx->cfg ? ctx->cfg->data_dir : NULL, out, e);
	} else {
		return fz_fail(e, FZ_INVALID, "export", "导出格式应为 CSV 或 XLSX");
	}
	if (!rc && buf_status(out))
		rc = fz_fail(e, buf_status(out), NULL, "导出内容过大，请增加筛选条件后再导出");
	/* the filters, cut at a character boundary to keep the record short */
	size_t qn = query ? strlen(query) : 0;
	if (qn > 300) {
		qn = 300;
		while (qn > 0 && ((unsigned char)query[qn] & 0xC0) == 0x80)
			qn--;
	}
	const char *msg = arena_printf(ctx->a, "%zu 行，%s%s%.*s", g->nrows,
				       fmt == LIST_CSV ? "CSV" : "XLSX", qn ? "，筛选：" : "",
				       (int)qn, query ? query : "");
	(void)app_audit_now(ctx, "list.export", list, 0, rc ? "failed" : "ok",
			    msg ? msg : "");
	return rc;
}
