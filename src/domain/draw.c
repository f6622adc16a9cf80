/* draw.c - the random inspection draw of draw.h, step by step as that
 * header states it; any change here that alters an assignment is a new
 * version of the construction, because published draws must re-run. The
 * inspector shuffle undoes its swaps instead of copying the list. */
#include "domain/draw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/crypto.h"
#include "base/utf8.h"

bool draw_stream_init(struct draw_stream *s, const char *seed_hex)
{
	memset(s, 0, sizeof *s);
	size_t len = seed_hex ? strlen(seed_hex) : 0;
	if (len % 2 || len < 2 * DRAW_SEED_MIN_BYTES || len > 2 * DRAW_SEED_MAX_BYTES)
		return false;
	if (!crypto_unhex(seed_hex, s->seed, len / 2))
		return false;
	s->seed_len = len / 2;
	s->used = 4; /* the first word computes block 0 */
	return true;
}

uint64_t draw_stream_word(struct draw_stream *s)
{
	if (s->used == 4) {
		unsigned char in[DRAW_SEED_MAX_BYTES + 8];
		memcpy(in, s->seed, s->seed_len);
		for (int i = 0; i < 8; i++)
			in[s->seed_len + (size_t)i] = (unsigned char)(s->counter >> (56 - 8 * i));
		crypto_sha256(in, s->seed_len + 8, s->block);
		s->counter++;
		s->used = 0;
	}
	const unsigned char *b = s->block + 8 * s->used++;
	uint64_t x = 0;
	for (int i = 0; i < 8; i++)
		x = x << 8 | b[i];
	return x;
}

uint64_t draw_stream_uniform(struct draw_stream *s, uint64_t n)
{
	if (n == 0)
		n = 1;
	uint64_t r = (UINT64_MAX % n + 1) % n; /* 2^64 mod n */
	for (;;) {
		uint64_t x = draw_stream_word(s);
		if (x <= UINT64_MAX - r)
			return x % n;
	}
}

/* An id: 1..DRAW_ID_MAX bytes of UTF-8 with no ASCII blank or control
 * character and no no-break or ideographic space (pasted from documents). */
static bool id_valid(const char *s, size_t len)
{
	if (!len || len > DRAW_ID_MAX || !utf8_valid(s, len))
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= 0x20 || c == 0x7f)
			return false;
		if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0)
			return false;
		if (c == 0xE3 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
		    (unsigned char)s[i + 2] == 0x80)
			return false;
	}
	return true;
}

/* At most 60 bytes of a valid id for a message, cut at a character. */
static void short_id(const char *id, char out[64])
{
	size_t n = strlen(id);
	if (n <= 60) {
		memcpy(out, id, n + 1);
		return;
	}
	n = 57;
	while (n && ((unsigned char)id[n] & 0xC0) == 0x80)
		n--;
	memcpy(out, id, n);
	memcpy(out + n, "...", 4);
}

