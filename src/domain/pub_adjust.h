/* pub_adjust.h - the reviewer's adjustment of a prepared publication
 * may only hide more: the adjusted text is the automatically redacted
 * one with some spans replaced by mask characters, never a text that
 * says something else (a different amount, an added or a deleted
 * sentence). What the record says wrongly is corrected in the record
 * (更正), which redraws the publication (docs/PUBLICATION.md). */
#ifndef FZ_DOMAIN_PUB_ADJUST_H
#define FZ_DOMAIN_PUB_ADJUST_H

#include <stddef.h>

#include "base/err.h"

/* The mask characters, as a reader would name them in a message. They
 * are 某 (the name suffix, redaction-rules §4), × (the symbol of court
 * art 10 para 2 and the default mark ×××, docs/REDACTION.md), and ＊ / *
 * (administrative practice, unverified; accepted because they, too,
 * can only hide). */
#define PUB_MASK_CHARS_LABEL "“某”“×”“＊”或“*”"

/* The outcome of comparing an adjusted text with the automatic one. */
struct pub_adjust {
	size_t masked;      /* runs of mask characters in the adjusted text that
	                     * stand where the automatic text had text (not
	                     * only mask characters): the spans hidden by hand */
	size_t differs_at;  /* when refused: the character (from 1) of the
	                     * adjusted text from which it cannot be read as
	                     * the automatic text masked further */
};

/* Whether adjusted (blen bytes) is automatic (alen bytes) with zero or
 * more spans of one or more characters each replaced by a run of mask
 * characters; both valid UTF-8. Whitespace is text like any other: a
 * changed space or line is a change (line ends are the caller's: the
 * app reads CRLF from a form as LF). FZ_OK filling out->masked;
 * FZ_INVALID filling out->differs_at; FZ_NOMEM. Linear in the lengths
 * of both texts, in time and memory (the search table of the longest
 * unmasked stretch). */
enum fz_err pub_adjust_check(const char *automatic, size_t alen, const char *adjusted,
			     size_t blen, struct pub_adjust *out) FZ_MUST_CHECK;

#endif
