/* receipt.c - the check character of public receipt numbers. It catches
 * one mistyped character and two swapped neighbours for certain: the
 * Luhn mod N used before had N = 33 (odd), where doubling is not a
 * permutation, so some typos passed; weighting each position by a
 * different factor modulo a prime larger than every position's range
 * leaves no such pair. */
#include "domain/receipt.h"

#include <string.h>

int receipt_alpha_index(char c)
{
	const char *p = c ? strchr(RECEIPT_ALPHABET, c) : NULL;
	return p ? (int)(p - RECEIPT_ALPHABET) : -1;
}

/* The value of s[i]: a digit of the date counts as itself, any other
 * character by its place in the alphabet; -1 when it is neither where it
 * stands. '-' (position 10) counts nothing. */
static int value_at(const char *s, size_t i)
{
	if (i >= 2 && i < 10)
		return s[i] >= '0' && s[i] <= '9' ? s[i] - '0' : -1;
	if (i == 10)
		return s[i] == '-' ? 0 : -1;
	return receipt_alpha_index(s[i]);
}

char receipt_check_char(const char *s, size_t n)
{
	unsigned sum = 0;
	if (n > RECEIPT_ALPHA - 1)
		return '\0';
	for (size_t i = 0; i < n; i++) {
		int v = value_at(s, i);
		if (v < 0)
			return '\0';
		sum += (unsigned)(i + 1) * (unsigned)v;
	}
	return RECEIPT_ALPHABET[sum % RECEIPT_ALPHA];
}

bool receipt_normalize(const char *in, char *out, size_t len)
{
	size_t n = 0;
	for (const char *p = in ? in : ""; *p; p++) {
		char c = *p;
		if (c == ' ' || c == '\t')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (n >= len)
			return false;
		out[n++] = c;
	}
	out[n] = '\0';
	return true;
}

bool receipt_valid(const char *s, size_t len, const char prefix[2])
{
	if (!s || len < 12 || strlen(s) != len || s[0] != prefix[0] || s[1] != prefix[1])
		return false;
	char c = receipt_check_char(s, len - 1);
	return c && c == s[len - 1];
}
