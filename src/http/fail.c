/* fail.c - one answer for an error, in the form the client speaks: JSON
 * for the API, a Chinese page for the browser. The router and the server
 * report through here so that both kinds stay consistent. */
#include "http/layout.h"
#include "http/resp.h"

int http_fail(struct req *r, int status, const char *code, const char *field,
	      const char *message)
{
	if (req_is_api(r))
		return resp_error_code(r, status, code, field, message);
	return page_error(r, status, message);
}

int http_fail_fz(struct req *r, enum fz_err rc, const struct fz_error *e)
{
	const char *msg = e && e->message[0] ? e->message : fz_err_message(rc);
	const char *field = e && e->message[0] ? e->field : NULL;
	return http_fail(r, fz_err_http_status(rc), fz_err_name(rc), field, msg);
}
