/* store_group.c - group commit: many connections' commits made durable
 * by one sync of the log. A connection that has committed (its log
 * records written, not yet synced) asks for a sync covering its commit;
 * if no sync is running it runs one itself, covering every commit
 * written so far, else it waits for the running one and, if that did not
 * cover it, for the next. Under load one fsync makes a batch durable;
 * alone, a commit costs one fsync as before.
 *
 * The group may also have a checkpointer: a thread of its own that copies
 * the log into the database when a commit finds the log long, so that no
 * request waits for that copy, and then restarts the log while holding
 * the gate (no writer of the group runs; readers finish what they read),
 * so that the log stays short however busy the server is. */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

#include "store/store.h"
#include "store/store_group.h"

struct store_group {
	pthread_mutex_t gate; /* held by the group's writer, begin to commit */
	atomic_int waiting;   /* writers waiting for the gate */
	/* the writer (store_group_writer_set) and its batch: guarded by the
	 * gate (batch numbers and statistics also by lock) */
	void *writer;
	void (*writer_close)(void *writer);
	uint64_t batch;       /* the open batch's number, 0: none */
	uint64_t batch_seq;   /* the last batch number given */
	struct store_batch_ticket *members;
	int nmembers;         /* writers' work in the open batch */
	struct timespec batch_began;
	int64_t ended, batched, closed; /* statistics (store_group_stats) */
	pthread_mutex_t lock;
	pthread_cond_t synced_cond;
	pthread_cond_t batch_cond; /* a batch ended: its tickets are told */
	uint64_t written;  /* commits that asked for a sync, numbered 1.. */
	uint64_t synced;   /* every commit up to this one is durable */
	uint64_t failed;   /* every commit up to this one met a failed sync */
	bool syncing;      /* a sync is running (outside the lock) */
	int64_t syncs;     /* syncs run (statistics) */

	/* the checkpointer (store_group_checkpointer), guarded by lock */
	bool (*checkpoint)(void *arg, bool restart);
	void *checkpoint_arg;
	pthread_t checkpointer;
	pthread_cond_t due_cond;
	bool has_checkpointer;
	bool due;          /* a commit found the log long */
	bool stopping;
	int due_frames;    /* the log's length the last commit saw */
	int round_frames;  /* and when the last round began */
	int restart_at;    /* try a restart from this length on (0: any) */
	int64_t checkpoints, tries, restarts; /* rounds, restarts tried, done */
};

enum fz_err store_group_new(struct store_group **out, struct fz_error *e)
{
	struct store_group *g = calloc(1, sizeof *g);
	*out = NULL;
	if (!g)
		return fz_fail(e, FZ_NOMEM, "", NULL);
	/* each made only if the one before it was: undone in reverse */
	int made = 0;
	atomic_init(&g->waiting, 0);
	if (pthread_mutex_init(&g->lock, NULL) == 0 && ++made &&
	    pthread_mutex_init(&g->gate, NULL) == 0 && ++made &&
	    pthread_cond_init(&g->synced_cond, NULL) == 0 && ++made &&
	    pthread_cond_init(&g->batch_cond, NULL) == 0 && ++made &&
	    pthread_cond_init(&g->due_cond, NULL) == 0) {
		*out = g;
		return FZ_OK;
	}
	if (made > 3)
		pthread_cond_destroy(&g->batch_cond);
	if (made > 2)
		pthread_cond_destroy(&g->synced_cond);
	if (made > 1)
		pthread_mutex_destroy(&g->gate);
	if (made > 0)
		pthread_mutex_destroy(&g->lock);
	free(g);
	return fz_fail(e, FZ_INTERNAL, "", "无法创建线程同步对象");
}

void store_group_free(struct store_group *g)
{
	if (!g)
		return;
	store_group_checkpointer_stop(g);
	pthread_cond_destroy(&g->due_cond);
	pthread_cond_destroy(&g->batch_cond);
	pthread_cond_destroy(&g->synced_cond);
	pthread_mutex_destroy(&g->gate);
	pthread_mutex_destroy(&g->lock);
	free(g);
}

bool store_group_gate_enter(struct store_group *g, int ms)
{
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += ms / 1000;
	until.tv_nsec += (long)(ms % 1000) * 1000000;
	if (until.tv_nsec >= 1000000000) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000;
	}
	atomic_fetch_add_explicit(&g->waiting, 1, memory_order_relaxed);
	bool got = pthread_mutex_timedlock(&g->gate, &until) == 0;
	atomic_fetch_sub_explicit(&g->waiting, 1, memory_order_relaxed);
	return got;
}

void store_group_gate_leave(struct store_group *g)
{
	pthread_mutex_unlock(&g->gate);
}

void store_group_writer_set(struct store_group *g, void *writer, void (*close)(void *writer))
{
	g->writer = writer;
	g->writer_close = close;
}

