/* benchmark_test.c - the shipped demo benchmarks parse and say they are
 * demo data; ranges are exact in fen (fixed, multiple, per unit); tier and
 * exemption follow the documented rule; an amount outside its tier is
 * flagged in Chinese; each malformed line is refused by file and line. */
#include <stdio.h>

#include "t.h"

#include "domain/benchmark.h"

static struct arena *fx_arena;
static struct benchmark_set fx_set;

static const struct benchmark_matter *demo(const char *id)
{
	if (!fx_arena) {
		struct fz_error e = { 0 };
		fx_arena = arena_new();
		if (!fx_arena || benchmark_builtin(fx_arena, &fx_set, &e) != FZ_OK) {
			t_fail(__FILE__, __LINE__, "builtin benchmarks: %s", e.message);
			return NULL;
		}
	}
	return benchmark_find(&fx_set, id);
}

#define YUAN(y) ((int64_t)(y) * 100)

TEST(benchmark_builtin_holds_the_six_demo_matters_marked_as_demo_data)
{
	static const struct {
		const char *id, *name, *domain;
	} want[] = {
		{ "zrzy-illegal-land", "非法占用土地", "自然资源" },
		{ "zrzy-unlicensed-mining", "未取得采矿许可证擅自采矿", "自然资源" },
		{ "scjg-expired-food", "销售超过保质期的食品", "市场监管" },
		{ "scjg-unlicensed-food", "未取得食品经营许可从事食品经营活动", "市场监管" },
		{ "sthj-air-exceed", "超过大气污染物排放标准排放大气污染物", "生态环境" },
		{ "cgzf-road-stacking", "擅自占用城市道路堆放物料", "城市管理" },
	};
	REQUIRE(demo("cgzf-road-stacking"));
	CHECK_INT(fx_set.nmatters, 6);
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		const struct benchmark_matter *m = demo(want[i].id);
		REQUIRE(m);
		CHECK_STR(m->name, want[i].name);
		CHECK_STR(m->domain, want[i].domain);
		CHECK_CONTAINS(m->source, "演示数据");
		CHECK_CONTAINS(m->penalty_basis, "第");
		CHECK_INT(m->ntiers, 4);
		for (size_t k = 0; k < m->ntiers; k++)
			CHECK_INT(m->tiers[k].level, BENCHMARK_MINOR + (int)k);
	}
	CHECK(demo("no-such-matter") == NULL);
}

TEST(benchmark_check_flags_an_amount_outside_its_tier_with_the_message)
{
	const struct benchmark_matter *m = demo("cgzf-road-stacking");
	struct benchmark_facts f = { 0 };
	struct benchmark_check_result r;
	REQUIRE(m);
	REQUIRE(benchmark_check(m, BENCHMARK_GENERAL, &f, YUAN(8000), &r, NULL) == FZ_OK);
	CHECK(!r.inside);
	CHECK(r.needs_reason);
	CHECK(!r.above_all && !r.below_all);
	CHECK_STR(r.message, "罚款 8000 元超出‘一般’阶次 1000–5000 元的裁量范围，须说明理由");
	REQUIRE(benchmark_check(m, BENCHMARK_GENERAL, &f, YUAN(3000), &r, NULL) == FZ_OK);
	CHECK(r.inside && !r.needs_reason);
	CHECK_STR(r.message, "罚款 3000 元在‘一般’阶次 1000–5000 元的裁量范围内");
	/* both ends belong to the range */
	REQUIRE(benchmark_check(m, BENCHMARK_GENERAL, &f, YUAN(5000), &r, NULL) == FZ_OK);
	CHECK(r.inside);
	REQUIRE(benchmark_check(m, BENCHMARK_GENERAL, &f, YUAN(5000) + 1, &r, NULL) == FZ_OK);
	CHECK(!r.inside);
	CHECK_CONTAINS(r.message, "罚款 5000.01 元超出");
	/* above every tier: maybe beyond the statute */
	REQUIRE(benchmark_check(m, BENCHMARK_GRAVE, &f, YUAN(25000), &r, NULL) == FZ_OK);
	CHECK(r.above_all && r.needs_reason);
	CHECK_CONTAINS(r.message, "高于本事项各阶次的最高额 20000 元");
}

