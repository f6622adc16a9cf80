/* demo.h - the demo county (海原县), seeded through the app layer. Used
 * by `fazhi demo` and by tests that want realistic data. */
#ifndef FZ_CLI_DEMO_H
#define FZ_CLI_DEMO_H

#include "app/app.h"

#define DEMO_PASSWORD "Demo@2026"
#define DEMO_AGENCY_COUNT 10

/* agency_ids[0] is 海原县司法局, [1] 海原县自然资源局, [2] 市场监督管理局,
 * [9] 中宁县市场监督管理局 (another county). */
struct demo_summary {
	int agencies;
	int people;
	int certificates;
	int accounts;
	int cases;   /* cases in every state (demo_cases.c) and major decisions
	              * (demo_decisions.c) */
	int evidence; /* evidence files (demo_evidence.c); 0 without a data dir */
	int complaints; /* complaints in every state (demo_complaints.c) */
	int64_t agency_ids[DEMO_AGENCY_COUNT];
};

/* Seeds divisions, agencies, units, people, certificates, the ten demo
 * accounts (sysadmin, secadmin, auditor, supervisor, officer1, officer2,
 * reviewer1, head1 of 自然资源局, officer3 and head2 of 市场监督管理局 —
 * password `password`, no forced change) and the demo cases, which those
 * accounts open and move through every state on days in the past.
 * ctx must act as the shell (app_ctx_as_cli) on an empty database. */
int demo_seed(struct app_ctx *ctx, const char *password, struct demo_summary *out,
	      struct fz_error *e);

#endif
