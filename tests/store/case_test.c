/* case_test.c - contract: enforcement cases. Gapless numbering per agency,
 * year and kind code (also under concurrent writers and rollbacks), the
 * projection row and what of it may change, and scope. Lists and queues
 * are in case_list_test.c, the record of events in case_event_test.c. */
#include <pthread.h>
#include <stdio.h>

#include "contract.h"
#include "t.h"

static struct enf_case penalty(int64_t agency, const char *title, const char *party)
{
	return (struct enf_case){
		.agency_id = agency,
		.procedure = "penalty_general",
		.kind = CASE_PENALTY,
		.domain = "市场监管",
		.title = (char *)title,
		.party_kind = PARTY_CITIZEN,
		.party_name = (char *)party,
	};
}

static const struct case_numbering haiyuan_2025 = { "海原市监", "罚立", 2025 };

TEST(store_case_insert_numbers_the_case_and_round_trips)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	int64_t user = store_fx_user(&fx, "majianguo", fx.haiyuan_market, ROLE_OFFICER);
	struct enf_case c = penalty(fx.haiyuan_market, "销售过期食品案", "海原县惠民超市");
	c.party_kind = PARTY_ORGANISATION;
	c.party_id = "91640522MA76XXXX1K";
	c.party_address = "海原县海城镇南大街 8 号";
	c.matter = "food-expired-01";
	c.created_by = user;
	c.created_at = 1740000000;
	snprintf(c.act_date, sizeof c.act_date, "2025-02-28");
	struct fz_error e = { 0 };
	CHECK_INT(fx.st->ops->case_insert(fx.st, fx.a, &c, &haiyuan_2025, &e), FZ_OK);
	CHECK(c.id > 0);
	CHECK_STR(c.number, "海原市监罚立〔2025〕1号");
	CHECK_INT(c.created_at, 1740000000);
	CHECK_INT(c.updated_at, 1740000000);

	struct scope all = sc_all();
	struct enf_case got;
	REQUIRE(fx.st->ops->case_get(fx.st, fx.a, &all, c.id, &got, NULL) == FZ_OK);
	CHECK_INT(got.id, c.id);
	CHECK_STR(got.number, "海原市监罚立〔2025〕1号");
	CHECK_INT(got.agency_id, fx.haiyuan_market);
	CHECK_STR(got.agency_name, "海原县市场监督管理局");
	CHECK_STR(got.procedure, "penalty_general");
	CHECK_INT(got.kind, CASE_PENALTY);
	CHECK_STR(got.domain, "市场监管");
	CHECK_STR(got.matter, "food-expired-01");
	CHECK_STR(got.title, "销售过期食品案");
	CHECK_INT(got.party_kind, PARTY_ORGANISATION);
	CHECK_STR(got.party_name, "海原县惠民超市");
	CHECK_STR(got.party_id, "91640522MA76XXXX1K");
	CHECK_STR(got.party_address, "海原县海城镇南大街 8 号");
	CHECK_STR(got.act_date, "2025-02-28");
	CHECK_STR(got.opened_on, "");
	CHECK_STR(got.state, "");
	CHECK(!got.closed);
	CHECK_INT(got.created_by, user);
	CHECK_INT(got.created_at, 1740000000);

	/* optional strings left NULL come back as "" */
	struct enf_case bare = penalty(fx.haiyuan_market, "无照经营案", "张三");
	CHECK_INT(fx.st->ops->case_insert(fx.st, fx.a, &bare, &haiyuan_2025, NULL), FZ_OK);
	CHECK_STR(bare.number, "海原市监罚立〔2025〕2号");
	REQUIRE(fx.st->ops->case_get(fx.st, fx.a, &all, bare.id, &got, NULL) == FZ_OK);
	CHECK_STR(got.matter, "");
	CHECK_STR(got.party_id, "");
	CHECK_STR(got.party_address, "");
	CHECK_STR(got.act_date, "");
	CHECK_INT(got.created_by, 0);
	store_fx_close(&fx);
}

static char *insert_number(struct store_fx *fx, int64_t agency, const char *agency_code,
			   const char *kind_code, int year)
{
	struct enf_case c = penalty(agency, "案由", "当事人");
	struct case_numbering num = { agency_code, kind_code, year };
	struct fz_error e = { 0 };
	if (fx->st->ops->case_insert(fx->st, fx->a, &c, &num, &e) != FZ_OK) {
		t_fail(__FILE__, __LINE__, "case_insert: %s", e.message);
		return "";
	}
	return c.number;
}

