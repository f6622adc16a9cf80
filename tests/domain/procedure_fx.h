/* procedure_fx.h - the shipped procedure set, loaded once for the domain
 * tests, and a case walk: a case whose events grow as steps pass
 * procedure_check, with the people and the actor a test sets up. */
#ifndef FZ_TESTS_DOMAIN_PROCEDURE_FX_H
#define FZ_TESTS_DOMAIN_PROCEDURE_FX_H

#include "domain/caseclock.h"
#include "domain/catalogue.h"
#include "domain/gate.h"
#include "domain/procedure_builtin.h"

/* The built-in set (NULL, after recording a failure, when it does not
 * load). Lives until the process exits. */
const struct proc_set *procedure_fx_set(void);

#define WALK_MAX_EVENTS 64
#define WALK_MAX_PEOPLE 16

struct walk {
	struct arena *a;
	const struct proc_def *def;
	struct proc_config cfg;          /* a copy: tests may change it */
	struct enf_case kase;
	struct case_event events[WALK_MAX_EVENTS];
	size_t nevents;
	struct proc_person people[WALK_MAX_PEOPLE];
	size_t npeople;
	int64_t actor_person;            /* set by walk_as */
	char today[11];                  /* "" = the day of each proposed event */
	struct gate_result results[GATE_RESULTS_MAX];
	size_t nresults;
	struct fz_error err;             /* of the last check */
	struct proc_ctx ctx;             /* of the last check */
	const char **filed;              /* the case file's documents: those
	                                  * the steps produced unless filed_set */
	size_t nfiled;
	bool filed_set;
};

/* A case of procedure id, a citizen's or organisation's, act on act_date,
 * domain "市场监管". Officers 1-4 are certified for it; 5 is an
 * assistant; 9 is a reviewer (no certificate needed); 7 is the head. */
void walk_init(struct walk *w, const char *procedure, enum party_kind party,
	       const char *act_date);
void walk_release(struct walk *w);
/* Adds or replaces the facts about a person. */
void walk_person(struct walk *w, int64_t id, const char *name, enum person_kind kind,
		 enum cert_status cert, bool covers);

/* Checks step on day by an actor with roles (and person, from
 * walk_as-style argument actor), officers a 0-terminated list (or NULL),
 * then "key=value" fields ending with NULL; the keys "@reason" and
 * "@corrects" set the event's reason and corrects. walk_take appends the
 * event when every gate passes; walk_try never does. */
enum fz_err walk_take(struct walk *w, unsigned roles, int64_t actor, const char *step,
		      const char *day, const int64_t *officers, ...);
enum fz_err walk_try(struct walk *w, unsigned roles, int64_t actor, const char *step,
		     const char *day, const int64_t *officers, ...);
/* Fills w->ctx for the walk's case as it stands on today, judged for an
 * actor with roles (and person actor), no event proposed; the case file
 * as walk_take keeps it. */
void walk_ctx(struct walk *w, unsigned roles, int64_t actor, const char *today);
/* Clock id of the walk's case as read on today (static storage, valid
 * until the next call), or NULL when it cannot be computed. */
const struct case_clock *walk_clock(struct walk *w, const char *id, const char *today);
/* The result of gate name in the last check, or NULL. */
const struct gate_result *walk_gate(const struct walk *w, const char *name);
/* The message of the last check's first blocking gate ("" when none). */
const char *walk_why(const struct walk *w);

/* Records a failure with the blocking message unless call (a walk_take
 * or walk_try on w) returns FZ_OK. */
#define WALK_OK(w, call)                                                          \
	do {                                                                      \
		enum fz_err walk_rc_ = (call);                                    \
		if (walk_rc_ != FZ_OK)                                            \
			t_fail(__FILE__, __LINE__, "%s: %s", #call, walk_why(w)); \
	} while (0)

/* A penalty_general case opened 2026-01-05 (Monday) by officers 1 and
 * 2, investigated 01-08, and noticed on Monday 01-12 (served that day)
 * with penalty and amount (amount NULL for none), the hearing right
 * offered: its defence period ends on 01-19. Extra "key=value" fields for
 * the opening follow, ending with NULL. */
void walk_penalty_noticed(struct walk *w, enum party_kind party, const char *penalty,
			  const char *amount, ...);

/* The eight items of the legal-review checklist, all passed. */
#define WALK_CHECKS_PASS                                                          \
	"check_body=pass", "check_officers=pass", "check_procedure=pass",         \
		"check_facts=pass", "check_law=pass", "check_authority=pass",     \
		"check_documents=pass", "check_referral=pass"

/* Short lists of officers. */
extern const int64_t WALK_TWO[];      /* 1, 2 */
extern const int64_t WALK_ONE[];      /* 1 */
extern const int64_t WALK_REVIEWER[]; /* 9 */
extern const int64_t WALK_HOSTS[];    /* 3 */

#endif
