/* sqlite_evaluation.c - case-file evaluation rounds, their sampled files
 * and scores, supervision check plans and items (019_evaluation.sql) in
 * SQLite. Files and items are scoped through their agency; rounds and
 * plans carry the division of the bureau that runs them. Rectification
 * notices and the oversight record are in sqlite_rectify.c. */
#include "store/sqlite_internal.h"

#include <string.h>

static const char *str(const char *s) { return s ? s : ""; }

static void clamp(struct page *pg)
{
	if (pg->limit < 1)
		pg->limit = 1;
	if (pg->limit > 200)
		pg->limit = 200;
	if (pg->offset < 0)
		pg->offset = 0;
}

/* --- rounds --- */

#define ROUND_SELECT                                                                       \
	"SELECT id, year, title, division, period_from, period_to, sample_size, sample_rate," \
	" rubric, seed, method, population, status, created_by, created_at, updated_at"     \
	" FROM eval_rounds"

static void round_read(struct sq_row *r, void *item)
{
	struct eval_round *x = item;
	x->id = sq_col_int(r);
	x->year = (int)sq_col_int(r);
	x->title = sq_col_text(r);
	x->division = sq_col_text(r);
	sq_col_fixed(r, x->period_from, sizeof x->period_from);
	sq_col_fixed(r, x->period_to, sizeof x->period_to);
	x->sample_size = (int)sq_col_int(r);
	x->sample_rate = (int)sq_col_int(r);
	x->rubric = sq_col_text(r);
	x->seed = sq_col_text(r);
	x->method = (int)sq_col_int(r);
	x->population = sq_col_text(r);
	x->status = sq_col_text(r);
	x->created_by = sq_col_int(r);
	x->created_at = sq_col_int(r);
	x->updated_at = sq_col_int(r);
}

enum fz_err sq_eval_round_insert(struct store *st, struct eval_round *r, const int64_t *agencies,
				 size_t nagencies, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	if (!r->title || !r->rubric || !r->status)
		return fz_fail(e, FZ_INVALID, "title", "评查缺少名称或评查标准");
	enum fz_err err = sq_savepoint(s, e);
	if (err)
		return err;
	if ((err = sq_stmt(s, SQ_EVAL_ROUND_INSERT,
			   "INSERT INTO eval_rounds (year, title, division, period_from, period_to,"
			   " sample_size, sample_rate, rubric, seed, method, population, status,"
			   " created_by, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
			   " ?7, ?8, '', 0, '', ?9, ?10, ?11, ?11)",
			   &stmt, e)))
		goto fail;
	r->created_at = r->updated_at = sq_now_if_zero(r->created_at);
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, r->year);
	sq_arg_text(&b, r->title);
	sq_arg_text(&b, str(r->division));
	sq_arg_text(&b, r->period_from);
	sq_arg_text(&b, r->period_to);
	sq_arg_int(&b, r->sample_size);
	sq_arg_int(&b, r->sample_rate);
	sq_arg_text(&b, r->rubric);
	sq_arg_text(&b, r->status);
	sq_arg_int(&b, r->created_by);
	sq_arg_int(&b, r->created_at);
	if ((err = sq_insert(s, stmt, &b, &r->id, e)))
		goto fail;
	for (size_t i = 0; i < nagencies; i++) {
		if ((err = sq_stmt(s, SQ_EVAL_ROUND_AGENCY_INSERT,
				   "INSERT INTO eval_round_agencies (round_id, agency_id)"
				   " VALUES (?1, ?2)",
				   &stmt, e)))
			goto fail;
		b = sq_args(stmt);
		sq_arg_int(&b, r->id);
		sq_arg_int(&b, agencies[i]);
		const struct sq_ref refs[] = { SQ_REF_AGENCY("agency_ids", agencies[i]) };
		if ((err = sq_write(s, stmt, &b, refs, 1, NULL, e)))
			goto fail;
	}
	return sq_release(s, e);
fail:
	sq_rollback_to(s);
	return err;
}

