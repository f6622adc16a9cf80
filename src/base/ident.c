/* ident.c - check-character algorithms for USCC, organisation code,
 * resident identity number and division code; see ident.h for the rules
 * and identifiers.md for where the weights come from. */
#include "base/ident.h"

#include <stdbool.h>
#include <string.h>

#include "base/date.h"

/* GB 32100 character set; a character's value is its index. */
static const char uscc_charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
#define USCC_RADIX 31

/* 3^(i-1) mod 31 for positions 1..17. */
static const int uscc_weights[17] = {
	1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
};

/* GB 11714 weights for the 8 body characters. */
static const int orgcode_weights[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };

/* 2^(18-i) mod 11 for positions 1..17 (ISO 7064 MOD 11-2). */
static const int resident_weights[17] = {
	7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2,
};

static bool ident_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Value of c in the GB 32100 set, or -1. */
static int uscc_value(char c)
{
	if (c == '\0')
		return -1;
	const char *p = strchr(uscc_charset, c);
	return p ? (int)(p - uscc_charset) : -1;
}

/* Value of c for GB 11714: digits 0-9, A=10 ... Z=35 (the plain alphabet,
 * unlike GB 32100), or -1. */
static int orgcode_value(char c)
{
	if (ident_is_digit(c))
		return c - '0';
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return -1;
}

char ident_uscc_check_char(const char first17[17])
{
	int sum = 0;

	for (int i = 0; i < 17; i++) {
		int v = uscc_value(first17[i]);
		if (v < 0)
			return 0;
		sum += v * uscc_weights[i];
	}
	return uscc_charset[(USCC_RADIX - sum % USCC_RADIX) % USCC_RADIX];
}

char ident_orgcode_check_char(const char body8[8])
{
	int sum = 0;

	for (int i = 0; i < 8; i++) {
		int v = orgcode_value(body8[i]);
		if (v < 0)
			return 0;
		sum += v * orgcode_weights[i];
	}
	int c = 11 - sum % 11;
	if (c == 10)
		return 'X';
	if (c == 11)
		return '0';
	return (char)('0' + c);
}

char ident_resident_id_check_char(const char first17[17])
{
	static const char map[] = "10X98765432";
	int sum = 0;

	for (int i = 0; i < 17; i++) {
		if (!ident_is_digit(first17[i]))
			return 0;
		sum += (first17[i] - '0') * resident_weights[i];
	}
	return map[sum % 11];
}

enum fz_err ident_uscc_check(const char *s, const char *field, struct fz_error *e)
{
	if (!s || strlen(s) != 18)
		return fz_fail(e, FZ_INVALID, field, "统一社会信用代码应为 18 位");
	for (int i = 0; i < 18; i++) {
		unsigned char c = (unsigned char)s[i];
		if (uscc_value(s[i]) >= 0)
			continue;
		if (c > 0x20 && c < 0x7F)
			return fz_fail(e, FZ_INVALID, field,
				       "统一社会信用代码第 %d 位“%c”不是有效字符"
				       "（不使用 I、O、S、V、Z，字母须大写）",
				       i + 1, s[i]);
		return fz_fail(e, FZ_INVALID, field,
			       "统一社会信用代码第 %d 位不是有效字符"
			       "（只可使用数字和大写字母，不使用 I、O、S、V、Z）",
			       i + 1);
	}
	for (int i = 2; i < 8; i++) {
		if (!ident_is_digit(s[i]))
			return fz_fail(e, FZ_INVALID, field,
				       "统一社会信用代码第 3–8 位应为数字（登记管理机关行政区划码）");
	}
	char want = ident_uscc_check_char(s);
	if (s[17] != want)
		return fz_fail(e, FZ_INVALID, field,
			       "统一社会信用代码校验位错误（应为 %c）", want);
	/* Positions 9-16 are in the GB 32100 set, hence digits or capitals,
	 * so the organisation code check character always exists. */
	char org = ident_orgcode_check_char(s + 8);
	if (s[16] != org)
		return fz_fail(e, FZ_INVALID, field,
			       "统一社会信用代码第 9–17 位（组织机构代码）校验位错误"
			       "（第 17 位应为 %c）", org);
	return FZ_OK;
}

enum fz_err ident_orgcode_check(const char *s, const char *field, struct fz_error *e)
{
	char code[9];
	size_t n = s ? strlen(s) : 0;

