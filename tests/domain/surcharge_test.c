/* surcharge_test.c - money in fen parsed from and shown as yuan, and the
 * late-payment surcharge: 3 % of the fine per day after the deadline,
 * the total capped at the fine (行政处罚法 art 72), in whole fen. */
#include "t.h"

#include "domain/money.h"
#include "domain/surcharge.h"

TEST(money_parses_yuan_with_up_to_two_decimals_into_fen)
{
	int64_t f = -1;
	CHECK(money_parse_yuan("5000", &f));
	CHECK_INT(f, 500000);
	CHECK(money_parse_yuan("5000.5", &f));
	CHECK_INT(f, 500050);
	CHECK(money_parse_yuan("0.05", &f));
	CHECK_INT(f, 5);
	CHECK(money_parse_yuan("0", &f));
	CHECK_INT(f, 0);
	const char *bad[] = { "", "05", "5.", ".5", "-1", "1e3", "5000.505", "1,000", " 5",
			      "5 ", "100000000001" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		f = 7;
		CHECK(!money_parse_yuan(bad[i], &f));
		CHECK_INT(f, 7);
	}
	char out[MONEY_TEXT_MAX];
	money_format_yuan(500000, out);
	CHECK_STR(out, "5000");
	money_format_yuan(500050, out);
	CHECK_STR(out, "5000.50");
	money_format_yuan(5, out);
	CHECK_STR(out, "0.05");
	money_format_yuan(-1, out);
	CHECK_STR(out, "");
}

TEST(surcharge_is_three_percent_a_day_after_the_deadline)
{
	struct surcharge s;
	REQUIRE(surcharge_compute(1000000, "2026-03-31", "2026-03-31", 30, 100, &s, NULL) == FZ_OK);
	CHECK_INT(s.days, 0);
	CHECK_INT(s.amount_fen, 0);
	REQUIRE(surcharge_compute(1000000, "2026-03-31", "2026-04-01", 30, 100, &s, NULL) == FZ_OK);
	CHECK_INT(s.days, 1);
	CHECK_INT(s.amount_fen, 30000); /* 300 yuan on 10000 */
	REQUIRE(surcharge_compute(1000000, "2026-03-31", "2026-04-10", 30, 100, &s, NULL) == FZ_OK);
	CHECK_INT(s.days, 10);
	CHECK_INT(s.amount_fen, 300000);
	CHECK(!s.capped);
}

TEST(surcharge_total_is_capped_at_the_fine)
{
	struct surcharge s;
	/* 33 days = 99 %, 34 days would be 102 %: capped at the fine */
	REQUIRE(surcharge_compute(1000000, "2026-03-31", "2026-05-03", 30, 100, &s, NULL) == FZ_OK);
	CHECK_INT(s.days, 33);
	CHECK_INT(s.amount_fen, 990000);
	CHECK(!s.capped);
	REQUIRE(surcharge_compute(1000000, "2026-03-31", "2026-05-04", 30, 100, &s, NULL) == FZ_OK);
	CHECK_INT(s.amount_fen, 1000000);
	CHECK(s.capped);
	/* years late, the largest fine: no overflow, still the cap */
	REQUIRE(surcharge_compute(MONEY_MAX_FEN, "2000-01-01", "2026-01-01", 1000, 100, &s, NULL) ==
		FZ_OK);
	CHECK_INT(s.amount_fen, MONEY_MAX_FEN);
}

TEST(surcharge_rounds_to_the_nearest_fen_once)
{
	struct surcharge s;
	/* 333.33 yuan * 3 % = 9.9999 yuan: 10.00 */
	REQUIRE(surcharge_compute(33333, "2026-03-31", "2026-04-01", 30, 100, &s, NULL) == FZ_OK);
	CHECK_INT(s.amount_fen, 1000);
	/* three days: 29.9997 yuan: 30.00, not 3 x 10.00 by accident */
	REQUIRE(surcharge_compute(33333, "2026-03-31", "2026-04-03", 30, 100, &s, NULL) == FZ_OK);
	CHECK_INT(s.amount_fen, 3000);
}

TEST(surcharge_rejects_bad_input_naming_the_field)
{
	struct surcharge s;
	struct fz_error e = { 0 };
	CHECK_INT(surcharge_compute(-1, "2026-03-31", "2026-04-01", 30, 100, &s, &e), FZ_INVALID);
	CHECK_STR(e.field, "fine");
	CHECK_INT(surcharge_compute(100, "2026-02-30", "2026-04-01", 30, 100, &s, &e), FZ_INVALID);
	CHECK_STR(e.field, "due");
	CHECK_INT(surcharge_compute(100, "2026-03-31", "today", 30, 100, &s, &e), FZ_INVALID);
	CHECK_STR(e.field, "until");
	CHECK_INT(surcharge_compute(100, "2026-03-31", "2026-04-01", 1001, 100, &s, &e),
		  FZ_INVALID);
	CHECK_STR(e.field, "rate");
	CHECK_INT(surcharge_compute(100, "2026-03-31", "2026-04-01", 30, 101, &s, &e), FZ_INVALID);
	CHECK_STR(e.field, "cap");
}
