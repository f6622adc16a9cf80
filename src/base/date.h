/* date.h - calendar dates as "YYYY-MM-DD" strings and instants as Unix
 * seconds, shown in China Standard Time.
 *
 * China has used UTC+8 all year since 1992, so local time here is a fixed
 * offset: nothing reads the TZ environment variable or the C library's
 * time zone database. Dates use the proleptic Gregorian calendar, years
 * 0001 to 9999. */
#ifndef FZ_BASE_DATE_H
#define FZ_BASE_DATE_H

#include <stdbool.h>
#include <stdint.h>

#define DATE_UTC_OFFSET (8 * 3600) /* China Standard Time, no DST */

/* True when y-m-d is a real calendar day with 1 <= y <= 9999
 * (29 February only in leap years). */
bool date_valid(int y, int m, int d);
/* Days in month m (1..12) of year y; 0 when m is out of range. */
int date_days_in_month(int y, int m);

/* Parses exactly "YYYY-MM-DD" (ten characters, ASCII digits, nothing
 * before or after) naming a real day. Any of y, m, d may be NULL when only
 * validity matters. On false nothing is written. */
bool date_parse(const char *s, int *y, int *m, int *d);

/* Days since 1970-01-01 (negative before it). Arguments must satisfy
 * date_valid(); others give an unspecified number. */
int64_t date_to_days(int y, int m, int d);
/* Writes "YYYY-MM-DD" for a day number from date_to_days(); writes ""
 * when the day falls outside years 0001..9999. */
void date_from_days(int64_t days, char out[11]);
/* The year, month and day of a day number, as date_from_days would write
 * them, without the text; false, and all three 0, outside 0001..9999. */
bool date_split(int64_t days, int *y, int *m, int *d);

/* Today's date in China for the instant now_unix (pass time_now()). */
void date_today(int64_t now_unix, char out[11]);
/* b - a in days, e.g. ("2024-02-28", "2024-03-01") -> 2. Returns INT_MIN
 * when either string is not a valid date (see <limits.h>). */
int date_diff_days(const char *a, const char *b);
/* out = s + n days (n may be negative). False, and out = "", when s is not
 * a valid date or the result leaves years 0001..9999. out may be s. */
bool date_add_days(const char *s, int n, char out[11]);

/* "YYYY-MM-DD HH:MM:SS" in China Standard Time; "" outside years
 * 0001..9999. */
void time_format_local(int64_t unix_seconds, char out[20]);
/* Parses a China Standard Time minute, "YYYY-MM-DD HH:MM" or
 * "YYYY-MM-DDTHH:MM" (what an HTML datetime-local input sends), into
 * Unix seconds. False, and nothing written, for anything else. */
bool time_parse_local(const char *s, int64_t *unix_seconds);
/* The current instant in Unix seconds (CLOCK_REALTIME). */
int64_t time_now(void);

#endif
