/* sqlite_calendar.c - the holiday calendar in SQLite: one row per covered
 * year and one per declared day. A year is replaced as a whole, inside a
 * savepoint, so that a reader never sees half of a year's holidays. */
#include "store/sqlite_internal.h"

#include <string.h>

#include "base/date.h"

static const char *mark_name(enum calendar_mark m)
{
	return m == CALENDAR_WORK ? "work" : "off";
}

static enum fz_err year_check(const struct calendar_year *y, const struct calendar_day *days,
			      size_t ndays, struct fz_error *e)
{
	if (y->year < 1 || y->year > 9999)
		return fz_fail(e, FZ_INVALID, "year", "年份应在 1 到 9999 之间");
	if (!y->source || !*y->source)
		return fz_fail(e, FZ_INVALID, "source", "缺少来源说明");
	for (size_t i = 0; i < ndays; i++) {
		if (calendar_year_of(days[i].day) != y->year)
			return fz_fail(e, FZ_INVALID, "days", "日期不属于 %d 年", y->year);
		if (!days[i].name || !*days[i].name)
			return fz_fail(e, FZ_INVALID, "days", "缺少节日名称");
		if (days[i].mark != CALENDAR_OFF && days[i].mark != CALENDAR_WORK)
			return fz_fail(e, FZ_INVALID, "days", "日期类型应为 off 或 work");
	}
	return FZ_OK;
}

enum fz_err sq_calendar_year_replace(struct store *st, const struct calendar_year *y,
				     const struct calendar_day *days, size_t ndays,
				     struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *put, *del, *ins;
	enum fz_err err;
	if ((err = year_check(y, days, ndays, e)))
		return err;
	if ((err = sq_stmt(s, SQ_CALENDAR_YEAR_PUT,
			   "INSERT INTO calendar_years (year, source, loaded_at) VALUES (?1, ?2, ?3)"
			   " ON CONFLICT (year) DO UPDATE SET source = excluded.source,"
			   " loaded_at = excluded.loaded_at",
			   &put, e)) ||
	    (err = sq_stmt(s, SQ_CALENDAR_DAYS_DELETE,
			   "DELETE FROM calendar_days WHERE year = ?1", &del, e)) ||
	    (err = sq_stmt(s, SQ_CALENDAR_DAY_INSERT,
			   "INSERT INTO calendar_days (day, year, kind, name) VALUES (?1, ?2, ?3, ?4)",
			   &ins, e)))
		return err;

	if ((err = sq_savepoint(s, e)))
		return err;
	struct sq_args b = sq_args(put);
	sq_arg_int(&b, y->year);
	sq_arg_text(&b, y->source);
	sq_arg_int(&b, sq_now_if_zero(y->loaded_at));
	if ((err = sq_write(s, put, &b, NULL, 0, NULL, e)))
		goto fail;
	b = sq_args(del);
	sq_arg_int(&b, y->year);
	if ((err = sq_write(s, del, &b, NULL, 0, NULL, e)))
		goto fail;
	for (size_t i = 0; i < ndays; i++) {
		char date[FZ_DATE_LEN];
		date_from_days(days[i].day, date);
		b = sq_args(ins);
		sq_arg_text(&b, date);
		sq_arg_int(&b, y->year);
		sq_arg_text(&b, mark_name(days[i].mark));
		sq_arg_text(&b, days[i].name);
		if ((err = sq_write(s, ins, &b, NULL, 0, NULL, e)))
			goto fail;
	}
	return sq_release(s, e);
fail:
	sq_rollback_to(s);
	return err;
}

static void year_read(struct sq_row *r, void *item)
{
	struct calendar_year *y = item;
	y->year = (int)sq_col_int(r);
	y->source = sq_col_text(r);
	y->loaded_at = sq_col_int(r);
}

/* A stored day; a malformed date (written around the store) reads as day
 * 0 with no name and is dropped by the caller. */
static void day_read(struct sq_row *r, void *item)
{
	struct calendar_day *d = item;
	char date[FZ_DATE_LEN];
	int y, m, dd;
	sq_col_fixed(r, date, sizeof date);
	char *kind = sq_col_text(r);
	d->name = sq_col_text(r);
	d->mark = kind && strcmp(kind, "work") == 0 ? CALENDAR_WORK : CALENDAR_OFF;
	if (date_parse(date, &y, &m, &dd))
		d->day = date_to_days(y, m, dd);
	else
		d->name = NULL;
}

static enum fz_err calendar_read(struct sq_store *s, struct arena *a, struct calendar *out,
				 struct fz_error *e)
{
	sqlite3_stmt *years, *days;
	enum fz_err err;
	void *items;
	if ((err = sq_stmt(s, SQ_CALENDAR_YEARS,
			   "SELECT year, source, loaded_at FROM calendar_years ORDER BY year",
			   &years, e)) ||
	    (err = sq_stmt(s, SQ_CALENDAR_DAYS,
			   "SELECT day, kind, name FROM calendar_days ORDER BY day", &days, e)))
		return err;
	struct sq_args yb = sq_args(years), db = sq_args(days);
	if ((err = sq_collect(s, years, &yb, a, sizeof *out->years, year_read, &items,
			      &out->nyears, e)))
		return err;
	out->years = items;
	if ((err = sq_collect(s, days, &db, a, sizeof *out->days, day_read, &items, &out->ndays,
			      e)))
		return err;
	out->days = items;
	size_t kept = 0;
	for (size_t i = 0; i < out->ndays; i++)
		if (out->days[i].name)
			out->days[kept++] = out->days[i];
	out->ndays = kept;
	return FZ_OK;
}