TEST(store_case_numbers_run_per_agency_year_and_kind_code)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	int64_t m = fx.haiyuan_market, j = fx.haiyuan_justice;
	CHECK_STR(insert_number(&fx, m, "海原市监", "罚立", 2025), "海原市监罚立〔2025〕1号");
	CHECK_STR(insert_number(&fx, m, "海原市监", "罚立", 2025), "海原市监罚立〔2025〕2号");
	CHECK_STR(insert_number(&fx, m, "海原市监", "检", 2025), "海原市监检〔2025〕1号");
	CHECK_STR(insert_number(&fx, m, "海原市监", "罚立", 2026), "海原市监罚立〔2026〕1号");
	CHECK_STR(insert_number(&fx, j, "海原司", "罚立", 2025), "海原司罚立〔2025〕1号");
	CHECK_STR(insert_number(&fx, m, "海原市监", "罚立", 2025), "海原市监罚立〔2025〕3号");
	CHECK_STR(insert_number(&fx, m, "海原市监", "检", 2025), "海原市监检〔2025〕2号");
	store_fx_close(&fx);
}

TEST(store_case_number_is_not_used_up_by_a_failed_or_rolled_back_insert)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	struct fz_error e = { 0 };
	CHECK_STR(insert_number(&fx, fx.haiyuan_market, "海原市监", "罚立", 2025),
		  "海原市监罚立〔2025〕1号");

	/* the caller's transaction rolls back: the number goes back too */
	struct enf_case c = penalty(fx.haiyuan_market, "案由", "当事人");
	REQUIRE(fx.st->ops->begin(fx.st, true, NULL) == FZ_OK);
	CHECK_INT(fx.st->ops->case_insert(fx.st, fx.a, &c, &haiyuan_2025, &e), FZ_OK);
	CHECK_STR(c.number, "海原市监罚立〔2025〕2号");
	fx.st->ops->rollback(fx.st);

	/* the insert itself fails after the number was taken */
	c = penalty(fx.haiyuan_market, "案由", "当事人");
	c.created_by = 9999;
	CHECK_INT(fx.st->ops->case_insert(fx.st, fx.a, &c, &haiyuan_2025, &e), FZ_CONFLICT);
	CHECK_STR(e.field, "created_by");
	CHECK_STR(e.message, "用户不存在");
	c = penalty(9999, "案由", "当事人");
	CHECK_INT(fx.st->ops->case_insert(fx.st, fx.a, &c, &haiyuan_2025, &e), FZ_CONFLICT);
	CHECK_STR(e.field, "agency_id");
	CHECK_STR(e.message, "所属执法主体不存在");
	REQUIRE(fx.st->ops->begin(fx.st, true, NULL) == FZ_OK);
	c = penalty(fx.haiyuan_market, "案由", "当事人");
	c.created_by = 9999;
	CHECK_INT(fx.st->ops->case_insert(fx.st, fx.a, &c, &haiyuan_2025, &e), FZ_CONFLICT);
	/* ... and the caller's transaction goes on */
	c = penalty(fx.haiyuan_market, "案由", "当事人");
	CHECK_INT(fx.st->ops->case_insert(fx.st, fx.a, &c, &haiyuan_2025, &e), FZ_OK);
	CHECK_STR(c.number, "海原市监罚立〔2025〕2号");
	CHECK_INT(fx.st->ops->commit(fx.st, &e), FZ_OK);

	CHECK_STR(insert_number(&fx, fx.haiyuan_market, "海原市监", "罚立", 2025),
		  "海原市监罚立〔2025〕3号");
	store_fx_close(&fx);
}

