/* html.h - HTML output with escaping on by default: html_f() is printf
 * whose format is trusted markup and whose %s arguments are all escaped;
 * raw output needs html_raw(), so trusted literals are easy to review. */
#ifndef FZ_HTTP_HTML_H
#define FZ_HTTP_HTML_H

#include <stdarg.h>

#include "base/buf.h"
#include "base/err.h"

/* Supports %s (escaped; NULL prints nothing), %c (escaped), %d %i %u,
 * %ld %li %lu, %lld %lli %llu, %zu %zd and %%. No width or precision:
 * any other conversion marks b failed (a bug the tests catch). */
void html_f(struct buf *b, const char *fmt, ...) FZ_PRINTF(2, 3);
void html_vf(struct buf *b, const char *fmt, va_list ap) FZ_PRINTF(2, 0);
/* Appends s escaped: & < > " ' become entities. NULL appends nothing. */
void html_esc(struct buf *b, const char *s);
/* Appends s unescaped. Only for trusted literals and markup already
 * built with html_f(). */
void html_raw(struct buf *b, const char *s);

#endif
