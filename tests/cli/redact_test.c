/* redact_test.c - `fazhi redact` run as a person at the shell would:
 * standard input to standard output, the names given on the command
 * line, --party-kind, --report on standard error, and every bad input
 * (invalid UTF-8, a bad option or name) refused with exit 2 and nothing
 * on standard output. */
#include <string.h>

#include "cli_run.h"
#include "t.h"

/* cli_run with input gives stdout and stderr together: these redirect
 * inside the command so that out holds one of them. */
#define STDOUT_ONLY " 2>/dev/null"
#define STDERR_ONLY " 2>&1 >/dev/null"

TEST(cli_redact_is_in_help_with_its_usage)
{
	struct buf out = BUF_INIT;
	CHECK_INT(cli_run(&out, NULL, "help"), 0);
	CHECK_CONTAINS(buf_cstr(&out), "redact");
	CHECK_INT(cli_run(&out, NULL, "redact --help"), 0);
	CHECK_CONTAINS(buf_cstr(&out), "fazhi redact [--party-kind person|organisation]");
	CHECK_CONTAINS(buf_cstr(&out), "--minor");
	CHECK_CONTAINS(buf_cstr(&out), "退出码 2");
	buf_release(&out);
}

TEST(cli_redact_writes_the_redacted_text_to_stdout)
{
	struct buf out = BUF_INIT;
	const char *text = "当事人：张三丰，身份证号11010519491231002X，电话138 0013 8000，"
			   "住址：宁夏回族自治区中卫市海原县海城镇文昌路12号。\n"
			   "证人张伟驾驶宁A12345。罚款50000元，海自然资罚〔2026〕3号。";
	CHECK_INT(cli_run(&out, text, "redact --name 张伟" STDOUT_ONLY), 0);
	/* the here-document adds the final newline, which is copied too */
	CHECK_STR(buf_cstr(&out),
		  "当事人：张某1，身份证号×××，电话×××，住址：宁夏回族自治区中卫市海原县×××。\n"
		  "证人张某2驾驶×××。罚款50000元，海自然资罚〔2026〕3号。\n");
	buf_release(&out);
}

TEST(cli_redact_organisation_keeps_the_party_and_masks_minors)
{
	struct buf out = BUF_INIT;
	const char *text = "当事人：海原县宏达商贸有限公司，统一社会信用代码91350100M000100Y43。"
			   "向刘小花出售烟草，经营者：马建国。";
	CHECK_INT(cli_run(&out, text, "redact --party-kind organisation --minor 刘小花" STDOUT_ONLY), 0);
	CHECK_STR(buf_cstr(&out), "当事人：海原县宏达商贸有限公司，统一社会信用代码91350100M000100Y43。"
				  "向某某出售烟草，经营者：马建国。\n");
	/* the same text with a person party: 经营者 is the party's label */
	CHECK_INT(cli_run(&out, text, "redact --party-kind person --minor 刘小花" STDOUT_ONLY), 0);
	CHECK_CONTAINS(buf_cstr(&out), "经营者：马某。");
	buf_release(&out);
}

TEST(cli_redact_report_counts_what_was_masked_on_stderr)
{
	struct buf err = BUF_INIT;
	CHECK_INT(cli_run(&err, "证人：周敏，电话13800138000，邮箱a@b.cn", "redact --report" STDERR_ONLY), 0);
	CHECK_CONTAINS(buf_cstr(&err), "姓名 1 处");
	CHECK_CONTAINS(buf_cstr(&err), "电话号码 1 处");
	CHECK_CONTAINS(buf_cstr(&err), "电子邮箱 1 处");
	CHECK_CONTAINS(buf_cstr(&err), "请审核人员确认");
	CHECK_INT(cli_run(&err, "向刘小花出售", "redact --minor 刘小花 --report" STDERR_ONLY), 0);
	CHECK_CONTAINS(buf_cstr(&err), "未成年人");
	/* without --report nothing goes to stderr */
	CHECK_INT(cli_run(&err, "证人：周敏", "redact" STDERR_ONLY), 0);
	CHECK_STR(buf_cstr(&err), "");
	buf_release(&err);
}

TEST(cli_redact_invalid_utf8_exits_2_with_nothing_on_stdout)
{
	static const char *const bad[] = {
		"张三\xff电话13800138000", "\xc3", "\xed\xa0\x80", "正常文字\xe4\xb8",
	};
	struct buf out = BUF_INIT, err = BUF_INIT;
	for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
		CHECK_INT(cli_run(&out, bad[k], "redact" STDOUT_ONLY), 2);
		CHECK_STR(buf_cstr(&out), "");
		CHECK_INT(cli_run(&err, bad[k], "redact" STDERR_ONLY), 2);
		CHECK_CONTAINS(buf_cstr(&err), "不是有效的 UTF-8 文本");
		CHECK_CONTAINS(buf_cstr(&err), "未输出任何内容");
	}
	buf_release(&out);
	buf_release(&err);
}

TEST(cli_redact_refuses_bad_options_with_exit_2)
{
	static const struct {
		const char *args;
		const char *message;
	} cases[] = {
		{ "redact --party-kind company", "--party-kind 应为 person 或 organisation" },
		{ "redact --name 张", "应为 2 至 32 个字" },
		{ "redact --name '张 三'", "不能含有空格" },
		{ "redact --minor $(printf '\\345\\274')", "不是有效的 UTF-8" },
		{ "redact --keep $(printf '\\377')", "保留文字不是有效的 UTF-8" },
		{ "redact --colour red", "无法识别的选项" },
		{ "redact file.txt", "多余的参数" },
	};
	struct buf out = BUF_INIT, err = BUF_INIT;
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		CHECK_INT(cli_run(&out, "张三在场", "%s" STDOUT_ONLY, cases[k].args), 2);
		CHECK_STR(buf_cstr(&out), "");
		CHECK_INT(cli_run(&err, "张三在场", "%s" STDERR_ONLY, cases[k].args), 2);
		CHECK_CONTAINS(buf_cstr(&err), cases[k].message);
	}
	buf_release(&out);
	buf_release(&err);
}