static int cmp_id(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A sorted copy of a list, every id checked and no id twice. */
static enum fz_err sorted_list(struct arena *a, const struct draw_list *in, const char *field,
			       const char *label, const char ***out, struct fz_error *e)
{
	if (!in->n)
		return fz_fail(e, FZ_INVALID, field, "%s为空", label);
	if (in->n > DRAW_LIST_MAX)
		return fz_fail(e, FZ_INVALID, field, "%s超过 %d 项", label, DRAW_LIST_MAX);
	const char **ids = arena_calloc(a, in->n, sizeof *ids);
	if (!ids)
		return fz_fail(e, FZ_NOMEM, field, NULL);
	for (size_t i = 0; i < in->n; i++) {
		if (!in->ids[i] || !id_valid(in->ids[i], strlen(in->ids[i])))
			return fz_fail(e, FZ_INVALID, field,
				       "%s第 %zu 项不是有效的编号（1–%d 字节，不含空白或控制字符）",
				       label, i + 1, DRAW_ID_MAX);
		ids[i] = in->ids[i];
	}
	qsort(ids, in->n, sizeof *ids, cmp_id);
	for (size_t i = 1; i < in->n; i++) {
		if (strcmp(ids[i - 1], ids[i]) == 0) {
			char shown[64];
			short_id(ids[i], shown);
			return fz_fail(e, FZ_INVALID, field, "%s中“%s”重复", label, shown);
		}
	}
	*out = ids;
	return FZ_OK;
}

/* Step 6: SHA-256 of the sorted lists, as hex. */
static enum fz_err lists_digest(const char *const *t, size_t nt, const char *const *p, size_t np,
				char out[65], struct fz_error *e)
{
	size_t total = 1;
	for (size_t i = 0; i < nt; i++)
		total += strlen(t[i]) + 1;
	for (size_t i = 0; i < np; i++)
		total += strlen(p[i]) + 1;
	char *text = malloc(total), *w = text;
	if (!text)
		return fz_fail(e, FZ_NOMEM, "", NULL);
	for (size_t i = 0; i < nt + np; i++) {
		if (i == nt)
			*w++ = '\n';
		const char *id = i < nt ? t[i] : p[i - nt];
		size_t n = strlen(id);
		memcpy(w, id, n);
		w += n;
		*w++ = '\n';
	}
	if (!np)
		*w++ = '\n';
	unsigned char digest[32];
	crypto_sha256(text, (size_t)(w - text), digest);
	free(text);
	crypto_hex(digest, sizeof digest, out);
	return FZ_OK;
}

static enum fz_err check_counts(const struct draw_input *in, struct fz_error *e)
{
	if (in->count == 0)
		return fz_fail(e, FZ_INVALID, "count", "抽取数量应至少为 1");
	if (in->count > in->targets.n)
		return fz_fail(e, FZ_INVALID, "count", "抽取数量 %zu 超过检查对象名单的 %zu 个",
			       in->count, in->targets.n);
	if (in->per_target < DRAW_PER_TARGET_MIN || in->per_target > DRAW_PER_TARGET_MAX)
		return fz_fail(e, FZ_INVALID, "per_target",
			       "每个检查对象的执法人员应为 %d–%d 名（至少两名执法人员共同检查）",
			       DRAW_PER_TARGET_MIN, DRAW_PER_TARGET_MAX);
	if (in->inspectors.n < in->per_target)
		return fz_fail(e, FZ_INVALID, "inspectors",
			       "执法人员名单只有 %zu 名，不足每个检查对象所需的 %zu 名",
			       in->inspectors.n, in->per_target);
	return FZ_OK;
}

enum fz_err draw_run(struct arena *a, const struct draw_input *in, struct draw_result *out,
		     struct fz_error *e)
{
	memset(out, 0, sizeof *out);
	struct draw_stream st;
	if (!draw_stream_init(&st, in->seed_hex))
		return fz_fail(e, FZ_INVALID, "seed",
			       "随机种子应为 %d–%d 位十六进制数字（位数为偶数）",
			       2 * DRAW_SEED_MIN_BYTES, 2 * DRAW_SEED_MAX_BYTES);
	const char **t, **p;
	enum fz_err rc = sorted_list(a, &in->targets, "targets", "检查对象名单", &t, e);
	if (!rc)
		rc = sorted_list(a, &in->inspectors, "inspectors", "执法人员名单", &p, e);
	if (!rc)
		rc = check_counts(in, e);
	if (!rc)
		rc = lists_digest(t, in->targets.n, p, in->inspectors.n, out->lists_digest, e);
	if (rc)
		return rc;
	struct draw_assignment *rows = arena_calloc(a, in->count, sizeof *rows);
	const char **picked = arena_calloc(a, in->count * in->per_target, sizeof *picked);
	if (!rows || !picked)
		return fz_fail(e, FZ_NOMEM, "", NULL);

	size_t nt = in->targets.n, np = in->inspectors.n, per = in->per_target;
	for (size_t i = 0; i < in->count; i++) {
		size_t j = i + (size_t)draw_stream_uniform(&st, nt - i);
		const char *tmp = t[i];
		t[i] = t[j];
		t[j] = tmp;
		rows[i].target = t[i];
	}
	for (size_t k = 0; k < in->count; k++) {
		size_t swaps[DRAW_PER_TARGET_MAX] = { 0 };
		for (size_t i = 0; i < per; i++) {
			size_t j = i + (size_t)draw_stream_uniform(&st, np - i);
			const char *tmp = p[i];
			p[i] = p[j];
			p[j] = tmp;
			swaps[i] = j;
			picked[k * per + i] = p[i];
		}
		/* back to the sorted list for the next target */
		for (size_t i = per; i-- > 0;) {
			const char *tmp = p[i];
			p[i] = p[swaps[i]];
			p[swaps[i]] = tmp;
		}
		rows[k].inspectors = &picked[k * per];
	}
	out->version = DRAW_VERSION;
	crypto_hex(st.seed, st.seed_len, out->seed);
	out->ntargets = nt;
	out->ninspectors = np;
	out->per_target = per;
	out->rows = rows;
	out->nrows = in->count;
	return FZ_OK;
}

struct list_item {
	const char *id;
	int line;
};

static int cmp_item(const void *a, const void *b)
{
	const struct list_item *x = a, *y = b;
	int c = strcmp(x->id, y->id);
	return c ? c : (x->line > y->line) - (x->line < y->line);
}

enum fz_err draw_list_parse(struct arena *a, const char *label, const char *text, size_t len,
			    struct draw_list *out, struct fz_error *e)
{
	size_t nlines = 1;
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < len; i++)
		nlines += text[i] == '\n';
	struct list_item *items = arena_calloc(a, nlines, sizeof *items);
	const char **ids = arena_calloc(a, nlines, sizeof *ids);
	if (!items || !ids)
		return fz_fail(e, FZ_NOMEM, "", NULL);
	size_t n = 0;
	int line = 0;
	for (const char *p = text, *end = text + len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *s = p, *t = nl ? nl : end;
		p = nl ? nl + 1 : end;
		line++;
		while (s < t && (*s == ' ' || *s == '\t'))
			s++;
		while (t > s && (t[-1] == ' ' || t[-1] == '\t' || t[-1] == '\r'))
			t--;
		if (s == t)
			continue;
		if (!id_valid(s, (size_t)(t - s)))
			return fz_fail(e, FZ_INVALID, "", "%s第 %d 行不是有效的编号（1–%d 字节，"
					   "不含空白或控制字符）", label, line, DRAW_ID_MAX);
		if (n == DRAW_LIST_MAX)
			return fz_fail(e, FZ_INVALID, "", "%s超过 %d 项", label, DRAW_LIST_MAX);
		items[n].id = ids[n] = arena_strndup(a, s, (size_t)(t - s));
		items[n++].line = line;
		if (!ids[n - 1])
			return fz_fail(e, FZ_NOMEM, "", NULL);
	}
	if (n)
		qsort(items, n, sizeof *items, cmp_item);
	for (size_t i = 1; i < n; i++) {
		if (strcmp(items[i - 1].id, items[i].id) == 0) {
			char shown[64];
			short_id(items[i].id, shown);
			return fz_fail(e, FZ_INVALID, "", "%s第 %d 行“%s”与第 %d 行重复", label,
				       items[i].line, shown, items[i - 1].line);
		}
	}
	out->ids = ids;
	out->n = n;
	return FZ_OK;
}
