/* procedure_lex.c - the line reader of the procedure and config formats;
 * see procedure_lex.h. A '#' at the start of a line or after a blank
 * starts a comment, so a basis text may still contain "#" inside a word. */
#include "domain/procedure_lex.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/utf8.h"

void proc_lex_init(struct proc_lex *lx, const char *text, size_t len, const char *filename)
{
	memset(lx, 0, sizeof *lx);
	lx->p = text;
	lx->end = text + len;
	lx->filename = filename ? filename : "";
}

static bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

bool proc_lex_next_line(struct proc_lex *lx)
{
	while (lx->p < lx->end) {
		const char *s = lx->p, *nl = memchr(s, '\n', (size_t)(lx->end - s));
		const char *e = nl ? nl : lx->end;
		lx->p = nl ? nl + 1 : lx->end;
		lx->line++;
		lx->bad_utf8 = !utf8_valid(s, (size_t)(e - s));
		for (const char *c = s; c < e; c++) {
			if (*c == '#' && (c == s || is_blank(c[-1]))) {
				e = c;
				break;
			}
		}
		while (s < e && is_blank(*s))
			s++;
		while (e > s && is_blank(e[-1]))
			e--;
		if (s == e && !lx->bad_utf8)
			continue;
		lx->lp = s;
		lx->lend = e;
		return true;
	}
	return false;
}

const char *proc_lex_word(struct proc_lex *lx, size_t *len)
{
	while (lx->lp < lx->lend && (is_blank(*lx->lp) || *lx->lp == ','))
		lx->lp++;
	const char *w = lx->lp;
	while (lx->lp < lx->lend && !is_blank(*lx->lp) && *lx->lp != ',')
		lx->lp++;
	*len = (size_t)(lx->lp - w);
	return *len ? w : NULL;
}

const char *proc_lex_rest(struct proc_lex *lx, size_t *len)
{
	while (lx->lp < lx->lend && is_blank(*lx->lp))
		lx->lp++;
	*len = (size_t)(lx->lend - lx->lp);
	const char *r = *len ? lx->lp : NULL;
	lx->lp = lx->lend;
	return r;
}

bool proc_word_is(const char *w, size_t n, const char *lit)
{
	return w && strlen(lit) == n && memcmp(w, lit, n) == 0;
}

bool proc_ident_valid(const char *w, size_t n)
{
	if (!w || n == 0 || n > PROC_ID_MAX || w[0] < 'a' || w[0] > 'z')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((w[i] >= 'a' && w[i] <= 'z') || (w[i] >= '0' && w[i] <= '9') || w[i] == '_'))
			return false;
	return true;
}

bool proc_number_parse(const char *w, size_t n, int max, int *out)
{
	if (!w || n == 0 || n > 9)
		return false;
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (w[i] < '0' || w[i] > '9')
			return false;
		v = v * 10 + (w[i] - '0');
	}
	if (v > max)
		return false;
	*out = v;
	return true;
}

struct unit_row {
	const char *name;
	enum clock_unit unit;
	int mult;
};

static const struct unit_row unit_rows[] = {
	{ "working_days", CLOCK_WORKING_DAYS, 1 },
	{ "days", CLOCK_DAYS, 1 },
	{ "months", CLOCK_MONTHS, 1 },
	{ "years", CLOCK_MONTHS, 12 },
};

bool proc_unit_parse(const char *w, size_t n, enum clock_unit *unit, int *mult)
{
	for (size_t i = 0; i < sizeof unit_rows / sizeof unit_rows[0]; i++) {
		if (proc_word_is(w, n, unit_rows[i].name)) {
			*unit = unit_rows[i].unit;
			*mult = unit_rows[i].mult;
			return true;
		}
	}
	return false;
}

const char *proc_unit_name(enum clock_unit u)
{
	return u == CLOCK_WORKING_DAYS ? "working_days" : u == CLOCK_DAYS ? "days" : "months";
}

enum fz_err proc_fail(struct fz_error *e, const char *filename, int line, const char *fmt, ...)
{
	char msg[200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (line > 0)
		return fz_fail(e, FZ_INVALID, "procedure", "%s 第 %d 行：%s", filename, line, msg);
	return fz_fail(e, FZ_INVALID, "procedure", "%s：%s", filename, msg);
}

bool proc_grow(struct arena *a, void **arr, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return true;
	size_t ncap = *cap ? 2 * *cap : 8;
	void *grown = arena_calloc(a, ncap, size);
	if (!grown)
		return false;
	if (n)
		memcpy(grown, *arr, n * size);
	*arr = grown;
	*cap = ncap;
	return true;
}
