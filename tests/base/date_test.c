/* date_test.c - strict date parsing, day arithmetic across leap years and
 * era boundaries, and China time independent of TZ. */
#include "t.h"

#include <limits.h>
#include <stdlib.h>

#include "base/date.h"

TEST(date_parse_accepts_real_dates_and_returns_parts)
{
	int y = 0, m = 0, d = 0;
	CHECK(date_parse("2024-02-29", &y, &m, &d));
	CHECK_INT(y, 2024);
	CHECK_INT(m, 2);
	CHECK_INT(d, 29);
	CHECK(date_parse("2000-02-29", NULL, NULL, NULL));
	CHECK(date_parse("0001-01-01", NULL, NULL, NULL));
	CHECK(date_parse("9999-12-31", NULL, NULL, NULL));
	CHECK(date_parse("1970-12-31", NULL, NULL, NULL));
}

TEST(date_parse_rejects_impossible_days)
{
	CHECK(!date_parse("2023-02-29", NULL, NULL, NULL));
	CHECK(!date_parse("1900-02-29", NULL, NULL, NULL));
	CHECK(!date_parse("2024-02-30", NULL, NULL, NULL));
	CHECK(!date_parse("2024-04-31", NULL, NULL, NULL));
	CHECK(!date_parse("2024-13-01", NULL, NULL, NULL));
	CHECK(!date_parse("2024-00-10", NULL, NULL, NULL));
	CHECK(!date_parse("2024-01-00", NULL, NULL, NULL));
	CHECK(!date_parse("0000-01-01", NULL, NULL, NULL));
}

TEST(date_parse_rejects_other_shapes)
{
	int y = 7;
	CHECK(!date_parse("2024-2-29", &y, NULL, NULL));
	CHECK_INT(y, 7); /* untouched on failure */
	CHECK(!date_parse("2024/02/29", NULL, NULL, NULL));
	CHECK(!date_parse("20240229", NULL, NULL, NULL));
	CHECK(!date_parse("2024-02-29 ", NULL, NULL, NULL));
	CHECK(!date_parse(" 2024-02-29", NULL, NULL, NULL));
	CHECK(!date_parse("2024-02-2a", NULL, NULL, NULL));
	CHECK(!date_parse("+024-02-20", NULL, NULL, NULL));
	CHECK(!date_parse("2024-02-29T00:00", NULL, NULL, NULL));
	CHECK(!date_parse("", NULL, NULL, NULL));
	CHECK(!date_parse(NULL, NULL, NULL, NULL));
}

TEST(date_to_days_counts_from_the_unix_epoch)
{
	CHECK_INT(date_to_days(1970, 1, 1), 0);
	CHECK_INT(date_to_days(1970, 1, 2), 1);
	CHECK_INT(date_to_days(1969, 12, 31), -1);
	CHECK_INT(date_to_days(2000, 3, 1), 11017);
	CHECK_INT(date_to_days(2024, 1, 1), 19723);
	CHECK_INT(date_to_days(1, 1, 1), -719162);
	CHECK_INT(date_to_days(9999, 12, 31), 2932896);
}

TEST(date_from_days_round_trips_every_day_of_four_centuries)
{
	/* 1900..2300 spans a non-leap century, a leap one and two more. */
	int64_t start = date_to_days(1900, 1, 1), end = date_to_days(2300, 12, 31);
	char s[11];
	int y, m, d, bad = 0;
	for (int64_t day = start; day <= end; day++) {
		date_from_days(day, s);
		if (!date_parse(s, &y, &m, &d) || date_to_days(y, m, d) != day)
			bad++;
	}
	CHECK_INT(bad, 0);
	CHECK_INT(end - start + 1, 146097 + 365);
}

TEST(date_split_gives_the_parts_date_from_days_writes)
{
	char s[11];
	int y, m, d, py, pm, pd, bad = 0;
	for (int64_t day = date_to_days(1899, 12, 1); day <= date_to_days(2101, 1, 31); day++) {
		date_from_days(day, s);
		if (!date_split(day, &y, &m, &d) || !date_parse(s, &py, &pm, &pd) || y != py ||
		    m != pm || d != pd)
			bad++;
	}
	CHECK_INT(bad, 0);
	CHECK(date_split(-719162, &y, &m, &d));
	CHECK_INT(y * 10000 + m * 100 + d, 10101);
	CHECK(date_split(2932896, &y, &m, &d));
	CHECK_INT(y * 10000 + m * 100 + d, 99991231);
	CHECK(!date_split(-719163, &y, &m, &d));
	CHECK_INT(y + m + d, 0);
	CHECK(!date_split(2932897, &y, &m, &d));
	CHECK_INT(y + m + d, 0);
}

