/* qrsvg.c - see qrsvg.h. Each dark module becomes "M x y h1v1h-1z" in one
 * path; runs of dark modules in a row are merged ("h3") to keep a 41x41
 * code to a few kilobytes. */
#include "http/qrsvg.h"

#include <qrencode.h>

#include "http/html.h"

#define QR_QUIET 4 /* modules of white border the standard asks for */

bool qr_svg(struct buf *b, const char *text, const char *label)
{
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!q)
		return false;
	int w = q->width, side = w + 2 * QR_QUIET;
	html_f(b, "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
		  "role=\"img\" aria-label=\"%s\" shape-rendering=\"crispEdges\">"
		  "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
	       side, side, label, side, side);
	for (int y = 0; y < w; y++) {
		for (int x = 0; x < w;) {
			/* bit 0 of each byte: dark module */
			if (!(q->data[y * w + x] & 1)) {
				x++;
				continue;
			}
			int run = 1;
			while (x + run < w && (q->data[y * w + x + run] & 1))
				run++;
			html_f(b, "M%d %dh%dv1h-%dz", x + QR_QUIET, y + QR_QUIET, run, run);
			x += run;
		}
	}
	html_raw(b, "\"/></svg>");
	QRcode_free(q);
	return true;
}
