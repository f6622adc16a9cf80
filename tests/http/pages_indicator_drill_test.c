/* pages_indicator_drill_test.c - the indicators' drill-down pages as
 * working lists (issue 12 §8) on the demo county: each side lists as
 * many rows as its figure counts, on the page and in the CSV and XLSX
 * files, each file audited as list.export; the definition stands above
 * the list; the page size, the jump and the filters hold; each column
 * sorts both ways, keeping the side's rows, in the order the subject's
 * own list gives; unknown sort keys fall back to the usual order; another
 * agency's head never sees a row outside its scope, in the page or the
 * file. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/model.h"
#include "page_fixture.h"
#include "store/store.h"
#include "t.h"

#define PERIOD "from=2020-01-01&to=2030-12-31"

/* Rows of a list page (the cells listkit draws). */
static int64_t page_rows(const char *body)
{
	int64_t n = 0;
	for (const char *s = body; s && (s = strstr(s, "<tr><td data-label=")); s++)
		n++;
	return n;
}

/* Lines after the header of a CSV file. */
static int64_t csv_rows(const char *body)
{
	int64_t n = -1;
	for (const char *s = body; s && *s; s = strchr(s, '\n') ? strchr(s, '\n') + 1 : NULL)
		n++;
	return n;
}

/* "共 N 条" of a list page, -1 when absent. */
static int64_t total_of(const char *body)
{
	const char *s = body ? strstr(body, "页，共 ") : NULL;
	return s ? strtoll(s + strlen("页，共 "), NULL, 10) : -1;
}

/* The case ids a page's rows link to, into ids (up to max). */
static size_t case_ids(const char *body, int64_t *ids, size_t max)
{
	static const char mark[] = "<td data-label=\"案件编号\"><a class=\"mono\" href=\"/cases/";
	size_t n = 0;
	for (const char *s = body; s && (s = strstr(s, mark)) && n < max; s += sizeof mark - 1)
		ids[n++] = strtoll(s + sizeof mark - 1, NULL, 10);
	return n;
}

static json_t *indicators_of(struct t_pages *p, const struct t_browser *b)
{
	struct http_resp r = t_page_get(p, b, "/api/v1/indicators?" PERIOD);
	json_t *j = r.status == 200 ? json_loads(r.body, 0, NULL) : NULL;
	t_resp_free(&r);
	return j;
}

static json_t *indicator(json_t *j, const char *id)
{
	json_t *items = json_object_get(j, "items"), *it;
	size_t i;
	json_array_foreach(items, i, it)
		if (strcmp(json_string_value(json_object_get(it, "id")), id) == 0)
			return it;
	return NULL;
}

/* How many rows a side must list: the ids the API gives for it. */
static int64_t side_count(json_t *it, bool num)
{
	return (int64_t)json_array_size(
		json_object_get(it, num ? "numerator_cases" : "denominator_cases"));
}

/* The figure itself counts those rows, except where it counts something
 * else: days (the averages' numerators), or the investigative steps of
 * two_officers, whose sides are the cases those steps belong to. */
static bool figure_counts_rows(json_t *it, bool num)
{
	const char *id = json_string_value(json_object_get(it, "id"));
	bool average = strcmp(json_string_value(json_object_get(it, "kind")), "average_days") == 0;
	return strcmp(id, "two_officers") != 0 && !(num && average);
}

