/* sqlite_org.c - the organisation in SQLite: administrative divisions,
 * agencies (执法主体) and their units (内设机构). An agency's scope is its
 * own id or a prefix of its division code; a unit is seen through its
 * agency. */
#include "store/sqlite_internal.h"

#include <string.h>

/* --- divisions --- */

static const struct sq_query division_query = {
	.id = SQ_Q_DIVISION,
	.select = "SELECT d.code, d.name, d.level, d.parent_code",
	.from = " FROM divisions d",
	.filters = {
		[1] = "d.parent_code IS NULL",
		[2] = "d.parent_code = :parent",
	},
	.order = " ORDER BY d.code",
};

static void division_read(struct sq_row *r, void *item)
{
	struct division *d = item;
	sq_col_fixed(r, d->code, sizeof d->code);
	d->name = sq_col_text(r);
	d->level = (enum division_level)sq_col_int(r);
	sq_col_fixed(r, d->parent_code, sizeof d->parent_code);
}

enum fz_err sq_division_put(struct store *st, const struct division *d, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_DIVISION_PUT,
				  "INSERT INTO divisions (code, name, level, parent_code)"
				  " VALUES (?1, ?2, ?3, ?4)"
				  " ON CONFLICT (code) DO UPDATE SET name = excluded.name,"
				  " level = excluded.level, parent_code = excluded.parent_code",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_text(&b, d->code);
	sq_arg_text(&b, d->name);
	sq_arg_int(&b, d->level);
	sq_arg_nonempty(&b, d->parent_code);
	const struct sq_ref refs[] = {
		SQ_REF_DIVISION("parent_code", d->parent_code, "上级行政区划不存在"),
	};
	return sq_write(s, stmt, &b, refs, 1, NULL, e);
}

enum fz_err sq_division_get(struct store *st, struct arena *a, const char *code,
			    struct division *out, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_DIVISION_GET,
				  "SELECT code, name, level, parent_code FROM divisions"
				  " WHERE code = ?1",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_text(&b, code);
	int rc = b.rc != SQLITE_OK ? b.rc : sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		struct sq_row r = { stmt, a, 0, false };
		memset(out, 0, sizeof *out);
		division_read(&r, out);
		if (r.nomem)
			err = fz_fail(e, FZ_NOMEM, "", NULL);
	} else if (rc == SQLITE_DONE) {
		err = fz_fail(e, FZ_NOTFOUND, "code", "行政区划不存在");
	} else {
		err = sq_fail(s, rc, e);
	}
	sq_done(stmt);
	return err;
}

enum fz_err sq_division_list(struct store *st, struct arena *a, const char *parent,
			     struct page pg, struct division_list *out, struct fz_error *e)
{
	struct sq_list l;
	unsigned mask = !parent ? 0 : !*parent ? 1u << 1 : 1u << 2;
	memset(out, 0, sizeof *out);
	enum fz_err err = sq_list_open(sq(st), &division_query, NULL, mask, pg, &l, e);
	if (err)
		return err;
	sq_list_text(&l, ":parent", parent);
	void *items;
	err = sq_list_run(&l, a, sizeof *out->items, division_read, &items, &out->n, &out->total,
			  e);
	out->items = items;
	return err;
}

/* --- agencies --- */

static const struct sq_query agency_query = {
	.id = SQ_Q_AGENCY,
	.select = "SELECT a.id, a.name, a.uscc, a.division_code, a.kind, a.domains, a.active,"
		  " a.created_at, a.updated_at, a.doc_code, a.court, a.payment_bank,"
		  " a.payment_account, a.reconsideration",
	.from = " FROM agencies a",
	.scope_agency = "a.id = :scope_agency",
	.scope_division = "a.division_code LIKE :scope_prefix || '%'",
	.filters = {
		[0] = "a.id = :id",
		[1] = "a.division_code = :division",
		[2] = "a.kind = :kind",
		[3] = "instr(a.name, :q) > 0",
	},
	.order = " ORDER BY a.id",
};

