/* periodic.c - see periodic.h. */
#include "cli/periodic.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

#include "base/date.h"
#include "store/store.h"

struct periodic {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	atomic_bool stop; /* written under mu; read without it by a round */
	int interval_s;
	bool round_at_stop;
	periodic_fn first, round;
	struct store *st;
	struct app_config cfg;
};

static void call(struct periodic *p, periodic_fn fn)
{
	struct arena *a = arena_new();
	struct app_ctx ctx;
	if (!a)
		return;
	app_ctx_init(&ctx, p->st, a, &p->cfg, "server", time_now());
	app_ctx_as_cli(&ctx);
	ctx.actor = "(server)";
	ctx.stop_asked = &p->stop;
	fn(&ctx);
	arena_free(a);
}

static void *run(void *arg)
{
	struct periodic *p = arg;
	if (p->first)
		call(p, p->first);
	pthread_mutex_lock(&p->mu);
	while (!p->stop) {
		struct timespec until;
		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_sec += p->interval_s;
		while (!p->stop && pthread_cond_timedwait(&p->cv, &p->mu, &until) == 0)
			;
		if (p->stop && !p->round_at_stop)
			break;
		pthread_mutex_unlock(&p->mu);
		call(p, p->round);
		pthread_mutex_lock(&p->mu);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

enum fz_err periodic_start(const char *db, const struct app_config *cfg, int interval_s,
			   periodic_fn first, periodic_fn round, bool round_at_stop,
			   struct periodic **out, struct fz_error *e)
{
	pthread_condattr_t ca;
	*out = NULL;
	if (interval_s < 1)
		return fz_fail(e, FZ_INTERNAL, NULL, "内部错误：后台线程间隔无效");
	struct periodic *p = calloc(1, sizeof *p);
	if (!p)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	p->interval_s = interval_s;
	p->round_at_stop = round_at_stop;
	p->first = first;
	p->round = round;
	p->cfg = *cfg;
	enum fz_err rc = store_sqlite_open(db, false, &p->st, e);
	if (rc) {
		free(p);
		return rc;
	}
	pthread_mutex_init(&p->mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&p->cv, &ca);
	pthread_condattr_destroy(&ca);
	if (pthread_create(&p->thread, NULL, run, p) != 0) {
		pthread_cond_destroy(&p->cv);
		pthread_mutex_destroy(&p->mu);
		p->st->ops->close(p->st);
		free(p);
		return fz_fail(e, FZ_INTERNAL, NULL, "无法启动后台线程");
	}
	*out = p;
	return FZ_OK;
}

void periodic_stop(struct periodic *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->mu);
	p->stop = true;
	pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
	pthread_join(p->thread, NULL);
	pthread_cond_destroy(&p->cv);
	pthread_mutex_destroy(&p->mu);
	p->st->ops->close(p->st);
	free(p);
}
