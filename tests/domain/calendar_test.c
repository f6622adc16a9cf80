/* calendar_test.c - the shipped holiday calendar and its text format:
 * working days per year match the reference counts, real holiday weeks
 * with their make-up days, the provisional fallback for a year not yet
 * published, and each malformed line rejected by number. */
#include <stdio.h>

#include "t.h"

#include "calendar_fx.h"
#include "domain/calendar.h"

#define DAY calendar_fx_day

static bool working(const struct calendar *cal, const char *date, bool *provisional)
{
	return calendar_is_working_day(cal, DAY(date), provisional);
}

TEST(calendar_cn_covers_2018_to_2026_only)
{
	const struct calendar *cal = calendar_fx_cn();
	REQUIRE(cal);
	for (int y = 2018; y <= 2026; y++)
		CHECK(calendar_covers(cal, y));
	CHECK(!calendar_covers(cal, 2017));
	CHECK(!calendar_covers(cal, 2027));
	CHECK_CONTAINS(calendar_year_find(cal, 2026)->source, "2026年部分节假日安排");
	CHECK_CONTAINS(calendar_year_find(cal, 2020)->source, "国办发明电〔2020〕1号");
}

/* The check values in ../shared/reference/holidays-cn.md. */
TEST(calendar_cn_working_days_per_year_match_the_reference)
{
	static const int expected[] = { 250, 250, 249, 250, 249, 249, 251, 248, 248 };
	const struct calendar *cal = calendar_fx_cn();
	REQUIRE(cal);
	for (int y = 2018; y <= 2026; y++)
		CHECK_INT(calendar_working_days_in_year(cal, y) * 10000 + y,
			  expected[y - 2018] * 10000 + y);
}

TEST(calendar_national_day_2025_with_its_make_up_days)
{
	const struct calendar *cal = calendar_fx_cn();
	bool prov = true;
	REQUIRE(cal);
	CHECK(working(cal, "2025-09-26", &prov)); /* Friday */
	CHECK(!prov);
	CHECK(!working(cal, "2025-09-27", NULL)); /* Saturday */
	CHECK(working(cal, "2025-09-28", NULL));  /* Sunday, 调休上班 */
	for (int d = 1; d <= 8; d++) {
		char date[11];
		snprintf(date, sizeof date, "2025-10-%02d", d);
		CHECK(!working(cal, date, NULL));
	}
	CHECK(working(cal, "2025-10-09", NULL));
	CHECK(working(cal, "2025-10-11", NULL)); /* Saturday, 调休上班 */
	CHECK(!working(cal, "2025-10-12", NULL));
	struct calendar_info info;
	calendar_classify(cal, DAY("2025-10-06"), &info);
	CHECK_INT(info.kind, CALENDAR_HOLIDAY);
	CHECK_STR(info.name, "国庆节、中秋节");
	calendar_classify(cal, DAY("2025-09-28"), &info);
	CHECK_INT(info.kind, CALENDAR_MAKEUP);
}

TEST(calendar_spring_festival_2026_with_its_make_up_days)
{
	const struct calendar *cal = calendar_fx_cn();
	REQUIRE(cal);
	CHECK(working(cal, "2026-02-13", NULL));
	CHECK(working(cal, "2026-02-14", NULL)); /* Saturday, 调休上班 */
	for (int d = 15; d <= 23; d++) {
		char date[11];
		snprintf(date, sizeof date, "2026-02-%02d", d);
		CHECK(!working(cal, date, NULL));
	}
	CHECK(working(cal, "2026-02-24", NULL));
	CHECK(working(cal, "2026-02-28", NULL)); /* Saturday, 调休上班 */
	CHECK(!working(cal, "2026-03-01", NULL));
}

TEST(calendar_uncovered_year_falls_back_to_fixed_holidays_and_is_provisional)
{
	const struct calendar *cal = calendar_fx_cn();
	bool prov = false;
	REQUIRE(cal);
	CHECK(!working(cal, "2027-01-01", &prov)); /* Friday, 元旦 */
	CHECK(prov);
	CHECK(working(cal, "2027-01-04", &prov));
	CHECK(prov);
	CHECK(working(cal, "2027-02-08", NULL)); /* lunar: unknown, counted */
	CHECK(!working(cal, "2027-10-01", NULL));
	CHECK(working(cal, "2027-05-03", NULL)); /* Monday */
	struct calendar empty = { 0 };
	CHECK(!working(&empty, "2025-05-02", &prov)); /* Labour Day is 2 days from 2025 */
	CHECK(prov);
	CHECK(working(&empty, "2024-05-02", NULL));
	CHECK(!working(&empty, "2024-10-03", NULL));
	CHECK(working(&empty, "2024-10-04", NULL));
	struct calendar_info info;
	calendar_classify(&empty, DAY("2027-01-01"), &info);
	CHECK_STR(info.name, "元旦");
	CHECK(info.provisional);
}

TEST(calendar_weekday_counts_from_a_thursday_epoch)
{
	CHECK_INT(calendar_weekday(0), 3);            /* 1970-01-01 Thursday */
	CHECK_INT(calendar_weekday(-1), 2);           /* 1969-12-31 Wednesday */
	CHECK_INT(calendar_weekday(DAY("2025-09-26")), 4);
	CHECK_STR(calendar_weekday_label(DAY("2025-10-12")), "日");
	CHECK_INT(calendar_year_of(DAY("2026-12-31")), 2026);
}

