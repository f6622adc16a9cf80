/* pages_lists_test.c - the working lists (http/listkit.c) on the demo
 * county: every sortable column sorts and reverses, unknown sort keys and
 * odd page sizes do no harm, filters survive sort and page links, and the
 * CSV and XLSX files hold exactly the filtered rows in the viewer's scope
 * and masking, formula cells neutralised, every export audited. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit_names.h"
#include "page_fixture.h"
#include "t.h"

#define MAXROWS 2000

/* The rows of a CSV answer (after the BOM and the header), each a line
 * of the body cut in place; *head gets the header line. */
static size_t csv_rows(char *body, char **head, char **rows)
{
	size_t n = 0;
	char *p = body;
	if (strncmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	*head = NULL;
	while (*p) {
		char *end = strstr(p, "\r\n");
		if (end)
			*end = '\0';
		if (!*head)
			*head = p;
		else if (n < MAXROWS)
			rows[n++] = p;
		if (!end)
			break;
		p = end + 2;
	}
	return n;
}

/* Field k (0-based) of a CSV line whose fields are all quoted, unquoted
 * into out. */
static const char *csv_field(const char *line, size_t k, char *out, size_t cap)
{
	const char *p = line;
	size_t o = 0;
	for (size_t i = 0; i <= k; i++) {
		o = 0;
		if (*p != '"')
			break;
		p++;
		for (; *p; p++) {
			if (*p == '"' && p[1] == '"') {
				if (o + 1 < cap)
					out[o++] = '"';
				p++;
			} else if (*p == '"') {
				p++;
				break;
			} else if (o + 1 < cap) {
				out[o++] = *p;
			}
		}
		if (*p == ',')
			p++;
	}
	out[o] = '\0';
	return out;
}

/* "共 N 条" on the page. */
static long long page_total(const char *body)
{
	const char *p = strstr(body, "页，共 ");
	return p ? strtoll(p + strlen("页，共 "), NULL, 10) : -1;
}

struct sorted_case {
	const char *list;  /* "/officers?x=y" (with a query) */
	const char *key;
	int col;           /* the column whose text is the sort value, or -1 */
};

/* Sorting by key ascending and descending gives the same rows, one the
 * exact reverse of the other (the files hold every row, in the page's
 * order); where the column shows the sorted value, ascending is ordered. */
static void check_reverses(struct t_pages *p, const struct t_browser *b,
			   const struct sorted_case *sc)
{
	char path[256], v1[256], v2[256];
	static char *asc[MAXROWS], *desc[MAXROWS];
	char *head;
	snprintf(path, sizeof path, "%s&sort=%s&export=csv", sc->list, sc->key);
	struct http_resp ra = t_page_get(p, b, path);
	snprintf(path, sizeof path, "%s&sort=%s&dir=desc&export=csv", sc->list, sc->key);
	struct http_resp rd = t_page_get(p, b, path);
	CHECK_INT(ra.status, 200);
	CHECK_INT(rd.status, 200);
	size_t na = csv_rows(ra.body, &head, asc), nd = csv_rows(rd.body, &head, desc);
	if (na != nd || na < 2)
		t_fail(__FILE__, __LINE__, "%s sort=%s: %zu rows up, %zu down", sc->list, sc->key,
		       na, nd);
	for (size_t i = 0; i < na && na == nd; i++)
		if (strcmp(asc[i], desc[na - 1 - i]) != 0) {
			t_fail(__FILE__, __LINE__, "%s sort=%s: row %zu is not the reverse: %s / %s",
			       sc->list, sc->key, i, asc[i], desc[na - 1 - i]);
			break;
		}
	for (size_t i = 1; sc->col >= 0 && i < na; i++)
		if (strcmp(csv_field(asc[i - 1], (size_t)sc->col, v1, sizeof v1),
			   csv_field(asc[i], (size_t)sc->col, v2, sizeof v2)) > 0) {
			t_fail(__FILE__, __LINE__, "%s sort=%s: %s before %s", sc->list, sc->key,
			       v1, v2);
			break;
		}
	t_resp_free(&ra);
	t_resp_free(&rd);
}

TEST(every_sortable_column_of_every_list_sorts_and_reverses)
{
	struct t_pages p;
	struct t_browser sup, adm, aud;
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));
	REQUIRE(t_pages_login(&p, "sysadmin", &adm));
	REQUIRE(t_pages_login(&p, "auditor", &aud));
	static const struct sorted_case sup_cases[] = {
		{ "/officers?x=", "name", 0 },	 { "/officers?x=", "agency", 1 },
		{ "/officers?x=", "kind", -1 },	 { "/officers?x=", "reviewer", -1 },
		{ "/officers?x=", "active", -1 },
		{ "/certificates?x=", "number", 0 },	{ "/certificates?x=", "holder", 1 },
		{ "/certificates?x=", "agency", 2 },	{ "/certificates?x=", "valid_until", 3 },
		{ "/certificates?x=", "status", -1 },
		{ "/complaints?x=", "receipt", 0 },	{ "/complaints?x=", "received", 1 },
		{ "/complaints?x=", "agency", 3 },	{ "/complaints?x=", "state", -1 },
		{ "/complaints?x=", "handler", -1 },	{ "/complaints?x=", "due", -1 },
		{ "/evaluation-files?x=", "case", 0 },	{ "/evaluation-files?x=", "agency", 2 },
		{ "/evaluation-files?x=", "evaluator", -1 }, { "/evaluation-files?x=", "total", -1 },
		{ "/evaluation-files?x=", "grade", -1 }, { "/evaluation-files?x=", "scored_on", 6 },
	};
	for (size_t i = 0; i < sizeof sup_cases / sizeof sup_cases[0]; i++)
		check_reverses(&p, &sup, &sup_cases[i]);
	static const struct sorted_case adm_cases[] = {
		{ "/users?x=", "username", 0 }, { "/users?x=", "name", 1 },
		{ "/users?x=", "agency", -1 },	{ "/users?x=", "state", -1 },
	};
	for (size_t i = 0; i < sizeof adm_cases / sizeof adm_cases[0]; i++)
		check_reverses(&p, &adm, &adm_cases[i]);
	/* the audit log grows with each export: a filter that exports add
	 * nothing to */
	static const struct sorted_case aud_cases[] = {
		{ "/audit?action=certificate.", "at", 0 },
		{ "/audit?action=certificate.", "actor", 1 },
		{ "/audit?action=certificate.", "action", -1 },
		{ "/audit?action=certificate.", "object", -1 },
		{ "/audit?action=certificate.", "result", -1 },
	};
	for (size_t i = 0; i < sizeof aud_cases / sizeof aud_cases[0]; i++)
		check_reverses(&p, &aud, &aud_cases[i]);

	/* the page shows the same order as the file, and says which column */
	struct http_resp r = t_page_get(&p, &sup, "/certificates?sort=number&dir=desc");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "aria-sort=\"descending\"");
	/* the sorted header's link reverses it */
	CHECK_CONTAINS(r.body, "href=\"/certificates?sort=number\"");
	struct http_resp f = t_page_get(&p, &sup, "/certificates?sort=number&dir=desc&export=csv");
	char *head, *rows[MAXROWS], first[64], needle[96];
	REQUIRE(csv_rows(f.body, &head, rows) > 0);
	csv_field(rows[0], 0, first, sizeof first);
	snprintf(needle, sizeof needle, "<tbody>\n<tr><td data-label=\"证号\" class=\"mono\">"
					"<a href=\"/certificates/");
	const char *tb = strstr(r.body, needle);
	if (!tb)
		t_fail(__FILE__, __LINE__, "%.400s", strstr(r.body, "<tbody>"));
	REQUIRE(tb);
	const char *num = strstr(tb + strlen(needle), "\">");
	REQUIRE(num);
	CHECK(strncmp(num + 2, first, strlen(first)) == 0);
	t_resp_free(&f);
	t_resp_free(&r);
	t_pages_stop(&p);
}

