/* policy.c - security policy as one stored setting
 * ("idle=30;max=12;threshold=5;lockout=15;addr=30"), validated on write and
 * applied to a request's configuration on read. */
#include "app/policy.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/authz.h"

#define POLICY_KEY "security_policy"

struct policy_field {
	const char *key;   /* in the stored string and the API */
	const char *label; /* Chinese, for messages */
	size_t offset;
	int min, max;
};

static const struct policy_field policy_fields[] = {
	{ "idle_minutes", "会话空闲超时（分钟）", offsetof(struct policy, idle_minutes), 5, 30 },
	{ "max_hours", "会话最长有效期（小时）", offsetof(struct policy, max_hours), 1, 24 },
	{ "lockout_threshold", "连续登录失败锁定次数", offsetof(struct policy, lockout_threshold),
	  3, 10 },
	{ "lockout_minutes", "账号锁定时长（分钟）", offsetof(struct policy, lockout_minutes), 5,
	  1440 },
	{ "client_failure_limit", "同一地址 15 分钟内登录失败上限",
	  offsetof(struct policy, client_failure_limit), 10, 1000 },
};
#define NFIELDS (sizeof policy_fields / sizeof policy_fields[0])

static int *field_ptr(struct policy *p, const struct policy_field *f)
{
	return (int *)((char *)p + f->offset);
}

static void policy_defaults(const struct app_config *cfg, struct policy *p)
{
	p->idle_minutes = cfg->session_idle_seconds / 60;
	p->max_hours = cfg->session_max_seconds / 3600;
	p->lockout_threshold = cfg->lockout_threshold;
	p->lockout_minutes = cfg->lockout_seconds / 60;
	p->client_failure_limit = cfg->client_failure_limit;
}

/* Parses "key=value;..." over the defaults; unknown keys and values out of
 * range are ignored (the stored string was checked when written). */
static void policy_parse(const char *s, struct policy *p)
{
	while (s && *s) {
		const char *eq = strchr(s, '='), *end = strchr(s, ';');
		if (!end)
			end = s + strlen(s);
		if (eq && eq < end) {
			for (size_t i = 0; i < NFIELDS; i++) {
				const struct policy_field *f = &policy_fields[i];
				if (strlen(f->key) == (size_t)(eq - s) &&
				    strncmp(s, f->key, (size_t)(eq - s)) == 0) {
					long v = strtol(eq + 1, NULL, 10);
					if (v >= f->min && v <= f->max)
						*field_ptr(p, f) = (int)v;
				}
			}
		}
		s = *end ? end + 1 : end;
	}
}

enum fz_err app_policy_get(struct app_ctx *ctx, struct policy *out, struct fz_error *e)
{
	char *value = NULL;
	policy_defaults(ctx->cfg, out);
	enum fz_err rc = ctx->st->ops->setting_get(ctx->st, ctx->a, POLICY_KEY, &value, e);
	if (rc == FZ_NOTFOUND)
		return FZ_OK;
	if (rc)
		return rc;
	policy_parse(value, out);
	return FZ_OK;
}

void app_policy_use(struct app_ctx *ctx, const struct policy *p)
{
	ctx->policy_cfg = *ctx->cfg;
	ctx->policy_cfg.session_idle_seconds = p->idle_minutes * 60;
	ctx->policy_cfg.session_max_seconds = p->max_hours * 3600;
	ctx->policy_cfg.lockout_threshold = p->lockout_threshold;
	ctx->policy_cfg.lockout_seconds = p->lockout_minutes * 60;
	ctx->policy_cfg.client_failure_limit = p->client_failure_limit;
	ctx->cfg = &ctx->policy_cfg;
}

enum fz_err app_policy_apply(struct app_ctx *ctx, struct fz_error *e)
{
	struct policy p;
	enum fz_err rc = app_policy_get(ctx, &p, e);
	if (rc)
		return rc;
	app_policy_use(ctx, &p);
	return FZ_OK;
}

enum fz_err app_policy_set(struct app_ctx *ctx, const struct policy *p, struct fz_error *e)
{
	enum fz_err rc;
	struct policy old, np = *p;
	if ((rc = app_require(ctx, PERM_POLICY_WRITE, "policy.update", e)))
		return rc;
	for (size_t i = 0; i < NFIELDS; i++) {
		const struct policy_field *f = &policy_fields[i];
		int v = *field_ptr(&np, f);
		if (v < f->min || v > f->max)
			return fz_fail(e, FZ_INVALID, f->key, "%s应在 %d 到 %d 之间", f->label,
				       f->min, f->max);
	}
	if ((rc = app_policy_get(ctx, &old, e)))
		return rc;
	char value[256];
	snprintf(value, sizeof value, "idle_minutes=%d;max_hours=%d;lockout_threshold=%d;"
		 "lockout_minutes=%d;client_failure_limit=%d", np.idle_minutes, np.max_hours,
		 np.lockout_threshold, np.lockout_minutes, np.client_failure_limit);
	struct audit_diff d = { .n = 0 };
	for (size_t i = 0; i < NFIELDS; i++)
		audit_diff_int(ctx, &d, policy_fields[i].key, *field_ptr(&old, &policy_fields[i]),
			       *field_ptr(&np, &policy_fields[i]));
	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	if ((rc = ctx->st->ops->setting_set(ctx->st, POLICY_KEY, value, e)) ||
	    (rc = app_audit(ctx, "policy.update", "policy", 0, "ok", NULL, &d, e))) {
		app_tx_abort(ctx);
		return rc;
	}
	return app_tx_commit(ctx, e);
}