TEST(benchmark_check_below_every_tier_is_a_mitigated_penalty_needing_its_ground)
{
	const struct benchmark_matter *m = demo("scjg-expired-food");
	struct benchmark_facts f = { .goods_value_fen = YUAN(300) };
	struct benchmark_check_result r;
	REQUIRE(m);
	REQUIRE(benchmark_check(m, BENCHMARK_MINOR, &f, YUAN(2000), &r, NULL) == FZ_OK);
	CHECK(!r.inside && r.below_all && r.needs_reason);
	CHECK_CONTAINS(r.message, "低于本事项各阶次的最低额 50000 元，属减轻处罚");
	struct fz_error e = { 0 };
	CHECK(benchmark_check(m, BENCHMARK_MINOR, &f, -1, &r, &e) == FZ_INVALID);
}

TEST(benchmark_goods_multiple_falls_back_to_fixed_amounts_below_the_threshold)
{
	const struct benchmark_matter *m = demo("scjg-expired-food");
	struct benchmark_facts f = { .goods_value_fen = YUAN(3000) };
	struct benchmark_range r;
	REQUIRE(m);
	const struct benchmark_tier *t = benchmark_tier_find(m, BENCHMARK_MINOR);
	REQUIRE(t);
	REQUIRE(benchmark_range(t, &f, &r, NULL) == FZ_OK);
	CHECK(r.has_fine);
	CHECK_INT(r.min_fen, YUAN(50000));
	CHECK_INT(r.max_fen, YUAN(60000));
	CHECK_STR(r.how, "货值金额 3000 元，不足 10000 元，罚款 50000–60000 元");
	f.goods_value_fen = 0;
	REQUIRE(benchmark_range(t, &f, &r, NULL) == FZ_OK);
	CHECK_STR(r.how, "没有货值金额，罚款 50000–60000 元");
	f.goods_value_fen = YUAN(20000);
	REQUIRE(benchmark_range(t, &f, &r, NULL) == FZ_OK);
	CHECK_INT(r.min_fen, YUAN(200000));
	CHECK_INT(r.max_fen, YUAN(240000));
	CHECK_STR(r.how, "货值金额 20000 元的 10–12 倍，即 200000–240000 元");
}

TEST(benchmark_gains_multiple_is_exact_in_fen_and_rounded_down)
{
	const struct benchmark_matter *m = demo("zrzy-unlicensed-mining");
	/* 12345.67 元 × 0.1 = 1234.567 → 1234.56; × 0.25 = 3086.4175 → 3086.41 */
	struct benchmark_facts f = { .illegal_gains_fen = 1234567 };
	struct benchmark_range r;
	REQUIRE(m);
	REQUIRE(benchmark_range(benchmark_tier_find(m, BENCHMARK_GENERAL), &f, &r, NULL) == FZ_OK);
	CHECK_INT(r.min_fen, 123456);
	CHECK_INT(r.max_fen, 308641);
	CHECK_STR(r.how, "违法所得 12345.67 元的 0.1–0.25 倍，即 1234.56–3086.41 元");
	/* no gains and no floor: nothing to fine */
	f.illegal_gains_fen = 0;
	REQUIRE(benchmark_range(benchmark_tier_find(m, BENCHMARK_GRAVE), &f, &r, NULL) == FZ_OK);
	CHECK_INT(r.min_fen, 0);
	CHECK_INT(r.max_fen, 0);
}

TEST(benchmark_per_unit_fine_is_multiplied_by_the_quantity)
{
	const struct benchmark_matter *m = demo("zrzy-illegal-land");
	struct benchmark_facts f = { .quantity = 500 };
	struct benchmark_range r;
	REQUIRE(m);
	REQUIRE(benchmark_range(benchmark_tier_find(m, BENCHMARK_GENERAL), &f, &r, NULL) == FZ_OK);
	CHECK_INT(r.min_fen, YUAN(100000));
	CHECK_INT(r.max_fen, YUAN(250000));
	CHECK_STR(r.how, "每平方米 200–500 元，共 500 平方米，即 100000–250000 元");
}

