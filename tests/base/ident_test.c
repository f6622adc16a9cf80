/* ident_test.c - every valid and invalid value of identifiers.md for the
 * USCC, organisation code, resident identity number and division code. */
#include "t.h"

#include "base/ident.h"

static bool uscc_ok(const char *s)
{
	return ident_uscc_check(s, "uscc", NULL) == FZ_OK;
}

static bool orgcode_ok(const char *s)
{
	return ident_orgcode_check(s, "org_code", NULL) == FZ_OK;
}

static bool resident_ok(const char *s)
{
	return ident_resident_id_check(s, "resident_id", NULL) == FZ_OK;
}

static bool division_ok(const char *s)
{
	return ident_division_code_check(s, "division_code", NULL) == FZ_OK;
}

/* ---- 统一社会信用代码 ---- */

TEST(uscc_accepts_reference_values)
{
	CHECK(uscc_ok("91350100M000100Y43"));
	CHECK(uscc_ok("91110000MA00000152"));
	CHECK(uscc_ok("12100000400000018N"));
	CHECK(uscc_ok("93330106MA2B3C4D1T"));
}

TEST(uscc_rejects_wrong_check_character)
{
	struct fz_error e = { 0 };
	CHECK_INT(ident_uscc_check("91350100M000100Y44", "uscc", &e), FZ_INVALID);
	CHECK_INT(e.code, FZ_INVALID);
	CHECK_STR(e.field, "uscc");
	CHECK_STR(e.message, "统一社会信用代码校验位错误（应为 3）");
}

TEST(uscc_rejects_letters_outside_charset)
{
	struct fz_error e = { 0 };
	CHECK(!uscc_ok("91350100M000I00Y43"));
	CHECK_INT(ident_uscc_check("9I350100M000100Y43", "uscc", &e), FZ_INVALID);
	CHECK_CONTAINS(e.message, "第 2 位“I”不是有效字符");
	for (const char *bad = "IOSVZ"; *bad; bad++) {
		char s[] = "91350100M000100Y43";
		s[9] = *bad;
		CHECK(!uscc_ok(s));
	}
}

TEST(uscc_rejects_lowercase_letters)
{
	CHECK(!uscc_ok("91350100m000100Y43"));
}

TEST(uscc_rejects_wrong_length)
{
	struct fz_error e = { 0 };
	CHECK_INT(ident_uscc_check("91350100M000100Y4", "uscc", &e), FZ_INVALID);
	CHECK_STR(e.message, "统一社会信用代码应为 18 位");
	CHECK(!uscc_ok("91350100M000100Y433"));
	CHECK(!uscc_ok(""));
	CHECK(!uscc_ok(NULL));
}

TEST(uscc_rejects_letter_in_division_positions)
{
	/* Position 4 a letter, check recomputed so only the shape is wrong. */
	char s[19] = "913A0100M000100Y4";
	s[17] = ident_uscc_check_char(s);
	s[18] = '\0';
	struct fz_error e = { 0 };
	CHECK_INT(ident_uscc_check(s, "uscc", &e), FZ_INVALID);
	CHECK_CONTAINS(e.message, "第 3–8 位应为数字");
}

TEST(uscc_strict_rejects_bad_embedded_orgcode_with_right_check_char)
{
	/* Position 18 is right for these 17 characters... */
	CHECK(ident_uscc_check_char("91350100M000100Y5") == '6');
	/* ...but M000100Y5 is not a valid organisation code. */
	struct fz_error e = { 0 };
	CHECK_INT(ident_uscc_check("91350100M000100Y56", "uscc", &e), FZ_INVALID);
	CHECK_STR(e.field, "uscc");
	CHECK_CONTAINS(e.message, "组织机构代码");
	CHECK_CONTAINS(e.message, "应为 4");
}

TEST(uscc_check_char_matches_worked_example_and_rejects_bad_input)
{
	CHECK(ident_uscc_check_char("91350100M000100Y4") == '3');
	CHECK(ident_uscc_check_char("91350100M000I00Y4") == 0);
	CHECK(ident_uscc_check_char("91350100M000100Y\0") == 0);
}

TEST(uscc_synthetic_codes_built_from_check_chars_validate)
{
	/* How demo data makes codes: 8 body characters, their organisation
	 * code check, then the USCC check. */
	const char *bodies[] = { "MA000001", "MA2B3C4D", "40000001", "00000000", "MAY1H2K3" };
	for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
		char s[19] = "91640500";
		memcpy(s + 8, bodies[i], 8);
		s[16] = ident_orgcode_check_char(bodies[i]);
		REQUIRE(s[16] != 0);
		s[17] = ident_uscc_check_char(s);
		REQUIRE(s[17] != 0);
		s[18] = '\0';
		CHECK(uscc_ok(s));
	}
}

