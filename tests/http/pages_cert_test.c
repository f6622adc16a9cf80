/* pages_cert_test.c - the 执法证 pages on the demo county: the public
 * check, the list with its filters and pager, the detail, and the
 * supervisor's forms (issue, suspend, revoke with confirmation, review). */
#include <stdio.h>

#include "page_fixture.h"
#include "t.h"

TEST(cert_check_page_tells_unknown_from_revoked)
{
	struct t_pages p;
	REQUIRE(t_pages_start(&p));

	struct http_resp r = t_page_get(&p, NULL, "/certificates/check");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "name=\"number\"");
	CHECK(!strstr(r.body, "class=\"verdict"));
	t_resp_free(&r);

	/* Demo certificate 23 was revoked (调离执法岗位). */
	r = t_page_get(&p, NULL, "/certificates/check?number=NX05220023");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "class=\"verdict revoked\"");
	CHECK_CONTAINS(r.body, "已注销");
	CHECK_CONTAINS(r.body, "该证件已注销，持证人不得从事执法活动");
	CHECK_CONTAINS(r.body, "class=\"photo\"");
	CHECK(!strstr(r.body, "未查到该执法证号"));
	t_resp_free(&r);

	r = t_page_get(&p, NULL, "/certificates/check?number=NX09999999");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "未查到该执法证号");
	CHECK_CONTAINS(r.body, "class=\"verdict unknown\"");
	CHECK(!strstr(r.body, "已注销"));
	CHECK(!strstr(r.body, "class=\"photo\""));
	t_resp_free(&r);

	r = t_page_get(&p, NULL, "/certificates/check?number=NX05220001");
	CHECK_CONTAINS(r.body, "class=\"verdict valid\"");
	CHECK_CONTAINS(r.body, "有效");
	CHECK_CONTAINS(r.body, "海原县人民政府");
	t_resp_free(&r);

	/* Demo certificate 17 ran out twelve days ago. */
	r = t_page_get(&p, NULL, "/certificates/check?number=NX05220017");
	CHECK_CONTAINS(r.body, "class=\"verdict expired\"");
	CHECK_CONTAINS(r.body, "已过期");
	t_resp_free(&r);

	/* Typed input comes back escaped, never as markup. */
	r = t_page_get(&p, NULL, "/certificates/check?number=%3Cscript%3Ex");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "&lt;script&gt;x");
	CHECK(!strstr(r.body, "<script>x"));
	t_resp_free(&r);

	r = t_page_get(&p, NULL, "/certificates/check?number=");
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "id=\"number-err\"");
	t_resp_free(&r);
	t_pages_stop(&p);
}

TEST(certificate_list_shows_badges_filters_and_pages)
{
	struct t_pages p;
	struct t_browser sup;
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));

	struct http_resp r = t_page_get(&p, &sup, "/certificates");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "<h1>执法证</h1>");
	CHECK_CONTAINS(r.body, "class=\"badge valid\"");
	CHECK_CONTAINS(r.body, "还剩");
	CHECK_CONTAINS(r.body, "rel=\"next\"");
	CHECK_CONTAINS(r.body, "href=\"/certificates/new\"");
	t_resp_free(&r);

	r = t_page_get(&p, &sup, "/certificates?page=2");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "rel=\"prev\"");
	t_resp_free(&r);

	r = t_page_get(&p, &sup, "/certificates?status=revoked");
	CHECK_CONTAINS(r.body, "NX05220023");
	CHECK_CONTAINS(r.body, "class=\"badge revoked\"");
	CHECK(!strstr(r.body, "NX05220001"));
	t_resp_free(&r);

	r = t_page_get(&p, &sup, "/certificates?status=expiring");
	CHECK_CONTAINS(r.body, "class=\"days soon\"");
	CHECK(!strstr(r.body, "NX05220023"));
	t_resp_free(&r);

	r = t_page_get(&p, &sup, "/certificates?status=expired");
	CHECK_CONTAINS(r.body, "NX05220017");
	CHECK_CONTAINS(r.body, "已过期");
	t_resp_free(&r);

	r = t_page_get(&p, &sup, "/certificates?page=-1");
	CHECK_INT(r.status, 400);
	t_resp_free(&r);
	t_pages_stop(&p);
}