void *store_group_writer(struct store_group *g)
{
	return g->writer;
}

/* --- batches (store_group.h) --- */

/* A batch is left open for the next writer only while it holds fewer
 * than this many writers' work and is younger than this: the first
 * writer's answer waits for the last. */
#define BATCH_MAX 16
#define BATCH_MAX_NS 10000000L /* 10 ms */

static int64_t since_ns(const struct timespec *t0)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (int64_t)(now.tv_sec - t0->tv_sec) * 1000000000L + (now.tv_nsec - t0->tv_nsec);
}

bool store_group_batch_open(struct store_group *g)
{
	return g->batch != 0;
}

bool store_group_batch_pass(struct store_group *g, struct store_batch_ticket *t)
{
	if (!g->writer || atomic_load_explicit(&g->waiting, memory_order_relaxed) == 0 ||
	    g->nmembers >= BATCH_MAX || (g->batch && since_ns(&g->batch_began) >= BATCH_MAX_NS))
		return false;
	if (!g->batch) {
		pthread_mutex_lock(&g->lock);
		g->batch = ++g->batch_seq;
		pthread_mutex_unlock(&g->lock);
		clock_gettime(CLOCK_MONOTONIC, &g->batch_began);
	}
	if (t) {
		t->batch = g->batch;
		t->outcome = STORE_BATCH_PENDING;
		t->next = g->members;
		g->members = t;
		g->nmembers++;
	}
	return true;
}

struct store_batch_ticket *store_group_batch_take(struct store_group *g)
{
	struct store_batch_ticket *list = g->members;
	pthread_mutex_lock(&g->lock);
	g->batch = 0;
	pthread_mutex_unlock(&g->lock);
	g->members = NULL;
	g->nmembers = 0;
	return list;
}

void store_group_batch_complete(struct store_group *g, struct store_batch_ticket *list,
				enum store_batch_outcome outcome, bool own)
{
	if (!list)
		return;
	pthread_mutex_lock(&g->lock);
	int64_t n = 0;
	for (struct store_batch_ticket *t = list, *next; t; t = next) {
		next = t->next; /* t is gone once told */
		t->outcome = outcome;
		n++;
	}
	if (outcome == STORE_BATCH_DONE) {
		g->ended++;
		g->batched += n;
		g->closed += !own;
	}
	pthread_cond_broadcast(&g->batch_cond);
	pthread_mutex_unlock(&g->lock);
}

/* How long a ticket waits before it looks whether anyone is left to end
 * its batch. */
#define BATCH_LOOK_NS 5000000L /* 5 ms */

enum store_batch_outcome store_group_batch_wait(struct store_group *g,
						struct store_batch_ticket *t)
{
	pthread_mutex_lock(&g->lock);
	while (t->outcome == STORE_BATCH_PENDING) {
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += BATCH_LOOK_NS;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		if (pthread_cond_timedwait(&g->batch_cond, &g->lock, &until) != ETIMEDOUT ||
		    t->outcome != STORE_BATCH_PENDING)
			continue;
		/* The writers that were waiting may have given up (their
		 * gate's timeout): if the gate is free and the batch still
		 * open, this one ends it. */
		pthread_mutex_unlock(&g->lock);
		if (pthread_mutex_trylock(&g->gate) == 0) {
			if (g->batch == t->batch)
				g->writer_close(g->writer);
			pthread_mutex_unlock(&g->gate);
		}
		pthread_mutex_lock(&g->lock);
	}
	enum store_batch_outcome outcome = t->outcome;
	pthread_mutex_unlock(&g->lock);
	return outcome;
}

void store_group_batch_flush(struct store_group *g)
{
	if (g->batch)
		g->writer_close(g->writer);
}

bool store_group_sync(struct store_group *g, bool (*sync)(void *arg), void *arg)
{
	pthread_mutex_lock(&g->lock);
	uint64_t mine = ++g->written;
	bool ok = true;
	while (g->synced < mine) {
		if (g->failed >= mine) {
			/* the sync that covered this commit failed: after a
			 * failed fsync a later one proves nothing (the kernel
			 * may have dropped the pages), so it stays failed */
			ok = false;
			break;
		}
		if (g->syncing) {
			pthread_cond_wait(&g->synced_cond, &g->lock);
			continue;
		}
		g->syncing = true;
		uint64_t target = g->written;
		pthread_mutex_unlock(&g->lock);
		bool done = sync(arg);
		pthread_mutex_lock(&g->lock);
		g->syncing = false;
		g->syncs++;
		if (done)
			g->synced = target;
		else
			g->failed = target;
		pthread_cond_broadcast(&g->synced_cond);
	}
	pthread_mutex_unlock(&g->lock);
	return ok;
}

