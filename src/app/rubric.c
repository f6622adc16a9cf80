/* rubric.c - see rubric.h. The form's rows are written out in the
 * rubric's own text format (docs/EVALUATION.md) and judged by the one
 * parser (domain/evaluation.c), so a saved rubric is exactly what a round
 * will parse; the parser's "第 N 行" is turned back into the form's row. */
#include "app/rubric.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/authz.h"
#include "app/evaluation_internal.h"
#include "app/tx.h"
#include "base/buf.h"

#define HEAD_LINES 3 /* 名称, 优秀, 合格: the rows start on line 4 */

enum fz_err app_rubric_current(struct app_ctx *ctx, struct rubric_version *out,
			       struct rubric *parsed, struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_OVERSIGHT_MANAGE, "rubric.read", e);
	if (rc)
		return rc;
	rc = ctx->st->ops->rubric_version_latest(ctx->st, ctx->a, eval_division(ctx), out, e);
	if (rc == FZ_NOTFOUND) {
		memset(out, 0, sizeof *out);
		out->division = eval_division(ctx);
		out->text = rubric_default_text();
		rc = FZ_OK;
	}
	if (rc || !parsed)
		return rc;
	return rubric_parse(ctx->a, out->text, strlen(out->text), parsed, e);
}

static bool blank(const char *s) { return !s || !*s; }

/* A value that must stay on its own line of the text. */
static bool one_line(const char *s) { return !strchr(s, '\n') && !strchr(s, '\r'); }

static const char *section_word(const char *s)
{
	return !strcmp(s, "veto") ? "否决" : !strcmp(s, "form") ? "形式"
					: !strcmp(s, "content") ? "内容" : NULL;
}

/* The parser's message on line L as the form's: the rows' lines map back
 * to their row numbers (line_row), the head lines to their fields. */
static enum fz_err form_error(struct fz_error *e, const int *line_row, size_t nlines)
{
	const char *m = e->message;
	static const char pre[] = "第 ";
	if (strncmp(m, pre, sizeof pre - 1) != 0) {
		/* the totals, a missing head line */
		snprintf(e->field, sizeof e->field, "%s",
			 strstr(m, "分数线") ? "excellent" : strstr(m, "名称") ? "name" : "rows");
		return FZ_INVALID;
	}
	char *end = NULL;
	long line = strtol(m + sizeof pre - 1, &end, 10);
	const char *rest = end ? strstr(end, "行：") : NULL;
	if (!rest || line < 1)
		return FZ_INVALID;
	rest += strlen("行：");
	char msg[sizeof e->message];
	if (line <= HEAD_LINES) {
		snprintf(e->field, sizeof e->field, "%s",
			 line == 1 ? "name" : line == 2 ? "excellent" : "pass");
		snprintf(msg, sizeof msg, "%s", rest);
	} else if ((size_t)line - HEAD_LINES - 1 < nlines) {
		int row = line_row[line - HEAD_LINES - 1];
		snprintf(e->field, sizeof e->field, "row%d", row);
		snprintf(msg, sizeof msg, "第 %d 项：%s", row, rest);
	} else {
		snprintf(msg, sizeof msg, "%s", rest);
	}
	memcpy(e->message, msg, sizeof msg);
	return FZ_INVALID;
}

/* FZ_INVALID for row (from 1) with message what. */
static enum fz_err row_fail(struct fz_error *e, int row, const char *what)
{
	fz_fail(e, FZ_INVALID, "row", "第 %d 项：%s", row, what);
	snprintf(e->field, sizeof e->field, "row%d", row);
	return FZ_INVALID;
}

