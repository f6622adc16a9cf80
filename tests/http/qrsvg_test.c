/* qrsvg_test.c - the SVG drawn by qr_svg has exactly libqrencode's dark
 * modules, at their places inside the quiet zone: the path is read back
 * into a matrix and compared module by module. */
#include "http/qrsvg.h"

#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "t.h"

#define URL "http://127.0.0.1:8080/certificates/check?number=NX05220001"

TEST(qr_svg_draws_every_dark_module_and_nothing_else)
{
	struct buf b = BUF_INIT;
	QRcode *q = QRcode_encodeString(URL, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	REQUIRE(q);
	int w = q->width, side = w + 8;
	REQUIRE(qr_svg(&b, URL, "执法证查询二维码"));
	const char *svg = buf_cstr(&b);
	char head[64];
	snprintf(head, sizeof head, "viewBox=\"0 0 %d %d\"", side, side);
	CHECK_CONTAINS(svg, head);
	CHECK_CONTAINS(svg, "role=\"img\" aria-label=\"执法证查询二维码\"");

	unsigned char *seen = calloc((size_t)side * (size_t)side, 1);
	REQUIRE(seen);
	const char *d = strstr(svg, " d=\"");
	REQUIRE(d);
	d += 4;
	int x, y, run, back, n;
	bool well_formed = true;
	while (*d == 'M') {
		if (sscanf(d, "M%d %dh%dv1h-%dz%n", &x, &y, &run, &back, &n) != 4 || run != back ||
		    x < 4 || y < 4 || x + run > side - 4 || y >= side - 4) {
			well_formed = false;
			break;
		}
		for (int i = 0; i < run; i++)
			seen[y * side + x + i]++;
		d += n;
	}
	CHECK(well_formed);
	CHECK(*d == '"');
	int wrong = 0;
	for (int r = 0; r < w; r++)
		for (int c = 0; c < w; c++)
			wrong += seen[(r + 4) * side + c + 4] != (q->data[r * w + c] & 1);
	CHECK_INT(wrong, 0);
	free(seen);
	QRcode_free(q);
	buf_release(&b);
}

TEST(qr_svg_escapes_its_label)
{
	struct buf b = BUF_INIT;
	REQUIRE(qr_svg(&b, "x", "a\"<b>"));
	CHECK_CONTAINS(buf_cstr(&b), "aria-label=\"a&quot;&lt;b&gt;\"");
	buf_release(&b);
}
