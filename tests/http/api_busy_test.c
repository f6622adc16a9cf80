/* api_busy_test.c - a write that finds the database busy past its wait
 * is answered 503 with Retry-After and a Chinese message, never 500, and
 * leaves nothing; the same request goes through once the lock is free. */
#include <stdio.h>
#include <string.h>

#include "api_case_fx.h"
#include "t.h"

TEST(api_busy_database_answers_503_with_retry_after_and_keeps_nothing)
{
	struct case_fx f;
	char body[1024], path[96];
	REQUIRE(cfx_start(&f));
	snprintf(body, sizeof body,
		 "{\"procedure\":\"penalty_simplified\",\"domain\":\"土地管理\",\"title\":\"乱堆建材\","
		 "\"act_date\":\"%s\",\"party\":{\"kind\":\"citizen\",\"name\":\"张某\"},\"on\":\"%s\","
		 "\"reason\":\"补录：测试数据按发生日期录入\",\"fields\":{\"facts\":\"占道堆放建材\","
		 "\"grounds\":\"当场查实\",\"basis\":\"某条例第十条\",\"penalty\":\"fine\","
		 "\"amount\":\"100\",\"place\":\"海原县城关镇\"},\"officers\":[%lld,%lld]}",
		 cfx_day(&f, -10), cfx_day(&f, -10), (long long)f.p_officer1,
		 (long long)f.p_officer2);
	int64_t id = CFX_OPEN(&f, "officer1", body);
	REQUIRE(id > 0);
	int64_t events = cfx_event_count(&f, id);

	/* connections that wait 1 ms for a lock, requests 20 ms in all */
	f.d.ts.cfg.write_wait_ms = 20;
	REQUIRE(t_server_restart(&f.d.ts, 1));
	struct store *holder = f.d.ts.st;
	REQUIRE(holder->ops->begin(holder, true, NULL) == FZ_OK);
	snprintf(body, sizeof body,
		 "{\"step\":\"payment\",\"on\":\"%s\",\"reason\":\"补录：测试数据按发生日期录入\","
		 "\"fields\":{\"amount\":\"100\"}}",
		 cfx_day(&f, -9));
	snprintf(path, sizeof path, "/api/v1/cases/%lld/steps", (long long)id);
	struct http_resp r = t_api(&f.d, "officer1", "POST", path, body);
	CHECK_ERROR(r, 503, "busy", NULL);
	CHECK_CONTAINS(r.body, "系统繁忙，本次操作未保存，请稍后重试");
	CHECK_CONTAINS(r.headers, "Retry-After: 1");
	t_resp_free(&r);
	holder->ops->rollback(holder);
	CHECK_INT(cfx_event_count(&f, id), events);

	/* the lock free, the same request is taken */
	CFX_STEP(&f, "officer1", id, body);
	CHECK_INT(cfx_event_count(&f, id), events + 1);
	cfx_stop(&f);
}
