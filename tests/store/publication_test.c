/* publication_test.c - contract: publications. A row per decision event
 * (one only), updated as it goes live and is withdrawn, listed with the
 * portal's filters and the caller's scope; what the public saw is
 * append-only, whoever connects. */
#include <stdio.h>
#include <string.h>

#include "contract.h"
#include "t.h"

static int64_t event_of(struct store_fx *fx, int64_t case_id)
{
	struct case_event ev = { .case_id = case_id, .step = "decision" };
	snprintf(ev.on, sizeof ev.on, "2026-03-01");
	if (fx->st->ops->case_event_append(fx->st, &ev, NULL))
		return 0;
	return ev.id;
}

static struct publication pub(int64_t case_id, int64_t event_id)
{
	struct publication p = { .case_id = case_id, .event_id = event_id, .kind = "penalty",
				 .status = PUB_PREPARED, .title = "销售过期食品案（决定）",
				 .text = "当事人：某超市", .original_title = "t",
				 .original_text = "o", .number = "海原市监罚〔2026〕1号" };
	snprintf(p.decided_on, sizeof p.decided_on, "2026-03-01");
	snprintf(p.due_on, sizeof p.due_on, "2026-03-10");
	return p;
}

TEST(store_publication_goes_live_lists_by_filter_and_scope_and_its_events_are_append_only)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	const struct store_ops *o = fx.st->ops;
	struct fz_error e = { 0 };
	int64_t c1 = store_fx_case(&fx, fx.haiyuan_market, "罚立", "销售过期食品案", "惠民超市", NULL);
	int64_t c2 = store_fx_case(&fx, fx.tianshan, "罚立", "无证经营案", "某商店", NULL);
	int64_t e1 = event_of(&fx, c1), e2 = event_of(&fx, c2);
	REQUIRE(c1 && c2 && e1 && e2);
	struct publication p1 = pub(c1, e1), p2 = pub(c2, e2);
	CHECK_INT(o->publication_insert(fx.st, &p1, &e), FZ_OK);
	CHECK_INT(o->publication_insert(fx.st, &p2, &e), FZ_OK);
	CHECK_INT(p1.agency_id, fx.haiyuan_market);
	/* one publication per decision event */
	struct publication dup = pub(c1, e1);
	CHECK(o->publication_insert(fx.st, &dup, &e) != FZ_OK);

	/* live */
	p1.status = PUB_LIVE;
	snprintf(p1.published_on, sizeof p1.published_on, "2026-03-12");
	p1.late = true;
	CHECK_INT(o->publication_update(fx.st, &p1, &e), FZ_OK);
	struct publication got;
	CHECK_INT(o->publication_by_event(fx.st, fx.a, e1, &got, &e), FZ_OK);
	CHECK_INT(got.status, PUB_LIVE);
	CHECK(got.late);
	CHECK_STR(got.published_on, "2026-03-12");
	CHECK_STR(got.agency, "海原县市场监督管理局");

	/* the portal's filter: public ones only; by date and kind */
	struct publication_list l;
	struct scope all = sc_all();
	struct publication_filter f = { .status = -1, .public_only = true };
	CHECK_INT(o->publication_list(fx.st, fx.a, &f, &all, (struct page){ 0, 20 }, &l, &e), FZ_OK);
	CHECK_INT(l.total, 1);
	f.from = "2026-03-13";
	CHECK_INT(o->publication_list(fx.st, fx.a, &f, &all, (struct page){ 0, 20 }, &l, &e), FZ_OK);
	CHECK_INT(l.total, 0);
	/* the caller's scope */
	struct publication_filter any = { .status = -1 };
	struct scope sc = { .kind = SCOPE_AGENCY, .agency_id = fx.tianshan };
	CHECK_INT(o->publication_list(fx.st, fx.a, &any, &sc, (struct page){ 0, 20 }, &l, &e), FZ_OK);
	CHECK_INT(l.total, 1);
	CHECK(l.n == 1 && l.items[0].id == p2.id);
	struct scope div = { .kind = SCOPE_DIVISION, .division_prefix = "640522" };
	CHECK_INT(o->publication_list(fx.st, fx.a, &any, &div, (struct page){ 0, 20 }, &l, &e), FZ_OK);
	CHECK(l.n == 1 && l.items[0].id == p1.id);
	struct scope none = { .kind = SCOPE_NONE };
	CHECK_INT(o->publication_list(fx.st, fx.a, &any, &none, (struct page){ 0, 20 }, &l, &e), FZ_OK);
	CHECK_INT(l.n, 0);

	/* what the public saw: appended, read back, never changed */
	struct publication_event ev = { .publication_id = p1.id, .action = "publish",
					.title = p1.title, .text = p1.text, .actor = "reviewer1" };
	snprintf(ev.on, sizeof ev.on, "2026-03-12");
	CHECK_INT(o->publication_event_insert(fx.st, &ev, &e), FZ_OK);
	struct publication_event back;
	CHECK_INT(o->publication_event_get(fx.st, fx.a, ev.id, &back, &e), FZ_OK);
	CHECK_STR(back.action, "publish");
	CHECK_STR(back.text, "当事人：某超市");
	char msg[200];
	CHECK(contract_raw_exec(fx.dir, "UPDATE publication_events SET text = 'x'", msg, sizeof msg) != 0);
	CHECK(contract_raw_exec(fx.dir, "DELETE FROM publication_events", msg, sizeof msg) != 0);
	CHECK(contract_raw_exec(fx.dir,
				"INSERT OR REPLACE INTO publication_events (id, publication_id, action,"
				" on_day, at) VALUES (1, 1, 'withdraw', '2026-03-13', 1)",
				msg, sizeof msg) != 0);
	CHECK_INT(o->publication_event_get(fx.st, fx.a, ev.id, &back, &e), FZ_OK);
	CHECK_STR(back.action, "publish");
	CHECK_INT(o->publication_get(fx.st, fx.a, 9999, &got, &e), FZ_NOTFOUND);
	store_fx_close(&fx);
}

