/* store_case.h - enforcement cases (案件): the case row the events
 * keep up to date, its numbering, lists and work queues, its derived
 * status and duties (024), and its append-only record of events.
 * store.h includes this file twice: first for the types, then inside
 * struct store_ops for the operations; nothing else includes it. */
#ifndef FZ_STORE_STORE_CASE_H
#define FZ_STORE_STORE_CASE_H

#ifndef STORE_LIST
#error "include store/store.h, not store/store_case.h"
#endif

/* CASE_SORT_DUE: the earliest running duty's due date, cases without one
 * last (ascending). */
enum case_sort { CASE_SORT_NUMBER = 1, CASE_SORT_TITLE, CASE_SORT_PARTY,
		 CASE_SORT_PROCEDURE, CASE_SORT_STATE, CASE_SORT_DUE };

STORE_LIST(case_list, struct enf_case);
STORE_LIST(case_event_list, struct case_event);
/* A random inspection draw (双随机) recorded on a case: its event. */
struct draw_ref {
	int64_t event_id;
	int64_t case_id;
};
STORE_LIST(draw_ref_list, struct draw_ref);

/* Filters: a zero / NULL / "" member means "any". */
struct case_filter {
	int64_t agency_id;
	int kind;                  /* enum case_kind or 0 */
	const char *procedure;     /* exact definition id */
	const char *state;         /* exact step id */
	int closed;                /* 0 (or -1) any, 1 closed only, 2 open only */
	int64_t created_by;        /* user id */
	const char *q;             /* substring of number, title or party name */
	const char *opened_from;   /* "YYYY-MM-DD": opened_on >= it (else
	                            * FZ_INVALID); cases not yet opened never
	                            * match a bound */
	const char *opened_to;     /* "YYYY-MM-DD": opened_on <= it */
	int64_t id_below;          /* > 0: cases with a smaller id only (a walk
	                            * over many cases, newest first, page after
	                            * page by keyset rather than by offset) */
	/* From the derived status (case_status) as of status_day, which the
	 * three need ("YYYY-MM-DD"; a case whose status is of another day
	 * never matches): */
	const char *status_day;
	unsigned awaits;           /* role bits: waits for one of them now */
	bool overdue;              /* a duty past its due date */
	const char *due_by;        /* "YYYY-MM-DD": the earliest running duty is due
	                            * between status_day and it */
	/* Supervision (closed cases included, issue 12 §3): */
	bool acts_open;            /* a supervision act awaits the agency's answer */
	bool acts_overdue;         /* ... and one is past its deadline */
	const char *filing_due_by; /* "YYYY-MM-DD": a major decision's filing is
	                            * due between status_day and it */
	bool filing_overdue;       /* ... or is past its deadline, not filed */
	bool review_late;          /* open, waiting for the legal review since
	                            * longer than the config allows */
	bool handler_uncertified;  /* open, an officer who took part holds no
	                            * certificate valid on status_day (the
	                            * certificates, not the status, decide) */
	struct id_set only;        /* these cases only (an indicator's side) */
	struct list_sort sort;     /* enum case_sort; 0: newest first */
};

/* A duty of a case that runs or stands still, as of the status's day:
 * what a list draws as a badge (store case_duties, 024). */
struct case_duty {
	int64_t case_id;
	int ord;                        /* the clock's index in its definition */
	const char *clock;              /* the definition's clock id */
	char due[FZ_DATE_LEN];
	bool running;                   /* false: suspended (中止) */
	bool overdue;
	bool provisional;               /* 暂定: a calendar year is missing */
};
STORE_LIST(case_duty_list, struct case_duty);

#define CASE_STATUS_ROLES 4
#define STORE_DUTIES_IDS_MAX 500
#define STORE_STATUS_SETTLED "9999-12-31"
struct case_todo_counts {
	int64_t mine, review, approval, due_soon, overdue, acts, acts_overdue, filing_overdue;
};
/* What lists and queues need of a case without its record, derived by
 * the engine (app/case_status.c): on computed_on, the earliest due date
 * of a running duty of the agency, whether one is overdue, and the step
 * each role is to take now ("" none). Indexes of awaits: officer,
 * reviewer, head, supervisor (the role bits 0..3). */
/* Where a walk of the stale statuses stands (case_status_stale): the
 * day and case of the last one returned. */
