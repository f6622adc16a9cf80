/* search_test.c - full-text search through the app layer: one- and
 * two-character Chinese queries find what they should, filters narrow,
 * the cursor neither repeats nor skips (even while items arrive), a
 * withdrawn item is gone, and hostile queries are only text. */
#include <stdio.h>
#include <string.h>

#include "app/search.h"
#include "base/date.h"
#include "fixture.h"
#include "t.h"

static void put(struct fx *f, const char *kind, int64_t ref, int64_t agency, const char *date,
		const char *title, const char *body)
{
	struct fz_error e = { 0 };
	enum fz_err rc = app_search_index(&f->cli, kind, ref, agency, date, title, body, &e);
	if (rc)
		t_fail(__FILE__, __LINE__, "index %s %lld: %s", kind, (long long)ref, e.message);
}

/* The ref_ids found by q (one page of up to 100), as "3 2 1". */
static const char *found(struct fx *f, const struct search_request *rq)
{
	static char out[1024];
	struct search_result res;
	struct fz_error e = { 0 };
	size_t o = 0;
	out[0] = '\0';
	if (app_search_query(&f->cli, rq, &res, &e) != FZ_OK) {
		snprintf(out, sizeof out, "error: %s", e.message);
		return out;
	}
	for (size_t i = 0; i < res.n && o < sizeof out - 24; i++)
		o += (size_t)snprintf(out + o, sizeof out - o, "%s%lld", i ? " " : "",
				      (long long)res.hits[i].item.ref_id);
	return out;
}

static const char *find(struct fx *f, const char *q)
{
	struct search_request rq = { .q = q, .limit = 100 };
	return found(f, &rq);
}

static void seed(struct fx *f)
{
	put(f, "penalty", 1, f->natres, "2026-03-01", "违法占用土地建设停车场案",
	    "当事人张某未经批准占用集体土地建设停车场，决定处以罚款人民币五万元。");
	put(f, "penalty", 2, f->market, "2026-04-02", "销售过期食品案",
	    "当事人海原县某超市销售超过保质期的食品，没收违法所得并处罚款。");
	put(f, "permit", 3, f->natres, "2026-05-03", "建设用地规划许可",
	    "准予许可。ABC 公司申请的 2026 年度项目用地符合规划。");
	put(f, "penalty", 4, f->natres, "2026-06-04", "违建拆除决定",
	    "责令限期拆除违建，逾期不拆除的依法强制拆除。");
}

TEST(search_finds_one_and_two_character_chinese_queries)
{
	struct fx f;
	REQUIRE(fx_open(&f));
	seed(&f);
	CHECK_STR(find(&f, "土地"), "1");
	CHECK_STR(find(&f, "违建"), "4");
	CHECK_STR(find(&f, "罚款"), "2 1");
	CHECK_STR(find(&f, "罚"), "2 1");
	CHECK_STR(find(&f, "拆"), "4");
	CHECK_STR(find(&f, "规划许可"), "3");
	CHECK_STR(find(&f, "许可规划"), "");
	CHECK_STR(find(&f, "ａｂｃ公司"), "3");
	CHECK_STR(find(&f, "abc 2026"), "3");
	CHECK_STR(find(&f, "罚款 张某"), "1");
	CHECK_STR(find(&f, "张"), "1");
	fx_close(&f);
}

TEST(search_filters_by_agency_kind_and_dates)
{
	struct fx f;
	REQUIRE(fx_open(&f));
	seed(&f);
	struct search_request rq = { .q = "罚款", .agency_id = f.market, .limit = 100 };
	CHECK_STR(found(&f, &rq), "2");
	rq = (struct search_request){ .q = "建设", .kind = "permit", .limit = 100 };
	CHECK_STR(found(&f, &rq), "3");
	rq = (struct search_request){ .q = "当事人", .from = "2026-04-02", .to = "2026-04-02" };
	CHECK_STR(found(&f, &rq), "2");
	rq = (struct search_request){ .q = "当事人", .to = "2026-03-31" };
	CHECK_STR(found(&f, &rq), "1");

	struct search_result res;
	struct fz_error e = { 0 };
	rq = (struct search_request){ .q = "罚款", .kind = "nonsense" };
	CHECK_INT(app_search_query(&f.cli, &rq, &res, &e), FZ_INVALID);
	CHECK_STR(e.field, "kind");
	rq = (struct search_request){ .q = "罚款", .from = "2026-13-01" };
	CHECK_INT(app_search_query(&f.cli, &rq, &res, &e), FZ_INVALID);
	CHECK_STR(e.field, "from");
	rq = (struct search_request){ .q = "罚款", .from = "2026-05-01", .to = "2026-04-01" };
	CHECK_INT(app_search_query(&f.cli, &rq, &res, &e), FZ_INVALID);
	CHECK_STR(e.field, "from");
	rq = (struct search_request){ .q = "罚款", .cursor = "zz'; DROP" };
	CHECK_INT(app_search_query(&f.cli, &rq, &res, &e), FZ_INVALID);
	CHECK_STR(e.field, "cursor");
	fx_close(&f);
}

