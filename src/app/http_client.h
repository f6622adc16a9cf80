/* http_client.h - the small HTTP client the ledger needs (libcurl): the
 * witness fetching checkpoints and proofs and handing in cosignatures,
 * and the log asking an RFC 3161 authority for time-stamps. Answers up
 * to 1 MiB, 30 s timeouts, http and https only. */
#ifndef FZ_APP_HTTP_CLIENT_H
#define FZ_APP_HTTP_CLIENT_H

#include <stddef.h>

#include "base/buf.h"
#include "base/err.h"

/* GET url (body NULL) or POST body (len bytes, content_type) to url; the
 * answer into out (reset first), *status its HTTP status. FZ_IO with a
 * Chinese reason naming url when no answer came. */
enum fz_err app_http_request(const char *url, const char *content_type, const void *body,
			     size_t len, struct buf *out, long *status, struct fz_error *e)
	FZ_MUST_CHECK;

#endif
