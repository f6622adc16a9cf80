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

/* The one answer to "what is this certificate on day" ("YYYY-MM-DD"),
 * as the record now tells it — today for the public check, the lists and
 * the card, an event's day for the gates and indicators: CERT_REVOKED
 * from its revoked_on (on every day when no day was recorded);
 * CERT_SUSPENDED (a suspension carries no dates, so on every day);
 * otherwise CERT_NOT_YET (尚未生效) before issued_on, CERT_EXPIRED after
 * valid_until (the last valid day), and CERT_VALID between. */
enum cert_status certificate_status(const struct certificate *c, const char *day);
/* certificate_status(c, day) == CERT_VALID. */
bool certificate_valid_on(const struct certificate *c, const char *day);
/* valid_until - today in days: 0 on the last valid day, negative once
 * expired. INT_MIN when either date is invalid. */
int certificate_days_left(const struct certificate *c, const char *today);

/* "valid", "suspended", "revoked", "expired", "not_yet_valid"; "unknown"
 * for other values. Static storage. */
const char *cert_status_name(enum cert_status s);
/* 有效, 暂扣, 已注销, 已过期, 尚未生效; "未知" for other values. Static
 * storage. */
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
