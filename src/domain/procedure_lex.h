/* procedure_lex.h - the line reader shared by the definition and config
 * parsers (internal to domain/): '#' comments, blank-separated words,
 * messages that start "FILE 第 N 行：", and arrays grown in an arena. */
#ifndef FZ_DOMAIN_PROCEDURE_LEX_H
#define FZ_DOMAIN_PROCEDURE_LEX_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/err.h"
#include "domain/procedure.h"

struct proc_lex {
	const char *p, *end;    /* what is left of the text */
	const char *filename;
	int line;               /* of the current line, from 1 */
	const char *lp, *lend;  /* the current line: comment cut, trimmed */
	bool bad_utf8;          /* the current line is not valid UTF-8 */
};

void proc_lex_init(struct proc_lex *lx, const char *text, size_t len, const char *filename);
/* Moves to the next line with content; false at the end of the text. */
bool proc_lex_next_line(struct proc_lex *lx);
/* The next word of the line (blanks and commas separate words); NULL and
 * *len 0 at the end of the line. */
const char *proc_lex_word(struct proc_lex *lx, size_t *len);
/* The rest of the line, trimmed; NULL when empty. */
const char *proc_lex_rest(struct proc_lex *lx, size_t *len);

bool proc_word_is(const char *w, size_t n, const char *lit);
/* [a-z0-9_], 1 to PROC_ID_MAX bytes, starting with a letter. */
bool proc_ident_valid(const char *w, size_t n);
/* A whole number 0..max written in ASCII digits. */
bool proc_number_parse(const char *w, size_t n, int max, int *out);
/* A unit word (working_days, days, months, years) and the amount it
 * turns n into (years -> months); false for an unknown word. */
bool proc_unit_parse(const char *w, size_t n, enum clock_unit *unit, int *mult);
/* "working_days", "days", "months". Static storage. */
const char *proc_unit_name(enum clock_unit u);

/* FZ_INVALID with "FILE 第 N 行：" and the formatted rest; line 0 omits
 * the line. */
enum fz_err proc_fail(struct fz_error *e, const char *filename, int line, const char *fmt, ...)
	FZ_PRINTF(4, 5);

/* Room for one more element of size in *arr (n used, *cap allocated),
 * growing it in a; false when out of memory. */
bool proc_grow(struct arena *a, void **arr, size_t n, size_t *cap, size_t size);

/* Field blocks (procedure_field_parse.c), shared by the catalogue and the
 * definitions. Each returns FZ_OK, FZ_NOMEM, or FZ_INVALID with the
 * problem written into why (the caller adds file, line and block). */
/* After the keyword `field`: "ID TYPE 标签" as a new last element of fs
 * (array grown in a, *cap its room). */
enum fz_err proc_field_open(struct proc_lex *lx, struct arena *a, struct proc_fields *fs,
			    size_t *cap, char *why, size_t len) FZ_MUST_CHECK;
/* A line of the block of f: hint, option, future or case_wide; *handled
 * false (and FZ_OK) when the keyword k is none of these. */
enum fz_err proc_field_attr(struct proc_lex *lx, struct arena *a, struct proc_field *f,
			    const char *k, size_t kn, bool *handled, char *why, size_t len)
	FZ_MUST_CHECK;
/* What a finished block lacks (a choice without options …), or NULL. */
const char *proc_field_incomplete(const struct proc_field *f);

/* Checks a parsed definition's references (procedure_validate.c). */
enum fz_err proc_def_validate(const struct proc_def *d, struct fz_error *e) FZ_MUST_CHECK;

#endif
