/* pdf.c - draws a document model on A4 PDF pages with cairo and pango,
 * in the shape of GB/T 9704-2012: margins 37/28/26/35 mm, the agency and
 * title centred in bold serif, the number under them, body text in serif
 * with two-character indents, ruled form rows, the signature with the
 * date and a marked (empty) place for the seal, page numbers "— N —". */
#include "docgen/docgen.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MM (72.0 / 25.4)
#define PAGE_W (210 * MM)
#define PAGE_H (297 * MM)
#define TOP (37 * MM)
#define LEFT (28 * MM)
#define RIGHT (26 * MM)
#define BOTTOM (35 * MM)
#define WIDTH (PAGE_W - LEFT - RIGHT)
#define LIMIT (PAGE_H - BOTTOM)

/* One family in two weights: every face drawn is embedded (subset) in
 * every document, and subsetting a CJK face costs milliseconds. */
#define SERIF "Noto Serif CJK SC"

/* One font map for the process, used under one lock: pango font maps
 * are not for concurrent use. Steps draw their documents before their
 * write transaction (app/document_make.c), so writers that draw wait
 * here, not on the database. Released at
 * exit with the caches of cairo and fontconfig, so that leak checkers see
 * only real leaks. */
static pthread_mutex_t render_lock = PTHREAD_MUTEX_INITIALIZER;
static PangoFontMap *font_map;

static void fonts_release(void)
{
	if (font_map)
		g_object_unref(font_map);
	font_map = NULL;
	cairo_debug_reset_static_data();
	FcFini();
}

/* Whether family resolves to itself (not a fallback): the documents are
 * only right in the Noto CJK fonts. */
static bool family_present(PangoContext *pc, const char *family)
{
	PangoFontDescription *want = pango_font_description_from_string(family);
	PangoFont *font = pango_font_map_load_font(font_map, pc, want);
	bool ok = false;
	if (font) {
		PangoFontDescription *got = pango_font_describe(font);
		const char *name = pango_font_description_get_family(got);
		ok = name && g_ascii_strcasecmp(name, family) == 0;
		pango_font_description_free(got);
		g_object_unref(font);
	}
	pango_font_description_free(want);
	return ok;
}

struct render {
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoContext *pc;
	double y;
	int page;
	struct buf *out;
};

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int len)
{
	struct buf *b = closure;
	buf_add(b, data, len);
	return buf_failed(b) ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

/* A layout of text in font (family, size in points, bold) width wide. */
static PangoLayout *layout_new(struct render *r, const char *family, double size, bool bold,
			       double width, PangoAlignment align, const char *text)
{
	PangoLayout *l = pango_layout_new(r->pc);
	PangoFontDescription *fd = pango_font_description_new();
	pango_font_description_set_family(fd, family);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, align);
	pango_layout_set_line_spacing(l, 1.4f);
	pango_layout_set_text(l, text, -1);
	return l;
}

