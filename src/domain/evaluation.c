/* evaluation.c - the rubric parser, a file's score, the reproducible
 * sample and the notice states of evaluation.h. The sample reuses the
 * random stream of the inspection draw, so that the platform has one way
 * to draw and one script (scripts/draw.py) to check it. */
#include "domain/evaluation.h"

#include <stdlib.h>
#include <string.h>

#include "base/embed.h"
#include "base/num.h"
#include "base/utf8.h"
#include "domain/draw.h"

extern const struct embedded_file rubric_files[];

const char *rubric_default_text(void)
{
	for (const struct embedded_file *f = rubric_files; f->name; f++)
		if (strcmp(f->name, "case-file.txt") == 0)
			return f->data;
	return "";
}

const char *rubric_section_label(enum rubric_section s)
{
	switch (s) {
	case RUBRIC_VETO: return "一票否决";
	case RUBRIC_FORM: return "形式评查";
	case RUBRIC_CONTENT: return "内容评查";
	}
	return "";
}

/* The next blank-separated word of [*p, end), or false at the end. */
static bool word(const char **p, const char *end, const char **w, size_t *n)
{
	const char *s = *p;
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	const char *t = s;
	while (t < end && *t != ' ' && *t != '\t')
		t++;
	*w = s;
	*n = (size_t)(t - s);
	*p = t;
	return t > s;
}

static bool code_valid(const char *s, size_t n)
{
	if (!n || n > RUBRIC_CODE_MAX || !((s[0] >= 'A' && s[0] <= 'Z')))
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'))
			return false;
	}
	return true;
}

static bool int_word(const char *w, size_t n, int min, int max, int *out)
{
	char buf[16];
	int64_t v;
	if (!n || n >= sizeof buf)
		return false;
	memcpy(buf, w, n);
	buf[n] = '\0';
	if (!num_parse_i64(buf, min, max, &v))
		return false;
	*out = (int)v;
	return true;
}

static bool is(const char *w, size_t n, const char *kw)
{
	return strlen(kw) == n && memcmp(w, kw, n) == 0;
}

