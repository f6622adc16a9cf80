/* org_test.c - agencies and divisions: validation names the field and
 * changes nothing; every write leaves an audit record with before/after. */
#include "app/auditlog.h"
#include "app/org.h"
#include "fixture.h"
#include "t.h"

TEST(agency_with_bad_uscc_is_rejected_naming_the_field_and_nothing_changes)
{
	struct fx f;
	struct fz_error e;
	REQUIRE(fx_open(&f));
	int64_t agencies = fx_count(&f, "agencies"), audits = fx_audit_count(&f);
	struct agency_input in = { .name = "测试局", .uscc = "91350100M000100Y44",
				   .division_code = "640522", .kind = "department",
				   .domains = "市场监管", .active = 1 };
	CHECK_INT(app_agency_create(&f.cli, &in, NULL, &e), FZ_INVALID);
	CHECK_STR(e.field, "uscc");
	CHECK_CONTAINS(e.message, "统一社会信用代码");
	CHECK_INT(fx_count(&f, "agencies"), agencies);
	CHECK_INT(fx_audit_count(&f), audits);
	fx_close(&f);
}

TEST(agency_with_unknown_division_or_kind_is_rejected)
{
	struct fx f;
	struct fz_error e;
	char uscc[19];
	REQUIRE(fx_open(&f));
	fx_uscc(77, uscc);
	struct agency_input in = { .name = "测试局", .uscc = uscc, .division_code = "110105",
				   .kind = "department", .domains = "市场监管", .active = 1 };
	CHECK_INT(app_agency_create(&f.cli, &in, NULL, &e), FZ_INVALID);
	CHECK_STR(e.field, "division_code");
	in.division_code = "640522";
	in.kind = "ministry";
	CHECK_INT(app_agency_create(&f.cli, &in, NULL, &e), FZ_INVALID);
	CHECK_STR(e.field, "kind");
	in.kind = "department";
	in.domains = "市场监管，食品安全";
	CHECK_INT(app_agency_create(&f.cli, &in, NULL, &e), FZ_INVALID);
	CHECK_STR(e.field, "domains");
	fx_close(&f);
}

TEST(duplicate_uscc_conflicts)
{
	struct fx f;
	struct fz_error e;
	char uscc[19];
	REQUIRE(fx_open(&f));
	fx_uscc(2, uscc); /* the fixture's 自然资源局 */
	struct agency_input in = { .name = "重复局", .uscc = uscc, .division_code = "640522",
				   .kind = "department", .domains = "市场监管", .active = 1 };
	CHECK_INT(app_agency_create(&f.cli, &in, NULL, &e), FZ_CONFLICT);
	CHECK_STR(e.field, "uscc");
	fx_close(&f);
}

TEST(agency_update_is_audited_with_before_and_after)
{
	struct fx f;
	struct fz_error e;
	struct agency ag;
	REQUIRE(fx_open(&f));
	struct agency_input in = { .name = "海原县自然资源和规划局", .active = -1 };
	CHECK_INT(app_agency_update(&f.cli, f.natres, &in, &ag, &e), FZ_OK);
	CHECK_STR(ag.name, "海原县自然资源和规划局");
	struct audit_list al;
	struct audit_filter flt = { .action = "agency.update" };
	struct page pg = { 0, 10 };
	REQUIRE(f.st->ops->audit_list(f.st, f.a, &flt, pg, &al, &e) == FZ_OK);
	REQUIRE(al.n == 1);
	CHECK_STR(al.items[0].actor, "(cli)");
	struct audit_change_list ch;
	REQUIRE(f.st->ops->audit_changes(f.st, f.a, al.items[0].id, &ch, &e) == FZ_OK);
	REQUIRE(ch.n == 1);
	CHECK_STR(ch.items[0].field, "name");
	CHECK_STR(ch.items[0].before, "海原县自然资源局");
	CHECK_STR(ch.items[0].after, "海原县自然资源和规划局");
	fx_close(&f);
}

TEST(division_needs_its_parent_and_a_valid_code)
{
	struct fx f;
	struct fz_error e;
	REQUIRE(fx_open(&f));
	struct division_input orphan = { "410104", "管城回族区" };
	CHECK_INT(app_division_put(&f.cli, &orphan, NULL, &e), FZ_INVALID);
	CHECK_STR(e.field, "code");
	struct division_input bad = { "99x000", "无" };
	CHECK_INT(app_division_put(&f.cli, &bad, NULL, &e), FZ_INVALID);
	CHECK_STR(e.field, "code");
	fx_close(&f);
}
