/* jsonin.h - reading a JSON request body into validated fields: UTF-8
 * checked before parsing, then each field's presence, type and length,
 * with errors that name the field. */

/* Getters carry a sticky error: after the first problem every later
 * getter returns its empty value, and the handler reports once:
 *
 *     struct jsonin in;
 *     jsonin_begin(&in, r);
 *     const char *name = jsonin_str(&in, "username", 64);
 *     bool admin = jsonin_bool_opt(&in, "admin", false);
 *     if (!jsonin_ok(&in))
 *             return jsonin_fail(&in);
 *
 * Unknown fields are refused: jsonin_ok() fails with field set to the
 * first key no getter asked for ("未知字段 x"), so a typo in a client is
 * an error, not a silently ignored value. Duplicate keys are refused too.
 * Strings are copied into the request arena; lengths count characters
 * (code points), not bytes. */
#ifndef FZ_HTTP_JSONIN_H
#define FZ_HTTP_JSONIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "http/http.h"

#define JSONIN_MAX_FIELDS 48

struct jsonin {
	struct req *r;
	struct json_t *root;  /* the object; owned by r (r->json) */
	struct fz_error err;  /* first error; err.code FZ_OK when none */
	const char *seen[JSONIN_MAX_FIELDS];
	size_t nseen;
};

/* Parses r->body. Errors (all FZ_INVALID, HTTP 400): invalid UTF-8
 * ("请求包含无效的 UTF-8 编码"), malformed JSON ("请求体不是有效的
 * JSON"), anything but an object ("请求体应为 JSON 对象"). */
void jsonin_begin(struct jsonin *in, struct req *r);

/* Required string: present, a string, not empty, at most max_chars
 * characters. NULL after an error. */
const char *jsonin_str(struct jsonin *in, const char *name, size_t max_chars);
/* Optional string: NULL when absent or null; "" allowed. */
const char *jsonin_str_opt(struct jsonin *in, const char *name, size_t max_chars);
/* Required integer within [min, max]. 0 after an error. */
int64_t jsonin_int(struct jsonin *in, const char *name, int64_t min, int64_t max);
/* Optional integer: def when absent or null. */
int64_t jsonin_int_opt(struct jsonin *in, const char *name, int64_t min, int64_t max,
		       int64_t def);
/* Required boolean. false after an error. */
bool jsonin_bool(struct jsonin *in, const char *name);
/* Optional boolean: def when absent or null. */
bool jsonin_bool_opt(struct jsonin *in, const char *name, bool def);
/* Optional boolean for updates: -1 when absent or null ("unchanged"),
 * else 0 or 1. */
int jsonin_bool_tri(struct jsonin *in, const char *name);
/* True when the field is present and not null (counts as read). */
bool jsonin_has(struct jsonin *in, const char *name);

/* True when no getter failed and the object has no unknown field. */
bool jsonin_ok(struct jsonin *in);
/* Answers the error as JSON (400 with code, message and field) and
 * returns the status. */
int jsonin_fail(struct jsonin *in);

#endif
