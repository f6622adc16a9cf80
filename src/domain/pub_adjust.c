/* pub_adjust.c - whether an adjusted publication text only masks more
 * than the automatic one; see pub_adjust.h.
 *
 * The adjusted text is read as stretches of text separated by runs of
 * mask characters. It hides more exactly when the automatic text is
 * those stretches, in order, each run standing for one or more
 * characters between them: a pattern of literals and wildcards. Such a
 * pattern is matched greedily — the first stretch is a prefix, the last
 * a suffix, each one between found at its leftmost place after the one
 * before (leftmost leaves the most room for what follows, so greed never
 * loses a match). Each search is Knuth-Morris-Pratt over the automatic
 * text from where the last one ended, so the automatic text is scanned
 * once and the memory is one table the size of the longest stretch:
 * a 50 KB text costs a few hundred KB at worst, never its square. Byte
 * matching is character matching here: in UTF-8 a lead byte never
 * equals a continuation byte, so a stretch found starts on a character. */
#include "domain/pub_adjust.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* The byte length of the mask character at s (before end), or 0. */
static size_t mask_at(const unsigned char *s, const unsigned char *end)
{
	size_t left = (size_t)(end - s);
	if (left >= 1 && s[0] == '*')
		return 1;
	if (left >= 2 && s[0] == 0xC3 && s[1] == 0x97) /* × U+00D7 */
		return 2;
	if (left >= 3 && s[0] == 0xE6 && s[1] == 0x9F && s[2] == 0x90) /* 某 U+67D0 */
		return 3;
	if (left >= 3 && s[0] == 0xEF && s[1] == 0xBC && s[2] == 0x8A) /* ＊ U+FF0A */
		return 3;
	return 0;
}

/* Characters in s[0, n): the bytes that are not UTF-8 continuations. */
static size_t chars_in(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

/* The leftmost place at or after from where hay holds pat (plen > 0),
 * or (size_t)-1; fail is a table of plen entries. */
static size_t kmp_find(const char *hay, size_t hlen, size_t from, const char *pat,
		       size_t plen, size_t *fail)
{
	fail[0] = 0;
	for (size_t i = 1, k = 0; i < plen; i++) {
		while (k && pat[i] != pat[k])
			k = fail[k - 1];
		if (pat[i] == pat[k])
			k++;
		fail[i] = k;
	}
	for (size_t i = from, k = 0; i < hlen; i++) {
		while (k && hay[i] != pat[k])
			k = fail[k - 1];
		if (hay[i] == pat[k] && ++k == plen)
			return i + 1 - plen;
	}
	return (size_t)-1;
}

/* The character (from 1) of b where it first differs from a. */
static size_t first_difference(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t n = 0;
	while (n < alen && n < blen && a[n] == b[n])
		n++;
	while (n > 0 && n < blen && ((unsigned char)b[n] & 0xC0) == 0x80)
		n--; /* back to the start of the character that differs */
	return chars_in(b, n) + 1;
}

/* Whether s[0, n) is mask characters only. */
static bool masks_only(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	while (p < end) {
		size_t m = mask_at(p, end);
		if (!m)
			return false;
		p += m;
	}
	return true;
}

/* The longest stretch of b without a mask character, in bytes. */
static size_t longest_stretch(const char *b, size_t blen)
{
	const unsigned char *s = (const unsigned char *)b, *end = s + blen;
	size_t best = 0, run = 0;
	while (s < end) {
		size_t m = mask_at(s, end);
		if (m) {
			run = 0;
			s += m;
		} else {
			if (++run > best)
				best = run;
			s++;
		}
	}
	return best;
}

enum fz_err pub_adjust_check(const char *a, size_t alen, const char *b, size_t blen,
			     struct pub_adjust *out)
{
	const unsigned char *end = (const unsigned char *)b + blen;
	out->masked = 0;
	out->differs_at = 0;
	if (alen == blen && memcmp(a, b, alen) == 0)
		return FZ_OK;
	size_t longest = longest_stretch(b, blen);
	size_t *fail = longest ? malloc(longest * sizeof *fail) : NULL;
	if (longest && !fail)
		return FZ_NOMEM;
	size_t i = 0;      /* where the next stretch of b starts */
	size_t at = 0;     /* how much of a is accounted for */
	bool first = true;
	enum fz_err rc = FZ_OK;
	for (;;) {
		size_t j = i;
		while (j < blen && !mask_at((const unsigned char *)b + j, end))
			j++;
		size_t len = j - i;
		bool last = j == blen;
		size_t pos; /* where this stretch is in a */
		if (first)
			pos = (last ? alen == len : len <= alen) && memcmp(a, b, len) == 0
				      ? 0
				      : (size_t)-1;
		else if (last)
			pos = alen - at > len && memcmp(a + alen - len, b + i, len) == 0 ? alen - len
											: (size_t)-1;
		else
			pos = kmp_find(a, alen, at + 1, b + i, len, fail);
		if (pos == (size_t)-1) {
			out->masked = 0;
			out->differs_at = first_difference(a, alen, b, blen);
			rc = FZ_INVALID;
			break;
		}
		/* the run stands for a[at, pos): a span hidden by hand when
		 * that held text; a mask written another way (张某 as 张某某)
		 * hides nothing more */
		if (!first && !masks_only(a + at, pos - at))
			out->masked++;
		at = pos + len;
		if (last)
			break;
		while (j < blen) { /* past the run of masks after it */
			size_t m = mask_at((const unsigned char *)b + j, end);
			if (!m)
				break;
			j += m;
		}
		i = j;
		first = false;
	}
	free(fail);
	return rc;
}
