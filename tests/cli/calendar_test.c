/* calendar_test.c - `fazhi calendar due|show|load` run as a person would:
 * the due date on the first line and its explanation after it, exit 8
 * for a year not yet loaded unless --provisional, each bad input refused
 * with exit 2, and a calendar file loaded into a database (a malformed one
 * naming its line and changing nothing). */
#include <stdio.h>
#include <string.h>

#include "cli_run.h"
#include "t.h"

/* Writes text to dir/name and returns the path (static). */
static const char *write_file(const char *dir, const char *name, const char *text)
{
	static char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
	return path;
}

static bool starts_with(struct buf *b, const char *prefix)
{
	return strncmp(buf_cstr(b), prefix, strlen(prefix)) == 0;
}

TEST(cli_calendar_is_in_help_with_its_usage)
{
	struct buf out = BUF_INIT;
	CHECK_INT(cli_run(&out, NULL, "help"), 0);
	CHECK_CONTAINS(buf_cstr(&out), "calendar");
	CHECK_INT(cli_run(&out, NULL, "calendar --help"), 0);
	CHECK_CONTAINS(buf_cstr(&out), "fazhi calendar due");
	buf_release(&out);
}

TEST(cli_calendar_due_prints_the_date_first_then_how_it_was_counted)
{
	struct buf out = BUF_INIT, err = BUF_INIT;
	CHECK_INT(cli_run_split(&out, &err, "calendar due --from 2025-09-26 --working-days 7"), 0);
	CHECK(starts_with(&out, "2025-10-13\n"));
	CHECK_CONTAINS(buf_cstr(&out), "起算日 2025-09-26（星期五）：当日不计入");
	CHECK_CONTAINS(buf_cstr(&out), "跳过 国庆节、中秋节 2025-10-01 至 2025-10-08（8 天）");
	CHECK_CONTAINS(buf_cstr(&out), "计入 调休上班日 2025-10-11（星期六）");
	CHECK_CONTAINS(buf_cstr(&out), "节假日安排：内置（2018–2026 年）");
	CHECK_STR(buf_cstr(&err), "");
	/* calendar days ending inside Spring Festival 2026 */
	CHECK_INT(cli_run_split(&out, NULL, "calendar due --from 2026-02-09 --days 10"), 0);
	CHECK(starts_with(&out, "2026-02-24\n"));
	CHECK_CONTAINS(buf_cstr(&out), "顺延至 2026-02-24（星期二）");
	CHECK_INT(cli_run_split(&out, NULL, "calendar due --from 2026-01-31 --months 1"), 0);
	CHECK(starts_with(&out, "2026-02-28\n"));
	buf_release(&out);
	buf_release(&err);
}

TEST(cli_calendar_due_into_an_uncovered_year_exits_8_unless_provisional)
{
	struct buf out = BUF_INIT, err = BUF_INIT;
	CHECK_INT(cli_run_split(&out, &err, "calendar due --from 2026-12-28 --working-days 5"), 8);
	CHECK_STR(buf_cstr(&out), "");
	CHECK_CONTAINS(buf_cstr(&err), "2027 年");
	CHECK_CONTAINS(buf_cstr(&err), "--provisional");
	CHECK_INT(cli_run_split(&out, &err,
				"calendar due --from 2026-12-28 --working-days 5 --provisional"), 0);
	CHECK(starts_with(&out, "2027-01-05 暂定\n"));
	CHECK_CONTAINS(buf_cstr(&out), "暂定：2027 年的节假日安排尚未载入");
	buf_release(&out);
	buf_release(&err);
}

TEST(cli_calendar_due_refuses_bad_input_with_exit_2)
{
	static const struct {
		const char *args;
		const char *message;
	} cases[] = {
		{ "calendar due --from 2025-02-30 --days 3", "--from" },
		{ "calendar due --from 2025/01/01 --days 3", "--from" },
		{ "calendar due --from 2025-01-01 --working-days 0", "期间应为正整数" },
		{ "calendar due --from 2025-01-01 --days -3", "期间应为正整数" },
		{ "calendar due --from 2025-01-01 --days 99999", "不能超过" },
		{ "calendar due --from 2025-01-01 --days three", "期间应为整数" },
		{ "calendar due --from 2025-01-01 --days 3 --working-days 3", "之一" },
		{ "calendar due --from 2025-01-01", "之一" },
		{ "calendar due --days 3", "--from" },
		{ "calendar due --from 2025-01-01 --days 3 extra", "多余" },
		{ "calendar frob", "未知子命令" },
		{ "calendar", "缺少子命令" },
		{ "calendar show 26", "四位数字" },
		{ "calendar show", "年份" },
		{ "calendar load cn.txt", "--db" },
	};
	struct buf out = BUF_INIT;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		CHECK_INT(cli_run(&out, NULL, "%s", cases[i].args), 2);
		CHECK_CONTAINS(buf_cstr(&out), cases[i].message);
	}
	buf_release(&out);
}

