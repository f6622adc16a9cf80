/* clock.c - computing a deadline from its ledger (start, budget,
 * suspensions, extensions) over the holiday calendar, the way the law
 * counts (legal-rules §0), and recording each step so that the deadline
 * can explain itself. The explanation's wording is in clock_explain.c. */
#include "domain/clock.h"

#include <stdio.h>
#include <string.h>

#include "base/date.h"

void clock_input_init(struct clock_input *in, const char *start, enum clock_unit unit,
		      int amount)
{
	memset(in, 0, sizeof *in);
	snprintf(in->start, sizeof in->start, "%s", start ? start : "");
	in->unit = unit;
	in->amount = amount;
	in->weekend_moves_last_day = true;
}

/* What a computation accumulates: the steps (grown in the arena) and the
 * years it had to guess. */
struct clock_run {
	const struct calendar *cal;
	const struct clock_input *in;
	struct arena *a;
	struct deadline *out;
	size_t cap;
	bool nomem;
	int64_t *susp_from, *susp_to; /* day numbers of the suspensions */
	int uncovered[128];
	size_t nuncovered;
};

static struct clock_step *step_add(struct clock_run *r, enum clock_step_kind kind)
{
	struct deadline *d = r->out;
	if (r->nomem)
		return NULL;
	if (d->nsteps == r->cap) {
		size_t ncap = r->cap ? 2 * r->cap : 16;
		struct clock_step *grown = arena_calloc(r->a, ncap, sizeof *grown);
		if (!grown) {
			r->nomem = true;
			return NULL;
		}
		if (d->nsteps)
			memcpy(grown, d->steps, d->nsteps * sizeof *grown);
		d->steps = grown;
		r->cap = ncap;
	}
	struct clock_step *s = &d->steps[d->nsteps++];
	memset(s, 0, sizeof *s);
	s->kind = kind;
	return s;
}

/* Adds day to a run of kind with the same name that ended the day
 * before, or starts a new step. */
static void step_group(struct clock_run *r, enum clock_step_kind kind, int64_t day,
		       const struct calendar_info *info)
{
	struct deadline *d = r->out;
	char date[FZ_DATE_LEN], prev[FZ_DATE_LEN];
	date_from_days(day, date);
	date_from_days(day - 1, prev);
	if (d->nsteps) {
		struct clock_step *last = &d->steps[d->nsteps - 1];
		if (last->kind == kind && strcmp(last->to, prev) == 0 && last->text &&
		    info->name && strcmp(last->text, info->name) == 0) {
			memcpy(last->to, date, sizeof date);
			last->count++;
			return;
		}
	}
	struct clock_step *s = step_add(r, kind);
	if (!s)
		return;
	memcpy(s->from, date, sizeof date);
	memcpy(s->to, date, sizeof date);
	s->count = 1;
	s->text = info->name;
	s->provisional = info->provisional;
}

/* Classifies day; a day that decides the result in an uncovered year
 * makes the deadline provisional and is remembered for the explanation. */
static void classify_deciding(struct clock_run *r, int64_t day, struct calendar_info *info)
{
	calendar_classify(r->cal, day, info);
	if (!info->provisional)
		return;
	r->out->provisional = true;
	int year = calendar_year_of(day);
	if (r->nuncovered && r->uncovered[r->nuncovered - 1] == year)
		return;
	if (r->nuncovered < sizeof r->uncovered / sizeof r->uncovered[0])
		r->uncovered[r->nuncovered++] = year;
}

/* Index of the first suspension that holds day, or -1. */
static int suspended(const struct clock_run *r, int64_t day)
{
	for (size_t i = 0; i < r->in->nsuspensions; i++)
		if (day >= r->susp_from[i] && day <= r->susp_to[i])
			return (int)i;
	return -1;
}

static enum fz_err too_long(struct fz_error *e)
{
	return fz_fail(e, FZ_INVALID, "amount", "期间过长，超出可计算的日期范围");
}

