/* store_group.c - group commit: many connections' commits made durable
 * by one sync of the log. A connection that has committed (its log
 * records written, not yet synced) asks for a sync covering its commit;
 * if no sync is running it runs one itself, covering every commit
 * written so far, else it waits for the running one and, if that did not
 * cover it, for the next. Under load one fsync makes a batch durable;
 * alone, a commit costs one fsync as before. */
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
	*out = g;
	return FZ_OK;
}

void store_group_free(struct store_group *g)
{
	if (!g)
		return;
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

void store_group_stats(struct store_group *g, int64_t *commits, int64_t *syncs)
{
	pthread_mutex_lock(&g->lock);
	*commits = (int64_t)g->written;
	*syncs = g->syncs;
	pthread_mutex_unlock(&g->lock);
}
