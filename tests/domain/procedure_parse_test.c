/* procedure_parse_test.c - a definition parses into its steps, clocks and
 * documents; every bad definition fails with a message naming the file,
 * the line, the step and the problem. */
#include "t.h"

#include <stdio.h>

#include "domain/procedure.h"

/* Line numbers below refer to this text. */
static const char mini[] =
	"# mini.txt - a small definition for the tests\n"   /* 1 */
	"procedure mini\n"                                  /* 2 */
	"label 最小程序\n"                                  /* 3 */
	"kind penalty\n"                                    /* 4 */
	"corrections head\n"                                /* 5 */
	"document notice 告知书\n"                          /* 6 */
	"clock defence\n"                                   /* 7 */
	"  label 陈述申辩期\n"                              /* 8 */
	"  budget 5 working_days\n"                         /* 9 */
	"  basis 第四十五条   # a comment\n"                /* 10 */
	"step open\n"                                       /* 11 */
	"  label 立案\n"                                    /* 12 */
	"  roles officer\n"                                 /* 13 */
	"  flags opens\n"                                   /* 14 */
	"step notify\n"                                     /* 15 */
	"  label 告知\n"                                    /* 16 */
	"  roles officer, head\n"                           /* 17 */
	"  requires open\n"                                 /* 18 */
	"  starts defence\n"                                /* 19 */
	"  produces notice\n"                               /* 20 */
	"  flags notifies\n"                                /* 21 */
	"step decide\n"                                     /* 22 */
	"  label 决定\n"                                    /* 23 */
	"  roles head\n"                                    /* 24 */
	"  requires notify\n"                               /* 25 */
	"  gates defence_period_elapsed\n"                  /* 26 */
	"  fields facts grounds\n"                          /* 27 */
	"  officers 2\n"                                    /* 28 */
	"  flags decides\n"                                 /* 29 */
	"step close\n"                                      /* 30 */
	"  label 结案\n"                                    /* 31 */
	"  roles head\n"                                    /* 32 */
	"  requires decide\n"                               /* 33 */
	"  flags closes\n";                                 /* 34 */

/* The shared fields mini's steps name (a catalogue like fields.txt). */
static const char catalogue_text[] =
	"field facts textarea 违法事实\n"
	"field grounds textarea 理由\n"
	"  hint 证据\n"
	"field served_on date 送达日期\n"
	"field verdict choice 结论\n"
	"  option upheld 成立\n"
	"  option dismissed 不成立\n"
	"field complex yesno 案情复杂\n"
	"  case_wide\n";

/* The catalogue parsed into a (FZ_OK expected). */
static const struct proc_fields *catalogue(struct arena *a)
{
	struct proc_fields *fs = arena_calloc(a, 1, sizeof *fs);
	struct fz_error e = { 0 };
	if (!fs || proc_fields_parse(catalogue_text, strlen(catalogue_text), "fields.txt", fs, a,
				     &e) != FZ_OK)
		t_fail(__FILE__, __LINE__, "catalogue: %s", e.message);
	return fs;
}

/* Parses mini with the first occurrence of from replaced by to; returns
 * the message ("" when it parsed). */
static const char *parse_edit(const char *from, const char *to, const char *filename)
{
	static struct fz_error e;
	char text[4096];
	const char *at = from ? strstr(mini, from) : NULL;
	if (from && !at) {
		t_fail(__FILE__, __LINE__, "no \"%s\" in mini", from);
		return "";
	}
	if (at)
		snprintf(text, sizeof text, "%.*s%s%s", (int)(at - mini), mini, to, at + strlen(from));
	else
		snprintf(text, sizeof text, "%s", mini);
	struct arena *a = arena_new();
	struct proc_def d;
	memset(&e, 0, sizeof e);
	enum fz_err rc = procedure_parse(text, strlen(text), filename, catalogue(a), &d, a, &e);
	if (rc == FZ_OK) {
		CHECK_INT(d.nsteps, 4);
		CHECK(d.filename != NULL);
	} else {
		CHECK_INT(rc, FZ_INVALID);
		CHECK_INT(d.nsteps, 0);
	}
	arena_free(a);
	return rc == FZ_OK ? "" : e.message;
}

