/* org_test.c - contract: divisions, agencies and units, their keys, and
 * the scope rules that keep an agency's data from other agencies. */
#include <string.h>

#include "contract.h"
#include "t.h"

TEST(store_division_put_updates_existing)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	struct division d = { .code = "640522", .name = "海原县（更名）", .level = DIVISION_COUNTY,
			      .parent_code = "640500" };
	CHECK_INT(fx.st->ops->division_put(fx.st, &d, NULL), FZ_OK);
	struct division got;
	CHECK_INT(fx.st->ops->division_get(fx.st, fx.a, "640522", &got, NULL), FZ_OK);
	CHECK_STR(got.name, "海原县（更名）");
	CHECK_STR(got.parent_code, "640500");
	CHECK_INT(got.level, DIVISION_COUNTY);
	struct fz_error e = { 0 };
	CHECK_INT(fx.st->ops->division_get(fx.st, fx.a, "640599", &got, &e), FZ_NOTFOUND);
	store_fx_close(&fx);
}

TEST(store_division_list_gives_provinces_children_or_all)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	struct division_list l;
	CHECK_INT(fx.st->ops->division_list(fx.st, fx.a, "", PAGE_ALL, &l, NULL), FZ_OK);
	CHECK_INT(l.total, 2);
	REQUIRE(l.n == 2);
	CHECK_STR(l.items[0].code, "640000");
	CHECK_STR(l.items[0].parent_code, "");
	CHECK_INT(fx.st->ops->division_list(fx.st, fx.a, "640000", PAGE_ALL, &l, NULL), FZ_OK);
	CHECK_INT(l.total, 2);
	REQUIRE(l.n == 2);
	CHECK_STR(l.items[0].code, "640100");
	CHECK_STR(l.items[1].code, "640500");
	CHECK_INT(fx.st->ops->division_list(fx.st, fx.a, NULL, PAGE_ALL, &l, NULL), FZ_OK);
	CHECK_INT(l.total, 8);
	store_fx_close(&fx);
}

TEST(store_division_with_missing_parent_conflicts)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	struct division d = { .code = "630102", .name = "城东区", .level = DIVISION_COUNTY,
			      .parent_code = "630100" };
	struct fz_error e = { 0 };
	CHECK_INT(fx.st->ops->division_put(fx.st, &d, &e), FZ_CONFLICT);
	CHECK_STR(e.field, "parent_code");
	CHECK_STR(e.message, "上级行政区划不存在");
	store_fx_close(&fx);
}

TEST(store_agency_insert_sets_id_and_timestamps)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	struct agency ag = { .name = "海原县交通运输局", .uscc = "11640522MB5555555E",
			     .division_code = "640522", .kind = "department", .active = true,
			     .created_at = 1700000000 };
	CHECK_INT(fx.st->ops->agency_insert(fx.st, &ag, NULL), FZ_OK);
	CHECK(ag.id > 0);
	CHECK_INT(ag.created_at, 1700000000);
	CHECK_INT(ag.updated_at, 1700000000);

	struct agency now = { .name = "海原县水务局", .uscc = "11640522MB6666666F",
			      .division_code = "640522", .kind = "department", .active = true };
	CHECK_INT(fx.st->ops->agency_insert(fx.st, &now, NULL), FZ_OK);
	CHECK(now.created_at > 1700000000);

	struct scope all = sc_all();
	struct agency got;
	CHECK_INT(fx.st->ops->agency_get(fx.st, fx.a, &all, ag.id, &got, NULL), FZ_OK);
	CHECK_STR(got.name, "海原县交通运输局");
	CHECK_STR(got.uscc, "11640522MB5555555E");
	CHECK_STR(got.division_code, "640522");
	CHECK_STR(got.kind, "department");
	CHECK(got.domains == NULL);
	CHECK(got.active);
	CHECK_INT(got.created_at, 1700000000);
	store_fx_close(&fx);
}

TEST(store_agency_update_changes_fields_not_created_at)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	struct scope all = sc_all();
	struct agency ag;
	REQUIRE(fx.st->ops->agency_get(fx.st, fx.a, &all, fx.haiyuan_market, &ag, NULL) == FZ_OK);
	int64_t created = ag.created_at;
	ag.name = "海原县市场监管局";
	ag.active = false;
	ag.updated_at = created + 100;
	CHECK_INT(fx.st->ops->agency_update(fx.st, &ag, NULL), FZ_OK);
	struct agency got;
	CHECK_INT(fx.st->ops->agency_get(fx.st, fx.a, &all, ag.id, &got, NULL), FZ_OK);
	CHECK_STR(got.name, "海原县市场监管局");
	CHECK(!got.active);
	CHECK_INT(got.created_at, created);
	CHECK_INT(got.updated_at, created + 100);
	store_fx_close(&fx);
}

