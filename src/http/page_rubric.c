/* page_rubric.c - the bureau edits its rubric (评查标准): GET /rubric shows
 * the version in force as a form (one fieldset per item, usable on a
 * phone, with spare rows to add items), POST /rubric saves it as the next
 * version (app/rubric.h). New rounds take the new version; rounds already
 * created keep theirs, and so do the scores given under them. */
#include <stdio.h>
#include <string.h>

#include "app/rubric.h"
#include "base/num.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/pagekit.h"
#include "http/resp.h"

#define SPARE_ROWS 5
#define ROWS_MAX (RUBRIC_MAX_ITEMS + SPARE_ROWS)

static const struct kit_option sections[] = {
	{ "", "请选择" }, { "veto", "一票否决" }, { "form", "形式（合计 20 分）" },
	{ "content", "内容（合计 80 分）" },
};

static const char *section_value(enum rubric_section s)
{
	return s == RUBRIC_VETO ? "veto" : s == RUBRIC_FORM ? "form" : "content";
}

static const char *row_name(struct req *r, const char *what, size_t i)
{
	const char *s = arena_printf(r->a, "%s%zu", what, i + 1);
	return s ? s : what;
}

/* One item's fieldset; e marks it when it names this row. */
static void row_fields(struct req *r, struct buf *b, size_t i, const struct rubric_row *v,
		       const struct fz_error *e)
{
	char rowkey[24];
	snprintf(rowkey, sizeof rowkey, "row%zu", i + 1);
	bool bad = e && strcmp(e->field, rowkey) == 0;
	html_f(b, "<fieldset class=\"rubric-row%s\" id=\"%s\"><legend>第 %zu 项</legend>\n",
	       bad ? " invalid" : "", rowkey, i + 1);
	if (bad)
		html_f(b, "<p class=\"field-error\" role=\"alert\">%s</p>\n", e->message);
	kit_select(b, row_name(r, "section", i), "类别", sections,
		   sizeof sections / sizeof sections[0], v->section, NULL);
	kit_input(b, "text", row_name(r, "code", i), "编号", v->code,
		  "maxlength=\"16\" pattern=\"[A-Z][A-Z0-9.\\-]{0,15}\" autocapitalize=\"characters\"",
		  NULL);
	kit_input(b, "number", row_name(r, "points", i), "分值（否决项不填）", v->points,
		  "min=\"1\" max=\"80\" inputmode=\"numeric\"", NULL);
	kit_input(b, "text", row_name(r, "text", i), "评查内容", v->text, "maxlength=\"200\"",
		  NULL);
	html_raw(b, "</fieldset>\n");
}

static int rubric_form(struct req *r, int status, const struct rubric_input *in,
		       const struct rubric_version *cur, enum fz_err frc, const struct fz_error *fe)
{
	struct buf b = BUF_INIT;
	page_begin(r, &b, "评查标准");
	page_notice(r, &b);
	if (cur->version)
		html_f(&b, "<p>现行：第 %d 版。", cur->version);
	else
		html_raw(&b, "<p>现行：平台默认标准（尚未修改过）。");
	html_raw(&b, "保存后成为新的一版，此后新建的案卷评查使用新版；已经建立的评查和已经"
		     "给出的评分仍按其当时的标准，不会改变。</p>\n"
		     "<p class=\"hint\">一票否决项有其一，案卷即为不合格；形式评查各项合计应为 20 分，"
		     "内容评查各项合计应为 80 分。清空一项的编号、分值和内容即删去该项。</p>\n");
	kit_form_error(&b, frc, fe);
	html_raw(&b, "<form method=\"post\" action=\"/rubric\" class=\"stack\">\n");
	page_csrf_field(r, &b);
	kit_input(&b, "text", "name", "名称", in->name, "required maxlength=\"40\"", fe);
	kit_input(&b, "number", "excellent", "优秀分数线（总分达到即为优秀）", in->excellent,
		  "required min=\"1\" max=\"100\" inputmode=\"numeric\"", fe);
	kit_input(&b, "number", "pass", "合格分数线（低于即为不合格）", in->pass,
		  "required min=\"1\" max=\"100\" inputmode=\"numeric\"", fe);
	html_f(&b, "<input type=\"hidden\" name=\"rows\" value=\"%zu\">\n", in->nrows);
	for (size_t i = 0; i < in->nrows; i++)
		row_fields(r, &b, i, &in->rows[i], fe);
	kit_field_error(&b, "rows", fe);
	html_raw(&b, "<button type=\"submit\">保存为新版本</button>\n</form>\n"
		     "<p><a href=\"/oversight\">返回案卷评查与监督检查</a></p>\n");
	page_end(r, &b);
	return resp_html(r, status, &b);
}

int page_rubric(struct req *r)
{
	struct fz_error e = { 0 };
	struct rubric_version cur;
	struct rubric rb;
	enum fz_err rc = app_rubric_current(&r->ctx, &cur, &rb, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	struct rubric_row *rows = arena_calloc(r->a, rb.nitems + SPARE_ROWS, sizeof *rows);
	if (!rows)
		return http_fail_fz(r, FZ_NOMEM, NULL);
	for (size_t i = 0; i < rb.nitems; i++) {
		const struct rubric_item *it = &rb.items[i];
		rows[i] = (struct rubric_row){ section_value(it->section), it->code,
					       it->section == RUBRIC_VETO ? "" : kit_id(r, it->points),
					       it->text };
	}
	for (size_t i = rb.nitems; i < rb.nitems + SPARE_ROWS; i++)
		rows[i] = (struct rubric_row){ "", "", "", "" };
	struct rubric_input in = { rb.name, kit_id(r, rb.excellent), kit_id(r, rb.pass), rows,
				   rb.nitems + SPARE_ROWS };
	return rubric_form(r, 200, &in, &cur, FZ_OK, NULL);
}

int page_rubric_save(struct req *r)
{
	struct fz_error e = { 0 };
	struct rubric_version cur, saved;
	int64_t n = 0;
	enum fz_err rc = app_rubric_current(&r->ctx, &cur, NULL, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	if (!num_parse_i64(kit_form(r, "rows"), 0, ROWS_MAX, &n))
		return page_error(r, 400, "表单已过期，请重新打开评查标准页面");
	/* the typed rows and as many spare ones again, so a refused form can
	 * be corrected in place */
	struct rubric_row *rows = arena_calloc(r->a, (size_t)n + SPARE_ROWS, sizeof *rows);
	if (!rows)
		return http_fail_fz(r, FZ_NOMEM, NULL);
	for (size_t i = 0; i < (size_t)n; i++)
		rows[i] = (struct rubric_row){ kit_form(r, row_name(r, "section", i)),
					       kit_form(r, row_name(r, "code", i)),
					       kit_form(r, row_name(r, "points", i)),
					       kit_form(r, row_name(r, "text", i)) };
	struct rubric_input in = { kit_form(r, "name"), kit_form(r, "excellent"),
				   kit_form(r, "pass"), rows, (size_t)n };
	rc = app_rubric_save(&r->ctx, &in, &saved, &e);
	if (rc == FZ_INVALID) {
		for (size_t i = (size_t)n; i < (size_t)n + SPARE_ROWS; i++)
			rows[i] = (struct rubric_row){ "", "", "", "" };
		in.nrows = (size_t)n + SPARE_ROWS;
		return rubric_form(r, 400, &in, &cur, rc, &e);
	}
	if (rc)
		return http_fail_fz(r, rc, &e);
	return resp_redirect(r, "/rubric?msg=saved");
}