static const char *parse_with(const char *from, const char *to)
{
	return parse_edit(from, to, "mini.txt");
}

TEST(procedure_parse_reads_steps_clocks_documents_and_flags)
{
	struct arena *a = arena_new();
	struct proc_def d;
	struct fz_error e = { 0 };
	REQUIRE(procedure_parse(mini, strlen(mini), "data/procedures/mini.txt", catalogue(a), &d,
				a, &e) == FZ_OK);
	CHECK_STR(d.id, "mini");
	CHECK_STR(d.label, "最小程序");
	CHECK_INT(d.kind, CASE_PENALTY);
	CHECK_INT(d.correction_roles, ROLE_HEAD);
	CHECK_INT(d.ndocs, 1);
	CHECK_INT(d.nclocks, 1);
	CHECK_STR(d.clocks[0].basis, "第四十五条");
	CHECK_INT(d.clocks[0].budget.amount, 5);
	CHECK_INT(d.clocks[0].budget.unit, CLOCK_WORKING_DAYS);
	CHECK_INT(d.clocks[0].max_extensions, 0);
	const struct proc_step *s = proc_step_find(&d, "notify");
	REQUIRE(s);
	CHECK_INT(s->roles, ROLE_OFFICER | ROLE_HEAD);
	CHECK(proc_list_has(&s->starts, "defence"));
	CHECK_INT(s->flags, PROC_NOTIFIES);
	s = proc_step_find(&d, "decide");
	CHECK_INT(s->min_officers, 2);
	CHECK_INT(s->fields.n, 2);
	CHECK_STR(s->gates[0].name, "defence_period_elapsed");
	CHECK_INT(s->gates[0].line, 26);
	arena_free(a);
}

TEST(procedure_parse_names_file_line_and_step_of_an_unknown_gate)
{
	CHECK_STR(parse_with("gates defence_period_elapsed", "gates defence_period_elapsed foo"),
		  "mini.txt 第 26 行：步骤 decide：未知的关卡“foo”");
}

TEST(procedure_parse_rejects_an_unknown_clock)
{
	CHECK_STR(parse_with("starts defence", "starts defense"),
		  "mini.txt 第 19 行：步骤 notify：未知的期限“defense”");
}

TEST(procedure_parse_rejects_a_required_step_that_does_not_exist)
{
	CHECK_STR(parse_with("requires notify", "requires notice"),
		  "mini.txt 第 25 行：步骤 decide：前置步骤“notice”不存在");
}

TEST(procedure_parse_rejects_a_cycle_of_required_steps)
{
	CHECK_STR(parse_with("  requires open\n", "  requires open close\n"),
		  "mini.txt 第 25 行：步骤 decide：前置步骤构成循环（notify → close → decide → notify）");
}

TEST(procedure_parse_rejects_a_role_that_is_not_a_role)
{
	CHECK_STR(parse_with("roles head\n  requires notify", "roles boss\n  requires notify"),
		  "mini.txt 第 24 行：步骤 decide：“boss”不是角色（可用 officer、reviewer、head、supervisor）");
	CHECK_STR(parse_with("roles head\n  requires notify", "roles sysadmin\n  requires notify"),
		  "mini.txt 第 24 行：步骤 decide：“sysadmin”不是角色（可用 officer、reviewer、head、supervisor）");
}

TEST(procedure_parse_rejects_a_duplicate_step_id)
{
	CHECK_STR(parse_with("step close", "step decide"),
		  "mini.txt 第 30 行：重复的步骤 id“decide”（前面已定义）");
	CHECK_STR(parse_with("step close", "step correction"),
		  "mini.txt 第 30 行：重复的步骤 id“correction”（correction 为更正事件保留）");
}

TEST(procedure_parse_needs_an_opening_and_a_closing_step)
{
	CHECK_STR(parse_with("  flags opens\n", ""), "mini.txt：没有立案步骤（flags opens）");
	CHECK_STR(parse_with("  flags closes\n", ""), "mini.txt：没有结案步骤（flags closes）");
	CHECK_STR(parse_with("  flags opens\n", "  flags opens\n  requires close\n"),
		  "mini.txt 第 11 行：步骤 open：立案（opens）步骤不能有前置步骤");
}

