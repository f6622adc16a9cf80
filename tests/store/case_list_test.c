/* case_list_test.c - contract: listing cases. Every filter of struct
 * case_filter alone, paging newest first, malformed filters named, and the
 * work queue (open cases at given steps, longest waiting first), the
 * division counts and the walk of the stale statuses. */
#include <stdio.h>

#include "contract.h"
#include "t.h"

/* Six cases of haiyuan_market, ids in this order, and one of
 * haiyuan_justice:
 *   0 罚立 penalty  general  legal_review  open    2025-01-10  by ma
 *   1 罚立 penalty  general  legal_review  closed  2025-02-10  by li
 *   2 罚立 penalty  simple   decided       open    (not opened) by ma
 *   3 检   inspect  inspect  hearing       open    2025-03-10  by li
 *   4 检   inspect  inspect  ""            open    2025-04-10  by ma
 *   5 罚立 penalty  general  hearing       open    2025-05-10  by ma
 *   6 (justice) 罚立 penalty general legal_review open 2025-01-20 */
struct listing {
	struct store_fx fx;
	int64_t ma, li;
	int64_t id[7];
	char *number[7];
};

static bool listing_open(struct listing *ls)
{
	static const struct {
		int agency; /* 0 market, 1 justice */
		const char *kind_code;
		enum case_kind kind;
		const char *procedure, *state;
		bool closed;
		const char *opened_on;
		int by; /* 0 ma, 1 li */
		const char *title, *party;
		int64_t updated_at;
	} rows[7] = {
		{ 0, "罚立", CASE_PENALTY, "penalty_general", "legal_review", false, "2025-01-10", 0,
		  "销售过期食品案", "惠民超市", 5000 },
		{ 0, "罚立", CASE_PENALTY, "penalty_general", "legal_review", true, "2025-02-10", 1,
		  "虚假宣传案", "鑫达商贸有限公司", 1000 },
		{ 0, "罚立", CASE_PENALTY, "penalty_simple", "decided", false, "", 0,
		  "未亮照经营案", "张三", 2000 },
		{ 0, "检", CASE_INSPECTION, "inspection", "hearing", false, "2025-03-10", 1,
		  "食品安全日常检查", "惠民超市", 4000 },
		{ 0, "检", CASE_INSPECTION, "inspection", "", false, "2025-04-10", 0,
		  "计量器具检查", "李四", 6000 },
		{ 0, "罚立", CASE_PENALTY, "penalty_general", "hearing", false, "2025-05-10", 0,
		  "无证生产案", "王五", 3000 },
		{ 1, "罚立", CASE_PENALTY, "penalty_general", "legal_review", false, "2025-01-20", 0,
		  "违法执业案", "赵六", 500 },
	};
	if (!store_fx_open(&ls->fx))
		return false;
	struct store_fx *fx = &ls->fx;
	ls->ma = store_fx_user(fx, "ma", fx->haiyuan_market, ROLE_OFFICER);
	ls->li = store_fx_user(fx, "li", fx->haiyuan_market, ROLE_OFFICER);
	for (int i = 0; i < 7; i++) {
		struct enf_case c = {
			.agency_id = rows[i].agency ? fx->haiyuan_justice : fx->haiyuan_market,
			.procedure = (char *)rows[i].procedure,
			.kind = rows[i].kind,
			.domain = "市场监管",
			.title = (char *)rows[i].title,
			.party_kind = PARTY_ORGANISATION,
			.party_name = (char *)rows[i].party,
			.state = (char *)rows[i].state,
			.closed = rows[i].closed,
			.created_by = rows[i].by ? ls->li : ls->ma,
			.created_at = 100,
			.updated_at = rows[i].updated_at,
		};
		snprintf(c.opened_on, sizeof c.opened_on, "%s", rows[i].opened_on);
		struct case_numbering num = { rows[i].agency ? "海原司" : "海原市监",
					      rows[i].kind_code, 2025 };
		struct fz_error e = { 0 };
		if (fx->st->ops->case_insert(fx->st, fx->a, &c, &num, &e) != FZ_OK) {
			t_fail(__FILE__, __LINE__, "case_insert %d: %s", i, e.message);
			return false;
		}
		ls->id[i] = c.id;
		ls->number[i] = c.number;
	}
	return true;
}

