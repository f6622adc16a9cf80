/* pages_case_list_test.c - the case list (我的案件) on the demo county:
 * paging that is stable (every case once, page N the same as its
 * offset), jumps to a page and keeps the filters; the state filter
 * grouped by procedure; the workbench's counts (待我办理, 3个工作日内到期,
 * 已逾期) equal the lists they link to and, for 已逾期, each case's own
 * computation. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "page_fixture.h"
#include "store/store.h"
#include "t.h"

static const struct scope all = { .kind = SCOPE_ALL };

/* "共 N 条" of a list page, 0 for the empty list's message (the pager
 * shows only under rows), -1 when neither. */
static int64_t total_of(const char *body)
{
	const char *s = body ? strstr(body, "页，共 ") : NULL;
	if (!s && body && (strstr(body, "<p class=\"empty\">没有符合条件的案件。</p>") ||
			   strstr(body, "<p class=\"empty\">暂无等待办理的案件。</p>")))
		return 0;
	return s ? strtoll(s + strlen("页，共 "), NULL, 10) : -1;
}

/* The case ids of a list page's rows, in order, into ids (up to max). */
static size_t row_ids(const char *body, int64_t *ids, size_t max)
{
	static const char mark[] = "<a class=\"mono\" href=\"/cases/";
	size_t n = 0;
	for (const char *s = body; s && (s = strstr(s, mark)) && n < max; s += sizeof mark - 1)
		ids[n++] = strtoll(s + sizeof mark - 1, NULL, 10);
	return n;
}

/* Adds a page's k case ids to the n seen (at most 200), failing for one
 * seen already: every case is on one page only. */
static void add_once(int64_t *seen, size_t *n, const int64_t *ids, size_t k)
{
	for (size_t i = 0; i < k && *n < 200; i++) {
		for (size_t j = 0; j < *n; j++)
			if (seen[j] == ids[i])
				t_fail(__FILE__, __LINE__, "case %lld on two pages", (long long)ids[i]);
		seen[(*n)++] = ids[i];
	}
}

/* The number on a workbench tile linking to href, -1 when absent. */
static int64_t tile(const char *body, const char *href)
{
	char want[128];
	snprintf(want, sizeof want, "href=\"%s\"><strong>", href);
	const char *s = strstr(body, want);
	return s ? strtoll(s + strlen(want), NULL, 10) : -1;
}

TEST(case_list_pages_hold_every_case_once_and_jump_to_a_page_with_the_filters)
{
	struct t_pages p;
	struct t_browser sup;
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));
	struct http_resp r = t_page_get(&p, &sup, "/cases?limit=3");
	CHECK_INT(r.status, 200);
	int64_t total = total_of(r.body);
	t_resp_free(&r);
	REQUIRE(total >= 12);
	int64_t seen[200];
	size_t n = 0;
	char url[96];
	for (int64_t page = 1; (page - 1) * 3 < total; page++) {
		snprintf(url, sizeof url, "/cases?limit=3&page=%lld", (long long)page);
		r = t_page_get(&p, &sup, url);
		CHECK_INT(r.status, 200);
		int64_t ids[3], same[3];
		size_t k = row_ids(r.body, ids, 3);
		CHECK(k == 3 || (page - 1) * 3 + (int64_t)k == total);
		t_resp_free(&r);
		/* page N is offset (N-1) x limit */
		snprintf(url, sizeof url, "/cases?limit=3&offset=%lld", (long long)(page - 1) * 3);
		r = t_page_get(&p, &sup, url);
		CHECK(row_ids(r.body, same, 3) == k && !memcmp(ids, same, k * sizeof *ids));
		t_resp_free(&r);
		add_once(seen, &n, ids, k);
	}
	CHECK_INT((int64_t)n, total);
	/* the pager: where we are, the last page, the jump form carrying the
	 * filters and the page size */
	r = t_page_get(&p, &sup, "/cases?closed=open&limit=2&page=2");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "第 2 / ");
	CHECK_CONTAINS(r.body, "rel=\"last\"");
	CHECK_CONTAINS(r.body, "<input type=\"hidden\" name=\"closed\" value=\"open\">");
	CHECK_CONTAINS(r.body, "name=\"page\" min=\"1\"");
	CHECK_CONTAINS(r.body, "<option value=\"50\">50 条</option>");
	/* the one pager (listkit): an older link's limit= becomes size= */
	CHECK_CONTAINS(r.body, "href=\"/cases?closed=open&amp;size=2\" rel=\"first\"");
	CHECK_CONTAINS(r.body, "href=\"/cases?closed=open&amp;size=2&amp;page=3\" rel=\"next\"");
	t_resp_free(&r);
	/* a page that is not a number is a plain 400 */
	r = t_page_get(&p, &sup, "/cases?page=0");
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "页码应为正整数");
	t_resp_free(&r);
	t_pages_stop(&p);
}

