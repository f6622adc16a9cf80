/* calendar.c - loading the holiday calendar (a file replaces the years it
 * contains, in one audited transaction that records what changed), reading
 * it, and deadlines over it. The calendar built into the binary is the
 * default for a new database and for the shell without one. */
#include "app/calendar.h"
#include "app/case.h"

#include <string.h>

#include "app/audit.h"
#include "app/authz.h"
#include "base/buf.h"
#include "base/crypto.h"
#include "base/date.h"
#include "base/embed.h"

/* data/calendar/cn.txt, generated into the binary by scripts/embed.py. */
extern const struct embedded_file calendar_files[];

#define BUILTIN_ORIGIN "内置日历"

/* The declared days of year in cal: indexes [*lo, *hi). */
static void year_range(const struct calendar *cal, int year, size_t *lo, size_t *hi)
{
	*lo = calendar_day_lower_bound(cal, date_to_days(year, 1, 1));
	*hi = year < 9999 ? calendar_day_lower_bound(cal, date_to_days(year + 1, 1, 1))
			  : cal->ndays;
}

/* Counts what replacing year of old with year of new adds, removes and
 * changes; both day arrays are sorted. */
static void year_diff(const struct calendar *old, const struct calendar *cal, int year,
		      struct calendar_load_year *out)
{
	size_t i, ie, j, je;
	year_range(old, year, &i, &ie);
	year_range(cal, year, &j, &je);
	memset(out, 0, sizeof *out);
	out->year = year;
	out->is_new = !calendar_covers(old, year);
	out->days = (int)(je - j);
	while (i < ie || j < je) {
		if (j >= je || (i < ie && old->days[i].day < cal->days[j].day)) {
			out->removed++;
			i++;
		} else if (i >= ie || cal->days[j].day < old->days[i].day) {
			out->added++;
			j++;
		} else {
			if (old->days[i].mark != cal->days[j].mark ||
			    strcmp(old->days[i].name, cal->days[j].name) != 0)
				out->changed++;
			i++;
			j++;
		}
	}
}

/* Puts origin in front of a parse error's message: "cn.txt：第 3 行：…". */
static enum fz_err with_origin(enum fz_err rc, const char *origin, struct fz_error *e)
{
	if (rc != FZ_INVALID || !e || !origin || !*origin)
		return rc;
	char msg[sizeof e->message];
	memcpy(msg, e->message, sizeof msg);
	return fz_fail(e, rc, e->field, "%s：%s", origin, msg);
}

enum fz_err app_calendar_with_origin(enum fz_err rc, const char *origin, struct fz_error *e)
{
	return with_origin(rc, origin, e);
}

/* Stores every year of cal, filling report and the audit message. */
static enum fz_err store_years(struct app_ctx *ctx, const struct calendar *cal,
			       const struct calendar *old, struct calendar_load_report *r,
			       struct audit_diff *d, struct buf *msg, struct fz_error *e)
{
	for (size_t k = 0; k < cal->nyears; k++) {
		struct calendar_year y = cal->years[k];
		struct calendar_load_year *ly = &r->years[k];
		const struct calendar_year *before = calendar_year_find(old, y.year);
		size_t lo, hi;
		year_diff(old, cal, y.year, ly);
		year_range(cal, y.year, &lo, &hi);
		y.loaded_at = ctx->now;
		enum fz_err rc = ctx->st->ops->calendar_year_replace(ctx->st, &y, cal->days + lo,
								     hi - lo, e);
		if (rc)
			return rc;
		r->added += ly->added;
		r->removed += ly->removed;
		r->changed += ly->changed;
		const char *field = arena_printf(ctx->a, "calendar.%d", y.year);
		if (!field)
			return fz_fail(e, FZ_NOMEM, "", NULL);
		audit_diff_str(ctx, d, field, before ? before->source : NULL, y.source);
		buf_addf(msg, "；%d 年%s：新增 %d 天，删除 %d 天，变更 %d 天", y.year,
			 ly->is_new ? "（新）" : "", ly->added, ly->removed, ly->changed);
	}
	return FZ_OK;
}

void app_calendar_fingerprint(const struct calendar *cal, char out[APP_CALENDAR_FP_HEX])
{
	unsigned char md[32];
	struct buf b = BUF_INIT;
	char date[FZ_DATE_LEN];
	for (size_t i = 0; i < cal->nyears; i++)
		buf_addf(&b, "year %d %s\n", cal->years[i].year, cal->years[i].source);
	for (size_t i = 0; i < cal->ndays; i++) {
		date_from_days(cal->days[i].day, date);
		buf_addf(&b, "%s %d %s\n", date, (int)cal->days[i].mark, cal->days[i].name);
	}
	if (buf_failed(&b)) {
		/* no memory: a value no calendar has, so a comparison fails */
		memset(out, '-', APP_CALENDAR_FP_HEX - 1);
		out[APP_CALENDAR_FP_HEX - 1] = '\0';
	} else {
		crypto_sha256(b.data ? b.data : "", b.len, md);
		crypto_hex(md, sizeof md, out);
	}
	buf_release(&b);
}

enum fz_err app_calendar_apply(struct app_ctx *ctx, const struct calendar *cal,
			       const char *origin, const char *expect_fp,
			       const unsigned char *upload_digest,
			       struct calendar_load_report *report, struct fz_error *e)
{
	struct calendar_load_report local;
	struct calendar old;
	struct audit_diff d = { .n = 0 };
	struct buf msg = BUF_INIT;
	enum fz_err rc;
	if (!report)
		report = &local;
	memset(report, 0, sizeof *report);
	if ((rc = app_require(ctx, PERM_CALENDAR_WRITE, "calendar.load", e)))
		return rc;
	report->years = arena_calloc(ctx->a, cal->nyears + 1, sizeof *report->years);
	if (!report->years)
		return fz_fail(e, FZ_NOMEM, "", NULL);
	report->nyears = cal->nyears;

