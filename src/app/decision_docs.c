/* decision_docs.c - the decision catalogue as a PDF (docgen) and as an
 * XLSX workbook (libxlsxwriter stays inside this file, as in
 * normcat_xlsx.c), from what app_dcat_view reads. */
#include "app/decision_docs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "app/decision.h"
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
	char path[4096];
	const char *dir = ctx->cfg->data_dir;
	snprintf(path, sizeof path, "%s/dcat-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0)
		return fz_fail(e, FZ_IO, NULL, "无法创建临时文件");
	close(fd);
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = wb ? workbook_add_worksheet(wb, "决策事项目录") : NULL;
	lxw_worksheet *log = wb ? workbook_add_worksheet(wb, "编制和调整记录") : NULL;
	if (!ws || !log) {
		rc = fz_fail(e, FZ_IO, NULL, "无法生成表格");
		if (wb)
			workbook_close(wb);
		goto out;
	}
	cell(ws, 0, 0, str(v.cat.title));
	cell(ws, 1, 0, v.cat.approved_on[0] ? "批准机关" : "状态");
	cell(ws, 1, 1, v.cat.approved_on[0] ? str(v.approved_by) : "编制中，尚未批准");
	cell(ws, 1, 2, v.cat.approved_on[0] ? "批准日期" : "");
	cell(ws, 1, 3, v.cat.approved_on);
	for (int k = 0; k < 10; k++)
		cell(ws, 3, k, item_cols[k]);
	for (size_t i = 0; i < v.nitems; i++) {
		const struct dcat_item *it = &v.items[i];
		size_t r = i + 4;
		number(ws, r, 0, it->id);
		cell(ws, r, 1, it->title);
		cell(ws, r, 2, category(it->category));
		cell(ws, r, 3, it->unit);
		cell(ws, r, 4, it->added_on);
		cell(ws, r, 5, it->adjustment ? "目录调整" : "编制列入");
		cell(ws, r, 6, it->reason);
		cell(ws, r, 7, it->removed_on);
		cell(ws, r, 8, it->removed_reason);
		cell(ws, r, 9, it->removed_on && *it->removed_on ? "已调出" : "在目录中");
	}
	for (int k = 0; k < 7; k++)
		cell(log, 0, k, entry_cols[k]);
	for (size_t i = 0; i < v.nentries; i++) {
		const struct decision_catalogue_entry *en = &v.entries[i];
		size_t r = i + 1;
		cell(log, r, 0, en->on);
		cell(log, r, 1, entry_action(en));
		cell(log, r, 2, en->title && *en->title ? en->title : item_title(&v, en->item_id));
		cell(log, r, 3, en->category && *en->category ? category(en->category) : "");
		cell(log, r, 4, en->unit);
		cell(log, r, 5, en->reason);
		cell(log, r, 6, en->actor);
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
