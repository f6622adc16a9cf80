/* clock_test.c - deadlines over real holiday periods (National Day 2025,
 * Spring Festival 2026) with the legally correct dates: one test per
 * counting convention of legal-rules §0, suspensions and extensions, the
 * provisional result in an uncovered year, each bad input, and the
 * explanation's wording. */
#include "t.h"

#include "calendar_fx.h"
#include "domain/clock.h"

struct due {
	char date[11];
	bool provisional;
	enum fz_err rc;
	struct deadline d;
	struct arena *a;
};

/* Computes over the shipped calendar; the caller releases r->a. */
static void compute(struct due *r, const struct clock_input *in)
{
	const struct calendar *cal = calendar_fx_cn();
	struct fz_error e = { 0 };
	memset(r, 0, sizeof *r);
	r->a = arena_new();
	if (!cal || !r->a) {
		r->rc = FZ_INTERNAL;
		return;
	}
	r->rc = clock_compute(cal, in, r->a, &r->d, &e);
	memcpy(r->date, r->d.due, sizeof r->date);
	r->provisional = r->d.provisional;
}

/* The due date of a plain period, "" on error. */
static const char *due_of(const char *start, enum clock_unit unit, int n)
{
	static char out[11];
	struct clock_input in;
	struct due r;
	clock_input_init(&in, start, unit, n);
	compute(&r, &in);
	memcpy(out, r.date, sizeof out);
	arena_free(r.a);
	return out;
}

static const struct clock_step *find_step(const struct deadline *d, enum clock_step_kind k,
					  size_t nth)
{
	for (size_t i = 0; i < d->nsteps; i++)
		if (d->steps[i].kind == k && nth-- == 0)
			return &d->steps[i];
	return NULL;
}

/* 民法典 201: the day of the event is not counted. */
TEST(clock_start_day_is_not_counted)
{
	CHECK_STR(due_of("2025-09-29", CLOCK_WORKING_DAYS, 1), "2025-09-30");
	CHECK_STR(due_of("2025-03-03", CLOCK_DAYS, 1), "2025-03-04");
	CHECK_STR(due_of("2025-03-15", CLOCK_MONTHS, 1), "2025-04-15");
}

/* 7 working days from Friday 2025-09-26 across National Day: Sunday
 * 09-28 and Saturday 10-11 are make-up working days and count; 10-01 to
 * 10-08 are off and do not. */
TEST(clock_working_days_across_national_day_2025)
{
	struct clock_input in;
	struct due r;
	clock_input_init(&in, "2025-09-26", CLOCK_WORKING_DAYS, 7);
	compute(&r, &in);
	REQUIRE(r.rc == FZ_OK);
	CHECK_STR(r.date, "2025-10-13");
	CHECK(!r.provisional);
	const struct clock_step *s = find_step(&r.d, CLOCK_STEP_HOLIDAY_SKIPPED, 0);
	REQUIRE(s);
	CHECK_STR(s->from, "2025-10-01");
	CHECK_STR(s->to, "2025-10-08");
	CHECK_INT(s->count, 8);
	CHECK_STR(s->text, "国庆节、中秋节");
	s = find_step(&r.d, CLOCK_STEP_MAKEUP_COUNTED, 0);
	REQUIRE(s);
	CHECK_STR(s->from, "2025-09-28");
	s = find_step(&r.d, CLOCK_STEP_MAKEUP_COUNTED, 1);
	REQUIRE(s);
	CHECK_STR(s->from, "2025-10-11");
	CHECK(find_step(&r.d, CLOCK_STEP_LAST_DAY_MOVED, 0) == NULL);
	arena_free(r.a);
	/* the last working day before the holiday, and the first after it */
	CHECK_STR(due_of("2025-09-29", CLOCK_WORKING_DAYS, 2), "2025-10-09");
}

/* 5 working days across Spring Festival 2026, each time through a
 * make-up Saturday (02-14, 02-28). */
TEST(clock_working_days_across_spring_festival_2026_and_make_up_saturdays)
{
	CHECK_STR(due_of("2026-02-10", CLOCK_WORKING_DAYS, 5), "2026-02-24");
	CHECK_STR(due_of("2026-02-10", CLOCK_WORKING_DAYS, 4), "2026-02-14");
	CHECK_STR(due_of("2026-02-24", CLOCK_WORKING_DAYS, 5), "2026-03-02");
}

