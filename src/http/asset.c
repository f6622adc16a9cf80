/* asset.c - serves the embedded stylesheet. Its URL carries a digest of
 * the content; a request with the current digest gets a year-long,
 * immutable cache, any other (an old page) gets the file uncached. */
#include "http/asset.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "http/handlers.h"
#include "http/resp.h"

static pthread_once_t css_once = PTHREAD_ONCE_INIT;
static const struct embedded_file *css_file;
static char css_version[9];
static char css_href[64];

static void css_init(void)
{
	uint32_t h = 2166136261u; /* FNV-1a: a cache key, not a security check */

	for (const struct embedded_file *f = http_static_files; f->name; f++)
		if (strcmp(f->name, "fazhi.css") == 0)
			css_file = f;
	if (css_file)
		for (size_t i = 0; i < css_file->size; i++)
			h = (h ^ (unsigned char)css_file->data[i]) * 16777619u;
	snprintf(css_version, sizeof css_version, "%08x", (unsigned)h);
	snprintf(css_href, sizeof css_href, "/static/fazhi.css?v=%s", css_version);
}

const char *asset_css_href(void)
{
	pthread_once(&css_once, css_init);
	return css_href;
}

int asset_css(struct req *r)
{
	pthread_once(&css_once, css_init);
	if (!css_file)
		return resp_error(r, FZ_NOTFOUND, NULL, NULL);
	const char *v = req_query(r, "v");
	bool current = v && strcmp(v, css_version) == 0;
	return resp_static(r, "text/css; charset=utf-8", css_file->data, css_file->size,
			   current);
}
