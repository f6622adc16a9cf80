/* buf_test.c - the buffer's reservation (buf_extend) keeps the content
 * NUL-terminated and grows past the first allocation; past the cap it
 * fails, stickily, and changes nothing. */
#include <string.h>

#include "base/buf.h"
#include "t.h"

TEST(buf_extend_reserves_exact_room_and_grows)
{
	struct buf b = BUF_INIT;
	buf_adds(&b, "ab");
	for (int i = 0; i < 100; i++) {
		char *p = buf_extend(&b, 3);
		CHECK(p != NULL);
		if (p)
			memcpy(p, "xyz", 3);
	}
	CHECK(!buf_failed(&b));
	CHECK(b.len == 302);
	CHECK(strlen(buf_cstr(&b)) == 302);
	CHECK(memcmp(b.data + 299, "xyz", 3) == 0);
	buf_release(&b);
}

TEST(buf_extend_past_the_cap_fails_and_sticks)
{
	struct buf b;
	buf_init(&b, 8);
	buf_adds(&b, "12345");
	CHECK(buf_extend(&b, 4) == NULL);
	CHECK(buf_failed(&b));
	CHECK(buf_status(&b) == FZ_TOOLARGE);
	CHECK(b.len == 5);
	CHECK(buf_extend(&b, 1) == NULL); /* sticky, though it would fit */
	buf_adds(&b, "6");
	CHECK(b.len == 5);
	buf_release(&b);
}