struct case_status_cursor {
	char on[FZ_DATE_LEN];
	int64_t id;
};

struct case_status {
	int64_t case_id;
	char computed_on[FZ_DATE_LEN];
	char next_due[FZ_DATE_LEN];
	const char *next_due_clock;
	bool overdue;
	const char *overdue_clock;      /* the first overdue duty ("" none) */
	char overdue_due[FZ_DATE_LEN];  /* ... and its due date */
	unsigned awaits_roles;
	const char *awaits[CASE_STATUS_ROLES];
	int acts_open;                  /* supervision acts not answered yet */
	char acts_due[FZ_DATE_LEN];     /* ... the earliest of their deadlines */
	char filing_due[FZ_DATE_LEN];   /* a major decision not yet filed: its
	                                 * filing deadline ("" none) */
	char review_due[FZ_DATE_LEN];   /* waiting for the legal review: the
	                                 * last day it may wait ("" none) */
	bool settled;                   /* closed, owing nothing that outlives
	                                 * closing: put writes computed_on as
	                                 * STORE_STATUS_SETTLED, no daily refresh */
	const struct case_duty *duties; /* put writes them with the status
	                                 * (replacing the case's former ones);
	                                 * get leaves them NULL */
	size_t nduties;
};

/* How case_insert numbers a case: "<agency_code><kind_code>〔<year>〕<n>号",
 * e.g. 海原自然资罚立〔2025〕3号. n counts 1, 2, 3 ... per agency, year and
 * kind_code (one series per kind code, whatever the case's kind). */
struct case_numbering {
	const char *agency_code;   /* 机关代字, e.g. "海原自然资"; 1-64 bytes */
	const char *kind_code;     /* 类别代字, e.g. "罚立"; 1-64 bytes */
	int year;                  /* 1..9999, normally the year of opening */
};

#endif

