/* flowsvg.c - an enforcement flow chart (执法流程图) drawn as SVG on the
 * server from a procedure definition: one box per step in the usual order
 * (label, who takes it, whether it opens, publishes or closes the case),
 * arrows between them. The drawing is an image with a name and a short
 * description; the page's ordered list beside it is the full text
 * alternative. No script, no font outside the reader's own. */
#include "http/flowsvg.h"

#include <string.h>

#include "domain/roles.h"
#include "http/html.h"

/* Geometry in user units; the SVG scales to its container (a phone's
 * 390 px shows it at about its own size). */
#define FLOW_W 360
#define BOX_X 16
#define BOX_W (FLOW_W - 2 * BOX_X)
#define BOX_H 56
#define GAP 28
#define TOP 8

static void step_box(struct buf *b, const struct proc_step *s, int y)
{
	struct buf roles = BUF_INIT;
	roles_format_labels(s->roles, &roles);
	const char *mark = s->flags & PROC_OPENS	? "（开始）"
			   : s->flags & PROC_CLOSES	? "（结案）"
			   : s->flags & PROC_PUBLISHES ? "（公示）"
						       : "";
	bool end = s->flags & (PROC_OPENS | PROC_CLOSES);
	html_f(b, "<g><rect class=\"step\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"6\""
		  " fill=\"%s\" stroke=\"#1d4f91\" stroke-width=\"%s\"/>",
	       BOX_X, y, BOX_W, BOX_H, end ? "#eef3fa" : "#ffffff", end ? "2.5" : "1.5");
	html_f(b, "<text x=\"%d\" y=\"%d\" font-size=\"15\" font-weight=\"bold\" fill=\"#1a1a1a\">"
		  "%s%s</text>",
	       FLOW_W / 2, y + 23, s->label, mark);
	html_f(b, "<text x=\"%d\" y=\"%d\" font-size=\"12\" fill=\"#444444\">办理：%s</text></g>\n",
	       FLOW_W / 2, y + 44, roles.len ? buf_cstr(&roles) : "—");
	buf_release(&roles);
}

static void arrow(struct buf *b, int y)
{
	int x = FLOW_W / 2;
	html_f(b, "<path d=\"M%d %d V%d\" stroke=\"#555555\" stroke-width=\"1.5\" fill=\"none\"/>"
		  "<path d=\"M%d %d l-6 -9 h12 z\" fill=\"#555555\"/>\n",
	       x, y, y + GAP - 2, x, y + GAP);
}

void flow_svg(struct buf *b, const struct proc_def *d, bool standalone)
{
	int height = TOP * 2 + (int)d->nsteps * (BOX_H + GAP) - (d->nsteps ? GAP : 0);
	if (standalone)
		html_raw(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	html_f(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"flowchart\" viewBox=\"0 0 %d %d\""
		  " width=\"%d\" height=\"%d\" role=\"img\" aria-labelledby=\"chart-title\""
		  " aria-describedby=\"chart-desc\">\n",
	       FLOW_W, height, FLOW_W, height);
	html_f(b, "<title id=\"chart-title\">%s流程图</title>\n<desc id=\"chart-desc\">共 %zu 个步骤，"
		  "按通常的办理顺序依次为：",
	       d->label, d->nsteps);
	for (size_t i = 0; i < d->nsteps; i++)
		html_f(b, "%s%s", i ? "、" : "", d->steps[i].label);
	html_raw(b, "。每一步的办理人、前置步骤、期限和文书见流程图下方的文字说明。</desc>\n");
	/* Presentation attributes, not a <style>: the pages' CSP allows no
	 * inline style. Lines meet 3:1 and text 4.5:1 on white. */
	html_raw(b, "<g font-family=\"sans-serif\" text-anchor=\"middle\">\n");
	for (size_t i = 0; i < d->nsteps; i++) {
		int y = TOP + (int)i * (BOX_H + GAP);
		step_box(b, &d->steps[i], y);
		if (i + 1 < d->nsteps)
			arrow(b, y + BOX_H);
	}
	html_raw(b, "</g>\n</svg>\n");
}
