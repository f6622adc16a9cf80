/* password.c - password policy; see password.h for the rules.
 *
 * Comparisons with the username fold only ASCII case: usernames are
 * ASCII, and folding other scripts would need tables we do not carry. */
#include "domain/password.h"

#include <stdbool.h>
#include <string.h>

#include "base/utf8.h"

#define PASSWORD_FIELD "password"
#define PASSWORD_USER_MIN_CONTAIN 3

static char password_fold(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* True when hay contains needle (n bytes, n > 0), ignoring ASCII case. */
static bool password_contains_fold(const char *hay, const char *needle, size_t n)
{
	size_t len = strlen(hay);

	for (size_t i = 0; i + n <= len; i++) {
		size_t k = 0;
		while (k < n && password_fold(hay[i + k]) == password_fold(needle[k]))
			k++;
		if (k == n)
			return true;
	}
	return false;
}

static bool password_has_control(const char *pw)
{
	for (const unsigned char *p = (const unsigned char *)pw; *p; p++) {
		if (*p < 0x20 || *p == 0x7F)
			return true;
	}
	return false;
}

enum fz_err password_policy_check(const char *pw, const char *username,
				  struct fz_error *e)
{
	if (!pw || !*pw)
		return fz_fail(e, FZ_INVALID, PASSWORD_FIELD, "密码不能为空");
	size_t len = strlen(pw);
	if (len > PASSWORD_MAX_BYTES)
		return fz_fail(e, FZ_INVALID, PASSWORD_FIELD,
			       "密码过长（不超过 %d 字节，一个汉字占 3 字节）",
			       PASSWORD_MAX_BYTES);
	if (!utf8_valid(pw, len) || password_has_control(pw))
		return fz_fail(e, FZ_INVALID, PASSWORD_FIELD, "密码包含无效字符");
	if (utf8_count(pw) < PASSWORD_MIN_CHARS)
		return fz_fail(e, FZ_INVALID, PASSWORD_FIELD,
			       "密码长度至少为 %d 个字符", PASSWORD_MIN_CHARS);

	bool lower = false, upper = false, digit = false, other = false;
	for (const char *p = pw; *p; p++) {
		if (*p >= 'a' && *p <= 'z')
			lower = true;
		else if (*p >= 'A' && *p <= 'Z')
			upper = true;
		else if (*p >= '0' && *p <= '9')
			digit = true;
		else
			other = true; /* ASCII symbols and every byte of non-ASCII */
	}
	if ((int)lower + (int)upper + (int)digit + (int)other < PASSWORD_MIN_CLASSES)
		return fz_fail(e, FZ_INVALID, PASSWORD_FIELD,
			       "密码须包含小写字母、大写字母、数字、其他符号中的至少 %d 类",
			       PASSWORD_MIN_CLASSES);

	/* Containing covers being equal. A username under 3 bytes is not
	 * looked for: it could never equal a password long enough to get
	 * here, and finding it inside would forbid half the alphabet. */
	size_t ulen = username ? strlen(username) : 0;
	if (ulen >= PASSWORD_USER_MIN_CONTAIN && password_contains_fold(pw, username, ulen))
		return fz_fail(e, FZ_INVALID, PASSWORD_FIELD,
			       "密码不得与用户名相同，也不得包含用户名");
	return FZ_OK;
}
