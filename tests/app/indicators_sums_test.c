/* indicators_sums_test.c - the store's side of the indicators read at a
 * province's scope (048_indicator_sums.sql, store/sqlite_indicators_sums.c)
 * that needs no varied record: a bad period or an unknown figure refused
 * in Chinese with nothing read, the matters found in scope by their own
 * index, and a scope's stale marks found alike when few and when many. The figures themselves are compared with judging every case
 * again in indicators_facts_test.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../t.h"
#include "app/indicators.h"
#include "domain/case.h"
#include "fixture.h"
#include "store/store.h"

/* A bad period or an unknown figure is refused in Chinese; nothing is
 * summed or listed. */
TEST(indicator_sums_refuse_a_bad_period_and_an_unknown_figure)
{
	struct fx f;
	struct indicator_sum sums[INDF_COUNT];
	struct fz_error e = { 0 };
	struct app_ctx sup;
	int64_t *ids = NULL;
	size_t n = 7;
	REQUIRE(fx_open(&f));
	fx_as(&f, &sup, ROLE_SUPERVISOR, f.justice);
	const struct indicator_span bad = { 0, "2025-02-30", "2025-12-31", sup.today };
	CHECK(f.st->ops->indicator_sums(f.st, f.a, &sup.scope, &bad, sums, NULL, &e) == FZ_INVALID);
	CHECK_CONTAINS(e.message, "日期应为 YYYY-MM-DD 格式的有效日期");
	CHECK(sums[INDF_REVIEW].den == 0 && sums[INDF_OVERDUE].den == 0);
	CHECK(f.st->ops->indicator_side(f.st, f.a, &sup.scope, &bad, INDF_REVIEW, false, &ids,
					  &n, &e) == FZ_INVALID);
	CHECK(!ids && n == 0);
	const struct indicator_span sp = { 0, "2025-01-01", "2025-12-31", sup.today };
	CHECK(f.st->ops->indicator_side(f.st, f.a, &sup.scope, &sp, INDF_COUNT, true, &ids,
					  &n, &e) == FZ_INVALID);
	CHECK_CONTAINS(e.message, "没有这项指标");
	CHECK(!ids && n == 0);
	fx_close(&f);
}

/* A matter (no party) written through the store. */
static int64_t matter(struct fx *f, int64_t agency, enum case_kind kind, const char *proc)
{
	struct fz_error e = { 0 };
	struct enf_case c = { .agency_id = agency, .procedure = (char *)proc, .kind = kind,
			      .domain = "自然资源", .title = "事项", .party_kind = PARTY_NONE,
			      .party_name = "" };
	struct case_numbering num = { "海原测试", "事项", 2025 };
	if (f->st->ops->case_insert(f->st, f->a, &c, &num, &e)) {
		t_fail(__FILE__, __LINE__, "matter: %s", e.message);
		return 0;
	}
	return c.id;
}

/* The matters the rule-making indicators judge on every read are found
 * by their own index (048), in scope, newest first, never by reading
 * every case of the scope. */
