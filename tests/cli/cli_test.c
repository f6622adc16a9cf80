/* cli_test.c - the `fazhi` binary from the shell: commands, help, clear
 * one-line errors with documented exit codes, and the demo county. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "cli_run.h"
#include "t.h"

TEST(cli_help_lists_every_command_and_each_has_help)
{
	struct buf out = BUF_INIT;
	CHECK_INT(cli_run(&out, NULL, "help"), 0);
	const char *cmds[] = { "init", "serve", "demo", "user", "audit", "version" };
	for (size_t i = 0; i < 6; i++) {
		CHECK_CONTAINS(buf_cstr(&out), cmds[i]);
	}
	struct buf one = BUF_INIT;
	for (size_t i = 0; i < 6; i++) {
		CHECK_INT(cli_run(&one, NULL, "%s --help", cmds[i]), 0);
		CHECK_CONTAINS(buf_cstr(&one), "用法");
	}
	buf_release(&one);
	buf_release(&out);
}

TEST(cli_unknown_command_is_one_clear_line_and_exit_2)
{
	struct buf out = BUF_INIT;
	CHECK_INT(cli_run(&out, NULL, "frobnicate"), 2);
	CHECK_CONTAINS(buf_cstr(&out), "未知命令");
	CHECK_INT(cli_run(&out, NULL, "init"), 2);
	CHECK_CONTAINS(buf_cstr(&out), "--db");
	buf_release(&out);
}

TEST(cli_version_names_the_schema)
{
	struct buf out = BUF_INIT;
	CHECK_INT(cli_run(&out, NULL, "version"), 0);
	CHECK_CONTAINS(buf_cstr(&out), "fazhi ");
	CHECK_CONTAINS(buf_cstr(&out), "schema");
	buf_release(&out);
}

TEST(cli_init_creates_and_a_missing_database_is_reported)
{
	struct buf out = BUF_INIT;
	const char *dir = t_tmpdir();
	CHECK_INT(cli_run(&out, NULL, "user list --db %s/none.db", dir), 5);
	CHECK_CONTAINS(buf_cstr(&out), "fazhi:");
	CHECK_INT(cli_run(&out, NULL, "init --db %s/a.db", dir), 0);
	CHECK_INT(cli_run(&out, NULL, "init --db %s/a.db", dir), 0); /* idempotent */
	buf_release(&out);
}

TEST(cli_refuses_a_database_newer_than_the_binary)
{
	struct buf out = BUF_INIT;
	const char *dir = t_tmpdir();
	char path[512];
	snprintf(path, sizeof path, "%s/new.db", dir);
	CHECK_INT(cli_run(&out, NULL, "init --db %s", path), 0);
	sqlite3 *db;
	REQUIRE(sqlite3_open(path, &db) == SQLITE_OK);
	sqlite3_exec(db, "PRAGMA user_version = 9999", NULL, NULL, NULL);
	sqlite3_close(db);
	CHECK(cli_run(&out, NULL, "init --db %s", path) != 0);
	CHECK_CONTAINS(buf_cstr(&out), "9999");
	buf_release(&out);
}

TEST(cli_user_add_checks_policy_and_roles_and_lists)
{
	struct buf out = BUF_INIT;
	const char *dir = t_tmpdir();
	CHECK_INT(cli_run(&out, NULL, "init --db %s/u.db", dir), 0);
	CHECK_INT(cli_run(&out, "weak", "user add --db %s/u.db --username admin --name 管理员 "
		      "--role sysadmin", dir), 2);
	CHECK_CONTAINS(buf_cstr(&out), "密码");
	CHECK_INT(cli_run(&out, "Strong#2026x", "user add --db %s/u.db --username admin "
		      "--name 管理员 --role sysadmin,auditor", dir), 2);
	CHECK_CONTAINS(buf_cstr(&out), "三员");
	CHECK_INT(cli_run(&out, "Strong#2026x", "user add --db %s/u.db --username admin "
		      "--name 管理员 --role sysadmin", dir), 0);
	CHECK_INT(cli_run(&out, "Strong#2026x", "user add --db %s/u.db --username admin "
		      "--name 管理员 --role sysadmin", dir), 6);
	CHECK_INT(cli_run(&out, NULL, "user list --db %s/u.db", dir), 0);
	CHECK_CONTAINS(buf_cstr(&out), "admin");
	CHECK_CONTAINS(buf_cstr(&out), "sysadmin");
	CHECK_INT(cli_run(&out, NULL, "user disable --db %s/u.db --username nobody", dir), 5);
	buf_release(&out);
}

