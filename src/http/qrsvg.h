/* qrsvg.h - a QR code (libqrencode) drawn as inline SVG: one path of
 * dark modules on a white square with the four-module quiet zone, so it
 * prints sharply at any size and needs no image file or script. */
#ifndef FZ_HTTP_QRSVG_H
#define FZ_HTTP_QRSVG_H

#include <stdbool.h>

#include "base/buf.h"

/* Appends <svg role="img" aria-label="label"> encoding text (8-bit mode,
 * error correction level M). label is escaped. False when text cannot be
 * encoded (too long, out of memory); nothing is appended then. */
bool qr_svg(struct buf *b, const char *text, const char *label);

#endif
