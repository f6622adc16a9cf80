/* receipt_test.c - the check character of the public's receipt numbers
 * (complaints, public comments, review requests) catches every single
 * mistyped character and every swap of two neighbours, tried
 * exhaustively on receipts from many random parts. The Luhn mod 33 used
 * before let about one typo in sixteen through at half the positions. */
#include <stdio.h>
#include <string.h>

#include "domain/complaint.h"
#include "domain/consultation.h"
#include "domain/receipt.h"
#include "t.h"

/* The characters a person could type at position i of a receipt of len
 * (digits in the date, the alphabet elsewhere; the prefix and '-' are
 * checked by layout, not by the check character). */
static const char *choices_at(size_t i, size_t len)
{
	if (i >= 2 && i < 10)
		return "0123456789";
	if (i > 10 && i < len)
		return RECEIPT_ALPHABET;
	return "";
}

typedef bool (*valid_fn)(const char *s);

static bool complaint_ok(const char *s)
{
	char n[CMP_RECEIPT_LEN + 1];
	return complaint_receipt_normalize(s, n);
}

static bool comment_ok(const char *s)
{
	return comment_receipt_valid(s);
}

/* Every one-character change and every swap of two different
 * neighbours of r is refused; returns how many variants were tried. */
static long all_typos_caught(const char *file, int line, const char *r, size_t len, valid_fn ok)
{
	char bad[64];
	long tried = 0;
	for (size_t i = 0; i < len; i++)
		for (const char *c = choices_at(i, len); *c; c++) {
			if (*c == r[i])
				continue;
			memcpy(bad, r, len + 1);
			bad[i] = *c;
			tried++;
			if (ok(bad))
				t_fail(file, line, "%s with position %zu typed as %c passes", r, i, *c);
		}
	for (size_t i = 0; i + 1 < len; i++) {
		if (r[i] == r[i + 1] || i == 9 || i == 10)
			continue;
		memcpy(bad, r, len + 1);
		bad[i] = r[i + 1];
		bad[i + 1] = r[i];
		tried++;
		if (ok(bad))
			t_fail(file, line, "%s with positions %zu and %zu swapped passes", r, i, i + 1);
	}
	return tried;
}

TEST(complaint_receipt_catches_every_single_typo_and_every_neighbour_swap)
{
	unsigned char rnd[CMP_RECEIPT_RANDOM];
	char r[CMP_RECEIPT_LEN + 1];
	unsigned seed = 12345;
	long tried = 0;
	for (int k = 0; k < 200; k++) {
		for (int i = 0; i < CMP_RECEIPT_RANDOM; i++) {
			seed = seed * 1103515245u + 12345u;
			rnd[i] = (unsigned char)(seed >> 16);
		}
		complaint_receipt_make(k % 2 ? "2026-12-06" : "2031-07-19", rnd, r);
		REQUIRE(complaint_ok(r));
		tried += all_typos_caught(__FILE__, __LINE__, r, CMP_RECEIPT_LEN, complaint_ok);
	}
	CHECK(tried > 200 * 300);
}

TEST(comment_and_review_request_receipts_catch_every_single_typo_and_neighbour_swap)
{
	unsigned char rnd[COMMENT_RECEIPT_RANDOM];
	char r[COMMENT_RECEIPT_LEN + 1];
	unsigned seed = 777;
	for (int k = 0; k < 200; k++) {
		for (int i = 0; i < COMMENT_RECEIPT_RANDOM; i++) {
			seed = seed * 1103515245u + 12345u;
			rnd[i] = (unsigned char)(seed >> 16);
		}
		comment_receipt_make(k % 2, "2026-12-06", rnd, r);
		REQUIRE(comment_ok(r));
		CHECK(strncmp(r, k % 2 ? "SC" : "YJ", 2) == 0);
		all_typos_caught(__FILE__, __LINE__, r, COMMENT_RECEIPT_LEN, comment_ok);
		/* a comment's receipt is not a review request's */
		char other[COMMENT_RECEIPT_LEN + 1];
		memcpy(other, r, sizeof other);
		other[0] = k % 2 ? 'Y' : 'S';
		other[1] = k % 2 ? 'J' : 'C';
		CHECK(!comment_ok(other));
	}
}

TEST(receipt_check_refuses_what_is_not_laid_out_as_a_receipt)
{
	CHECK(receipt_check_char("TS2026120A-23456789AB", 21) == '\0'); /* a letter in the date */
	CHECK(receipt_check_char("TS20261206-2345678901", 21) == '\0'); /* 0, 1 in the random part */
	CHECK(receipt_check_char("TS20261206+23456789AB", 21) == '\0');
	CHECK(!receipt_valid(NULL, 22, "TS"));
	CHECK(!receipt_valid("TS20261206-23456789AB", 22, "TS")); /* one short */
}