TEST(store_case_insert_names_the_invalid_field)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	struct fz_error e = { 0 };
	struct enf_case c = penalty(fx.haiyuan_market, NULL, "当事人");
	CHECK_INT(fx.st->ops->case_insert(fx.st, fx.a, &c, &haiyuan_2025, &e), FZ_INVALID);
	CHECK_STR(e.field, "title");
	c = penalty(fx.haiyuan_market, "案由", "");
	CHECK_INT(fx.st->ops->case_insert(fx.st, fx.a, &c, &haiyuan_2025, &e), FZ_INVALID);
	CHECK_STR(e.field, "party_name");
	c = penalty(fx.haiyuan_market, "案由", "当事人");
	c.kind = 9;
	CHECK_INT(fx.st->ops->case_insert(fx.st, fx.a, &c, &haiyuan_2025, &e), FZ_INVALID);
	CHECK_STR(e.field, "kind");
	c = penalty(fx.haiyuan_market, "案由", "当事人");
	snprintf(c.act_date, sizeof c.act_date, "2025-02-30");
	CHECK_INT(fx.st->ops->case_insert(fx.st, fx.a, &c, &haiyuan_2025, &e), FZ_INVALID);
	CHECK_STR(e.field, "act_date");
	c = penalty(fx.haiyuan_market, "案由", "当事人");
	CHECK_INT(fx.st->ops->case_insert(fx.st, fx.a, &c, NULL, &e), FZ_INVALID);
	struct case_numbering num = { "海原市监", "", 2025 };
	CHECK_INT(fx.st->ops->case_insert(fx.st, fx.a, &c, &num, &e), FZ_INVALID);
	CHECK_STR(e.field, "kind_code");
	num = (struct case_numbering){ "海原市监", "罚立", 0 };
	CHECK_INT(fx.st->ops->case_insert(fx.st, fx.a, &c, &num, &e), FZ_INVALID);
	CHECK_STR(e.field, "year");
	/* none of these used a number */
	CHECK_STR(insert_number(&fx, fx.haiyuan_market, "海原市监", "罚立", 2025),
		  "海原市监罚立〔2025〕1号");
	store_fx_close(&fx);
}

/* --- concurrent numbering --- */

enum { NUMBER_WRITES = 60 };

/* One writer on its own connection. mode 0 commits every insert; mode 1
 * rolls back every third transaction after inserting; mode 2 calls
 * case_insert outside any transaction. */
struct numberer {
	struct store *st;
	int64_t agency;
	int mode;
	int committed;
	int failures;
	char message[256];
};

/* False when the database was busy and nothing was kept: try again. */
static bool numberer_one(struct numberer *w, struct arena *a, int i)
{
	struct enf_case c = penalty(w->agency, "并发立案", "当事人");
	struct fz_error e = { 0 };
	if (w->mode == 2) {
		if (w->st->ops->case_insert(w->st, a, &c, &haiyuan_2025, &e) != FZ_OK)
			goto fail;
		w->committed++;
		return true;
	}
	if (w->st->ops->begin(w->st, true, &e) != FZ_OK)
		goto fail;
	if (w->st->ops->case_insert(w->st, a, &c, &haiyuan_2025, &e) != FZ_OK) {
		w->st->ops->rollback(w->st);
		goto fail;
	}
	if (w->mode == 1 && i % 3 == 0) {
		w->st->ops->rollback(w->st);
		return true;
	}
	if (w->st->ops->commit(w->st, &e) != FZ_OK)
		goto fail;
	w->committed++;
	return true;
fail:
	/* busy past the timeout (a loaded machine): nothing was kept, and
	 * the caller tries the whole again */
	if (e.code == FZ_BUSY)
		return false;
	w->failures++;
	snprintf(w->message, sizeof w->message, "%s", e.message);
	return true;
}

static void *numberer_run(void *arg)
{
	struct numberer *w = arg;
	struct arena *a = arena_new();
	if (!a) {
		w->failures++;
		return NULL;
	}
	for (int i = 0; i < NUMBER_WRITES; i++) {
		while (!numberer_one(w, a, i))
			arena_reset(a);
		arena_reset(a);
	}
	arena_free(a);
	return NULL;
}