TEST(cli_calendar_show_lists_holidays_and_make_up_days)
{
	struct buf out = BUF_INIT;
	CHECK_INT(cli_run(&out, NULL, "calendar show 2026"), 0);
	CHECK_CONTAINS(buf_cstr(&out), "来源：国务院办公厅关于2026年部分节假日安排的通知");
	CHECK_CONTAINS(buf_cstr(&out), "放假 2026-02-15 至 2026-02-23 春节（9 天）");
	CHECK_CONTAINS(buf_cstr(&out), "上班 2026-02-14（星期六） 春节调休");
	CHECK_CONTAINS(buf_cstr(&out), "全年工作日 248 天");
	CHECK_INT(cli_run(&out, NULL, "calendar show 2027"), 8);
	CHECK_CONTAINS(buf_cstr(&out), "2027 年的节假日安排尚未载入");
	buf_release(&out);
}

TEST(cli_calendar_init_loads_the_default_and_load_replaces_years)
{
	const char *dir = t_tmpdir();
	struct buf out = BUF_INIT, before = BUF_INIT;
	CHECK_INT(cli_run(&out, NULL, "init --db %s/c.db", dir), 0);
	CHECK_CONTAINS(buf_cstr(&out), "已载入内置节假日安排（2018–2026 年）");
	CHECK_INT(cli_run(&out, NULL, "init --db %s/c.db", dir), 0);
	CHECK(strstr(buf_cstr(&out), "节假日") == NULL); /* not again */
	CHECK_INT(cli_run_split(&out, NULL, "calendar due --db %s/c.db --from 2025-09-26 "
				"--working-days 7", dir), 0);
	CHECK(starts_with(&out, "2025-10-13\n"));
	CHECK_CONTAINS(buf_cstr(&out), "节假日安排：数据库（2018–2026 年）");

	const char *file = write_file(dir, "cn2027.txt",
				      "# 2027 for the test\nyear 2027 source 测试通知\n"
				      "2027-01-01 off 元旦\n2027-01-04 off 元旦\n");
	CHECK_INT(cli_run(&out, NULL, "calendar load --db %s/c.db %s", dir, file), 0);
	CHECK_CONTAINS(buf_cstr(&out), "2027 年（新）：新增 2 天，删除 0 天，变更 0 天");
	CHECK_INT(cli_run_split(&out, NULL, "calendar due --db %s/c.db --from 2026-12-28 "
				"--working-days 5", dir), 0);
	CHECK(starts_with(&out, "2027-01-06\n"));

	/* a malformed file: the line is named and nothing changes */
	CHECK_INT(cli_run_split(&before, NULL, "calendar show --db %s/c.db 2027", dir), 0);
	file = write_file(dir, "bad.txt", "year 2027 source 新\n2027-01-01 off 元旦\n"
					  "2027-01-05 work 元旦\n");
	CHECK_INT(cli_run(&out, NULL, "calendar load --db %s/c.db %s", dir, file), 2);
	CHECK_CONTAINS(buf_cstr(&out), "bad.txt：第 3 行：2027-01-05 是星期二");
	CHECK_INT(cli_run_split(&out, NULL, "calendar show --db %s/c.db 2027", dir), 0);
	CHECK_STR(buf_cstr(&out), buf_cstr(&before));
	CHECK_INT(cli_run(&out, NULL, "calendar load --db %s/c.db %s/missing.txt", dir, dir), 74);
	CHECK_CONTAINS(buf_cstr(&out), "无法读取文件");
	CHECK_INT(cli_run(&out, NULL, "calendar load --db %s/none.db %s", dir, file), 5);
	buf_release(&out);
	buf_release(&before);
}
