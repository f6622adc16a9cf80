/* calendar_test.c - contract: the holiday calendar is stored a year at a
 * time, read back whole and sorted, and a bad year changes nothing. */
#include "base/date.h"
#include "contract.h"
#include "t.h"

static int64_t day(const char *date)
{
	int y, m, d;
	return date_parse(date, &y, &m, &d) ? date_to_days(y, m, d) : 0;
}

static enum fz_err put_2026(struct store *st, size_t n)
{
	/* given out of order: the store sorts on read */
	struct calendar_day days[] = {
		{ day("2026-10-10"), CALENDAR_WORK, "国庆节" },
		{ day("2026-10-01"), CALENDAR_OFF, "国庆节" },
		{ day("2026-02-15"), CALENDAR_OFF, "春节" },
	};
	struct calendar_year y = { 2026, "国务院办公厅关于2026年部分节假日安排的通知", 0 };
	return st->ops->calendar_year_replace(st, &y, days, n, NULL);
}

static enum fz_err put_2025(struct store *st)
{
	struct calendar_day days[] = { { day("2025-01-01"), CALENDAR_OFF, "元旦" } };
	struct calendar_year y = { 2025, "通知", 1700000000 };
	return st->ops->calendar_year_replace(st, &y, days, 1, NULL);
}

TEST(store_calendar_is_empty_in_a_new_database)
{
	struct store_fx fx;
	struct calendar cal;
	REQUIRE(store_fx_open(&fx));
	CHECK_INT(fx.st->ops->calendar_get(fx.st, fx.a, &cal, NULL), FZ_OK);
	CHECK_INT(cal.nyears, 0);
	CHECK_INT(cal.ndays, 0);
	store_fx_close(&fx);
}

TEST(store_calendar_years_are_stored_and_read_back_sorted)
{
	struct store_fx fx;
	struct calendar cal;
	REQUIRE(store_fx_open(&fx));
	CHECK_INT(put_2026(fx.st, 3), FZ_OK);
	CHECK_INT(put_2025(fx.st), FZ_OK);
	CHECK_INT(fx.st->ops->calendar_get(fx.st, fx.a, &cal, NULL), FZ_OK);
	REQUIRE(cal.nyears == 2 && cal.ndays == 4);
	CHECK_INT(cal.years[0].year, 2025);
	CHECK_INT(cal.years[0].loaded_at, 1700000000);
	CHECK(cal.years[1].loaded_at > 1700000000); /* 0 = now */
	CHECK_STR(cal.years[1].source, "国务院办公厅关于2026年部分节假日安排的通知");
	CHECK_INT(cal.days[0].day, day("2025-01-01"));
	CHECK_INT(cal.days[1].day, day("2026-02-15"));
	CHECK_STR(cal.days[1].name, "春节");
	CHECK_INT(cal.days[3].mark, CALENDAR_WORK);
	store_fx_close(&fx);
}

TEST(store_calendar_replacing_a_year_keeps_the_other_years)
{
	struct store_fx fx;
	struct calendar cal;
	REQUIRE(store_fx_open(&fx));
	CHECK_INT(put_2025(fx.st), FZ_OK);
	CHECK_INT(put_2026(fx.st, 3), FZ_OK);
	CHECK_INT(put_2026(fx.st, 1), FZ_OK); /* only 2026-10-10 now */
	CHECK_INT(fx.st->ops->calendar_get(fx.st, fx.a, &cal, NULL), FZ_OK);
	REQUIRE(cal.ndays == 2);
	CHECK_INT(cal.days[0].day, day("2025-01-01"));
	CHECK_INT(cal.days[1].day, day("2026-10-10"));
	CHECK_INT(cal.nyears, 2);
	store_fx_close(&fx);
}