/* Working days: walk forward from the day after the start, counting
 * working days (make-up weekend days included), skipping days off and
 * suspended days, until the budget is used. The last day counted is the
 * due date: it is a working day by construction. */
static enum fz_err walk_working(struct clock_run *r, int64_t start, int64_t *end,
				int *susp_counts, struct fz_error *e)
{
	int64_t day = start;
	int counted = 0;
	while (counted < r->out->total) {
		if (++day - start > CLOCK_MAX_SPAN_DAYS || calendar_year_of(day) == 0)
			return too_long(e);
		struct calendar_info info;
		int s = suspended(r, day);
		if (s >= 0) {
			calendar_classify(r->cal, day, &info);
			susp_counts[s] += info.working;
			continue;
		}
		classify_deciding(r, day, &info);
		if (info.working) {
			counted++;
			if (info.kind == CALENDAR_MAKEUP)
				step_group(r, CLOCK_STEP_MAKEUP_COUNTED, day, &info);
		} else if (info.kind == CALENDAR_HOLIDAY) {
			step_group(r, CLOCK_STEP_HOLIDAY_SKIPPED, day, &info);
		}
	}
	*end = day;
	return FZ_OK;
}

/* The corresponding date n months after the start (民法典 202): the same
 * day of the final month, or that month's last day when it has none. */
static enum fz_err month_target(struct clock_run *r, int y, int m, int d, int n,
				int64_t *end, struct fz_error *e)
{
	int months = (m - 1) + n;
	int ny = y + months / 12, nm = months % 12 + 1;
	if (ny > 9999)
		return too_long(e);
	int last = date_days_in_month(ny, nm);
	int nd = d <= last ? d : last;
	*end = date_to_days(ny, nm, nd);
	if (nd != d) {
		struct clock_step *s = step_add(r, CLOCK_STEP_MONTH_END);
		if (s) {
			date_from_days(*end, s->from);
			s->count = d;
		}
	}
	return FZ_OK;
}

/* Calendar days and months: every day counts, holidays included, except
 * suspended days, which push the end back by one each. For days the end
 * is where the count is used up; for months it starts at the
 * corresponding date. Holidays inside are listed as counted. */
static enum fz_err walk_calendar(struct clock_run *r, int64_t start, int64_t *end,
				 int *susp_counts, struct fz_error *e)
{
	int64_t day = start, stop = *end; /* months: the corresponding date */
	int counted = 0;
	for (;;) {
		if (r->in->unit == CLOCK_DAYS ? counted == r->out->total : day == stop)
			break;
		if (++day - start > CLOCK_MAX_SPAN_DAYS || calendar_year_of(day) == 0)
			return too_long(e);
		int s = suspended(r, day);
		if (s >= 0) {
			susp_counts[s]++;
			stop++;
			continue;
		}
		counted++;
		struct calendar_info info;
		/* only the last day decides anything here, so a guessed year in
		 * the middle does not make the deadline provisional */
		calendar_classify(r->cal, day, &info);
		if (info.kind == CALENDAR_HOLIDAY && !info.provisional)
			step_group(r, CLOCK_STEP_HOLIDAY_COUNTED, day, &info);
	}
	*end = day;
	return FZ_OK;
}

/* The last-day rule (民事诉讼法 85, 民法典 203): a last day that is a
 * statutory holiday - or, when the flag says so, a weekend day that is not
 * a make-up working day (judicial practice, U) - moves to the next day
 * that is not. */
