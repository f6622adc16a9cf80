/* sqlite_cert.c - enforcement certificates (执法证) and their annual
 * reviews (年度审验) in SQLite. "Expired" is never stored: the list filter
 * computes it from valid_until and the day the caller asks about. */
#include "store/sqlite_internal.h"
#include "domain/certificate.h"

#include <stdio.h>
#include <string.h>

#define CERT_SELECT                                                                      \
	"SELECT c.id, c.number, c.person_id, c.agency_id, c.issuer, c.domains, c.issued_on," \
	" c.valid_until, c.status, c.revoked_on, c.revoke_reason, c.created_at,"          \
	" c.updated_at, p.name, a.name"
#define CERT_FROM                                                                        \
	" FROM certificates c JOIN people p ON p.id = c.person_id"                          \
	" JOIN agencies a ON a.id = c.agency_id"

/* A certificate's status on :today as certificate_status() gives it
 * (domain/certificate.c; keep the two in step: the test
 * store_certificate_filters_agree_with_certificate_status_on_the_day
 * compares them): revoked from its revocation day (at once when it has
 * none), suspended, not yet valid before its issue day, expired after
 * its last valid day, else valid. */
#define CERT_STATUS_ON                                                                    \
	"(CASE WHEN c.status = 3 AND (coalesce(c.revoked_on, '') = ''"                    \
	" OR c.revoked_on <= :today) THEN 3 WHEN c.status = 2 THEN 2"                     \
	" WHEN c.issued_on > :today THEN 5 WHEN c.valid_until < :today THEN 4 ELSE 1 END)"

enum {
	CF_ID,
	CF_AGENCY,
	CF_PERSON,
	CF_STATUS,
	CF_STATUS_ON,
	CF_EXPIRING,
	CF_Q,
};

static const struct sq_query certificate_query = {
	.id = SQ_Q_CERTIFICATE,
	.select = CERT_SELECT,
	.from = CERT_FROM,
	/* people is joined for the holder's name only: person_id is NOT NULL
	 * and a foreign key, so it never adds or drops a row; the count
	 * leaves it out unless the text filter searches the name. */
	.count_from = " FROM certificates c JOIN agencies a ON a.id = c.agency_id",
	.count_filters = ~(1u << CF_Q),
	.scope_agency = "c.agency_id = :scope_agency",
	.scope_division = "a.division_code LIKE :scope_prefix || '%'",
	.filters = {
		[CF_ID] = "c.id = :id",
		[CF_AGENCY] = "c.agency_id = :agency",
		[CF_PERSON] = "c.person_id = :person",
		[CF_STATUS] = "c.status = :status",
		[CF_STATUS_ON] = CERT_STATUS_ON " = :status",
		[CF_EXPIRING] = CERT_STATUS_ON " = 1 AND c.valid_until <= date(:today, :within)",
		[CF_Q] = "instr(c.number, :q) > 0 OR instr(p.name, :q) > 0",
	},
	.order = " ORDER BY c.id",
	.sorts = (const char *const[]){
		[CERT_SORT_NUMBER] = "c.number",
		[CERT_SORT_HOLDER] = "p.name",
		[CERT_SORT_AGENCY] = "a.name",
		[CERT_SORT_VALID_UNTIL] = "c.valid_until",
		[CERT_SORT_STATUS] = "c.status",
	},
	.nsorts = CERT_SORT_STATUS + 1,
	.tiebreak = "c.id",
};

static void certificate_read(struct sq_row *r, void *item)
{
	struct certificate *c = item;
	c->id = sq_col_int(r);
	c->number = sq_col_text(r);
	c->person_id = sq_col_int(r);
	c->agency_id = sq_col_int(r);
	c->issuer = sq_col_text(r);
	c->domains = sq_col_text(r);
	sq_col_fixed(r, c->issued_on, sizeof c->issued_on);
	sq_col_fixed(r, c->valid_until, sizeof c->valid_until);
	c->status = (enum cert_status)sq_col_int(r);
	sq_col_fixed(r, c->revoked_on, sizeof c->revoked_on);
	c->revoke_reason = sq_col_text(r);
	c->created_at = sq_col_int(r);
	c->updated_at = sq_col_int(r);
	c->holder_name = sq_col_text(r);
	c->agency_name = sq_col_text(r);
}

/* Binds every column but id and created_at (?1 .. ?11). */
static void certificate_bind(struct sq_args *b, const struct certificate *c, int64_t updated)
{
	sq_arg_text(b, c->number);
	sq_arg_id(b, c->person_id);
	sq_arg_id(b, c->agency_id);
	sq_arg_text(b, c->issuer);
	sq_arg_text(b, c->domains);
	sq_arg_text(b, c->issued_on);
	sq_arg_text(b, c->valid_until);
	sq_arg_int(b, c->status);
	sq_arg_nonempty(b, c->revoked_on);
	sq_arg_text(b, c->revoke_reason);
	sq_arg_int(b, updated);
}

