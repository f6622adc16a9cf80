/* powerlist_test.c - the power-and-responsibility list (权责清单) as use
 * cases: who drafts and who publishes, a published version that no path
 * changes, the order of effective dates, the version in force on a day,
 * and the ledger leaf of each published version. */
#include <string.h>

#include "app/ledger.h"
#include "app/org.h"
#include "app/powerlist.h"
#include "base/date.h"
#include "fixture.h"
#include "t.h"

static struct power_item item(const char *code, const char *name)
{
	return (struct power_item){ .code = code, .name = name, .kind = "penalty",
				    .basis = "《中华人民共和国土地管理法》第七十七条第一款",
				    .duty = "立案、调查、告知、决定、送达、执行",
				    .accountability = "《中华人民共和国行政处罚法》第七十六条" };
}

static const char *day(struct fx *f, int n, char out[11])
{
	if (!date_add_days(f->cli.today, n, out))
		out[0] = '\0';
	return out;
}

/* A published version of 自然资源局 effective n days from today. */
static int64_t published(struct fx *f, const struct power_item *v, size_t n, int from_today)
{
	struct power_list pl;
	struct fz_error e = { 0 };
	char on[11];
	if (app_power_draft_create(&f->cli, f->natres, "测试", v, n, &pl, &e) ||
	    app_power_publish(&f->cli, pl.id, day(f, from_today, on),
			      from_today < 0 ? "测试：补录" : NULL, NULL, &e)) {
		t_fail(__FILE__, __LINE__, "%s", e.message);
		return 0;
	}
	return pl.id;
}

TEST(power_list_draft_needs_reviewer_or_head_and_publishing_needs_the_head)
{
	struct fx f;
	struct app_ctx officer, reviewer, head, other_head;
	struct power_list pl;
	struct fz_error e = { 0 };
	struct power_item v[] = { item("ZR-1", "非法占地处罚") };
	char on[11];
	REQUIRE(fx_open(&f));
	fx_as(&f, &officer, ROLE_OFFICER, f.natres);
	fx_as(&f, &reviewer, ROLE_REVIEWER, f.natres);
	fx_as(&f, &head, ROLE_HEAD, f.natres);
	fx_as(&f, &other_head, ROLE_HEAD, f.market);
	CHECK_INT(app_power_draft_create(&officer, f.natres, NULL, v, 1, &pl, &e), FZ_FORBIDDEN);
	CHECK_INT(app_power_draft_create(&other_head, f.natres, NULL, v, 1, &pl, &e), FZ_NOTFOUND);
	CHECK_INT(fx_count(&f, "power_lists"), 0);
	REQUIRE(app_power_draft_create(&reviewer, f.natres, "首次公布", v, 1, &pl, &e) == FZ_OK);
	CHECK_INT(pl.version, 1);
	CHECK(!pl.published);
	CHECK_INT(app_power_publish(&reviewer, pl.id, f.cli.today, NULL, NULL, &e), FZ_FORBIDDEN);
	CHECK_INT(app_power_publish(&other_head, pl.id, f.cli.today, NULL, NULL, &e), FZ_NOTFOUND);
	/* a draft is not public */
	CHECK_INT(app_power_list_get(&f.cli, pl.id, true, &pl, &e), FZ_NOTFOUND);
	REQUIRE(app_power_publish(&head, pl.id, day(&f, 1, on), NULL, &pl, &e) == FZ_OK);
	CHECK(pl.published);
	CHECK_STR(pl.effective_on, on);
	CHECK_STR(pl.published_on, f.cli.today);
	fx_close(&f);
}