static void agency_read(struct sq_row *r, void *item)
{
	struct agency *ag = item;
	ag->id = sq_col_int(r);
	ag->name = sq_col_text(r);
	ag->uscc = sq_col_text(r);
	sq_col_fixed(r, ag->division_code, sizeof ag->division_code);
	ag->kind = sq_col_text(r);
	ag->domains = sq_col_text(r);
	ag->active = sq_col_bool(r);
	ag->created_at = sq_col_int(r);
	ag->updated_at = sq_col_int(r);
	ag->doc_code = sq_col_text(r);
	ag->court = sq_col_text(r);
	ag->payment_bank = sq_col_text(r);
	ag->payment_account = sq_col_text(r);
	ag->reconsideration = sq_col_text(r);
}

/* The document settings, in column order ("" for a NULL field). */
static void agency_docs_bind(struct sq_args *b, const struct agency *ag)
{
	const char *v[] = { ag->doc_code, ag->court, ag->payment_bank, ag->payment_account,
			    ag->reconsideration };
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		sq_arg_text(b, v[i] ? v[i] : "");
}

enum fz_err sq_agency_insert(struct store *st, struct agency *ag, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_AGENCY_INSERT,
				  "INSERT INTO agencies (name, uscc, division_code, kind, domains,"
				  " active, created_at, updated_at, doc_code, court, payment_bank,"
				  " payment_account, reconsideration)"
				  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
				  &stmt, e);
	if (err)
		return err;
	int64_t created = sq_now_if_zero(ag->created_at);
	int64_t updated = ag->updated_at ? ag->updated_at : created;
	struct sq_args b = sq_args(stmt);
	sq_arg_text(&b, ag->name);
	sq_arg_text(&b, ag->uscc);
	sq_arg_text(&b, ag->division_code);
	sq_arg_text(&b, ag->kind);
	sq_arg_text(&b, ag->domains);
	sq_arg_int(&b, ag->active);
	sq_arg_int(&b, created);
	sq_arg_int(&b, updated);
	agency_docs_bind(&b, ag);
	const struct sq_ref refs[] = {
		SQ_REF_DIVISION("division_code", ag->division_code, "所属行政区划不存在"),
	};
	if ((err = sq_write(s, stmt, &b, refs, 1, NULL, e)))
		return err;
	ag->id = sqlite3_last_insert_rowid(s->c->db);
	ag->created_at = created;
	ag->updated_at = updated;
	return FZ_OK;
}

enum fz_err sq_agency_update(struct store *st, struct agency *ag, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_AGENCY_UPDATE,
				  "UPDATE agencies SET name = ?1, uscc = ?2, division_code = ?3,"
				  " kind = ?4, domains = ?5, active = ?6, updated_at = ?7,"
				  " doc_code = ?8, court = ?9, payment_bank = ?10,"
				  " payment_account = ?11, reconsideration = ?12"
				  " WHERE id = ?13",
				  &stmt, e);
	if (err)
		return err;
	int64_t updated = sq_now_if_zero(ag->updated_at);
	struct sq_args b = sq_args(stmt);
	sq_arg_text(&b, ag->name);
	sq_arg_text(&b, ag->uscc);
	sq_arg_text(&b, ag->division_code);
	sq_arg_text(&b, ag->kind);
	sq_arg_text(&b, ag->domains);
	sq_arg_int(&b, ag->active);
	sq_arg_int(&b, updated);
	agency_docs_bind(&b, ag);
	sq_arg_int(&b, ag->id);
	const struct sq_ref refs[] = {
		SQ_REF_DIVISION("division_code", ag->division_code, "所属行政区划不存在"),
	};
	if ((err = sq_write(s, stmt, &b, refs, 1, "执法主体不存在", e)))
		return err;
	ag->updated_at = updated;
	return FZ_OK;
}

enum fz_err sq_agency_get(struct store *st, struct arena *a, const struct scope *sc, int64_t id,
			  struct agency *out, struct fz_error *e)
{
	memset(out, 0, sizeof *out);
	return sq_query_get(sq(st), &agency_query, sc, id, a, out, agency_read, "执法主体不存在",
			    e);
}

