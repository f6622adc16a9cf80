/* asset.c - serves the embedded stylesheet and the upload script. Each
 * URL carries a digest of the content; a request with the current digest
 * gets a year-long, immutable cache, any other (an old page) gets the
 * file uncached. */
#include "http/asset.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "http/handlers.h"
#include "http/resp.h"

struct asset {
	const char *name; /* in static/ */
	const char *type;
	const struct embedded_file *file;
	char version[9];
	char href[64];
};

static struct asset assets[] = {
	{ "fazhi.css", "text/css; charset=utf-8", NULL, "", "" },
	{ "upload.js", "text/javascript; charset=utf-8", NULL, "", "" },
};
#define ASSET_CSS (&assets[0])
#define ASSET_UPLOAD_JS (&assets[1])

static pthread_once_t assets_once = PTHREAD_ONCE_INIT;

static void assets_init(void)
{
	for (size_t i = 0; i < sizeof assets / sizeof assets[0]; i++) {
		struct asset *a = &assets[i];
		uint32_t h = 2166136261u; /* FNV-1a: a cache key, not a security check */
		for (const struct embedded_file *f = http_static_files; f->name; f++)
			if (strcmp(f->name, a->name) == 0)
				a->file = f;
		for (size_t k = 0; a->file && k < a->file->size; k++)
			h = (h ^ (unsigned char)a->file->data[k]) * 16777619u;
		char v[sizeof a->version];
		snprintf(v, sizeof v, "%08x", (unsigned)h);
		memcpy(a->version, v, sizeof v);
		snprintf(a->href, sizeof a->href, "/static/%s?v=%s", a->name, v);
	}
}

static int asset_serve(struct req *r, const struct asset *a)
{
	pthread_once(&assets_once, assets_init);
	if (!a->file)
		return resp_error(r, FZ_NOTFOUND, NULL, NULL);
	const char *v = req_query(r, "v");
	bool current = v && strcmp(v, a->version) == 0;
	return resp_static(r, a->type, a->file->data, a->file->size, current);
}

const char *asset_css_href(void)
{
	pthread_once(&assets_once, assets_init);
	return ASSET_CSS->href;
}

const char *asset_upload_js_href(void)
{
	pthread_once(&assets_once, assets_init);
	return ASSET_UPLOAD_JS->href;
}

int asset_css(struct req *r)
{
	return asset_serve(r, ASSET_CSS);
}

int asset_upload_js(struct req *r)
{
	return asset_serve(r, ASSET_UPLOAD_JS);
}
