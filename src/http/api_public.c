/* api_public.c - the public certificate check (no sign-in): anyone facing
 * an inspector can ask whether a certificate number is real and valid.
 * It shows only what the certificate itself shows (holder name, agency,
 * domains, issuer, dates, status); never an ID number or a phone. */
#include "app/people.h"
#include "http/handlers.h"
#include "http/jsonout_org.h"
#include "http/resp.h"

int api_public_cert_check(struct req *r)
{
	struct fz_error e = { 0 };
	struct public_certificate pc;
	/* An unknown number is 404 not_found with a Chinese hint; a revoked
	 * one is found (200) with status "revoked", so the two differ. */
	enum fz_err rc = app_certificate_check(&r->ctx, req_param_str(r, "number"), &pc, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	return resp_json(r, 200, json_public_certificate(&pc));
}
