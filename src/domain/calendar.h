/* calendar.h - the working-day calendar: which years the State Council's
 * holiday arrangements cover, their declared days off (放假) and make-up
 * working days (调休上班), and whether a given day is a working day.
 * Parsed from the text format of data/calendar/cn.txt; no I/O here. */
#ifndef FZ_DOMAIN_CALENDAR_H
#define FZ_DOMAIN_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"

#define CALENDAR_NAME_MAX 120   /* bytes of a holiday name */
#define CALENDAR_SOURCE_MAX 500 /* bytes of a year's source */

enum calendar_mark {
	CALENDAR_OFF = 1, /* declared day off ("off") */
	CALENDAR_WORK,    /* weekend day declared a working day ("work") */
};

/* One declared day. day counts days since 1970-01-01 (date_to_days). */
struct calendar_day {
	int64_t day;
	enum calendar_mark mark;
	const char *name; /* 国庆节, 春节 ...: the holiday it belongs to */
};

struct calendar_year {
	int year;
	const char *source;   /* the notice(s) the days come from */
	int64_t loaded_at;    /* Unix seconds when stored; 0 when parsed */
};

/* The off and work sets as one array sorted by day (a day is in at most
 * one of them), and the covered years sorted by year. Memory belongs to
 * whoever filled it (an arena); the struct owns nothing itself. */
struct calendar {
	struct calendar_year *years;
	size_t nyears;
	struct calendar_day *days;
	size_t ndays;
};

/* What a day is, for counting and for explaining a count. */
enum calendar_kind {
	CALENDAR_WEEKDAY = 1, /* Monday-Friday, an ordinary working day */
	CALENDAR_WEEKEND,     /* Saturday or Sunday, an ordinary rest day */
	CALENDAR_HOLIDAY,     /* declared off (or, provisionally, a fixed-date holiday) */
	CALENDAR_MAKEUP,      /* Saturday or Sunday declared a working day */
};

struct calendar_info {
	enum calendar_kind kind;
	bool working;
	bool provisional;  /* the year is not covered: a guess, see below */
	const char *name;  /* holiday name for HOLIDAY and MAKEUP, else NULL */
};

/* Parses the text format (see data/calendar/cn.txt) into out, allocating
 * in a. Strict: an unknown keyword, a bad date, a `work` day that is not
 * a Saturday or Sunday, a date whose year has no earlier `year` line, a
 * date or year given twice, a missing name or source, invalid UTF-8 or a
 * NUL byte are FZ_INVALID with a message that starts "第 N 行：". On
 * error out is left empty. */
enum fz_err calendar_parse(struct arena *a, const char *text, size_t len,
			   struct calendar *out, struct fz_error *e) FZ_MUST_CHECK;

/* Sorts days and years; false (with the first duplicate day in *dup,
 * when dup is given) when a day or a year appears twice. For calendars
 * assembled by hand or by storage. */
bool calendar_sort(struct calendar *cal, int64_t *dup);

/* old with every year file covers replaced by file's (years and days),
 * the others kept: what storing file would leave (app/calendar.c), built
 * in a without storing anything, for a preview. */
enum fz_err calendar_replace_years(struct arena *a, const struct calendar *old,
				   const struct calendar *file, struct calendar *out,
				   struct fz_error *e) FZ_MUST_CHECK;

bool calendar_covers(const struct calendar *cal, int year);
/* The covered year's record, or NULL. */
const struct calendar_year *calendar_year_find(const struct calendar *cal, int year);
/* The declared day, or NULL. */
const struct calendar_day *calendar_day_find(const struct calendar *cal, int64_t day);
/* Index of the first declared day >= day (ndays when none). */
size_t calendar_day_lower_bound(const struct calendar *cal, int64_t day);

/* A day is a working day iff it is declared `work`, or it is Monday-Friday
 * and not declared `off`. In a year the calendar does not cover, only
 * weekends and the fixed-date statutory holidays are known, and info
 * (or *provisional) says so. */
void calendar_classify(const struct calendar *cal, int64_t day, struct calendar_info *out);
bool calendar_is_working_day(const struct calendar *cal, int64_t day, bool *provisional);

/* 0 = Monday ... 6 = Sunday. */
int calendar_weekday(int64_t day);
/* 一 ... 日, for "星期一"; static storage. */
const char *calendar_weekday_label(int64_t day);
/* The calendar year of a day number. */
int calendar_year_of(int64_t day);
/* Working days in a covered or uncovered year (uncovered: provisional). */
int calendar_working_days_in_year(const struct calendar *cal, int year);

#endif
