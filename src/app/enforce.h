/* enforce.h - what the app writes into enforcement events itself: the
 * amounts of a 催告 (催告书), computed from the case, never typed. */
#ifndef FZ_APP_ENFORCE_H
#define FZ_APP_ENFORCE_H

#include "app/app.h"
#include "domain/case.h"
#include "domain/procedure.h"
#include "domain/procedure_config.h"

/* For a step that lists the gate demand_after_default: replaces the
 * fields `amount` (the fine still owed) and `surcharge` (加处罚款 accrued
 * to the event's day) of ev with the values computed from events[0..n),
 * whatever the client sent; the gate then checks them. Other steps are
 * left alone. Fields in ctx->a. FZ_NOMEM, FZ_INVALID. */
enum fz_err app_demand_annotate(struct app_ctx *ctx, const struct proc_def *def,
				const struct proc_config *cfg, const struct case_event *events,
				size_t n, struct case_event *ev, struct fz_error *e) FZ_MUST_CHECK;

#endif
