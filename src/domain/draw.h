/* draw.h - the random inspection draw (双随机一公开): inspection targets
 * and, for each, distinct inspectors drawn from their lists under a
 * recorded seed, by a published construction that anyone can re-run to
 * get the same assignment. No rand(): SHA-256 of the seed is the stream.
 *
 * The construction, version 1 (scripts/draw.py re-implements it):
 *  1. The seed is 16-64 bytes, written as 32-128 hex digits (recorded in
 *     lowercase). Target ids and inspector ids are each sorted by their
 *     bytes (strcmp order); an id is 1-128 bytes of UTF-8 without
 *     whitespace or control characters, and a list has no duplicates.
 *  2. The stream: block i (i = 0, 1, 2 ...) is SHA-256(seed bytes ||
 *     i as 8 bytes big-endian); each block gives four 64-bit words, read
 *     big-endian from bytes 0-7, 8-15, 16-23, 24-31; words are used in
 *     order and none is used twice.
 *  3. uniform(n), for n >= 1: take the next word x; with r = 2^64 mod n,
 *     reject x if x > 2^64 - 1 - r and take the next; return x mod n.
 *     Every call takes at least one word, even uniform(1).
 *  4. Targets: with T the sorted targets (N of them), for i = 0 .. count-1:
 *     j = i + uniform(N - i), swap T[i] and T[j]. T[0..count-1], in this
 *     order, are the drawn targets.
 *  5. Inspectors: for each drawn target in order, start again from the
 *     sorted inspector list P (M of them) and for i = 0 .. per_target-1:
 *     j = i + uniform(M - i), swap P[i] and P[j]; P[0..per_target-1], in
 *     this order, inspect that target.
 *  6. The lists digest is SHA-256 of the sorted target ids, each followed
 *     by "\n", then one "\n", then the sorted inspector ids, each followed
 *     by "\n": it shows which lists a published draw was made from.
 * Whoever records a draw must fix the lists before the seed is made
 * (crypto_random) and record the seed at once, so that no one can try
 * seeds until one gives a wanted result. */
#ifndef FZ_DOMAIN_DRAW_H
#define FZ_DOMAIN_DRAW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"

#define DRAW_SEED_MIN_BYTES 16
#define DRAW_SEED_MAX_BYTES 64
#define DRAW_SEED_DEFAULT_BYTES 32 /* what a caller should generate */
#define DRAW_ID_MAX 128            /* bytes of one id */
#define DRAW_LIST_MAX 200000       /* ids in one list */
#define DRAW_PER_TARGET_MIN 2      /* inspections need two officers */
#define DRAW_PER_TARGET_MAX 10
#define DRAW_VERSION 1

/* The random stream of step 2 and the uniform choice of step 3. */
struct draw_stream {
	unsigned char seed[DRAW_SEED_MAX_BYTES];
	size_t seed_len;
	uint64_t counter;          /* the next block's number */
	unsigned char block[32];
	size_t used;               /* words of block already used (0..4) */
};

/* False when seed_hex is not 32-128 hex digits of even length. */
bool draw_stream_init(struct draw_stream *s, const char *seed_hex) FZ_MUST_CHECK;
uint64_t draw_stream_word(struct draw_stream *s);
/* Uniform in [0, n), n >= 1 (n = 0 is treated as 1). */
uint64_t draw_stream_uniform(struct draw_stream *s, uint64_t n);

/* A list of ids, in any order (the draw sorts its own copy). */
struct draw_list {
	const char *const *ids;
	size_t n;
};

struct draw_input {
	const char *seed_hex;
	struct draw_list targets;    /* 检查对象: USCC, names, any stable id */
	struct draw_list inspectors; /* 执法人员: person ids */
	size_t count;                /* targets to draw, 1..targets.n */
	size_t per_target;           /* inspectors per target, 2..10 */
};

struct draw_assignment {
	const char *target;
	const char *const *inspectors; /* per_target ids, in draw order */
};

/* Strings point into the input's strings; arrays are in the arena. */
struct draw_result {
	int version;                            /* DRAW_VERSION */
	char seed[2 * DRAW_SEED_MAX_BYTES + 1]; /* lowercase hex */
	char lists_digest[65];                  /* step 6, hex */
	size_t ntargets, ninspectors, per_target;
	const struct draw_assignment *rows;     /* count rows, in draw order */
	size_t nrows;
};

/* Makes the draw. FZ_INVALID with a Chinese message (field "seed",
 * "targets", "inspectors", "count" or "per_target") for a bad seed, an
 * empty or oversized list, a bad or duplicate id, a count of 0 or above
 * the targets, per_target outside 2..10 or above the inspectors. */
enum fz_err draw_run(struct arena *a, const struct draw_input *in, struct draw_result *out,
		     struct fz_error *e) FZ_MUST_CHECK;

/* Splits a list file (one id per line; surrounding blanks, a final \r and
 * blank lines ignored) into ids in the arena, in file order. label names
 * the list in messages ("检查对象名单"); a bad id or one given twice is
 * FZ_INVALID naming its line. */
enum fz_err draw_list_parse(struct arena *a, const char *label, const char *text, size_t len,
			    struct draw_list *out, struct fz_error *e) FZ_MUST_CHECK;

#endif
