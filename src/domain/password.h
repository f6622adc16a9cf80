/* password.h - the password policy for accounts (等保 requires length and
 * complexity rules), checked when a password is set or changed. */
#ifndef FZ_DOMAIN_PASSWORD_H
#define FZ_DOMAIN_PASSWORD_H

#include "base/err.h"

#define PASSWORD_MIN_CHARS 8   /* code points */
#define PASSWORD_MAX_BYTES 128 /* UTF-8 bytes */
#define PASSWORD_MIN_CLASSES 3 /* of lower, upper, digit, other */

/* FZ_OK when pw is acceptable, else FZ_INVALID with field "password" and
 * a Chinese message naming the rule broken. Rules, checked in this order:
 * at most 128 bytes; well-formed UTF-8 without control characters; at
 * least 8 characters (code points); at least 3 of the classes lowercase
 * ASCII letter, uppercase ASCII letter, digit, other (symbols and any
 * non-ASCII character); and, when username is given, not containing it
 * ignoring ASCII case (which also forbids being equal to it). Usernames
 * shorter than 3 bytes are not looked for: they cannot equal an 8-character
 * password, and nearly every password contains some one- or two-letter
 * string. username may be NULL or "". */
enum fz_err password_policy_check(const char *pw, const char *username,
				  struct fz_error *e) FZ_MUST_CHECK;

#endif
