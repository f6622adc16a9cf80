/* redact.c - the redaction engine: decodes the text once into folded code
 * points, lets each scanner claim spans (kept strings first, then
 * addresses, e-mail, plates, numbers, names) and renders each field.
 * Persons and placeholders are in redact_names.c, the other scanners in
 * redact_scan.c; the rules are explained in docs/REDACTION.md. */
#include "domain/redact.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "domain/redact_impl.h"

static const char *const category_labels[REDACT_CATEGORY_COUNT] = {
	[REDACT_NAME] = "姓名",
	[REDACT_MINOR] = "未成年人姓名",
	[REDACT_ID_NUMBER] = "身份证号码",
	[REDACT_PHONE] = "电话号码",
	[REDACT_ADDRESS] = "住址",
	[REDACT_BANK_ACCOUNT] = "银行账号",
	[REDACT_PLATE] = "车牌号码",
	[REDACT_EMAIL] = "电子邮箱",
	[REDACT_CONTACT] = "其他联系方式",
};

const char *redact_category_label(enum redact_category c)
{
	return (unsigned)c < REDACT_CATEGORY_COUNT ? category_labels[c] : "";
}

void redact_policy_defaults(struct redact_policy *p)
{
	p->mask_party_name = true;
	p->address_keep_county = true;
	p->name_suffix = "某";
	p->mark = "×××";
}

void redact_ctx_init(struct redact_ctx *ctx, enum redact_party_kind kind)
{
	memset(ctx, 0, sizeof *ctx);
	ctx->party_kind = kind;
	redact_policy_defaults(&ctx->policy);
}

