/* search_kit.h - what the public search page and API share: reading the
 * query string into a search request, and showing marked matches (the
 * text escaped first, then the marks turned into <mark>). */
#ifndef FZ_HTTP_SEARCH_KIT_H
#define FZ_HTTP_SEARCH_KIT_H

#include "app/search.h"
#include "base/buf.h"
#include "http/http.h"

/* ?q=&agency=&kind=&from=&to=&cursor=&limit= into rq (strings borrowed
 * from r). FZ_INVALID naming the parameter for an agency or limit that is
 * not a number in range; the rest is app_search_query's to judge. */
enum fz_err search_request_read(struct req *r, struct search_request *rq, struct fz_error *e)
	FZ_MUST_CHECK;

/* marked text as HTML: every character escaped, each marked run inside
 * <mark>...</mark>. */
void search_marked_html(struct buf *b, const char *marked);
/* marked text without its marks, in the request arena ("" on no memory). */
const char *search_marked_plain(struct req *r, const char *marked);

#endif