TEST(case_state_filter_is_grouped_by_procedure_and_narrows_to_that_procedures_step)
{
	struct t_pages p;
	struct t_browser sup;
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));
	struct http_resp r = t_page_get(&p, &sup, "/cases");
	CHECK_CONTAINS(r.body, "<optgroup label=\"行政处罚（普通程序）\">");
	CHECK_CONTAINS(r.body, "<option value=\"penalty_general:decision\">");
	CHECK_CONTAINS(r.body, "<optgroup label=\"行政检查\">");
	t_resp_free(&r);
	/* one procedure chosen: only its group */
	r = t_page_get(&p, &sup, "/cases?procedure=penalty_general");
	CHECK_CONTAINS(r.body, "<optgroup label=\"行政处罚（普通程序）\">");
	CHECK(!strstr(r.body, "<optgroup label=\"行政检查\">"));
	t_resp_free(&r);
	/* the state of one procedure: exactly the store's cases in it */
	struct case_list l;
	struct case_filter f = { .procedure = "penalty_general", .state = "decision" };
	REQUIRE(p.ts.st->ops->case_list(p.ts.st, p.ts.a, &all, &f, (struct page){ 0, 1 }, &l,
					NULL) == FZ_OK);
	REQUIRE(l.total > 0);
	r = t_page_get(&p, &sup, "/cases?state=penalty_general%3Adecision");
	CHECK_INT(r.status, 200);
	CHECK_INT(total_of(r.body), l.total);
	CHECK_CONTAINS(r.body, "<option value=\"penalty_general:decision\" selected>");
	t_resp_free(&r);
	t_pages_stop(&p);
}

/* Open cases of the account's scope the API calls overdue one by one
 * (each case's own clocks: GET /api/v1/cases/{id}). */
static int64_t overdue_one_by_one(struct t_pages *p, const struct t_browser *b)
{
	struct http_resp r = t_http(&p->ts, "GET", "/api/v1/cases?closed=false&limit=200",
				    b->token, NULL, NULL);
	json_t *j = json_loads(r.body, 0, NULL);
	t_resp_free(&r);
	int64_t n = 0;
	json_t *items = json_object_get(j, "items"), *it;
	size_t i;
	json_array_foreach(items, i, it) {
		char url[64];
		snprintf(url, sizeof url, "/api/v1/cases/%lld",
			 (long long)json_integer_value(json_object_get(it, "id")));
		struct http_resp one = t_http(&p->ts, "GET", url, b->token, NULL, NULL);
		json_t *c = json_loads(one.body, 0, NULL);
		bool late = json_is_true(json_object_get(c, "overdue"));
		/* the list's flag (from the derived status) says the same */
		CHECK(late == json_is_true(json_object_get(it, "overdue")));
		n += late;
		json_decref(c);
		t_resp_free(&one);
	}
	json_decref(j);
	return n;
}