/* The rubric's text from the form, or FZ_INVALID naming the row. */
static enum fz_err rubric_text(struct app_ctx *ctx, const struct rubric_input *in,
			      const char **text, int *line_row, size_t *nlines,
			      struct fz_error *e)
{
	struct buf b = BUF_INIT;
	const char *name = in->name ? in->name : "";
	if (blank(name))
		return fz_fail(e, FZ_INVALID, "name", "请填写评查标准的名称");
	if (!one_line(name) || strlen(name) > 120)
		return fz_fail(e, FZ_INVALID, "name", "名称应为一行，不超过 40 个字");
	if (blank(in->excellent) || !one_line(in->excellent))
		return fz_fail(e, FZ_INVALID, "excellent", "请填写优秀分数线（1–100 的整数）");
	if (blank(in->pass) || !one_line(in->pass))
		return fz_fail(e, FZ_INVALID, "pass", "请填写合格分数线（1–100 的整数）");
	buf_addf(&b, "名称 %s\n优秀 %s\n合格 %s\n", name, in->excellent, in->pass);
	*nlines = 0;
	for (size_t i = 0; i < in->nrows; i++) {
		const struct rubric_row *r = &in->rows[i];
		int row = (int)i + 1;
		if (blank(r->code) && blank(r->points) && blank(r->text))
			continue; /* a spare row, whatever its section says */
		const char *word = blank(r->section) ? NULL : section_word(r->section);
		const char *bad = !word		 ? "请选择类别（否决、形式或内容）"
				  : blank(r->code) ? "请填写项目编号"
				  : blank(r->text) ? "请填写评查内容"
				  : strcmp(r->section, "veto") && blank(r->points) ? "请填写分值"
				  : !one_line(r->code) || !one_line(r->text) ||
						  (r->points && !one_line(r->points))
					  ? "每项内容应为一行"
					  : NULL;
		if (bad) {
			buf_release(&b);
			return row_fail(e, row, bad);
		}
		if (*nlines >= RUBRIC_MAX_ITEMS) {
			buf_release(&b);
			return fz_fail(e, FZ_INVALID, "rows", "评查项目不能超过 %d 项", RUBRIC_MAX_ITEMS);
		}
		if (!strcmp(r->section, "veto"))
			buf_addf(&b, "%s %s %s\n", word, r->code, r->text);
		else
			buf_addf(&b, "%s %s %s %s\n", word, r->code, r->points, r->text);
		line_row[(*nlines)++] = row;
	}
	*text = buf_failed(&b) ? NULL : arena_strdup(ctx->a, buf_cstr(&b));
	buf_release(&b);
	return *text ? FZ_OK : fz_fail(e, FZ_NOMEM, NULL, NULL);
}

enum fz_err app_rubric_save(struct app_ctx *ctx, const struct rubric_input *in,
			    struct rubric_version *out, struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_OVERSIGHT_MANAGE, "rubric.save", e);
	if (rc)
		return rc;
	int *line_row = arena_alloc(ctx->a, (in->nrows + 1) * sizeof *line_row);
	const char *text = NULL;
	size_t nlines = 0;
	struct rubric parsed;
	if (!line_row)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	if ((rc = rubric_text(ctx, in, &text, line_row, &nlines, e)))
		return rc;
	if ((rc = rubric_parse(ctx->a, text, strlen(text), &parsed, e)))
		return rc == FZ_INVALID ? form_error(e, line_row, nlines) : rc;
	if (!parsed.nitems)
		return fz_fail(e, FZ_INVALID, "rows", "评查标准至少应有一项");
	memset(out, 0, sizeof *out);
	out->division = eval_division(ctx);
	out->text = text;
	out->created_by = ctx->user ? ctx->user->id : 0;
	out->created_at = ctx->now;
	bool outer = app_tx_whole(ctx, true);
	do {
		if ((rc = app_tx_begin(ctx, e)))
			continue;
		if ((rc = ctx->st->ops->rubric_version_insert(ctx->st, out, e))) {
			app_tx_abort(ctx);
			continue;
		}
		const char *msg = arena_printf(ctx->a, "第 %d 版：%s，%zu 项", out->version,
					       parsed.name, parsed.nitems);
		rc = app_tx_finish(ctx, "rubric.save", "rubric_version", out->id, msg ? msg : "",
				   NULL, e);
	} while (app_tx_again(ctx, rc));
	app_tx_whole(ctx, outer);
	return rc;
}