TEST(officer_sees_own_certificates_and_404_for_other_agencies)
{
	struct t_pages p;
	struct t_browser off;
	char path[64];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "officer1", &off));

	int64_t own = t_pages_cert_of_agency(&p, p.sum.agency_ids[1]);
	int64_t other = t_pages_cert_of_agency(&p, p.sum.agency_ids[2]);
	REQUIRE(own && other);
	snprintf(path, sizeof path, "/certificates/%lld", (long long)own);
	struct http_resp r = t_page_get(&p, &off, path);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "年度审验");
	CHECK_CONTAINS(r.body, "年度审验合格");
	CHECK(!strstr(r.body, "/suspend\""));   /* officers change nothing */
	t_resp_free(&r);

	snprintf(path, sizeof path, "/certificates/%lld", (long long)other);
	r = t_page_get(&p, &off, path);
	CHECK_INT(r.status, 404);
	t_resp_free(&r);

	r = t_page_get(&p, &off, "/certificates");
	CHECK_INT(r.status, 200);
	CHECK(!strstr(r.body, "海原县市场监督管理局"));
	CHECK(!strstr(r.body, "href=\"/certificates/new\""));
	t_resp_free(&r);

	r = t_page_get(&p, &off, "/certificates/new");
	CHECK_INT(r.status, 403);
	t_resp_free(&r);
	t_pages_stop(&p);
}

TEST(supervisor_issues_certificate_and_bad_input_changes_nothing)
{
	struct t_pages p;
	struct t_browser sup;
	char pid[32], loc[128];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));
	int64_t person = t_pages_person(&p, p.sum.agency_ids[1], 0);
	REQUIRE(person);
	snprintf(pid, sizeof pid, "%lld", (long long)person);
	int64_t before = t_pages_count(&p, "certificates");

	char path[80];
	snprintf(path, sizeof path, "/certificates/new?person_id=%s", pid);
	struct http_resp r = t_page_get(&p, &sup, path);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "name=\"holder_fixed\"");
	t_resp_free(&r);

	r = t_page_post(&p, &sup, "/certificates/new", true, "number", "NX 1<b>", "person_id", pid,
			"issuer", "海原县人民政府", "domains", "自然资源", "issued_on", "2026-01-01",
			"valid_until", "2031-01-01", NULL);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "id=\"number-err\"");
	CHECK_CONTAINS(r.body, "value=\"NX 1&lt;b&gt;\"");
	CHECK_CONTAINS(r.body, "value=\"海原县人民政府\"");
	t_resp_free(&r);
	CHECK_INT(t_pages_count(&p, "certificates"), before);

	r = t_page_post(&p, &sup, "/certificates/new", true, "number", "NX0522T001", "person_id",
			pid, "issuer", "海原县人民政府", "domains", "自然资源", "issued_on",
			"2026-01-01", "valid_until", "2025-01-01", NULL);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "field-error");
	t_resp_free(&r);
	CHECK_INT(t_pages_count(&p, "certificates"), before);

	/* Without the csrf field the router refuses before the handler. */
	r = t_page_post(&p, &sup, "/certificates/new", false, "number", "NX0522T001", "person_id",
			pid, "issuer", "海原县人民政府", "domains", "自然资源", "issued_on",
			"2026-01-01", "valid_until", "2031-01-01", NULL);
	CHECK_INT(r.status, 403);
	t_resp_free(&r);
	CHECK_INT(t_pages_count(&p, "certificates"), before);

	/* typed in lower case, with a space and a full-width letter: issued
	 * under the number the public check reads */
	r = t_page_post(&p, &sup, "/certificates/new", true, "number", "nx 0522ｔ001", "person_id",
			pid, "issuer", "海原县人民政府", "domains", "自然资源,土地管理", "issued_on",
			"2026-01-01", "valid_until", "2031-01-01", NULL);
	CHECK_INT(r.status, 303);
	t_header(&r, "Location", loc, sizeof loc);
	CHECK_CONTAINS(loc, "?msg=cert_issued");
	t_resp_free(&r);
	CHECK_INT(t_pages_count(&p, "certificates"), before + 1);
	r = t_page_get(&p, &sup, loc);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "执法证已发放");
	CHECK_CONTAINS(r.body, "自然资源、土地管理");
	CHECK_CONTAINS(r.body, "NX0522T001");
	CHECK(!strstr(r.body, "nx 0522"));
	t_resp_free(&r);
	t_pages_stop(&p);
}