void store_group_stats(struct store_group *g, struct store_group_stats *out)
{
	pthread_mutex_lock(&g->lock);
	out->commits = (int64_t)g->written;
	out->syncs = g->syncs;
	out->checkpoints = g->checkpoints;
	out->restart_tries = g->tries;
	out->restarts = g->restarts;
	out->batches = g->ended;
	out->batched = g->batched;
	out->closed = g->closed;
	out->waiting = atomic_load_explicit(&g->waiting, memory_order_relaxed);
	pthread_mutex_unlock(&g->lock);
}

/* How long the checkpointer waits for the gate: the writers ahead of it
 * finish in milliseconds; if they do not, it tries at the next call. */
#define CHECKPOINTER_GATE_MS 1000
/* How much longer the log must be for another round, unless it restarted
 * meanwhile (a quarter of the length a commit hands it over at). */
#define CHECKPOINTER_STEP 250
/* The longest wait between two tries of a restart, in frames (32 MB). */
#define CHECKPOINTER_BACKOFF_MAX 8192

static void *checkpointer_main(void *arg)
{
	struct store_group *g = arg;
	pthread_mutex_lock(&g->lock);
	for (;;) {
		while (!g->due && !g->stopping)
			pthread_cond_wait(&g->due_cond, &g->lock);
		if (g->stopping)
			break;
		g->due = false;
		bool try = g->due_frames >= g->restart_at;
		int frames = g->round_frames = g->due_frames;
		pthread_mutex_unlock(&g->lock);
		/* the bulk of the copy while writers go on, then the rest and
		 * the restart with the gate held: only what came meanwhile */
		(void)g->checkpoint(g->checkpoint_arg, false);
		bool restarted = false;
		if (try && store_group_gate_enter(g, CHECKPOINTER_GATE_MS)) {
			/* a batch left open holds the write lock the restart
			 * needs: ended first */
			store_group_batch_flush(g);
			restarted = g->checkpoint(g->checkpoint_arg, true);
			store_group_gate_leave(g);
		}
		pthread_mutex_lock(&g->lock);
		g->checkpoints++;
		g->tries += try;
		g->restarts += restarted;
		/* A reader that stays (an export, a report over a province)
		 * keeps the log from restarting: the next try waits until the
		 * log has doubled (or grown by CHECKPOINTER_BACKOFF_MAX), so
		 * that the writers wait a few times for it, not at every
		 * commit, and a reader that was only slow (a loaded machine)
		 * is tried again soon enough. */
		if (restarted)
			g->restart_at = g->round_frames = 0;
		else if (try)
			g->restart_at = frames + (frames < CHECKPOINTER_BACKOFF_MAX
							  ? frames : CHECKPOINTER_BACKOFF_MAX);
	}
	pthread_mutex_unlock(&g->lock);
	return NULL;
}

enum fz_err store_group_checkpointer(struct store_group *g,
				     bool (*checkpoint)(void *arg, bool restart), void *arg,
				     struct fz_error *e)
{
	pthread_mutex_lock(&g->lock);
	if (g->has_checkpointer) {
		pthread_mutex_unlock(&g->lock);
		return fz_fail(e, FZ_INTERNAL, "", "内部错误：日志整理线程已经存在");
	}
	g->checkpoint = checkpoint;
	g->checkpoint_arg = arg;
	g->stopping = g->due = false;
	int rc = pthread_create(&g->checkpointer, NULL, checkpointer_main, g);
	g->has_checkpointer = rc == 0;
	pthread_mutex_unlock(&g->lock);
	if (rc != 0)
		return fz_fail(e, rc == EAGAIN ? FZ_NOMEM : FZ_INTERNAL, "",
			       "无法创建数据库日志整理线程");
	return FZ_OK;
}

bool store_group_checkpoint_due(struct store_group *g, int frames)
{
	pthread_mutex_lock(&g->lock);
	bool has = g->has_checkpointer && !g->stopping;
	/* a round per CHECKPOINTER_STEP frames at most: while a reader stays
	 * the log only grows, and a round would copy next to nothing */
	if (has && (frames < g->round_frames || frames >= g->round_frames + CHECKPOINTER_STEP)) {
		g->due_frames = frames;
		if (!g->due) {
			g->due = true;
			pthread_cond_signal(&g->due_cond);
		}
	}
	pthread_mutex_unlock(&g->lock);
	return has;
}

void store_group_checkpointer_stop(struct store_group *g)
{
	pthread_mutex_lock(&g->lock);
	bool has = g->has_checkpointer;
	g->stopping = true;
	pthread_cond_signal(&g->due_cond);
	pthread_mutex_unlock(&g->lock);
	if (has)
		pthread_join(g->checkpointer, NULL);
	pthread_mutex_lock(&g->lock);
	g->has_checkpointer = false;
	pthread_mutex_unlock(&g->lock);
}
