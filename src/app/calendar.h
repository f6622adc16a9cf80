/* calendar.h - use cases of the holiday calendar and the clock: loading
 * a calendar file (the sysadmin's configuration, audited with what it
 * changed), reading the calendar, and computing a deadline over it. */
#ifndef FZ_APP_CALENDAR_H
#define FZ_APP_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>

#include "app/app.h"
#include "domain/calendar.h"
#include "domain/clock.h"

/* A calendar file is a few kilobytes a year; this is far above that. */
#define APP_CALENDAR_TEXT_MAX (1u << 20)

/* What loading did to one year of the file. */
struct calendar_load_year {
	int year;
	bool is_new;   /* the database did not cover the year before */
	int added;     /* dates the year did not have */
	int removed;   /* dates the year no longer has */
	int changed;   /* dates kept with another kind (off/work) or name */
	int days;      /* declared days of the year now */
};

struct calendar_load_report {
	struct calendar_load_year *years; /* in ctx->a, sorted by year */
	size_t nyears;
	int added, removed, changed;      /* over all years */
};

/* Parses text (the format of data/calendar/cn.txt) and stores each year
 * it contains, replacing those years entirely; other years stay. One
 * transaction, one audit record ("calendar.load") with the counts per
 * year. Needs PERM_CALENDAR_WRITE. origin (a file name, or NULL) starts
 * error messages: a malformed file is FZ_INVALID "cn.txt：第 12 行：…" and
 * nothing changes; over APP_CALENDAR_TEXT_MAX is FZ_TOOLARGE. report may
 * be NULL. */
enum fz_err app_calendar_load_text(struct app_ctx *ctx, const char *text, size_t len,
				   const char *origin, struct calendar_load_report *report,
				   struct fz_error *e) FZ_MUST_CHECK;

/* Stores the years of cal (parsed already) as app_calendar_load_text
 * does: the one path, in one transaction with its audit record and the
 * deadlines it moves. With expect_fp, refuses (FZ_CONFLICT, field
 * "base") when the stored calendar's fingerprint is no longer expect_fp:
 * a preview made before another load is stale. With upload_digest, the
 * held upload (calendar_upload.h) is deleted in the same transaction; one
 * already gone is FZ_CONFLICT (field "token"). */
enum fz_err app_calendar_apply(struct app_ctx *ctx, const struct calendar *cal,
			       const char *origin, const char *expect_fp,
			       const unsigned char *upload_digest,
			       struct calendar_load_report *report, struct fz_error *e)
	FZ_MUST_CHECK;

/* SHA-256 (hex) of what a calendar says: its years with their sources
 * and its days with their kinds and names (not when they were loaded). */
#define APP_CALENDAR_FP_HEX 65
void app_calendar_fingerprint(const struct calendar *cal, char out[APP_CALENDAR_FP_HEX]);

/* Puts origin in front of a parse error's message ("cn.txt：第 3 行：…"). */
enum fz_err app_calendar_with_origin(enum fz_err rc, const char *origin, struct fz_error *e);

/* Loads the calendar built into the binary, but only into a database
 * that covers no year at all (a new one); *loaded says whether it did. */
enum fz_err app_calendar_load_default(struct app_ctx *ctx, bool *loaded,
				      struct calendar_load_report *report, struct fz_error *e)
	FZ_MUST_CHECK;

/* The stored calendar, in ctx->a. Public information: no permission.
 * What storage holds in the caller's snapshot: a connection reuses the
 * calendar it read last while the calendar's stamp (migration 038,
 * drawn anew by every change) is the same, else reads it again. */
enum fz_err app_calendar_get(struct app_ctx *ctx, struct calendar *out, struct fz_error *e)
	FZ_MUST_CHECK;

/* The calendar built into the binary (data/calendar/cn.txt when it was
 * built), parsed into a: for the shell without a database. */
enum fz_err app_calendar_builtin(struct arena *a, struct calendar *out, struct fz_error *e)
	FZ_MUST_CHECK;

/* The deadline for in over the stored calendar, steps in ctx->a. See
 * clock_compute for the rules and errors. */
enum fz_err app_deadline(struct app_ctx *ctx, const struct clock_input *in,
			 struct deadline *out, struct fz_error *e) FZ_MUST_CHECK;

/* The year whose holiday arrangement the system needs but lacks: the
 * current year if uncovered, else next year from October on (when the
 * State Council's notice is due and deadlines begin to reach it); 0 when
 * none. Deadlines reaching it are 暂定 until it is loaded. */
int app_calendar_missing_year(struct app_ctx *ctx);

#endif
