/* calendar_upload.h - loading a holiday calendar from the page in three
 * steps: upload (parsed by the same parser as `fazhi calendar load`, and
 * held, never stored as the calendar), preview (the years it replaces,
 * day by day, and the deadlines of open cases it moves, computed without
 * writing anything), confirm (app_calendar_apply: one transaction,
 * audited like the shell's load; refused when the calendar changed since
 * the preview). Only the sysadmin (PERM_CALENDAR_WRITE). */
#ifndef FZ_APP_CALENDAR_UPLOAD_H
#define FZ_APP_CALENDAR_UPLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/calendar.h"
#include "app/case.h"

/* A page upload is a form body (HTTP_FORM_BODY_MAX, 64 KiB) with a few
 * fields around the file: the file itself up to this. A calendar of nine
 * years is about 10 KiB; larger files go through the shell. */
#define CALENDAR_UPLOAD_MAX (60 * 1024)
/* How long an upload waits for its confirmation. */
#define CALENDAR_UPLOAD_TTL 3600
#define CALENDAR_TOKEN_HEX 65 /* 32 random bytes in hex, and NUL */

/* Parses text (file_name names it in errors: "cn.txt：第 12 行：…") and
 * holds it for ctx->user, writing the token that names it into token.
 * FZ_INVALID for a malformed file (nothing held), FZ_TOOLARGE past
 * CALENDAR_UPLOAD_MAX, FZ_INVALID (field "file") for an empty one.
 * Audited ("calendar.upload"). */
enum fz_err app_calendar_upload(struct app_ctx *ctx, const char *text, size_t len,
				const char *file_name, char token[CALENDAR_TOKEN_HEX],
				struct fz_error *e) FZ_MUST_CHECK;

/* One day of a replaced year that the file adds, removes or changes. */
struct calendar_day_change {
	int64_t day;
	enum calendar_mark before, after; /* 0: not declared on that side */
	const char *name_before, *name_after;
};

struct calendar_year_preview {
	int year;
	bool is_new;                      /* not covered until now */
	const char *source_before;        /* NULL when new */
	const char *source_after;
	int working_days_before, working_days_after;
	int added_off, removed_off, added_work, removed_work;
	struct calendar_day_change *changes; /* by day */
	size_t nchanges;
};

struct calendar_preview {
	const char *file_name;
	int64_t expires_at;
	/* the stored calendar the preview was computed on: confirming with
	 * it is refused once the calendar changes */
	char base[APP_CALENDAR_FP_HEX];
	struct calendar_year_preview *years; /* the file's years, by year */
	size_t nyears;
	struct deadline_move *moves;         /* by case, then clock */
	size_t nmoves;
	const char **agency_names;           /* agency of each move */
};

/* The preview of the upload named by token (held for ctx->user, not
 * expired: else FZ_NOTFOUND). Writes nothing. */
enum fz_err app_calendar_preview(struct app_ctx *ctx, const char *token,
				 struct calendar_preview *out, struct fz_error *e) FZ_MUST_CHECK;

/* Stores the upload's years (app_calendar_apply) if the stored calendar
 * is still the one base names; the upload is then gone. */
enum fz_err app_calendar_confirm(struct app_ctx *ctx, const char *token, const char *base,
				 struct calendar_load_report *report, struct fz_error *e)
	FZ_MUST_CHECK;

#endif
