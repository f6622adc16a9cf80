/* calendar.c - parsing the holiday calendar's text format and answering
 * "is this a working day?". A year the State Council has not yet published
 * is never guessed silently: it falls back to weekends and the fixed-date
 * holidays and every answer about it is marked provisional. */
#include "domain/calendar.h"

#include <stdlib.h>
#include <string.h>

#include "base/date.h"

/* --- dates --- */

int calendar_weekday(int64_t day)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	int64_t r = (day + 3) % 7;
	return (int)(r < 0 ? r + 7 : r);
}

const char *calendar_weekday_label(int64_t day)
{
	static const char *const labels[7] = { "一", "二", "三", "四", "五", "六", "日" };
	return labels[calendar_weekday(day)];
}

/* Year, month and day of a day number; all 0 outside years 1..9999. A
 * clock classifies every day it counts: split by arithmetic, not by
 * writing the date out and parsing it back. */
static void day_civil(int64_t day, int *y, int *m, int *d)
{
	date_split(day, y, m, d);
}

int calendar_year_of(int64_t day)
{
	int y, m, d;
	day_civil(day, &y, &m, &d);
	return y;
}

/* --- lookups --- */

const struct calendar_year *calendar_year_find(const struct calendar *cal, int year)
{
	size_t lo = 0, hi = cal->nyears;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cal->years[mid].year < year)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < cal->nyears && cal->years[lo].year == year ? &cal->years[lo] : NULL;
}

bool calendar_covers(const struct calendar *cal, int year)
{
	return calendar_year_find(cal, year) != NULL;
}

size_t calendar_day_lower_bound(const struct calendar *cal, int64_t day)
{
	size_t lo = 0, hi = cal->ndays;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cal->days[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const struct calendar_day *calendar_day_find(const struct calendar *cal, int64_t day)
{
	size_t i = calendar_day_lower_bound(cal, day);
	return i < cal->ndays && cal->days[i].day == day ? &cal->days[i] : NULL;
}

/* The statutory holidays that fall on the same date every year
 * (全国年节及纪念日放假办法 art. 2): New Year, Labour Day (May 1, and May 2
 * from 2025 on) and National Day. The lunar holidays (Spring Festival,
 * Qingming, Dragon Boat, Mid-Autumn) and the weekend swaps cannot be
 * guessed: only the State Council's notice fixes them. */
static const char *fixed_holiday(int y, int m, int d)
{
	if (m == 1 && d == 1)
		return "元旦";
	if (m == 5 && (d == 1 || (d == 2 && y >= 2025)))
		return "劳动节";
	if (m == 10 && d >= 1 && d <= 3)
		return "国庆节";
	return NULL;
}

void calendar_classify(const struct calendar *cal, int64_t day, struct calendar_info *out)
{
	int y, m, d;
	bool weekend = calendar_weekday(day) >= 5;
	memset(out, 0, sizeof *out);
	day_civil(day, &y, &m, &d);
	out->kind = weekend ? CALENDAR_WEEKEND : CALENDAR_WEEKDAY;
	out->working = !weekend;
	if (calendar_covers(cal, y)) {
		const struct calendar_day *cd = calendar_day_find(cal, day);
		if (cd) {
			out->kind = cd->mark == CALENDAR_WORK ? CALENDAR_MAKEUP : CALENDAR_HOLIDAY;
			out->working = cd->mark == CALENDAR_WORK;
			out->name = cd->name;
		}
		return;
	}
	out->provisional = true;
	const char *fixed = fixed_holiday(y, m, d);
	if (fixed) {
		out->kind = CALENDAR_HOLIDAY;
		out->working = false;
		out->name = fixed;
	}
}

bool calendar_is_working_day(const struct calendar *cal, int64_t day, bool *provisional)
{
	struct calendar_info info;
	calendar_classify(cal, day, &info);
	if (provisional)
		*provisional = info.provisional;
	return info.working;
}

int calendar_working_days_in_year(const struct calendar *cal, int year)
{
	if (year < 1 || year > 9999)
		return 0;
	int64_t first = date_to_days(year, 1, 1), last = date_to_days(year, 12, 31);
	int n = 0;
	for (int64_t day = first; day <= last; day++)
		n += calendar_is_working_day(cal, day, NULL);
	return n;
}

/* --- sorting --- */

static int day_cmp(const void *a, const void *b)
{
	int64_t x = ((const struct calendar_day *)a)->day, y = ((const struct calendar_day *)b)->day;
	return (x > y) - (x < y);
}

static int year_cmp(const void *a, const void *b)
{
	int x = ((const struct calendar_year *)a)->year, y = ((const struct calendar_year *)b)->year;
	return (x > y) - (x < y);
}

bool calendar_sort(struct calendar *cal, int64_t *dup)
{
	if (cal->ndays)
		qsort(cal->days, cal->ndays, sizeof *cal->days, day_cmp);
	if (cal->nyears)
		qsort(cal->years, cal->nyears, sizeof *cal->years, year_cmp);
	for (size_t i = 1; i < cal->ndays; i++) {
		if (cal->days[i].day == cal->days[i - 1].day) {
			if (dup)
				*dup = cal->days[i].day;
			return false;
		}
	}
	for (size_t i = 1; i < cal->nyears; i++)
		if (cal->years[i].year == cal->years[i - 1].year)
			return false;
	return true;
}

enum fz_err calendar_replace_years(struct arena *a, const struct calendar *old,
				   const struct calendar *file, struct calendar *out,
				   struct fz_error *e)
{
	memset(out, 0, sizeof *out);
	out->years = arena_calloc(a, old->nyears + file->nyears + 1, sizeof *out->years);
	out->days = arena_calloc(a, old->ndays + file->ndays + 1, sizeof *out->days);
	if (!out->years || !out->days)
		return fz_fail(e, FZ_NOMEM, "", NULL);
	for (size_t i = 0; i < old->nyears; i++)
		if (!calendar_covers(file, old->years[i].year))
			out->years[out->nyears++] = old->years[i];
	for (size_t i = 0; i < file->nyears; i++)
		out->years[out->nyears++] = file->years[i];
	for (size_t i = 0; i < old->ndays; i++)
		if (!calendar_covers(file, calendar_year_of(old->days[i].day)))
			out->days[out->ndays++] = old->days[i];
	for (size_t i = 0; i < file->ndays; i++)
		out->days[out->ndays++] = file->days[i];
	if (!calendar_sort(out, NULL))
		return fz_fail(e, FZ_INVALID, "", "日历合并后有重复的日期"); /* a file parsed checks this */
	return FZ_OK;
}