/* The document settings of ag, in column order. */
static void settings_of(const struct agency *ag, const char *out[5])
{
	const char *v[5] = { ag->doc_code, ag->court, ag->payment_bank, ag->payment_account,
			     ag->reconsideration };
	memcpy(out, v, sizeof v);
}

TEST(store_agency_document_settings_round_trip_and_null_is_empty)
{
	static const char *const none[5] = { "", "", "", "", "" };
	static const char *const all_set[5] = { "海林草", "海原县人民法院",
						"中国农业银行海原县支行", "29360101040001234",
						"海原县人民政府" };
	const char *v[5];
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	struct scope all = sc_all();
	/* Inserted without settings: each reads back as "", not NULL. */
	struct agency ag = { .name = "海原县林业和草原局", .uscc = "11640522MB8888888H",
			     .division_code = "640522", .kind = "department", .domains = "林业",
			     .active = true };
	REQUIRE(fx.st->ops->agency_insert(fx.st, &ag, NULL) == FZ_OK);
	struct agency got;
	CHECK_INT(fx.st->ops->agency_get(fx.st, fx.a, &all, ag.id, &got, NULL), FZ_OK);
	settings_of(&got, v);
	for (int i = 0; i < 5; i++)
		CHECK_STR(v[i], none[i]);
	/* Updated with every setting: each reads back, by get and by list. */
	got.doc_code = (char *)all_set[0];
	got.court = (char *)all_set[1];
	got.payment_bank = (char *)all_set[2];
	got.payment_account = (char *)all_set[3];
	got.reconsideration = (char *)all_set[4];
	CHECK_INT(fx.st->ops->agency_update(fx.st, &got, NULL), FZ_OK);
	struct agency back;
	CHECK_INT(fx.st->ops->agency_get(fx.st, fx.a, &all, ag.id, &back, NULL), FZ_OK);
	settings_of(&back, v);
	for (int i = 0; i < 5; i++)
		CHECK_STR(v[i], all_set[i]);
	struct agency_list l;
	struct agency_filter f = { .q = "林业和草原" };
	CHECK_INT(fx.st->ops->agency_list(fx.st, fx.a, &all, &f, PAGE_ALL, &l, NULL), FZ_OK);
	REQUIRE(l.n == 1);
	settings_of(&l.items[0], v);
	for (int i = 0; i < 5; i++)
		CHECK_STR(v[i], all_set[i]);
	/* A NULL setting in an update is stored as "" (not set). */
	back.court = NULL;
	CHECK_INT(fx.st->ops->agency_update(fx.st, &back, NULL), FZ_OK);
	CHECK_INT(fx.st->ops->agency_get(fx.st, fx.a, &all, ag.id, &got, NULL), FZ_OK);
	CHECK_STR(got.court, "");
	CHECK_STR(got.doc_code, "海林草");
	store_fx_close(&fx);
}

TEST(store_update_of_missing_id_is_not_found)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	struct agency ag = { .id = 9999, .name = "x", .uscc = "x", .division_code = "640522",
			     .kind = "department" };
	struct fz_error e = { 0 };
	CHECK_INT(fx.st->ops->agency_update(fx.st, &ag, &e), FZ_NOTFOUND);
	CHECK_STR(e.message, "执法主体不存在");
	struct unit u = { .id = 9999, .agency_id = fx.haiyuan_market, .name = "x" };
	CHECK_INT(fx.st->ops->unit_update(fx.st, &u, NULL), FZ_NOTFOUND);
	store_fx_close(&fx);
}

TEST(store_duplicate_uscc_conflicts)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	struct agency ag = { .name = "另一个局", .uscc = "11640522MB1111111A",
			     .division_code = "640522", .kind = "department" };
	struct fz_error e = { 0 };
	CHECK_INT(fx.st->ops->agency_insert(fx.st, &ag, &e), FZ_CONFLICT);
	CHECK_STR(e.field, "uscc");
	CHECK_STR(e.message, "统一社会信用代码已被其他执法主体使用");
	CHECK_INT(ag.id, 0);
	store_fx_close(&fx);
}

TEST(store_agency_with_missing_division_conflicts)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	struct agency ag = { .name = "不存在地区的局", .uscc = "11999999MB0000000X",
			     .division_code = "999999", .kind = "department" };
	struct fz_error e = { 0 };
	CHECK_INT(fx.st->ops->agency_insert(fx.st, &ag, &e), FZ_CONFLICT);
	CHECK_STR(e.field, "division_code");
	CHECK_STR(e.message, "所属行政区划不存在");
	store_fx_close(&fx);
}

