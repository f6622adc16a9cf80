/* page_calendar.c - the holiday calendar for the sysadmin (节假日安排):
 * GET /calendar shows the years loaded and an upload form; POST /calendar
 * takes the file (a small multipart form, multipart_form.h) and holds it;
 * GET /calendar/preview?token= shows what it would change (years, days,
 * and the deadlines of open cases that move); POST /calendar/confirm
 * loads it (app/calendar_upload.h). Every step works without JavaScript. */
#include <stdio.h>
#include <string.h>

#include "app/calendar_upload.h"
#include "base/date.h"
#include "http/form.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/multipart_form.h"
#include "http/pagekit.h"
#include "http/resp.h"

static const char *mark_label(enum calendar_mark m)
{
	return m == CALENDAR_WORK ? "调休上班" : m == CALENDAR_OFF ? "放假" : "（无）";
}

static void loaded_years(struct req *r, struct buf *b)
{
	struct calendar cal;
	struct fz_error e = { 0 };
	if (app_calendar_get(&r->ctx, &cal, &e) != FZ_OK) {
		page_flash(b, FLASH_ERROR, e.message[0] ? e.message : "节假日安排读取失败");
		return;
	}
	html_raw(b, "<h2>已载入的年度</h2>\n");
	if (!cal.nyears) {
		html_raw(b, "<p class=\"empty\">尚未载入任何年度：期限只能暂定计算。</p>\n");
		return;
	}
	html_raw(b, "<table class=\"list\"><thead><tr><th>年度</th><th>全年工作日</th><th>来源</th>"
		    "<th>载入时间</th></tr></thead><tbody>\n");
	for (size_t i = cal.nyears; i-- > 0;) {
		const struct calendar_year *y = &cal.years[i];
		html_f(b, "<tr><td data-label=\"年度\">%d</td><td data-label=\"全年工作日\">%d 天</td>"
			  "<td data-label=\"来源\">%s</td><td data-label=\"载入时间\">",
		       y->year, calendar_working_days_in_year(&cal, y->year), y->source);
		if (y->loaded_at)
			kit_time(b, y->loaded_at);
		html_raw(b, "</td></tr>\n");
	}
	html_raw(b, "</tbody></table>\n");
}

static int calendar_page(struct req *r, int status, enum fz_err rc, const struct fz_error *e)
{
	struct buf b = BUF_INIT;
	int missing = app_calendar_missing_year(&r->ctx);
	page_begin(r, &b, "节假日安排");
	page_notice(r, &b);
	kit_form_error(&b, rc, e);
	if (missing)
		html_f(&b, "<div class=\"flash info\" role=\"status\">尚未载入 %d 年的节假日安排，"
			   "涉及该年的期限按暂定计算。</div>\n",
		       missing);
	html_raw(&b, "<h2>上传新的节假日安排</h2>\n"
		     "<p class=\"hint\">按国务院办公厅的年度通知整理的日历文件（格式同内置日历 "
		     "cn.txt：<code>year 2027 source 通知名称</code>、"
		     "<code>2027-01-01 off 元旦</code>、<code>2027-02-07 work 春节</code>）。"
		     "文件中的年度整体替换，其他年度不变。上传后先预览，确认后才生效。</p>\n"
		     "<form class=\"stack narrow\" method=\"post\" action=\"/calendar\" "
		     "enctype=\"multipart/form-data\">\n");
	page_csrf_field(r, &b);
	html_f(&b, "<label for=\"cal-file\">日历文件（不超过 %d KB）</label>\n"
		   "<input id=\"cal-file\" type=\"file\" name=\"" MULTIPART_FORM_FILE_FIELD "\" "
		   "accept=\".txt,text/plain\" required",
	       CALENDAR_UPLOAD_MAX / 1024);
	if (e && rc && strcmp(e->field, "file") == 0)
		html_raw(&b, " aria-invalid=\"true\" aria-describedby=\"file-err\"");
	html_raw(&b, ">\n");
	kit_field_error(&b, "file", e);
	html_raw(&b, "<button type=\"submit\">上传并预览</button>\n</form>\n");
	loaded_years(r, &b);
	page_end(r, &b);
	return resp_html(r, status, &b);
}

int page_calendar(struct req *r)
{
	return calendar_page(r, 200, FZ_OK, NULL);
}

int page_calendar_upload(struct req *r)
{
	struct fz_error e = { 0 };
	char token[CALENDAR_TOKEN_HEX];
	enum fz_err rc = app_calendar_upload(&r->ctx, r->upload_data, r->upload_data ? r->upload_len : 0,
					     r->upload_name, token, &e);
	if (rc == FZ_INVALID || rc == FZ_TOOLARGE) {
		/* a parse error names a line, not a field: show it at the file */
		if (!e.field[0])
			snprintf(e.field, sizeof e.field, "file");
		return calendar_page(r, rc == FZ_TOOLARGE ? 413 : 400, rc, &e);
	}
	if (rc)
		return http_fail_fz(r, rc, &e);
	return resp_redirect(r, arena_printf(r->a, "/calendar/preview?token=%s", token));
}

static void change_row(struct buf *b, const struct calendar_day_change *c)
{
	char date[FZ_DATE_LEN];
	date_from_days(c->day, date);
	const char *what = !c->before ? "新增" : !c->after ? "删除" : "变更";
	html_f(b, "<tr><td data-label=\"日期\">%s（星期%s）</td><td data-label=\"变化\">%s</td>"
		  "<td data-label=\"原安排\">%s%s%s</td><td data-label=\"新安排\">%s%s%s</td></tr>\n",
	       date, calendar_weekday_label(c->day), what, mark_label(c->before),
	       c->name_before ? " " : "", c->name_before ? c->name_before : "",
	       mark_label(c->after), c->name_after ? " " : "", c->name_after ? c->name_after : "");
}