TEST(indicator_drill_downs_list_and_export_as_many_rows_as_each_figure_counts_audited)
{
	struct t_pages p;
	struct t_browser sup;
	struct audit_list al;
	char path[256];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));
	json_t *j = indicators_of(&p, &sup);
	REQUIRE(j);
	json_t *items = json_object_get(j, "items"), *it;
	REQUIRE(json_array_size(items) > 0);
	size_t i, sides = 0, subjects_seen = 0;
	const char *seen[8] = { 0 };
	json_array_foreach(items, i, it) {
		const char *id = json_string_value(json_object_get(it, "id"));
		for (int s = 0; s < 2; s++) {
			bool num = s == 0;
			int64_t want = side_count(it, num);
			const char *part = num ? "num" : "den";
			int64_t figure = json_integer_value(
				json_object_get(it, num ? "numerator" : "denominator"));
			if (figure_counts_rows(it, num) && figure != want)
				t_fail(__FILE__, __LINE__, "%s %s: figure %lld, %lld rows", id, part,
				       (long long)figure, (long long)want);
			snprintf(path, sizeof path, "/indicators/%s?part=%s&" PERIOD "&size=100", id, part);
			struct http_resp r = t_page_get(&p, &sup, path);
			CHECK_INT(r.status, 200);
			/* the definition stands above the list */
			CHECK_CONTAINS(r.body, json_string_value(json_object_get(
						       it, num ? "numerator_definition"
							       : "denominator_definition")));
			if (page_rows(r.body) != (want < 100 ? want : 100) ||
			    (want > 0 && total_of(r.body) != want))
				t_fail(__FILE__, __LINE__, "%s %s: page %lld rows of %lld, figure %lld",
				       id, part, (long long)page_rows(r.body),
				       (long long)total_of(r.body), (long long)want);
			t_resp_free(&r);
			if (!want)
				continue;
			sides++;
			const char *subject = json_string_value(json_object_get(it, "subject"));
			bool known = false;
			for (size_t k = 0; k < subjects_seen; k++)
				known |= strcmp(seen[k], subject) == 0;
			if (!known && subjects_seen < 8)
				seen[subjects_seen++] = subject;
			/* the file holds every row, not just a page */
			int64_t before = t_pages_audit_id(&p, "list.export");
			snprintf(path, sizeof path, "/indicators/%s?part=%s&" PERIOD "&export=csv", id,
				 part);
			r = t_page_get(&p, &sup, path);
			CHECK_INT(r.status, 200);
			if (csv_rows(r.body) != want)
				t_fail(__FILE__, __LINE__, "%s %s: file %lld rows, figure %lld", id, part,
				       (long long)csv_rows(r.body), (long long)want);
			CHECK_LACKS(r.body, "<span");
			t_resp_free(&r);
			CHECK(t_pages_audit_id(&p, "list.export") > before);
			struct audit_filter f = { .action = "list.export" };
			REQUIRE(p.ts.st->ops->audit_list(p.ts.st, p.ts.a, &f, (struct page){ 0, 1 }, &al,
							 NULL) == FZ_OK &&
				al.n == 1);
			char object[96], rows[48];
			snprintf(object, sizeof object, "indicator_%s_%s", id, part);
			CHECK_STR(al.items[0].object_type, object);
			snprintf(rows, sizeof rows, "%lld 行，CSV", (long long)want);
			CHECK_CONTAINS(al.items[0].message, rows);
			CHECK_CONTAINS(al.items[0].message, "from=2020-01-01");
		}
	}
	/* a figure that counts steps says how many cases its steps are in */
	snprintf(path, sizeof path, "/indicators/two_officers?part=den&" PERIOD);
	struct http_resp r2 = t_page_get(&p, &sup, path);
	it = indicator(j, "two_officers");
	REQUIRE(it);
	if (side_count(it, false) !=
	    json_integer_value(json_object_get(it, "denominator"))) {
		char say[96];
		snprintf(say, sizeof say, "分母为 %lld；下列为其涉及的 %lld 项。",
			 (long long)json_integer_value(json_object_get(it, "denominator")),
			 (long long)side_count(it, false));
		CHECK_CONTAINS(r2.body, say);
	}
	t_resp_free(&r2);
	/* cases, complaints, notices or catalogues: more than one kind of row */
	CHECK(sides >= 4);
	CHECK(subjects_seen >= 2);

	/* XLSX too; a format nobody writes is refused and not recorded */
	int64_t before = t_pages_audit_id(&p, "list.export");
	struct http_resp r = t_page_get(&p, &sup, "/indicators/overdue?part=den&" PERIOD "&export=xlsx");
	CHECK_INT(r.status, 200);
	char h[160];
	CHECK_CONTAINS(t_header(&r, "Content-Type", h, sizeof h), "spreadsheetml");
	CHECK_CONTAINS(t_header(&r, "Content-Disposition", h, sizeof h), "indicator_overdue_den-");
	t_resp_free(&r);
	CHECK(t_pages_audit_id(&p, "list.export") > before);
	before = t_pages_audit_id(&p, "list.export");
	r = t_page_get(&p, &sup, "/indicators/overdue?part=den&" PERIOD "&export=pdf");
	CHECK_INT(r.status, 400);
	t_resp_free(&r);
	CHECK(t_pages_audit_id(&p, "list.export") == before);
	/* the auditor reads which list left the system */
	struct t_browser aud;
	REQUIRE(t_pages_login(&p, "auditor", &aud));
	r = t_page_get(&p, &aud, "/audit?action=list.export");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "监督指标“办理中案件逾期率”分母明细");
	t_resp_free(&r);
	json_decref(j);
	t_pages_stop(&p);
}

