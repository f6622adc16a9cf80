/* pages_stats_test.c - the annual statistics and the dashboard through
 * the server, over the demo county: the page's totals, the CSV's and the
 * XLSX's (read back with scripts/xlsx_rows.py: zipfile and xml of the
 * standard library) are the same numbers; the dashboard draws its charts
 * with a table behind each and exports every table; scope and bad input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/export_job.h"
#include "app/stats.h"
#include "http/server.h"
#include "base/date.h"
#include "page_fixture.h"
#include "t.h"

/* The cells of the page's total rows, by column (data-col="k"). */
static void page_totals(const char *html, char cells[ST_NCOLS][32])
{
	memset(cells, 0, (size_t)ST_NCOLS * 32);
	for (const char *p = html; (p = strstr(p, "<tr class=\"total\">"));) {
		const char *end = strstr(p, "</tr>");
		for (const char *q = p; end && (q = strstr(q, "data-col=\"")) && q < end;) {
			int k = (int)strtol(q + 10, NULL, 10);
			const char *v = strchr(q, '>') + 1;
			size_t n = (size_t)(strchr(v, '<') - v);
			if (k >= 0 && k < ST_NCOLS && n < 32)
				memcpy(cells[k], v, n);
			q = v;
		}
		p = end ? end : p + 1;
	}
}

/* The line of file text whose first cell is first, or NULL. */
static char *line_of(char *text, const char *first, char sep)
{
	size_t n = strlen(first);
	for (char *l = text; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		char *c = l;
		if (*c == '"')
			c++;
		if (strncmp(c, first, n) == 0 && (c[n] == sep || c[n] == '"'))
			return l;
	}
	return NULL;
}

/* Cell k (0-based) of a line of tab- or comma-separated cells (quotes
 * stripped) into out. */
static void cell(const char *line, size_t k, char sep, char *out, size_t cap)
{
	const char *p = line;
	for (size_t i = 0; i < k && p; i++) {
		if (*p == '"') {
			p = strchr(p + 1, '"');
			p = p ? p + 1 : NULL;
		}
		p = p ? strchr(p, sep) : NULL;
		p = p ? p + 1 : NULL;
	}
	out[0] = '\0';
	if (!p)
		return;
	if (*p == '"')
		p++;
	size_t n = strcspn(p, sep == '\t' ? "\t\r\n" : "\",\r\n");
	if (n >= cap)
		n = cap - 1;
	memcpy(out, p, n);
	out[n] = '\0';
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	static char text[1 << 20];
	if (!f)
		return NULL;
	size_t n = fread(text, 1, sizeof text - 1, f);
	text[n] = '\0';
	fclose(f);
	return text;
}

static int this_year(void)
{
	char today[FZ_DATE_LEN];
	int y = 0;
	date_today(time(NULL), today);
	date_parse(today, &y, NULL, NULL);
	return y;
}

TEST(annual_statistics_xlsx_and_csv_read_back_with_the_pages_totals)
{
	struct t_pages p;
	struct t_browser sup;
	char path[160], cmd[2048];
	char totals[ST_NCOLS][32];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));
	int year = this_year();
	snprintf(path, sizeof path, "/stats/annual?year=%d", year);
	struct http_resp r = t_page_get(&p, &sup, path);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "行政执法统计年报");
	CHECK_CONTAINS(r.body, "尚未记录的统计事项");
	CHECK_CONTAINS(r.body, "fazhi 尚未记录");
	page_totals(r.body, totals);
	t_resp_free(&r);
	/* the demo county decided penalties this year: the test means something */
	REQUIRE(strcmp(totals[ST_P_DECISIONS], "0") != 0 && totals[ST_P_DECISIONS][0]);
	/* the XLSX, fetched as the browser would and read back */
	snprintf(cmd, sizeof cmd,
		 "curl -sf -H 'Cookie: fz_session=%s' -o '%s/annual.xlsx' "
		 "'http://127.0.0.1:%d/stats/annual.xlsx?year=%d' && "
		 "python3 '%s/scripts/xlsx_rows.py' '%s/annual.xlsx' > '%s/annual.txt' && "
		 "curl -sf -H 'Cookie: fz_session=%s' -o '%s/annual.csv' "
		 "'http://127.0.0.1:%d/stats/annual.csv?year=%d'",
		 sup.token, p.ts.dir, p.ts.port, year, t_source_root(), p.ts.dir, p.ts.dir,
		 sup.token, p.ts.dir, p.ts.port, year);
	REQUIRE(system(cmd) == 0);
	snprintf(path, sizeof path, "%s/annual.txt", p.ts.dir);
	char *xl = slurp(path);
	REQUIRE(xl);
	CHECK_CONTAINS(xl, "执法主体\t处罚决定（件）\t警告");
	char *tot = line_of(xl, "合计", '\t');
	REQUIRE(tot);
	for (int k = 0; k < ST_NCOLS; k++) {
		char v[32];
		cell(tot, (size_t)k + 1, '\t', v, sizeof v);
		if (strcmp(v, totals[k]) != 0)
			t_fail(__FILE__, __LINE__, "column %d: xlsx %s, page %s", k, v, totals[k]);
	}
	snprintf(path, sizeof path, "%s/annual.csv", p.ts.dir);
	char *csv = slurp(path);
	REQUIRE(csv);
	tot = line_of(csv, "合计", ',');
	REQUIRE(tot);
	for (int k = 0; k < ST_NCOLS; k++) {
		char v[32];
		cell(tot, (size_t)k + 1, ',', v, sizeof v);
		if (strcmp(v, totals[k]) != 0)
			t_fail(__FILE__, __LINE__, "column %d: csv %s, page %s", k, v, totals[k]);
	}
	CHECK_CONTAINS(csv, "fazhi 尚未记录");
	t_pages_stop(&p);
}

