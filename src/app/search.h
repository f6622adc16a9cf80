/* search.h - Chinese full-text search over what is published
 * (docs/SEARCH.md): the publication pipeline indexes and unindexes items,
 * anyone queries them. Terms are matched as search.h (domain) says,
 * results come newest first a page at a time with an opaque cursor, and
 * the matched words are marked in the title and a snippet of the body. */
#ifndef FZ_APP_SEARCH_H
#define FZ_APP_SEARCH_H

#include "app/app.h"
#include "domain/search.h"

/* Puts a published item in the index, replacing the item of the same kind
 * and ref_id. title and body are the published (already redacted) text.
 * No permission check: the caller, the publication pipeline, has decided
 * that the item is public. Runs in the caller's write transaction when
 * one is open, else commits on its own. FZ_INVALID naming the field:
 * an unknown kind, a date not YYYY-MM-DD from 1970, an empty title, text
 * that is not UTF-8. */
enum fz_err app_search_index(struct app_ctx *ctx, const char *kind, int64_t ref_id,
			     int64_t agency_id, const char *date, const char *title,
			     const char *body, struct fz_error *e) FZ_MUST_CHECK;
/* Takes the item out of the index (a withdrawal); FZ_OK when absent. */
enum fz_err app_search_unindex(struct app_ctx *ctx, const char *kind, int64_t ref_id,
			       struct fz_error *e) FZ_MUST_CHECK;

/* A search as received: strings as typed (NULL or "" = not given). */
struct search_request {
	const char *q;
	int64_t agency_id; /* 0 = every agency */
	const char *kind;
	const char *from, *to; /* YYYY-MM-DD, inclusive */
	const char *cursor;    /* from a previous page's next_cursor */
	int limit;             /* 1..100; 0 = 20 */
	int budget_ms;         /* work bound; 0 = SEARCH_BUDGET_MS, < 0 = none */
};

/* A search's work bound: its windows of years are sized to end within
 * it, and when not one more year is predicted to fit it answers with what
 * it found and a cursor to read on (docs/SEARCH.md, "Bounded work"). */
#define SEARCH_BUDGET_MS 20

struct search_hit {
	struct search_item item;
	const char *kind_label;
	const char *agency_name;   /* "" when the agency is gone */
	const char *title_marked;  /* SEARCH_MARK_OPEN/CLOSE around matches */
	const char *snippet_marked;
};

struct search_result {
	struct search_terms terms; /* what was searched for */
	struct search_hit *hits;
	size_t n;
	const char *next_cursor;   /* NULL on the last page */
	/* "" unless the work bound stopped the page before it was full:
	 * then every match published on or after this date is shown up to
	 * here, and next_cursor reads on before it. */
	char searched_from[11];
};

/* Runs a search for anyone (no sign-in). A query without any word (empty,
 * only punctuation) is FZ_OK with no terms and no hits: ask for words.
 * FZ_INVALID naming the field for an unknown kind (kind), a bad date
 * (from, to), from after to (from) or a cursor this server did not give
 * (cursor). Everything in ctx->a. */
enum fz_err app_search_query(struct app_ctx *ctx, const struct search_request *rq,
			     struct search_result *out, struct fz_error *e) FZ_MUST_CHECK;

/* Every agency (up to 200, by id), for the public search's filter:
 * agency names are public (事前公开), so no sign-in and no scope. */
enum fz_err app_search_agencies(struct app_ctx *ctx, struct agency_list *out,
				struct fz_error *e) FZ_MUST_CHECK;

#endif
