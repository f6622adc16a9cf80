/* page_audit.c - the auditor's 审计日志: GET /audit (filters by date,
 * actor, action, object type and result; each row opens to its changed
 * fields), GET /audit/{id} (the changed fields of one record) and
 * GET /audit/export.csv (the filtered log as CSV; the export is audited). */
#include <stdio.h>
#include <string.h>

#include "app/auditlog.h"
#include "base/date.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/pagekit.h"
#include "http/resp.h"

static const struct kit_option result_opts[] = {
	{ "", "全部" }, { "ok", "成功" }, { "denied", "拒绝" }, { "failed", "失败" },
};

static const char *result_label(const char *result)
{
	return kit_option_label(result_opts, 4, result, result);
}

/* "YYYY-MM-DD" as the first second of that day in China; end_of_day
 * gives the first second of the next day (the filter's "to" is
 * exclusive, the form's is inclusive). */
static bool day_start(const char *s, bool end_of_day, int64_t *out)
{
	int y, m, d;
	if (!date_parse(s, &y, &m, &d))
		return false;
	*out = (date_to_days(y, m, d) + (end_of_day ? 1 : 0)) * 86400 - DATE_UTC_OFFSET;
	return true;
}

/* The filter from the query; FZ_INVALID naming the bad field. */
static enum fz_err filter_from_query(struct req *r, struct audit_filter *f, struct fz_error *e)
{
	const char *from = kit_query(r, "from"), *to = kit_query(r, "to");
	memset(f, 0, sizeof *f);
	f->actor = kit_query(r, "actor");
	f->action = kit_query(r, "action");
	f->object_type = kit_query(r, "object_type");
	f->result = kit_query(r, "result");
	if (*from && !day_start(from, false, &f->from))
		return fz_fail(e, FZ_INVALID, "from", "起始日期格式应为 YYYY-MM-DD");
	if (*to && !day_start(to, true, &f->to))
		return fz_fail(e, FZ_INVALID, "to", "截止日期格式应为 YYYY-MM-DD");
	return FZ_OK;
}

static void filters(struct req *r, struct buf *b, const struct fz_error *e)
{
	kit_filter_begin(b, "/audit");
	kit_input(b, "date", "from", "起始日期", kit_query(r, "from"), NULL, e);
	kit_input(b, "date", "to", "截止日期", kit_query(r, "to"), NULL, e);
	kit_input(b, "search", "actor", "操作人（用户名）", kit_query(r, "actor"),
		  "maxlength=\"64\"", e);
	kit_input(b, "search", "action", "操作", kit_query(r, "action"),
		  "maxlength=\"64\" placeholder=\"如 certificate. 或 session.create\"", e);
	kit_input(b, "search", "object_type", "对象类型", kit_query(r, "object_type"),
		  "maxlength=\"32\" placeholder=\"如 certificate\"", e);
	kit_select(b, "result", "结果", result_opts, 4, kit_query(r, "result"), e);
	kit_filter_end(b, "/audit");
}

static void changes_table(struct buf *b, const struct audit_change_list *ch)
{
	html_raw(b, "<table class=\"list changes\"><thead><tr><th>字段</th><th>变更前</th>"
		    "<th>变更后</th></tr></thead><tbody>");
	for (size_t i = 0; i < ch->n; i++)
		html_f(b, "<tr><td data-label=\"字段\" class=\"mono\">%s</td>"
			  "<td data-label=\"变更前\">%s</td><td data-label=\"变更后\">%s</td></tr>",
		       ch->items[i].field, ch->items[i].before ? ch->items[i].before : "（无）",
		       ch->items[i].after ? ch->items[i].after : "（无）");
	html_raw(b, "</tbody></table>");
}

