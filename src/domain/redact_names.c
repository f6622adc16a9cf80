/* redact_names.c - natural persons in a text to be published: the names
 * the caller gives, the names found after a label (当事人：, 证人：…),
 * every mention of them, and one placeholder per person (surname + 某,
 * numbered when two would be equal; court art 9 in
 * /work/shared/reference/redaction-rules.md §4). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "domain/redact_impl.h"

static uint32_t ascii_upper(uint32_t c)
{
	return c >= 'a' && c <= 'z' ? c - 32 : c;
}

/* The middle dots that join the parts of a transliterated name. */
static bool is_name_dot(uint32_t c)
{
	return c == 0x00B7 || c == 0x2022 || c == 0x30FB || c == 0x2027;
}

/* A name the caller passed: valid UTF-8, 2-32 characters, no space or
 * control character (a name of one character would blot out every use of
 * that character). */
static enum fz_err name_check(const char *name, const char *field, struct fz_error *e)
{
	size_t len = name ? strlen(name) : 0;
	if (!utf8_valid(name ? name : "", len))
		return fz_fail(e, FZ_INVALID, field, "姓名不是有效的 UTF-8 文本");
	size_t n = 0, i = 0;
	while (i < len) {
		uint32_t c = rd_fold(rd_decode(name, &i));
		if (c <= ' ' || c == 0x7F)
			return fz_fail(e, FZ_INVALID, field, "姓名“%s”不能含有空格或控制字符", name);
		n++;
	}
	if (n < 2 || n > 32)
		return fz_fail(e, FZ_INVALID, field, "姓名“%s”应为 2 至 32 个字", name);
	return FZ_OK;
}

static enum fz_err person_add(struct rd_text *t, const uint32_t *cp, size_t n, bool minor,
			      bool found, struct fz_error *e)
{
	for (size_t k = 0; k < t->npersons; k++) {
		struct rd_person *p = &t->persons[k];
		if (p->n == n && memcmp(p->cp, cp, n * sizeof *cp) == 0) {
			p->minor = p->minor || minor;
			return FZ_OK;
		}
	}
	if (t->npersons == REDACT_PERSONS_MAX)
		return fz_fail(e, FZ_INVALID, "name", "一份文本涉及的人员超过 %d 人", REDACT_PERSONS_MAX);
	uint32_t *copy = malloc(n * sizeof *copy);
	if (!copy)
		return FZ_NOMEM;
	memcpy(copy, cp, n * sizeof *copy);
	t->persons[t->npersons++] = (struct rd_person){ copy, n, minor, found, SIZE_MAX, "" };
	return FZ_OK;
}

static enum fz_err person_add_utf8(struct rd_text *t, const char *name, bool minor,
				   struct fz_error *e)
{
	enum fz_err rc = name_check(name, "name", e);
	if (rc)
		return rc;
	size_t n;
	uint32_t *cp = rd_fold_string(name, strlen(name), &n);
	if (!cp)
		return FZ_NOMEM;
	rc = person_add(t, cp, n, minor, false, e);
	free(cp);
	return rc;
}

/* Labels after which a natural person's name follows a colon. The party's
 * labels count only for a person party whose name is masked. */
static const char *const party_labels[] = {
	"被处罚人姓名", "当事人姓名", "经营者姓名", "违法行为人", "被处罚人",
	"当事人", "经营者", "姓名",
};
static const char *const other_labels[] = {
	"法定代理人", "证人姓名", "见证人", "举报人", "投诉人", "受害人", "被害人",
	"监护人", "联系人", "证人",
};

/* Words that end an organisation's name, never a person's. */
static const char *const org_suffixes[] = {
	"公司", "店", "厂", "社", "局", "所", "部", "中心", "院", "站", "队", "场",
	"馆", "行", "会", "处", "委", "室",
};

static size_t label_at(const struct rd_text *t, size_t i, const char *const *labels, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		size_t m = rd_match(t, i, labels[k]);
		if (m)
			return m;
	}
	return 0;
}

/* The name after a label at i (m code points), as [*s, *e): Han
 * characters and middle dots, 2-4 characters (up to 20 with a dot), not
 * already anonymised (某) and not an organisation. */