TEST(benchmark_propose_starts_from_the_harm_and_moves_one_tier_per_circumstance)
{
	static const struct {
		enum benchmark_harm harm;
		int aggravating, mitigating;
		enum benchmark_level want;
	} cases[] = {
		{ BENCHMARK_HARM_NONE, 0, 0, BENCHMARK_MINOR },
		{ BENCHMARK_HARM_MINOR, 0, 0, BENCHMARK_GENERAL },
		{ BENCHMARK_HARM_SERIOUS, 0, 0, BENCHMARK_SERIOUS },
		{ BENCHMARK_HARM_GRAVE, 0, 0, BENCHMARK_GRAVE },
		{ BENCHMARK_HARM_MINOR, 1, 0, BENCHMARK_SERIOUS },
		{ BENCHMARK_HARM_MINOR, 2, 1, BENCHMARK_SERIOUS },
		{ BENCHMARK_HARM_SERIOUS, 0, 1, BENCHMARK_GENERAL },
		{ BENCHMARK_HARM_GRAVE, 0, 5, BENCHMARK_MINOR },  /* clamped */
		{ BENCHMARK_HARM_SERIOUS, 5, 0, BENCHMARK_GRAVE }, /* clamped */
	};
	const struct benchmark_matter *m = demo("sthj-air-exceed");
	REQUIRE(m);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct benchmark_facts f = { .harm = cases[i].harm,
					     .aggravating = cases[i].aggravating,
					     .mitigating = cases[i].mitigating };
		struct benchmark_proposal p;
		REQUIRE(benchmark_propose(m, &f, &p, NULL) == FZ_OK);
		CHECK_INT(p.level * 100 + (int)i, cases[i].want * 100 + (int)i);
		CHECK(p.tier && p.tier->level == p.level);
	}
	struct benchmark_facts f = { .harm = BENCHMARK_HARM_MINOR, .aggravating = 1 };
	struct benchmark_proposal p;
	REQUIRE(benchmark_propose(m, &f, &p, NULL) == FZ_OK);
	CHECK_STR(p.tier_reason,
		  "危害后果轻微，起点为‘一般’阶次；从重情节 1 项、从轻情节 0 项，调整为‘较重’阶次");
	CHECK_INT(p.range.min_fen, YUAN(400000));
	CHECK_INT(p.range.max_fen, YUAN(700000));
	CHECK_STR(p.range.how, "罚款 400000–700000 元");
	CHECK_INT(p.exemption, BENCHMARK_EXEMPT_NONE);
	CHECK_STR(p.exemption_reason, "");
}

TEST(benchmark_minor_violation_corrected_without_harm_is_exempt_by_law)
{
	const struct benchmark_matter *m = demo("cgzf-road-stacking");
	struct benchmark_facts f = { .harm = BENCHMARK_HARM_NONE, .corrected_promptly = true,
				     .first_offence = true };
	struct benchmark_proposal p;
	REQUIRE(m);
	REQUIRE(benchmark_propose(m, &f, &p, NULL) == FZ_OK);
	CHECK_INT(p.level, BENCHMARK_MINOR);
	CHECK_INT(p.exemption, BENCHMARK_EXEMPT_MINOR); /* before 首违不罚 */
	CHECK(p.exemption_mandatory);
	CHECK_CONTAINS(p.exemption_reason, "依法不予行政处罚");
	CHECK_CONTAINS(p.exemption_reason, "占用面积不足 5 平方米");
	CHECK_CONTAINS(p.exemption_reason, "应当对当事人进行教育");
	/* not corrected: no exemption at all */
	f.corrected_promptly = false;
	REQUIRE(benchmark_propose(m, &f, &p, NULL) == FZ_OK);
	CHECK_INT(p.exemption, BENCHMARK_EXEMPT_NONE);
	/* an aggravating circumstance lifts the tier: no longer minor */
	f.corrected_promptly = true;
	f.aggravating = 1;
	f.first_offence = false;
	REQUIRE(benchmark_propose(m, &f, &p, NULL) == FZ_OK);
	CHECK_INT(p.level, BENCHMARK_GENERAL);
	CHECK_INT(p.exemption, BENCHMARK_EXEMPT_NONE);
}

TEST(benchmark_first_offence_with_minor_harm_corrected_may_be_exempt)
{
	const struct benchmark_matter *m = demo("cgzf-road-stacking");
	struct benchmark_facts f = { .harm = BENCHMARK_HARM_MINOR, .corrected_promptly = true,
				     .first_offence = true };
	struct benchmark_proposal p;
	REQUIRE(m);
	REQUIRE(benchmark_propose(m, &f, &p, NULL) == FZ_OK);
	CHECK_INT(p.level, BENCHMARK_GENERAL);
	CHECK_INT(p.exemption, BENCHMARK_EXEMPT_FIRST);
	CHECK(!p.exemption_mandatory);
	CHECK_CONTAINS(p.exemption_reason, "初次违法且危害后果轻微并及时改正，可以不予行政处罚");
	CHECK_CONTAINS(p.exemption_reason, "在责令期限内清除");
	f.harm = BENCHMARK_HARM_SERIOUS;
	REQUIRE(benchmark_propose(m, &f, &p, NULL) == FZ_OK);
	CHECK_INT(p.exemption, BENCHMARK_EXEMPT_NONE);
}