TEST(store_case_numbers_have_no_gaps_or_duplicates_under_concurrent_writers)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	enum { WRITERS = 3 };
	struct numberer w[WRITERS];
	pthread_t t[WRITERS];
	for (int i = 0; i < WRITERS; i++) {
		w[i] = (struct numberer){ .st = contract_reopen(fx.dir), .agency = fx.haiyuan_market,
					  .mode = i };
		REQUIRE(w[i].st);
	}
	for (int i = 0; i < WRITERS; i++)
		REQUIRE(pthread_create(&t[i], NULL, numberer_run, &w[i]) == 0);
	int committed = 0;
	for (int i = 0; i < WRITERS; i++) {
		pthread_join(t[i], NULL);
		CHECK_INT(w[i].failures, 0);
		if (w[i].failures)
			printf("  writer %d: %s\n", i, w[i].message);
		committed += w[i].committed;
		w[i].st->ops->close(w[i].st);
	}
	CHECK_INT(committed, NUMBER_WRITES * WRITERS - NUMBER_WRITES / 3);

	/* every number 1..committed exactly once */
	struct scope all = sc_all();
	struct case_list l = { 0 };
	int seen[NUMBER_WRITES * WRITERS + 1] = { 0 };
	for (int64_t off = 0;; off += 200) {
		REQUIRE(fx.st->ops->case_list(fx.st, fx.a, &all, NULL, (struct page){ off, 200 }, &l,
					      NULL) == FZ_OK);
		for (size_t i = 0; i < l.n; i++) {
			for (int k = 1; k <= committed; k++) {
				char want[64];
				snprintf(want, sizeof want, "海原市监罚立〔2025〕%d号", k);
				if (strcmp(l.items[i].number, want) == 0)
					seen[k]++;
			}
		}
		if (l.n < 200)
			break;
	}
	CHECK_INT(l.total, committed);
	for (int k = 1; k <= committed; k++)
		if (seen[k] != 1)
			t_fail(__FILE__, __LINE__, "number %d seen %d times", k, seen[k]);
	/* and the series goes on from there */
	char next[64];
	snprintf(next, sizeof next, "海原市监罚立〔2025〕%d号", committed + 1);
	CHECK_STR(insert_number(&fx, fx.haiyuan_market, "海原市监", "罚立", 2025), next);
	store_fx_close(&fx);
}

/* --- the projection row --- */

TEST(store_case_update_writes_the_projection_but_not_the_identity)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	struct enf_case c;
	REQUIRE(store_fx_case(&fx, fx.haiyuan_market, "罚立", "销售过期食品案", "惠民超市", &c));
	struct scope all = sc_all();
	struct enf_case got;
	REQUIRE(fx.st->ops->case_get(fx.st, fx.a, &all, c.id, &got, NULL) == FZ_OK);
	got.state = "legal_review";
	got.closed = true;
	got.matter = "food-02";
	got.title = "销售过期食品及标签不符案";
	snprintf(got.opened_on, sizeof got.opened_on, "2025-03-03");
	got.updated_at = got.created_at + 100;
	/* the identity in the struct is ignored by update */
	got.number = "改号〔2025〕99号";
	got.kind = CASE_INSPECTION;
	CHECK_INT(fx.st->ops->case_update(fx.st, &got, NULL), FZ_OK);

	struct enf_case again;
	REQUIRE(fx.st->ops->case_get(fx.st, fx.a, &all, c.id, &again, NULL) == FZ_OK);
	CHECK_STR(again.state, "legal_review");
	CHECK(again.closed);
	CHECK_STR(again.matter, "food-02");
	CHECK_STR(again.title, "销售过期食品及标签不符案");
	CHECK_STR(again.opened_on, "2025-03-03");
	CHECK_INT(again.updated_at, c.created_at + 100);
	CHECK_INT(again.created_at, c.created_at);
	CHECK_STR(again.number, c.number);
	CHECK_INT(again.kind, CASE_PENALTY);

	struct fz_error e = { 0 };
	got.id = 9999;
	CHECK_INT(fx.st->ops->case_update(fx.st, &got, &e), FZ_NOTFOUND);
	got.id = c.id;
	got.party_name = NULL;
	CHECK_INT(fx.st->ops->case_update(fx.st, &got, &e), FZ_INVALID);
	CHECK_STR(e.field, "party_name");
	store_fx_close(&fx);
}