static bool labelled_name(const struct rd_text *t, size_t i, size_t m, size_t *s, size_t *e)
{
	size_t j = i + m;
	if (j >= t->n || t->cp[j] != ':')
		return false;
	j++;
	while (j < t->n && t->cp[j] == ' ')
		j++;
	size_t k = j;
	bool dot = false;
	while (k < t->n && (rd_is_han(t->cp[k]) || (k > j && is_name_dot(t->cp[k])))) {
		if (t->cp[k] == 0x67D0) /* 某: already anonymised */
			return false;
		dot = dot || is_name_dot(t->cp[k]);
		k++;
	}
	if (k > j && is_name_dot(t->cp[k - 1]))
		k--;
	size_t n = k - j;
	if (n < 2 || n > (dot ? 20u : 4u))
		return false;
	for (size_t q = 0; q < sizeof org_suffixes / sizeof *org_suffixes; q++) {
		size_t sl = utf8_count(org_suffixes[q]);
		if (sl < n && rd_match(t, k - sl, org_suffixes[q]) == sl)
			return false;
	}
	*s = j;
	*e = k;
	return true;
}

/* Whose 姓名 it is when the word before says so: officers and an
 * organisation's representative are published by name (rules §5). */
static const char *const public_roles[] = {
	"执法人员", "法定代表人", "负责人", "承办人", "审核人员", "审核人", "记录人",
};

static bool after_public_role(const struct rd_text *t, size_t i)
{
	for (size_t k = 0; k < sizeof public_roles / sizeof *public_roles; k++) {
		size_t n = utf8_count(public_roles[k]);
		if (i >= n && rd_match(t, i - n, public_roles[k]) == n)
			return true;
	}
	return false;
}

/* Pass 1: names after labels join the persons, so that every later
 * mention of them is masked with the same placeholder. */
static enum fz_err find_labelled_names(struct rd_text *t, struct fz_error *e)
{
	const struct redact_ctx *ctx = t->ctx;
	bool party = ctx->party_kind == REDACT_PARTY_PERSON && ctx->policy.mask_party_name;
	for (size_t i = 0; i < t->n; i++) {
		if (!rd_is_han(t->cp[i]))
			continue;
		size_t m = party ? label_at(t, i, party_labels, sizeof party_labels / sizeof *party_labels)
				 : 0;
		bool minor = false;
		if (!m)
			m = label_at(t, i, other_labels, sizeof other_labels / sizeof *other_labels);
		else
			minor = ctx->party_minor;
		size_t s, end;
		if (!m || !labelled_name(t, i, m, &s, &end) || after_public_role(t, i))
			continue;
		enum fz_err rc = person_add(t, t->cp + s, end - s, minor, true, e);
		if (rc)
			return rc;
		i = end - 1;
	}
	return FZ_OK;
}

/* Every mention of every person, the longest name first at each place. */
void rd_scan_names(struct rd_text *t)
{
	for (size_t i = 0; i < t->n; i++) {
		int best = -1;
		for (size_t k = 0; k < t->npersons; k++) {
			struct rd_person *p = &t->persons[k];
			if (p->cp[0] == t->cp[i] && i + p->n <= t->n &&
			    (best < 0 || p->n > t->persons[best].n) &&
			    memcmp(t->cp + i, p->cp, p->n * sizeof *p->cp) == 0)
				best = (int)k;
		}
		if (best < 0)
			continue;
		struct rd_person *p = &t->persons[best];
		if (rd_claim(t, i, i + p->n, p->minor ? REDACT_MINOR : REDACT_NAME, best, i)) {
			if (p->first == SIZE_MAX)
				p->first = i;
			i += p->n - 1;
		}
	}
}

/* Two-character surnames (复姓) kept whole: 欧阳娜娜 → 欧阳某. */
static const char *const compound_surnames[] = {
	"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙",
	"宇文", "司徒", "夏侯", "轩辕", "令狐", "端木", "独孤", "南宫", "西门", "百里",
	"呼延", "澹台", "公冶", "太史", "申屠", "钟离", "闻人", "赫连", "万俟", "东郭",
};