enum fz_err sq_eval_round_update(struct store *st, const struct eval_round *r, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_EVAL_ROUND_UPDATE,
				  "UPDATE eval_rounds SET status = ?2, seed = ?3, method = ?4,"
				  " population = ?5, updated_at = ?6 WHERE id = ?1",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, r->id);
	sq_arg_text(&b, str(r->status));
	sq_arg_text(&b, str(r->seed));
	sq_arg_int(&b, r->method);
	sq_arg_text(&b, str(r->population));
	sq_arg_int(&b, sq_now_if_zero(r->updated_at));
	return sq_write(s, stmt, &b, NULL, 0, "评查不存在", e);
}

enum fz_err sq_eval_round_get(struct store *st, struct arena *a, int64_t id,
			      struct eval_round *out, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	memset(out, 0, sizeof *out);
	enum fz_err err = sq_stmt(s, SQ_EVAL_ROUND_GET, ROUND_SELECT " WHERE id = ?1", &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, id);
	return sq_one(s, stmt, &b, a, out, round_read, FZ_NOTFOUND, "id", "评查不存在", e);
}

/* One page of the rows of a division (code prefix) and year (0 any),
 * status ("" any: rounds only), in the order of the signed sort key (?4:
 * the key, negative descending; the statement's ORDER BY maps each key
 * to a fixed column, then newest first), and their total, read in one
 * savepoint: rounds and check plans alike. */
static enum fz_err division_page(struct sq_store *s, struct arena *a, const char *division,
				 int year, const char *status, struct list_sort sort,
				 struct page pg, enum sq_stmt_id count_id, const char *count_sql,
				 enum sq_stmt_id list_id, const char *list_sql, size_t item_size,
				 sq_read_fn read, void **items, size_t *n, int64_t *total,
				 struct fz_error *e)
{
	sqlite3_stmt *stmt;
	*items = NULL;
	*n = 0;
	clamp(&pg);
	enum fz_err err = sq_savepoint(s, e);
	if (err)
		return err;
	if ((err = sq_stmt(s, count_id, count_sql, &stmt, e)))
		goto fail;
	struct sq_args b = sq_args(stmt);
	sq_arg_text(&b, str(division));
	sq_arg_int(&b, year);
	sq_arg_text(&b, str(status));
	if ((err = sq_one(s, stmt, &b, a, total, sq_read_int, FZ_DB, "", "", e)))
		goto fail;
	if ((err = sq_stmt(s, list_id, list_sql, &stmt, e)))
		goto fail;
	b = sq_args(stmt);
	sq_arg_text(&b, str(division));
	sq_arg_int(&b, year);
	sq_arg_text(&b, str(status));
	sq_arg_int(&b, sort.desc ? -sort.key : sort.key);
	sq_arg_int(&b, pg.limit);
	sq_arg_int(&b, pg.offset);
	if ((err = sq_collect(s, stmt, &b, a, item_size, read, items, n, e)))
		goto fail;
	return sq_release(s, e);
fail:
	sq_rollback_to(s);
	*items = NULL;
	*n = 0;
	return err;
}

#define DIVISION_WHERE \
	" WHERE division LIKE ?1 || '%' AND (?2 = 0 OR year = ?2) AND (?3 = '' OR status = ?3)"
#define ROUND_STATUS_ORDER "CASE status WHEN 'open' THEN 1 WHEN 'drawn' THEN 2 ELSE 3 END"

