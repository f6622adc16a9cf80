/* case_internal.h - what case.c (writing) and case_read.c (reading)
 * share inside app/: where the procedure definitions come from and the
 * province config as it applies to one case. */
#ifndef FZ_APP_CASE_INTERNAL_H
#define FZ_APP_CASE_INTERNAL_H

#include "app/app.h"
#include "app/procreg.h"
#include "domain/case.h"
#include "domain/procedure_config.h"

/* The server's registry, or the built-in one (shell, tests); NULL with e
 * set when the built-in set does not load. */
const struct proc_registry *case_registry(struct app_ctx *ctx, struct fz_error *e);
/* The province config as it applies to case c: its enforcement domain's
 * own periods and their basis (proc_config_for_domain), in ctx's arena;
 * NULL with e set. */
const struct proc_config *case_config(struct app_ctx *ctx, const struct proc_registry *reg,
				      const struct enf_case *c, struct fz_error *e);

#endif
