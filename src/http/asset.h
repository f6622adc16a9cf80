/* asset.h - files embedded in the binary and served under /static/: the
 * stylesheet and the optional upload script (progress bar, size check;
 * pages work without it). Each URL carries a digest of its content, so that browsers
 * may cache it for a year and still see a new version at once. */
#ifndef FZ_HTTP_ASSET_H
#define FZ_HTTP_ASSET_H

#include "base/embed.h"

/* Made by scripts/embed.py from static/ (see src/http/meson.build). */
extern const struct embedded_file http_static_files[];

/* "/static/fazhi.css?v=<8 hex digits of FNV-1a of the content>". Static
 * storage; computed once, thread-safe. */
const char *asset_css_href(void);
/* "/static/upload.js?v=…", the same way. */
const char *asset_upload_js_href(void);

#endif
