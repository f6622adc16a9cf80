/* pages_select_test.c - choices among many people (issue 12 §8): the
 * certificate form of a county's justice bureau offers its officers as a
 * searchable <datalist>, and what comes back is checked against the
 * record (a name matching nobody, a label that is not that person's, is
 * refused in Chinese and nothing is issued; the offered label issues to
 * that person); a case form groups its officers by unit. */
#include <stdio.h>
#include <string.h>

#include "page_fixture.h"
#include "t.h"

/* The first option of the holder datalist in html, into out. */
static const char *first_option(const char *html, char *out, size_t n)
{
	const char *list = html ? strstr(html, "<datalist id=\"holder-list\">") : NULL;
	const char *opt = list ? strstr(list, "<option value=\"") : NULL;
	out[0] = '\0';
	if (!opt)
		return out;
	opt += strlen("<option value=\"");
	size_t k = 0;
	while (opt[k] && opt[k] != '"' && k + 1 < n)
		k++;
	memcpy(out, opt, k);
	out[k] = '\0';
	return out;
}

static struct http_resp issue(struct t_pages *p, const struct t_browser *b, const char *number,
			      const char *holder)
{
	return t_page_post(p, b, "/certificates/new", true, "number", number, "holder", holder,
			   "issuer", "海原县人民政府", "domains", "自然资源", "issued_on", "2026-01-01",
			   "valid_until", "2031-01-01", NULL);
}

TEST(certificate_holder_is_a_datalist_whose_value_is_checked_against_the_record)
{
	struct t_pages p;
	struct t_browser sup;
	char label[256], forged[256];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));
	int64_t before = t_pages_count(&p, "certificates");

	struct http_resp r = t_page_get(&p, &sup, "/certificates/new");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "<input id=\"holder\" name=\"holder\" list=\"holder-list\"");
	CHECK_CONTAINS(r.body, "<datalist id=\"holder-list\"><option value=\"");
	CHECK(!strstr(r.body, "<select id=\"person_id\""));
	first_option(r.body, label, sizeof label);
	t_resp_free(&r);
	REQUIRE(strstr(label, "，编号 "));

	/* a name that matches nobody */
	r = issue(&p, &sup, "NX0522S001", "查无此人");
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "没有名为“查无此人”的在岗执法人员");
	CHECK_CONTAINS(r.body, "id=\"holder-err\"");
	CHECK_CONTAINS(r.body, "value=\"查无此人\""); /* kept for correcting */
	t_resp_free(&r);
	/* nothing chosen */
	r = issue(&p, &sup, "NX0522S001", "");
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "请选择持证人");
	t_resp_free(&r);
	/* a label whose number is somebody else's (or nobody's) */
	const char *num = strstr(label, "，编号 ");
	snprintf(forged, sizeof forged, "%.*s，编号 999999）", (int)(num - label), label);
	r = issue(&p, &sup, "NX0522S001", forged);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "与在岗执法人员的记录不符");
	t_resp_free(&r);
	CHECK_INT(t_pages_count(&p, "certificates"), before);
	CHECK_INT(t_pages_cert_id(&p, "NX0522S001"), 0);

	/* the label the list offered issues to that very person */
	r = issue(&p, &sup, "NX0522S001", label);
	CHECK_INT(r.status, 303);
	t_resp_free(&r);
	CHECK_INT(t_pages_count(&p, "certificates"), before + 1);
	int64_t cid = t_pages_cert_id(&p, "NX0522S001");
	REQUIRE(cid);
	struct certificate c;
	struct scope all = { .kind = SCOPE_ALL };
	REQUIRE(p.ts.st->ops->certificate_get(p.ts.st, p.ts.a, &all, cid, &c, NULL) == FZ_OK);
	char expect[32];
	snprintf(expect, sizeof expect, "，编号 %lld）", (long long)c.person_id);
	CHECK_CONTAINS(label, expect);
	CHECK(strncmp(label, c.holder_name, strlen(c.holder_name)) == 0);
	t_pages_stop(&p);
}

TEST(case_form_groups_the_officers_by_unit)
{
	struct t_pages p;
	struct t_browser off;
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "officer1", &off));
	struct http_resp r = t_page_get(&p, &off, "/cases/new?procedure=penalty_general");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "<fieldset class=\"people\"><legend>参与人员");
	CHECK_CONTAINS(r.body, "<fieldset class=\"unit\"><legend>");
	CHECK_CONTAINS(r.body, "name=\"officers\"");
	t_resp_free(&r);
	t_pages_stop(&p);
}

TEST(agency_choices_of_several_divisions_are_grouped_by_division)
{
	struct t_pages p;
	struct t_browser sys, sup;
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "sysadmin", &sys));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));
	/* the sysadmin sees two counties: one group each, in code order */
	struct http_resp r = t_page_get(&p, &sys, "/officers/new");
	CHECK_INT(r.status, 200);
	const char *a = strstr(r.body, "<optgroup label=\"中宁县（640521）\">");
	const char *b = strstr(r.body, "<optgroup label=\"海原县（640522）\">");
	CHECK(a && b && a < b);
	CHECK_CONTAINS(r.body, ">请选择</option><optgroup label=\"中宁县（640521）\">");
	t_resp_free(&r);
	/* the county's bureau sees one county: no group */
	r = t_page_get(&p, &sup, "/officers/new");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "海原县自然资源局");
	CHECK(!strstr(r.body, "<optgroup label=\"海原县（640522）\">"));
	t_resp_free(&r);
	t_pages_stop(&p);
}
