/* resp.c - response building. Bodies live in a struct buf that the server
 * hands to libmicrohttpd; headers are a list in the request arena. All
 * policy about what every response must carry is in this one file. */
#include "http/resp.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>


static void resp_clear_body(struct req *r)
{
	buf_release(&r->resp.body);
	if (r->resp.has_file)
		close(r->resp.file_fd);
	r->resp.has_file = false;
	r->resp.fixed = NULL;
	r->resp.fixed_len = 0;
	r->resp.cacheable = false;
}

static int dump_cb(const char *data, size_t size, void *cls)
{
	struct buf *b = cls;
	buf_add(b, data, size);
	return buf_failed(b) ? -1 : 0;
}

int resp_json(struct req *r, int status, json_t *obj)
{
	resp_clear_body(r);
	if (!obj)
		return resp_error(r, FZ_NOMEM, NULL, NULL);
	int rc = json_dump_callback(obj, dump_cb, &r->resp.body,
				    JSON_COMPACT | JSON_ENCODE_ANY);
	json_decref(obj);
	if (rc != 0 || buf_failed(&r->resp.body)) {
		resp_clear_body(r);
		r->resp.status = 500;
		r->resp.content_type = "text/plain; charset=utf-8";
		return 500;
	}
	r->resp.status = status;
	r->resp.content_type = "application/json; charset=utf-8";
	return status;
}

int resp_empty(struct req *r, int status)
{
	resp_clear_body(r);
	r->resp.status = status;
	r->resp.content_type = NULL;
	return status;
}

int resp_html(struct req *r, int status, struct buf *b)
{
	resp_clear_body(r);
	if (buf_failed(b)) {
		buf_release(b);
		return resp_error(r, FZ_INTERNAL, NULL, NULL);
	}
	if (b != &r->resp.body) {
		r->resp.body = *b;
		buf_init(b, 0);
	}
	r->resp.status = status;
	r->resp.content_type = "text/html; charset=utf-8";
	return status;
}

int resp_bytes(struct req *r, int status, const char *content_type, struct buf *b)
{
	int rc = resp_html(r, status, b);
	if (rc == status)
		r->resp.content_type = content_type;
	return rc;
}

int resp_file(struct req *r, int status, const char *content_type, int fd, uint64_t size)
{
	resp_clear_body(r);
	r->resp.has_file = true;
	r->resp.file_fd = fd;
	r->resp.file_size = size;
	r->resp.status = status;
	r->resp.content_type = content_type;
	return status;
}

int resp_redirect(struct req *r, const char *location)
{
	resp_clear_body(r);
	resp_header(r, "Location", location);
	r->resp.status = 303;
	r->resp.content_type = NULL;
	return 303;
}

int resp_static(struct req *r, const char *content_type, const char *data, size_t len,
		bool cacheable)
{
	resp_clear_body(r);
	r->resp.fixed = data;
	r->resp.fixed_len = len;
	r->resp.cacheable = cacheable;
	r->resp.status = 200;
	r->resp.content_type = content_type;
	return 200;
}

int resp_error_code(struct req *r, int status, const char *code, const char *field,
		    const char *message)
{
	json_t *err = json_pack("{s:s, s:s}", "code", code, "message", message ? message : "");
	if (err && field && *field)
		json_object_set_new(err, "field", json_string(field));
	json_t *obj = err ? json_pack("{s:o}", "error", err) : NULL;
	if (!obj) {
		/* Out of memory while reporting an error: a bare status. */
		resp_clear_body(r);
		r->resp.status = status;
		r->resp.content_type = NULL;
		return status;
	}
	return resp_json(r, status, obj);
}

int resp_error(struct req *r, enum fz_err rc, const char *field, const char *message)
{
	return resp_error_code(r, fz_err_http_status(rc), fz_err_name(rc), field,
			       message ? message : fz_err_message(rc));
}

