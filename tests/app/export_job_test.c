/* export_job_test.c - long exports kept in the database (027): a job cut
 * off by a restart is shown failed with its Chinese reason, not lost; a
 * finished file outlives a restart and is its owner's alone; a refused
 * export never becomes a job. Each step waits on the job's row, never on
 * time. */
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "app/export_job.h"
#include "domain/model.h"
#include "fixture.h"
#include "../t.h"

/* A supervisor of the fixture's justice bureau, stored (jobs have an
 * owner that exists). */
static void as_stored(struct fx *f, struct app_ctx *ctx, const char *name)
{
	int64_t id = fx_user(f, name, ROLE_SUPERVISOR, f->justice, "Passw0rd!x");
	(void)mkdir(f->data_dir, 0700); /* the workbook is written through it */
	fx_as(f, ctx, ROLE_SUPERVISOR, f->justice);
	((struct user *)ctx->user)->id = id;
	((struct user *)ctx->user)->username = arena_strdup(f->a, name);
}

/* Waits (polling the row) until job id reaches status; false after a
 * generous bound, so that a broken worker fails the test, not hangs it. */
static bool wait_status(struct app_ctx *ctx, int64_t id, enum export_status want)
{
	struct timespec ts = { 0, 20 * 1000 * 1000 };
	for (int i = 0; i < 3000; i++) {
		struct export_job_view v;
		struct fz_error e = { 0 };
		if (app_export_get(ctx, NULL, id, false, &v, &e) == FZ_OK && v.status == want)
			return true;
		nanosleep(&ts, NULL);
	}
	return false;
}

TEST(export_job_cut_off_by_a_restart_is_shown_failed_and_a_finished_file_outlives_it)
{
	struct fx f;
	REQUIRE(fx_open(&f));
	struct app_ctx sup, other;
	as_stored(&f, &sup, "jiandu-a");
	as_stored(&f, &other, "jiandu-b");
	struct fz_error e = { 0 };
	struct export_runner *r;
	REQUIRE(export_runner_start(f.db, &f.cfg, &r, &e) == FZ_OK);
	/* a finished job */
	int64_t done = 0, cut = 0;
	REQUIRE(app_export_annual(&sup, r, 2026, &done, &e) == FZ_OK);
	REQUIRE(wait_status(&sup, done, EXPORT_DONE));
	struct export_job_view v;
	REQUIRE(app_export_get(&sup, r, done, true, &v, &e) == FZ_OK);
	CHECK(v.file_len > 4 && memcmp(v.file, "PK", 2) == 0); /* an XLSX is a zip */
	size_t len = v.file_len;
	/* a job held once started, then the server stops under it */
	export_runner_hold(r, true);
	REQUIRE(app_export_annual(&sup, r, 2025, &cut, &e) == FZ_OK);
	REQUIRE(wait_status(&sup, cut, EXPORT_RUNNING));
	export_runner_stop(r);
	REQUIRE(app_export_get(&sup, NULL, cut, false, &v, &e) == FZ_OK);
	CHECK(v.status == EXPORT_RUNNING); /* as a crash leaves it */
	/* the restart says what became of it */
	REQUIRE(export_runner_start(f.db, &f.cfg, &r, &e) == FZ_OK);
	REQUIRE(app_export_get(&sup, r, cut, true, &v, &e) == FZ_OK);
	CHECK(v.status == EXPORT_FAILED);
	CHECK_STR(v.message, EXPORT_INTERRUPTED);
	CHECK(v.file == NULL);
	/* the finished file is still there, the same size */
	REQUIRE(app_export_get(&sup, r, done, true, &v, &e) == FZ_OK);
	CHECK(v.status == EXPORT_DONE);
	CHECK_INT((int64_t)v.file_len, (int64_t)len);
	/* another account sees neither */
	CHECK(app_export_get(&other, r, done, true, &v, &e) == FZ_NOTFOUND);
	CHECK(app_export_get(&other, r, cut, false, &v, &e) == FZ_NOTFOUND);
	/* a new job runs after the restart */
	int64_t again = 0;
	REQUIRE(app_export_annual(&sup, r, 2025, &again, &e) == FZ_OK);
	CHECK(again > cut);
	CHECK(wait_status(&sup, again, EXPORT_DONE));
	export_runner_stop(r);
	fx_close(&f);
}

TEST(export_job_refused_year_or_role_never_becomes_a_job)
{
	struct fx f;
	REQUIRE(fx_open(&f));
	struct app_ctx sup, admin;
	as_stored(&f, &sup, "jiandu-c");
	fx_as(&f, &admin, ROLE_SYSADMIN, 0);
	struct fz_error e = { 0 };
	struct export_runner *r;
	REQUIRE(export_runner_start(f.db, &f.cfg, &r, &e) == FZ_OK);
	int64_t id = 0, audits = fx_audit_count(&f);
	CHECK(app_export_annual(&sup, r, 1999, &id, &e) == FZ_INVALID);
	CHECK_STR(e.field, "year");
	CHECK_CONTAINS(e.message, "年度应为 2000 至 2100");
	CHECK(app_export_annual(&admin, r, 2026, &id, &e) == FZ_FORBIDDEN);
	CHECK_INT(fx_count(&f, "export_jobs"), 0);
	/* the refusal of the administrator is audited; the bad year is not a change */
	CHECK_INT(fx_audit_count(&f), audits + 1);
	/* a queued job is audited */
	REQUIRE(app_export_annual(&sup, r, 2026, &id, &e) == FZ_OK);
	CHECK_INT(fx_count(&f, "export_jobs"), 1);
	CHECK_INT(fx_audit_count(&f), audits + 2);
	CHECK(wait_status(&sup, id, EXPORT_DONE));
	export_runner_stop(r);
	fx_close(&f);
}
