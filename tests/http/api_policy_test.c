/* api_policy_test.c - the security policy through the API and its page:
 * secadmin reads and sets it, out-of-range values name the field and
 * change nothing, and other roles are refused. */
#include <string.h>

#include "api_fixture.h"
#include "page_fixture.h"
#include "t.h"

static const char *GOOD = "{\"idle_minutes\":10,\"max_hours\":8,\"lockout_threshold\":5,"
			  "\"lockout_minutes\":30,\"client_failure_limit\":50}";

TEST(api_policy_secadmin_sets_it_and_bad_values_change_nothing)
{
	struct t_demo d;
	REQUIRE(t_demo_start(&d));
	struct http_resp r = t_api(&d, "secadmin", "GET", "/api/v1/policy", NULL);
	CHECK_INT(r.status, 200);
	CHECK_INT(t_json_int(&r, "idle_minutes"), 30);
	t_resp_free(&r);

	r = t_api(&d, "secadmin", "PUT", "/api/v1/policy",
		  "{\"idle_minutes\":90,\"max_hours\":8,\"lockout_threshold\":5,"
		  "\"lockout_minutes\":30,\"client_failure_limit\":50}");
	CHECK_ERROR(r, 400, "invalid", "idle_minutes");
	t_resp_free(&r);
	r = t_api(&d, "secadmin", "PUT", "/api/v1/policy", "{\"idle_minutes\":10}");
	CHECK_ERROR(r, 400, "invalid", "max_hours");
	t_resp_free(&r);
	r = t_api(&d, "secadmin", "GET", "/api/v1/policy", NULL);
	CHECK_INT(t_json_int(&r, "idle_minutes"), 30);
	t_resp_free(&r);

	r = t_api(&d, "sysadmin", "PUT", "/api/v1/policy", GOOD);
	CHECK_INT(r.status, 403);
	t_resp_free(&r);
	r = t_api(&d, "secadmin", "PUT", "/api/v1/policy", GOOD);
	CHECK_INT(r.status, 200);
	CHECK_INT(t_json_int(&r, "idle_minutes"), 10);
	t_resp_free(&r);
	r = t_api(&d, "secadmin", "GET", "/api/v1/policy", NULL);
	CHECK_INT(t_json_int(&r, "lockout_minutes"), 30);
	t_resp_free(&r);
	t_demo_stop(&d);
}

TEST(page_policy_form_rerenders_a_bad_value_and_saves_a_good_one)
{
	struct t_pages p;
	struct t_browser b;
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "secadmin", &b));
	struct http_resp r = t_page_get(&p, &b, "/policy");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "会话空闲超时");
	t_resp_free(&r);
	r = t_page_post(&p, &b, "/policy", 1, "idle_minutes", "abc", "max_hours", "8",
			"lockout_threshold", "5", "lockout_minutes", "15",
			"client_failure_limit", "30", NULL);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "应为整数");
	t_resp_free(&r);
	r = t_page_post(&p, &b, "/policy", 1, "idle_minutes", "20", "max_hours", "8",
			"lockout_threshold", "5", "lockout_minutes", "15",
			"client_failure_limit", "30", NULL);
	CHECK_INT(r.status, 303);
	t_resp_free(&r);
	r = t_page_get(&p, &b, "/policy");
	CHECK_CONTAINS(r.body, "value=\"20\"");
	t_resp_free(&r);
	t_pages_stop(&p);
}