/* The indexes (into ls->id) of the cases f lists in haiyuan_market, as a
 * bit set, in the order listed: newest first means high indexes first. */
static unsigned listed(struct listing *ls, const struct case_filter *f)
{
	struct scope sc = sc_agency(ls->fx.haiyuan_market);
	struct case_list l;
	struct fz_error e = { 0 };
	if (ls->fx.st->ops->case_list(ls->fx.st, ls->fx.a, &sc, f, PAGE_ALL, &l, &e) != FZ_OK) {
		t_fail(__FILE__, __LINE__, "case_list: %s", e.message);
		return 0;
	}
	unsigned set = 0;
	for (size_t i = 0; i < l.n; i++) {
		for (int k = 0; k < 7; k++)
			if (l.items[i].id == ls->id[k])
				set |= 1u << k;
		if (i > 0 && l.items[i].id > l.items[i - 1].id)
			t_fail(__FILE__, __LINE__, "not newest first at %zu", i);
	}
	if ((int64_t)l.n != l.total)
		t_fail(__FILE__, __LINE__, "n %zu, total %lld", l.n, (long long)l.total);
	return set;
}

#define BITS(...) bits_of((int[]){ __VA_ARGS__, -1 })
static unsigned bits_of(const int *k)
{
	unsigned set = 0;
	for (; *k >= 0; k++)
		set |= 1u << *k;
	return set;
}

TEST(store_case_list_filters_each_alone)
{
	struct listing ls;
	REQUIRE(listing_open(&ls));
	CHECK_INT(listed(&ls, NULL), BITS(0, 1, 2, 3, 4, 5));
	CHECK_INT(listed(&ls, &(struct case_filter){ .kind = CASE_INSPECTION }), BITS(3, 4));
	CHECK_INT(listed(&ls, &(struct case_filter){ .procedure = "penalty_general" }),
		  BITS(0, 1, 5));
	CHECK_INT(listed(&ls, &(struct case_filter){ .state = "legal_review" }), BITS(0, 1));
	CHECK_INT(listed(&ls, &(struct case_filter){ .closed = 1 }), BITS(1));
	CHECK_INT(listed(&ls, &(struct case_filter){ .closed = 2 }), BITS(0, 2, 3, 4, 5));
	CHECK_INT(listed(&ls, &(struct case_filter){ .closed = -1 }), BITS(0, 1, 2, 3, 4, 5));
	CHECK_INT(listed(&ls, &(struct case_filter){ .created_by = ls.li }), BITS(1, 3));
	CHECK_INT(listed(&ls, &(struct case_filter){ .q = "惠民" }), BITS(0, 3));
	CHECK_INT(listed(&ls, &(struct case_filter){ .q = "检查" }), BITS(3, 4));
	CHECK_INT(listed(&ls, &(struct case_filter){ .q = "检〔2025〕2号" }), BITS(4));
	CHECK_INT(listed(&ls, &(struct case_filter){ .opened_from = "2025-02-10" }),
		  BITS(1, 3, 4, 5));
	CHECK_INT(listed(&ls, &(struct case_filter){ .opened_to = "2025-03-10" }), BITS(0, 1, 3));
	CHECK_INT(listed(&ls, &(struct case_filter){ .opened_from = "2025-02-01",
						     .opened_to = "2025-04-30" }),
		  BITS(1, 3, 4));
	CHECK_INT(listed(&ls, &(struct case_filter){ .agency_id = ls.fx.haiyuan_market,
						     .kind = CASE_PENALTY, .closed = 2,
						     .q = "案" }),
		  BITS(0, 2, 5));
	/* "" and 0 mean any */
	CHECK_INT(listed(&ls, &(struct case_filter){ .procedure = "", .state = "", .q = "" }),
		  BITS(0, 1, 2, 3, 4, 5));
	store_fx_close(&ls.fx);
}

