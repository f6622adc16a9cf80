/* sqlite_case.c - enforcement cases (案件) in SQLite: gapless numbering per
 * agency, year and number series, the projection row the events keep up
 * to date, scoped lists and work queues, and the runs of the server's
 * scheduled jobs. The events themselves are in sqlite_case_event.c, the
 * derived status and duties in sqlite_case_status.c. */
#include "store/sqlite_internal.h"

#include <string.h>

#include "base/date.h"

#define CASE_SELECT                                                                      \
	"SELECT c.id, c.number, c.agency_id, c.procedure, c.kind, c.domain, c.matter,"      \
	" c.title, c.party_kind, c.party_name, c.party_id, c.party_address, c.act_date,"    \
	" c.opened_on, c.state, c.closed, c.created_by, c.created_at, c.updated_at, a.name," \
	" coalesce(s.computed_on, '')"
#define CASE_FROM                                                                       \
	" FROM cases c JOIN agencies a ON a.id = c.agency_id"                               \
	" LEFT JOIN case_status s ON s.case_id = c.id"

enum {
	KF_ID,
	KF_AGENCY,
	KF_KIND,
	KF_PROCEDURE,
	KF_STATE,
	KF_CLOSED,
	KF_CREATED_BY,
	KF_Q,
	KF_OPENED_FROM,
	KF_OPENED_TO,
	KF_AWAITS,
	KF_OVERDUE,
	KF_DUE_BY,
	KF_ACTS_OPEN,
	KF_ACTS_OVERDUE,
	KF_FILING_DUE_BY,
	KF_FILING_OVERDUE,
	KF_REVIEW_LATE,
	KF_UNCERTIFIED,
	KF_IDS,
	KF_ID_BELOW,
	KF_OPEN,
};