static double layout_height(PangoLayout *l)
{
	int w, h;
	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

static void page_number(struct render *r)
{
	char num[32];
	snprintf(num, sizeof num, "— %d —", r->page);
	PangoLayout *l = layout_new(r, SERIF, 14, false, WIDTH, PANGO_ALIGN_CENTER, num);
	cairo_move_to(r->cr, LEFT, LIMIT + 7 * MM);
	pango_cairo_show_layout(r->cr, l);
	g_object_unref(l);
}

static void page_break(struct render *r)
{
	page_number(r);
	cairo_show_page(r->cr);
	r->page++;
	r->y = TOP;
}

/* Draws l at x from r->y line by line, breaking pages between lines. */
static void show_lines(struct render *r, PangoLayout *l, double x)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	double origin = r->y, seg = 0; /* layout y drawn at origin on this page */
	do {
		int y0, y1;
		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		double top = (double)y0 / PANGO_SCALE, bottom = (double)y1 / PANGO_SCALE;
		if (origin + bottom - seg > LIMIT && top > seg) {
			page_break(r);
			origin = r->y;
			seg = top;
		}
		PangoRectangle logical;
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		double baseline = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
		cairo_move_to(r->cr, x + (double)logical.x / PANGO_SCALE, origin + baseline - seg);
		pango_cairo_show_layout_line(r->cr, pango_layout_iter_get_line_readonly(it));
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	r->y = origin + layout_height(l) - seg;
}

static void header(struct render *r, const struct doc_model *m)
{
	PangoLayout *l = layout_new(r, SERIF, 20, true, WIDTH, PANGO_ALIGN_CENTER, m->issuer);
	show_lines(r, l, LEFT);
	g_object_unref(l);
	r->y += 4;
	l = layout_new(r, SERIF, 22, true, WIDTH, PANGO_ALIGN_CENTER, m->title);
	pango_layout_set_spacing(l, 0);
	show_lines(r, l, LEFT);
	g_object_unref(l);
	r->y += 8;
	if (*m->number) {
		l = layout_new(r, SERIF, 14, false, WIDTH, PANGO_ALIGN_CENTER, m->number);
		show_lines(r, l, LEFT);
		g_object_unref(l);
	}
	r->y += 14;
}

/* Body text; para indents its first line by two characters. */
static void text_block(struct render *r, const struct doc_block *b)
{
	bool heading = b->kind == DOC_HEADING, note = b->kind == DOC_NOTE;
	double size = note ? 10.5 : 14;
	PangoLayout *l = layout_new(r, SERIF, size, heading, WIDTH,
				    PANGO_ALIGN_LEFT, b->text);
	if (b->kind == DOC_PARA || heading)
		pango_layout_set_indent(l, (int)(2 * size * PANGO_SCALE));
	if (b->kind == DOC_PARA)
		pango_layout_set_justify(l, TRUE);
	show_lines(r, l, LEFT);
	g_object_unref(l);
	r->y += note ? 2 : 3;
}

#define LABEL_W (42 * MM)
#define PAD 5.0

/* A ruled row: label cell and value cell; a row that does not fit the
 * page goes whole to the next one. */
static void form_row(struct render *r, const struct doc_block *b)
{
	PangoLayout *label = layout_new(r, SERIF, 12, true, LABEL_W - 2 * PAD, PANGO_ALIGN_CENTER,
					b->label);
	PangoLayout *value = layout_new(r, SERIF, 12, false, WIDTH - LABEL_W - 2 * PAD,
					PANGO_ALIGN_LEFT, b->text);
	double lh = layout_height(label), vh = layout_height(value);
	double h = (lh > vh ? lh : vh) + 2 * PAD;
	if (h < (b->tall ? 72 : 26))
		h = b->tall ? 72 : 26;
	if (r->y + h > LIMIT && r->y > TOP)
		page_break(r);
	cairo_set_line_width(r->cr, 0.8);
	cairo_rectangle(r->cr, LEFT, r->y, LABEL_W, h);
	cairo_rectangle(r->cr, LEFT + LABEL_W, r->y, WIDTH - LABEL_W, h);
	cairo_stroke(r->cr);
	cairo_move_to(r->cr, LEFT + PAD, r->y + (h - lh) / 2);
	pango_cairo_show_layout(r->cr, label);
	cairo_move_to(r->cr, LEFT + LABEL_W + PAD, r->y + (b->tall ? PAD : (h - vh) / 2));
	pango_cairo_show_layout(r->cr, value);
	g_object_unref(label);
	g_object_unref(value);
	r->y += h;
}

/* The agency's name and the date, right-aligned four characters in from
 * the margin, under a dashed circle marking where the seal goes: the
 * seal presses on both lines, which sit a little below its centre, and
 * its top stays under the text above (GB/T 9704 7.3.5.1). */
#define SEAL_R (21 * MM)
static void signature(struct render *r, const struct doc_model *m)
{
	double top = r->y + 6;
	if (top + 2 * SEAL_R + 6 > LIMIT) {
		page_break(r);
		top = r->y;
	}
	double x = LEFT, w = WIDTH - 4 * 14;
	PangoLayout *who = layout_new(r, SERIF, 14, false, w, PANGO_ALIGN_RIGHT, m->issuer);
	PangoLayout *when = layout_new(r, SERIF, 14, false, w, PANGO_ALIGN_RIGHT, m->sign_date);
	PangoRectangle ink;
	pango_layout_get_pixel_extents(who, NULL, &ink);
	double cx = x + ink.x + ink.width / 2.0, cy = top + SEAL_R;
	double who_y = cy - layout_height(who) + 2, when_y = cy + 6;
	cairo_save(r->cr);
	cairo_set_source_rgb(r->cr, 0.75, 0.1, 0.1);
	cairo_set_line_width(r->cr, 0.8);
	const double dash[] = { 3.0, 3.0 };
	cairo_set_dash(r->cr, dash, 2, 0);
	cairo_new_sub_path(r->cr);
	cairo_arc(r->cr, cx, cy, SEAL_R, 0, 2 * G_PI);
	cairo_stroke(r->cr);
	PangoLayout *seal = layout_new(r, SERIF, 9, false, 40 * MM, PANGO_ALIGN_CENTER, "（印章）");
	cairo_move_to(r->cr, cx - 20 * MM, cy + SEAL_R - 8 * MM);
	pango_cairo_show_layout(r->cr, seal);
	g_object_unref(seal);
	cairo_restore(r->cr);
	cairo_move_to(r->cr, x, who_y);
	pango_cairo_show_layout(r->cr, who);
	cairo_move_to(r->cr, x, when_y);
	pango_cairo_show_layout(r->cr, when);
	r->y = top + 2 * SEAL_R + 6;
	g_object_unref(who);
	g_object_unref(when);
}

static void draw(struct render *r, const struct doc_model *m)
{
	header(r, m);
	bool signed_yet = false;
	for (size_t i = 0; i < m->nblocks; i++) {
		const struct doc_block *b = &m->blocks[i];
		if (b->kind == DOC_NOTE && m->signature && !signed_yet) {
			signature(r, m);
			signed_yet = true;
		}
		if (b->kind == DOC_ROW)
			form_row(r, b);
		else
			text_block(r, b);
		if (i + 1 < m->nblocks && b->kind == DOC_ROW && m->blocks[i + 1].kind != DOC_ROW)
			r->y += 8;
	}
	if (m->signature && !signed_yet)
		signature(r, m);
	page_number(r);
}

static void metadata(cairo_surface_t *s, const struct doc_model *m)
{
	char title[512];
	snprintf(title, sizeof title, "%s %s", m->title, m->number);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, m->issuer);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "fazhi");
	if (*m->created) {
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, m->created);
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, m->created);
	}
}