TEST(store_missing_required_field_is_invalid)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	struct agency ag = { .uscc = "11640522MB7777777G", .division_code = "640522",
			     .kind = "department" };
	struct fz_error e = { 0 };
	CHECK_INT(fx.st->ops->agency_insert(fx.st, &ag, &e), FZ_INVALID);
	CHECK_STR(e.field, "name");
	store_fx_close(&fx);
}

TEST(store_agency_outside_scope_is_not_found)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	struct agency got;
	struct fz_error e = { 0 };
	struct scope own = sc_agency(fx.haiyuan_justice);
	CHECK_INT(fx.st->ops->agency_get(fx.st, fx.a, &own, fx.haiyuan_justice, &got, NULL), FZ_OK);
	CHECK_INT(fx.st->ops->agency_get(fx.st, fx.a, &own, fx.haiyuan_market, &got, &e),
		  FZ_NOTFOUND);
	CHECK_STR(e.message, "执法主体不存在");

	struct scope county = sc_division("640522");
	CHECK_INT(fx.st->ops->agency_get(fx.st, fx.a, &county, fx.haiyuan_market, &got, NULL),
		  FZ_OK);
	CHECK_INT(fx.st->ops->agency_get(fx.st, fx.a, &county, fx.xingqing_city, &got, NULL),
		  FZ_NOTFOUND);
	struct scope xinjiang = sc_division("65");
	CHECK_INT(fx.st->ops->agency_get(fx.st, fx.a, &xinjiang, fx.haiyuan_market, &got, NULL),
		  FZ_NOTFOUND);
	CHECK_INT(fx.st->ops->agency_get(fx.st, fx.a, &xinjiang, fx.tianshan, &got, NULL), FZ_OK);
	store_fx_close(&fx);
}

TEST(store_scope_none_sees_nothing)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	struct scope none = { .kind = SCOPE_NONE };
	struct agency got;
	CHECK_INT(fx.st->ops->agency_get(fx.st, fx.a, &none, fx.haiyuan_market, &got, NULL),
		  FZ_NOTFOUND);
	CHECK_INT(fx.st->ops->agency_get(fx.st, fx.a, NULL, fx.haiyuan_market, &got, NULL),
		  FZ_NOTFOUND);
	struct agency_list l;
	CHECK_INT(fx.st->ops->agency_list(fx.st, fx.a, &none, NULL, PAGE_ALL, &l, NULL), FZ_OK);
	CHECK_INT(l.total, 0);
	CHECK_INT(l.n, 0);
	struct person_list pl;
	CHECK_INT(fx.st->ops->person_list(fx.st, fx.a, &none, NULL, PAGE_ALL, &pl, NULL), FZ_OK);
	CHECK_INT(pl.total, 0);
	store_fx_close(&fx);
}

TEST(store_scope_division_covers_code_prefix)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	struct agency_list l;
	struct scope city = sc_division("6405");
	CHECK_INT(fx.st->ops->agency_list(fx.st, fx.a, &city, NULL, PAGE_ALL, &l, NULL), FZ_OK);
	CHECK_INT(l.total, 2);
	struct scope province = sc_division("64");
	CHECK_INT(fx.st->ops->agency_list(fx.st, fx.a, &province, NULL, PAGE_ALL, &l, NULL),
		  FZ_OK);
	CHECK_INT(l.total, 3);
	struct scope all = sc_all();
	CHECK_INT(fx.st->ops->agency_list(fx.st, fx.a, &all, NULL, PAGE_ALL, &l, NULL), FZ_OK);
	CHECK_INT(l.total, 4);
	store_fx_close(&fx);
}

/* A LIKE wildcard smuggled into the prefix must not widen the scope. */
TEST(store_scope_division_rejects_non_digit_prefix)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	const char *bad[] = { "%", "6_", "", "64%" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct scope sc = sc_division(bad[i]);
		struct agency_list l = { 0 };
		struct fz_error e = { 0 };
		CHECK_INT(fx.st->ops->agency_list(fx.st, fx.a, &sc, NULL, PAGE_ALL, &l, &e),
			  FZ_INVALID);
		CHECK_INT(l.n, 0);
		struct agency got;
		CHECK_INT(fx.st->ops->agency_get(fx.st, fx.a, &sc, fx.tianshan, &got, NULL),
			  FZ_INVALID);
	}
	store_fx_close(&fx);
}

