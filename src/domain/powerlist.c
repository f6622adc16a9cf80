/* powerlist.c - the rules of the power-and-responsibility list (权责清单):
 * what each power must say before a version is stored, when a version may
 * take effect, and what changed between two versions, power by power and
 * field by field. */
#include "domain/powerlist.h"

#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "base/utf8.h"

const char *const power_kind_names[] = {
	"penalty", "permit", "coercion", "inspection", "levy",
	"benefit", "confirmation", "adjudication", "reward", "other",
};
const size_t power_kind_count = sizeof power_kind_names / sizeof power_kind_names[0];

/* Labels as in the glossary's 执法类别 (行政处罚 … 行政奖励) and 其他. */
static const char *const power_kind_labels[] = {
	"行政处罚", "行政许可", "行政强制", "行政检查", "行政征收",
	"行政给付", "行政确认", "行政裁决", "行政奖励", "其他行政权力",
};

const char *power_kind_label(const char *name)
{
	for (size_t i = 0; name && i < power_kind_count; i++)
		if (strcmp(name, power_kind_names[i]) == 0)
			return power_kind_labels[i];
	return NULL;
}

bool power_kind_valid(const char *name) { return power_kind_label(name) != NULL; }

static bool blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

static bool code_ok(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > POWER_CODE_MAX)
		return false;
	for (; *s; s++) {
		char c = *s;
		if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		      c == '-' || c == '_' || c == '.'))
			return false;
	}
	return true;
}

/* "第 3 项（XK-001）" or "第 3 项" for messages. */
static void which(char *out, size_t cap, size_t i, const char *code)
{
	if (code && *code && code_ok(code))
		snprintf(out, cap, "第 %zu 项（%s）", i + 1, code);
	else
		snprintf(out, cap, "第 %zu 项", i + 1);
}

static enum fz_err text_check(const char *v, size_t max, const char *label, const char *w,
			      bool required, struct fz_error *e)
{
	if (required && blank(v))
		return fz_fail(e, FZ_INVALID, "items", "%s缺少%s", w, label);
	if (v && (strlen(v) > max || !utf8_valid(v, strlen(v))))
		return fz_fail(e, FZ_INVALID, "items", "%s的%s过长或含有无效字符", w, label);
	return FZ_OK;
}

enum fz_err power_items_check(const struct power_item *items, size_t n, struct fz_error *e)
{
	if (n > POWER_ITEMS_MAX)
		return fz_fail(e, FZ_INVALID, "items", "一个版本最多 %d 项职权", POWER_ITEMS_MAX);
	for (size_t i = 0; i < n; i++) {
		const struct power_item *it = &items[i];
		char w[120];
		enum fz_err rc;
		which(w, sizeof w, i, it->code);
		if (blank(it->code))
			return fz_fail(e, FZ_INVALID, "items", "%s缺少事项编码", w);
		if (!code_ok(it->code))
			return fz_fail(e, FZ_INVALID, "items",
				       "%s的事项编码只能由字母、数字和 - _ . 组成，最长 %d 个字符", w,
				       POWER_CODE_MAX);
		if ((rc = text_check(it->name, POWER_NAME_MAX, "事项名称", w, true, e)))
			return rc;
		if (!power_kind_valid(it->kind))
			return fz_fail(e, FZ_INVALID, "items",
				       "%s的职权类别无效，应为行政处罚、行政许可、行政强制、行政检查、"
				       "行政征收、行政给付、行政确认、行政裁决、行政奖励或其他行政权力",
				       w);
		if ((rc = text_check(it->basis, POWER_TEXT_MAX, "设定依据（法律法规名称及条款）", w,
				     true, e)) ||
		    (rc = text_check(it->duty, POWER_TEXT_MAX, "责任事项", w, true, e)) ||
		    (rc = text_check(it->accountability, POWER_TEXT_MAX, "追责情形及依据", w, true,
				     e)) ||
		    (rc = text_check(it->guide, POWER_GUIDE_MAX, "办事指南", w, false, e)))
			return rc;
		for (size_t j = 0; j < i; j++)
			if (strcmp(items[j].code, it->code) == 0)
				return fz_fail(e, FZ_INVALID, "items",
					       "事项编码 %s 重复（第 %zu 项和第 %zu 项），同一版本中每项职权的编码必须不同",
					       it->code, j + 1, i + 1);
	}
	return FZ_OK;
}

