/* case_internal.h - what case.c (writing), case_check.c (the gates'
 * inputs) and case_read.c (reading) share inside app/: where the
 * procedure definitions come from, the province config as it applies to
 * one case, and a step's check. */
#ifndef FZ_APP_CASE_INTERNAL_H
#define FZ_APP_CASE_INTERNAL_H

#include "app/app.h"
#include "app/case.h"
#include "app/procreg.h"
#include "domain/calendar.h"
#include "domain/case.h"
#include "domain/procedure_config.h"
#include "store/store.h"

/* The server's registry, or the built-in one (shell, tests); NULL with e
 * set when the built-in set does not load. */
const struct proc_registry *case_registry(struct app_ctx *ctx, struct fz_error *e);
/* The province config as it applies to case c: its enforcement domain's
 * own periods and their basis (proc_config_for_domain), in ctx's arena;
 * NULL with e set. */
const struct proc_config *case_config(struct app_ctx *ctx, const struct proc_registry *reg,
				      const struct enf_case *c, struct fz_error *e);

/* Runs the engine for ev on c with events so far, over cal (the calendar
 * as read in the caller's transaction), gathering what the gates judge
 * (app/case_check.c). FZ_OK when every gate passes; otherwise the
 * blocking code with e set. check (may be NULL) gets the results; *docs
 * the case's documents the gates judged (none for a case not yet
 * stored), which the step's status may reuse. */
enum fz_err case_check_event(struct app_ctx *ctx, const struct proc_def *def,
			     const struct calendar *cal, const struct enf_case *c,
			     const struct case_event *events, size_t nevents,
			     const struct case_event *ev, struct case_check *check,
			     struct case_document_list *docs, struct fz_error *e) FZ_MUST_CHECK;

#endif
