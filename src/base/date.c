/* date.c - day arithmetic on the proleptic Gregorian calendar; see date.h.
 *
 * Day numbers use Howard Hinnant's days_from_civil / civil_from_days
 * algorithms, which count in 400-year eras and so need no tables and no
 * loops, and are exact for every date we accept. */
#include "base/date.h"

#include <limits.h>
#include <string.h>
#include <time.h>

static bool date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && date_is_leap(y))
		return 29;
	return days[m - 1];
}

bool date_valid(int y, int m, int d)
{
	if (y < 1 || y > 9999)
		return false;
	return d >= 1 && d <= date_days_in_month(y, m);
}

/* Reads n ASCII digits at s; -1 when any is not a digit. */
static int date_read_digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Writes v as exactly n digits, zero-padded (v must fit). */
static void date_put_digits(char *p, int v, int n)
{
	for (int i = n - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
}

bool date_parse(const char *s, int *y, int *m, int *d)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	int yy = date_read_digits(s, 4);
	int mm = date_read_digits(s + 5, 2);
	int dd = date_read_digits(s + 8, 2);
	if (yy < 0 || mm < 0 || dd < 0 || !date_valid(yy, mm, dd))
		return false;
	if (y)
		*y = yy;
	if (m)
		*m = mm;
	if (d)
		*d = dd;
	return true;
}

int64_t date_to_days(int y, int m, int d)
{
	int64_t yy = (int64_t)y - (m <= 2);
	int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
	int64_t yoe = yy - era * 400;                           /* [0, 399] */
	int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* [0, 365] */
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;    /* [0, 146096] */

	return era * 146097 + doe - 719468;
}

/* Splits a day number into year, month and day. */
static void date_civil(int64_t days, int64_t *y, int *m, int *d)
{
	int64_t z = days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* The day numbers of 0001-01-01 and 9999-12-31; outside them a year
 * would not fit in four digits. */
#define DATE_DAYS_MIN (-719162)
#define DATE_DAYS_MAX 2932896

void date_from_days(int64_t days, char out[11])
{
	int64_t y;
	int m, d;

	out[0] = '\0';
	if (days < DATE_DAYS_MIN || days > DATE_DAYS_MAX)
		return;
	date_civil(days, &y, &m, &d);
	date_put_digits(out, (int)y, 4);
	out[4] = '-';
	date_put_digits(out + 5, m, 2);
	out[7] = '-';
	date_put_digits(out + 8, d, 2);
	out[10] = '\0';
}

bool date_split(int64_t days, int *y, int *m, int *d)
{
	int64_t yy;
	if (days < DATE_DAYS_MIN || days > DATE_DAYS_MAX) {
		*y = *m = *d = 0;
		return false;
	}
	date_civil(days, &yy, m, d);
	*y = (int)yy;
	return true;
}

/* Floor division, so that instants before 1970 fall on the right day. */
static int64_t date_floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

void date_today(int64_t now_unix, char out[11])
{
	date_from_days(date_floor_div(now_unix + DATE_UTC_OFFSET, 86400), out);
}

int date_diff_days(const char *a, const char *b)
{
	int ya, ma, da, yb, mb, db;

	if (!date_parse(a, &ya, &ma, &da) || !date_parse(b, &yb, &mb, &db))
		return INT_MIN;
	/* At most about 3.65 million: fits any int. */
	return (int)(date_to_days(yb, mb, db) - date_to_days(ya, ma, da));
}

bool date_add_days(const char *s, int n, char out[11])
{
	int y, m, d;

	if (!date_parse(s, &y, &m, &d)) {
		out[0] = '\0';
		return false;
	}
	date_from_days(date_to_days(y, m, d) + n, out);
	return out[0] != '\0';
}

void time_format_local(int64_t unix_seconds, char out[20])
{
	out[0] = '\0';
	/* Keep the addition below from overflowing; such instants are far
	 * outside years 0001..9999 anyway. */
	if (unix_seconds > INT64_MAX / 2 || unix_seconds < INT64_MIN / 2)
		return;
	int64_t local = unix_seconds + DATE_UTC_OFFSET;
	int64_t days = date_floor_div(local, 86400);
	int64_t secs = local - days * 86400; /* [0, 86399] */

	date_from_days(days, out);
	if (out[0] == '\0')
		return;
	out[10] = ' ';
	date_put_digits(out + 11, (int)(secs / 3600), 2);
	out[13] = ':';
	date_put_digits(out + 14, (int)(secs / 60 % 60), 2);
	out[16] = ':';
	date_put_digits(out + 17, (int)(secs % 60), 2);
	out[19] = '\0';
}

bool time_parse_local(const char *s, int64_t *unix_seconds)
{
	char day[11];
	int y, mo, d;
	if (!s || strlen(s) != 16 || (s[10] != ' ' && s[10] != 'T') || s[13] != ':')
		return false;
	memcpy(day, s, 10);
	day[10] = '\0';
	if (!date_parse(day, &y, &mo, &d))
		return false;
	for (int i = 11; i < 16; i++)
		if (i != 13 && (s[i] < '0' || s[i] > '9'))
			return false;
	int h = (s[11] - '0') * 10 + (s[12] - '0');
	int mi = (s[14] - '0') * 10 + (s[15] - '0');
	if (h > 23 || mi > 59)
		return false;
	if (unix_seconds)
		*unix_seconds = date_to_days(y, mo, d) * 86400 + h * 3600 + mi * 60 -
				DATE_UTC_OFFSET;
	return true;
}

int64_t time_now(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
		return (int64_t)time(NULL);
	return (int64_t)ts.tv_sec;
}
