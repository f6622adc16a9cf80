/* benchmark_parse.c - the text format of data/benchmarks/ (*.txt): a
 * `source` line, then `matter` blocks with their `tier` blocks and
 * `exempt` lines. Strict, and every message names the file and the line,
 * because a wrong range silently misleads every officer who reads it. */
#include "domain/benchmark.h"

#include <stdio.h>
#include <string.h>

#include "base/utf8.h"

#define ID_MAX 40          /* bytes of a matter id */
#define NAME_MAX_CHARS 60  /* code points of a matter name, domain, unit */
#define TEXT_MAX_CHARS 200 /* code points of a basis, conditions, penalty */
#define MULTIPLE_MAX 10000 /* hundredths: 100 倍 */
#define PER_UNIT_MAX_FEN INT64_C(1000000000) /* 1000 万元 per unit */

struct cursor {
	const char *p, *end;
};

struct pstate {
	struct arena *a;
	const char *name;                 /* file name for messages */
	const struct benchmark_set *set;  /* matters parsed before this file */
	const char *source;
	struct benchmark_matter *matters; /* this file's, nlines capacity */
	int *matter_lines;
	size_t nmatters;
	struct benchmark_tier *tiers;
	size_t ntiers;
	struct benchmark_other *others;
	size_t nothers;
	struct benchmark_exemption *exempts;
	size_t nexempts;
	struct benchmark_matter *m;       /* the open matter, or NULL */
	struct benchmark_tier *t;         /* the open tier, or NULL */
	int line;
	struct fz_error *e;
};

static enum fz_err bad_at(struct pstate *ps, int line, const char *fmt, ...) FZ_PRINTF(3, 4);

/* Drops a UTF-8 sequence that snprintf cut short at the end of s. */
static void cut_partial_utf8(char *s)
{
	size_t n = strlen(s), i = n;
	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i == 0 || (unsigned char)s[i - 1] < 0xC0)
		return;
	unsigned char lead = (unsigned char)s[i - 1];
	size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
	if (n - (i - 1) < want)
		s[i - 1] = '\0';
}

static enum fz_err bad_at(struct pstate *ps, int line, const char *fmt, ...)
{
	char what[sizeof ps->e->message];
	int n = snprintf(what, sizeof what, "%s 第 %d 行：", ps->name, line);
	va_list ap;
	va_start(ap, fmt);
	if (n > 0 && (size_t)n < sizeof what)
		vsnprintf(what + n, sizeof what - (size_t)n, fmt, ap);
	va_end(ap);
	cut_partial_utf8(what);
	return fz_fail(ps->e, FZ_INVALID, "", "%s", what);
}

#define bad(ps, ...) bad_at((ps), (ps)->line, __VA_ARGS__)

static bool is_blank(char c) { return c == ' ' || c == '\t'; }

