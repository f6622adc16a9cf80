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
#include <stdlib.h>
#include <time.h>

#include "store/store.h"
#include "store/store_group.h"

struct store_group {
	pthread_mutex_t gate; /* held by the group's writer, begin to commit */
	pthread_mutex_t lock;
	pthread_cond_t synced_cond;
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
	int64_t checkpoints, restarts; /* run, and those that restarted the log */
};

enum fz_err store_group_new(struct store_group **out, struct fz_error *e)
{
	struct store_group *g = calloc(1, sizeof *g);
	*out = NULL;
	if (!g)
		return fz_fail(e, FZ_NOMEM, "", NULL);
	if (pthread_mutex_init(&g->lock, NULL) != 0) {
		free(g);
		return fz_fail(e, FZ_INTERNAL, "", "无法创建互斥锁");
	}
	if (pthread_mutex_init(&g->gate, NULL) != 0) {
		pthread_mutex_destroy(&g->lock);
		free(g);
		return fz_fail(e, FZ_INTERNAL, "", "无法创建互斥锁");
	}
	if (pthread_cond_init(&g->synced_cond, NULL) != 0) {
		pthread_mutex_destroy(&g->gate);
		pthread_mutex_destroy(&g->lock);
		free(g);
		return fz_fail(e, FZ_INTERNAL, "", "无法创建条件变量");
	}
	if (pthread_cond_init(&g->due_cond, NULL) != 0) {
		pthread_cond_destroy(&g->synced_cond);
		pthread_mutex_destroy(&g->gate);
		pthread_mutex_destroy(&g->lock);
		free(g);
		return fz_fail(e, FZ_INTERNAL, "", "无法创建条件变量");
	}
	*out = g;
	return FZ_OK;
}

void store_group_free(struct store_group *g)
{
	if (!g)
		return;
	store_group_checkpointer_stop(g);
	pthread_cond_destroy(&g->due_cond);
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
	return pthread_mutex_timedlock(&g->gate, &until) == 0;
}

void store_group_gate_leave(struct store_group *g)
{
	pthread_mutex_unlock(&g->gate);
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
	out->restarts = g->restarts;
	pthread_mutex_unlock(&g->lock);
}

/* How long the checkpointer waits for the gate: the writers ahead of it
 * finish in milliseconds; if they do not, it tries at the next call. */
#define CHECKPOINTER_GATE_MS 1000

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
		pthread_mutex_unlock(&g->lock);
		/* the bulk of the copy while writers go on, then the rest and
		 * the restart with the gate held: only what came meanwhile */
		(void)g->checkpoint(g->checkpoint_arg, false);
		bool restarted = false;
		if (store_group_gate_enter(g, CHECKPOINTER_GATE_MS)) {
			restarted = g->checkpoint(g->checkpoint_arg, true);
			store_group_gate_leave(g);
		}
		pthread_mutex_lock(&g->lock);
		g->checkpoints++;
		g->restarts += restarted;
	}
	pthread_mutex_unlock(&g->lock);
	return NULL;
}

enum fz_err store_group_checkpointer(struct store_group *g,
				     bool (*checkpoint)(void *arg, bool restart), void *arg,
				     struct fz_error *e)
{
	pthread_mutex_lock(&g->lock);
	bool had = g->has_checkpointer;
	if (!had) {
		g->checkpoint = checkpoint;
		g->checkpoint_arg = arg;
		g->stopping = false;
		g->due = false;
		int rc = pthread_create(&g->checkpointer, NULL, checkpointer_main, g);
		g->has_checkpointer = rc == 0;
		if (rc != 0) {
			pthread_mutex_unlock(&g->lock);
			return fz_fail(e, rc == EAGAIN ? FZ_NOMEM : FZ_INTERNAL, "",
				       "无法创建数据库日志整理线程");
		}
	}
	pthread_mutex_unlock(&g->lock);
	if (had)
		return fz_fail(e, FZ_INTERNAL, "", "内部错误：日志整理线程已经存在");
	return FZ_OK;
}

bool store_group_checkpoint_due(struct store_group *g)
{
	pthread_mutex_lock(&g->lock);
	bool has = g->has_checkpointer && !g->stopping;
	if (has && !g->due) {
		g->due = true;
		pthread_cond_signal(&g->due_cond);
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
