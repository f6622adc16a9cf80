/* todo_cells_test.c - the workbench's counts from the cells that
 * 052_todo_cells.sql keeps beside the statuses. Whatever writes a status
 * row or a case's closed flag (the store's put, the calendar's
 * invalidation, a database client closing a case or deleting a status),
 * the counts of every scope, day, role and window equal what the one
 * statement over every case and its status counted before the cells
 * (kept here as the oracle), and no cell is left at 0 or below. */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "contract.h"
#include "store/sqlite_internal.h"
#include "t.h"

/* The workbench's sums as they were read before 052, over every case of
 * the scope and its status of day: what the cells must give. */
#define ORACLE                                                                            \
	"SELECT"                                                                          \
	" coalesce(sum(c.closed = 0 AND (s.awaits_roles & ?2) != 0), 0),"                 \
	" coalesce(sum(c.closed = 0 AND (s.awaits_roles & ?3) != 0), 0),"                 \
	" coalesce(sum(c.closed = 0 AND (s.awaits_roles & ?4) != 0), 0),"                 \
	" coalesce(sum(c.closed = 0 AND s.next_due >= ?1 AND s.next_due <= ?5), 0),"      \
	" coalesce(sum(c.closed = 0 AND s.overdue = 1), 0),"                              \
	" coalesce(sum(s.acts_open > 0), 0),"                                             \
	" coalesce(sum(s.acts_open > 0 AND s.acts_due < ?1), 0),"                         \
	" coalesce(sum(s.filing_due <> '' AND s.filing_due < ?1), 0)"                     \
	" FROM cases c JOIN case_status s ON s.case_id = c.id JOIN agencies a"            \
	" ON a.id = c.agency_id WHERE s.computed_on = ?1"                                 \
	" AND (?6 = 0 OR c.agency_id = ?7) AND (?8 = '' OR a.division_code LIKE ?8 || '%')"

static bool oracle(sqlite3 *db, const struct scope *sc, const char *day, const char *soon,
		   unsigned mine, struct case_todo_counts *out)
{
	sqlite3_stmt *q;
	memset(out, 0, sizeof *out);
	if (sqlite3_prepare_v2(db, ORACLE, -1, &q, NULL) != SQLITE_OK) {
		t_fail(__FILE__, __LINE__, "oracle: %s", sqlite3_errmsg(db));
		return false;
	}
	sqlite3_bind_text(q, 1, day, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 2, (int)mine);
	sqlite3_bind_int(q, 3, ROLE_REVIEWER);
	sqlite3_bind_int(q, 4, ROLE_HEAD);
	sqlite3_bind_text(q, 5, soon, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 6, sc->kind == SCOPE_AGENCY);
	sqlite3_bind_int64(q, 7, sc->agency_id);
	sqlite3_bind_text(q, 8, sc->kind == SCOPE_DIVISION ? sc->division_prefix : "", -1,
			  SQLITE_STATIC);
	bool ok = sqlite3_step(q) == SQLITE_ROW;
	if (ok) {
		int64_t *v[] = { &out->mine, &out->review, &out->approval, &out->due_soon,
				 &out->overdue, &out->acts, &out->acts_overdue, &out->filing_overdue };
		for (int i = 0; i < 8; i++)
			*v[i] = sqlite3_column_int64(q, i);
	}
	sqlite3_finalize(q);
	return ok;
}

static int64_t one_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *q;
	int64_t v = -1;
	if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
		v = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return v;
}