TEST(power_list_published_version_is_never_changed_by_any_path)
{
	struct fx f;
	struct power_list pl, again;
	struct fz_error e = { 0 };
	struct power_item v[] = { item("ZR-1", "非法占地处罚"), item("ZR-2", "土地检查") };
	struct power_item w[] = { item("ZR-9", "改过的") };
	REQUIRE(fx_open(&f));
	int64_t id = published(&f, v, 2, 0);
	REQUIRE(id > 0);
	int64_t audits = fx_audit_count(&f);
	CHECK_INT(app_power_draft_update(&f.cli, id, "改", w, 1, NULL, &e), FZ_FORBIDDEN);
	CHECK_CONTAINS(e.message, "已发布的权责清单不能修改，请起草新版本");
	CHECK_INT(app_power_publish(&f.cli, id, f.cli.today, NULL, NULL, &e), FZ_FORBIDDEN);
	/* below the app: the store's own operations are refused by the triggers */
	CHECK_INT(f.st->ops->power_items_replace(f.st, id, w, 1, &e), FZ_FORBIDDEN);
	CHECK_INT(f.st->ops->power_list_note_set(f.st, id, "改", &e), FZ_FORBIDDEN);
	REQUIRE(app_power_list_get(&f.cli, id, true, &again, &e) == FZ_OK);
	CHECK_INT((long long)again.n_items, 2);
	CHECK_STR(again.items[0].code, "ZR-1");
	CHECK_STR(again.note, "测试");
	CHECK_INT(fx_count(&f, "power_items"), 2);
	CHECK_INT(fx_audit_count(&f), audits);
	/* a change is a new version, starting from the published powers */
	REQUIRE(app_power_draft_create(&f.cli, f.natres, "调整", NULL, 0, &pl, &e) == FZ_OK);
	CHECK_INT(pl.version, 2);
	CHECK_INT((long long)pl.n_items, 2);
	/* one draft at a time */
	CHECK_INT(app_power_draft_create(&f.cli, f.natres, NULL, NULL, 0, NULL, &e), FZ_CONFLICT);
	REQUIRE(app_power_draft_update(&f.cli, pl.id, NULL, w, 1, &pl, &e) == FZ_OK);
	CHECK_INT((long long)pl.n_items, 1);
	fx_close(&f);
}

TEST(power_list_bad_input_is_refused_in_chinese_and_nothing_is_stored)
{
	struct fx f;
	struct power_list pl;
	struct fz_error e = { 0 };
	struct power_item dup[] = { item("ZR-1", "甲"), item("ZR-1", "乙") };
	struct power_item empty[] = { item("ZR-1", "") };
	struct power_item nobasis[] = { item("ZR-1", "甲") };
	nobasis[0].basis = "";
	REQUIRE(fx_open(&f));
	int64_t audits = fx_audit_count(&f);
	CHECK_INT(app_power_draft_create(&f.cli, f.natres, NULL, dup, 2, NULL, &e), FZ_INVALID);
	CHECK_CONTAINS(e.message, "事项编码 ZR-1 重复");
	CHECK_INT(app_power_draft_create(&f.cli, f.natres, NULL, empty, 1, NULL, &e), FZ_INVALID);
	CHECK_CONTAINS(e.message, "缺少事项名称");
	CHECK_INT(app_power_draft_create(&f.cli, f.natres, NULL, nobasis, 1, NULL, &e),
		  FZ_INVALID);
	CHECK_CONTAINS(e.message, "缺少设定依据");
	CHECK_INT(fx_count(&f, "power_lists"), 0);
	CHECK_INT(fx_count(&f, "power_items"), 0);
	CHECK_INT(fx_audit_count(&f), audits);
	/* a unit of another agency is not this agency's unit */
	struct unit_input ui = { .agency_id = f.market, .name = "综合执法大队" };
	struct unit u;
	REQUIRE(app_unit_create(&f.cli, &ui, &u, &e) == FZ_OK);
	nobasis[0].basis = "某法第一条";
	nobasis[0].unit_id = u.id;
	CHECK_INT(app_power_draft_create(&f.cli, f.natres, NULL, nobasis, 1, NULL, &e),
		  FZ_INVALID);
	CHECK_CONTAINS(e.message, "不是本执法主体的内设机构");
	CHECK_INT(fx_count(&f, "power_lists"), 0);
	/* an empty draft is stored but cannot be published */
	REQUIRE(app_power_draft_create(&f.cli, f.natres, NULL, NULL, 0, &pl, &e) == FZ_OK);
	CHECK_INT(app_power_publish(&f.cli, pl.id, f.cli.today, NULL, NULL, &e), FZ_INVALID);
	CHECK_CONTAINS(e.message, "没有职权事项");
	fx_close(&f);
}

