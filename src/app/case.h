/* case.h - enforcement cases as use cases: open a case, take a step, and
 * read a case with its record, its gates and its clocks. app_case_open and
 * app_case_act are the only ways an event reaches a case, and both go
 * through procedure_check: there is no second path. */
#ifndef FZ_APP_CASE_H
#define FZ_APP_CASE_H

#include "app/app.h"
#include "domain/arrears.h"
#include "domain/case.h"
#include "domain/caseclock.h"
#include "domain/gate.h"

/* What a new case is about. */
struct case_input {
	const char *procedure;     /* definition id, e.g. "penalty_general" */
	const char *domain;        /* one of the agency's enforcement domains */
	const char *matter;        /* benchmark matter id, may be NULL */
	const char *title;         /* 案由 */
	int party_kind;            /* enum party_kind */
	const char *party_name;
	const char *party_id;      /* USCC or resident id; may be NULL */
	const char *party_address; /* may be NULL */
	const char *act_date;      /* "YYYY-MM-DD" */
};

/* One action on a case: the step, the day it took place, its data, the
 * officers taking part; reason and corrects for corrections. */
struct case_step_input {
	const char *step;
	const char *on;            /* "YYYY-MM-DD"; NULL or "" = today */
	const struct case_field *fields;
	size_t nfields;
	const int64_t *officers;
	size_t nofficers;
	const char *reason;
	int64_t corrects;
};

/* Every gate's result for the action asked for (in ctx->a). */
struct case_check {
	struct gate_result *results;
	size_t n;
};

/* Opens a case: the case and its opening event (the definition's opening
 * step, e.g. 立案) are written together only when every gate passes;
 * otherwise nothing is written and check says why. The case is numbered
 * per agency, year and kind without gaps. */
enum fz_err app_case_open(struct app_ctx *ctx, const struct case_input *in,
			  const struct case_step_input *open, struct enf_case *out,
			  struct case_check *check, struct fz_error *e);

/* Takes one step on a case (or records a correction): appended only when
 * every gate passes, with the case's state, the audit record and the
 * event in one transaction. A blocked gate changes nothing and is itself
 * audited ("denied", with the gate's name). */
enum fz_err app_case_act(struct app_ctx *ctx, int64_t case_id, const struct case_step_input *in,
			 struct case_event *out, struct case_check *check, struct fz_error *e);

/* app_case_act that also gives the case as the step left it in *kase
 * (its strings in ctx's arena): what the store holds for it at the
 * commit, so that the caller need not read it again. */
enum fz_err app_case_act_case(struct app_ctx *ctx, int64_t case_id,
			      const struct case_step_input *in, struct case_event *out,
			      struct enf_case *kase, struct case_check *check, struct fz_error *e);

/* app_case_act for the random_draw step, which only app_case_draw (with
 * a seed it made itself) may record; app_case_act refuses that step and
 * any correction of a draw. */
enum fz_err app_case_act_draw(struct app_ctx *ctx, int64_t case_id,
			      const struct case_step_input *in, struct case_event *out,
			      struct case_check *check, struct fz_error *e);

/* What the publication pipeline writes in the same transaction as its
 * step (公示, 撤下公示): called after the event is stored. */
struct case_act_hook {
	enum fz_err (*fn)(struct app_ctx *ctx, const struct enf_case *c,
			  const struct case_event *ev, void *arg, struct fz_error *e);
	void *arg;
};

/* app_case_act for the steps flagged publishes or withdraws, which only
 * the publication pipeline (app/publication.c) records; app_case_act
 * refuses them and any correction of them. */
enum fz_err app_case_act_publication(struct app_ctx *ctx, int64_t case_id,
				     const struct case_step_input *in,
				     const struct case_act_hook *hook, struct case_event *out,
				     struct case_check *check, struct fz_error *e) FZ_MUST_CHECK;

/* Called by the step's transaction after its event and documents are
 * stored (app/publication.c): a decision that a publishes step publishes
 * gets its publication prepared (redacted by rule); a step that voids a
 * published decision starts its withdrawal. */
enum fz_err app_publication_on_event(struct app_ctx *ctx, const struct proc_def *def,
				     const struct enf_case *c,
				     const struct case_event_list *before,
				     const struct case_event *ev, struct fz_error *e) FZ_MUST_CHECK;

enum fz_err app_case_get(struct app_ctx *ctx, int64_t id, struct enf_case *out,
			 struct fz_error *e);
enum fz_err app_case_list(struct app_ctx *ctx, const struct case_filter *f, struct page pg,
			  struct case_list *out, struct fz_error *e);