static const char *next_word(struct cursor *c, size_t *len)
{
	while (c->p < c->end && is_blank(*c->p))
		c->p++;
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

/* True when nothing but blanks is left on the line. */
static bool at_end(struct cursor *c)
{
	size_t len;
	next_word(c, &len);
	return len == 0;
}

/* The rest of the line, trimmed, 1..max_chars code points, into *out. */
static enum fz_err take_text(struct pstate *ps, struct cursor *c, const char *label,
			     size_t max_chars, const char **out)
{
	while (c->p < c->end && is_blank(*c->p))
		c->p++;
	const char *s = c->p, *t = c->end;
	while (t > s && is_blank(t[-1]))
		t--;
	if (t == s)
		return bad(ps, "缺少%s", label);
	for (const char *q = s; q < t; q++)
		if ((unsigned char)*q < 0x20 || *q == 0x7f)
			return bad(ps, "%s含有控制字符", label);
	char *copy = arena_strndup(ps->a, s, (size_t)(t - s));
	if (!copy)
		return fz_fail(ps->e, FZ_NOMEM, "", NULL);
	if (utf8_count(copy) > max_chars)
		return bad(ps, "%s超过 %zu 个字", label, max_chars);
	*out = copy;
	c->p = c->end;
	return FZ_OK;
}

/* One word of 1..max_chars code points (a unit, a domain). */
static enum fz_err take_word(struct pstate *ps, struct cursor *c, const char *label,
			     const char **out)
{
	size_t len;
	const char *w = next_word(c, &len);
	if (!len)
		return bad(ps, "缺少%s", label);
	struct cursor one = { w, w + len };
	return take_text(ps, &one, label, NAME_MAX_CHARS, out);
}

/* "12", "12.5", "0.05" → hundredths (1200, 1250, 5); at most max. */
static bool parse_hundredths(const char *s, size_t len, int64_t max, int64_t *out)
{
	int64_t whole = 0, frac = 0;
	size_t i = 0, digits = 0, fdigits = 0;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++, digits++) {
		whole = whole * 10 + (s[i] - '0');
		if (whole > max / 100)
			return false;
	}
	if (!digits)
		return false;
	if (i < len && s[i] == '.') {
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++, fdigits++)
			frac = frac * 10 + (s[i] - '0');
		if (fdigits == 0 || fdigits > 2)
			return false;
		if (fdigits == 1)
			frac *= 10;
	}
	if (i != len || whole * 100 + frac > max)
		return false;
	*out = whole * 100 + frac;
	return true;
}

/* "A-B" with A <= B, each a decimal as above. */
static enum fz_err take_range(struct pstate *ps, struct cursor *c, const char *label,
			      int64_t max, int64_t *lo, int64_t *hi)
{
	size_t len;
	const char *w = next_word(c, &len);
	const char *dash = len ? memchr(w, '-', len) : NULL;
	if (!dash)
		return bad(ps, "%s应写作“最低-最高”，例如 2000-5000", label);
	if (!parse_hundredths(w, (size_t)(dash - w), max, lo) ||
	    !parse_hundredths(dash + 1, len - (size_t)(dash + 1 - w), max, hi))
		return bad(ps, "%s“%.*s”不是有效的数额（非负数，最多两位小数）", label, (int)len, w);
	if (*lo > *hi)
		return bad(ps, "%s的最低额大于最高额", label);
	return FZ_OK;
}

static enum fz_err parse_fine(struct pstate *ps, struct cursor *c)
{
	struct benchmark_fine *f = &ps->t->fine;
	size_t len;
	const char *w = next_word(c, &len);
	if (f->basis != BENCHMARK_FINE_NONE)
		return bad(ps, "同一阶次只能有一行 fine");
	enum fz_err rc;
	if (word_is(w, len, "fixed")) {
		f->basis = BENCHMARK_FINE_FIXED;
		rc = take_range(ps, c, "罚款幅度", BENCHMARK_AMOUNT_MAX_FEN, &f->min, &f->max);
	} else if (word_is(w, len, "per")) {
		f->basis = BENCHMARK_FINE_PER_UNIT;
		rc = take_word(ps, c, "计量单位", &f->unit);
		if (!rc)
			rc = take_range(ps, c, "每单位罚款幅度", PER_UNIT_MAX_FEN, &f->min, &f->max);
	} else if (word_is(w, len, "gains") || word_is(w, len, "goods")) {
		f->basis = word_is(w, len, "gains") ? BENCHMARK_FINE_GAINS : BENCHMARK_FINE_GOODS;
		rc = take_range(ps, c, "倍数", MULTIPLE_MAX, &f->min, &f->max);
		w = rc ? NULL : next_word(c, &len);
		if (w && word_is(w, len, "below")) {
			f->has_floor = true;
			w = next_word(c, &len);
			if (!parse_hundredths(w, len, BENCHMARK_AMOUNT_MAX_FEN, &f->below_fen) ||
			    f->below_fen == 0)
				return bad(ps, "below 后应为正的金额（元）");
			rc = take_range(ps, c, "不足该金额时的罚款幅度", BENCHMARK_AMOUNT_MAX_FEN,
					&f->floor_min_fen, &f->floor_max_fen);
		} else if (w && len) {
			return bad(ps, "倍数之后只能是 below 金额 最低-最高");
		}
	} else {
		return bad(ps, "fine 后应为 fixed、gains、goods 或 per");
	}
	if (!rc && !at_end(c))
		return bad(ps, "fine 行末有多余内容");
	return rc;
}

