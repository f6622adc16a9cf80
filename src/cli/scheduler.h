/* scheduler.h - the server's scheduled jobs on their own thread and
 * storage connection, outside any request: at start and every interval
 * it brings each open case's derived status up to today (so queues,
 * counts, alerts and indicators read the day's figures, whatever the
 * day changed), then fills the statistics' summary while it is still
 * being built (app_stats_summary_job), recording each run that did
 * something in job_runs. */
#ifndef FZ_CLI_SCHEDULER_H
#define FZ_CLI_SCHEDULER_H

#include "app/app.h"
#include "base/err.h"

struct scheduler;

/* Starts the thread. db and cfg (the server's: procedure definitions)
 * are borrowed and must outlive it. interval_s >= 1. */
enum fz_err scheduler_start(const char *db, const struct app_config *cfg, int interval_s,
			    struct scheduler **out, struct fz_error *e) FZ_MUST_CHECK;
/* Wakes the thread, joins it and frees everything. NULL is a no-op. */
void scheduler_stop(struct scheduler *s);

#endif
