/* gate.h - the one check every action on a case goes through
 * (procedure_check), what can be done next (procedure_available_steps) and
 * the table of named gates. The app gathers the facts from storage into a
 * proc_ctx; nothing here reads storage. */
#ifndef FZ_DOMAIN_GATE_H
#define FZ_DOMAIN_GATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "domain/calendar.h"
#include "domain/case.h"
#include "domain/model.h"
#include "domain/procedure.h"
#include "domain/procedure_config.h"

/* What the app knows about one person named by the proposed event (its
 * officers, the `host` field of a hearing) or acting (the actor's own
 * person), on the day of the proposed event. */
struct proc_person {
	int64_t id;               /* person id, as in case_event.officers */
	const char *name;         /* for messages; NULL shows the id */
	enum person_kind kind;    /* PERSON_OFFICER or PERSON_ASSISTANT */
	enum cert_status cert;    /* status on the event day of the person's best
	                           * certificate (VALID over SUSPENDED over
	                           * EXPIRED over REVOKED); 0 = holds none */
	bool cert_covers_domain;  /* that certificate covers the case's domain */
};

/* Fills out from a person's records: the best of its certificates on
 * `day` for `domain` (a valid one covering the domain wins). */
void proc_person_fill(const struct person *p, const struct certificate *certs, size_t ncerts,
		      const char *day, const char *domain, struct proc_person *out);

/* An item of a decision catalogue (决策事项目录) as the app found it, for
 * the gate in_catalogue (a major decision's 立项). */
struct proc_catalogue_item {
	int64_t id;                /* the item's number (its entry id) */
	int64_t agency_id;         /* whose catalogue */
	int year;
	const char *title;
	const char *approved_on;   /* the catalogue's approval, "" before */
	const char *added_on;      /* the day it was listed */
	bool adjustment;           /* listed after the approval (调整) */
	const char *reason;        /* the adjustment's reason, "" otherwise */
	const char *removed_on;    /* "" unless removed by an adjustment */
	const char *removed_reason;
	int64_t open_case_id;      /* another open decision naming the item, 0 */
	const char *open_case_number;
};

struct proc_ctx {
	const struct proc_def *def;         /* the case's procedure */
	const struct proc_config *cfg;      /* the province's values */
	const struct calendar *cal;         /* working days */
	const struct enf_case *kase;        /* party kind, act date, domain */
	const struct case_event *events;    /* the case's events so far, by seq */
	size_t nevents;
	const struct case_event *proposed;  /* the action asked for (step, on,
	                                     * fields, officers, reason, corrects);
	                                     * unused by procedure_available_steps */
	const struct proc_person *people;   /* facts for the people it names */
	size_t npeople;
	unsigned actor_roles;               /* enum role bits of the account */
	int64_t actor_person;               /* the account's person id, or 0 */
	int64_t actor_user;                 /* the account's user id, or 0 (a
	                                     * drafter is who recorded a draft:
	                                     * reviewer_not_drafter) */
	const char *today;                  /* "YYYY-MM-DD" */
	struct arena *scratch;              /* for clock computations */
	const struct proc_catalogue_item *catalogue_item; /* the decision
	                                     * catalogue's item the proposed event
	                                     * names (catalogue_item), NULL when it
	                                     * names none that exists */
	const char *const *filed;           /* document ids the case file holds
	                                     * (catalogue.h: struct catalogue's
	                                     * filed), for closing steps */
	size_t nfiled;
	const struct case_clock *clocks;    /* NULL, or every clock of def as
	                                     * case_clocks_compute gives them for
	                                     * these events on today: the gates
	                                     * read them instead of computing
	                                     * each again (a caller that lists
	                                     * many steps has them already) */
};

#define GATE_MESSAGE_MAX 512
/* Enough results for any step of the shipped definitions, with one
 * result for each of up to GATE_FIELD_RESULTS_MAX bad fields. */
