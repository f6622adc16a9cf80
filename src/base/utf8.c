/* utf8.c - strict UTF-8 validation and code point counting; see utf8.h.
 *
 * The checks follow the table of well-formed byte sequences in the
 * Unicode Standard (chapter 3, table 3-7): the second byte's range depends
 * on the first, which is what rules out overlongs and surrogates. */
#include "base/utf8.h"

bool utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		unsigned char c = p[i];
		size_t need;
		unsigned char lo = 0x80, hi = 0xBF; /* range of the second byte */

		if (c == 0x00)
			return false;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			need = 1;
		} else if (c >= 0xE0 && c <= 0xEF) {
			need = 2;
			if (c == 0xE0)
				lo = 0xA0; /* below: overlong */
			else if (c == 0xED)
				hi = 0x9F; /* above: surrogates */
		} else if (c >= 0xF0 && c <= 0xF4) {
			need = 3;
			if (c == 0xF0)
				lo = 0x90; /* below: overlong */
			else if (c == 0xF4)
				hi = 0x8F; /* above: beyond U+10FFFF */
		} else {
			/* 0x80..0xC1: stray continuation or overlong 2-byte;
			 * 0xF5..0xFF: never used. */
			return false;
		}
		if (len - i - 1 < need)
			return false;
		if (p[i + 1] < lo || p[i + 1] > hi)
			return false;
		for (size_t k = 2; k <= need; k++) {
			if ((p[i + k] & 0xC0) != 0x80)
				return false;
		}
		i += need + 1;
	}
	return true;
}

size_t utf8_count(const char *s)
{
	size_t n = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p & 0xC0) != 0x80)
			n++;
	}
	return n;
}