/* The ids of a list, comma-separated, with its total ("+" when more). */
static const char *listed(struct store_fx *fx, const struct publication_filter *f,
			  const struct scope *sc, struct page pg, const int64_t *ids, char *out,
			  size_t cap)
{
	struct publication_list l;
	struct fz_error e = { 0 };
	size_t len = 0;
	out[0] = '\0';
	if (fx->st->ops->publication_list(fx->st, fx->a, f, sc, pg, &l, &e) != FZ_OK) {
		t_fail(__FILE__, __LINE__, "publication_list: %s", e.message);
		return out;
	}
	for (size_t i = 0; i < l.n; i++)
		for (int k = 0; k < 6; k++)
			if (l.items[i].id == ids[k])
				len += (size_t)snprintf(out + len, cap - len, "%s%d", i ? "," : "", k);
	snprintf(out + len, cap - len, " / %lld%s", (long long)l.total, l.total_more ? "+" : "");
	return out;
}

/* Each filter is its own clause (pub_query): newest first by the day
 * published, then by id; withdrawals by the day set aside; still listed
 * today; by kind, agency, case and days; a count that stops at count_max
 * and says so, exact below it and on a short page. */
TEST(store_publication_lists_in_order_with_each_filter_and_a_count_that_stops)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	const struct store_ops *o = fx.st->ops;
	struct fz_error e = { 0 };
	static const struct {
		int tianshan;
		const char *status, *published, *aside, *end, *kind;
	} rows[6] = {
		{ 0, "live", "2026-03-05", "", "", "penalty" },
		{ 0, "live", "2026-03-09", "", "2026-03-20", "penalty" },
		{ 0, "withdrawn", "2026-03-07", "2026-04-02", "", "penalty" },
		{ 0, "live", "2026-03-09", "", "", "permit" },
		{ 1, "withdrawing", "2026-03-01", "2026-04-05", "", "penalty" },
		{ 0, "prepared", "", "", "", "penalty" },
	};
	int64_t ids[6], case0 = 0;
	for (int i = 0; i < 6; i++) {
		int64_t agency = rows[i].tianshan ? fx.tianshan : fx.haiyuan_market;
		int64_t c = store_fx_case(&fx, agency, "罚立", "公示排序测试", "某商店", NULL);
		int64_t ev = c ? event_of(&fx, c) : 0;
		REQUIRE(c && ev);
		case0 = case0 ? case0 : c;
		struct publication p = pub(c, ev);
		p.kind = rows[i].kind;
		REQUIRE(o->publication_insert(fx.st, &p, &e) == FZ_OK);
		p.status = (enum pub_status)pub_status_parse(rows[i].status);
		snprintf(p.published_on, sizeof p.published_on, "%s", rows[i].published);
		snprintf(p.set_aside_on, sizeof p.set_aside_on, "%s", rows[i].aside);
		snprintf(p.end_on, sizeof p.end_on, "%s", rows[i].end);
		REQUIRE(o->publication_update(fx.st, &p, &e) == FZ_OK);
		ids[i] = p.id;
	}
	char got[96];
	struct scope all = sc_all(), market = sc_agency(fx.haiyuan_market);
	struct page pg = { 0, 20 };
	struct publication_filter f = { .status = -1, .public_only = true, .newest_first = true };
	CHECK_STR(listed(&fx, &f, &all, pg, ids, got, sizeof got), "3,1,2,0,4 / 5");
	CHECK_STR(listed(&fx, &f, &market, pg, ids, got, sizeof got), "3,1,2,0 / 4");
	/* still listed on 03-25: 1 ended on 03-20 */
	f.listed_on = true;
	f.today = "2026-03-25";
	CHECK_STR(listed(&fx, &f, &all, pg, ids, got, sizeof got), "3,2,0,4 / 4");
	f.listed_on = false;
	/* by kind, agency, case, days */
	f.kind = "permit";
	CHECK_STR(listed(&fx, &f, &all, pg, ids, got, sizeof got), "3 / 1");
	f.kind = NULL;
	f.agency_id = fx.tianshan;
	CHECK_STR(listed(&fx, &f, &all, pg, ids, got, sizeof got), "4 / 1");
	f.agency_id = 0;
	f.case_id = case0;
	CHECK_STR(listed(&fx, &f, &all, pg, ids, got, sizeof got), "0 / 1");
	f.case_id = 0;
	f.from = "2026-03-06";
	f.to = "2026-03-08";
	CHECK_STR(listed(&fx, &f, &all, pg, ids, got, sizeof got), "2 / 1");
	/* withdrawals, newest set aside first; their days are those */
	f.withdrawn_only = true;
	f.from = f.to = NULL;
	CHECK_STR(listed(&fx, &f, &all, pg, ids, got, sizeof got), "4,2 / 2");
	f.from = "2026-04-03";
	CHECK_STR(listed(&fx, &f, &all, pg, ids, got, sizeof got), "4 / 1");
	f.withdrawn_only = false;
	f.from = NULL;
	/* the count stops at max(count_max, offset + limit) and says so */
	CHECK_STR(listed(&fx, &f, &all, (struct page){ 0, 1, .count_max = 2 }, ids, got,
			 sizeof got),
		  "3 / 2+");
	CHECK_STR(listed(&fx, &f, &all, (struct page){ 2, 2, .count_max = 2 }, ids, got,
			 sizeof got),
		  "2,0 / 4+");
	CHECK_STR(listed(&fx, &f, &all, (struct page){ 0, 2, .count_max = 5 }, ids, got,
			 sizeof got),
		  "3,1 / 5");
	CHECK_STR(listed(&fx, &f, &all, (struct page){ 4, 2, .count_max = 2 }, ids, got,
			 sizeof got),
		  "4 / 5");
	/* the reviewer's list: every status, by id */
	struct publication_filter staff = { .status = -1 };
	CHECK_STR(listed(&fx, &staff, &all, pg, ids, got, sizeof got), "0,1,2,3,4,5 / 6");
	staff.status = PUB_PREPARED;
	CHECK_STR(listed(&fx, &staff, &all, pg, ids, got, sizeof got), "5 / 1");
	store_fx_close(&fx);
}
