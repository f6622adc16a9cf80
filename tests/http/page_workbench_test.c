/* page_workbench_test.c - the system administrator's workbench asks for
 * a missing year's holiday arrangement; other roles do not see it. */
#include <string.h>

#include "page_fixture.h"
#include "t.h"

TEST(workbench_asks_the_sysadmin_to_load_a_missing_holiday_year)
{
	struct t_pages p;
	struct t_browser sys, off;
	REQUIRE(t_pages_start(&p));
	/* The test database has no calendar loaded at all. */
	REQUIRE(t_pages_login(&p, "sysadmin", &sys));
	REQUIRE(t_pages_login(&p, "officer1", &off));
	struct http_resp r = t_page_get(&p, &sys, "/workbench");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "年节假日安排");
	CHECK_CONTAINS(r.body, "fazhi calendar load");
	t_resp_free(&r);
	r = t_page_get(&p, &off, "/workbench");
	CHECK_INT(r.status, 200);
	CHECK(strstr(r.body, "年节假日安排") == NULL);
	t_resp_free(&r);
	t_pages_stop(&p);
}