enum fz_err rubric_parse(struct arena *a, const char *text, size_t len, struct rubric *out,
			 struct fz_error *e)
{
	memset(out, 0, sizeof *out);
	if (!text || !utf8_valid(text, len))
		return fz_fail(e, FZ_INVALID, "rubric", "评查标准不是有效的 UTF-8 文本");
	struct rubric_item *items = arena_calloc(a, RUBRIC_MAX_ITEMS, sizeof *items);
	if (!items)
		return fz_fail(e, FZ_NOMEM, "rubric", NULL);
	size_t n = 0;
	int line = 0, form = 0, content = 0, excellent_line = 0, pass_line = 0;
	for (const char *p = text, *end = text + len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *s = p, *t = nl ? nl : end;
		p = nl ? nl + 1 : end;
		line++;
		while (t > s && (t[-1] == '\r' || t[-1] == ' ' || t[-1] == '\t'))
			t--;
		const char *w;
		size_t wn;
		const char *q = s;
		if (!word(&q, t, &w, &wn) || w[0] == '#')
			continue;
		if (is(w, wn, "名称")) {
			const char *v;
			size_t vn;
			if (!word(&q, t, &v, &vn))
				return fz_fail(e, FZ_INVALID, "rubric", "第 %d 行：名称不能为空", line);
			if (out->name)
				return fz_fail(e, FZ_INVALID, "rubric", "第 %d 行：名称重复", line);
			out->name = arena_strndup(a, v, (size_t)(t - v));
			continue;
		}
		if (is(w, wn, "优秀") || is(w, wn, "合格")) {
			bool exc = is(w, wn, "优秀");
			const char *v;
			size_t vn;
			int x;
			if (!word(&q, t, &v, &vn) || !int_word(v, vn, 1, 100, &x) || word(&q, t, &v, &vn))
				return fz_fail(e, FZ_INVALID, "rubric",
					       "第 %d 行：%s分数线应为 1–100 的整数", line, exc ? "优秀" : "合格");
			if (exc ? excellent_line : pass_line)
				return fz_fail(e, FZ_INVALID, "rubric", "第 %d 行：%s分数线重复", line,
					       exc ? "优秀" : "合格");
			if (exc) {
				out->excellent = x;
				excellent_line = line;
			} else {
				out->pass = x;
				pass_line = line;
			}
			continue;
		}
		enum rubric_section sec;
		if (is(w, wn, "否决"))
			sec = RUBRIC_VETO;
		else if (is(w, wn, "形式"))
			sec = RUBRIC_FORM;
		else if (is(w, wn, "内容"))
			sec = RUBRIC_CONTENT;
		else
			return fz_fail(e, FZ_INVALID, "rubric",
				       "第 %d 行：不认识的开头“%.*s”（应为 名称、优秀、合格、否决、形式 或 内容）",
				       line, (int)(wn > 30 ? 30 : wn), w);
		const char *c;
		size_t cn;
		if (!word(&q, t, &c, &cn) || !code_valid(c, cn))
			return fz_fail(e, FZ_INVALID, "rubric",
				       "第 %d 行：项目编号应为大写字母开头的 1–%d 个字母、数字", line,
				       RUBRIC_CODE_MAX);
		int points = 0;
		if (sec != RUBRIC_VETO) {
			const char *v;
			size_t vn;
			int max = sec == RUBRIC_FORM ? RUBRIC_FORM_TOTAL : RUBRIC_CONTENT_TOTAL;
			if (!word(&q, t, &v, &vn) || !int_word(v, vn, 1, max, &points))
				return fz_fail(e, FZ_INVALID, "rubric",
					       "第 %d 行：%.*s 的分值应为 1–%d 的整数", line, (int)cn, c,
					       max);
		}
		while (q < t && (*q == ' ' || *q == '\t'))
			q++;
		if (q == t)
			return fz_fail(e, FZ_INVALID, "rubric", "第 %d 行：%.*s 缺少评查内容", line,
				       (int)cn, c);
		if ((size_t)(t - q) > RUBRIC_TEXT_MAX)
			return fz_fail(e, FZ_INVALID, "rubric", "第 %d 行：%.*s 的评查内容过长", line,
				       (int)cn, c);
		for (size_t i = 0; i < n; i++)
			if (strlen(items[i].code) == cn && memcmp(items[i].code, c, cn) == 0)
				return fz_fail(e, FZ_INVALID, "rubric",
					       "第 %d 行：项目编号 %.*s 与第 %d 行重复", line, (int)cn, c,
					       items[i].line);
		if (n == RUBRIC_MAX_ITEMS)
			return fz_fail(e, FZ_INVALID, "rubric", "第 %d 行：评查项目超过 %d 项", line,
				       RUBRIC_MAX_ITEMS);
		items[n].section = sec;
		items[n].code = arena_strndup(a, c, cn);
		items[n].points = points;
		items[n].text = arena_strndup(a, q, (size_t)(t - q));
		items[n].line = line;
		if (!items[n].code || !items[n].text)
			return fz_fail(e, FZ_NOMEM, "rubric", NULL);
		n++;
		if (sec == RUBRIC_FORM)
			form += points;
		if (sec == RUBRIC_CONTENT)
			content += points;
	}
	if (!out->name)
		return fz_fail(e, FZ_INVALID, "rubric", "评查标准缺少“名称”行");
	if (!excellent_line || !pass_line)
		return fz_fail(e, FZ_INVALID, "rubric", "评查标准缺少“优秀”或“合格”分数线");
	if (out->excellent <= out->pass)
		return fz_fail(e, FZ_INVALID, "rubric", "第 %d 行：优秀分数线 %d 应高于合格分数线 %d",
			       excellent_line, out->excellent, out->pass);
	if (form != RUBRIC_FORM_TOTAL)
		return fz_fail(e, FZ_INVALID, "rubric", "形式评查各项合计 %d 分，应为 %d 分", form,
			       RUBRIC_FORM_TOTAL);
	if (content != RUBRIC_CONTENT_TOTAL)
		return fz_fail(e, FZ_INVALID, "rubric", "内容评查各项合计 %d 分，应为 %d 分", content,
			       RUBRIC_CONTENT_TOTAL);
	out->items = items;
	out->nitems = n;
	return FZ_OK;
}

