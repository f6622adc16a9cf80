/* store_job.h - the server's scheduled job runs and long exports
 * (027; app/export_job.h).
 * store.h includes this file twice: first for the types, then inside
 * struct store_ops for the operations; nothing else includes it. */
#ifndef FZ_STORE_STORE_JOB_H
#define FZ_STORE_STORE_JOB_H

#ifndef STORE_LIST
#error "include store/store.h, not store/store_job.h"
#endif

/* One run of a scheduled job of the server. */
struct job_run {
	int64_t id;
	const char *job;        /* case_status ... */
	int64_t started_at;     /* Unix seconds */
	int64_t duration_ms;
	int64_t items;          /* what it did: cases refreshed ... */
	bool ok;
	const char *message;    /* the error, when not ok */
};
STORE_LIST(job_run_list, struct job_run);

/* A long export (027; app/export_job.h): its owner and the scope it was
 * asked in, how far it got, and its file once done. status: queued,
 * running, done, failed. */
struct export_job {
	int64_t id;
	const char *kind;       /* annual_xlsx */
	int64_t year;
	int64_t user_id;
	const char *username;
	unsigned roles;
	int64_t agency_id;
	struct scope scope;
	const char *status;
	int stage;
	const char *message;
	const unsigned char *file; /* with_file and done only */
	size_t file_len;
	int64_t created_at, updated_at;
};

#endif

#ifdef STORE_OPS_BODY
/* The operations: store.h includes this file a second time inside
 * struct store_ops (its conventions are at the top of store.h). */
	/* The server's scheduled jobs: a run appended (id set), and the
	 * latest run of each job, by job name. */
	enum fz_err (*job_run_insert)(struct store *st, struct job_run *run, struct fz_error *e);
	enum fz_err (*job_runs_latest)(struct store *st, struct arena *a, struct job_run_list *out,
				       struct fz_error *e);
	/* Long exports (027): insert (queued; id set); get, only of user_id
	 * (FZ_NOTFOUND otherwise), with the file when with_file; claim: the
	 * oldest queued becomes running at stage 1 (FZ_NOTFOUND: none);
	 * progress sets the stage; finish sets done (with file) or failed
	 * (with message); interrupt fails every queued or running job with
	 * message (at a start: *n of them); unfinished counts queued and
	 * running. */
	enum fz_err (*export_job_insert)(struct store *st, struct export_job *j,
					 struct fz_error *e);
	enum fz_err (*export_job_get)(struct store *st, struct arena *a, int64_t id,
				      int64_t user_id, bool with_file, struct export_job *out,
				      struct fz_error *e);
	enum fz_err (*export_job_claim)(struct store *st, struct arena *a, struct export_job *out,
					struct fz_error *e);
	enum fz_err (*export_job_progress)(struct store *st, int64_t id, int stage,
					   struct fz_error *e);
	enum fz_err (*export_job_finish)(struct store *st, int64_t id, bool ok, const char *message,
					 const void *file, size_t len, struct fz_error *e);
	enum fz_err (*export_job_interrupt)(struct store *st, const char *message, int64_t *n,
					    struct fz_error *e);
	enum fz_err (*export_job_unfinished)(struct store *st, int64_t *n, struct fz_error *e);
#endif /* STORE_OPS_BODY */
