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
	/* the reference only (app_indicators_record): the case's derived
	 * status as it is now */
	char status_day[FZ_DATE_LEN];  /* case_status.computed_on, "" none */
	bool status_overdue;
	/* put only: the steps that need two officers */
	const struct indicator_step_fact *steps;
	size_t nsteps;
};

/* The figures summed from the kept facts, in the order of the app's
 * enum indicator_id (app/indicators.h), which starts with them. */
enum indicator_figure {
	INDF_REVIEW = 0,
	INDF_RECORD,
	INDF_PUBLICATION,
	INDF_FILING,
	INDF_TWO_OFFICERS, /* counts steps (indicator_steps), lists their cases */
	INDF_HANDLING,     /* average: num the days, max the longest */
	INDF_OVERDUE,      /* open cases; num: overdue by today's derived status */
	INDF_WITHDRAWAL,   /* average, like handling */
	INDF_COUNT
};

/* What the sums are asked for: the cases in sc (and agency_id, 0 any),
 * the period from..to (both included), and today (a filing or
 * publication counts once its clock stopped or its due day is before
 * today; overdue is case_status computed today). */
struct indicator_span {
	int64_t agency_id;
	const char *from, *to, *today;
};

/* One figure: num / den; for an average num is the days summed, max the
 * longest (0 when none is above 0) and max_case the newest case of that
 * length. */
struct indicator_sum {
	int64_t num, den, max, max_case;
};

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
	/* Every figure of sp in sc from the sums kept per agency, month and
	 * day (048), out[INDF_COUNT] (a few rows read back, arena memory):
	 * the whole months of the period and the days of the months it cuts.
	 * *work (may be NULL) is set to the SQLite VM steps it ran, the
	 * probe of the tests: it follows the agencies and the days and
	 * months with something to count, not the cases. */
	enum fz_err (*indicator_sums)(struct store *st, struct arena *a, const struct scope *sc,
				      const struct indicator_span *sp,
				      struct indicator_sum out[INDF_COUNT], int64_t *work,
				      struct fz_error *e);
	/* The matters (normative documents, major decisions) in sc (and
	 * agency_id, 0 any), newest first, into *ids (arena memory), *n of
	 * them: the rule-making indicators judge them on every read. */
	enum fz_err (*indicator_matters)(struct store *st, struct arena *a, const struct scope *sc,
					 int64_t agency_id, int64_t **ids, size_t *n,
					 struct fz_error *e);
	/* The cases on one side of figure (num: the numerator, else the
	 * denominator) for sp in sc, each once, newest first, into *ids
	 * (arena memory), *n of them: what the drill-down lists. */
	enum fz_err (*indicator_side)(struct store *st, struct arena *a, const struct scope *sc,
				      const struct indicator_span *sp, enum indicator_figure figure,
				      bool num, int64_t **ids, size_t *n, struct fz_error *e);
#endif /* STORE_OPS_BODY */