TEST(unknown_sort_key_and_odd_page_sizes_fall_back_without_error)
{
	struct t_pages p;
	struct t_browser sup;
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));
	struct http_resp usual = t_page_get(&p, &sup, "/officers");
	CHECK_INT(usual.status, 200);
	/* text that is no column's key: the usual order, no column marked */
	struct http_resp r = t_page_get(&p, &sup, "/officers?sort=p.name%3B%20DROP%20TABLE%20people&dir=desc");
	CHECK_INT(r.status, 200);
	CHECK_LACKS(r.body, "aria-sort");
	CHECK_STR(strstr(r.body, "<tbody>"), strstr(usual.body, "<tbody>"));
	t_resp_free(&r);
	r = t_page_get(&p, &sup, "/officers?sort=name&dir=sideways");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "aria-sort=\"ascending\"");
	t_resp_free(&r);
	t_resp_free(&usual);

	/* page sizes that are no whole number from 1 to 100 are 20; 50 is 50 */
	const char *odd[] = { "/officers?size=0", "/officers?size=100000", "/officers?size=-5",
			      "/officers?size=abc", "/officers?size=7x" };
	for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++) {
		r = t_page_get(&p, &sup, odd[i]);
		CHECK_INT(r.status, 200);
		CHECK_CONTAINS(r.body, "<option value=\"20\" selected>");
		CHECK_CONTAINS(r.body, "第 1 / ");
		t_resp_free(&r);
	}
	r = t_page_get(&p, &sup, "/officers?size=50");
	CHECK_CONTAINS(r.body, "<option value=\"50\" selected>");
	long long total = page_total(r.body);
	CHECK(total > 20);
	size_t rows = 0;
	for (const char *q = r.body; (q = strstr(q, "<td data-label=\"姓名\">")); q++)
		rows++;
	CHECK_INT(rows, total < 50 ? total : 50);
	t_resp_free(&r);

	/* an older link's limit=3: the pager's next link carries size=3,
	 * and page 2 holds the three rows after page 1's, as offset=3 does */
	r = t_page_get(&p, &sup, "/officers?limit=3");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "<option value=\"3\" selected>");
	const char *next = strstr(r.body, "size=3&amp;page=2");
	CHECK(next != NULL);
	struct http_resp two = t_page_get(&p, &sup, "/officers?size=3&page=2");
	struct http_resp off = t_page_get(&p, &sup, "/officers?limit=3&offset=3");
	CHECK_INT(two.status, 200);
	rows = 0;
	for (const char *q = two.body; (q = strstr(q, "<td data-label=\"姓名\">")); q++)
		rows++;
	CHECK_INT(rows, 3);
	CHECK_STR(strstr(two.body, "<tbody>"), strstr(off.body, "<tbody>"));
	CHECK(strcmp(strstr(two.body, "<tbody>"), strstr(r.body, "<tbody>")) != 0);
	t_resp_free(&two);
	t_resp_free(&off);
	t_resp_free(&r);

	/* a page that is not a number is refused plainly; past the end is
	 * the last page */
	r = t_page_get(&p, &sup, "/officers?page=abc");
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "页码应为正整数");
	t_resp_free(&r);
	r = t_page_get(&p, &sup, "/officers?page=0");
	CHECK_INT(r.status, 400);
	t_resp_free(&r);
	r = t_page_get(&p, &sup, "/officers?page=99999");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "rel=\"prev\"");
	CHECK_LACKS(r.body, "rel=\"next\"");
	t_resp_free(&r);
	r = t_page_get(&p, &sup, "/officers?export=pdf");
	CHECK_INT(r.status, 400);
	t_resp_free(&r);
	t_pages_stop(&p);
}