TEST(indicator_matters_are_found_in_scope_by_their_own_index)
{
	struct fx f;
	struct app_ctx head;
	struct fz_error e = { 0 };
	static char plan[4096];
	int64_t *ids = NULL;
	size_t n = 0;
	REQUIRE(fx_open(&f));
	int64_t m1 = matter(&f, f.natres, CASE_NORMATIVE, "normative_document");
	int64_t m2 = matter(&f, f.neighbour, CASE_MAJOR_DECISION, "major_decision");
	int64_t m3 = matter(&f, f.natres, CASE_MAJOR_DECISION, "major_decision");
	REQUIRE(m1 && m2 && m3);
	const struct scope all = { .kind = SCOPE_ALL };
	REQUIRE(f.st->ops->indicator_matters(f.st, f.a, &all, 0, &ids, &n, &e) == FZ_OK);
	REQUIRE(n == 3);
	CHECK(ids[0] == m3 && ids[1] == m2 && ids[2] == m1);
	fx_as(&f, &head, ROLE_HEAD, f.natres);
	REQUIRE(f.st->ops->indicator_matters(f.st, f.a, &head.scope, 0, &ids, &n, &e) ==
		FZ_OK);
	CHECK(n == 2 && ids[0] == m3 && ids[1] == m1);
	REQUIRE(f.st->ops->indicator_matters(f.st, f.a, &all, f.market, &ids, &n, &e) ==
		FZ_OK);
	CHECK_INT((int64_t)n, 0);
	/* the store's condition, as SQLite plans it: by 048's index */
	fx_rows_text(&f,
		     "EXPLAIN QUERY PLAN SELECT c.id FROM agencies a JOIN cases c"
		     " ON c.agency_id = a.id WHERE c.kind IN (5, 6) AND a.id = 1",
		     plan, sizeof plan);
	CHECK_CONTAINS(plan, "cases_matters");
	fx_close(&f);
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* The stale marks of a scope, sorted, as one text. */
static char *stale_text(struct fx *f, const struct scope *sc, char *out, size_t cap)
{
	struct fz_error e = { 0 };
	int64_t *ids = NULL;
	size_t n = 0, o = 0;
	out[0] = '\0';
	if (f->st->ops->indicator_stale(f->st, f->a, sc, &ids, &n, &e) != FZ_OK) {
		t_fail(__FILE__, __LINE__, "stale: %s", e.message);
		return out;
	}
	qsort(ids, n, sizeof *ids, cmp_id);
	for (size_t i = 0; i < n && o + 24 < cap; i++)
		o += (size_t)snprintf(out + o, cap - o, "%lld\n", (long long)ids[i]);
	return out;
}

/* A scope's stale marks are the same whether they are found by walking
 * the marks (few in the database, the usual case) or the scope's cases
 * (many: after 045 or a calendar load): exactly the scope's. */
TEST(indicator_stale_marks_of_a_scope_are_found_both_when_few_and_when_many)
{
	struct fx f;
	struct app_ctx head;
	struct fz_error e = { 0 };
	static char got[65536], want[65536];
	int64_t judged = 0;
	REQUIRE(fx_open(&f));
	fx_as(&f, &head, ROLE_HEAD, f.natres);
	/* more marks than the walk over the marks takes (1024) */
	for (int i = 0; i < 1030; i++)
		REQUIRE(fx_case(&f, i % 3 ? f.natres : f.market, CASE_PENALTY, "penalty_general",
				"标记测试"));
	REQUIRE(fx_count(&f, "indicator_stale") > 1024);
	char sql[256];
	snprintf(sql, sizeof sql,
		 "SELECT x.case_id FROM indicator_stale x JOIN cases c ON c.id = x.case_id"
		 " WHERE c.agency_id = %lld ORDER BY 1",
		 (long long)f.natres);
	fx_rows_text(&f, sql, want, sizeof want);
	CHECK(strlen(want) > 1000);
	CHECK_STR(stale_text(&f, &head.scope, got, sizeof got), want);
	/* judged: none left; then three of the agency's and two of the
	 * market's marked again by a step */
	REQUIRE(app_indicators_job(&f.cli, &judged, &e) == FZ_OK);
	CHECK_INT(fx_count(&f, "indicator_stale"), 0);
	int64_t ours[3], theirs[2];
	for (int i = 0; i < 3; i++)
		ours[i] = fx_case(&f, f.natres, CASE_PENALTY, "penalty_general", "再次标记");
	for (int i = 0; i < 2; i++)
		theirs[i] = fx_case(&f, f.market, CASE_PENALTY, "penalty_general", "再次标记");
	REQUIRE(ours[2] && theirs[1]);
	CHECK_INT(fx_count(&f, "indicator_stale"), 5);
	fx_rows_text(&f, sql, want, sizeof want);
	CHECK_STR(stale_text(&f, &head.scope, got, sizeof got), want);
	snprintf(sql, sizeof sql, "%lld\n%lld\n%lld\n", (long long)ours[0], (long long)ours[1],
		 (long long)ours[2]);
	CHECK_STR(got, sql);
	fx_close(&f);
}
