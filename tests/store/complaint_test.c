/* complaint_test.c - contract: complaints (投诉举报). A row per complaint,
 * updated as it moves; read in the caller's scope (the bureau by the
 * complained agency's division, an agency by the complaints assigned to
 * it); found by receipt; counted per filing address; its events are
 * append-only and the complaint is never deleted, whoever connects. */
#include <stdio.h>
#include <string.h>

#include "contract.h"
#include "t.h"

static struct complaint one(int64_t agency, const char *receipt, const char *key)
{
	struct complaint c = { .channel = CMP_CH_PORTAL, .name = "张三", .phone = "13909551234",
			       .agency_id = agency, .facts = "执法人员未出示证件",
			       .request = "查处", .state = CMP_RECEIVED, .client_key = key,
			       .created_at = 1000 };
	snprintf(c.receipt, sizeof c.receipt, "%s", receipt);
	snprintf(c.received_on, sizeof c.received_on, "2026-03-01");
	snprintf(c.accept_due, sizeof c.accept_due, "2026-03-06");
	return c;
}

TEST(store_complaint_is_scoped_found_by_receipt_and_its_record_is_append_only)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	const struct store_ops *o = fx.st->ops;
	struct fz_error e = { 0 };
	struct complaint a = one(fx.haiyuan_market, "TS20260301-AAAAAAAAAA2", "k1");
	struct complaint b = one(fx.tianshan, "TS20260301-BBBBBBBBBB2", "k1");
	struct complaint bad = one(999999, "TS20260301-CCCCCCCCCC2", "k2");
	REQUIRE(o->complaint_insert(fx.st, &a, &e) == FZ_OK);
	REQUIRE(o->complaint_insert(fx.st, &b, &e) == FZ_OK);
	CHECK_INT(o->complaint_insert(fx.st, &bad, &e), FZ_CONFLICT);
	CHECK_STR(e.field, "agency_id");
	struct complaint dup = one(fx.haiyuan_market, "TS20260301-AAAAAAAAAA2", "k3");
	CHECK(o->complaint_insert(fx.st, &dup, &e) != FZ_OK); /* a receipt once */

	/* the bureau of 海原县 sees its agency's complaint, not 天山区's */
	struct scope hy = sc_division("640522"), all = sc_all();
	struct complaint got;
	CHECK_INT(o->complaint_get(fx.st, fx.a, &hy, a.id, &got, &e), FZ_OK);
	CHECK_INT(o->complaint_get(fx.st, fx.a, &hy, b.id, &got, &e), FZ_NOTFOUND);
	/* an agency sees what is assigned to it, not what is about it */
	struct scope mk = sc_agency(fx.haiyuan_market);
	CHECK_INT(o->complaint_get(fx.st, fx.a, &mk, a.id, &got, &e), FZ_NOTFOUND);
	REQUIRE(o->complaint_get(fx.st, fx.a, &all, a.id, &got, &e) == FZ_OK);
	got.state = CMP_ASSIGNED;
	got.handler_id = fx.haiyuan_market;
	snprintf(got.due_on, sizeof got.due_on, "2026-04-30");
	REQUIRE(o->complaint_update(fx.st, &got, &e) == FZ_OK);
	REQUIRE(o->complaint_get(fx.st, fx.a, &mk, a.id, &got, &e) == FZ_OK);
	CHECK_STR(got.handler, "海原县市场监督管理局");
	/* overdue is the due date passed while assigned */
	struct complaint_list l;
	struct complaint_filter f = { .overdue = true };
	snprintf(f.today, sizeof f.today, "2026-05-01");
	REQUIRE(o->complaint_list(fx.st, fx.a, &f, &all, (struct page){ 0, 20 }, &l, &e) == FZ_OK);
	CHECK_INT(l.total, 2); /* a: assigned past due; b: received past accept_due */
	snprintf(f.today, sizeof f.today, "2026-03-06");
	REQUIRE(o->complaint_list(fx.st, fx.a, &f, &all, (struct page){ 0, 20 }, &l, &e) == FZ_OK);
	CHECK_INT(l.total, 0);
	REQUIRE(o->complaint_by_receipt(fx.st, fx.a, "TS20260301-BBBBBBBBBB2", &got, &e) == FZ_OK);
	CHECK_INT(got.id, b.id);
	int64_t n;
	REQUIRE(o->complaint_recent(fx.st, "k1", 1000, &n, &e) == FZ_OK);
	CHECK_INT(n, 2);
	REQUIRE(o->complaint_recent(fx.st, "k1", 1001, &n, &e) == FZ_OK);
	CHECK_INT(n, 0);

	struct complaint_event ev = { .complaint_id = a.id, .action = "file", .text = "x",
				      .state = "received" };
	snprintf(ev.on, sizeof ev.on, "2026-03-01");
	REQUIRE(o->complaint_event_insert(fx.st, &ev, &e) == FZ_OK);
	char msg[200];
	CHECK(contract_raw_exec(fx.dir, "UPDATE complaint_events SET text = 'y'", msg, sizeof msg) != 0);
	CHECK(contract_raw_exec(fx.dir, "DELETE FROM complaint_events", msg, sizeof msg) != 0);
	CHECK(contract_raw_exec(fx.dir, "DELETE FROM complaints", msg, sizeof msg) != 0);
	struct complaint_event *evs;
	size_t k;
	REQUIRE(o->complaint_events_of(fx.st, fx.a, a.id, &evs, &k, &e) == FZ_OK);
	CHECK_INT(k, 1);
	CHECK_STR(evs[0].text, "x");
	store_fx_close(&fx);
}