TEST(date_from_days_outside_four_digit_years_is_empty)
{
	char s[11] = "x";
	date_from_days(-719162, s);
	CHECK_STR(s, "0001-01-01");
	date_from_days(-719163, s);
	CHECK_STR(s, "");
	date_from_days(2932896, s);
	CHECK_STR(s, "9999-12-31");
	date_from_days(2932897, s);
	CHECK_STR(s, "");
}

TEST(date_today_uses_china_time_not_tz)
{
	char s[11];
	setenv("TZ", "America/New_York", 1);
	/* 2024-01-01T15:59:59Z is 23:59:59 in China; a second later it is
	 * the next day there. */
	date_today(1704124799, s);
	CHECK_STR(s, "2024-01-01");
	date_today(1704124800, s);
	CHECK_STR(s, "2024-01-02");
	date_today(0, s);
	CHECK_STR(s, "1970-01-01");
	date_today(-8 * 3600 - 1, s);
	CHECK_STR(s, "1969-12-31");
	unsetenv("TZ");
}

TEST(date_diff_days_is_b_minus_a)
{
	CHECK_INT(date_diff_days("2024-02-28", "2024-03-01"), 2);
	CHECK_INT(date_diff_days("2023-02-28", "2023-03-01"), 1);
	CHECK_INT(date_diff_days("2024-03-01", "2024-02-28"), -2);
	CHECK_INT(date_diff_days("2024-01-01", "2024-01-01"), 0);
	CHECK_INT(date_diff_days("2023-01-01", "2024-01-01"), 365);
	CHECK_INT(date_diff_days("2024-01-01", "2025-01-01"), 366);
	CHECK_INT(date_diff_days("2024-02-30", "2024-03-01"), INT_MIN);
	CHECK_INT(date_diff_days("2024-01-01", NULL), INT_MIN);
}

TEST(date_add_days_crosses_months_years_and_leap_days)
{
	char s[11];
	CHECK(date_add_days("2024-02-28", 1, s));
	CHECK_STR(s, "2024-02-29");
	CHECK(date_add_days("2023-02-28", 1, s));
	CHECK_STR(s, "2023-03-01");
	CHECK(date_add_days("2024-12-31", 1, s));
	CHECK_STR(s, "2025-01-01");
	CHECK(date_add_days("2024-03-01", -1, s));
	CHECK_STR(s, "2024-02-29");
	CHECK(date_add_days("2024-01-15", 0, s));
	CHECK_STR(s, "2024-01-15");
	CHECK(date_add_days("2020-06-30", 365 * 5 + 1, s));
	CHECK_STR(s, "2025-06-30");
}

TEST(date_add_days_writes_in_place_and_fails_cleanly)
{
	char s[11] = "2024-02-28";
	CHECK(date_add_days(s, 2, s));
	CHECK_STR(s, "2024-03-01");
	CHECK(!date_add_days("2024-02-30", 1, s));
	CHECK_STR(s, "");
	CHECK(!date_add_days("9999-12-31", 1, s));
	CHECK_STR(s, "");
	CHECK(!date_add_days("0001-01-01", -1, s));
	CHECK(!date_add_days("2024-01-01", INT_MAX, s));
}

TEST(time_format_local_is_china_standard_time)
{
	char s[20];
	setenv("TZ", "UTC", 1);
	time_format_local(0, s);
	CHECK_STR(s, "1970-01-01 08:00:00");
	time_format_local(1704124799, s);
	CHECK_STR(s, "2024-01-01 23:59:59");
	time_format_local(1709222400, s); /* 2024-02-29T16:00:00Z */
	CHECK_STR(s, "2024-03-01 00:00:00");
	time_format_local(-28801, s);
	CHECK_STR(s, "1969-12-31 23:59:59");
	time_format_local(INT64_MAX, s);
	CHECK_STR(s, "");
	unsetenv("TZ");
}

TEST(time_now_is_after_2024)
{
	int64_t now = time_now();
	CHECK(now > 1704067200);
	char s[11];
	date_today(now, s);
	CHECK(date_parse(s, NULL, NULL, NULL));
}
