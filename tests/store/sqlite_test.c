/* sqlite_test.c - what is particular to the SQLite backend: opening and
 * creating the file, the schema version in PRAGMA user_version, and the
 * journal mode that makes commits durable. */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "contract.h"
#include "store/sqlite_internal.h"
#include "t.h"

TEST(store_sqlite_open_of_missing_file_without_create_is_not_found)
{
	const char *dir = t_tmpdir();
	struct store *st = NULL;
	struct fz_error e = { 0 };
	CHECK_INT(store_sqlite_open(contract_location(dir), false, &st, &e), FZ_NOTFOUND);
	CHECK(st == NULL);
	CHECK_CONTAINS(e.message, "不存在");
	CHECK_CONTAINS(e.message, contract_location(dir));
	/* and nothing was created on the way */
	FILE *f = fopen(contract_location(dir), "r");
	CHECK(f == NULL);
	if (f)
		fclose(f);
}

TEST(store_sqlite_records_schema_version)
{
	const char *dir = t_tmpdir();
	struct store *st = contract_open(dir);
	REQUIRE(st);
	st->ops->close(st);
	CHECK(store_schema_version() >= 1);
	int v = -1;
	CHECK_INT(store_sqlite_version(contract_location(dir), &v, NULL), FZ_OK);
	CHECK_INT(v, store_schema_version());
	/* opening again migrates nothing and keeps the data */
	st = contract_reopen(dir);
	REQUIRE(st);
	CHECK_INT(st->ops->setting_set(st, "k", "v", NULL), FZ_OK);
	st->ops->close(st);
	st = contract_reopen(dir);
	REQUIRE(st);
	struct arena *a = arena_new();
	char *val = NULL;
	CHECK_INT(st->ops->setting_get(st, a, "k", &val, NULL), FZ_OK);
	CHECK_STR(val, "v");
	arena_free(a);
	st->ops->close(st);
	CHECK_INT(store_sqlite_version(contract_location(t_tmpdir()), &v, NULL), FZ_NOTFOUND);
}

TEST(store_refuses_newer_schema)
{
	const char *dir = t_tmpdir();
	struct store *st = contract_open(dir);
	REQUIRE(st);
	st->ops->close(st);
	char sql[64], msg[128], want[160];
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", store_schema_version() + 1);
	REQUIRE(contract_raw_exec(dir, sql, msg, sizeof msg) == 0);
	struct fz_error e = { 0 };
	st = NULL;
	CHECK_INT(store_sqlite_open(contract_location(dir), false, &st, &e), FZ_INVALID);
	CHECK(st == NULL);
	snprintf(want, sizeof want, "数据库结构版本 %d 高于本程序支持的版本 %d，请升级 fazhi",
		 store_schema_version() + 1, store_schema_version());
	CHECK_STR(e.message, want);
}

TEST(store_sqlite_refuses_a_file_that_is_not_a_database)
{
	const char *dir = t_tmpdir();
	FILE *f = fopen(contract_location(dir), "w");
	REQUIRE(f);
	fputs("this is not a database, but it is long enough to look like a header\n", f);
	fclose(f);
	struct store *st = NULL;
	struct fz_error e = { 0 };
	CHECK_INT(store_sqlite_open(contract_location(dir), false, &st, &e), FZ_DB);
	CHECK(st == NULL);
	CHECK_CONTAINS(e.message, "损坏");
}

TEST(store_sqlite_uses_wal_journal)
{
	const char *dir = t_tmpdir();
	struct store *st = contract_open(dir);
	REQUIRE(st);
	sqlite3 *db = NULL;
	REQUIRE(sqlite3_open_v2(contract_location(dir), &db, SQLITE_OPEN_READONLY, NULL) ==
		SQLITE_OK);
	sqlite3_stmt *stmt = NULL;
	REQUIRE(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, NULL) == SQLITE_OK);
	CHECK_INT(sqlite3_step(stmt), SQLITE_ROW);
	CHECK_STR((const char *)sqlite3_column_text(stmt, 0), "wal");
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	st->ops->close(st);
}

