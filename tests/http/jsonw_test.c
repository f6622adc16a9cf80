/* jsonw_test.c - JSON written straight into a buffer reads byte for byte
 * as jansson's compact dump of the same members: escapes, UTF-8, null,
 * integers, the list envelope; invalid UTF-8 fails the buffer. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "http/jsonw.h"
#include "t.h"

static const char *const tricky[] = {
	"海原县自然资源局", "引号\"与反斜杠\\", "换行\n回车\r制表\t退格\b换页\f",
	"\x01\x1f控制字符", "/斜杠/ 与 \x7f", "",
	/* copied whole (no escape): ASCII only, and longer than a fresh
	 * buffer's first allocation */
	"NX05220001", "2026-12-06 and a plain ASCII value well past sixty-four bytes long",
	"中华人民共和国行政处罚法第三十三条第一款规定的情形，依法不予行政处罚",
};

TEST(jsonw_writes_what_jansson_dumps)
{
	for (size_t i = 0; i < sizeof tricky / sizeof tricky[0]; i++) {
		struct buf b = BUF_INIT;
		struct jw w;
		jw_object(&w, &b);
		jw_int(&w, "id", -42);
		jw_str(&w, "s", tricky[i]);
		jw_str(&w, "none", NULL);
		jw_null(&w, "n");
		jw_int(&w, "big", INT64_MAX);
		jw_int(&w, "small", INT64_MIN);
		jw_int(&w, "zero", 0);
		jw_end(&w);
		json_t *o = json_pack("{s:I, s:s, s:s?, s:n, s:I, s:I, s:I}", "id", (json_int_t)-42,
				      "s", tricky[i], "none", NULL, "n", "big", (json_int_t)INT64_MAX,
				      "small", (json_int_t)INT64_MIN, "zero", (json_int_t)0);
		char *want = json_dumps(o, JSON_COMPACT);
		CHECK(!buf_failed(&b));
		CHECK_STR(buf_cstr(&b), want);
		free(want);
		json_decref(o);
		buf_release(&b);
	}
}

TEST(jsonw_list_envelope_reads_as_paging_answers_it)
{
	struct buf b = BUF_INIT;
	jw_list_begin(&b);
	for (size_t i = 0; i < 2; i++) {
		struct jw w;
		jw_list_item(&b, i);
		jw_object(&w, &b);
		jw_int(&w, "id", (int64_t)i + 1);
		jw_end(&w);
	}
	jw_list_end(&b, 7, (struct page){ 40, 20 });
	CHECK_STR(buf_cstr(&b),
		  "{\"items\":[{\"id\":1},{\"id\":2}],\"total\":7,\"offset\":40,\"limit\":20}");
	buf_release(&b);
	jw_list_begin(&b);
	jw_list_end(&b, 0, (struct page){ 0, 20 });
	CHECK_STR(buf_cstr(&b), "{\"items\":[],\"total\":0,\"offset\":0,\"limit\":20}");
	buf_release(&b);
}

TEST(jsonw_refuses_invalid_utf8)
{
	struct buf b = BUF_INIT;
	struct jw w;
	jw_object(&w, &b);
	jw_str(&w, "s", "\xff\xfe");
	jw_end(&w);
	CHECK(buf_failed(&b));
	buf_release(&b);
	/* also when the string needs escapes, or its bad byte comes late */
	static const char *const bad[] = { "引号\"\xe5\x9f", "ascii then \xc3\x28", "\xed\xa0\x80" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		jw_object(&w, &b);
		jw_str(&w, "s", bad[i]);
		jw_end(&w);
		CHECK(buf_failed(&b));
		buf_release(&b);
	}
}