TEST(power_list_effective_dates_only_move_forward_and_a_past_date_needs_a_reason)
{
	struct fx f;
	struct power_list pl;
	struct fz_error e = { 0 };
	struct power_item v[] = { item("ZR-1", "甲") };
	char on[11];
	REQUIRE(fx_open(&f));
	REQUIRE(published(&f, v, 1, 10) > 0);
	REQUIRE(app_power_draft_create(&f.cli, f.natres, NULL, NULL, 0, &pl, &e) == FZ_OK);
	int64_t audits = fx_audit_count(&f), leaves = fx_count(&f, "ledger_leaves");
	CHECK_INT(app_power_publish(&f.cli, pl.id, day(&f, 5, on), NULL, NULL, &e), FZ_INVALID);
	CHECK_STR(e.field, "effective_on");
	CHECK_CONTAINS(e.message, "须晚于上一版本的生效日期");
	CHECK_INT(app_power_publish(&f.cli, pl.id, day(&f, 10, on), NULL, NULL, &e), FZ_INVALID);
	CHECK_INT(app_power_publish(&f.cli, pl.id, day(&f, -1, on), "补录", NULL, &e), FZ_INVALID);
	REQUIRE(app_power_list_get(&f.cli, pl.id, false, &pl, &e) == FZ_OK);
	CHECK(!pl.published);
	CHECK_INT(fx_audit_count(&f), audits);
	CHECK_INT(fx_count(&f, "ledger_leaves"), leaves);
	REQUIRE(app_power_publish(&f.cli, pl.id, day(&f, 11, on), NULL, &pl, &e) == FZ_OK);
	CHECK(pl.published);
	fx_close(&f);
}

TEST(power_list_backdated_version_keeps_its_reason_and_a_future_one_none)
{
	struct fx f;
	struct power_list pl;
	struct fz_error e = { 0 };
	struct power_item v[] = { item("ZR-1", "甲") };
	char on[11];
	REQUIRE(fx_open(&f));
	REQUIRE(app_power_draft_create(&f.cli, f.natres, NULL, v, 1, &pl, &e) == FZ_OK);
	CHECK_INT(app_power_publish(&f.cli, pl.id, day(&f, -30, on), NULL, NULL, &e), FZ_INVALID);
	CHECK_STR(e.field, "reason");
	REQUIRE(app_power_publish(&f.cli, pl.id, day(&f, -30, on), "县政府审定后补录", &pl, &e) ==
		FZ_OK);
	CHECK_STR(pl.backdate_reason, "县政府审定后补录");
	REQUIRE(app_power_draft_create(&f.cli, f.natres, NULL, NULL, 0, &pl, &e) == FZ_OK);
	REQUIRE(app_power_publish(&f.cli, pl.id, day(&f, 3, on), "多余的理由", &pl, &e) == FZ_OK);
	CHECK_STR(pl.backdate_reason, "");
	fx_close(&f);
}

TEST(power_list_in_force_on_a_day_is_the_latest_effective_on_or_before_it)
{
	struct fx f;
	struct power_list pl;
	struct fz_error e = { 0 };
	struct power_item v1[] = { item("ZR-1", "甲") };
	struct power_item v2[] = { item("ZR-1", "甲"), item("ZR-2", "乙") };
	char on[11];
	REQUIRE(fx_open(&f));
	int64_t a = published(&f, v1, 1, -20), b = published(&f, v2, 2, 5);
	REQUIRE(a > 0 && b > 0);
	CHECK_INT(app_power_in_force(&f.cli, f.natres, day(&f, -21, on), &pl, &e), FZ_NOTFOUND);
	REQUIRE(app_power_in_force(&f.cli, f.natres, day(&f, -20, on), &pl, &e) == FZ_OK);
	CHECK_INT(pl.id, a);
	REQUIRE(app_power_in_force(&f.cli, f.natres, NULL, &pl, &e) == FZ_OK);
	CHECK_INT(pl.id, a);
	REQUIRE(app_power_in_force(&f.cli, f.natres, day(&f, 4, on), &pl, &e) == FZ_OK);
	CHECK_INT(pl.id, a);
	REQUIRE(app_power_in_force(&f.cli, f.natres, day(&f, 5, on), &pl, &e) == FZ_OK);
	CHECK_INT(pl.id, b);
	CHECK_INT((long long)pl.n_items, 2);
	/* another agency has none */
	CHECK_INT(app_power_in_force(&f.cli, f.market, NULL, &pl, &e), FZ_NOTFOUND);
	CHECK_INT(app_power_in_force(&f.cli, f.natres, "2026-13-01", &pl, &e), FZ_INVALID);
	fx_close(&f);
}

