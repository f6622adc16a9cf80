/* tx.c - write transactions for use cases and their retry when the
 * database is busy. SQLite's own busy handler polls (sleeps and tries the
 * lock again) for the store's busy timeout; a writer that loses that race
 * too long gets FZ_BUSY with nothing kept, and runs its transaction again
 * here after a randomised pause, so that writers that collided do not
 * collide again in step. The whole wait is bounded per request. */
#include "app/tx.h"

#include <stdatomic.h>
#include <stdint.h>
#include <time.h>

#include "app/audit.h"

/* The first pause, and the longest: 2, 4, 8 ... 256 ms, each drawn
 * between half and one and a half of that. */
#define BACKOFF_FIRST_MS 2
#define BACKOFF_MAX_MS 256

static atomic_long retries;

static int64_t monotonic_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void pause_ms(int64_t ms)
{
	struct timespec ts = { (time_t)(ms / 1000), (long)(ms % 1000) * 1000000 };
	while (nanosleep(&ts, &ts) != 0)
		;
}

static bool give_up(struct app_ctx *ctx)
{
	ctx->busy_since_ms = 0;
	ctx->busy_tries = 0;
	return false;
}

bool app_tx_again(struct app_ctx *ctx, enum fz_err rc)
{
	if (rc != FZ_BUSY)
		return give_up(ctx);
	int64_t now = monotonic_ms();
	if (!ctx->busy_since_ms)
		ctx->busy_since_ms = now;
	int64_t wait = ctx->cfg && ctx->cfg->write_wait_ms > 0 ? ctx->cfg->write_wait_ms
							       : APP_WRITE_WAIT_MS;
	int64_t left = ctx->busy_since_ms + wait - now;
	if (left <= 0)
		return give_up(ctx);
	int shift = ctx->busy_tries < 7 ? ctx->busy_tries : 7;
	int64_t base = BACKOFF_FIRST_MS << shift;
	if (base > BACKOFF_MAX_MS)
		base = BACKOFF_MAX_MS;
	/* jitter from the clock's low bits: threads that met the same lock
	 * at the same moment wake at different ones */
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	int64_t ms = base / 2 + (int64_t)((uint64_t)ts.tv_nsec % (uint64_t)(base + 1));
	pause_ms(ms < left ? ms : left);
	ctx->busy_tries++;
	atomic_fetch_add_explicit(&retries, 1, memory_order_relaxed);
	return true;
}

bool app_tx_whole(struct app_ctx *ctx, bool on)
{
	bool was = ctx->busy_whole;
	ctx->busy_whole = on;
	return was;
}

long app_tx_retries(void)
{
	return atomic_load_explicit(&retries, memory_order_relaxed);
}

enum fz_err app_tx_begin(struct app_ctx *ctx, struct fz_error *e)
{
	enum fz_err rc;
	if (ctx->busy_whole)
		return ctx->st->ops->begin(ctx->st, true, e);
	do
		rc = ctx->st->ops->begin(ctx->st, true, e);
	while (app_tx_again(ctx, rc));
	return rc;
}

enum fz_err app_tx_commit(struct app_ctx *ctx, struct fz_error *e)
{
	enum fz_err rc = ctx->st->ops->commit(ctx->st, e);
	if (rc)
		ctx->st->ops->rollback(ctx->st);
	return rc;
}

void app_tx_abort(struct app_ctx *ctx)
{
	ctx->st->ops->rollback(ctx->st);
}

enum fz_err app_tx_finish(struct app_ctx *ctx, const char *action, const char *object_type,
			  int64_t object_id, const char *message, const struct audit_diff *diff,
			  struct fz_error *e)
{
	enum fz_err rc = app_audit(ctx, action, object_type, object_id, "ok", message, diff, e);
	if (rc) {
		app_tx_abort(ctx);
		return rc;
	}
	return app_tx_commit(ctx, e);
}