TEST(annual_statistics_page_refuses_a_bad_year_in_chinese)
{
	struct t_pages p;
	struct t_browser sup, admin;
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));
	struct http_resp r = t_page_get(&p, &sup, "/stats/annual?year=20x5");
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "年度应为 2000 至 2100 之间的四位数字");
	t_resp_free(&r);
	r = t_page_get(&p, &sup, "/stats/annual.xlsx?year=1999");
	CHECK_INT(r.status, 400);
	t_resp_free(&r);
	REQUIRE(t_pages_login(&p, "sysadmin", &admin));
	r = t_page_get(&p, &admin, "/stats/annual");
	CHECK_INT(r.status, 403);
	t_resp_free(&r);
	t_pages_stop(&p);
}

TEST(dashboard_draws_each_trend_with_a_table_and_exports_every_table)
{
	struct t_pages p;
	struct t_browser sup;
	char cmd[2048], path[160];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));
	struct http_resp r = t_page_get(&p, &sup, "/dashboard");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "办理中案件");
	CHECK_CONTAINS(r.body, "<svg viewBox=");
	CHECK_CONTAINS(r.body, "role=\"img\"");
	CHECK_CONTAINS(r.body, "<caption>月度趋势</caption>");
	CHECK_CONTAINS(r.body, "<caption>执法主体排名</caption>");
	CHECK_CONTAINS(r.body, "href=\"/dashboard/export?table=ranking&amp;format=xlsx&amp;rank=decisions\"");
	t_resp_free(&r);
	r = t_page_get(&p, &sup, "/dashboard?rank=fines");
	CHECK_CONTAINS(r.body, "执法主体排名：按罚款金额（元）");
	t_resp_free(&r);
	r = t_page_get(&p, &sup, "/dashboard/export?table=trends&format=csv");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "\"月份\",\"处罚决定（件）\"");
	t_resp_free(&r);
	r = t_page_get(&p, &sup, "/dashboard/export?table=nonsense&format=csv");
	CHECK_INT(r.status, 400);
	t_resp_free(&r);
	/* the ranking as XLSX has a row per agency, as the CSV does */
	snprintf(cmd, sizeof cmd,
		 "curl -sf -H 'Cookie: fz_session=%s' -o '%s/rank.xlsx' "
		 "'http://127.0.0.1:%d/dashboard/export?table=ranking&format=xlsx' && "
		 "python3 '%s/scripts/xlsx_rows.py' '%s/rank.xlsx' > '%s/rank.txt'",
		 sup.token, p.ts.dir, p.ts.port, t_source_root(), p.ts.dir, p.ts.dir);
	REQUIRE(system(cmd) == 0);
	snprintf(path, sizeof path, "%s/rank.txt", p.ts.dir);
	char *xl = slurp(path);
	REQUIRE(xl);
	CHECK_CONTAINS(xl, "名次\t执法主体\t办理中案件");
	CHECK(line_of(xl, "1", '\t') != NULL);
	t_pages_stop(&p);
}

/* Waits (on the page's own word, not on a clock) until the job page
 * says what; false after many looks. */
