/* arrears.h - what a party still owes on a decided fine (罚款) as a case's
 * events stand: the fine, the payments recorded, the payment deadline and
 * the late-payment surcharge (加处罚款) accrued to a given day (行政处罚法
 * art 72, 行政强制法 art 45). Read by the 催告 and court-application gates,
 * by the app that writes the amounts into a 催告 and by the case view. */
#ifndef FZ_DOMAIN_ARREARS_H
#define FZ_DOMAIN_ARREARS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "domain/calendar.h"
#include "domain/case.h"
#include "domain/procedure.h"
#include "domain/procedure_config.h"
#include "domain/surcharge.h"

/* The step whose events record payments, with their `amount`. */
#define ARREARS_PAYMENT_STEP "payment"
/* The head's approval of deferred or instalment payment (行政处罚法 art 66
 * para 2), with its `schedule`: one "YYYY-MM-DD 金额" line an instalment. */
#define ARREARS_DEFERMENT_STEP "deferment"
#define ARREARS_INSTALMENTS_MAX 36

struct arrears_instalment {
	char due[FZ_DATE_LEN]; /* last day to pay this instalment in time */
	int64_t fen;
};

struct case_arrears {
	int64_t fine_fen;          /* the latest decision's fine; 0 = none */
	int64_t paid_fen;          /* the payments' amounts (surcharge apart) */
	int64_t outstanding_fen;   /* fine - paid, never below 0 */
	bool payment_started;      /* the decision was served: the payment
	                            * clock runs (or was met) */
	char due[FZ_DATE_LEN];     /* last day to pay in time; "" before */
	bool late;                 /* outstanding and `until` after due */
	struct surcharge surcharge; /* accrued from due to until, when late */
	int rate_permille;         /* the config's rate and cap, for messages */
	int cap_percent;
	/* Deferred or in instalments (art 66 para 2): `due` is then the first
	 * instalment not yet covered by the payments, the surcharge runs on
	 * each late instalment from its own date, and the court application
	 * period runs from the end of the schedule (art 72 para 2). */
	bool deferred;
	char deferred_until[FZ_DATE_LEN]; /* the last instalment's date */
	size_t ninstalments;
	struct arrears_instalment instalments[ARREARS_INSTALMENTS_MAX];
};

/* The fine of the latest deciding event among events[0..n) (corrections
 * applied), 0 when it imposes none. */
int64_t case_fine_decided(const struct proc_def *def, const struct case_event *events,
			  size_t n);
/* The amounts paid by the payment events among events[0..n). */
int64_t case_fine_paid(const struct case_event *events, size_t n);

/* The arrears of events[0..n) on the day `until` (the day of a 催告, or
 * today); today for open suspensions of the payment clock. Memory in a.
 * FZ_INVALID when a clock or the surcharge cannot be computed; FZ_NOMEM. */
enum fz_err case_arrears_compute(const struct proc_def *def, const struct proc_config *cfg,
				 const struct calendar *cal, const struct case_event *events,
				 size_t n, const char *until, const char *today, struct arena *a,
				 struct case_arrears *out, struct fz_error *e) FZ_MUST_CHECK;

/* One line of a schedule, "2027-01-15 5000" (spaces after the date and
 * at the end allowed); false when it is not a valid date and amount. */
bool arrears_schedule_line(const char *line, size_t n, char date[FZ_DATE_LEN], int64_t *fen);
/* Parses a whole schedule, blank lines skipped. False with *bad_line
 * (1-based; 0 when there are more than max lines) at the first bad one. */
bool arrears_schedule_parse(const char *text, struct arrears_instalment *out, size_t max,
			    size_t *n, int *bad_line);

/* The surcharge owed under a deferment schedule (ar->deferred) by the
 * payments among events[0..n) and a proposed one (pay_fen on pay_on;
 * pay_on NULL for none): each instalment settled after its date, or not
 * settled by pay_on, adds the surcharge on its amount from its date to
 * that day. Payments settle instalments in order. */
enum fz_err arrears_schedule_surcharge(const struct case_arrears *ar,
				       const struct case_event *events, size_t n,
				       const char *pay_on, int64_t pay_fen,
				       struct surcharge *out, struct fz_error *e) FZ_MUST_CHECK;

/* "3%" or "0.5%": the daily rate as people write it, into out[16]. */
void arrears_rate_text(int rate_permille, char out[16]);

#endif
