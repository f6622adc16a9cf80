/* pages_evaluation_test.c - 评查与整改 as a browser without JavaScript
 * sees the demo county: the agency's head finds the returned notice with
 * the answer form and no review buttons, the bureau sees no answer form,
 * an answer without the CSRF field is refused, an answer moves the notice
 * to the bureau's review; the finished round shows its seed and results. */
#include <stdio.h>
#include <string.h>

#include "page_fixture.h"
#include "store/store.h"
#include "t.h"

static int64_t notice_in(struct t_pages *p, enum notice_status s)
{
	struct rect_notice_filter f = { .status = (int)s };
	struct rect_notice_list l;
	struct scope all = { .kind = SCOPE_ALL };
	if (p->ts.st->ops->notice_list(p->ts.st, p->ts.a, &all, &f, (struct page){ 0, 10 }, &l,
				       NULL) || !l.n)
		return -1;
	return l.items[0].id;
}

TEST(pages_notice_offers_the_answer_to_the_agency_and_the_review_to_the_bureau)
{
	struct t_pages p;
	struct t_browser head, sup;
	char url[96];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "head1", &head));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));
	int64_t id = notice_in(&p, NOTICE_RETURNED);
	REQUIRE(id > 0);
	struct http_resp r = t_page_get(&p, &head, "/oversight?status=returned");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "已退回重报");
	t_resp_free(&r);
	snprintf(url, sizeof url, "/rectification-notices/%lld", (long long)id);
	r = t_page_get(&p, &head, url);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "退回理由");
	CHECK_CONTAINS(r.body, "报送整改情况");
	CHECK_LACKS(r.body, "整改到位，销号");
	t_resp_free(&r);
	r = t_page_get(&p, &sup, url);
	CHECK_LACKS(r.body, "报送整改情况</button>");
	CHECK_LACKS(r.body, "整改到位，销号");
	t_resp_free(&r);
	snprintf(url, sizeof url, "/rectification-notices/%lld/answer", (long long)id);
	r = t_page_post(&p, &head, url, false, "report", "已补报自查清单", NULL);
	CHECK_INT(r.status, 403);
	t_resp_free(&r);
	CHECK_INT(notice_in(&p, NOTICE_RETURNED), id);
	r = t_page_post(&p, &head, url, true, "report", " ", NULL);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "请写明整改情况");
	t_resp_free(&r);
	r = t_page_post(&p, &head, url, true, "report", "已补报自查清单", NULL);
	CHECK(r.status == 303 || r.status == 302);
	t_resp_free(&r);
	CHECK_INT(notice_in(&p, NOTICE_ANSWERED), id);
	snprintf(url, sizeof url, "/rectification-notices/%lld", (long long)id);
	r = t_page_get(&p, &sup, url);
	CHECK_CONTAINS(r.body, "整改到位，销号");
	CHECK_CONTAINS(r.body, "已补报自查清单");
	t_resp_free(&r);
	t_pages_stop(&p);
}

TEST(pages_finished_round_shows_its_seed_and_results_per_agency)
{
	struct t_pages p;
	struct t_browser sup;
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));
	struct http_resp r = t_page_get(&p, &sup, "/oversight");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "行政处罚案卷评查（演示）");
	CHECK_CONTAINS(r.body, "已结束");
	CHECK_CONTAINS(r.body, "年度行政执法监督检查计划（演示）");
	const char *a = strstr(r.body, "/evaluations/");
	char url[64] = "";
	if (a)
		snprintf(url, sizeof url, "%.*s", (int)strcspn(a, "\""), a);
	t_resp_free(&r);
	REQUIRE(url[0]);
	r = t_page_get(&p, &sup, url);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "随机种子");
	CHECK_CONTAINS(r.body, "各单位评查结果");
	CHECK_CONTAINS(r.body, "海原县自然资源局");
	t_resp_free(&r);
	t_pages_stop(&p);
}
