/* export_job.h - long exports as jobs (导出任务): a request queues the
 * export and is answered at once; a worker thread of its own, with its
 * own storage connection, computes and writes the file while other
 * requests go on; the job's row in the database (export_jobs, 027:
 * status, stage reached of how many, the file when done) is what a page
 * polls, so a finished file outlives a restart. A job that a restart cut
 * off (queued or running when the worker starts) is marked failed with
 * EXPORT_INTERRUPTED, never left hanging. Only the account that asked
 * sees a job and its file. */
#ifndef FZ_APP_EXPORT_JOB_H
#define FZ_APP_EXPORT_JOB_H

#include <stdbool.h>
#include <stdint.h>

#include "app/app.h"
#include "base/buf.h"

/* Unfinished jobs (queued or running) the server takes at once. */
#define EXPORT_JOBS_MAX 32
/* The reason a job cut off by a restart shows. */
#define EXPORT_INTERRUPTED "服务重启时导出尚未完成，已中断；请重新导出"

enum export_status {
	EXPORT_QUEUED = 0,
	EXPORT_RUNNING,
	EXPORT_DONE,
	EXPORT_FAILED,
};

/* What a page shows of a job (a copy; the file's bytes in the caller's
 * arena, only when asked for and done). */
struct export_job_view {
	int64_t id;
	enum export_status status;
	int stage, stages;         /* stages reached of stages */
	const char *stage_label;   /* 排队等待, 正在统计, 正在生成表格, 已完成 */
	int64_t year;
	char message[256];         /* why it failed */
	const unsigned char *file; /* export_job_file only */
	size_t file_len;
};

struct export_runner;

/* Starts the worker over the database at db (a connection of its own);
 * cfg is copied. Every job still queued or running is first marked failed
 * (EXPORT_INTERRUPTED): one server runs the exports of its database.
 * FZ_INTERNAL when the thread cannot start. */
enum fz_err export_runner_start(const char *db, const struct app_config *cfg,
				struct export_runner **out, struct fz_error *e) FZ_MUST_CHECK;
/* Lets a running job finish, then stops (a job held by
 * export_runner_hold is left running, as a crash would leave it). NULL is
 * a no-op. */
void export_runner_stop(struct export_runner *r);

/* Queues the annual statistics of year as XLSX for ctx's user, in ctx's
 * scope as it is now (a row and its audit record). Checks the permission
 * and the year here, so that a refused export never becomes a job.
 * FZ_INTERNAL when r is NULL (no worker in this process), FZ_BUSY when
 * EXPORT_JOBS_MAX jobs are still unfinished. */
enum fz_err app_export_annual(struct app_ctx *ctx, struct export_runner *r, int64_t year,
			      int64_t *id, struct fz_error *e) FZ_MUST_CHECK;
/* The job, if it is ctx's user's (FZ_NOTFOUND otherwise); with_file
 * reads the finished file into ctx's arena. Needs only ctx's store: r
 * may be NULL. */
enum fz_err app_export_get(struct app_ctx *ctx, struct export_runner *r, int64_t id,
			   bool with_file, struct export_job_view *out,
			   struct fz_error *e) FZ_MUST_CHECK;

/* The finished file of job id for ctx's user to download, with the name
 * it is saved under (arena), each download audited as "export.download"
 * (the job, the file and its size; the account is the record's actor).
 * A refused download is not recorded, as a refused list export is not:
 * another account's job or none is FZ_NOTFOUND, one not finished (or
 * failed) FZ_CONFLICT, each with its plain message. */
enum fz_err app_export_download(struct app_ctx *ctx, int64_t id, struct export_job_view *out,
				const char **filename, struct fz_error *e) FZ_MUST_CHECK;

/* Tests: while held, a job that has started waits before counting (so
 * that a test can show other requests answered meanwhile); release
 * lets it go on. */
void export_runner_hold(struct export_runner *r, bool hold);

#endif
