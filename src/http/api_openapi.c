/* api_openapi.c - GET /api/v1/openapi.json: the OpenAPI 3.0 description
 * of the JSON API, docs/openapi.json with the step-field schemas of the
 * definitions this server loaded (openapi.c), so that the binary always
 * serves its own contract. */
#include "app/case.h"
#include "http/handlers.h"
#include "http/openapi.h"
#include "http/resp.h"

int api_openapi(struct req *r)
{
	size_t n = 0;
	const struct proc_def *defs = app_procedures(&r->ctx, &n);
	json_t *doc = openapi_document(defs, defs ? n : 0);
	if (!doc)
		return resp_error(r, FZ_INTERNAL, NULL, "接口说明文档未编入程序");
	return resp_json(r, 200, doc);
}
