/* draw_public.c - the published form of a random inspection draw's
 * target list (draw_public.h): sorted as the draw sorts, masked by the
 * publication's redaction (domain/redact.c), numbered so that the masked
 * list re-runs to the same positions. */
#include "domain/draw_public.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/ident.h"
#include "base/utf8.h"
#include "domain/redact.h"

/* Words that end the name of an organisation or a business (个体工商户's
 * 字号 is published: redaction-rules.md §5). */
static const char *const org_ends[] = {
	"公司", "店", "厂", "社", "局", "所", "部", "中心", "院", "站", "队", "场", "馆",
	"行", "园", "处", "会", "室", "坊", "铺", "超市", "市场", "学校", "酒家", "商城",
	"工作室", "合作社", "农场", "牧场", "加工点", "门市", "诊所", "药房", "楼", "厅",
};

static bool has_han(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p >= 0xe3 && *p <= 0xe9) /* U+3000..U+9FFF lead bytes */
			return true;
	return false;
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);
	return n > t && memcmp(s + n - t, tail, t) == 0;
}

enum draw_target_kind draw_target_kind(const char *id)
{
	/* a string both checks pass is read as an ID number: the cautious
	 * side (redaction-rules.md §6) */
	if (ident_resident_id_check(id, NULL, NULL) == FZ_OK)
		return DRAW_TARGET_SCANNED;
	if (ident_uscc_check(id, NULL, NULL) == FZ_OK || ident_orgcode_check(id, NULL, NULL) == FZ_OK)
		return DRAW_TARGET_KEPT;
	if (!has_han(id))
		return DRAW_TARGET_SCANNED;
	for (size_t i = 0; i < sizeof org_ends / sizeof org_ends[0]; i++)
		if (ends_with(id, org_ends[i]))
			return DRAW_TARGET_KEPT;
	return DRAW_TARGET_PERSON;
}

static int by_bytes(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

enum fz_err draw_public_targets(struct arena *a, const struct draw_list *targets,
				struct draw_list *out, size_t *nmasked, struct fz_error *e)
{
	size_t n = targets->n, np = 0, nk = 0, done_fields = 0;
	enum fz_err rc = FZ_NOMEM;
	memset(out, 0, sizeof *out);
	*nmasked = 0;
	if (n == 0 || n > DRAW_LIST_MAX)
		return fz_fail(e, FZ_INVALID, "targets", "检查对象名单为空或过长");
	const char **sorted = arena_calloc(a, n, sizeof *sorted);
	const char **pub = arena_calloc(a, n, sizeof *pub);
	const char **keep = arena_calloc(a, n, sizeof *keep);
	struct redact_person *persons = calloc(n, sizeof *persons);
	struct redact_field *fields = calloc(n, sizeof *fields);
	struct buf *bufs = calloc(n, sizeof *bufs);
	if (!sorted || !pub || !keep || !persons || !fields || !bufs)
		goto done;
	memcpy(sorted, targets->ids, n * sizeof *sorted);
	qsort(sorted, n, sizeof *sorted, by_bytes);
	for (size_t i = 0; i < n; i++) {
		if (i && strcmp(sorted[i - 1], sorted[i]) == 0) {
			rc = fz_fail(e, FZ_INVALID, "targets", "检查对象名单中有重复的对象");
			goto done;
		}
		size_t chars = utf8_count(sorted[i]);
		enum draw_target_kind kind = draw_target_kind(sorted[i]);
		if (kind == DRAW_TARGET_KEPT)
			keep[nk++] = sorted[i];
		else if (kind == DRAW_TARGET_PERSON && chars >= 2 && chars <= 32 && !strpbrk(sorted[i], " \t"))
			persons[np++].name = sorted[i];
	}
	/* The redaction over the list, REDACT_FIELDS_MAX ids at a time with
	 * one person table: the same surname gets 马某1, 马某2 within a run
	 * (numbers restart in the next one; the position keeps ids apart). */
	int width = snprintf(NULL, 0, "%zu", n);
	for (size_t start = 0; start < n; start += REDACT_FIELDS_MAX) {
		size_t m = n - start < REDACT_FIELDS_MAX ? n - start : REDACT_FIELDS_MAX;
		struct redact_ctx ctx;
		redact_ctx_init(&ctx, REDACT_PARTY_ORGANISATION);
		ctx.persons = persons;
		ctx.npersons = np > REDACT_PERSONS_MAX ? REDACT_PERSONS_MAX : np;
		ctx.keep = keep;
		ctx.nkeep = nk;
		for (size_t k = 0; k < m; k++) {
			bufs[start + k] = (struct buf)BUF_INIT;
			fields[k] = (struct redact_field){ sorted[start + k], strlen(sorted[start + k]),
							   &bufs[start + k] };
		}
		done_fields = start + m;
		if ((rc = redact_fields(&ctx, fields, m, NULL, e)))
			goto done;
	}
	for (size_t i = 0; i < n; i++) {
		const char *masked = buf_cstr(&bufs[i]);
		/* a one-character name the name rules cannot take: hidden whole */
		if (draw_target_kind(sorted[i]) == DRAW_TARGET_PERSON && strcmp(masked, sorted[i]) == 0)
			masked = "×××";
		if (strcmp(masked, sorted[i]) != 0)
			++*nmasked;
		pub[i] = arena_printf(a, "%0*zu-%s", width, i + 1, masked);
		if (!pub[i] || buf_failed(&bufs[i])) {
			rc = fz_fail(e, FZ_NOMEM, NULL, NULL);
			goto done;
		}
	}
	out->ids = pub;
	out->n = n;
	rc = FZ_OK;
done:
	if (bufs)
		for (size_t i = 0; i < done_fields; i++)
			buf_release(&bufs[i]);
	free(bufs);
	free(fields);
	free(persons);
	if (rc == FZ_NOMEM && e && !e->message[0])
		fz_fail(e, FZ_NOMEM, NULL, NULL);
	return rc;
}

void draw_format(const struct draw_result *r, struct buf *out)
{
	buf_addf(out, "# 随机抽取（双随机一公开），构造版本 %d\n", r->version);
	buf_addf(out, "# 种子 %s\n", r->seed);
	buf_addf(out, "# 检查对象 %zu 个，抽取 %zu 个；执法人员 %zu 名，每个对象 %zu 名\n",
		 r->ntargets, r->nrows, r->ninspectors, r->per_target);
	buf_addf(out, "# 名单摘要 SHA-256 %s\n", r->lists_digest);
	for (size_t i = 0; i < r->nrows; i++) {
		buf_addf(out, "%zu\t%s", i + 1, r->rows[i].target);
		for (size_t k = 0; k < r->per_target; k++)
			buf_addf(out, "\t%s", r->rows[i].inspectors[k]);
		buf_addc(out, '\n');
	}
}