static bool job_page_says(struct t_pages *p, const struct t_browser *b, const char *path,
			  const char *what)
{
	for (int i = 0; i < 20000; i++) {
		struct http_resp r = t_page_get(p, b, path);
		bool yes = r.status == 200 && strstr(r.body, what);
		t_resp_free(&r);
		if (yes)
			return true;
		struct timespec ts = { 0, 1000000 };
		nanosleep(&ts, NULL);
	}
	return false;
}

TEST(annual_export_runs_as_a_job_while_other_requests_are_answered)
{
	struct t_pages p;
	struct t_browser sup, head;
	char path[160], cmd[2048], totals[ST_NCOLS][32];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));
	int year = this_year();
	struct export_runner *ex = http_server_exports(p.ts.srv);
	REQUIRE(ex);
	export_runner_hold(ex, true);
	char y[8];
	snprintf(y, sizeof y, "%d", year);
	struct http_resp r = t_page_post(&p, &sup, "/stats/annual/export", 1, "year", y, NULL);
	CHECK_INT(r.status, 303);
	const char *loc = strstr(r.headers, "Location: /exports/");
	REQUIRE(loc);
	long long id = strtoll(loc + strlen("Location: /exports/"), NULL, 10);
	t_resp_free(&r);
	snprintf(path, sizeof path, "/exports/%lld", id);
	/* the job has started and is held: the page shows it working and
	 * refreshing itself */
	REQUIRE(job_page_says(&p, &sup, path, "data-status=\"running\""));
	r = t_page_get(&p, &sup, path);
	CHECK_CONTAINS(r.headers, "Refresh: 2");
	CHECK_CONTAINS(r.body, "<progress");
	t_resp_free(&r);
	/* meanwhile other requests are answered: the statistics page itself */
	snprintf(cmd, sizeof cmd, "/stats/annual?year=%d", year);
	r = t_page_get(&p, &sup, cmd);
	CHECK_INT(r.status, 200);
	page_totals(r.body, totals);
	t_resp_free(&r);
	snprintf(cmd, sizeof cmd, "%s/file", path);
	r = t_page_get(&p, &sup, cmd);
	CHECK_INT(r.status, 409);
	CHECK_CONTAINS(r.body, "表格尚未生成完毕");
	t_resp_free(&r);
	/* nobody else sees the job */
	REQUIRE(t_pages_login(&p, "head1", &head));
	r = t_page_get(&p, &head, path);
	CHECK_INT(r.status, 404);
	t_resp_free(&r);
	/* released, it finishes; its file has the page's totals */
	export_runner_hold(ex, false);
	REQUIRE(job_page_says(&p, &sup, path, "已完成"));
	snprintf(cmd, sizeof cmd,
		 "curl -sf -H 'Cookie: fz_session=%s' -o '%s/job.xlsx' "
		 "'http://127.0.0.1:%d/exports/%lld/file' && "
		 "python3 '%s/scripts/xlsx_rows.py' '%s/job.xlsx' > '%s/job.txt'",
		 sup.token, p.ts.dir, p.ts.port, id, t_source_root(), p.ts.dir, p.ts.dir);
	REQUIRE(system(cmd) == 0);
	snprintf(path, sizeof path, "%s/job.txt", p.ts.dir);
	char *xl = slurp(path);
	REQUIRE(xl);
	char *tot = line_of(xl, "合计", '\t');
	REQUIRE(tot);
	for (int k = 0; k < ST_NCOLS; k++) {
		char v[32];
		cell(tot, (size_t)k + 1, '\t', v, sizeof v);
		if (strcmp(v, totals[k]) != 0)
			t_fail(__FILE__, __LINE__, "column %d: job xlsx %s, page %s", k, v, totals[k]);
	}
	/* a bad year never becomes a job */
	r = t_page_post(&p, &sup, "/stats/annual/export", 1, "year", "1999", NULL);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "年度应为 2000 至 2100 之间的四位数字");
	t_resp_free(&r);
	t_pages_stop(&p);
}

/* The last audit record of action: its object, id, result and message. */
static bool last_audit(struct t_pages *p, const char *action, struct audit_entry *out)
{
	struct audit_list l;
	struct audit_filter f = { .action = action };
	if (p->ts.st->ops->audit_list(p->ts.st, p->ts.a, &f, (struct page){ 0, 1 }, &l, NULL) ||
	    l.n == 0)
		return false;
	*out = l.items[0];
	return true;
}