TEST(store_sqlite_migration_has_an_index_for_every_scope_column)
{
	const char *dir = t_tmpdir();
	struct store *st = contract_open(dir);
	REQUIRE(st);
	st->ops->close(st);
	sqlite3 *db = NULL;
	REQUIRE(sqlite3_open_v2(contract_location(dir), &db, SQLITE_OPEN_READONLY, NULL) ==
		SQLITE_OK);
	/* table, leading column of an index */
	const char *want[][2] = {
		{ "agencies", "division_code" }, { "people", "agency_id" },
		{ "certificates", "agency_id" }, { "users", "agency_id" },
		{ "units", "agency_id" },        { "audit_log", "at" },
		{ "audit_log", "action" },       { "audit_log", "actor_id" },
		{ "sessions", "user_id" },       { "login_failures", "client_addr" },
	};
	sqlite3_stmt *stmt = NULL;
	REQUIRE(sqlite3_prepare_v2(db,
				   "SELECT count(*) FROM pragma_index_list(?1) l,"
				   " pragma_index_info(l.name) i WHERE i.seqno = 0 AND i.name = ?2",
				   -1, &stmt, NULL) == SQLITE_OK);
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		sqlite3_bind_text(stmt, 1, want[i][0], -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 2, want[i][1], -1, SQLITE_STATIC);
		REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
		if (sqlite3_column_int(stmt, 0) < 1)
			t_fail(__FILE__, __LINE__, "no index on %s(%s)", want[i][0], want[i][1]);
		sqlite3_reset(stmt);
	}
	sqlite3_finalize(stmt);
	sqlite3_close(db);
}

/* A filter parameter bound by a name no filter declares (a misspelling)
 * fails the list; a declared filter left out of the variant is skipped. */
static void read_id(struct sq_row *r, void *item)
{
	*(int64_t *)item = sq_col_int(r);
}

TEST(store_sqlite_list_refuses_an_undeclared_parameter_name)
{
	static const struct sq_query q = {
		.id = SQ_Q_DIVISION,
		.select = "SELECT d.code",
		.from = " FROM divisions d",
		.filters = { "d.code = :code", "instr(d.name, :q) > 0" },
		.order = " ORDER BY d.code",
	};
	const char *dir = t_tmpdir();
	struct store *st = contract_open(dir);
	REQUIRE(st);
	struct arena *a = arena_new();
	struct fz_error e = { 0 };
	struct sq_list l;
	void *items;
	size_t n;
	int64_t total;
	struct page pg = { 0, 10 };
	/* mask 1: only the first filter's clause; :q is declared, so skipped */
	REQUIRE(sq_list_open(sq(st), &q, NULL, 1u, pg, &l, &e) == FZ_OK);
	sq_list_text(&l, ":code", "640522");
	sq_list_text(&l, ":q", "海原");
	CHECK_INT(sq_list_run(&l, a, sizeof(int64_t), read_id, &items, &n, &total, &e), FZ_OK);
	/* a misspelt name is an error, not a silent NULL */
	REQUIRE(sq_list_open(sq(st), &q, NULL, 1u, pg, &l, &e) == FZ_OK);
	sq_list_text(&l, ":cod", "640522");
	CHECK(sq_list_run(&l, a, sizeof(int64_t), read_id, &items, &n, &total, &e) != FZ_OK);
	arena_free(a);
	st->ops->close(st);
}

/* Migration 021 (matters without a party) rebuilds the cases table: run
 * again by the store over a database holding a case with an event, it
 * keeps the rows and the ids the record points to, the append-only
 * triggers and the foreign keys, and admits a matter (kind 5, no party)
 * but not a matter with a party. */
