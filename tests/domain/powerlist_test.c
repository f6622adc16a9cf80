/* powerlist_test.c - the rules of the power-and-responsibility list (权责
 * 清单): what a power must say, when a version may take effect, and the
 * comparison of two versions naming each added, removed and changed
 * power and field. */
#include <string.h>

#include "base/arena.h"
#include "domain/powerlist.h"
#include "t.h"

static struct power_item item(const char *code, const char *name)
{
	return (struct power_item){ .code = code, .name = name, .kind = "penalty",
				    .basis = "《中华人民共和国土地管理法》第七十七条第一款",
				    .unit = "执法监察大队", .duty = "立案、调查、决定",
				    .accountability = "《中华人民共和国行政处罚法》第七十六条",
				    .guide = "" };
}

TEST(power_items_check_accepts_complete_powers)
{
	struct power_item v[] = { item("A-1", "甲"), item("A-2", "乙") };
	struct fz_error e = { 0 };
	CHECK_INT(power_items_check(v, 2, &e), FZ_OK);
	v[1].kind = "reward";
	CHECK_INT(power_items_check(v, 2, &e), FZ_OK);
}

TEST(power_items_check_refuses_an_empty_name_naming_the_power)
{
	struct power_item v[] = { item("A-1", "甲"), item("A-2", "  ") };
	struct fz_error e = { 0 };
	CHECK_INT(power_items_check(v, 2, &e), FZ_INVALID);
	CHECK_STR(e.field, "items");
	CHECK_CONTAINS(e.message, "第 2 项（A-2）缺少事项名称");
}

TEST(power_items_check_refuses_a_code_twice_in_one_version)
{
	struct power_item v[] = { item("A-1", "甲"), item("A-2", "乙"), item("A-1", "丙") };
	struct fz_error e = { 0 };
	CHECK_INT(power_items_check(v, 3, &e), FZ_INVALID);
	CHECK_CONTAINS(e.message, "事项编码 A-1 重复（第 1 项和第 3 项）");
}

TEST(power_items_check_refuses_a_power_without_legal_basis)
{
	struct power_item v[] = { item("A-1", "甲") };
	struct fz_error e = { 0 };
	v[0].basis = "";
	CHECK_INT(power_items_check(v, 1, &e), FZ_INVALID);
	CHECK_CONTAINS(e.message, "缺少设定依据");
	v[0].basis = "某法第一条";
	v[0].accountability = NULL;
	CHECK_INT(power_items_check(v, 1, &e), FZ_INVALID);
	CHECK_CONTAINS(e.message, "缺少追责情形及依据");
}

TEST(power_items_check_refuses_an_unknown_kind_and_a_bad_code)
{
	struct power_item v[] = { item("A-1", "甲") };
	struct fz_error e = { 0 };
	v[0].kind = "fine";
	CHECK_INT(power_items_check(v, 1, &e), FZ_INVALID);
	CHECK_CONTAINS(e.message, "职权类别无效");
	v[0].kind = "permit";
	v[0].code = "甲 1";
	CHECK_INT(power_items_check(v, 1, &e), FZ_INVALID);
	CHECK_CONTAINS(e.message, "事项编码只能由字母、数字");
	CHECK_STR(power_kind_label("adjudication"), "行政裁决");
	CHECK(power_kind_label("fine") == NULL);
}

TEST(power_publish_check_requires_a_date_after_the_previous_version)
{
	struct fz_error e = { 0 };
	CHECK_INT(power_publish_check("2026-12-10", "2026-12-06", NULL, "2026-12-09", &e), FZ_OK);
	CHECK_INT(power_publish_check("2026-12-09", "2026-12-06", NULL, "2026-12-09", &e),
		  FZ_INVALID);
	CHECK_STR(e.field, "effective_on");
	CHECK_CONTAINS(e.message, "须晚于上一版本的生效日期（2026-12-09）");
	CHECK_INT(power_publish_check("2026-12-08", "2026-12-06", NULL, "2026-12-09", &e),
		  FZ_INVALID);
	/* a reason does not excuse the order */
	CHECK_INT(power_publish_check("2026-01-01", "2026-12-06", "补录", "2026-03-01", &e),
		  FZ_INVALID);
}

TEST(power_publish_check_allows_a_past_date_only_with_a_reason)
{
	struct fz_error e = { 0 };
	CHECK_INT(power_publish_check("2026-12-05", "2026-12-06", NULL, "", &e), FZ_INVALID);
	CHECK_STR(e.field, "reason");
	CHECK_CONTAINS(e.message, "溯及既往须说明理由");
	CHECK_INT(power_publish_check("2026-12-05", "2026-12-06", "  ", "", &e), FZ_INVALID);
	CHECK_INT(power_publish_check("2026-12-05", "2026-12-06", "县政府审定后补录", "", &e),
		  FZ_OK);
	CHECK_INT(power_publish_check("2026-12-06", "2026-12-06", NULL, "", &e), FZ_OK);
	CHECK_INT(power_publish_check("2026-02-30", "2026-12-06", NULL, "", &e), FZ_INVALID);
	CHECK_INT(power_publish_check("", "2026-12-06", NULL, "", &e), FZ_INVALID);
}

TEST(power_compare_names_the_added_removed_and_changed_powers_field_by_field)
{
	struct arena *a = arena_new();
	REQUIRE(a);
	struct power_item x[] = { item("A-1", "甲"), item("A-2", "乙"), item("A-3", "丙") };
	struct power_item y[] = { item("A-3", "丙"), item("A-1", "甲（修订）"), item("A-4", "丁") };
	y[1].basis = "新依据第一条";
	y[1].guide = "办理地点：政务服务中心";
	struct power_diff d;
	struct fz_error e = { 0 };
	REQUIRE(power_compare(a, x, 3, y, 3, &d, &e) == FZ_OK);
	CHECK_INT((long long)d.added, 1);
	CHECK_INT((long long)d.removed, 1);
	CHECK_INT((long long)d.changed, 1);
	REQUIRE(d.n == 3);
	/* A-1 changed (moving A-3 to the front is no change) */
	CHECK_INT(d.entries[0].change, POWER_CHANGED);
	CHECK_STR(d.entries[0].code, "A-1");
	REQUIRE(d.entries[0].n_fields == 3);
	CHECK_STR(d.entries[0].fields[0].field, "name");
	CHECK_STR(d.entries[0].fields[0].before, "甲");
	CHECK_STR(d.entries[0].fields[0].after, "甲（修订）");
	CHECK_STR(d.entries[0].fields[1].field, "basis");
	CHECK_STR(d.entries[0].fields[1].after, "新依据第一条");
	CHECK_STR(d.entries[0].fields[2].field, "guide");
	CHECK_STR(d.entries[0].fields[2].before, "");
	CHECK_INT(d.entries[1].change, POWER_REMOVED);
	CHECK_STR(d.entries[1].code, "A-2");
	CHECK(d.entries[1].after == NULL);
	CHECK_INT(d.entries[2].change, POWER_ADDED);
	CHECK_STR(d.entries[2].code, "A-4");
	CHECK(d.entries[2].before == NULL);
	/* the same version: nothing */
	REQUIRE(power_compare(a, x, 3, x, 3, &d, &e) == FZ_OK);
	CHECK_INT((long long)d.n, 0);
	arena_free(a);
}
