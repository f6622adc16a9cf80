/* org.c - validation of agency kinds, one-line texts and domain lists. */
#include "domain/org.h"

#include <string.h>

#include "base/utf8.h"

const char *const agency_kinds[] = {
	"justice_bureau", "government", "department", "comprehensive", "township", NULL,
};

static const char *const agency_kind_labels[] = {
	"司法行政机关", "人民政府", "政府工作部门", "综合行政执法部门", "乡镇（街道）",
};

bool agency_kind_valid(const char *kind)
{
	for (size_t i = 0; kind && agency_kinds[i]; i++)
		if (strcmp(kind, agency_kinds[i]) == 0)
			return true;
	return false;
}

const char *agency_kind_label(const char *kind)
{
	for (size_t i = 0; kind && agency_kinds[i]; i++)
		if (strcmp(kind, agency_kinds[i]) == 0)
			return agency_kind_labels[i];
	return kind ? kind : "";
}

enum fz_err text_check(const char *value, const char *field, const char *label,
		       size_t max_chars, struct fz_error *e)
{
	if (!value || !*value)
		return fz_fail(e, FZ_INVALID, field, "%s不能为空", label);
	size_t len = strlen(value);
	if (!utf8_valid(value, len))
		return fz_fail(e, FZ_INVALID, field, "%s包含无效字符", label);
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)value[i] < 0x20 || value[i] == 0x7f)
			return fz_fail(e, FZ_INVALID, field, "%s不能包含控制字符或换行", label);
	if (utf8_count(value) > max_chars)
		return fz_fail(e, FZ_INVALID, field, "%s不能超过 %zu 个字", label, max_chars);
	return FZ_OK;
}

enum fz_err domains_check(const char *value, const char *field, struct fz_error *e)
{
	enum fz_err rc = text_check(value, field, "执法领域", 600, e);
	if (rc)
		return rc;
	if (strstr(value, "，") || strstr(value, "、"))
		return fz_fail(e, FZ_INVALID, field,
			       "执法领域请用英文逗号“,”分隔");
	int items = 0;
	const char *p = value;
	for (;;) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		while (n && *p == ' ')
			p++, n--;
		while (n && p[n - 1] == ' ')
			n--;
		if (n == 0)
			return fz_fail(e, FZ_INVALID, field, "执法领域列表中有空项");
		char item[256];
		if (n >= sizeof item)
			return fz_fail(e, FZ_INVALID, field, "执法领域名称过长");
		memcpy(item, p, n);
		item[n] = '\0';
		if (utf8_count(item) > 30)
			return fz_fail(e, FZ_INVALID, field, "每个执法领域不能超过 30 个字");
		if (++items > 20)
			return fz_fail(e, FZ_INVALID, field, "执法领域不能超过 20 项");
		if (!comma)
			break;
		p = comma + 1;
	}
	return FZ_OK;
}

size_t org_agency_code_len(const char *name)
{
	static const char *const suffixes[] = { "分局", "局" };
	size_t n = strlen(name);
	for (size_t i = 0; i < 2; i++) {
		size_t m = strlen(suffixes[i]);
		if (n > m && strcmp(name + n - m, suffixes[i]) == 0)
			return n - m;
	}
	return n;
}
