/* case_status.h - the derived status of each case (store case_status):
 * what a list, a work queue or a workbench count needs without reading
 * the case's record. See case_status.c. */
#ifndef FZ_APP_CASE_STATUS_H
#define FZ_APP_CASE_STATUS_H

#include <time.h>

#include "app/app.h"
#include "domain/calendar.h"
#include "store/store.h"

/* The index in case_status.awaits of a role bit (officer, reviewer,
 * head, supervisor), -1 for another. */
int case_status_role_index(unsigned role);

/* The clock of the filing of a major penalty decision with the justice
 * bureau (重大行政处罚备案), in the definitions that have one. */
#define CASE_FILING_CLOCK "filing"

/* Computes case c's status on ctx->today from its stored events and
 * writes it: inside the caller's write transaction. */
enum fz_err app_case_status_write(struct app_ctx *ctx, const struct enf_case *c,
				  struct fz_error *e) FZ_MUST_CHECK;
/* The same over cal, the calendar the caller read in this transaction
 * (a step reads it once for its gates and its status). */
enum fz_err app_case_status_write_cal(struct app_ctx *ctx, const struct calendar *cal,
				      const struct enf_case *c, struct fz_error *e) FZ_MUST_CHECK;
/* The same over the case's events as the caller holds them, every one
 * as stored (a step: those it read and the one it has just appended,
 * with the id and seq the store gave it), instead of reading them again;
 * and over docs, the case's documents as stored now, when the caller
 * holds them (NULL: read here). tests/app/case_test.c checks the result
 * against a status computed from the stored events and documents. */
enum fz_err app_case_status_write_events(struct app_ctx *ctx, const struct calendar *cal,
					 const struct enf_case *c,
					 const struct case_event_list *events,
					 const struct case_document_list *docs,
					 struct fz_error *e) FZ_MUST_CHECK;

/* Recomputes every open case in ctx's scope whose status is missing or
 * of an earlier day, in short write transactions; *refreshed (may be
 * NULL) counts them. */
/* Derived data kept per case (the status, the indicators' facts) is
 * written in batches by one mechanism: the cases ids[0..n) in one write
 * transaction, the registry and the calendar read once inside it (a
 * calendar replaced meanwhile marks them stale again after, not before),
 * each case read and handed to fn, everything read for the batch in an
 * arena of its own, freed after it (a province's 10^6 cases keep one
 * batch in memory). Derived data, no audit entry; any failure rolls the
 * whole batch back. */
typedef enum fz_err (*app_case_fn)(struct app_ctx *ctx, const struct proc_registry *reg,
				   const struct calendar *cal, const struct enf_case *c,
				   void *arg, struct fz_error *e);
enum fz_err app_case_batch(struct app_ctx *ctx, const int64_t *ids, size_t n, app_case_fn fn,
			   void *arg, struct fz_error *e) FZ_MUST_CHECK;
enum fz_err app_case_status_refresh(struct app_ctx *ctx, int64_t *refreshed,
				    struct fz_error *e) FZ_MUST_CHECK;

/* Working days ahead that the workbench and the list filter count as 即将到期 (issue 12 §2: 3 by default); the case badges use the same horizon. */
#define CASE_TODO_SOON_WORKING_DAYS 3

/* A workbench's counts in ctx's scope, status refreshed first: cases
 * waiting for the legal review (待审核) and for the head (待审批), open
 * cases with a duty due within `days` working days (by `soon`, the last
 * such day) and open cases with a duty overdue. */
struct case_todo {
	int64_t mine;                /* waiting for a step one of the user's
	                              * roles takes (待我办理) */
	int64_t review, approval;
	int64_t due_soon, overdue;
	int64_t acts, acts_overdue;  /* cases (closed ones too) with supervision
	                              * acts awaiting an answer, late ones */
	int64_t filing_overdue;      /* major decisions not filed in time */
	char soon[FZ_DATE_LEN];
};
enum fz_err app_case_todo(struct app_ctx *ctx, int days, struct case_todo *out,
			  struct fz_error *e) FZ_MUST_CHECK;
/* The roles of ctx's user that take case steps (officer, reviewer,
 * head, supervisor): what 待我办理 waits for; 0 for none. */
unsigned app_case_todo_roles(const struct app_ctx *ctx);
/* The last day of `days` working days after ctx->today, into out. */
enum fz_err app_case_soon(struct app_ctx *ctx, int days, char out[FZ_DATE_LEN],
			  struct fz_error *e) FZ_MUST_CHECK;

/* The derived status of a case in ctx's scope (FZ_NOTFOUND when the
 * case is not, or its status was never computed). */
enum fz_err app_case_status(struct app_ctx *ctx, int64_t case_id, struct case_status *out,
			    struct fz_error *e) FZ_MUST_CHECK;

/* The job of the server's scheduler: refreshes every stale case status
 * (the whole database; ctx as the shell) and records the run in
 * job_runs when it did something or failed. */
#define JOB_CASE_STATUS "case_status"
enum fz_err app_case_status_job(struct app_ctx *ctx, int64_t *refreshed, struct fz_error *e)
	FZ_MUST_CHECK;
/* Runs a scheduled job's work (which counts the items it handled into
 * *items) and records the run in job_runs under job when it did
 * something or failed; *items (may be NULL) how many. */
typedef enum fz_err (*app_job_fn)(struct app_ctx *ctx, int64_t *items, struct fz_error *e);
enum fz_err app_job_timed(struct app_ctx *ctx, const char *job, app_job_fn work, int64_t *items,
			  struct fz_error *e) FZ_MUST_CHECK;
/* The latest run of each job (system admin). */
enum fz_err app_job_runs(struct app_ctx *ctx, struct job_run_list *out, struct fz_error *e)
	FZ_MUST_CHECK;

/* What a row of a case list shows of a case, from its derived status
 * (no event read, no clock computed): the definition, the step it
 * stands at, and its duties as the case page's clocks give them today
 * (store case_duties; none for a closed case). */
struct case_row {
	const struct proc_def *def;       /* NULL: a definition no longer served */
	const struct proc_step *state;    /* NULL: before the first step */
	const struct case_duty *duties;   /* nduties of them, in clock order */
	size_t nduties;
	bool overdue;                     /* one of them is past due */
};
/* The rows of l (out[i] for l->items[i]) in ctx's arena. The statuses of
 * l's open cases that are of an earlier day are computed first. */
enum fz_err app_case_rows(struct app_ctx *ctx, const struct case_list *l, struct case_row **out,
			  struct fz_error *e) FZ_MUST_CHECK;

#endif