TEST(store_sqlite_migration_021_keeps_cases_and_admits_matters)
{
	const char *dir = t_tmpdir();
	char msg[256];
	struct store *st = contract_open(dir);
	REQUIRE(st);
	st->ops->close(st);
	REQUIRE(contract_raw_exec(dir,
		"INSERT INTO divisions (code, name, level) VALUES ('640000', '宁夏', 1);"
		"INSERT INTO agencies (id, name, uscc, division_code, kind, created_at, updated_at)"
		" VALUES (7, '某局', '11640000MB0000000X', '640000', 'department', 1, 1);"
		"INSERT INTO cases (id, number, agency_id, procedure, kind, domain, title, party_kind,"
		" party_name, created_at, updated_at) VALUES (41, 'X罚立〔2026〕1号', 7,"
		" 'penalty_general', 1, '土地管理', '案由', 2, '某公司', 1, 1);"
		"INSERT INTO case_events (id, case_id, seq, step, on_date, at) VALUES"
		" (5, 41, 1, 'open', '2026-01-02', 1);"
		"PRAGMA user_version = 20;", msg, sizeof msg) == 0);
	st = contract_reopen(dir); /* migrates 021 again */
	REQUIRE(st);
	st->ops->close(st);
	int v = -1;
	CHECK_INT(store_sqlite_version(contract_location(dir), &v, NULL), FZ_OK);
	CHECK_INT(v, store_schema_version());
	/* the case and its event, still linked */
	CHECK_INT(contract_raw_exec(dir, "PRAGMA foreign_keys = ON;"
		  "INSERT INTO case_events (id, case_id, seq, step, on_date, at) VALUES"
		  " (6, 41, 2, 'approve_opening', '2026-01-03', 2);", msg, sizeof msg), 0);
	/* still never deleted */
	CHECK(contract_raw_exec(dir, "DELETE FROM cases WHERE id = 41;", msg, sizeof msg) != 0);
	CHECK_CONTAINS(msg, "案件一经登记不能删除");
	/* a matter: kind 5, no party */
	CHECK_INT(contract_raw_exec(dir,
		  "INSERT INTO cases (id, number, agency_id, procedure, kind, domain, title, party_kind,"
		  " party_name, created_at, updated_at) VALUES (42, 'X规草〔2026〕1号', 7,"
		  " 'normative_document', 5, '', '关于某事的通知', 0, '', 1, 1);", msg, sizeof msg), 0);
	CHECK(contract_raw_exec(dir,
		  "INSERT INTO cases (id, number, agency_id, procedure, kind, domain, title, party_kind,"
		  " party_name, created_at, updated_at) VALUES (43, 'X规草〔2026〕2号', 7,"
		  " 'normative_document', 5, '', '另一通知', 0, '张某', 1, 1);", msg, sizeof msg) != 0);
	CHECK_CONTAINS(msg, "CHECK");
}

/* The items of search_items' one query word, through the store. */
static size_t search_hits(struct store *st, const char *q)
{
	struct arena *a = arena_new();
	struct search_terms terms;
	struct search_query sq = { .limit = 20 };
	struct search_item_list l = { 0 };
	struct fz_error e = { 0 };
	search_terms_parse(q, a, &terms);
	sq.terms = &terms;
	enum fz_err rc = st->ops->search_query(st, a, &sq, &l, &e);
	size_t n = rc ? 0 : l.n;
	arena_free(a);
	return n;
}

TEST(store_sqlite_migration_030_gives_indexed_items_their_year_so_queries_find_them)
{
	const char *dir = t_tmpdir();
	struct fz_error e = { 0 };
	struct store *st = contract_open(dir);
	REQUIRE(st);
	struct search_item it = { .kind = "penalty", .ref_id = 9, .agency_id = 3,
				  .date = "2019-06-30", .title = "违法占用土地案",
				  .body = "责令退还非法占用的土地。" };
	REQUIRE(st->ops->search_put(st, &it, &e) == FZ_OK);
	CHECK_INT((long)search_hits(st, "土地"), 1);
	/* as an item indexed before 030 was: no year among its tags (the
	 * store's own connection has the tokenizer the triggers need) */
	char *err = NULL;
	REQUIRE(sqlite3_exec(sq(st)->own.db,
			     "UPDATE search_items SET tags = replace(tags, ' y2019', '');"
			     "PRAGMA user_version = 23;",
			     NULL, NULL, &err) == SQLITE_OK);
	sqlite3_free(err);
	/* the year windows need the tag: without it the item is not found */
	CHECK_INT((long)search_hits(st, "土地"), 0);
	st->ops->close(st);
	st = contract_reopen(dir); /* migrates 030 */
	REQUIRE(st);
	CHECK_INT((long)search_hits(st, "土地"), 1);
	CHECK_INT((long)search_hits(st, "退还"), 1);
	st->ops->close(st);
}

/* Rows the logging triggers of a test put in t_writes (what NULL: all of
 * them), counted on the store's own connection. */
static int writes_of(struct store *st, const char *what)
{
	sqlite3_stmt *stmt = NULL;
	int n = -1;
	if (sqlite3_prepare_v2(sq(st)->own.db,
			       "SELECT count(*) FROM t_writes WHERE ?1 IS NULL OR what = ?1", -1,
			       &stmt, NULL) == SQLITE_OK &&
	    sqlite3_bind_text(stmt, 1, what, -1, SQLITE_STATIC) == SQLITE_OK &&
	    sqlite3_step(stmt) == SQLITE_ROW)
		n = sqlite3_column_int(stmt, 0);
	sqlite3_finalize(stmt);
	return n;
}

/* Makes t_writes and the logging triggers that fill it, on the store's
 * own connection. */
