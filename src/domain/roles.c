/* roles.c - the role table and the 三员分立 rule; see roles.h.
 *
 * One table row per role keeps names, labels and bits together. */
#include "domain/roles.h"

#include <string.h>

#include "base/utf8.h"

struct role_row {
	unsigned bit;
	const char *name;
	const char *label;
};

static const struct role_row role_rows[] = {
	{ ROLE_OFFICER, "officer", "执法人员" },
	{ ROLE_REVIEWER, "reviewer", "法制审核人员" },
	{ ROLE_HEAD, "head", "机关负责人" },
	{ ROLE_SUPERVISOR, "supervisor", "执法监督人员（司法局）" },
	{ ROLE_SYSADMIN, "sysadmin", "系统管理员" },
	{ ROLE_SECADMIN, "secadmin", "安全管理员" },
	{ ROLE_AUDITOR, "auditor", "审计管理员" },
};

#define ROLE_ROWS (sizeof role_rows / sizeof role_rows[0])

static const struct role_row *roles_row(unsigned bit)
{
	for (size_t i = 0; i < ROLE_ROWS; i++) {
		if (role_rows[i].bit == bit)
			return &role_rows[i];
	}
	return NULL;
}

const char *roles_name(unsigned bit)
{
	const struct role_row *r = roles_row(bit);
	return r ? r->name : NULL;
}

const char *roles_label(unsigned bit)
{
	const struct role_row *r = roles_row(bit);
	return r ? r->label : NULL;
}

/* The bit for the n bytes at name, or 0. */
static unsigned roles_lookup(const char *name, size_t n)
{
	for (size_t i = 0; i < ROLE_ROWS; i++) {
		if (strlen(role_rows[i].name) == n && memcmp(role_rows[i].name, name, n) == 0)
			return role_rows[i].bit;
	}
	return 0;
}

unsigned roles_from_name(const char *name)
{
	return name ? roles_lookup(name, strlen(name)) : 0;
}

static bool roles_is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* Quotes the unknown name in the message when it is short, readable
 * text; anything else is not echoed back. */
static enum fz_err roles_fail_unknown(const char *name, size_t n, struct fz_error *e)
{
	if (n <= 32 && utf8_valid(name, n))
		return fz_fail(e, FZ_INVALID, "roles", "未知角色“%.*s”", (int)n, name);
	return fz_fail(e, FZ_INVALID, "roles", "包含未知角色");
}

enum fz_err roles_parse(const char *list, unsigned *out, struct fz_error *e)
{
	unsigned bits = 0;
	const char *p = list ? list : "";

	*out = 0;
	while (*p) {
		const char *end = strchr(p, ',');
		const char *next = end ? end + 1 : p + strlen(p);
		if (!end)
			end = next;
		while (p < end && roles_is_space(*p))
			p++;
		while (end > p && roles_is_space(end[-1]))
			end--;
		if (end > p) {
			unsigned bit = roles_lookup(p, (size_t)(end - p));
			if (!bit)
				return roles_fail_unknown(p, (size_t)(end - p), e);
			bits |= bit;
		}
		p = next;
	}
	*out = bits;
	return FZ_OK;
}

static void roles_join(unsigned bits, struct buf *b, bool labels, const char *sep)
{
	bool first = true;

	for (size_t i = 0; i < ROLE_ROWS; i++) {
		if (!(bits & role_rows[i].bit))
			continue;
		if (!first)
			buf_adds(b, sep);
		buf_adds(b, labels ? role_rows[i].label : role_rows[i].name);
		first = false;
	}
}

void roles_format(unsigned bits, struct buf *b)
{
	roles_join(bits, b, false, ",");
}

void roles_format_labels(unsigned bits, struct buf *b)
{
	roles_join(bits, b, true, "、");
}

enum fz_err roles_check(unsigned bits, struct fz_error *e)
{
	if (bits & ~ROLE_ALL_MASK)
		return fz_fail(e, FZ_INVALID, "roles", "包含未知角色");
	unsigned admin = bits & ROLE_ADMIN_MASK;
	/* When an admin role is present it must be the only bit set: that
	 * forbids two admin roles together and an admin with a business
	 * role in one test. bits & (bits - 1) clears the lowest set bit. */
	if (admin && (bits & (bits - 1)) != 0)
		return fz_fail(e, FZ_INVALID, "roles",
			       "系统管理员、安全管理员、审计管理员三员分立，"
			       "不得由同一账号兼任，也不得兼任业务角色");
	return FZ_OK;
}

bool roles_valid(unsigned bits)
{
	return roles_check(bits, NULL) == FZ_OK;
}
