/* pwlist.h - the password rules that need more than the password itself:
 * the list of common passwords the binary carries (data/passwords). */
#ifndef FZ_APP_PWLIST_H
#define FZ_APP_PWLIST_H

#include <stdbool.h>

#include "base/err.h"

/* True when pw is on the common list, ignoring ASCII case and any
 * trailing run of characters that are neither letters nor digits
 * ("Password@123!" is "password@123"). */
bool pwlist_is_common(const char *pw);

/* password_policy_check (domain/password.h), then the common list:
 * FZ_INVALID with field "password" and a Chinese message. */
enum fz_err pwlist_check(const char *pw, const char *username, struct fz_error *e) FZ_MUST_CHECK;

#endif
