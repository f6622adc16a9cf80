/* app.c - request context and configuration defaults. */
#include "app/app.h"

#include <string.h>

#include "base/date.h"

void app_config_defaults(struct app_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->session_idle_seconds = 30 * 60;
	cfg->session_max_seconds = 12 * 3600;
	cfg->lockout_threshold = 5;
	cfg->lockout_seconds = 15 * 60;
	/* Per client address: generous enough for an office behind one NAT
	 * address, tight enough to stop password guessing. */
	cfg->client_failure_limit = 30;
	cfg->client_failure_window = 15 * 60;
	cfg->audit_retention_days = 180;
	cfg->password_history = 5;
	cfg->cookie_secure = false;
}

int64_t app_now(const struct app_config *cfg)
{
	return cfg && cfg->clock ? cfg->clock() : time_now();
}

int app_draw_embargo_max_days(const struct app_config *cfg)
{
	return cfg && cfg->draw_embargo_max_days > 0 ? cfg->draw_embargo_max_days
						     : APP_DRAW_EMBARGO_MAX_DAYS_DEFAULT;
}

void app_ctx_init(struct app_ctx *ctx, struct store *st, struct arena *a,
		  const struct app_config *cfg, const char *client_addr, int64_t now)
{
	memset(ctx, 0, sizeof *ctx);
	ctx->st = st;
	ctx->a = a;
	ctx->cfg = cfg;
	ctx->client_addr = client_addr ? client_addr : "";
	ctx->now = now;
	date_today(now, ctx->today);
	ctx->scope.kind = SCOPE_NONE;
	ctx->actor = "";
}

void app_ctx_as_cli(struct app_ctx *ctx)
{
	ctx->cli = true;
	ctx->scope.kind = SCOPE_ALL;
	ctx->actor = "(cli)";
	ctx->client_addr = "cli";
}

int64_t app_case_count_max(const struct app_config *cfg)
{
	return cfg && cfg->case_count_max > 0 ? cfg->case_count_max : APP_CASE_COUNT_MAX_DEFAULT;
}
