/* textdiff.h - a readable comparison of two versions of a text (a draft
 * of a normative document, issue 13 §2): paragraph by paragraph (a line
 * is a paragraph), by the longest common subsequence of paragraphs; a
 * run of removed paragraphs followed by a run of added ones is paired
 * one to one as changed paragraphs, each compared character by character
 * (UTF-8 code points, so a Chinese character is one unit), again by the
 * longest common subsequence. Pure: no I/O; memory in the caller's arena. */
#ifndef FZ_DOMAIN_TEXTDIFF_H
#define FZ_DOMAIN_TEXTDIFF_H

#include <stddef.h>

#include "base/arena.h"
#include "base/err.h"

enum textdiff_op {
	TEXTDIFF_SAME = 0,
	TEXTDIFF_ADDED,   /* only in the newer version */
	TEXTDIFF_REMOVED, /* only in the older version */
	TEXTDIFF_CHANGED, /* a paragraph: present in both, worded differently */
};

/* A piece of a changed paragraph: kept, added or removed characters. */
struct textdiff_span {
	enum textdiff_op op; /* SAME, ADDED or REMOVED */
	const char *text;    /* NUL-terminated, in the arena */
};

struct textdiff_para {
	enum textdiff_op op;
	const char *old_text;        /* NULL when ADDED */
	const char *new_text;        /* NULL when REMOVED */
	struct textdiff_span *spans; /* CHANGED: the characters, in order */
	size_t nspans;
};

struct textdiff {
	struct textdiff_para *paras;
	size_t n;
	int same, added, removed, changed; /* paragraphs of each kind */
};

/* Paragraphs of at most this many per version, characters of at most
 * this many per paragraph compared character by character (a longer
 * paragraph that changed is shown removed and added whole). */
#define TEXTDIFF_PARAS_MAX 1000
#define TEXTDIFF_CHARS_MAX 1000

/* Compares older with newer into out. FZ_INVALID (field "text") when a
 * version has more than TEXTDIFF_PARAS_MAX paragraphs; FZ_NOMEM. */
enum fz_err textdiff_compute(const char *older, const char *newer, struct arena *a,
			     struct textdiff *out, struct fz_error *e) FZ_MUST_CHECK;

#endif
