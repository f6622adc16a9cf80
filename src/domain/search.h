/* search.h - Chinese full-text search, the part without a database: how
 * text becomes index tokens, how what a person typed becomes search terms,
 * and how the matched words of a result are marked (docs/SEARCH.md).
 *
 * Tokens: a run of CJK characters gives each pair of neighbours as a
 * bigram and, in a document, each character as a unigram at the same
 * position (so one-character queries find it); a run of ASCII letters and
 * digits is one word, lower-cased; full-width ASCII folds to half-width;
 * everything else (punctuation, spaces, invalid UTF-8) separates. */
#ifndef FZ_DOMAIN_SEARCH_H
#define FZ_DOMAIN_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"

#define SEARCH_MAX_TERMS 8        /* terms kept of one query; more are dropped */
#define SEARCH_MAX_TERM_CHARS 32  /* code points kept of one term */
#define SEARCH_MAX_QUERY_BYTES 1024 /* bytes of the typed query read at most */
#define SEARCH_WORD_MAX 64        /* bytes of an ASCII word token; longer is cut */

/* The marks search_mark() puts around a match; they never occur in
 * indexed text (search_clean() removes them). Render by escaping the text
 * between them, never the other way round. */
#define SEARCH_MARK_OPEN '\x01'
#define SEARCH_MARK_CLOSE '\x02'

/* A token at the same position as the one before it (FTS5_TOKEN_COLOCATED). */
#define SEARCH_TOKEN_COLOCATED 1

/* Called for each token: flags, the token's bytes (not NUL-terminated)
 * and the byte range [start, end) of the text it came from. A nonzero
 * return stops the tokenizer, which returns that value. */
typedef int (*search_token_fn)(void *ctx, int flags, const char *token, int len, int start,
			       int end);

/* Tokenizes len bytes of text. query true: the tokens of one search phrase
 * (bigrams only, a lone character or a run's last character before more
 * text as a unigram), which match a document's tokens position by
 * position; false: a document's. Returns 0 or the first nonzero fn. */
int search_tokenize(const char *text, size_t len, bool query, search_token_fn fn, void *ctx);

/* What a person typed, as terms: split on white space (ASCII, U+3000),
 * each term folded (full-width to half-width, ASCII lower case) and cut
 * to SEARCH_MAX_TERM_CHARS; a term without any token is dropped; at most
 * SEARCH_MAX_TERMS, the rest dropped with truncated set. Invalid UTF-8
 * separates like a space. Never fails: out of memory gives no terms. */
struct search_terms {
	const char *terms[SEARCH_MAX_TERMS]; /* in the arena */
	size_t n;
	bool truncated;
};
void search_terms_parse(const char *q, struct arena *a, struct search_terms *out);

/* A copy of text (in a) that can be indexed: invalid UTF-8 and control
 * characters other than tab and newline become spaces. NULL on no memory. */
char *search_clean(struct arena *a, const char *text);

/* text with every occurrence of a term (matched as search matches it:
 * folded, token by token, across punctuation) between SEARCH_MARK_OPEN
 * and SEARCH_MARK_CLOSE. NULL on no memory. */
char *search_mark(struct arena *a, const char *text, const struct search_terms *t);

/* Up to max_chars visible characters of marked text around its first mark
 * (from the start when it has none), "…" where cut; marks stay balanced.
 * NULL on no memory. */
char *search_snippet(struct arena *a, const char *marked, size_t max_chars);

/* The kinds of published item that search knows, with their labels. */
struct search_kind {
	const char *name;  /* "penalty" */
	const char *label; /* "行政处罚决定" */
};
extern const struct search_kind search_kinds[];
extern const size_t search_nkinds;
/* The label of kind name, or NULL when search does not know it. */
const char *search_kind_label(const char *name);

/* One searchable published item: the already-redacted text. */
struct search_item {
	int64_t id;        /* set by the store: orders by date, then arrival */
	const char *kind;  /* a search_kinds name */
	int64_t ref_id;    /* the publication's id within its kind */
	int64_t agency_id;
	char date[11];     /* publication date, YYYY-MM-DD, 1970 on */
	const char *title;
	const char *body;
};

/* A test's hold on the work bound: now_us replaces the monotonic clock
 * (microseconds, any origin), and window, when set, is told each window
 * (its row id range and years) before it is read, so that a test can
 * charge a cost to a fake clock and watch the sizing without timing. */
struct search_probe {
	int64_t (*now_us)(void *ctx);
	void (*window)(void *ctx, int64_t bottom, int64_t top, int years);
	void *ctx;
};

/* A query as the store runs it: matches of every term, newest first. */
struct search_query {
	const struct search_terms *terms; /* n >= 1 */
	int64_t agency_id;  /* 0 = any */
	const char *kind;   /* NULL = any */
	char from[11];      /* "" = unbounded */
	char to[11];
	int64_t before;     /* only ids below (the cursor); 0 = from the newest */
	int limit;          /* 1..100 */
	/* Work bound: the store reads newest-first windows of whole years,
	 * each sized to end within what is left of budget_ms at the cost per
	 * day of the windows already read (search_window_fit), and stops when
	 * not one more year is predicted to fit, or inside a window that runs
	 * half the bound past it (never one that measures), even with a page
	 * not full; 0 = read until the page is full or nothing is left. */
	int budget_ms;
	const struct search_probe *probe; /* NULL; tests only */
};

/* The days the next window may cover to be predicted to end within
 * left_us, at the cost per day of the windows read so far (spent_us over
 * days_read): 0 when nothing is left, INT64_MAX when nothing was spent
 * yet. The average includes each window's fixed set-up, so it never
 * underestimates a window at least as long as those already read. */
int64_t search_window_fit(int64_t spent_us, int64_t days_read, int64_t left_us);

struct search_item_list {
	struct search_item *items;
	size_t n;
	/* Where the next page reads from (ids below it): the last item's id
	 * when the page is full, the first day of the oldest year read when
	 * the work bound stopped it; 0 when nothing is left. */
	int64_t next_before;
};

/* The store's key for an item of date (YYYY-MM-DD) and its sequence
 * within that day: ids order by date first. -1 for a date before 1970. */
int64_t search_day_key(const char *date);
#define SEARCH_DAY_SHIFT 24
/* The date of a store key (its day), YYYY-MM-DD. */
void search_key_date(int64_t key, char out[11]);

#endif