static void audit_row(struct req *r, struct buf *b, const struct audit_entry *x)
{
	struct audit_change_list ch = { 0 };
	struct fz_error e = { 0 };
	html_raw(b, "<tr><td data-label=\"时间\">");
	kit_time(b, x->at);
	html_f(b, "</td><td data-label=\"操作人\">%s</td><td data-label=\"来源地址\">%s</td>"
		  "<td data-label=\"操作\" class=\"mono\">%s</td><td data-label=\"对象\">%s %s</td>"
		  "<td data-label=\"结果\"><span class=\"badge %s\">%s</span></td>"
		  "<td data-label=\"说明\">%s</td><td data-label=\"变更\">",
	       x->actor, x->client_addr, x->action, x->object_type, x->object_id,
	       strcmp(x->result, "ok") == 0 ? "ok" : "bad", result_label(x->result), x->message);
	if (app_audit_changes(&r->ctx, x->id, &ch, &e) == FZ_OK && ch.n > 0) {
		html_f(b, "<details><summary>%zu 个字段</summary>", ch.n);
		changes_table(b, &ch);
		html_f(b, "<a href=\"/audit/%lld\">单独查看</a></details>", (long long)x->id);
	} else {
		html_raw(b, "—");
	}
	html_raw(b, "</td></tr>\n");
}

int page_audit_list(struct req *r)
{
	struct buf b = BUF_INIT;
	struct fz_error e = { 0 };
	struct audit_list list = { 0 };
	struct audit_filter f;
	struct page pg;

	if (!kit_paging(r, &pg))
		return r->resp.status;
	enum fz_err frc = filter_from_query(r, &f, &e);
	if (frc == FZ_OK) {
		enum fz_err rc = app_audit_list(&r->ctx, &f, pg, &list, &e);
		if (rc)
			return http_fail_fz(r, rc, &e);
	}
	page_begin(r, &b, "审计日志");
	kit_form_error(&b, frc, &e);
	filters(r, &b, frc ? &e : NULL);
	if (frc) {
		page_end(r, &b);
		return resp_html(r, 400, &b);
	}
	struct buf url = BUF_INIT;
	req_url(r, &url, "offset");
	const char *q = strchr(buf_cstr(&url), '?');
	html_f(&b, "<p class=\"actions\"><a class=\"button secondary\" href=\"/audit/export.csv%s\" "
		   "download>导出 CSV（当前筛选条件）</a></p>\n",
	       q ? q : "");
	buf_release(&url);
	if (list.n == 0) {
		html_raw(&b, "<p class=\"empty\">没有符合条件的审计记录。</p>\n");
	} else {
		html_raw(&b, "<table class=\"list\"><thead><tr><th>时间</th><th>操作人</th>"
			     "<th>来源地址</th><th>操作</th><th>对象</th><th>结果</th><th>说明</th>"
			     "<th>变更</th></tr></thead><tbody>\n");
		for (size_t i = 0; i < list.n; i++)
			audit_row(r, &b, &list.items[i]);
		html_raw(&b, "</tbody></table>\n");
	}
	page_pager(r, &b, pg, list.total);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

int page_audit_show(struct req *r)
{
	struct buf b = BUF_INIT;
	struct fz_error e = { 0 };
	struct audit_change_list ch = { 0 };
	int64_t id = req_param(r, "id");
	enum fz_err rc = app_audit_changes(&r->ctx, id, &ch, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	char *title = arena_printf(r->a, "审计记录 %lld 的变更字段", (long long)id);
	page_begin(r, &b, title ? title : "审计记录");
	if (ch.n == 0)
		html_raw(&b, "<p class=\"empty\">该记录没有字段变更（或记录不存在）。</p>\n");
	else
		changes_table(&b, &ch);
	html_raw(&b, "<p class=\"hint\">密码和身份证号码只记录“已变更”，不记录内容。</p>\n"
		     "<p><a class=\"button secondary\" href=\"/audit\">返回审计日志</a></p>\n");
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

int page_audit_export(struct req *r)
{
	struct fz_error e = { 0 };
	struct audit_filter f;
	struct buf csv = BUF_INIT;
	char disposition[96];

	enum fz_err rc = filter_from_query(r, &f, &e);
	if (rc == FZ_OK)
		rc = app_audit_export_csv(&r->ctx, &f, &csv, &e);
	if (rc == FZ_OK && buf_failed(&csv))
		rc = buf_status(&csv);
	if (rc) {
		buf_release(&csv);
		return http_fail_fz(r, rc, &e);
	}
	snprintf(disposition, sizeof disposition,
		 "attachment; filename=\"audit-%.4s%.2s%.2s.csv\"", r->ctx.today,
		 r->ctx.today + 5, r->ctx.today + 8);
	resp_header(r, "Content-Disposition", disposition);
	return resp_bytes(r, 200, "text/csv; charset=utf-8", &csv);
}
