/* pub_adjust_test.c - the reviewer's adjustment of a publication may
 * only mask more (issue 10, docs/PUBLICATION.md): a text that hides a
 * further span passes and counts it; a changed amount, an added or a
 * deleted sentence, a changed space does not; long texts are compared in
 * one pass. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/pub_adjust.h"
#include "t.h"

static enum fz_err adj(const char *a, const char *b, struct pub_adjust *out)
{
	return pub_adjust_check(a, strlen(a), b, strlen(b), out);
}

static const char *decision = "当事人张某，住址：海原县×××。经查，当事人于2026年3月1日"
			      "在文昌路经营无证餐饮，证人李某在场。决定罚款人民币5000元。";

TEST(adjustment_that_only_masks_a_name_further_is_accepted_and_counted)
{
	struct pub_adjust r;
	/* the same text: nothing hidden by hand */
	CHECK_INT(adj(decision, decision, &r), FZ_OK);
	CHECK_INT((int)r.masked, 0);
	/* the witness's surname hidden too (李某 -> 某某): one span */
	const char *b = "当事人张某，住址：海原县×××。经查，当事人于2026年3月1日"
			"在文昌路经营无证餐饮，证人某某在场。决定罚款人民币5000元。";
	CHECK_INT(adj(decision, b, &r), FZ_OK);
	CHECK_INT((int)r.masked, 1);
	/* the street too, with ＊ and *: three spans, the automatic ××× kept */
	b = "当事人张某，住址：海原县×××。经查，当事人于2026年3月1日"
	    "在＊＊路经营无证餐饮，证人某某在场。决定罚款人民币*元。";
	CHECK_INT(adj(decision, b, &r), FZ_OK);
	CHECK_INT((int)r.masked, 3);
}

TEST(adjustment_that_masks_at_the_start_or_the_end_is_accepted)
{
	struct pub_adjust r;
	/* a placeholder written another way hides nothing more: accepted,
	 * not counted */
	CHECK_INT(adj("张某罚款", "张某某罚款", &r), FZ_OK);
	CHECK_INT((int)r.masked, 0);
	CHECK_INT(adj("住址：×××，罚款", "住址：＊＊，罚款", &r), FZ_OK);
	CHECK_INT((int)r.masked, 0);
	CHECK_INT(adj("张三丰罚款", "××罚款", &r), FZ_OK);
	CHECK_INT((int)r.masked, 1);
	CHECK_INT(adj("罚款5000元", "罚款×", &r), FZ_OK);
	CHECK_INT((int)r.masked, 1);
	CHECK_INT(adj("罚款5000元", "××××", &r), FZ_OK); /* everything hidden */
	CHECK_INT((int)r.masked, 1);
}

TEST(adjustment_that_changes_the_amount_is_refused_where_it_differs)
{
	struct pub_adjust r;
	const char *b = "当事人张某，住址：海原县×××。经查，当事人于2026年3月1日"
			"在文昌路经营无证餐饮，证人李某在场。决定罚款人民币500元。";
	CHECK_INT(adj(decision, b, &r), FZ_INVALID);
	CHECK_INT((int)r.masked, 0);
	/* 当事人张某，住址：海原县×××。(16 characters) 经查，当事人于2026年3月1日
	 * (16) 在文昌路经营无证餐饮，证人李某在场。(18) 决定罚款人民币500 (10):
	 * the next one, where the 4th digit was, differs */
	CHECK_INT((int)r.differs_at, 16 + 16 + 18 + 10 + 1);
	/* a masked name elsewhere does not excuse it */
	b = "当事人张某，住址：海原县×××。经查，当事人于2026年3月1日"
	    "在文昌路经营无证餐饮，证人某某在场。决定罚款人民币6000元。";
	CHECK_INT(adj(decision, b, &r), FZ_INVALID);
}

