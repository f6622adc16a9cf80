/* textdiff.c - see textdiff.h. */
#include "domain/textdiff.h"

#include <stdint.h>
#include <string.h>

/* A text split into units: paragraphs (lines, blank ones left out, an
 * ending \r dropped) or UTF-8 code points. */
struct units {
	const char **s;
	size_t *len;
	size_t n;
};

static enum fz_err split_lines(const char *t, struct arena *a, struct units *u,
			       struct fz_error *e)
{
	size_t cap = 1;
	for (const char *p = t; *p; p++)
		cap += *p == '\n';
	if (cap > TEXTDIFF_PARAS_MAX + 1) {
		/* count the non-blank ones only before refusing */
		size_t n = 0;
		for (const char *p = t; *p;) {
			size_t l = strcspn(p, "\n");
			n += l > strspn(p, " \t\r") ? 1 : 0;
			p += l + (p[l] == '\n');
		}
		if (n > TEXTDIFF_PARAS_MAX)
			return fz_fail(e, FZ_INVALID, "text", "文本超过 %d 段，不能逐段比较",
				       TEXTDIFF_PARAS_MAX);
	}
	u->s = arena_calloc(a, cap, sizeof *u->s);
	u->len = arena_calloc(a, cap, sizeof *u->len);
	if (!u->s || !u->len)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	u->n = 0;
	for (const char *p = t; *p;) {
		size_t l = strcspn(p, "\n");
		size_t k = l;
		if (k && p[k - 1] == '\r')
			k--;
		if (k > strspn(p, " \t\r") && u->n < cap) {
			u->s[u->n] = p;
			u->len[u->n++] = k;
		}
		p += l + (p[l] == '\n');
	}
	return FZ_OK;
}

/* The byte length of the UTF-8 sequence starting with c (1 for a stray
 * byte: a malformed text is still compared, byte by byte). */
