/* evaluation_test.c - the case-file evaluation rules: the shipped rubric
 * parses, a rubric whose sections do not total 20 and 80 or that repeats
 * a code is refused naming the line, a veto fails a file whatever its
 * points, a deduction is capped by its item, a code outside the rubric is
 * refused, and the sample depends only on the seed and the population. */
#include <stdio.h>

#include "t.h"

#include "domain/evaluation.h"

#define SEED "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
#define SEED2 "ff0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"

static const char small[] = "名称 测试标准\n优秀 90\n合格 70\n"
			    "否决 V1 无执法资格\n"
			    "形式 F1 12 立案审批\n形式 F2 8 送达\n"
			    "内容 C1 50 事实证据\n内容 C2 30 适用法律\n";

static enum fz_err parse(struct arena *a, const char *text, struct rubric *r, struct fz_error *e)
{
	return rubric_parse(a, text, strlen(text), r, e);
}

TEST(rubric_shipped_default_parses_with_veto_form_and_content_items)
{
	struct arena *a = arena_new();
	struct rubric r;
	struct fz_error e = { 0 };
	REQUIRE(parse(a, rubric_default_text(), &r, &e) == FZ_OK);
	int veto = 0, form = 0, content = 0;
	for (size_t i = 0; i < r.nitems; i++) {
		veto += r.items[i].section == RUBRIC_VETO;
		form += r.items[i].section == RUBRIC_FORM ? r.items[i].points : 0;
		content += r.items[i].section == RUBRIC_CONTENT ? r.items[i].points : 0;
	}
	CHECK(veto >= 4);
	CHECK_INT(form, 20);
	CHECK_INT(content, 80);
	CHECK(r.excellent > r.pass);
	arena_free(a);
}

TEST(rubric_refuses_form_items_not_totalling_20)
{
	struct arena *a = arena_new();
	struct rubric r;
	struct fz_error e = { 0 };
	CHECK(parse(a, "名称 x\n优秀 90\n合格 70\n形式 F1 12 a\n形式 F2 7 b\n内容 C1 80 c\n", &r,
		    &e) == FZ_INVALID);
	CHECK_CONTAINS(e.message, "形式评查各项合计 19 分，应为 20 分");
	CHECK(parse(a, "名称 x\n优秀 90\n合格 70\n形式 F1 20 a\n内容 C1 79 c\n", &r, &e) ==
	      FZ_INVALID);
	CHECK_CONTAINS(e.message, "内容评查各项合计 79 分");
	CHECK(parse(a, small, &r, &e) == FZ_OK);
	arena_free(a);
}

TEST(rubric_errors_name_the_line)
{
	struct arena *a = arena_new();
	struct rubric r;
	struct fz_error e = { 0 };
	CHECK(parse(a, "名称 x\n优秀 90\n合格 70\n形式 F1 12 a\n形式 F1 8 b\n", &r, &e) ==
	      FZ_INVALID);
	CHECK_CONTAINS(e.message, "第 5 行：项目编号 F1 与第 4 行重复");
	CHECK(parse(a, "名称 x\n\n扣分 F1 3 a\n", &r, &e) == FZ_INVALID);
	CHECK_CONTAINS(e.message, "第 3 行：不认识的开头“扣分”");
	CHECK(parse(a, "名称 x\n形式 F1 三 a\n", &r, &e) == FZ_INVALID);
	CHECK_CONTAINS(e.message, "第 2 行：F1 的分值应为 1–20 的整数");
	CHECK(parse(a, "名称 x\n形式 f1 3 a\n", &r, &e) == FZ_INVALID);
	CHECK_CONTAINS(e.message, "第 2 行：项目编号");
	CHECK(parse(a, "名称 x\n内容 C1 5\n", &r, &e) == FZ_INVALID);
	CHECK_CONTAINS(e.message, "第 2 行：C1 缺少评查内容");
	CHECK(parse(a, "名称 x\n优秀 60\n合格 70\n形式 F1 20 a\n内容 C1 80 c\n", &r, &e) ==
	      FZ_INVALID);
	CHECK_CONTAINS(e.message, "第 2 行：优秀分数线 60 应高于合格分数线 70");
	arena_free(a);
}

