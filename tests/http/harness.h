/* harness.h - an in-process fazhi HTTP server on 127.0.0.1 and an ephemeral
 * port, over a fresh database in a temporary directory, plus a small
 * libcurl client. Tests seed accounts straight through the store. */
#ifndef FZ_TESTS_HTTP_HARNESS_H
#define FZ_TESTS_HTTP_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "http/server.h"

struct t_server {
	const char *dir;
	char db[512];
	char data_dir[512]; /* <dir>/data: evidence files, documents, key */
	struct app_config cfg;
	struct http_server *srv;
	int port;
	struct store *st;  /* the harness's own connection: seeding, checks */
	struct arena *a;
};

struct http_resp {
	long status;    /* 0 when the request failed at the transport */
	char *body;     /* NUL-terminated, never NULL */
	char *headers;  /* raw response headers, never NULL */
	size_t body_len; /* the body's length (a PDF holds NUL bytes) */
};

/* Creates the database, starts the server. False (after t_fail) on error. */
bool t_server_start(struct t_server *ts);
/* The same over a copy of what a stopped test server left in template_dir
 * (its database and data directory): see t_demo_server_start. */
bool t_server_start_from(struct t_server *ts, const char *template_dir);
/* Copies the tree src (files and directories, with their permission
 * bits) into the existing directory dst. */
bool t_copy_tree(const char *src, const char *dst);
void t_server_stop(struct t_server *ts);
/* Stops the server and starts it again on a new port over the same
 * database and ts->cfg (change it in between), its connections with
 * the given busy timeout (0 = the store's default). */
bool t_server_restart(struct t_server *ts, int busy_timeout_ms);

/* Inserts an account through the store; returns its id (0 on failure). */
int64_t t_server_user(struct t_server *ts, const char *username, const char *password,
		      unsigned roles, bool must_change_password);

/* One request. token (may be NULL) goes in "Authorization: Bearer". */
struct http_resp t_http(struct t_server *ts, const char *method, const char *path,
			const char *token, const char *content_type, const char *body);
/* Same with the token in the fz_session cookie and, when csrf is not
 * NULL, an X-CSRF-Token header. */
struct http_resp t_http_cookie(struct t_server *ts, const char *method, const char *path,
			       const char *token, const char *content_type, const char *body,
			       const char *csrf);

/* Everything the two above can do, and more. */
struct t_req {
	const char *method;
	const char *path;
	const char *bearer;
	const char *cookie_token;
	const char *csrf_header;
	const char *content_type;
	const char *body;
	size_t body_len;       /* 0: strlen(body) */
	bool chunked;          /* send the body without Content-Length */
	bool expect_continue;  /* send "Expect: 100-continue" */
	const char *source;    /* bind to this local address ("127.0.0.2") */
	const char *cookie;    /* a raw Cookie header value (not with cookie_token) */
	const char *origin;    /* an Origin header */
};
struct http_resp t_http_req(struct t_server *ts, const struct t_req *rq);
void t_resp_free(struct http_resp *r);

/* Signs in through POST /api/v1/session; writes the token and CSRF token
 * (65 bytes each). False when the answer was not 201. */
bool t_login(struct t_server *ts, const char *username, const char *password,
	     char token[65], char csrf[65]);
/* Number of audit records. */
int64_t t_audit_count(struct t_server *ts);
/* The value of response header name (case-insensitive), in out; "" when
 * absent. Returns out. */
const char *t_header(const struct http_resp *r, const char *name, char *out, size_t n);

/* Raw sockets, for what curl will not send. A TCP connection to
 * 127.0.0.1:port from source (NULL: any local address; any of
 * 127.0.0.0/8 binds on Linux), -1 on failure. */
int t_raw_connect(int port, const char *source);
bool t_raw_send(int fd, const char *data, size_t n);
/* Reads until the server closes (true) or nothing comes for wait_ms
 * (false); what came is in out (NUL-terminated, cut at n - 1 bytes). */
bool t_raw_read_to_close(int fd, char *out, size_t n, int wait_ms);

#endif