TEST(uscc_null_error_pointer_is_allowed)
{
	CHECK_INT(ident_uscc_check("bad", "uscc", NULL), FZ_INVALID);
}

/* ---- 组织机构代码 ---- */

TEST(orgcode_accepts_reference_values_with_and_without_hyphen)
{
	CHECK(orgcode_ok("D2143569X"));
	CHECK(orgcode_ok("D2143569-X"));
	CHECK(orgcode_ok("M000100Y4"));
	CHECK(orgcode_ok("MA0000015"));
}

TEST(orgcode_rejects_wrong_check_character)
{
	struct fz_error e = { 0 };
	CHECK_INT(ident_orgcode_check("D21435690", "org_code", &e), FZ_INVALID);
	CHECK_STR(e.message, "组织机构代码校验位错误（应为 X）");
	CHECK_STR(e.field, "org_code");
	CHECK_INT(ident_orgcode_check("12345678X", "org_code", &e), FZ_INVALID);
	CHECK_STR(e.message, "组织机构代码校验位错误（应为 8）");
	CHECK(orgcode_ok("123456788"));
	CHECK(!orgcode_ok("D2143569x"));
}

TEST(orgcode_rejects_wrong_length_and_misplaced_hyphen)
{
	CHECK(!orgcode_ok("D2143569"));
	CHECK(!orgcode_ok("D214356-9X"));
	CHECK(!orgcode_ok("D2143569--X"));
	CHECK(!orgcode_ok(""));
	CHECK(!orgcode_ok(NULL));
}

TEST(orgcode_rejects_lowercase_body)
{
	CHECK(!orgcode_ok("d2143569X"));
}

TEST(orgcode_check_char_maps_ten_to_x_and_eleven_to_zero)
{
	CHECK(ident_orgcode_check_char("D2143569") == 'X');
	CHECK(ident_orgcode_check_char("M000100Y") == '4');
	/* 00000000: S = 0, C = 11 -> '0'. */
	CHECK(ident_orgcode_check_char("00000000") == '0');
	CHECK(ident_orgcode_check_char("0000000a") == 0);
}

/* ---- 居民身份证号码 ---- */

TEST(resident_id_accepts_reference_values)
{
	CHECK(resident_ok("11010519491231002X"));
	CHECK(resident_ok("440524188001010014"));
	CHECK(resident_ok("110105180001010010"));
}

TEST(resident_id_accepts_lowercase_x_and_normalize_uppercases_it)
{
	char s[] = "11010519491231002x";
	CHECK(resident_ok(s));
	ident_resident_id_normalize(s);
	CHECK_STR(s, "11010519491231002X");
	char t[] = "440524188001010014";
	ident_resident_id_normalize(t);
	CHECK_STR(t, "440524188001010014");
	ident_resident_id_normalize(NULL);
}

TEST(resident_id_rejects_letter_other_than_x)
{
	struct fz_error e = { 0 };
	CHECK_INT(ident_resident_id_check("11010519491231002Y", "resident_id", &e), FZ_INVALID);
	CHECK_STR(e.message, "居民身份证号码第 18 位应为数字或 X");
	CHECK(!resident_ok("1101051949123100A2"));
}

TEST(resident_id_rejects_wrong_check_character)
{
	struct fz_error e = { 0 };
	CHECK_INT(ident_resident_id_check("110105194912310021", "resident_id", &e), FZ_INVALID);
	CHECK_STR(e.message, "居民身份证号码校验位错误（应为 X）");
	CHECK_STR(e.field, "resident_id");
}

TEST(resident_id_rejects_impossible_birth_date_even_with_right_check)
{
	CHECK(ident_resident_id_check_char("11010519490230002") == '0');
	struct fz_error e = { 0 };
	CHECK_INT(ident_resident_id_check("110105194902300020", "resident_id", &e), FZ_INVALID);
	CHECK_STR(e.message, "居民身份证号码中的出生日期无效");
}

TEST(resident_id_birth_date_follows_leap_years)
{
	/* Build numbers with a right check character around 29 February. */
	const char *dates[] = { "20000229", "20040229", "19000229", "20230229", "19491301", "19490000" };
	const bool ok[] = { true, true, false, false, false, false };
	for (int i = 0; i < 6; i++) {
		char s[19] = "110105";
		memcpy(s + 6, dates[i], 8);
		memcpy(s + 14, "002", 3);
		s[17] = ident_resident_id_check_char(s);
		s[18] = '\0';
		CHECK_INT(resident_ok(s), ok[i]);
	}
}