TEST(procedure_parse_checks_what_each_gate_needs)
{
	CHECK_STR(parse_with("  flags notifies\n", ""),
		  "mini.txt 第 25 行：步骤 decide：关卡 defence_period_elapsed 需要本程序定义带标志的步骤“notifies”");
	CHECK_STR(parse_with("gates defence_period_elapsed", "gates hearing_notice_period"),
		  "mini.txt 第 26 行：步骤 decide：关卡 hearing_notice_period 需要本程序定义期限“hearing_notice”");
	CHECK_STR(parse_with("gates defence_period_elapsed", "gates before_due"),
		  "mini.txt 第 26 行：步骤 decide：关卡 before_due 须写为 before_due:期限id");
	CHECK_STR(parse_with("gates defence_period_elapsed", "gates before_due:payment"),
		  "mini.txt 第 26 行：步骤 decide：关卡 before_due 的期限“payment”不存在");
	CHECK_STR(parse_with("gates defence_period_elapsed", "gates limitation:defence"),
		  "mini.txt 第 26 行：步骤 decide：关卡 limitation 不带参数");
	CHECK_STR(parse_with("gates defence_period_elapsed", "gates before_due:defence"), "");
}

TEST(procedure_parse_rejects_unknown_words_documents_flags_and_budgets)
{
	CHECK_STR(parse_with("  officers 2\n", "  officer 2\n"),
		  "mini.txt 第 28 行：步骤 decide：步骤中未知的关键字“officer”");
	CHECK_STR(parse_with("produces notice", "produces letter"),
		  "mini.txt 第 20 行：步骤 notify：未知的文书“letter”（须先以 document 行定义）");
	CHECK_STR(parse_with("produces notice", "produces notice\n  mandatory notice letter"),
		  "mini.txt 第 21 行：步骤 notify：未知的文书“letter”（须先以 document 行定义）");
	CHECK_STR(parse_with("produces notice", "produces notice\n  mandatory notice"), "");
	CHECK_STR(parse_with("flags decides", "flags decided"),
		  "mini.txt 第 29 行：步骤 decide：未知的标志“decided”（可用 opens、closes、repeatable、"
		  "publishes、handles、notifies、decides、awaits、outcome、oversight）");
	CHECK_STR(parse_with("budget 5 working_days", "budget 5 weekdays"),
		  "mini.txt 第 9 行：期限 defence：期限单位应为 working_days、days、months 或 years");
	CHECK_STR(parse_with("budget 5 working_days", "budget config defense_period"),
		  "mini.txt 第 9 行：期限 defence：省级配置中没有名为“defense_period”的期限");
	CHECK_STR(parse_with("budget 5 working_days", "budget config defence_period"), "");
	CHECK_STR(parse_with("  basis 第四十五条   # a comment\n",
			     "  basis 第四十五条\n  extension config case_extension\n"),
		  "mini.txt 第 7 行：期限 defence：延长期限的单位（days）与期限本身（working_days）不同");
	CHECK_STR(parse_with("kind penalty", "kind fine"),
		  "mini.txt 第 4 行：kind 应为 penalty、inspection、permit、coercion、normative_document 或 major_decision");
	CHECK_STR(parse_with("  officers 2", "  officers 0"),
		  "mini.txt 第 28 行：步骤 decide：officers 应为 1 至 12 的整数");
	CHECK_STR(parse_with("step open", "step Open"),
		  "mini.txt 第 11 行：步骤 id“Open”应由小写字母、数字和下划线组成，以字母开头，不超过 40 字节");
}

TEST(procedure_parse_reads_values_lines_and_rejects_empty_or_repeated_ones)
{
	CHECK_STR(parse_with("  fields facts grounds\n",
			     "  fields facts grounds\n  optional verdict\n  values verdict upheld\n"),
		  "");
	CHECK_STR(parse_with("  fields facts grounds\n", "  values facts\n"),
		  "mini.txt 第 27 行：步骤 decide：缺少取值");
	CHECK_STR(parse_with("  fields facts grounds\n", "  values facts a\n  values facts b\n"),
		  "mini.txt 第 28 行：步骤 decide：字段 facts 的取值重复定义");
}

TEST(procedure_parse_rejects_a_file_named_otherwise_than_its_id)
{
	CHECK_STR(parse_edit(NULL, NULL, "data/procedures/other.txt"),
		  "data/procedures/other.txt：文件名应为 mini.txt（与 procedure 行一致）");
}