static const struct sq_query case_query = {
	.id = SQ_Q_CASE,
	.select = CASE_SELECT,
	.from = CASE_FROM,
	/* The total without the status: case_status.case_id is its primary
	 * key, so the LEFT JOIN gives each case one row and never changes the
	 * count; a filter on the status needs it. At 10^5 cases in scope the
	 * join was nearly all of a page's time (450 ms of 460). */
	.count_from = " FROM cases c JOIN agencies a ON a.id = c.agency_id",
	.count_filters = (1u << KF_ID) | (1u << KF_AGENCY) | (1u << KF_KIND) |
			 (1u << KF_PROCEDURE) | (1u << KF_STATE) | (1u << KF_CLOSED) |
			 (1u << KF_CREATED_BY) | (1u << KF_Q) | (1u << KF_OPENED_FROM) |
			 (1u << KF_OPENED_TO) | (1u << KF_UNCERTIFIED) | (1u << KF_IDS) |
			 (1u << KF_ID_BELOW) | (1u << KF_OPEN),
	.scope_agency = "c.agency_id = :scope_agency",
	.scope_division = "a.division_code LIKE :scope_prefix || '%'",
	/* A county's open cases in a province's database: with the division
	 * joined, SQLite walked every open case of the province by the partial
	 * index and kept the county's (0.10 s of CPU, a county's 3,196 of
	 * 159,058); its agencies first, it seeks their ranges (4 ms). */
	.count_scope_division = SQ_DIVISION_AGENCIES("c.agency_id"),
	.filters = {
		[KF_ID] = "c.id = :id",
		[KF_AGENCY] = "c.agency_id = :agency",
		[KF_KIND] = "c.kind = :kind",
		[KF_PROCEDURE] = "c.procedure = :procedure",
		[KF_STATE] = "c.state = :state",
		/* no index for the page (it walks by id); the count's own
		 * clause below may use one */
		[KF_CLOSED] = "+c.closed = 1",
		[KF_OPEN] = "+c.closed = 0",
		[KF_CREATED_BY] = "c.created_by = :created_by",
		[KF_Q] = "instr(c.number, :q) > 0 OR instr(c.title, :q) > 0"
			 " OR instr(c.party_name, :q) > 0",
		[KF_OPENED_FROM] = "c.opened_on >= :opened_from",
		[KF_OPENED_TO] = "c.opened_on <= :opened_to",
		[KF_AWAITS] = "+s.computed_on = :status_day AND (s.awaits_roles & :awaits) != 0",
		[KF_OVERDUE] = "+s.computed_on = :status_day AND s.overdue = 1",
		[KF_DUE_BY] = "+s.computed_on = :status_day AND s.next_due >= :status_day"
			      " AND s.next_due <= :due_by",
		[KF_ACTS_OPEN] = "+s.computed_on = :status_day AND s.acts_open > 0",
		[KF_ACTS_OVERDUE] = "+s.computed_on = :status_day AND s.acts_open > 0"
				    " AND s.acts_due < :status_day",
		[KF_FILING_DUE_BY] = "+s.computed_on = :status_day AND s.filing_due >= :status_day"
				     " AND s.filing_due <= :filing_due_by",
		[KF_FILING_OVERDUE] = "+s.computed_on = :status_day AND s.filing_due <> ''"
				      " AND s.filing_due < :status_day",
		[KF_REVIEW_LATE] = "c.closed = 0 AND +s.computed_on = :status_day"
				   " AND s.review_due <> '' AND s.review_due < :status_day",
		[KF_UNCERTIFIED] = "c.closed = 0 AND EXISTS (SELECT 1 FROM case_events ev"
				   " JOIN case_event_officers o ON o.event_id = ev.id"
				   " JOIN people p ON p.id = o.person_id"
				   " WHERE ev.case_id = c.id AND p.kind = 1 AND NOT EXISTS ("
				   "  SELECT 1 FROM certificates k WHERE k.person_id = p.id"
				   "  AND k.status = 1 AND k.issued_on <= :status_day"
				   "  AND k.valid_until >= :status_day))",
		[KF_IDS] = "c.id IN (SELECT value FROM json_each(:ids))",
		[KF_ID_BELOW] = "c.id < :id_below",
	},
	/* The count of open cases reads the partial index cases_open_agency
	 * (migration 036), 11% of the province's cases, where "c.closed =
	 * :closed" read every case of each agency: a province page of open
	 * cases 28.8 -> 0.9 ms of CPU with the bounded count. The page keeps
	 * "+c.closed": with the index it would sort every open case (374 ms). */
	.count_clauses = {
		[KF_OPEN] = "c.closed = 0",
	},
	.order = " ORDER BY c.id DESC",
	.sorts = (const char *const[]){
		[CASE_SORT_NUMBER] = "c.number",
		[CASE_SORT_TITLE] = "c.title",
		[CASE_SORT_PARTY] = "c.party_name",
		[CASE_SORT_PROCEDURE] = "c.procedure",
		[CASE_SORT_STATE] = "c.state",
		[CASE_SORT_DUE] = "coalesce(nullif(s.next_due, ''), '9999-12-31')",
	},
	.nsorts = CASE_SORT_DUE + 1,
	.tiebreak = "c.id",
};

static void case_read(struct sq_row *r, void *item)
{
	struct enf_case *c = item;
	c->id = sq_col_int(r);
	c->number = sq_col_text(r);
	c->agency_id = sq_col_int(r);
	c->procedure = sq_col_text(r);
	c->kind = (enum case_kind)sq_col_int(r);
	c->domain = sq_col_text(r);
	c->matter = sq_col_text(r);
	c->title = sq_col_text(r);
	c->party_kind = (enum party_kind)sq_col_int(r);
	c->party_name = sq_col_text(r);
	c->party_id = sq_col_text(r);
	c->party_address = sq_col_text(r);
	sq_col_fixed(r, c->act_date, sizeof c->act_date);
	sq_col_fixed(r, c->opened_on, sizeof c->opened_on);
	c->state = sq_col_text(r);
	c->closed = sq_col_bool(r);
	c->created_by = sq_col_int(r);
	c->created_at = sq_col_int(r);
	c->updated_at = sq_col_int(r);
	c->agency_name = sq_col_text(r);
	sq_col_fixed(r, c->status_on, sizeof c->status_on);
}

static const char *or_empty(const char *s) { return s ? s : ""; }

/* "" (not known yet) or a real day. */
static bool date_or_empty(const char *d)
{
	return !*d || date_parse(d, NULL, NULL, NULL);
}

/* The rules a stored case keeps, checked here so that the caller learns
 * which field is wrong (the schema's CHECKs would only say "invalid"). */
