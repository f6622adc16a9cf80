/* certificate.c - certificate status and validation; see certificate.h.
 *
 * Dates are compared as "YYYY-MM-DD" strings, which order like the days
 * they name once they are known to be valid. */
#include "domain/certificate.h"

#include <string.h>

#include "base/date.h"
#include "base/utf8.h"

enum cert_status certificate_status(const struct certificate *c, const char *day)
{
	if (c->status == CERT_REVOKED && (!c->revoked_on[0] || strcmp(day, c->revoked_on) >= 0))
		return CERT_REVOKED;
	if (c->status == CERT_SUSPENDED)
		return CERT_SUSPENDED;
	if (strcmp(c->issued_on, day) > 0)
		return CERT_NOT_YET;
	if (strcmp(c->valid_until, day) < 0)
		return CERT_EXPIRED;
	return CERT_VALID;
}

bool certificate_valid_on(const struct certificate *c, const char *day)
{
	return certificate_status(c, day) == CERT_VALID;
}

int certificate_days_left(const struct certificate *c, const char *today)
{
	return date_diff_days(today, c->valid_until);
}

struct cert_status_row {
	const char *name;
	const char *label;
};

static const struct cert_status_row cert_status_rows[] = {
	[CERT_VALID] = { "valid", "有效" },
	[CERT_SUSPENDED] = { "suspended", "暂扣" },
	[CERT_REVOKED] = { "revoked", "已注销" },
	[CERT_EXPIRED] = { "expired", "已过期" },
	[CERT_NOT_YET] = { "not_yet_valid", "尚未生效" },
};

#define CERT_STATUS_ROWS (sizeof cert_status_rows / sizeof cert_status_rows[0])

static const struct cert_status_row *cert_status_row(enum cert_status s)
{
	if ((unsigned)s >= CERT_STATUS_ROWS || !cert_status_rows[s].name)
		return NULL;
	return &cert_status_rows[s];
}

const char *cert_status_name(enum cert_status s)
{
	const struct cert_status_row *r = cert_status_row(s);
	return r ? r->name : "unknown";
}

const char *cert_status_label(enum cert_status s)
{
	const struct cert_status_row *r = cert_status_row(s);
	return r ? r->label : "未知";
}

bool cert_status_from_name(const char *name, enum cert_status *out)
{
	for (unsigned i = 0; name && i < CERT_STATUS_ROWS; i++) {
		if (cert_status_rows[i].name && strcmp(cert_status_rows[i].name, name) == 0) {
			*out = (enum cert_status)i;
			return true;
		}
	}
	return false;
}

static bool cert_is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* Calls back for each comma-separated item of list, trimmed; stops and
 * returns true when fn does. */
static bool cert_each_item(const char *list, bool (*fn)(const char *item, size_t n,
							const void *arg),
			   const void *arg)
{
	const char *p = list ? list : "";

	while (*p) {
		const char *end = strchr(p, ',');
		const char *next = end ? end + 1 : p + strlen(p);
		if (!end)
			end = next;
		while (p < end && cert_is_space(*p))
			p++;
		while (end > p && cert_is_space(end[-1]))
			end--;
		if (fn(p, (size_t)(end - p), arg))
			return true;
		p = next;
	}
	return false;
}

static bool cert_item_equals(const char *item, size_t n, const void *arg)
{
	const char *domain = arg;
	return strlen(domain) == n && memcmp(item, domain, n) == 0;
}

static bool cert_item_nonempty(const char *item, size_t n, const void *arg)
{
	(void)item;
	(void)arg;
	return n > 0;
}

bool certificate_covers_domain(const struct certificate *c, const char *domain)
{
	if (!domain || !*domain)
		return false;
	return cert_each_item(c->domains, cert_item_equals, domain);
}

/* True when s has a character other than spaces, tabs and newlines. */
static bool cert_not_blank(const char *s)
{
	for (; s && *s; s++) {
		if (!cert_is_space(*s) && *s != '\n' && *s != '\r')
			return true;
	}
	return false;
}

static bool cert_number_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (n < 1 || n > CERTIFICATE_NUMBER_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		      (c >= '0' && c <= '9') || c == '-'))
			return false;
	}
	return true;
}

