/* jsonw.c - JSON straight into a buffer; see jsonw.h. */
#include "http/jsonw.h"

#include <string.h>

#include "base/num.h"
#include "base/utf8.h"
#include "http/resp.h"

/* A member's key: `,"key":` written at out, which has room for
 * key_size() bytes (lists write thousands: a member is one reservation).
 * Keys are our own short ASCII names. */
#define KEY_MAX 60

static size_t key_len(const char *k)
{
	size_t len = strlen(k);
	return len > KEY_MAX ? KEY_MAX : len;
}

static size_t key_size(const struct jw *w, size_t klen)
{
	return (w->more ? 1u : 0u) + klen + 3;
}

static size_t key_put(struct jw *w, const char *k, size_t klen, char *out)
{
	size_t n = 0;
	if (w->more)
		out[n++] = ',';
	w->more = true;
	out[n++] = '"';
	memcpy(out + n, k, klen);
	n += klen;
	out[n++] = '"';
	out[n++] = ':';
	return n;
}

static void key(struct jw *w, const char *k)
{
	char tmp[KEY_MAX + 4];
	buf_add(w->b, tmp, key_put(w, k, key_len(k), tmp));
}

/* What a byte asks of a string: ESC, escaped ('"', '\\', controls);
 * HIGH, part of a multi-byte character (the string's UTF-8 is checked).
 * Most strings have neither, or HIGH only: they are copied whole. */
enum { ESC = 1, HIGH = 2 };
static const unsigned char byte_class[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 00 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 10 */
	0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 20 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 30 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 40 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, /* 50 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 60 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 70 */
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, /* 80 */
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, /* 90 */
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, /* a0 */
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, /* b0 */
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, /* c0 */
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, /* d0 */
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, /* e0 */
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, /* f0 */
};

/* The length of s and the classes of its bytes, in one pass. */
static size_t scan(const char *s, unsigned *cls)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned acc = 0;
	size_t i = 0;
	for (; p[i]; i++)
		acc |= byte_class[p[i]];
	*cls = acc;
	return i;
}

/* A JSON string that needs escapes, escaped as jansson escapes it
 * without flags. */
