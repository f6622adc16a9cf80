/* calendar_test.c - the calendar through the app layer: only the sysadmin
 * (or the shell) loads it, a new database gets the built-in one, a file
 * replaces only its own years and the audit record counts what changed, a
 * malformed file names its line and changes nothing, and deadlines are
 * computed over what is stored. */
#include <sqlite3.h>
#include <stdio.h>

#include "app/calendar.h"
#include "fixture.h"
#include "t.h"

static const char small[] = "# test calendar\n"
			    "year 2026 source 测试通知\n"
			    "2026-10-01 off 国庆节\n"
			    "2026-10-02 off 国庆节\n"
			    "2026-10-10 work 国庆节\n";

/* The message of the newest calendar.load audit record. */
static void last_load_message(struct fx *f, char *out, size_t size)
{
	sqlite3 *db;
	sqlite3_stmt *s = NULL;
	out[0] = '\0';
	if (sqlite3_open_v2(f->db, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return;
	if (sqlite3_prepare_v2(db, "SELECT message FROM audit_log WHERE action = 'calendar.load'"
				   " ORDER BY id DESC LIMIT 1", -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		snprintf(out, size, "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	sqlite3_close(db);
}

TEST(calendar_load_is_for_the_sysadmin_only)
{
	struct fx f;
	struct app_ctx ctx;
	struct fz_error e;
	REQUIRE(fx_open(&f));
	static const unsigned others[] = { ROLE_OFFICER, ROLE_REVIEWER, ROLE_HEAD,
					   ROLE_SUPERVISOR, ROLE_SECADMIN, ROLE_AUDITOR };
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
		fx_as(&f, &ctx, others[i], others[i] & (ROLE_SECADMIN | ROLE_AUDITOR) ? 0 : f.natres);
		CHECK_INT(app_calendar_load_text(&ctx, small, sizeof small - 1, "t.txt", NULL, &e),
			  FZ_FORBIDDEN);
	}
	CHECK_INT(fx_count(&f, "calendar_days"), 0);
	fx_as(&f, &ctx, ROLE_SYSADMIN, 0);
	CHECK_INT(app_calendar_load_text(&ctx, small, sizeof small - 1, "t.txt", NULL, &e), FZ_OK);
	CHECK_INT(fx_count(&f, "calendar_days"), 3);
	fx_close(&f);
}

TEST(calendar_default_is_loaded_into_a_new_database_only)
{
	struct fx f;
	struct fz_error e;
	struct calendar_load_report r;
	struct calendar cal;
	bool loaded = false;
	REQUIRE(fx_open(&f));
	CHECK_INT(app_calendar_load_default(&f.cli, &loaded, &r, &e), FZ_OK);
	CHECK(loaded);
	CHECK_INT(r.nyears, 9);
	CHECK(r.years[0].is_new);
	CHECK_INT(r.removed, 0);
	REQUIRE(app_calendar_get(&f.cli, &cal, &e) == FZ_OK);
	CHECK(calendar_covers(&cal, 2018) && calendar_covers(&cal, 2026));
	CHECK_INT(calendar_working_days_in_year(&cal, 2025), 248);
	CHECK_INT(app_calendar_load_default(&f.cli, &loaded, &r, &e), FZ_OK);
	CHECK(!loaded);
	struct calendar builtin;
	REQUIRE(app_calendar_builtin(f.a, &builtin, &e) == FZ_OK);
	CHECK_INT(builtin.ndays, cal.ndays);
	fx_close(&f);
}

TEST(calendar_file_replaces_its_years_and_the_audit_counts_the_change)
{
	struct fx f;
	struct fz_error e;
	struct calendar_load_report r;
	struct calendar cal;
	bool loaded;
	char msg[512];
	REQUIRE(fx_open(&f));
	REQUIRE(app_calendar_load_default(&f.cli, &loaded, NULL, &e) == FZ_OK);
	int64_t audits = fx_audit_count(&f);
	/* 2026 as the test file has it: 2 of its 33 days off stay, 1 of its 6
	 * make-up days stays, and 2027 is new */
	static const char text[] = "year 2026 source 新通知\n"
				   "2026-10-01 off 国庆节\n2026-10-02 off 国庆\n"
				   "2026-10-10 work 国庆节\n2026-12-31 off 元旦\n"
				   "year 2027 source 2027年通知\n2027-01-01 off 元旦\n";
	CHECK_INT(app_calendar_load_text(&f.cli, text, sizeof text - 1, "new.txt", &r, &e), FZ_OK);
	REQUIRE(r.nyears == 2);
	CHECK_INT(r.years[0].year, 2026);
	CHECK(!r.years[0].is_new);
	CHECK_INT(r.years[0].added, 1);    /* 12-31 */
	CHECK_INT(r.years[0].removed, 36); /* 39 declared days, 3 kept */
	CHECK_INT(r.years[0].changed, 1);  /* 10-02 renamed */
	CHECK_INT(r.years[0].days, 4);
	CHECK(r.years[1].is_new);
	CHECK_INT(r.years[1].added, 1);
	CHECK_INT(fx_audit_count(&f), audits + 1);
	last_load_message(&f, msg, sizeof msg);
	CHECK_CONTAINS(msg, "new.txt");
	CHECK_CONTAINS(msg, "2026 年：新增 1 天，删除 36 天，变更 1 天");
	CHECK_CONTAINS(msg, "2027 年（新）：新增 1 天");
	REQUIRE(app_calendar_get(&f.cli, &cal, &e) == FZ_OK);
	CHECK_INT(cal.nyears, 10);
	CHECK_INT(calendar_working_days_in_year(&cal, 2025), 248); /* untouched */
	CHECK_STR(calendar_year_find(&cal, 2026)->source, "新通知");
	fx_close(&f);
}

TEST(calendar_malformed_file_names_the_line_and_changes_nothing)
{
	struct fx f;
	struct fz_error e = { 0 };
	struct calendar_load_report r;
	bool loaded;
	REQUIRE(fx_open(&f));
	REQUIRE(app_calendar_load_default(&f.cli, &loaded, NULL, &e) == FZ_OK);
	int64_t days = fx_count(&f, "calendar_days"), audits = fx_audit_count(&f);
	static const char text[] = "year 2026 source 新通知\n2026-10-01 off 国庆节\n"
				   "2026-10-05 work 国庆节\n";
	CHECK_INT(app_calendar_load_text(&f.cli, text, sizeof text - 1, "bad.txt", &r, &e),
		  FZ_INVALID);
	CHECK_CONTAINS(e.message, "bad.txt：第 3 行：2026-10-05 是星期一");
	CHECK_INT(r.nyears, 0);
	CHECK_INT(fx_count(&f, "calendar_days"), days);
	CHECK_INT(fx_audit_count(&f), audits);
	static char big[APP_CALENDAR_TEXT_MAX + 2];
	memset(big, '#', sizeof big);
	CHECK_INT(app_calendar_load_text(&f.cli, big, sizeof big, "big.txt", &r, &e), FZ_TOOLARGE);
	CHECK_INT(fx_count(&f, "calendar_days"), days);
	fx_close(&f);
}

TEST(calendar_deadline_uses_the_stored_calendar)
{
	struct fx f;
	struct fz_error e;
	struct deadline d;
	struct clock_input in;
	bool loaded;
	REQUIRE(fx_open(&f));
	clock_input_init(&in, "2025-09-26", CLOCK_WORKING_DAYS, 7);
	/* nothing loaded yet: every year is a guess */
	REQUIRE(app_deadline(&f.cli, &in, &d, &e) == FZ_OK);
	CHECK(d.provisional);
	CHECK_STR(d.due, "2025-10-10"); /* only Oct 1-3 assumed off */
	REQUIRE(app_calendar_load_default(&f.cli, &loaded, NULL, &e) == FZ_OK);
	REQUIRE(app_deadline(&f.cli, &in, &d, &e) == FZ_OK);
	CHECK(!d.provisional);
	CHECK_STR(d.due, "2025-10-13");
	clock_input_init(&in, "2025-02-29", CLOCK_WORKING_DAYS, 7);
	CHECK_INT(app_deadline(&f.cli, &in, &d, &e), FZ_INVALID);
	CHECK_STR(e.field, "start");
	fx_close(&f);
}
