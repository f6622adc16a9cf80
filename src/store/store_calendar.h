/* store_calendar.h - the holiday calendar and calendar files uploaded
 * from the page until confirmed (026_calendar_uploads.sql).
 * store.h includes this file twice: first for the types, then inside
 * struct store_ops for the operations; nothing else includes it. */
#ifndef FZ_STORE_STORE_CALENDAR_H
#define FZ_STORE_STORE_CALENDAR_H

#ifndef STORE_LIST
#error "include store/store.h, not store/store_calendar.h"
#endif

/* A calendar file uploaded from the page, held until confirmed. */
struct calendar_upload {
	unsigned char digest[32]; /* SHA-256 of the token */
	int64_t user_id;          /* who uploaded it */
	const char *file_name;    /* as the browser named it (for messages) */
	const char *content;      /* the file's text */
	size_t len;
	int64_t created_at, expires_at;
};

#endif

#ifdef STORE_OPS_BODY
/* The operations: store.h includes this file a second time inside
 * struct store_ops (its conventions are at the top of store.h). */
	/* Holiday calendar. calendar_year_replace stores one year's record
	 * (loaded_at 0 = now) and exactly the days given, replacing all the
	 * year had, atomically; every day must lie in that year (FZ_INVALID,
	 * field days) and none may repeat (FZ_CONFLICT). */
	enum fz_err (*calendar_year_replace)(struct store *st, const struct calendar_year *y,
					     const struct calendar_day *days, size_t ndays,
					     struct fz_error *e);
	/* The whole calendar, years and days sorted, names in the arena;
	 * empty when nothing is loaded. Read in one snapshot. About 35 days
	 * a year: callers read it per request for now (caching it across
	 * requests, invalidated on load, is a later optimisation). */
	enum fz_err (*calendar_get)(struct store *st, struct arena *a, struct calendar *out,
				    struct fz_error *e);

	/* Calendar files uploaded from the page and not yet confirmed
	 * (026_calendar_uploads.sql), keyed by the SHA-256 of their token.
	 * put first deletes every upload expired at u->created_at; get is
	 * FZ_NOTFOUND for a digest unknown or expired at now; delete of an
	 * unknown digest is FZ_NOTFOUND. */
	enum fz_err (*calendar_upload_put)(struct store *st, const struct calendar_upload *u,
					   struct fz_error *e);
	enum fz_err (*calendar_upload_get)(struct store *st, struct arena *a,
					   const unsigned char digest[32], int64_t now,
					   struct calendar_upload *out, struct fz_error *e);
	enum fz_err (*calendar_upload_delete)(struct store *st, const unsigned char digest[32],
					      struct fz_error *e);
#endif /* STORE_OPS_BODY */
