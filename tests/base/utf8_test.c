/* utf8_test.c - strict UTF-8 validation at the edges of each sequence
 * length, and code point counting. */
#include "t.h"

#include "base/utf8.h"

static bool valid(const char *s)
{
	return utf8_valid(s, strlen(s));
}

TEST(utf8_accepts_ascii_chinese_and_empty)
{
	CHECK(valid(""));
	CHECK(utf8_valid(NULL, 0));
	CHECK(valid("hello"));
	CHECK(valid("依法行政"));
	CHECK(valid("执法证号 A-123，有效。"));
}

TEST(utf8_accepts_boundaries_of_each_length)
{
	CHECK(valid("\x7F"));                 /* U+007F, last 1-byte */
	CHECK(valid("\xC2\x80"));             /* U+0080, first 2-byte */
	CHECK(valid("\xDF\xBF"));             /* U+07FF */
	CHECK(valid("\xE0\xA0\x80"));         /* U+0800, first 3-byte */
	CHECK(valid("\xED\x9F\xBF"));         /* U+D7FF, just below surrogates */
	CHECK(valid("\xEE\x80\x80"));         /* U+E000, just above */
	CHECK(valid("\xEF\xBF\xBF"));         /* U+FFFF */
	CHECK(valid("\xF0\x90\x80\x80"));     /* U+10000, first 4-byte */
	CHECK(valid("\xF4\x8F\xBF\xBF"));     /* U+10FFFF, the last */
	CHECK(valid("\xF0\xA0\x80\x80"));     /* U+20000, CJK extension B */
}

TEST(utf8_rejects_overlong_forms)
{
	CHECK(!valid("\xC0\xAF"));            /* '/' in two bytes */
	CHECK(!valid("\xC1\xBF"));
	CHECK(!valid("\xE0\x80\xAF"));        /* '/' in three bytes */
	CHECK(!valid("\xE0\x9F\xBF"));        /* U+07FF in three bytes */
	CHECK(!valid("\xF0\x80\x80\xAF"));
	CHECK(!valid("\xF0\x8F\xBF\xBF"));    /* U+FFFF in four bytes */
	CHECK(!utf8_valid("\xC0\x80", 2));    /* "modified UTF-8" NUL */
}

TEST(utf8_rejects_surrogates)
{
	CHECK(!valid("\xED\xA0\x80"));        /* U+D800 */
	CHECK(!valid("\xED\xAF\xBF"));        /* U+DBFF */
	CHECK(!valid("\xED\xB0\x80"));        /* U+DC00 */
	CHECK(!valid("\xED\xBF\xBF"));        /* U+DFFF */
	CHECK(!valid("\xED\xA0\xBD\xED\xB8\x80")); /* CESU-8 pair */
}

TEST(utf8_rejects_code_points_above_10ffff)
{
	CHECK(!valid("\xF4\x90\x80\x80"));    /* U+110000 */
	CHECK(!valid("\xF5\x80\x80\x80"));
	CHECK(!valid("\xF7\xBF\xBF\xBF"));
	CHECK(!valid("\xF8\x88\x80\x80\x80")); /* old 5-byte form */
	CHECK(!valid("\xFC\x84\x80\x80\x80\x80"));
	CHECK(!valid("\xFE"));
	CHECK(!valid("\xFF"));
}

TEST(utf8_rejects_nul_byte_inside_length)
{
	CHECK(!utf8_valid("ab\0cd", 5));
	CHECK(!utf8_valid("\0", 1));
	CHECK(utf8_valid("ab\0cd", 2));
}

TEST(utf8_rejects_stray_and_missing_continuation_bytes)
{
	CHECK(!valid("\x80"));
	CHECK(!valid("a\xBF" "b"));
	CHECK(!valid("\xC2"));                /* truncated at the end */
	CHECK(!valid("\xE4\xB8"));            /* 中 cut short */
	CHECK(!valid("\xF0\x9F\x98"));
	CHECK(!valid("\xC2" "A"));            /* ASCII where continuation due */
	CHECK(!valid("\xE4\xB8" "A"));
	CHECK(!valid("\xE4\xB8\xC0"));
	CHECK(!utf8_valid("\xE4\xB8\xAD", 2)); /* length cuts the sequence */
}

TEST(utf8_count_counts_code_points_not_bytes)
{
	CHECK_INT(utf8_count(""), 0);
	CHECK_INT(utf8_count("abc"), 3);
	CHECK_INT(utf8_count("依法行政"), 4);
	CHECK_INT(utf8_count("a中\xF0\x9F\x98\x80" "b"), 4);
	CHECK_INT(utf8_count("\xF4\x8F\xBF\xBF"), 1);
}
