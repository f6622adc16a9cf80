/* pages_audit_test.c - the auditor's 审计日志: list with filters and
 * pager, the changed fields of one record, the CSV export, and that no
 * other role gets in. */
#include <stdio.h>

#include "page_fixture.h"
#include "t.h"

TEST(auditor_reads_filters_and_pages_the_audit_log)
{
	struct t_pages p;
	struct t_browser aud;
	char path[64];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "auditor", &aud));

	struct http_resp r = t_page_get(&p, &aud, "/audit");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "<h1>审计日志</h1>");
	/* the auditor's own sign-in, in Chinese and by name */
	CHECK_CONTAINS(r.body, "<td data-label=\"操作\">登录</td>");
	CHECK(!strstr(r.body, ">session.create<"));
	CHECK_CONTAINS(r.body, "rel=\"next\"");         /* seeding wrote hundreds */
	CHECK_CONTAINS(r.body, "href=\"/audit?export=csv\"");
	CHECK_CONTAINS(r.body, "<details>");
	t_resp_free(&r);

	r = t_page_get(&p, &aud, "/audit?action=certificate.revoke&result=ok");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "<td data-label=\"操作\">注销执法证</td>");
	CHECK_CONTAINS(r.body, "调离执法岗位");
	CHECK(!strstr(r.body, "<td data-label=\"操作\">登录</td>"));
	CHECK_CONTAINS(r.body,
		       "href=\"/audit?action=certificate.revoke&amp;result=ok&amp;export=csv\"");
	t_resp_free(&r);

	r = t_page_get(&p, &aud, "/audit?actor=%3Cscript%3E");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "value=\"&lt;script&gt;\"");
	CHECK_CONTAINS(r.body, "没有符合条件的审计记录");
	t_resp_free(&r);

	r = t_page_get(&p, &aud, "/audit?from=2026-13-01");
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "id=\"from-err\"");
	t_resp_free(&r);
	r = t_page_get(&p, &aud, "/audit?from=2000-01-01&to=2000-01-02");
	CHECK_CONTAINS(r.body, "没有符合条件的审计记录");
	t_resp_free(&r);

	int64_t id = t_pages_audit_id(&p, "certificate.revoke");
	REQUIRE(id);
	snprintf(path, sizeof path, "/audit/%lld", (long long)id);
	r = t_page_get(&p, &aud, path);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "revoke_reason");
	CHECK_CONTAINS(r.body, "revoked");
	t_resp_free(&r);
	t_pages_stop(&p);
}

TEST(audit_export_downloads_csv_and_is_audited)
{
	struct t_pages p;
	struct t_browser aud;
	char h[128];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "auditor", &aud));
	struct http_resp r = t_page_get(&p, &aud, "/audit/export.csv?action=certificate.");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(t_header(&r, "Content-Type", h, sizeof h), "text/csv");
	CHECK_CONTAINS(t_header(&r, "Content-Disposition", h, sizeof h), "attachment");
	CHECK(strncmp(r.body, "\xEF\xBB\xBF", 3) == 0);
	CHECK_CONTAINS(r.body, "certificate.create");
	CHECK(!strstr(r.body, "session.create"));
	t_resp_free(&r);
	CHECK(t_pages_audit_id(&p, "audit.export") > 0);
	t_pages_stop(&p);
}

TEST(audit_pages_are_for_the_auditor_only)
{
	struct t_pages p;
	struct t_browser sup, adm;
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));
	REQUIRE(t_pages_login(&p, "sysadmin", &adm));
	const char *paths[] = { "/audit", "/audit/1", "/audit/export.csv" };
	for (size_t i = 0; i < 3; i++) {
		struct http_resp r = t_page_get(&p, &sup, paths[i]);
		CHECK_INT(r.status, 403);
		t_resp_free(&r);
		r = t_page_get(&p, &adm, paths[i]);
		CHECK_INT(r.status, 403);
		t_resp_free(&r);
	}
	struct http_resp r = t_page_get(&p, NULL, "/audit");
	CHECK_INT(r.status, 303);
	t_resp_free(&r);
	t_pages_stop(&p);
}