TEST(workbench_counts_equal_the_lists_they_link_to_and_each_cases_own_clocks)
{
	struct t_pages p;
	const char *who[] = { "officer1", "head1", "reviewer1", "supervisor" };
	REQUIRE(t_pages_start(&p));
	for (size_t k = 0; k < sizeof who / sizeof who[0]; k++) {
		struct t_browser b;
		REQUIRE(t_pages_login(&p, who[k], &b));
		struct http_resp w = t_page_get(&p, &b, "/workbench");
		CHECK_INT(w.status, 200);
		const char *links[] = { "/cases?todo=mine", "/cases?due=soon&amp;closed=open",
					"/cases?due=overdue&amp;closed=open" };
		const char *paths[] = { "/cases?todo=mine", "/cases?due=soon&closed=open",
					"/cases?due=overdue&closed=open" };
		int64_t counts[3];
		for (int i = 0; i < 3; i++) {
			counts[i] = tile(w.body, links[i]);
			if (counts[i] < 0)
				t_fail(__FILE__, __LINE__, "%s: no tile %s", who[k], links[i]);
			struct http_resp l = t_page_get(&p, &b, paths[i]);
			CHECK_INT(l.status, 200);
			CHECK_INT(total_of(l.body), counts[i]);
			t_resp_free(&l);
		}
		CHECK_CONTAINS(w.body, "件待我办理");
		CHECK_CONTAINS(w.body, "件3个工作日内到期");
		CHECK_CONTAINS(w.body, "件已逾期");
		/* the head takes only the head's steps: waiting for me is the
		 * approval queue */
		if (!strcmp(who[k], "head1")) {
			struct http_resp q = t_page_get(&p, &b, "/queue/approval");
			CHECK(counts[0] > 0);
			CHECK_INT(counts[0], total_of(q.body));
			t_resp_free(&q);
		}
		CHECK_INT(counts[2], overdue_one_by_one(&p, &b));
		if (!strcmp(who[k], "officer1"))
			CHECK(counts[2] > 0); /* the demo has overdue cases */
		t_resp_free(&w);
	}
	t_pages_stop(&p);
}

/* The case numbers of a list page's rows, in order (up to max, each at
 * most 63 bytes). */
static size_t row_numbers(const char *body, char (*out)[64], size_t max)
{
	static const char mark[] = "<a class=\"mono\" href=\"/cases/";
	size_t n = 0;
	for (const char *s = body; s && (s = strstr(s, mark)) && n < max; s += sizeof mark - 1) {
		const char *v = strchr(s, '>') + 1, *end = strchr(v, '<');
		size_t len = (size_t)(end - v) < 63 ? (size_t)(end - v) : 63;
		memcpy(out[n], v, len);
		out[n++][len] = '\0';
	}
	return n;
}

/* Lines of a CSV body after its head line (rows hold no line breaks). */
static int64_t csv_lines(const char *body)
{
	int64_t n = -1;
	for (const char *s = body; s && *s; s = strchr(s, '\n') ? strchr(s, '\n') + 1 : NULL)
		n++;
	return n;
}

TEST(case_list_sorts_by_a_column_both_ways_and_keeps_its_filters)
{
	struct t_pages p;
	struct t_browser sup;
	char nums[100][64];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));
	struct http_resp r = t_page_get(&p, &sup, "/cases?closed=open&sort=number&size=50");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "aria-sort=\"ascending\"");
	size_t n = row_numbers(r.body, nums, 100);
	REQUIRE(n >= 3);
	for (size_t i = 1; i < n; i++)
		if (strcmp(nums[i - 1], nums[i]) > 0)
			t_fail(__FILE__, __LINE__, "%s before %s ascending", nums[i - 1], nums[i]);
	/* the header reverses; the filter and the size ride along */
	CHECK_CONTAINS(r.body, "href=\"/cases?closed=open&amp;sort=number&amp;dir=desc&amp;size=50\"");
	CHECK_CONTAINS(r.body, "<input type=\"hidden\" name=\"sort\" value=\"number\">");
	int64_t total = total_of(r.body);
	t_resp_free(&r);
	r = t_page_get(&p, &sup, "/cases?closed=open&sort=number&dir=desc&size=50");
	CHECK_INT(total_of(r.body), total);
	n = row_numbers(r.body, nums, 100);
	for (size_t i = 1; i < n; i++)
		if (strcmp(nums[i - 1], nums[i]) < 0)
			t_fail(__FILE__, __LINE__, "%s before %s descending", nums[i - 1], nums[i]);
	t_resp_free(&r);
	/* by due date: every case with a running duty before those without */
	r = t_page_get(&p, &sup, "/cases?closed=open&sort=due&size=100");
	CHECK_INT(r.status, 200);
	const char *first_dash = strstr(r.body, "<span class=\"muted\">—</span>");
	const char *last_badge = NULL;
	for (const char *s = r.body; (s = strstr(s, "<span class=\"badge ")); s++)
		last_badge = s;
	if (first_dash && last_badge)
		CHECK(last_badge < first_dash);
	t_resp_free(&r);
	/* an unknown column is the usual order, not an error */
	r = t_page_get(&p, &sup, "/cases?sort=nonsense");
	CHECK_INT(r.status, 200);
	CHECK_LACKS(r.body, "aria-sort=");
	t_resp_free(&r);
	t_pages_stop(&p);
}

