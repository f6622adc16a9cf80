/* utf8.h - strict UTF-8 checks for text that comes from outside.
 *
 * Every string from a form, a file or the command line is checked with
 * utf8_valid() before it is stored or compared. */
#ifndef FZ_BASE_UTF8_H
#define FZ_BASE_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* True when the len bytes at s are well-formed UTF-8 (RFC 3629): no
 * overlong forms, no UTF-16 surrogates (U+D800..U+DFFF), nothing above
 * U+10FFFF, no truncated sequence at the end, and no NUL byte anywhere
 * (a NUL would cut the text short in C and in SQL). len 0 is valid. */
bool utf8_valid(const char *s, size_t len);

/* Number of code points in the NUL-terminated string s. Meant for text
 * that passed utf8_valid(); on other input it counts the bytes that are
 * not continuation bytes (10xxxxxx). */
size_t utf8_count(const char *s);

#endif