TEST(store_case_list_names_a_malformed_filter)
{
	struct listing ls;
	REQUIRE(listing_open(&ls));
	struct scope all = sc_all();
	struct case_list l;
	struct fz_error e = { 0 };
	struct store *st = ls.fx.st;
	CHECK_INT(st->ops->case_list(st, ls.fx.a, &all, &(struct case_filter){ .kind = 7 },
				     PAGE_ALL, &l, &e),
		  FZ_INVALID);
	CHECK_STR(e.field, "kind");
	CHECK_INT(st->ops->case_list(st, ls.fx.a, &all, &(struct case_filter){ .closed = 3 },
				     PAGE_ALL, &l, &e),
		  FZ_INVALID);
	CHECK_STR(e.field, "closed");
	CHECK_INT(st->ops->case_list(st, ls.fx.a, &all,
				     &(struct case_filter){ .opened_from = "2025-1-1" }, PAGE_ALL,
				     &l, &e),
		  FZ_INVALID);
	CHECK_STR(e.field, "opened_from");
	CHECK_INT(st->ops->case_list(st, ls.fx.a, &all,
				     &(struct case_filter){ .opened_to = "2025-13-01" }, PAGE_ALL,
				     &l, &e),
		  FZ_INVALID);
	CHECK_STR(e.field, "opened_to");
	store_fx_close(&ls.fx);
}

TEST(store_case_list_pages_newest_first)
{
	struct listing ls;
	REQUIRE(listing_open(&ls));
	struct scope all = sc_all();
	struct case_list l;
	struct store *st = ls.fx.st;
	REQUIRE(st->ops->case_list(st, ls.fx.a, &all, NULL, (struct page){ 0, 3 }, &l, NULL) ==
		FZ_OK);
	CHECK_INT(l.total, 7);
	REQUIRE(l.n == 3);
	CHECK_INT(l.items[0].id, ls.id[6]);
	CHECK_INT(l.items[1].id, ls.id[5]);
	CHECK_INT(l.items[2].id, ls.id[4]);
	CHECK_STR(l.items[0].agency_name, "海原县司法局");
	CHECK_STR(l.items[1].number, ls.number[5]);
	REQUIRE(st->ops->case_list(st, ls.fx.a, &all, NULL, (struct page){ 6, 3 }, &l, NULL) ==
		FZ_OK);
	CHECK_INT(l.total, 7);
	REQUIRE(l.n == 1);
	CHECK_INT(l.items[0].id, ls.id[0]);
	/* past the end, and limits clamped */
	REQUIRE(st->ops->case_list(st, ls.fx.a, &all, NULL, (struct page){ 50, 3 }, &l, NULL) ==
		FZ_OK);
	CHECK_INT(l.n, 0);
	CHECK_INT(l.total, 7);
	REQUIRE(st->ops->case_list(st, ls.fx.a, &all, NULL, (struct page){ -5, 0 }, &l, NULL) ==
		FZ_OK);
	REQUIRE(l.n == 1);
	CHECK_INT(l.items[0].id, ls.id[6]);
	store_fx_close(&ls.fx);
}

/* One page read with page.count_max: its rows, total and total_more. */
struct bounded {
	size_t n;
	int64_t total;
	bool more;
};

static struct bounded bounded_page(struct listing *ls, const struct scope *sc,
				   const struct case_filter *f, struct page pg)
{
	struct case_list l;
	struct fz_error e = { 0 };
	struct store *st = ls->fx.st;
	if (st->ops->case_list(st, ls->fx.a, sc, f, pg, &l, &e) != FZ_OK) {
		t_fail(__FILE__, __LINE__, "case_list: %s", e.message);
		return (struct bounded){ 0, -1, false };
	}
	return (struct bounded){ l.n, l.total, l.total_more };
}

#define CHECK_BOUNDED(got, n_, total_, more_)   \
	do {                                    \
		struct bounded b_ = (got);      \
		CHECK_INT(b_.n, n_);            \
		CHECK_INT(b_.total, total_);    \
		CHECK_INT(b_.more, more_);      \
	} while (0)

