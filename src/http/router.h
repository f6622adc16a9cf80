/* router.h - the route table (data: one line per route in routes.c) and
 * the dispatcher that matches a request, resolves its session and runs the
 * gates (signed in, password change, role, CSRF) before any handler. */
#ifndef FZ_HTTP_ROUTER_H
#define FZ_HTTP_ROUTER_H

#include <stddef.h>

#include "app/authz.h"
#include "http/http.h"

struct stream_files;

enum route_flag {
	ROUTE_API = 1u << 0,       /* JSON in and out; errors as JSON */
	ROUTE_PAGE = 1u << 1,      /* HTML; errors as pages; POSTs are forms */
	ROUTE_STATIC = 1u << 2,    /* an embedded file */
	ROUTE_PW_EXEMPT = 1u << 3, /* open while the password must change */
	ROUTE_NO_SESSION = 1u << 4, /* never resolves the session (sign-in) */
	ROUTE_STREAM = 1u << 5,     /* body streamed to a file (server.c), not
	                             * buffered: r->upload. API: the body is
	                             * the file; PAGE: a multipart form whose
	                             * "file" part is streamed (stream_form.h) */
	ROUTE_MULTIPART = 1u << 6   /* PAGE: a small multipart form, buffered
	                             * like any form, its file part in
	                             * r->upload_data (multipart_form.h) */
};

struct route {
	const char *method;  /* "GET", "POST", "PUT", "PATCH", "DELETE" */
	const char *pattern; /* "/api/v1/agencies/{id}": {x} is an id > 0;
	                      * {x:str} is one segment of text (req_param_str) */
	enum perm perm;      /* checked before the handler runs */
	int (*handler)(struct req *r); /* returns the status it answered */
	unsigned flags;      /* enum route_flag */
	const char *summary; /* Chinese, for the API index and docs */
	/* ROUTE_STREAM page forms with several files (public attachments):
	 * before the body, fills the limits and the proof of origin of the
	 * files (stream_form.h) and may refuse (answering in r->resp, e.g. a
	 * rate limit); r->ctx has a store. A body that is not multipart is
	 * read as an ordinary form. NULL for every other route. */
	void (*files)(struct req *r, struct stream_files *fl);
};

extern const struct route http_routes[];
extern const size_t http_route_count;

/* Runs the whole pipeline for r (see above) and leaves the answer in
 * r->resp. r->ctx must hold a store; r->method, path, body, conn are set. */
void router_dispatch(struct req *r);

/* For the server, before it reads a body: when r names a route flagged
 * ROUTE_STREAM, runs the gates (session, password, role, CSRF) and
 * returns true, with r->resp set when a gate refused (a page form's CSRF
 * token is checked later: router_stream_csrf_ok); then the body is
 * streamed and router_dispatch runs as usual (gates again, handler).
 * False, answering nothing, for every other request. */
bool router_stream_check(struct req *r);

/* For a streamed page form (whose CSRF token is inside the body, so
 * router_stream_check cannot see it): whether the fields received so far
 * (r->form) carry the session's CSRF token. True when no cookie session
 * needs one. */
bool router_stream_csrf_ok(const struct req *r);

/* Records a refusal of r (route found, ctx with a store) in the audit
 * log, naming the object of the route's last {id}. */
void router_audit_denial(struct req *r, const char *why);

#endif
