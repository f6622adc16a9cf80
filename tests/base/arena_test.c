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
