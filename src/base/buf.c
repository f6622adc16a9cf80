/* buf.c - growable buffer with sticky error; see buf.h. */
#include "base/buf.h"
#include "base/fault.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_init(struct buf *b, size_t max)
{
	memset(b, 0, sizeof *b);
	b->max = max;
}

static bool buf_grow(struct buf *b, size_t extra)
{
	/* the common case, an append that fits, in one test */
	if (!b->failed && extra < b->cap - b->len && (!b->max || b->len + extra <= b->max))
		return true;
	if (b->failed)
		return false;
	if (extra > SIZE_MAX - b->len - 1 || (b->max && b->len + extra > b->max)) {
		b->failed = true;
		b->too_large = true;
		return false;
	}
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return true;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	char *p = fault_alloc_fails() ? NULL : realloc(b->data, cap);
	if (!p) {
		b->failed = true;
		return false;
	}
	b->data = p;
	b->cap = cap;
	return true;
}

void buf_add(struct buf *b, const void *data, size_t len)
{
	if (!buf_grow(b, len))
		return;
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

char *buf_extend(struct buf *b, size_t n)
{
	if (!buf_grow(b, n))
		return NULL;
	char *p = b->data + b->len;
	b->len += n;
	b->data[b->len] = '\0';
	return p;
}

void buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void buf_vaddf(struct buf *b, const char *fmt, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0) {
		b->failed = true;
		return;
	}
	if (!buf_grow(b, (size_t)n))
		return;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	b->failed = false;
	b->too_large = false;
	if (b->data)
		b->data[0] = '\0';
}

const char *buf_cstr(struct buf *b)
{
	if (b->failed || !b->data)
		return "";
	return b->data;
}

enum fz_err buf_status(const struct buf *b)
{
	if (!b->failed)
		return FZ_OK;
	return b->too_large ? FZ_TOOLARGE : FZ_NOMEM;
}

char *buf_detach(struct buf *b, size_t *len)
{
	char *p = b->data;
	if (len)
		*len = b->len;
	if (!p)
		p = calloc(1, 1);
	memset(b, 0, sizeof *b);
	return p;
}

void buf_release(struct buf *b)
{
	free(b->data);
	memset(b, 0, sizeof *b);
}

void buf_csv_field(struct buf *b, const char *s)
{
	s = s ? s : "";
	buf_addc(b, '"');
	if (*s && strchr("=+-@\t\r", *s))
		buf_addc(b, '\'');
	for (; *s; s++) {
		if (*s == '"')
			buf_addc(b, '"');
		buf_addc(b, *s);
	}
	buf_addc(b, '"');
}