enum fz_err certificate_validate(const struct certificate *c, struct fz_error *e)
{
	if (!c->number || !*c->number)
		return fz_fail(e, FZ_INVALID, "number", "请填写执法证号");
	if (!cert_number_ok(c->number))
		return fz_fail(e, FZ_INVALID, "number",
			       "执法证号应为 1–%d 位字母、数字或连字符“-”",
			       CERTIFICATE_NUMBER_MAX);
	if (!date_parse(c->issued_on, NULL, NULL, NULL))
		return fz_fail(e, FZ_INVALID, "issued_on",
			       "发证日期无效（格式为 YYYY-MM-DD）");
	if (!date_parse(c->valid_until, NULL, NULL, NULL))
		return fz_fail(e, FZ_INVALID, "valid_until",
			       "有效期至日期无效（格式为 YYYY-MM-DD）");
	if (strcmp(c->valid_until, c->issued_on) <= 0)
		return fz_fail(e, FZ_INVALID, "valid_until", "有效期至应晚于发证日期");
	if (!cert_not_blank(c->issuer))
		return fz_fail(e, FZ_INVALID, "issuer", "请填写发证机关");
	if (!utf8_valid(c->issuer, strlen(c->issuer)))
		return fz_fail(e, FZ_INVALID, "issuer", "发证机关包含无效字符");
	if (!cert_each_item(c->domains, cert_item_nonempty, NULL))
		return fz_fail(e, FZ_INVALID, "domains", "请填写执法领域");
	if (!utf8_valid(c->domains, strlen(c->domains)))
		return fz_fail(e, FZ_INVALID, "domains", "执法领域包含无效字符");
	if (c->status != CERT_VALID && c->status != CERT_SUSPENDED &&
	    c->status != CERT_REVOKED)
		return fz_fail(e, FZ_INVALID, "status", "执法证状态无效");
	if (c->revoked_on[0] && !date_parse(c->revoked_on, NULL, NULL, NULL))
		return fz_fail(e, FZ_INVALID, "revoked_on",
			       "注销日期无效（格式为 YYYY-MM-DD）");
	return FZ_OK;
}

/* One code point from s (at most 4 bytes); *len its length. Bytes that
 * are not a well-formed sequence come back one at a time, unchanged. */
static unsigned cert_decode(const unsigned char *s, size_t *len)
{
	if (s[0] >= 0xE0 && s[0] < 0xF0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
		*len = 3;
		return (unsigned)(s[0] & 0x0F) << 12 | (unsigned)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
	}
	if (s[0] >= 0xC2 && s[0] < 0xE0 && (s[1] & 0xC0) == 0x80) {
		*len = 2;
		return (unsigned)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
	}
	*len = 1;
	return 0; /* not one we map: copied byte by byte */
}

bool cert_number_normalize(const char *in, char *out, size_t cap)
{
	size_t o = 0, chars = 0;

	if (!in || !out || cap == 0)
		return false;
	for (const unsigned char *s = (const unsigned char *)in; *s;) {
		size_t len;
		unsigned cp = *s < 0x80 ? *s : cert_decode(s, &len);
		int c = -1; /* the ASCII character it becomes; -1 keep bytes */
		if (*s < 0x80)
			len = 1;
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 ||
		    cp == 0x3000) {
			s += len;
			continue;
		}
		if (cp >= 0xFF01 && cp <= 0xFF5E)
			cp -= 0xFEE0; /* full-width ASCII block */
		if (cp == 0x2010 || cp == 0x2011 || cp == 0x2012 || cp == 0x2013 ||
		    cp == 0x2014 || cp == 0x2212)
			cp = '-';
		if (cp > 0 && cp < 0x80)
			c = cp >= 'a' && cp <= 'z' ? (int)(cp - 'a' + 'A') : (int)cp;
		size_t need = c >= 0 ? 1 : len;
		if (o + need >= cap || ++chars > CERTIFICATE_NUMBER_MAX) {
			out[0] = '\0';
			return false;
		}
		if (c >= 0) {
			out[o++] = (char)c;
		} else {
			memcpy(out + o, s, len);
			o += len;
		}
		s += len;
	}
	out[o] = '\0';
	return true;
}