#define GATE_FIELD_RESULTS_MAX 48
#define GATE_RESULTS_MAX (48 + GATE_FIELD_RESULTS_MAX)

struct gate_result {
	const char *gate;     /* gate name (static storage) */
	const char *label;    /* its Chinese name (static storage) */
	char field[48];       /* the event field a result of required_fields
	                       * is about, as typed; "" for other results */
	bool passed;
	enum fz_err code;     /* FZ_OK; when blocking FZ_FORBIDDEN (role),
	                       * FZ_INVALID (missing or malformed fields) or
	                       * FZ_CONFLICT (the law's order is not met) */
	char message[GATE_MESSAGE_MAX]; /* Chinese: why it blocks, or what was
	                                 * checked ("" when nothing to say) */
	bool quiet;           /* set while listing available steps, which keep
	                       * only why a step is blocked: a passing result
	                       * gets no note (gate_note writes none) */
};

/* Runs every gate of the proposed event - the engine's own (known step,
 * closed case frozen, role, required steps, not repeated, fields,
 * officers, event day, extensions) and the step's named gates - writing
 * up to max results (all of them with GATE_RESULTS_MAX) and their number
 * to *n. FZ_OK when all pass. Otherwise the most serious blocking code
 * (FORBIDDEN, then INVALID, then CONFLICT) with e holding that gate's
 * message and its name as field. FZ_NOMEM. */
enum fz_err procedure_check(const struct proc_ctx *ctx, struct gate_result *results,
			    size_t max, size_t *n, struct fz_error *e) FZ_MUST_CHECK;

/* One step of the definition and whether it can be taken today by the
 * actor as the case stands (gates that judge the event's content - its
 * fields, officers, amounts - are left to procedure_check). */
struct proc_option {
	const struct proc_step *step;
	bool available;
	const char *gate;                /* first blocking gate, NULL if available */
	char reason[GATE_MESSAGE_MAX];   /* its message */
};

/* One option per step of ctx->def, in definition order, up to max;
 * ctx->proposed is ignored. FZ_NOMEM. */
enum fz_err procedure_available_steps(const struct proc_ctx *ctx, struct proc_option *out,
				      size_t max, size_t *n, struct fz_error *e) FZ_MUST_CHECK;

/* The same for only the steps def->steps[i] with want[i] true (want:
 * def->nsteps of them; NULL for all), in definition order. Each option is
 * judged on its own, so it is the one procedure_available_steps gives
 * for that step: a caller that reads a known few (case_awaits_steps)
 * judges only those. */
enum fz_err procedure_available_among(const struct proc_ctx *ctx, const bool *want,
				      struct proc_option *out, size_t max, size_t *n,
				      struct fz_error *e) FZ_MUST_CHECK;

/* The named gates. */
enum gate_flag {
	GATE_CONTENT = 1u << 0,   /* judges the proposed event's content */
	GATE_CLOCK_ARG = 1u << 1, /* written name:CLOCK */
};

struct gate_run;  /* gate_impl.h */

struct gate_def {
	const char *name;
	const char *label;     /* Chinese */
	void (*fn)(struct gate_run *r, struct gate_result *res);
	unsigned flags;        /* enum gate_flag */
	const char *needs;     /* what a definition using it must have, e.g.
	                        * "clock:defence step:hearing flag:notifies";
	                        * NULL for nothing */
};

/* The row for name, or NULL. */
const struct gate_def *gate_def_find(const char *name);
/* All rows; *n their number. */
const struct gate_def *gate_defs(size_t *n);

/* Whether the decision event (ctx->events: the record before it) falls
 * in the review catalogue (重大执法决定法制审核目录: the config's amounts,
 * kinds, hearing held, complex or public-interest flags), with why. The
 * same test the review_required_and_passed gate applies, for indicators. */
bool gate_review_required(const struct proc_ctx *ctx, const struct case_event *decision,
			  char *why, size_t len);

#endif
