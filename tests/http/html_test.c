/* html_test.c - html_f escapes every %s, formats numbers, and refuses
 * conversions it does not support instead of guessing. */
#include "http/html.h"

#include "t.h"

TEST(html_escapes_by_default)
{
	struct buf b = BUF_INIT;
	html_f(&b, "<p title=\"%s\">%s</p>", "a\"b", "<script>alert('x')</script> & co");
	CHECK_STR(buf_cstr(&b), "<p title=\"a&quot;b\">&lt;script&gt;alert(&#39;x&#39;)"
				"&lt;/script&gt; &amp; co</p>");
	buf_release(&b);
}

TEST(html_f_formats_numbers_and_percent)
{
	struct buf b = BUF_INIT;
	html_f(&b, "%d|%i|%u|%ld|%lld|%lu|%llu|%zu|%%|%c|", -1, 2, 3u, -4L, -5LL, 6UL, 7ULL,
	       (size_t)8, '<');
	html_esc(&b, NULL);
	CHECK_STR(buf_cstr(&b), "-1|2|3|-4|-5|6|7|8|%|&lt;|");
	CHECK(!buf_failed(&b));
	buf_release(&b);
}

TEST(html_f_refuses_unsupported_conversions)
{
	struct buf b = BUF_INIT;
	html_f(&b, "%x", 255u);
	CHECK(buf_failed(&b));
	buf_release(&b);
}

TEST(html_esc_keeps_chinese_and_raw_is_raw)
{
	struct buf b = BUF_INIT;
	html_esc(&b, "法治政府<建设>");
	html_raw(&b, "<br>");
	CHECK_STR(buf_cstr(&b), "法治政府&lt;建设&gt;<br>");
	buf_release(&b);
}