TEST(search_withdrawn_or_replaced_items_leave_the_index)
{
	struct fx f;
	struct fz_error e = { 0 };
	REQUIRE(fx_open(&f));
	seed(&f);
	CHECK_INT(app_search_unindex(&f.cli, "penalty", 1, &e), FZ_OK);
	CHECK_STR(find(&f, "土地"), "");
	CHECK_INT(app_search_unindex(&f.cli, "penalty", 1, &e), FZ_OK);
	put(&f, "penalty", 4, f.natres, "2026-06-04", "更正后的决定", "责令改正。");
	CHECK_STR(find(&f, "违建"), "");
	CHECK_STR(find(&f, "改正"), "4");
	CHECK_INT(fx_count(&f, "search_items"), 3);
	CHECK_INT(app_search_index(&f.cli, "penalty", 9, f.natres, "1969-12-31", "t", "b", &e),
		  FZ_INVALID);
	CHECK_STR(e.field, "date");
	CHECK_INT(app_search_index(&f.cli, "poster", 9, f.natres, "2026-01-01", "t", "b", &e),
		  FZ_INVALID);
	CHECK_STR(e.field, "kind");
	CHECK_INT(app_search_index(&f.cli, "penalty", 9, f.natres, "2026-01-01", "t\xff", "b", &e),
		  FZ_INVALID);
	CHECK_STR(e.field, "title");
	fx_close(&f);
}

TEST(search_cursor_pages_neither_repeat_nor_skip_while_items_arrive)
{
	struct fx f;
	struct fz_error e = { 0 };
	char date[11], title[64], seen[60] = { 0 };
	REQUIRE(fx_open(&f));
	/* 50 items over 10 days, five a day */
	for (int i = 1; i <= 50; i++) {
		snprintf(date, sizeof date, "2026-07-%02d", 1 + (i - 1) / 5);
		snprintf(title, sizeof title, "第%d号行政处罚决定", i);
		put(&f, "penalty", i, f.natres, date, title, "处以罚款。");
	}
	struct search_request rq = { .q = "罚款", .limit = 20 };
	struct search_result res;
	int pages = 0, total = 0;
	char last_date[11] = "9999-12-31";
	for (;;) {
		REQUIRE(app_search_query(&f.cli, &rq, &res, &e) == FZ_OK);
		pages++;
		for (size_t i = 0; i < res.n; i++) {
			int64_t ref = res.hits[i].item.ref_id;
			CHECK(ref >= 1 && ref <= 53 && !seen[ref]);
			if (ref >= 1 && ref <= 53)
				seen[ref] = 1;
			CHECK(strcmp(res.hits[i].item.date, last_date) <= 0);
			snprintf(last_date, sizeof last_date, "%s", res.hits[i].item.date);
			total++;
		}
		if (pages == 1) /* newer and older items arrive after the first page */
			for (int i = 51; i <= 53; i++)
				put(&f, "penalty", i, f.natres, i == 53 ? "2026-06-30" : "2026-08-01",
				    "新决定", "处以罚款。");
		if (!res.next_cursor)
			break;
		rq.cursor = res.next_cursor;
		REQUIRE(pages < 10);
	}
	CHECK_INT(pages, 3);
	/* all 50 once; of the new ones only the older one falls behind the cursor */
	CHECK_INT(total, 51);
	for (int i = 1; i <= 50; i++)
		CHECK(seen[i]);
	CHECK(!seen[51] && !seen[52] && seen[53]);
	fx_close(&f);
}

TEST(search_treats_hostile_queries_as_text_and_never_errors)
{
	static const char *hostile[] = {
		"\"", "\"\"", "\"罚款", "罚款\"", "'", "''; DROP TABLE search_items; --",
		"NEAR(罚款 土地, 2)", "罚款 AND 土地", "罚款 OR 土地", "NOT 罚款", "- 罚款",
		"title:罚款", "{title body}: 罚款", "body : \"x\"", "罚*", "*", "^罚款", "^",
		"(", ")", "((((", "+", "罚款 + 土地", "a:b:c", "%", "_", "\\", "\\\"", "NEAR",
		"AND", "OR", "NOT", "\xff\xfe", "罚\xe7\xbd", "\xc0\xaf", "\xed\xa0\x80",
		"<script>alert(1)</script>", "&amp;", "tags:a1", "a1", "kpenalty", "rank", "*:*",
		"　", "\t\n", "", "ＡＮＤ", "罚款\x01\x02", "\"\"\"\"\"\"", "NEAR/3", "col:",
	};
	struct fx f;
	struct fz_error e = { 0 };
	struct search_result res;
	char big[4096];
	REQUIRE(fx_open(&f));
	seed(&f);
	for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
		struct search_request rq = { .q = hostile[i] };
		enum fz_err rc = app_search_query(&f.cli, &rq, &res, &e);
		if (rc != FZ_OK)
			t_fail(__FILE__, __LINE__, "query %zu failed: %s", i, e.message);
	}
	/* tags are not searchable text; "AND" is a word like any other */
	CHECK_STR(find(&f, "a1"), "");
	CHECK_STR(find(&f, "kpenalty"), "");
	CHECK_STR(find(&f, "罚款 AND"), "");
	CHECK_STR(find(&f, "\"罚款\""), "2 1");
	CHECK_STR(find(&f, "罚款*"), "2 1");
	for (size_t i = 0; i + 3 < sizeof big; i += 3)
		memcpy(big + i, "罚", 3);
	big[sizeof big - 1 - (sizeof big - 1) % 3] = '\0';
	struct search_request rq = { .q = big };
	CHECK_INT(app_search_query(&f.cli, &rq, &res, &e), FZ_OK);
	fx_close(&f);
}