uint32_t rd_decode(const char *s, size_t *i)
{
	const unsigned char *p = (const unsigned char *)s + *i;
	if (p[0] < 0x80) {
		*i += 1;
		return p[0];
	}
	if (p[0] < 0xE0) {
		*i += 2;
		return (uint32_t)(p[0] & 0x1F) << 6 | (p[1] & 0x3F);
	}
	if (p[0] < 0xF0) {
		*i += 3;
		return (uint32_t)(p[0] & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
	}
	*i += 4;
	return (uint32_t)(p[0] & 0x07) << 18 | (uint32_t)(p[1] & 0x3F) << 12 |
	       (uint32_t)(p[2] & 0x3F) << 6 | (p[3] & 0x3F);
}

uint32_t rd_fold(uint32_t c)
{
	if (c >= 0xFF01 && c <= 0xFF5E)
		return c - 0xFEE0;
	if (c == 0x3000 || c == 0x00A0)
		return ' ';
	if (c == 0x2013 || c == 0x2014 || c == 0x2212)
		return '-';
	return c;
}

static uint32_t ascii_upper(uint32_t c)
{
	return c >= 'a' && c <= 'z' ? c - 32 : c;
}

size_t rd_match(const struct rd_text *t, size_t i, const char *lit)
{
	size_t k = 0, n = 0, len = strlen(lit);
	while (k < len) {
		uint32_t c = rd_decode(lit, &k);
		if (i + n >= t->n || ascii_upper(t->cp[i + n]) != ascii_upper(c))
			return 0;
		n++;
	}
	return n;
}

bool rd_free(const struct rd_text *t, size_t start, size_t end)
{
	for (size_t i = start; i < end; i++)
		if (t->owner[i] != RD_FREE)
			return false;
	return true;
}

bool rd_claim(struct rd_text *t, size_t start, size_t end, enum redact_category cat,
	      int person, size_t keep_end)
{
	if (start >= end || end > t->n || !rd_free(t, start, end))
		return false;
	if (t->nspans == t->capspans) {
		size_t cap = t->capspans ? t->capspans * 2 : 16;
		struct rd_span *s = realloc(t->spans, cap * sizeof *s);
		if (!s) {
			t->nomem = true;
			return false;
		}
		t->spans = s;
		t->capspans = cap;
	}
	t->spans[t->nspans++] = (struct rd_span){ start, end, keep_end, cat, person };
	memset(t->owner + start, RD_SPAN, end - start);
	return true;
}

bool rd_is_han(uint32_t c)
{
	return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
	       (c >= 0x20000 && c <= 0x2A6DF);
}

uint32_t *rd_fold_string(const char *s, size_t len, size_t *n)
{
	uint32_t *cp = malloc((len + 1) * sizeof *cp);
	size_t i = 0;
	*n = 0;
	if (!cp)
		return NULL;
	while (i < len)
		cp[(*n)++] = rd_fold(rd_decode(s, &i));
	return cp;
}

/* Kept strings claim their code points first so that nothing inside
 * them is replaced. */
static void protect(struct rd_text *t, const char *s)
{
	size_t n;
	uint32_t *cp = rd_fold_string(s, strlen(s), &n);
	if (!cp) {
		t->nomem = true;
		return;
	}
	for (size_t i = 0; n && i + n <= t->n; i++) {
		if (memcmp(t->cp + i, cp, n * sizeof *cp) == 0) {
			memset(t->owner + i, RD_KEPT, n);
			i += n - 1;
		}
	}
	free(cp);
}

static int by_start(const void *a, const void *b)
{
	const struct rd_span *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* Renders code points [from, to) (one field) into out; spans never cross
 * a field boundary because the separator between fields is a line break,
 * which ends every pattern. */
static void render(const struct rd_text *t, size_t from, size_t to, struct buf *out,
		   struct redact_report *r)
{
	size_t s = 0;
	while (s < t->nspans && t->spans[s].start < from)
		s++;
	size_t i = from;
	while (i < to) {
		if (s < t->nspans && t->spans[s].start == i) {
			const struct rd_span *sp = &t->spans[s++];
			if (sp->cat == REDACT_NAME || sp->cat == REDACT_MINOR) {
				buf_adds(out, t->persons[sp->person].placeholder);
			} else {
				buf_add(out, t->in + t->off[sp->start],
					t->off[sp->keep_end] - t->off[sp->start]);
				buf_adds(out, t->ctx->policy.mark);
			}
			r->counts[sp->cat]++;
			i = sp->end;
			continue;
		}
		size_t j = i;
		while (j < to && !(s < t->nspans && t->spans[s].start == j))
			j++;
		buf_add(out, t->in + t->off[i], t->off[j] - t->off[i]);
		i = j;
	}
}

static bool text_ok(const char *s)
{
	return s && utf8_valid(s, strlen(s));
}

/* What the caller passed beside the text: the policy's strings, the kept
 * strings and the party's name (the names themselves are checked as they
 * join the persons). */
static enum fz_err ctx_check(const struct redact_ctx *ctx, struct fz_error *e)
{
	const struct redact_policy *p = &ctx->policy;
	for (size_t k = 0; k < ctx->nkeep; k++)
		if (!ctx->keep || !text_ok(ctx->keep[k]))
			return fz_fail(e, FZ_INVALID, "keep", "保留文字不是有效的 UTF-8 文本");
	if (ctx->npersons && !ctx->persons)
		return fz_fail(e, FZ_INVALID, "name", "未给出人员姓名");
	if (ctx->party_name && !text_ok(ctx->party_name))
		return fz_fail(e, FZ_INVALID, "name", "当事人名称不是有效的 UTF-8 文本");
	const char *v[2] = { p->name_suffix, p->mark };
	for (int k = 0; k < 2; k++) {
		size_t l = v[k] ? strlen(v[k]) : 0;
		if (l < 1 || l > 16 || !utf8_valid(v[k], l))
			return fz_fail(e, FZ_INVALID, "policy",
				       "脱敏替换文字应为 1 至 16 字节的 UTF-8 文本");
	}
	return FZ_OK;
}

/* Joins the fields with line breaks into one text (so that one person
 * table and one numbering serve them all) and decodes it; fstart[k] is
 * the first code point of field k, fstart[n] the end. */
static enum fz_err text_open(struct rd_text *t, const struct redact_ctx *ctx,
			     const struct redact_field *fields, size_t nfields, size_t *fstart)
{
	size_t len = 0;
	memset(t, 0, sizeof *t);
	t->ctx = ctx;
	for (size_t k = 0; k < nfields; k++)
		len += fields[k].len + 1;
	char *joined = malloc(len + 1);
	t->in = joined;
	t->cp = malloc((len + 1) * sizeof *t->cp);
	t->off = malloc((len + 1) * sizeof *t->off);
	t->owner = calloc(len + 1, 1);
	t->persons = calloc(REDACT_PERSONS_MAX, sizeof *t->persons);
	if (!joined || !t->cp || !t->off || !t->owner || !t->persons)
		return FZ_NOMEM;
	size_t i = 0;
	for (size_t k = 0; k < nfields; k++) {
		if (fields[k].len)
			memcpy(joined + i, fields[k].text, fields[k].len);
		i += fields[k].len;
		joined[i++] = '\n';
	}
	joined[i] = '\0';
	i = 0;
	for (size_t k = 0; k < nfields; k++) {
		size_t end = i + fields[k].len;
		fstart[k] = t->n;
		while (i < end) {
			t->off[t->n] = i;
			t->cp[t->n++] = rd_fold(rd_decode(joined, &i));
		}
		t->off[t->n] = i;
		t->cp[t->n++] = '\n';
		i++;
	}
	fstart[nfields] = t->n;
	t->off[t->n] = i;
	return FZ_OK;
}

static void text_close(struct rd_text *t)
{
	for (size_t k = 0; t->persons && k < t->npersons; k++)
		free(t->persons[k].cp);
	free(t->persons);
	free((char *)t->in);
	free(t->cp);
	free(t->off);
	free(t->owner);
	free(t->spans);
}

enum fz_err redact_fields(const struct redact_ctx *ctx, const struct redact_field *fields,
			  size_t n, struct redact_report *report, struct fz_error *e)
{
	struct redact_report scratch = { 0 };
	struct redact_report *r = report ? report : &scratch;
	memset(r, 0, sizeof *r);
	if (n == 0 || n > REDACT_FIELDS_MAX)
		return fz_fail(e, FZ_INVALID, "text", "一次脱敏的字段应为 1 至 %d 个", REDACT_FIELDS_MAX);
	for (size_t k = 0; k < n; k++)
		if (!utf8_valid(fields[k].text ? fields[k].text : "", fields[k].text ? fields[k].len : 0))
			return fz_fail(e, FZ_INVALID, "text",
				       "文本不是有效的 UTF-8 编码（或含有 NUL 字符）");
	enum fz_err rc = ctx_check(ctx, e);
	if (rc)
		return rc;
	struct redact_field safe[REDACT_FIELDS_MAX];
	for (size_t k = 0; k < n; k++)
		safe[k] = (struct redact_field){ fields[k].text ? fields[k].text : "",
						 fields[k].text ? fields[k].len : 0, fields[k].out };
	size_t fstart[REDACT_FIELDS_MAX + 1];
	struct rd_text t;
	rc = text_open(&t, ctx, safe, n, fstart);
	if (!rc)
		rc = rd_collect_persons(&t, e);
	if (!rc) {
		bool keep_party = ctx->party_name && !(ctx->party_kind == REDACT_PARTY_PERSON &&
						       ctx->policy.mask_party_name);
		for (size_t k = 0; k < ctx->nkeep; k++)
			protect(&t, ctx->keep[k]);
		if (keep_party)
			protect(&t, ctx->party_name);
		rd_scan_addresses(&t);
		rd_scan_emails(&t);
		rd_scan_contacts(&t);
		rd_scan_plates(&t);
		rd_scan_numbers(&t);
		rd_scan_names(&t);
		if (t.nomem)
			rc = FZ_NOMEM;
	}
	if (!rc) {
		/* rendered aside, so that the outputs get all of it or nothing */
		struct buf tmp[REDACT_FIELDS_MAX];
		rd_assign_placeholders(&t);
		if (t.nspans)
			qsort(t.spans, t.nspans, sizeof *t.spans, by_start);
		for (size_t k = 0; k < n; k++) {
			buf_init(&tmp[k], 0);
			render(&t, fstart[k], fstart[k + 1] - 1, &tmp[k], r);
			if (!rc)
				rc = buf_status(&tmp[k]);
		}
		rd_report_persons(&t, r);
		for (size_t k = 0; k < n && !rc; k++) {
			buf_add(safe[k].out, tmp[k].data ? tmp[k].data : "", tmp[k].len);
			rc = buf_status(safe[k].out);
		}
		for (size_t k = 0; k < n; k++)
			buf_release(&tmp[k]);
	}
	text_close(&t);
	if (rc) {
		memset(r, 0, sizeof *r);
		if (rc == FZ_NOMEM)
			fz_fail(e, rc, "text", "内存不足");
	}
	return rc;
}

enum fz_err redact_text(const struct redact_ctx *ctx, const char *in, size_t len,
			struct buf *out, struct redact_report *report, struct fz_error *e)
{
	struct redact_field f = { in, len, out };
	return redact_fields(ctx, &f, 1, report, e);
}
