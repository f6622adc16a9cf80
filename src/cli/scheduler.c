/* scheduler.c - the scheduled-jobs thread of `fazhi serve`; see
 * scheduler.h. It sleeps on a condition variable (monotonic clock) so
 * that stopping the server wakes it at once. */
#include "cli/scheduler.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "app/case_status.h"
#include "base/date.h"
#include "store/store.h"

struct scheduler {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool stop;
	int interval_s;
	struct store *st;
	const struct app_config *cfg;
};

static void round_once(struct scheduler *s)
{
	struct arena *a = arena_new();
	struct app_ctx ctx;
	struct fz_error e = { 0 };
	int64_t n = 0;
	if (!a)
		return;
	app_ctx_init(&ctx, s->st, a, s->cfg, "server", time_now());
	app_ctx_as_cli(&ctx);
	ctx.actor = "(server)";
	if (app_case_status_job(&ctx, &n, &e))
		fprintf(stderr, "fazhi: 更新案件状态失败：%s\n", e.message);
	else if (n)
		fprintf(stderr, "fazhi: 已更新 %lld 件案件的期限和待办状态\n", (long long)n);
	arena_free(a);
}

static void *run(void *arg)
{
	struct scheduler *s = arg;
	round_once(s);
	pthread_mutex_lock(&s->mu);
	while (!s->stop) {
		struct timespec until;
		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_sec += s->interval_s;
		while (!s->stop && pthread_cond_timedwait(&s->cv, &s->mu, &until) == 0)
			;
		if (s->stop)
			break;
		pthread_mutex_unlock(&s->mu);
		round_once(s);
		pthread_mutex_lock(&s->mu);
	}
	pthread_mutex_unlock(&s->mu);
	return NULL;
}

enum fz_err scheduler_start(const char *db, const struct app_config *cfg, int interval_s,
			    struct scheduler **out, struct fz_error *e)
{
	pthread_condattr_t ca;
	*out = NULL;
	if (interval_s < 1)
		return fz_fail(e, FZ_INVALID, "job_interval", "定时任务间隔应至少 1 秒");
	struct scheduler *s = calloc(1, sizeof *s);
	if (!s)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	s->interval_s = interval_s;
	s->cfg = cfg;
	enum fz_err rc = store_sqlite_open(db, false, &s->st, e);
	if (rc) {
		free(s);
		return rc;
	}
	pthread_mutex_init(&s->mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&s->cv, &ca);
	pthread_condattr_destroy(&ca);
	if (pthread_create(&s->thread, NULL, run, s) != 0) {
		pthread_cond_destroy(&s->cv);
		pthread_mutex_destroy(&s->mu);
		s->st->ops->close(s->st);
		free(s);
		return fz_fail(e, FZ_INTERNAL, NULL, "无法启动定时任务线程");
	}
	*out = s;
	return FZ_OK;
}

void scheduler_stop(struct scheduler *s)
{
	if (!s)
		return;
	pthread_mutex_lock(&s->mu);
	s->stop = true;
	pthread_cond_signal(&s->cv);
	pthread_mutex_unlock(&s->mu);
	pthread_join(s->thread, NULL);
	pthread_cond_destroy(&s->cv);
	pthread_mutex_destroy(&s->mu);
	s->st->ops->close(s->st);
	free(s);
}
