/* org_test.c - agencies and divisions: validation names the field and
 * changes nothing; every write leaves an audit record with before/after. */
#include <string.h>

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

TEST(agency_document_settings_are_validated_in_chinese_and_nothing_is_half_written)
{
	struct fx f;
	struct fz_error e;
	struct agency ag;
	REQUIRE(fx_open(&f));
	int64_t audits = fx_audit_count(&f);
	static const struct {
		struct agency_input in;
		const char *field, *says;
	} bad[] = {
		{ { .doc_code = "HZR", .court = "海原县人民法院", .active = -1 }, "doc_code",
		  "只能由汉字组成" },
		{ { .doc_code = "海原县自然资源规划", .active = -1 }, "doc_code", "不能超过 8 个汉字" },
		{ { .doc_code = "海 自然资", .active = -1 }, "doc_code", "只能由汉字组成" },
		{ { .payment_bank = "中国农业银行海原县支行", .active = -1 }, "payment_account",
		  "同时填写" },
		{ { .payment_bank = "中国农业银行海原县支行", .payment_account = "2936-ABC-1234",
		    .active = -1 },
		  "payment_account", "只能由数字组成" },
		{ { .payment_bank = "中国农业银行海原县支行", .payment_account = "12345",
		    .active = -1 },
		  "payment_account", "至少有 6 位数字" },
		{ { .court = "海原县", .active = -1 }, "court", "法院" },
		{ { .reconsideration = "海原县\n人民政府", .active = -1 }, "reconsideration",
		  "换行" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		memset(&e, 0, sizeof e);
		CHECK_INT(app_agency_update(&f.cli, f.natres, &bad[i].in, NULL, &e), FZ_INVALID);
		CHECK_STR(e.field, bad[i].field);
		CHECK_CONTAINS(e.message, bad[i].says);
	}
	/* Nothing written, nothing audited: the first setting of the first
	 * refused update (a valid court) is not there either. */
	CHECK_INT(app_agency_get(&f.cli, f.natres, &ag, &e), FZ_OK);
	CHECK_STR(ag.court, "");
	CHECK_STR(ag.doc_code, "");
	CHECK_INT(fx_audit_count(&f), audits);
	fx_close(&f);
}

TEST(agency_document_settings_are_stored_audited_and_cleared_by_empty_text)
{
	struct fx f;
	struct fz_error e;
	struct agency ag;
	REQUIRE(fx_open(&f));
	struct agency_input in = { .doc_code = "海自然资", .court = "海原县人民法院",
				   .payment_bank = "中国农业银行海原县支行",
				   .payment_account = "2936 0101 0400 0123 4", .active = -1 };
	CHECK_INT(app_agency_update(&f.cli, f.natres, &in, &ag, &e), FZ_OK);
	CHECK_STR(ag.doc_code, "海自然资");
	CHECK_STR(ag.payment_account, "2936 0101 0400 0123 4");
	CHECK_STR(ag.name, "海原县自然资源局"); /* untouched */
	struct audit_list al;
	struct audit_filter flt = { .action = "agency.update" };
	REQUIRE(f.st->ops->audit_list(f.st, f.a, &flt, (struct page){ 0, 10 }, &al, &e) == FZ_OK);
	REQUIRE(al.n == 1);
	struct audit_change_list ch;
	REQUIRE(f.st->ops->audit_changes(f.st, f.a, al.items[0].id, &ch, &e) == FZ_OK);
	CHECK_INT(ch.n, 4);
	bool code_seen = false;
	for (size_t i = 0; i < ch.n; i++)
		if (strcmp(ch.items[i].field, "doc_code") == 0)
			code_seen = strcmp(ch.items[i].after, "海自然资") == 0;
	CHECK(code_seen);
	/* NULL leaves a setting, "" clears it. */
	struct agency_input clear = { .doc_code = "", .active = -1 };
	CHECK_INT(app_agency_update(&f.cli, f.natres, &clear, &ag, &e), FZ_OK);
	CHECK_STR(ag.doc_code, "");
	CHECK_STR(ag.court, "海原县人民法院");
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
