/* export_job.c - see export_job.h. One worker thread with its own
 * connection takes the oldest queued job from export_jobs, marks it
 * running and does the work: counting (the statistics' grouped queries,
 * in the scope the user had when asking) and writing the workbook, each
 * stage written to the row as it is reached. The mutex guards only the
 * worker's wake-up, hold and stop. */
#include "app/export_job.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/audit.h"
#include "app/authz.h"
#include "app/stats.h"
#include "app/tx.h"
#include "base/date.h"
#include "store/store.h"

struct export_runner {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool stop, hold, wake;
	struct store *st;
	struct app_config cfg;
};

static const char *const stage_labels[] = { "排队等待", "正在统计", "正在生成表格", "已完成" };
#define STAGES 3
/* The worker looks for queued jobs at least this often (a wake-up is
 * the usual way; this covers one that came while it was busy). */
#define POLL_S 1

/* Runs job j (claimed: running, stage 1) with the mutex released. */
static void run(struct export_runner *r, const struct export_job *j, struct arena *a)
{
	struct app_ctx ctx;
	struct user u = { .id = j->user_id, .username = arena_strdup(a, j->username),
			  .roles = j->roles, .agency_id = j->agency_id };
	struct fz_error e = { 0 }, ignore = { 0 };
	struct stats_table t;
	struct buf out = BUF_INIT;
	app_ctx_init(&ctx, r->st, a, &r->cfg, "export", time_now());
	ctx.user = &u;
	ctx.actor = j->username;
	ctx.scope = j->scope;
	enum fz_err rc = u.username ? app_stats_annual(&ctx, j->year, &t, &e)
				    : fz_fail(&e, FZ_NOMEM, NULL, "内存不足");
	if (!rc)
		rc = r->st->ops->export_job_progress(r->st, j->id, 2, &e);
	if (!rc)
		rc = stats_xlsx(&t, a, r->cfg.data_dir, &out, &e);
	if (!rc && buf_failed(&out))
		rc = fz_fail(&e, FZ_NOMEM, NULL, "内存不足，表格未能生成");
	if (!rc)
		rc = r->st->ops->export_job_finish(r->st, j->id, true, NULL, out.data, out.len, &e);
	if (rc)
		(void)r->st->ops->export_job_finish(r->st, j->id, false,
						    *e.message ? e.message : "导出失败", NULL, 0,
						    &ignore);
	buf_release(&out);
}

static void wait_a_while(struct export_runner *r)
{
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += POLL_S;
	while (!r->stop && !r->wake)
		if (pthread_cond_timedwait(&r->cv, &r->mu, &until) != 0)
			break;
	r->wake = false;
}

static void *worker(void *arg)
{
	struct export_runner *r = arg;
	pthread_mutex_lock(&r->mu);
	while (!r->stop) {
		pthread_mutex_unlock(&r->mu);
		struct export_job j;
		struct fz_error e = { 0 };
		struct arena *a = arena_new();
		enum fz_err rc = a ? r->st->ops->export_job_claim(r->st, a, &j, &e) : FZ_NOMEM;
		pthread_mutex_lock(&r->mu);
		if (rc) {
			arena_free(a);
			wait_a_while(r);
			continue;
		}
		pthread_cond_broadcast(&r->cv);
		while (r->hold && !r->stop)
			pthread_cond_wait(&r->cv, &r->mu);
		if (r->stop) {
			/* left running, as a crash would: the next start says so */
			arena_free(a);
			break;
		}
		pthread_mutex_unlock(&r->mu);
		run(r, &j, a);
		arena_free(a);
		pthread_mutex_lock(&r->mu);
	}
	pthread_mutex_unlock(&r->mu);
	return NULL;
}

enum fz_err export_runner_start(const char *db, const struct app_config *cfg,
				struct export_runner **out, struct fz_error *e)
{
	*out = NULL;
	struct export_runner *r = calloc(1, sizeof *r);
	int64_t cut = 0;
	if (!r)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	r->cfg = *cfg;
	enum fz_err rc = store_sqlite_open(db, false, &r->st, e);
	if (rc) {
		free(r);
		return rc;
	}
	if ((rc = r->st->ops->export_job_interrupt(r->st, EXPORT_INTERRUPTED, &cut, e))) {
		r->st->ops->close(r->st);
		free(r);
		return rc;
	}
	if (cut)
		fprintf(stderr, "fazhi: %lld export job(s) cut off by the restart marked failed\n",
			(long long)cut);
	pthread_mutex_init(&r->mu, NULL);
	pthread_cond_init(&r->cv, NULL);
	if (pthread_create(&r->thread, NULL, worker, r) != 0) {
		pthread_cond_destroy(&r->cv);
		pthread_mutex_destroy(&r->mu);
		r->st->ops->close(r->st);
		free(r);
		return fz_fail(e, FZ_INTERNAL, NULL, "无法启动导出线程");
	}
	*out = r;
	return FZ_OK;
}

