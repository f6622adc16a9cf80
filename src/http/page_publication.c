/* page_publication.c - 公示审核 for the reviewer: the publications
 * waiting in scope, and one publication's redacted preview beside the
 * original, with the form that adjusts and confirms it, or withdraws it
 * after its decision was set aside. Works without JavaScript. */
#include <string.h>

#include "app/publication.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/listkit.h"
#include "http/pagekit.h"
#include "http/pub_view.h"
#include "http/resp.h"

int page_publication_list(struct req *r)
{
	static const struct kit_option statuses[] = {
		{ "", "全部" },		    { "prepared", "待确认" },   { "withdrawing", "待撤下" },
		{ "live", "已公示" },	    { "withdrawn", "已撤下" }, { "withheld", "不予公开" },
		{ "cancelled", "已作废" },
	};
	struct publication_filter f;
	struct publication_list l;
	struct page pg;
	struct fz_error e = { 0 };
	struct buf b = BUF_INIT;
	if (!kit_paging(r, &pg))
		return 400;
	pg.count_max = app_case_count_max(r->ctx.cfg);
	if (pub_filter_read(r, &f, &e))
		return page_error(r, 400, e.message);
	f.listed_on = false;
	f.newest_first = true;
	enum fz_err rc = app_publication_list(&r->ctx, &f, false, pg, &l, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	page_begin(r, &b, "公示审核");
	html_raw(&b, "<p class=\"lead\">处罚、许可等决定作出后，系统自动生成隐名处理后的公示稿。"
		     "核对原文和公示稿，确认后即在门户网站公开；决定被撤销、变更的，"
		     "须在三个工作日内撤下。</p>\n");
	kit_filter_begin(&b, "/publications");
	kit_select(&b, "status", "状态", statuses, sizeof statuses / sizeof statuses[0],
		   req_query(r, "status"), NULL);
	kit_filter_end(&b, "/publications");
	html_raw(&b, "<table>\n<caption>公示</caption>\n<thead><tr><th scope=\"col\">标题</th>"
		     "<th scope=\"col\">执法主体</th><th scope=\"col\">决定日期</th>"
		     "<th scope=\"col\">公示期限</th><th scope=\"col\">状态</th></tr></thead>\n"
		     "<tbody>\n");
	for (size_t i = 0; i < l.n; i++) {
		const struct publication *p = &l.items[i];
		html_f(&b, "<tr><th scope=\"row\"><a href=\"/publications/%lld\">%s</a></th>"
			   "<td>%s</td><td>%s</td><td>%s</td><td>%s%s</td></tr>\n",
		       (long long)p->id, p->title, p->agency, p->decided_on,
		       p->status == PUB_WITHDRAWING ? p->withdraw_due_on : p->due_on,
		       pub_status_label(p->status), p->late ? "（逾期公示）" : "");
	}
	html_raw(&b, "</tbody>\n</table>\n");
	if (l.n == 0)
		html_raw(&b, "<p>没有符合条件的公示。</p>\n");
	lk_pager_bounded(r, &b, pg, l.total, l.total_more);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

void case_publication_section(struct req *r, struct buf *b, int64_t case_id)
{
	struct publication_filter f = { .status = -1, .case_id = case_id };
	struct publication_list l;
	struct fz_error e = { 0 };
	if (app_publication_list(&r->ctx, &f, false, (struct page){ 0, 20 }, &l, &e) || l.n == 0)
		return;
	html_raw(b, "<h2 id=\"publicity\">公示</h2>\n<ul>\n");
	for (size_t i = 0; i < l.n; i++) {
		const struct publication *p = &l.items[i];
		html_f(b, "<li><a href=\"/publications/%lld\">%s</a>：%s%s，公示期限 %s</li>\n",
		       (long long)p->id, p->title, pub_status_label(p->status),
		       p->late ? "（逾期公示）" : "", p->due_on);
	}
	html_raw(b, "</ul>\n");
}

static void text_block(struct buf *b, const char *heading, const char *title, const char *text)
{
	html_f(b, "<section class=\"col\"><h2>%s</h2>\n<h3>%s</h3>\n<pre class=\"doc\">%s</pre>"
		  "</section>\n",
	       heading, title ? title : "", text ? text : "");
}

static int show(struct req *r, int status, enum fz_err frc, const struct fz_error *fe)
{
	struct publication p;
	struct fz_error e = { 0 };
	struct buf b = BUF_INIT;
	enum fz_err rc = app_publication_get(&r->ctx, req_param(r, "id"), false, &p, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	page_begin(r, &b, p.title);
	page_notice(r, &b);
	kit_form_error(&b, frc, fe);
	html_raw(&b, "<dl class=\"fields\">");
	html_f(&b, "<dt>状态</dt><dd>%s%s</dd><dt>执法主体</dt><dd>%s</dd>",
	       pub_status_label(p.status), p.late ? "（逾期公示）" : "", p.agency);
	html_f(&b, "<dt>决定日期</dt><dd>%s</dd><dt>公示期限</dt><dd>%s 前</dd>", p.decided_on,
	       p.due_on);
	if (p.published_on[0])
		html_f(&b, "<dt>公示日期</dt><dd><a href=\"/public/decisions/%lld\">%s</a></dd>",
		       (long long)p.id, p.published_on);
	if (p.status == PUB_WITHHELD)
		html_f(&b, "<dt>不予公开</dt><dd>%s</dd>", p.withheld_reason);
	if (p.set_aside_on[0])
		html_f(&b, "<dt>原决定撤销、变更</dt><dd>%s，须于 %s 前撤下</dd>", p.set_aside_on,
		       p.withdraw_due_on);
	html_f(&b, "<dt>案件</dt><dd><a href=\"/cases/%lld\">查看案件</a></dd></dl>\n",
	       (long long)p.case_id);
	html_raw(&b, "<div class=\"side-by-side\">\n");
	text_block(&b, "原文（不公开）", p.original_title, p.original_text);
	text_block(&b, "公示稿（隐名处理后）", p.title, p.text);
	html_raw(&b, "</div>\n");
	if (p.status == PUB_PREPARED) {
		const char *title = req_form(r, "title"), *text = req_form(r, "text");
		html_f(&b, "<form method=\"post\" action=\"/publications/%lld/confirm\" class=\"stack\">\n",
		       (long long)p.id);
		page_csrf_field(r, &b);
		kit_input(&b, "text", "title", "公示标题", title ? title : p.title,
			  "required maxlength=\"200\"", fe);
		html_f(&b, "<div class=\"field\"><label for=\"text\">公示正文（可修改）</label>\n"
			   "<textarea id=\"text\" name=\"text\" rows=\"16\" required>%s</textarea>\n",
		       text ? text : p.text);
		kit_field_error(&b, "text", fe);
		html_raw(&b, "</div>\n");
		kit_input(&b, "date", "end_on", "公示截止日期（可不填）", req_form(r, "end_on"), NULL,
			  fe);
		html_raw(&b, "<button type=\"submit\">确认公示</button>\n</form>\n");
	} else if (p.status == PUB_WITHDRAWING) {
		html_f(&b, "<form method=\"post\" action=\"/publications/%lld/withdraw\" class=\"stack\">\n",
		       (long long)p.id);
		page_csrf_field(r, &b);
		html_f(&b, "<div class=\"field\"><label for=\"reason\">撤下理由（公开）</label>\n"
			   "<textarea id=\"reason\" name=\"reason\" rows=\"3\" maxlength=\"1000\">%s"
			   "</textarea></div>\n",
		       p.withdraw_reason);
		html_f(&b, "<p>法律依据：%s</p>\n", p.withdraw_basis);
		html_raw(&b, "<button type=\"submit\">撤下公示</button>\n</form>\n");
	} else if (p.status == PUB_CANCELLED && p.withdraw_reason && *p.withdraw_reason) {
		/* superseded by a later decision (docs/PUBLICATION.md): nothing to do */
		html_f(&b, "<p>作废原因：%s</p>\n", p.withdraw_reason);
	}
	page_end(r, &b);
	return resp_html(r, status, &b);
}

int page_publication_show(struct req *r) { return show(r, 200, FZ_OK, NULL); }

static int after(struct req *r, enum fz_err rc, const struct fz_error *e, const char *msg)
{
	if (rc == FZ_INVALID || rc == FZ_CONFLICT || rc == FZ_FORBIDDEN)
		return show(r, rc == FZ_FORBIDDEN ? 403 : rc == FZ_CONFLICT ? 409 : 400, rc, e);
	if (rc)
		return http_fail_fz(r, rc, e);
	char url[96];
	snprintf(url, sizeof url, "/publications/%lld?msg=%s", (long long)req_param(r, "id"), msg);
	return resp_redirect(r, url);
}

int page_publication_confirm(struct req *r)
{
	struct fz_error e = { 0 };
	struct publication_confirm c = {
		.title = req_form(r, "title"),
		.text = req_form(r, "text"),
		.end_on = req_form(r, "end_on"),
	};
	return after(r, app_publication_confirm(&r->ctx, req_param(r, "id"), &c, &e), &e,
		     "published");
}

int page_publication_withdraw(struct req *r)
{
	struct fz_error e = { 0 };
	return after(r, app_publication_withdraw(&r->ctx, req_param(r, "id"), req_form(r, "reason"),
						 &e),
		     &e, "withdrawn");
}
