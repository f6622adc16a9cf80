/* api_query.h - optional query parameters of API lists (?agency_id=3,
 * ?kind=officer, ?reviewer=true), parsed strictly, with errors that name
 * the parameter. The router has already checked they are valid UTF-8. */
#ifndef FZ_HTTP_API_QUERY_H
#define FZ_HTTP_API_QUERY_H

#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"
#include "http/http.h"

/* *out = def when absent; otherwise an integer in [min, max] or
 * FZ_INVALID naming the parameter. */
enum fz_err query_int(struct req *r, const char *name, int64_t min, int64_t max, int64_t def,
		      int64_t *out, struct fz_error *e) FZ_MUST_CHECK;
/* *out = -1 when absent, 1 for "true", 0 for "false"; FZ_INVALID else. */
enum fz_err query_bool(struct req *r, const char *name, int *out, struct fz_error *e)
	FZ_MUST_CHECK;
/* *out = NULL when absent or ""; else the value, at most max_chars
 * characters, or FZ_INVALID. */
enum fz_err query_text(struct req *r, const char *name, size_t max_chars, const char **out,
		       struct fz_error *e) FZ_MUST_CHECK;
/* *out = the index of the value in choices (NULL-terminated), or -1 when
 * absent; FZ_INVALID naming the parameter and the choices otherwise. */
enum fz_err query_choice(struct req *r, const char *name, const char *const *choices,
			 int *out, struct fz_error *e) FZ_MUST_CHECK;

#endif
