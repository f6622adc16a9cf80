/* gate_impl.h - what gate functions share (internal to domain/): the run
 * of one check, ways to record a result, and lookups over the case's
 * events that see corrections and the proposed event. */
#ifndef FZ_DOMAIN_GATE_IMPL_H
#define FZ_DOMAIN_GATE_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include "domain/caseclock.h"
#include "domain/gate.h"
#include "domain/penalty.h"

struct gate_run {
	const struct proc_ctx *ctx;
	const struct proc_step *step;  /* the proposed step; NULL for a correction */
	const struct case_event *ev;   /* the proposed event */
	bool availability;             /* listing available steps: the event has
	                                * no content yet, its day is today */
	const char *arg;               /* the gate's argument (a clock id) */
	enum fz_err failure;           /* a computation failed (NOMEM, INVALID) */
	struct fz_error failure_detail;
};

/* Marks res blocking with code and the formatted Chinese message. */
void gate_block(struct gate_result *res, enum fz_err code, const char *fmt, ...) FZ_PRINTF(3, 4);
/* Blocks and returns from the gate function. */
#define GATE_BLOCK(res, ...)                     \
	do {                                     \
		gate_block(res, __VA_ARGS__);    \
		return;                          \
	} while (0)
/* Sets the passing message and returns from the gate function. */
#define GATE_PASS(res, ...)                      \
	do {                                     \
		gate_note(res, __VA_ARGS__);     \
		return;                          \
	} while (0)
/* Sets the message of a passing result (none when res->quiet). */
void gate_note(struct gate_result *res, const char *fmt, ...) FZ_PRINTF(2, 3);

/* The value of key on ev: the proposed event's own, or a recorded
 * event's as corrected. NULL when absent or empty. */
const char *gate_field(const struct gate_run *r, const struct case_event *ev, const char *key);
/* The proposed event's reason without leading blanks, or NULL when it
 * gives none. */
const char *gate_reason(const struct gate_run *r);
/* A yes/no field: "1", "yes" or "true". */
bool gate_field_yes(const struct gate_run *r, const struct case_event *ev, const char *key);
/* The latest value of a case-wide flag field (complex, major_violation,
 * major_public_interest ...) over the events and the proposed event. */
bool gate_case_flag(const struct gate_run *r, const char *key);

/* The latest recorded event of step (index in ctx->events), or -1. */
long gate_last(const struct gate_run *r, const char *step);
/* The latest recorded event whose step has flag, or -1. */
long gate_last_flag(const struct gate_run *r, unsigned flag);
/* The recorded event at index i. */
const struct case_event *gate_event(const struct gate_run *r, long i);
/* The step of a recorded event, or NULL (corrections). */
const struct proc_step *gate_step_of(const struct gate_run *r, const struct case_event *ev);

/* Computes clock id over the recorded events; false (r->failure set)
 * when it cannot be computed. */
bool gate_clock(struct gate_run *r, const char *id, struct case_clock *out);
/* The penalty stated on ev; false when it states none readably. */
bool gate_penalty(const struct gate_run *r, const struct case_event *ev, struct penalty *out);

/* The facts about person id, or NULL. */
const struct proc_person *gate_person(const struct gate_run *r, int64_t id);
/* The person's name for a message ("张三", or "人员 #12"). */
void gate_person_name(const struct gate_run *r, int64_t id, char *out, size_t len);
/* The distinct officers of the proposed event whose certificate is valid
 * that day and covers the case's domain; why gets "（张三为执法辅助人员；…）"
 * for the others (gate_people.c). */
int gate_certified_count(const struct gate_run *r, struct buf *why);
/* Whether id took part in a step flagged handles (a case handler). */
bool gate_is_handler(const struct gate_run *r, int64_t id);
/* "一名", "两名", "三名" ... for counts of people. Static storage. */
const char *gate_cn_people(int n);

/* The gate functions, by file. */
#define GATE_FN(name) void gate_##name(struct gate_run *r, struct gate_result *res)
/* gate_basic.c: the engine's own gates, run for every step */
GATE_FN(event_day);
GATE_FN(closed_case_frozen);
GATE_FN(correction_valid);
GATE_FN(role_allowed);
GATE_FN(opening);
GATE_FN(requires_steps);
GATE_FN(not_repeated);
/* The fields of the proposed event (gate required_fields): every field
 * the step does not accept, every malformed or disallowed value, every
 * field given twice and every required field missing, one blocking
 * result each (gate, label and field set) in out, up to max; their
 * number (0: all fine). A correction's fields are judged against the
 * step of the event it corrects, none of them required. */
