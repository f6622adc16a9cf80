/* roles.h - account roles: their API names, Chinese labels, parsing and
 * formatting of role lists, and the 三员分立 rule.
 *
 * Roles are the enum role bits of domain/model.h. */
#ifndef FZ_DOMAIN_ROLES_H
#define FZ_DOMAIN_ROLES_H

#include <stdbool.h>

#include "base/buf.h"
#include "base/err.h"
#include "domain/model.h"

/* API name of one role bit ("officer", "reviewer", "head", "supervisor",
 * "sysadmin", "secadmin", "auditor"); NULL for anything but a single
 * known bit. Static storage. */
const char *roles_name(unsigned bit);
/* Chinese label of one role bit (执法人员 ...); NULL as for roles_name.
 * Static storage. */
const char *roles_label(unsigned bit);
/* The bit for an API name (exact, lowercase), or 0 when unknown. */
unsigned roles_from_name(const char *name);

/* Parses a comma-separated list of role names ("officer, reviewer").
 * Spaces around names and empty items are ignored, so "" and NULL give 0.
 * FZ_INVALID (field "roles") on an unknown name; *out is 0 then. Does not
 * apply roles_check(): call it too before storing. */
enum fz_err roles_parse(const char *list, unsigned *out, struct fz_error *e)
	FZ_MUST_CHECK;

/* Appends the role names of bits, comma-separated without spaces, in the
 * order of enum role ("officer,reviewer"); nothing for 0. Unknown bits
 * are skipped. Errors are b's sticky error. */
void roles_format(unsigned bits, struct buf *b);
/* Same, with Chinese labels joined by "、" for people to read. */
void roles_format_labels(unsigned bits, struct buf *b);

/* 三员分立: SYSADMIN, SECADMIN and AUDITOR are each held alone, never
 * two of them together and never with a business role (OFFICER, REVIEWER,
 * HEAD, SUPERVISOR). Business roles combine freely; 0 is allowed (an
 * account without roles can do nothing). Bits outside ROLE_ALL_MASK are
 * invalid. FZ_OK or FZ_INVALID with field "roles". */
enum fz_err roles_check(unsigned bits, struct fz_error *e) FZ_MUST_CHECK;
/* roles_check(bits, NULL) == FZ_OK. */
bool roles_valid(unsigned bits);

#endif
