/* stats_summary.c - building the statistics' summary in the background
 * (046; store/sqlite_stats_backfill.c): the scheduler's job, the
 * operator's rebuild and the progress shown while it lasts. Until the
 * summary is built the statistics are counted from the record, exact
 * and slower, and the pages say so (stats_table.summary_building). */
#include "app/stats.h"

#include <time.h>

#include "app/audit.h"
#include "app/authz.h"
#include "app/case_status.h"

int stats_summary_pct(const struct stats_summary_state *s)
{
	if (s->built)
		return 100;
	int64_t all = s->cases_done + s->cases_left;
	int pct = all > 0 ? (int)(s->cases_done * 100 / all) : 0;
	return pct > 99 ? 99 : pct;
}

enum fz_err app_stats_summary_fill(struct app_ctx *ctx, int batch, int64_t *cases, bool *built,
				   struct fz_error *e)
{
	enum fz_err rc = app_tx_begin(ctx, e);
	*cases = 0;
	*built = false;
	if (rc)
		return rc;
	/* derived data, not a change to any record: no audit entry */
	if ((rc = ctx->st->ops->stats_summary_fill(ctx->st, batch, cases, built, e))) {
		app_tx_abort(ctx);
		return rc;
	}
	return app_tx_commit(ctx, e);
}

/* Batches until the summary is built or the server is stopping; *cases
 * filled meanwhile. */
static enum fz_err fill_all(struct app_ctx *ctx,
			    void (*progress)(int64_t done, int64_t left, void *arg), void *arg,
			    int64_t *cases, struct fz_error *e)
{
	bool built = false;
	struct stats_summary_state s = { 0 };
	*cases = 0;
	/* what is left is counted once (a count over the cases), then told
	 * down batch by batch */
	enum fz_err rc = progress ? ctx->st->ops->stats_summary_state(ctx->st, &s, e) : FZ_OK;
	while (!rc && !built) {
		int64_t n;
		/* a stopping server leaves the rest for its next start */
		if (ctx->stop_asked && atomic_load(ctx->stop_asked))
			return FZ_OK;
		if ((rc = app_stats_summary_fill(ctx, STATS_SUMMARY_BATCH, &n, &built, e)))
			return rc;
		*cases += n;
		if (progress && !built)
			progress(s.cases_done + *cases, s.cases_left > *cases ? s.cases_left - *cases : 0,
				 arg);
	}
	return rc;
}

static enum fz_err fill_job(struct app_ctx *ctx, int64_t *cases, struct fz_error *e)
{
	return fill_all(ctx, NULL, NULL, cases, e);
}

enum fz_err app_stats_summary_job(struct app_ctx *ctx, int64_t *cases, struct fz_error *e)
{
	/* built already: nothing filled, no row */
	return app_job_timed(ctx, JOB_STATS_SUMMARY, fill_job, cases, e);
}

enum fz_err app_stats_summary_rebuild(struct app_ctx *ctx,
				      void (*progress)(int64_t done, int64_t left, void *arg),
				      void *arg, int64_t *cases, struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_SYSTEM_READ, "stats.rebuild", e);
	*cases = 0;
	if (rc || (rc = app_tx_begin(ctx, e)))
		return rc;
	if ((rc = ctx->st->ops->stats_summary_reset(ctx->st, e)) ||
	    (rc = app_audit(ctx, "stats.rebuild", "stats_summary", 0, "ok",
			    "清空统计汇总，按原始记录重新建立", NULL, e))) {
		app_tx_abort(ctx);
		return rc;
	}
	if ((rc = app_tx_commit(ctx, e)))
		return rc;
	return fill_all(ctx, progress, arg, cases, e);
}

enum fz_err app_stats_summary_progress(struct app_ctx *ctx, bool *built, int *pct,
				       struct fz_error *e)
{
	struct stats_summary_state s;
	*built = true;
	*pct = 100;
	/* a share of cases, no content of any: the administrators' page of
	 * jobs and the statistics' readers both see it */
	bool may = ctx->cli || (ctx->user && (authz_allows(ctx->user->roles, PERM_SYSTEM_READ) ||
					      authz_allows(ctx->user->roles, PERM_CASE_READ)));
	if (!may)
		return app_require(ctx, PERM_SYSTEM_READ, "system.read", e);
	enum fz_err rc = ctx->st->ops->stats_summary_state(ctx->st, &s, e);
	if (rc)
		return rc;
	*built = s.built;
	*pct = stats_summary_pct(&s);
	return FZ_OK;
}
