/* sqlite_rectify.c - rectification notices (整改通知) and the append-only
 * oversight record that app/rectify.c writes for every step of checks and
 * notices (019_evaluation.sql) in SQLite. Notices are scoped through their
 * agency. Rounds, files, plans and items are in sqlite_evaluation.c. */
#include "store/sqlite_internal.h"

#include <string.h>

static const char *str(const char *s) { return s ? s : ""; }

/* --- notices --- */

enum { NF_ID, NF_AGENCY, NF_STATUS, NF_OPEN, NF_SOURCE, NF_SOURCE_ID, NF_IDS };

static const struct sq_query notice_query = {
	.id = SQ_Q_NOTICE,
	.select = "SELECT n.id, n.agency_id, a.name, n.source, n.source_id, n.findings,"
		  " n.issued_on, n.budget, n.unit, n.status, n.report, n.answered_on,"
		  " n.first_answered_on, n.return_reason, n.closed_on, n.created_by,"
		  " n.created_at, n.updated_at",
	.from = " FROM rect_notices n JOIN agencies a ON a.id = n.agency_id",
	.scope_agency = "n.agency_id = :scope_agency",
	.scope_division = "a.division_code LIKE :scope_prefix || '%'",
	.filters = {
		[NF_ID] = "n.id = :id",
		[NF_AGENCY] = "n.agency_id = :agency",
		[NF_STATUS] = "n.status = :status",
		[NF_OPEN] = "n.status <> 'closed'",
		[NF_SOURCE] = "n.source = :source",
		[NF_SOURCE_ID] = "n.source_id = :source_id",
		[NF_IDS] = "n.id IN (SELECT value FROM json_each(:ids))",
	},
	.order = " ORDER BY n.id DESC",
	.sorts = (const char *const[]){
		[NOTICE_SORT_ID] = "n.id",
		[NOTICE_SORT_AGENCY] = "a.name",
		[NOTICE_SORT_ISSUED] = "n.issued_on",
		[NOTICE_SORT_STATUS] = "n.status",
	},
	.nsorts = NOTICE_SORT_STATUS + 1,
	.tiebreak = "n.id",
};

static void notice_read(struct sq_row *r, void *item)
{
	struct rect_notice *n = item;
	n->id = sq_col_int(r);
	n->agency_id = sq_col_int(r);
	n->agency = sq_col_text(r);
	n->source = sq_col_text(r);
	n->source_id = sq_col_int(r);
	n->findings = sq_col_text(r);
	sq_col_fixed(r, n->issued_on, sizeof n->issued_on);
	n->budget = (int)sq_col_int(r);
	n->unit = (int)sq_col_int(r);
	int stt = notice_status_parse(sq_col_text(r));
	n->status = stt < 0 ? NOTICE_ISSUED : (enum notice_status)stt;
	n->report = sq_col_text(r);
	sq_col_fixed(r, n->answered_on, sizeof n->answered_on);
	sq_col_fixed(r, n->first_answered_on, sizeof n->first_answered_on);
	n->return_reason = sq_col_text(r);
	sq_col_fixed(r, n->closed_on, sizeof n->closed_on);
	n->created_by = sq_col_int(r);
	n->created_at = sq_col_int(r);
	n->updated_at = sq_col_int(r);
}

enum fz_err sq_notice_insert(struct store *st, struct rect_notice *nt, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	if (!nt->findings || !nt->source)
		return fz_fail(e, FZ_INVALID, "findings", "整改通知缺少问题");
	enum fz_err err = sq_stmt(s, SQ_NOTICE_INSERT,
				  "INSERT INTO rect_notices (agency_id, source, source_id, findings,"
				  " issued_on, budget, unit, status, created_by, created_at,"
				  " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'issued', ?8, ?9,"
				  " ?9)",
				  &stmt, e);
	if (err)
		return err;
	nt->created_at = nt->updated_at = sq_now_if_zero(nt->created_at);
	nt->status = NOTICE_ISSUED;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, nt->agency_id);
	sq_arg_text(&b, nt->source);
	sq_arg_int(&b, nt->source_id);
	sq_arg_text(&b, nt->findings);
	sq_arg_text(&b, nt->issued_on);
	sq_arg_int(&b, nt->budget);
	sq_arg_int(&b, nt->unit);
	sq_arg_int(&b, nt->created_by);
	sq_arg_int(&b, nt->created_at);
	return sq_insert(s, stmt, &b, &nt->id, e);
}

