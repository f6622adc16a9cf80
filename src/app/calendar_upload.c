/* calendar_upload.c - see calendar_upload.h. The token is 32 random
 * bytes; only its SHA-256 is stored, with the uploader's id, so neither
 * a guessed token nor another account's reaches the file. The preview
 * builds the calendar the file would leave in memory
 * (calendar_replace_years) and compares every open case's clocks under
 * both, exactly as the load recomputes them. */
#include "app/calendar_upload.h"

#include <string.h>

#include "app/audit.h"
#include "app/authz.h"
#include "app/tx.h"
#include "base/crypto.h"
#include "base/date.h"

static enum fz_err token_digest(const char *token, unsigned char out[32], struct fz_error *e)
{
	unsigned char raw[32];
	if (!token || !crypto_unhex(token, raw, sizeof raw))
		return fz_fail(e, FZ_NOTFOUND, "token", "上传的日历文件不存在或已过期，请重新上传");
	crypto_sha256(raw, sizeof raw, out);
	return FZ_OK;
}

/* The upload of token held for the caller, parsed. */
static enum fz_err upload_load(struct app_ctx *ctx, const char *token, unsigned char digest[32],
			       struct calendar_upload *up, struct calendar *cal,
			       struct fz_error *e)
{
	enum fz_err rc;
	if ((rc = token_digest(token, digest, e)) ||
	    (rc = ctx->st->ops->calendar_upload_get(ctx->st, ctx->a, digest, ctx->now, up, e)))
		return rc;
	if (!ctx->cli && (!ctx->user || up->user_id != ctx->user->id))
		return fz_fail(e, FZ_NOTFOUND, "token", "上传的日历文件不存在或已过期，请重新上传");
	rc = calendar_parse(ctx->a, up->content, up->len, cal, e);
	return app_calendar_with_origin(rc, up->file_name, e);
}

/* The bare file name (cn.txt) from what a browser sends (C:\\fakepath\\cn.txt). */
static const char *base_name(const char *name)
{
	const char *s = name ? name : "";
	for (const char *p = s; *p; p++)
		if (*p == '/' || *p == '\\')
			s = p + 1;
	return *s ? s : "日历文件";
}

enum fz_err app_calendar_upload(struct app_ctx *ctx, const char *text, size_t len,
				const char *file_name, char token[CALENDAR_TOKEN_HEX],
				struct fz_error *e)
{
	struct calendar cal;
	enum fz_err rc;
	unsigned char raw[32];
	token[0] = '\0';
	if ((rc = app_require(ctx, PERM_CALENDAR_WRITE, "calendar.upload", e)))
		return rc;
	const char *name = base_name(file_name);
	if (!text || !len)
		return fz_fail(e, FZ_INVALID, "file", "请选择要上传的日历文件（文件不能为空）");
	if (len > CALENDAR_UPLOAD_MAX)
		return fz_fail(e, FZ_TOOLARGE, "file",
			       "日历文件过大（网页上传不超过 %d KB；更大的文件请用 fazhi calendar load）",
			       CALENDAR_UPLOAD_MAX / 1024);
	if ((rc = calendar_parse(ctx->a, text, len, &cal, e)))
		return app_calendar_with_origin(rc, name, e);
	if (!cal.nyears)
		return fz_fail(e, FZ_INVALID, "file", "%s：文件中没有任何年度（year 行），无可载入的内容",
			       name);
	if ((rc = crypto_random(raw, sizeof raw)))
		return fz_fail(e, rc, "", "无法生成随机数");
	struct calendar_upload up = {
		.user_id = ctx->user ? ctx->user->id : 0,
		.file_name = name,
		.content = text,
		.len = len,
		.created_at = ctx->now,
		.expires_at = ctx->now + CALENDAR_UPLOAD_TTL,
	};
	crypto_sha256(raw, sizeof raw, up.digest);
	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	if ((rc = ctx->st->ops->calendar_upload_put(ctx->st, &up, e))) {
		app_tx_abort(ctx);
		return rc;
	}
	const char *msg = arena_printf(ctx->a, "上传节假日安排 %s，%zu 个年度，待预览确认", name,
				       cal.nyears);
	if ((rc = app_tx_finish(ctx, "calendar.upload", "calendar", 0, msg ? msg : "", NULL, e)))
		return rc;
	crypto_hex(raw, sizeof raw, token);
	return FZ_OK;
}

static enum fz_err change_add(struct app_ctx *ctx, struct calendar_year_preview *y,
			      const struct calendar_day *b, const struct calendar_day *a,
			      struct fz_error *e)
{
	/* at most one per day of the year: the array was sized for it */
	struct calendar_day_change *c = &y->changes[y->nchanges++];
	(void)ctx;
	(void)e;
	c->day = a ? a->day : b->day;
	c->before = b ? b->mark : 0;
	c->after = a ? a->mark : 0;
	c->name_before = b ? b->name : NULL;
	c->name_after = a ? a->name : NULL;
	if (b && (!a || a->mark != b->mark)) {
		if (b->mark == CALENDAR_OFF)
			y->removed_off++;
		else
			y->removed_work++;
	}
	if (a && (!b || a->mark != b->mark)) {
		if (a->mark == CALENDAR_OFF)
			y->added_off++;
		else
			y->added_work++;
	}
	return FZ_OK;
}

