/* normcat_xlsx.c - the catalogues of normative documents as XLSX
 * (libxlsxwriter stays inside this file, as in opendata.c): one sheet,
 * the columns of the catalogue asked for. */
#include "app/normcat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

static enum fz_err slurp(const char *path, struct buf *out, struct fz_error *e)
{
	FILE *f = fopen(path, "rb");
	char chunk[8192];
	size_t n;
	if (!f)
		return fz_fail(e, FZ_IO, NULL, "无法读取生成的表格文件");
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(out, chunk, n);
	bool bad = ferror(f);
	fclose(f);
	if (bad)
		return fz_fail(e, FZ_IO, NULL, "无法读取生成的表格文件");
	return buf_status(out) ? fz_fail(e, FZ_NOMEM, NULL, NULL) : FZ_OK;
}

static void cell(lxw_worksheet *ws, size_t row, int col, const char *v)
{
	if (v && *v)
		worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, v, NULL);
}

enum fz_err app_normcat_xlsx(struct app_ctx *ctx, enum normcat_view view,
			     const struct normdoc_list *l, struct buf *out, struct fz_error *e)
{
	static const char *const cat_cols[] = { "文件名称", "文号", "制定机关", "公布日期",
						"施行日期", "有效期至", "状态" };
	static const char *const plan_cols[] = { "年度", "起草单位", "文件名称", "列入计划",
						 "计划项目或未列入计划的理由", "进展", "状态" };
	bool plan = view == NORMCAT_PLAN;
	const char *const *cols = plan ? plan_cols : cat_cols;
	char path[4096];
	const char *dir = ctx->cfg->data_dir;
	snprintf(path, sizeof path, "%s/normcat-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0)
		return fz_fail(e, FZ_IO, NULL, "无法创建临时文件");
	close(fd);
	enum fz_err rc = FZ_OK;
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = wb ? workbook_add_worksheet(wb, plan ? "制定计划目录"
							   : view == NORMCAT_IN_FORCE ? "现行有效目录"
										      : "已公布的文件")
			       : NULL;
	if (!ws) {
		rc = fz_fail(e, FZ_IO, NULL, "无法生成表格");
		if (wb)
			workbook_close(wb);
		goto out;
	}
	for (int k = 0; k < 7; k++)
		cell(ws, 0, k, cols[k]);
	for (size_t i = 0; i < l->n; i++) {
		const struct normdoc *d = &l->items[i];
		size_t r = i + 1;
		if (plan) {
			char year[8];
			snprintf(year, sizeof year, "%d", d->plan_year);
			cell(ws, r, 0, year);
			cell(ws, r, 1, d->agency);
			cell(ws, r, 2, d->title);
			cell(ws, r, 3, d->in_plan ? "是" : "否");
			cell(ws, r, 4, d->in_plan ? d->plan_ref : d->plan_reason);
			cell(ws, r, 5, d->stage);
		} else {
			cell(ws, r, 0, d->title);
			cell(ws, r, 1, d->number);
			cell(ws, r, 2, d->agency);
			cell(ws, r, 3, d->published_on);
			cell(ws, r, 4, d->effective_on);
			cell(ws, r, 5, d->valid_until);
		}
		cell(ws, r, 6, normdoc_state_label(d->state));
	}
	if (workbook_close(wb) != LXW_NO_ERROR) {
		rc = fz_fail(e, FZ_IO, NULL, "无法生成表格");
		goto out;
	}
	rc = slurp(path, out, e);
out:
	unlink(path);
	return rc;
}