enum fz_err power_publish_check(const char *effective_on, const char *today, const char *reason,
				const char *prev_effective_on, struct fz_error *e)
{
	int y, m, d;
	if (!effective_on || !*effective_on)
		return fz_fail(e, FZ_INVALID, "effective_on", "请填写生效日期");
	if (strlen(effective_on) != 10 || !date_parse(effective_on, &y, &m, &d))
		return fz_fail(e, FZ_INVALID, "effective_on", "生效日期应为有效日期（年-月-日）");
	if (strcmp(effective_on, today) < 0 && blank(reason))
		return fz_fail(e, FZ_INVALID, "reason",
			       "生效日期 %s 早于今天（%s）：溯及既往须说明理由，理由将一并公开",
			       effective_on, today);
	if (reason && (strlen(reason) > POWER_TEXT_MAX || !utf8_valid(reason, strlen(reason))))
		return fz_fail(e, FZ_INVALID, "reason", "理由过长或含有无效字符");
	if (prev_effective_on && *prev_effective_on && strcmp(effective_on, prev_effective_on) <= 0)
		return fz_fail(e, FZ_INVALID, "effective_on",
			       "生效日期须晚于上一版本的生效日期（%s）", prev_effective_on);
	return FZ_OK;
}

/* --- comparison --- */

static const struct power_item *by_code(const struct power_item *v, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].code, code) == 0)
			return &v[i];
	return NULL;
}

static const char *s0(const char *s) { return s ? s : ""; }

static enum fz_err fields_of(struct arena *ar, const struct power_item *x,
			     const struct power_item *y, struct power_diff_entry *out,
			     struct fz_error *e)
{
	const struct {
		const char *field, *label, *before, *after;
	} f[] = {
		{ "name", "事项名称", x->name, y->name },
		{ "kind", "职权类别", power_kind_label(x->kind), power_kind_label(y->kind) },
		{ "basis", "设定依据", x->basis, y->basis },
		{ "unit", "实施机构", x->unit, y->unit },
		{ "duty", "责任事项", x->duty, y->duty },
		{ "accountability", "追责情形及依据", x->accountability, y->accountability },
		{ "guide", "办事指南", x->guide, y->guide },
	};
	size_t nf = sizeof f / sizeof f[0];
	out->fields = arena_calloc(ar, nf, sizeof *out->fields);
	if (!out->fields)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	for (size_t i = 0; i < nf; i++) {
		if (strcmp(s0(f[i].before), s0(f[i].after)) == 0)
			continue;
		out->fields[out->n_fields++] = (struct power_field_change){
			f[i].field, f[i].label, s0(f[i].before), s0(f[i].after)
		};
	}
	return FZ_OK;
}

enum fz_err power_compare(struct arena *ar, const struct power_item *a, size_t na,
			  const struct power_item *b, size_t nb, struct power_diff *out,
			  struct fz_error *e)
{
	memset(out, 0, sizeof *out);
	out->entries = arena_calloc(ar, na + nb + 1, sizeof *out->entries);
	if (!out->entries)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	for (size_t i = 0; i < na; i++) {
		const struct power_item *y = by_code(b, nb, a[i].code);
		struct power_diff_entry *d = &out->entries[out->n];
		if (!y) {
			*d = (struct power_diff_entry){ .change = POWER_REMOVED, .code = a[i].code,
							.name = a[i].name, .before = &a[i] };
			out->n++;
			out->removed++;
			continue;
		}
		enum fz_err rc = fields_of(ar, &a[i], y, d, e);
		if (rc)
			return rc;
		if (d->n_fields == 0) {
			memset(d, 0, sizeof *d);
			continue;
		}
		d->change = POWER_CHANGED;
		d->code = y->code;
		d->name = y->name;
		d->before = &a[i];
		d->after = y;
		out->n++;
		out->changed++;
	}
	for (size_t i = 0; i < nb; i++) {
		if (by_code(a, na, b[i].code))
			continue;
		out->entries[out->n++] = (struct power_diff_entry){
			.change = POWER_ADDED, .code = b[i].code, .name = b[i].name, .after = &b[i]
		};
		out->added++;
	}
	return FZ_OK;
}