static enum fz_err parse_also(struct pstate *ps, struct cursor *c)
{
	static const char *const kinds[] = { "warning", "confiscate", "suspend", "revoke",
					     "restrict" };
	size_t len;
	const char *w = next_word(c, &len);
	struct benchmark_other *o = &ps->others[ps->nothers];
	o->kind = 0;
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (word_is(w, len, kinds[i]))
			o->kind = (enum benchmark_other_kind)(i + 1);
	if (!o->kind)
		return bad(ps, "also 后应为 warning、confiscate、suspend、revoke 或 restrict");
	enum fz_err rc = take_text(ps, c, "其他处罚的内容", TEXT_MAX_CHARS, &o->text);
	if (rc)
		return rc;
	if (!ps->t->nothers)
		ps->t->others = o;
	ps->t->nothers++;
	ps->nothers++;
	return FZ_OK;
}

static enum fz_err close_tier(struct pstate *ps)
{
	struct benchmark_tier *t = ps->t;
	ps->t = NULL;
	if (!t)
		return FZ_OK;
	const char *lv = benchmark_level_name(t->level);
	if (!t->conditions)
		return bad_at(ps, t->line, "‘%s’阶次缺少 when 行（适用情形）", lv);
	if (t->fine.basis == BENCHMARK_FINE_NONE && !t->nothers)
		return bad_at(ps, t->line, "‘%s’阶次既没有 fine 行也没有 also 行", lv);
	return FZ_OK;
}

static enum fz_err close_matter(struct pstate *ps)
{
	enum fz_err rc = close_tier(ps);
	struct benchmark_matter *m = ps->m;
	if (rc || !m)
		return rc;
	int line = ps->matter_lines[ps->nmatters - 1];
	const char *missing = !m->domain ? "domain 行（执法领域）"
			      : !m->basis ? "basis 行（违法依据）"
			      : !m->penalty_basis ? "penalty 行（处罚依据）"
			      : !m->ntiers ? "tier 行（裁量阶次）" : NULL;
	if (missing)
		return bad_at(ps, line, "事项 %s 缺少%s", m->id, missing);
	ps->m = NULL;
	return FZ_OK;
}

static bool id_valid(const char *w, size_t len)
{
	if (!len || len > ID_MAX)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!((w[i] >= 'a' && w[i] <= 'z') || (w[i] >= 'A' && w[i] <= 'Z') ||
		      (w[i] >= '0' && w[i] <= '9') || w[i] == '.' || w[i] == '_' || w[i] == '-'))
			return false;
	return true;
}

static enum fz_err parse_matter(struct pstate *ps, struct cursor *c)
{
	enum fz_err rc = close_matter(ps);
	if (rc)
		return rc;
	if (!ps->source)
		return bad(ps, "第一个 matter 之前应有 source 行（基准的发布机关和文件）");
	size_t len;
	const char *w = next_word(c, &len);
	if (!id_valid(w, len))
		return bad(ps, "事项编号应为 1–%d 个字母、数字或 . _ -", ID_MAX);
	char *id = arena_strndup(ps->a, w, len);
	if (!id)
		return fz_fail(ps->e, FZ_NOMEM, "", NULL);
	for (size_t i = 0; i < ps->nmatters; i++)
		if (strcmp(ps->matters[i].id, id) == 0)
			return bad(ps, "事项编号 %s 已在第 %d 行使用", id, ps->matter_lines[i]);
	const struct benchmark_matter *old = benchmark_find(ps->set, id);
	if (old)
		return bad(ps, "事项编号 %s 已在 %s 中使用", id, old->file);
	struct benchmark_matter *m = &ps->matters[ps->nmatters];
	ps->matter_lines[ps->nmatters++] = ps->line;
	m->id = id;
	m->source = ps->source;
	m->file = ps->name;
	ps->m = m;
	return take_text(ps, c, "事项名称", NAME_MAX_CHARS, &m->name);
}

