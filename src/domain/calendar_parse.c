/* calendar_parse.c - the calendar's text format (data/calendar/cn.txt):
 * `year YYYY source TEXT` and `YYYY-MM-DD off|work NAME` lines. The
 * parser is strict and names the line of the first problem, because a
 * wrong holiday silently moves every deadline that crosses it. */
#include "domain/calendar.h"

#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/utf8.h"

/* A parsed day and the line it came from, for duplicate messages. */
struct parsed_day {
	struct calendar_day d;
	int line;
};

struct line_cursor {
	const char *p, *end;
};

static bool is_blank(char c) { return c == ' ' || c == '\t'; }

static void skip_blanks(struct line_cursor *c)
{
	while (c->p < c->end && is_blank(*c->p))
		c->p++;
}

/* The next blank-separated word; len 0 at the end of the line. */
static const char *next_word(struct line_cursor *c, size_t *len)
{
	skip_blanks(c);
	const char *w = c->p;
	while (c->p < c->end && !is_blank(*c->p))
		c->p++;
	*len = (size_t)(c->p - w);
	return w;
}

static bool word_is(const char *w, size_t len, const char *lit)
{
	return strlen(lit) == len && memcmp(w, lit, len) == 0;
}

/* The rest of the line, trimmed, copied into the arena. NULL when empty,
 * longer than max, or holding a control character (*why says which), or
 * when out of memory (*why NULL). */
static char *rest_of_line(struct arena *a, struct line_cursor *c, size_t max, const char **why)
{
	skip_blanks(c);
	const char *s = c->p, *t = c->end;
	while (t > s && is_blank(t[-1]))
		t--;
	*why = "为空";
	if (t == s)
		return NULL;
	*why = "过长";
	if ((size_t)(t - s) > max)
		return NULL;
	*why = "含有控制字符";
	for (const char *q = s; q < t; q++)
		if ((unsigned char)*q < 0x20 || *q == 0x7f)
			return NULL;
	*why = NULL;
	return arena_strndup(a, s, (size_t)(t - s));
}

static bool parse_year(const char *w, size_t len, int *year)
{
	if (len != 4)
		return false;
	int y = 0;
	for (size_t i = 0; i < 4; i++) {
		if (w[i] < '0' || w[i] > '9')
			return false;
		y = y * 10 + (w[i] - '0');
	}
	*year = y;
	return y >= 1;
}

static int parsed_cmp(const void *a, const void *b)
{
	const struct parsed_day *x = a, *y = b;
	if (x->d.day != y->d.day)
		return (x->d.day > y->d.day) - (x->d.day < y->d.day);
	return (x->line > y->line) - (x->line < y->line);
}

struct parse_state {
	struct arena *a;
	struct calendar *cal;
	struct parsed_day *days;
	size_t ndays;
	int line;
	struct fz_error *e;
};

static enum fz_err bad(struct parse_state *ps, const char *what)
{
	return fz_fail(ps->e, FZ_INVALID, "", "第 %d 行：%s", ps->line, what);
}

static enum fz_err parse_year_line(struct parse_state *ps, struct line_cursor *c)
{
	size_t len;
	const char *w = next_word(c, &len);
	int year;
	if (!parse_year(w, len, &year))
		return bad(ps, "year 后应为四位数字的年份");
	/* years are sorted only at the end: look at all so far */
	for (size_t i = 0; i < ps->cal->nyears; i++)
		if (ps->cal->years[i].year == year)
			return fz_fail(ps->e, FZ_INVALID, "", "第 %d 行：%d 年重复声明", ps->line,
				       year);
	w = next_word(c, &len);
	if (!word_is(w, len, "source"))
		return bad(ps, "年份后应为 source 和来源说明");
	const char *why;
	char *source = rest_of_line(ps->a, c, CALENDAR_SOURCE_MAX, &why);
	if (!source && !why)
		return fz_fail(ps->e, FZ_NOMEM, "", NULL);
	if (!source)
		return fz_fail(ps->e, FZ_INVALID, "", "第 %d 行：来源说明%s", ps->line, why);
	struct calendar_year *y = &ps->cal->years[ps->cal->nyears++];
	y->year = year;
	y->source = source;
	y->loaded_at = 0;
	return FZ_OK;
}