enum fz_err sq_agency_list(struct store *st, struct arena *a, const struct scope *sc,
			   const struct agency_filter *f, struct page pg,
			   struct agency_list *out, struct fz_error *e)
{
	static const struct agency_filter any;
	struct sq_list l;
	unsigned mask = 0;
	if (!f)
		f = &any;
	if (f->division_code && *f->division_code)
		mask |= 1u << 1;
	if (f->kind && *f->kind)
		mask |= 1u << 2;
	if (f->q && *f->q)
		mask |= 1u << 3;
	memset(out, 0, sizeof *out);
	enum fz_err err = sq_list_open(sq(st), &agency_query, sc, mask, pg, &l, e);
	if (err)
		return err;
	sq_list_text(&l, ":division", f->division_code);
	sq_list_text(&l, ":kind", f->kind);
	sq_list_text(&l, ":q", f->q);
	void *items;
	err = sq_list_run(&l, a, sizeof *out->items, agency_read, &items, &out->n, &out->total, e);
	out->items = items;
	return err;
}

/* --- units --- */

static const struct sq_query unit_query = {
	.id = SQ_Q_UNIT,
	.select = "SELECT u.id, u.agency_id, u.name, u.created_at",
	.from = " FROM units u JOIN agencies a ON a.id = u.agency_id",
	.scope_agency = "u.agency_id = :scope_agency",
	.scope_division = "a.division_code LIKE :scope_prefix || '%'",
	.filters = {
		[0] = "u.id = :id",
		[1] = "u.agency_id = :agency",
	},
	.order = " ORDER BY u.id",
};

static void unit_read(struct sq_row *r, void *item)
{
	struct unit *u = item;
	u->id = sq_col_int(r);
	u->agency_id = sq_col_int(r);
	u->name = sq_col_text(r);
	u->created_at = sq_col_int(r);
}

enum fz_err sq_unit_insert(struct store *st, struct unit *u, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_UNIT_INSERT,
				  "INSERT INTO units (agency_id, name, created_at)"
				  " VALUES (?1, ?2, ?3)",
				  &stmt, e);
	if (err)
		return err;
	int64_t created = sq_now_if_zero(u->created_at);
	struct sq_args b = sq_args(stmt);
	sq_arg_id(&b, u->agency_id);
	sq_arg_text(&b, u->name);
	sq_arg_int(&b, created);
	const struct sq_ref refs[] = { SQ_REF_AGENCY("agency_id", u->agency_id) };
	if ((err = sq_write(s, stmt, &b, refs, 1, NULL, e)))
		return err;
	u->id = sqlite3_last_insert_rowid(s->c->db);
	u->created_at = created;
	return FZ_OK;
}

/* Moving a unit that still has people to another agency fails on the
 * people's (agency_id, unit_id) key: FZ_CONFLICT. */
enum fz_err sq_unit_update(struct store *st, struct unit *u, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_UNIT_UPDATE,
				  "UPDATE units SET agency_id = ?1, name = ?2 WHERE id = ?3", &stmt,
				  e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_id(&b, u->agency_id);
	sq_arg_text(&b, u->name);
	sq_arg_int(&b, u->id);
	const struct sq_ref refs[] = { SQ_REF_AGENCY("agency_id", u->agency_id) };
	err = sq_write(s, stmt, &b, refs, 1, "内设机构不存在", e);
	if (err == FZ_CONFLICT && e && !*e->field)
		err = fz_fail(e, FZ_CONFLICT, "agency_id", "内设机构仍有人员，不能改变所属执法主体");
	return err;
}

enum fz_err sq_unit_get(struct store *st, struct arena *a, const struct scope *sc, int64_t id,
			struct unit *out, struct fz_error *e)
{
	memset(out, 0, sizeof *out);
	return sq_query_get(sq(st), &unit_query, sc, id, a, out, unit_read, "内设机构不存在", e);
}

enum fz_err sq_unit_list(struct store *st, struct arena *a, const struct scope *sc,
			 int64_t agency_id, struct page pg, struct unit_list *out,
			 struct fz_error *e)
{
	struct sq_list l;
	memset(out, 0, sizeof *out);
	enum fz_err err = sq_list_open(sq(st), &unit_query, sc, agency_id ? 1u << 1 : 0, pg, &l,
				       e);
	if (err)
		return err;
	sq_list_int(&l, ":agency", agency_id);
	void *items;
	err = sq_list_run(&l, a, sizeof *out->items, unit_read, &items, &out->n, &out->total, e);
	out->items = items;
	return err;
}
