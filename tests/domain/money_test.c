/* money_test.c - amounts in capitals (大写) as a decision writes them. */
#include "domain/money.h"
#include "t.h"

static const char *upper(int64_t fen)
{
	static char out[MONEY_UPPER_MAX];
	money_format_upper(fen, out);
	return out;
}

TEST(money_upper_writes_whole_yuan_with_zheng)
{
	CHECK_STR(upper(500000), "伍仟元整");
	CHECK_STR(upper(1000), "壹拾元整");
	CHECK_STR(upper(1000000), "壹万元整");
	CHECK_STR(upper(10000000), "壹拾万元整");
	CHECK_STR(upper(20000000000), "贰亿元整");
	CHECK_STR(upper(0), "零元整");
}

TEST(money_upper_writes_one_ling_for_a_run_of_zeros)
{
	CHECK_STR(upper(1050000), "壹万零伍佰元整");
	CHECK_STR(upper(100000500), "壹佰万零伍元整");
	CHECK_STR(upper(10001000000), "壹亿零壹万元整");
	CHECK_STR(upper(1005), "壹拾元零伍分");
}

TEST(money_upper_writes_jiao_and_fen)
{
	CHECK_STR(upper(123456), "壹仟贰佰叁拾肆元伍角陆分");
	CHECK_STR(upper(1050050), "壹万零伍佰元伍角整");
	CHECK_STR(upper(5), "伍分");
	CHECK_STR(upper(50), "伍角整");
}

TEST(money_upper_refuses_amounts_out_of_range)
{
	CHECK_STR(upper(-1), "");
	CHECK_STR(upper(MONEY_MAX_FEN + 1), "");
	CHECK(strlen(upper(MONEY_MAX_FEN - 1)) > 0);
}