/* A count that stops: at most max(count_max, offset + limit) rows are
 * counted; below that the total is the exact one, above it the total is
 * the bound and total_more says more matched. A short page still ends the
 * list, whatever the bound. */
TEST(store_case_list_count_stops_at_its_bound_and_says_so)
{
	struct listing ls;
	REQUIRE(listing_open(&ls));
	struct scope all = sc_all(), region = sc_division("64"),
		     market = sc_agency(ls.fx.haiyuan_market);
	/* the exact count, as before: 7 cases, 6 of them the market's */
	CHECK_BOUNDED(bounded_page(&ls, &all, NULL, (struct page){ 0, 3 }), 3, 7, false);
	CHECK_BOUNDED(bounded_page(&ls, &region, NULL, (struct page){ 0, 3 }), 3, 7, false);
	/* the bound above the record, and at it: exact, not flagged */
	CHECK_BOUNDED(bounded_page(&ls, &region, NULL, (struct page){ 0, 3, .count_max = 100 }),
		      3, 7, false);
	CHECK_BOUNDED(bounded_page(&ls, &region, NULL, (struct page){ 0, 3, .count_max = 7 }), 3,
		      7, false);
	/* below the record: the bound, flagged */
	CHECK_BOUNDED(bounded_page(&ls, &region, NULL, (struct page){ 0, 3, .count_max = 6 }), 3,
		      6, true);
	CHECK_BOUNDED(bounded_page(&ls, &all, NULL, (struct page){ 0, 3, .count_max = 4 }), 3, 4,
		      true);
	/* a deeper page counts at least as far as itself */
	CHECK_BOUNDED(bounded_page(&ls, &region, NULL, (struct page){ 3, 3, .count_max = 4 }), 3,
		      6, true);
	/* the last page is short: the list ends there, exactly */
	CHECK_BOUNDED(bounded_page(&ls, &region, NULL, (struct page){ 6, 3, .count_max = 4 }), 1,
		      7, false);
	/* past the end: the count reaches the page asked, so it is exact */
	CHECK_BOUNDED(bounded_page(&ls, &region, NULL, (struct page){ 50, 3, .count_max = 4 }), 0,
		      7, false);
	/* with filters, in one agency: 5 open cases of the market */
	const struct case_filter open = { .closed = 2 };
	CHECK_BOUNDED(bounded_page(&ls, &market, &open, (struct page){ 0, 2, .count_max = 3 }), 2,
		      3, true);
	CHECK_BOUNDED(bounded_page(&ls, &market, &open, (struct page){ 0, 2, .count_max = 5 }), 2,
		      5, false);
	const struct case_filter titled = { .q = "案" }; /* 0, 1, 2, 5 and the justice's 6 */
	CHECK_BOUNDED(bounded_page(&ls, &region, &titled, (struct page){ 0, 2, .count_max = 2 }),
		      2, 2, true);
	CHECK_BOUNDED(bounded_page(&ls, &region, &titled, (struct page){ 0, 2, .count_max = 9 }),
		      2, 5, false);
	/* the bounded and the exact statements are cached apart: the exact
	 * count is still exact after a bounded one */
	CHECK_BOUNDED(bounded_page(&ls, &region, NULL, (struct page){ 0, 3 }), 3, 7, false);
	/* a walk without a total stays without one */
	CHECK_BOUNDED(bounded_page(&ls, &region, NULL,
				   (struct page){ 0, 3, .no_total = true, .count_max = 4 }),
		      3, 3, false);
	store_fx_close(&ls.fx);
}

/* A division's count names its agencies first (count_scope_division):
 * the same totals as the page's own scope, for the county, the city
 * above it, another city, and with the status joined (a queue). */
