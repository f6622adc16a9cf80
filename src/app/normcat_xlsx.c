/* normcat_xlsx.c - the catalogues of normative documents as XLSX
 * (a workbook through app/xlsxfile.h): one sheet,
 * the columns of the catalogue asked for. */
#include "app/normcat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/xlsxfile.h"

enum fz_err app_normcat_xlsx(struct app_ctx *ctx, enum normcat_view view,
			     const struct normdoc_list *l, struct buf *out, struct fz_error *e)
{
	static const char *const cat_cols[] = { "文件名称", "文号", "制定机关", "公布日期",
						"施行日期", "有效期至", "状态" };
	static const char *const plan_cols[] = { "年度", "起草单位", "文件名称", "列入计划",
						 "计划项目或未列入计划的理由", "进展", "状态" };
	bool plan = view == NORMCAT_PLAN;
	const char *const *cols = plan ? plan_cols : cat_cols;
	struct xlsx_book bk;
	enum fz_err rc = xlsx_book_open(&bk, ctx->cfg->data_dir, "normcat", e);
	if (rc)
		return rc;
	lxw_worksheet *ws = workbook_add_worksheet(bk.wb, plan			      ? "制定计划目录"
							  : view == NORMCAT_IN_FORCE ? "现行有效目录"
										     : "已公布的文件");
	if (!ws)
		return xlsx_book_fail(&bk, e);
	for (int k = 0; k < 7; k++)
		xlsx_str(ws, 0, k, cols[k]);
	for (size_t i = 0; i < l->n; i++) {
		const struct normdoc *d = &l->items[i];
		size_t r = i + 1;
		if (plan) {
			char year[8];
			snprintf(year, sizeof year, "%d", d->plan_year);
			xlsx_str(ws, r, 0, year);
			xlsx_str(ws, r, 1, d->agency);
			xlsx_str(ws, r, 2, d->title);
			xlsx_str(ws, r, 3, d->in_plan ? "是" : "否");
			xlsx_str(ws, r, 4, d->in_plan ? d->plan_ref : d->plan_reason);
			xlsx_str(ws, r, 5, d->stage);
		} else {
			xlsx_str(ws, r, 0, d->title);
			xlsx_str(ws, r, 1, d->number);
			xlsx_str(ws, r, 2, d->agency);
			xlsx_str(ws, r, 3, d->published_on);
			xlsx_str(ws, r, 4, d->effective_on);
			xlsx_str(ws, r, 5, d->valid_until);
		}
		xlsx_str(ws, r, 6, normdoc_state_label(d->state));
	}
	return xlsx_book_close(&bk, out, e);
}