static enum fz_err parse_tier(struct pstate *ps, struct cursor *c)
{
	enum fz_err rc = close_tier(ps);
	if (rc)
		return rc;
	size_t len;
	const char *w = next_word(c, &len);
	char word[32];
	enum benchmark_level level;
	if (len >= sizeof word)
		len = sizeof word - 1;
	memcpy(word, w, len);
	word[len] = '\0';
	if (!benchmark_level_parse(word, &level))
		return bad(ps, "tier 后应为 轻微、一般、较重 或 严重");
	if (!at_end(c))
		return bad(ps, "tier 行末有多余内容");
	if (ps->m->ntiers && ps->m->tiers[ps->m->ntiers - 1].level >= level)
		return bad(ps, "‘%s’阶次重复或顺序颠倒（应按 轻微、一般、较重、严重 的顺序）",
			   benchmark_level_name(level));
	struct benchmark_tier *t = &ps->tiers[ps->ntiers++];
	t->level = level;
	t->line = ps->line;
	if (!ps->m->ntiers)
		ps->m->tiers = t;
	ps->m->ntiers++;
	ps->t = t;
	return FZ_OK;
}

static enum fz_err parse_exempt(struct pstate *ps, struct cursor *c)
{
	size_t len;
	const char *w = next_word(c, &len);
	enum benchmark_exemption_kind kind = word_is(w, len, "minor")   ? BENCHMARK_EXEMPT_MINOR
					     : word_is(w, len, "first") ? BENCHMARK_EXEMPT_FIRST
									: BENCHMARK_EXEMPT_NONE;
	if (!kind)
		return bad(ps, "exempt 后应为 minor（轻微不罚）或 first（首违不罚）");
	struct benchmark_matter *m = ps->m;
	for (size_t i = 0; i < m->nexemptions; i++)
		if (m->exemptions[i].kind == kind)
			return bad(ps, "该事项的 exempt %.*s 重复", (int)len, w);
	struct benchmark_exemption *x = &ps->exempts[ps->nexempts++];
	x->kind = kind;
	if (!m->nexemptions)
		m->exemptions = x;
	m->nexemptions++;
	return take_text(ps, c, "免罚条件", TEXT_MAX_CHARS, &x->conditions);
}

/* A line of a matter (not of a tier): closes any open tier. */
static enum fz_err parse_matter_field(struct pstate *ps, const char *key, struct cursor *c)
{
	enum fz_err rc = close_tier(ps);
	if (rc)
		return rc;
	if (strcmp(key, "exempt") == 0)
		return parse_exempt(ps, c);
	struct benchmark_matter *m = ps->m;
	const char **slot = strcmp(key, "domain") == 0  ? &m->domain
			    : strcmp(key, "basis") == 0 ? &m->basis
							: &m->penalty_basis;
	if (*slot)
		return bad(ps, "该事项的 %s 行重复", key);
	if (slot == &m->domain) {
		rc = take_word(ps, c, "执法领域", slot);
		if (!rc && !at_end(c))
			return bad(ps, "执法领域应为一个词，不含空格");
		if (!rc && strchr(*slot, ','))
			return bad(ps, "一个事项只属于一个执法领域");
		return rc;
	}
	return take_text(ps, c, slot == &m->basis ? "违法依据" : "处罚依据", TEXT_MAX_CHARS,
			 slot);
}

