/* basis.h - what the derived data was computed under. The cases' statuses
 * (case_status: due dates, queues) and the indicators' facts
 * (indicator_cases, indicator_steps) are derived from the record with
 * the procedure definitions and the province config (config.txt: review
 * thresholds, clock budgets). The database keeps the fingerprint of the
 * definitions they were computed under (the setting "derived_basis");
 * when the server starts with others, every case's status and facts are
 * marked to be computed again, as a new holiday calendar marks them. */
#ifndef FZ_APP_BASIS_H
#define FZ_APP_BASIS_H

#include <stdbool.h>

#include "app/app.h"

/* The setting that holds the fingerprint (proc_registry_fingerprint). */
#define APP_BASIS_SETTING "derived_basis"

/* Compares ctx's procedure registry with the recorded fingerprint. Equal:
 * nothing is written. None recorded (a database from before, or new): it
 * is recorded, nothing marked — the derived data of an upgraded database
 * was computed under the definitions it ran with until now. Different:
 * in one audited transaction ("procedures.basis") every case's status is
 * invalidated, every case is marked stale for the indicators, and the new
 * fingerprint recorded. *marked tells whether cases were marked. */
enum fz_err app_basis_check(struct app_ctx *ctx, bool *marked, struct fz_error *e) FZ_MUST_CHECK;

#endif