enum fz_err sq_eval_round_list(struct store *st, struct arena *a, const struct eval_round_filter *f,
			       struct page pg, struct eval_round_list *out, struct fz_error *e)
{
	void *items;
	memset(out, 0, sizeof *out);
	enum fz_err err = division_page(
		sq(st), a, f ? f->division : "", f ? f->year : 0, f ? f->status : "",
		f ? f->sort : (struct list_sort){ 0, false }, pg, SQ_EVAL_ROUND_COUNT,
		"SELECT count(*) FROM eval_rounds" DIVISION_WHERE, SQ_EVAL_ROUND_LIST,
		ROUND_SELECT DIVISION_WHERE
		" ORDER BY CASE ?4 WHEN 1 THEN title WHEN 2 THEN year WHEN 3 THEN period_from"
		" WHEN 4 THEN " ROUND_STATUS_ORDER " END,"
		" CASE ?4 WHEN -1 THEN title WHEN -2 THEN year WHEN -3 THEN period_from"
		" WHEN -4 THEN " ROUND_STATUS_ORDER " END DESC, id DESC LIMIT ?5 OFFSET ?6",
		sizeof *out->items, round_read, &items, &out->n, &out->total, e);
	out->items = items;
	return err;
}

enum fz_err sq_eval_round_agencies(struct store *st, struct arena *a, int64_t round_id,
				   int64_t **ids, size_t *n, struct fz_error *e)
{
	void *got;
	enum fz_err err = sq_rows_of(sq(st), SQ_EVAL_ROUND_AGENCIES,
				     "SELECT agency_id FROM eval_round_agencies WHERE round_id = ?1"
				     " ORDER BY agency_id",
				     round_id, a, sizeof **ids, sq_read_int, &got, n, e);
	*ids = got;
	return err;
}

static void case_read(struct sq_row *r, void *item)
{
	struct eval_case *c = item;
	c->id = sq_col_int(r);
	c->number = sq_col_text(r);
}

enum fz_err sq_eval_closed_cases(struct store *st, struct arena *a, int64_t agency_id,
				 const char *from, const char *to, struct eval_case **items,
				 size_t *n, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	void *got;
	*items = NULL;
	*n = 0;
	enum fz_err err = sq_stmt(s, SQ_EVAL_CLOSED_CASES,
				  "SELECT c.id, c.number FROM cases c WHERE c.agency_id = ?1"
				  " AND c.closed = 1 AND c.kind NOT IN (5, 6)" /* matters: no case files */
				  " AND (SELECT max(v.on_date) FROM case_events v"
				  " WHERE v.case_id = c.id) BETWEEN ?2 AND ?3 ORDER BY c.id",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, agency_id);
	sq_arg_text(&b, from);
	sq_arg_text(&b, to);
	if ((err = sq_collect(s, stmt, &b, a, sizeof **items, case_read, &got, n, e)))
		return err;
	*items = got;
	return FZ_OK;
}

/* --- files --- */

enum { EF_ID, EF_ROUND, EF_AGENCY, EF_EVALUATOR, EF_SCORED, EF_UNSCORED };

static const struct sq_query file_query = {
	.id = SQ_Q_EVAL_FILE,
	.select = "SELECT f.id, f.round_id, f.agency_id, a.name, f.case_id, f.case_number,"
		  " c.title, f.draw_order, f.evaluator_id, coalesce(u.display_name, ''), f.form,"
		  " f.content, f.total, f.vetoed, f.grade, f.scored_on, r.status",
	.from = " FROM eval_files f JOIN agencies a ON a.id = f.agency_id"
		" JOIN cases c ON c.id = f.case_id JOIN eval_rounds r ON r.id = f.round_id"
		" LEFT JOIN users u ON u.id = f.evaluator_id",
	.scope_agency = "f.agency_id = :scope_agency",
	.scope_division = "a.division_code LIKE :scope_prefix || '%'",
	.filters = {
		[EF_ID] = "f.id = :id",
		[EF_ROUND] = "f.round_id = :round",
		[EF_AGENCY] = "f.agency_id = :agency",
		[EF_EVALUATOR] = "f.evaluator_id = :evaluator",
		[EF_SCORED] = "f.grade <> ''",
		[EF_UNSCORED] = "f.grade = ''",
	},
	.order = " ORDER BY f.round_id DESC, f.agency_id, f.draw_order",
	.sorts = (const char *const[]){
		[EVAL_FILE_SORT_CASE] = "f.case_number",
		[EVAL_FILE_SORT_AGENCY] = "a.name",
		[EVAL_FILE_SORT_EVALUATOR] = "coalesce(u.display_name, '')",
		[EVAL_FILE_SORT_TOTAL] = "f.total",
		[EVAL_FILE_SORT_GRADE] = "f.grade",
		[EVAL_FILE_SORT_SCORED_ON] = "f.scored_on",
	},
	.nsorts = EVAL_FILE_SORT_SCORED_ON + 1,
	.tiebreak = "f.id",
};

