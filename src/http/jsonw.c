/* jsonw.c - JSON straight into a buffer; see jsonw.h. */
#include "http/jsonw.h"

#include <inttypes.h>
#include <string.h>

#include "base/utf8.h"
#include "http/resp.h"

/* A member's key: `,"key":` in one append (lists write thousands). Keys
 * are our own short ASCII names. */
#define KEY_MAX 60

static size_t key_put(struct jw *w, const char *k, char *out)
{
	size_t n = 0, len = strlen(k);
	if (len > KEY_MAX)
		len = KEY_MAX;
	if (w->more)
		out[n++] = ',';
	w->more = true;
	out[n++] = '"';
	memcpy(out + n, k, len);
	n += len;
	out[n++] = '"';
	out[n++] = ':';
	return n;
}

static void key(struct jw *w, const char *k)
{
	char tmp[KEY_MAX + 4];
	buf_add(w->b, tmp, key_put(w, k, tmp));
}

/* v in decimal at out (at most 20 bytes); its length. */
static size_t int_put(int64_t v, char *out)
{
	char digits[20];
	size_t n = 0, len = 0;
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	do
		digits[n++] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		out[len++] = '-';
	while (n)
		out[len++] = digits[--n];
	return len;
}

/* A JSON string, escaped as jansson escapes it without flags. */
static void string(struct buf *b, const char *s)
{
	size_t len = strlen(s);
	if (!utf8_valid(s, len)) {
		b->failed = true;
		return;
	}
	buf_addc(b, '"');
	size_t run = 0; /* bytes of s[..i) not yet copied */
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		buf_add(b, s + run, i - run);
		run = i + 1;
		switch (c) {
		case '"': buf_add(b, "\\\"", 2); break;
		case '\\': buf_add(b, "\\\\", 2); break;
		case '\b': buf_add(b, "\\b", 2); break;
		case '\f': buf_add(b, "\\f", 2); break;
		case '\n': buf_add(b, "\\n", 2); break;
		case '\r': buf_add(b, "\\r", 2); break;
		case '\t': buf_add(b, "\\t", 2); break;
		default: buf_addf(b, "\\u%04X", c); break;
		}
	}
	buf_add(b, s + run, len - run);
	buf_addc(b, '"');
}

void jw_object(struct jw *w, struct buf *b)
{
	w->b = b;
	w->more = false;
	buf_addc(b, '{');
}

void jw_end(struct jw *w)
{
	buf_addc(w->b, '}');
}

void jw_str(struct jw *w, const char *k, const char *v)
{
	key(w, k);
	if (v)
		string(w->b, v);
	else
		buf_add(w->b, "null", 4);
}

void jw_int(struct jw *w, const char *k, int64_t v)
{
	char tmp[KEY_MAX + 4 + 21];
	size_t n = key_put(w, k, tmp);
	buf_add(w->b, tmp, n + int_put(v, tmp + n));
}

void jw_null(struct jw *w, const char *k)
{
	key(w, k);
	buf_add(w->b, "null", 4);
}

void jw_list_begin(struct buf *b)
{
	buf_adds(b, "{\"items\":[");
}

void jw_list_item(struct buf *b, size_t i)
{
	if (i)
		buf_addc(b, ',');
}

void jw_list_end(struct buf *b, int64_t total, struct page pg)
{
	buf_addf(b, "],\"total\":%" PRId64 ",\"offset\":%" PRId64 ",\"limit\":%d}", total,
		 pg.offset, pg.limit);
}

int resp_json_buf(struct req *r, int status, struct buf *b)
{
	return resp_bytes(r, status, "application/json; charset=utf-8", b);
}
