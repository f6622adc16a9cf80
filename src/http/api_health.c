/* api_health.c - GET /healthz: answers {"status":"ok"} when storage
 * answers a trivial read, 503 otherwise. For load balancers and uptime
 * checks; public and cheap. */
#include "http/handlers.h"
#include "http/resp.h"

int api_healthz(struct req *r)
{
	struct store *st = r->ctx.st;
	struct fz_error e = { 0 };
	char *value = NULL;

	enum fz_err rc = st->ops->setting_get(st, r->a, "health.probe", &value, &e);
	if (rc != FZ_OK && rc != FZ_NOTFOUND)
		return resp_error_code(r, 503, fz_err_name(rc), NULL, "数据存储不可用");
	return resp_json(r, 200, json_pack("{s:s}", "status", "ok"));
}
