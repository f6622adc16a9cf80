/* evaluation.h - case-file evaluation (案卷评查), supervision checks
 * (监督检查) and rectification notices (整改通知) as use cases
 * (docs/EVALUATION.md). The justice bureau (supervisor) runs rounds and
 * check plans in its division and issues and reviews notices; evaluators
 * score the files assigned to them; an agency answers its notices. Every
 * change is audited; each fact (a sample drawn, an evaluator assigned, a
 * score, a round closed, a finding, a notice issued, answered, returned,
 * closed) is an oversight record with its ledger leaf (kind 10). */
#ifndef FZ_APP_EVALUATION_H
#define FZ_APP_EVALUATION_H

#include "app/app.h"
#include "domain/clock.h"
#include "domain/evaluation.h"

/* The notice period when none is given: 30 calendar days. Our choice:
 * the 行政执法监督条例's rectification periods are not in our sources
 * (legal-rules §12, status U), so each notice carries its own. */
#define NOTICE_BUDGET_DEFAULT 30
#define NOTICE_DUE_SOON_DAYS 5   /* alert this many days before the due day */

struct eval_round_input {
	int year;
	const char *title;
	const char *period_from, *period_to; /* closed cases of this period */
	int sample_size;                     /* files per agency, or 0 ... */
	int sample_rate;                     /* ... percent per agency (1..100) */
	const int64_t *agency_ids;
	size_t nagencies;
	const char *rubric;                  /* NULL = the shipped rubric */
};

enum fz_err app_eval_round_create(struct app_ctx *ctx, const struct eval_round_input *in,
				  struct eval_round *out, struct fz_error *e) FZ_MUST_CHECK;
/* Draws the sample with a fresh seed (domain/evaluation.h); once. */
enum fz_err app_eval_round_draw(struct app_ctx *ctx, int64_t round_id, struct eval_round *out,
				struct fz_error *e) FZ_MUST_CHECK;
/* Ends scoring: every file must be scored. */
enum fz_err app_eval_round_close(struct app_ctx *ctx, int64_t round_id, struct eval_round *out,
				 struct fz_error *e) FZ_MUST_CHECK;
/* A round the caller may see: a supervisor of its division, or anyone
 * with a file of it (evaluator, evaluated agency). */
enum fz_err app_eval_round_get(struct app_ctx *ctx, int64_t id, struct eval_round *out,
			       struct fz_error *e) FZ_MUST_CHECK;
enum fz_err app_eval_round_list(struct app_ctx *ctx, struct page pg,
				struct eval_round_list *out, struct fz_error *e) FZ_MUST_CHECK;
/* The same narrowed and ordered by f (its division is ignored: always
 * the caller's); a year outside 2000..2100 or an unknown status is
 * FZ_INVALID with a Chinese message. */
enum fz_err app_eval_round_find(struct app_ctx *ctx, const struct eval_round_filter *f,
				struct page pg, struct eval_round_list *out,
				struct fz_error *e) FZ_MUST_CHECK;

/* Assigns an evaluator: an enabled account holding the supervisor or
 * reviewer role and not of the file's agency (回避: FZ_FORBIDDEN). */
enum fz_err app_eval_assign(struct app_ctx *ctx, int64_t file_id, int64_t user_id,
			    struct eval_file *out, struct fz_error *e) FZ_MUST_CHECK;
/* Who may evaluate a file of agency_id: enabled accounts in the caller's
 * scope holding the supervisor or reviewer role, not of that agency (at
 * most 200 of each role). For the assignment form. */
enum fz_err app_eval_candidates(struct app_ctx *ctx, int64_t agency_id, struct user **out,
				size_t *n, struct fz_error *e) FZ_MUST_CHECK;
/* The assigned evaluator scores the file, once, while the round is open
 * for scoring. */
enum fz_err app_eval_score(struct app_ctx *ctx, int64_t file_id, const struct eval_mark *marks,
			   size_t n, struct eval_file *out, struct fz_error *e) FZ_MUST_CHECK;
/* A file with its marks: the caller's scope, or its evaluator. */
enum fz_err app_eval_file_get(struct app_ctx *ctx, int64_t id, struct eval_file *out,
			      struct eval_mark_row **marks, size_t *nmarks, struct fz_error *e)
	FZ_MUST_CHECK;
