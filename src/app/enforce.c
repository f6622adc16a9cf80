/* enforce.c - a 催告 carries the amount owed and the surcharge accrued on
 * its day as the system computes them (行政强制法 arts 35, 45), the way a
 * decision carries what the discretion benchmark says (benchmark.c): the
 * figures are the case's, not the person's typing. */
#include "app/enforce.h"

#include <string.h>

#include "app/calendar.h"
#include "domain/arrears.h"
#include "domain/money.h"

enum fz_err app_demand_annotate(struct app_ctx *ctx, const struct proc_def *def,
				const struct proc_config *cfg, const struct case_event *events,
				size_t n, struct case_event *ev, struct fz_error *e)
{
	struct calendar cal;
	struct case_arrears ar;
	enum fz_err rc;
	if (!proc_step_has_gate(proc_step_find(def, ev->step), "demand_after_default"))
		return FZ_OK;
	if ((rc = app_calendar_get(ctx, &cal, e)) ||
	    (rc = case_arrears_compute(def, cfg, &cal, events, n, ev->on, ctx->today, ctx->a, &ar,
				       e)))
		return rc;
	if (!ar.late)
		return FZ_OK; /* nothing owed late: the gate says why */
	struct case_field *f = arena_calloc(ctx->a, ev->nfields + 2, sizeof *f);
	char owed[MONEY_TEXT_MAX], sur[MONEY_TEXT_MAX];
	if (!f)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	size_t k = 0;
	for (size_t i = 0; i < ev->nfields; i++) /* ours replace any the client sent */
		if (strcmp(ev->fields[i].key, "amount") && strcmp(ev->fields[i].key, "surcharge"))
			f[k++] = ev->fields[i];
	money_format_yuan(ar.outstanding_fen, owed);
	money_format_yuan(ar.surcharge.amount_fen, sur);
	f[k++] = (struct case_field){ "amount", arena_strdup(ctx->a, owed) };
	f[k++] = (struct case_field){ "surcharge", arena_strdup(ctx->a, sur) };
	if (!f[k - 1].value || !f[k - 2].value)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	ev->fields = f;
	ev->nfields = k;
	return FZ_OK;
}
