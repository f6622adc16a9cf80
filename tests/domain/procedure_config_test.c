/* procedure_config_test.c - the province config: statutory defaults,
 * values read over them, and a message naming the line of every bad
 * key, value or unit; periods set per enforcement domain. */
#include "t.h"

#include "domain/penalty.h"
#include "domain/procedure_config.h"

static enum fz_err parse(const char *text, struct proc_config *cfg, struct fz_error *e)
{
	static struct arena *a;
	if (!a)
		a = arena_new();
	memset(e, 0, sizeof *e);
	return proc_config_parse(text, strlen(text), "config.txt", cfg, a, e);
}

TEST(config_defaults_hold_the_statutory_values)
{
	struct proc_config c;
	struct proc_period p;
	proc_config_init(&c);
	CHECK_INT(c.simplified_fine_fen[0], 20000);
	CHECK_INT(c.simplified_fine_fen[1], 300000);
	CHECK_INT(c.surcharge_permille_per_day, 30);
	CHECK_INT(c.surcharge_cap_percent, 100);
	REQUIRE(proc_config_period(&c, "case_period", &p));
	CHECK_INT(p.amount, 90);
	CHECK_INT(p.unit, CLOCK_DAYS);
	REQUIRE(proc_config_period(&c, "limitation_serious", &p));
	CHECK_INT(p.amount, 60);
	CHECK_INT(p.unit, CLOCK_MONTHS);
	CHECK(!proc_config_period(&c, "no_such_period", &p));
	CHECK_STR(proc_config_period_name(PROC_PERIOD_HEARING_NOTICE), "hearing_notice_period");
}

TEST(config_parse_sets_values_over_the_defaults)
{
	struct proc_config c;
	struct fz_error e;
	REQUIRE(parse("province 某省\n"
		      "hearing_fine_citizen 5000.5   # U\n"
		      "hearing_penalties revoke_licence close\n"
		      "review_complex no\n"
		      "defence_period 7 working_days\n"
		      "limitation 3 years\n",
		      &c, &e) == FZ_OK);
	CHECK_STR(c.province, "某省");
	CHECK_INT(c.hearing_fine_fen[0], 500050);
	CHECK_INT(c.hearing_fine_fen[1], 10000000); /* default */
	CHECK_INT(c.hearing_penalties, PENALTY_REVOKE_LICENCE | PENALTY_CLOSE);
	CHECK(!c.review_complex);
	CHECK_INT(c.periods[PROC_PERIOD_DEFENCE].amount, 7);
	CHECK_INT(c.periods[PROC_PERIOD_LIMITATION].amount, 36);
}

TEST(config_parse_names_the_line_of_each_problem)
{
	struct proc_config c;
	struct fz_error e;
	CHECK_INT(parse("\n# x\nhearing_fine 10000\n", &c, &e), FZ_INVALID);
	CHECK_STR(e.message, "config.txt 第 3 行：未知的配置项“hearing_fine”");
	CHECK_INT(parse("review_complex yes\nreview_complex no\n", &c, &e), FZ_INVALID);
	CHECK_STR(e.message, "config.txt 第 2 行：配置项 review_complex 重复（第 1 行已设置）");
	CHECK_INT(parse("defence_period 5 days\n", &c, &e), FZ_INVALID);
	CHECK_STR(e.message, "config.txt 第 1 行：defence_period 的单位应为 working_days（法律规定的计算方式）");
	CHECK_INT(parse("hearing_fine_citizen 1万\n", &c, &e), FZ_INVALID);
	CHECK_STR(e.message, "config.txt 第 1 行：hearing_fine_citizen 应为元数（最多两位小数）");
	CHECK_INT(parse("review_penalties revoke_licence fines\n", &c, &e), FZ_INVALID);
	CHECK_STR(e.message, "config.txt 第 1 行：review_penalties：未知的处罚种类“fines”");
	CHECK_INT(parse("surcharge_permille_per_day 1001\n", &c, &e), FZ_INVALID);
	CHECK_STR(e.message, "config.txt 第 1 行：surcharge_permille_per_day 应为 0 至 1000 的整数");
	CHECK_INT(parse("review_hearing_held yes please\n", &c, &e), FZ_INVALID);
	CHECK_STR(e.message, "config.txt 第 1 行：review_hearing_held 后有多余的内容");
}

