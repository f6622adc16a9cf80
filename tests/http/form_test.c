/* form_test.c - url-encoded form bodies decode into UTF-8 fields, and
 * bad escapes or bad UTF-8 are refused before any handler sees them. */
#include "http/form.h"

#include "t.h"

static enum fz_err parse(struct arena *a, const char *body, struct form *f)
{
	struct fz_error e = { 0 };
	return form_parse(a, body, strlen(body), f, &e);
}

TEST(form_decoding)
{
	struct arena *a = arena_new();
	struct form f;
	REQUIRE(parse(a, "a=1&b=%E4%B8%AD%e6%96%87+x&c=&d&&e=%2B%26%3D", &f) == FZ_OK);
	CHECK_INT(f.n, 5);
	CHECK_STR(form_get(&f, "a"), "1");
	CHECK_STR(form_get(&f, "b"), "中文 x");
	CHECK_STR(form_get(&f, "c"), "");
	CHECK_STR(form_get(&f, "d"), "");
	CHECK_STR(form_get(&f, "e"), "+&=");
	CHECK(form_get(&f, "z") == NULL);

	CHECK(parse(a, "", &f) == FZ_OK && f.n == 0);
	CHECK_INT(parse(a, "a=%G1", &f), FZ_INVALID);  /* not hex */
	CHECK_INT(parse(a, "a=%4", &f), FZ_INVALID);   /* cut short */
	CHECK_INT(parse(a, "a=%FF", &f), FZ_INVALID);  /* not UTF-8 */
	CHECK_INT(parse(a, "a=%C0%AF", &f), FZ_INVALID); /* overlong */
	CHECK_INT(parse(a, "a=x%00y", &f), FZ_INVALID); /* NUL */
	CHECK_INT(parse(a, "%FF=1", &f), FZ_INVALID);
	arena_free(a);
}

TEST(form_refuses_too_many_fields)
{
	struct arena *a = arena_new();
	struct buf b = BUF_INIT;
	struct form f;
	for (int i = 0; i <= FORM_MAX_FIELDS; i++)
		buf_addf(&b, "f%d=1&", i);
	CHECK_INT(parse(a, buf_cstr(&b), &f), FZ_INVALID);
	buf_release(&b);
	arena_free(a);
}

TEST(url_encode_escapes_all_but_unreserved)
{
	struct buf b = BUF_INIT;
	url_encode(&b, "/a b?c=中&d~-._");
	CHECK_STR(buf_cstr(&b), "%2Fa%20b%3Fc%3D%E4%B8%AD%26d~-._");
	buf_release(&b);
}
