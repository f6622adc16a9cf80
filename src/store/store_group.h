/* store_group.h - a commit group: many connections' commits share one
 * durable sync of the log (group commit; store_group.c, docs/ARCHITECTURE.md
 * "Group commit"). A backend joins its connections with
 * store_ops.group_join. */
#ifndef FZ_STORE_STORE_GROUP_H
#define FZ_STORE_STORE_GROUP_H

#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"

struct store_group;

/* A commit group (store_ops.group_join; store_group.c). new: FZ_NOMEM,
 * FZ_INTERNAL. sync: called by a backend after a commit wrote its log,
 * returns once a call of sync(arg) that began after that has succeeded
 * (true) or failed (false); sync makes the log durable. stats: commits
 * that asked, syncs run. */
enum fz_err store_group_new(struct store_group **out, struct fz_error *e) FZ_MUST_CHECK;
void store_group_free(struct store_group *g);
bool store_group_sync(struct store_group *g, bool (*sync)(void *arg), void *arg);
/* The group's write gate: its connections' write transactions take it
 * before the database's write lock, so that they queue in the process
 * and are woken at once, instead of polling the lock with sleeps. enter
 * is false when the gate was not free within ms. A backend leaves it when
 * its write lock is released (before the sync). */
bool store_group_gate_enter(struct store_group *g, int ms);
void store_group_gate_leave(struct store_group *g);
/* What the group did so far: commits that asked for a sync, syncs run,
 * rounds of its checkpointer, restarts of the log it tried (holding the
 * gate) and those it made. */
struct store_group_stats {
	int64_t commits, syncs, checkpoints, restart_tries, restarts;
};
void store_group_stats(struct store_group *g, struct store_group_stats *out);

/* The group's checkpointer: a thread that calls checkpoint(arg, false)
 * (copy what it can of the log into the database, writers going on) and
 * then, holding the gate, checkpoint(arg, true) (copy the rest and
 * restart the log; true when it did) each time a commit has called
 * checkpoint_due (with the log's length in frames) since the last round;
 * after a restart that failed (a reader stayed) it tries the next one
 * only once the log is twice as long (or 8,192 frames longer). arg (a connection of its own) is
 * used only by that thread until checkpointer_stop, which waits for it to
 * end (store_group_free calls it). checkpoint_due is false when the group
 * has no checkpointer: the caller then checkpoints itself. A second
 * checkpointer: FZ_INTERNAL; no thread: FZ_NOMEM or FZ_INTERNAL. */
enum fz_err store_group_checkpointer(struct store_group *g,
				     bool (*checkpoint)(void *arg, bool restart), void *arg,
				     struct fz_error *e) FZ_MUST_CHECK;
bool store_group_checkpoint_due(struct store_group *g, int frames);
void store_group_checkpointer_stop(struct store_group *g);

#endif
