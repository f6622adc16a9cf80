/* org.c - validation of agency kinds, one-line texts, domain lists and
 * the settings an agency's documents print (机关代字, bank account). */
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

const char *org_agency_code(const char *name, const char *doc_code, size_t *len)
{
	if (doc_code && *doc_code) {
		*len = strlen(doc_code);
		return doc_code;
	}
	*len = name ? org_agency_code_len(name) : 0;
	return name ? name : "";
}

/* The next code point of a valid UTF-8 string, advancing *p. */
static unsigned long next_code_point(const char **p)
{
	const unsigned char *s = (const unsigned char *)*p;
	unsigned long c = s[0];
	int more = c < 0x80 ? 0 : c < 0xe0 ? 1 : c < 0xf0 ? 2 : 3;
	if (more)
		c &= 0x3fu >> more;
	for (int i = 1; i <= more; i++)
		c = (c << 6) | (s[i] & 0x3fu);
	*p += more + 1;
	return c;
}

/* CJK Unified Ideographs, Extension A and the compatibility block: the
 * characters agencies' names are written in. */
static bool cjk_ideograph(unsigned long c)
{
	return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) ||
	       (c >= 0xf900 && c <= 0xfaff);
}

enum fz_err org_doc_code_check(const char *value, const char *field, struct fz_error *e)
{
	if (!value || !*value)
		return FZ_OK;
	if (!utf8_valid(value, strlen(value)))
		return fz_fail(e, FZ_INVALID, field, "机关代字包含无效字符");
	size_t n = 0;
	for (const char *p = value; *p; n++)
		if (!cjk_ideograph(next_code_point(&p)))
			return fz_fail(e, FZ_INVALID, field,
				       "机关代字只能由汉字组成（1 至 8 个字，例如“海自然资”）");
	if (n > 8)
		return fz_fail(e, FZ_INVALID, field, "机关代字不能超过 8 个汉字");
	return FZ_OK;
}

enum fz_err text_check_opt(const char *value, const char *field, const char *label,
			   size_t max_chars, struct fz_error *e)
{
	if (!value || !*value)
		return FZ_OK;
	return text_check(value, field, label, max_chars, e);
}

enum fz_err org_bank_account_check(const char *value, const char *field, struct fz_error *e)
{
	if (!value || !*value)
		return FZ_OK;
	size_t digits = 0, len = strlen(value);
	for (size_t i = 0; i < len; i++) {
		char c = value[i];
		if (c >= '0' && c <= '9') {
			digits++;
			continue;
		}
		bool sep = c == ' ' || c == '-';
		if (!sep || i == 0 || i + 1 == len || value[i + 1] == ' ' || value[i + 1] == '-')
			return fz_fail(e, FZ_INVALID, field,
				       "账号只能由数字组成，数字组之间可用一个空格或“-”分隔");
	}
	if (digits < 6 || len > 40)
		return fz_fail(e, FZ_INVALID, field, "账号应至少有 6 位数字，连同分隔符不超过 40 个字符");
	return FZ_OK;
}