TEST(case_list_and_queue_export_their_filtered_rows_audited_and_refuse_a_bad_format)
{
	struct t_pages p;
	struct t_browser sup, head;
	char h[160];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));
	struct http_resp r = t_page_get(&p, &sup, "/cases?closed=open");
	int64_t total = total_of(r.body);
	REQUIRE(total > 0);
	CHECK_CONTAINS(r.body, "href=\"/cases?closed=open&amp;export=xlsx\"");
	t_resp_free(&r);
	CHECK(t_pages_audit_id(&p, "list.export") == 0);
	r = t_page_get(&p, &sup, "/cases?closed=open&export=csv");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(t_header(&r, "Content-Type", h, sizeof h), "text/csv");
	CHECK_CONTAINS(t_header(&r, "Content-Disposition", h, sizeof h), "cases-");
	CHECK_CONTAINS(r.body, "\"案件编号\",\"案由\",\"当事人\",\"程序\",\"状态\",\"期限\"");
	CHECK_LACKS(r.body, "待办理");
	CHECK_LACKS(r.body, "<span");
	CHECK_LACKS(r.body, "已结案"); /* the filter holds in the file */
	CHECK_INT(csv_lines(r.body), total);
	t_resp_free(&r);
	CHECK(t_pages_audit_id(&p, "list.export") > 0);
	r = t_page_get(&p, &sup, "/cases?export=pdf");
	CHECK_INT(r.status, 400);
	t_resp_free(&r);

	/* the head's queue: its own column, in the page and the file */
	REQUIRE(t_pages_login(&p, "head1", &head));
	r = t_page_get(&p, &head, "/queue/approval?sort=number&dir=desc");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "<th scope=\"col\" class=\"nosort\">待办理</th>");
	CHECK_CONTAINS(r.body, "aria-sort=\"descending\"");
	int64_t queued = total_of(r.body);
	REQUIRE(queued > 0);
	t_resp_free(&r);
	r = t_page_get(&p, &head, "/queue/approval?export=csv");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(t_header(&r, "Content-Disposition", h, sizeof h), "queue_approval-");
	CHECK_CONTAINS(r.body, "\"期限\",\"待办理\"");
	CHECK_INT(csv_lines(r.body), queued);
	t_resp_free(&r);
	t_pages_stop(&p);
}

/* total and total_more of a JSON list; total -1 when not a list. */
static int64_t api_total(struct t_pages *p, const struct t_browser *b, const char *path,
			 bool *more, size_t *n)
{
	struct http_resp r = t_http(&p->ts, "GET", path, b->token, NULL, NULL);
	json_t *j = r.status == 200 ? json_loads(r.body, 0, NULL) : NULL;
	int64_t total = -1;
	*more = false;
	*n = 0;
	if (j && json_is_integer(json_object_get(j, "total")) &&
	    json_is_boolean(json_object_get(j, "total_more"))) {
		total = json_integer_value(json_object_get(j, "total"));
		*more = json_is_true(json_object_get(j, "total_more"));
		*n = json_array_size(json_object_get(j, "items"));
	}
	json_decref(j);
	t_resp_free(&r);
	return total;
}

/* The count of a list stops at app_config.case_count_max (or the depth of
 * the page asked): the API flags its total as a lower bound, the page says
 * "超过 N 条" and pages on by 下一页 to the end, where the count is exact
 * again; every case is still on exactly one page; below the bound the
 * totals are the record's, and the file counts exactly. */
