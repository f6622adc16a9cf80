/* search_kit.c - reading a search from the query string and turning
 * marked matches into safe HTML: the text between marks goes through
 * html_esc(), so nothing in a published text can become markup. */
#include "http/search_kit.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "http/html.h"

static const char *param(struct req *r, const char *name)
{
	const char *v = req_query(r, name);
	return v ? v : "";
}

enum fz_err search_request_read(struct req *r, struct search_request *rq, struct fz_error *e)
{
	const char *agency = param(r, "agency"), *limit = param(r, "limit");
	int64_t v;
	memset(rq, 0, sizeof *rq);
	rq->q = param(r, "q");
	rq->kind = param(r, "kind");
	rq->from = param(r, "from");
	rq->to = param(r, "to");
	rq->cursor = param(r, "cursor");
	if (*agency) {
		if (!http_parse_int64(agency, 1, INT64_MAX, &v))
			return fz_fail(e, FZ_INVALID, "agency", "执法主体参数无效");
		rq->agency_id = v;
	}
	if (*limit) {
		if (!http_parse_int64(limit, 1, 100, &v))
			return fz_fail(e, FZ_INVALID, "limit", "每页条数应为 1 到 100");
		rq->limit = (int)v;
	}
	return FZ_OK;
}

void search_marked_html(struct buf *b, const char *marked)
{
	const char *p = marked ? marked : "";
	while (*p) {
		size_t n = strcspn(p, "\x01\x02");
		char *part = strndup(p, n);
		if (!part) {
			b->failed = true;
			return;
		}
		html_esc(b, part);
		free(part);
		p += n;
		if (*p == SEARCH_MARK_OPEN)
			html_raw(b, "<mark>");
		else if (*p == SEARCH_MARK_CLOSE)
			html_raw(b, "</mark>");
		if (*p)
			p++;
	}
}

const char *search_marked_plain(struct req *r, const char *marked)
{
	size_t len = marked ? strlen(marked) : 0, o = 0;
	char *out = arena_alloc(r->ctx.a, len + 1);
	if (!out)
		return "";
	for (size_t i = 0; i < len; i++)
		if (marked[i] != SEARCH_MARK_OPEN && marked[i] != SEARCH_MARK_CLOSE)
			out[o++] = marked[i];
	out[o] = '\0';
	return out;
}