/* A small deterministic generator (xorshift): the same run every time. */
static uint32_t next(uint32_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

static const char *pick(uint32_t *x, const char *const *from, size_t n)
{
	return from[next(x) % n];
}

#define NCASES 12

/* Compares every scope, day, role set and window; the number compared. */
static int compare_all(struct store_fx *fx, sqlite3 *db, const int64_t *agencies)
{
	static const char *const days[] = { "2026-01-04", "2026-01-05", "2026-01-06" };
	static const char *const soons[] = { "2026-01-05", "2026-01-09", "2026-02-28" };
	static const unsigned roles[] = { ROLE_OFFICER, ROLE_REVIEWER | ROLE_HEAD, 15 };
	struct scope scopes[] = { sc_all(), sc_agency(agencies[0]), sc_agency(agencies[1]),
				  sc_agency(agencies[2]), sc_division("640522"),
				  sc_division("640104") };
	int compared = 0;
	for (size_t s = 0; s < sizeof scopes / sizeof scopes[0]; s++)
		for (size_t d = 0; d < 3; d++)
			for (size_t w = 0; w < 3; w++)
				for (size_t r = 0; r < 3; r++) {
					struct case_todo_counts got, want;
					struct fz_error e = { 0 };
					if (fx->st->ops->case_todo_counts(fx->st, &scopes[s], days[d],
									  soons[w], roles[r], &got,
									  &e) != FZ_OK ||
					    !oracle(db, &scopes[s], days[d], soons[w], roles[r], &want)) {
						t_fail(__FILE__, __LINE__, "counts: %s", e.message);
						return compared;
					}
					if (memcmp(&got, &want, sizeof got) != 0) {
						t_fail(__FILE__, __LINE__,
						       "scope %zu day %s soon %s roles %u: cells %lld %lld"
						       " %lld %lld %lld %lld %lld %lld, cases %lld %lld %lld"
						       " %lld %lld %lld %lld %lld",
						       s, days[d], soons[w], roles[r], (long long)got.mine,
						       (long long)got.review, (long long)got.approval,
						       (long long)got.due_soon, (long long)got.overdue,
						       (long long)got.acts, (long long)got.acts_overdue,
						       (long long)got.filing_overdue, (long long)want.mine,
						       (long long)want.review, (long long)want.approval,
						       (long long)want.due_soon, (long long)want.overdue,
						       (long long)want.acts, (long long)want.acts_overdue,
						       (long long)want.filing_overdue);
						return compared;
					}
					compared++;
				}
	return compared;
}

TEST(store_todo_cells_count_what_every_case_and_its_status_count)
{
	struct store_fx fx;
	struct fz_error e = { 0 };
	char msg[256], sql[160];
	REQUIRE(store_fx_open(&fx));
	struct store *st = fx.st;
	sqlite3 *db = sq(st)->c->db;
	int64_t agencies[3] = { fx.haiyuan_market, fx.haiyuan_justice, fx.xingqing_city };
	int64_t ids[NCASES];
	for (int i = 0; i < NCASES; i++) {
		char title[32];
		snprintf(title, sizeof title, "案件 %d", i);
		REQUIRE((ids[i] = store_fx_case(&fx, agencies[i % 3], "罚立", title, "某公司",
						NULL)) > 0);
	}
	static const char *const on[] = { "2026-01-04", "2026-01-05", "2026-01-05", "2026-01-06",
					  "0001-01-01", STORE_STATUS_SETTLED };
	static const char *const due[] = { "", "2026-01-03", "2026-01-05", "2026-01-06",
					   "2026-01-09", "2026-01-10", "2026-03-01" };
	uint32_t x = 20261207;
	int compared = 0, closings = 0, deletions = 0, puts = 0;
	for (int round = 0; round < 240; round++) {
		int64_t id = ids[next(&x) % NCASES];
		unsigned what = next(&x) % 10;
		if (what < 7) {
			struct case_status cs = { .case_id = id };
			snprintf(cs.computed_on, sizeof cs.computed_on, "%s", pick(&x, on, 6));
			snprintf(cs.next_due, sizeof cs.next_due, "%s", pick(&x, due, 7));
			cs.overdue = next(&x) % 3 == 0;
			cs.awaits_roles = next(&x) % 16;
			cs.acts_open = (int)(next(&x) % 3);
			snprintf(cs.acts_due, sizeof cs.acts_due, "%s", pick(&x, due, 7));
			snprintf(cs.filing_due, sizeof cs.filing_due, "%s", pick(&x, due, 7));
			REQUIRE(st->ops->case_status_put(st, &cs, &e) == FZ_OK);
			puts++;
		} else if (what < 9) {
			/* closed, or open again, as a database client would */
			snprintf(sql, sizeof sql, "UPDATE cases SET closed = 1 - closed WHERE id = %lld",
				 (long long)id);
			REQUIRE(contract_raw_exec(fx.dir, sql, msg, sizeof msg) == 0);
			closings++;
		} else if (round % 3) {
			snprintf(sql, sizeof sql, "DELETE FROM case_status WHERE case_id = %lld",
				 (long long)id);
			REQUIRE(contract_raw_exec(fx.dir, sql, msg, sizeof msg) == 0);
			deletions++;
		} else {
			REQUIRE(st->ops->case_status_invalidate(st, &e) == FZ_OK);
		}
		if (round % 12 == 11) {
			compared += compare_all(&fx, db, agencies);
			CHECK_INT(one_int(db, "SELECT count(*) FROM case_todo_cells WHERE n <= 0"), 0);
			CHECK_INT(one_int(db, "SELECT coalesce(sum(n), 0) FROM case_todo_cells"),
				  one_int(db, "SELECT count(*) FROM case_status"));
		}
	}
	/* every kind of change happened, and the counts were compared */
	CHECK(puts > 100 && closings > 20 && deletions > 5);
	CHECK_INT(compared, 20 * 6 * 27);
	store_fx_close(&fx);
}

/* The cells are what the workbench reads: a status written moves its
 * agency's count at once, closing the case takes it out of the counts
 * that ask for open cases only. */
TEST(store_todo_cells_follow_a_status_and_a_closing)
{
	struct store_fx fx;
	struct fz_error e = { 0 };
	char msg[256], sql[160];
	REQUIRE(store_fx_open(&fx));
	struct store *st = fx.st;
	int64_t id = store_fx_case(&fx, fx.haiyuan_market, "罚立", "案件", "某公司", NULL);
	REQUIRE(id > 0);
	struct scope market = sc_agency(fx.haiyuan_market);
	struct case_todo_counts t;
	struct case_status cs = { .case_id = id, .computed_on = "2026-01-05",
				  .next_due = "2026-01-07", .overdue = 1,
				  .awaits_roles = ROLE_REVIEWER, .acts_open = 1,
				  .acts_due = "2026-01-02" };
	REQUIRE(st->ops->case_status_put(st, &cs, &e) == FZ_OK);
	REQUIRE(st->ops->case_todo_counts(st, &market, "2026-01-05", "2026-01-09", ROLE_OFFICER,
					  &t, &e) == FZ_OK);
	CHECK_INT(t.review, 1);
	CHECK_INT(t.due_soon, 1);
	CHECK_INT(t.overdue, 1);
	CHECK_INT(t.acts_overdue, 1);
	snprintf(sql, sizeof sql, "UPDATE cases SET closed = 1 WHERE id = %lld", (long long)id);
	REQUIRE(contract_raw_exec(fx.dir, sql, msg, sizeof msg) == 0);
	REQUIRE(st->ops->case_todo_counts(st, &market, "2026-01-05", "2026-01-09", ROLE_OFFICER,
					  &t, &e) == FZ_OK);
	CHECK_INT(t.review, 0);
	CHECK_INT(t.due_soon, 0);
	CHECK_INT(t.overdue, 0);
	CHECK_INT(t.acts_overdue, 1); /* answers owed outlive the closing */
	store_fx_close(&fx);
}

/* A database that had statuses before 052: the migration fills the cells
 * from them, and the counts are what they were. */
TEST(store_todo_cells_are_filled_from_the_statuses_by_the_migration)
{
	struct store_fx fx;
	struct fz_error e = { 0 };
	char msg[256];
	REQUIRE(store_fx_open(&fx));
	struct store *st = fx.st;
	sqlite3 *db = sq(st)->c->db;
	int64_t agencies[3] = { fx.haiyuan_market, fx.haiyuan_justice, fx.xingqing_city };
	for (int i = 0; i < 9; i++) {
		char title[32];
		snprintf(title, sizeof title, "案件 %d", i);
		int64_t id = store_fx_case(&fx, agencies[i % 3], "罚立", title, "某公司", NULL);
		REQUIRE(id > 0);
		struct case_status cs = { .case_id = id, .computed_on = "2026-01-05",
					  .next_due = "2026-01-08", .overdue = i % 2,
					  .awaits_roles = (unsigned)(1 << (i % 3)),
					  .acts_open = i % 4 == 0, .acts_due = "2026-01-01" };
		REQUIRE(st->ops->case_status_put(st, &cs, &e) == FZ_OK);
	}
	REQUIRE(contract_raw_exec(fx.dir, "UPDATE cases SET closed = 1 WHERE id % 4 = 0", msg,
				  sizeof msg) == 0);
	/* as before 052: no cells, the migration not run */
	REQUIRE(contract_raw_exec(fx.dir, "DELETE FROM case_todo_cells; PRAGMA user_version = 51",
				  msg, sizeof msg) == 0);
	CHECK_INT(one_int(db, "SELECT count(*) FROM case_todo_cells"), 0);
	struct store *again = contract_reopen(fx.dir);
	REQUIRE(again);
	again->ops->close(again);
	CHECK_INT(one_int(db, "SELECT coalesce(sum(n), 0) FROM case_todo_cells"), 9);
	CHECK_INT(compare_all(&fx, db, agencies), 6 * 27);
	store_fx_close(&fx);
}