/* 民事诉讼法 85: a calendar-day period counts the holidays inside it, and
 * one whose last day is a statutory holiday ends on the first working day
 * after it. 15 days from 2025-09-20 end on Sunday 10-05, inside the
 * holiday: the deadline is Thursday 10-09. */
TEST(clock_calendar_days_ending_in_a_holiday_move_to_the_next_working_day)
{
	struct clock_input in;
	struct due r;
	clock_input_init(&in, "2025-09-20", CLOCK_DAYS, 15);
	compute(&r, &in);
	REQUIRE(r.rc == FZ_OK);
	CHECK_STR(r.date, "2025-10-09");
	const struct clock_step *s = find_step(&r.d, CLOCK_STEP_LAST_DAY_MOVED, 0);
	REQUIRE(s);
	CHECK_STR(s->from, "2025-10-05");
	CHECK_STR(s->to, "2025-10-09");
	CHECK_STR(s->text, "国庆节、中秋节");
	s = find_step(&r.d, CLOCK_STEP_HOLIDAY_COUNTED, 0);
	REQUIRE(s);
	CHECK_STR(s->from, "2025-10-01");
	CHECK_STR(s->to, "2025-10-05");
	arena_free(r.a);
	/* Spring Festival 2026: 02-19 is off, so is Monday 02-23 */
	CHECK_STR(due_of("2026-02-09", CLOCK_DAYS, 10), "2026-02-24");
}

/* Judicial practice (U): a last day on Saturday or Sunday moves to Monday;
 * with the flag off only statutory holidays move it. */
TEST(clock_calendar_days_ending_on_a_weekend_follow_the_weekend_flag)
{
	CHECK_STR(due_of("2025-09-10", CLOCK_DAYS, 10), "2025-09-22");
	struct clock_input in;
	struct due r;
	clock_input_init(&in, "2025-09-10", CLOCK_DAYS, 10);
	in.weekend_moves_last_day = false;
	compute(&r, &in);
	CHECK_STR(r.date, "2025-09-20");
	arena_free(r.a);
	/* a declared day off on a Saturday is a statutory holiday either way */
	clock_input_init(&in, "2025-09-24", CLOCK_DAYS, 10);
	in.weekend_moves_last_day = false;
	compute(&r, &in);
	CHECK_STR(r.date, "2025-10-09");
	arena_free(r.a);
}

/* A make-up Saturday is a working day: a period ending on it stays. */
TEST(clock_calendar_days_ending_on_a_make_up_day_stay)
{
	CHECK_STR(due_of("2025-09-26", CLOCK_DAYS, 15), "2025-10-11");
	CHECK_STR(due_of("2025-09-13", CLOCK_DAYS, 15), "2025-09-28");
}

/* 民法典 202-203: months end on the corresponding date, or the month's
 * last day when it has none; the last-day rule applies too. */
TEST(clock_months_end_on_the_corresponding_date_or_the_month_end)
{
	struct clock_input in;
	struct due r;
	clock_input_init(&in, "2026-01-31", CLOCK_MONTHS, 1);
	compute(&r, &in);
	CHECK_STR(r.date, "2026-02-28"); /* a make-up Saturday: stays */
	const struct clock_step *s = find_step(&r.d, CLOCK_STEP_MONTH_END, 0);
	REQUIRE(s);
	CHECK_INT(s->count, 31);
	arena_free(r.a);
	CHECK_STR(due_of("2024-01-31", CLOCK_MONTHS, 1), "2024-02-29");
	CHECK_STR(due_of("2025-12-31", CLOCK_MONTHS, 2), "2026-02-28");
	CHECK_STR(due_of("2026-01-17", CLOCK_MONTHS, 1), "2026-02-24"); /* 02-17 is off */
	CHECK_STR(due_of("2025-09-05", CLOCK_MONTHS, 1), "2025-10-09"); /* 10-05 is off */
	CHECK_STR(due_of("2025-06-15", CLOCK_MONTHS, 12), "2026-06-15");
}