static enum fz_err case_check(const struct enf_case *c, struct fz_error *e)
{
	if (c->kind < CASE_PENALTY || c->kind > CASE_KIND_LAST)
		return fz_fail(e, FZ_INVALID, "kind", "执法类别无效");
	/* A matter (a normative document) has no party and no enforcement
	 * domain; every other case has both. */
	bool matter = case_kind_is_matter(c->kind);
	if (matter ? c->party_kind != PARTY_NONE
		   : c->party_kind != PARTY_CITIZEN && c->party_kind != PARTY_ORGANISATION)
		return fz_fail(e, FZ_INVALID, "party_kind", "当事人类型无效");
	if (!given(c->procedure))
		return fz_fail(e, FZ_INVALID, "procedure", "缺少执法程序");
	if (!matter && !given(c->domain))
		return fz_fail(e, FZ_INVALID, "domain", "缺少执法领域");
	if (!given(c->title))
		return fz_fail(e, FZ_INVALID, "title", matter ? "缺少标题" : "缺少案由");
	if (matter && (given(c->party_name) || given(c->party_id) || given(c->party_address)))
		return fz_fail(e, FZ_INVALID, "party_name", "事项没有当事人");
	if (!matter && !given(c->party_name))
		return fz_fail(e, FZ_INVALID, "party_name", "缺少当事人名称");
	if (!date_or_empty(c->act_date))
		return fz_fail(e, FZ_INVALID, "act_date", "日期应为 YYYY-MM-DD 格式的有效日期");
	if (!date_or_empty(c->opened_on))
		return fz_fail(e, FZ_INVALID, "opened_on", "日期应为 YYYY-MM-DD 格式的有效日期");
	return FZ_OK;
}

static enum fz_err numbering_check(const struct case_numbering *num, struct fz_error *e)
{
	if (!num)
		return fz_fail(e, FZ_INVALID, "number", "缺少案件编号规则");
	if (!given(num->agency_code) || strlen(num->agency_code) > 64)
		return fz_fail(e, FZ_INVALID, "agency_code", "机关代字应为 1 到 64 个字节");
	if (!given(num->kind_code) || strlen(num->kind_code) > 64)
		return fz_fail(e, FZ_INVALID, "kind_code", "类别代字应为 1 到 64 个字节");
	if (num->year < 1 || num->year > 9999)
		return fz_fail(e, FZ_INVALID, "year", "年份应在 1 到 9999 之间");
	return FZ_OK;
}

/* Binds the columns that follow the events (?1 .. ?13). */
static void case_bind(struct sq_args *b, const struct enf_case *c, int64_t updated)
{
	sq_arg_text(b, c->procedure);
	sq_arg_text(b, c->domain);
	sq_arg_text(b, or_empty(c->matter));
	sq_arg_text(b, c->title);
	sq_arg_int(b, c->party_kind);
	sq_arg_text(b, c->party_name);
	sq_arg_text(b, or_empty(c->party_id));
	sq_arg_text(b, or_empty(c->party_address));
	sq_arg_nonempty(b, c->act_date);
	sq_arg_nonempty(b, c->opened_on);
	sq_arg_text(b, or_empty(c->state));
	sq_arg_int(b, c->closed);
	sq_arg_int(b, updated);
}

/* Takes the next number of the series. The first statement of the
 * operation writes, so that outside a caller's transaction it waits for
 * the write lock (busy timeout) instead of failing on a stale snapshot. */
static enum fz_err number_next(struct sq_store *s, int64_t agency_id,
			       const struct case_numbering *num, int64_t *n, struct fz_error *e)
{
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_CASE_NUMBER_NEXT,
				  "INSERT INTO case_number_seq (agency_id, year, kind_code, last)"
				  " VALUES (?1, ?2, ?3, 1)"
				  " ON CONFLICT (agency_id, year, kind_code)"
				  " DO UPDATE SET last = last + 1 RETURNING last",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_id(&b, agency_id);
	sq_arg_int(&b, num->year);
	sq_arg_text(&b, num->kind_code);
	int rc = b.rc != SQLITE_OK ? b.rc : sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*n = sqlite3_column_int64(stmt, 0);
		rc = sqlite3_step(stmt);
	}
	if (rc != SQLITE_DONE) {
		const struct sq_ref refs[] = { SQ_REF_AGENCY("agency_id", agency_id) };
		err = sq_fail_refs(s, rc, refs, 1, e);
	}
	sq_done(stmt);
	return err;
}

