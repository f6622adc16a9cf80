/* basis.c - see basis.h. */
#include "app/basis.h"

#include <string.h>

#include "app/audit.h"
#include "app/procreg.h"
#include "app/tx.h"

static enum fz_err check_once(struct app_ctx *ctx, const char *now, bool *marked,
			      struct fz_error *e)
{
	char *was = NULL;
	struct audit_diff d = { 0 };
	enum fz_err rc = app_tx_begin(ctx, e);
	if (rc)
		return rc;
	rc = ctx->st->ops->setting_get(ctx->st, ctx->a, APP_BASIS_SETTING, &was, e);
	if (rc == FZ_NOTFOUND) {
		was = NULL;
		rc = FZ_OK;
	}
	if (rc || (was && strcmp(was, now) == 0)) {
		app_tx_abort(ctx);
		return rc;
	}
	audit_diff_str(ctx, &d, "fingerprint", was ? was : "", now);
	/* the same derived data a new holiday calendar invalidates
	 * (app_calendar_apply): computed again by the scheduled jobs, or by
	 * the first page that needs a case's */
	if (was && ((rc = ctx->st->ops->case_status_invalidate(ctx->st, e)) ||
		    (rc = ctx->st->ops->indicator_stale_all(ctx->st, e)))) {
		app_tx_abort(ctx);
		return rc;
	}
	if ((rc = ctx->st->ops->setting_set(ctx->st, APP_BASIS_SETTING, now, e))) {
		app_tx_abort(ctx);
		return rc;
	}
	rc = app_tx_finish(ctx, "procedures.basis", "procedures", 0,
			   was ? "程序定义或本省配置已变更：全部案件的期限状态和监督指标将按新的定义重新计算"
			       : "记录当前的程序定义与本省配置（此后变更时重新计算案件状态和监督指标）",
			   &d, e);
	if (!rc)
		*marked = was != NULL;
	return rc;
}

enum fz_err app_basis_check(struct app_ctx *ctx, bool *marked, struct fz_error *e)
{
	*marked = false;
	const struct proc_registry *reg =
		ctx->cfg && ctx->cfg->procs ? ctx->cfg->procs : proc_registry_builtin(e);
	if (!reg)
		return FZ_INTERNAL;
	const char *now = proc_registry_fingerprint(reg);
	enum fz_err rc;
	bool outer = app_tx_whole(ctx, true);
	do
		rc = check_once(ctx, now, marked, e);
	while (app_tx_again(ctx, rc));
	app_tx_whole(ctx, outer);
	return rc;
}