TEST(indicator_drill_down_pages_keep_the_period_through_page_size_and_jump)
{
	struct t_pages p;
	struct t_browser sup;
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));
	json_t *j = indicators_of(&p, &sup);
	REQUIRE(j);
	int64_t den = side_count(indicator(j, "overdue"), false);
	json_decref(j);
	REQUIRE(den >= 3);
	struct http_resp r = t_page_get(&p, &sup, "/indicators/overdue?part=den&" PERIOD "&limit=2");
	CHECK_INT(r.status, 200);
	CHECK_INT(page_rows(r.body), 2);
	CHECK_INT(total_of(r.body), den);
	/* the next page and the files keep part, the period and the agency */
	CHECK_CONTAINS(r.body, "href=\"/indicators/overdue?part=den&amp;from=2020-01-01&amp;"
			       "to=2030-12-31&amp;size=2&amp;page=2\" rel=\"next\"");
	CHECK_CONTAINS(r.body, "&amp;export=xlsx\"");
	CHECK_CONTAINS(r.body, "<input type=\"hidden\" name=\"part\" value=\"den\">");
	/* the columns sort, as on the list of cases */
	CHECK_CONTAINS(r.body, "sort=number");
	CHECK_LACKS(r.body, "class=\"nosort\">案件编号</th>");
	t_resp_free(&r);
	/* a page past the end shows the last one; a page that is no number
	 * is a plain refusal */
	r = t_page_get(&p, &sup, "/indicators/overdue?part=den&" PERIOD "&size=20&page=999");
	CHECK_INT(r.status, 200);
	CHECK_INT(page_rows(r.body), den <= 20 ? den : (den - 1) % 20 + 1);
	t_resp_free(&r);
	r = t_page_get(&p, &sup, "/indicators/overdue?part=den&" PERIOD "&page=x");
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "页码应为正整数");
	t_resp_free(&r);
	r = t_page_get(&p, &sup, "/indicators/overdue?part=both&" PERIOD);
	CHECK_INT(r.status, 400);
	t_resp_free(&r);
	t_pages_stop(&p);
}