enum fz_err sq_case_insert(struct store *st, struct arena *a, struct enf_case *c,
			   const struct case_numbering *num, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err;
	int64_t n = 0;
	if ((err = numbering_check(num, e)) || (err = case_check(c, e)))
		return err;
	if ((err = sq_stmt(s, SQ_CASE_INSERT,
			   "INSERT INTO cases (procedure, domain, matter, title, party_kind,"
			   " party_name, party_id, party_address, act_date, opened_on, state,"
			   " closed, updated_at, number, agency_id, kind, created_by, created_at)"
			   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
			   " ?15, ?16, ?17, ?18)",
			   &stmt, e)))
		return err;

	/* the number and the case it numbers are stored together or not at all */
	if ((err = sq_savepoint(s, e)))
		return err;
	if ((err = number_next(s, c->agency_id, num, &n, e)))
		goto fail;
	char *number = arena_printf(a, "%s%s〔%d〕%lld号", num->agency_code, num->kind_code,
				    num->year, (long long)n);
	if (!number) {
		err = fz_fail(e, FZ_NOMEM, "", NULL);
		goto fail;
	}
	int64_t created = sq_now_if_zero(c->created_at);
	int64_t updated = c->updated_at ? c->updated_at : created;
	struct sq_args b = sq_args(stmt);
	case_bind(&b, c, updated);
	sq_arg_text(&b, number);
	sq_arg_id(&b, c->agency_id);
	sq_arg_int(&b, c->kind);
	sq_arg_id(&b, c->created_by);
	sq_arg_int(&b, created);
	const struct sq_ref refs[] = {
		SQ_REF_AGENCY("agency_id", c->agency_id),
		SQ_REF_USER("created_by", c->created_by),
	};
	if ((err = sq_write(s, stmt, &b, refs, 2, NULL, e)))
		goto fail;
	int64_t id = sqlite3_last_insert_rowid(s->c->db);
	/* its status row from the start, of no day: stale until computed */
	if ((err = sq_stmt(s, SQ_CASE_STATUS_PLACEHOLDER,
			   "INSERT INTO case_status (case_id, computed_on) VALUES (?1, '0001-01-01')",
			   &stmt, e)))
		goto fail;
	b = sq_args(stmt);
	sq_arg_int(&b, id);
	if ((err = sq_write(s, stmt, &b, NULL, 0, NULL, e)))
		goto fail;
	if ((err = sq_release(s, e)))
		return err;
	c->id = id;
	c->number = number;
	c->created_at = created;
	c->updated_at = updated;
	return FZ_OK;
fail:
	sq_rollback_to(s);
	return err;
}

enum fz_err sq_case_update(struct store *st, struct enf_case *c, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err;
	if ((err = case_check(c, e)))
		return err;
	int64_t updated = sq_now_if_zero(c->updated_at);
	/* A step moves the state and the time and mostly nothing else: then
	 * only those two columns are set, so that the indexes on the others
	 * (cases_opened, cases_open_agency: opened_on, closed) keep their
	 * pages (a column set rewrites its index entries even when its value
	 * stays). The statement changes the row only when every other column
	 * already holds c's value; otherwise every column is written below. */
	if ((err = sq_stmt(s, SQ_CASE_MOVE,
			   "UPDATE cases SET state = ?11, updated_at = ?13 WHERE id = ?14"
			   " AND procedure IS ?1 AND domain IS ?2 AND matter IS ?3 AND title IS ?4"
			   " AND party_kind IS ?5 AND party_name IS ?6 AND party_id IS ?7"
			   " AND party_address IS ?8 AND act_date IS ?9 AND opened_on IS ?10"
			   " AND closed IS ?12",
			   &stmt, e)))
		return err;
	struct sq_args m = sq_args(stmt);
	case_bind(&m, c, updated);
	sq_arg_int(&m, c->id);
	if ((err = sq_write(s, stmt, &m, NULL, 0, NULL, e)))
		return err;
	if (sqlite3_changes(s->c->db) == 1) {
		c->updated_at = updated;
		return FZ_OK;
	}
	if ((err = sq_stmt(s, SQ_CASE_UPDATE,
			   "UPDATE cases SET procedure = ?1, domain = ?2, matter = ?3, title = ?4,"
			   " party_kind = ?5, party_name = ?6, party_id = ?7, party_address = ?8,"
			   " act_date = ?9, opened_on = ?10, state = ?11, closed = ?12,"
			   " updated_at = ?13 WHERE id = ?14",
			   &stmt, e)))
		return err;
	struct sq_args b = sq_args(stmt);
	case_bind(&b, c, updated);
	sq_arg_int(&b, c->id);
	if ((err = sq_write(s, stmt, &b, NULL, 0, "案件不存在", e)))
		return err;
	c->updated_at = updated;
	return FZ_OK;
}