void export_runner_stop(struct export_runner *r)
{
	if (!r)
		return;
	pthread_mutex_lock(&r->mu);
	r->stop = true;
	pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->mu);
	pthread_join(r->thread, NULL);
	pthread_cond_destroy(&r->cv);
	pthread_mutex_destroy(&r->mu);
	r->st->ops->close(r->st);
	free(r);
}

void export_runner_hold(struct export_runner *r, bool hold)
{
	pthread_mutex_lock(&r->mu);
	r->hold = hold;
	pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->mu);
}

static enum fz_err queue_once(struct app_ctx *ctx, struct export_job *j, struct fz_error *e)
{
	int64_t n = 0;
	enum fz_err rc;
	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	if ((rc = ctx->st->ops->export_job_unfinished(ctx->st, &n, e)))
		goto fail;
	if (n >= EXPORT_JOBS_MAX) {
		rc = fz_fail(e, FZ_BUSY, NULL, "导出任务过多，请稍后再试");
		goto fail;
	}
	if ((rc = ctx->st->ops->export_job_insert(ctx->st, j, e)))
		goto fail;
	return app_tx_finish(ctx, "stats.export", "export_job", j->id,
			     arena_printf(ctx->a, "%lld 年度行政执法统计表（XLSX）", (long long)j->year),
			     NULL, e);
fail:
	app_tx_abort(ctx);
	return rc;
}

enum fz_err app_export_annual(struct app_ctx *ctx, struct export_runner *r, int64_t year,
			      int64_t *id, struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_CASE_READ, "case.read", e);
	if (rc)
		return rc;
	if (!ctx->user)
		return fz_fail(e, FZ_UNAUTHORIZED, NULL, "请先登录");
	if (year < 2000 || year > 2100)
		return fz_fail(e, FZ_INVALID, "year", "年度应为 2000 至 2100 之间的四位数字");
	if (!r)
		return fz_fail(e, FZ_INTERNAL, NULL, "本服务未启动导出任务");
	struct export_job j = {
		.kind = "annual_xlsx", .year = year, .user_id = ctx->user->id,
		.username = ctx->user->username, .roles = ctx->user->roles,
		.agency_id = ctx->user->agency_id, .scope = ctx->scope, .created_at = ctx->now,
	};
	bool outer = app_tx_whole(ctx, true);
	do
		rc = queue_once(ctx, &j, e);
	while (app_tx_again(ctx, rc));
	app_tx_whole(ctx, outer);
	if (rc)
		return rc;
	*id = j.id;
	pthread_mutex_lock(&r->mu);
	r->wake = true;
	pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->mu);
	return FZ_OK;
}

static enum export_status status_of(const char *s)
{
	return !strcmp(s, "running") ? EXPORT_RUNNING
	       : !strcmp(s, "done")  ? EXPORT_DONE
	       : !strcmp(s, "failed") ? EXPORT_FAILED
				      : EXPORT_QUEUED;
}

enum fz_err app_export_get(struct app_ctx *ctx, struct export_runner *r, int64_t id,
			   bool with_file, struct export_job_view *out, struct fz_error *e)
{
	struct export_job j;
	(void)r;
	memset(out, 0, sizeof *out);
	if (!ctx->user)
		return fz_fail(e, FZ_NOTFOUND, "id", "没有这个导出任务");
	enum fz_err rc = ctx->st->ops->export_job_get(ctx->st, ctx->a, id, ctx->user->id,
						      with_file, &j, e);
	if (rc)
		return rc;
	out->id = j.id;
	out->status = status_of(j.status);
	out->stage = j.stage < 0 || j.stage > STAGES ? 0 : j.stage;
	out->stages = STAGES;
	out->stage_label = stage_labels[out->stage];
	out->year = j.year;
	snprintf(out->message, sizeof out->message, "%s", j.message ? j.message : "");
	if (with_file && out->status == EXPORT_DONE) {
		out->file = j.file;
		out->file_len = j.file_len;
	}
	return FZ_OK;
}

enum fz_err app_export_download(struct app_ctx *ctx, int64_t id, struct export_job_view *out,
				const char **filename, struct fz_error *e)
{
	enum fz_err rc = app_export_get(ctx, NULL, id, true, out, e);
	if (rc)
		return rc;
	if (out->status == EXPORT_FAILED)
		return fz_fail(e, FZ_CONFLICT, "id", "该导出任务已失败，没有可下载的表格；请重新导出");
	if (out->status != EXPORT_DONE || !out->file)
		return fz_fail(e, FZ_CONFLICT, "id", "表格尚未生成完毕");
	const char *name = arena_printf(ctx->a, "enforcement-statistics-%lld.xlsx",
					(long long)out->year);
	if (!name)
		return fz_fail(e, FZ_NOMEM, NULL, "内存不足");
	const char *msg = arena_printf(ctx->a, "%lld 年度行政执法统计表（XLSX），文件 %s，%zu 字节",
				       (long long)out->year, name, out->file_len);
	(void)app_audit_now(ctx, "export.download", "export_job", out->id, "ok", msg ? msg : name);
	*filename = name;
	return FZ_OK;
}