const struct rubric_item *rubric_find(const struct rubric *r, const char *code)
{
	for (size_t i = 0; code && i < r->nitems; i++)
		if (strcmp(r->items[i].code, code) == 0)
			return &r->items[i];
	return NULL;
}

static bool blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return false;
	return true;
}

enum fz_err eval_score(const struct rubric *r, const struct eval_mark *marks, size_t n,
		       struct eval_result *out, struct fz_error *e)
{
	memset(out, 0, sizeof *out);
	int form_lost = 0, content_lost = 0;
	for (size_t i = 0; i < n; i++) {
		const struct rubric_item *it = rubric_find(r, marks[i].code);
		if (!it)
			return fz_fail(e, FZ_INVALID, "marks", "评查标准中没有项目“%.16s”",
				       marks[i].code ? marks[i].code : "");
		for (size_t j = 0; j < i; j++)
			if (strcmp(marks[j].code, it->code) == 0)
				return fz_fail(e, FZ_INVALID, "marks", "项目 %s 评了两次", it->code);
		if (it->section == RUBRIC_VETO) {
			if (blank(marks[i].note))
				return fz_fail(e, FZ_INVALID, "marks",
					       "否决项 %s 须写明案卷中存在的问题", it->code);
			out->vetoed = true;
			continue;
		}
		if (marks[i].lost < 0 || marks[i].lost > it->points)
			return fz_fail(e, FZ_INVALID, "marks", "项目 %s 扣分应为 0–%d 分", it->code,
				       it->points);
		if (marks[i].lost > 0 && blank(marks[i].note))
			return fz_fail(e, FZ_INVALID, "marks", "项目 %s 扣分须写明扣分理由", it->code);
		if (it->section == RUBRIC_FORM)
			form_lost += marks[i].lost;
		else
			content_lost += marks[i].lost;
	}
	/* each item is capped by its points and the sections total exactly 20
	 * and 80, so a section cannot go below 0; the clamp keeps it so for a
	 * rubric built by hand */
	out->form = form_lost > RUBRIC_FORM_TOTAL ? 0 : RUBRIC_FORM_TOTAL - form_lost;
	out->content = content_lost > RUBRIC_CONTENT_TOTAL ? 0 : RUBRIC_CONTENT_TOTAL - content_lost;
	out->total = out->form + out->content;
	if (out->vetoed || out->total < r->pass)
		out->grade = EVAL_FAIL;
	else if (out->total >= r->excellent)
		out->grade = EVAL_EXCELLENT;
	else
		out->grade = EVAL_PASS;
	return FZ_OK;
}

const char *eval_grade_label(enum eval_grade g)
{
	switch (g) {
	case EVAL_EXCELLENT: return "优秀";
	case EVAL_PASS: return "合格";
	case EVAL_FAIL: return "不合格";
	case EVAL_GRADE_NONE: break;
	}
	return "";
}

const char *eval_grade_name(enum eval_grade g)
{
	switch (g) {
	case EVAL_EXCELLENT: return "excellent";
	case EVAL_PASS: return "pass";
	case EVAL_FAIL: return "fail";
	case EVAL_GRADE_NONE: break;
	}
	return "";
}

/* --- the sample --- */

size_t eval_sample_count(size_t n, int size, int rate_pct)
{
	size_t k;
	if (n == 0)
		return 0;
	if (size > 0)
		k = (size_t)size;
	else
		k = (n * (size_t)(rate_pct > 0 ? rate_pct : 0) + 99) / 100;
	if (k < 1)
		k = 1;
	return k > n ? n : k;
}

static int cmp_case(const void *x, const void *y)
{
	const struct eval_case *a = x, *b = y;
	return strcmp(a->number, b->number);
}

static int cmp_group(const void *x, const void *y)
{
	const struct eval_population *a = *(const struct eval_population *const *)x;
	const struct eval_population *b = *(const struct eval_population *const *)y;
	return (a->agency_id > b->agency_id) - (a->agency_id < b->agency_id);
}

