/* server.h - the HTTP server: libmicrohttpd with an internal thread pool,
 * storage connections opened once at start and lent to each request while
 * its handler runs (no lock across a request, no KDF or database open per
 * request), and one log line per request on stderr. */
#ifndef FZ_HTTP_SERVER_H
#define FZ_HTTP_SERVER_H

#include "app/app.h"
#include "base/err.h"

struct http_config {
	const char *listen_addr;     /* "127.0.0.1" (IPv4 or IPv6 literal) */
	int port;                    /* 0 = an ephemeral port */
	int threads;                 /* worker threads = storage connections */
	const char *db_path;
	const struct app_config *app; /* borrowed; must outlive the server */
	/* How long one request's head and body may take to arrive, however
	 * busy the client keeps the line (0 = HTTP_REQUEST_DEADLINE_MS);
	 * a streamed upload gets more in proportion to its size. */
	int request_deadline_ms;
	/* Connections one client address may hold (0 = 32). Behind a reverse
	 * proxy every client has the proxy's address: raise it there and
	 * let the proxy limit per client. */
	int per_address_connections;
	/* How long a storage connection waits for another's lock before the
	 * app retries (0 = STORE_BUSY_TIMEOUT_MS); app_config.write_wait_ms
	 * bounds the whole wait of a request. */
	int busy_timeout_ms;
};

#define HTTP_REQUEST_DEADLINE_MS 30000

struct http_server;

/* Opens the storage pool and starts listening. On success *out is the
 * running server (stop it with http_server_stop). FZ_INVALID for a bad
 * address or thread count, FZ_IO when the port cannot be bound, or the
 * storage pool's error. */
enum fz_err http_server_start(const struct http_config *cfg, struct http_server **out,
			      struct fz_error *e) FZ_MUST_CHECK;
/* The server's export worker (app/export_job.h), for tests that hold
 * it; it lives as long as the server. */
struct export_runner *http_server_exports(struct http_server *s);
/* How many answers had status 500 so far, counted before the answer
 * is sent (the fuzzer's check: never one, whatever the request). */
long long http_server_errors(struct http_server *s);
/* The port actually bound (useful with port 0). */
int http_server_port(struct http_server *s);
/* Stops accepting, lets requests in flight finish (up to a few seconds),
 * stops the threads and frees everything. NULL is a no-op. */
void http_server_stop(struct http_server *s);

#endif
