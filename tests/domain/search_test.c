/* search_test.c - the tokens of Chinese search (bigrams with colocated
 * unigrams, ASCII words, full-width folding), the terms of a typed query
 * and the marking of matches, without a database. */
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "domain/search.h"
#include "t.h"

/* Tokens as "tok" or "+tok" (colocated), space-separated. */
static int collect(void *ctx, int flags, const char *t, int len, int s, int e)
{
	struct buf *b = ctx;
	(void)s, (void)e;
	buf_addf(b, "%s%s%.*s", b->len ? " " : "", flags & SEARCH_TOKEN_COLOCATED ? "+" : "",
		 len, t);
	return 0;
}

static const char *tokens(const char *text, bool query)
{
	static char out[512];
	struct buf b = BUF_INIT;
	search_tokenize(text, strlen(text), query, collect, &b);
	snprintf(out, sizeof out, "%s", buf_cstr(&b));
	buf_release(&b);
	return out;
}

TEST(search_tokens_are_bigrams_with_each_character_colocated)
{
	CHECK_STR(tokens("违法建设", false), "违法 +违 法建 +法 建设 +建 设");
	CHECK_STR(tokens("土", false), "土");
	CHECK_STR(tokens("罚款，土地", false), "罚款 +罚 款 土地 +土 地");
}

TEST(search_query_tokens_are_bigrams_and_keep_positions_across_runs)
{
	CHECK_STR(tokens("违法建设", true), "违法 法建 建设");
	CHECK_STR(tokens("罚款", true), "罚款");
	CHECK_STR(tokens("土", true), "土");
	/* a run followed by more text keeps its last character's position */
	CHECK_STR(tokens("罚款，土地", true), "罚款 款 土地");
	CHECK_STR(tokens("ABC公司", true), "abc 公司");
}

TEST(search_tokens_fold_full_width_and_case_and_drop_punctuation)
{
	CHECK_STR(tokens("ＡＢＣ１２３　Test-9", false), "abc123 test 9");
	CHECK_STR(tokens("\"*^:(){}NEAR/2", false), "near 2");
	CHECK_STR(tokens("“”《》、。！？", false), "");
	/* invalid UTF-8 separates, never joins */
	CHECK_STR(tokens("罚\xff款\xc3", false), "罚 款");
}

TEST(search_terms_split_on_spaces_and_drop_what_has_no_token)
{
	struct arena *a = arena_new();
	struct search_terms t;
	REQUIRE(a);
	search_terms_parse("  罚款\u3000土地 *** \"\" ＡＢＣ ", a, &t);
	CHECK_INT(t.n, 3);
	CHECK_STR(t.terms[0], "罚款");
	CHECK_STR(t.terms[1], "土地");
	CHECK_STR(t.terms[2], "abc");
	search_terms_parse("、。 ,.;", a, &t);
	CHECK_INT(t.n, 0);
	search_terms_parse("a b c d e f g h i j", a, &t);
	CHECK_INT(t.n, SEARCH_MAX_TERMS);
	CHECK(t.truncated);
	arena_free(a);
}

TEST(search_mark_marks_every_match_and_nothing_across_punctuation)
{
	struct arena *a = arena_new();
	struct search_terms t;
	REQUIRE(a);
	search_terms_parse("罚款 abc", a, &t);
	CHECK_STR(search_mark(a, "处以罚款，罚，款 ABC 与 abcd", &t),
		  "处以\x01罚款\x02，罚，款 \x01" "ABC\x02 与 abcd");
	search_terms_parse("土", a, &t);
	CHECK_STR(search_mark(a, "土地<b>", &t), "\x01土\x02地<b>");
	arena_free(a);
}

TEST(search_snippet_centres_on_the_first_match_and_stays_balanced)
{
	struct arena *a = arena_new();
	REQUIRE(a);
	char *s = search_snippet(a, "一二三四五六七八九十一二三四五六七八九十\x01罚款\x02后文", 6);
	CHECK_STR(s, "…十\x01罚款\x02后文");
	s = search_snippet(a, "\x01罚款罚款\x02", 2);
	CHECK_STR(s, "\x01罚款\x02…");
	s = search_snippet(a, "短文", 10);
	CHECK_STR(s, "短文");
	arena_free(a);
}

TEST(search_window_fit_predicts_the_days_that_end_within_what_is_left)
{
	/* 365 days read in 3,650 us: 10 us a day; 15,000 us left fit 1,500 days */
	CHECK_INT(search_window_fit(3650, 365, 15000), 1500);
	/* rounded down, never up: 1,499.9 days fit 1,499 */
	CHECK_INT(search_window_fit(3650, 365, 14999), 1499);
	/* nothing left: not one day, whatever the rate */
	CHECK_INT(search_window_fit(3650, 365, 0), 0);
	CHECK_INT(search_window_fit(1, 365, -5), 0);
	/* nothing measured yet (a clock too coarse for the window): no limit */
	CHECK(search_window_fit(0, 365, 1000) == INT64_MAX);
	/* a product past 64 bits is the most there is, not a wrapped number */
	CHECK(search_window_fit(1, INT64_MAX / 2, INT64_MAX / 2) == INT64_MAX);
	CHECK_INT(search_window_fit(7, 3, 100), 42);
}
