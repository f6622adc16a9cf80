/* money.h - amounts of money as whole fen (分) in an int64_t, never a
 * floating-point number: parsed from and shown as yuan ("5000",
 * "5000.5", "5000.50"), the way officers write them on a form. */
#ifndef FZ_DOMAIN_MONEY_H
#define FZ_DOMAIN_MONEY_H

#include <stdbool.h>
#include <stdint.h>

/* Upper bound of an amount: 10^11 yuan, far above any fine, and small
 * enough that amount * 101000 fits in an int64_t (surcharge.c). */
#define MONEY_MAX_FEN 10000000000000LL
/* Bytes for money_format_yuan's output ("100000000000.00" + NUL, padded). */
#define MONEY_TEXT_MAX 24

/* Parses yuan: ASCII digits, optionally '.' and one or two digits, no
 * sign, no spaces, no leading zeros other than "0" itself, at most
 * MONEY_MAX_FEN. False (and *fen untouched) for anything else. */
bool money_parse_yuan(const char *s, int64_t *fen);
/* "5000", "5000.50", "0.05": whole yuan without decimals, otherwise two.
 * fen must be between 0 and MONEY_MAX_FEN; others give "". */
void money_format_yuan(int64_t fen, char out[MONEY_TEXT_MAX]);

/* Bytes for money_format_upper's output (at most 15 digits, each with a
 * unit, plus 元角分整: 3 bytes a character). */
#define MONEY_UPPER_MAX 128
/* The amount in capitals as written on a decision (大写): 5000 yuan →
 * "伍仟元整", 10500.5 → "壹万零伍佰元伍角整", 0.05 → "伍分". "" for an
 * amount outside 0..MONEY_MAX_FEN. */
void money_format_upper(int64_t fen, char out[MONEY_UPPER_MAX]);

#endif
