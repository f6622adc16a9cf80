/* textdiff_test.c - comparing two draft versions (issue 13 §2): kept,
 * added and removed paragraphs, a reworded paragraph compared character
 * by character with Chinese characters whole, blank lines ignored. */
#include <stdio.h>
#include <string.h>

#include "t.h"

#include "domain/textdiff.h"

/* The spans of a changed paragraph as "=kept-removed+added" pieces. */
static const char *spans(const struct textdiff_para *p, char *out, size_t n)
{
	size_t k = 0;
	out[0] = '\0';
	for (size_t i = 0; i < p->nspans && k < n; i++)
		k += (size_t)snprintf(out + k, n - k, "%c%s",
				      p->spans[i].op == TEXTDIFF_SAME	 ? '='
				      : p->spans[i].op == TEXTDIFF_ADDED ? '+'
									 : '-',
				      p->spans[i].text);
	return out;
}

TEST(textdiff_pairs_reworded_paragraphs_and_marks_characters)
{
	struct arena *a = arena_new();
	REQUIRE(a);
	struct textdiff d;
	struct fz_error e = { 0 };
	const char *v1 = "第一条 为规范临时用地管理。\n\n第二条 本通知适用于本县。\n第三条 删去的条文。\r\n";
	const char *v2 = "第一条 为规范临时用地管理，制定本通知。\n第二条 本通知适用于本县。\n第四条 新增的条文。\n第五条 又一条。";
	REQUIRE(textdiff_compute(v1, v2, a, &d, &e) == FZ_OK);
	CHECK_INT(d.n, 4);
	CHECK_INT(d.same, 1);
	CHECK_INT(d.changed, 2);
	CHECK_INT(d.added, 1);
	CHECK_INT(d.removed, 0);
	CHECK_INT(d.paras[0].op, TEXTDIFF_CHANGED);
	char buf[512];
	CHECK_STR(spans(&d.paras[0], buf, sizeof buf), "=第一条 为规范临时用地管理+，制定本通知=。");
	CHECK_INT(d.paras[1].op, TEXTDIFF_SAME);
	CHECK_STR(d.paras[1].new_text, "第二条 本通知适用于本县。");
	CHECK_INT(d.paras[2].op, TEXTDIFF_CHANGED);
	CHECK_STR(d.paras[2].old_text, "第三条 删去的条文。"); /* the \r is not part of it */
	CHECK_STR(spans(&d.paras[2], buf, sizeof buf), "=第-三+四=条 -删去+新增=的条文。");
	CHECK_INT(d.paras[3].op, TEXTDIFF_ADDED);
	CHECK_STR(d.paras[3].new_text, "第五条 又一条。");
	CHECK(d.paras[3].old_text == NULL);

	/* the other way round: what was added is removed */
	REQUIRE(textdiff_compute(v2, v1, a, &d, &e) == FZ_OK);
	CHECK_INT(d.removed, 1);
	CHECK_INT(d.added, 0);
	CHECK_INT(d.paras[3].op, TEXTDIFF_REMOVED);

	/* identical versions, and empty ones */
	REQUIRE(textdiff_compute(v1, v1, a, &d, &e) == FZ_OK);
	CHECK_INT(d.same, 3);
	CHECK_INT(d.n, 3);
	REQUIRE(textdiff_compute("", "", a, &d, &e) == FZ_OK);
	CHECK_INT(d.n, 0);
	arena_free(a);
}

TEST(textdiff_refuses_a_text_with_too_many_paragraphs)
{
	struct arena *a = arena_new();
	REQUIRE(a);
	size_t n = (TEXTDIFF_PARAS_MAX + 1) * 2;
	char *big = arena_alloc(a, n + 1);
	REQUIRE(big);
	for (size_t i = 0; i < n; i += 2) {
		big[i] = 'x';
		big[i + 1] = '\n';
	}
	big[n] = '\0';
	struct textdiff d;
	struct fz_error e = { 0 };
	CHECK(textdiff_compute(big, "x", a, &d, &e) == FZ_INVALID);
	CHECK_CONTAINS(e.message, "不能逐段比较");
	arena_free(a);
}
