/* sqlite_people.c - officers and assistants (执法人员, 执法辅助人员) in
 * SQLite, and the per-agency counts behind the 5% legal-reviewer check.
 * A person is seen through the agency that employs them. */
#include "store/sqlite_internal.h"

#include <string.h>

static const struct sq_query person_query = {
	.id = SQ_Q_PERSON,
	.select = "SELECT p.id, p.agency_id, p.unit_id, p.name, p.resident_id, p.phone, p.kind,"
		  " p.is_reviewer, p.active, p.created_at, p.updated_at",
	.from = " FROM people p JOIN agencies a ON a.id = p.agency_id",
	.scope_agency = "p.agency_id = :scope_agency",
	.scope_division = "a.division_code LIKE :scope_prefix || '%'",
	.filters = {
		[0] = "p.id = :id",
		[1] = "p.agency_id = :agency",
		[2] = "p.unit_id = :unit",
		[3] = "p.kind = :kind",
		[4] = "p.is_reviewer = :reviewer",
		[5] = "instr(p.name, :q) > 0",
	},
	.order = " ORDER BY p.id",
	.sorts = (const char *const[]){
		[PERSON_SORT_NAME] = "p.name",
		[PERSON_SORT_AGENCY] = "a.name",
		[PERSON_SORT_KIND] = "p.kind",
		[PERSON_SORT_REVIEWER] = "p.is_reviewer",
		[PERSON_SORT_ACTIVE] = "p.active",
	},
	.nsorts = PERSON_SORT_ACTIVE + 1,
	.tiebreak = "p.id",
};

static void person_read(struct sq_row *r, void *item)
{
	struct person *p = item;
	p->id = sq_col_int(r);
	p->agency_id = sq_col_int(r);
	p->unit_id = sq_col_int(r);
	p->name = sq_col_text(r);
	p->resident_id = sq_col_text(r);
	p->phone = sq_col_text(r);
	p->kind = (enum person_kind)sq_col_int(r);
	p->is_reviewer = sq_col_bool(r);
	p->active = sq_col_bool(r);
	p->created_at = sq_col_int(r);
	p->updated_at = sq_col_int(r);
}

enum fz_err sq_person_insert(struct store *st, struct person *p, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_PERSON_INSERT,
				  "INSERT INTO people (agency_id, unit_id, name, resident_id, phone,"
				  " kind, is_reviewer, active, created_at, updated_at)"
				  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
				  &stmt, e);
	if (err)
		return err;
	int64_t created = sq_now_if_zero(p->created_at);
	int64_t updated = p->updated_at ? p->updated_at : created;
	struct sq_args b = sq_args(stmt);
	sq_arg_id(&b, p->agency_id);
	sq_arg_id(&b, p->unit_id);
	sq_arg_text(&b, p->name);
	sq_arg_text(&b, p->resident_id);
	sq_arg_text(&b, p->phone);
	sq_arg_int(&b, p->kind);
	sq_arg_int(&b, p->is_reviewer);
	sq_arg_int(&b, p->active);
	sq_arg_int(&b, created);
	sq_arg_int(&b, updated);
	const struct sq_ref refs[] = {
		SQ_REF_AGENCY("agency_id", p->agency_id),
		SQ_REF_UNIT_OF_AGENCY("unit_id", p->unit_id, p->agency_id),
	};
	if ((err = sq_write(s, stmt, &b, refs, 2, NULL, e)))
		return err;
	p->id = sqlite3_last_insert_rowid(s->c->db);
	p->created_at = created;
	p->updated_at = updated;
	return FZ_OK;
}

