/* basis_test.c - what the derived data was computed under (app/basis.h):
 * the first start records the definitions and marks nothing; the same
 * definitions again write nothing; other definitions mark every case's
 * status and indicator facts in one audited transaction. The figures
 * following the new config: indicators_facts_test.c. */
#include <stdio.h>
#include <string.h>

#include "../t.h"
#include "app/basis.h"
#include "app/procreg.h"
#include "fixture.h"
#include "store/store.h"

/* Two cases with a status of today and judged facts. */
static bool seed(struct fx *f)
{
	char out[64];
	for (int i = 0; i < 2; i++) {
		int64_t c = fx_case(f, f->natres, CASE_PENALTY, "penalty_general", "依据测试");
		char sql[200];
		snprintf(sql, sizeof sql,
			 "INSERT INTO case_status (case_id, computed_on) VALUES (%lld, '2026-01-01')"
			 " ON CONFLICT (case_id) DO UPDATE SET computed_on = excluded.computed_on",
			 (long long)c);
		if (!c || !fx_rows_text(f, sql, out, sizeof out))
			return false;
	}
	return fx_rows_text(f, "DELETE FROM indicator_stale", out, sizeof out) != NULL;
}

static const char *recorded(struct fx *f, char *out, size_t cap)
{
	return fx_rows_text(f, "SELECT value FROM settings WHERE key = '" APP_BASIS_SETTING "'",
			    out, cap);
}

TEST(basis_is_recorded_once_and_other_definitions_mark_every_case)
{
	struct fx f;
	struct fz_error e;
	char text[256], want[80];
	bool marked = true;
	REQUIRE(fx_open(&f));
	REQUIRE(seed(&f));
	const struct proc_registry *builtin = proc_registry_builtin(&e);
	REQUIRE(builtin);
	/* the first start: recorded and audited, nothing marked */
	int64_t audits = fx_audit_count(&f);
	REQUIRE(app_basis_check(&f.cli, &marked, &e) == FZ_OK);
	CHECK(!marked);
	snprintf(want, sizeof want, "%s\n", proc_registry_fingerprint(builtin));
	CHECK_STR(recorded(&f, text, sizeof text), want);
	CHECK_INT(fx_audit_count(&f), audits + 1);
	CHECK_INT(fx_count(&f, "indicator_stale"), 0);
	CHECK_STR(fx_rows_text(&f, "SELECT DISTINCT computed_on FROM case_status", text, sizeof text),
		  "2026-01-01\n");
	/* the same definitions: nothing written, not even an audit record */
	REQUIRE(app_basis_check(&f.cli, &marked, &e) == FZ_OK);
	CHECK(!marked);
	CHECK_INT(fx_audit_count(&f), audits + 1);
	/* a budget of config.txt changed: every status is stale, every case
	 * marked for the indicators, the new fingerprint recorded, audited
	 * with both fingerprints */
	struct proc_registry *reg = fx_procedures_with(&f, "opening_period 15 working_days",
						       "opening_period 10 working_days");
	REQUIRE(reg);
	CHECK(strcmp(proc_registry_fingerprint(reg), proc_registry_fingerprint(builtin)) != 0);
	f.cfg.procs = reg;
	REQUIRE(app_basis_check(&f.cli, &marked, &e) == FZ_OK);
	CHECK(marked);
	CHECK_INT(fx_count(&f, "indicator_stale"), fx_count(&f, "cases"));
	CHECK_STR(fx_rows_text(&f, "SELECT DISTINCT computed_on FROM case_status", text, sizeof text),
		  "0001-01-01\n");
	snprintf(want, sizeof want, "%s\n", proc_registry_fingerprint(reg));
	CHECK_STR(recorded(&f, text, sizeof text), want);
	CHECK_INT(fx_audit_count(&f), audits + 2);
	CHECK_STR(fx_rows_text(&f,
			       "SELECT action, object_type, result FROM audit_log"
			       " ORDER BY id DESC LIMIT 1",
			       text, sizeof text),
		  "procedures.basis|procedures|ok\n");
	CHECK_CONTAINS(fx_rows_text(&f, "SELECT message FROM audit_log ORDER BY id DESC LIMIT 1",
				    text, sizeof text),
		       "程序定义或本省配置已变更");
	/* the built-in definitions back: a change too */
	f.cfg.procs = builtin;
	REQUIRE(app_basis_check(&f.cli, &marked, &e) == FZ_OK);
	CHECK(marked);
	f.cfg.procs = NULL;
	proc_registry_free(reg);
	fx_close(&f);
}

/* The fingerprint depends on the bytes, not on the order a directory
 * lists its files in or on where they came from. */
TEST(basis_fingerprint_is_the_same_for_the_same_definitions)
{
	struct fx f;
	struct fz_error e;
	REQUIRE(fx_open(&f));
	const struct proc_registry *builtin = proc_registry_builtin(&e);
	/* config.txt written to a directory unchanged */
	struct proc_registry *same = fx_procedures_with(&f, "province ", "province ");
	REQUIRE(builtin && same);
	CHECK_STR(proc_registry_fingerprint(same), proc_registry_fingerprint(builtin));
	CHECK_INT((int64_t)strlen(proc_registry_fingerprint(same)), PROC_REGISTRY_FP_HEX - 1);
	proc_registry_free(same);
	fx_close(&f);
}