enum fz_err sq_case_get(struct store *st, struct arena *a, const struct scope *sc, int64_t id,
			struct enf_case *out, struct fz_error *e)
{
	memset(out, 0, sizeof *out);
	return sq_query_get(sq(st), &case_query, sc, id, a, out, case_read, "案件不存在", e);
}

/* The filter mask for f, or FZ_INVALID for a filter that cannot be met. */
static enum fz_err case_mask(const struct case_filter *f, unsigned *mask, struct fz_error *e)
{
	*mask = 0;
	if (f->kind < 0 || f->kind > CASE_KIND_LAST)
		return fz_fail(e, FZ_INVALID, "kind", "执法类别无效");
	if (f->closed < -1 || f->closed > 2)
		return fz_fail(e, FZ_INVALID, "closed", "结案筛选条件无效");
	if (given(f->opened_from) && !date_parse(f->opened_from, NULL, NULL, NULL))
		return fz_fail(e, FZ_INVALID, "opened_from", "日期应为 YYYY-MM-DD 格式的有效日期");
	if (given(f->opened_to) && !date_parse(f->opened_to, NULL, NULL, NULL))
		return fz_fail(e, FZ_INVALID, "opened_to", "日期应为 YYYY-MM-DD 格式的有效日期");
	if (f->agency_id)
		*mask |= 1u << KF_AGENCY;
	if (f->kind)
		*mask |= 1u << KF_KIND;
	if (given(f->procedure))
		*mask |= 1u << KF_PROCEDURE;
	if (given(f->state))
		*mask |= 1u << KF_STATE;
	if (f->closed == 1)
		*mask |= 1u << KF_CLOSED;
	else if (f->closed == 2)
		*mask |= 1u << KF_OPEN;
	if (f->created_by)
		*mask |= 1u << KF_CREATED_BY;
	if (given(f->q))
		*mask |= 1u << KF_Q;
	if (given(f->opened_from))
		*mask |= 1u << KF_OPENED_FROM;
	if (given(f->opened_to))
		*mask |= 1u << KF_OPENED_TO;
	if ((f->awaits || f->overdue || given(f->due_by) || f->acts_open || f->acts_overdue ||
	     given(f->filing_due_by) || f->filing_overdue || f->review_late ||
	     f->handler_uncertified) &&
	    (!given(f->status_day) || !date_parse(f->status_day, NULL, NULL, NULL)))
		return fz_fail(e, FZ_INVALID, "status_day", "缺少状态日期");
	if (given(f->due_by) && !date_parse(f->due_by, NULL, NULL, NULL))
		return fz_fail(e, FZ_INVALID, "due_by", "日期应为 YYYY-MM-DD 格式的有效日期");
	if (f->awaits)
		*mask |= 1u << KF_AWAITS;
	if (f->overdue)
		*mask |= 1u << KF_OVERDUE;
	if (given(f->due_by))
		*mask |= 1u << KF_DUE_BY;
	if (given(f->filing_due_by) && !date_parse(f->filing_due_by, NULL, NULL, NULL))
		return fz_fail(e, FZ_INVALID, "filing_due_by", "日期应为 YYYY-MM-DD 格式的有效日期");
	if (f->acts_open)
		*mask |= 1u << KF_ACTS_OPEN;
	if (f->acts_overdue)
		*mask |= 1u << KF_ACTS_OVERDUE;
	if (given(f->filing_due_by))
		*mask |= 1u << KF_FILING_DUE_BY;
	if (f->filing_overdue)
		*mask |= 1u << KF_FILING_OVERDUE;
	if (f->review_late)
		*mask |= 1u << KF_REVIEW_LATE;
	if (f->handler_uncertified)
		*mask |= 1u << KF_UNCERTIFIED;
	if (f->only.ids)
		*mask |= 1u << KF_IDS;
	if (f->id_below < 0)
		return fz_fail(e, FZ_INVALID, "id_below", "案件编号范围无效");
	if (f->id_below)
		*mask |= 1u << KF_ID_BELOW;
	return FZ_OK;
}