TEST(benchmark_exemption_needs_the_matter_on_the_list_and_says_so)
{
	const struct benchmark_matter *m = demo("zrzy-illegal-land"); /* no list */
	struct benchmark_facts f = { .harm = BENCHMARK_HARM_NONE, .corrected_promptly = true,
				     .quantity = 50 };
	struct benchmark_proposal p;
	REQUIRE(m);
	REQUIRE(benchmark_propose(m, &f, &p, NULL) == FZ_OK);
	CHECK_INT(p.exemption, BENCHMARK_EXEMPT_NONE);
	CHECK_CONTAINS(p.exemption_reason, "事实符合轻微不罚的一般条件，但本事项未列入轻微不罚清单");
	CHECK_INT(p.range.min_fen, YUAN(5000));
	CHECK_INT(p.range.max_fen, YUAN(10000));
}

static const char small[] =
	"source 测试\n"
	"matter t-1 测试事项\n"
	"domain 城市管理\n"
	"basis 某条例第一条\n"
	"penalty 某条例第二条\n"
	"tier 轻微\n"
	"  when 情节轻微\n"
	"  also warning 警告\n"
	"tier 严重\n"
	"  when 情节严重\n"
	"  fine fixed 1000-2000.5\n";

TEST(benchmark_propose_takes_the_nearest_tier_the_matter_has)
{
	struct arena *a = arena_new();
	struct benchmark_set set = { 0 };
	struct fz_error e = { 0 };
	REQUIRE(benchmark_parse(a, "small.txt", small, strlen(small), &set, &e) == FZ_OK);
	const struct benchmark_matter *m = benchmark_find(&set, "t-1");
	REQUIRE(m);
	struct benchmark_facts f = { .harm = BENCHMARK_HARM_MINOR };
	struct benchmark_proposal p;
	REQUIRE(benchmark_propose(m, &f, &p, NULL) == FZ_OK);
	CHECK_INT(p.level, BENCHMARK_MINOR); /* 一般 is nearer to 轻微 */
	CHECK_CONTAINS(p.tier_reason, "本事项没有该阶次，取最接近的‘轻微’阶次");
	CHECK(!p.range.has_fine);
	CHECK_STR(p.range.how, "不处罚款");
	f.harm = BENCHMARK_HARM_SERIOUS;
	REQUIRE(benchmark_propose(m, &f, &p, NULL) == FZ_OK);
	CHECK_INT(p.level, BENCHMARK_GRAVE);
	CHECK_INT(p.range.max_fen, 200050);
	/* a tier without a fine: any fine is outside it */
	struct benchmark_check_result r;
	REQUIRE(benchmark_check(m, BENCHMARK_MINOR, &f, 0, &r, NULL) == FZ_OK);
	CHECK(r.inside);
	REQUIRE(benchmark_check(m, BENCHMARK_MINOR, &f, YUAN(500), &r, NULL) == FZ_OK);
	CHECK(!r.inside && r.needs_reason);
	CHECK_STR(r.message, "‘轻微’阶次不处罚款，决定罚款 500 元超出裁量范围，须说明理由");
	CHECK(benchmark_check(m, BENCHMARK_GENERAL, &f, 0, &r, &e) == FZ_NOTFOUND);
	CHECK_STR(e.message, "事项 t-1 没有‘一般’阶次");
	arena_free(a);
}

TEST(benchmark_facts_out_of_bounds_are_refused)
{
	const struct benchmark_matter *m = demo("scjg-expired-food");
	struct benchmark_proposal p;
	struct fz_error e = { 0 };
	REQUIRE(m);
	struct benchmark_facts f = { .illegal_gains_fen = -1 };
	CHECK(benchmark_propose(m, &f, &p, &e) == FZ_INVALID);
	f = (struct benchmark_facts){ .goods_value_fen = BENCHMARK_AMOUNT_MAX_FEN + 1 };
	CHECK(benchmark_propose(m, &f, &p, &e) == FZ_INVALID);
	f = (struct benchmark_facts){ .harm = (enum benchmark_harm)7 };
	CHECK(benchmark_propose(m, &f, &p, &e) == FZ_INVALID);
	f = (struct benchmark_facts){ .aggravating = BENCHMARK_CIRCUMSTANCES_MAX + 1 };
	CHECK(benchmark_propose(m, &f, &p, &e) == FZ_INVALID);
	/* the largest facts do not overflow */
	f = (struct benchmark_facts){ .goods_value_fen = BENCHMARK_AMOUNT_MAX_FEN,
				      .harm = BENCHMARK_HARM_GRAVE };
	REQUIRE(benchmark_propose(m, &f, &p, &e) == FZ_OK);
	CHECK(p.range.max_fen == BENCHMARK_AMOUNT_MAX_FEN * 20);
}

