/* buf.h - a growable byte buffer with a sticky error and a size cap.
 *
 * Append freely; check buf_failed() once at the end (the SQLite way). Once
 * an append fails (no memory, or the cap would be passed) every later append
 * is a no-op, so the content is never half-written silently. */
#ifndef FZ_BASE_BUF_H
#define FZ_BASE_BUF_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

struct buf {
	char *data;  /* always NUL-terminated when len > 0 or after buf_cstr */
	size_t len;
	size_t cap;
	size_t max;  /* 0 = no cap */
	bool failed; /* sticky */
	bool too_large;
};

#define BUF_INIT { NULL, 0, 0, 0, false, false }

void buf_init(struct buf *b, size_t max);
void buf_add(struct buf *b, const void *data, size_t len);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
/* Room for exactly n more bytes at the end, for a writer that knows a
 * piece's size before writing it (one reservation instead of an append
 * per part): the length grows by n, the content stays NUL-terminated, and
 * the caller fills all n bytes at the pointer returned. NULL, with the
 * buffer failed, when they do not fit. */
char *buf_extend(struct buf *b, size_t n) FZ_MUST_CHECK;
void buf_addf(struct buf *b, const char *fmt, ...) FZ_PRINTF(2, 3);
void buf_vaddf(struct buf *b, const char *fmt, va_list ap) FZ_PRINTF(2, 0);
void buf_reset(struct buf *b); /* len = 0, keeps memory, clears the error */
/* The content as a C string; "" for an empty or failed buffer. Borrowed. */
const char *buf_cstr(struct buf *b);
/* Appends s (NULL = "") as one RFC 4180 field, quoted; a leading =, +,
 * -, @, TAB or CR is prefixed with ' so that a spreadsheet never runs a
 * value as a formula (OWASP CSV injection). */
void buf_csv_field(struct buf *b, const char *s);
static inline bool buf_failed(const struct buf *b) { return b->failed; }
/* FZ_OK, FZ_NOMEM or FZ_TOOLARGE. */
enum fz_err buf_status(const struct buf *b);
/* Hands the memory to the caller (free() it); leaves b empty. */
char *buf_detach(struct buf *b, size_t *len);
void buf_release(struct buf *b);

#endif
