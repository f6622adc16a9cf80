/* outcome.h - a case's outcome (结果: 处罚决定, 不予处罚决定, 移送司法机关,
 * 撤案) read from its events: which one stands, which later step set an
 * earlier one aside (撤销 a decision, the police returning a referral),
 * which steps follow from an outcome, and which events were recorded late
 * (补录). Pure functions over the definition and the event list. */
#ifndef FZ_DOMAIN_OUTCOME_H
#define FZ_DOMAIN_OUTCOME_H

#include <stdbool.h>
#include <stddef.h>

#include "domain/case.h"
#include "domain/procedure.h"

/* Index of the outcome event that stands among events[0..n): the latest
 * event of a step flagged outcome that no later step voiding it has set
 * aside; -1 when none stands. */
long outcome_standing(const struct proc_def *d, const struct case_event *events, size_t n);

/* Index of the event that set events[i] (an outcome) aside, or -1. */
long outcome_voided_by(const struct proc_def *d, const struct case_event *events, size_t n,
		       size_t i);

/* Whether step s follows from the outcome step `outcome`: the outcome is
 * among its required steps (requires or requires_any), directly or
 * through other required steps. */
bool outcome_step_follows(const struct proc_def *d, const struct proc_step *s,
			  const char *outcome);

/* The first outcome step s follows from, or NULL: such a step can be
 * taken only while one of its outcomes stands. */
const struct proc_step *outcome_step_root(const struct proc_def *d, const struct proc_step *s);

/* Whether ev was recorded (ev->at, China time) more than late_days
 * calendar days after the day it took place (ev->on): a late entry
 * (补录). Events without a recording time are not late. */
bool outcome_event_late(const struct case_event *ev, int late_days);

#endif
