/* demo_internal.h - what demo.c (the county's organisation, people and
 * accounts) hands to demo_cases.c (the enforcement cases those accounts
 * run), and the synthetic identifiers both make. Internal to src/cli. */
#ifndef FZ_CLI_DEMO_INTERNAL_H
#define FZ_CLI_DEMO_INTERNAL_H

#include <stdint.h>

#include "app/app.h"
#include "base/err.h"

#define DEMO_AGENCY_OFFICERS_MAX 10

/* The demo accounts that act on cases, and the officers of the two
 * agencies whose cases the demo shows (index k: the agency's k-th
 * officer; 0 is its 法制审核人员). */
struct demo_cast {
	struct user officer1, officer2, reviewer1, head1; /* 自然资源局 */
	struct user officer3, head2;                      /* 市场监督管理局 */
	struct user supervisor;                           /* 司法局 */
	int64_t nr_agency, sm_agency;
	int64_t nr_officers[DEMO_AGENCY_OFFICERS_MAX];
	int64_t sm_officers[DEMO_AGENCY_OFFICERS_MAX];
};

/* Opens the demo cases and takes their steps as the accounts of cast,
 * with days in the past so that every state, overdue clocks and cases
 * waiting for review appear. cli is the shell's context (its store,
 * arena, config and clock). Sets *ncases. FZ_OK, or the first failure
 * with e naming the case and the step. */
enum fz_err demo_cases_seed(struct app_ctx *cli, const struct demo_cast *cast, int *ncases,
			    struct fz_error *e);

/* Adds evidence files (a text record and an audio-visual record each) to
 * the newest open cases of both demo agencies, as their officers; does
 * nothing when cli has no data directory. Sets *nfiles. */
enum fz_err demo_evidence_seed(struct app_ctx *cli, const struct demo_cast *cast, int *nfiles,
			       struct fz_error *e);

/* Publishes the power lists (权责清单) of the two agencies of cast, two
 * versions each (demo_powers.c). Sets *nlists. */
enum fz_err demo_powers_seed(struct app_ctx *cli, const struct demo_cast *cast, int *nlists,
			     struct fz_error *e);
/* Files and handles the demo complaints (demo_complaints.c): one new
 * from the portal, one assigned, one closed, one overdue, one refused.
 * Sets *n. */
enum fz_err demo_complaints_seed(struct app_ctx *cli, const struct demo_cast *cast, int *n,
				 struct fz_error *e);

/* 市场监督管理局's decision catalogue and two major decisions, one in
 * execution, one in public comment now (demo_decisions.c). Sets *n. */
enum fz_err demo_decisions_seed(struct app_ctx *cli, const struct demo_cast *cast, int *n,
				struct fz_error *e);
/* A synthetic valid 统一社会信用代码: registration authority and category
 * ("11" 机关, "91" 企业), a 640xxx division, serial n. */
void demo_uscc_make(const char *kind2, const char *division, int n, char out[19]);
/* A synthetic valid 居民身份证号码 registered in 海原县, serial n. */
void demo_resident_id(int64_t n, char out[19]);

/* One finished case-file evaluation with its results, a rectification
 * notice being rectified, and a check plan with a finding and its notice
 * (demo_evaluation.c), as the supervisor and head1. */
enum fz_err demo_evaluation_seed(struct app_ctx *cli, const struct demo_cast *cast,
				 struct fz_error *e);

#endif
