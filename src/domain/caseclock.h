/* caseclock.h - a case's clocks computed from its events when read:
 * started, suspended, resumed, extended and met by the steps the definition
 * names; due dates from clock.h over the holiday calendar, with their
 * explanation and the provisional (暂定) flag. */
#ifndef FZ_DOMAIN_CASECLOCK_H
#define FZ_DOMAIN_CASECLOCK_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "domain/calendar.h"
#include "domain/case.h"
#include "domain/clock.h"
#include "domain/procedure.h"
#include "domain/procedure_config.h"

enum case_clock_state {
	CASE_CLOCK_NOT_STARTED = 1, /* no starting event yet */
	CASE_CLOCK_RUNNING,         /* started, not met */
	CASE_CLOCK_SUSPENDED,       /* started, standing still now */
	CASE_CLOCK_STOPPED,         /* met by a stopping event (maybe late) */
	CASE_CLOCK_NOT_APPLICABLE,  /* its only_when condition does not hold */
	CASE_CLOCK_ENDED,           /* a party period that no longer matters:
	                             * the party waived or the decision is made */
};

/* Why a party period ended (CASE_CLOCK_ENDED). */
enum case_clock_end {
	CASE_CLOCK_END_NONE = 0,
	CASE_CLOCK_END_WAIVED,  /* a later event carries waived=1 (行政处罚法 art 62) */
	CASE_CLOCK_END_DECIDED, /* a later step concludes the case
	                         * (proc_step_concludes: decides, closes, or
	                         * decides otherwise, e.g. 不予行政处罚) */
};

struct case_clock {
	const struct proc_clock *clock;
	const char *basis;   /* cited with it: the case domain's own (from the
	                      * config, proc_config_for_domain) or the clock's */
	enum case_clock_state state;
	const struct case_event *started_by;  /* NULL unless started */
	const struct case_event *stopped_by;  /* NULL unless stopped */
	const struct proc_step *stop_step;    /* its step */
	struct proc_period budget;            /* from the definition or config */
	struct clock_input input;             /* the ledger: start, budget,
	                                       * suspensions, extensions (arena) */
	struct deadline deadline;             /* valid when started_by is set */
	bool party_period; /* no step of the definition stops it: a period the
	                    * party is granted (陈述申辩期, 听证申请期限), which
	                    * runs out (elapsed) but is never overdue */
	bool overdue;     /* a duty met after the due date, or not met and
	                   * today > due; always false for a party period */
	bool elapsed;     /* a party period that ran out (today > due) */
	enum case_clock_end end;             /* CASE_CLOCK_ENDED: why */
	const struct case_event *ended_by;   /* ... and the event that ended it */
	bool open_suspension; /* suspended until today: the due date will move */
	int nextensions;
	int open_acts;    /* a per-act clock (督办 …): the acts not answered
	                   * yet; the clock shown is the one of them due first,
	                   * else the latest act */
};

/* Computes `clock` over events[0..n) as they stand on today (an open
 * suspension runs to today). Memory in a. FZ_INVALID when the ledger is
 * not computable (clock.h's reasons, or a budget the config lacks); FZ_NOMEM. */
enum fz_err case_clock_compute(const struct proc_def *def, const struct proc_config *cfg,
			       const struct calendar *cal, const struct case_event *events,
			       size_t n, const struct proc_clock *clock, const char *today,
			       struct arena *a, struct case_clock *out, struct fz_error *e)
	FZ_MUST_CHECK;

/* A per-act clock's instances, one per starting event in order (each
 * met by the answer naming it): an array of *nout in a. */
enum fz_err case_clock_acts(const struct proc_def *def, const struct proc_config *cfg,
			    const struct calendar *cal, const struct case_event *events, size_t n,
			    const struct proc_clock *clock, const char *today, struct arena *a,
			    struct case_clock **out, size_t *nout, struct fz_error *e) FZ_MUST_CHECK;

/* Every clock of def, in definition order: an array of def->nclocks in a. */
enum fz_err case_clocks_compute(const struct proc_def *def, const struct proc_config *cfg,
				const struct calendar *cal, const struct case_event *events,
				size_t n, const char *today, struct arena *a,
				struct case_clock **out, struct fz_error *e) FZ_MUST_CHECK;

/* 未开始, 进行中, 中止中, 已完成, 不适用, 已结束. Static storage. */
const char *case_clock_state_label(enum case_clock_state s);
/* 当事人放弃, 已作出决定; "" for CASE_CLOCK_END_NONE. Static storage. */
const char *case_clock_end_label(enum case_clock_end end);

/* Whether some step of def stops clock: a duty the agency must meet.
 * Clocks nothing stops are party periods (see case_clock.party_period). */
bool proc_clock_is_duty(const struct proc_def *def, const struct proc_clock *clock);

/* Appends the clock's explanation in Chinese: a line with its label,
 * state and legal basis, then clock_explain's lines (start, budget,
 * extensions, suspensions, holidays skipped, due date, 暂定). */
void case_clock_explain(const struct case_clock *c, struct buf *out);

/* The clock's budget: written in the definition, or named in cfg. */
bool proc_clock_budget(const struct proc_clock *c, const struct proc_config *cfg,
		       struct proc_period *out);
/* The amount one extension adds (0 when the clock has none). */
int proc_clock_extension(const struct proc_clock *c, const struct proc_config *cfg);

#endif