TEST(dashboard_and_annual_files_are_audited_like_list_exports_and_a_refused_one_is_not)
{
	struct t_pages p;
	struct t_browser sup;
	struct audit_entry a;
	char path[96];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));
	CHECK(t_pages_audit_id(&p, "dashboard.export") == 0);
	CHECK(t_pages_audit_id(&p, "stats.download") == 0);
	/* a table nobody has, a format nobody writes: nothing recorded */
	struct http_resp r = t_page_get(&p, &sup, "/dashboard/export?table=nonsense&format=csv");
	CHECK_INT(r.status, 400);
	t_resp_free(&r);
	r = t_page_get(&p, &sup, "/stats/annual.csv?year=1999");
	CHECK_INT(r.status, 400);
	t_resp_free(&r);
	CHECK(t_pages_audit_id(&p, "dashboard.export") == 0);
	CHECK(t_pages_audit_id(&p, "stats.download") == 0);

	r = t_page_get(&p, &sup, "/dashboard/export?table=trends&format=csv");
	CHECK_INT(r.status, 200);
	t_resp_free(&r);
	REQUIRE(last_audit(&p, "dashboard.export", &a));
	CHECK_STR(a.object_type, "dashboard");
	CHECK_CONTAINS(a.message, "trends");
	CHECK_STR(a.result, "ok");
	CHECK_CONTAINS(a.message, "月度趋势");
	CHECK_CONTAINS(a.message, "CSV");
	r = t_page_get(&p, &sup, "/dashboard/export?table=ranking&format=xlsx");
	CHECK_INT(r.status, 200);
	t_resp_free(&r);
	REQUIRE(last_audit(&p, "dashboard.export", &a));
	CHECK_STR(a.object_type, "dashboard");
	CHECK_CONTAINS(a.message, "ranking");
	CHECK_CONTAINS(a.message, "XLSX");

	int year = this_year();
	snprintf(path, sizeof path, "/stats/annual.xlsx?year=%d", year);
	r = t_page_get(&p, &sup, path);
	CHECK_INT(r.status, 200);
	t_resp_free(&r);
	REQUIRE(last_audit(&p, "stats.download", &a));
	CHECK_STR(a.object_type, "stats_annual");
	snprintf(path, sizeof path, "%d", year);
	CHECK_STR(a.object_id, path);
	CHECK_STR(a.result, "ok");
	CHECK_CONTAINS(a.message, "XLSX");
	snprintf(path, sizeof path, "/stats/annual.csv?year=%d", year);
	r = t_page_get(&p, &sup, path);
	CHECK_INT(r.status, 200);
	t_resp_free(&r);
	REQUIRE(last_audit(&p, "stats.download", &a));
	CHECK_CONTAINS(a.message, "CSV");
	t_pages_stop(&p);
}

TEST(export_job_download_is_audited_each_time_and_a_refused_one_is_not)
{
	struct t_pages p;
	struct t_browser sup, head;
	struct audit_entry a;
	char path[96], file[112], want[64], h[160];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));
	REQUIRE(t_pages_login(&p, "head1", &head));
	struct export_runner *ex = http_server_exports(p.ts.srv);
	REQUIRE(ex);
	export_runner_hold(ex, true);
	int year = this_year();
	char y[8];
	snprintf(y, sizeof y, "%d", year);
	struct http_resp r = t_page_post(&p, &sup, "/stats/annual/export", 1, "year", y, NULL);
	CHECK_INT(r.status, 303);
	const char *loc = strstr(r.headers, "Location: /exports/");
	REQUIRE(loc);
	long long id = strtoll(loc + strlen("Location: /exports/"), NULL, 10);
	t_resp_free(&r);
	snprintf(path, sizeof path, "/exports/%lld", id);
	snprintf(file, sizeof file, "/exports/%lld/file", id);
	REQUIRE(job_page_says(&p, &sup, path, "data-status=\"running\""));
	/* not finished, or another account's: refused, nothing recorded */
	r = t_page_get(&p, &sup, file);
	CHECK_INT(r.status, 409);
	CHECK_CONTAINS(r.body, "表格尚未生成完毕");
	t_resp_free(&r);
	r = t_page_get(&p, &head, file);
	CHECK_INT(r.status, 404);
	t_resp_free(&r);
	CHECK(t_pages_audit_id(&p, "export.download") == 0);

	export_runner_hold(ex, false);
	REQUIRE(job_page_says(&p, &sup, path, "已完成"));
	CHECK(t_pages_audit_id(&p, "export.download") == 0); /* the page is no download */
	r = t_page_get(&p, &sup, file);
	CHECK_INT(r.status, 200);
	snprintf(want, sizeof want, "enforcement-statistics-%d.xlsx", year);
	CHECK_CONTAINS(t_header(&r, "Content-Disposition", h, sizeof h), want);
	t_resp_free(&r);
	REQUIRE(last_audit(&p, "export.download", &a));
	int64_t first = a.id;
	CHECK_STR(a.actor, "supervisor");
	CHECK_STR(a.object_type, "export_job");
	snprintf(path, sizeof path, "%lld", id);
	CHECK_STR(a.object_id, path);
	CHECK_STR(a.result, "ok");
	CHECK_CONTAINS(a.message, want);
	CHECK_CONTAINS(a.message, "字节");
	/* the finished job is still not another account's to take */
	r = t_page_get(&p, &head, file);
	CHECK_INT(r.status, 404);
	t_resp_free(&r);
	CHECK(t_pages_audit_id(&p, "export.download") == first);
	/* each download is its own record */
	r = t_page_get(&p, &sup, file);
	CHECK_INT(r.status, 200);
	t_resp_free(&r);
	CHECK(t_pages_audit_id(&p, "export.download") > first);
	/* the auditor reads it in Chinese */
	struct t_browser aud;
	REQUIRE(t_pages_login(&p, "auditor", &aud));
	r = t_page_get(&p, &aud, "/audit?action=export.download");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "下载导出任务生成的表格");
	CHECK_CONTAINS(r.body, "导出任务");
	t_resp_free(&r);
	t_pages_stop(&p);
}