/* Pages of q (limit 7, budget as given) to the end: each item once, dates
 * never rising. Returns the number of pages. */
static int page_through(struct fx *f, int budget_ms, int nitems)
{
	struct search_request rq = { .q = "公告", .limit = 7, .budget_ms = budget_ms };
	struct search_result res;
	struct fz_error e = { 0 };
	char seen[200] = { 0 }, last[11] = "9999-12-31";
	int pages = 0, total = 0;
	for (;;) {
		if (app_search_query(&f->cli, &rq, &res, &e) != FZ_OK || ++pages > 200)
			return t_fail(__FILE__, __LINE__, "query: %s", e.message), -1;
		for (size_t i = 0; i < res.n; i++) {
			int64_t ref = res.hits[i].item.ref_id;
			CHECK(ref >= 1 && ref <= nitems && !seen[ref]);
			if (ref >= 1 && ref <= nitems)
				seen[ref] = 1;
			CHECK(strcmp(res.hits[i].item.date, last) <= 0);
			snprintf(last, sizeof last, "%s", res.hits[i].item.date);
			total++;
		}
		/* a page cut short by the work bound says how far it read */
		if (res.n < 7 && res.next_cursor)
			CHECK(strlen(res.searched_from) == 10);
		if (!res.next_cursor)
			break;
		rq.cursor = res.next_cursor;
	}
	CHECK_INT(total, nitems);
	return pages;
}

TEST(search_reads_years_newest_first_and_a_work_bound_never_loses_a_match)
{
	struct fx f;
	char date[11];
	REQUIRE(fx_open(&f));
	/* 100 items every 40 days from 2015: windows of one, two, four years */
	for (int i = 1; i <= 100; i++) {
		REQUIRE(date_add_days("2015-01-01", 40 * (i - 1), date));
		put(&f, "penalty", i, f.natres, date, "行政处罚决定公告", "公告正文。");
	}
	CHECK_INT(page_through(&f, -1, 100), 15);
	/* with the smallest bound pages may end early, but nothing repeats
	 * or goes missing whatever the machine's speed */
	CHECK(page_through(&f, 1, 100) >= 15);
	fx_close(&f);
}

/* Each window is one calendar year, ANDed with that year's tag: an item
 * on the last or the first day of a year is read in its own year's
 * window, none is lost at the edges, and a stop under the work bound
 * names the first day of a year. */
TEST(search_year_windows_find_items_on_both_sides_of_new_year)
{
	struct fx f;
	REQUIRE(fx_open(&f));
	static const char *const days[] = { "2018-12-31", "2019-01-01", "2019-12-31",
					    "2020-01-01", "2020-02-29", "2021-12-31",
					    "2022-01-01" };
	for (int i = 0; i < 7; i++)
		put(&f, "penalty", i + 1, f.natres, days[i], "行政处罚决定公告", "公告正文。");
	CHECK_STR(find(&f, "公告"), "7 6 5 4 3 2 1");
	/* a date range that starts and ends on a year's edges */
	struct search_request rq = { .q = "公告", .limit = 100, .from = "2019-01-01",
				     .to = "2020-01-01" };
	CHECK_STR(found(&f, &rq), "4 3 2");
	/* the smallest bound: one year a page at most, nothing lost */
	struct search_request one = { .q = "公告", .limit = 100, .budget_ms = 1 };
	struct search_result res;
	struct fz_error e = { 0 };
	int total = 0, pages = 0;
	for (;;) {
		REQUIRE(app_search_query(&f.cli, &one, &res, &e) == FZ_OK && ++pages < 50);
		total += (int)res.n;
		if (res.n == 0 && res.next_cursor)
			CHECK(strcmp(res.searched_from + 4, "-01-01") == 0);
		if (!res.next_cursor)
			break;
		one.cursor = res.next_cursor;
	}
	CHECK_INT(total, 7);
	fx_close(&f);
}