static void file_read(struct sq_row *r, void *item)
{
	struct eval_file *f = item;
	f->id = sq_col_int(r);
	f->round_id = sq_col_int(r);
	f->agency_id = sq_col_int(r);
	f->agency = sq_col_text(r);
	f->case_id = sq_col_int(r);
	f->case_number = sq_col_text(r);
	f->case_title = sq_col_text(r);
	f->draw_order = (int)sq_col_int(r);
	f->evaluator_id = sq_col_int(r);
	f->evaluator = sq_col_text(r);
	f->form = (int)sq_col_int(r);
	f->content = (int)sq_col_int(r);
	f->total = (int)sq_col_int(r);
	f->vetoed = sq_col_bool(r);
	f->grade = sq_col_text(r);
	sq_col_fixed(r, f->scored_on, sizeof f->scored_on);
	f->round_status = sq_col_text(r);
}

enum fz_err sq_eval_file_insert(struct store *st, struct eval_file *f, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_EVAL_FILE_INSERT,
				  "INSERT INTO eval_files (round_id, agency_id, case_id, case_number,"
				  " draw_order) VALUES (?1, ?2, ?3, ?4, ?5)",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, f->round_id);
	sq_arg_int(&b, f->agency_id);
	sq_arg_int(&b, f->case_id);
	sq_arg_text(&b, str(f->case_number));
	sq_arg_int(&b, f->draw_order);
	return sq_insert(s, stmt, &b, &f->id, e);
}

enum fz_err sq_eval_file_update(struct store *st, const struct eval_file *f, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_EVAL_FILE_UPDATE,
				  "UPDATE eval_files SET evaluator_id = ?2, form = ?3, content = ?4,"
				  " total = ?5, vetoed = ?6, grade = ?7, scored_on = ?8 WHERE id = ?1",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, f->id);
	sq_arg_int(&b, f->evaluator_id);
	sq_arg_int(&b, f->form);
	sq_arg_int(&b, f->content);
	sq_arg_int(&b, f->total);
	sq_arg_int(&b, f->vetoed);
	sq_arg_text(&b, str(f->grade));
	sq_arg_text(&b, f->scored_on);
	return sq_write(s, stmt, &b, NULL, 0, "案卷不存在", e);
}

enum fz_err sq_eval_file_get(struct store *st, struct arena *a, const struct scope *sc, int64_t id,
			     struct eval_file *out, struct fz_error *e)
{
	memset(out, 0, sizeof *out);
	return sq_query_get(sq(st), &file_query, sc, id, a, out, file_read, "评查案卷不存在", e);
}

enum fz_err sq_eval_file_list(struct store *st, struct arena *a, const struct scope *sc,
			      const struct eval_file_filter *f, struct page pg,
			      struct eval_file_list *out, struct fz_error *e)
{
	struct sq_list l;
	unsigned mask = 0;
	memset(out, 0, sizeof *out);
	if (f->round_id)
		mask |= 1u << EF_ROUND;
	if (f->agency_id)
		mask |= 1u << EF_AGENCY;
	if (f->evaluator_id)
		mask |= 1u << EF_EVALUATOR;
	if (f->scored == 1)
		mask |= 1u << EF_SCORED;
	if (f->scored == 0)
		mask |= 1u << EF_UNSCORED;
	enum fz_err err = sq_list_open_sorted(sq(st), &file_query, sc, mask, f->sort, pg, &l, e);
	if (err)
		return err;
	sq_list_int(&l, ":round", f->round_id);
	sq_list_int(&l, ":agency", f->agency_id);
	sq_list_int(&l, ":evaluator", f->evaluator_id);
	void *items;
	err = sq_list_run(&l, a, sizeof *out->items, file_read, &items, &out->n, &out->total, e);
	out->items = items;
	return err;
}