enum fz_err sq_notice_update(struct store *st, const struct rect_notice *nt, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_NOTICE_UPDATE,
				  "UPDATE rect_notices SET status = ?2, report = ?3, answered_on = ?4,"
				  " first_answered_on = ?5, return_reason = ?6, closed_on = ?7,"
				  " updated_at = ?8 WHERE id = ?1",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, nt->id);
	sq_arg_text(&b, notice_status_name(nt->status));
	sq_arg_text(&b, str(nt->report));
	sq_arg_text(&b, nt->answered_on);
	sq_arg_text(&b, nt->first_answered_on);
	sq_arg_text(&b, str(nt->return_reason));
	sq_arg_text(&b, nt->closed_on);
	sq_arg_int(&b, sq_now_if_zero(nt->updated_at));
	return sq_write(s, stmt, &b, NULL, 0, "整改通知不存在", e);
}

enum fz_err sq_notice_get(struct store *st, struct arena *a, const struct scope *sc, int64_t id,
			  struct rect_notice *out, struct fz_error *e)
{
	memset(out, 0, sizeof *out);
	return sq_query_get(sq(st), &notice_query, sc, id, a, out, notice_read, "整改通知不存在",
			    e);
}

enum fz_err sq_notice_list(struct store *st, struct arena *a, const struct scope *sc,
			   const struct rect_notice_filter *f, struct page pg,
			   struct rect_notice_list *out, struct fz_error *e)
{
	struct sq_list l;
	unsigned mask = 0;
	memset(out, 0, sizeof *out);
	if (f->agency_id)
		mask |= 1u << NF_AGENCY;
	if (f->status)
		mask |= 1u << NF_STATUS;
	if (f->open_only)
		mask |= 1u << NF_OPEN;
	if (f->source)
		mask |= 1u << NF_SOURCE;
	if (f->source_id)
		mask |= 1u << NF_SOURCE_ID;
	if (f->only.ids)
		mask |= 1u << NF_IDS;
	const char *ids = f->only.ids ? sq_ids_json(a, f->only.ids, f->only.n) : NULL;
	if (f->only.ids && !ids)
		return fz_fail(e, FZ_NOMEM, "", NULL);
	enum fz_err err = sq_list_open_sorted(sq(st), &notice_query, sc, mask, f->sort, pg, &l, e);
	if (err)
		return err;
	sq_list_int(&l, ":agency", f->agency_id);
	sq_list_text(&l, ":status", notice_status_name((enum notice_status)f->status));
	sq_list_text(&l, ":source", f->source);
	sq_list_int(&l, ":source_id", f->source_id);
	sq_list_text(&l, ":ids", ids);
	void *items;
	err = sq_list_run(&l, a, sizeof *out->items, notice_read, &items, &out->n, &out->total, e);
	out->items = items;
	return err;
}

/* --- the record --- */

enum fz_err sq_oversight_record_insert(struct store *st, struct oversight_record *r,
				       struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	if (!r->subject || !r->action)
		return fz_fail(e, FZ_INVALID, "action", "监督记录缺少对象或动作");
	enum fz_err err = sq_stmt(s, SQ_OVERSIGHT_INSERT,
				  "INSERT INTO oversight_records (subject, subject_id, action, on_day,"
				  " at, actor_id, actor, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
				  "",
				  &stmt, e);
	if (err)
		return err;
	r->at = sq_now_if_zero(r->at);
	struct sq_args b = sq_args(stmt);
	sq_arg_text(&b, r->subject);
	sq_arg_int(&b, r->subject_id);
	sq_arg_text(&b, r->action);
	sq_arg_text(&b, r->on);
	sq_arg_int(&b, r->at);
	sq_arg_int(&b, r->actor_id);
	sq_arg_text(&b, str(r->actor));
	sq_arg_text(&b, str(r->body));
	return sq_insert(s, stmt, &b, &r->id, e);
}

static void record_read(struct sq_row *r, void *item)
{
	struct oversight_record *x = item;
	x->id = sq_col_int(r);
	x->subject = sq_col_text(r);
	x->subject_id = sq_col_int(r);
	x->action = sq_col_text(r);
	sq_col_fixed(r, x->on, sizeof x->on);
	x->at = sq_col_int(r);
	x->actor_id = sq_col_int(r);
	x->actor = sq_col_text(r);
	x->body = sq_col_text(r);
}

enum fz_err sq_oversight_record_get(struct store *st, struct arena *a, int64_t id,
				    struct oversight_record *out, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	memset(out, 0, sizeof *out);
	enum fz_err err = sq_stmt(s, SQ_OVERSIGHT_GET,
				  "SELECT id, subject, subject_id, action, on_day, at, actor_id,"
				  " actor, body FROM oversight_records WHERE id = ?1",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, id);
	return sq_one(s, stmt, &b, a, out, record_read, FZ_NOTFOUND, "id", "监督记录不存在", e);
}
