/* store_evaluation.h - the rows of case-file evaluation (案卷评查),
 * supervision checks (监督检查), rectification notices (整改通知) and
 * their append-only record (019_evaluation.sql). With their operations:
 * store.h includes this file twice, first for the types, then inside
 * struct store_ops; nothing else includes it. */
#ifndef FZ_STORE_STORE_EVALUATION_H
#define FZ_STORE_STORE_EVALUATION_H

#ifndef STORE_LIST
#error "include store/store.h, not store/store_evaluation.h"
#endif

#include "domain/evaluation.h"

/* One evaluation round. status: "open" (agencies chosen, not drawn),
 * "drawn" (sample fixed, scoring), "closed" (results final). */
struct eval_round {
	int64_t id;
	int year;
	const char *title;
	const char *division;       /* the bureau's division prefix, "" all */
	char period_from[FZ_DATE_LEN], period_to[FZ_DATE_LEN];
	int sample_size;            /* files per agency, or 0 */
	int sample_rate;            /* percent per agency, or 0 */
	const char *rubric;         /* the rubric's text */
	const char *seed;           /* "" until drawn */
	int method;                 /* EVAL_SAMPLE_VERSION once drawn */
	const char *population;     /* "agency_id case_id number" lines */
	const char *status;
	int64_t created_by, created_at, updated_at;
};
STORE_LIST(eval_round_list, struct eval_round);

/* The rounds of a list: division prefix ("" all), year (0 any), status
 * ("" any), in the order sort names (0: newest first). */
enum eval_round_sort { EVAL_ROUND_SORT_TITLE = 1, EVAL_ROUND_SORT_YEAR,
		       EVAL_ROUND_SORT_PERIOD, EVAL_ROUND_SORT_STATUS };
struct eval_round_filter {
	const char *division;
	int year;
	const char *status;
	struct list_sort sort;      /* enum eval_round_sort */
};

/* One sampled case file. grade "" until scored. */
struct eval_file {
	int64_t id, round_id, agency_id, case_id;
	const char *agency;         /* the agency's name (read only) */
	const char *case_number;
	const char *case_title;     /* read only */
	int draw_order;
	int64_t evaluator_id;       /* 0 = not assigned */
	const char *evaluator;      /* display name (read only) */
	int form, content, total;
	bool vetoed;
	const char *grade;
	char scored_on[FZ_DATE_LEN];
	const char *round_status;   /* read only */
};
STORE_LIST(eval_file_list, struct eval_file);

struct eval_file_filter {
	int64_t round_id, agency_id, evaluator_id; /* 0 = any */
	int scored;                 /* -1 any, 0 not yet, 1 scored */
	struct list_sort sort;      /* enum eval_file_sort */
};

enum eval_file_sort { EVAL_FILE_SORT_CASE = 1, EVAL_FILE_SORT_AGENCY, EVAL_FILE_SORT_EVALUATOR,
		      EVAL_FILE_SORT_TOTAL, EVAL_FILE_SORT_GRADE, EVAL_FILE_SORT_SCORED_ON };

struct eval_mark_row {
	int64_t file_id;
	const char *code;
	int lost;
	bool veto;
	const char *note;
};

/* A saved version of a division's rubric (035_rubric_versions.sql). */
struct rubric_version {
	int64_t id;
	const char *division;       /* the bureau's division prefix */
	int version;                /* 1, 2, ... per division */
	const char *text;           /* docs/EVALUATION.md's format */
	int64_t created_by, created_at;
};

struct check_plan {
	int64_t id;
	int year;
	const char *title;
	const char *division;
	int64_t created_by, created_at;
};
STORE_LIST(check_plan_list, struct check_plan);

/* The plans of a list: division prefix ("" all), year (0 any). */
enum check_plan_sort { CHECK_PLAN_SORT_YEAR = 1, CHECK_PLAN_SORT_TITLE,
		       CHECK_PLAN_SORT_CREATED };
