/* search.c - the use cases of full-text search: indexing what the
 * publication pipeline publishes, and the public query with its filters,
 * cursor and marked matches. */
#include "app/search.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "base/utf8.h"

#define SEARCH_SNIPPET_CHARS 120
#define SEARCH_DEFAULT_LIMIT 20

static enum fz_err text_check(const char *s, const char *field, const char *what,
			      struct fz_error *e)
{
	if (!s || !utf8_valid(s, strlen(s)))
		return fz_fail(e, FZ_INVALID, field, "%s不是有效的 UTF-8 文本", what);
	return FZ_OK;
}

enum fz_err app_search_index(struct app_ctx *ctx, const char *kind, int64_t ref_id,
			     int64_t agency_id, const char *date, const char *title,
			     const char *body, struct fz_error *e)
{
	struct search_item it = { .kind = kind, .ref_id = ref_id, .agency_id = agency_id };
	enum fz_err err;
	if (!search_kind_label(kind))
		return fz_fail(e, FZ_INVALID, "kind", "公开事项类别无效");
	if (search_day_key(date) < 0)
		return fz_fail(e, FZ_INVALID, "date", "公开日期无效（应为 1970 年以后的 YYYY-MM-DD）");
	if ((err = text_check(title, "title", "标题", e)) ||
	    (err = text_check(body, "body", "正文", e)))
		return err;
	snprintf(it.date, sizeof it.date, "%s", date);
	it.title = search_clean(ctx->a, title);
	it.body = search_clean(ctx->a, body);
	if (!it.title || !it.body)
		return fz_fail(e, FZ_NOMEM, "", NULL);
	return ctx->st->ops->search_put(ctx->st, &it, e);
}

enum fz_err app_search_unindex(struct app_ctx *ctx, const char *kind, int64_t ref_id,
			       struct fz_error *e)
{
	return ctx->st->ops->search_remove(ctx->st, kind, ref_id, e);
}

/* The cursor is the last item's id in hexadecimal: opaque to clients, who
 * only hand it back; any other text is refused. */
static bool cursor_parse(const char *s, int64_t *id)
{
	uint64_t v = 0;
	size_t n = strlen(s);
	if (n < 1 || n > 15)
		return false;
	for (; *s; s++) {
		int d = *s >= '0' && *s <= '9' ? *s - '0' : *s >= 'a' && *s <= 'f' ? *s - 'a' + 10 : -1;
		if (d < 0)
			return false;
		v = v * 16 + (uint64_t)d;
	}
	*id = (int64_t)v;
	return v > 0;
}

static enum fz_err date_arg(const char *s, const char *field, char out[11], struct fz_error *e)
{
	out[0] = '\0';
	if (!s || !*s)
		return FZ_OK;
	if (search_day_key(s) < 0)
		return fz_fail(e, FZ_INVALID, field, "日期格式应为 YYYY-MM-DD（1970 年以后）");
	snprintf(out, 11, "%s", s);
	return FZ_OK;
}

static enum fz_err request_check(const struct search_request *rq, struct search_query *q,
				 struct fz_error *e)
{
	enum fz_err err;
	q->agency_id = rq->agency_id > 0 ? rq->agency_id : 0;
	q->kind = rq->kind && *rq->kind ? rq->kind : NULL;
	if (q->kind && !search_kind_label(q->kind))
		return fz_fail(e, FZ_INVALID, "kind", "公开事项类别无效");
	if ((err = date_arg(rq->from, "from", q->from, e)) ||
	    (err = date_arg(rq->to, "to", q->to, e)))
		return err;
	if (*q->from && *q->to && strcmp(q->from, q->to) > 0)
		return fz_fail(e, FZ_INVALID, "from", "起始日期不能晚于截止日期");
	if (rq->cursor && *rq->cursor && !cursor_parse(rq->cursor, &q->before))
		return fz_fail(e, FZ_INVALID, "cursor", "翻页参数无效，请从第一页重新搜索");
	q->budget_ms = rq->budget_ms < 0 ? 0 : rq->budget_ms ? rq->budget_ms : SEARCH_BUDGET_MS;
	q->limit = rq->limit > 0 ? rq->limit : SEARCH_DEFAULT_LIMIT;
	if (q->limit > 100)
		q->limit = 100;
	return FZ_OK;
}

/* The agency's name, looked up once per page for each agency. */
static const char *agency_name(struct app_ctx *ctx, const struct search_hit *hits, size_t n,
			       int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (hits[i].item.agency_id == id)
			return hits[i].agency_name;
	struct scope all = { .kind = SCOPE_ALL };
	struct agency ag;
	if (ctx->st->ops->agency_get(ctx->st, ctx->a, &all, id, &ag, NULL) == FZ_OK && ag.name)
		return ag.name;
	return "";
}

enum fz_err app_search_query(struct app_ctx *ctx, const struct search_request *rq,
			     struct search_result *out, struct fz_error *e)
{
	struct search_query q = { 0 };
	struct search_item_list list;
	memset(out, 0, sizeof *out);
	enum fz_err err = request_check(rq, &q, e);
	if (err)
		return err;
	search_terms_parse(rq->q, ctx->a, &out->terms);
	if (!out->terms.n)
		return FZ_OK;
	q.terms = &out->terms;
	if ((err = ctx->st->ops->search_query(ctx->st, ctx->a, &q, &list, e)))
		return err;
	out->hits = arena_calloc(ctx->a, list.n ? list.n : 1, sizeof *out->hits);
	if (!out->hits)
		return fz_fail(e, FZ_NOMEM, "", NULL);
	for (size_t i = 0; i < list.n; i++) {
		struct search_hit *h = &out->hits[i];
		h->item = list.items[i];
		h->kind_label = search_kind_label(h->item.kind);
		if (!h->kind_label)
			h->kind_label = "";
		h->agency_name = agency_name(ctx, out->hits, i, h->item.agency_id);
		h->title_marked = search_mark(ctx->a, h->item.title, &out->terms);
		const char *body = search_mark(ctx->a, h->item.body, &out->terms);
		h->snippet_marked = body ? search_snippet(ctx->a, body, SEARCH_SNIPPET_CHARS) : NULL;
		if (!h->title_marked || !h->snippet_marked)
			return fz_fail(e, FZ_NOMEM, "", NULL);
	}
	out->n = list.n;
	if (list.next_before > 0) {
		out->next_cursor = arena_printf(ctx->a, "%" PRIx64, (uint64_t)list.next_before);
		if (!out->next_cursor)
			return fz_fail(e, FZ_NOMEM, "", NULL);
		if (list.n < (size_t)q.limit)
			search_key_date(list.next_before, out->searched_from);
	}
	return FZ_OK;
}

enum fz_err app_search_agencies(struct app_ctx *ctx, struct agency_list *out,
				struct fz_error *e)
{
	struct scope all = { .kind = SCOPE_ALL };
	struct agency_filter f = { 0 };
	struct page pg = { .offset = 0, .limit = 200 };
	return ctx->st->ops->agency_list(ctx->st, ctx->a, &all, &f, pg, out, e);
}