enum fz_err sq_certificate_insert(struct store *st, struct certificate *c, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_CERT_INSERT,
				  "INSERT INTO certificates (number, person_id, agency_id, issuer,"
				  " domains, issued_on, valid_until, status, revoked_on,"
				  " revoke_reason, updated_at, created_at)"
				  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
				  &stmt, e);
	if (err)
		return err;
	int64_t created = sq_now_if_zero(c->created_at);
	int64_t updated = c->updated_at ? c->updated_at : created;
	struct sq_args b = sq_args(stmt);
	certificate_bind(&b, c, updated);
	sq_arg_int(&b, created);
	const struct sq_ref refs[] = {
		SQ_REF_PERSON("person_id", c->person_id),
		SQ_REF_AGENCY("agency_id", c->agency_id),
	};
	if ((err = sq_write(s, stmt, &b, refs, 2, NULL, e)))
		return err;
	c->id = sqlite3_last_insert_rowid(s->c->db);
	c->created_at = created;
	c->updated_at = updated;
	return FZ_OK;
}

enum fz_err sq_certificate_update(struct store *st, struct certificate *c, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_CERT_UPDATE,
				  "UPDATE certificates SET number = ?1, person_id = ?2,"
				  " agency_id = ?3, issuer = ?4, domains = ?5, issued_on = ?6,"
				  " valid_until = ?7, status = ?8, revoked_on = ?9,"
				  " revoke_reason = ?10, updated_at = ?11 WHERE id = ?12",
				  &stmt, e);
	if (err)
		return err;
	int64_t updated = sq_now_if_zero(c->updated_at);
	struct sq_args b = sq_args(stmt);
	certificate_bind(&b, c, updated);
	sq_arg_int(&b, c->id);
	const struct sq_ref refs[] = {
		SQ_REF_PERSON("person_id", c->person_id),
		SQ_REF_AGENCY("agency_id", c->agency_id),
	};
	if ((err = sq_write(s, stmt, &b, refs, 2, "执法证不存在", e)))
		return err;
	c->updated_at = updated;
	return FZ_OK;
}

enum fz_err sq_certificate_get(struct store *st, struct arena *a, const struct scope *sc,
			       int64_t id, struct certificate *out, struct fz_error *e)
{
	memset(out, 0, sizeof *out);
	return sq_query_get(sq(st), &certificate_query, sc, id, a, out, certificate_read,
			    "执法证不存在", e);
}

enum fz_err sq_certificate_get_by_number(struct store *st, struct arena *a, const char *number,
					 struct certificate *out, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	memset(out, 0, sizeof *out);
	enum fz_err err = sq_stmt(s, SQ_CERT_GET_BY_NUMBER,
				  CERT_SELECT CERT_FROM " WHERE c.number = ?1", &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_text(&b, number);
	int rc = b.rc != SQLITE_OK ? b.rc : sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		struct sq_row r = { stmt, a, 0, false };
		certificate_read(&r, out);
		if (r.nomem)
			err = fz_fail(e, FZ_NOMEM, "", NULL);
	} else if (rc == SQLITE_DONE) {
		err = fz_fail(e, FZ_NOTFOUND, "number", "未找到该执法证");
	} else {
		err = sq_fail(s, rc, e);
	}
	sq_done(stmt);
	return err;
}

static bool date_shaped(const char *d)
{
	if (!d || strlen(d) != 10)
		return false;
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? d[i] != '-' : (d[i] < '0' || d[i] > '9'))
			return false;
	return true;
}

/* The filter mask for f, or FZ_INVALID for a filter that cannot be met. */
static enum fz_err certificate_mask(const struct certificate_filter *f, unsigned *mask,
				    struct fz_error *e)
{
	bool needs_today = f->status == CERT_EXPIRED || f->status == CERT_NOT_YET ||
			   f->expiring_within_days > 0;
	bool today = f->today && *f->today;
	*mask = 0;
	if (today && !date_shaped(f->today))
		return fz_fail(e, FZ_INVALID, "today", "日期格式应为 YYYY-MM-DD");
	if (needs_today && !today)
		return fz_fail(e, FZ_INVALID, "today", "按有效期筛选时须给出当天日期");
	if (f->expiring_within_days < 0 || f->expiring_within_days > 36600)
		return fz_fail(e, FZ_INVALID, "expiring_within_days", "到期天数超出范围");
	if (f->agency_id)
		*mask |= 1u << CF_AGENCY;
	if (f->person_id)
		*mask |= 1u << CF_PERSON;
	switch (f->status) {
	case 0:
		break;
	case CERT_VALID:
	case CERT_SUSPENDED:
	case CERT_REVOKED:
		/* on a day: as certificate_status() says; without one: as
		 * stored */
		*mask |= today ? 1u << CF_STATUS_ON : 1u << CF_STATUS;
		break;
	case CERT_EXPIRED:
	case CERT_NOT_YET:
		*mask |= 1u << CF_STATUS_ON;
		break;
	default:
		return fz_fail(e, FZ_INVALID, "status", "执法证状态无效");
	}
	if (f->expiring_within_days > 0)
		*mask |= 1u << CF_EXPIRING;
	if (f->q && *f->q)
		*mask |= 1u << CF_Q;
	return FZ_OK;
}