TEST(config_reads_enforcement_periods_domains_and_one_officer_laws)
{
	struct proc_config c;
	struct fz_error e;
	proc_config_init(&c);
	CHECK_INT(c.periods[PROC_PERIOD_DEMAND].amount, 10);
	CHECK_INT(c.periods[PROC_PERIOD_DEMAND].unit, CLOCK_WORKING_DAYS);
	CHECK_INT(c.periods[PROC_PERIOD_LITIGATION].amount, 6);
	CHECK_INT(c.periods[PROC_PERIOD_COURT_APPLICATION].unit, CLOCK_MONTHS);
	CHECK(!c.case_extension_collective);
	CHECK(proc_config_domain_listed(c.serious_harm_domains, "食品安全"));
	CHECK(!proc_config_domain_listed(c.serious_harm_domains, "土地管理"));
	CHECK(!proc_config_onsite_single(&c, "交通管理"));
	REQUIRE(parse("onsite_single_officer 交通管理 《中华人民共和国道路交通安全法》第一百零七条\n"
		      "onsite_single_officer 水上交通 某法某条\n"
		      "serious_harm_domains 食品安全 金融监管\n"
		      "case_extension_collective yes\n",
		      &c, &e) == FZ_OK);
	CHECK_STR(proc_config_onsite_single(&c, "交通管理"),
		  "《中华人民共和国道路交通安全法》第一百零七条");
	CHECK_STR(proc_config_onsite_single(&c, "水上交通"), "某法某条");
	CHECK(!proc_config_domain_listed(c.serious_harm_domains, "市场监管"));
	CHECK(c.case_extension_collective);
	CHECK_INT(parse("onsite_single_officer 交通管理 甲\nonsite_single_officer 交通管理 乙\n", &c,
			&e), FZ_INVALID);
	CHECK_STR(e.message, "config.txt 第 2 行：onsite_single_officer：执法领域“交通管理”重复");
	CHECK_INT(parse("onsite_single_officer 交通管理\n", &c, &e), FZ_INVALID);
	CHECK_CONTAINS(e.message, "第 1 行：onsite_single_officer 应写为“执法领域 法律依据”");
	CHECK_INT(parse("demand_period 10 days\n", &c, &e), FZ_INVALID);
	CHECK_CONTAINS(e.message, "demand_period 的单位应为 working_days");
}

TEST(config_domain_period_applies_only_to_its_own_domain_with_its_basis)
{
	struct proc_config c, land, market;
	struct fz_error e;
	struct proc_period p;
	REQUIRE(parse("defence_period 3 working_days\n"
		      "defence_period_for 市场监管 5 working_days 某部门规定第二十条：五个工作日\n",
		      &c, &e) == FZ_OK);
	proc_config_for_domain(&c, "土地管理", &land);
	REQUIRE(proc_config_period(&land, "defence_period", &p));
	CHECK_INT(p.amount, 3);
	CHECK(proc_config_period_basis(&land, "defence_period") == NULL);
	proc_config_for_domain(&c, "市场监管", &market);
	REQUIRE(proc_config_period(&market, "defence_period", &p));
	CHECK_INT(p.amount, 5);
	CHECK_INT(p.unit, CLOCK_WORKING_DAYS);
	CHECK_STR(proc_config_period_basis(&market, "defence_period"), "某部门规定第二十条：五个工作日");
	CHECK(proc_config_period_basis(&market, "case_period") == NULL);
	proc_config_for_domain(&c, NULL, &land);
	CHECK(proc_config_period_basis(&land, "defence_period") == NULL);

	CHECK_INT(parse("defence_period_for 市场监管 5 days 规定\n", &c, &e), FZ_INVALID);
	CHECK_STR(e.message, "config.txt 第 1 行：defence_period_for 的单位应为 working_days（法律规定的计算方式）");
	CHECK_INT(parse("defence_period_for 市场监管 5 working_days\n", &c, &e), FZ_INVALID);
	CHECK_CONTAINS(e.message, "第 1 行：defence_period_for 应写为“执法领域 数量 单位 依据”");
	CHECK_INT(parse("defence_period_for 市场监管 5 working_days 甲\n"
			"defence_period_for 市场监管 6 working_days 乙\n",
			&c, &e), FZ_INVALID);
	CHECK_STR(e.message, "config.txt 第 2 行：defence_period_for 市场监管 重复（第 1 行已设置）");
	CHECK_INT(parse("no_such_period_for 市场监管 5 working_days 甲\n", &c, &e), FZ_INVALID);
	CHECK_CONTAINS(e.message, "未知的配置项");
}