static void append_cp(char *out, size_t cap, uint32_t c)
{
	char b[5] = { 0 };
	if (c < 0x80) {
		b[0] = (char)c;
	} else if (c < 0x800) {
		b[0] = (char)(0xC0 | c >> 6);
		b[1] = (char)(0x80 | (c & 0x3F));
	} else if (c < 0x10000) {
		b[0] = (char)(0xE0 | c >> 12);
		b[1] = (char)(0x80 | (c >> 6 & 0x3F));
		b[2] = (char)(0x80 | (c & 0x3F));
	} else {
		b[0] = (char)(0xF0 | c >> 18);
		b[1] = (char)(0x80 | (c >> 12 & 0x3F));
		b[2] = (char)(0x80 | (c >> 6 & 0x3F));
		b[3] = (char)(0x80 | (c & 0x3F));
	}
	size_t l = strlen(out);
	if (l + strlen(b) < cap)
		memcpy(out + l, b, strlen(b) + 1);
}

/* The placeholder without its number (court art 9): a minor 某某; a name
 * in Latin letters its first letter; a compound surname kept whole;
 * otherwise the first character (the surname, or the first character of
 * a minority or transliterated name) + the suffix. */
static void placeholder_base(const struct rd_person *p, const char *suffix, char *out, size_t cap)
{
	out[0] = '\0';
	if (p->minor) {
		snprintf(out, cap, "某某");
		return;
	}
	if (p->cp[0] < 0x80) {
		append_cp(out, cap, ascii_upper(p->cp[0]));
		return;
	}
	append_cp(out, cap, p->cp[0]);
	for (size_t k = 0; p->n >= 3 && k < sizeof compound_surnames / sizeof *compound_surnames; k++) {
		size_t i = 0;
		const char *cs = compound_surnames[k];
		uint32_t a = rd_decode(cs, &i), b = rd_decode(cs, &i);
		if (p->cp[0] == a && p->cp[1] == b) {
			append_cp(out, cap, b);
			break;
		}
	}
	size_t l = strlen(out);
	snprintf(out + l, cap - l, "%s", suffix);
}

static int by_first(const void *a, const void *b)
{
	const struct rd_person *const *x = a, *const *y = b;
	return (*x)->first < (*y)->first ? -1 : (*x)->first > (*y)->first;
}

/* Persons who appear get their placeholder; two whose placeholders would
 * be equal are numbered in order of first appearance (张某1, 张某2). */
void rd_assign_placeholders(struct rd_text *t)
{
	struct rd_person *order[REDACT_PERSONS_MAX];
	size_t n = 0;
	for (size_t k = 0; k < t->npersons; k++) {
		if (t->persons[k].first == SIZE_MAX)
			continue;
		placeholder_base(&t->persons[k], t->ctx->policy.name_suffix,
				 t->persons[k].placeholder, REDACT_REPLACEMENT_MAX - 4);
		order[n++] = &t->persons[k];
	}
	if (n > 1)
		qsort(order, n, sizeof *order, by_first);
	char base[REDACT_PERSONS_MAX][REDACT_REPLACEMENT_MAX];
	for (size_t k = 0; k < n; k++)
		memcpy(base[k], order[k]->placeholder, REDACT_REPLACEMENT_MAX);
	for (size_t k = 0; k < n; k++) {
		unsigned same = 0, nth = 0;
		for (size_t j = 0; j < n; j++) {
			if (strcmp(base[j], base[k]) == 0) {
				same++;
				if (j <= k)
					nth++;
			}
		}
		if (same > 1) {
			size_t l = strlen(order[k]->placeholder);
			snprintf(order[k]->placeholder + l, REDACT_REPLACEMENT_MAX - l, "%u", nth);
		}
	}
}

void rd_report_persons(const struct rd_text *t, struct redact_report *r)
{
	for (size_t k = 0; k < t->npersons; k++) {
		if (t->persons[k].first == SIZE_MAX)
			continue;
		r->persons++;
		r->minors += t->persons[k].minor;
		r->found_names += t->persons[k].found;
	}
	r->minor_present = r->minors > 0 || t->ctx->party_minor;
}

enum fz_err rd_collect_persons(struct rd_text *t, struct fz_error *e)
{
	const struct redact_ctx *ctx = t->ctx;
	enum fz_err rc = FZ_OK;
	bool mask_party = ctx->party_kind == REDACT_PARTY_PERSON && ctx->policy.mask_party_name;
	if (ctx->party_name && mask_party)
		rc = person_add_utf8(t, ctx->party_name, ctx->party_minor, e);
	for (size_t k = 0; k < ctx->npersons && !rc; k++)
		rc = person_add_utf8(t, ctx->persons[k].name, ctx->persons[k].minor, e);
	if (!rc)
		rc = find_labelled_names(t, e);
	return rc;
}

