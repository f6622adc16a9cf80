/* jsonw.c - JSON straight into a buffer; see jsonw.h. */
#include "http/jsonw.h"

#include <inttypes.h>
#include <string.h>

#include "base/utf8.h"
#include "http/resp.h"

static void sep(struct jw *w)
{
	if (w->more)
		buf_addc(w->b, ',');
	w->more = true;
}

static void key(struct jw *w, const char *k)
{
	sep(w);
	buf_addc(w->b, '"');
	buf_adds(w->b, k);
	buf_add(w->b, "\":", 2);
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
	key(w, k);
	buf_addf(w->b, "%" PRId64, v);
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
