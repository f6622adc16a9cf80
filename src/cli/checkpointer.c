/* checkpointer.c - the periodic checkpoint thread of `fazhi serve`. It
 * sleeps on a condition variable (monotonic clock) so that stopping the
 * server wakes it at once; each round runs app_ledger_checkpoint as the
 * server itself, audited as "(server)". Before the first round it stores
 * the interior nodes an older database lacks. */
#include "cli/checkpointer.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "app/ledger.h"
#include "app/ledger_proof.h"
#include "base/date.h"
#include "store/store.h"

struct checkpointer {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool stop;
	int interval_s;
	struct store *st;
	struct app_config cfg;
};

static void round_once(struct checkpointer *c)
{
	struct arena *a = arena_new();
	struct app_ctx ctx;
	struct ledger_checkpoint_row cp;
	struct fz_error e;
	bool made;
	if (!a)
		return;
	app_ctx_init(&ctx, c->st, a, &c->cfg, "server", time_now());
	app_ctx_as_cli(&ctx);
	ctx.actor = "(server)";
	enum fz_err rc = app_ledger_checkpoint(&ctx, &made, &cp, &e);
	if (rc)
		fprintf(stderr, "fazhi: 签署检查点失败：%s\n", e.message);
	else if (made)
		fprintf(stderr, "fazhi: 已签署检查点 #%lld（记录数 %lld）\n", (long long)cp.id,
			(long long)cp.tree_size);
	arena_free(a);
}

/* A database from before the node table gets its interior nodes at once,
 * so that proofs are served from the start, not from the first round. */
static void nodes_catch_up(struct checkpointer *c)
{
	struct arena *a = arena_new();
	struct app_ctx ctx;
	struct fz_error e;
	int64_t added;
	if (!a)
		return;
	app_ctx_init(&ctx, c->st, a, &c->cfg, "server", time_now());
	app_ctx_as_cli(&ctx);
	ctx.actor = "(server)";
	if (app_ledger_nodes_catch_up(&ctx, &added, &e))
		fprintf(stderr, "fazhi: 补齐账本树节点失败：%s\n", e.message);
	else if (added)
		fprintf(stderr, "fazhi: 已补齐账本树节点（%lld 条记录）\n", (long long)added);
	arena_free(a);
}

static void *run(void *arg)
{
	struct checkpointer *c = arg;
	nodes_catch_up(c);
	pthread_mutex_lock(&c->mu);
	while (!c->stop) {
		struct timespec until;
		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_sec += c->interval_s;
		while (!c->stop && pthread_cond_timedwait(&c->cv, &c->mu, &until) == 0)
			;
		pthread_mutex_unlock(&c->mu);
		round_once(c);
		pthread_mutex_lock(&c->mu);
	}
	pthread_mutex_unlock(&c->mu);
	return NULL;
}

enum fz_err checkpointer_start(const char *db, const char *data_dir, const char *key_file,
			       int interval_s, struct checkpointer **out, struct fz_error *e)
{
	pthread_condattr_t ca;
	*out = NULL;
	if (interval_s < 1)
		return fz_fail(e, FZ_INVALID, "checkpoint_interval", "检查点间隔应至少 1 秒");
	struct checkpointer *c = calloc(1, sizeof *c);
	if (!c)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	c->interval_s = interval_s;
	app_config_defaults(&c->cfg);
	c->cfg.data_dir = data_dir;
	c->cfg.ledger_key_file = key_file;
	enum fz_err rc = store_sqlite_open(db, false, &c->st, e);
	if (rc) {
		free(c);
		return rc;
	}
	pthread_mutex_init(&c->mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&c->cv, &ca);
	pthread_condattr_destroy(&ca);
	if (pthread_create(&c->thread, NULL, run, c) != 0) {
		pthread_cond_destroy(&c->cv);
		pthread_mutex_destroy(&c->mu);
		c->st->ops->close(c->st);
		free(c);
		return fz_fail(e, FZ_INTERNAL, NULL, "无法启动检查点线程");
	}
	*out = c;
	return FZ_OK;
}

void checkpointer_stop(struct checkpointer *c)
{
	if (!c)
		return;
	pthread_mutex_lock(&c->mu);
	c->stop = true;
	pthread_cond_signal(&c->cv);
	pthread_mutex_unlock(&c->mu);
	pthread_join(c->thread, NULL);
	pthread_cond_destroy(&c->cv);
	pthread_mutex_destroy(&c->mu);
	c->st->ops->close(c->st);
	free(c);
}