static bool writes_logged(struct store *st, const char *triggers)
{
	char *err = NULL;
	int rc = sqlite3_exec(sq(st)->own.db, "CREATE TABLE t_writes (what TEXT)", NULL, NULL, &err);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(sq(st)->own.db, triggers, NULL, NULL, &err);
	if (rc != SQLITE_OK)
		t_fail(__FILE__, __LINE__, "logging triggers: %s", err ? err : sqlite3_errstr(rc));
	sqlite3_free(err);
	return rc == SQLITE_OK;
}

TEST(store_sqlite_status_put_again_unchanged_writes_no_row)
{
	struct store_fx fx;
	struct fz_error e = { 0 };
	REQUIRE(store_fx_open(&fx));
	int64_t id = store_fx_case(&fx, fx.haiyuan_market, "罚立", "占地", "马某", NULL);
	REQUIRE(id > 0);
	REQUIRE(writes_logged(fx.st, "CREATE TRIGGER t_s AFTER UPDATE ON case_status BEGIN"
				     " INSERT INTO t_writes VALUES ('status'); END;"
				     "CREATE TRIGGER t_di AFTER INSERT ON case_duties BEGIN"
				     " INSERT INTO t_writes VALUES ('duty+'); END;"
				     "CREATE TRIGGER t_dd AFTER DELETE ON case_duties BEGIN"
				     " INSERT INTO t_writes VALUES ('duty-'); END;"));
	struct case_duty duties[2] = {
		{ .case_id = id, .ord = 0, .clock = "defence", .due = "2026-03-09", .running = true },
		{ .case_id = id, .ord = 3, .clock = "decision", .due = "2026-05-29", .running = true },
	};
	struct case_status cs = {
		.case_id = id, .computed_on = "2026-03-02", .next_due = "2026-03-09",
		.next_due_clock = "defence", .awaits_roles = 1,
		.awaits = { "statement", "", "", "" }, .duties = duties, .nduties = 2,
	};
	CHECK_INT(fx.st->ops->case_status_put(fx.st, &cs, &e), FZ_OK);
	CHECK_INT(writes_of(fx.st, NULL), 3); /* the placeholder updated, two duties */
	/* the same status again: no row written, no page dirtied */
	CHECK_INT(fx.st->ops->case_status_put(fx.st, &cs, &e), FZ_OK);
	CHECK_INT(writes_of(fx.st, NULL), 3);
	/* one duty's due date moves: the duties are replaced, the row kept */
	duties[1].due[9] = '8';
	CHECK_INT(fx.st->ops->case_status_put(fx.st, &cs, &e), FZ_OK);
	CHECK_INT(writes_of(fx.st, NULL), 3 + 2 + 2);
	struct case_duty_list got;
	CHECK_INT(fx.st->ops->case_duties_of(fx.st, fx.a, &id, 1, &got, &e), FZ_OK);
	CHECK_INT((long)got.n, 2);
	if (got.n == 2)
		CHECK_STR(got.items[1].due, "2026-05-28");
	/* a day later, one duty fewer: both written, and read back so */
	memcpy(cs.computed_on, "2026-03-03", FZ_DATE_LEN);
	cs.nduties = 1;
	CHECK_INT(fx.st->ops->case_status_put(fx.st, &cs, &e), FZ_OK);
	CHECK_INT(writes_of(fx.st, NULL), 7 + 1 + 2 + 1);
	CHECK_INT(fx.st->ops->case_duties_of(fx.st, fx.a, &id, 1, &got, &e), FZ_OK);
	CHECK_INT((long)got.n, 1);
	struct case_status now;
	CHECK_INT(fx.st->ops->case_status_get(fx.st, fx.a, id, &now, &e), FZ_OK);
	CHECK_STR(now.computed_on, "2026-03-03");
	CHECK_STR(now.awaits[0], "statement");
	/* each column alone makes it a change */
	now.duties = duties;
	now.nduties = 1;
	memcpy(now.review_due, "2026-03-20", FZ_DATE_LEN);
	CHECK_INT(fx.st->ops->case_status_put(fx.st, &now, &e), FZ_OK);
	CHECK_INT(writes_of(fx.st, NULL), 12);
	store_fx_close(&fx);
}

/* A step that moves only the state sets only state and updated_at: the
 * indexed columns opened_on and closed (and their index pages) are left
 * alone; any other change still writes every column. */