TEST(store_agency_list_filters_by_division_kind_and_text)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	struct scope all = sc_all();
	struct agency_list l;
	struct agency_filter f = { .division_code = "640522" };
	CHECK_INT(fx.st->ops->agency_list(fx.st, fx.a, &all, &f, PAGE_ALL, &l, NULL), FZ_OK);
	CHECK_INT(l.total, 2);
	f = (struct agency_filter){ .q = "司法" };
	CHECK_INT(fx.st->ops->agency_list(fx.st, fx.a, &all, &f, PAGE_ALL, &l, NULL), FZ_OK);
	CHECK_INT(l.total, 2);
	REQUIRE(l.n == 2);
	CHECK_STR(l.items[0].name, "海原县司法局");
	CHECK_STR(l.items[1].name, "乌鲁木齐市天山区司法局");
	f = (struct agency_filter){ .kind = "township" };
	CHECK_INT(fx.st->ops->agency_list(fx.st, fx.a, &all, &f, PAGE_ALL, &l, NULL), FZ_OK);
	CHECK_INT(l.total, 0);
	store_fx_close(&fx);
}

/* One CJK character is the shortest search people type: 局, 马. */
TEST(store_substring_filter_finds_single_cjk_character)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	struct scope all = sc_all();
	struct agency_list l;
	struct agency_filter f = { .q = "局" };
	CHECK_INT(fx.st->ops->agency_list(fx.st, fx.a, &all, &f, PAGE_ALL, &l, NULL), FZ_OK);
	CHECK_INT(l.total, 4);
	f.q = "城";
	CHECK_INT(fx.st->ops->agency_list(fx.st, fx.a, &all, &f, PAGE_ALL, &l, NULL), FZ_OK);
	CHECK_INT(l.total, 1);
	struct person_list pl;
	struct person_filter pf = { .q = "马" };
	CHECK_INT(fx.st->ops->person_list(fx.st, fx.a, &all, &pf, PAGE_ALL, &pl, NULL), FZ_OK);
	CHECK_INT(pl.total, 1);
	/* a needle with LIKE wildcards is matched literally */
	f.q = "%";
	CHECK_INT(fx.st->ops->agency_list(fx.st, fx.a, &all, &f, PAGE_ALL, &l, NULL), FZ_OK);
	CHECK_INT(l.total, 0);
	store_fx_close(&fx);
}

TEST(store_list_pages_by_id_and_reports_total)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	struct scope all = sc_all();
	struct agency_list l;
	CHECK_INT(fx.st->ops->agency_list(fx.st, fx.a, &all, NULL, (struct page){ 1, 2 }, &l,
					  NULL),
		  FZ_OK);
	CHECK_INT(l.total, 4);
	REQUIRE(l.n == 2);
	CHECK_INT(l.items[0].id, fx.haiyuan_market);
	CHECK_INT(l.items[1].id, fx.xingqing_city);
	CHECK_INT(fx.st->ops->agency_list(fx.st, fx.a, &all, NULL, (struct page){ 10, 2 }, &l,
					  NULL),
		  FZ_OK);
	CHECK_INT(l.total, 4);
	CHECK_INT(l.n, 0);
	/* limit is clamped to 1..200, offset to >= 0 */
	CHECK_INT(fx.st->ops->agency_list(fx.st, fx.a, &all, NULL, (struct page){ -5, 0 }, &l,
					  NULL),
		  FZ_OK);
	CHECK_INT(l.n, 1);
	CHECK_INT(l.items[0].id, fx.haiyuan_justice);
	CHECK_INT(fx.st->ops->agency_list(fx.st, fx.a, &all, NULL, (struct page){ 0, 100000 },
					  &l, NULL),
		  FZ_OK);
	CHECK_INT(l.n, 4);
	store_fx_close(&fx);
}

/* The count runs only when the page cannot tell the total (sq_list_run):
 * each page below gives the fixture's 4 agencies, whether the total came
 * from the count (a full page, an empty one past the end) or from the
 * page's own rows (a short page). */
TEST(store_list_total_is_the_same_with_or_without_the_count)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	struct scope all = sc_all();
	static const struct {
		int64_t offset;
		int limit;
		size_t n;
	} pages[] = { { 0, 2, 2 }, { 0, 4, 4 }, { 0, 10, 4 }, { 3, 2, 1 },
		      { 2, 2, 2 }, { 6, 2, 0 }, { 4, 1, 0 } };
	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
		struct agency_list l;
		CHECK_INT(fx.st->ops->agency_list(fx.st, fx.a, &all, NULL,
						  (struct page){ pages[i].offset, pages[i].limit },
						  &l, NULL),
			  FZ_OK);
		CHECK_INT(l.total, 4);
		CHECK_INT(l.n, pages[i].n);
		CHECK(l.n > 0 || l.items == NULL);
	}
	store_fx_close(&fx);
}

