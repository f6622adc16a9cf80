/* api_busy_test.c - a write that finds the database busy past its wait
 * is answered 503 with Retry-After and a Chinese message, never 500, and
 * leaves nothing; the same request goes through once the lock is free.
 * Concurrent steps through the server's group commit all commit. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "api_case_fx.h"
#include "app/ledger_verify.h"
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

enum { POSTERS = 4, POSTS = 6 };

struct poster {
	struct case_fx *f;
	int64_t id;
	const char *body;
	int created, other;
	long status; /* the last answer that was not 201 */
};

/* Runs on its own thread: records answers only (t_fail is the main
 * thread's). */
static void *poster_run(void *arg)
{
	struct poster *p = arg;
	char path[96];
	snprintf(path, sizeof path, "/api/v1/cases/%lld/steps", (long long)p->id);
	for (int k = 0; k < POSTS; k++) {
		struct http_resp r = t_api(&p->f->d, "officer1", "POST", path, p->body);
		if (r.status == 201) {
			p->created++;
		} else {
			p->other++;
			p->status = r.status;
		}
		t_resp_free(&r);
	}
	return NULL;
}

/* Concurrent steps through the server share its group commit: every one
 * is answered 201 (busy ones are retried inside), every one is on record
 * and the ledger verifies. */
TEST(api_concurrent_steps_all_commit_and_the_ledger_verifies)
{
	struct case_fx f;
	char open[1024], step[512];
	struct poster p[POSTERS];
	pthread_t t[POSTERS];
	REQUIRE(cfx_start(&f));
	REQUIRE(t_demo_token(&f.d, "officer1"));
	snprintf(open, sizeof open,
		 "{\"procedure\":\"penalty_general\",\"domain\":\"土地管理\","
		 "\"title\":\"并发：未经批准占用耕地建房\",\"act_date\":\"%s\","
		 "\"party\":{\"kind\":\"citizen\",\"name\":\"马某某\"},\"on\":\"%s\","
		 "\"fields\":{\"facts\":\"巡查发现占用耕地建房\",\"source\":\"日常巡查\"},"
		 "\"officers\":[%lld,%lld]}",
		 cfx_day(&f, -30), cfx_day(&f, 0), (long long)f.p_officer1,
		 (long long)f.p_officer2);
	snprintf(step, sizeof step,
		 "{\"step\":\"investigate\",\"on\":\"%s\",\"fields\":{\"record\":\"询问笔录\"},"
		 "\"officers\":[%lld,%lld]}",
		 cfx_day(&f, 0), (long long)f.p_officer1, (long long)f.p_officer2);
	int64_t events = 0;
	for (int i = 0; i < POSTERS; i++) {
		p[i] = (struct poster){ .f = &f, .body = step };
		REQUIRE((p[i].id = CFX_OPEN(&f, "officer1", open)) > 0);
		REQUIRE(CFX_APPROVE(&f, p[i].id, cfx_day(&f, 0)) > 0);
		events += cfx_event_count(&f, p[i].id);
	}
	for (int i = 0; i < POSTERS; i++)
		REQUIRE(pthread_create(&t[i], NULL, poster_run, &p[i]) == 0);
	int64_t after = 0;
	for (int i = 0; i < POSTERS; i++) {
		pthread_join(t[i], NULL);
		CHECK_INT(p[i].created, POSTS);
		CHECK_INT(p[i].other, 0);
		if (p[i].other)
			printf("  poster %d: last answer %ld\n", i, p[i].status);
		after += cfx_event_count(&f, p[i].id);
	}
	CHECK_INT(after, events + POSTERS * POSTS);
	struct app_ctx cli;
	struct ledger_verify_report r;
	struct fz_error e = { 0 };
	app_ctx_init(&cli, f.d.ts.st, f.d.ts.a, &f.d.ts.cfg, "cli", time(NULL));
	app_ctx_as_cli(&cli);
	CHECK_INT(app_ledger_verify(&cli, f.d.ts.data_dir, NULL, &r, &e), FZ_OK);
	CHECK(r.ok);
	CHECK_STR(r.problem, "");
	cfx_stop(&f);
}