TEST(clock_suspension_stops_the_clock)
{
	struct clock_suspension susp = { "2025-09-29", "2025-09-30", "听证" };
	struct clock_input in;
	struct due r;
	clock_input_init(&in, "2025-09-26", CLOCK_WORKING_DAYS, 7);
	in.suspensions = &susp;
	in.nsuspensions = 1;
	compute(&r, &in);
	REQUIRE(r.rc == FZ_OK);
	CHECK_STR(r.date, "2025-10-15");
	const struct clock_step *s = find_step(&r.d, CLOCK_STEP_SUSPENSION, 0);
	REQUIRE(s);
	CHECK_INT(s->count, 2);
	CHECK_STR(s->text, "听证");
	arena_free(r.a);

	struct clock_suspension days = { "2025-03-05", "2025-03-07", "鉴定" };
	clock_input_init(&in, "2025-03-01", CLOCK_DAYS, 10);
	in.suspensions = &days;
	in.nsuspensions = 1;
	compute(&r, &in);
	CHECK_STR(r.date, "2025-03-14");
	s = find_step(&r.d, CLOCK_STEP_SUSPENSION, 0);
	REQUIRE(s);
	CHECK_INT(s->count, 3);
	arena_free(r.a);

	clock_input_init(&in, "2025-03-15", CLOCK_MONTHS, 1);
	in.suspensions = &days; /* before the start: no effect */
	in.nsuspensions = 1;
	compute(&r, &in);
	CHECK_STR(r.date, "2025-04-15");
	arena_free(r.a);
}

TEST(clock_extension_adds_to_the_budget)
{
	struct clock_extension ext = { 2, "经负责人批准延长" };
	struct clock_input in;
	struct due r;
	clock_input_init(&in, "2026-02-24", CLOCK_WORKING_DAYS, 5);
	in.extensions = &ext;
	in.nextensions = 1;
	compute(&r, &in);
	REQUIRE(r.rc == FZ_OK);
	CHECK_STR(r.date, "2026-03-04");
	CHECK_INT(r.d.total, 7);
	const struct clock_step *s = find_step(&r.d, CLOCK_STEP_EXTENSION, 0);
	REQUIRE(s);
	CHECK_STR(s->text, "经负责人批准延长");
	arena_free(r.a);
}

/* A period that reaches 2027, not yet published, is provisional: weekends
 * and 元旦 are assumed, and the explanation says so. */
TEST(clock_period_reaching_an_uncovered_year_is_provisional)
{
	struct clock_input in;
	struct due r;
	clock_input_init(&in, "2026-12-28", CLOCK_WORKING_DAYS, 5);
	compute(&r, &in);
	REQUIRE(r.rc == FZ_OK);
	CHECK_STR(r.date, "2027-01-05");
	CHECK(r.provisional);
	const struct clock_step *s = find_step(&r.d, CLOCK_STEP_UNCOVERED_YEAR, 0);
	REQUIRE(s);
	CHECK_INT(s->count, 2027);
	s = find_step(&r.d, CLOCK_STEP_HOLIDAY_SKIPPED, 0);
	REQUIRE(s);
	CHECK(s->provisional);
	arena_free(r.a);

	clock_input_init(&in, "2026-12-28", CLOCK_WORKING_DAYS, 3);
	compute(&r, &in);
	CHECK_STR(r.date, "2026-12-31");
	CHECK(!r.provisional);
	arena_free(r.a);

	clock_input_init(&in, "2026-12-20", CLOCK_DAYS, 12);
	compute(&r, &in);
	CHECK_STR(r.date, "2027-01-04"); /* 01-01 assumed off, then a weekend */
	CHECK(r.provisional);
	arena_free(r.a);
	clock_input_init(&in, "2026-12-20", CLOCK_DAYS, 10);
	compute(&r, &in);
	CHECK(!r.provisional);
	arena_free(r.a);
}

