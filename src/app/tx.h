/* tx.h - write transactions for use cases, and what a use case does when
 * the database is busy. A transaction that meets another writer's lock
 * past the store's busy timeout (FZ_BUSY) has kept nothing; it is run
 * again from its start after a short randomised pause, until the
 * request's write wait (app_config.write_wait_ms) is spent. Only then
 * does the caller see FZ_BUSY, which the edge answers with 503 and
 * Retry-After: never a 500 for contention. */
#ifndef FZ_APP_TX_H
#define FZ_APP_TX_H

#include <stdbool.h>

#include "app/app.h"

struct audit_diff;

/* The write wait of a request when app_config.write_wait_ms is 0. */
#define APP_WRITE_WAIT_MS 10000

/* Begins a write transaction, waiting (retrying) while the database is
 * busy; nothing has run yet, so that is trying the whole again. */
enum fz_err app_tx_begin(struct app_ctx *ctx, struct fz_error *e) FZ_MUST_CHECK;
/* Commits; on failure the transaction has rolled back. */
enum fz_err app_tx_commit(struct app_ctx *ctx, struct fz_error *e) FZ_MUST_CHECK;
void app_tx_abort(struct app_ctx *ctx);
/* The end of every audited write: appends its audit record (result "ok")
 * and commits; on any failure rolls back and returns the error. */
enum fz_err app_tx_finish(struct app_ctx *ctx, const char *action, const char *object_type,
			  int64_t object_id, const char *message, const struct audit_diff *diff,
			  struct fz_error *e) FZ_MUST_CHECK;

/* True when rc is FZ_BUSY and ctx's write wait is not yet spent: it has
 * then paused (exponential backoff with jitter, never past the wait) and
 * the caller runs its whole transaction again, from before its begin.
 * False otherwise, and the wait starts afresh for the next write. A use
 * case whose transaction can meet FZ_BUSY after its begin (any, in
 * principle) wraps it so:
 *
 *	bool outer = app_tx_whole(ctx, true);
 *	do
 *		rc = step_once(ctx, ...);   // begin ... commit, or rolled back
 *	while (app_tx_again(ctx, rc));
 *	app_tx_whole(ctx, outer);
 *
 * Within such a loop app_tx_begin does not retry on its own, so that one
 * wait bounds the whole. */
bool app_tx_again(struct app_ctx *ctx, enum fz_err rc);
/* Marks ctx as inside (on) or outside a whole-transaction retry loop;
 * returns the previous mark, to restore. */
bool app_tx_whole(struct app_ctx *ctx, bool on);

/* Retries made in this process so far (a statistic: tests, logs). */
long app_tx_retries(void);

#endif
