/* memo_key_test.c - a memo key is its fields in order, "what name=value
 * ...", numbers in decimal, a missing text empty; a key that does not fit
 * is no key at all, never a cut one that could name another answer. */
#include <stdint.h>
#include <string.h>

#include "http/memo.h"
#include "t.h"

TEST(memo_key_names_each_field_in_order)
{
	struct memo_key k;
	memo_key_begin(&k, "certificates");
	memo_key_int(&k, "u", 12);
	memo_key_int(&k, "g", -3);
	memo_key_int(&k, "o", INT64_MAX);
	memo_key_str(&k, "v", "6405");
	memo_key_str(&k, "d", NULL);
	memo_key_str(&k, "q", "王 宏伟 s=1");
	CHECK_STR(memo_key_done(&k),
		  "certificates u=12 g=-3 o=9223372036854775807 v=6405 d= q=王 宏伟 s=1");
}

TEST(memo_key_that_does_not_fit_is_none)
{
	struct memo_key k;
	char text[MEMO_KEY_MAX];
	memset(text, 'x', sizeof text - 1);
	text[sizeof text - 1] = '\0';
	memo_key_begin(&k, "certificates");
	memo_key_int(&k, "u", 1);
	memo_key_str(&k, "q", text);
	CHECK(memo_key_done(&k) == NULL);
	/* the same at the edge: the longest text that fits is kept whole */
	size_t room = MEMO_KEY_MAX - 1 - strlen("certificates u=1 q=");
	text[room] = '\0';
	memo_key_begin(&k, "certificates");
	memo_key_int(&k, "u", 1);
	memo_key_str(&k, "q", text);
	REQUIRE(memo_key_done(&k) != NULL);
	CHECK_INT(strlen(memo_key_done(&k)), MEMO_KEY_MAX - 1);
	text[room] = 'x';
	text[room + 1] = '\0';
	memo_key_begin(&k, "certificates");
	memo_key_int(&k, "u", 1);
	memo_key_str(&k, "q", text);
	CHECK(memo_key_done(&k) == NULL);
}
