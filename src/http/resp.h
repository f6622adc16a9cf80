/* resp.h - building the answer to a request: JSON, HTML, redirects,
 * embedded files, errors, cookies and the security headers every answer
 * carries. Each answering function returns the status it set, so handlers
 * end with `return resp_json(r, 200, obj);`; a later answer replaces one. */
#ifndef FZ_HTTP_RESP_H
#define FZ_HTTP_RESP_H

#include <jansson.h>

#include "base/err.h"
#include "http/http.h"

/* Serialises obj (compact UTF-8) and takes the reference: the caller
 * must not json_decref it. NULL obj (a failed json_pack) answers 500. */
int resp_json(struct req *r, int status, json_t *obj);
/* 204 No Content (or any status without a body). */
int resp_empty(struct req *r, int status);
/* Sends the bytes of b as text/html; takes b's memory (b is left empty).
 * A failed b (out of memory, html_f misuse) answers 500. */
int resp_html(struct req *r, int status, struct buf *b);
/* Sends the bytes of b with content_type (a static string, e.g.
 * "text/csv; charset=utf-8"); takes b's memory as resp_html does. */
int resp_bytes(struct req *r, int status, const char *content_type, struct buf *b);
/* Sends size bytes of the open file fd with content_type (a static
 * string); takes fd (closed after sending, or when replaced). */
int resp_file(struct req *r, int status, const char *content_type, int fd, uint64_t size);
/* 303 See Other to location, which must be a local path ("/login?..."). */
int resp_redirect(struct req *r, const char *location);
/* Static bytes that outlive the request (embedded files); cacheable
 * tells the server to send a long Cache-Control instead of no-store. */
int resp_static(struct req *r, const char *content_type, const char *data, size_t len,
		bool cacheable);

/* JSON errors: {"error":{"code":"invalid","message":"…","field":"uscc"}};
 * "field" is left out when field is NULL or "". */
int resp_error_code(struct req *r, int status, const char *code, const char *field,
		    const char *message);
/* Status from fz_err_http_status(rc), code from fz_err_name(rc); message
 * NULL gives fz_err_message(rc). */
int resp_error(struct req *r, enum fz_err rc, const char *field, const char *message);
/* Same, taking field and message from e when e has a message. */
int resp_fail(struct req *r, enum fz_err rc, const struct fz_error *e);

/* An error as JSON for API requests or as a Chinese HTML page otherwise
 * (see req_is_api). The router and the server use these; handlers that
 * know their kind may call resp_error or page_error directly. */
int http_fail(struct req *r, int status, const char *code, const char *field,
	      const char *message);
int http_fail_fz(struct req *r, enum fz_err rc, const struct fz_error *e);

/* Adds a header (name and value are copied into the request arena). */
void resp_header(struct req *r, const char *name, const char *value);
/* Set-Cookie for the session token: HttpOnly; SameSite=Strict; Path=/;
 * Max-Age the absolute session lifetime; Secure when cfg->cookie_secure. */
void resp_cookie_set(struct req *r, const char *token);
/* Set-Cookie that removes the session cookie. */
void resp_cookie_clear(struct req *r);
/* The pre-session cookie of the sign-in form (fz_login, Path=/login, one
 * hour, HttpOnly, SameSite=Strict, Secure as above): see page_login.c. */
void resp_login_cookie_set(struct req *r, const char *value);
/* The 关怀版 preference (fz_care=1, Path=/, one year, SameSite=Lax, not
 * HttpOnly: it holds no secret); on false removes it. */
void resp_care_cookie_set(struct req *r, bool on);
/* path when it is a path on this site ("/x", not "//host" or "/\\host")
 * made only of URL characters, so safe in a Location header; else NULL. */
const char *resp_local_path(const char *path);
/* Adds X-Content-Type-Options, X-Frame-Options, Content-Security-Policy,
 * Referrer-Policy, Cache-Control (and HSTS with cookie_secure). Called by
 * the server just before sending. */
void resp_security_headers(struct req *r);
/* Frees the body of r->resp; called by the server after sending. */
void resp_release(struct resp *resp);

#endif
