/* pwlist.c - refuses the passwords attackers try first. The list is
 * data/passwords/common.txt, embedded at build time; it is a few hundred
 * lines, so a linear scan costs less than the password hash that follows. */
#include "app/pwlist.h"

#include <string.h>

#include "base/embed.h"
#include "domain/password.h"

extern const struct embedded_file password_files[];

static char fold(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static bool alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* True when the n bytes of line equal pw's first n bytes ignoring case. */
static bool line_equals(const char *line, size_t n, const char *pw, size_t len)
{
	if (n != len)
		return false;
	for (size_t i = 0; i < n; i++)
		if (fold(line[i]) != fold(pw[i]))
			return false;
	return true;
}

static bool listed(const char *pw, size_t len)
{
	for (const struct embedded_file *f = password_files; f->name; f++) {
		const char *p = f->data, *end = f->data + f->size;
		while (p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
			if (n && p[n - 1] == '\r')
				n--;
			if (n && p[0] != '#' && line_equals(p, n, pw, len))
				return true;
			p = nl ? nl + 1 : end;
		}
	}
	return false;
}

bool pwlist_is_common(const char *pw)
{
	size_t len = pw ? strlen(pw) : 0;
	if (len == 0)
		return false;
	if (listed(pw, len))
		return true;
	size_t trimmed = len;
	while (trimmed > 0 && !alnum(pw[trimmed - 1]) && (unsigned char)pw[trimmed - 1] < 0x80)
		trimmed--;
	return trimmed > 0 && trimmed < len && listed(pw, trimmed);
}

enum fz_err pwlist_check(const char *pw, const char *username, struct fz_error *e)
{
	enum fz_err rc = password_policy_check(pw, username, e);
	if (rc)
		return rc;
	if (pwlist_is_common(pw))
		return fz_fail(e, FZ_INVALID, "password",
			       "该密码过于常见，容易被猜中，请换一个");
	return FZ_OK;
}
