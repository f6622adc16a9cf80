/* store_stats.h - the rows of the statistics queries (020_stats.sql,
 * sqlite_stats.c): counts grouped in the database, never case by case,
 * for the annual enforcement statistics and the dashboard (app/stats.h
 * gives them their meaning). store.h includes this file twice, first
 * for the types, then inside struct store_ops for the operations;
 * nothing else includes it. */
#ifndef FZ_STORE_STORE_STATS_H
#define FZ_STORE_STORE_STATS_H

#ifndef STORE_LIST
#error "include store/store.h, not store/store_stats.h"
#endif

/* The most amount bands a query splits fines into (bounds + 1 bands). */
#define STATS_BOUNDS_MAX 6

/* What the statistics queries count: events dated from..to (both
 * included) of the steps named in steps_json (a JSON array of step ids,
 * "[\"decision\",\"decide_on_spot\"]"), corrections never counted
 * themselves. */
struct stats_query {
	const char *from, *to;       /* YYYY-MM-DD */
	const char *steps_json;
	/* event counts: the field whose value (as corrected) splits the
	 * count (permit "outcome", remedy "kind"); NULL = none */
	const char *key;
	/* decisions: the steps after which a decision no longer stands (a
	 * later decision, its revocation, a remedy setting it aside) */
	const char *later_json;
	/* decisions: fines in fen below bound[0] are band 0, below bound[1]
	 * band 1 ...; at or above the last, band nbounds */
	int64_t bounds_fen[STATS_BOUNDS_MAX];
	int nbounds;
	/* decisions: only the count and sums per agency and month are
	 * wanted (the dashboard's): the rows need not split by penalty kinds
	 * or band (penalty "" and band -1 where they do not), and the bounds
	 * then never send the query to the record */
	bool totals;
	/* from..to are whole calendar years and no month is wanted (the
	 * annual table): rows may come per year, month "" (the year cells);
	 * a period not on years' ends is read by months as ever */
	bool years;
	/* false (the default): read from the summary kept beside the record
	 * (036_stats_summary.sql), agencies x months x steps rows whatever
	 * the number of cases; true: counted from the record itself, event
	 * by event with its fields as corrected - the reference the summary
	 * is tested and benchmarked against. A decisions query the summary
	 * cannot answer (other deciding or voiding steps than
	 * STATS_DECIDING_JSON and STATS_VOIDING_JSON) is counted from the
	 * record; one with a band bound off the grid 1, 2, 5 x 10^k fen from
	 * the standing decisions (stats_decisions), one row each. */
	bool from_record;
};

/* The steps the summary files decisions under: these decide; after one
 * of the second list in the same case, an earlier decision no longer
 * stands (a new decision replaces it; revocation or a remedy sets it
 * aside). */
#define STATS_DECIDING_JSON "[\"decision\",\"decide_on_spot\"]"
#define STATS_VOIDING_JSON                                                               \
	"[\"decision\",\"decide_on_spot\",\"revoke_decision\",\"remedy_set_aside\"]"

/* Events of one agency, case kind, step, field value and month. */
struct stats_event_count {
	int64_t agency_id;
	int kind;                  /* enum case_kind */
	const char *step;
	const char *value;         /* the key's value, "" when none */
	char month[8];             /* YYYY-MM */
	int64_t n;
};
STORE_LIST(stats_event_count_list, struct stats_event_count);

/* Standing decisions of one agency, penalty kinds (as written: "fine,
 * warning"), fine band (-1: no fine) and month, with their sums. */
struct stats_decision_count {
	int64_t agency_id;
	const char *penalty;
	int band;
	char month[8];
	int64_t n, fine_fen, confiscation_fen;
};
STORE_LIST(stats_decision_count_list, struct stats_decision_count);

/* The open cases of one agency and how many of them were overdue when
 * their status was last derived (case_status). */
struct stats_open_count {
	int64_t agency_id;
	int64_t open, overdue;
};
STORE_LIST(stats_open_count_list, struct stats_open_count);

/* How far the summary has been built from the record (046): whole
 * (built), or the cases filled so far in the background and those still
 * to fill (cases_left counted when asked; 0 once built). */
struct stats_summary_state {
	bool built;
	int64_t cases_done, cases_left;
};

#endif

#ifdef STORE_OPS_BODY
/* The operations: store.h includes this file a second time inside
 * struct store_ops (its conventions are at the top of store.h). */
	/* Statistics (store_stats.h), grouped in the database, every list
	 * whole (not paged; at most a few rows per agency and month), in
	 * scope through the case's agency. Read from the summary (q's
	 * from_record false) a group may come in several rows, one per cell
	 * of the summary it covers: the caller adds every row to its group. event_counts: events of q's steps
	 * by agency, case kind, step, q->key's value and month.
	 * decision_counts: the events of q's steps that still stand (no
	 * event of q->later_json after them in their case) by agency,
	 * penalty kinds, fine band and month. open_counts: open cases by
	 * agency. FZ_INVALID for a malformed steps list. */
	enum fz_err (*stats_event_counts)(struct store *st, struct arena *a, const struct scope *sc,
					  const struct stats_query *q,
					  struct stats_event_count_list *out, struct fz_error *e);
	enum fz_err (*stats_decision_counts)(struct store *st, struct arena *a,
					     const struct scope *sc, const struct stats_query *q,
					     struct stats_decision_count_list *out,
					     struct fz_error *e);
	enum fz_err (*stats_open_counts)(struct store *st, struct arena *a, const struct scope *sc,
					 struct stats_open_count_list *out, struct fz_error *e);
	/* The summary's building (046, sqlite_stats_backfill.c). Until it is
	 * built, event_counts and decision_counts count from the record.
	 * summary_state: how far it is. summary_fill: the next batch of at
	 * most batch cases (by id, after the last filled) counted from the
	 * record into the summary, inside the caller's write transaction;
	 * *cases how many, *built whether it is now whole (nothing to do
	 * when it already was). summary_reset: empties it and marks it not
	 * built, to be filled again. */
	enum fz_err (*stats_summary_state)(struct store *st, struct stats_summary_state *out,
					   struct fz_error *e);
	enum fz_err (*stats_summary_fill)(struct store *st, int batch, int64_t *cases, bool *built,
					  struct fz_error *e);
	enum fz_err (*stats_summary_reset)(struct store *st, struct fz_error *e);
#endif /* STORE_OPS_BODY */
