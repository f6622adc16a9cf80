/* draw_test.c - `fazhi draw` run as an outsider would, without a
 * database: a published seed and lists give the pinned assignment (the
 * same vector as tests/domain/draw_test.c and scripts/draw.py), in any
 * list order, and bad input is refused with exit 2 or a missing file 5. */
#include <stdio.h>
#include <string.h>

#include "cli_run.h"
#include "t.h"

#define SEED "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"

static const char *write_file(const char *dir, const char *name, const char *text)
{
	static char path[4][512];
	static int next;
	char *p = path[next++ % 4];
	snprintf(p, sizeof path[0], "%s/%s", dir, name);
	FILE *f = fopen(p, "wb");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
	return p;
}

static const char targets[] = "海原县福源餐饮店\n海原县兴隆超市\n宁夏海原建材有限公司\nT-0007\n"
			      "T-0003\nT-0011\n91640522MA76Q8XK3B\n海原县三河镇鑫盛砂场\n"
			      "T-0001\n海原县老马牛肉面馆\n";
static const char inspectors[] = "1004\n1001\n1012\n1007\n1003\n1010\n";

TEST(cli_draw_reruns_a_published_draw_to_the_pinned_assignment)
{
	const char *dir = t_tmpdir();
	const char *t = write_file(dir, "targets.txt", targets);
	const char *i = write_file(dir, "inspectors.txt", inspectors);
	struct buf out = BUF_INIT, err = BUF_INIT;
	CHECK_INT(cli_run_split(&out, &err, "draw --seed %s --targets %s --inspectors %s --count 4",
				SEED, t, i), 0);
	CHECK_STR(buf_cstr(&out),
		  "# 随机抽取（双随机一公开），构造版本 1\n"
		  "# 种子 " SEED "\n"
		  "# 检查对象 10 个，抽取 4 个；执法人员 6 名，每个对象 2 名\n"
		  "# 名单摘要 SHA-256 "
		  "2908ae173dfb54738fac635e0bdf9b2c347f6cbe2ff3c4cd230c98e708075301\n"
		  "1\tT-0001\t1010\t1001\n"
		  "2\t宁夏海原建材有限公司\t1012\t1010\n"
		  "3\tT-0007\t1001\t1004\n"
		  "4\t海原县福源餐饮店\t1004\t1003\n");
	CHECK_STR(buf_cstr(&err), "");
	/* the same lists in another order, with blank lines and CRLF */
	t = write_file(dir, "t2.txt", "T-0011\r\n\r\n海原县老马牛肉面馆\nT-0001\n宁夏海原建材有限公司\n"
				      "T-0003\n海原县兴隆超市\n  海原县福源餐饮店  \n"
				      "91640522MA76Q8XK3B\nT-0007\n海原县三河镇鑫盛砂场");
	struct buf again = BUF_INIT;
	CHECK_INT(cli_run_split(&again, NULL,
				"draw --count 4 --inspectors %s --targets %s --seed %s --per-target 2",
				i, t, SEED), 0);
	CHECK_STR(buf_cstr(&again), buf_cstr(&out));
	buf_release(&out);
	buf_release(&err);
	buf_release(&again);
}

TEST(cli_draw_is_in_help_with_its_usage)
{
	struct buf out = BUF_INIT;
	CHECK_INT(cli_run(&out, NULL, "help"), 0);
	CHECK_CONTAINS(buf_cstr(&out), "draw");
	CHECK_INT(cli_run(&out, NULL, "draw --help"), 0);
	CHECK_CONTAINS(buf_cstr(&out), "fazhi draw --seed HEX --targets FILE");
	buf_release(&out);
}

TEST(cli_draw_refuses_bad_input_with_exit_2_and_a_missing_file_with_5)
{
	const char *dir = t_tmpdir();
	const char *t = write_file(dir, "targets.txt", targets);
	const char *i = write_file(dir, "inspectors.txt", inspectors);
	const char *one = write_file(dir, "one.txt", "1001\n");
	const char *dup = write_file(dir, "dup.txt", "T-1\nT-2\nT-1\n");
	struct buf out = BUF_INIT, err = BUF_INIT;
	static const struct {
		const char *args, *message;
	} cases[] = {
		{ "--count 2", "需要 --seed" },
		{ "--seed " SEED " --count 0", "--count 应为正整数" },
		{ "--seed " SEED " --count -1", "--count 应为正整数" },
		{ "--seed " SEED " --count 2x", "--count 应为正整数" },
		{ "--seed " SEED " --count 2 --per-target 1", "--per-target 应为 2–10 的整数" },
		{ "--seed " SEED " --count 11", "抽取数量 11 超过检查对象名单的 10 个" },
		{ "--seed abc --count 2", "随机种子应为 32–128 位" },
		{ "--seed " SEED " --count 2 extra", "多余的参数：extra" },
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		CHECK_INT(cli_run_split(&out, &err, "draw --targets %s --inspectors %s %s", t, i,
					cases[k].args) * 100 + (int)k, 200 + (int)k);
		CHECK_CONTAINS(buf_cstr(&err), cases[k].message);
		CHECK_STR(buf_cstr(&out), "");
	}
	CHECK_INT(cli_run_split(&out, &err, "draw --seed %s --targets %s --inspectors %s --count 2",
				SEED, t, one), 2);
	CHECK_CONTAINS(buf_cstr(&err), "执法人员名单只有 1 名，不足每个检查对象所需的 2 名");
	CHECK_INT(cli_run_split(&out, &err, "draw --seed %s --targets %s --inspectors %s --count 2",
				SEED, dup, i), 2);
	CHECK_CONTAINS(buf_cstr(&err), "检查对象名单第 3 行“T-1”与第 1 行重复");
	CHECK_INT(cli_run_split(&out, &err, "draw --seed %s --targets %s/none.txt --inspectors %s "
					    "--count 2", SEED, dir, i), 5);
	CHECK_CONTAINS(buf_cstr(&err), "无法读取检查对象名单");
	CHECK_STR(buf_cstr(&out), "");
	buf_release(&out);
	buf_release(&err);
}