TEST(store_case_list_counts_a_division_by_its_agencies)
{
	struct listing ls;
	struct fz_error e = { 0 };
	REQUIRE(listing_open(&ls));
	struct store *st = ls.fx.st;
	struct scope county = sc_division("640522"), city = sc_division("6405"),
		     other = sc_division("640104"), region = sc_division("64");
	CHECK_BOUNDED(bounded_page(&ls, &county, NULL, (struct page){ 0, 3 }), 3, 7, false);
	CHECK_BOUNDED(bounded_page(&ls, &city, NULL, (struct page){ 0, 3, .count_max = 5 }), 3, 5,
		      true);
	CHECK_BOUNDED(bounded_page(&ls, &other, NULL, (struct page){ 0, 3 }), 0, 0, false);
	const struct case_filter open = { .closed = 2 };
	CHECK_BOUNDED(bounded_page(&ls, &county, &open, (struct page){ 0, 3 }), 3, 6, false);
	CHECK_BOUNDED(bounded_page(&ls, &other, &open, (struct page){ 0, 3 }), 0, 0, false);
	/* the market's case 0 and the justice bureau's 6 wait for a reviewer */
	for (int i = 0; i < 7; i++) {
		struct case_status cs = { .case_id = ls.id[i], .computed_on = "2026-01-05",
					  .awaits_roles = i == 0 || i == 6 ? ROLE_REVIEWER
									   : ROLE_OFFICER };
		REQUIRE(st->ops->case_status_put(st, &cs, &e) == FZ_OK);
	}
	const struct case_filter queue = { .closed = 2, .status_day = "2026-01-05",
					   .awaits = ROLE_REVIEWER };
	CHECK_BOUNDED(bounded_page(&ls, &county, &queue, (struct page){ 0, 1 }), 1, 2, false);
	CHECK_BOUNDED(bounded_page(&ls, &region, &queue, (struct page){ 0, 3, .count_max = 1 }),
		      2, 2, false);
	CHECK_BOUNDED(bounded_page(&ls, &other, &queue, (struct page){ 0, 3 }), 0, 0, false);
	store_fx_close(&ls.fx);
}

/* Walks the stale statuses of sc in batches of 2 without refreshing any
 * (the cursor alone moves the walk on); the ids, comma-separated. */
static char *stale_walk(struct listing *ls, const struct scope *sc, char *out, size_t cap)
{
	struct case_status_cursor cur = { "", 0 };
	struct store *st = ls->fx.st;
	struct fz_error e = { 0 };
	int64_t ids[2];
	size_t n, len = 0;
	out[0] = '\0';
	for (int guard = 0; guard < 20; guard++) {
		if (st->ops->case_status_stale(st, sc, "2026-01-05", &cur, ids, 2, &n, &e) != FZ_OK) {
			t_fail(__FILE__, __LINE__, "case_status_stale: %s", e.message);
			return out;
		}
		for (size_t i = 0; i < n; i++)
			for (int k = 0; k < 7; k++)
				if (ids[i] == ls->id[k])
					len += (size_t)snprintf(out + len, cap - len, "%s%d",
								len ? "," : "", k);
		if (n < 2)
			return out;
	}
	t_fail(__FILE__, __LINE__, "the walk does not end");
	return out;
}

/* A status of day days[i] for each of the seven cases; false when one
 * is refused. */
static bool statuses_of_days(struct listing *ls, const char *const days[7])
{
	struct fz_error e = { 0 };
	for (int i = 0; i < 7; i++) {
		struct case_status cs = { .case_id = ls->id[i] };
		snprintf(cs.computed_on, sizeof cs.computed_on, "%s", days[i]);
		if (ls->fx.st->ops->case_status_put(ls->fx.st, &cs, &e) != FZ_OK)
			return false;
	}
	return true;
}

/* The stale statuses are walked once in batches, by a cursor: one
 * agency's by its cases in id order, a division's or all by day then
 * case; today's and settled ones are not stale. */