/* The days of year that differ between old and file (both sorted). */
static enum fz_err year_preview(struct app_ctx *ctx, const struct calendar *old,
				const struct calendar *file, const struct calendar *merged,
				const struct calendar_year *fy, struct calendar_year_preview *y,
				struct fz_error *e)
{
	const struct calendar_year *oy = calendar_year_find(old, fy->year);
	size_t i = calendar_day_lower_bound(old, date_to_days(fy->year, 1, 1));
	size_t ie = calendar_day_lower_bound(old, date_to_days(fy->year + 1, 1, 1));
	size_t j = calendar_day_lower_bound(file, date_to_days(fy->year, 1, 1));
	size_t je = calendar_day_lower_bound(file, date_to_days(fy->year + 1, 1, 1));
	enum fz_err rc;
	memset(y, 0, sizeof *y);
	y->year = fy->year;
	y->is_new = !oy;
	y->source_before = oy ? oy->source : NULL;
	y->source_after = fy->source;
	y->working_days_before = calendar_working_days_in_year(old, fy->year);
	y->working_days_after = calendar_working_days_in_year(merged, fy->year);
	y->changes = arena_calloc(ctx->a, (ie - i) + (je - j) + 1, sizeof *y->changes);
	if (!y->changes)
		return fz_fail(e, FZ_NOMEM, "", NULL);
	while (i < ie || j < je) {
		const struct calendar_day *b = i < ie ? &old->days[i] : NULL;
		const struct calendar_day *a = j < je ? &file->days[j] : NULL;
		if (b && (!a || b->day < a->day)) {
			rc = change_add(ctx, y, b, NULL, e);
			i++;
		} else if (a && (!b || a->day < b->day)) {
			rc = change_add(ctx, y, NULL, a, e);
			j++;
		} else {
			rc = (a->mark != b->mark || strcmp(a->name, b->name) != 0)
				     ? change_add(ctx, y, b, a, e)
				     : FZ_OK;
			i++;
			j++;
		}
		if (rc)
			return rc;
	}
	return FZ_OK;
}

enum fz_err app_calendar_preview(struct app_ctx *ctx, const char *token,
				 struct calendar_preview *out, struct fz_error *e)
{
	unsigned char digest[32];
	struct calendar_upload up;
	struct calendar file, old, merged;
	enum fz_err rc;
	memset(out, 0, sizeof *out);
	if ((rc = app_require(ctx, PERM_CALENDAR_WRITE, "calendar.preview", e)) ||
	    (rc = upload_load(ctx, token, digest, &up, &file, e)) ||
	    (rc = app_calendar_get(ctx, &old, e)) ||
	    (rc = calendar_replace_years(ctx->a, &old, &file, &merged, e)))
		return rc;
	out->file_name = up.file_name;
	out->expires_at = up.expires_at;
	app_calendar_fingerprint(&old, out->base);
	out->years = arena_calloc(ctx->a, file.nyears + 1, sizeof *out->years);
	if (!out->years)
		return fz_fail(e, FZ_NOMEM, "", NULL);
	for (size_t k = 0; k < file.nyears; k++)
		if ((rc = year_preview(ctx, &old, &file, &merged, &file.years[k], &out->years[k], e)))
			return rc;
	out->nyears = file.nyears;
	if ((rc = app_case_deadlines_moved(ctx, &old, &merged, &out->moves, &out->nmoves, e)))
		return rc;
	out->agency_names = arena_calloc(ctx->a, out->nmoves + 1, sizeof *out->agency_names);
	if (!out->agency_names)
		return fz_fail(e, FZ_NOMEM, "", NULL);
	const struct scope all = { .kind = SCOPE_ALL };
	for (size_t k = 0; k < out->nmoves; k++) {
		struct agency ag;
		struct fz_error ae = { 0 };
		if (k && out->moves[k].agency_id == out->moves[k - 1].agency_id) {
			out->agency_names[k] = out->agency_names[k - 1];
			continue;
		}
		out->agency_names[k] = ctx->st->ops->agency_get(ctx->st, ctx->a, &all,
								out->moves[k].agency_id, &ag,
								&ae) == FZ_OK
					       ? ag.name
					       : "";
	}
	return FZ_OK;
}

enum fz_err app_calendar_confirm(struct app_ctx *ctx, const char *token, const char *base,
				 struct calendar_load_report *report, struct fz_error *e)
{
	unsigned char digest[32];
	struct calendar_upload up;
	struct calendar file;
	enum fz_err rc;
	if (report)
		memset(report, 0, sizeof *report);
	if ((rc = app_require(ctx, PERM_CALENDAR_WRITE, "calendar.load", e)) ||
	    (rc = upload_load(ctx, token, digest, &up, &file, e)))
		return rc;
	if (!base || strlen(base) != APP_CALENDAR_FP_HEX - 1)
		return fz_fail(e, FZ_INVALID, "base", "缺少预览的依据，请从预览页面确认");
	return app_calendar_apply(ctx, &file, up.file_name, base, digest, report, e);
}
