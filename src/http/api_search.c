/* api_search.c - GET /api/v1/public/search: the public full-text search
 * as JSON (no sign-in). Each item carries its title and snippet twice:
 * as plain text, and as HTML in which the text is escaped and the
 * matched words are inside <mark>. */
#include "http/handlers.h"
#include "http/jsonout_case.h"
#include "http/jsonout_org.h"
#include "http/resp.h"
#include "http/search_kit.h"

static json_t *marked_html(const char *marked)
{
	struct buf b = BUF_INIT;
	search_marked_html(&b, marked);
	json_t *s = buf_failed(&b) ? NULL : json_string(buf_cstr(&b));
	buf_release(&b);
	return s;
}

static json_t *hit_json(struct req *r, const struct search_hit *h)
{
	json_t *o = json_object();
	o = json_put(o, "kind", json_string(h->item.kind));
	o = json_put(o, "kind_label", json_string(h->kind_label));
	o = json_put(o, "ref_id", json_integer(h->item.ref_id));
	o = json_put(o, "url", json_string(arena_printf(r->a, "/public/decisions/%lld",
							(long long)h->item.ref_id)));
	o = json_put(o, "agency_id", json_integer(h->item.agency_id));
	o = json_put(o, "agency_name", json_string(h->agency_name));
	o = json_put(o, "date", json_string(h->item.date));
	o = json_put(o, "title", json_string(search_marked_plain(r, h->title_marked)));
	o = json_put(o, "title_html", marked_html(h->title_marked));
	o = json_put(o, "snippet", json_string(search_marked_plain(r, h->snippet_marked)));
	return json_put(o, "snippet_html", marked_html(h->snippet_marked));
}

int api_public_search(struct req *r)
{
	struct search_request rq;
	struct search_result res;
	struct fz_error e = { 0 };
	enum fz_err rc = search_request_read(r, &rq, &e);
	if (!rc)
		rc = app_search_query(&r->ctx, &rq, &res, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	json_t *terms = json_array(), *items = json_array();
	for (size_t i = 0; i < res.terms.n; i++)
		terms = json_array_push(terms, json_string(res.terms.terms[i]));
	for (size_t i = 0; i < res.n; i++)
		items = json_array_push(items, hit_json(r, &res.hits[i]));
	json_t *o = json_object();
	o = json_put(o, "q", json_string(rq.q));
	o = json_put(o, "terms", terms);
	o = json_put(o, "terms_truncated", json_boolean(res.terms.truncated));
	o = json_put(o, "items", items);
	o = json_put(o, "next_cursor", res.next_cursor ? json_string(res.next_cursor) : json_null());
	o = json_put(o, "searched_from",
		     *res.searched_from ? json_string(res.searched_from) : json_null());
	if (!res.terms.n)
		o = json_put(o, "message", json_string("请输入要搜索的词语，例如“土地”“罚款”或当事人名称"));
	return resp_json(r, 200, o);
}