TEST(supervisor_suspends_resumes_reviews_and_revokes_with_confirmation)
{
	struct t_pages p;
	struct t_browser sup;
	char base[64], path[96];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));
	int64_t id = t_pages_cert_id(&p, "NX05220002");
	REQUIRE(id);
	snprintf(base, sizeof base, "/certificates/%lld", (long long)id);

	snprintf(path, sizeof path, "%s/suspend", base);
	struct http_resp r = t_page_post(&p, &sup, path, true, "reason", "", NULL);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "id=\"reason-err\"");
	t_resp_free(&r);
	CHECK_STR(t_pages_cert_status(&p, id), "valid");
	r = t_page_post(&p, &sup, path, false, "reason", "涉嫌违规执法", NULL);
	CHECK_INT(r.status, 403);
	t_resp_free(&r);
	CHECK_STR(t_pages_cert_status(&p, id), "valid");
	r = t_page_post(&p, &sup, path, true, "reason", "涉嫌违规执法", NULL);
	CHECK_INT(r.status, 303);
	t_resp_free(&r);
	CHECK_STR(t_pages_cert_status(&p, id), "suspended");
	r = t_page_get(&p, NULL, "/certificates/check?number=NX05220002");
	CHECK_CONTAINS(r.body, "class=\"verdict suspended\"");
	t_resp_free(&r);

	snprintf(path, sizeof path, "%s/resume", base);
	r = t_page_post(&p, &sup, path, true, "reason", "调查结束", NULL);
	CHECK_INT(r.status, 303);
	t_resp_free(&r);
	CHECK_STR(t_pages_cert_status(&p, id), "valid");

	snprintf(path, sizeof path, "%s/review", base);
	r = t_page_get(&p, &sup, path);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "审验结论");
	t_resp_free(&r);
	r = t_page_post(&p, &sup, path, true, "year", "2020", "passed", "0", "note", "",
			"reviewed_on", "", NULL);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "id=\"note-err\"");
	t_resp_free(&r);
	r = t_page_post(&p, &sup, path, true, "year", "2020", "passed", "1", "note", "合格",
			"reviewed_on", "", NULL);
	CHECK_INT(r.status, 303);
	t_resp_free(&r);
	r = t_page_get(&p, &sup, base);
	CHECK_CONTAINS(r.body, "<td data-label=\"年度\">2020</td>");
	t_resp_free(&r);

	/* Revoking asks for an explicit confirmation first. */
	snprintf(path, sizeof path, "%s/revoke", base);
	r = t_page_get(&p, &sup, path);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "注销后不可恢复");
	CHECK_CONTAINS(r.body, "name=\"confirm\"");
	t_resp_free(&r);
	r = t_page_post(&p, &sup, path, true, "reason", "调离执法岗位", "revoked_on", "", NULL);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "id=\"confirm-err\"");
	CHECK_CONTAINS(r.body, "value=\"调离执法岗位\"");
	t_resp_free(&r);
	CHECK_STR(t_pages_cert_status(&p, id), "valid");
	r = t_page_post(&p, &sup, path, true, "reason", "调离执法岗位", "revoked_on", "",
			"confirm", "1", NULL);
	CHECK_INT(r.status, 303);
	t_resp_free(&r);
	CHECK_STR(t_pages_cert_status(&p, id), "revoked");
	r = t_page_get(&p, NULL, "/certificates/check?number=NX05220002");
	CHECK_CONTAINS(r.body, "该证件已注销，持证人不得从事执法活动");
	t_resp_free(&r);
	/* Final: the forms are gone and refuse. */
	r = t_page_get(&p, &sup, base);
	CHECK(!strstr(r.body, "/revoke\""));
	CHECK_CONTAINS(r.body, "调离执法岗位");
	t_resp_free(&r);
	snprintf(path, sizeof path, "%s/suspend", base);
	r = t_page_get(&p, &sup, path);
	CHECK_INT(r.status, 409);
	t_resp_free(&r);
	t_pages_stop(&p);
}