struct check_plan_filter {
	const char *division;
	int year;
	struct list_sort sort;      /* enum check_plan_sort */
};

struct check_item {
	int64_t id, plan_id, agency_id;
	const char *agency;         /* read only */
	const char *subject;
	int month;
	const char *finding;        /* "" until found */
	char found_on[FZ_DATE_LEN];
};

/* A rectification notice. source "evaluation" (source_id: the round) or
 * "check" (source_id: the check item). unit: enum clock_unit. */
struct rect_notice {
	int64_t id, agency_id;
	const char *agency;         /* read only */
	const char *source;
	int64_t source_id;
	const char *findings;
	char issued_on[FZ_DATE_LEN];
	int budget, unit;
	enum notice_status status;
	const char *report;
	char answered_on[FZ_DATE_LEN];
	char first_answered_on[FZ_DATE_LEN];
	const char *return_reason;
	char closed_on[FZ_DATE_LEN];
	int64_t created_by, created_at, updated_at;
};
STORE_LIST(rect_notice_list, struct rect_notice);

enum notice_sort { NOTICE_SORT_ID = 1, NOTICE_SORT_AGENCY, NOTICE_SORT_ISSUED,
		   NOTICE_SORT_STATUS };

struct rect_notice_filter {
	int64_t agency_id;          /* 0 = any */
	int status;                 /* enum notice_status, 0 = any */
	int open_only;              /* not closed */
	const char *source;         /* NULL = any */
	int64_t source_id;          /* 0 = any */
	struct id_set only;         /* these notices only (an indicator's side) */
	struct list_sort sort;      /* enum notice_sort; 0: newest first */
};

/* One recorded fact (kind 10 leaves). */
struct oversight_record {
	int64_t id;
	const char *subject;        /* eval_round, eval_file, check_item, notice */
	int64_t subject_id;
	const char *action;
	char on[FZ_DATE_LEN];
	int64_t at;
	int64_t actor_id;
	const char *actor;
	const char *body;
};

#endif