/* Open cases in scope that wait for role now (the reviewer's 待审核, the
 * head's 待审批; the rules are domain/awaits.h's), newest first.
 * *awaited (awaited may be NULL) gets, in the arena, the step each case
 * of out waits for, in out's order. */
enum fz_err app_case_queue(struct app_ctx *ctx, unsigned role, struct page pg,
			   struct case_list *out, const struct proc_step ***awaited,
			   struct fz_error *e) FZ_MUST_CHECK;
/* The same in the order sort names (enum case_sort; 0: newest first). */
enum fz_err app_case_queue_sorted(struct app_ctx *ctx, unsigned role, struct list_sort sort,
				  struct page pg, struct case_list *out,
				  const struct proc_step ***awaited,
				  struct fz_error *e) FZ_MUST_CHECK;

/* A unit named by a matter. */
struct case_unit {
	int64_t id;
	const char *name;
};

/* Everything the case page shows: the record, what can be done next and
 * why not, and every clock with its explanation. */
struct case_view {
	struct enf_case c;
	const struct proc_def *def;
	struct case_event_list events;
	struct proc_option *options;
	size_t noptions;
	struct case_clock *clocks;
	size_t nclocks;
	struct case_arrears arrears;     /* a decided fine as owed today, with
	                                  * the surcharge accrued (arrears.h) */
	const char *serious_harm_reason; /* why the five-year limitation
	                                  * applies, for the reviewer; NULL */
	struct case_unit *co_units;      /* a matter's co-drafting units (会同
	                                  * 起草单位), as the latest event
	                                  * naming them left them; the owning
	                                  * unit is the case's agency */
	size_t nco_units;
	struct case_clock *acts;         /* supervision acts (per-act clocks),
	                                  * one per act in order, each with
	                                  * its deadline and answer */
	size_t nacts;
};
enum fz_err app_case_view(struct app_ctx *ctx, int64_t id, struct case_view *out,
			  struct fz_error *e);

/* After the holiday calendar changed from old to now (inside the
 * caller's write transaction): recomputes every clock of every open case
 * and writes one audit record per deadline whose due date or 暂定 mark
 * changed ("case.deadline"). *changed counts them. */
enum fz_err app_case_deadlines_recompute(struct app_ctx *ctx, const struct calendar *old,
					 const struct calendar *now, int *changed,
					 struct fz_error *e);

/* A deadline of an open case that another calendar moves: the case, the
 * clock, and its due date (with the 暂定 mark) before and after. */
struct deadline_move {
	int64_t case_id;
	int64_t agency_id;
	const char *case_number;
	const char *clock_label;
	char due_before[FZ_DATE_LEN], due_after[FZ_DATE_LEN];
	bool provisional_before, provisional_after;
};
/* What app_case_deadlines_recompute would audit, without writing
 * anything: every clock of every open case whose due date or 暂定 mark
 * differs between old and now, by case id then clock; an array of *n in
 * ctx->a. System-wide (the caller authorises). */
enum fz_err app_case_deadlines_moved(struct app_ctx *ctx, const struct calendar *old,
				     const struct calendar *now, struct deadline_move **out,
				     size_t *n, struct fz_error *e) FZ_MUST_CHECK;

/* Versions of a matter's text (草案版本): the events that carry the field
 * CASE_VERSION_FIELD (a normative document's 起草 steps), numbered 1, 2
 * ... in the record's order; each is an event, so a leaf of the ledger. */
#define CASE_VERSION_FIELD "text"
struct case_version {
	int version;
	const struct case_event *ev;
	const char *text;
};
/* The versions among v's events: an array of *n in ctx's arena (may be
 * NULL when n is 0). */
enum fz_err app_case_versions(struct app_ctx *ctx, const struct case_view *v,
			      struct case_version **out, size_t *n, struct fz_error *e)
	FZ_MUST_CHECK;
/* Versions a and b (numbers) of case id compared (domain/textdiff.h),
 * read in scope; *va and *vb are them. FZ_NOTFOUND naming the version
 * that does not exist. */
struct textdiff;
enum fz_err app_case_version_diff(struct app_ctx *ctx, int64_t id, int a, int b,
				  struct case_view *v, struct case_version *va,
				  struct case_version *vb, struct textdiff *out, struct fz_error *e)
	FZ_MUST_CHECK;

/* The definitions the server knows (for forms). */
const struct proc_def *app_procedures(struct app_ctx *ctx, size_t *n);

#endif
