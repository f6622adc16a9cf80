/* store_pool.h - the server's connections to one database (store_pool.c). */
#ifndef FZ_STORE_STORE_POOL_H
#define FZ_STORE_STORE_POOL_H

#include <stdint.h>

#include "store/store.h"
#include "store/store_group.h"

/* A fixed set of connections shared by request threads. acquire blocks
 * briefly when all are in use; the lock is held only to take or return a
 * connection, never across a request. The database must exist (create it
 * with store_sqlite_open(path, true, ...)); every connection is opened at
 * store_pool_open. acquire never returns NULL; release rolls back a
 * transaction the request left open. Never close a pooled connection
 * yourself: store_pool_close closes them all, once all are released. */
struct store_pool;
enum fz_err store_pool_open(const char *path, int size, struct store_pool **out,
			    struct fz_error *e);
struct store *store_pool_acquire(struct store_pool *p);
void store_pool_release(struct store_pool *p, struct store *st);
/* Sets the busy timeout of every connection; call before any acquire. */
void store_pool_busy_timeout(struct store_pool *p, int ms);
/* The pool's connections commit as one group (store_ops.group_join),
 * whose checkpointer has a connection of its own: what they did so far. */
void store_pool_group_stats(struct store_pool *p, struct store_group_stats *out);
void store_pool_close(struct store_pool *p);

#endif