static enum fz_err parse_day_line(struct parse_state *ps, const char *w, size_t len,
				  struct line_cursor *c)
{
	char date[11];
	int y, m, d;
	if (len != 10)
		return bad(ps, "应为 year 行、YYYY-MM-DD 日期行或以 # 开头的注释");
	memcpy(date, w, 10);
	date[10] = '\0';
	if (!date_parse(date, &y, &m, &d))
		return fz_fail(ps->e, FZ_INVALID, "", "第 %d 行：%s 不是有效日期", ps->line, date);
	bool declared = false;
	for (size_t i = 0; i < ps->cal->nyears; i++)
		declared |= ps->cal->years[i].year == y;
	if (!declared)
		return fz_fail(ps->e, FZ_INVALID, "", "第 %d 行：%d 年之前没有 year 行", ps->line,
			       y);
	int64_t day = date_to_days(y, m, d);
	w = next_word(c, &len);
	enum calendar_mark mark;
	if (word_is(w, len, "off"))
		mark = CALENDAR_OFF;
	else if (word_is(w, len, "work"))
		mark = CALENDAR_WORK;
	else
		return bad(ps, "日期后应为 off（放假）或 work（调休上班）");
	if (mark == CALENDAR_WORK && calendar_weekday(day) < 5)
		return fz_fail(ps->e, FZ_INVALID, "", "第 %d 行：%s 是星期%s，调休上班日只能是周六或周日",
			       ps->line, date, calendar_weekday_label(day));
	const char *why;
	char *name = rest_of_line(ps->a, c, CALENDAR_NAME_MAX, &why);
	if (!name && !why)
		return fz_fail(ps->e, FZ_NOMEM, "", NULL);
	if (!name)
		return fz_fail(ps->e, FZ_INVALID, "", "第 %d 行：节日名称%s", ps->line, why);
	struct parsed_day *pd = &ps->days[ps->ndays++];
	pd->d.day = day;
	pd->d.mark = mark;
	pd->d.name = name;
	pd->line = ps->line;
	return FZ_OK;
}

static enum fz_err parse_line(struct parse_state *ps, const char *s, size_t n)
{
	if (n && s[n - 1] == '\r')
		n--;
	if (!utf8_valid(s, n))
		return bad(ps, "不是有效的 UTF-8 文本（或含有 NUL 字节）");
	struct line_cursor c = { s, s + n };
	skip_blanks(&c);
	if (c.p == c.end || *c.p == '#')
		return FZ_OK;
	size_t len;
	const char *w = next_word(&c, &len);
	if (word_is(w, len, "year"))
		return parse_year_line(ps, &c);
	return parse_day_line(ps, w, len, &c);
}

/* Sorts the days, refuses a date given twice (naming both lines), and
 * copies them into the calendar. */
static enum fz_err finish_days(struct parse_state *ps)
{
	if (ps->ndays)
		qsort(ps->days, ps->ndays, sizeof *ps->days, parsed_cmp);
	for (size_t i = 1; i < ps->ndays; i++) {
		if (ps->days[i].d.day == ps->days[i - 1].d.day) {
			char date[11];
			date_from_days(ps->days[i].d.day, date);
			return fz_fail(ps->e, FZ_INVALID, "", "第 %d 行：日期 %s 已在第 %d 行出现",
				       ps->days[i].line, date, ps->days[i - 1].line);
		}
	}
	for (size_t i = 0; i < ps->ndays; i++)
		ps->cal->days[i] = ps->days[i].d;
	ps->cal->ndays = ps->ndays;
	calendar_sort(ps->cal, NULL); /* orders the years; no duplicates remain */
	return FZ_OK;
}

enum fz_err calendar_parse(struct arena *a, const char *text, size_t len,
			   struct calendar *out, struct fz_error *e)
{
	size_t nlines = 1;
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < len; i++)
		nlines += text[i] == '\n';
	/* every line holds at most one year or one day */
	struct calendar cal = { 0 };
	struct parse_state ps = { a, &cal, NULL, 0, 0, e };
	cal.years = arena_calloc(a, nlines, sizeof *cal.years);
	cal.days = arena_calloc(a, nlines, sizeof *cal.days);
	ps.days = arena_calloc(a, nlines, sizeof *ps.days);
	if (!cal.years || !cal.days || !ps.days)
		return fz_fail(e, FZ_NOMEM, "", NULL);

	const char *p = text, *end = text + len;
	enum fz_err rc = FZ_OK;
	while (p < end && !rc) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		ps.line++;
		rc = parse_line(&ps, p, (size_t)(eol - p));
		p = nl ? nl + 1 : end;
	}
	if (!rc && !cal.nyears)
		rc = fz_fail(e, FZ_INVALID, "", "日历文件中没有任何 year 行");
	if (!rc)
		rc = finish_days(&ps);
	if (!rc)
		*out = cal;
	return rc;
}