TEST(store_calendar_bad_year_changes_nothing)
{
	struct store_fx fx;
	struct calendar cal;
	struct fz_error e = { 0 };
	REQUIRE(store_fx_open(&fx));
	CHECK_INT(put_2026(fx.st, 3), FZ_OK);
	/* a day of another year */
	struct calendar_day stray[] = { { day("2026-03-01"), CALENDAR_OFF, "x" },
					{ day("2027-01-01"), CALENDAR_OFF, "元旦" } };
	struct calendar_year y = { 2026, "新通知", 0 };
	CHECK_INT(fx.st->ops->calendar_year_replace(fx.st, &y, stray, 2, &e), FZ_INVALID);
	CHECK_STR(e.field, "days");
	/* the same day twice: the first insert is undone with the rest */
	struct calendar_day twice[] = { { day("2026-03-02"), CALENDAR_OFF, "x" },
					{ day("2026-03-02"), CALENDAR_OFF, "x" } };
	CHECK_INT(fx.st->ops->calendar_year_replace(fx.st, &y, twice, 2, &e), FZ_CONFLICT);
	struct calendar_year nosource = { 2026, "", 0 };
	CHECK_INT(fx.st->ops->calendar_year_replace(fx.st, &nosource, twice, 0, &e), FZ_INVALID);
	CHECK_INT(fx.st->ops->calendar_get(fx.st, fx.a, &cal, NULL), FZ_OK);
	CHECK_INT(cal.ndays, 3);
	REQUIRE(cal.nyears == 1);
	CHECK_STR(cal.years[0].source, "国务院办公厅关于2026年部分节假日安排的通知");
	store_fx_close(&fx);
}

TEST(store_calendar_replace_inside_a_rolled_back_transaction_is_undone)
{
	struct store_fx fx;
	struct calendar cal;
	REQUIRE(store_fx_open(&fx));
	CHECK_INT(put_2026(fx.st, 3), FZ_OK);
	CHECK_INT(fx.st->ops->begin(fx.st, true, NULL), FZ_OK);
	CHECK_INT(put_2026(fx.st, 1), FZ_OK);
	CHECK_INT(put_2025(fx.st), FZ_OK);
	fx.st->ops->rollback(fx.st);
	CHECK_INT(fx.st->ops->calendar_get(fx.st, fx.a, &cal, NULL), FZ_OK);
	CHECK_INT(cal.ndays, 3);
	CHECK_INT(cal.nyears, 1);
	store_fx_close(&fx);
}

/* 2026 replaced by one declared day. */
static enum fz_err put_2026_one(struct store *st, const char *date, const char *name)
{
	struct calendar_day d[] = { { day(date), CALENDAR_OFF, name } };
	struct calendar_year y = { 2026, "通知", 0 };
	return st->ops->calendar_year_replace(st, &y, d, 1, NULL);
}

/* A connection keeps the calendar it read (038_calendar_generation.sql);
 * every change, by any connection or around the store, is seen at the
 * next read. */
TEST(store_calendar_read_again_sees_another_connections_change)
{
	struct store_fx fx;
	struct calendar cal;
	REQUIRE(store_fx_open(&fx));
	CHECK_INT(put_2026(fx.st, 3), FZ_OK);
	CHECK_INT(fx.st->ops->calendar_get(fx.st, fx.a, &cal, NULL), FZ_OK);
	CHECK_INT(cal.ndays, 3);
	struct store *other = contract_reopen(fx.dir);
	REQUIRE(other);
	CHECK_INT(put_2026(other, 1), FZ_OK);
	CHECK_INT(put_2025(other), FZ_OK);
	other->ops->close(other);
	CHECK_INT(fx.st->ops->calendar_get(fx.st, fx.a, &cal, NULL), FZ_OK);
	REQUIRE(cal.ndays == 2 && cal.nyears == 2);
	CHECK_INT(cal.days[0].day, day("2025-01-01"));
	CHECK_STR(cal.days[0].name, "元旦");
	CHECK_INT(cal.days[1].day, day("2026-10-10"));
	store_fx_close(&fx);
}

TEST(store_calendar_read_inside_a_rolled_back_change_is_not_kept)
{
	struct store_fx fx;
	struct calendar cal;
	REQUIRE(store_fx_open(&fx));
	CHECK_INT(put_2026(fx.st, 3), FZ_OK);
	CHECK_INT(fx.st->ops->calendar_get(fx.st, fx.a, &cal, NULL), FZ_OK);
	CHECK_INT(fx.st->ops->begin(fx.st, true, NULL), FZ_OK);
	CHECK_INT(put_2026_one(fx.st, "2026-10-01", "国庆节"), FZ_OK);
	CHECK_INT(fx.st->ops->calendar_get(fx.st, fx.a, &cal, NULL), FZ_OK);
	CHECK_INT(cal.ndays, 1); /* the transaction sees its own change */
	fx.st->ops->rollback(fx.st);
	/* another change of as many rows, committed after the rollback and
	 * before this connection reads again, is what it reads (a stamp
	 * counted up would be the rolled-back change's again) */
	struct store *other = contract_reopen(fx.dir);
	REQUIRE(other);
	CHECK_INT(put_2026_one(other, "2026-05-01", "劳动节"), FZ_OK);
	other->ops->close(other);
	CHECK_INT(fx.st->ops->calendar_get(fx.st, fx.a, &cal, NULL), FZ_OK);
	REQUIRE(cal.ndays == 1);
	CHECK_INT(cal.days[0].day, day("2026-05-01"));
	CHECK_STR(cal.days[0].name, "劳动节");
	store_fx_close(&fx);
}