static enum fz_err render_locked(const struct doc_model *m, struct buf *out, int *pages,
				 struct fz_error *e)
{
	if (!font_map) {
		font_map = pango_cairo_font_map_new();
		atexit(fonts_release);
	}
	struct render r = { .y = TOP, .page = 1, .out = out };
	r.surface = cairo_pdf_surface_create_for_stream(write_out, out, PAGE_W, PAGE_H);
	r.cr = cairo_create(r.surface);
	r.pc = pango_font_map_create_context(font_map);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(r.pc, fo);
	cairo_font_options_destroy(fo);
	pango_cairo_update_context(r.cr, r.pc);
	enum fz_err rc = FZ_OK;
	if (!family_present(r.pc, SERIF)) {
		rc = fz_fail(e, FZ_INTERNAL, NULL,
			     "服务器缺少中文字体 %s（Debian 软件包 fonts-noto-cjk），不能生成文书", SERIF);
	} else {
		metadata(r.surface, m);
		draw(&r, m);
	}
	g_object_unref(r.pc);
	cairo_destroy(r.cr);
	cairo_surface_finish(r.surface);
	cairo_status_t st = cairo_surface_status(r.surface);
	cairo_surface_destroy(r.surface);
	if (rc)
		return rc;
	if (buf_failed(out))
		return fz_fail(e, FZ_NOMEM, NULL, "生成文书时内存不足");
	if (st != CAIRO_STATUS_SUCCESS)
		return fz_fail(e, FZ_INTERNAL, NULL, "生成 PDF 失败：%s", cairo_status_to_string(st));
	*pages = r.page;
	return FZ_OK;
}

enum fz_err docgen_pdf(const struct doc_model *m, struct buf *out, int *pages,
		       struct fz_error *e)
{
	*pages = 0;
	pthread_mutex_lock(&render_lock);
	enum fz_err rc = render_locked(m, out, pages, e);
	pthread_mutex_unlock(&render_lock);
	return rc;
}