TEST(adjustment_that_adds_or_deletes_text_is_refused)
{
	struct pub_adjust r;
	char more[512];
	snprintf(more, sizeof more, "%s当事人已当场缴纳。", decision);
	CHECK_INT(adj(decision, more, &r), FZ_INVALID);
	/* a sentence cut out, with or without a mask in its place elsewhere */
	CHECK_INT(adj("甲。乙。丙。", "甲。丙。", &r), FZ_INVALID);
	CHECK_INT(adj("张某罚款。乙。", "某某罚款。", &r), FZ_INVALID);
	/* a mask put in with text around it changed */
	CHECK_INT(adj("证人李四在场", "证人××不在场", &r), FZ_INVALID);
	/* a mask does not stand for nothing: inserted where nothing was */
	CHECK_INT(adj("罚款5000元", "罚款×5000元", &r), FZ_INVALID);
	CHECK_INT(adj("罚款5000元", "罚款5000元×", &r), FZ_INVALID);
	/* nothing at all */
	CHECK_INT(adj("罚款5000元", "", &r), FZ_INVALID);
	CHECK_INT((int)r.differs_at, 1);
}

TEST(adjustment_that_changes_only_whitespace_is_refused)
{
	struct pub_adjust r;
	CHECK_INT(adj("决定如下：\n罚款5000元。", "决定如下： 罚款5000元。", &r), FZ_INVALID);
	CHECK_INT((int)r.differs_at, 6);
	CHECK_INT(adj("决定如下：\n罚款5000元。", "决定如下：\n罚款5000元。\n", &r), FZ_INVALID);
	CHECK_INT(adj("决定如下：\n罚款5000元。", "决定如下：\r\n罚款5000元。", &r), FZ_INVALID);
}

/* Long texts: 60 KB of decision text, a name masked near the end and an
 * amount changed near the end; and a text built so that a naive search
 * would backtrack at every byte. Both answers come from one pass (the
 * comparison never builds a table of both lengths). */
TEST(adjustment_of_a_long_text_is_compared_in_one_pass)
{
	struct pub_adjust r;
	const char *para = "经查，当事人在文昌路经营无证餐饮，证人李某在场，罚款人民币5000元。\n";
	size_t plen = strlen(para), n = 600;
	char *a = malloc(plen * n + 1), *b = malloc(plen * n + 1);
	REQUIRE(a && b);
	for (size_t i = 0; i < n; i++)
		memcpy(a + i * plen, para, plen);
	a[plen * n] = '\0';
	CHECK(strlen(a) > 50000);
	memcpy(b, a, plen * n + 1);
	char *li = strstr(b + plen * (n - 1), "李某");
	REQUIRE(li);
	memcpy(li, "某", 3); /* 李 -> 某 in the last paragraph */
	CHECK_INT(pub_adjust_check(a, strlen(a), b, strlen(b), &r), FZ_OK);
	CHECK_INT((int)r.masked, 1);
	char *five = strstr(li, "5000");
	REQUIRE(five);
	five[0] = '6';
	CHECK_INT(pub_adjust_check(a, strlen(a), b, strlen(b), &r), FZ_INVALID);
	free(a);
	free(b);

	/* the stretch "aaa…ab" (m + 1 bytes) searched in "aaa…abc" (2m + 2):
	 * a backtracking search would compare about m x m bytes */
	size_t m = 30000;
	a = malloc(2 * m + 8);
	b = malloc(2 * m + 8);
	REQUIRE(a && b);
	memset(a, 'a', 2 * m);
	memcpy(a + 2 * m, "bc", 3);
	b[0] = '*';
	memset(b + 1, 'a', m);
	memcpy(b + m + 1, "b*", 3);
	CHECK_INT(pub_adjust_check(a, strlen(a), b, strlen(b), &r), FZ_OK);
	CHECK_INT((int)r.masked, 2); /* the first m a's and the c */
	b[m + 1] = 'c';
	CHECK_INT(pub_adjust_check(a, strlen(a), b, strlen(b), &r), FZ_INVALID);
	free(a);
	free(b);
}
