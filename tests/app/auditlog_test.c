/* auditlog_test.c - the auditor's export, and purging only what is past
 * the retention period, from the shell only, itself audited. */
#include <string.h>

#include "app/auditlog.h"
#include "fixture.h"
#include "t.h"

TEST(audit_export_is_csv_and_is_itself_audited)
{
	struct fx f;
	struct app_ctx aud;
	struct fz_error e;
	struct buf b = BUF_INIT;
	REQUIRE(fx_open(&f));
	fx_as(&f, &aud, ROLE_AUDITOR, 0);
	int64_t before = fx_audit_count(&f);
	CHECK_INT(app_audit_export_csv(&aud, &(struct audit_filter){ 0 }, &b, &e), FZ_OK);
	CHECK_CONTAINS(buf_cstr(&b), "编号,时间,操作人");
	CHECK_CONTAINS(buf_cstr(&b), "agency.create");
	CHECK_INT(fx_audit_count(&f), before + 1);
	buf_release(&b);
	fx_close(&f);
}

TEST(audit_purge_refuses_records_inside_retention_and_is_audited)
{
	struct fx f;
	struct app_ctx aud;
	struct fz_error e;
	int64_t deleted = -1;
	REQUIRE(fx_open(&f));
	int64_t before = fx_audit_count(&f);
	/* Everything is from "now": purging up to now is inside 180 days. */
	CHECK_INT(app_audit_purge(&f.cli, f.cli.now + 1, &deleted, &e), FZ_FORBIDDEN);
	CHECK_INT(fx_audit_count(&f), before + 1); /* the refusal is recorded */
	/* Purging what is older than 180 days is allowed (nothing is). */
	CHECK_INT(app_audit_purge(&f.cli, f.cli.now - 181 * 86400, &deleted, &e), FZ_OK);
	CHECK_INT(deleted, 0);
	CHECK_INT(fx_audit_count(&f), before + 2);
	/* Nobody purges through the app as a signed-in user, not even the auditor. */
	fx_as(&f, &aud, ROLE_AUDITOR, 0);
	CHECK_INT(app_audit_purge(&aud, f.cli.now - 181 * 86400, &deleted, &e), FZ_FORBIDDEN);
	fx_close(&f);
}

TEST(audit_purge_removes_old_records_past_retention)
{
	struct fx f;
	struct fz_error e;
	int64_t deleted = 0;
	REQUIRE(fx_open(&f));
	int64_t before = fx_audit_count(&f);
	/* A year later, everything so far is past retention. */
	f.cli.now += 365 * 86400;
	CHECK_INT(app_audit_purge(&f.cli, f.cli.now - 200 * 86400, &deleted, &e), FZ_OK);
	CHECK_INT(deleted, before);
	CHECK_INT(fx_audit_count(&f), 1); /* only the purge's own record */
	fx_close(&f);
}
