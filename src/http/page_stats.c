/* page_stats.c - the annual enforcement statistics (行政执法统计年报):
 * GET /stats/annual?year= (the fixed layout, one table per block, then
 * what fazhi does not record yet), GET /stats/annual.xlsx and .csv (the
 * same table as a file), GET /api/v1/stats/annual (JSON). The figures
 * are app/stats.c's, counted from the record in the viewer's scope. */
#include <stdio.h>
#include <string.h>

#include "app/export_job.h"
#include "app/stats.h"
#include "base/num.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/jsonout_case.h"
#include "http/jsonout_org.h"
#include "http/layout.h"
#include "http/pagekit.h"
#include "http/resp.h"

/* The year from ?year= (default: last year, the one reported on);
 * false with e filled when it is not a year. */
static bool year_of(struct req *r, int64_t *year, struct fz_error *e)
{
	const char *y = kit_query(r, "year");
	if (!*y) {
		char now[5];
		int64_t y0 = 2001;
		memcpy(now, r->ctx.today, 4);
		now[4] = '\0';
		(void)num_parse_i64(now, 2001, 2101, &y0);
		*year = y0 - 1;
		return true;
	}
	if (!num_parse_i64(y, 2000, 2100, year)) {
		fz_fail(e, FZ_INVALID, "year", "年度应为 2000 至 2100 之间的四位数字");
		return false;
	}
	return true;
}

static void year_form(struct buf *b, int64_t year)
{
	char y[8];
	snprintf(y, sizeof y, "%lld", (long long)year);
	kit_filter_begin(b, "/stats/annual");
	kit_input(b, "number", "year", "年度", y, NULL, NULL);
	kit_filter_end(b, "/stats/annual");
}

/* One block's table: agencies down, the block's columns across. */
static void block(struct req *r, struct buf *b, const struct stats_table *t, int first,
		  int last)
{
	const struct stats_col_def *c = stats_cols();
	/* a region that may scroll sideways is reachable by keyboard */
	html_f(b, "<h2>%s</h2>\n<div class=\"scroll\" tabindex=\"0\" role=\"region\" "
		  "aria-label=\"%s\"><table class=\"list stats\"><thead><tr>"
		  "<th scope=\"col\">执法主体</th>",
	       c[first].block, c[first].block);
	for (int k = first; k <= last; k++)
		html_f(b, "<th scope=\"col\">%s</th>", stats_col_label(t, k));
	html_raw(b, "</tr></thead><tbody>\n");
	for (size_t i = 0; i <= t->n; i++) {
		const struct stats_row *row = i < t->n ? &t->rows[i] : &t->total;
		html_raw(b, i < t->n ? "<tr>" : "<tr class=\"total\">");
		html_f(b, "<th scope=\"row\" data-label=\"执法主体\">%s</th>", row->agency);
		for (int k = first; k <= last; k++)
			html_f(b, "<td data-label=\"%s\" data-col=\"%d\">%s</td>", stats_col_label(t, k), k,
			       stats_cell(t, k, row->v[k], r->ctx.a));
		html_raw(b, "</tr>\n");
	}
	html_raw(b, "</tbody></table></div>\n");
}

