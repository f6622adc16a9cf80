/* sqlite_tx.c - transactions of the SQLite backend and group commit
 * (docs/ARCHITECTURE.md "Group commit", "One writer connection, and
 * batches"): the gate the group's writers queue on, the writer connection
 * the holder of the gate borrows, batches of several writers' work in one
 * commit, the sync of the log after the gate is left, and the log's
 * checkpointer. */
#include "store/sqlite_internal.h"
#include "store/store_group.h"

#include <stdio.h>
#include <time.h>

static void gate_leave(struct sq_store *s);
static void writer_close(void *arg);

void sq_busy_timeout(struct store *st, int ms)
{
	sq(st)->busy_ms = ms > 0 ? ms : 0;
	sqlite3_busy_timeout(sq(st)->own.db, sq(st)->busy_ms);
}

/* Leaves the gate and the group's writer connection (sq_begin). */
static void gate_leave(struct sq_store *s)
{
	if (s->gated) {
		s->gated = false;
		s->c = &s->own;
		store_group_gate_leave(s->group);
	}
}

/* --- group commit --- */

/* What SQLite's default WAL hook checkpoints at (wal_autocheckpoint):
 * some 30 case steps (a step writes about 34 pages of tables and
 * indexes). */
#define WAL_CHECKPOINT_FRAMES 1000

/* The log's checkpointer waits this long for the readers of the log to
 * finish before it gives up restarting it (until the next call): they
 * are requests, done in milliseconds, while the group's writers wait. */
#define WAL_RESTART_WAIT_NS 20000000L

/* Syncs the write-ahead log through this connection's own handle of it,
 * as SQLite itself does at a commit with synchronous=FULL. Any
 * connection's handle of the log will do: each has the file open from
 * its first read on (db_configure reads), and an fsync makes the file's
 * writes durable whoever wrote them. */
static bool wal_sync(void *arg)
{
	struct sq_conn *c = arg;
	sqlite3_file *wal = NULL;
	if (sqlite3_file_control(c->db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &wal) !=
		    SQLITE_OK ||
	    !wal || !wal->pMethods)
		return false;
	return wal->pMethods->xSync(wal, SQLITE_SYNC_NORMAL) == SQLITE_OK;
}

/* Returns once a sync through c's handle, or another's, covers a commit
 * whose log records are written; then hands a long log to the group's
 * checkpointer, or checkpoints here when it has none. */
static bool group_synced(struct sq_conn *c, int frames)
{
	if (!store_group_sync(c->group, wal_sync, c))
		return false;
	if (frames >= WAL_CHECKPOINT_FRAMES && !store_group_checkpoint_due(c->group, frames))
		(void)sqlite3_wal_checkpoint_v2(c->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL,
						NULL);
	return true;
}

/* Called by SQLite after every commit of this connection, its log
 * records written and its write lock released. A commit under the gate
 * (sq_commit) is only noted: sq_commit leaves the gate, and with it the
 * writer's connection, before it waits for the sync, so that the next
 * writer writes while this one syncs. Any other (a statement outside a
 * transaction) returns once a sync covers it; a failure is the commit's
 * error. Replaces SQLite's default hook, which checkpoints in the
 * committing request. */
static int wal_committed(void *arg, sqlite3 *db, const char *name, int frames)
{
	(void)db;
	(void)name;
	struct sq_conn *c = arg;
	if (c->deferring) {
		c->committed = true;
		c->log_frames = frames;
		return SQLITE_OK;
	}
	return group_synced(c, frames) ? SQLITE_OK : SQLITE_IOERR_FSYNC;
}

/* In WAL mode NORMAL writes a commit's log records without syncing them
 * (and still syncs before checkpoints and at the log's restart); the hook
 * or sq_commit syncs them before the commit returns: FULL's durability,
 * one sync for many commits. */