static struct rubric small_rubric(struct arena *a)
{
	struct rubric r;
	struct fz_error e = { 0 };
	if (parse(a, small, &r, &e) != FZ_OK)
		t_fail(__FILE__, __LINE__, "small rubric: %s", e.message);
	return r;
}

TEST(eval_veto_fails_a_file_whatever_its_points)
{
	struct arena *a = arena_new();
	struct rubric r = small_rubric(a);
	struct eval_result res;
	struct fz_error e = { 0 };
	struct eval_mark clean[] = { { "F1", 0, NULL } };
	REQUIRE(eval_score(&r, clean, 1, &res, &e) == FZ_OK);
	CHECK_INT(res.total, 100);
	CHECK(res.grade == EVAL_EXCELLENT);
	struct eval_mark veto[] = { { "V1", 0, "调查笔录只有一名执法人员签名" } };
	REQUIRE(eval_score(&r, veto, 1, &res, &e) == FZ_OK);
	CHECK_INT(res.total, 100);
	CHECK(res.vetoed);
	CHECK(res.grade == EVAL_FAIL);
	struct eval_mark bare_veto[] = { { "V1", 0, " " } };
	CHECK(eval_score(&r, bare_veto, 1, &res, &e) == FZ_INVALID);
	CHECK_CONTAINS(e.message, "否决项 V1 须写明");
	arena_free(a);
}

TEST(eval_deduction_capped_by_item_and_needs_a_note)
{
	struct arena *a = arena_new();
	struct rubric r = small_rubric(a);
	struct eval_result res;
	struct fz_error e = { 0 };
	struct eval_mark over[] = { { "F2", 9, "送达回证缺失" } };
	CHECK(eval_score(&r, over, 1, &res, &e) == FZ_INVALID);
	CHECK_CONTAINS(e.message, "项目 F2 扣分应为 0–8 分");
	struct eval_mark bare[] = { { "C1", 5, "" } };
	CHECK(eval_score(&r, bare, 1, &res, &e) == FZ_INVALID);
	CHECK_CONTAINS(e.message, "须写明扣分理由");
	struct eval_mark full[] = { { "F1", 12, "无立案审批" }, { "F2", 8, "无送达回证" },
				    { "C2", 5, "引用条款不具体" } };
	REQUIRE(eval_score(&r, full, 3, &res, &e) == FZ_OK);
	CHECK_INT(res.form, 0);
	CHECK_INT(res.content, 75);
	CHECK_INT(res.total, 75);
	CHECK(res.grade == EVAL_PASS);
	struct eval_mark low[] = { { "C1", 31, "事实不清" } };
	REQUIRE(eval_score(&r, low, 1, &res, &e) == FZ_OK);
	CHECK(res.grade == EVAL_FAIL);
	arena_free(a);
}

TEST(eval_score_refuses_an_item_not_in_the_rubric_or_given_twice)
{
	struct arena *a = arena_new();
	struct rubric r = small_rubric(a);
	struct eval_result res;
	struct fz_error e = { 0 };
	struct eval_mark stray[] = { { "X9", 1, "?" } };
	CHECK(eval_score(&r, stray, 1, &res, &e) == FZ_INVALID);
	CHECK_CONTAINS(e.message, "评查标准中没有项目“X9”");
	struct eval_mark twice[] = { { "F1", 1, "a" }, { "F1", 2, "b" } };
	CHECK(eval_score(&r, twice, 2, &res, &e) == FZ_INVALID);
	CHECK_CONTAINS(e.message, "项目 F1 评了两次");
	arena_free(a);
}

static const struct eval_case cases_a[] = {
	{ 11, "海自然罚〔2026〕3号" }, { 12, "海自然罚〔2026〕1号" }, { 13, "海自然罚〔2026〕7号" },
	{ 14, "海自然罚〔2026〕2号" }, { 15, "海自然罚〔2026〕9号" }, { 16, "海自然罚〔2026〕4号" },
};
static const struct eval_case cases_b[] = {
	{ 21, "海市监罚〔2026〕1号" }, { 22, "海市监罚〔2026〕2号" }, { 23, "海市监罚〔2026〕3号" },
	{ 24, "海市监罚〔2026〕4号" },
};

