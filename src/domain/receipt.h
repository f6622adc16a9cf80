/* receipt.h - the receipt numbers the public is given (complaints
 * 投诉举报, public comments 公开征求意见, review requests 审查建议): two
 * letters, the day (YYYYMMDD), '-', random characters of a 31-letter
 * alphabet, one check character (docs/COMPLAINTS.md). */
#ifndef FZ_DOMAIN_RECEIPT_H
#define FZ_DOMAIN_RECEIPT_H

#include <stdbool.h>
#include <stddef.h>

/* The alphabet of the random part and of the check character: no 0/O,
 * 1/I/L, which people misread. */
#define RECEIPT_ALPHABET "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
#define RECEIPT_ALPHA 31

/* The index of c in RECEIPT_ALPHABET, or -1. */
int receipt_alpha_index(char c);

/* The check character of the first n characters of s, a receipt without
 * its check character laid out as above (s[2..9] digits, s[10] '-', the
 * rest from the alphabet); '\0' when s is not so laid out. A weighted sum
 * mod 31 (a prime) of each position's value — its digit in the date, its
 * index in the alphabet elsewhere, so every position's values differ by
 * less than 31 — with the weights 1..n: any one character mistyped, and
 * any two neighbours swapped, change the check. n <= 30. */
char receipt_check_char(const char *s, size_t n);

/* A receipt as people type it, into out (len + 1 bytes): spaces and
 * tabs dropped, lower case raised; false when longer than len. */
bool receipt_normalize(const char *in, char *out, size_t len);

/* Whether s (exactly len characters) is laid out as above with prefix
 * (two letters) and its check character right. */
bool receipt_valid(const char *s, size_t len, const char prefix[2]);

#endif
