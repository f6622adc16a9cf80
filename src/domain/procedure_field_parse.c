/* procedure_field_parse.c - reading `field` blocks: `field ID TYPE 标签`
 * and the lines that belong to it (hint, option, future, case_wide), in
 * the shared catalogue (fields.txt), at the head of a definition or
 * inside a step. The catalogue parser is here too; definitions use the
 * block reader from procedure_parse.c. */
#include "domain/procedure_lex.h"

#include <stdio.h>
#include <string.h>

#define WHY(...) (snprintf(why, len, __VA_ARGS__), FZ_INVALID)

static const char type_list[] =
	"text、textarea、date、time、money、int、yesno、choice、penalty、person、persons";

/* The next word copied into the arena as an identifier. */
static enum fz_err ident_next(struct proc_lex *lx, struct arena *a, const char *what,
			      const char **out, char *why, size_t len)
{
	size_t n;
	const char *w = proc_lex_word(lx, &n);
	if (!w)
		return WHY("缺少%s", what);
	if (!proc_ident_valid(w, n))
		return WHY("%s“%.*s”应由小写字母、数字和下划线组成，以字母开头", what,
			   (int)(n > 40 ? 40 : n), w);
	return (*out = arena_strndup(a, w, n)) ? FZ_OK : FZ_NOMEM;
}

/* The rest of the line as a label or hint of at most max bytes. */
static enum fz_err text_rest(struct proc_lex *lx, struct arena *a, const char *what,
			     size_t max, const char **out, char *why, size_t len)
{
	size_t n;
	const char *w = proc_lex_rest(lx, &n);
	if (!w)
		return WHY("缺少%s", what);
	if (n > max)
		return WHY("%s过长（最多 %zu 字节）", what, max);
	return (*out = arena_strndup(a, w, n)) ? FZ_OK : FZ_NOMEM;
}

enum fz_err proc_field_open(struct proc_lex *lx, struct arena *a, struct proc_fields *fs,
			    size_t *cap, char *why, size_t len)
{
	struct proc_field f = { .filename = lx->filename, .line = lx->line };
	enum fz_err rc;
	size_t n;
	if ((rc = ident_next(lx, a, "字段 id", &f.id, why, len)))
		return rc;
	for (size_t i = 0; i < fs->n; i++)
		if (strcmp(fs->items[i].id, f.id) == 0)
			return WHY("字段“%s”重复声明（第 %d 行已声明）", f.id, fs->items[i].line);
	const char *w = proc_lex_word(lx, &n);
	if (!w)
		return WHY("字段 %s 缺少类型（%s）", f.id, type_list);
	if (!(f.type = proc_field_type_from(w, n)))
		return WHY("字段 %s 的类型“%.*s”未知（可用 %s）", f.id, (int)(n > 40 ? 40 : n), w,
			   type_list);
	if ((rc = text_rest(lx, a, "字段名称", PROC_LABEL_MAX, &f.label, why, len)))
		return rc == FZ_INVALID ? WHY("字段 %s 缺少中文名称", f.id) : rc;
	if (!proc_grow(a, (void **)&fs->items, fs->n, cap, sizeof *fs->items))
		return FZ_NOMEM;
	fs->items[fs->n++] = f;
	return FZ_OK;
}