TEST(filters_survive_sort_links_paging_and_the_jump_form)
{
	struct t_pages p;
	struct t_browser sup;
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));
	struct http_resp r = t_page_get(&p, &sup, "/certificates?status=valid&sort=number");
	CHECK_INT(r.status, 200);
	long long total = page_total(r.body);
	CHECK(total > 20);
	/* next page, other columns, exports and the jump form keep the filter */
	CHECK_CONTAINS(r.body, "href=\"/certificates?status=valid&amp;sort=number&amp;page=2\" rel=\"next\"");
	CHECK_CONTAINS(r.body, "href=\"/certificates?status=valid&amp;sort=holder\"");
	CHECK_CONTAINS(r.body, "href=\"/certificates?status=valid&amp;sort=number&amp;export=csv\"");
	CHECK_CONTAINS(r.body, "<input type=\"hidden\" name=\"status\" value=\"valid\">");
	/* the filter form keeps the order */
	CHECK_CONTAINS(r.body, "<input type=\"hidden\" name=\"sort\" value=\"number\">");
	t_resp_free(&r);
	/* page 2 of the filtered list: still only valid certificates */
	r = t_page_get(&p, &sup, "/certificates?status=valid&sort=number&page=2");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "第 2 / ");
	CHECK_INT(page_total(r.body), total);
	CHECK_LACKS(r.body, "NX05220023");               /* revoked */
	CHECK_LACKS(r.body, "class=\"badge revoked\"");
	CHECK_LACKS(r.body, "class=\"badge expired\"");
	CHECK_CONTAINS(r.body, "href=\"/certificates?status=valid&amp;sort=number\" rel=\"prev\"");
	t_resp_free(&r);
	t_pages_stop(&p);
}

