/* num_test.c - strict integers from outside input, and the banned calls
 * that the compiler refuses in the program. */
#include <stdio.h>
#include <stdlib.h>

#include "t.h"

#include "base/num.h"

TEST(num_parse_accepts_only_the_whole_string_as_a_number_in_range)
{
	int64_t v = 7;
	CHECK(num_parse_i64("0", 0, 10, &v) && v == 0);
	CHECK(num_parse_i64("10", 0, 10, &v) && v == 10);
	CHECK(num_parse_i64("-5", -10, 10, &v) && v == -5);
	CHECK(num_parse_i64("9223372036854775807", 0, INT64_MAX, &v) && v == INT64_MAX);
	CHECK(num_parse_i64("-9223372036854775808", INT64_MIN, 0, &v) && v == INT64_MIN);
	v = 7;
	static const char *const bad[] = { "",    "+1",  "01", "-0", " 1", "1 ", "1x", "0x10",
					   "1e3", "11",  "-1", "１", "9223372036854775808" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		CHECK(!num_parse_i64(bad[i], 0, 10, &v));
	CHECK(!num_parse_i64(NULL, 0, 10, &v));
	CHECK(!num_parse_i64("-9223372036854775809", INT64_MIN, 0, &v));
	CHECK_INT(v, 7); /* untouched by every refusal */
}

TEST(num_id_is_a_positive_integer_or_zero)
{
	CHECK_INT(num_id("42"), 42);
	CHECK_INT(num_id("0"), 0);
	CHECK_INT(num_id("-3"), 0);
	CHECK_INT(num_id("12abc"), 0); /* sscanf("%lld") read 12 here */
	CHECK_INT(num_id("张三"), 0);
	CHECK_INT(num_id(NULL), 0);
}

TEST(num_digits_and_id_lists)
{
	CHECK_INT(num_digits("09:30", 2, 23), 9);
	CHECK_INT(num_digits("24", 2, 23), -1);
	CHECK_INT(num_digits("-1", 2, 23), -1);
	CHECK_INT(num_digits(" 9", 2, 23), -1);
	CHECK(num_list_has("3,5, 8", 8));
	CHECK(num_list_has("3,5, 8", 3));
	CHECK(!num_list_has("3,5, 8", 4));
	CHECK(!num_list_has("35", 3));
	CHECK(!num_list_has("99999999999999999999,3", 3)); /* overflow stops the list */
	CHECK(!num_list_has(NULL, 3));
}

/* The program is built with -include src/base/banned.h: a call of a
 * banned function does not compile, a bounded one does. */
static int compile(const char *body)
{
	char dir[512], src[600], cmd[2048];
	snprintf(dir, sizeof dir, "%s", t_tmpdir());
	snprintf(src, sizeof src, "%s/probe.c", dir);
	FILE *f = fopen(src, "w");
	if (!f)
		return -1;
	fprintf(f, "int probe(char *b, const char *s);\nint probe(char *b, const char *s)\n{\n%s\n}\n",
		body);
	fclose(f);
	snprintf(cmd, sizeof cmd, "cc -c -include '%s/src/base/banned.h' -o '%s/probe.o' '%s' 2>/dev/null",
		 t_source_root(), dir, src);
	return system(cmd);
}

TEST(banned_calls_do_not_compile)
{
	CHECK_INT(compile("return snprintf(b, 4, \"%s\", s);"), 0);
	CHECK(compile("strcpy(b, s); return 0;") != 0);
	CHECK(compile("return sprintf(b, \"%s\", s);") != 0);
	CHECK(compile("return atoi(s) + (b != 0);") != 0);
	CHECK(compile("int v; return sscanf(s, \"%d\", &v) + (b != 0);") != 0);
	CHECK(compile("return strtok(b, s) != 0;") != 0);
}

TEST(num_format_i64_writes_every_value_in_decimal)
{
	char out[NUM_I64_CHARS];
	static const struct {
		int64_t v;
		const char *want;
	} cases[] = {
		{ 0, "0" }, { 7, "7" }, { -1, "-1" }, { 10, "10" }, { 1234567890, "1234567890" },
		{ INT64_MAX, "9223372036854775807" }, { INT64_MIN, "-9223372036854775808" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		CHECK_INT(num_format_i64(cases[i].v, out), strlen(cases[i].want));
		CHECK_STR(out, cases[i].want);
	}
}