TEST(benchmark_levels_are_named_in_chinese_or_by_code)
{
	enum benchmark_level lv;
	CHECK(benchmark_level_parse("较重", &lv) && lv == BENCHMARK_SERIOUS);
	CHECK(benchmark_level_parse("grave", &lv) && lv == BENCHMARK_GRAVE);
	CHECK(!benchmark_level_parse("重大", &lv));
	CHECK_STR(benchmark_level_name(BENCHMARK_MINOR), "轻微");
	CHECK_STR(benchmark_level_name((enum benchmark_level)9), "");
}

/* The head of a valid file, for the malformed lines below. */
#define HEAD "source 测试\nmatter t-1 测试事项\ndomain 城市管理\nbasis 甲\npenalty 乙\n"

TEST(benchmark_parse_refuses_each_malformed_line_naming_file_and_line)
{
	static const struct {
		const char *text, *message;
	} cases[] = {
		{ "matter t-1 x\n", "x.txt 第 1 行：第一个 matter 之前应有 source 行" },
		{ "source a\nsource b\n", "x.txt 第 2 行：source 行只能有一行" },
		{ "source a\nfrobnicate 1\n", "x.txt 第 2 行：无法识别的关键字“frobnicate”" },
		{ "source a\n非常非常非常非常非常非常非常非常 1\n",
		  "x.txt 第 2 行：无法识别的关键字“非常非常非常非常非常非常非”" },
		{ "source a\ndomain 城市管理\n", "x.txt 第 2 行：domain 行应在某个 matter 之内" },
		{ "source a\nmatter t/1 x\n", "x.txt 第 2 行：事项编号应为" },
		{ "source a\nmatter t-1\n", "x.txt 第 2 行：缺少事项名称" },
		{ HEAD "when 先于阶次\n", "x.txt 第 6 行：when 行应紧随某个 tier 之后" },
		{ HEAD "tier 重大\n", "x.txt 第 6 行：tier 后应为 轻微、一般、较重 或 严重" },
		{ HEAD "tier 一般\nwhen a\nfine fixed 1-2\ntier 轻微\n",
		  "x.txt 第 9 行：‘轻微’阶次重复或顺序颠倒" },
		{ HEAD "tier 一般\nwhen a\nfine fixed 5000-2000\n",
		  "x.txt 第 8 行：罚款幅度的最低额大于最高额" },
		{ HEAD "tier 一般\nwhen a\nfine fixed 1.234-2\n",
		  "x.txt 第 8 行：罚款幅度“1.234-2”不是有效的数额" },
		{ HEAD "tier 一般\nwhen a\nfine fixed 2000\n",
		  "x.txt 第 8 行：罚款幅度应写作“最低-最高”" },
		{ HEAD "tier 一般\nwhen a\nfine fixed -5-2\n", "x.txt 第 8 行：罚款幅度“-5-2”不是有效" },
		{ HEAD "tier 一般\nwhen a\nfine gains 1-3 below 0 1-2\n",
		  "x.txt 第 8 行：below 后应为正的金额" },
		{ HEAD "tier 一般\nwhen a\nfine gains 1-3 over 5\n",
		  "x.txt 第 8 行：倍数之后只能是 below" },
		{ HEAD "tier 一般\nwhen a\nfine gains 1-300\n", "x.txt 第 8 行：倍数“1-300”不是有效" },
		{ HEAD "tier 一般\nwhen a\nfine fixed 1-2\nfine fixed 1-2\n",
		  "x.txt 第 9 行：同一阶次只能有一行 fine" },
		{ HEAD "tier 一般\nwhen a\nfine per 1-2\n", "x.txt 第 8 行：每单位罚款幅度应写作" },
		{ HEAD "tier 一般\nwhen a\nfine daily 1-2\n", "x.txt 第 8 行：fine 后应为 fixed" },
		{ HEAD "tier 一般\nwhen a\nalso jail 拘留\n", "x.txt 第 8 行：also 后应为 warning" },
		{ HEAD "tier 一般\nwhen a\nalso warning\n", "x.txt 第 8 行：缺少其他处罚的内容" },
		{ HEAD "tier 一般\nfine fixed 1-2\n", "x.txt 第 6 行：‘一般’阶次缺少 when 行" },
		{ HEAD "tier 一般\nwhen a\n", "x.txt 第 6 行：‘一般’阶次既没有 fine 行也没有 also 行" },
		{ HEAD "tier 一般\nwhen a\nfine fixed 1-2\nexempt minor 甲\nwhen b\n",
		  "x.txt 第 10 行：when 行应紧随某个 tier 之后" },
		{ HEAD "exempt minor 甲\nexempt minor 乙\n", "x.txt 第 7 行：该事项的 exempt minor 重复" },
		{ HEAD "exempt always 甲\n", "x.txt 第 6 行：exempt 后应为 minor" },
		{ HEAD "domain 市场监管\n", "x.txt 第 6 行：该事项的 domain 行重复" },
		{ "source a\nmatter t-1 x\ndomain 城市 管理\n", "x.txt 第 3 行：执法领域应为一个词" },
		{ "source a\nmatter t-1 x\nbasis 甲\npenalty 乙\ntier 轻微\nwhen a\nalso warning 警告\n",
		  "x.txt 第 2 行：事项 t-1 缺少domain 行" },
		{ HEAD, "x.txt 第 2 行：事项 t-1 缺少tier 行" },
		{ HEAD "tier 轻微\nwhen a\nalso warning 警告\nmatter t-1 y\n",
		  "x.txt 第 9 行：事项编号 t-1 已在第 2 行使用" },
		{ "# 只有注释\n\n", "x.txt：文件中没有任何 matter 行" },
		{ "source a\xff\n", "x.txt 第 1 行：不是有效的 UTF-8 文本" },
		{ "source a\x01b\n", "x.txt 第 1 行：来源说明含有控制字符" },
	};
	struct arena *a = arena_new();
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct benchmark_set set = { 0 };
		struct fz_error e = { 0 };
		enum fz_err rc = benchmark_parse(a, "x.txt", cases[i].text, strlen(cases[i].text),
						 &set, &e);
		if (rc != FZ_INVALID || strncmp(e.message, cases[i].message,
						strlen(cases[i].message)) != 0)
			t_fail(__FILE__, __LINE__, "case %zu: rc %d, message \"%s\", expected \"%s\"",
			       i, (int)rc, e.message, cases[i].message);
		CHECK_INT(set.nmatters, 0);
	}
	arena_free(a);
}

