/* periodic.h - a background round of `fazhi serve` on its own thread and
 * storage connection, outside any request: `first` once at start, then
 * `round` every interval (and once more at stop when asked), each with a
 * fresh context acting as the server itself ("(server)"). It sleeps on a
 * condition variable (monotonic clock) so that stopping wakes it at once.
 * The checkpointer and the scheduler are two such rounds. */
#ifndef FZ_CLI_PERIODIC_H
#define FZ_CLI_PERIODIC_H

#include <stdbool.h>

#include "app/app.h"
#include "base/err.h"

typedef void (*periodic_fn)(struct app_ctx *ctx);

struct periodic;

/* Starts the thread on database db with a copy of cfg. first may be NULL;
 * interval_s >= 1 (the caller says what a bad one means). */
enum fz_err periodic_start(const char *db, const struct app_config *cfg, int interval_s,
			   periodic_fn first, periodic_fn round, bool round_at_stop,
			   struct periodic **out, struct fz_error *e)
	FZ_MUST_CHECK;
/* Wakes the thread, lets it finish (a last round when asked), joins it
 * and frees everything. NULL is a no-op. */
void periodic_stop(struct periodic *p);

#endif
