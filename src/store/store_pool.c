/* store_pool.c - a fixed set of open connections shared by request
 * threads. The database is opened (and migrated) once per connection at
 * start-up, never on the request path. The lock guards only the free list:
 * it is held to take or return a connection, never across a request. */
#include <pthread.h>
#include <stdlib.h>

#include "store/store.h"
#include "store/store_group.h"
#include "store/store_pool.h"

/* More would only queue up on SQLite's single writer. */
#define POOL_MAX 256

struct store_pool {
	struct store_group *group; /* every connection commits through it */
	struct store *checkpointer; /* the group's log checkpointer's own */
	struct store *writer;       /* the group's writer (store_ops.group_writer) */
	pthread_mutex_t lock;
	pthread_cond_t available;
	int size;
	int nfree;
	struct store **all;  /* every connection, for close */
	struct store **idle; /* stack of the nfree idle ones */
};

enum fz_err store_pool_open(const char *path, int size, struct store_pool **out,
			    struct fz_error *e)
{
	enum fz_err err = FZ_OK;
	*out = NULL;
	if (size < 1 || size > POOL_MAX)
		return fz_fail(e, FZ_INVALID, "size", "数据库连接数应在 1 到 %d 之间", POOL_MAX);
	struct store_pool *p = calloc(1, sizeof *p);
	if (!p)
		return fz_fail(e, FZ_NOMEM, "", NULL);
	p->all = calloc((size_t)size, sizeof *p->all);
	p->idle = calloc((size_t)size, sizeof *p->idle);
	if (!p->all || !p->idle) {
		err = fz_fail(e, FZ_NOMEM, "", NULL);
		goto fail;
	}
	if ((err = store_group_new(&p->group, e)))
		goto fail;
	if (pthread_mutex_init(&p->lock, NULL) != 0) {
		err = fz_fail(e, FZ_INTERNAL, "", "无法创建互斥锁");
		goto fail;
	}
	if (pthread_cond_init(&p->available, NULL) != 0) {
		pthread_mutex_destroy(&p->lock);
		err = fz_fail(e, FZ_INTERNAL, "", "无法创建条件变量");
		goto fail;
	}
	/* The server works on a database that exists: creating one is an
	 * explicit step (store_sqlite_open with create). */
	/* first the writer, whose connection the others write through */
	if ((err = store_sqlite_open(path, false, &p->writer, e)) ||
	    (err = p->writer->ops->group_writer(p->writer, p->group, e))) {
		store_pool_close(p);
		return err;
	}
	for (; p->size < size; p->size++) {
		if ((err = store_sqlite_open(path, false, &p->all[p->size], e)) ||
		    (err = p->all[p->size]->ops->group_join(p->all[p->size], p->group, e))) {
			if (p->all[p->size])
				p->size++;
			store_pool_close(p);
			return err;
		}
		p->idle[p->nfree++] = p->all[p->size];
	}
	/* one more connection, the log checkpointer's (store_group.h) */
	if ((err = store_sqlite_open(path, false, &p->checkpointer, e)) ||
	    (err = p->checkpointer->ops->log_checkpointer(p->checkpointer, p->group, e))) {
		store_pool_close(p);
		return err;
	}
	*out = p;
	return FZ_OK;
fail:
	store_group_free(p->group);
	free(p->all);
	free(p->idle);
	free(p);
	return err;
}

struct store *store_pool_acquire(struct store_pool *p)
{
	pthread_mutex_lock(&p->lock);
	while (p->nfree == 0)
		pthread_cond_wait(&p->available, &p->lock);
	struct store *st = p->idle[--p->nfree];
	pthread_mutex_unlock(&p->lock);
	return st;
}

void store_pool_release(struct store_pool *p, struct store *st)
{
	if (!st)
		return;
	/* A request that failed half-way must not hand its open transaction
	 * to the next one. Outside the lock: it may touch the disk. */
	st->ops->rollback(st);
	pthread_mutex_lock(&p->lock);
	if (p->nfree < p->size)
		p->idle[p->nfree++] = st;
	pthread_cond_signal(&p->available);
	pthread_mutex_unlock(&p->lock);
}

void store_pool_busy_timeout(struct store_pool *p, int ms)
{
	for (int i = 0; i < p->size; i++)
		p->all[i]->ops->busy_timeout(p->all[i], ms);
	p->writer->ops->busy_timeout(p->writer, ms);
}

void store_pool_group_stats(struct store_pool *p, struct store_group_stats *out)
{
	store_group_stats(p->group, out);
}

void store_pool_close(struct store_pool *p)
{
	if (!p)
		return;
	/* the checkpointer's thread ends before any connection closes */
	store_group_checkpointer_stop(p->group);
	/* no batch is left open once its writers have all returned; were
	 * one, it is committed, not lost */
	if (p->writer && store_group_gate_enter(p->group, 0)) {
		store_group_batch_flush(p->group);
		store_group_gate_leave(p->group);
	}
	if (p->checkpointer)
		p->checkpointer->ops->close(p->checkpointer);
	for (int i = 0; i < p->size; i++)
		p->all[i]->ops->close(p->all[i]);
	if (p->writer)
		p->writer->ops->close(p->writer);
	pthread_cond_destroy(&p->available);
	pthread_mutex_destroy(&p->lock);
	store_group_free(p->group);
	free(p->all);
	free(p->idle);
	free(p);
}
