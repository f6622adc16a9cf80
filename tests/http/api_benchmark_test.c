/* api_benchmark_test.c - the benchmark API: the matters are listed, facts
 * give a proposal with its range and exemption, bad facts name the field,
 * and the admins see none of it. */
#include "api_fixture.h"
#include "t.h"

TEST(api_benchmarks_list_and_propose_from_facts)
{
	struct t_demo d;
	char buf[64];
	REQUIRE(t_demo_start(&d));
	struct http_resp r = t_api(&d, "officer1", "GET", "/api/v1/benchmarks?domain=自然资源", NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "zrzy-illegal-land");
	CHECK(t_json_int(&r, "total") >= 1);
	t_resp_free(&r);

	r = t_api(&d, "officer1", "POST", "/api/v1/benchmarks/zrzy-illegal-land/propose",
		  "{\"quantity\":\"400\",\"harm\":\"minor\"}");
	CHECK_INT(r.status, 200);
	CHECK_STR(t_json_str(&r, "tier", buf, sizeof buf), "一般");
	CHECK_INT(t_json_int(&r, "min_fen"), 8000000);
	CHECK_INT(t_json_int(&r, "max_fen"), 20000000);
	t_resp_free(&r);

	r = t_api(&d, "officer1", "POST", "/api/v1/benchmarks/zrzy-illegal-land/propose",
		  "{\"harm\":\"enormous\"}");
	CHECK_ERROR(r, 400, "invalid", "harm");
	t_resp_free(&r);
	r = t_api(&d, "officer1", "POST", "/api/v1/benchmarks/nothing/propose", "{}");
	CHECK_ERROR(r, 404, "not_found", "matter");
	t_resp_free(&r);
	r = t_api(&d, "sysadmin", "GET", "/api/v1/benchmarks", NULL);
	CHECK_INT(r.status, 403);
	t_resp_free(&r);
	t_demo_stop(&d);
}