/* The ids of a list by their index in ids, comma-separated, and its total. */
static const char *cmp_listed(struct store_fx *fx, const struct complaint_filter *f,
			      const struct scope *sc, const int64_t *ids, char *out, size_t cap)
{
	struct complaint_list l;
	struct fz_error e = { 0 };
	size_t len = 0;
	out[0] = '\0';
	if (fx->st->ops->complaint_list(fx->st, fx->a, f, sc, (struct page){ 0, 20 }, &l, &e)) {
		t_fail(__FILE__, __LINE__, "complaint_list: %s", e.message);
		return out;
	}
	for (size_t i = 0; i < l.n; i++)
		for (int k = 0; k < 4; k++)
			if (l.items[i].id == ids[k])
				len += (size_t)snprintf(out + len, cap - len, "%s%d", i ? "," : "", k);
	snprintf(out + len, cap - len, " / %lld", (long long)l.total);
	return out;
}

/* Each filter is its own clause (cmp_query), each order its own: an
 * agency's list is what it handles, a division's what is about its
 * agencies; by agency (about or handled), state, open, handler, the
 * bureau's turn, overdue, a set of ids; newest first, or by a column. */
TEST(store_complaint_lists_each_filter_scope_and_order)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	const struct store_ops *o = fx.st->ops;
	struct fz_error e = { 0 };
	static const struct {
		int tianshan, handled; /* handled by the market */
		enum complaint_state state;
		const char *received, *due;
	} rows[4] = {
		{ 0, 1, CMP_ASSIGNED, "2026-03-02", "2026-04-01" },
		{ 0, 0, CMP_RECEIVED, "2026-03-05", "" },
		{ 1, 0, CMP_REPLIED, "2026-03-01", "" },
		{ 0, 0, CMP_CLOSED, "2026-03-03", "" },
	};
	static const char *const receipts[4] = { "TS20260301-0000000000A", "TS20260301-0000000001B",
						 "TS20260301-0000000002C", "TS20260301-0000000003D" };
	int64_t ids[4];
	for (int i = 0; i < 4; i++) {
		struct complaint c = one(rows[i].tianshan ? fx.tianshan : fx.haiyuan_justice,
					 receipts[i], "k");
		snprintf(c.received_on, sizeof c.received_on, "%s", rows[i].received);
		REQUIRE(o->complaint_insert(fx.st, &c, &e) == FZ_OK);
		c.state = rows[i].state;
		c.handler_id = rows[i].handled ? fx.haiyuan_market : 0;
		snprintf(c.due_on, sizeof c.due_on, "%s", rows[i].due);
		REQUIRE(o->complaint_update(fx.st, &c, &e) == FZ_OK);
		ids[i] = c.id;
	}
	char got[64];
	struct scope all = sc_all(), county = sc_division("640522"), other = sc_division("650102"),
		     market = sc_agency(fx.haiyuan_market), justice = sc_agency(fx.haiyuan_justice);
	struct complaint_filter f = { 0 };
	CHECK_STR(cmp_listed(&fx, &f, &all, ids, got, sizeof got), "3,2,1,0 / 4");
	CHECK_STR(cmp_listed(&fx, &f, &county, ids, got, sizeof got), "3,1,0 / 3");
	CHECK_STR(cmp_listed(&fx, &f, &other, ids, got, sizeof got), "2 / 1");
	CHECK_STR(cmp_listed(&fx, &f, &market, ids, got, sizeof got), "0 / 1");
	CHECK_STR(cmp_listed(&fx, &f, &justice, ids, got, sizeof got), " / 0");
	f.agency_id = fx.haiyuan_market; /* about it or handled by it */
	CHECK_STR(cmp_listed(&fx, &f, &all, ids, got, sizeof got), "0 / 1");
	f.agency_id = fx.haiyuan_justice;
	CHECK_STR(cmp_listed(&fx, &f, &all, ids, got, sizeof got), "3,1,0 / 3");
	f = (struct complaint_filter){ .state = CMP_RECEIVED };
	CHECK_STR(cmp_listed(&fx, &f, &all, ids, got, sizeof got), "1 / 1");
	f = (struct complaint_filter){ .open = true };
	CHECK_STR(cmp_listed(&fx, &f, &all, ids, got, sizeof got), "2,1,0 / 3");
	f = (struct complaint_filter){ .handler_id = fx.haiyuan_market };
	CHECK_STR(cmp_listed(&fx, &f, &county, ids, got, sizeof got), "0 / 1");
	f = (struct complaint_filter){ .bureau_turn = true, .bureau_agency = fx.haiyuan_market };
	CHECK_STR(cmp_listed(&fx, &f, &all, ids, got, sizeof got), "2,1,0 / 3");
	f.bureau_agency = fx.haiyuan_justice;
	CHECK_STR(cmp_listed(&fx, &f, &all, ids, got, sizeof got), "2,1 / 2");
	f = (struct complaint_filter){ .overdue = true };
	snprintf(f.today, sizeof f.today, "2026-04-02"); /* 0 past its due, 1 past accept_due */
	CHECK_STR(cmp_listed(&fx, &f, &all, ids, got, sizeof got), "1,0 / 2");
	int64_t two[2] = { ids[3], ids[0] };
	f = (struct complaint_filter){ .only = { two, 2 } };
	CHECK_STR(cmp_listed(&fx, &f, &all, ids, got, sizeof got), "3,0 / 2");
	f = (struct complaint_filter){ .sort = { COMPLAINT_SORT_RECEIVED, false } };
	CHECK_STR(cmp_listed(&fx, &f, &all, ids, got, sizeof got), "2,0,3,1 / 4");
	f.sort.desc = true;
	CHECK_STR(cmp_listed(&fx, &f, &county, ids, got, sizeof got), "1,3,0 / 3");
	/* the date that runs now: 1's acceptance (03-06), 0's reply (04-01),
	 * none for the others, which come first, by id */
	f.sort = (struct list_sort){ COMPLAINT_SORT_DUE, false };
	CHECK_STR(cmp_listed(&fx, &f, &all, ids, got, sizeof got), "2,3,1,0 / 4");
	store_fx_close(&fx);
}
