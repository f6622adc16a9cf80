/* multipart_form.c - see multipart_form.h. The parts are routed by
 * stream_form.c, the one multipart reader, with the file kept in memory;
 * this file hands its result over as the request's form and upload. */
#include "http/multipart_form.h"

#include <string.h>

#include "base/buf.h"
#include "http/stream_form.h"

_Static_assert(MULTIPART_FORM_FIELDS == STREAM_FORM_FIELDS, "one limit of text fields");

enum fz_err multipart_form_read(struct req *r, struct fz_error *e)
{
	struct stream_form sf;
	struct buf file;
	struct form *f = arena_alloc(r->a, sizeof *f);
	if (!r->conn)
		return fz_fail(e, FZ_INVALID, NULL, "不支持的表单格式：上传文件须使用 multipart/form-data");
	if (!f)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	buf_init(&file, HTTP_FORM_BODY_MAX);
	enum fz_err rc = stream_form_begin_memory(&sf, r, &file, e);
	if (!rc) {
		stream_form_feed(&sf, r->body, r->body_len);
		rc = stream_form_finish(&sf, e);
	}
	if (!rc && buf_failed(&file))
		rc = fz_fail(e, FZ_TOOLARGE, MULTIPART_FORM_FILE_FIELD, "上传的文件过大");
	if (!rc && sf.file_seen) {
		r->upload_len = file.len;
		/* bytes as sent, a NUL among them included (the parser
		 * refuses it, with its line) */
		char *data = arena_alloc(r->a, file.len + 1);
		if (data) {
			if (file.len)
				memcpy(data, file.data, file.len);
			data[file.len] = '\0';
		}
		r->upload_data = data;
		if (!data || !r->upload_name)
			rc = fz_fail(e, FZ_NOMEM, NULL, "内存不足");
	}
	/* r->form pointed at sf's own: the request keeps a copy, or none */
	r->form = NULL;
	if (!rc) {
		*f = sf.form;
		r->form = f;
	}
	stream_form_release(&sf);
	buf_release(&file);
	return rc;
}