enum fz_err sq_person_update(struct store *st, struct person *p, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_PERSON_UPDATE,
				  "UPDATE people SET agency_id = ?1, unit_id = ?2, name = ?3,"
				  " resident_id = ?4, phone = ?5, kind = ?6, is_reviewer = ?7,"
				  " active = ?8, updated_at = ?9 WHERE id = ?10",
				  &stmt, e);
	if (err)
		return err;
	int64_t updated = sq_now_if_zero(p->updated_at);
	struct sq_args b = sq_args(stmt);
	sq_arg_id(&b, p->agency_id);
	sq_arg_id(&b, p->unit_id);
	sq_arg_text(&b, p->name);
	sq_arg_text(&b, p->resident_id);
	sq_arg_text(&b, p->phone);
	sq_arg_int(&b, p->kind);
	sq_arg_int(&b, p->is_reviewer);
	sq_arg_int(&b, p->active);
	sq_arg_int(&b, updated);
	sq_arg_int(&b, p->id);
	const struct sq_ref refs[] = {
		SQ_REF_AGENCY("agency_id", p->agency_id),
		SQ_REF_UNIT_OF_AGENCY("unit_id", p->unit_id, p->agency_id),
	};
	if ((err = sq_write(s, stmt, &b, refs, 2, "人员不存在", e)))
		return err;
	p->updated_at = updated;
	return FZ_OK;
}

enum fz_err sq_person_get(struct store *st, struct arena *a, const struct scope *sc, int64_t id,
			  struct person *out, struct fz_error *e)
{
	memset(out, 0, sizeof *out);
	return sq_query_get(sq(st), &person_query, sc, id, a, out, person_read, "人员不存在", e);
}

enum fz_err sq_person_list(struct store *st, struct arena *a, const struct scope *sc,
			   const struct person_filter *f, struct page pg,
			   struct person_list *out, struct fz_error *e)
{
	static const struct person_filter any;
	struct sq_list l;
	unsigned mask = 0;
	if (!f)
		f = &any;
	if (f->agency_id)
		mask |= 1u << 1;
	if (f->unit_id)
		mask |= 1u << 2;
	if (f->kind)
		mask |= 1u << 3;
	if (f->is_reviewer == 1 || f->is_reviewer == 2)
		mask |= 1u << 4;
	if (f->q && *f->q)
		mask |= 1u << 5;
	memset(out, 0, sizeof *out);
	enum fz_err err = sq_list_open_sorted(sq(st), &person_query, sc, mask, f->sort, pg, &l, e);
	if (err)
		return err;
	sq_list_int(&l, ":agency", f->agency_id);
	sq_list_int(&l, ":unit", f->unit_id);
	sq_list_int(&l, ":kind", f->kind);
	sq_list_int(&l, ":reviewer", f->is_reviewer == 1);
	sq_list_text(&l, ":q", f->q);
	void *items;
	err = sq_list_run(&l, a, sizeof *out->items, person_read, &items, &out->n, &out->total, e);
	out->items = items;
	return err;
}

/* --- the 5% reviewer check --- */

/* Active agencies in scope with their active officers and how many of them
 * are legal reviewers; the subqueries run on people_agency. */
static const struct sq_query ratio_query = {
	.id = SQ_Q_RATIO,
	.select = "SELECT a.id, a.name,"
		  " (SELECT count(*) FROM people p WHERE p.agency_id = a.id"
		  "  AND p.kind = 1 AND p.active = 1),"
		  " (SELECT count(*) FROM people p WHERE p.agency_id = a.id"
		  "  AND p.kind = 1 AND p.active = 1 AND p.is_reviewer = 1)",
	.from = " FROM agencies a",
	.scope_agency = "a.id = :scope_agency",
	.scope_division = "a.division_code LIKE :scope_prefix || '%'",
	.filters = {
		[0] = "a.id = :id",
		[1] = "a.active = 1",
	},
	.order = " ORDER BY a.id",
};

static void ratio_read(struct sq_row *r, void *item)
{
	struct reviewer_ratio *rr = item;
	rr->agency_id = sq_col_int(r);
	rr->agency_name = sq_col_text(r);
	rr->officers = sq_col_int(r);
	rr->reviewers = sq_col_int(r);
}

enum fz_err sq_reviewer_ratios(struct store *st, struct arena *a, const struct scope *sc,
			       struct page pg, struct reviewer_ratio_list *out,
			       struct fz_error *e)
{
	struct sq_list l;
	memset(out, 0, sizeof *out);
	enum fz_err err = sq_list_open(sq(st), &ratio_query, sc, 1u << 1, pg, &l, e);
	if (err)
		return err;
	void *items;
	err = sq_list_run(&l, a, sizeof *out->items, ratio_read, &items, &out->n, &out->total, e);
	out->items = items;
	return err;
}