int resp_fail(struct req *r, enum fz_err rc, const struct fz_error *e)
{
	if (e && e->message[0])
		return resp_error(r, rc, e->field, e->message);
	return resp_error(r, rc, NULL, NULL);
}

/* Appends a header whose strings live as long as the request. */
static void header_add(struct req *r, const char *name, const char *value)
{
	struct resp_header *h = arena_alloc(r->a, sizeof *h);
	if (!h || !name || !value)
		return;
	h->name = name;
	h->value = value;
	/* Keep the order in which headers were added. */
	struct resp_header **p = &r->resp.headers;
	while (*p)
		p = &(*p)->next;
	*p = h;
}

void resp_header(struct req *r, const char *name, const char *value)
{
	header_add(r, arena_strdup(r->a, name), arena_strdup(r->a, value));
}

static bool cookie_secure(const struct req *r)
{
	return r->ctx.cfg && r->ctx.cfg->cookie_secure;
}

void resp_cookie_set(struct req *r, const char *token)
{
	char v[256];
	int max_age = r->ctx.cfg ? r->ctx.cfg->session_max_seconds : 43200;
	snprintf(v, sizeof v, "%s=%s; Path=/; Max-Age=%d; HttpOnly; SameSite=Strict%s",
		 HTTP_SESSION_COOKIE, token, max_age, cookie_secure(r) ? "; Secure" : "");
	resp_header(r, "Set-Cookie", v);
}

void resp_cookie_clear(struct req *r)
{
	char v[160];
	snprintf(v, sizeof v, "%s=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict%s",
		 HTTP_SESSION_COOKIE, cookie_secure(r) ? "; Secure" : "");
	resp_header(r, "Set-Cookie", v);
}

void resp_login_cookie_set(struct req *r, const char *value)
{
	char v[200];
	snprintf(v, sizeof v, "%s=%s; Path=/login; Max-Age=3600; HttpOnly; SameSite=Strict%s",
		 HTTP_LOGIN_COOKIE, value, cookie_secure(r) ? "; Secure" : "");
	resp_header(r, "Set-Cookie", v);
}

void resp_care_cookie_set(struct req *r, bool on)
{
	char v[160];
	snprintf(v, sizeof v, "%s=%s; Path=/; Max-Age=%d; SameSite=Lax%s", HTTP_CARE_COOKIE,
		 on ? "1" : "", on ? 31536000 : 0, cookie_secure(r) ? "; Secure" : "");
	resp_header(r, "Set-Cookie", v);
}

const char *resp_local_path(const char *path)
{
	/* req_url percent-encodes everything else, so "/\\host" and spaces
	 * never pass. */
	static const char url_chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
					"0123456789-._~!$&'()*+,;=:@/?%";
	if (!path || path[0] != '/' || path[1] == '/' || strlen(path) > 1024 ||
	    path[strspn(path, url_chars)] != '\0')
		return NULL;
	return path;
}

/* Constant strings: added without copies. */
void resp_security_headers(struct req *r)
{
	header_add(r, "X-Content-Type-Options", "nosniff");
	header_add(r, "X-Frame-Options", "DENY");
	/* Scripts and styles only from our own /static/ (never inline), no
	 * framing, forms post only here. */
	header_add(r, "Content-Security-Policy",
		   "default-src 'self'; object-src 'none'; base-uri 'none'; "
		   "form-action 'self'; frame-ancestors 'none'");
	header_add(r, "Referrer-Policy", "same-origin");
	if (r->resp.cacheable)
		header_add(r, "Cache-Control", "public, max-age=31536000, immutable");
	else
		header_add(r, "Cache-Control", "no-store");
	if (cookie_secure(r))
		header_add(r, "Strict-Transport-Security", "max-age=31536000");
}

void resp_release(struct resp *resp)
{
	buf_release(&resp->body);
	if (resp->has_file)
		close(resp->file_fd);
	resp->has_file = false;
}
