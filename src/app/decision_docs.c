/* decision_docs.c - the decision catalogue as a PDF (docgen) and as an
 * XLSX workbook (through app/xlsxfile.h), from what app_dcat_view
 * reads. */
#include "app/decision_docs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/decision.h"
#include "app/xlsxfile.h"
#include "docgen/docgen.h"

static const char *str(const char *s)
{
	return s ? s : "";
}

static const char *category(const char *id)
{
	const char *l = dcat_category_label(id);
	return l ? l : str(id);
}

/* The title of the item an entry names. */
static const char *item_title(const struct dcat_view *v, int64_t item_id)
{
	for (size_t k = 0; k < v->nitems; k++)
		if (v->items[k].id == item_id)
			return str(v->items[k].title);
	return "";
}

enum fz_err app_dcat_pdf(struct app_ctx *ctx, int64_t id, bool public, struct buf *out,
			 int *year, struct fz_error *e)
{
	struct dcat_view v;
	struct doc_model m;
	int pages;
	enum fz_err rc = app_dcat_view(ctx, id, public, &v, e);
	if (rc)
		return rc;
	*year = v.cat.year;
	if (!v.cat.approved_on[0])
		return fz_fail(e, FZ_CONFLICT, "id",
			       "该决策事项目录尚未批准，不能生成目录文书；记录批准后方可下载 PDF");
	struct docgen_dcat_item *items = arena_calloc(ctx->a, v.nitems + 1, sizeof *items);
	if (!items)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	for (size_t i = 0; i < v.nitems; i++) {
		const struct dcat_item *it = &v.items[i];
		items[i] = (struct docgen_dcat_item){
			.number = it->id,
			.title = str(it->title),
			.category = category(it->category),
			.unit = str(it->unit),
			.added_on = str(it->added_on),
			.adjustment = it->adjustment,
			.reason = str(it->reason),
			.removed_on = str(it->removed_on),
			.removed_reason = str(it->removed_reason),
		};
	}
	/* the adjustments in the order recorded: entries after the approval */
	struct docgen_dcat_change *changes = arena_calloc(ctx->a, v.nentries + 1, sizeof *changes);
	size_t nchanges = 0;
	if (!changes)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	for (size_t i = 0; i < v.nentries; i++) {
		const struct decision_catalogue_entry *en = &v.entries[i];
		if (!en->adjustment || strcmp(en->action, DCAT_APPROVE) == 0)
			continue;
		bool removal = strcmp(en->action, DCAT_REMOVE) == 0;
		changes[nchanges++] = (struct docgen_dcat_change){
			.on = en->on,
			.removal = removal,
			.title = removal ? item_title(&v, en->item_id) : str(en->title),
			.reason = str(en->reason),
		};
	}
	struct docgen_dcat in = {
		.agency = str(v.cat.agency_name),
		.title = str(v.cat.title),
		.year = v.cat.year,
		.approved_by = str(v.approved_by),
		.approved_on = v.cat.approved_on,
		.note = str(v.approval_note),
		/* dated by the approval, so that the same record draws the
		 * same bytes */
		.created = arena_printf(ctx->a, "%sT00:00:00+08:00", v.cat.approved_on),
		.items = items,
		.nitems = v.nitems,
		.changes = changes,
		.nchanges = nchanges,
	};
	if (!in.created)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	if ((rc = docgen_compose_dcat(&in, ctx->a, &m, e)))
		return rc;
	return docgen_pdf(&m, out, &pages, e);
}

static void number(lxw_worksheet *ws, size_t row, int col, int64_t n)
{
	worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, (double)n, NULL);
}

static const char *entry_action(const struct decision_catalogue_entry *en)
{
	if (strcmp(en->action, DCAT_APPROVE) == 0)
		return "批准";
	if (strcmp(en->action, DCAT_REMOVE) == 0)
		return en->adjustment ? "调整调出" : "调出";
	return en->adjustment ? "调整列入" : "列入";
}

enum fz_err app_dcat_xlsx(struct app_ctx *ctx, int64_t id, bool public, struct buf *out,
			  int *year, struct fz_error *e)
{
	static const char *const item_cols[] = { "序号", "决策事项", "类别", "承办单位",
						 "列入日期", "列入方式", "调整理由", "调出日期",
						 "调出理由", "状态" };
	static const char *const entry_cols[] = { "日期", "事项", "决策事项", "类别",
						  "承办单位或批准机关", "理由或说明", "记录人" };
	struct dcat_view v;
	enum fz_err rc = app_dcat_view(ctx, id, public, &v, e);
	if (rc)
		return rc;
	*year = v.cat.year;
	struct xlsx_book bk;
	if ((rc = xlsx_book_open(&bk, ctx->cfg->data_dir, "dcat", e)))
		return rc;
	lxw_worksheet *ws = workbook_add_worksheet(bk.wb, "决策事项目录");
	lxw_worksheet *log = workbook_add_worksheet(bk.wb, "编制和调整记录");
	if (!ws || !log)
		return xlsx_book_fail(&bk, e);
	xlsx_str(ws, 0, 0, str(v.cat.title));
	xlsx_str(ws, 1, 0, v.cat.approved_on[0] ? "批准机关" : "状态");
	xlsx_str(ws, 1, 1, v.cat.approved_on[0] ? str(v.approved_by) : "编制中，尚未批准");
	xlsx_str(ws, 1, 2, v.cat.approved_on[0] ? "批准日期" : "");
	xlsx_str(ws, 1, 3, v.cat.approved_on);
	for (int k = 0; k < 10; k++)
		xlsx_str(ws, 3, k, item_cols[k]);
	for (size_t i = 0; i < v.nitems; i++) {
		const struct dcat_item *it = &v.items[i];
		size_t r = i + 4;
		number(ws, r, 0, it->id);
		xlsx_str(ws, r, 1, it->title);
		xlsx_str(ws, r, 2, category(it->category));
		xlsx_str(ws, r, 3, it->unit);
		xlsx_str(ws, r, 4, it->added_on);
		xlsx_str(ws, r, 5, it->adjustment ? "目录调整" : "编制列入");
		xlsx_str(ws, r, 6, it->reason);
		xlsx_str(ws, r, 7, it->removed_on);
		xlsx_str(ws, r, 8, it->removed_reason);
		xlsx_str(ws, r, 9, it->removed_on && *it->removed_on ? "已调出" : "在目录中");
	}
	for (int k = 0; k < 7; k++)
		xlsx_str(log, 0, k, entry_cols[k]);
	for (size_t i = 0; i < v.nentries; i++) {
		const struct decision_catalogue_entry *en = &v.entries[i];
		size_t r = i + 1;
		xlsx_str(log, r, 0, en->on);
		xlsx_str(log, r, 1, entry_action(en));
		xlsx_str(log, r, 2, en->title && *en->title ? en->title : item_title(&v, en->item_id));
		xlsx_str(log, r, 3, en->category && *en->category ? category(en->category) : "");
		xlsx_str(log, r, 4, en->unit);
		xlsx_str(log, r, 5, en->reason);
		xlsx_str(log, r, 6, en->actor_name && *en->actor_name ? en->actor_name : en->actor);
	}
	return xlsx_book_close(&bk, out, e);
}
