/* paging.h - list pagination by offset and limit (?offset=40&limit=20;
 * offset >= 0, default 0; limit 1..200, default 20) and the list envelope
 * {"items":[...],"total":N,"offset":40,"limit":20}. */
#ifndef FZ_HTTP_PAGING_H
#define FZ_HTTP_PAGING_H

#include <jansson.h>

#include "base/err.h"
#include "http/http.h"
#include "store/store.h"

#define PAGING_DEFAULT_LIMIT 20
#define PAGING_MAX_LIMIT 200
#define PAGING_MAX_OFFSET 1000000000LL

/* Reads offset and limit from the query into out. FZ_INVALID naming the
 * field ("offset" or "limit") when a value is not a plain integer in its
 * range. */
enum fz_err paging_from_query(struct req *r, struct page *out, struct fz_error *e)
	FZ_MUST_CHECK;

/* Answers 200 with the list envelope; takes the reference to items (a
 * JSON array). */
int resp_list(struct req *r, json_t *items, int64_t total, struct page pg);
/* The same with "total_more" (a count that stopped at page.count_max). */
int resp_list_bounded(struct req *r, json_t *items, int64_t total, bool more, struct page pg);

#endif
