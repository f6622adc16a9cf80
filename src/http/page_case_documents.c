/* page_case_documents.c - a case's file (GET /cases/{id}/documents): the
 * catalogue (卷内目录) with each generated document's number, pages and
 * PDF download, the documents recorded by their step, and the mandatory
 * documents still missing, which keep the case from closing. */
#include <stdio.h>

#include "app/document.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/resp.h"

static void catalogue(struct buf *b, const struct case_files *f)
{
	html_raw(b, "<table class=\"list catalogue\"><thead><tr><th>序号</th><th>文号</th>"
		    "<th>题名</th><th>日期</th><th>页号</th><th>备注</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < f->cat.n; i++) {
		const struct catalogue_entry *en = &f->cat.entries[i];
		const struct proc_step *st = proc_step_find(f->def, en->event->step);
		html_f(b, "<tr><td data-label=\"序号\">%d</td><td data-label=\"文号\" class=\"mono\">%s"
			  "</td><td data-label=\"题名\">",
		       en->seq, en->file && *en->file->number ? en->file->number : "—");
		if (en->file)
			html_f(b, "<a href=\"/api/v1/documents/%lld/pdf\">%s</a>",
			       (long long)en->file->id, en->doc->label);
		else
			html_f(b, "%s", en->doc->label);
		html_f(b, "</td><td data-label=\"日期\">%s</td><td data-label=\"页号\">", en->event->on);
		if (en->file && en->file->pages > 1)
			html_f(b, "%d–%d", en->first_page, en->first_page + en->file->pages - 1);
		else if (en->file)
			html_f(b, "%d", en->first_page);
		else
			html_raw(b, "—");
		char digest[17];
		snprintf(digest, sizeof digest, "%s", en->file ? en->file->digest : "");
		if (en->file)
			html_f(b, "</td><td data-label=\"备注\">PDF，%lld 字节，摘要 <span class=\"mono\">"
				  "%s…</span></td></tr>\n",
			       (long long)en->file->size, digest);
		else
			html_f(b, "</td><td data-label=\"备注\">见办案记录“%s”</td></tr>\n",
			       st ? st->label : en->event->step);
	}
	if (!f->cat.n)
		html_raw(b, "<tr><td colspan=\"6\" class=\"empty\">尚无文书。</td></tr>\n");
	html_raw(b, "</tbody></table>\n");
}

int page_case_documents(struct req *r)
{
	struct buf b = BUF_INIT;
	struct fz_error e = { 0 };
	struct case_files f;
	enum fz_err rc = app_case_files(&r->ctx, req_param(r, "id"), &f, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	char title[160];
	snprintf(title, sizeof title, "卷内目录 · %s", f.c.title);
	page_begin(r, &b, title);
	html_f(&b, "<p class=\"muted\">案件编号 <span class=\"mono\">%s</span> · %s</p>\n",
	       f.c.number, f.def->label);
	catalogue(&b, &f);
	if (f.cat.nmissing) {
		html_raw(&b, "<h2>尚缺的必备文书</h2>\n<p class=\"hint\">卷内目录须有以下文书方可结案：");
		for (size_t i = 0; i < f.cat.nmissing; i++)
			html_f(&b, "%s%s", i ? "、" : "", f.cat.missing[i]->label);
		html_raw(&b, "。</p>\n");
	} else if (!f.c.closed) {
		html_raw(&b, "<p class=\"hint\">卷内目录已有全部必备文书。</p>\n");
	}
	html_raw(&b, "<p class=\"hint\">文书在办理产生它的步骤时生成，编号依次取用、不跳号；"
		     "每份文书的摘要记入账本，下载时核对摘要。</p>\n");
	html_f(&b, "<p class=\"actions\"><a class=\"button secondary\" href=\"/cases/%lld\">返回案件"
		   "</a></p>\n", (long long)f.c.id);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}
