/* arena_test.c - arena_printf formats short strings in one pass and long
 * ones in two: the same text either way, on both sides of the stack
 * buffer's size, and its arguments read once per pass. */
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "t.h"

TEST(arena_printf_gives_the_same_text_short_long_and_at_the_edge)
{
	struct arena *a = arena_new();
	char want[1200];
	REQUIRE(a);
	for (size_t n = 0; n < 1100; n += (n >= 250 && n < 260) ? 1 : 37) {
		memset(want, 'x', n);
		snprintf(want + n, sizeof want - n, "=%d;%s", (int)n, "尾");
		char *got = arena_printf(a, "%.*s=%d;%s", (int)n, want, (int)n, "尾");
		REQUIRE(got);
		CHECK_STR(got, want);
	}
	CHECK_STR(arena_printf(a, "%s", ""), "");
	arena_free(a);
}

/* Raw memory is not zeroed, and need not be: arena_strndup writes every
 * byte it returns, and arena_alloc still zeroes what it gives, also where
 * raw memory was written before (a reset arena, small and big blocks). */
TEST(arena_zeroes_what_it_promises_after_raw_use)
{
	struct arena *a = arena_new();
	REQUIRE(a);
	static const size_t sizes[] = { 1, 40, 700, 4000, 9000 };
	for (int round = 0; round < 2; round++) {
		for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
			unsigned char *raw = arena_alloc_raw(a, sizes[i]);
			REQUIRE(raw);
			memset(raw, 0xa5, sizes[i]);
		}
		arena_reset(a);
		for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
			char *s = arena_strndup(a, "处罚决定书 and more", 7);
			REQUIRE(s);
			CHECK_INT((int64_t)strlen(s), 7);
			CHECK(memcmp(s, "处罚决定书", 7) == 0);
			unsigned char *z = arena_alloc(a, sizes[i]);
			REQUIRE(z);
			size_t nonzero = 0;
			for (size_t k = 0; k < sizes[i]; k++)
				nonzero += z[k] != 0;
			CHECK_INT((int64_t)nonzero, 0);
			int64_t *c = arena_calloc(a, sizes[i], sizeof *c);
			REQUIRE(c);
			for (size_t k = 0; k < sizes[i]; k++)
				nonzero += c[k] != 0;
			CHECK_INT((int64_t)nonzero, 0);
		}
		arena_reset(a);
	}
	arena_free(a);
}