enum fz_err sq_eval_mark_insert(struct store *st, const struct eval_mark_row *m,
				struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_EVAL_MARK_INSERT,
				  "INSERT INTO eval_marks (file_id, code, lost, veto, note)"
				  " VALUES (?1, ?2, ?3, ?4, ?5)",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, m->file_id);
	sq_arg_text(&b, m->code);
	sq_arg_int(&b, m->lost);
	sq_arg_int(&b, m->veto);
	sq_arg_text(&b, str(m->note));
	return sq_write(s, stmt, &b, NULL, 0, NULL, e);
}

static void mark_read(struct sq_row *r, void *item)
{
	struct eval_mark_row *m = item;
	m->file_id = sq_col_int(r);
	m->code = sq_col_text(r);
	m->lost = (int)sq_col_int(r);
	m->veto = sq_col_bool(r);
	m->note = sq_col_text(r);
}

enum fz_err sq_eval_marks_of(struct store *st, struct arena *a, int64_t file_id,
			     struct eval_mark_row **items, size_t *n, struct fz_error *e)
{
	void *got;
	enum fz_err err = sq_rows_of(sq(st), SQ_EVAL_MARKS_OF,
				     "SELECT file_id, code, lost, veto, note FROM eval_marks"
				     " WHERE file_id = ?1 ORDER BY rowid",
				     file_id, a, sizeof **items, mark_read, &got, n, e);
	*items = got;
	return err;
}

/* --- check plans and items --- */

#define PLAN_SELECT "SELECT id, year, title, division, created_by, created_at FROM check_plans"

static void plan_read(struct sq_row *r, void *item)
{
	struct check_plan *p = item;
	p->id = sq_col_int(r);
	p->year = (int)sq_col_int(r);
	p->title = sq_col_text(r);
	p->division = sq_col_text(r);
	p->created_by = sq_col_int(r);
	p->created_at = sq_col_int(r);
}

enum fz_err sq_check_plan_insert(struct store *st, struct check_plan *p, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	if (!p->title)
		return fz_fail(e, FZ_INVALID, "title", "检查计划缺少名称");
	enum fz_err err = sq_stmt(s, SQ_CHECK_PLAN_INSERT,
				  "INSERT INTO check_plans (year, title, division, created_by,"
				  " created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
				  &stmt, e);
	if (err)
		return err;
	p->created_at = sq_now_if_zero(p->created_at);
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, p->year);
	sq_arg_text(&b, p->title);
	sq_arg_text(&b, str(p->division));
	sq_arg_int(&b, p->created_by);
	sq_arg_int(&b, p->created_at);
	return sq_insert(s, stmt, &b, &p->id, e);
}

enum fz_err sq_check_plan_get(struct store *st, struct arena *a, int64_t id,
			      struct check_plan *out, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	memset(out, 0, sizeof *out);
	enum fz_err err = sq_stmt(s, SQ_CHECK_PLAN_GET, PLAN_SELECT " WHERE id = ?1", &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, id);
	return sq_one(s, stmt, &b, a, out, plan_read, FZ_NOTFOUND, "id", "检查计划不存在", e);
}