static void string_escaped(struct buf *b, const char *s, size_t len)
{
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

/* A string member of len bytes of v (valid UTF-8), whose bytes are of
 * the classes cls. */
static void str_member(struct jw *w, const char *k, const char *v, size_t len, unsigned cls)
{
	if (cls & ESC) {
		key(w, k);
		string_escaped(w->b, v, len);
		return;
	}
	/* key, quotes and string in one reservation */
	size_t klen = key_len(k);
	char *out = buf_extend(w->b, key_size(w, klen) + len + 2);
	if (!out)
		return;
	out += key_put(w, k, klen, out);
	*out++ = '"';
	memcpy(out, v, len);
	out[len] = '"';
}

void jw_str(struct jw *w, const char *k, const char *v)
{
	if (!v) {
		jw_null(w, k);
		return;
	}
	unsigned cls;
	size_t len = scan(v, &cls);
	if ((cls & HIGH) && !utf8_valid(v, len)) {
		w->b->failed = true; /* jansson refuses it too */
		return;
	}
	str_member(w, k, v, len, cls);
}

/* A string of len bytes of v (valid UTF-8) of the classes cls, quoted. */
static void str_value(struct buf *b, const char *v, size_t len, unsigned cls)
{
	if (cls & ESC) {
		string_escaped(b, v, len);
		return;
	}
	buf_addc(b, '"');
	buf_add(b, v, len);
	buf_addc(b, '"');
}

/* The bytes of v that json_text keeps, and their classes in *cls. */
static size_t text_len(const char *v, unsigned *cls)
{
	size_t len = scan(v, cls);
	if ((*cls & HIGH) && !utf8_valid(v, len)) {
		/* At most three bytes of a cut character can dangle at the
		 * end (json_text's rule). */
		for (int n = 0; n < 4 && len > 0 && !utf8_valid(v, len); n++)
			len--;
		if (!utf8_valid(v, len))
			len = 0;
	}
	return len;
}

void jw_text(struct jw *w, const char *k, const char *v)
{
	if (!v) {
		jw_null(w, k);
		return;
	}
	unsigned cls;
	size_t len = text_len(v, &cls);
	str_member(w, k, v, len, cls);
}

void jw_text_keyed(struct jw *w, const char *k, const char *v)
{
	unsigned cls;
	size_t len = scan(k, &cls);
	if ((cls & HIGH) && !utf8_valid(k, len)) {
		w->b->failed = true; /* jansson refuses such a key */
		return;
	}
	if (!(cls & (ESC | HIGH)) && len <= KEY_MAX) {
		jw_text(w, k, v);
		return;
	}
	if (w->more)
		buf_addc(w->b, ',');
	w->more = true;
	str_value(w->b, k, len, cls);
	buf_addc(w->b, ':');
	if (!v) {
		buf_adds(w->b, "null");
		return;
	}
	size_t vlen = text_len(v, &cls);
	str_value(w->b, v, vlen, cls);
}

void jw_bool(struct jw *w, const char *k, bool v)
{
	char tmp[KEY_MAX + 4 + 5];
	size_t n = key_put(w, k, key_len(k), tmp);
	memcpy(tmp + n, v ? "true" : "false", v ? 4 : 5);
	buf_add(w->b, tmp, n + (v ? 4 : 5));
}

void jw_object_in(struct jw *w, const char *k, struct jw *inner)
{
	key(w, k);
	jw_object(inner, w->b);
}

void jw_int(struct jw *w, const char *k, int64_t v)
{
	char tmp[KEY_MAX + 4 + 21];
	size_t n = key_put(w, k, key_len(k), tmp);
	buf_add(w->b, tmp, n + num_format_i64(v, tmp + n));
}

void jw_null(struct jw *w, const char *k)
{
	char tmp[KEY_MAX + 4 + 4];
	size_t n = key_put(w, k, key_len(k), tmp);
	memcpy(tmp + n, "null", 4);
	buf_add(w->b, tmp, n + 4);
}

void jw_array_in(struct jw *w, const char *k, struct jw *items)
{
	key(w, k);
	buf_addc(w->b, '[');
	items->b = w->b;
	items->more = false;
}

void jw_item_object(struct jw *items, struct jw *inner)
{
	if (items->more)
		buf_addc(items->b, ',');
	items->more = true;
	jw_object(inner, items->b);
}

void jw_item_int(struct jw *items, int64_t v)
{
	char tmp[1 + NUM_I64_CHARS];
	size_t n = 0;
	if (items->more)
		tmp[n++] = ',';
	items->more = true;
	buf_add(items->b, tmp, n + num_format_i64(v, tmp + n));
}

void jw_array_end(struct jw *items)
{
	buf_addc(items->b, ']');
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

static void list_end(struct buf *b, int64_t total, const bool *more, struct page pg)
{
	char tmp[112];
	size_t n = 0;
	memcpy(tmp, "],\"total\":", 10);
	n = 10 + num_format_i64(total, tmp + 10);
	if (more) {
		const char *m = *more ? ",\"total_more\":true" : ",\"total_more\":false";
		size_t len = strlen(m);
		memcpy(tmp + n, m, len);
		n += len;
	}
	memcpy(tmp + n, ",\"offset\":", 10);
	n += 10;
	n += num_format_i64(pg.offset, tmp + n);
	memcpy(tmp + n, ",\"limit\":", 9);
	n += 9;
	n += num_format_i64(pg.limit, tmp + n);
	tmp[n++] = '}';
	buf_add(b, tmp, n);
}

void jw_list_end(struct buf *b, int64_t total, struct page pg)
{
	list_end(b, total, NULL, pg);
}

void jw_list_end_bounded(struct buf *b, int64_t total, bool more, struct page pg)
{
	list_end(b, total, &more, pg);
}

int resp_json_buf(struct req *r, int status, struct buf *b)
{
	return resp_bytes(r, status, "application/json; charset=utf-8", b);
}
