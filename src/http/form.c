/* form.c - decoding of url-encoded form bodies and encoding of query
 * values. Decoding happens before anything else looks at a field, so a
 * handler never sees a half-decoded or non-UTF-8 string. */
#include "http/form.h"

#include <string.h>

#include "base/utf8.h"

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes s[0..len) into a new arena string; NULL with *bad set on a
 * malformed escape, NULL with *bad clear when out of memory. */
static char *decode(struct arena *a, const char *s, size_t len, size_t *out_len, bool *bad)
{
	char *out = arena_alloc(a, len + 1);
	size_t n = 0;

	*bad = false;
	if (!out)
		return NULL;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '+') {
			out[n++] = ' ';
		} else if (s[i] == '%') {
			int hi = i + 1 < len ? hex_value(s[i + 1]) : -1;
			int lo = i + 2 < len ? hex_value(s[i + 2]) : -1;
			if (hi < 0 || lo < 0) {
				*bad = true;
				return NULL;
			}
			out[n++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			out[n++] = s[i];
		}
	}
	out[n] = '\0';
	*out_len = n;
	return out;
}

enum fz_err form_parse(struct arena *a, const char *body, size_t len, struct form *out,
		       struct fz_error *e)
{
	size_t count = 0;

	out->fields = NULL;
	out->n = 0;
	if (!body || len == 0)
		return FZ_OK;
	for (size_t i = 0; i < len; i++)
		if (body[i] == '&')
			count++;
	if (count + 1 > FORM_MAX_FIELDS)
		return fz_fail(e, FZ_INVALID, NULL, "表单字段过多");
	out->fields = arena_calloc(a, count + 1, sizeof *out->fields);
	if (!out->fields)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);

	const char *p = body, *end = body + len;
	while (p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		const char *stop = amp ? amp : end;
		const char *eq = memchr(p, '=', (size_t)(stop - p));
		const char *name_end = eq ? eq : stop;
		size_t nlen = 0, vlen = 0;
		bool bad;

		if (stop == p) { /* "a=1&&b=2": skip the empty pair */
			p = stop + 1;
			continue;
		}
		char *name = decode(a, p, (size_t)(name_end - p), &nlen, &bad);
		char *value = name ? decode(a, eq ? eq + 1 : stop,
					    eq ? (size_t)(stop - eq - 1) : 0, &vlen, &bad)
				   : NULL;
		if (!name || !value) {
			if (bad)
				return fz_fail(e, FZ_INVALID, NULL, "表单内容编码错误");
			return fz_fail(e, FZ_NOMEM, NULL, NULL);
		}
		if (!utf8_valid(name, nlen) || !utf8_valid(value, vlen))
			return fz_fail(e, FZ_INVALID, utf8_valid(name, nlen) ? name : NULL,
				       "请求包含无效的 UTF-8 编码");
		out->fields[out->n].name = name;
		out->fields[out->n].value = value;
		out->n++;
		p = stop + 1;
	}
	return FZ_OK;
}

const char *form_get(const struct form *f, const char *name)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->fields[i].name, name) == 0)
			return f->fields[i].value;
	return NULL;
}

void url_encode(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned char c = *p;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~') {
			buf_addc(b, (char)c);
		} else {
			char esc[3] = { '%', hex[c >> 4], hex[c & 15] };
			buf_add(b, esc, 3);
		}
	}
}