TEST(csv_export_holds_exactly_the_filtered_rows_in_scope_and_is_audited)
{
	struct t_pages p;
	struct t_browser sup, off;
	char h[160], v[256], *head, *rows[MAXROWS];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));
	struct http_resp pg = t_page_get(&p, &sup, "/certificates?status=revoked");
	long long total = page_total(pg.body);
	CHECK(total >= 1);
	t_resp_free(&pg);
	struct http_resp r = t_page_get(&p, &sup, "/certificates?status=revoked&export=csv");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(t_header(&r, "Content-Type", h, sizeof h), "text/csv");
	CHECK_CONTAINS(t_header(&r, "Content-Disposition", h, sizeof h), "certificates-");
	CHECK(strncmp(r.body, "\xEF\xBB\xBF", 3) == 0);
	CHECK_CONTAINS(r.body, "\"证号\",\"持证人\",\"执法主体\",\"有效期至\",\"剩余\",\"状态\"");
	size_t n = csv_rows(r.body, &head, rows);
	CHECK_INT(n, total);
	bool saw = false;
	for (size_t i = 0; i < n; i++) {
		CHECK_STR(csv_field(rows[i], 5, v, sizeof v), "已注销");
		saw |= strcmp(csv_field(rows[i], 0, v, sizeof v), "NX05220023") == 0;
	}
	CHECK(saw);
	t_resp_free(&r);
	CHECK(t_pages_audit_id(&p, "list.export") > 0);

	/* all certificates and officers: the supervisor's division only,
	 * never the neighbouring county's agency, even when asked for it */
	const char *all[] = { "/certificates?export=csv", "/officers?export=csv",
			      "/complaints?export=csv", "/officers?agency=9&export=csv" };
	for (size_t k = 0; k < sizeof all / sizeof all[0]; k++) {
		r = t_page_get(&p, &sup, all[k]);
		CHECK_INT(r.status, 200);
		CHECK(r.body[0] != '\0');
		CHECK_LACKS(r.body, "中宁县");
		t_resp_free(&r);
	}
	r = t_page_get(&p, &sup, "/certificates?export=csv");
	CHECK(csv_rows(r.body, &head, rows) > 20);
	t_resp_free(&r);
	/* an agency's officer: their own agency only, whatever the filter asks */
	REQUIRE(t_pages_login(&p, "officer1", &off));
	r = t_page_get(&p, &off, "/officers?export=csv");
	CHECK_INT(r.status, 200);
	n = csv_rows(r.body, &head, rows);
	CHECK(n > 0);
	for (size_t i = 0; i < n; i++)
		CHECK_STR(csv_field(rows[i], 1, v, sizeof v), "海原县自然资源局");
	t_resp_free(&r);
	/* evaluated files likewise: an officer sees their agency's only */
	r = t_page_get(&p, &off, "/evaluation-files?export=csv");
	CHECK_INT(r.status, 200);
	n = csv_rows(r.body, &head, rows);
	for (size_t i = 0; i < n; i++)
		CHECK_STR(csv_field(rows[i], 2, v, sizeof v), "海原县自然资源局");
	t_resp_free(&r);
	r = t_page_get(&p, &off, "/officers?agency=3&export=csv");
	n = csv_rows(r.body, &head, rows);
	for (size_t i = 0; i < n; i++)
		CHECK_STR(csv_field(rows[i], 1, v, sizeof v), "海原县自然资源局");
	t_resp_free(&r);
	t_pages_stop(&p);
}

/* An ID number shown masked: 4 characters, stars, 4 characters. */
static bool masked(const char *s)
{
	size_t n = strlen(s);
	if (n != 18)
		return false;
	for (size_t i = 4; i < 14; i++)
		if (s[i] != '*')
			return false;
	return true;
}

TEST(exports_mask_id_numbers_as_the_api_does_and_neutralise_formulas)
{
	struct t_pages p;
	struct t_browser off, aud;
	char v[256], *head, *rows[MAXROWS];
	REQUIRE(t_pages_start(&p));
	/* officers read people through the API masked: the file is masked too */
	REQUIRE(t_pages_login(&p, "officer1", &off));
	struct http_resp r = t_page_get(&p, &off, "/officers?export=csv");
	CHECK_CONTAINS(r.body, "\"身份证号\"");
	size_t n = csv_rows(r.body, &head, rows);
	CHECK(n > 0);
	for (size_t i = 0; i < n; i++)
		if (!masked(csv_field(rows[i], 4, v, sizeof v)))
			t_fail(__FILE__, __LINE__, "not masked: %s", v);
	t_resp_free(&r);
	r = t_page_get(&p, &off, "/officers?export=xlsx");
	CHECK_INT(r.status, 200);
	t_resp_free(&r);

	/* a name typed at sign-in that a spreadsheet would run */
	r = t_http(&p.ts, "POST", "/api/v1/session", NULL, "application/json",
		   "{\"username\":\"=HYPERLINK(\\\"http://x\\\")\",\"password\":\"wrong-password\"}");
	CHECK(r.status >= 400);
	t_resp_free(&r);
	REQUIRE(t_pages_login(&p, "auditor", &aud));
	r = t_page_get(&p, &aud, "/audit?action=session.create&result=failed&export=csv");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "\"'=HYPERLINK(\"\"http://x\"\")\"");
	CHECK_LACKS(r.body, ",\"=HYPERLINK");
	t_resp_free(&r);
	t_pages_stop(&p);
}

