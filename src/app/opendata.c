/* opendata.c - the published decisions as downloads: one column list
 * for CSV and XLSX (XLSX through app/xlsxfile.h), rows read a
 * page at a time from the same filter the portal lists with. */
#include "app/opendata.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/publication.h"
#include "app/xlsxfile.h"

const char *const opendata_columns[] = {
	"编号", "标题", "执法主体", "类别", "文号", "决定日期", "公示日期", "按时公示",
	"状态", "撤下日期", "撤下理由", "撤下依据", "正文",
};

size_t opendata_ncolumns(void) { return sizeof opendata_columns / sizeof opendata_columns[0]; }

static const char *kind_label(const char *kind)
{
	if (strcmp(kind, "penalty") == 0)
		return "行政处罚";
	if (strcmp(kind, "permit") == 0)
		return "行政许可";
	if (strcmp(kind, "inspection") == 0)
		return "行政检查";
	if (strcmp(kind, "coercion") == 0)
		return "行政强制";
	return kind;
}

const char *opendata_value(const struct publication *p, size_t k, struct arena *a)
{
	bool withdrawn = p->status == PUB_WITHDRAWN;
	switch (k) {
	case 0: return arena_printf(a, "%lld", (long long)p->id);
	case 1: return p->title;
	case 2: return p->agency;
	case 3: return kind_label(p->kind);
	case 4: return p->number;
	case 5: return p->decided_on;
	case 6: return p->published_on;
	case 7: return p->late ? "否" : "是";
	case 8: return pub_status_label(p->status == PUB_WITHDRAWING ? PUB_LIVE : p->status);
	case 9: return withdrawn ? p->withdrawn_on : "";
	case 10: return withdrawn ? p->withdraw_reason : "";
	case 11: return withdrawn ? p->withdraw_basis : "";
	case 12: return withdrawn ? "" : p->text;
	}
	return "";
}

enum fz_err app_opendata_collect(struct app_ctx *ctx, const struct publication_filter *f,
				 struct publication_list *out, struct fz_error *e)
{
	struct publication_filter pf = *f;
	pf.public_only = true;
	pf.newest_first = false;
	memset(out, 0, sizeof *out);
	for (int64_t off = 0;; off += 200) {
		struct publication_list l;
		struct page pg = { .offset = off, .limit = 200 };
		enum fz_err rc = app_publication_list(ctx, &pf, true, pg, &l, e);
		if (rc)
			return rc;
		if (l.total > OPENDATA_MAX)
			return fz_fail(e, FZ_TOOLARGE, "to",
				       "一次最多下载 %d 条，请缩小时间范围或选择执法主体",
				       OPENDATA_MAX);
		if (!out->items) {
			out->items = arena_calloc(ctx->a, (size_t)l.total + 1, sizeof *out->items);
			out->total = l.total;
			if (!out->items)
				return fz_fail(e, FZ_NOMEM, NULL, NULL);
		}
		for (size_t i = 0; i < l.n && out->n < (size_t)out->total; i++)
			out->items[out->n++] = l.items[i];
		if (l.n < 200)
			return FZ_OK;
	}
}

enum fz_err opendata_csv(const struct publication_list *l, struct arena *a, struct buf *out,
			 struct fz_error *e)
{
	buf_adds(out, "\xEF\xBB\xBF");
	for (size_t k = 0; k < opendata_ncolumns(); k++) {
		if (k)
			buf_addc(out, ',');
		buf_csv_field(out, opendata_columns[k]);
	}
	buf_adds(out, "\r\n");
	for (size_t i = 0; i < l->n; i++) {
		for (size_t k = 0; k < opendata_ncolumns(); k++) {
			if (k)
				buf_addc(out, ',');
			buf_csv_field(out, opendata_value(&l->items[i], k, a));
		}
		buf_adds(out, "\r\n");
	}
	return buf_status(out) ? fz_fail(e, FZ_NOMEM, NULL, NULL) : FZ_OK;
}

enum fz_err opendata_xlsx(const struct publication_list *l, struct arena *a,
			  const char *tmp_dir, struct buf *out, struct fz_error *e)
{
	struct xlsx_book bk;
	enum fz_err rc = xlsx_book_open(&bk, tmp_dir, "opendata", e);
	if (rc)
		return rc;
	lxw_worksheet *ws = workbook_add_worksheet(bk.wb, "公示的执法决定");
	if (!ws)
		return xlsx_book_fail(&bk, e);
	for (size_t k = 0; k < opendata_ncolumns(); k++)
		worksheet_write_string(ws, 0, (lxw_col_t)k, opendata_columns[k], NULL);
	for (size_t i = 0; i < l->n; i++)
		for (size_t k = 0; k < opendata_ncolumns(); k++) {
			const char *v = opendata_value(&l->items[i], k, a);
			/* one cell holds at most 32767 characters (Excel) */
			if (v && strlen(v) > 32000)
				v = "（正文过长，请在公示页面查看）";
			if (v && *v)
				worksheet_write_string(ws, (lxw_row_t)(i + 1), (lxw_col_t)k, v, NULL);
		}
	return xlsx_book_close(&bk, out, e);
}
