/* search.c - the tokens of Chinese full-text search, the terms of a typed
 * query and the marking of matches (search.h). One scanner of "units" (a
 * CJK character, or an ASCII word) serves all three, so that what is
 * marked is what the index matched. */
#include "domain/search.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/date.h"

const struct search_kind search_kinds[] = {
	{ "penalty", "行政处罚决定" },
	{ "permit", "行政许可决定" },
	{ "coercion", "行政强制决定" },
	{ "inspection", "行政检查结果" },
	{ "normative_document", "行政规范性文件" },
	{ "major_decision", "重大行政决策" },
	{ "withdrawal", "撤下公告" },
};
const size_t search_nkinds = sizeof search_kinds / sizeof search_kinds[0];

const char *search_kind_label(const char *name)
{
	for (size_t i = 0; name && i < search_nkinds; i++)
		if (strcmp(search_kinds[i].name, name) == 0)
			return search_kinds[i].label;
	return NULL;
}

int64_t search_day_key(const char *date)
{
	int y, m, d;
	if (!date || !date_parse(date, &y, &m, &d) || y < 1970)
		return -1;
	return date_to_days(y, m, d) << SEARCH_DAY_SHIFT;
}

void search_key_date(int64_t key, char out[11])
{
	date_from_days(key >> SEARCH_DAY_SHIFT, out);
}

int64_t search_window_fit(int64_t spent_us, int64_t days_read, int64_t left_us)
{
	if (left_us <= 0)
		return 0;
	if (spent_us <= 0 || days_read <= 0)
		return INT64_MAX;
	if (left_us > INT64_MAX / days_read) /* more days than any range has */
		return INT64_MAX;
	return left_us * days_read / spent_us;
}

/* --- the unit scanner --- */

enum unit_class { U_SEP, U_WORD, U_CJK };

struct unit {
	enum unit_class cls;
	size_t start, end;          /* bytes of the text */
	char key[SEARCH_WORD_MAX];  /* folded: the token bytes */
	size_t klen;
};

/* Decodes the code point at s[*i] (strict UTF-8) and advances; -1 and one
 * byte for anything malformed. */
static long utf8_next(const unsigned char *s, size_t len, size_t *i)
{
	unsigned char c = s[*i];
	long cp;
	size_t n;
	if (c < 0x80) {
		(*i)++;
		return c;
	}
	if (c >= 0xc2 && c <= 0xdf)
		n = 1, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		n = 2, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 3, cp = c & 0x07;
	else
		goto bad;
	for (size_t k = 1; k <= n; k++) {
		if (*i + k >= len || (s[*i + k] & 0xc0) != 0x80)
			goto bad;
		cp = (cp << 6) | (s[*i + k] & 0x3f);
	}
	if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		goto bad;
	*i += n + 1;
	return cp;
bad:
	(*i)++;
	return -1;
}

/* Full-width ASCII to half-width, the ideographic space to a space. */
static long fold(long cp)
{
	if (cp >= 0xff01 && cp <= 0xff5e)
		return cp - 0xfee0;
	if (cp == 0x3000)
		return ' ';
	return cp;
}