#ifdef STORE_OPS_BODY
/* The operations: store.h includes this file a second time inside
 * struct store_ops (its conventions are at the top of store.h). */
	/* Enforcement cases. Scope applies through case.agency_id (and, for
	 * SCOPE_DIVISION, that agency's division). A case is never deleted.
	 *
	 * case_insert gives c the next number of its series (see struct
	 * case_numbering) and stores it: c->number (in arena a; any value the
	 * caller put there is ignored), c->id, c->created_at, c->updated_at
	 * are set. The number is taken in the same transaction as the insert:
	 * when the insert fails or the caller's transaction rolls back, the
	 * number is not used up, so numbers have no gaps. Call it inside the
	 * caller's write transaction (begin(st, true)), which serialises the
	 * writers that number cases at the same time; outside one it commits
	 * on its own like any operation. Required: procedure,
	 * domain, title, party_name, a valid kind and party_kind; matter,
	 * party_id and party_address NULL are stored as ""; act_date and
	 * opened_on are "" or real dates (FZ_INVALID, naming the field). A
	 * missing agency or creating user is FZ_CONFLICT (agency_id,
	 * created_by; created_by 0 means the shell). */
	enum fz_err (*case_insert)(struct store *st, struct arena *a, struct enf_case *c,
				   const struct case_numbering *num, struct fz_error *e);
	/* Writes every column that follows the events: procedure, domain,
	 * matter, title, party_kind, party_name, party_id, party_address,
	 * act_date, opened_on, state, closed and updated_at, with the rules of
	 * case_insert (read the case first, change what changed). number,
	 * agency_id, kind, created_by and created_at are never written: the
	 * backend refuses to change them whoever connects. */
	enum fz_err (*case_update)(struct store *st, struct enf_case *c, struct fz_error *e);
	enum fz_err (*case_get)(struct store *st, struct arena *a, const struct scope *sc,
				int64_t id, struct enf_case *out, struct fz_error *e);
	/* The derived status of a case: put replaces it (it is not part of
	 * the record); get is FZ_NOTFOUND when none; stale lists up to max
	 * cases in scope whose status is of a day before today, after *cur
	 * (zeroed before the first call), and moves *cur past them: a walk
	 * in batches reads each row once, whatever its caller did with the
	 * batches before (a county's statuses among a province's stale ones
	 * cost one pass, not a pass a batch). One agency's are walked by its
	 * cases in id order, a division's or all by the statuses' day. */
	enum fz_err (*case_status_put)(struct store *st, const struct case_status *cs,
				       struct fz_error *e);
	enum fz_err (*case_status_get)(struct store *st, struct arena *a, int64_t case_id,
				       struct case_status *out, struct fz_error *e);
	enum fz_err (*case_status_stale)(struct store *st, const struct scope *sc,
					 const char *today, struct case_status_cursor *cur,
					 int64_t *ids, size_t max, size_t *n, struct fz_error *e);
	/* The duties of the cases ids[0..n) as their status last wrote
	 * them, by case id then clock order: one query for a page of a list
	 * (n at most STORE_DUTIES_IDS_MAX, else FZ_INVALID). */
	enum fz_err (*case_duties_of)(struct store *st, struct arena *a, const int64_t *ids,
				      size_t n, struct case_duty_list *out, struct fz_error *e);
	/* The workbench's counts in scope from the statuses of day, in one
	 * pass: open cases waiting for one of the roles `mine` (0: none),
	 * for the reviewer, for the head; open cases whose earliest running
	 * duty is due between day and soon, open cases with a duty overdue;
	 * cases with supervision acts unanswered, late ones; major decisions
	 * not filed in time. */
	enum fz_err (*case_todo_counts)(struct store *st, const struct scope *sc, const char *day,
					const char *soon, unsigned mine,
					struct case_todo_counts *out, struct fz_error *e);
	/* Marks every status as of an earlier day (the calendar changed):
	 * each is computed again when next refreshed. */
	enum fz_err (*case_status_invalidate)(struct store *st, struct fz_error *e);
	/* Newest first (by id). */
	enum fz_err (*case_list)(struct store *st, struct arena *a, const struct scope *sc,
				 const struct case_filter *f, struct page pg,
				 struct case_list *out, struct fz_error *e);

	/* The record of a case: append-only; the backend itself refuses any
	 * UPDATE or DELETE of an event, its fields or its officers, and any
	 * field or officer added to an event after it was written.
	 *
	 * case_event_append stores ev with its fields and officers atomically
	 * and sets ev->id, ev->seq (the case's last seq + 1, taken inside the
	 * transaction: call it in the caller's write transaction) and ev->at.
	 * Required: step, on (a real date); reason and actor NULL are stored
	 * as ""; every field needs a non-empty key (unique within the event:
	 * FZ_CONFLICT, field fields) and a non-NULL value; officers are
	 * person ids, each at most once (FZ_CONFLICT, field officers).
	 * FZ_CONFLICT naming case_id, corrects (which must be an event of the
	 * same case), actor_id or officers when what it names does not exist;
	 * corrects 0 is no correction, actor_id 0 the shell. Unscoped, like
	 * every insert: get the case with a scope first. */
	enum fz_err (*case_event_append)(struct store *st, struct case_event *ev,
					 struct fz_error *e);
	/* Every event of a case in seq order, fields and officers in the order
	 * they were given, all in the arena; one snapshot. A case outside the
	 * scope (or missing) is FZ_NOTFOUND; a case without events is an
	 * empty list. */
	enum fz_err (*case_events)(struct store *st, struct arena *a, const struct scope *sc,
				   int64_t case_id, struct case_event_list *out,
				   struct fz_error *e);
	/* The case as case_get reads it and its events as case_events does,
	 * from one snapshot, the case read once (a step reads both). */
	enum fz_err (*case_record)(struct store *st, struct arena *a, const struct scope *sc,
				   int64_t case_id, struct enf_case *c,
				   struct case_event_list *out, struct fz_error *e);

	/* One event by id with its fields and officers; unscoped (verify). */
	enum fz_err (*case_event_get)(struct store *st, struct arena *a, int64_t id,
				      struct case_event *out, struct fz_error *e);
	/* The random_draw events of every case, newest first (day of the
	 * draw, then id), a page of them and the total; unscoped: the
	 * portal publishes every draw (app/inspection_public.c). With
	 * visible_at ("YYYY-MM-DD HH:MM", China time) only the draws public
	 * at that minute: not those whose field publish_at is later (an
	 * embargo, app/draw.h); NULL = all. */
	enum fz_err (*draw_events)(struct store *st, struct arena *a, struct page pg,
				   const char *visible_at, struct draw_ref_list *out,
				   struct fz_error *e);
#endif /* STORE_OPS_BODY */
