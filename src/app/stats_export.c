/* stats_export.c - the statistics leaving the system as files: the
 * annual table and the dashboard's tables, written as CSV or XLSX and
 * audited each time (like a list's export, app/listexport.c), since a
 * file carries the division's figures beyond the page's reach. */
#include "app/stats.h"

#include "app/audit.h"

static void audit_file(struct app_ctx *ctx, const char *action, const char *object,
		       int64_t id, enum fz_err rc, const char *what, enum list_format fmt)
{
	const char *msg = arena_printf(ctx->a, "%s，%s", what, fmt == LIST_CSV ? "CSV" : "XLSX");
	(void)app_audit_now(ctx, action, object, id, rc ? "failed" : "ok", msg ? msg : "");
}

enum fz_err app_stats_annual_file(struct app_ctx *ctx, int64_t year, enum list_format fmt,
				  struct buf *out, struct fz_error *e)
{
	struct stats_table t;
	enum fz_err rc;
	if (fmt != LIST_CSV && fmt != LIST_XLSX)
		return fz_fail(e, FZ_INVALID, "format", "导出格式应为 XLSX 或 CSV");
	if ((rc = app_stats_annual(ctx, year, &t, e)))
		return rc; /* refused before anything was written: app_stats_annual's own word */
	if (fmt == LIST_CSV)
		rc = stats_csv(&t, ctx->a, out, e);
	else
		rc = stats_xlsx(&t, ctx->a, ctx->cfg ? ctx->cfg->data_dir : NULL, out, e);
	const char *what = arena_printf(ctx->a, "%lld 年执法统计年报", (long long)year);
	audit_file(ctx, "stats.download", "stats_annual", year, rc, what ? what : "", fmt);
	return rc;
}

enum fz_err app_stats_grid_file(struct app_ctx *ctx, const char *table, const struct stats_grid *g,
				enum list_format fmt, struct buf *out, struct fz_error *e)
{
	enum fz_err rc;
	if (fmt == LIST_CSV)
		rc = stats_grid_csv(g, out, e);
	else if (fmt == LIST_XLSX)
		rc = stats_grid_xlsx(g, ctx->cfg ? ctx->cfg->data_dir : NULL, out, e);
	else
		return fz_fail(e, FZ_INVALID, "format", "导出格式应为 XLSX 或 CSV");
	const char *what = arena_printf(ctx->a, "驾驶舱“%s”（%s），%zu 行",
					g->title ? g->title : table, table, g->nrows);
	audit_file(ctx, "dashboard.export", "dashboard", 0, rc, what ? what : "", fmt);
	return rc;
}