static size_t seq_len(unsigned char c)
{
	return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

static enum fz_err split_chars(const char *t, size_t len, struct arena *a, struct units *u,
			       struct fz_error *e)
{
	u->s = arena_calloc(a, len + 1, sizeof *u->s);
	u->len = arena_calloc(a, len + 1, sizeof *u->len);
	if (!u->s || !u->len)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	u->n = 0;
	for (size_t i = 0; i < len;) {
		size_t k = seq_len((unsigned char)t[i]);
		if (i + k > len)
			k = len - i;
		u->s[u->n] = t + i;
		u->len[u->n++] = k;
		i += k;
	}
	return FZ_OK;
}

static int unit_eq(const struct units *x, size_t i, const struct units *y, size_t j)
{
	return x->len[i] == y->len[j] && memcmp(x->s[i], y->s[j], x->len[i]) == 0;
}

/* The LCS table of x and y: (n+1)*(m+1) counts, suffix form (t[i][j] =
 * the LCS of x[i..] and y[j..]), so the walk goes forward. */
static uint32_t *lcs(const struct units *x, const struct units *y, struct arena *a)
{
	size_t w = y->n + 1;
	uint32_t *t = arena_calloc(a, (x->n + 1) * w, sizeof *t);
	if (!t)
		return NULL;
	for (size_t i = x->n; i-- > 0;)
		for (size_t j = y->n; j-- > 0;)
			t[i * w + j] = unit_eq(x, i, y, j)
					       ? t[(i + 1) * w + j + 1] + 1
					       : (t[(i + 1) * w + j] >= t[i * w + j + 1]
							  ? t[(i + 1) * w + j]
							  : t[i * w + j + 1]);
	return t;
}

/* One step of the walk: 0 same, 1 removed (from x), 2 added (from y). */
struct move {
	unsigned char op;
	size_t i, j;
};

static struct move *walk(const struct units *x, const struct units *y, const uint32_t *t,
			 struct arena *a, size_t *n)
{
	size_t w = y->n + 1, i = 0, j = 0, k = 0;
	struct move *m = arena_calloc(a, x->n + y->n + 1, sizeof *m);
	if (!m)
		return NULL;
	while (i < x->n || j < y->n) {
		if (i < x->n && j < y->n && unit_eq(x, i, y, j)) {
			m[k++] = (struct move){ 0, i++, j++ };
		} else if (j >= y->n || (i < x->n && t[(i + 1) * w + j] >= t[i * w + j + 1])) {
			m[k++] = (struct move){ 1, i++, j };
		} else {
			m[k++] = (struct move){ 2, i, j++ };
		}
	}
	*n = k;
	return m;
}

static const char *dup(struct arena *a, const char *s, size_t n)
{
	return arena_strndup(a, s, n);
}

/* Character spans of a changed paragraph. */
static enum fz_err char_spans(const char *o, size_t olen, const char *nw, size_t nlen,
			      struct arena *a, struct textdiff_para *p, struct fz_error *e)
{
	struct units x, y;
	enum fz_err rc;
	if ((rc = split_chars(o, olen, a, &x, e)) || (rc = split_chars(nw, nlen, a, &y, e)))
		return rc;
	if (x.n > TEXTDIFF_CHARS_MAX || y.n > TEXTDIFF_CHARS_MAX) {
		p->spans = arena_calloc(a, 2, sizeof *p->spans);
		if (!p->spans)
			return fz_fail(e, FZ_NOMEM, NULL, NULL);
		p->spans[0] = (struct textdiff_span){ TEXTDIFF_REMOVED, p->old_text };
		p->spans[1] = (struct textdiff_span){ TEXTDIFF_ADDED, p->new_text };
		p->nspans = 2;
		return FZ_OK;
	}
	uint32_t *t = lcs(&x, &y, a);
	size_t nm;
	struct move *m = t ? walk(&x, &y, t, a, &nm) : NULL;
	if (!m)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	p->spans = arena_calloc(a, nm + 1, sizeof *p->spans);
	if (!p->spans)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	static const enum textdiff_op ops[] = { TEXTDIFF_SAME, TEXTDIFF_REMOVED, TEXTDIFF_ADDED };
	for (size_t k = 0; k < nm;) {
		/* a run of moves of one kind is one span */
		size_t end = k;
		while (end < nm && m[end].op == m[k].op)
			end++;
		const struct units *u = m[k].op == 2 ? &y : &x;
		size_t from = m[k].op == 2 ? m[k].j : m[k].i;
		size_t to = m[k].op == 2 ? m[end - 1].j : m[end - 1].i;
		const char *s = u->s[from];
		size_t bytes = (size_t)(u->s[to] + u->len[to] - s);
		if (!(p->spans[p->nspans].text = dup(a, s, bytes)))
			return fz_fail(e, FZ_NOMEM, NULL, NULL);
		p->spans[p->nspans++].op = ops[m[k].op];
		k = end;
	}
	return FZ_OK;
}

enum fz_err textdiff_compute(const char *older, const char *newer, struct arena *a,
			     struct textdiff *out, struct fz_error *e)
{
	struct units x, y;
	enum fz_err rc;
	memset(out, 0, sizeof *out);
	if ((rc = split_lines(older ? older : "", a, &x, e)) ||
	    (rc = split_lines(newer ? newer : "", a, &y, e)))
		return rc;
	uint32_t *t = lcs(&x, &y, a);
	size_t nm;
	struct move *m = t ? walk(&x, &y, t, a, &nm) : NULL;
	out->paras = m ? arena_calloc(a, nm + 1, sizeof *out->paras) : NULL;
	if (!out->paras)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	for (size_t k = 0; k < nm;) {
		if (m[k].op == 0) {
			struct textdiff_para *p = &out->paras[out->n++];
			p->op = TEXTDIFF_SAME;
			p->old_text = p->new_text = dup(a, x.s[m[k].i], x.len[m[k].i]);
			if (!p->old_text)
				return fz_fail(e, FZ_NOMEM, NULL, NULL);
			out->same++;
			k++;
			continue;
		}
		/* a block of removals and additions (in any order): pair them */
		size_t end = k, nrem = 0, nadd = 0;
		while (end < nm && m[end].op != 0) {
			nrem += m[end].op == 1;
			nadd += m[end].op == 2;
			end++;
		}
		size_t ri = k, ai = k;
		size_t pairs = nrem < nadd ? nrem : nadd;
		for (size_t q = 0; q < nrem + nadd - pairs; q++) {
			struct textdiff_para *p = &out->paras[out->n++];
			while (ri < end && m[ri].op != 1)
				ri++;
			while (ai < end && m[ai].op != 2)
				ai++;
			if (q < pairs) {
				size_t i = m[ri++].i, j = m[ai++].j;
				p->op = TEXTDIFF_CHANGED;
				p->old_text = dup(a, x.s[i], x.len[i]);
				p->new_text = dup(a, y.s[j], y.len[j]);
				if (!p->old_text || !p->new_text)
					return fz_fail(e, FZ_NOMEM, NULL, NULL);
				if ((rc = char_spans(x.s[i], x.len[i], y.s[j], y.len[j], a, p, e)))
					return rc;
				out->changed++;
			} else if (ri < end) {
				size_t i = m[ri++].i;
				p->op = TEXTDIFF_REMOVED;
				if (!(p->old_text = dup(a, x.s[i], x.len[i])))
					return fz_fail(e, FZ_NOMEM, NULL, NULL);
				out->removed++;
			} else {
				size_t j = m[ai++].j;
				p->op = TEXTDIFF_ADDED;
				if (!(p->new_text = dup(a, y.s[j], y.len[j])))
					return fz_fail(e, FZ_NOMEM, NULL, NULL);
				out->added++;
			}
		}
		k = end;
	}
	return FZ_OK;
}