static void sample_str(const char *seed, const struct eval_population *g, size_t ng, int size,
		       int rate, char *out, size_t cap)
{
	struct arena *a = arena_new();
	struct eval_pick *p;
	size_t n;
	struct fz_error e = { 0 };
	out[0] = '\0';
	if (eval_sample(a, seed, g, ng, size, rate, &p, &n, &e) != FZ_OK)
		t_fail(__FILE__, __LINE__, "sample: %s", e.message);
	else
		for (size_t i = 0, len = 0; i < n && len < cap; i++)
			len += (size_t)snprintf(out + len, cap - len, "%lld:%lld/%d ",
						(long long)p[i].agency_id, (long long)p[i].case_id,
						p[i].order);
	arena_free(a);
}

TEST(eval_sample_reproducible_from_seed_and_independent_of_input_order)
{
	struct eval_population g[] = { { 7, cases_b, 4 }, { 3, cases_a, 6 } };
	struct eval_case rev[6];
	for (size_t i = 0; i < 6; i++)
		rev[i] = cases_a[5 - i];
	struct eval_population g2[] = { { 3, rev, 6 }, { 7, cases_b, 4 } };
	char x[512], y[512], z[512];
	sample_str(SEED, g, 2, 2, 0, x, sizeof x);
	sample_str(SEED, g2, 2, 2, 0, y, sizeof y);
	CHECK_STR(x, y);
	CHECK(strncmp(x, "3:", 2) == 0); /* agencies ascending */
	/* pinned: computed independently with Python hashlib from the steps in
	 * domain/evaluation.h; a change here is a new version of the method */
	CHECK_STR(x, "3:14/1 3:13/2 7:22/1 7:23/2 ");
	int differ = 0;
	for (int k = 0; k < 8; k++) {
		char seed[65];
		memcpy(seed, SEED2, sizeof seed);
		seed[1] = "0123456789abcdef"[k];
		sample_str(seed, g, 2, 2, 0, z, sizeof z);
		differ += strcmp(x, z) != 0;
	}
	CHECK(differ > 0);
}

TEST(eval_sample_rate_rounds_up_and_takes_at_least_one)
{
	CHECK_INT((int)eval_sample_count(6, 0, 10), 1);
	CHECK_INT((int)eval_sample_count(6, 0, 50), 3);
	CHECK_INT((int)eval_sample_count(7, 0, 50), 4);
	CHECK_INT((int)eval_sample_count(4, 9, 0), 4);
	CHECK_INT((int)eval_sample_count(0, 9, 0), 0);
	struct arena *a = arena_new();
	struct eval_pick *p;
	size_t n;
	struct fz_error e = { 0 };
	struct eval_population g[] = { { 3, cases_a, 6 } };
	CHECK(eval_sample(a, "abc", g, 1, 2, 0, &p, &n, &e) == FZ_INVALID);
	CHECK(eval_sample(a, SEED, g, 1, 0, 0, &p, &n, &e) == FZ_INVALID);
	struct eval_population twice[] = { { 3, cases_a, 6 }, { 3, cases_b, 4 } };
	CHECK(eval_sample(a, SEED, twice, 2, 1, 0, &p, &n, &e) == FZ_INVALID);
	arena_free(a);
}

TEST(notice_states_offer_answer_then_review)
{
	CHECK(notice_may_answer(NOTICE_ISSUED));
	CHECK(notice_may_answer(NOTICE_RETURNED));
	CHECK(!notice_may_answer(NOTICE_ANSWERED));
	CHECK(!notice_may_answer(NOTICE_CLOSED));
	CHECK(notice_may_review(NOTICE_ANSWERED));
	CHECK(!notice_may_review(NOTICE_CLOSED));
	CHECK_INT(notice_status_parse("returned"), NOTICE_RETURNED);
	CHECK_INT(notice_status_parse("x"), -1);
}