static enum fz_err parse_line(struct pstate *ps, const char *s, size_t n)
{
	if (n && s[n - 1] == '\r')
		n--;
	if (!utf8_valid(s, n))
		return bad(ps, "不是有效的 UTF-8 文本（或含有 NUL 字节）");
	struct cursor c = { s, s + n };
	size_t len;
	const char *w = next_word(&c, &len);
	if (!len || *w == '#')
		return FZ_OK;
	if (word_is(w, len, "source")) {
		if (ps->source)
			return bad(ps, "source 行只能有一行");
		if (ps->nmatters)
			return bad(ps, "source 行应在第一个 matter 之前");
		return take_text(ps, &c, "来源说明", TEXT_MAX_CHARS, &ps->source);
	}
	if (word_is(w, len, "matter"))
		return parse_matter(ps, &c);
	bool matter_key = word_is(w, len, "domain") || word_is(w, len, "basis") ||
			  word_is(w, len, "penalty") || word_is(w, len, "exempt");
	bool tier_key = word_is(w, len, "when") || word_is(w, len, "fine") ||
			word_is(w, len, "also");
	if ((matter_key || word_is(w, len, "tier")) && !ps->m)
		return bad(ps, "%.*s 行应在某个 matter 之内", (int)len, w);
	if (tier_key && !ps->t)
		return bad(ps, "%.*s 行应紧随某个 tier 之后（中间不能有事项级的行）", (int)len, w);
	if (matter_key) {
		char key[8];
		memcpy(key, w, len);
		key[len] = '\0';
		return parse_matter_field(ps, key, &c);
	}
	if (word_is(w, len, "tier"))
		return parse_tier(ps, &c);
	if (word_is(w, len, "fine"))
		return parse_fine(ps, &c);
	if (word_is(w, len, "also"))
		return parse_also(ps, &c);
	if (word_is(w, len, "when")) {
		if (ps->t->conditions)
			return bad(ps, "同一阶次只能有一行 when");
		return take_text(ps, &c, "适用情形", TEXT_MAX_CHARS, &ps->t->conditions);
	}
	size_t shown = len;
	if (shown > 40) /* cut at a character, not inside one */
		for (shown = 40; ((unsigned char)w[shown] & 0xC0) == 0x80; shown--)
			;
	return bad(ps, "无法识别的关键字“%.*s”", (int)shown, w);
}

/* Every line holds at most one matter, tier, other penalty or exemption,
 * so arrays of nlines entries are enough and never move once filled. */
static bool alloc_state(struct pstate *ps, size_t nlines)
{
	ps->matters = arena_calloc(ps->a, nlines, sizeof *ps->matters);
	ps->matter_lines = arena_calloc(ps->a, nlines, sizeof *ps->matter_lines);
	ps->tiers = arena_calloc(ps->a, nlines, sizeof *ps->tiers);
	ps->others = arena_calloc(ps->a, nlines, sizeof *ps->others);
	ps->exempts = arena_calloc(ps->a, nlines, sizeof *ps->exempts);
	return ps->matters && ps->matter_lines && ps->tiers && ps->others && ps->exempts;
}

enum fz_err benchmark_parse(struct arena *a, const char *name, const char *text, size_t len,
			    struct benchmark_set *set, struct fz_error *e)
{
	struct pstate ps = { .a = a, .set = set, .e = e };
	size_t nlines = 1;
	for (size_t i = 0; i < len; i++)
		nlines += text[i] == '\n';
	ps.name = arena_strdup(a, name ? name : "(未命名)");
	if (!ps.name || !alloc_state(&ps, nlines))
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
	if (!rc)
		rc = close_matter(&ps);
	if (!rc && !ps.nmatters)
		rc = fz_fail(e, FZ_INVALID, "", "%s：文件中没有任何 matter 行", ps.name);
	if (rc)
		return rc;
	struct benchmark_matter *all = arena_calloc(a, set->nmatters + ps.nmatters, sizeof *all);
	if (!all)
		return fz_fail(e, FZ_NOMEM, "", NULL);
	if (set->nmatters)
		memcpy(all, set->matters, set->nmatters * sizeof *all);
	memcpy(all + set->nmatters, ps.matters, ps.nmatters * sizeof *all);
	set->matters = all;
	set->nmatters += ps.nmatters;
	return FZ_OK;
}
