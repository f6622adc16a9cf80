/* form.h - application/x-www-form-urlencoded bodies and URL encoding.
 *
 * A posted form is decoded once, by form_parse(), into name/value pairs
 * that are percent-decoded and checked to be well-formed UTF-8; handlers
 * then read fields with req_form(). */
#ifndef FZ_HTTP_FORM_H
#define FZ_HTTP_FORM_H

#include <stddef.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"

#define FORM_MAX_FIELDS 256

struct form_field {
	const char *name;
	const char *value;
};

struct form {
	struct form_field *fields; /* in the order sent; in the arena */
	size_t n;
};

/* Decodes len bytes of body ("a=1&b=%E4%B8%AD") into out, allocating in
 * a. '+' is a space; "%XX" needs two hex digits. FZ_INVALID with a
 * Chinese message on a bad escape, invalid UTF-8 (or a NUL byte) in a
 * name or value, or more than FORM_MAX_FIELDS fields; FZ_NOMEM. */
enum fz_err form_parse(struct arena *a, const char *body, size_t len, struct form *out,
		       struct fz_error *e) FZ_MUST_CHECK;

/* The value of the first field called name, or NULL. */
const char *form_get(const struct form *f, const char *name);

/* Appends s percent-encoded for a query string or form value: everything
 * but A-Z a-z 0-9 - . _ ~ becomes %XX (UTF-8 bytes one by one). */
void url_encode(struct buf *b, const char *s);

#endif