TEST(xlsx_export_reads_back_with_the_csv_rows)
{
	struct t_pages p;
	struct t_browser sup;
	char cmd[1024], path[256], v[256], *head, *rows[MAXROWS];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));
	snprintf(cmd, sizeof cmd,
		 "curl -sf -H 'Cookie: fz_session=%s' -o '%s/officers.xlsx' "
		 "'http://127.0.0.1:%d/officers?kind=assistant&sort=name&export=xlsx' && "
		 "python3 '%s/scripts/xlsx_rows.py' '%s/officers.xlsx' > '%s/officers.txt'",
		 sup.token, p.ts.dir, p.ts.port, t_source_root(), p.ts.dir, p.ts.dir);
	REQUIRE(system(cmd) == 0);
	snprintf(path, sizeof path, "%s/officers.txt", p.ts.dir);
	FILE *f = fopen(path, "rb");
	REQUIRE(f);
	static char xl[65536];
	size_t len = fread(xl, 1, sizeof xl - 1, f);
	fclose(f);
	xl[len] = '\0';
	struct http_resp r = t_page_get(&p, &sup, "/officers?kind=assistant&sort=name&export=csv");
	size_t n = csv_rows(r.body, &head, rows);
	CHECK(n > 1);
	/* the header, then the same names in the same order, one per line */
	CHECK(strncmp(xl, "姓名\t执法主体\t类别", strlen("姓名\t执法主体\t类别")) == 0);
	const char *line = strchr(xl, '\n');
	size_t lines = 0;
	for (size_t i = 0; line && line[1]; i++, line = strchr(line + 1, '\n')) {
		csv_field(rows[i < n ? i : 0], 0, v, sizeof v);
		if (i >= n || strncmp(line + 1, v, strlen(v)) != 0 || line[1 + strlen(v)] != '\t') {
			t_fail(__FILE__, __LINE__, "xlsx row %zu differs from the csv", i);
			break;
		}
		lines++;
	}
	CHECK_INT(lines, n);
	CHECK_CONTAINS(xl, "执法辅助人员");
	CHECK_LACKS(xl, "\t执法人员\t");
	t_resp_free(&r);
	t_pages_stop(&p);
}

TEST(audit_page_names_actions_and_people_in_chinese)
{
	struct t_pages p;
	struct t_browser aud, sup;
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));
	struct http_resp r = t_page_get(&p, &sup, "/certificates?export=csv");
	t_resp_free(&r);
	REQUIRE(t_pages_login(&p, "auditor", &aud));
	r = t_page_get(&p, &aud, "/audit?action=list.export");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "<td data-label=\"操作\">导出列表</td>");
	CHECK_CONTAINS(r.body, "<td data-label=\"对象\">执法证列表</td>");
	/* the person's name, the account name after it */
	CHECK_CONTAINS(r.body, "（supervisor）</td>");
	CHECK_LACKS(r.body, "<td data-label=\"操作人\">supervisor</td>");
	t_resp_free(&r);
	/* the action filter takes the Chinese name */
	r = t_page_get(&p, &aud, "/audit?action=%E6%B3%A8%E9%94%80%E6%89%A7%E6%B3%95%E8%AF%81");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "<td data-label=\"操作\">注销执法证</td>");
	CHECK_LACKS(r.body, "<td data-label=\"操作\">登录</td>");
	t_resp_free(&r);
	/* every action the demo county recorded has its Chinese name */
	struct audit_filter f = { 0 };
	struct audit_list l;
	struct store *st = p.ts.st;
	for (int64_t off = 0;; off += 200) {
		REQUIRE(st->ops->audit_list(st, p.ts.a, &f, (struct page){ off, 200 }, &l, NULL) ==
			FZ_OK);
		for (size_t i = 0; i < l.n; i++)
			if (!audit_action_name(l.items[i].action) &&
			    strncmp(l.items[i].action, "http ", 5) != 0)
				t_fail(__FILE__, __LINE__, "no Chinese name for %s", l.items[i].action);
		if (l.n < 200)
			break;
	}
	t_pages_stop(&p);
}