/* The bytes of s and its NUL at *at in text, advanced; NULL s -> NULL. */
static const char *text_put(char *text, size_t *at, const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	memcpy(text + *at, s, n);
	*at += n;
	return text + *at - n;
}

/* A copy of cal in a, the kept one of a connection: the arrays, and
 * every name and source in one block of text (*text, *len), so that a
 * request's copy of it (calendar_from_kept) is three blocks copied and
 * the pointers moved, not a string copied for each holiday. false when
 * out of memory. */
static bool calendar_copy(struct arena *a, const struct calendar *cal, struct calendar *out,
			  const char **text, size_t *len)
{
	memset(out, 0, sizeof *out);
	size_t n = 0;
	for (size_t i = 0; i < cal->nyears; i++)
		n += cal->years[i].source ? strlen(cal->years[i].source) + 1 : 0;
	for (size_t i = 0; i < cal->ndays; i++)
		n += cal->days[i].name ? strlen(cal->days[i].name) + 1 : 0;
	struct calendar_year *years = arena_alloc(a, (cal->nyears + 1) * sizeof *years);
	struct calendar_day *days = arena_alloc(a, (cal->ndays + 1) * sizeof *days);
	char *block = arena_alloc(a, n + 1);
	if (!years || !days || !block)
		return false;
	size_t at = 0;
	for (size_t i = 0; i < cal->nyears; i++) {
		years[i] = cal->years[i];
		years[i].source = text_put(block, &at, cal->years[i].source);
	}
	for (size_t i = 0; i < cal->ndays; i++) {
		days[i] = cal->days[i];
		days[i].name = text_put(block, &at, cal->days[i].name);
	}
	out->years = years;
	out->nyears = cal->nyears;
	out->days = days;
	out->ndays = cal->ndays;
	*text = block;
	*len = at;
	return true;
}

/* A pointer into the kept text, moved to the same place in the copy. */
static const char *rebased(const char *p, const char *from, const char *to)
{
	return p ? to + (p - from) : NULL;
}

/* The connection's kept calendar copied into a: it outlives the cache
 * (which a later read with a new stamp replaces). false when out of
 * memory. */
static bool calendar_from_kept(struct arena *a, const struct sq_conn *c, struct calendar *out)
{
	const struct calendar *k = &c->cal_cache;
	memset(out, 0, sizeof *out);
	struct calendar_year *years = arena_alloc_raw(a, (k->nyears + 1) * sizeof *years);
	struct calendar_day *days = arena_alloc_raw(a, (k->ndays + 1) * sizeof *days);
	char *text = arena_alloc_raw(a, c->cal_text_len + 1);
	if (!years || !days || !text)
		return false;
	memcpy(years, k->years, k->nyears * sizeof *years);
	memcpy(days, k->days, k->ndays * sizeof *days);
	memcpy(text, c->cal_text, c->cal_text_len);
	for (size_t i = 0; i < k->nyears; i++)
		years[i].source = rebased(years[i].source, c->cal_text, text);
	for (size_t i = 0; i < k->ndays; i++)
		days[i].name = rebased(days[i].name, c->cal_text, text);
	out->years = years;
	out->nyears = k->nyears;
	out->days = days;
	out->ndays = k->ndays;
	return true;
}

/* The calendar's stamp (038_calendar_generation.sql): every change to
 * calendar_years or calendar_days draws a new one. *found is false when
 * the row is missing (nothing may then be kept). */
