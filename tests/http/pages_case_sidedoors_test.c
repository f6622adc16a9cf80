/* pages_case_sidedoors_test.c - issue 8 §1 through the pages, as an
 * officer or head would try it in the browser: a decided fine rewritten
 * as a correction, a second outcome, a service date before the decision,
 * a late entry without a reason, a hearing notice too soon. Each is
 * refused with its Chinese message and nothing changes; the case page
 * offers only the steps that can follow the decision. */
#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "page_fixture.h"
#include "store/store.h"
#include "t.h"

static const struct scope all = { .kind = SCOPE_ALL };
#define DECIDED "未经批准临时用地逾期不归还" /* decided 3 days ago, not served */

static int64_t titled(struct t_pages *p, const char *title)
{
	struct case_list l;
	struct case_filter f = { .q = title };
	if (p->ts.st->ops->case_list(p->ts.st, p->ts.a, &all, &f, (struct page){ 0, 5 }, &l, NULL) ||
	    l.n != 1)
		return 0;
	return l.items[0].id;
}

/* Events so far, and the id of the latest of step (0 when none). */
static int64_t events(struct t_pages *p, int64_t id, const char *step, int64_t *of_step)
{
	struct case_event_list l;
	if (p->ts.st->ops->case_events(p->ts.st, p->ts.a, &all, id, &l, NULL))
		return -1;
	for (size_t i = 0; of_step && i < l.n; i++)
		if (!strcmp(l.items[i].step, step))
			*of_step = l.items[i].id;
	return (int64_t)l.n;
}

static int64_t documents(struct t_pages *p, int64_t id)
{
	struct case_document_list l;
	if (p->ts.st->ops->document_list(p->ts.st, p->ts.a, &all, id, &l, NULL))
		return -1;
	return (int64_t)l.n;
}

static const char *day(int offset, char out[FZ_DATE_LEN])
{
	char today[FZ_DATE_LEN];
	date_today(time_now(), today);
	date_add_days(today, offset, out);
	return out;
}

/* POSTs the form and checks the refusal: status, words on the page, and
 * the case's events and documents unchanged. */
#define REFUSED(p, b, id, url, want, words, ...)                                          \
	do {                                                                                \
		int64_t ev0_ = events((p), (id), "", NULL), doc0_ = documents((p), (id));   \
		struct http_resp r_ = t_page_post((p), (b), (url), 1, __VA_ARGS__, NULL);   \
		CHECK_INT(r_.status, (want));                                               \
		CHECK_CONTAINS(r_.body, (words));                                           \
		t_resp_free(&r_);                                                           \
		CHECK_INT(events((p), (id), "", NULL), ev0_);                               \
		CHECK_INT(documents((p), (id)), doc0_);                                     \
	} while (0)

TEST(page_refuses_rewriting_a_decided_fine_as_a_correction)
{
	struct t_pages p;
	struct t_browser head;
	char url[80], dec[24];
	int64_t dec_id = 0;
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "head1", &head));
	int64_t id = titled(&p, DECIDED);
	REQUIRE(id > 0 && events(&p, id, "decision", &dec_id) > 0 && dec_id > 0);
	snprintf(url, sizeof url, "/cases/%lld/steps/correction", (long long)id);
	snprintf(dec, sizeof dec, "%lld", (long long)dec_id);
	REFUSED(&p, &head, id, url, 409, "更正只能改正笔误等文字错误", "corrects", dec, "field",
		"amount", "value", "500", "reason", "金额笔误");
	t_pages_stop(&p);
}

TEST(page_offers_and_accepts_only_what_follows_the_decision)
{
	struct t_pages p;
	struct t_browser head;
	char url[80];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "head1", &head));
	int64_t id = titled(&p, DECIDED);
	REQUIRE(id > 0);
	snprintf(url, sizeof url, "/cases/%lld", (long long)id);
	struct http_resp r = t_page_get(&p, &head, url);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "/steps/revoke_decision");
	/* Neither offered nor greyed out: only what follows the decision. */
	CHECK(!strstr(r.body, "aria-disabled=\"true\">作出不予行政处罚决定</span>"));
	CHECK(!strstr(r.body, "/steps/no_penalty"));
	CHECK(!strstr(r.body, "aria-disabled=\"true\">撤销案件</span>"));
	CHECK(!strstr(r.body, "aria-disabled=\"true\">机关负责人决定审核分歧</span>"));
	CHECK_CONTAINS(r.body, "aria-disabled=\"true\">申请人民法院强制执行</span>");
	t_resp_free(&r);
	snprintf(url, sizeof url, "/cases/%lld/steps/no_penalty", (long long)id);
	REFUSED(&p, &head, id, url, 409, "一个案件只能有一个有效的处理结果", "reasons", "情节轻微", "ground", "minor", "facts", "f",
		"education", "当场教育");
	t_pages_stop(&p);
}

TEST(page_refuses_a_service_date_before_the_decision_and_an_unreasoned_late_entry)
{
	struct t_pages p;
	struct t_browser o1;
	char url[80], d5[FZ_DATE_LEN], d2[FZ_DATE_LEN];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "officer1", &o1));
	int64_t id = titled(&p, DECIDED);
	REQUIRE(id > 0);
	snprintf(url, sizeof url, "/cases/%lld/steps/service", (long long)id);
	REFUSED(&p, &o1, id, url, 409, "文书不能在作出前送达", "on", "", "served_on", day(-5, d5),
		"method", "直接送达");
	REFUSED(&p, &o1, id, url, 400, "属于补录：须说明补录理由", "on", day(-2, d2), "served_on",
		day(-2, d2), "method", "直接送达");
	t_pages_stop(&p);
}

TEST(page_refuses_a_hearing_notice_too_soon)
{
	struct t_pages p;
	struct t_browser o1;
	char url[80], d3[FZ_DATE_LEN], d0[FZ_DATE_LEN], host[24];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "officer1", &o1));
	int64_t id = titled(&p, "擅自改变土地用途");
	REQUIRE(id > 0);
	snprintf(host, sizeof host, "%lld", (long long)t_pages_person(&p, p.sum.agency_ids[1], 3));
	snprintf(url, sizeof url, "/cases/%lld/steps/hearing_notice", (long long)id);
	REFUSED(&p, &o1, id, url, 409, "听证通知应在举行听证 7 个工作日前送达", "hearing_on",
		day(3, d3), "hearing_time", "09:30", "place", "第一听证室", "host", host, "served_on",
		day(0, d0));
	t_pages_stop(&p);
}

/* Every officer an event names is checked by the gates; a form naming
 * more than CASE_OFFICERS_MAX (so that some would go unchecked) is
 * refused whole, as the API refuses it. */
TEST(page_refuses_more_officers_than_the_gates_check)
{
	struct t_pages p;
	struct t_browser o1;
	char url[80];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "officer1", &o1));
	int64_t id = titled(&p, DECIDED);
	REQUIRE(id > 0);
	snprintf(url, sizeof url, "/cases/%lld/steps/investigate", (long long)id);
	REFUSED(&p, &o1, id, url, 400, "一个步骤最多记录 12 名参与人员", "record", "询问笔录",
		"officers", "1", "officers", "2", "officers", "3", "officers", "4", "officers",
		"5", "officers", "6", "officers", "7", "officers", "8", "officers", "9",
		"officers", "10", "officers", "11", "officers", "12", "officers", "13");
	t_pages_stop(&p);
}