TEST(store_case_number_and_agency_cannot_be_changed_through_the_database)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	struct enf_case c;
	REQUIRE(store_fx_case(&fx, fx.haiyuan_market, "罚立", "案由", "当事人", &c));
	char msg[256];
	CHECK(contract_raw_exec(fx.dir, "UPDATE cases SET number = '海原〔2025〕9号'", msg,
				sizeof msg) != 0);
	CHECK_CONTAINS(msg, "不能修改");
	CHECK(contract_raw_exec(fx.dir, "UPDATE cases SET agency_id = agency_id + 1", msg,
				sizeof msg) != 0);
	CHECK(contract_raw_exec(fx.dir, "DELETE FROM cases", msg, sizeof msg) != 0);
	CHECK_CONTAINS(msg, "不能删除");
	/* the counter only steps forward by one, as case_insert moves it */
	CHECK(contract_raw_exec(fx.dir, "UPDATE case_number_seq SET last = 0", msg,
				sizeof msg) != 0);
	CHECK(contract_raw_exec(fx.dir, "UPDATE case_number_seq SET last = last + 5", msg,
				sizeof msg) != 0);
	CHECK(contract_raw_exec(fx.dir, "DELETE FROM case_number_seq", msg, sizeof msg) != 0);
	/* the projection itself may be written */
	CHECK_INT(contract_raw_exec(fx.dir, "UPDATE cases SET state = 'filed'", msg, sizeof msg),
		  0);
	struct scope all = sc_all();
	struct enf_case got;
	REQUIRE(fx.st->ops->case_get(fx.st, fx.a, &all, c.id, &got, NULL) == FZ_OK);
	CHECK_STR(got.number, "海原罚立〔2025〕1号");
	CHECK_INT(got.agency_id, fx.haiyuan_market);
	CHECK_STR(got.state, "filed");
	CHECK_STR(insert_number(&fx, fx.haiyuan_market, "海原", "罚立", 2025),
		  "海原罚立〔2025〕2号");
	store_fx_close(&fx);
}

/* --- scope --- */

TEST(store_case_outside_scope_is_not_found)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	int64_t market = store_fx_case(&fx, fx.haiyuan_market, "罚立", "案一", "甲", NULL);
	int64_t justice = store_fx_case(&fx, fx.haiyuan_justice, "罚立", "案二", "乙", NULL);
	int64_t city = store_fx_case(&fx, fx.xingqing_city, "罚立", "案三", "丙", NULL);
	REQUIRE(market && justice && city);
	struct enf_case c;
	struct scope own = sc_agency(fx.haiyuan_market);
	struct scope county = sc_division("640522");
	struct scope region = sc_division("64");
	struct scope xinjiang = sc_division("65");
	struct scope none = { .kind = SCOPE_NONE };
	struct fz_error e = { 0 };
	CHECK_INT(fx.st->ops->case_get(fx.st, fx.a, &own, market, &c, NULL), FZ_OK);
	CHECK_INT(fx.st->ops->case_get(fx.st, fx.a, &own, justice, &c, &e), FZ_NOTFOUND);
	CHECK_STR(e.message, "案件不存在");
	CHECK_INT(fx.st->ops->case_get(fx.st, fx.a, &county, market, &c, NULL), FZ_OK);
	CHECK_INT(fx.st->ops->case_get(fx.st, fx.a, &county, justice, &c, NULL), FZ_OK);
	CHECK_INT(fx.st->ops->case_get(fx.st, fx.a, &county, city, &c, NULL), FZ_NOTFOUND);
	CHECK_INT(fx.st->ops->case_get(fx.st, fx.a, &xinjiang, market, &c, NULL), FZ_NOTFOUND);
	CHECK_INT(fx.st->ops->case_get(fx.st, fx.a, &none, market, &c, NULL), FZ_NOTFOUND);
	CHECK_INT(fx.st->ops->case_get(fx.st, fx.a, NULL, market, &c, NULL), FZ_NOTFOUND);

	struct case_list l;
	CHECK_INT(fx.st->ops->case_list(fx.st, fx.a, &own, NULL, PAGE_ALL, &l, NULL), FZ_OK);
	CHECK_INT(l.total, 1);
	CHECK_INT(fx.st->ops->case_list(fx.st, fx.a, &county, NULL, PAGE_ALL, &l, NULL), FZ_OK);
	CHECK_INT(l.total, 2);
	CHECK_INT(fx.st->ops->case_list(fx.st, fx.a, &region, NULL, PAGE_ALL, &l, NULL), FZ_OK);
	CHECK_INT(l.total, 3);
	/* a filter naming an agency outside the scope finds nothing */
	struct case_filter f = { .agency_id = fx.haiyuan_justice };
	CHECK_INT(fx.st->ops->case_list(fx.st, fx.a, &own, &f, PAGE_ALL, &l, NULL), FZ_OK);
	CHECK_INT(l.total, 0);
	CHECK_INT(fx.st->ops->case_list(fx.st, fx.a, NULL, NULL, PAGE_ALL, &l, NULL), FZ_OK);
	CHECK_INT(l.total, 0);
	struct scope bad = sc_division("64x");
	CHECK_INT(fx.st->ops->case_list(fx.st, fx.a, &bad, NULL, PAGE_ALL, &l, &e), FZ_INVALID);
	store_fx_close(&fx);
}