TEST(indicator_drill_down_never_lists_a_case_outside_the_viewers_scope)
{
	struct t_pages p;
	struct t_browser sup, head;
	int64_t all[100], mine[100];
	char path[96];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));
	REQUIRE(t_pages_login(&p, "head2", &head));
	struct http_resp r =
		t_page_get(&p, &sup, "/indicators/overdue?part=den&" PERIOD "&size=100");
	size_t na = case_ids(r.body, all, 100);
	t_resp_free(&r);
	r = t_page_get(&p, &head, "/indicators/overdue?part=den&" PERIOD "&size=100");
	CHECK_INT(r.status, 200);
	size_t nm = case_ids(r.body, mine, 100);
	int64_t shown = total_of(r.body);
	t_resp_free(&r);
	json_t *j = indicators_of(&p, &head);
	REQUIRE(j);
	CHECK_INT((int64_t)nm, side_count(indicator(j, "overdue"), false));
	json_decref(j);
	CHECK(shown == -1 || shown == (int64_t)nm);
	/* every case the head is shown is one the head may open; the
	 * supervisor's others are out of the head's scope, and absent */
	size_t outside = 0;
	for (size_t k = 0; k < nm; k++) {
		snprintf(path, sizeof path, "/cases/%lld", (long long)mine[k]);
		r = t_page_get(&p, &head, path);
		CHECK_INT(r.status, 200);
		t_resp_free(&r);
	}
	for (size_t k = 0; k < na; k++) {
		bool listed = false;
		for (size_t m = 0; m < nm; m++)
			listed |= mine[m] == all[k];
		if (listed)
			continue;
		snprintf(path, sizeof path, "/cases/%lld", (long long)all[k]);
		r = t_page_get(&p, &head, path);
		CHECK_INT(r.status, 404);
		t_resp_free(&r);
		outside++;
	}
	REQUIRE(outside > 0);
	/* the file: the head's rows only (the case numbers outside are not
	 * in it) */
	r = t_page_get(&p, &sup, "/indicators/overdue?part=den&" PERIOD "&export=csv");
	char *sup_csv = r.body ? strdup(r.body) : NULL;
	t_resp_free(&r);
	REQUIRE(sup_csv);
	r = t_page_get(&p, &head, "/indicators/overdue?part=den&" PERIOD "&export=csv");
	CHECK_INT(r.status, 200);
	CHECK_INT(csv_rows(r.body), (int64_t)nm);
	CHECK(csv_rows(sup_csv) > csv_rows(r.body));
	t_resp_free(&r);
	free(sup_csv);
	t_pages_stop(&p);
}

/* The first cell of each row of a CSV file (after its header), into out
 * (strdup'd, up to max); how many. The first columns here (case number,
 * receipt, notice, catalogue title) hold no comma or quote. */
static size_t csv_firsts(const char *body, char **out, size_t max)
{
	size_t n = 0;
	const char *s = body ? strchr(body, '\n') : NULL;
	while (s && *++s && n < max) {
		size_t len = strcspn(s, ",\r\n");
		out[n++] = strndup(s, len);
		s = strchr(s, '\n');
	}
	return n;
}

static void firsts_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
}

static char **csv_get(struct t_pages *p, const struct t_browser *b, const char *path, size_t *n)
{
	static char *rows[2][6000];
	static int which;
	char **out = rows[which++ & 1];
	struct http_resp r = t_page_get(p, b, path);
	*n = 0;
	if (r.status == 200)
		*n = csv_firsts(r.body, out, 6000);
	else
		t_fail(__FILE__, __LINE__, "%s: status %ld", path, (long)r.status);
	t_resp_free(&r);
	return out;
}

static bool in(char **v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return true;
	return false;
}

/* One side of an indicator sorted by key both ways: the same rows as the
 * side unsorted (which the figure counts), in the order the subject's own
 * working list (list: "/cases" or "/complaints") gives them; desc the
 * exact reverse of asc (every order ends with the id). */