static enum fz_err calendar_generation(struct sq_store *s, int64_t *gen, bool *found,
				       struct fz_error *e)
{
	sqlite3_stmt *q;
	enum fz_err err = sq_stmt(s, SQ_CALENDAR_GENERATION,
				  "SELECT n FROM calendar_generation WHERE id = 1", &q, e);
	if (err)
		return err;
	int rc = sqlite3_step(q);
	*found = rc == SQLITE_ROW;
	*gen = *found ? sqlite3_column_int64(q, 0) : 0;
	sq_done(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sq_fail(s, rc, e);
	return FZ_OK;
}

/* Keeps cal (read under stamp gen) for the next call; a failure only
 * leaves nothing kept. */
static void calendar_keep(struct sq_store *s, const struct calendar *cal, int64_t gen)
{
	arena_free(s->c->cal_arena);
	s->c->cal_arena = arena_new();
	if (s->c->cal_arena && calendar_copy(s->c->cal_arena, cal, &s->c->cal_cache,
					     &s->c->cal_text, &s->c->cal_text_len)) {
		s->c->cal_gen = gen;
		return;
	}
	arena_free(s->c->cal_arena);
	s->c->cal_arena = NULL;
}

enum fz_err sq_calendar_get(struct store *st, struct arena *a, struct calendar *out,
			    struct fz_error *e)
{
	struct sq_store *s = sq(st);
	int64_t gen = 0;
	bool stamped = false;
	memset(out, 0, sizeof *out);
	/* the stamp, years and days from one snapshot: what is kept is
	 * what the calendar said under that stamp */
	enum fz_err err = sq_savepoint(s, e);
	if (err)
		return err;
	if ((err = calendar_generation(s, &gen, &stamped, e)))
		goto fail;
	if (stamped && s->c->cal_arena && gen == s->c->cal_gen) {
		if (!calendar_from_kept(a, s->c, out)) {
			err = fz_fail(e, FZ_NOMEM, NULL, NULL);
			goto fail;
		}
		return sq_release(s, e);
	}
	if ((err = calendar_read(s, a, out, e)))
		goto fail;
	if (stamped)
		calendar_keep(s, out, gen);
	return sq_release(s, e);
fail:
	sq_rollback_to(s);
	memset(out, 0, sizeof *out);
	return err;
}

/* --- uploads held until confirmed (026_calendar_uploads.sql) --- */

enum fz_err sq_calendar_upload_put(struct store *st, const struct calendar_upload *u,
				   struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *prune, *put;
	enum fz_err err;
	if (!u->file_name || !u->content || u->len > INT32_MAX)
		return fz_fail(e, FZ_INVALID, "content", "日历文件内容无效");
	int64_t now = sq_now_if_zero(u->created_at);
	if ((err = sq_stmt(s, SQ_CALENDAR_UPLOAD_PRUNE,
			   "DELETE FROM calendar_uploads WHERE expires_at <= ?1", &prune, e)) ||
	    (err = sq_stmt(s, SQ_CALENDAR_UPLOAD_PUT,
			   "INSERT INTO calendar_uploads (token_digest, user_id, file_name, content,"
			   " created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
			   &put, e)))
		return err;
	struct sq_args b = sq_args(prune);
	sq_arg_int(&b, now);
	if ((err = sq_write(s, prune, &b, NULL, 0, NULL, e)))
		return err;
	b = sq_args(put);
	sq_arg_blob(&b, u->digest, 32);
	sq_arg_int(&b, u->user_id);
	sq_arg_text(&b, u->file_name);
	if (b.rc == SQLITE_OK)
		b.rc = sqlite3_bind_text(put, ++b.i, u->content, (int)u->len, SQLITE_TRANSIENT);
	sq_arg_int(&b, now);
	sq_arg_int(&b, u->expires_at);
	return sq_write(s, put, &b, NULL, 0, NULL, e);
}

enum fz_err sq_calendar_upload_get(struct store *st, struct arena *a,
				   const unsigned char digest[32], int64_t now,
				   struct calendar_upload *out, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *get;
	memset(out, 0, sizeof *out);
	enum fz_err err = sq_stmt(s, SQ_CALENDAR_UPLOAD_GET,
				  "SELECT user_id, file_name, content, length(CAST(content AS BLOB)),"
				  " created_at, expires_at FROM calendar_uploads"
				  " WHERE token_digest = ?1 AND expires_at > ?2",
				  &get, e);
	if (err)
		return err;
	struct sq_args b = sq_args(get);
	sq_arg_blob(&b, digest, 32);
	sq_arg_int(&b, now);
	int rc = b.rc == SQLITE_OK ? sqlite3_step(get) : b.rc;
	if (rc == SQLITE_ROW) {
		struct sq_row r = { get, a, 0, false };
		memcpy(out->digest, digest, 32);
		out->user_id = sq_col_int(&r);
		out->file_name = sq_col_text(&r);
		out->content = sq_col_text(&r);
		out->len = (size_t)sq_col_int(&r);
		out->created_at = sq_col_int(&r);
		out->expires_at = sq_col_int(&r);
		err = r.nomem ? fz_fail(e, FZ_NOMEM, "", NULL) : FZ_OK;
	} else if (rc == SQLITE_DONE) {
		err = fz_fail(e, FZ_NOTFOUND, "token", "上传的日历文件不存在或已过期，请重新上传");
	} else {
		err = sq_fail(s, rc, e);
	}
	sqlite3_reset(get);
	sqlite3_clear_bindings(get);
	return err;
}

enum fz_err sq_calendar_upload_delete(struct store *st, const unsigned char digest[32],
				      struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *del;
	enum fz_err err = sq_stmt(s, SQ_CALENDAR_UPLOAD_DELETE,
				  "DELETE FROM calendar_uploads WHERE token_digest = ?1", &del, e);
	if (err)
		return err;
	struct sq_args b = sq_args(del);
	sq_arg_blob(&b, digest, 32);
	return sq_write(s, del, &b, NULL, 0, "上传的日历文件不存在或已过期，请重新上传", e);
}