TEST(procedure_parse_rejects_invalid_utf8_and_a_missing_header)
{
	CHECK_STR(parse_with("label 最小程序", "label \xff\xfe"),
		  "mini.txt 第 3 行：不是有效的 UTF-8 文本");
	CHECK_STR(parse_with("corrections head\n", ""),
		  "mini.txt：缺少 corrections 行（谁可以记录更正）");
	CHECK_STR(parse_with("procedure mini\n", ""), "mini.txt：缺少 procedure 行（程序 id）");
}

TEST(procedure_parse_reads_a_clock_after_another_and_rejects_bad_links)
{
	const char *window = "  basis 第四十五条   # a comment\n"
			     "clock window\n  label 窗口\n  budget 3 months\n  after defence\n"
			     "  only_when fine_unpaid\n  basis 某条\n";
	CHECK_STR(parse_with("  basis 第四十五条   # a comment\n", window), "");
	CHECK_STR(parse_with("  basis 第四十五条   # a comment\n",
			     "  basis 第四十五条\nclock window\n  label 窗口\n  budget 3 months\n"
			     "  after nothing\n  basis 某条\n"),
		  "mini.txt 第 11 行：期限 window：after 未知的期限“nothing”");
	CHECK_STR(parse_with("  basis 第四十五条   # a comment\n",
			     "  basis 第四十五条\nclock window\n  label 窗口\n  budget 3 months\n"
			     "  after window\n  basis 某条\n"),
		  "mini.txt 第 11 行：期限 window：after 的期限“window”不能是自身，也不能再以 after 起算");
	CHECK_STR(parse_with("  budget 5 working_days\n", "  budget 5 working_days\n  after defence\n"
							 "  after defence\n"),
		  "mini.txt 第 11 行：期限 defence：after 重复");
}

/* Field declarations: what a step lists must be declared, and a
 * declaration must be well formed; every message names file and line. */
TEST(procedure_parse_rejects_a_step_listing_an_undeclared_field)
{
	CHECK_STR(parse_with("  fields facts grounds\n", "  fields facts grounds motive\n"),
		  "mini.txt 第 27 行：步骤 decide：字段“motive”未声明（在 fields.txt 或本文件中以 "
		  "field 行声明）");
	CHECK_STR(parse_with("  fields facts grounds\n", "  fields facts grounds\n  optional facts\n"),
		  "mini.txt 第 28 行：步骤 decide：字段 facts 重复列出（已在 fields 中）");
	CHECK_STR(parse_with("  fields facts grounds\n", "  fields facts grounds\n  optional motive\n"),
		  "mini.txt 第 28 行：步骤 decide：字段“motive”未声明（在 fields.txt 或本文件中以 "
		  "field 行声明）");
}

TEST(procedure_parse_rejects_a_bad_field_declaration_naming_file_and_line)
{
	CHECK_CONTAINS(parse_with("  fields facts grounds\n",
				  "  fields facts grounds\n  field grounds textbox 理由\n"),
		       "mini.txt 第 28 行：步骤 decide：字段 grounds 的类型“textbox”未知（可用 text、");
	CHECK_STR(parse_with("  fields facts grounds\n",
			     "  fields facts grounds\n  field grounds textarea\n"),
		  "mini.txt 第 28 行：步骤 decide：字段 grounds 缺少中文名称");
	CHECK_STR(parse_with("  fields facts grounds\n",
			     "  fields facts grounds\n  optional verdict\n  field verdict choice 结论\n"
			     "    option upheld 成立\n    option upheld 又成立\n"),
		  "mini.txt 第 31 行：步骤 decide：字段 verdict 的取值“upheld”重复（第 30 行已列出）");
	CHECK_STR(parse_with("  fields facts grounds\n",
			     "  fields facts grounds\n  optional verdict\n  field verdict choice 结论\n"),
		  "mini.txt 第 29 行：步骤 decide：字段 verdict：choice 类型的字段须以 option 行列出"
		  "可选的取值");
	CHECK_STR(parse_with("  fields facts grounds\n",
			     "  fields facts grounds\n  field facts text 事实\n    option a 甲\n"),
		  "mini.txt 第 29 行：步骤 decide：字段 facts 不是 choice 类型，不能有 option");
	CHECK_STR(parse_with("  fields facts grounds\n",
			     "  fields facts grounds\n  field facts text 事实\n    future\n"),
		  "mini.txt 第 29 行：步骤 decide：只有 date 类型的字段可以写 future（字段 facts）");
	CHECK_STR(parse_with("  fields facts grounds\n",
			     "  fields facts grounds\n  field served_on date 告知日期\n"),
		  "mini.txt 第 28 行：步骤 decide：声明了字段 served_on，但本步骤的 fields 和 "
		  "optional 都没有它");
	/* hint belongs to a field block, not to the step */
	CHECK_STR(parse_with("  fields facts grounds\n", "  fields facts grounds\n  hint 提示\n"),
		  "mini.txt 第 28 行：步骤 decide：步骤中未知的关键字“hint”");
}

