/* pub_view.h - what the publication API, the open data downloads and the
 * portal pages share: the list filter read from the query (?agency_id=
 * &kind=&from=&to=&status=) and a publication as JSON. */
#ifndef FZ_HTTP_PUB_VIEW_H
#define FZ_HTTP_PUB_VIEW_H

#include <jansson.h>

#include "base/err.h"
#include "domain/publication.h"
#include "http/http.h"

/* Fills f from the query; FZ_INVALID naming the parameter (a date that
 * is not YYYY-MM-DD, from after to, an unknown kind or status). */
enum fz_err pub_filter_read(struct req *r, struct publication_filter *f, struct fz_error *e)
	FZ_MUST_CHECK;

/* {id, title, agency_id, agency, kind, status, number, decided_on,
 *  due_on, published_on, late, end_on, text, withdrawal{...}|null} and,
 *  with original set (signed-in reviewers only), original_title and
 *  original_text. NULL when out of memory. */
json_t *json_publication(const struct publication *p, bool original);

/* The case page's "公示" section: the case's publications with their
 * status, due date and links (nothing when it has none). */
void case_publication_section(struct req *r, struct buf *b, int64_t case_id);

/* Chinese label of a case kind value (行政处罚 ...). */
const char *pub_kind_label(const char *kind);

#endif
