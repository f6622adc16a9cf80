/* store_indicators.h - the supervision indicators' judged facts kept
 * beside the record (045_indicator_facts.sql, sqlite_indicators_facts.c;
 * app/indicators_facts.c gives them their meaning): for each enforcement
 * case what the engine's rules judged of it that does not depend on
 * today, and the cases whose record changed since (stale), which are
 * judged again before their facts are read. store.h includes this file
 * twice, first for the types, then inside struct store_ops for the
 * operations; nothing else includes it. */
#ifndef FZ_STORE_STORE_INDICATORS_H
#define FZ_STORE_STORE_INDICATORS_H

#ifndef STORE_LIST
#error "include store/store.h, not store/store_indicators.h"
#endif

/* A step that needs two certified officers, and whether it had them. */
struct indicator_step_fact {
	int64_t event_id, case_id;
	char on[FZ_DATE_LEN];
	bool certified;
};
STORE_LIST(indicator_step_fact_list, struct indicator_step_fact);

/* One case's facts. Dates "" for none. */
struct indicator_facts {
	int64_t case_id, agency_id;
	bool open;                     /* not closed when judged */
	char decided_on[FZ_DATE_LEN];  /* the standing decision's day */
	bool review_needed, reviewed;  /* ... in the review catalogue; approved before it */
	char filing_due[FZ_DATE_LEN];  /* "" no filing clock runs */
	bool filing_done, filing_on_time;
	int handling_days;             /* -1: no handling clock */
	char pub_on[FZ_DATE_LEN];      /* the day the publication counts by, "" none */
	char pub_due[FZ_DATE_LEN];
	bool pub_done, pub_on_time;
	char withdrawn_on[FZ_DATE_LEN];
	int withdrawal_days;           /* working days, -1: none */
	char closed_on[FZ_DATE_LEN];   /* the closing step's day, when closed */
	bool complete;                 /* ... with every required document filed */
	/* read only: the case's derived status as it is now */
	char status_day[FZ_DATE_LEN];  /* case_status.computed_on, "" none */
	bool status_overdue;
	/* put only: the steps that need two officers */
	const struct indicator_step_fact *steps;
	size_t nsteps;
};
STORE_LIST(indicator_facts_list, struct indicator_facts);

#endif

#ifdef STORE_OPS_BODY
/* The operations: store.h includes this file a second time inside
 * struct store_ops (its conventions are at the top of store.h). */
	/* Every stale case in sc (SCOPE_ALL: the whole database), in no
	 * particular order, into *ids (arena memory), *n of them. */
	enum fz_err (*indicator_stale)(struct store *st, struct arena *a, const struct scope *sc,
				       int64_t **ids, size_t *n, struct fz_error *e);
	/* Marks every case stale (the holiday calendar changed: every due
	 * day and working-day count may move). */
	enum fz_err (*indicator_stale_all)(struct store *st, struct fz_error *e);
	/* Replaces case_id's facts and steps with f's (NULL: none, the case
	 * is not judged this way) and clears its stale mark, together or not
	 * at all. */
	enum fz_err (*indicator_facts_put)(struct store *st, int64_t case_id,
					   const struct indicator_facts *f, struct fz_error *e);
	/* The facts of the cases in sc (and agency_id, 0 any) that are open
	 * or have a day from..to (both included), newest case first; and
	 * their steps that need two officers dated from..to, newest case
	 * first, then by event. Unpaged. */
	enum fz_err (*indicator_facts_read)(struct store *st, struct arena *a,
					    const struct scope *sc, int64_t agency_id,
					    const char *from, const char *to,
					    struct indicator_facts_list *facts,
					    struct indicator_step_fact_list *steps,
					    struct fz_error *e);
#endif /* STORE_OPS_BODY */
