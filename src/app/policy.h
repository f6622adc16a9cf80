/* policy.h - the security policy secadmin sets: session timeouts and
 * sign-in lockout. Stored as one setting and read by every sign-in and
 * session check, so a change applies at once on every server node. */
#ifndef FZ_APP_POLICY_H
#define FZ_APP_POLICY_H

#include "app/app.h"

struct policy {
	int idle_minutes;         /* 5..30: idle timeout of a session */
	int max_hours;            /* 1..24: absolute lifetime of a session */
	int lockout_threshold;    /* 3..10 consecutive failures lock ... */
	int lockout_minutes;      /* ... for 5..1440 minutes */
	int client_failure_limit; /* 10..1000 failures per address in 15 min */
};

/* The policy in force: the stored one, or the defaults of ctx->cfg. */
enum fz_err app_policy_get(struct app_ctx *ctx, struct policy *out, struct fz_error *e);
/* Checks ranges (naming the field), stores and audits. secadmin only. */
enum fz_err app_policy_set(struct app_ctx *ctx, const struct policy *p, struct fz_error *e);
/* Makes ctx use the stored policy: copies ctx->cfg into ctx->policy_cfg
 * with the policy applied and points ctx->cfg at it. */
enum fz_err app_policy_apply(struct app_ctx *ctx, struct fz_error *e);
/* The same with a policy read before (app_policy_get). */
void app_policy_use(struct app_ctx *ctx, const struct policy *p);

#endif
