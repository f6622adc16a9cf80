/* api_policy.c - GET/PUT /api/v1/policy: the security policy (session
 * timeouts, sign-in lockout), read and set by the security administrator.
 * Ranges are the app layer's; a value out of range names its field. */
#include "app/policy.h"
#include "http/handlers.h"
#include "http/jsonin.h"
#include "http/resp.h"

static json_t *json_policy(const struct policy *p)
{
	return json_pack("{s:i, s:i, s:i, s:i, s:i}", "idle_minutes", p->idle_minutes,
			 "max_hours", p->max_hours, "lockout_threshold", p->lockout_threshold,
			 "lockout_minutes", p->lockout_minutes, "client_failure_limit",
			 p->client_failure_limit);
}

int api_policy_get(struct req *r)
{
	struct fz_error e = { 0 };
	struct policy p;
	enum fz_err rc = app_policy_get(&r->ctx, &p, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	return resp_json(r, 200, json_policy(&p));
}

int api_policy_put(struct req *r)
{
	struct fz_error e = { 0 };
	struct policy p;
	struct jsonin in;

	jsonin_begin(&in, r);
	/* Every field is required: a policy is set whole. The ranges are
	 * checked by the app layer, so wide limits here. */
	p.idle_minutes = (int)jsonin_int(&in, "idle_minutes", 0, 100000);
	p.max_hours = (int)jsonin_int(&in, "max_hours", 0, 100000);
	p.lockout_threshold = (int)jsonin_int(&in, "lockout_threshold", 0, 100000);
	p.lockout_minutes = (int)jsonin_int(&in, "lockout_minutes", 0, 100000);
	p.client_failure_limit = (int)jsonin_int(&in, "client_failure_limit", 0, 100000);
	if (!jsonin_ok(&in))
		return jsonin_fail(&in);
	enum fz_err rc = app_policy_set(&r->ctx, &p, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	return resp_json(r, 200, json_policy(&p));
}
