/* multipart_form.h - a small page form posted as multipart/form-data
 * with one file part, read from the body already buffered in memory
 * (HTTP_FORM_BODY_MAX): for files of a few kilobytes (a holiday calendar)
 * that need no streaming. stream_form.c, the one multipart reader, reads
 * it with the file kept in memory. Routes opt in with
 * ROUTE_MULTIPART; the CSRF field is checked afterwards like any form's. */
#ifndef FZ_HTTP_MULTIPART_FORM_H
#define FZ_HTTP_MULTIPART_FORM_H

#include "base/err.h"
#include "http/http.h"

#define MULTIPART_FORM_FIELDS 16
#define MULTIPART_FORM_FILE_FIELD "file"

/* Parses r->body into r->form (the text fields, UTF-8 checked) and
 * r->upload_name, r->upload_type, r->upload_data, r->upload_len (the
 * part named "file"; upload_data NULL when the form held none).
 * FZ_INVALID with a Chinese message for a body that is not such a form,
 * a second file, too many fields; FZ_NOMEM. */
enum fz_err multipart_form_read(struct req *r, struct fz_error *e) FZ_MUST_CHECK;

#endif
