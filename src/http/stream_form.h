/* stream_form.h - a page form posted as multipart/form-data whose one
 * file part is streamed into an evidence upload (app/evidence.h) while
 * the other fields are kept, small, for the handler. libmicrohttpd's post
 * processor parses the multipart body; this file only routes its parts.
 * The CSRF field must come before the file: no byte of a file is kept
 * before the form has shown it comes from our own page. */
#ifndef FZ_HTTP_STREAM_FORM_H
#define FZ_HTTP_STREAM_FORM_H

#include <stdbool.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/err.h"
#include "http/form.h"
#include "http/http.h"

#define STREAM_FORM_FIELDS 16     /* text fields besides the file */
#define STREAM_FORM_VALUE_MAX 4096 /* bytes of one text field */
#define STREAM_FORM_FILE_FIELD "file"

struct MHD_PostProcessor;

struct stream_form {
	struct MHD_PostProcessor *pp;
	struct req *r;                /* r->form grows as fields complete */
	struct evidence_upload *up;   /* where the file part goes */
	struct form form;             /* fields array in r->a */
	char key[64];                 /* the text field being received, "" none */
	struct buf value;             /* its bytes so far */
	bool file_seen;               /* the file part has begun */
	enum fz_err err;              /* first failure; the rest is dropped */
	struct fz_error e;
};

/* Starts parsing r's body: FZ_INVALID (with a Chinese message) when the
 * request is not multipart/form-data. up must already be open. */
enum fz_err stream_form_begin(struct stream_form *sf, struct req *r,
			      struct evidence_upload *up, struct fz_error *e) FZ_MUST_CHECK;
/* Feeds len bytes of the body. Failures are kept in sf->err (sticky). */
void stream_form_feed(struct stream_form *sf, const char *data, size_t len);
/* After the last byte: checks the body ended well and held a file; sets
 * r->form, r->upload_name and r->upload_type. */
enum fz_err stream_form_finish(struct stream_form *sf, struct fz_error *e) FZ_MUST_CHECK;
/* Frees the parser (safe after finish, or if begin failed). */
void stream_form_release(struct stream_form *sf);

/* "2 GiB", "500 MiB", "16 字节": a limit as people read it, in a. */
const char *stream_form_size_text(struct arena *a, int64_t bytes);
/* The Chinese answer to a file over the limit max. */
const char *stream_form_too_large(struct arena *a, int64_t max);

#endif