static enum unit_class classify(long cp)
{
	if ((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
		return U_WORD;
	if (cp < 0x2e80)
		return U_SEP;
	/* CJK symbols and punctuation, vertical and compatibility forms,
	 * the rest of the half- and full-width block, private use, emoji. */
	if ((cp >= 0x3000 && cp <= 0x303f) || (cp >= 0xe000 && cp <= 0xf8ff) ||
	    (cp >= 0xfe10 && cp <= 0xfe1f) || (cp >= 0xfe30 && cp <= 0xfe4f) ||
	    (cp >= 0xff00 && cp <= 0xffef) || (cp >= 0xfff0 && cp <= 0xffff) ||
	    (cp >= 0x1f000 && cp <= 0x1ffff) || cp >= 0xe0000)
		return U_SEP;
	return U_CJK;
}

/* The next unit at or after *i; false at the end of the text. */
static bool unit_next(const char *text, size_t len, size_t *i, struct unit *u)
{
	const unsigned char *s = (const unsigned char *)text;
	while (*i < len) {
		size_t start = *i;
		long cp = utf8_next(s, len, i);
		enum unit_class cls = cp < 0 ? U_SEP : classify(fold(cp));
		if (cls == U_SEP)
			continue;
		u->cls = cls;
		u->start = start;
		if (cls == U_CJK) {
			u->klen = *i - start;
			memcpy(u->key, text + start, u->klen);
			u->end = *i;
			return true;
		}
		u->klen = 0;
		for (;;) {
			long c = fold(cp);
			if (c >= 'A' && c <= 'Z')
				c += 'a' - 'A';
			if (u->klen < sizeof u->key)
				u->key[u->klen++] = (char)c;
			u->end = *i;
			if (*i >= len)
				break;
			size_t next = *i;
			cp = utf8_next(s, len, &next);
			if (cp < 0 || classify(fold(cp)) != U_WORD)
				break;
			*i = next;
		}
		return true;
	}
	return false;
}

/* --- tokens --- */

int search_tokenize(const char *text, size_t len, bool query, search_token_fn fn, void *ctx)
{
	struct unit prev = { 0 }, cur;
	bool have_prev = false;
	size_t run = 0, i = 0; /* characters in the current CJK run */
	char pair[8];
	int rc;

	while (unit_next(text, len, &i, &cur)) {
		bool joins = have_prev && prev.cls == U_CJK && cur.cls == U_CJK &&
			     cur.start == prev.end;
		if (joins) {
			memcpy(pair, prev.key, prev.klen);
			memcpy(pair + prev.klen, cur.key, cur.klen);
			if ((rc = fn(ctx, 0, pair, (int)(prev.klen + cur.klen), (int)prev.start,
				     (int)cur.end)))
				return rc;
			if (!query && (rc = fn(ctx, SEARCH_TOKEN_COLOCATED, prev.key, (int)prev.klen,
					       (int)prev.start, (int)prev.end)))
				return rc;
			run++;
		} else if (have_prev && prev.cls == U_CJK) {
			/* A run ended before more text: its last character keeps
			 * its position so that the next token's position agrees
			 * between a phrase and a document. */
			if ((rc = fn(ctx, 0, prev.key, (int)prev.klen, (int)prev.start,
				     (int)prev.end)))
				return rc;
		}
		if (!joins)
			run = 1;
		if (cur.cls == U_WORD &&
		    (rc = fn(ctx, 0, cur.key, (int)cur.klen, (int)cur.start, (int)cur.end)))
			return rc;
		prev = cur;
		have_prev = true;
	}
	/* The last run of the text: a document indexes its last character;
	 * a phrase needs it only when the run is one character long. */
	if (have_prev && prev.cls == U_CJK && (!query || run == 1))
		return fn(ctx, 0, prev.key, (int)prev.klen, (int)prev.start, (int)prev.end);
	return 0;
}

/* --- terms --- */

static int count_token(void *ctx, int flags, const char *t, int len, int s, int e)
{
	(void)flags, (void)t, (void)len, (void)s, (void)e;
	++*(int *)ctx;
	return 0;
}

/* The folded form of one term: full-width folded, ASCII lower-cased, the
 * rest as typed, at most SEARCH_MAX_TERM_CHARS code points. */
static char *term_fold(struct arena *a, const char *s, size_t len)
{
	char *out = arena_alloc(a, len + 1);
	size_t i = 0, o = 0, chars = 0;
	if (!out)
		return NULL;
	while (i < len && chars < SEARCH_MAX_TERM_CHARS) {
		size_t start = i;
		long cp = utf8_next((const unsigned char *)s, len, &i);
		if (cp < 0)
			continue;
		long c = fold(cp);
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c < 0x80)
			out[o++] = (char)c;
		else {
			memcpy(out + o, s + start, i - start);
			o += i - start;
		}
		chars++;
	}
	out[o] = '\0';
	return out;
}

/* True for the separators of terms: ASCII white space, U+3000, and any
 * byte that is not well-formed UTF-8 (returned length in *n). */
static bool term_space(const char *s, size_t len, size_t i, size_t *n)
{
	size_t j = i;
	long cp = utf8_next((const unsigned char *)s, len, &j);
	*n = j - i;
	return cp < 0 || cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' ||
	       cp == '\v' || cp == 0x3000;
}

void search_terms_parse(const char *q, struct arena *a, struct search_terms *out)
{
	memset(out, 0, sizeof *out);
	if (!q)
		return;
	size_t len = strnlen(q, SEARCH_MAX_QUERY_BYTES), i = 0, n;
	while (i < len) {
		while (i < len && term_space(q, len, i, &n))
			i += n;
		size_t start = i;
		while (i < len && !term_space(q, len, i, &n))
			i += n;
		if (i == start)
			break;
		char *t = term_fold(a, q + start, i - start);
		int tokens = 0;
		if (!t)
			return;
		search_tokenize(t, strlen(t), true, count_token, &tokens);
		if (!tokens)
			continue;
		if (out->n == SEARCH_MAX_TERMS) {
			out->truncated = true;
			return;
		}
		out->terms[out->n++] = t;
	}
}

char *search_clean(struct arena *a, const char *text)
{
	size_t len = strlen(text), i = 0, o = 0;
	char *out = arena_alloc(a, len + 1);
	if (!out)
		return NULL;
	while (i < len) {
		size_t start = i;
		long cp = utf8_next((const unsigned char *)text, len, &i);
		if (cp < 0 || (cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7f)
			out[o++] = ' ';
		else {
			memcpy(out + o, text + start, i - start);
			o += i - start;
		}
	}
	out[o] = '\0';
	return out;
}

/* --- marking --- */

struct units {
	struct unit *u;
	size_t n, cap;
	bool nomem;
};

static void units_scan(struct units *us, const char *text, size_t len)
{
	size_t i = 0;
	struct unit u;
	while (unit_next(text, len, &i, &u)) {
		if (us->n == us->cap) {
			size_t cap = us->cap ? us->cap * 2 : 64;
			struct unit *grown = realloc(us->u, cap * sizeof *grown);
			if (!grown) {
				us->nomem = true;
				return;
			}
			us->u = grown;
			us->cap = cap;
		}
		us->u[us->n++] = u;
	}
}

static bool unit_eq(const struct unit *a, const struct unit *b)
{
	return a->cls == b->cls && a->klen == b->klen && memcmp(a->key, b->key, a->klen) == 0;
}

/* Two neighbouring CJK characters: the index holds them as one bigram,
 * which punctuation between them would break. */
static bool bigram(const struct unit *a, const struct unit *b)
{
	return a->cls == U_CJK && b->cls == U_CJK && b->start == a->end;
}

struct span {
	size_t start, end;
};

static int span_cmp(const void *x, const void *y)
{
	const struct span *a = x, *b = y;
	return a->start < b->start ? -1 : a->start > b->start;
}

char *search_mark(struct arena *a, const char *text, const struct search_terms *t)
{
	size_t len = strlen(text), nspans = 0, capspans = 0;
	struct units doc = { 0 };
	struct span *spans = NULL;
	struct buf b = BUF_INIT;
	char *out = NULL;
	bool nomem = false;

	units_scan(&doc, text, len);
	for (size_t k = 0; k < t->n && !doc.nomem && !nomem; k++) {
		struct units term = { 0 };
		units_scan(&term, t->terms[k], strlen(t->terms[k]));
		nomem = term.nomem;
		for (size_t j = 0; term.n && j + term.n <= doc.n && !nomem; j++) {
			size_t m = 0;
			while (m < term.n && unit_eq(&doc.u[j + m], &term.u[m]) &&
			       (m == 0 || !bigram(&term.u[m - 1], &term.u[m]) ||
				bigram(&doc.u[j + m - 1], &doc.u[j + m])))
				m++;
			if (m < term.n)
				continue;
			if (nspans == capspans) {
				size_t cap = capspans ? capspans * 2 : 16;
				struct span *grown = realloc(spans, cap * sizeof *grown);
				if (!grown) {
					nomem = true;
					break;
				}
				spans = grown;
				capspans = cap;
			}
			spans[nspans++] = (struct span){ doc.u[j].start, doc.u[j + term.n - 1].end };
		}
		free(term.u);
	}
	if (doc.nomem || nomem)
		goto done;
	if (nspans)
		qsort(spans, nspans, sizeof *spans, span_cmp);
	size_t at = 0;
	for (size_t k = 0; k < nspans; k++) {
		size_t s = spans[k].start, e = spans[k].end;
		while (k + 1 < nspans && spans[k + 1].start <= e) {
			if (spans[k + 1].end > e)
				e = spans[k + 1].end;
			k++;
		}
		if (s < at)
			s = at;
		buf_add(&b, text + at, s - at);
		buf_addc(&b, SEARCH_MARK_OPEN);
		buf_add(&b, text + s, e - s);
		buf_addc(&b, SEARCH_MARK_CLOSE);
		at = e;
	}
	buf_add(&b, text + at, len - at);
	if (!buf_failed(&b))
		out = arena_strdup(a, buf_cstr(&b));
done:
	free(doc.u);
	free(spans);
	buf_release(&b);
	return out;
}

/* Bytes of the UTF-8 character starting with byte c (1 for a stray one). */
static size_t char_len(unsigned char c)
{
	return c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
}

char *search_snippet(struct arena *a, const char *marked, size_t max_chars)
{
	size_t before = max_chars / 4 < 16 ? max_chars / 4 : 16;
	size_t len = strlen(marked), first = len, start = 0;
	const char *m = memchr(marked, SEARCH_MARK_OPEN, len);
	struct buf b = BUF_INIT;
	if (m)
		first = (size_t)(m - marked);
	/* Back up a few characters (none of them marked: the first mark is
	 * after them), skipping continuation bytes. */
	if (m) {
		size_t back = 0;
		start = first;
		while (start > 0 && back < before) {
			start--;
			while (start > 0 && ((unsigned char)marked[start] & 0xc0) == 0x80)
				start--;
			back++;
		}
	}
	if (start > 0)
		buf_adds(&b, "…");
	bool open = false;
	size_t i = start, chars = 0;
	while (i < len && chars < max_chars) {
		unsigned char c = (unsigned char)marked[i];
		if (c == SEARCH_MARK_OPEN || c == SEARCH_MARK_CLOSE) {
			open = c == SEARCH_MARK_OPEN;
			buf_addc(&b, (char)c);
			i++;
			continue;
		}
		size_t n = char_len(c);
		if (i + n > len)
			n = len - i;
		buf_add(&b, marked + i, n);
		i += n;
		chars++;
	}
	if (open)
		buf_addc(&b, SEARCH_MARK_CLOSE);
	if (i < len && strspn(marked + i, "\x01\x02") < len - i)
		buf_adds(&b, "…");
	char *out = buf_failed(&b) ? NULL : arena_strdup(a, buf_cstr(&b));
	buf_release(&b);
	return out;
}
