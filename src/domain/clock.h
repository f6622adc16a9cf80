/* clock.h - statutory deadlines computed when read, never stored: from
 * the day of the triggering event, a budget in working days, calendar days
 * or months, suspensions and extensions, over the holiday calendar. The
 * result carries the due date and every step that led to it. */
#ifndef FZ_DOMAIN_CLOCK_H
#define FZ_DOMAIN_CLOCK_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "domain/calendar.h"
#include "domain/model.h"

enum clock_unit {
	CLOCK_WORKING_DAYS = 1, /* 工作日: only working days count */
	CLOCK_DAYS,             /* 日: calendar days, holidays inside count */
	CLOCK_MONTHS,           /* 月: to the corresponding date (民法典 202) */
};

/* Upper bounds of a budget (with its extensions), far above any statute. */
#define CLOCK_MAX_WORKING_DAYS 2500
#define CLOCK_MAX_DAYS 3660
#define CLOCK_MAX_MONTHS 120
#define CLOCK_MAX_SUSPENSIONS 64
#define CLOCK_MAX_EXTENSIONS 16
/* The longest walk, suspensions included (about 110 years). */
#define CLOCK_MAX_SPAN_DAYS 40000

/* The clock stands still from `from` to `to`, both included (a hearing,
 * an expert opinion, a criminal referral ...). */
struct clock_suspension {
	char from[FZ_DATE_LEN];
	char to[FZ_DATE_LEN];
	const char *reason;  /* required */
};

/* An approved extension: amount more of the budget's unit. */
struct clock_extension {
	int amount;          /* > 0 */
	const char *reason;  /* required */
};

struct clock_input {
	char start[FZ_DATE_LEN];  /* day of the triggering event: not counted */
	enum clock_unit unit;
	int amount;               /* > 0 */
	const struct clock_suspension *suspensions;
	size_t nsuspensions;
	const struct clock_extension *extensions;
	size_t nextensions;
	/* The last-day rule for calendar-day and month periods: a last day
	 * that is a statutory holiday moves to the next working day (民事诉讼法
	 * art 85, 民法典 art 203). Courts also treat Saturday and Sunday as
	 * 法定休假日 here: judicial practice, status U in legal-rules §0, so
	 * it is a flag. clock_input_init sets it true. */
	bool weekend_moves_last_day;
};

/* start is copied (truncated to a date's length); no suspensions or
 * extensions; weekend_moves_last_day true. */
void clock_input_init(struct clock_input *in, const char *start, enum clock_unit unit,
		      int amount);

enum clock_step_kind {
	CLOCK_STEP_START = 1,       /* from: the start day, not counted */
	CLOCK_STEP_BUDGET,          /* count: the amount in the unit */
	CLOCK_STEP_EXTENSION,       /* count, text: reason */
	CLOCK_STEP_SUSPENSION,      /* from..to, text: reason; count: units not counted */
	CLOCK_STEP_HOLIDAY_SKIPPED, /* working days: days off from..to (count) not counted */
	CLOCK_STEP_MAKEUP_COUNTED,  /* working days: make-up day(s) from..to counted */
	CLOCK_STEP_HOLIDAY_COUNTED, /* calendar days or months: days off inside, counted */
	CLOCK_STEP_MONTH_END,       /* from: the month's last day; count: the day-of-month
	                             * the final month lacks */
	CLOCK_STEP_LAST_DAY_MOVED,  /* from: nominal last day, to: where it moved; text: the
	                             * holiday's name, NULL for a weekend */
	CLOCK_STEP_UNCOVERED_YEAR,  /* count: a year the calendar does not cover */
	CLOCK_STEP_DUE,             /* from: the due date */
};

struct clock_step {
	enum clock_step_kind kind;
	char from[FZ_DATE_LEN];
	char to[FZ_DATE_LEN];
	int count;
	const char *text;   /* holiday name or reason; NULL when none */
	bool provisional;   /* a fixed-date holiday assumed in an uncovered year */
};

struct deadline {
	char due[FZ_DATE_LEN];  /* the last day on which the act is in time */
	bool provisional;       /* a day that decided the result lies in a year
	                         * the calendar does not cover: 暂定 */
	enum clock_unit unit;
	int total;              /* amount plus extensions */
	struct clock_step *steps; /* in the arena passed; in reading order */
	size_t nsteps;
};

/* Computes the deadline. The start day is not counted (民法典 201); a
 * working-day period counts working days only; a calendar-day or month
 * period whose last day is not a working day (see weekend_moves_last_day)
 * ends on the next working day. FZ_INVALID naming the field (start,
 * amount, unit, extensions, suspensions) for a bad date, an amount <= 0 or
 * over its bound, a suspension that ends before it starts or a missing
 * reason; FZ_NOMEM. */
enum fz_err clock_compute(const struct calendar *cal, const struct clock_input *in,
			  struct arena *a, struct deadline *out, struct fz_error *e)
	FZ_MUST_CHECK;

/* How many working days of a working-day period have run from `from` to
 * `to`: the working days after from up to and including to, counted as
 * clock_compute counts them (make-up days count, days off do not; the
 * start day never counts). 0 when to is not after from or a date is bad.
 * *provisional (may be NULL) is set when a day lies in a year the
 * calendar does not cover. */
int clock_working_days_between(const struct calendar *cal, const char *from, const char *to,
			       bool *provisional);

/* Appends the explanation in Chinese, one line per step, each ending in
 * '\n' (起算日 … 跳过 国庆节 … 届满日 …). */
void clock_explain(const struct deadline *d, struct buf *out);
/* "个工作日", "日", "个月". Static storage. */
const char *clock_unit_label(enum clock_unit u);

#endif
