/* cert_migration_test.c - migration 023: certificate numbers stored as
 * typed before issue normalised them (lower case, spaces, full-width)
 * become what the public check reads; two that would become the same
 * number stop the migration, named, and neither row changes. */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "fixture.h"
#include "store/store.h"
#include "t.h"

/* Puts numbers in as an old version stored them and winds the schema
 * version back to before 023. */
static bool old_rows(struct fx *f, const char *const *numbers, size_t n)
{
	sqlite3 *db;
	char sql[512];
	bool ok = sqlite3_open(f->db, &db) == SQLITE_OK;
	for (size_t i = 0; ok && i < n; i++) {
		sqlite3_stmt *st;
		snprintf(sql, sizeof sql,
			 "INSERT INTO certificates (number, person_id, agency_id, issuer, domains,"
			 " issued_on, valid_until, status, created_at, updated_at)"
			 " VALUES (?1, %lld, %lld, '海原县人民政府', '自然资源', '2024-01-01',"
			 " '2029-12-31', 1, 0, 0)",
			 (long long)f->officer_a, (long long)f->natres);
		ok = sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
		     sqlite3_bind_text(st, 1, numbers[i], -1, SQLITE_STATIC) == SQLITE_OK &&
		     sqlite3_step(st) == SQLITE_DONE;
		sqlite3_finalize(st);
	}
	ok = ok && sqlite3_exec(db, "PRAGMA user_version = 22", NULL, NULL, NULL) == SQLITE_OK;
	if (!ok)
		t_fail(__FILE__, __LINE__, "old rows: %s", sqlite3_errmsg(db));
	sqlite3_close(db);
	return ok;
}

/* The numbers in id order, joined by "|". */
static const char *numbers(struct fx *f)
{
	static char out[512];
	sqlite3 *db;
	sqlite3_stmt *st;
	size_t o = 0;
	out[0] = '\0';
	if (sqlite3_open(f->db, &db) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT number FROM certificates ORDER BY id", -1, &st,
			       NULL) != SQLITE_OK) {
		sqlite3_close(db);
		return "error";
	}
	while (sqlite3_step(st) == SQLITE_ROW && o < sizeof out - 64)
		o += (size_t)snprintf(out + o, sizeof out - o, "%s%s", o ? "|" : "",
				      (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return out;
}

TEST(migration_023_normalises_certificate_numbers_stored_as_typed)
{
	struct fx f;
	struct store *st;
	struct fz_error e = { 0 };
	REQUIRE(fx_open(&f));
	static const char *const typed[] = { "nx-0522a1", "ＮＸ－０５２２Ａ２", "NX 0522 A3",
					     "NX0522A4" };
	REQUIRE(old_rows(&f, typed, 4));
	REQUIRE(store_sqlite_open(f.db, true, &st, &e) == FZ_OK);
	st->ops->close(st);
	CHECK_STR(numbers(&f), "NX-0522A1|NX-0522A2|NX0522A3|NX0522A4");
	fx_close(&f);
}

TEST(migration_023_refuses_numbers_that_would_collide_and_loses_neither)
{
	struct fx f;
	struct store *st = NULL;
	struct fz_error e = { 0 };
	REQUIRE(fx_open(&f));
	static const char *const typed[] = { "nx-0522b1", "NX-0522B1", "nx0522b2" };
	REQUIRE(old_rows(&f, typed, 3));
	CHECK(store_sqlite_open(f.db, true, &st, &e) != FZ_OK);
	CHECK_CONTAINS(e.message, "执法证号规范化");
	CHECK_CONTAINS(e.message, "NX-0522B1");
	CHECK_CONTAINS(e.message, "nx-0522b1");
	/* nothing changed, not even the number that would not collide */
	CHECK_STR(numbers(&f), "nx-0522b1|NX-0522B1|nx0522b2");
	/* corrected by a person, the migration goes through */
	sqlite3 *db;
	REQUIRE(sqlite3_open(f.db, &db) == SQLITE_OK);
	CHECK_INT(sqlite3_exec(db, "UPDATE certificates SET number = 'nx-0522b3'"
				   " WHERE number = 'nx-0522b1'", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	REQUIRE(store_sqlite_open(f.db, true, &st, &e) == FZ_OK);
	st->ops->close(st);
	CHECK_STR(numbers(&f), "NX-0522B3|NX-0522B1|NX0522B2");
	fx_close(&f);
}
