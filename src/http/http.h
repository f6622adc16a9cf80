/* http.h - one HTTP request as a handler sees it: method, path and its
 * parameters, query, headers, body, the app context with the signed-in
 * user, and the response being built (resp.h builds it). Everything here
 * was validated once, by the server and the router, before the handler. */
#ifndef FZ_HTTP_HTTP_H
#define FZ_HTTP_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "app/session.h"
#include "base/arena.h"
#include "base/buf.h"

#define REQ_MAX_PARAMS 4
#define REQ_PARAM_TEXT_MAX 64 /* bytes of a {name:str} path segment */

/* Upload limits: a body over its limit is answered 413 and never read. */
#define HTTP_API_BODY_MAX (1024 * 1024) /* paths under /api/ */
#define HTTP_FORM_BODY_MAX (64 * 1024)  /* everything else (form posts) */
/* A request head (request line and headers) at least this long is read
 * (the connection's memory, http/server.c, holds about 15 KiB of head);
 * a much longer one is refused by libmicrohttpd with 431. */
#define HTTP_HEAD_MAX (12 * 1024)

#define HTTP_SESSION_COOKIE "fz_session"
#define HTTP_LOGIN_COOKIE "fz_login" /* the sign-in form's pre-session token */
#define HTTP_CARE_COOKIE "fz_care"   /* "1": the 关怀版 (page_care.c) */

struct MHD_Connection;
struct route;
struct form;
struct json_t;
struct evidence_upload;

/* One extra response header; kept in the request arena. */
struct resp_header {
	const char *name;
	const char *value;
	struct resp_header *next;
};

/* The response a handler builds. Exactly one of body and fixed is sent. */
struct resp {
	int status;               /* 0 until a resp_* function sets it */
	const char *content_type; /* static string */
	struct buf body;          /* owned by the request; the server frees it */
	const char *fixed;        /* static bytes sent instead of body */
	size_t fixed_len;
	bool cacheable;           /* static asset: long cache, not no-store */
	struct resp_header *headers;
	bool has_file;            /* send file_fd (resp_file) instead */
	int file_fd;              /* owned: closed once sent or replaced */
	uint64_t file_size;
};

struct req {
	const char *method;        /* "GET", "POST" ... ("HEAD" routes as GET) */
	const char *path;          /* decoded path without the query */
	const struct route *route; /* set by the router; NULL before */
	size_t nparams;            /* {name} segments of the route pattern */
	const char *param_names[REQ_MAX_PARAMS];
	int64_t param_values[REQ_MAX_PARAMS]; /* {name}: each > 0; {name:str}: 0 */
	const char *param_texts[REQ_MAX_PARAMS]; /* the segment as sent (arena) */

	const char *body;          /* NUL-terminated; "" when none */
	size_t body_len;
	const char *client_addr;   /* "127.0.0.1", "::1" */

	struct arena *a;           /* freed when the request completes */
	struct app_ctx ctx;        /* store, clock, user (NULL = anonymous) */
	const char *token;         /* session token as sent, NULL = none */
	bool token_from_cookie;    /* true: cookie; false: Authorization */
	const char *auth_failure;  /* why a token was refused ("登录已超时…"),
	                            * NULL when none was sent or it was good */
	char csrf[SESSION_CSRF_HEX]; /* CSRF token of the session: read it
	                            * with req_csrf (filled on first use) */
	bool csrf_due;             /* the session is good: req_csrf fills csrf */

	struct evidence_upload *upload; /* ROUTE_STREAM: the body, received into
	                            * a temporary file (app/evidence.h) and
	                            * digested; NULL otherwise */
	const char *upload_name;   /* a page upload (stream_form.h): the file
	                            * part's file name as the browser sent it */
	const char *upload_type;   /* ... and its media type, NULL if none */
	const char *upload_data;   /* a ROUTE_MULTIPART form (multipart_form.h):
	                            * the file part's bytes (NUL-terminated
	                            * after upload_len), NULL when none */
	size_t upload_len;
	struct evidence_upload *files; /* a page form with several files
	                            * (route->files, stream_form.h): the
	                            * finished uploads, nfiles of them, with
	                            * the names the browser sent */
	const char **file_names;
	size_t nfiles;
	enum fz_err files_err;     /* a file refused while received (too many,
	                            * too large), with files_e: the handler
	                            * answers with its form, nothing kept */
	const struct fz_error *files_e;
	struct form *form;         /* the posted form of a page POST, or NULL */
	struct json_t *json;       /* parsed body (jsonin.h); released by server */

	struct resp resp;
	struct export_runner *exports; /* the server's export worker
	                              * (app/export_job.h), NULL without one */
	struct MHD_Connection *conn; /* private to server.c and req.c; NULL in
	                              * unit tests: no query, headers, cookies */
};

/* A query parameter (already percent-decoded and UTF-8 checked by the
 * router), or NULL when absent. Borrowed until the request completes. */
const char *req_query(struct req *r, const char *name);
/* A request header (name is case-insensitive), or NULL. Borrowed. */
const char *req_header(struct req *r, const char *name);
/* A cookie, or NULL. Borrowed. */
const char *req_cookie(struct req *r, const char *name);
/* The CSRF token of the request's session, "" when there is none.
 * Computed (a SHA-256) on first use only: most API requests never show
 * it. Borrowed. */
const char *req_csrf(struct req *r);
/* The value of path parameter {name}; the router has checked it is a
 * positive int64. 0 when the route has no such parameter. */
int64_t req_param(const struct req *r, const char *name);
/* The text of path parameter {name:str} (or of an {name} one): the
 * router has checked it is 1..REQ_PARAM_TEXT_MAX bytes of valid UTF-8
 * without control characters. NULL when the route has no such parameter.
 * Borrowed until the request completes. */
const char *req_param_str(const struct req *r, const char *name);
/* A field of the posted form (page POST), or NULL when absent. */
const char *req_form(const struct req *r, const char *name);
/* True when the request is for the JSON API (route flag ROUTE_API, or a
 * path under /api/ when no route matched). */
bool req_is_api(const struct req *r);
/* Appends path plus query string (re-encoded), leaving out parameter
 * skip (may be NULL). Used for ?next= and pagination links. */
void req_url(struct req *r, struct buf *b, const char *skip);
/* Calls fn for each query parameter in the order given (value "" when
 * absent); nothing for a request without a connection. */
void req_query_each(struct req *r, void (*fn)(void *cls, const char *name, const char *value),
		    void *cls);
/* The first invalid query parameter name, or NULL when every name and
 * value is well-formed UTF-8 without NUL. */
const char *req_query_invalid(struct req *r);

/* Strict decimal parser shared by path, query and form input: digits only
 * (one leading '-' when min < 0), no spaces, no '+', no leading zeros,
 * no overflow, min <= value <= max. */
bool http_parse_int64(const char *s, int64_t min, int64_t max, int64_t *out);

#endif