#ifdef STORE_OPS_BODY
/* The operations: store.h includes this file a second time inside
 * struct store_ops (its conventions are at the top of store.h). */
	/* Case-file evaluation, supervision checks, rectification notices
	 * (019_evaluation.sql, store_evaluation.h). Rounds and plans are
	 * unscoped rows (the app checks their division); files, check items
	 * and notices are scoped through their agency. Inserts set the id;
	 * updates write the mutable columns and refuse, by trigger, to change
	 * a drawn sample, a given score, a recorded finding or a closed
	 * notice (FZ_FORBIDDEN). */
	enum fz_err (*eval_round_insert)(struct store *st, struct eval_round *r,
					 const int64_t *agencies, size_t nagencies,
					 struct fz_error *e);
	/* Writes status, seed, method, population and updated_at. */
	enum fz_err (*eval_round_update)(struct store *st, const struct eval_round *r,
					 struct fz_error *e);
	enum fz_err (*eval_round_get)(struct store *st, struct arena *a, int64_t id,
				      struct eval_round *out, struct fz_error *e);
	/* Newest first unless f->sort says (store_evaluation.h). */
	enum fz_err (*eval_round_list)(struct store *st, struct arena *a,
				       const struct eval_round_filter *f, struct page pg,
				       struct eval_round_list *out, struct fz_error *e);
	/* The round's agencies, ascending. */
	enum fz_err (*eval_round_agencies)(struct store *st, struct arena *a, int64_t round_id,
					   int64_t **ids, size_t *n, struct fz_error *e);
	/* The agency's closed enforcement cases whose last recorded event
	 * falls in from..to (both included): the population of a sample.
	 * Matters (normative documents, major decisions: case kinds 5, 6)
	 * have no enforcement case file and are never drawn. */
	enum fz_err (*eval_closed_cases)(struct store *st, struct arena *a, int64_t agency_id,
					 const char *from, const char *to,
					 struct eval_case **items, size_t *n, struct fz_error *e);
	enum fz_err (*eval_file_insert)(struct store *st, struct eval_file *f,
					struct fz_error *e);
	/* Writes evaluator_id, form, content, total, vetoed, grade, scored_on. */
	enum fz_err (*eval_file_update)(struct store *st, const struct eval_file *f,
					struct fz_error *e);
	enum fz_err (*eval_file_get)(struct store *st, struct arena *a, const struct scope *sc,
				     int64_t id, struct eval_file *out, struct fz_error *e);
	/* Ordered by agency, then draw order. */
	enum fz_err (*eval_file_list)(struct store *st, struct arena *a, const struct scope *sc,
				      const struct eval_file_filter *f, struct page pg,
				      struct eval_file_list *out, struct fz_error *e);
	enum fz_err (*eval_mark_insert)(struct store *st, const struct eval_mark_row *m,
					struct fz_error *e);
	enum fz_err (*eval_marks_of)(struct store *st, struct arena *a, int64_t file_id,
				     struct eval_mark_row **items, size_t *n, struct fz_error *e);
	enum fz_err (*check_plan_insert)(struct store *st, struct check_plan *p,
					 struct fz_error *e);
	enum fz_err (*check_plan_get)(struct store *st, struct arena *a, int64_t id,
				      struct check_plan *out, struct fz_error *e);
	enum fz_err (*check_plan_list)(struct store *st, struct arena *a,
				       const struct check_plan_filter *f, struct page pg,
				       struct check_plan_list *out, struct fz_error *e);
	/* Rubric versions: insert numbers v->version (the division's last +
	 * 1, inside the caller's transaction) and sets id and created_at;
	 * latest is FZ_NOTFOUND when the division has none. */
	enum fz_err (*rubric_version_insert)(struct store *st, struct rubric_version *v,
					     struct fz_error *e);
	enum fz_err (*rubric_version_latest)(struct store *st, struct arena *a,
					     const char *division, struct rubric_version *out,
					     struct fz_error *e);
	enum fz_err (*check_item_insert)(struct store *st, struct check_item *it,
					 struct fz_error *e);
	/* Writes finding and found_on. */
	enum fz_err (*check_item_update)(struct store *st, const struct check_item *it,
					 struct fz_error *e);
	enum fz_err (*check_item_get)(struct store *st, struct arena *a, const struct scope *sc,
				      int64_t id, struct check_item *out, struct fz_error *e);
	/* A plan's items in scope, by month then id (at most 1000). */
	enum fz_err (*check_items_of)(struct store *st, struct arena *a, const struct scope *sc,
				      int64_t plan_id, struct check_item **items, size_t *n,
				      struct fz_error *e);
	enum fz_err (*notice_insert)(struct store *st, struct rect_notice *nt,
				     struct fz_error *e);
	/* Writes status, report, answered_on, first_answered_on,
	 * return_reason, closed_on, updated_at. */
	enum fz_err (*notice_update)(struct store *st, const struct rect_notice *nt,
				     struct fz_error *e);
	enum fz_err (*notice_get)(struct store *st, struct arena *a, const struct scope *sc,
				  int64_t id, struct rect_notice *out, struct fz_error *e);
	/* Newest first. */
	enum fz_err (*notice_list)(struct store *st, struct arena *a, const struct scope *sc,
				   const struct rect_notice_filter *f, struct page pg,
				   struct rect_notice_list *out, struct fz_error *e);
	/* Append-only; insert sets r->id (r->at 0 = now). */
	enum fz_err (*oversight_record_insert)(struct store *st, struct oversight_record *r,
					       struct fz_error *e);
	enum fz_err (*oversight_record_get)(struct store *st, struct arena *a, int64_t id,
					    struct oversight_record *out, struct fz_error *e);
#endif /* STORE_OPS_BODY */
