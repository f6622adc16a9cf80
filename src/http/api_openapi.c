/* api_openapi.c - GET /api/v1/openapi.json: the OpenAPI 3.0 description
 * of the JSON API (docs/openapi.json), embedded at build time by
 * scripts/embed.py so that the binary always serves its own contract. */
#include <string.h>

#include "base/embed.h"
#include "http/handlers.h"
#include "http/resp.h"

/* Made by scripts/embed.py from docs/openapi.json (src/http/meson.build). */
extern const struct embedded_file http_api_docs[];

int api_openapi(struct req *r)
{
	for (const struct embedded_file *f = http_api_docs; f->name; f++)
		if (strcmp(f->name, "openapi.json") == 0)
			return resp_static(r, "application/json; charset=utf-8", f->data, f->size,
					   false);
	return resp_error(r, FZ_NOTFOUND, NULL, "接口说明文档未编入程序");
}
