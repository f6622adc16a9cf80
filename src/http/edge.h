/* edge.h - what the server refuses before a request reaches the router:
 * bodies framed two ways (request smuggling), control characters in the
 * raw path, and requests that take too long to arrive. server.c wires
 * these into libmicrohttpd; see docs/SECURITY.md, "The HTTP edge". */
#ifndef FZ_HTTP_EDGE_H
#define FZ_HTTP_EDGE_H

#include <microhttpd.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"

/* The Chinese reason why the request's body framing is refused, or NULL:
 * both Content-Length and Transfer-Encoding, two different
 * Content-Lengths, a transfer coding other than "chunked" alone. */
const char *edge_framing_refused(struct MHD_Connection *c);

/* True when the path of a raw request target (before '?') holds a
 * control character, as a byte or percent-encoded (%00-%1F, %7F). */
bool edge_path_has_control(const char *uri);

/* The deadline watcher: every connection is registered by
 * edge_on_connection (libmicrohttpd's MHD_OPTION_NOTIFY_CONNECTION, with
 * the watcher as its argument); a reaper thread shuts down the socket of
 * a request that has been arriving for longer than its limit. */
struct edge;

/* Starts the reaper; deadline_ms is every request's limit. */
enum fz_err edge_start(int64_t deadline_ms, struct edge **out, struct fz_error *e) FZ_MUST_CHECK;
/* Stops the reaper and frees; call after the daemon has stopped. NULL is
 * a no-op. */
void edge_stop(struct edge *ed);
int64_t edge_deadline_ms(const struct edge *ed);

void edge_on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
			enum MHD_ConnectionNotificationCode code);

/* The request on c has been answered (reading false: no limit until the
 * next one); or its next request begins (reading true: the clock
 * restarts); or, with limit_ms > 0, the request now being read may take
 * limit_ms in all (a streamed upload). */
void edge_request_phase(struct edge *ed, struct MHD_Connection *c, bool reading,
			int64_t limit_ms);

/* Raises the descriptor limit towards want (as far as the hard limit). */
void edge_fd_limit_raise(unsigned long want);

#endif