TEST(store_case_status_stale_walks_each_once_by_its_cursor)
{
	struct listing ls;
	char got[128];
	REQUIRE(listing_open(&ls));
	static const char *const days[7] = { "2026-01-01", "2026-01-01", "2026-01-01", "2026-01-05",
					     "2025-12-30", "2026-01-01", "2026-01-01" };
	REQUIRE(statuses_of_days(&ls, days));
	struct scope all = sc_all(), county = sc_division("640522"),
		     other = sc_division("640104"), market = sc_agency(ls.fx.haiyuan_market);
	CHECK_STR(stale_walk(&ls, &all, got, sizeof got), "4,0,1,2,5,6");
	CHECK_STR(stale_walk(&ls, &county, got, sizeof got), "4,0,1,2,5,6");
	CHECK_STR(stale_walk(&ls, &other, got, sizeof got), "");
	CHECK_STR(stale_walk(&ls, &market, got, sizeof got), "0,1,2,4,5");
	store_fx_close(&ls.fx);
}

/* An agency whose statuses are all of today walks nothing (asked of its
 * cells first), while another's stale one is still found; one made stale
 * again is found again. */
TEST(store_case_status_stale_of_an_agency_with_none_stale_is_empty)
{
	struct listing ls;
	struct fz_error e = { 0 };
	char got[128];
	REQUIRE(listing_open(&ls));
	struct store *st = ls.fx.st;
	static const char *const days[7] = { "2026-01-05", "2026-01-05", "2026-01-05", "2026-01-05",
					     "2026-01-05", "2026-01-05", "2026-01-01" };
	REQUIRE(statuses_of_days(&ls, days));
	struct scope market = sc_agency(ls.fx.haiyuan_market),
		     justice = sc_agency(ls.fx.haiyuan_justice);
	CHECK_STR(stale_walk(&ls, &market, got, sizeof got), "");
	CHECK_STR(stale_walk(&ls, &justice, got, sizeof got), "6");
	struct case_status old = { .case_id = ls.id[3], .computed_on = "2026-01-04" };
	REQUIRE(st->ops->case_status_put(st, &old, &e) == FZ_OK);
	CHECK_STR(stale_walk(&ls, &market, got, sizeof got), "3");
	REQUIRE(st->ops->case_status_invalidate(st, &e) == FZ_OK);
	CHECK_STR(stale_walk(&ls, &market, got, sizeof got), "0,1,2,3,4,5");
	store_fx_close(&ls.fx);
}

/* The workbench's counts, a statement per kind of scope: the same cases
 * as the lists of that scope. Case 1 is closed; 0 and 6 wait for a
 * reviewer, 5 for a head, the rest for an officer; 2 is overdue. */
TEST(store_case_todo_counts_follow_the_scope)
{
	struct listing ls;
	struct fz_error e = { 0 };
	REQUIRE(listing_open(&ls));
	struct store *st = ls.fx.st;
	for (int i = 0; i < 7; i++) {
		struct case_status cs = { .case_id = ls.id[i], .computed_on = "2026-01-05",
					  .overdue = i == 2,
					  .awaits_roles = i == 0 || i == 6 ? ROLE_REVIEWER
							  : i == 5	   ? ROLE_HEAD
									   : ROLE_OFFICER };
		REQUIRE(st->ops->case_status_put(st, &cs, &e) == FZ_OK);
	}
	static const struct {
		int kind; /* 0 all, 1 the market, 2 the county, 3 another city */
		int64_t mine, review, approval, overdue;
	} want[] = { { 0, 3, 2, 1, 1 }, { 1, 3, 1, 1, 1 }, { 2, 3, 2, 1, 1 }, { 3, 0, 0, 0, 0 } };
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		struct scope sc = want[i].kind == 0   ? sc_all()
				  : want[i].kind == 1 ? sc_agency(ls.fx.haiyuan_market)
				  : want[i].kind == 2 ? sc_division("640522")
						      : sc_division("640104");
		struct case_todo_counts t;
		REQUIRE(st->ops->case_todo_counts(st, &sc, "2026-01-05", "2026-01-10", ROLE_OFFICER,
						  &t, &e) == FZ_OK);
		CHECK_INT(t.mine, want[i].mine);
		CHECK_INT(t.review, want[i].review);
		CHECK_INT(t.approval, want[i].approval);
		CHECK_INT(t.overdue, want[i].overdue);
	}
	store_fx_close(&ls.fx);
}