static enum fz_err last_day_rule(struct clock_run *r, int64_t *end, struct fz_error *e)
{
	struct calendar_info first, info;
	int64_t day = *end;
	classify_deciding(r, day, &first);
	info = first;
	while (info.kind == CALENDAR_HOLIDAY ||
	       (r->in->weekend_moves_last_day && !info.working)) {
		if (++day - *end > 366 || calendar_year_of(day) == 0)
			return too_long(e);
		classify_deciding(r, day, &info);
	}
	if (day != *end) {
		struct clock_step *s = step_add(r, CLOCK_STEP_LAST_DAY_MOVED);
		if (s) {
			date_from_days(*end, s->from);
			date_from_days(day, s->to);
			s->text = first.kind == CALENDAR_HOLIDAY ? first.name : NULL;
			s->provisional = first.provisional;
		}
		*end = day;
	}
	return FZ_OK;
}

static bool blank(const char *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t')
			return false;
	return true;
}

static enum fz_err input_check(const struct clock_input *in, int *total, struct fz_error *e)
{
	if (!date_parse(in->start, NULL, NULL, NULL))
		return fz_fail(e, FZ_INVALID, "start", "起算日应为 YYYY-MM-DD 格式的有效日期");
	int max = in->unit == CLOCK_WORKING_DAYS ? CLOCK_MAX_WORKING_DAYS
		: in->unit == CLOCK_DAYS	 ? CLOCK_MAX_DAYS
		: in->unit == CLOCK_MONTHS	 ? CLOCK_MAX_MONTHS
						 : 0;
	if (!max)
		return fz_fail(e, FZ_INVALID, "unit", "期间单位应为工作日、日或月");
	if (in->amount <= 0)
		return fz_fail(e, FZ_INVALID, "amount", "期间应为正整数");
	if (in->nextensions > CLOCK_MAX_EXTENSIONS)
		return fz_fail(e, FZ_INVALID, "extensions", "延长次数过多");
	if (in->nsuspensions > CLOCK_MAX_SUSPENSIONS)
		return fz_fail(e, FZ_INVALID, "suspensions", "中止次数过多");
	long long sum = in->amount;
	for (size_t i = 0; i < in->nextensions; i++) {
		if (in->extensions[i].amount <= 0)
			return fz_fail(e, FZ_INVALID, "extensions", "延长期间应为正整数");
		if (blank(in->extensions[i].reason))
			return fz_fail(e, FZ_INVALID, "extensions", "延长须写明理由");
		sum += in->extensions[i].amount;
	}
	if (sum > max)
		return fz_fail(e, FZ_INVALID, "amount", "期间（含延长）不能超过 %d %s", max,
			       clock_unit_label(in->unit));
	for (size_t i = 0; i < in->nsuspensions; i++) {
		const struct clock_suspension *s = &in->suspensions[i];
		if (!date_parse(s->from, NULL, NULL, NULL) || !date_parse(s->to, NULL, NULL, NULL))
			return fz_fail(e, FZ_INVALID, "suspensions", "中止的起止日期应为有效日期");
		if (strcmp(s->to, s->from) < 0)
			return fz_fail(e, FZ_INVALID, "suspensions", "中止的结束日早于开始日");
		if (blank(s->reason))
			return fz_fail(e, FZ_INVALID, "suspensions", "中止须写明理由");
	}
	*total = (int)sum;
	return FZ_OK;
}

static int64_t day_of(const char *date)
{
	int y, m, d;
	return date_parse(date, &y, &m, &d) ? date_to_days(y, m, d) : 0;
}

/* The steps that echo the input: start, budget, extensions, suspensions
 * (whose counts the walk fills in). */
static struct clock_step *steps_input(struct clock_run *r)
{
	const struct clock_input *in = r->in;
	struct clock_step *s = step_add(r, CLOCK_STEP_START);
	if (s)
		memcpy(s->from, in->start, FZ_DATE_LEN);
	if ((s = step_add(r, CLOCK_STEP_BUDGET)))
		s->count = in->amount;
	for (size_t i = 0; i < in->nextensions; i++) {
		if ((s = step_add(r, CLOCK_STEP_EXTENSION))) {
			s->count = in->extensions[i].amount;
			s->text = in->extensions[i].reason;
		}
	}
	size_t first = r->out->nsteps;
	for (size_t i = 0; i < in->nsuspensions; i++) {
		if ((s = step_add(r, CLOCK_STEP_SUSPENSION))) {
			memcpy(s->from, in->suspensions[i].from, FZ_DATE_LEN);
			memcpy(s->to, in->suspensions[i].to, FZ_DATE_LEN);
			s->text = in->suspensions[i].reason;
		}
	}
	return r->nomem ? NULL : r->out->steps + first;
}

