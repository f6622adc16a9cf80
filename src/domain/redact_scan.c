/* redact_scan.c - the scanners for what is not a name: home addresses
 * after their labels, e-mail addresses, vehicle plates, and the numbers
 * (ID numbers, phones, bank accounts; USCCs and document numbers are
 * recognised so that they stay). Patterns and check algorithms:
 * /work/shared/reference/identifiers.md §1, §2, §6, §7; the checks
 * themselves are base/ident.c's. */
#include <stdint.h>
#include <string.h>

#include "base/date.h"
#include "base/ident.h"
#include "domain/redact_impl.h"

static bool is_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

static bool is_alpha(uint32_t c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static bool is_alnum(uint32_t c)
{
	return is_digit(c) || is_alpha(c);
}

static bool in_set(uint32_t c, const char *set)
{
	size_t i = 0, len = strlen(set);
	while (i < len)
		if (rd_decode(set, &i) == c)
			return true;
	return false;
}

/* ---- home addresses ---------------------------------------------- */

/* Labels of a natural person's residence (longest first). 住所 is an
 * organisation's domicile too, so it counts only for a person party. */
static const char *const address_labels[] = {
	"家庭住址", "家庭地址", "户籍所在地", "经常居住地", "现住址", "户籍地址", "居住地址",
	"暂住地址", "户籍地", "居住地", "暂住地", "住址", "现住",
};

/* Where the kept part of an address ends: after its county or district
 * (县, 旗, a 区 that is not 自治区, 地区 or 小区 …), or after its city or
 * prefecture when it names no county; nothing when it starts below. The
 * SPC 2013 spec deletes the detail below the county. */
static size_t county_end(const struct rd_text *t, size_t s, size_t e)
{
	size_t keep = s;
	for (size_t k = s; k < e; k++) {
		uint32_t c = t->cp[k], prev = k > s ? t->cp[k - 1] : 0;
		if (c == 0x7701 /* 省 */ || c == 0x5E02 /* 市 */ || c == 0x5DDE /* 州 */ ||
		    c == 0x76DF /* 盟 */) {
			keep = k + 1;
		} else if (c == 0x53BF /* 县 */ || c == 0x65D7 /* 旗 */) {
			return k + 1;
		} else if (c == 0x533A /* 区 */) {
			if (in_set(prev, "治地"))
				keep = k + 1;
			else if (in_set(prev, "小社园校片景街厂营"))
				return keep;
			else
				return k + 1;
		} else if (is_digit(c) || in_set(c, "镇乡村路街巷号组楼栋室苑")) {
			return keep;
		}
	}
	return keep;
}

static bool address_stop(uint32_t c)
{
	return in_set(c, "，,。；;、\n\r\t ") || c < ' ';
}

void rd_scan_addresses(struct rd_text *t)
{
	bool person = t->ctx->party_kind == REDACT_PARTY_PERSON;
	for (size_t i = 0; i < t->n; i++) {
		size_t m = 0;
		for (size_t k = 0; !m && k < sizeof address_labels / sizeof *address_labels; k++)
			m = rd_match(t, i, address_labels[k]);
		if (!m && person)
			m = rd_match(t, i, "住所");
		/* court style: "张某，男，……，住海原县海城镇……" */
		if (!m && i > 0 && in_set(t->cp[i - 1], "，,") && rd_match(t, i, "住") &&
		    i + 1 < t->n && rd_is_han(t->cp[i + 1]) && t->cp[i + 1] != 0x6240 /* 所 */)
			m = 1;
		if (!m)
			continue;
		size_t s = i + m;
		while (s < t->n && (t->cp[s] == ':' || t->cp[s] == ' ' || t->cp[s] == 0x4E3A /* 为 */))
			s++;
		size_t e = s;
		while (e < t->n && e - s < 80 && !address_stop(t->cp[e]) && t->owner[e] == RD_FREE)
			e++;
		size_t keep = t->ctx->policy.address_keep_county ? county_end(t, s, e) : s;
		if (keep < e && rd_claim(t, s, e, REDACT_ADDRESS, -1, keep))
			i = e - 1;
	}
}

/* ---- e-mail ------------------------------------------------------- */

static bool email_local(uint32_t c)
{
	return is_alnum(c) || in_set(c, "._%+-");
}

static bool email_domain(uint32_t c)
{
	return is_alnum(c) || c == '-' || c == '.';
}

void rd_scan_emails(struct rd_text *t)
{
	for (size_t i = 1; i + 1 < t->n; i++) {
		if (t->cp[i] != '@')
			continue;
		size_t s = i;
		while (s > 0 && email_local(t->cp[s - 1]) && t->owner[s - 1] == RD_FREE)
			s--;
		size_t e = i + 1, dot = 0;
		while (e < t->n && email_domain(t->cp[e]) && t->owner[e] == RD_FREE) {
			if (t->cp[e] == '.')
				dot = e;
			e++;
		}
		while (e > i + 1 && (t->cp[e - 1] == '.' || t->cp[e - 1] == '-'))
			e--;
		if (s == i || dot <= i + 1 || dot >= e - 1)
			continue;
		if (rd_claim(t, s, e, REDACT_EMAIL, -1, s))
			i = e;
	}
}

/* ---- other contact handles --------------------------------------- */

static bool handle_char(uint32_t c)
{
	return is_alnum(c) || c == '_' || c == '-' || c == '.';
}

/* A WeChat or QQ account after its label: letters, digits, _ - . (at
 * least 5, as both services require), up to the first other character. */
void rd_scan_contacts(struct rd_text *t)
{
	static const char *const labels[] = { "微信号", "微信", "QQ号", "QQ" };
	for (size_t i = 0; i < t->n; i++) {
		size_t m = 0;
		for (size_t k = 0; !m && k < sizeof labels / sizeof *labels; k++)
			m = rd_match(t, i, labels[k]);
		if (!m || (i > 0 && is_alnum(t->cp[i - 1])))
			continue;
		size_t s = i + m;
		while (s < t->n && (t->cp[s] == ':' || t->cp[s] == ' ' || t->cp[s] == 0x4E3A /* 为 */))
			s++;
		size_t e = s;
		while (e < t->n && handle_char(t->cp[e]) && t->owner[e] == RD_FREE)
			e++;
		while (e > s && (t->cp[e - 1] == '.' || t->cp[e - 1] == '-'))
			e--;
		if (e - s >= 5 && rd_claim(t, s, e, REDACT_CONTACT, -1, s))
			i = e - 1;
	}
}

/* ---- vehicle plates ----------------------------------------------- */

static const char plate_provinces[] =
	"京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";

/* A plate letter: capitals (or small, as typed) without I and O. */
static bool plate_alnum(uint32_t c)
{
	if (c >= 'a' && c <= 'z')
		c -= 32;
	return is_digit(c) || (c >= 'A' && c <= 'Z' && c != 'I' && c != 'O');
}

/* Length of the plate at i (province, letter, optional separator, 5
 * characters or 6 for a new-energy vehicle, the last possibly 挂学警港澳),
 * or 0. */
static size_t plate_at(const struct rd_text *t, size_t i)
{
	if (i + 7 > t->n || !in_set(t->cp[i], plate_provinces) || !plate_alnum(t->cp[i + 1]) ||
	    is_digit(t->cp[i + 1]))
		return 0;
	size_t j = i + 2;
	if (in_set(t->cp[j], "·•.- "))
		j++;
	size_t k = j;
	while (k < t->n && k - j < 6 && plate_alnum(t->cp[k]))
		k++;
	size_t body = k - j;
	if (body == 4 && k < t->n && in_set(t->cp[k], "挂学警港澳"))
		return k + 1 - i;
	if ((body == 5 || body == 6) && !(k < t->n && is_alnum(t->cp[k])))
		return k - i;
	return 0;
}

void rd_scan_plates(struct rd_text *t)
{
	for (size_t i = 0; i < t->n; i++) {
		size_t m = plate_at(t, i);
		if (m && rd_claim(t, i, i + m, REDACT_PLATE, -1, i))
			i += m - 1;
	}
}

/* ---- numbers ------------------------------------------------------ */

/* What the words before a number say it is. */
enum num_label { NL_NONE, NL_ID, NL_USCC, NL_PHONE, NL_BANK, NL_KEEP };

static const struct {
	const char *word;
	enum num_label label;
} number_labels[] = {
	{ "统一社会信用代码", NL_USCC }, { "社会信用代码", NL_USCC }, { "信用代码", NL_USCC },
	{ "组织机构代码", NL_USCC }, { "注册号", NL_USCC },
	{ "执法证件号", NL_KEEP }, { "执法证号", NL_KEEP }, { "执法证", NL_KEEP },
	{ "公民身份号码", NL_ID }, { "身份证", NL_ID }, { "身份号码", NL_ID }, { "证件号", NL_ID },
	{ "联系方式", NL_PHONE }, { "电话", NL_PHONE }, { "手机", NL_PHONE }, { "座机", NL_PHONE },
	{ "传真", NL_PHONE }, { "TEL", NL_PHONE },
	{ "银行卡", NL_BANK }, { "卡号", NL_BANK }, { "账号", NL_BANK }, { "帐号", NL_BANK },
	{ "账户", NL_BANK }, { "帐户", NL_BANK },
};

/* The label in the up to 16 code points before s, back to the previous
 * number or the end of the clause; the one ending nearest to the number
 * wins (ties: the longer word). */
static enum num_label label_before(const struct rd_text *t, size_t s)
{
	size_t from = s;
	while (from > 0 && s - from < 16 && !is_digit(t->cp[from - 1]) &&
	       !in_set(t->cp[from - 1], "。；;，,\n"))
		from--;
	enum num_label best = NL_NONE;
	size_t best_end = 0, best_len = 0;
	for (size_t i = from; i < s; i++) {
		for (size_t k = 0; k < sizeof number_labels / sizeof *number_labels; k++) {
			size_t m = rd_match(t, i, number_labels[k].word);
			if (!m || i + m > s)
				continue;
			if (i + m > best_end || (i + m == best_end && m > best_len)) {
				best = number_labels[k].label;
				best_end = i + m;
				best_len = m;
			}
		}
	}
	return best;
}

/* A group is a run of ASCII letters and digits (after folding); groups
 * joined by one space or hyphen, or by the ")" after an area code in
 * brackets, make a token. */
#define NUM_GROUPS_MAX 16
struct num_token {
	size_t lead; /* first code point of the token: a '(' or '+' before the first group */
	size_t gs[NUM_GROUPS_MAX], ge[NUM_GROUPS_MAX];
	size_t ngroups;
};

static bool usable(const struct rd_text *t, size_t i)
{
	return i < t->n && t->owner[i] == RD_FREE;
}

static size_t group_end(const struct rd_text *t, size_t i)
{
	while (usable(t, i) && is_alnum(t->cp[i]))
		i++;
	return i;
}

/* The token starting at the group at i; returns where scanning goes on. */
static size_t token_read(const struct rd_text *t, size_t i, struct num_token *tok)
{
	tok->ngroups = 0;
	tok->lead = i;
	bool paren = i > 0 && usable(t, i - 1) && t->cp[i - 1] == '(';
	if (i > 0 && usable(t, i - 1) && t->cp[i - 1] == '+')
		tok->lead = i - 1;
	for (;;) {
		size_t e = group_end(t, i);
		tok->gs[tok->ngroups] = i;
		tok->ge[tok->ngroups++] = e;
		if (tok->ngroups == NUM_GROUPS_MAX)
			return e;
		size_t j = e;
		if (paren && tok->ngroups == 1 && usable(t, j) && t->cp[j] == ')') {
			/* "(0371)1234567": the bracket belongs to the number
			 * only when a group follows it */
			j++;
			if (usable(t, j) && t->cp[j] == ' ')
				j++;
			if (usable(t, j) && is_alnum(t->cp[j]))
				tok->lead = tok->gs[0] - 1;
		} else if (usable(t, j) && (t->cp[j] == ' ' || t->cp[j] == '-')) {
			j++;
		} else {
			return e;
		}
		if (!usable(t, j) || !is_alnum(t->cp[j]))
			return e;
		i = j;
	}
}

/* The Luhn check of bank cards over the digits of s. */
static bool luhn_ok(const char *s, size_t n)
{
	unsigned sum = 0;
	for (size_t k = 0; k < n; k++) {
		unsigned d = (unsigned)(s[n - 1 - k] - '0');
		if (k % 2 == 1)
			d = d * 2 > 9 ? d * 2 - 9 : d * 2;
		sum += d;
	}
	return sum % 10 == 0;
}

static bool all_digits(const char *s, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (s[k] < '0' || s[k] > '9')
			return false;
	return true;
}

/* An ID number with a slip in its check character still identifies a
 * person: a known province code and a real birth date are enough. */
static bool id_plausible(const char *s, size_t n)
{
	char div[7];
	int y, m, d;
	if (!all_digits(s, n == 18 ? 17 : n))
		return false;
	memcpy(div, s, 6);
	div[6] = '\0';
	if (ident_division_code_check(div, "id", NULL) != FZ_OK)
		return false;
	const char *b = s + 6;
	if (n == 18) {
		y = (b[0] - '0') * 1000 + (b[1] - '0') * 100 + (b[2] - '0') * 10 + b[3] - '0';
		b += 4;
	} else {
		y = 1900 + (b[0] - '0') * 10 + b[1] - '0';
		b += 2;
	}
	m = (b[0] - '0') * 10 + b[1] - '0';
	d = (b[2] - '0') * 10 + b[3] - '0';
	return y >= 1900 && date_valid(y, m, d);
}

/* What the groups g..h of tok are, as a category, or -1 to leave them,
 * or -2 to keep them (USCC, certificate numbers). */
static int classify(const struct rd_text *t, const struct num_token *tok, size_t g, size_t h,
		    enum num_label label, const char *s, size_t n)
{
	bool digits = all_digits(s, n);
	size_t after = tok->ge[h];
	/* an amount or a quantity, not a number of someone's */
	bool unit = after < t->n && in_set(t->cp[after], "元万亿角米吨克斤条款项次件人户%");
	if (label == NL_USCC || label == NL_KEEP)
		return -2;
	if (label == NL_ID && n >= 8 && n <= 20)
		return REDACT_ID_NUMBER;
	if (n == 18 && all_digits(s, 17) && (is_digit((uint32_t)s[17]) || s[17] == 'X')) {
		if (ident_resident_id_check(s, "id", NULL) == FZ_OK)
			return REDACT_ID_NUMBER;
		if (ident_uscc_check(s, "uscc", NULL) == FZ_OK)
			return -2;
		if (id_plausible(s, n))
			return REDACT_ID_NUMBER;
	}
	if (n == 18 && ident_uscc_check(s, "uscc", NULL) == FZ_OK)
		return -2;
	if (n == 15 && id_plausible(s, n) && !unit)
		return REDACT_ID_NUMBER;
	if (!digits)
		return -1;
	if (label == NL_PHONE && n >= 7 && n <= 13)
		return REDACT_PHONE;
	if (label == NL_BANK && n >= 10 && n <= 25)
		return REDACT_BANK_ACCOUNT;
	if (unit)
		return -1;
	if (n == 11 && s[0] == '1' && s[1] >= '3')
		return REDACT_PHONE;
	if (n == 13 && s[0] == '8' && s[1] == '6' && s[2] == '1' && s[3] >= '3')
		return REDACT_PHONE;
	size_t first = tok->ge[g] - tok->gs[g];
	if (s[0] == '0' && s[1] != '0' && (n == 11 || (n == 12 && s[1] > '2')) &&
	    (g == h || first == 3 || first == 4))
		return REDACT_PHONE;
	if (n >= 16 && n <= 19 && luhn_ok(s, n)) {
		bool fours = true;
		for (size_t k = g; k < h; k++)
			fours = fours && tok->ge[k] - tok->gs[k] == 4;
		if (fours)
			return REDACT_BANK_ACCOUNT;
	}
	return -1;
}

/* Splits the token into the longest recognised runs of groups, from the
 * left, and claims or keeps each. */
static void token_classify(struct rd_text *t, const struct num_token *tok)
{
	size_t g = 0;
	while (g < tok->ngroups) {
		enum num_label label = g == 0 ? label_before(t, tok->lead) : NL_NONE;
		char s[32];
		size_t n = 0, best_h = 0;
		int best = -1;
		for (size_t h = g; h < tok->ngroups; h++) {
			size_t glen = tok->ge[h] - tok->gs[h];
			if (n + glen > 25)
				break;
			for (size_t k = tok->gs[h]; k < tok->ge[h]; k++)
				s[n++] = (char)(t->cp[k] >= 'a' && t->cp[k] <= 'z' ? t->cp[k] - 32 : t->cp[k]);
			s[n] = '\0';
			int c = classify(t, tok, g, h, label, s, n);
			if (c != -1) {
				best = c;
				best_h = h;
			}
		}
		if (best == -1) {
			g++;
			continue;
		}
		size_t start = g == 0 ? tok->lead : tok->gs[g];
		if (best == -2)
			memset(t->owner + start, RD_KEPT, tok->ge[best_h] - start);
		else
			(void)rd_claim(t, start, tok->ge[best_h], (enum redact_category)best, -1, start);
		g = best_h + 1;
	}
}

void rd_scan_numbers(struct rd_text *t)
{
	for (size_t i = 0; i < t->n; i++) {
		if (!usable(t, i) || !is_alnum(t->cp[i]) || (i > 0 && is_alnum(t->cp[i - 1])))
			continue;
		struct num_token tok;
		size_t next = token_read(t, i, &tok);
		token_classify(t, &tok);
		i = next > i ? next - 1 : i;
	}
}
