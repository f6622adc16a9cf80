/* step_statements_test.c - what SQLite is asked to do for one case step.
 * Every statement a step runs is listed (the connection's statements whose
 * run counter moved) and explained: none may open a temporary B-tree
 * (OpenEphemeral), in its own program or in a trigger's. SQLite opens one
 * for an INSERT ... SELECT that reads its own table or feeds a table with
 * triggers, for RETURNING, and for an ORDER BY over one row it cannot
 * prove is one; each is a page cache created, zeroed and dropped, and a
 * step ran fourteen of them, all while holding the database's one write
 * lock (docs/PERFORMANCE.md "Appends"). One is known and allowed: the
 * audit record's CHECK (result IN ('ok', 'denied', 'failed')), whose list
 * SQLite keeps in one; changing a table's CHECK means rebuilding the
 * audit log, not worth one small B-tree a write. */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "app/case.h"
#include "case_fixture.h"
#include "store/sqlite_internal.h"
#include "t.h"

/* Zeroes the run counter of every statement prepared on db. */
static void runs_reset(sqlite3 *db)
{
	for (sqlite3_stmt *s = sqlite3_next_stmt(db, NULL); s; s = sqlite3_next_stmt(db, s))
		(void)sqlite3_stmt_status(s, SQLITE_STMTSTATUS_RUN, 1);
}

/* How many temporary B-trees the program of sql (and of the triggers it
 * fires, which EXPLAIN lists after it) opens; -1 if it cannot be
 * explained. */
static int ephemerals(sqlite3 *db, const char *sql)
{
	char buf[8192];
	int n = snprintf(buf, sizeof buf, "EXPLAIN %s", sql);
	sqlite3_stmt *x;
	if (n < 0 || (size_t)n >= sizeof buf ||
	    sqlite3_prepare_v2(db, buf, -1, &x, NULL) != SQLITE_OK)
		return -1;
	int count = 0;
	while (sqlite3_step(x) == SQLITE_ROW)
		if (strcmp((const char *)sqlite3_column_text(x, 1), "OpenEphemeral") == 0)
			count++;
	sqlite3_finalize(x);
	return count;
}

TEST(a_case_step_opens_no_temporary_btree)
{
	struct cx x;
	struct fz_error e;
	struct enf_case c;
	REQUIRE(cx_open(&x));
	REQUIRE(open_case(&x, "2025-11-01", &c, NULL, &e) == FZ_OK);
	REQUIRE(approve_opening(&x, c.id, &e) == FZ_OK);
	sqlite3 *db = sq(x.f.st)->c->db;
	runs_reset(db);

	static const struct case_field rec[] = { { "record", "现场检查笔录" } };
	const struct step_row inv = { &x.officer, "investigate", "2025-12-22", rec, 1, true };
	REQUIRE(take_row(&x, c.id, &inv));

	int ran = 0;
	bool event = false, leaf = false, cells = false, status = false;
	for (sqlite3_stmt *s = sqlite3_next_stmt(db, NULL); s; s = sqlite3_next_stmt(db, s)) {
		if (sqlite3_stmt_status(s, SQLITE_STMTSTATUS_RUN, 0) == 0)
			continue;
		const char *sql = sqlite3_sql(s);
		ran++;
		event |= strstr(sql, "INSERT INTO case_events") != NULL;
		leaf |= strstr(sql, "INSERT INTO ledger_leaves") != NULL;
		cells |= strstr(sql, "INSERT INTO stats_event_cells") != NULL;
		status |= strstr(sql, "INSERT INTO case_status") != NULL;
		int n = ephemerals(db, sql);
		if (strncmp(sql, "INSERT INTO audit_log ", 22) == 0)
			n -= 1; /* the CHECK's list, above */
		if (n != 0)
			t_fail(__FILE__, __LINE__, "%d temporary B-tree(s) in: %s", n, sql);
	}
	/* the step's own writes were among those looked at */
	CHECK(ran >= 15);
	CHECK(event && leaf && cells && status);
	fx_close(&x.f);
}