TEST(clock_rejects_bad_input_naming_the_field)
{
	static const struct clock_extension no_reason = { 2, "  " }, zero = { 0, "x" };
	static const struct clock_suspension backwards = { "2025-03-07", "2025-03-05", "x" },
					     bad_date = { "2025-02-30", "2025-03-05", "x" },
					     unexplained = { "2025-03-05", "2025-03-07", NULL };
	static const struct {
		const char *start;
		enum clock_unit unit;
		int amount;
		const struct clock_extension *ext;
		const struct clock_suspension *susp;
		const char *field;
	} cases[] = {
		{ "2025-13-01", CLOCK_DAYS, 5, NULL, NULL, "start" },
		{ "2025-1-1", CLOCK_DAYS, 5, NULL, NULL, "start" },
		{ "", CLOCK_DAYS, 5, NULL, NULL, "start" },
		{ "2025-01-01", CLOCK_DAYS, 0, NULL, NULL, "amount" },
		{ "2025-01-01", CLOCK_WORKING_DAYS, -3, NULL, NULL, "amount" },
		{ "2025-01-01", CLOCK_DAYS, CLOCK_MAX_DAYS + 1, NULL, NULL, "amount" },
		{ "2025-01-01", (enum clock_unit)0, 5, NULL, NULL, "unit" },
		{ "2025-01-01", CLOCK_DAYS, 5, &no_reason, NULL, "extensions" },
		{ "2025-01-01", CLOCK_DAYS, 5, &zero, NULL, "extensions" },
		{ "2025-01-01", CLOCK_DAYS, 5, NULL, &backwards, "suspensions" },
		{ "2025-01-01", CLOCK_DAYS, 5, NULL, &bad_date, "suspensions" },
		{ "2025-01-01", CLOCK_DAYS, 5, NULL, &unexplained, "suspensions" },
		{ "9999-12-20", CLOCK_DAYS, 30, NULL, NULL, "amount" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct clock_input in;
		struct deadline d;
		struct fz_error e = { 0 };
		struct arena *a = arena_new();
		clock_input_init(&in, cases[i].start, cases[i].unit, cases[i].amount);
		in.extensions = cases[i].ext;
		in.nextensions = cases[i].ext ? 1 : 0;
		in.suspensions = cases[i].susp;
		in.nsuspensions = cases[i].susp ? 1 : 0;
		CHECK_INT(clock_compute(calendar_fx_cn(), &in, a, &d, &e), FZ_INVALID);
		CHECK_STR(e.field, cases[i].field);
		CHECK(e.message[0] != '\0');
		CHECK_STR(d.due, "");
		arena_free(a);
	}
}

TEST(clock_explains_itself_in_chinese)
{
	struct clock_input in;
	struct due r;
	struct buf out = BUF_INIT;
	clock_input_init(&in, "2025-09-26", CLOCK_WORKING_DAYS, 7);
	compute(&r, &in);
	clock_explain(&r.d, &out);
	const char *t = buf_cstr(&out);
	CHECK_CONTAINS(t, "起算日 2025-09-26（星期五）：当日不计入");
	CHECK_CONTAINS(t, "期间 7 个工作日");
	CHECK_CONTAINS(t, "计入 调休上班日 2025-09-28（星期日）");
	CHECK_CONTAINS(t, "跳过 国庆节、中秋节 2025-10-01 至 2025-10-08（8 天）");
	CHECK_CONTAINS(t, "届满日 2025-10-13（星期一）\n");
	arena_free(r.a);

	buf_reset(&out);
	clock_input_init(&in, "2025-09-20", CLOCK_DAYS, 15);
	compute(&r, &in);
	clock_explain(&r.d, &out);
	CHECK_CONTAINS(buf_cstr(&out), "最后一日 2025-10-05（星期日）是法定节假日（国庆节、中秋节），"
				       "顺延至 2025-10-09（星期四）");
	arena_free(r.a);

	buf_reset(&out);
	clock_input_init(&in, "2026-12-28", CLOCK_WORKING_DAYS, 5);
	compute(&r, &in);
	clock_explain(&r.d, &out);
	CHECK_CONTAINS(buf_cstr(&out), "跳过 元旦（暂定） 2027-01-01（星期五）");
	CHECK_CONTAINS(buf_cstr(&out), "暂定：2027 年的节假日安排尚未载入");
	CHECK_CONTAINS(buf_cstr(&out), "届满日 2027-01-05（星期二）（暂定）");
	arena_free(r.a);
	buf_release(&out);
}