enum fz_err clock_compute(const struct calendar *cal, const struct clock_input *in,
			  struct arena *a, struct deadline *out, struct fz_error *e)
{
	struct clock_run r = { .cal = cal, .in = in, .a = a, .out = out };
	enum fz_err rc;
	int total = 0, y = 0, m = 0, d = 0;
	memset(out, 0, sizeof *out);
	if ((rc = input_check(in, &total, e)))
		return rc;
	out->unit = in->unit;
	out->total = total;
	r.susp_from = arena_calloc(a, in->nsuspensions + 1, sizeof *r.susp_from);
	r.susp_to = arena_calloc(a, in->nsuspensions + 1, sizeof *r.susp_to);
	if (!r.susp_from || !r.susp_to)
		return fz_fail(e, FZ_NOMEM, "", NULL);
	for (size_t i = 0; i < in->nsuspensions; i++) {
		r.susp_from[i] = day_of(in->suspensions[i].from);
		r.susp_to[i] = day_of(in->suspensions[i].to);
	}

	/* The suspensions' steps are filled in by index at the end: the step
	 * array moves while it grows. */
	struct clock_step *susp = steps_input(&r);
	if (!susp)
		return fz_fail(e, FZ_NOMEM, "", NULL);
	size_t susp_at = (size_t)(susp - out->steps);
	int counts[CLOCK_MAX_SUSPENSIONS] = { 0 };

	date_parse(in->start, &y, &m, &d);
	int64_t start = date_to_days(y, m, d), end = start;
	if (in->unit == CLOCK_WORKING_DAYS) {
		rc = walk_working(&r, start, &end, counts, e);
	} else {
		if (in->unit == CLOCK_MONTHS)
			rc = month_target(&r, y, m, d, total, &end, e);
		if (!rc)
			rc = walk_calendar(&r, start, &end, counts, e);
		if (!rc)
			rc = last_day_rule(&r, &end, e);
	}
	if (rc) {
		memset(out, 0, sizeof *out);
		return rc;
	}
	for (size_t i = 0; i < r.nuncovered; i++) {
		struct clock_step *s = step_add(&r, CLOCK_STEP_UNCOVERED_YEAR);
		if (s)
			s->count = r.uncovered[i];
	}
	struct clock_step *due = step_add(&r, CLOCK_STEP_DUE);
	if (r.nomem || !due) {
		memset(out, 0, sizeof *out);
		return fz_fail(e, FZ_NOMEM, "", NULL);
	}
	date_from_days(end, due->from);
	due->provisional = out->provisional;
	memcpy(out->due, due->from, FZ_DATE_LEN);
	for (size_t i = 0; i < in->nsuspensions; i++)
		out->steps[susp_at + i].count = counts[i];
	return FZ_OK;
}

int clock_working_days_between(const struct calendar *cal, const char *from, const char *to,
			       bool *provisional)
{
	int n = 0;
	if (provisional)
		*provisional = false;
	if (!from || !to || !date_parse(from, NULL, NULL, NULL) || !date_parse(to, NULL, NULL, NULL))
		return 0;
	int64_t a = day_of(from), b = day_of(to);
	if (b <= a || b - a > CLOCK_MAX_SPAN_DAYS)
		return 0;
	for (int64_t day = a + 1; day <= b; day++) {
		bool prov = false;
		if (calendar_is_working_day(cal, day, &prov))
			n++;
		if (prov && provisional)
			*provisional = true;
	}
	return n;
}
