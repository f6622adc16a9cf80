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
/* The group's writer (store_ops.group_writer): the backend's own
 * connection, used only by the holder of the gate, and how to end a
 * batch left open on it (close, called holding the gate; see below). Set
 * before the group's connections write, never changed after; NULL: none
 * (each connection writes through itself). */
void store_group_writer_set(struct store_group *g, void *writer, void (*close)(void *writer));
void *store_group_writer(struct store_group *g);

/* Batches: with a writer, the holder of the gate whose transaction is
 * done may leave it open, its work kept, for the next writer waiting at
 * the gate, who adds its own (in a savepoint of its own) and so on; the
 * last commits them all at once and one sync of the log makes the whole
 * batch durable (docs/ARCHITECTURE.md "Group commit"). A writer that
 * left its work in the batch waits on its ticket for the batch's end:
 * committed and synced (STORE_BATCH_DONE), lost with the transaction
 * before its commit (STORE_BATCH_LOST: nothing of it kept, so it may run
 * again), or met a failed sync (STORE_BATCH_IO). */
enum store_batch_outcome { STORE_BATCH_PENDING, STORE_BATCH_DONE, STORE_BATCH_LOST,
			   STORE_BATCH_IO };
struct store_batch_ticket {
	struct store_batch_ticket *next;
	uint64_t batch;  /* the batch it is in */
	enum store_batch_outcome outcome; /* set once, under the group's lock */
};
/* Holding the gate: a batch is open on the writer (others' work in its
 * transaction). */
bool store_group_batch_open(struct store_group *g);
/* Holding the gate, the transaction's work done: true when it should be
 * left open for a writer waiting at the gate (one waits, the batch is
 * young and small); t (may be NULL: nothing to wait for, a writer that
 * rolled its own part back) then joins the batch, and the caller leaves
 * the gate and calls batch_wait. false: the caller ends the batch. */
bool store_group_batch_pass(struct store_group *g, struct store_batch_ticket *t);
/* Holding the gate, as the batch ends: its tickets (the batch is closed). */
struct store_batch_ticket *store_group_batch_take(struct store_group *g);
/* Tells each of the tickets taken its outcome; own: the commit carried
 * work of the writer that ended the batch too (statistics). */
void store_group_batch_complete(struct store_group *g, struct store_batch_ticket *list,
				enum store_batch_outcome outcome, bool own);
/* Returns t's outcome once its batch has ended. Should the writers that
 * were waiting have gone (a gate's timeout), the batch is ended here:
 * taking the gate when free, it calls the writer's close. */
enum store_batch_outcome store_group_batch_wait(struct store_group *g,
						struct store_batch_ticket *t);
/* Holding the gate: ends an open batch (the writer's close), so that the
 * holder may do what needs no transaction open (the checkpointer's
 * restart, closing). */
void store_group_batch_flush(struct store_group *g);
/* What the group did so far: commits that asked for a sync, syncs run,
 * rounds of its checkpointer, restarts of the log it tried (holding the
 * gate) and those it made. */
struct store_group_stats {
	int64_t commits, syncs, checkpoints, restart_tries, restarts;
	/* batches committed, the writers' work left in them, and those of
	 * them ended by a writer with none of its own in the commit (its
	 * rollback, the checkpointer, a writer of the batch that found the
	 * gate free): a batch's commit carries batched work, plus the
	 * ender's own unless closed */
	int64_t batches, batched, closed;
	int waiting;              /* writers waiting for the gate now */
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