enum fz_err sq_group_join(struct store *st, struct store_group *g, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	int rc = sqlite3_exec(s->own.db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return sq_fail(s, rc, e);
	s->group = g;
	s->own.group = g;
	sqlite3_wal_hook(s->own.db, wal_committed, &s->own);
	return FZ_OK;
}

/* The writer's page cache: the pages of the tables and indexes a step
 * writes, and the cases it reads, stay in it from one write transaction
 * to the next (no other connection commits); 32 MiB at most, taken as
 * used. */
#define WRITER_CACHE_KIB 32768

enum fz_err sq_group_writer(struct store *st, struct store_group *g, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	enum fz_err err = sq_group_join(st, g, e);
	if (err)
		return err;
	char sql[48];
	snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d", WRITER_CACHE_KIB);
	int rc = sqlite3_exec(s->own.db, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return sq_fail(s, rc, e);
	store_group_writer_set(g, s, writer_close);
	return FZ_OK;
}

/* The checkpointer's busy handler: short naps until its deadline, so
 * that it takes the log the moment the last reader has left it. */
static int checkpointer_busy(void *arg, int tries)
{
	(void)tries;
	struct sq_store *s = arg;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (now.tv_sec > s->restart_until.tv_sec ||
	    (now.tv_sec == s->restart_until.tv_sec && now.tv_nsec >= s->restart_until.tv_nsec))
		return 0;
	struct timespec nap = { 0, 100000 }; /* 0.1 ms */
	nanosleep(&nap, NULL);
	return 1;
}

/* The group's checkpointer (store_group_checkpointer): a passive copy,
 * or, with the gate held, a restart of the log, which waits for its
 * readers (within WAL_RESTART_WAIT_NS) and copies what is left. */
static bool log_checkpoint(void *arg, bool restart)
{
	struct sq_store *s = arg;
	if (restart) {
		clock_gettime(CLOCK_MONOTONIC, &s->restart_until);
		s->restart_until.tv_nsec += WAL_RESTART_WAIT_NS;
		if (s->restart_until.tv_nsec >= 1000000000L) {
			s->restart_until.tv_sec++;
			s->restart_until.tv_nsec -= 1000000000L;
		}
	}
	int rc = sqlite3_wal_checkpoint_v2(
		s->c->db, NULL, restart ? SQLITE_CHECKPOINT_RESTART : SQLITE_CHECKPOINT_PASSIVE,
		NULL, NULL);
	return rc == SQLITE_OK;
}

enum fz_err sq_log_checkpointer(struct store *st, struct store_group *g,
				       struct fz_error *e)
{
	struct sq_store *s = sq(st);
	/* only a restart waits, and with this handler: a passive checkpoint
	 * never waits */
	sqlite3_busy_handler(s->c->db, checkpointer_busy, s);
	return store_group_checkpointer(g, log_checkpoint, s, e);
}

/* --- the writer and its batches (store_group.h) --- */

static enum fz_err batch_fail(enum store_batch_outcome outcome, struct fz_error *e)
{
	if (outcome == STORE_BATCH_LOST)
		return fz_fail(e, FZ_BUSY, "", "系统繁忙，本次操作未保存，请稍后重试");
	return fz_fail(e, FZ_IO, "", "读写数据库文件失败");
}

/* Ends the batch open on the writer w, its gate held: commits the
 * transaction and tells the batch's tickets. holder (NULL: the caller
 * keeps the gate) leaves the gate before the sync, so that the next
 * writer writes while this one syncs, through sync's handle of the log.
 * FZ_OK, or the commit's error (the tickets: lost), or FZ_IO. */
static enum fz_err batch_end(struct sq_store *w, struct sq_store *holder, struct sq_conn *sync,
			     bool own, struct fz_error *e)
{
	struct sq_conn *c = &w->own;
	struct store_batch_ticket *members = store_group_batch_take(w->group);
	enum store_batch_outcome outcome = STORE_BATCH_DONE;
	enum fz_err err = FZ_OK;
	c->committed = false;
	if (sqlite3_get_autocommit(c->db)) {
		/* rolled back by SQLite itself (a statement that failed so) */
		outcome = STORE_BATCH_LOST;
		err = fz_fail(e, FZ_DB, "", "事务已被数据库回滚，数据未保存");
	} else {
		c->deferring = true;
		err = sq_exec(w, SQ_COMMIT, "COMMIT", e);
		c->deferring = false;
		if (err) {
			outcome = STORE_BATCH_LOST;
			if (!sqlite3_get_autocommit(c->db))
				(void)sq_exec(w, SQ_ROLLBACK, "ROLLBACK", NULL);
		}
	}
	bool committed = c->committed;
	int frames = c->log_frames;
	if (holder)
		gate_leave(holder);
	if (committed && !group_synced(sync, frames)) {
		outcome = STORE_BATCH_IO;
		err = batch_fail(outcome, e);
	}
	store_group_batch_complete(w->group, members, outcome, own);
	return err;
}

/* The group's close of a batch left open (store_group_writer_set): by
 * the holder of the gate, which it keeps; the sync through the writer's
 * own handle. */
static void writer_close(void *arg)
{
	struct sq_store *w = arg;
	struct fz_error ignore;
	(void)batch_end(w, NULL, &w->own, false, &ignore);
}

/* A write transaction through the group's writer w, the gate held: the
 * batch's, this one's work in a savepoint of its own, when one is open;
 * else a new one. */
static enum fz_err writer_begin(struct sq_store *s, struct sq_store *w, struct fz_error *e)
{
	s->c = &w->own;
	/* an open batch's transaction is alive: writer_commit and
	 * writer_rollback never leave one SQLite has rolled back */
	if (!store_group_batch_open(s->group)) {
		enum fz_err err = sq_exec(s, SQ_BEGIN_WRITE, "BEGIN IMMEDIATE", e);
		if (err)
			gate_leave(s);
		return err;
	}
	enum fz_err err = sq_exec(s, SQ_BATCH_SAVEPOINT, "SAVEPOINT fz_batch", e);
	if (!err) {
		s->joined = true;
		return FZ_OK;
	}
	/* the batch ends without this one */
	struct fz_error ignore;
	(void)batch_end(w, s, &s->own, false, &ignore);
	return err;
}

/* The work is done: left in the batch for the writer waiting next, and
 * waited for; or the batch, with it, committed and synced here. */
static enum fz_err writer_commit(struct sq_store *s, struct sq_store *w, struct fz_error *e)
{
	/* rolled back by SQLite itself: never passed on as a batch (the
	 * next writer's savepoint would begin a new transaction) */
	if (sqlite3_get_autocommit(s->c->db)) {
		sq_rollback(&s->base);
		return fz_fail(e, FZ_DB, "", "事务已被数据库回滚，数据未保存");
	}
	if (s->joined) {
		s->joined = false;
		enum fz_err err = sq_exec(s, SQ_BATCH_RELEASE, "RELEASE fz_batch", e);
		if (err) {
			s->joined = true;
			sq_rollback(&s->base);
			return err;
		}
	}
	struct store_batch_ticket t;
	if (store_group_batch_pass(s->group, &t)) {
		gate_leave(s);
		enum store_batch_outcome outcome = store_group_batch_wait(s->group, &t);
		return outcome == STORE_BATCH_DONE ? FZ_OK : batch_fail(outcome, e);
	}
	return batch_end(w, s, &s->own, true, e);
}

/* Undoes this one's work: its savepoint, the batch going on for the
 * others (passed on or ended); or, alone, the transaction. */
static void writer_rollback(struct sq_store *s, struct sq_store *w)
{
	sqlite3 *db = s->c->db;
	if (!s->joined) {
		if (!sqlite3_get_autocommit(db))
			(void)sq_exec(s, SQ_ROLLBACK, "ROLLBACK", NULL);
		gate_leave(s);
		return;
	}
	s->joined = false;
	if (!sqlite3_get_autocommit(db)) {
		(void)sq_exec(s, SQ_BATCH_ROLLBACK_TO, "ROLLBACK TO fz_batch", NULL);
		(void)sq_exec(s, SQ_BATCH_RELEASE, "RELEASE fz_batch", NULL);
	}
	if (!sqlite3_get_autocommit(db) && store_group_batch_pass(s->group, NULL)) {
		gate_leave(s);
		return;
	}
	struct fz_error ignore;
	(void)batch_end(w, s, &s->own, false, &ignore);
}

static struct sq_store *writer_of(struct sq_store *s)
{
	return s->gated ? store_group_writer(s->group) : NULL;
}

enum fz_err sq_begin(struct store *st, bool write, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	if (s->gated || !sqlite3_get_autocommit(s->c->db))
		return fz_fail(e, FZ_INTERNAL, "", "内部错误：事务已经开始");
	if (!write)
		return sq_exec(s, SQ_BEGIN_READ, "BEGIN", e);
	/* The group's writers queue on its gate first (woken at once when
	 * it is free) rather than on SQLite's lock (polled with sleeps), and
	 * write through the group's writer when it has one. */
	if (s->group) {
		if (!store_group_gate_enter(s->group, s->busy_ms))
			return sq_fail(s, SQLITE_BUSY, e);
		s->gated = true;
		struct sq_store *w = store_group_writer(s->group);
		if (w)
			return writer_begin(s, w, e);
	}
	/* IMMEDIATE takes the write lock now (waiting up to busy_timeout), so
	 * that a write transaction never fails half-way for lack of it. */
	enum fz_err err = sq_exec(s, SQ_BEGIN_WRITE, "BEGIN IMMEDIATE", e);
	if (err)
		gate_leave(s);
	return err;
}

enum fz_err sq_commit(struct store *st, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	struct sq_store *w = writer_of(s);
	if (w)
		return writer_commit(s, w, e);
	if (sqlite3_get_autocommit(s->c->db))
		return fz_fail(e, FZ_DB, "", "事务已被数据库回滚，数据未保存");
	struct sq_conn *c = s->c;
	c->deferring = s->gated;
	c->committed = false;
	enum fz_err err = sq_exec(s, SQ_COMMIT, "COMMIT", e);
	c->deferring = false;
	if (err)
		sq_rollback(st);
	gate_leave(s); /* a commit that wrote nothing calls no hook */
	if (c->committed && !group_synced(c, c->log_frames))
		return fz_fail(e, FZ_IO, "", "读写数据库文件失败");
	return err;
}

void sq_rollback(struct store *st)
{
	struct sq_store *s = sq(st);
	struct sq_store *w = writer_of(s);
	if (w) {
		writer_rollback(s, w);
		return;
	}
	if (!sqlite3_get_autocommit(s->c->db))
		(void)sq_exec(s, SQ_ROLLBACK, "ROLLBACK", NULL);
	gate_leave(s);
}
