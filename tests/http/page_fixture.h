/* page_fixture.h - the demo county behind an in-process server, seen the
 * way a browser sees it: signed in with the session cookie, forms posted
 * url-encoded with (or deliberately without) the csrf field. */
#ifndef FZ_TESTS_HTTP_PAGE_FIXTURE_H
#define FZ_TESTS_HTTP_PAGE_FIXTURE_H

#include <stdbool.h>
#include <stdint.h>

#include "cli/demo.h"
#include "harness.h"

struct t_pages {
	struct t_server ts;
	struct demo_summary sum;
};

/* A signed-in browser: the cookie's token and the session's CSRF token. */
struct t_browser {
	char token[65];
	char csrf[65];
};

/* Starts the server and seeds the demo county. False after t_fail. */
bool t_pages_start(struct t_pages *p);
void t_pages_stop(struct t_pages *p);
/* Signs in a demo account (password DEMO_PASSWORD). False after t_fail. */
bool t_pages_login(struct t_pages *p, const char *username, struct t_browser *b);

/* GET path with the cookie of b (NULL: anonymous). */
struct http_resp t_page_get(struct t_pages *p, const struct t_browser *b, const char *path);
/* POST a form to path: name/value pairs ending in NULL, url-encoded here;
 * with_csrf (non-zero) adds the csrf field first. */
struct http_resp t_page_post(struct t_pages *p, const struct t_browser *b, const char *path,
			     int with_csrf, ...) __attribute__((sentinel));

/* Reads through the harness's own store connection (system-wide scope). */
int64_t t_pages_person(struct t_pages *p, int64_t agency_id, int nth); /* 0 when none */
int64_t t_pages_cert_id(struct t_pages *p, const char *number);      /* 0 when none */
int64_t t_pages_case_id(struct t_pages *p, const char *title);       /* 0 unless one */
/* The latest publication of case_id in status (enum pub_status; -1 any),
 * 0 when none. */
int64_t t_pages_publication_of(struct t_pages *p, int64_t case_id, int status);
int64_t t_pages_cert_of_agency(struct t_pages *p, int64_t agency_id);
const char *t_pages_cert_status(struct t_pages *p, int64_t cert_id); /* "valid" ... */
int64_t t_pages_count(struct t_pages *p, const char *what); /* "agencies", "people",
							      * "users", "certificates" */
int64_t t_pages_user_id(struct t_pages *p, const char *username);
/* The id of the newest audit record with action, 0 when none. */
int64_t t_pages_audit_id(struct t_pages *p, const char *action);

#endif