static void side_sorts_like_its_list(struct t_pages *p, const struct t_browser *b,
				     const char *ind, const char *part, const char *list,
				     const char *key)
{
	char path[256];
	size_t nu, na, nd, nl;
	snprintf(path, sizeof path, "/indicators/%s?part=%s&" PERIOD "&export=csv", ind, part);
	char **usual = csv_get(p, b, path, &nu);
	char *keep[6000];
	memcpy(keep, usual, nu * sizeof *keep);
	snprintf(path, sizeof path, "/indicators/%s?part=%s&" PERIOD "&sort=%s&export=csv", ind,
		 part, key);
	char **asc = csv_get(p, b, path, &na);
	char *asc_keep[6000];
	memcpy(asc_keep, asc, na * sizeof *asc_keep);
	snprintf(path, sizeof path, "/indicators/%s?part=%s&" PERIOD "&sort=%s&dir=desc&export=csv",
		 ind, part, key);
	char **desc = csv_get(p, b, path, &nd);
	if (na != nu || nd != nu)
		t_fail(__FILE__, __LINE__, "%s %s by %s: %zu and %zu rows, %zu unsorted", ind, part,
		       key, na, nd, nu);
	for (size_t i = 0; i < na && i < nd && na == nd; i++) {
		if (!in(keep, nu, asc_keep[i]))
			t_fail(__FILE__, __LINE__, "%s %s by %s: %s not in the side", ind, part, key,
			       asc_keep[i]);
		if (strcmp(asc_keep[i], desc[nd - 1 - i]) != 0)
			t_fail(__FILE__, __LINE__, "%s %s by %s: desc is not asc reversed", ind,
			       part, key);
	}
	firsts_free(desc, nd);
	/* the subject's list in the same order, kept to the side's rows */
	snprintf(path, sizeof path, "%s?sort=%s&export=csv", list, key);
	char **all = csv_get(p, b, path, &nl);
	size_t k = 0;
	for (size_t i = 0; i < nl; i++) {
		if (!in(asc_keep, na, all[i]))
			continue;
		if (k >= na || strcmp(all[i], asc_keep[k]) != 0)
			t_fail(__FILE__, __LINE__, "%s %s by %s: row %zu is %s, the list has %s",
			       ind, part, key, k, k < na ? asc_keep[k] : "(none)", all[i]);
		k++;
	}
	if (k != na)
		t_fail(__FILE__, __LINE__, "%s %s by %s: %zu of %zu rows in the list", ind, part,
		       key, k, na);
	firsts_free(all, nl);
	firsts_free(asc_keep, na);
	firsts_free(keep, nu);
}

TEST(indicator_drill_downs_sort_by_every_column_keeping_the_figures_rows)
{
	static const char *const case_keys[] = { "number", "title", "party",
						 "procedure", "state", "due" };
	static const char *const complaint_keys[] = { "receipt", "received", "agency",
						      "state", "handler", "due" };
	struct t_pages p;
	struct t_browser sup;
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));
	json_t *j = indicators_of(&p, &sup);
	REQUIRE(j);
	REQUIRE(side_count(indicator(j, "overdue"), false) >= 3);
	REQUIRE(side_count(indicator(j, "norm_legality"), false) >= 2);
	REQUIRE(side_count(indicator(j, "complaints"), false) >= 2);
	json_decref(j);
	for (size_t i = 0; i < sizeof case_keys / sizeof case_keys[0]; i++) {
		side_sorts_like_its_list(&p, &sup, "overdue", "den", "/cases", case_keys[i]);
		/* matters (normative documents) are cases too */
		side_sorts_like_its_list(&p, &sup, "norm_legality", "den", "/cases", case_keys[i]);
	}
	for (size_t i = 0; i < sizeof complaint_keys / sizeof complaint_keys[0]; i++)
		side_sorts_like_its_list(&p, &sup, "complaints", "den", "/complaints",
					 complaint_keys[i]);

	/* the page marks the column and offers the reverse */
	struct http_resp r = t_page_get(&p, &sup, "/indicators/overdue?part=den&" PERIOD
						  "&sort=title&dir=desc&size=50&page=1");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "aria-sort=\"descending\"");
	t_resp_free(&r);

	/* a key no column has: the usual order, no column marked, as on
	 * every list; an odd direction is ascending */
	struct http_resp usual = t_page_get(&p, &sup, "/indicators/overdue?part=den&" PERIOD);
	r = t_page_get(&p, &sup, "/indicators/overdue?part=den&" PERIOD
				 "&sort=c.id%3B%20DROP%20TABLE%20cases&dir=desc");
	CHECK_INT(r.status, 200);
	CHECK_LACKS(r.body, "aria-sort");
	CHECK_STR(strstr(r.body, "<tbody>"), strstr(usual.body, "<tbody>"));
	t_resp_free(&r);
	t_resp_free(&usual);
	r = t_page_get(&p, &sup, "/indicators/complaints?part=den&" PERIOD "&sort=receipt&dir=up");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "aria-sort=\"ascending\"");
	t_resp_free(&r);

	/* notices and catalogues sort too, keeping their rows (the demo has
	 * no notice in the period: the columns still sort) */
	const char *other[][2] = { { "rectification", "id" }, { "rectification", "issued" },
				   { "decision_catalogue", "title" },
				   { "decision_catalogue", "year" } };
	for (size_t i = 0; i < sizeof other / sizeof other[0]; i++) {
		char path[256];
		snprintf(path, sizeof path, "/indicators/%s?part=den&" PERIOD "&sort=%s&export=csv",
			 other[i][0], other[i][1]);
		size_t n, nu;
		char **sorted = csv_get(&p, &sup, path, &n);
		firsts_free(sorted, n);
		snprintf(path, sizeof path, "/indicators/%s?part=den&" PERIOD "&export=csv",
			 other[i][0]);
		char **plain = csv_get(&p, &sup, path, &nu);
		firsts_free(plain, nu);
		CHECK_INT((int64_t)n, (int64_t)nu);
		snprintf(path, sizeof path, "/indicators/%s?part=den&" PERIOD "&sort=%s", other[i][0],
			 other[i][1]);
		r = t_page_get(&p, &sup, path);
		CHECK_INT(r.status, 200);
		if (n) /* an empty list draws no table */
			CHECK_CONTAINS(r.body, "aria-sort=\"ascending\"");
		t_resp_free(&r);
	}
	t_pages_stop(&p);
}

