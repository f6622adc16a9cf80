/* contract_sqlite.c - the contract hooks for the SQLite backend: the
 * database is dir/fazhi.db, and raw access is the sqlite3 library opened
 * on the file directly, without the store's triggers switched off or any
 * other help (foreign keys stay at SQLite's default, off). */
#include <sqlite3.h>
#include <stdio.h>

#include "contract.h"

const char *contract_location(const char *dir)
{
	static char path[512];
	snprintf(path, sizeof path, "%s/fazhi.db", dir);
	return path;
}

static struct store *open_at(const char *dir, bool create)
{
	struct store *st = NULL;
	struct fz_error e = { 0 };
	if (store_sqlite_open(contract_location(dir), create, &st, &e) != FZ_OK) {
		printf("  store_sqlite_open: %s\n", e.message);
		return NULL;
	}
	return st;
}

struct store *contract_open(const char *dir) { return open_at(dir, true); }
struct store *contract_reopen(const char *dir) { return open_at(dir, false); }

int contract_raw_exec(const char *dir, const char *sql, char *msg, size_t size)
{
	sqlite3 *db = NULL;
	char *err = NULL;
	int rc = sqlite3_open_v2(contract_location(dir), &db, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(db, 5000);
		rc = sqlite3_exec(db, sql, NULL, NULL, &err);
	}
	if (msg && size)
		snprintf(msg, size, "%s", err ? err : rc ? sqlite3_errstr(rc) : "");
	sqlite3_free(err);
	sqlite3_close(db);
	return rc;
}