TEST(procedure_parse_checks_values_case_fields_and_clock_start_fields)
{
	CHECK_STR(parse_with("  fields facts grounds\n", "  fields facts grounds\n  values facts a\n"),
		  "mini.txt 第 28 行：步骤 decide：values 只用于 choice 类型的字段（facts 是 textarea）");
	CHECK_STR(parse_with("  fields facts grounds\n",
			     "  fields facts grounds\n  optional verdict\n  values verdict maybe\n"),
		  "mini.txt 第 29 行：步骤 decide：“maybe”不是字段 verdict 的选项");
	CHECK_STR(parse_with("corrections head\n", "corrections head\ncase_fields facts\n"),
		  "mini.txt 第 6 行：字段 facts 不是全案字段（声明时须写 case_wide）");
	CHECK_STR(parse_with("corrections head\n", "corrections head\ncase_fields complex\n"), "");
	CHECK_STR(parse_with("  budget 5 working_days\n", "  budget 5 working_days\n  from facts\n"),
		  "mini.txt 第 7 行：期限 defence：起算字段 facts 须声明为 date 类型");
	CHECK_STR(parse_with("  budget 5 working_days\n", "  budget 5 working_days\n  from served_on\n"),
		  "");
}

TEST(procedure_field_means_what_the_step_then_the_definition_then_the_catalogue_says)
{
	static const char text[] =
		"procedure mini\nlabel 最小程序\nkind penalty\ncorrections head\n"
		"case_fields complex\n"
		"field grounds textarea 处罚理由\n"            /* over the catalogue's 理由 */
		"field motive text 动机\n"                     /* this definition's own */
		"  hint 为何\n"
		"step open\n  label 立案\n  roles officer\n  fields facts\n  optional motive\n"
		"  flags opens\n"
		"step close\n  label 结案\n  roles head\n  requires open\n  fields grounds\n"
		"  field grounds textarea 结案理由\n"          /* this step only */
		"  flags closes\n";
	struct arena *a = arena_new();
	struct proc_def d;
	struct fz_error e = { 0 };
	REQUIRE(procedure_parse(text, strlen(text), "mini.txt", catalogue(a), &d, a, &e) == FZ_OK);
	const struct proc_step *open = proc_step_find(&d, "open"), *close = proc_step_find(&d, "close");
	CHECK_STR(proc_field_of(&d, open, "facts")->label, "违法事实");
	CHECK_STR(proc_field_of(&d, open, "grounds")->label, "处罚理由");
	CHECK_STR(proc_field_of(&d, close, "grounds")->label, "结案理由");
	CHECK_STR(proc_field_of(&d, open, "motive")->hint, "为何");
	CHECK(proc_field_of(&d, open, "waivd") == NULL);
	CHECK(proc_step_accepts(&d, open, "motive"));
	CHECK(!proc_step_accepts(&d, close, "motive"));
	CHECK(proc_step_accepts(&d, close, "complex")); /* case-wide: any step */
	arena_free(a);
}