static enum fz_err option_read(struct proc_lex *lx, struct arena *a, struct proc_field *f,
			       char *why, size_t len)
{
	size_t n;
	const char *w = proc_lex_word(lx, &n);
	if (f->type != PROC_FIELD_CHOICE)
		return WHY("字段 %s 不是 choice 类型，不能有 option", f->id);
	if (!w)
		return WHY("option 应写为“option 取值 中文名称”");
	if (n > PROC_ID_MAX * 2)
		return WHY("字段 %s 的取值过长（最多 %d 字节）", f->id, PROC_ID_MAX * 2);
	for (size_t i = 0; i < f->nchoices; i++)
		if (strlen(f->choices[i].value) == n && memcmp(f->choices[i].value, w, n) == 0)
			return WHY("字段 %s 的取值“%.*s”重复（第 %d 行已列出）", f->id, (int)n, w,
				   f->choices[i].line);
	struct proc_choice c = { .value = arena_strndup(a, w, n), .line = lx->line };
	enum fz_err rc = text_rest(lx, a, "取值的中文名称", PROC_LABEL_MAX, &c.label, why, len);
	if (rc)
		return rc;
	struct proc_choice *grown = arena_calloc(a, f->nchoices + 1, sizeof *grown);
	if (!grown || !c.value)
		return FZ_NOMEM;
	if (f->nchoices)
		memcpy(grown, f->choices, f->nchoices * sizeof *grown);
	grown[f->nchoices] = c;
	f->choices = grown;
	f->nchoices++;
	return FZ_OK;
}

enum fz_err proc_field_attr(struct proc_lex *lx, struct arena *a, struct proc_field *f,
			    const char *k, size_t kn, bool *handled, char *why, size_t len)
{
	size_t n;
	*handled = true;
	if (proc_word_is(k, kn, "hint")) {
		if (f->hint)
			return WHY("字段 %s 的 hint 重复", f->id);
		return text_rest(lx, a, "提示", PROC_TEXT_MAX, &f->hint, why, len);
	}
	if (proc_word_is(k, kn, "option"))
		return option_read(lx, a, f, why, len);
	if (proc_word_is(k, kn, "future") || proc_word_is(k, kn, "case_wide")) {
		if (proc_lex_word(lx, &n))
			return WHY("%.*s 后不应有其他内容", (int)kn, k);
		if (proc_word_is(k, kn, "case_wide"))
			f->case_wide = true;
		else if (f->type != PROC_FIELD_DATE)
			return WHY("只有 date 类型的字段可以写 future（字段 %s）", f->id);
		else
			f->future = true;
		return FZ_OK;
	}
	*handled = false;
	return FZ_OK;
}

const char *proc_field_incomplete(const struct proc_field *f)
{
	if (f->type == PROC_FIELD_CHOICE && !f->nchoices)
		return "choice 类型的字段须以 option 行列出可选的取值";
	return NULL;
}

enum fz_err proc_fields_parse(const char *text, size_t len, const char *filename,
			      struct proc_fields *out, struct arena *a, struct fz_error *e)
{
	struct proc_lex lx;
	char why[200];
	size_t cap = 0;
	enum fz_err rc = FZ_OK;
	memset(out, 0, sizeof *out);
	proc_lex_init(&lx, text, len, filename);
	while (!rc && proc_lex_next_line(&lx)) {
		size_t kn;
		bool handled = false;
		const char *k = proc_lex_word(&lx, &kn);
		why[0] = '\0';
		if (lx.bad_utf8)
			return proc_fail(e, lx.filename, lx.line, "不是有效的 UTF-8 文本");
		if (proc_word_is(k, kn, "field"))
			rc = proc_field_open(&lx, a, out, &cap, why, sizeof why);
		else if (out->n)
			rc = proc_field_attr(&lx, a, &out->items[out->n - 1], k, kn, &handled, why,
					     sizeof why);
		if (!rc && k && !handled && !proc_word_is(k, kn, "field"))
			return proc_fail(e, lx.filename, lx.line,
					 "未知的关键字“%.*s”（字段目录只有 field 行及其 hint、"
					 "option、future、case_wide 行）",
					 (int)(kn > 40 ? 40 : kn), k);
	}
	if (rc == FZ_NOMEM)
		return fz_fail(e, FZ_NOMEM, "", NULL);
	if (rc)
		return proc_fail(e, lx.filename, lx.line, "%s", why);
	for (size_t i = 0; i < out->n; i++) {
		const char *lack = proc_field_incomplete(&out->items[i]);
		if (lack)
			return proc_fail(e, filename, out->items[i].line, "字段 %s：%s",
					 out->items[i].id, lack);
	}
	return FZ_OK;
}