static int64_t sql_int(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	int64_t v = -1;
	if (sqlite3_open(path, &db) != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW)
			v = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
	}
	sqlite3_close(db);
	return v;
}

TEST(cli_user_unlock_lifts_a_lock_and_is_audited)
{
	struct buf out = BUF_INIT;
	char path[512];
	const char *dir = t_tmpdir();
	snprintf(path, sizeof path, "%s/l.db", dir);
	CHECK_INT(cli_run(&out, NULL, "init --db %s", path), 0);
	CHECK_INT(cli_run(&out, "Strong#2026x", "user add --db %s --username auditor1 "
		      "--name 审计员 --role auditor", path), 0);
	/* locked, as five wrong passwords from the network leave it */
	CHECK_INT(sql_int(path, "INSERT INTO login_names (username, failures, locked_until,"
		  " updated_at) VALUES ('auditor1', 0, 4102444800, 1700000000) RETURNING 1"), 1);
	CHECK_INT(cli_run(&out, NULL, "user unlock --db %s", path), 2);
	CHECK_INT(sql_int(path, "SELECT count(*) FROM login_names"), 1);
	CHECK_INT(cli_run(&out, NULL, "user unlock --db %s --username auditor1", path), 0);
	CHECK_CONTAINS(buf_cstr(&out), "已解除");
	CHECK_INT(sql_int(path, "SELECT count(*) FROM login_names"), 0);
	CHECK_INT(sql_int(path, "SELECT count(*) FROM audit_log WHERE action = 'user.unlock'"
		  " AND actor = '(cli)' AND result = 'ok'"), 1);
	buf_release(&out);
}

TEST(cli_demo_seeds_the_county_once)
{
	struct buf out = BUF_INIT;
	const char *dir = t_tmpdir();
	CHECK_INT(cli_run(&out, NULL, "demo --db %s/d.db", dir), 0);
	CHECK_CONTAINS(buf_cstr(&out), "已生成演示县");
	CHECK_INT(cli_run(&out, NULL, "demo --db %s/d.db", dir), 0);
	CHECK_CONTAINS(buf_cstr(&out), "已有演示数据");
	CHECK_INT(cli_run(&out, NULL, "user list --db %s/d.db", dir), 0);
	const char *names[] = { "sysadmin", "secadmin", "auditor", "supervisor",
				"officer1", "officer2", "reviewer1", "head1" };
	for (size_t i = 0; i < 8; i++)
		CHECK_CONTAINS(buf_cstr(&out), names[i]);

	char path[512];
	snprintf(path, sizeof path, "%s/d.db", dir);
	sqlite3 *db;
	REQUIRE(sqlite3_open(path, &db) == SQLITE_OK);
	sqlite3_stmt *s;
	const char *sql = "SELECT (SELECT count(*) FROM people WHERE kind = 1), "
			  "(SELECT count(*) FROM certificates WHERE status = 3), "
			  "(SELECT count(*) FROM certificates WHERE status = 1 AND valid_until < "
			  "date('now', '+8 hours')), "
			  "(SELECT count(*) FROM certificates WHERE status = 1 AND valid_until "
			  "BETWEEN date('now', '+8 hours') AND date('now', '+8 hours', '+30 days'))";
	REQUIRE(sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK);
	REQUIRE(sqlite3_step(s) == SQLITE_ROW);
	CHECK(sqlite3_column_int(s, 0) >= 55);
	CHECK_INT(sqlite3_column_int(s, 1), 1);
	CHECK_INT(sqlite3_column_int(s, 2), 1);
	CHECK(sqlite3_column_int(s, 3) >= 3);
	sqlite3_finalize(s);
	sqlite3_close(db);
	buf_release(&out);
}

TEST(cli_audit_purge_refuses_young_records)
{
	struct buf out = BUF_INIT;
	const char *dir = t_tmpdir();
	CHECK_INT(cli_run(&out, NULL, "init --db %s/p.db", dir), 0);
	CHECK_INT(cli_run(&out, "Strong#2026x", "user add --db %s/p.db --username admin "
		      "--name 管理员 --role sysadmin", dir), 0);
	CHECK_INT(cli_run(&out, NULL, "audit purge --db %s/p.db --before 2099-01-01", dir), 4);
	CHECK_CONTAINS(buf_cstr(&out), "180");
	CHECK_INT(cli_run(&out, NULL, "audit purge --db %s/p.db --before 2001-01-01", dir), 0);
	buf_release(&out);
}