TEST(field_catalogue_is_checked_naming_file_and_line)
{
	static const struct {
		const char *text, *message;
	} bad[] = {
		{ "field a text 甲\nfield b textbox 乙\n",
		  "fields.txt 第 2 行：字段 b 的类型“textbox”未知（可用 text、textarea、date、time、"
		  "money、int、yesno、choice、penalty、person、persons）" },
		{ "field a text 甲\n\nfield a date 乙\n",
		  "fields.txt 第 3 行：字段“a”重复声明（第 1 行已声明）" },
		{ "option x 甲\n",
		  "fields.txt 第 1 行：未知的关键字“option”（字段目录只有 field 行及其 hint、option、"
		  "future、case_wide 行）" },
		{ "field c choice 丙\n  option x 甲\n  option x 乙\n",
		  "fields.txt 第 3 行：字段 c 的取值“x”重复（第 2 行已列出）" },
		{ "field c choice 丙\nfield d text 丁\n",
		  "fields.txt 第 1 行：字段 c：choice 类型的字段须以 option 行列出可选的取值" },
		{ "field d text 丁\n  step x\n",
		  "fields.txt 第 2 行：未知的关键字“step”（字段目录只有 field 行及其 hint、option、"
		  "future、case_wide 行）" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct arena *a = arena_new();
		struct proc_fields fs;
		struct fz_error e = { 0 };
		CHECK_INT(proc_fields_parse(bad[i].text, strlen(bad[i].text), "fields.txt", &fs, a,
					    &e), FZ_INVALID);
		CHECK_STR(e.message, bad[i].message);
		arena_free(a);
	}
}

TEST(procedure_parse_limits_the_fields_of_one_step)
{
	char cat[4096] = "", step[2048] = "  optional";
	size_t cl = 0, sl = strlen(step);
	for (int i = 0; i <= PROC_STEP_FIELDS_MAX; i++) {
		cl += (size_t)snprintf(cat + cl, sizeof cat - cl, "field f%d text 第%d项\n", i, i);
		sl += (size_t)snprintf(step + sl, sizeof step - sl, " f%d", i);
	}
	snprintf(step + sl, sizeof step - sl, "\n");
	char text[4096];
	snprintf(text, sizeof text,
		 "procedure mini\nlabel 最小程序\nkind penalty\ncorrections head\n"
		 "step open\n  label 立案\n  roles officer\n%s  flags opens closes\n", step);
	struct arena *a = arena_new();
	struct proc_fields fs;
	struct proc_def d;
	struct fz_error e = { 0 };
	REQUIRE(proc_fields_parse(cat, strlen(cat), "fields.txt", &fs, a, &e) == FZ_OK);
	CHECK_INT(procedure_parse(text, strlen(text), "mini.txt", &fs, &d, a, &e), FZ_INVALID);
	CHECK_STR(e.message, "mini.txt 第 5 行：步骤 open：字段过多（连同全案字段最多 40 个）");
	arena_free(a);
}

TEST(procedure_parse_checks_clocks_with_a_due_field_per_act_and_started_by)
{
	/* a due date from a field replaces the budget, and the starting step
	 * must require that field as a future date */
	CHECK_CONTAINS(parse_with("  budget 5 working_days\n",
				  "  budget 5 working_days\n  due served_on\n"),
		       "期限 defence：due（届满日由字段给出）与 budget 只能写一个");
	CHECK_CONTAINS(parse_with("  budget 5 working_days\n", "  due served_on\n"),
		       "开始期限 defence 的步骤须以 fields 要求届满日字段 served_on");
	/* an answer to one act names it */
	CHECK_CONTAINS(parse_with("  flags closes\n",
				  "  flags closes\nclock reply\n  label 答复期限\n  basis 测试\n"
				  "  budget 5 days\n  per_act\nstep reply\n  label 答复\n  roles head\n"
				  "  stops reply\n  fields facts\n"),
		       "答复逐件期限 reply 的步骤须以 fields 要求 answers");
	CHECK_CONTAINS(parse_with("  budget 5 working_days\n",
				  "  budget 5 working_days\n  per_act\n  from served_on\n"),
		       "per_act（逐件计算）的期限不能再写 after、from 或 extension");
	/* started_by names steps that exist */
	CHECK_CONTAINS(parse_with("  basis 第四十五条   # a comment\n",
				  "  basis 第四十五条\n  started_by nosuch\n"),
		       "期限 defence：started_by 未知的步骤“nosuch”");
	CHECK_STR(parse_with("  basis 第四十五条   # a comment\n",
			     "  basis 第四十五条\n  started_by notify\n"), "");
}
