/* page_search.c - GET /public/search: the public 公开信息检索, for anyone
 * and any phone, without JavaScript. A plain GET form (every input with
 * its label), results newest first with the matched words marked, and a
 * 下一页 link carrying the opaque cursor (继续检索 when the work bound
 * ended the page early, saying how far back it read). */
#include <string.h>

#include "app/search.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/pagekit.h"
#include "http/resp.h"
#include "http/search_kit.h"

static void search_form(struct req *r, struct buf *b, const struct search_request *rq,
			const struct fz_error *e)
{
	struct agency_list ags = { 0 };
	struct fz_error ae = { 0 };
	struct kit_option kinds[16] = { { "", "全部类别" } };
	size_t nkinds = 1;
	for (size_t i = 0; i < search_nkinds && nkinds < 16; i++)
		kinds[nkinds++] = (struct kit_option){ search_kinds[i].name, search_kinds[i].label };

	html_raw(b, "<form class=\"stack search-form\" method=\"get\" action=\"/public/search\""
		    " role=\"search\">\n");
	kit_input(b, "search", "q", "关键词", rq->q,
		  "maxlength=\"200\" autocomplete=\"off\" placeholder=\"例如 土地 罚款\"", e);
	if (app_search_agencies(&r->ctx, &ags, &ae) == FZ_OK) {
		struct kit_option *opts = arena_calloc(r->ctx.a, ags.n + 1, sizeof *opts);
		if (opts) {
			opts[0] = (struct kit_option){ "", "全部执法主体" };
			for (size_t i = 0; i < ags.n; i++)
				opts[i + 1] = (struct kit_option){ kit_id(r, ags.items[i].id),
								   ags.items[i].name };
			kit_select(b, "agency", "执法主体", opts, ags.n + 1,
				   rq->agency_id ? kit_id(r, rq->agency_id) : "", e);
		}
	}
	kit_select(b, "kind", "类别", kinds, nkinds, rq->kind, e);
	kit_input(b, "date", "from", "起始日期", rq->from, NULL, e);
	kit_input(b, "date", "to", "截止日期", rq->to, NULL, e);
	html_raw(b, "<button type=\"submit\">搜索</button>\n</form>\n");
}

static void next_link(struct req *r, struct buf *b, const char *cursor, const char *label)
{
	struct buf url = BUF_INIT;
	req_url(r, &url, "cursor");
	buf_addf(&url, "%ccursor=%s", strchr(buf_cstr(&url), '?') ? '&' : '?', cursor);
	html_f(b, "<a href=\"%s\" rel=\"next\">%s</a>", buf_cstr(&url), label);
	if (buf_failed(&url))
		b->failed = true;
	buf_release(&url);
}

static void results(struct req *r, struct buf *b, const struct search_request *rq,
		    const struct search_result *res)
{
	if (!res->terms.n) {
		html_raw(b, "<p class=\"hint\" role=\"status\">请输入要搜索的词语，例如“土地”“罚款”"
			    "或当事人名称；多个词语用空格分开，结果同时包含每个词语。</p>\n");
		return;
	}
	if (*res->searched_from)
		html_f(b, "<p class=\"hint\" role=\"status\">已检索 %s 及以后公开的信息%s；"
			  "更早的信息请点“继续检索”。</p>\n",
		       res->searched_from, res->n ? "" : "，没有找到");
	else if (!res->n) {
		html_f(b, "<p role=\"status\">没有找到包含“%s”的公开信息%s。</p>\n", rq->q,
		       rq->cursor && *rq->cursor ? "（已是最后一页）" : "");
		return;
	}
	if (res->terms.truncated)
		html_f(b, "<p class=\"hint\">只按前 %zu 个词语检索。</p>\n", res->terms.n);
	if (res->n)
		html_raw(b, "<ol class=\"search-results\">\n");
	for (size_t i = 0; i < res->n; i++) {
		const struct search_hit *h = &res->hits[i];
		html_f(b, "<li><h2><a href=\"/public/decisions/%lld\">", (long long)h->item.ref_id);
		search_marked_html(b, h->title_marked);
		html_f(b, "</a></h2>\n<p class=\"meta\">%s · %s · <time datetime=\"%s\">%s</time></p>\n",
		       h->kind_label, h->agency_name, h->item.date, h->item.date);
		html_raw(b, "<p>");
		search_marked_html(b, h->snippet_marked);
		html_raw(b, "</p></li>\n");
	}
	html_raw(b, res->n ? "</ol>\n<nav class=\"pager\" aria-label=\"分页\">"
			   : "<nav class=\"pager\" aria-label=\"分页\">");
	if (rq->cursor && *rq->cursor) {
		struct buf url = BUF_INIT;
		req_url(r, &url, "cursor");
		html_f(b, "<a href=\"%s\" rel=\"first\">回到第一页</a> ", buf_cstr(&url));
		buf_release(&url);
	}
	if (res->next_cursor)
		next_link(r, b, res->next_cursor, *res->searched_from ? "继续检索" : "下一页");
	else
		html_raw(b, "<span>已是最后一页</span>");
	html_raw(b, "</nav>\n");
}

int page_public_search(struct req *r)
{
	struct buf b = BUF_INIT;
	struct search_request rq;
	struct search_result res = { 0 };
	struct fz_error e = { 0 };
	enum fz_err rc = search_request_read(r, &rq, &e);
	if (!rc)
		rc = app_search_query(&r->ctx, &rq, &res, &e);
	if (rc && rc != FZ_INVALID)
		return http_fail_fz(r, rc, &e);
	page_begin(r, &b, "公开信息检索");
	html_raw(&b, "<p class=\"lead\">检索已公开的行政执法决定和文件。公开内容已依法隐去"
		     "个人信息。</p>\n");
	kit_form_error(&b, rc, &e);
	search_form(r, &b, &rq, rc ? &e : NULL);
	if (!rc)
		results(r, &b, &rq, &res);
	page_end(r, &b);
	return resp_html(r, rc ? 400 : 200, &b);
}