TEST(store_list_limit_is_clamped_to_200)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	struct scope all = sc_all();
	CHECK_INT(fx.st->ops->begin(fx.st, true, NULL), FZ_OK);
	for (int i = 0; i < 250; i++) {
		struct unit u = { .agency_id = fx.haiyuan_justice,
				  .name = arena_printf(fx.a, "科室%d", i) };
		REQUIRE(fx.st->ops->unit_insert(fx.st, &u, NULL) == FZ_OK);
	}
	CHECK_INT(fx.st->ops->commit(fx.st, NULL), FZ_OK);
	struct unit_list l;
	CHECK_INT(fx.st->ops->unit_list(fx.st, fx.a, &all, fx.haiyuan_justice,
					(struct page){ 0, 1000 }, &l, NULL),
		  FZ_OK);
	CHECK_INT(l.total, 250);
	CHECK_INT(l.n, 200);
	CHECK_INT(fx.st->ops->unit_list(fx.st, fx.a, &all, fx.haiyuan_justice,
					(struct page){ 200, 200 }, &l, NULL),
		  FZ_OK);
	CHECK_INT(l.n, 50);
	store_fx_close(&fx);
}

TEST(store_unit_name_unique_within_agency_only)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	struct unit same = { .agency_id = fx.haiyuan_market, .name = "稽查科" };
	struct fz_error e = { 0 };
	CHECK_INT(fx.st->ops->unit_insert(fx.st, &same, &e), FZ_CONFLICT);
	CHECK_STR(e.field, "name");
	struct unit other = { .agency_id = fx.haiyuan_justice, .name = "稽查科" };
	CHECK_INT(fx.st->ops->unit_insert(fx.st, &other, NULL), FZ_OK);
	struct unit orphan = { .agency_id = 9999, .name = "科" };
	CHECK_INT(fx.st->ops->unit_insert(fx.st, &orphan, &e), FZ_CONFLICT);
	CHECK_STR(e.field, "agency_id");
	store_fx_close(&fx);
}

TEST(store_unit_outside_scope_is_not_found)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	struct unit got;
	struct scope own = sc_agency(fx.haiyuan_market);
	struct scope other = sc_agency(fx.haiyuan_justice);
	struct scope xinjiang = sc_division("65");
	CHECK_INT(fx.st->ops->unit_get(fx.st, fx.a, &own, fx.market_unit, &got, NULL), FZ_OK);
	CHECK_STR(got.name, "稽查科");
	CHECK_INT(got.agency_id, fx.haiyuan_market);
	CHECK_INT(fx.st->ops->unit_get(fx.st, fx.a, &other, fx.market_unit, &got, NULL),
		  FZ_NOTFOUND);
	CHECK_INT(fx.st->ops->unit_get(fx.st, fx.a, &xinjiang, fx.market_unit, &got, NULL),
		  FZ_NOTFOUND);
	struct unit_list l;
	CHECK_INT(fx.st->ops->unit_list(fx.st, fx.a, &other, 0, PAGE_ALL, &l, NULL), FZ_OK);
	CHECK_INT(l.total, 0);
	CHECK_INT(fx.st->ops->unit_list(fx.st, fx.a, &other, fx.haiyuan_market, PAGE_ALL, &l, NULL),
		  FZ_OK);
	CHECK_INT(l.total, 0);
	store_fx_close(&fx);
}

TEST(store_unit_with_people_cannot_move_agency)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	struct person p = { .agency_id = fx.haiyuan_market, .unit_id = fx.market_unit,
			    .name = "王强", .resident_id = "640522199001011234",
			    .kind = PERSON_OFFICER, .active = true };
	REQUIRE(fx.st->ops->person_insert(fx.st, &p, NULL) == FZ_OK);
	struct unit u = { .id = fx.market_unit, .agency_id = fx.haiyuan_justice, .name = "稽查科" };
	struct fz_error e = { 0 };
	CHECK_INT(fx.st->ops->unit_update(fx.st, &u, &e), FZ_CONFLICT);
	CHECK_STR(e.field, "agency_id");
	u.agency_id = fx.haiyuan_market;
	u.name = "执法稽查科";
	CHECK_INT(fx.st->ops->unit_update(fx.st, &u, NULL), FZ_OK);
	store_fx_close(&fx);
}
