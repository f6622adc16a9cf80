/* paging.c - offset/limit query parameters and the list envelope. One
 * place decides the defaults and bounds, so every list behaves alike. */
#include "http/paging.h"

#include "http/resp.h"

enum fz_err paging_from_query(struct req *r, struct page *out, struct fz_error *e)
{
	const char *off = req_query(r, "offset");
	const char *lim = req_query(r, "limit");
	int64_t v;

	*out = (struct page){ .offset = 0, .limit = PAGING_DEFAULT_LIMIT };
	if (off) {
		if (!http_parse_int64(off, 0, PAGING_MAX_OFFSET, &v))
			return fz_fail(e, FZ_INVALID, "offset", "参数 offset 应为不小于 0 的整数");
		out->offset = v;
	}
	if (lim) {
		if (!http_parse_int64(lim, 1, PAGING_MAX_LIMIT, &v))
			return fz_fail(e, FZ_INVALID, "limit", "参数 limit 应为 1 到 %d 之间的整数",
				       PAGING_MAX_LIMIT);
		out->limit = (int)v;
	}
	return FZ_OK;
}

/* The envelope; more NULL leaves "total_more" out (a list that counts
 * exactly). */
static int list_answer(struct req *r, json_t *items, int64_t total, const bool *more,
		       struct page pg)
{
	if (!items)
		return resp_error(r, FZ_NOMEM, NULL, NULL);
	json_t *obj = json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)total);
	if (obj && more)
		json_object_set_new(obj, "total_more", json_boolean(*more));
	if (obj) {
		json_object_set_new(obj, "offset", json_integer(pg.offset));
		json_object_set_new(obj, "limit", json_integer(pg.limit));
	}
	return resp_json(r, 200, obj);
}

int resp_list(struct req *r, json_t *items, int64_t total, struct page pg)
{
	return list_answer(r, items, total, NULL, pg);
}

int resp_list_bounded(struct req *r, json_t *items, int64_t total, bool more, struct page pg)
{
	return list_answer(r, items, total, &more, pg);
}