/* Files in scope; f->evaluator_id = the caller's id lists "my files"
 * across agencies. */
enum fz_err app_eval_file_list(struct app_ctx *ctx, const struct eval_file_filter *f,
			       struct page pg, struct eval_file_list *out, struct fz_error *e)
	FZ_MUST_CHECK;
/* The round's rubric, parsed. */
enum fz_err app_eval_rubric(struct app_ctx *ctx, const struct eval_round *r, struct rubric *out,
			    struct fz_error *e) FZ_MUST_CHECK;

/* Results per agency. lost_codes: up to 3 items that lost the most
 * points, "F3 12 分、C2 8 分". */
struct eval_agency_result {
	int64_t agency_id;
	const char *agency;
	int files, scored, excellent, passed, failed, vetoed;
	double average;             /* of scored files; 0 when none */
	const char *lost_codes;
};
enum fz_err app_eval_results(struct app_ctx *ctx, int64_t round_id,
			     struct eval_agency_result **rows, size_t *n, struct fz_error *e)
	FZ_MUST_CHECK;

/* --- supervision checks --- */

struct check_item_input {
	int64_t agency_id;
	const char *subject;
	int month;
};
enum fz_err app_check_plan_create(struct app_ctx *ctx, int year, const char *title,
				  const struct check_item_input *items, size_t n,
				  struct check_plan *out, struct fz_error *e) FZ_MUST_CHECK;
enum fz_err app_check_plan_get(struct app_ctx *ctx, int64_t id, struct check_plan *out,
			       struct check_item **items, size_t *n, struct fz_error *e)
	FZ_MUST_CHECK;
enum fz_err app_check_plan_list(struct app_ctx *ctx, struct page pg,
				struct check_plan_list *out, struct fz_error *e) FZ_MUST_CHECK;
/* The same narrowed by year and ordered by f (division: the caller's). */
enum fz_err app_check_plan_find(struct app_ctx *ctx, const struct check_plan_filter *f,
				struct page pg, struct check_plan_list *out,
				struct fz_error *e) FZ_MUST_CHECK;
/* Records what the check found (on NULL = today), once. */
enum fz_err app_check_finding(struct app_ctx *ctx, int64_t item_id, const char *finding,
			      const char *on, struct check_item *out, struct fz_error *e)
	FZ_MUST_CHECK;

/* --- rectification notices --- */

struct notice_input {
	int64_t agency_id;
	const char *source;     /* "evaluation" or "check" */
	int64_t source_id;      /* the round or the check item */
	const char *findings;
	const char *issued_on;  /* NULL = today */
	int budget;             /* 0 = NOTICE_BUDGET_DEFAULT */
	int unit;               /* enum clock_unit: working or calendar days; 0 = days */
};
enum fz_err app_notice_issue(struct app_ctx *ctx, const struct notice_input *in,
			     struct rect_notice *out, struct fz_error *e) FZ_MUST_CHECK;
/* The agency's rectification report (on NULL = today). */
enum fz_err app_notice_answer(struct app_ctx *ctx, int64_t id, const char *report,
			      const char *on, struct rect_notice *out, struct fz_error *e)
	FZ_MUST_CHECK;
/* The bureau accepts (closes) or returns the report with a reason. */
enum fz_err app_notice_review(struct app_ctx *ctx, int64_t id, bool accept, const char *reason,
			      const char *on, struct rect_notice *out, struct fz_error *e)
	FZ_MUST_CHECK;
enum fz_err app_notice_get(struct app_ctx *ctx, int64_t id, struct rect_notice *out,
			   struct fz_error *e) FZ_MUST_CHECK;
enum fz_err app_notice_list(struct app_ctx *ctx, const struct rect_notice_filter *f,
			    struct page pg, struct rect_notice_list *out, struct fz_error *e)
	FZ_MUST_CHECK;
/* The notice's deadline from the one clock (due, provisional, steps). */
enum fz_err app_notice_deadline(struct app_ctx *ctx, const struct rect_notice *nt,
				struct deadline *out, struct fz_error *e) FZ_MUST_CHECK;

#endif