TEST(store_sqlite_case_update_of_the_state_alone_sets_no_other_column)
{
	struct store_fx fx;
	struct fz_error e = { 0 };
	struct scope all = sc_all();
	struct enf_case c, got;
	REQUIRE(store_fx_open(&fx));
	REQUIRE(store_fx_case(&fx, fx.haiyuan_market, "罚立", "销售过期食品案", "惠民超市", &c));
	REQUIRE(writes_logged(fx.st, "CREATE TRIGGER t_state AFTER UPDATE OF state ON cases BEGIN"
				     " INSERT INTO t_writes VALUES ('state'); END;"
				     "CREATE TRIGGER t_indexed AFTER UPDATE OF opened_on, closed"
				     " ON cases BEGIN INSERT INTO t_writes VALUES ('indexed'); END;"));
	REQUIRE(fx.st->ops->case_get(fx.st, fx.a, &all, c.id, &got, &e) == FZ_OK);
	got.state = "investigate";
	got.updated_at = c.created_at + 10;
	CHECK_INT(fx.st->ops->case_update(fx.st, &got, &e), FZ_OK);
	CHECK_INT(writes_of(fx.st, "state"), 1);
	CHECK_INT(writes_of(fx.st, "indexed"), 0);
	struct enf_case again;
	REQUIRE(fx.st->ops->case_get(fx.st, fx.a, &all, c.id, &again, &e) == FZ_OK);
	CHECK_STR(again.state, "investigate");
	CHECK_INT(again.updated_at, c.created_at + 10);
	/* another column changed: all are written, and read back so */
	got.title = "销售过期食品及标签不符案";
	got.state = "legal_review";
	CHECK_INT(fx.st->ops->case_update(fx.st, &got, &e), FZ_OK);
	CHECK_INT(writes_of(fx.st, "state"), 2);
	CHECK_INT(writes_of(fx.st, "indexed"), 1);
	REQUIRE(fx.st->ops->case_get(fx.st, fx.a, &all, c.id, &again, &e) == FZ_OK);
	CHECK_STR(again.title, "销售过期食品及标签不符案");
	CHECK_STR(again.state, "legal_review");
	/* closing is such a change */
	got.closed = true;
	got.state = "close";
	CHECK_INT(fx.st->ops->case_update(fx.st, &got, &e), FZ_OK);
	CHECK_INT(writes_of(fx.st, "indexed"), 2);
	REQUIRE(fx.st->ops->case_get(fx.st, fx.a, &all, c.id, &again, &e) == FZ_OK);
	CHECK(again.closed);
	/* a case that is not there is still not found */
	got.id = 9999;
	CHECK_INT(fx.st->ops->case_update(fx.st, &got, &e), FZ_NOTFOUND);
	store_fx_close(&fx);
}

/* Whether the database under dir has an index named name. */
static bool has_index(const char *dir, const char *name)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *stmt = NULL;
	bool found = false;
	if (sqlite3_open_v2(contract_location(dir), &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?1",
			       -1, &stmt, NULL) == SQLITE_OK &&
	    sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC) == SQLITE_OK)
		found = sqlite3_step(stmt) == SQLITE_ROW;
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return found;
}

/* 050: the two indexes a step wrote and no query read are gone, from a
 * new database and from one upgraded (run again, it changes nothing);
 * the ones that serve the same lookups stay. */
TEST(store_sqlite_migration_050_drops_the_indexes_no_query_reads)
{
	const char *dir = t_tmpdir();
	struct store *st = contract_open(dir);
	REQUIRE(st);
	st->ops->close(st);
	CHECK(!has_index(dir, "case_events_step"));
	CHECK(!has_index(dir, "audit_log_actor"));
	CHECK(has_index(dir, "case_events_step_on"));
	CHECK(has_index(dir, "audit_log_actor_id"));
	/* as a database of 048 had them */
	char msg[128];
	REQUIRE(contract_raw_exec(dir,
				  "CREATE INDEX case_events_step ON case_events (step);"
				  "CREATE INDEX audit_log_actor ON audit_log (actor);"
				  "PRAGMA user_version = 48;",
				  msg, sizeof msg) == 0);
	st = contract_reopen(dir);
	REQUIRE(st);
	st->ops->close(st);
	CHECK(!has_index(dir, "case_events_step"));
	CHECK(!has_index(dir, "audit_log_actor"));
	/* and again from 048 with them already gone */
	REQUIRE(contract_raw_exec(dir, "PRAGMA user_version = 48;", msg, sizeof msg) == 0);
	st = contract_reopen(dir);
	REQUIRE(st);
	int v = 0;
	CHECK_INT(store_sqlite_version(contract_location(dir), &v, NULL), FZ_OK);
	CHECK_INT(v, store_schema_version());
	st->ops->close(st);
}