	if (n == 9) {
		memcpy(code, s, 9);
	} else if (n == 10 && s[8] == '-') {
		memcpy(code, s, 8);
		code[8] = s[9];
	} else {
		return fz_fail(e, FZ_INVALID, field,
			       "组织机构代码应为 9 位（可写作 XXXXXXXX-X）");
	}
	for (int i = 0; i < 8; i++) {
		if (orgcode_value(code[i]) < 0)
			return fz_fail(e, FZ_INVALID, field,
				       "组织机构代码第 %d 位应为数字或大写字母", i + 1);
	}
	char want = ident_orgcode_check_char(code);
	if (code[8] != want)
		return fz_fail(e, FZ_INVALID, field,
			       "组织机构代码校验位错误（应为 %c）", want);
	return FZ_OK;
}

enum fz_err ident_resident_id_check(const char *s, const char *field,
				    struct fz_error *e)
{
	if (!s || strlen(s) != 18)
		return fz_fail(e, FZ_INVALID, field, "居民身份证号码应为 18 位");
	for (int i = 0; i < 17; i++) {
		if (!ident_is_digit(s[i]))
			return fz_fail(e, FZ_INVALID, field,
				       "居民身份证号码前 17 位应为数字");
	}
	char last = s[17] == 'x' ? 'X' : s[17];
	if (!ident_is_digit(last) && last != 'X')
		return fz_fail(e, FZ_INVALID, field,
			       "居民身份证号码第 18 位应为数字或 X");

	int y = (s[6] - '0') * 1000 + (s[7] - '0') * 100 + (s[8] - '0') * 10 + (s[9] - '0');
	int m = (s[10] - '0') * 10 + (s[11] - '0');
	int d = (s[12] - '0') * 10 + (s[13] - '0');
	if (!date_valid(y, m, d))
		return fz_fail(e, FZ_INVALID, field, "居民身份证号码中的出生日期无效");

	char want = ident_resident_id_check_char(s);
	if (last != want)
		return fz_fail(e, FZ_INVALID, field,
			       "居民身份证号码校验位错误（应为 %c）", want);
	return FZ_OK;
}

void ident_resident_id_normalize(char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (n > 0 && s[n - 1] == 'x')
		s[n - 1] = 'X';
}

/* GB/T 2260 province-level codes (first two digits). */
static const char division_provinces[][3] = {
	"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34",
	"35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52",
	"53", "54", "61", "62", "63", "64", "65", "71", "81", "82",
};

static bool division_is_six_digits(const char *s)
{
	if (!s)
		return false;
	for (int i = 0; i < 6; i++) {
		if (!ident_is_digit(s[i]))
			return false;
	}
	return s[6] == '\0';
}

static bool division_province_known(const char *s)
{
	size_t n = sizeof division_provinces / sizeof division_provinces[0];

	for (size_t i = 0; i < n; i++) {
		if (s[0] == division_provinces[i][0] && s[1] == division_provinces[i][1])
			return true;
	}
	return false;
}

enum fz_err ident_division_code_check(const char *s, const char *field,
				      struct fz_error *e)
{
	if (!division_is_six_digits(s))
		return fz_fail(e, FZ_INVALID, field, "行政区划代码应为 6 位数字");
	if (!division_province_known(s))
		return fz_fail(e, FZ_INVALID, field,
			       "行政区划代码前两位“%.2s”不是有效的省级代码", s);
	if (s[2] == '0' && s[3] == '0' && !(s[4] == '0' && s[5] == '0'))
		return fz_fail(e, FZ_INVALID, field,
			       "行政区划代码第 3–4 位为 00 时，第 5–6 位也应为 00");
	return FZ_OK;
}

int ident_division_level(const char *code)
{
	if (!division_is_six_digits(code))
		return 0;
	if (code[4] != '0' || code[5] != '0')
		return 3;
	if (code[2] != '0' || code[3] != '0')
		return 2;
	return 1;
}

void ident_division_parent(const char *code, char parent[7])
{
	int level = ident_division_level(code);

	parent[0] = '\0';
	if (level < 2)
		return;
	memcpy(parent, code, 6);
	parent[6] = '\0';
	/* A county in a 90 group (省直辖县级行政区划) belongs to the
	 * province: the group is a list heading, not a unit. */
	if (level == 2 || (code[2] == '9' && code[3] == '0'))
		memcpy(parent + 2, "0000", 4);
	else
		memcpy(parent + 4, "00", 2);
}

void ident_division_scope_prefix(const char *code, char prefix[7])
{
	static const size_t len_by_level[4] = { 0, 2, 4, 6 };
	size_t n = len_by_level[ident_division_level(code)];

	if (n)
		memcpy(prefix, code, n);
	prefix[n] = '\0';
}
