/* people_test.c - contract: people, their filters and scope, and the
 * per-agency counts behind the 5% legal-reviewer check. */
#include "contract.h"
#include "t.h"

TEST(store_person_round_trips_every_field)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	struct person p = { .agency_id = fx.haiyuan_market, .unit_id = fx.market_unit,
			    .name = "王强", .resident_id = "640522199001011234",
			    .kind = PERSON_ASSISTANT, .active = true,
			    .created_at = 1700000000, .updated_at = 1700000001 };
	REQUIRE(fx.st->ops->person_insert(fx.st, &p, NULL) == FZ_OK);
	struct scope all = sc_all();
	struct person got;
	CHECK_INT(fx.st->ops->person_get(fx.st, fx.a, &all, p.id, &got, NULL), FZ_OK);
	CHECK_INT(got.agency_id, fx.haiyuan_market);
	CHECK_INT(got.unit_id, fx.market_unit);
	CHECK_STR(got.name, "王强");
	CHECK_STR(got.resident_id, "640522199001011234");
	CHECK(got.phone == NULL);
	CHECK_INT(got.kind, PERSON_ASSISTANT);
	CHECK(!got.is_reviewer);
	CHECK(got.active);
	CHECK_INT(got.created_at, 1700000000);
	CHECK_INT(got.updated_at, 1700000001);

	got.phone = "13900000000";
	got.unit_id = 0;
	got.is_reviewer = true;
	got.updated_at = 0;
	CHECK_INT(fx.st->ops->person_update(fx.st, &got, NULL), FZ_OK);
	CHECK(got.updated_at > 1700000001);
	struct person again;
	CHECK_INT(fx.st->ops->person_get(fx.st, fx.a, &all, p.id, &again, NULL), FZ_OK);
	CHECK_STR(again.phone, "13900000000");
	CHECK_INT(again.unit_id, 0);
	CHECK(again.is_reviewer);
	store_fx_close(&fx);
}

TEST(store_person_unit_must_belong_to_its_agency)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	struct person p = { .agency_id = fx.haiyuan_justice, .unit_id = fx.market_unit,
			    .name = "张三", .resident_id = "640522199001011234",
			    .kind = PERSON_OFFICER, .active = true };
	struct fz_error e = { 0 };
	CHECK_INT(fx.st->ops->person_insert(fx.st, &p, &e), FZ_CONFLICT);
	CHECK_STR(e.field, "unit_id");
	CHECK_STR(e.message, "内设机构不存在或不属于该执法主体");
	p.agency_id = 9999;
	p.unit_id = 0;
	CHECK_INT(fx.st->ops->person_insert(fx.st, &p, &e), FZ_CONFLICT);
	CHECK_STR(e.field, "agency_id");
	store_fx_close(&fx);
}

TEST(store_person_kind_out_of_range_is_invalid)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	struct person p = { .agency_id = fx.haiyuan_justice, .name = "张三",
			    .resident_id = "640522199001011234", .kind = 7 };
	CHECK_INT(fx.st->ops->person_insert(fx.st, &p, NULL), FZ_INVALID);
	store_fx_close(&fx);
}

TEST(store_person_outside_scope_is_not_found)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	struct person got;
	struct scope own = sc_agency(fx.haiyuan_market);
	struct scope other = sc_agency(fx.xingqing_city);
	struct scope yinchuan = sc_division("6401");
	struct scope zhongwei = sc_division("6405");
	CHECK_INT(fx.st->ops->person_get(fx.st, fx.a, &own, fx.officer, &got, NULL), FZ_OK);
	CHECK_INT(fx.st->ops->person_get(fx.st, fx.a, &other, fx.officer, &got, NULL),
		  FZ_NOTFOUND);
	CHECK_INT(fx.st->ops->person_get(fx.st, fx.a, &yinchuan, fx.officer, &got, NULL),
		  FZ_NOTFOUND);
	CHECK_INT(fx.st->ops->person_get(fx.st, fx.a, &zhongwei, fx.officer, &got, NULL), FZ_OK);
	struct person_list l;
	CHECK_INT(fx.st->ops->person_list(fx.st, fx.a, &other, NULL, PAGE_ALL, &l, NULL), FZ_OK);
	CHECK_INT(l.total, 0);
	/* an agency filter does not widen the scope */
	struct person_filter f = { .agency_id = fx.haiyuan_market };
	CHECK_INT(fx.st->ops->person_list(fx.st, fx.a, &other, &f, PAGE_ALL, &l, NULL), FZ_OK);
	CHECK_INT(l.total, 0);
	store_fx_close(&fx);
}