TEST(store_calendar_read_again_sees_a_change_made_around_the_store)
{
	struct store_fx fx;
	struct calendar cal;
	char msg[200];
	REQUIRE(store_fx_open(&fx));
	CHECK_INT(put_2026(fx.st, 3), FZ_OK);
	CHECK_INT(fx.st->ops->calendar_get(fx.st, fx.a, &cal, NULL), FZ_OK);
	REQUIRE(cal.ndays == 3);
	CHECK_STR(cal.days[0].name, "春节");
	CHECK_INT(contract_raw_exec(fx.dir,
				    "UPDATE calendar_days SET name = '除夕' WHERE day = '2026-02-15'",
				    msg, sizeof msg), 0);
	CHECK_INT(fx.st->ops->calendar_get(fx.st, fx.a, &cal, NULL), FZ_OK);
	REQUIRE(cal.ndays == 3);
	CHECK_STR(cal.days[0].name, "除夕");
	CHECK_INT(contract_raw_exec(fx.dir,
				    "DELETE FROM calendar_days WHERE year = 2026;"
				    " DELETE FROM calendar_years WHERE year = 2026",
				    msg, sizeof msg), 0);
	CHECK_INT(fx.st->ops->calendar_get(fx.st, fx.a, &cal, NULL), FZ_OK);
	CHECK_INT(cal.nyears, 0);
	CHECK_INT(cal.ndays, 0);
	store_fx_close(&fx);
}

/* A calendar handed out of the connection's kept one is the caller's own:
 * its names and sources still read the same after the connection has
 * read a changed calendar and dropped what it kept (ASan would see a
 * name left pointing into the dropped copy), and a second copy of the
 * kept one is equal to the first. */
TEST(store_calendar_copies_of_the_kept_one_outlive_it)
{
	struct store_fx fx;
	struct calendar first, second, kept;
	REQUIRE(store_fx_open(&fx));
	CHECK_INT(put_2026(fx.st, 3), FZ_OK);
	CHECK_INT(put_2025(fx.st), FZ_OK);
	CHECK_INT(fx.st->ops->calendar_get(fx.st, fx.a, &first, NULL), FZ_OK);  /* read, kept */
	CHECK_INT(fx.st->ops->calendar_get(fx.st, fx.a, &kept, NULL), FZ_OK);   /* the kept one */
	REQUIRE(kept.ndays == 4 && kept.nyears == 2);
	for (size_t i = 0; i < kept.ndays; i++) {
		CHECK_INT(kept.days[i].day, first.days[i].day);
		CHECK_STR(kept.days[i].name, first.days[i].name);
		CHECK(kept.days[i].name != first.days[i].name);
	}
	CHECK_STR(kept.years[1].source, "国务院办公厅关于2026年部分节假日安排的通知");
	CHECK_STR(kept.years[0].source, "通知");
	/* another connection changes the calendar: this one reads it again
	 * and drops its kept copy */
	struct store *other = contract_reopen(fx.dir);
	REQUIRE(other);
	CHECK_INT(put_2026(other, 1), FZ_OK);
	other->ops->close(other);
	CHECK_INT(fx.st->ops->calendar_get(fx.st, fx.a, &second, NULL), FZ_OK);
	CHECK_INT(second.ndays, 2);
	CHECK_STR(kept.days[1].name, "春节");
	CHECK_STR(kept.days[3].name, "国庆节");
	CHECK_STR(kept.years[1].source, "国务院办公厅关于2026年部分节假日安排的通知");
	store_fx_close(&fx);
}