enum fz_err sq_check_plan_list(struct store *st, struct arena *a, const struct check_plan_filter *f,
			       struct page pg, struct check_plan_list *out, struct fz_error *e)
{
	void *items;
	memset(out, 0, sizeof *out);
	/* plans have no status: ?3 is always '' */
	enum fz_err err = division_page(
		sq(st), a, f ? f->division : "", f ? f->year : 0, "",
		f ? f->sort : (struct list_sort){ 0, false }, pg, SQ_CHECK_PLAN_COUNT,
		"SELECT count(*) FROM check_plans WHERE division LIKE ?1 || '%'"
		" AND (?2 = 0 OR year = ?2) AND ?3 = ''",
		SQ_CHECK_PLAN_LIST,
		PLAN_SELECT " WHERE division LIKE ?1 || '%' AND (?2 = 0 OR year = ?2) AND ?3 = ''"
		" ORDER BY CASE ?4 WHEN 1 THEN year WHEN 2 THEN title WHEN 3 THEN created_at END,"
		" CASE ?4 WHEN -1 THEN year WHEN -2 THEN title WHEN -3 THEN created_at END DESC,"
		" id DESC LIMIT ?5 OFFSET ?6",
		sizeof *out->items, plan_read, &items, &out->n, &out->total, e);
	out->items = items;
	return err;
}

enum { CI_ID, CI_PLAN };

static const struct sq_query item_query = {
	.id = SQ_Q_CHECK_ITEM,
	.select = "SELECT i.id, i.plan_id, i.agency_id, a.name, i.subject, i.month, i.finding,"
		  " i.found_on",
	.from = " FROM check_items i JOIN agencies a ON a.id = i.agency_id",
	.scope_agency = "i.agency_id = :scope_agency",
	.scope_division = "a.division_code LIKE :scope_prefix || '%'",
	.filters = {
		[CI_ID] = "i.id = :id",
		[CI_PLAN] = "i.plan_id = :plan",
	},
	.order = " ORDER BY i.month, i.id",
};

static void item_read(struct sq_row *r, void *item)
{
	struct check_item *it = item;
	it->id = sq_col_int(r);
	it->plan_id = sq_col_int(r);
	it->agency_id = sq_col_int(r);
	it->agency = sq_col_text(r);
	it->subject = sq_col_text(r);
	it->month = (int)sq_col_int(r);
	it->finding = sq_col_text(r);
	sq_col_fixed(r, it->found_on, sizeof it->found_on);
}

enum fz_err sq_check_item_insert(struct store *st, struct check_item *it, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	if (!it->subject)
		return fz_fail(e, FZ_INVALID, "subject", "检查事项不能为空");
	enum fz_err err = sq_stmt(s, SQ_CHECK_ITEM_INSERT,
				  "INSERT INTO check_items (plan_id, agency_id, subject, month)"
				  " VALUES (?1, ?2, ?3, ?4)",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, it->plan_id);
	sq_arg_int(&b, it->agency_id);
	sq_arg_text(&b, it->subject);
	sq_arg_int(&b, it->month);
	return sq_insert(s, stmt, &b, &it->id, e);
}

enum fz_err sq_check_item_update(struct store *st, const struct check_item *it,
				 struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_CHECK_ITEM_UPDATE,
				  "UPDATE check_items SET finding = ?2, found_on = ?3 WHERE id = ?1",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, it->id);
	sq_arg_text(&b, str(it->finding));
	sq_arg_text(&b, it->found_on);
	return sq_write(s, stmt, &b, NULL, 0, "检查事项不存在", e);
}

enum fz_err sq_check_item_get(struct store *st, struct arena *a, const struct scope *sc,
			      int64_t id, struct check_item *out, struct fz_error *e)
{
	memset(out, 0, sizeof *out);
	return sq_query_get(sq(st), &item_query, sc, id, a, out, item_read, "检查事项不存在", e);
}

enum fz_err sq_check_items_of(struct store *st, struct arena *a, const struct scope *sc,
			      int64_t plan_id, struct check_item **items, size_t *n,
			      struct fz_error *e)
{
	struct sq_list l;
	struct page pg = { 0, 200 };
	int64_t total;
	*items = NULL;
	*n = 0;
	enum fz_err err = sq_list_open(sq(st), &item_query, sc, 1u << CI_PLAN, pg, &l, e);
	if (err)
		return err;
	sq_list_int(&l, ":plan", plan_id);
	void *got;
	err = sq_list_run(&l, a, sizeof **items, item_read, &got, n, &total, e);
	*items = got;
	return err;
}