TEST(benchmark_parse_appends_files_and_refuses_an_id_from_another_file)
{
	struct arena *a = arena_new();
	struct benchmark_set set = { 0 };
	struct fz_error e = { 0 };
	REQUIRE(benchmark_parse(a, "small.txt", small, strlen(small), &set, &e) == FZ_OK);
	const char *second = "source 乙\nmatter t-2 第二个\ndomain 自然资源\nbasis 甲\n"
			     "penalty 乙\ntier 一般\nwhen a\nfine gains 1-3 below 10000 5000-10000\n"
			     "exempt first 初次违法\n";
	REQUIRE(benchmark_parse(a, "second.txt", second, strlen(second), &set, &e) == FZ_OK);
	CHECK_INT(set.nmatters, 2);
	const struct benchmark_matter *m = benchmark_find(&set, "t-2");
	REQUIRE(m);
	CHECK_STR(m->file, "second.txt");
	CHECK_STR(m->source, "乙");
	REQUIRE(m->ntiers == 1 && m->nexemptions == 1);
	CHECK_INT(m->tiers[0].fine.basis, BENCHMARK_FINE_GAINS);
	CHECK(m->tiers[0].fine.has_floor);
	CHECK_INT(m->tiers[0].fine.below_fen, YUAN(10000));
	CHECK_INT(m->exemptions[0].kind, BENCHMARK_EXEMPT_FIRST);
	CHECK_INT(benchmark_find(&set, "t-1")->tiers[0].others[0].kind, BENCHMARK_WARNING);
	/* the same id again, from a third file: refused, the set unchanged */
	CHECK(benchmark_parse(a, "third.txt", small, strlen(small), &set, &e) == FZ_INVALID);
	CHECK_STR(e.message, "third.txt 第 2 行：事项编号 t-1 已在 small.txt 中使用");
	CHECK_INT(set.nmatters, 2);
	arena_free(a);
}