enum fz_err sq_certificate_list(struct store *st, struct arena *a, const struct scope *sc,
				const struct certificate_filter *f, struct page pg,
				struct certificate_list *out, struct fz_error *e)
{
	static const struct certificate_filter any;
	struct sq_list l;
	unsigned mask;
	char within[32];
	if (!f)
		f = &any;
	memset(out, 0, sizeof *out);
	enum fz_err err = certificate_mask(f, &mask, e);
	if (err)
		return err;
	if ((err = sq_list_open_sorted(sq(st), &certificate_query, sc, mask, f->sort, pg, &l, e)))
		return err;
	/* a date modifier for date(), bound like any other value */
	snprintf(within, sizeof within, "+%d days", f->expiring_within_days);
	sq_list_int(&l, ":agency", f->agency_id);
	sq_list_int(&l, ":person", f->person_id);
	sq_list_int(&l, ":status", f->status);
	sq_list_text(&l, ":today", f->today);
	sq_list_text(&l, ":within", within);
	sq_list_text(&l, ":q", f->q);
	void *items;
	err = sq_list_run(&l, a, sizeof *out->items, certificate_read, &items, &out->n,
			  &out->total, e);
	out->items = items;
	return err;
}

/* --- annual reviews --- */

enum fz_err sq_cert_review_insert(struct store *st, struct cert_review *r, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_REVIEW_INSERT,
				  "INSERT INTO cert_reviews (certificate_id, year, passed, note,"
				  " reviewed_on, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
				  &stmt, e);
	if (err)
		return err;
	int64_t created = sq_now_if_zero(r->created_at);
	struct sq_args b = sq_args(stmt);
	sq_arg_id(&b, r->certificate_id);
	sq_arg_int(&b, r->year);
	sq_arg_int(&b, r->passed);
	sq_arg_text(&b, r->note);
	sq_arg_text(&b, r->reviewed_on);
	sq_arg_int(&b, created);
	const struct sq_ref refs[] = { SQ_REF_CERTIFICATE("certificate_id", r->certificate_id) };
	if ((err = sq_write(s, stmt, &b, refs, 1, NULL, e)))
		return err;
	r->id = sqlite3_last_insert_rowid(s->c->db);
	r->created_at = created;
	return FZ_OK;
}

static void review_read(struct sq_row *r, void *item)
{
	struct cert_review *cr = item;
	cr->id = sq_col_int(r);
	cr->certificate_id = sq_col_int(r);
	cr->year = (int)sq_col_int(r);
	cr->passed = sq_col_bool(r);
	cr->note = sq_col_text(r);
	sq_col_fixed(r, cr->reviewed_on, sizeof cr->reviewed_on);
	cr->created_at = sq_col_int(r);
}

/* All reviews of one certificate (one a year), oldest year first. */
enum fz_err sq_cert_review_list(struct store *st, struct arena *a, int64_t certificate_id,
				struct cert_review_list *out, struct fz_error *e)
{
	void *items;
	memset(out, 0, sizeof *out);
	enum fz_err err = sq_rows_of(sq(st), SQ_REVIEW_LIST,
				     "SELECT id, certificate_id, year, passed, note, reviewed_on,"
				     " created_at FROM cert_reviews WHERE certificate_id = ?1"
				     " ORDER BY year, id",
				     certificate_id, a, sizeof *out->items, review_read, &items,
				     &out->n, e);
	out->items = items;
	out->total = (int64_t)out->n;
	return err;
}

/* fz_cert_number(x): x as cert_number_normalize writes it (upper case,
 * full-width made ASCII, spaces dropped); x itself when it cannot be
 * normalised (too long) or is not text. For migration 023. */
static void fn_cert_number(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	char out[CERTIFICATE_NUMBER_MAX * 4 + 1];
	(void)argc;
	const char *in = (const char *)sqlite3_value_text(argv[0]);
	if (sqlite3_value_type(argv[0]) != SQLITE_TEXT || !in ||
	    !cert_number_normalize(in, out, sizeof out)) {
		sqlite3_result_value(cx, argv[0]);
		return;
	}
	sqlite3_result_text(cx, out, -1, SQLITE_TRANSIENT);
}

/* fz_refuse(message): fails the statement with message, so that a
 * migration can stop (and roll back) naming what it found. */
static void fn_refuse(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *m = (const char *)sqlite3_value_text(argv[0]);
	sqlite3_result_error(cx, m ? m : "refused", -1);
}

int sq_cert_register(sqlite3 *db)
{
	int rc = sqlite3_create_function(db, "fz_cert_number", 1,
					 SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
					 NULL, fn_cert_number, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(db, "fz_refuse", 1, SQLITE_UTF8 | SQLITE_DIRECTONLY,
					     NULL, fn_refuse, NULL, NULL);
	return rc;
}
