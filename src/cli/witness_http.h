/* witness_http.h - the little HTTP client `fazhi witness` needs (libcurl):
 * a GET and a JSON POST, bodies up to 1 MiB, 30 s timeouts. */
#ifndef FZ_CLI_WITNESS_HTTP_H
#define FZ_CLI_WITNESS_HTTP_H

#include "base/buf.h"
#include "base/err.h"

/* Fetches url into out (which it resets); *status gets the HTTP status.
 * FZ_IO with a Chinese reason when no answer came. */
enum fz_err witness_http_get(const char *url, struct buf *out, long *status,
			     struct fz_error *e) FZ_MUST_CHECK;
/* POSTs json (application/json) to url; the answer into out. */
enum fz_err witness_http_post(const char *url, const char *json, struct buf *out, long *status,
			      struct fz_error *e) FZ_MUST_CHECK;

#endif
