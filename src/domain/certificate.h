/* certificate.h - rules about 执法证 (enforcement certificates): the
 * status a certificate has on a given day, days until it expires, which
 * enforcement domains it covers, and validation before it is stored. */
#ifndef FZ_DOMAIN_CERTIFICATE_H
#define FZ_DOMAIN_CERTIFICATE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"
#include "domain/model.h"

#define CERTIFICATE_NUMBER_MAX 32

/* The status on day today ("YYYY-MM-DD"): a stored REVOKED or SUSPENDED
 * wins; otherwise CERT_EXPIRED once valid_until < today (valid_until is
 * the last valid day); otherwise CERT_VALID. */
enum cert_status certificate_status(const struct certificate *c, const char *today);
/* Whether the certificate was valid on day as the record now tells it:
 * issued by then, not expired, not revoked on or before it (a revocation
 * takes effect on its revoked_on). A suspension carries no dates in the
 * record, so a certificate suspended now is valid on no day. */
bool certificate_valid_on(const struct certificate *c, const char *day);
/* valid_until - today in days: 0 on the last valid day, negative once
 * expired. INT_MIN when either date is invalid. */
int certificate_days_left(const struct certificate *c, const char *today);

/* "valid", "suspended", "revoked", "expired"; "unknown" for other values.
 * Static storage. */
const char *cert_status_name(enum cert_status s);
/* 有效, 暂扣, 已注销, 已过期; "未知" for other values. Static storage. */
const char *cert_status_label(enum cert_status s);
/* The status for a name from cert_status_name(); false when unknown. */
bool cert_status_from_name(const char *name, enum cert_status *out);

/* True when one comma-separated item of c->domains, with surrounding
 * spaces trimmed, equals domain exactly. False for a NULL or "" domain. */
bool certificate_covers_domain(const struct certificate *c, const char *domain);

/* Checks a certificate before it is created or updated: number 1-32
 * characters of A-Z a-z 0-9 and '-'; issued_on and valid_until real dates
 * with valid_until after issued_on; issuer and domains not blank and
 * valid UTF-8 (domains needs at least one non-empty item); stored status
 * VALID, SUSPENDED or REVOKED (EXPIRED is never stored); revoked_on ""
 * or a real date. FZ_OK, or FZ_INVALID with the field's API name. */
enum fz_err certificate_validate(const struct certificate *c, struct fz_error *e)
	FZ_MUST_CHECK;

/* The one place where a certificate number as people type it becomes the
 * number as issued (the public check and issuing both call it): spaces of any width (ASCII, U+00A0, U+3000) dropped,
 * full-width letters, digits and hyphen (Ａ, ０, －) and the usual dashes
 * (‐ – — −) made ASCII, letters upper-cased. Other characters are kept as
 * they are (the lookup then finds nothing). Writes a NUL-terminated
 * string to out (cap bytes); false when in is NULL or the result would
 * not fit in cap bytes or CERTIFICATE_NUMBER_MAX characters. */
bool cert_number_normalize(const char *in, char *out, size_t cap);

#endif