TEST(case_list_count_stops_at_its_bound_says_so_and_still_pages_to_the_end)
{
	struct t_pages p;
	struct t_browser sup;
	bool more;
	size_t n;
	char url[96];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));
	/* the default bound is far above the demo: exact, as the record */
	struct case_list l;
	REQUIRE(p.ts.st->ops->case_list(p.ts.st, p.ts.a, &all, NULL, (struct page){ 0, 1 }, &l,
					NULL) == FZ_OK);
	int64_t exact = l.total;
	REQUIRE(exact >= 12);
	CHECK_INT(api_total(&p, &sup, "/api/v1/cases?limit=3", &more, &n), exact);
	CHECK(!more);
	struct http_resp r = t_page_get(&p, &sup, "/cases?limit=3");
	CHECK_INT(total_of(r.body), exact);
	t_resp_free(&r);

	/* a bound of 5 */
	p.ts.cfg.case_count_max = 5;
	REQUIRE(t_server_restart(&p.ts, 0));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));
	CHECK_INT(api_total(&p, &sup, "/api/v1/cases?limit=3", &more, &n), 5);
	CHECK(more);
	CHECK_INT(n, 3);
	/* a deeper page counts as deep as itself */
	CHECK_INT(api_total(&p, &sup, "/api/v1/cases?limit=3&offset=6", &more, &n), 9);
	CHECK(more && n == 3);
	/* the last page is short: exact */
	snprintf(url, sizeof url, "/api/v1/cases?limit=3&offset=%lld", (long long)exact - 2);
	CHECK_INT(api_total(&p, &sup, url, &more, &n), exact);
	CHECK(!more && n == 2);
	/* a filter with fewer cases than the bound: exact */
	CHECK_INT(api_total(&p, &sup, "/api/v1/cases?limit=3&q=%E4%B8%8D%E5%AD%98%E5%9C%A8", &more,
			    &n),
		  0);
	CHECK(!more);
	/* the queues answer the same envelope */
	CHECK(api_total(&p, &sup, "/api/v1/queues/review", &more, &n) >= 0);

	/* the page: no last page, no jump bound, the next page linked */
	r = t_page_get(&p, &sup, "/cases?limit=3");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "<span>第 1 页，超过 5 条</span>");
	CHECK_CONTAINS(r.body, "href=\"/cases?size=3&amp;page=2\" rel=\"next\"");
	CHECK_LACKS(r.body, "rel=\"last\"");
	CHECK_LACKS(r.body, "name=\"page\" min=\"1\" max=");
	CHECK_CONTAINS(r.body, "导出当前筛选条件下的全部记录（超过 5 条，不止本页）");
	t_resp_free(&r);
	/* 下一页 to the end: every case once, the last page exact */
	int64_t seen[200];
	size_t got = 0;
	bool next = true;
	for (int64_t page = 1; next && page < 100; page++) {
		snprintf(url, sizeof url, "/cases?limit=3&page=%lld", (long long)page);
		r = t_page_get(&p, &sup, url);
		CHECK_INT(r.status, 200);
		int64_t ids[3];
		size_t k = row_ids(r.body, ids, 3);
		add_once(seen, &got, ids, k);
		snprintf(url, sizeof url, "&amp;page=%lld\" rel=\"next\"", (long long)page + 1);
		next = strstr(r.body, url) != NULL;
		if (!next)
			CHECK_INT(total_of(r.body), exact);
		t_resp_free(&r);
	}
	CHECK_INT((int64_t)got, exact);
	/* a jump past the end lands on the last page, counted exactly */
	r = t_page_get(&p, &sup, "/cases?limit=3&page=999");
	CHECK_INT(r.status, 200);
	CHECK_INT(total_of(r.body), exact);
	CHECK_CONTAINS(r.body, "<span>第 ");
	t_resp_free(&r);
	/* the file holds every case, whatever the bound */
	r = t_page_get(&p, &sup, "/cases?export=csv");
	CHECK_INT(r.status, 200);
	CHECK_INT(csv_lines(r.body), exact);
	t_resp_free(&r);
	t_pages_stop(&p);
}
