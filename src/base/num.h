/* num.h - numbers from outside input, parsed strictly: the whole string is
 * the number, no sign where none may be, no leading zero, no whitespace,
 * no overflow. Every request field, event field and configuration value
 * that holds an integer goes through here (sscanf and atoi are banned:
 * src/base/banned.h). */
#ifndef FZ_BASE_NUM_H
#define FZ_BASE_NUM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* s as a decimal integer in [min, max] into *out; false (and *out
 * untouched) for NULL, "", "+1", "01", "-0", " 1", "1x" or a value out of
 * range. */
bool num_parse_i64(const char *s, int64_t min, int64_t max, int64_t *out);

/* s as the id of a row (a positive integer) or 0 when it is not one. */
int64_t num_id(const char *s);

/* Whether list, ids separated by commas or spaces ("3,5, 8"), holds id;
 * the list stops being read at the first item that is not an id. */
bool num_list_has(const char *list, int64_t id);

/* The first n bytes of s as a decimal number in [0, max] (only digits,
 * leading zeros allowed: "09" in a time); -1 otherwise. */
int num_digits(const char *s, int n, int max);

/* v in decimal at out, NUL-terminated (at most 20 characters and the
 * NUL); its length. Without a format: the JSON writer, the request log
 * and memo keys write many numbers a request. */
#define NUM_I64_CHARS 21
size_t num_format_i64(int64_t v, char out[NUM_I64_CHARS]);

#endif