/* The figures alone (?cases=0, and the page, which lists no side) are
 * those the API gives with every side's ids; an odd value of cases is
 * refused in Chinese. */
TEST(indicator_figures_alone_equal_those_given_with_their_cases)
{
	struct t_pages p;
	struct t_browser sup;
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));
	json_t *with = indicators_of(&p, &sup);
	struct http_resp r = t_page_get(&p, &sup, "/api/v1/indicators?" PERIOD "&cases=0");
	CHECK_INT(r.status, 200);
	json_t *alone = r.status == 200 ? json_loads(r.body, 0, NULL) : NULL;
	t_resp_free(&r);
	struct http_resp page = t_page_get(&p, &sup, "/indicators?" PERIOD);
	CHECK_INT(page.status, 200);
	REQUIRE(with && alone && page.body);
	json_t *it;
	size_t i, counted = 0;
	json_array_foreach(json_object_get(with, "items"), i, it) {
		const char *id = json_string_value(json_object_get(it, "id"));
		json_t *other = indicator(alone, id);
		REQUIRE(other);
		CHECK(!json_object_get(other, "numerator_cases") &&
		      !json_object_get(other, "denominator_cases"));
		for (int s = 0; s < 2; s++) {
			const char *key = s ? "denominator" : "numerator";
			json_int_t v = json_integer_value(json_object_get(it, key));
			CHECK_INT(json_integer_value(json_object_get(other, key)), v);
			if (json_integer_value(json_object_get(it, "max")) !=
			    json_integer_value(json_object_get(other, "max")))
				t_fail(__FILE__, __LINE__, "%s: longest differs", id);
			char link[200];
			snprintf(link, sizeof link, "/indicators/%s?part=%s&amp;from=2020-01-01&amp;"
				 "to=2030-12-31&amp;agency=0\">%lld</a>", id, s ? "den" : "num",
				 (long long)v);
			if (!strstr(page.body, link))
				t_fail(__FILE__, __LINE__, "the page lacks %s", link);
			counted += v != 0;
		}
	}
	CHECK(counted >= 10); /* the demo counts on most sides */
	t_resp_free(&page);
	r = t_page_get(&p, &sup, "/api/v1/indicators?" PERIOD "&cases=all");
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "是否附上案件 id 应为 0");
	t_resp_free(&r);
	json_decref(with);
	json_decref(alone);
	t_pages_stop(&p);
}