/* While the summary is being built the statistics pages and the page
 * of jobs say so, and the figures (counted from the record) are those
 * of the built summary; `fazhi stats-rebuild` builds it, with the
 * server running, and is audited. */
TEST(statistics_pages_say_while_the_summary_is_built_and_stats_rebuild_builds_it)
{
	static const char building[] = "统计汇总正在建立（已完成 0%），数字按原始记录计算，可能较慢";
	struct t_pages p;
	struct t_browser sup, admin;
	struct fz_error e = { 0 };
	char before[ST_NCOLS][32], during[ST_NCOLS][32], after[ST_NCOLS][32], cmd[1200];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));
	REQUIRE(t_pages_login(&p, "sysadmin", &admin));
	struct http_resp r = t_page_get(&p, &sup, "/stats/annual");
	CHECK_INT(r.status, 200);
	CHECK(strstr(r.body, "统计汇总正在建立") == NULL);
	page_totals(r.body, before);
	t_resp_free(&r);

	REQUIRE(p.ts.st->ops->stats_summary_reset(p.ts.st, &e) == FZ_OK);
	r = t_page_get(&p, &sup, "/stats/annual");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, building);
	page_totals(r.body, during);
	t_resp_free(&r);
	for (int k = 0; k < ST_NCOLS; k++)
		CHECK_STR(during[k], before[k]);
	CHECK(before[ST_P_DECISIONS][0] != '\0'); /* the totals were read */
	r = t_page_get(&p, &sup, "/dashboard");
	CHECK_CONTAINS(r.body, building);
	t_resp_free(&r);
	r = t_page_get(&p, &admin, "/jobs");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "统计汇总正在建立（已完成 0%），完成前统计数字按原始记录计算");
	t_resp_free(&r);

	snprintf(cmd, sizeof cmd, "'%s' stats-rebuild --db '%s' > '%s/rebuild.txt' 2>&1",
		 t_fazhi_bin(), p.ts.db, p.ts.dir);
	REQUIRE(system(cmd) == 0);
	snprintf(cmd, sizeof cmd, "%s/rebuild.txt", p.ts.dir);
	char *said = slurp(cmd);
	REQUIRE(said);
	CHECK_CONTAINS(said, "统计汇总已按原始记录重新建立，共 ");
	r = t_page_get(&p, &sup, "/stats/annual");
	CHECK(strstr(r.body, "统计汇总正在建立") == NULL);
	page_totals(r.body, after);
	t_resp_free(&r);
	for (int k = 0; k < ST_NCOLS; k++)
		CHECK_STR(after[k], before[k]);
	r = t_page_get(&p, &admin, "/jobs");
	CHECK(strstr(r.body, "统计汇总正在建立") == NULL);
	t_resp_free(&r);
	struct audit_entry a;
	REQUIRE(last_audit(&p, "stats.rebuild", &a));
	CHECK_STR(a.result, "ok");
	t_pages_stop(&p);
}
