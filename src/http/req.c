/* req.c - read access to one request: query, headers, cookies, path and
 * form parameters, and the strict integer parser every numeric input
 * goes through. libmicrohttpd holds the parsed header and query values;
 * this file is the only place besides server.c that asks it for them. */
#include "http/http.h"

#include <microhttpd.h>
#include <string.h>

#include "base/num.h"
#include "app/session.h"
#include "base/utf8.h"
#include "http/form.h"
#include "http/router.h"

const char *req_query(struct req *r, const char *name)
{
	return r->conn ? MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name) : NULL;
}

const char *req_csrf(struct req *r)
{
	if (r->csrf_due && !r->csrf[0])
		app_csrf_token(r->token, r->csrf);
	return r->csrf;
}

const char *req_header(struct req *r, const char *name)
{
	return r->conn ? MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name) : NULL;
}

const char *req_cookie(struct req *r, const char *name)
{
	return r->conn ? MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name) : NULL;
}

int64_t req_param(const struct req *r, const char *name)
{
	for (size_t i = 0; i < r->nparams; i++)
		if (strcmp(r->param_names[i], name) == 0)
			return r->param_values[i];
	return 0;
}

const char *req_param_str(const struct req *r, const char *name)
{
	for (size_t i = 0; i < r->nparams; i++)
		if (strcmp(r->param_names[i], name) == 0)
			return r->param_texts[i];
	return NULL;
}

const char *req_form(const struct req *r, const char *name)
{
	return r->form ? form_get(r->form, name) : NULL;
}

bool req_is_api(const struct req *r)
{
	if (r->route)
		return (r->route->flags & ROUTE_API) != 0;
	return strncmp(r->path, "/api/", 5) == 0 || strcmp(r->path, "/api") == 0;
}

struct url_walk {
	struct buf *b;
	const char *skip;
	bool first;
};

static enum MHD_Result url_arg(void *cls, enum MHD_ValueKind kind, const char *key,
			       const char *value)
{
	struct url_walk *w = cls;
	(void)kind;
	if (w->skip && strcmp(key, w->skip) == 0)
		return MHD_YES;
	buf_addc(w->b, w->first ? '?' : '&');
	w->first = false;
	url_encode(w->b, key);
	if (value) {
		buf_addc(w->b, '=');
		url_encode(w->b, value);
	}
	return MHD_YES;
}

void req_url(struct req *r, struct buf *b, const char *skip)
{
	struct url_walk w = { b, skip, true };
	/* The path went through percent-decoding; encode it again except for
	 * the separators, so that the result is a usable URL. */
	for (const char *p = r->path; *p; p++) {
		if (*p == '/')
			buf_addc(b, '/');
		else {
			char one[2] = { *p, '\0' };
			url_encode(b, one);
		}
	}
	if (r->conn)
		MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, url_arg, &w);
}

struct each_walk {
	void (*fn)(void *cls, const char *name, const char *value);
	void *cls;
};

static enum MHD_Result each_arg(void *cls, enum MHD_ValueKind kind, const char *key,
				const char *value)
{
	struct each_walk *w = cls;
	(void)kind;
	w->fn(w->cls, key, value ? value : "");
	return MHD_YES;
}

void req_query_each(struct req *r, void (*fn)(void *cls, const char *name, const char *value),
		    void *cls)
{
	struct each_walk w = { fn, cls };
	if (r->conn)
		MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, each_arg, &w);
}

struct check_walk {
	const char *bad;
};

static enum MHD_Result check_arg(void *cls, enum MHD_ValueKind kind, const char *key,
				 size_t key_size, const char *value, size_t value_size)
{
	struct check_walk *w = cls;
	(void)kind;
	if (!utf8_valid(key, key_size) || (value && !utf8_valid(value, value_size))) {
		w->bad = utf8_valid(key, key_size) ? key : "query";
		return MHD_NO;
	}
	return MHD_YES;
}

const char *req_query_invalid(struct req *r)
{
	struct check_walk w = { NULL };
	if (r->conn)
		MHD_get_connection_values_n(r->conn, MHD_GET_ARGUMENT_KIND, check_arg, &w);
	return w.bad;
}

bool http_parse_int64(const char *s, int64_t min, int64_t max, int64_t *out)
{
	return num_parse_i64(s, min, max, out);
}