static enum fz_err parse(const char *text, struct calendar *cal, struct fz_error *e)
{
	struct arena *a = arena_new();
	enum fz_err rc = calendar_parse(a, text, strlen(text), cal, e);
	arena_free(a);
	return rc;
}

TEST(calendar_parse_accepts_comments_blank_lines_crlf_and_any_order)
{
	struct arena *a = arena_new();
	struct calendar cal;
	struct fz_error e = { 0 };
	const char *text = "# a comment\r\n\n  year 2026 source 国务院办公厅通知 \r\n"
			   "2026-10-10 work 国庆节\r\n\t2026-10-01  off  国庆节\r\n"
			   "year 2025 source 通知\n2025-01-01 off 元旦";
	REQUIRE(calendar_parse(a, text, strlen(text), &cal, &e) == FZ_OK);
	CHECK_INT(cal.nyears, 2);
	CHECK_INT(cal.years[0].year, 2025);
	CHECK_STR(cal.years[1].source, "国务院办公厅通知");
	CHECK_INT(cal.ndays, 3);
	CHECK_INT(cal.days[1].day, DAY("2026-10-01"));
	CHECK_STR(cal.days[1].name, "国庆节");
	CHECK_INT(cal.days[2].mark, CALENDAR_WORK);
	arena_free(a);
}

/* Each malformed input is FZ_INVALID with a message naming its line. */
TEST(calendar_parse_rejects_each_malformed_line_by_number)
{
	static const struct {
		const char *text;
		const char *message;
	} cases[] = {
		{ "yaer 2026 source x\n", "第 1 行：应为 year 行" },
		{ "year 26 source x\n", "第 1 行：year 后应为四位数字的年份" },
		{ "year 2026 from x\n", "第 1 行：年份后应为 source" },
		{ "year 2026 source   \n", "第 1 行：来源说明为空" },
		{ "year 2026 source x\nyear 2026 source y\n", "第 2 行：2026 年重复声明" },
		{ "year 2026 source x\n2026-02-30 off 春节\n", "第 2 行：2026-02-30 不是有效日期" },
		{ "year 2026 source x\n2026-2-3 off 春节\n", "第 2 行：应为 year 行" },
		{ "2026-01-01 off 元旦\nyear 2026 source x\n", "第 1 行：2026 年之前没有 year 行" },
		{ "year 2026 source x\n\n2026-02-15 holiday 春节\n", "第 3 行：日期后应为 off" },
		{ "year 2026 source x\n2026-02-16 work 春节\n", "第 2 行：2026-02-16 是星期一" },
		{ "year 2026 source x\n2026-02-15 off\n", "第 2 行：节日名称为空" },
		{ "year 2026 source x\n2026-02-15 off 春\x01节\n", "第 2 行：节日名称含有控制字符" },
		{ "year 2026 source x\n2026-02-15 off \xff\n", "第 2 行：不是有效的 UTF-8" },
		{ "year 2026 source x\n2026-02-15 off 春节\n# c\n2026-02-15 work 春节\n",
		  "第 4 行：日期 2026-02-15 已在第 2 行出现" },
		{ "# nothing here\n", "日历文件中没有任何 year 行" },
		{ "", "日历文件中没有任何 year 行" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct calendar cal = { .nyears = 99 };
		struct fz_error e = { 0 };
		CHECK_INT(parse(cases[i].text, &cal, &e), FZ_INVALID);
		CHECK_CONTAINS(e.message, cases[i].message);
		CHECK_INT(cal.nyears, 0);
		CHECK_INT(cal.ndays, 0);
	}
}

TEST(calendar_parse_rejects_a_nul_byte_inside_a_line)
{
	static const char text[] = "year 2026 source x\n2026-02-15 off 春\0节\n";
	struct arena *a = arena_new();
	struct calendar cal;
	struct fz_error e = { 0 };
	CHECK_INT(calendar_parse(a, text, sizeof text - 1, &cal, &e), FZ_INVALID);
	CHECK_CONTAINS(e.message, "第 2 行");
	arena_free(a);
}

TEST(calendar_sort_orders_and_finds_duplicates)
{
	struct calendar_day days[] = {
		{ DAY("2026-10-02"), CALENDAR_OFF, "国庆节" },
		{ DAY("2026-10-01"), CALENDAR_OFF, "国庆节" },
	};
	struct calendar_year years[] = { { 2026, "x", 0 } };
	struct calendar cal = { years, 1, days, 2 };
	int64_t dup = 0;
	CHECK(calendar_sort(&cal, &dup));
	CHECK_INT(cal.days[0].day, DAY("2026-10-01"));
	CHECK(calendar_day_find(&cal, DAY("2026-10-02")) == &cal.days[1]);
	CHECK(calendar_day_find(&cal, DAY("2026-10-03")) == NULL);
	days[1].day = days[0].day;
	CHECK(!calendar_sort(&cal, &dup));
	CHECK_INT(dup, DAY("2026-10-01"));
}