static void year_section(struct buf *b, const struct calendar_year_preview *y)
{
	html_f(b, "<section class=\"year\"><h3>%d 年%s</h3>\n", y->year,
	       y->is_new ? "（新增年度）" : "（替换）");
	if (!y->is_new && strcmp(y->source_before, y->source_after) != 0)
		html_f(b, "<p>来源：%s → %s</p>\n", y->source_before, y->source_after);
	else
		html_f(b, "<p>来源：%s</p>\n", y->source_after);
	html_f(b, "<p>放假日：新增 %d 天，删除 %d 天；调休上班日：新增 %d 天，删除 %d 天。"
		  "全年工作日 %d 天 → %d 天%s。</p>\n",
	       y->added_off, y->removed_off, y->added_work, y->removed_work,
	       y->working_days_before, y->working_days_after,
	       y->is_new ? "（此前未载入，按暂定计）" : "");
	if (!y->nchanges) {
		html_raw(b, "<p class=\"muted\">与已载入的安排相同，没有日期变化。</p></section>\n");
		return;
	}
	html_raw(b, "<details><summary>逐日变化</summary>\n<table class=\"list\"><thead><tr>"
		    "<th>日期</th><th>变化</th><th>原安排</th><th>新安排</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < y->nchanges; i++)
		change_row(b, &y->changes[i]);
	html_raw(b, "</tbody></table></details></section>\n");
}

static void moves_section(struct buf *b, const struct calendar_preview *p)
{
	html_f(b, "<h2>随之变动的期限（%zu 项）</h2>\n", p->nmoves);
	if (!p->nmoves) {
		html_raw(b, "<p class=\"muted\">在办案件的期限都不受影响。</p>\n");
		return;
	}
	html_raw(b, "<table class=\"list\"><thead><tr><th>案号</th><th>执法主体</th><th>期限</th>"
		    "<th>原届满日</th><th>新届满日</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < p->nmoves; i++) {
		const struct deadline_move *m = &p->moves[i];
		html_f(b, "<tr><td data-label=\"案号\">%s</td><td data-label=\"执法主体\">%s</td>"
			  "<td data-label=\"期限\">%s</td><td data-label=\"原届满日\">%s%s</td>"
			  "<td data-label=\"新届满日\">%s%s</td></tr>\n",
		       m->case_number, p->agency_names[i], m->clock_label, m->due_before,
		       m->provisional_before ? "（暂定）" : "", m->due_after,
		       m->provisional_after ? "（暂定）" : "");
	}
	html_raw(b, "</tbody></table>\n");
}

static int preview_page(struct req *r, int status, const char *token, enum fz_err rc0,
			const struct fz_error *e0)
{
	struct buf b = BUF_INIT;
	struct fz_error e = { 0 };
	struct calendar_preview p;
	enum fz_err rc = app_calendar_preview(&r->ctx, token, &p, &e);
	if (rc == FZ_NOTFOUND || rc == FZ_INVALID)
		return calendar_page(r, rc == FZ_NOTFOUND ? 404 : 400, rc, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	page_begin(r, &b, "预览节假日安排");
	kit_form_error(&b, rc0, e0);
	html_f(&b, "<p>文件 <strong>%s</strong> 将替换以下 %zu 个年度；其他年度不变。"
		   "此页只是预览，确认之前什么也没有改变。</p>\n",
	       p.file_name, p.nyears);
	for (size_t i = 0; i < p.nyears; i++)
		year_section(&b, &p.years[i]);
	moves_section(&b, &p);
	html_raw(&b, "<form method=\"post\" action=\"/calendar/confirm\" class=\"actions\">\n");
	page_csrf_field(r, &b);
	html_f(&b, "<input type=\"hidden\" name=\"token\" value=\"%s\">\n"
		   "<input type=\"hidden\" name=\"base\" value=\"%s\">\n"
		   "<button type=\"submit\">确认载入</button>\n"
		   "<a class=\"button secondary\" href=\"/calendar\">放弃</a>\n</form>\n"
		   "<p class=\"hint\">确认后载入并记入审计日志，期限按新的安排重新计算。上传的文件保留到 ",
	       token, p.base);
	kit_time(&b, p.expires_at);
	html_raw(&b, "，过期须重新上传。</p>\n");
	page_end(r, &b);
	return resp_html(r, status, &b);
}

int page_calendar_preview(struct req *r)
{
	return preview_page(r, 200, kit_query(r, "token"), FZ_OK, NULL);
}

int page_calendar_confirm(struct req *r)
{
	struct fz_error e = { 0 };
	const char *token = kit_form(r, "token");
	enum fz_err rc = app_calendar_confirm(&r->ctx, token, kit_form(r, "base"), NULL, &e);
	if (rc == FZ_CONFLICT && strcmp(e.field, "base") == 0)
		return preview_page(r, 409, token, rc, &e); /* the preview as it is now */
	if (rc == FZ_NOTFOUND || rc == FZ_CONFLICT || rc == FZ_INVALID)
		return calendar_page(r, rc == FZ_NOTFOUND ? 404 : rc == FZ_CONFLICT ? 409 : 400, rc,
				     &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	return resp_redirect(r, "/calendar?msg=calendar_loaded");
}