int page_stats_annual(struct req *r)
{
	struct buf b = BUF_INIT;
	struct fz_error e = { 0 };
	struct stats_table t;
	int64_t year = 0;
	enum fz_err rc = year_of(r, &year, &e) ? app_stats_annual(&r->ctx, year, &t, &e) : FZ_INVALID;
	page_begin(r, &b, "行政执法统计年报");
	html_raw(&b, "<p class=\"lead\">各项数字由系统根据办案记录统计，不需填报；"
		     "统计口径见每张表下方的说明和表格文件的“说明”页。</p>\n");
	year_form(&b, year);
	if (rc) {
		kit_form_error(&b, rc, &e);
		page_end(r, &b);
		return resp_html(r, rc == FZ_INVALID ? 400 : rc == FZ_FORBIDDEN ? 403 : 500, &b);
	}
	if (t.summary_building)
		html_f(&b, "<p class=\"flash info\" role=\"status\">统计汇总正在建立（已完成 %d%%），"
			   "数字按原始记录计算，可能较慢。</p>\n", t.summary_pct);
	html_f(&b, "<p>统计期间：%s 至 %s。下载：<a href=\"/stats/annual.xlsx?year=%lld\">表格（XLSX）</a>"
		   "　<a href=\"/stats/annual.csv?year=%lld\">CSV</a></p>\n",
	       t.from, t.to, (long long)year, (long long)year);
	/* for a province's data: the same table made in the background */
	html_raw(&b, "<form method=\"post\" action=\"/stats/annual/export\" class=\"inline\">");
	page_csrf_field(r, &b);
	html_f(&b, "<input type=\"hidden\" name=\"year\" value=\"%lld\">"
		   "<button type=\"submit\">在后台生成表格（数据量大时使用，可先做其他事）</button></form>\n",
	       (long long)year);
	const struct stats_col_def *c = stats_cols();
	for (int k = 0; k < ST_NCOLS;) {
		int end = k;
		while (end + 1 < ST_NCOLS && strcmp(c[end + 1].block, c[k].block) == 0)
			end++;
		block(r, &b, &t, k, end);
		html_raw(&b, "<ul class=\"hint\">");
		for (int i = k; i <= end; i++)
			if (*c[i].definition)
				html_f(&b, "<li>%s：%s</li>", stats_col_label(&t, i), c[i].definition);
		html_raw(&b, "</ul>\n");
		k = end + 1;
	}
	size_t nmiss;
	const struct stats_missing *miss = stats_missing_rows(&nmiss);
	html_raw(&b, "<h2>尚未记录的统计事项</h2>\n<table class=\"list\"><thead><tr><th>类别</th>"
		     "<th>统计事项</th><th>说明</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < nmiss; i++)
		html_f(&b, "<tr><td data-label=\"类别\">%s</td><td data-label=\"统计事项\">%s</td>"
			   "<td data-label=\"说明\">%s</td></tr>\n",
		       miss[i].block, miss[i].label, miss[i].why);
	html_raw(&b, "</tbody></table>\n");
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

static int download(struct req *r, const char *ext)
{
	struct fz_error e = { 0 };
	struct buf out = BUF_INIT;
	int64_t year = 0;
	enum fz_err rc;
	if (!year_of(r, &year, &e))
		return resp_fail(r, FZ_INVALID, &e);
	rc = app_stats_annual_file(&r->ctx, year, strcmp(ext, "csv") == 0 ? LIST_CSV : LIST_XLSX,
				   &out, &e);
	if (rc) {
		buf_release(&out);
		return resp_fail(r, rc, &e);
	}
	char name[96];
	snprintf(name, sizeof name, "attachment; filename=\"enforcement-statistics-%lld.%s\"",
		 (long long)year, ext);
	resp_header(r, "Content-Disposition", name);
	return resp_bytes(r, 200,
			  strcmp(ext, "csv") == 0
				  ? "text/csv; charset=utf-8"
				  : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
			  &out);
}

int page_stats_annual_xlsx(struct req *r) { return download(r, "xlsx"); }
int page_stats_annual_csv(struct req *r) { return download(r, "csv"); }

static json_t *json_row(const struct stats_table *t, const struct stats_row *row)
{
	json_t *o = json_object();
	o = json_put(o, "agency_id", row->agency_id ? json_integer(row->agency_id) : json_null());
	o = json_put(o, "agency", json_text(row->agency));
	json_t *v = json_array();
	for (int k = 0; k < ST_NCOLS && v; k++)
		if (json_array_append_new(v, json_integer(row->v[k]))) {
			json_decref(v);
			v = NULL;
		}
	(void)t;
	return json_put(o, "values", v);
}

int api_stats_annual(struct req *r)
{
	struct fz_error e = { 0 };
	struct stats_table t;
	int64_t year = 0;
	enum fz_err rc;
	if (!year_of(r, &year, &e))
		return resp_fail(r, FZ_INVALID, &e);
	if ((rc = app_stats_annual(&r->ctx, year, &t, &e)))
		return resp_fail(r, rc, &e);
	const struct stats_col_def *c = stats_cols();
	json_t *cols = json_array();
	for (int k = 0; k < ST_NCOLS; k++) {
		json_t *o = json_object();
		o = json_put(o, "block", json_text(c[k].block));
		o = json_put(o, "label", json_text(stats_col_label(&t, k)));
		o = json_put(o, "unit", json_text(c[k].money ? "fen" : "count"));
		cols = json_array_push(cols, o);
	}
	json_t *rows = json_array();
	for (size_t i = 0; i < t.n; i++)
		rows = json_array_push(rows, json_row(&t, &t.rows[i]));
	size_t nmiss;
	const struct stats_missing *miss = stats_missing_rows(&nmiss);
	json_t *nr = json_array();
	for (size_t i = 0; i < nmiss; i++) {
		json_t *o = json_object();
		o = json_put(o, "block", json_text(miss[i].block));
		o = json_put(o, "label", json_text(miss[i].label));
		o = json_put(o, "why", json_text(miss[i].why));
		nr = json_array_push(nr, o);
	}
	json_t *out = json_object();
	out = json_put(out, "year", json_integer(year));
	out = json_put(out, "from", json_text(t.from));
	out = json_put(out, "to", json_text(t.to));
	out = json_put(out, "columns", cols);
	out = json_put(out, "rows", rows);
	out = json_put(out, "total", json_row(&t, &t.total));
	out = json_put(out, "not_recorded", nr);
	if (!out)
		return http_fail(r, 500, "internal", NULL, "内存不足");
	return resp_json(r, 200, out);
}

/* --- the same table as a background job (app/export_job.h) --- */

int page_stats_export_start(struct req *r)
{
	struct fz_error e = { 0 };
	int64_t year = 0, id = 0;
	enum fz_err rc = FZ_INVALID;
	if (!num_parse_i64(kit_form(r, "year"), 2000, 2100, &year))
		fz_fail(&e, FZ_INVALID, "year", "年度应为 2000 至 2100 之间的四位数字");
	else
		rc = app_export_annual(&r->ctx, r->exports, year, &id, &e);
	if (rc) {
		struct buf b = BUF_INIT;
		page_begin(r, &b, "导出统计年报");
		kit_form_error(&b, rc, &e);
		html_raw(&b, "<p><a href=\"/stats/annual\">返回统计年报</a></p>\n");
		page_end(r, &b);
		return resp_html(r, rc == FZ_INVALID ? 400 : rc == FZ_BUSY ? 503 : 500, &b);
	}
	char to[48];
	snprintf(to, sizeof to, "/exports/%lld", (long long)id);
	return resp_redirect(r, to);
}

int page_export_show(struct req *r)
{
	struct fz_error e = { 0 };
	struct export_job_view v;
	struct buf b = BUF_INIT;
	enum fz_err rc = app_export_get(&r->ctx, r->exports, req_param(r, "id"), false, &v, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	bool working = v.status == EXPORT_QUEUED || v.status == EXPORT_RUNNING;
	/* the page refreshes itself while the job works: no script needed */
	if (working)
		resp_header(r, "Refresh", "2");
	page_begin(r, &b, "导出任务");
	html_f(&b, "<p>%lld 年度行政执法统计年报（XLSX）</p>\n", (long long)v.year);
	if (v.status == EXPORT_DONE) {
		html_f(&b, "<p><span class=\"badge ok\">已完成</span> <a href=\"/exports/%lld/file\">"
			   "下载表格</a></p>\n",
		       (long long)v.id);
	} else if (v.status == EXPORT_FAILED) {
		html_f(&b, "<p><span class=\"badge bad\">失败</span> %s</p>\n", v.message);
	} else {
		html_f(&b, "<p role=\"status\" data-status=\"%s\">%s（第 %d 步，共 %d 步）</p>\n"
			   "<progress max=\"%d\" value=\"%d\">%d / %d</progress>\n"
			   "<p class=\"hint\">本页每两秒自动刷新；也可<a href=\"/exports/%lld\">手动刷新</a>。"
			   "生成期间可以离开本页做其他事。</p>\n",
		       v.status == EXPORT_QUEUED ? "queued" : "running", v.stage_label, v.stage,
		       v.stages, v.stages, v.stage, v.stage, v.stages, (long long)v.id);
	}
	html_raw(&b, "<p><a href=\"/stats/annual\">返回统计年报</a></p>\n");
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

int page_export_file(struct req *r)
{
	struct fz_error e = { 0 };
	struct export_job_view v;
	struct buf out = BUF_INIT;
	const char *name = NULL;
	/* audited there; a refused download (not this account's job, not
	 * finished) is not */
	enum fz_err rc = app_export_download(&r->ctx, req_param(r, "id"), &v, &name, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	buf_add(&out, v.file, v.file_len);
	if (buf_status(&out)) {
		buf_release(&out);
		return http_fail(r, 500, "internal", NULL, "内存不足");
	}
	const char *disp = arena_printf(r->a, "attachment; filename=\"%s\"", name);
	if (disp)
		resp_header(r, "Content-Disposition", disp);
	return resp_bytes(r, 200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
			  &out);
}
