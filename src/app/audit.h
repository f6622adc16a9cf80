/* audit.h - writing the audit log from use cases.
 *
 * app_audit() appends inside the caller's write transaction, so a change
 * and its audit record commit together or not at all. app_audit_now()
 * runs its own transaction: for sign-in attempts and denials, which must
 * be recorded even though nothing else is written. */
#ifndef FZ_APP_AUDIT_H
#define FZ_APP_AUDIT_H

#include <stddef.h>

#include "app/app.h"
#include "app/tx.h"

#define AUDIT_DIFF_MAX 24

/* The changed fields of one write; only fields whose value differs are
 * kept. Values are copied into the ctx arena. */
struct audit_diff {
	struct audit_change items[AUDIT_DIFF_MAX];
	size_t n;
};

void audit_diff_str(struct app_ctx *ctx, struct audit_diff *d, const char *field,
		    const char *before, const char *after);
void audit_diff_int(struct app_ctx *ctx, struct audit_diff *d, const char *field,
		    long long before, long long after);
void audit_diff_bool(struct app_ctx *ctx, struct audit_diff *d, const char *field,
		     int before, int after);

/* result: "ok", "denied" or "failed". object_id may be 0 (none). */
enum fz_err app_audit(struct app_ctx *ctx, const char *action, const char *object_type,
		      int64_t object_id, const char *result, const char *message,
		      const struct audit_diff *diff, struct fz_error *e);
enum fz_err app_audit_now(struct app_ctx *ctx, const char *action, const char *object_type,
			  int64_t object_id, const char *result, const char *message);

#endif