	if ((rc = app_tx_begin(ctx, e)))
		goto out;
	buf_addf(&msg, "载入节假日安排 %s", origin && *origin ? origin : "");
	struct calendar now;
	int moved = 0;
	if ((rc = ctx->st->ops->calendar_get(ctx->st, ctx->a, &old, e))) {
		app_tx_abort(ctx);
		goto out;
	}
	if (expect_fp) {
		char fp[APP_CALENDAR_FP_HEX];
		app_calendar_fingerprint(&old, fp);
		if (strcmp(fp, expect_fp) != 0) {
			app_tx_abort(ctx);
			rc = fz_fail(e, FZ_CONFLICT, "base",
				     "预览之后节假日安排已有变动，这份预览已经过时；请重新预览后再确认");
			goto out;
		}
	}
	if ((rc = store_years(ctx, cal, &old, report, &d, &msg, e)) ||
	    (rc = ctx->st->ops->calendar_get(ctx->st, ctx->a, &now, e)) ||
	    (rc = app_case_deadlines_recompute(ctx, &old, &now, &moved, e)) ||
	    /* the lists' due dates too: computed again on their next refresh */
	    (rc = ctx->st->ops->case_status_invalidate(ctx->st, e)) ||
	    /* and the indicators' judgements (due days, working days) */
	    (rc = ctx->st->ops->indicator_stale_all(ctx->st, e))) {
		app_tx_abort(ctx);
		goto out;
	}
	if (moved)
		buf_addf(&msg, "；%d 个案件期限随之重新计算", moved);
	if (buf_failed(&msg)) {
		app_tx_abort(ctx);
		rc = fz_fail(e, FZ_NOMEM, "", NULL);
		goto out;
	}
	/* A held upload is used once: a second confirmation finds it gone. */
	if (upload_digest &&
	    (rc = ctx->st->ops->calendar_upload_delete(ctx->st, upload_digest, e))) {
		app_tx_abort(ctx);
		if (rc == FZ_NOTFOUND)
			rc = fz_fail(e, FZ_CONFLICT, "token", "这份日历文件已经载入或已过期，请重新上传");
		goto out;
	}
	rc = app_tx_finish(ctx, "calendar.load", "calendar", 0, buf_cstr(&msg), &d, e);
out:
	buf_release(&msg);
	if (rc) {
		memset(report, 0, sizeof *report);
	}
	return rc;
}

enum fz_err app_calendar_load_text(struct app_ctx *ctx, const char *text, size_t len,
				   const char *origin, struct calendar_load_report *report,
				   struct fz_error *e)
{
	struct calendar cal;
	enum fz_err rc;
	if (report)
		memset(report, 0, sizeof *report);
	if ((rc = app_require(ctx, PERM_CALENDAR_WRITE, "calendar.load", e)))
		return rc;
	if (len > APP_CALENDAR_TEXT_MAX)
		return fz_fail(e, FZ_TOOLARGE, "file", "日历文件过大（上限 %u 字节）",
			       APP_CALENDAR_TEXT_MAX);
	if ((rc = calendar_parse(ctx->a, text ? text : "", text ? len : 0, &cal, e)))
		return with_origin(rc, origin, e);
	return app_calendar_apply(ctx, &cal, origin, NULL, NULL, report, e);
}

enum fz_err app_calendar_builtin(struct arena *a, struct calendar *out, struct fz_error *e)
{
	const struct embedded_file *f = &calendar_files[0];
	if (!f->name)
		return fz_fail(e, FZ_INTERNAL, "", "内部错误：程序中没有内置日历");
	return with_origin(calendar_parse(a, f->data, f->size, out, e), BUILTIN_ORIGIN, e);
}

enum fz_err app_calendar_load_default(struct app_ctx *ctx, bool *loaded,
				      struct calendar_load_report *report, struct fz_error *e)
{
	struct calendar old;
	enum fz_err rc;
	*loaded = false;
	if (report)
		memset(report, 0, sizeof *report);
	if ((rc = app_calendar_get(ctx, &old, e)))
		return rc;
	if (old.nyears)
		return FZ_OK;
	const struct embedded_file *f = &calendar_files[0];
	if (!f->name)
		return fz_fail(e, FZ_INTERNAL, "", "内部错误：程序中没有内置日历");
	if ((rc = app_calendar_load_text(ctx, f->data, f->size, BUILTIN_ORIGIN, report, e)))
		return rc;
	*loaded = true;
	return FZ_OK;
}

enum fz_err app_calendar_get(struct app_ctx *ctx, struct calendar *out, struct fz_error *e)
{
	return ctx->st->ops->calendar_get(ctx->st, ctx->a, out, e);
}

enum fz_err app_deadline(struct app_ctx *ctx, const struct clock_input *in,
			 struct deadline *out, struct fz_error *e)
{
	struct calendar cal;
	enum fz_err rc = app_calendar_get(ctx, &cal, e);
	if (rc)
		return rc;
	return clock_compute(&cal, in, ctx->a, out, e);
}

int app_calendar_missing_year(struct app_ctx *ctx)
{
	struct calendar cal;
	struct fz_error e;
	int y, m, d;
	if (!date_parse(ctx->today, &y, &m, &d) || app_calendar_get(ctx, &cal, &e))
		return 0;
	if (!calendar_covers(&cal, y))
		return y;
	if (m >= 10 && !calendar_covers(&cal, y + 1))
		return y + 1;
	return 0;
}
