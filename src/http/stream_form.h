/* stream_form.h - a page form posted as multipart/form-data whose file
 * parts are streamed into evidence uploads (app/evidence.h: a temporary
 * file, digested as it is written) while the other fields are kept,
 * small, for the handler. Two ways: one file into an upload the caller
 * opened (evidence, signed in), or up to a few files each into an upload
 * of its own (stream_form_begin_files: a public form's attachments). In
 * both the proof of origin (the CSRF field) must come before the first
 * file: no byte of a file is kept before the form has shown it comes
 * from our own page. A third way keeps at most one file in memory, for a
 * small form whose body is buffered already (multipart_form.h; its CSRF
 * field is checked afterwards like any form's). libmicrohttpd's post
 * processor parses the body; this file only routes its parts. */
#ifndef FZ_HTTP_STREAM_FORM_H
#define FZ_HTTP_STREAM_FORM_H

#include <stdbool.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/err.h"
#include "http/form.h"
#include "http/http.h"

#define STREAM_FORM_FIELDS 16     /* text fields besides the file */
#define STREAM_FORM_VALUE_MAX 8192 /* bytes of one text field: a complaint's
                                    * 2000 characters of facts in UTF-8 */
#define STREAM_FORM_FILE_FIELD "file"

struct MHD_PostProcessor;

/* Several files, each into an upload of its own. */
struct stream_files {
	size_t max;                   /* files taken; one more is refused */
	int64_t file_max, total_max;  /* bytes of one, of all */
	const char *data_dir;
	int enum_alg;                 /* enum ledger_hash_alg */
	/* the form's origin besides a session's CSRF field: cookie and
	 * field that app_csrf_check pairs (NULL: the session's alone) */
	const char *cookie, *token_field;
	const char *too_many, *too_large, *too_large_all; /* Chinese answers */
};

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
	struct buf *mem;              /* stream_form_begin_memory only */
	/* stream_form_begin_files only */
	const struct stream_files *many;
	struct evidence_upload *ups;  /* many->max of them, in r->a */
	const char **names;           /* as sent */
	size_t nups;
	int64_t total;
	enum fz_err file_err;         /* a file refused (too many, too large):
	                               * the rest of the files is dropped, the
	                               * fields are still read, for the form */
	struct fz_error file_e;
};

/* Starts parsing r's body: FZ_INVALID (with a Chinese message) when the
 * request is not multipart/form-data. up must already be open. */
enum fz_err stream_form_begin(struct stream_form *sf, struct req *r,
			      struct evidence_upload *up, struct fz_error *e) FZ_MUST_CHECK;
/* Starts parsing r's body for several files (see struct stream_files;
 * fl must outlive the form). */
enum fz_err stream_form_begin_files(struct stream_form *sf, struct req *r,
				    const struct stream_files *fl, struct fz_error *e) FZ_MUST_CHECK;
/* Starts parsing r's body keeping the file part, if any, in mem (whose
 * cap limits it: buf_failed(mem) after finish when it was larger). */
enum fz_err stream_form_begin_memory(struct stream_form *sf, struct req *r, struct buf *mem,
				     struct fz_error *e) FZ_MUST_CHECK;
/* Feeds len bytes of the body. Failures are kept in sf->err (sticky). */
void stream_form_feed(struct stream_form *sf, const char *data, size_t len);
/* After the last byte: checks the body ended well and held a file; sets
 * r->form, r->upload_name and r->upload_type. In memory no file is
 * needed (file_seen tells). For several files: none is needed; the finished ones are sf->ups[0..nups) with sf->names, and
 * a refused file is sf->file_err (FZ_OK returned: the handler answers
 * with the form). */
enum fz_err stream_form_finish(struct stream_form *sf, struct fz_error *e) FZ_MUST_CHECK;
/* Frees the parser and removes every upload of several files not taken
 * (safe after finish, or if begin failed). */
void stream_form_release(struct stream_form *sf);

/* "2 GiB", "500 MiB", "16 字节": a limit as people read it, in a. */
const char *stream_form_size_text(struct arena *a, int64_t bytes);
/* The Chinese answer to a file over the limit max. */
const char *stream_form_too_large(struct arena *a, int64_t max);

#endif