static enum fz_err case_list_run(struct sq_list *l, struct arena *a, struct case_list *out,
				 struct fz_error *e)
{
	void *items;
	enum fz_err err = sq_list_run(l, a, sizeof *out->items, case_read, &items, &out->n,
				      &out->total, e);
	out->items = items;
	out->total_more = l->more;
	return err;
}

enum fz_err sq_case_list(struct store *st, struct arena *a, const struct scope *sc,
			 const struct case_filter *f, struct page pg, struct case_list *out,
			 struct fz_error *e)
{
	static const struct case_filter any;
	struct sq_list l;
	unsigned mask;
	if (!f)
		f = &any;
	memset(out, 0, sizeof *out);
	enum fz_err err = case_mask(f, &mask, e);
	if (err)
		return err;
	const char *ids = f->only.ids ? sq_ids_json(a, f->only.ids, f->only.n) : NULL;
	if (f->only.ids && !ids)
		return fz_fail(e, FZ_NOMEM, "", NULL);
	if ((err = sq_list_open_sorted(sq(st), &case_query, sc, mask, f->sort, pg, &l, e)))
		return err;
	sq_list_int(&l, ":agency", f->agency_id);
	sq_list_int(&l, ":kind", f->kind);
	sq_list_text(&l, ":procedure", f->procedure);
	sq_list_text(&l, ":state", f->state);
	sq_list_int(&l, ":created_by", f->created_by);
	sq_list_text(&l, ":q", f->q);
	sq_list_text(&l, ":opened_from", f->opened_from);
	sq_list_text(&l, ":opened_to", f->opened_to);
	sq_list_text(&l, ":status_day", f->status_day);
	sq_list_int(&l, ":awaits", f->awaits);
	sq_list_text(&l, ":due_by", f->due_by);
	sq_list_text(&l, ":filing_due_by", f->filing_due_by);
	sq_list_text(&l, ":ids", ids);
	sq_list_int(&l, ":id_below", f->id_below);
	return case_list_run(&l, a, out, e);
}

enum fz_err sq_job_run_insert(struct store *st, struct job_run *run, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err;
	if (!given(run->job) || run->duration_ms < 0)
		return fz_fail(e, FZ_INVALID, "job", "任务名称或用时无效");
	if ((err = sq_stmt(s, SQ_JOB_RUN_INSERT,
			   "INSERT INTO job_runs (job, started_at, duration_ms, items, ok, message)"
			   " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
			   &stmt, e)))
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_text(&b, run->job);
	sq_arg_int(&b, run->started_at);
	sq_arg_int(&b, run->duration_ms);
	sq_arg_int(&b, run->items);
	sq_arg_int(&b, run->ok);
	sq_arg_text(&b, or_empty(run->message));
	if ((err = sq_write(s, stmt, &b, NULL, 0, NULL, e)))
		return err;
	run->id = sqlite3_last_insert_rowid(s->c->db);
	return FZ_OK;
}

static void job_read(struct sq_row *r, void *item)
{
	struct job_run *j = item;
	j->id = sq_col_int(r);
	j->job = sq_col_text(r);
	j->started_at = sq_col_int(r);
	j->duration_ms = sq_col_int(r);
	j->items = sq_col_int(r);
	j->ok = sq_col_bool(r);
	j->message = sq_col_text(r);
}

enum fz_err sq_job_runs_latest(struct store *st, struct arena *a, struct job_run_list *out,
			       struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err;
	void *items;
	memset(out, 0, sizeof *out);
	if ((err = sq_stmt(s, SQ_JOB_RUNS_LATEST,
			   "SELECT id, job, started_at, duration_ms, items, ok, message FROM job_runs"
			   " WHERE id IN (SELECT max(id) FROM job_runs GROUP BY job) ORDER BY job",
			   &stmt, e)))
		return err;
	struct sq_args b = sq_args(stmt);
	if ((err = sq_collect(s, stmt, &b, a, sizeof *out->items, job_read, &items, &out->n, e)))
		return err;
	out->items = items;
	out->total = (int64_t)out->n;
	return FZ_OK;
}