TEST(resident_id_rejects_wrong_length_and_non_digits)
{
	struct fz_error e = { 0 };
	CHECK_INT(ident_resident_id_check("1101051949123100X", "resident_id", &e), FZ_INVALID);
	CHECK_STR(e.message, "居民身份证号码应为 18 位");
	CHECK(!resident_ok("11010519491231002X0"));
	CHECK(!resident_ok("1101O519491231002X"));
	CHECK(!resident_ok(NULL));
	CHECK(ident_resident_id_check_char("1101051949123100A") == 0);
}

TEST(resident_id_check_char_matches_worked_example)
{
	CHECK(ident_resident_id_check_char("11010519491231002") == 'X');
	CHECK(ident_resident_id_check_char("44052418800101001") == '4');
}

/* ---- 行政区划代码 ---- */

TEST(division_accepts_seed_areas_and_every_province)
{
	const char *codes[] = { "210000", "210100", "210114", "410000", "410100", "410104",
				"640000", "640500", "640522", "530000", "532300", "532329",
				"419000", "419001", "110101", "820000", "710000" };
	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
		CHECK(division_ok(codes[i]));
	const char *provinces = "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 "
				"46 50 51 52 53 54 61 62 63 64 65 71 81 82";
	for (const char *p = provinces; *p; p += p[2] ? 3 : 2) {
		char code[7] = "000000";
		code[0] = p[0];
		code[1] = p[1];
		CHECK(division_ok(code));
	}
}

TEST(division_rejects_unknown_province_prefix)
{
	struct fz_error e = { 0 };
	CHECK_INT(ident_division_code_check("000000", "division_code", &e), FZ_INVALID);
	CHECK_CONTAINS(e.message, "“00”不是有效的省级代码");
	CHECK(!division_ok("100000"));
	CHECK(!division_ok("240000"));
	CHECK(!division_ok("660000"));
	CHECK(!division_ok("910000"));
}

TEST(division_rejects_wrong_shape)
{
	struct fz_error e = { 0 };
	CHECK_INT(ident_division_code_check("64050", "division_code", &e), FZ_INVALID);
	CHECK_STR(e.message, "行政区划代码应为 6 位数字");
	CHECK_STR(e.field, "division_code");
	CHECK(!division_ok("6405000"));
	CHECK(!division_ok("64O500"));
	CHECK(!division_ok(" 64050"));
	CHECK(!division_ok(""));
	CHECK(!division_ok(NULL));
}

TEST(division_rejects_county_directly_under_province)
{
	CHECK(!division_ok("640022"));
}

TEST(division_level_reads_the_zero_pairs)
{
	CHECK_INT(ident_division_level("640000"), 1);
	CHECK_INT(ident_division_level("640500"), 2);
	CHECK_INT(ident_division_level("640522"), 3);
	CHECK_INT(ident_division_level("419000"), 2);
	CHECK_INT(ident_division_level("419001"), 3);
	CHECK_INT(ident_division_level("6405"), 0);
	CHECK_INT(ident_division_level("64050a"), 0);
}

TEST(division_parent_skips_the_90_group)
{
	char parent[7];
	ident_division_parent("640000", parent);
	CHECK_STR(parent, "");
	ident_division_parent("640500", parent);
	CHECK_STR(parent, "640000");
	ident_division_parent("640522", parent);
	CHECK_STR(parent, "640500");
	ident_division_parent("210114", parent);
	CHECK_STR(parent, "210100");
	ident_division_parent("532329", parent);
	CHECK_STR(parent, "532300");
	ident_division_parent("419001", parent);
	CHECK_STR(parent, "410000");
	ident_division_parent("419000", parent);
	CHECK_STR(parent, "410000");
	ident_division_parent("bad", parent);
	CHECK_STR(parent, "");
}

TEST(division_scope_prefix_covers_the_division_and_below)
{
	char prefix[7];
	ident_division_scope_prefix("640000", prefix);
	CHECK_STR(prefix, "64");
	ident_division_scope_prefix("640500", prefix);
	CHECK_STR(prefix, "6405");
	ident_division_scope_prefix("640522", prefix);
	CHECK_STR(prefix, "640522");
	ident_division_scope_prefix("12345", prefix);
	CHECK_STR(prefix, "");
}
