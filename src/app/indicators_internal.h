/* indicators_internal.h - what indicators.c (the pass over the cases in
 * scope) shares with indicators_rulemaking.c (the rule-making indicators,
 * judged for each normative document and major decision, and the decision
 * catalogues). Internal to src/app. */
#ifndef FZ_APP_INDICATORS_INTERNAL_H
#define FZ_APP_INDICATORS_INTERNAL_H

#include "app/indicators.h"
#include "domain/caseclock.h"
#include "domain/procedure.h"
#include "store/store.h"

/* Counts id once on in's denominator, and on its numerator when met.
 * false: out of memory. */
bool indicator_count(struct app_ctx *ctx, struct indicator *in, int64_t id, bool met);
/* Whether day falls in q's period (both ends included). */
bool indicator_in_period(const struct indicator_query *q, const char *day);

/* Judges one matter (a normative document or a major decision) for the
 * rule-making indicators, from its events (ev, n) and its clocks as
 * computed today. */
enum fz_err indicator_judge_matter(struct app_ctx *ctx, const struct indicator_query *q,
				   const struct enf_case *c, const struct proc_def *def,
				   const struct proc_config *cfg, const struct case_event *ev,
				   size_t n, const struct case_clock *clocks,
				   struct indicator *out, struct fz_error *e) FZ_MUST_CHECK;

/* 决策事项目录按时公布率: the catalogues of the agencies in ctx's scope
 * (and q's agency) whose due day falls in the period. */
enum fz_err indicator_catalogues(struct app_ctx *ctx, const struct indicator_query *q,
				 const struct proc_config *cfg, struct indicator *in,
				 struct fz_error *e) FZ_MUST_CHECK;

/* The last day the catalogue of year may be approved and still be on
 * time (decision_catalogue_due months from the year's start). */
void indicator_catalogue_due(const struct proc_config *cfg, int year, char out[FZ_DATE_LEN]);

/* The people the two-officers indicator has looked up, read once per
 * computation (arena memory): each person's kind and certificates. */
struct indicator_person;
struct indicator_people {
	struct indicator_person *items;
	size_t n, cap;
};
/* How many different officers of ev held, on the step's day, a
 * certificate valid then (certificate_valid_on) that covers domain: 持有
 * 执法证件的执法人员 as the certified-officers gate counts them, judged
 * by the record as it stands now. */
enum fz_err indicator_certified_officers(struct app_ctx *ctx, struct indicator_people *pp,
					 const struct case_event *ev, const char *domain,
					 int *count, struct fz_error *e) FZ_MUST_CHECK;

/* The clock id among def's clocks as computed (clocks), NULL if none. */
const struct case_clock *indicator_clock_named(const struct proc_def *def,
					       const struct case_clock *clocks, const char *id);

/* One case as the indicators judge it: its definition (NULL: unknown
 * procedure, nothing to judge), config, events and clocks as computed
 * today, the withheld publications' clocks set aside. */
struct indicator_case {
	const struct proc_def *def;
	const struct proc_config *cfg;
	struct case_event_list ev;
	struct case_clock *clocks;
};
enum fz_err indicator_case_load(struct app_ctx *ctx, const struct proc_registry *reg,
				const struct calendar *cal, const struct enf_case *c,
				struct indicator_case *out, struct fz_error *e) FZ_MUST_CHECK;

/* The facts of the enforcement case c (loaded as k) that do not depend
 * on today (store_indicators.h), its steps in arena memory. */
enum fz_err indicator_case_facts(struct app_ctx *ctx, const struct calendar *cal,
				 const struct enf_case *c, const struct indicator_case *k,
				 struct indicator_people *pp, struct indicator_facts *f,
				 struct fz_error *e) FZ_MUST_CHECK;
/* Counts f into out for q's period as of ctx->today (every indicator of
 * a case but two_officers); the steps of two_officers dated in the
 * period. false: out of memory. */
bool indicator_facts_count(struct app_ctx *ctx, const struct indicator_query *q,
			   const struct indicator_facts *f, struct indicator *out);
bool indicator_steps_count(struct app_ctx *ctx, const struct indicator_query *q,
			   const struct indicator_step_fact *t, size_t n, struct indicator *out);
/* Judges again the stale cases in sc and keeps their facts, in short
 * write transactions; *judged (may be NULL) how many. */
enum fz_err indicator_judge_stale(struct app_ctx *ctx, const struct scope *sc, int64_t *judged,
				  struct fz_error *e) FZ_MUST_CHECK;

#endif