TEST(store_person_list_filters_kind_reviewer_unit_and_name)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	struct scope all = sc_all();
	store_fx_person(&fx, fx.haiyuan_market, "辅助员甲", PERSON_ASSISTANT, false);
	struct person in_unit = { .agency_id = fx.haiyuan_market, .unit_id = fx.market_unit,
				  .name = "马小龙", .resident_id = "640522199001011234",
				  .kind = PERSON_OFFICER, .active = true };
	REQUIRE(fx.st->ops->person_insert(fx.st, &in_unit, NULL) == FZ_OK);

	struct person_list l;
	struct person_filter f = { .agency_id = fx.haiyuan_market };
	CHECK_INT(fx.st->ops->person_list(fx.st, fx.a, &all, &f, PAGE_ALL, &l, NULL), FZ_OK);
	CHECK_INT(l.total, 4);
	f.kind = PERSON_OFFICER;
	CHECK_INT(fx.st->ops->person_list(fx.st, fx.a, &all, &f, PAGE_ALL, &l, NULL), FZ_OK);
	CHECK_INT(l.total, 3);
	f.is_reviewer = 1;
	CHECK_INT(fx.st->ops->person_list(fx.st, fx.a, &all, &f, PAGE_ALL, &l, NULL), FZ_OK);
	CHECK_INT(l.total, 1);
	REQUIRE(l.n == 1);
	CHECK_STR(l.items[0].name, "李娟");
	f.is_reviewer = 2;
	CHECK_INT(fx.st->ops->person_list(fx.st, fx.a, &all, &f, PAGE_ALL, &l, NULL), FZ_OK);
	CHECK_INT(l.total, 2);
	f.is_reviewer = -1;
	CHECK_INT(fx.st->ops->person_list(fx.st, fx.a, &all, &f, PAGE_ALL, &l, NULL), FZ_OK);
	CHECK_INT(l.total, 3);
	f = (struct person_filter){ .unit_id = fx.market_unit };
	CHECK_INT(fx.st->ops->person_list(fx.st, fx.a, &all, &f, PAGE_ALL, &l, NULL), FZ_OK);
	CHECK_INT(l.total, 1);
	f = (struct person_filter){ .q = "马" };
	CHECK_INT(fx.st->ops->person_list(fx.st, fx.a, &all, &f, PAGE_ALL, &l, NULL), FZ_OK);
	CHECK_INT(l.total, 2);
	store_fx_close(&fx);
}

TEST(store_reviewer_ratios_count_active_officers_per_agency)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	store_fx_person(&fx, fx.haiyuan_market, "辅助员甲", PERSON_ASSISTANT, true);
	int64_t gone = store_fx_person(&fx, fx.haiyuan_market, "已调离", PERSON_OFFICER, true);
	struct scope all = sc_all();
	struct person p;
	REQUIRE(fx.st->ops->person_get(fx.st, fx.a, &all, gone, &p, NULL) == FZ_OK);
	p.active = false;
	REQUIRE(fx.st->ops->person_update(fx.st, &p, NULL) == FZ_OK);
	store_fx_person(&fx, fx.tianshan, "外省人员", PERSON_OFFICER, true);

	struct reviewer_ratio_list l;
	struct scope county = sc_division("640522");
	CHECK_INT(fx.st->ops->reviewer_ratios(fx.st, fx.a, &county, PAGE_ALL, &l, NULL), FZ_OK);
	CHECK_INT(l.total, 2);
	REQUIRE(l.n == 2);
	CHECK_INT(l.items[0].agency_id, fx.haiyuan_justice);
	CHECK_INT(l.items[0].officers, 0);
	CHECK_INT(l.items[1].agency_id, fx.haiyuan_market);
	CHECK_STR(l.items[1].agency_name, "海原县市场监督管理局");
	CHECK_INT(l.items[1].officers, 2);
	CHECK_INT(l.items[1].reviewers, 1);
	struct scope none = { .kind = SCOPE_NONE };
	CHECK_INT(fx.st->ops->reviewer_ratios(fx.st, fx.a, &none, PAGE_ALL, &l, NULL), FZ_OK);
	CHECK_INT(l.total, 0);
	store_fx_close(&fx);
}
