/* redact_impl.h - what redact.c (text, persons, rendering) and
 * redact_scan.c (addresses, e-mail, plates, numbers) share. Not for
 * other modules: use redact.h. */
#ifndef FZ_DOMAIN_REDACT_IMPL_H
#define FZ_DOMAIN_REDACT_IMPL_H

#include <stdint.h>

#include "domain/redact.h"

/* Who owns a code point: nobody yet, a kept string, or a replaced span. */
enum rd_owner { RD_FREE = 0, RD_KEPT, RD_SPAN };

struct rd_span {
	size_t start, end;      /* code points [start, end) */
	size_t keep_end;        /* address: [start, keep_end) stays verbatim */
	enum redact_category cat;
	int person;             /* index into rd_text.persons for names */
};

struct rd_person {
	uint32_t *cp;    /* the name, folded; malloc'd */
	size_t n;
	bool minor;
	bool found;      /* taken from a label in the text, not from the caller */
	size_t first;    /* first occurrence (code point index), SIZE_MAX none */
	char placeholder[REDACT_REPLACEMENT_MAX];
};

/* The decoded input. cp[i] is the i-th code point folded the way people
 * type: full-width ASCII (U+FF01-FF5E) to ASCII, U+3000 and U+00A0 to
 * a space, dashes (U+2013, U+2014, U+2212) to '-'. off[i] is where it
 * starts in the input; off[n] is the input's length. */
struct rd_text {
	const struct redact_ctx *ctx;
	const char *in;
	size_t n;
	uint32_t *cp;
	size_t *off;
	unsigned char *owner;
	struct rd_span *spans;
	size_t nspans, capspans;
	struct rd_person *persons;
	size_t npersons;
	bool nomem;
};

/* Decodes one code point of valid UTF-8 at s[*i], advancing *i. */
uint32_t rd_decode(const char *s, size_t *i);
uint32_t rd_fold(uint32_t c);
/* Number of code points of the UTF-8 literal lit that match t at i
 * (folded, ASCII letters case-insensitive); 0 when it does not match. */
size_t rd_match(const struct rd_text *t, size_t i, const char *lit);
/* True when [start, end) is all RD_FREE. */
bool rd_free(const struct rd_text *t, size_t start, size_t end);
/* Claims [start, end) as a span of cat; false (and nothing claimed) when
 * part of it is taken. */
bool rd_claim(struct rd_text *t, size_t start, size_t end, enum redact_category cat,
	      int person, size_t keep_end);
bool rd_is_han(uint32_t c);

/* Decodes the len bytes of valid UTF-8 at s into a malloc'd folded array
 * of *n code points; NULL on NOMEM. */
uint32_t *rd_fold_string(const char *s, size_t len, size_t *n);

/* redact_names.c: the persons (given, then found after labels), their
 * mentions, their placeholders, and their lines of the report. */
enum fz_err rd_collect_persons(struct rd_text *t, struct fz_error *e);
void rd_scan_names(struct rd_text *t);
void rd_assign_placeholders(struct rd_text *t);
void rd_report_persons(const struct rd_text *t, struct redact_report *r);

/* The scanners of redact_scan.c, in the order redact_text runs them. */
void rd_scan_addresses(struct rd_text *t);
void rd_scan_emails(struct rd_text *t);
void rd_scan_contacts(struct rd_text *t);
void rd_scan_plates(struct rd_text *t);
void rd_scan_numbers(struct rd_text *t);

#endif
