/* awaits.h - whether a case waits in a role's work queue now (待审核 for
 * the reviewer, 待审批 for the head): pure rules over the definition, the
 * case's events, the steps that can be taken today
 * (procedure_available_steps) and its clocks (case_clocks_compute). */
#ifndef FZ_DOMAIN_AWAITS_H
#define FZ_DOMAIN_AWAITS_H

#include <stdbool.h>
#include <stddef.h>

#include "domain/caseclock.h"
#include "domain/gate.h"

/* The step flagged `awaits` that role may take and the case waits for
 * now, or NULL. A step is due when:
 *  - it is available (every gate passes today);
 *  - nothing else holds the case: no clock stands still (a hearing, an
 *    appraisal, a referral) and no party period (陈述申辩期, 听证申请期限)
 *    still runs, neither waived nor ended;
 *  - the case is not concluded (proc_step_concludes), unless the step
 *    follows the conclusion;
 *  - an optional step - a repeatable one (法制审核, 集体讨论, 审核分歧)
 *    or another way to conclude (不予行政处罚) - waits only when it is
 *    what a deciding step waits for: the first step named by the deciding
 *    step's first blocking gate (the gate table's needs, in their order)
 *    that can be taken now and has not been taken since the latest event
 *    of a step it requires or of a `handles` step (new evidence).
 * opts: one per step of def (procedure_available_steps for an actor
 * holding every case role, so that gates, not roles, decide what is open);
 * clocks: def->nclocks of them. */
const struct proc_step *case_awaits(const struct proc_def *def, const struct case_event *events, size_t n,
				    const struct proc_option *opts, size_t nopts,
				    const struct case_clock *clocks, unsigned role);

/* Marks in want[0..def->nsteps) every step whose option case_awaits may
 * read - the steps flagged awaits, the pivots (the deciding steps; a
 * matter's steps flagged awaits too), the steps a pivot requires (a
 * matter's) and every step named ("step:ID") in the needs of a pivot's
 * named gates, one of which may be its first blocking gate - and clears
 * the rest. case_awaits over the options of the marked steps only
 * (procedure_available_among) returns what it returns over all of them:
 * the case's status judges those few steps, not the whole procedure. */
void case_awaits_steps(const struct proc_def *def, bool *want);

#endif