size_t gate_fields_check(struct gate_run *r, struct gate_result *out, size_t max);
GATE_FN(officers_present);
GATE_FN(clock_extension);
/* gate_record.c: the engine's gates over the record itself */
GATE_FN(one_outcome);
/* gate_oversight.c */
GATE_FN(due_after_act);
GATE_FN(answers_open_act);
GATE_FN(objection_reasons);
GATE_FN(correction_clerical);
GATE_FN(dates_in_order);
GATE_FN(late_entry);
/* gate_paths.c: recusal, preservation, statements, no penalty, remedies */
GATE_FN(recusal_pending);
GATE_FN(recused_excluded);
GATE_FN(preservation_approved);
GATE_FN(statements_answered);
GATE_FN(no_penalty_ground);
GATE_FN(remedy_pending);
GATE_FN(remedy_none_pending);
GATE_FN(emergency_reported);
/* Index of the latest reconsideration or suit (remedy_filed) still
 * without a result, or -1. */
long gate_remedy_open(const struct gate_run *r);
/* catalogue.c: the engine's gate for closing steps */
GATE_FN(catalogue_complete);
/* Whether a closing step has been recorded (or the case says closed). */
bool gate_case_closed(const struct gate_run *r);
/* gate_people.c */
GATE_FN(certified_officers);
GATE_FN(hearing_host_not_investigator);
GATE_FN(reviewer_not_handler);
GATE_FN(drawn_inspectors);
/* gate_penalty.c */
GATE_FN(limitation);
GATE_FN(notice_before_decision);
GATE_FN(defence_period_elapsed);
GATE_FN(not_above_notified);
GATE_FN(penalty_stated);
GATE_FN(simplified_within_limits);
GATE_FN(benchmark_reason_when_outside);
/* gate_hearing.c */
GATE_FN(hearing_right_in_notice);
GATE_FN(hearing_offered_when_required);
GATE_FN(hearing_request_window);
GATE_FN(hearing_notice_period);
GATE_FN(hearing_notice_valid);
/* gate_review.c */
GATE_FN(review_checklist);
GATE_FN(review_required_and_passed);
GATE_FN(collective_deliberation_when_required);
GATE_FN(referral_suspends);
/* gate_payment.c */
GATE_FN(surcharge_when_late);
GATE_FN(execution_complete);
GATE_FN(before_due);
GATE_FN(pending);
GATE_FN(deferment_schedule);

/* gate_enforce.c: execution under 行政强制法, the handling period, the
 * five-year limitation's grounds, officers of on-the-spot decisions */
GATE_FN(demand_after_default);
GATE_FN(court_application_window);
GATE_FN(within_case_period);
GATE_FN(collective_extension_allowed);
GATE_FN(serious_harm_grounds);
GATE_FN(onsite_officers);

/* gate_rulemaking.c: normative documents */
GATE_FN(plan_or_reason);
GATE_FN(reviewer_not_drafter);
GATE_FN(opinion_reasons);
GATE_FN(comment_when_required);
GATE_FN(period_run);
GATE_FN(legality_passed);
GATE_FN(fair_competition_passed);
GATE_FN(deliberated_current);
GATE_FN(after_objection);
GATE_FN(facts_not_lowered);

/* gate_decision.c: major administrative decisions */
GATE_FN(in_catalogue);
GATE_FN(comment_period_length);
GATE_FN(hearing_notice_early);
GATE_FN(hearing_as_announced);
GATE_FN(experts_declared);
GATE_FN(procedures_done);
GATE_FN(review_time_allowed);
GATE_FN(decision_at_meeting);
GATE_FN(against_majority_explained);
GATE_FN(decision_adopted);
GATE_FN(reported_to_party);
GATE_FN(prepared_once_per_decision);
GATE_FN(legality_passed_or_risk);
GATE_FN(evaluator_independent);

/* The catalogue criterion the case meets (gate_review.c), written into
 * why; false when it meets none. Used by the review gate and tests. */
bool gate_review_catalogue_match(const struct gate_run *r, char *why, size_t len);

#endif
