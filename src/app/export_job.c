/* export_job.c - see export_job.h. One worker thread, a fixed table of
 * jobs under one mutex; the worker takes the oldest queued job, marks
 * it running, and does the work with the mutex released: counting (the
 * statistics' grouped queries on its own connection, in the scope the
 * user had when asking) and writing the workbook. */
#include "app/export_job.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/authz.h"
#include "app/stats.h"
#include "base/date.h"
#include "store/store.h"

struct job {
	int64_t id;                /* 0: free slot */
	enum export_status status;
	int stage;
	int64_t year;
	int64_t user_id;
	char username[64];
	unsigned roles;
	int64_t agency_id;
	struct scope scope;
	char message[256];
	struct buf file;
};

struct export_runner {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool stop, hold;
	int64_t next_id;
	struct job jobs[EXPORT_JOBS_MAX];
	struct store *st;
	struct app_config cfg;
};

static const char *const stage_labels[] = { "排队等待", "正在统计", "正在生成表格", "已完成" };
#define STAGES 3

static struct job *queued(struct export_runner *r)
{
	struct job *best = NULL;
	for (size_t i = 0; i < EXPORT_JOBS_MAX; i++)
		if (r->jobs[i].id && r->jobs[i].status == EXPORT_QUEUED &&
		    (!best || r->jobs[i].id < best->id))
			best = &r->jobs[i];
	return best;
}

static void set_stage(struct export_runner *r, struct job *j, int stage)
{
	pthread_mutex_lock(&r->mu);
	j->stage = stage;
	pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->mu);
}

/* Runs j with the mutex released; j's slot is the worker's meanwhile
 * (nobody frees a running job). */
static void run(struct export_runner *r, struct job *j)
{
	struct arena *a = arena_new();
	struct app_ctx ctx;
	struct user u = { .id = j->user_id, .username = j->username, .roles = j->roles,
			  .agency_id = j->agency_id };
	struct fz_error e = { 0 };
	struct stats_table t;
	struct buf out = BUF_INIT;
	enum fz_err rc = a ? FZ_OK : fz_fail(&e, FZ_NOMEM, NULL, "内存不足");
	if (!rc) {
		app_ctx_init(&ctx, r->st, a, &r->cfg, "export", time_now());
		ctx.user = &u;
		ctx.actor = j->username;
		ctx.scope = j->scope;
		set_stage(r, j, 1);
		rc = app_stats_annual(&ctx, j->year, &t, &e);
	}
	if (!rc) {
		set_stage(r, j, 2);
		rc = stats_xlsx(&t, a, r->cfg.data_dir, &out, &e);
	}
	pthread_mutex_lock(&r->mu);
	if (rc) {
		j->status = EXPORT_FAILED;
		snprintf(j->message, sizeof j->message, "%s", *e.message ? e.message : "导出失败");
		buf_release(&out);
	} else {
		j->status = EXPORT_DONE;
		j->stage = STAGES;
		j->file = out;
	}
	pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->mu);
	arena_free(a);
}

static void *worker(void *arg)
{
	struct export_runner *r = arg;
	pthread_mutex_lock(&r->mu);
	for (;;) {
		struct job *j;
		while (!r->stop && !(j = queued(r)))
			pthread_cond_wait(&r->cv, &r->mu);
		if (r->stop)
			break;
		j->status = EXPORT_RUNNING;
		j->stage = 1;
		pthread_cond_broadcast(&r->cv);
		while (r->hold && !r->stop)
			pthread_cond_wait(&r->cv, &r->mu);
		pthread_mutex_unlock(&r->mu);
		run(r, j);
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
	if (!r)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	r->cfg = *cfg;
	r->next_id = 1;
	enum fz_err rc = store_sqlite_open(db, false, &r->st, e);
	if (rc) {
		free(r);
		return rc;
	}
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
	for (size_t i = 0; i < EXPORT_JOBS_MAX; i++)
		buf_release(&r->jobs[i].file);
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
	pthread_mutex_lock(&r->mu);
	/* a free slot, or the oldest finished job's */
	struct job *slot = NULL;
	for (size_t i = 0; i < EXPORT_JOBS_MAX; i++) {
		struct job *j = &r->jobs[i];
		if (!j->id) {
			slot = j;
			break;
		}
		if ((j->status == EXPORT_DONE || j->status == EXPORT_FAILED) &&
		    (!slot || j->id < slot->id))
			slot = j;
	}
	if (!slot) {
		pthread_mutex_unlock(&r->mu);
		return fz_fail(e, FZ_BUSY, NULL, "导出任务过多，请稍后再试");
	}
	buf_release(&slot->file);
	memset(slot, 0, sizeof *slot);
	slot->id = r->next_id++;
	slot->status = EXPORT_QUEUED;
	slot->year = year;
	slot->user_id = ctx->user->id;
	snprintf(slot->username, sizeof slot->username, "%s", ctx->user->username);
	slot->roles = ctx->user->roles;
	slot->agency_id = ctx->user->agency_id;
	slot->scope = ctx->scope;
	*id = slot->id;
	pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->mu);
	return FZ_OK;
}

enum fz_err app_export_get(struct app_ctx *ctx, struct export_runner *r, int64_t id,
			   bool with_file, struct export_job_view *out, struct fz_error *e)
{
	enum fz_err rc = FZ_NOTFOUND;
	memset(out, 0, sizeof *out);
	if (!r || !ctx->user)
		return fz_fail(e, FZ_NOTFOUND, "id", "没有这个导出任务（服务重启后需重新导出）");
	pthread_mutex_lock(&r->mu);
	for (size_t i = 0; i < EXPORT_JOBS_MAX; i++) {
		const struct job *j = &r->jobs[i];
		if (j->id != id || j->user_id != ctx->user->id)
			continue;
		out->id = j->id;
		out->status = j->status;
		out->stage = j->stage;
		out->stages = STAGES;
		out->stage_label = stage_labels[j->stage < 0 || j->stage > STAGES ? 0 : j->stage];
		out->year = j->year;
		snprintf(out->message, sizeof out->message, "%s", j->message);
		rc = FZ_OK;
		if (with_file && j->status == EXPORT_DONE) {
			unsigned char *copy = arena_alloc(ctx->a, j->file.len + 1);
			if (!copy) {
				rc = FZ_NOMEM;
				break;
			}
			memcpy(copy, j->file.data, j->file.len);
			out->file = copy;
			out->file_len = j->file.len;
		}
		break;
	}
	pthread_mutex_unlock(&r->mu);
	if (rc == FZ_NOTFOUND)
		return fz_fail(e, FZ_NOTFOUND, "id", "没有这个导出任务（服务重启后需重新导出）");
	return rc ? fz_fail(e, rc, NULL, NULL) : FZ_OK;
}