enum fz_err eval_sample(struct arena *a, const char *seed_hex, const struct eval_population *g,
			size_t ngroups, int size, int rate_pct, struct eval_pick **picks,
			size_t *npicks, struct fz_error *e)
{
	struct draw_stream st;
	*picks = NULL;
	*npicks = 0;
	if (!draw_stream_init(&st, seed_hex))
		return fz_fail(e, FZ_INVALID, "seed", "随机种子应为 %d–%d 位十六进制数字（位数为偶数）",
			       2 * DRAW_SEED_MIN_BYTES, 2 * DRAW_SEED_MAX_BYTES);
	if (size <= 0 && (rate_pct < 1 || rate_pct > 100))
		return fz_fail(e, FZ_INVALID, "sample_size", "应给出每个单位抽取的案卷数或 1–100 的抽取比例");
	const struct eval_population **order = arena_calloc(a, ngroups + 1, sizeof *order);
	size_t total = 0;
	if (!order)
		return fz_fail(e, FZ_NOMEM, "", NULL);
	for (size_t i = 0; i < ngroups; i++) {
		order[i] = &g[i];
		total += g[i].n;
	}
	qsort(order, ngroups, sizeof *order, cmp_group);
	struct eval_pick *out = arena_calloc(a, total + 1, sizeof *out);
	if (!out)
		return fz_fail(e, FZ_NOMEM, "", NULL);
	size_t np = 0;
	for (size_t gi = 0; gi < ngroups; gi++) {
		const struct eval_population *p = order[gi];
		if (gi && order[gi - 1]->agency_id == p->agency_id)
			return fz_fail(e, FZ_INVALID, "agencies", "执法主体 #%lld 重复",
				       (long long)p->agency_id);
		if (!p->n)
			continue;
		struct eval_case *c = arena_calloc(a, p->n, sizeof *c);
		if (!c)
			return fz_fail(e, FZ_NOMEM, "", NULL);
		memcpy(c, p->cases, p->n * sizeof *c);
		for (size_t i = 0; i < p->n; i++)
			if (!c[i].number)
				return fz_fail(e, FZ_INVALID, "cases", "案卷缺少案号");
		qsort(c, p->n, sizeof *c, cmp_case);
		for (size_t i = 1; i < p->n; i++)
			if (strcmp(c[i - 1].number, c[i].number) == 0)
				return fz_fail(e, FZ_INVALID, "cases", "案号“%.60s”重复", c[i].number);
		size_t k = eval_sample_count(p->n, size, rate_pct);
		for (size_t i = 0; i < k; i++) {
			size_t j = i + (size_t)draw_stream_uniform(&st, p->n - i);
			struct eval_case tmp = c[i];
			c[i] = c[j];
			c[j] = tmp;
			out[np].agency_id = p->agency_id;
			out[np].case_id = c[i].id;
			out[np].number = c[i].number;
			out[np].order = (int)i + 1;
			np++;
		}
	}
	*picks = out;
	*npicks = np;
	return FZ_OK;
}

/* --- notices --- */

static const char *const notice_names[] = { NULL, "issued", "answered", "returned", "closed" };
static const char *const notice_labels[] = { NULL, "待整改", "待审核整改报告", "已退回重报",
					     "已销号" };

const char *notice_status_name(enum notice_status s)
{
	return s >= NOTICE_ISSUED && s <= NOTICE_CLOSED ? notice_names[s] : "";
}

const char *notice_status_label(enum notice_status s)
{
	return s >= NOTICE_ISSUED && s <= NOTICE_CLOSED ? notice_labels[s] : "";
}

int notice_status_parse(const char *name)
{
	for (int i = NOTICE_ISSUED; name && i <= NOTICE_CLOSED; i++)
		if (strcmp(name, notice_names[i]) == 0)
			return i;
	return -1;
}

bool notice_may_answer(enum notice_status s) { return s == NOTICE_ISSUED || s == NOTICE_RETURNED; }
bool notice_may_review(enum notice_status s) { return s == NOTICE_ANSWERED; }