TEST(power_list_publication_is_a_ledger_leaf_of_the_version_as_stored)
{
	struct fx f;
	struct power_list pl;
	struct ledger_leaf lf;
	struct fz_error e = { 0 };
	struct power_item v[] = { item("ZR-1", "甲") };
	REQUIRE(fx_open(&f));
	REQUIRE(app_power_draft_create(&f.cli, f.natres, NULL, v, 1, &pl, &e) == FZ_OK);
	/* a draft is not logged, and is no gap in the ledger */
	CHECK_INT(f.st->ops->ledger_leaf_find(f.st, LEDGER_POWER_LIST, pl.id, &lf, &e), FZ_NOTFOUND);
	CHECK_INT(app_ledger_unlogged_check(&f.cli, &e), FZ_OK);
	REQUIRE(app_power_publish(&f.cli, pl.id, f.cli.today, NULL, &pl, &e) == FZ_OK);
	REQUIRE(f.st->ops->ledger_leaf_find(f.st, LEDGER_POWER_LIST, pl.id, &lf, &e) == FZ_OK);
	CHECK_INT(lf.at, pl.published_at);
	enum ledger_hash_alg alg;
	REQUIRE(app_ledger_alg(&f.cli, &alg, &e) == FZ_OK);
	struct buf b = BUF_INIT;
	unsigned char d[LEDGER_DIGEST_MAX];
	app_power_list_encode(&pl, &b);
	size_t n = ledger_digest(alg, b.data, b.len, d);
	buf_release(&b);
	REQUIRE(n == lf.digest_len);
	CHECK(memcmp(d, lf.digest, n) == 0);
	CHECK_INT(app_ledger_unlogged_check(&f.cli, &e), FZ_OK);
	fx_close(&f);
}

TEST(power_list_comparison_orders_two_versions_and_refuses_two_agencies)
{
	struct fx f;
	struct power_list x, y;
	struct power_diff d;
	struct fz_error e = { 0 };
	struct power_item v1[] = { item("ZR-1", "甲"), item("ZR-2", "乙") };
	struct power_item v2[] = { item("ZR-1", "甲"), item("ZR-3", "丙") };
	struct power_list pl;
	REQUIRE(fx_open(&f));
	int64_t a = published(&f, v1, 2, 0), b = published(&f, v2, 2, 3);
	REQUIRE(a > 0 && b > 0);
	REQUIRE(app_power_compare(&f.cli, b, a, &x, &y, &d, &e) == FZ_OK);
	CHECK_INT(x.id, a);
	CHECK_INT(y.id, b);
	CHECK_INT((long long)d.added, 1);
	CHECK_INT((long long)d.removed, 1);
	CHECK_STR(d.entries[0].code, "ZR-2");
	CHECK_STR(d.entries[1].code, "ZR-3");
	REQUIRE(app_power_draft_create(&f.cli, f.market, NULL, v1, 2, &pl, &e) == FZ_OK);
	/* a draft cannot be compared publicly */
	CHECK_INT(app_power_compare(&f.cli, a, pl.id, &x, &y, &d, &e), FZ_NOTFOUND);
	REQUIRE(app_power_publish(&f.cli, pl.id, f.cli.today, NULL, NULL, &e) == FZ_OK);
	CHECK_INT(app_power_compare(&f.cli, a, pl.id, &x, &y, &d, &e), FZ_INVALID);
	CHECK_CONTAINS(e.message, "同一执法主体");
	fx_close(&f);
}
