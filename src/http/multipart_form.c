/* multipart_form.c - see multipart_form.h. The post processor hands each
 * part over in pieces (off counts within the part); a text field ends
 * when the next part begins or the body ends. */
#include "http/multipart_form.h"

#include <microhttpd.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "base/utf8.h"
#include "http/form.h"

#define PARSER_BUFFER (16 * 1024)

struct mp {
	struct req *r;
	struct form form;
	char key[64];      /* the text field being received, "" none */
	struct buf value;
	struct buf file;
	bool file_seen;
	enum fz_err err;
	struct fz_error e;
};

static enum fz_err fail(struct mp *m, enum fz_err rc, const char *field, const char *msg)
{
	if (!m->err)
		m->err = fz_fail(&m->e, rc, field, "%s", msg);
	return m->err;
}

static enum fz_err field_end(struct mp *m)
{
	if (!m->key[0])
		return FZ_OK;
	const char *v = buf_cstr(&m->value);
	if (buf_failed(&m->value))
		return fail(m, FZ_INVALID, m->key, "表单字段过长");
	if (!utf8_valid(v, m->value.len) || strlen(v) != m->value.len)
		return fail(m, FZ_INVALID, m->key, "表单内容含有无效字符");
	if (m->form.n >= MULTIPART_FORM_FIELDS)
		return fail(m, FZ_INVALID, NULL, "表单字段过多");
	struct form_field *f = &m->form.fields[m->form.n];
	f->name = arena_strdup(m->r->a, m->key);
	f->value = arena_strdup(m->r->a, v);
	if (!f->name || !f->value)
		return fail(m, FZ_NOMEM, NULL, "内存不足");
	m->form.n++;
	m->key[0] = '\0';
	buf_reset(&m->value);
	return FZ_OK;
}

static enum MHD_Result on_part(void *cls, enum MHD_ValueKind kind, const char *key,
			       const char *filename, const char *content_type,
			       const char *transfer_encoding, const char *data, uint64_t off,
			       size_t size)
{
	struct mp *m = cls;
	struct req *r = m->r;
	(void)kind;
	(void)transfer_encoding;
	if (m->err || (off == 0 && field_end(m)))
		return MHD_NO;
	if (strcmp(key, MULTIPART_FORM_FILE_FIELD) == 0) {
		if (off == 0) {
			if (m->file_seen) {
				fail(m, FZ_INVALID, MULTIPART_FORM_FILE_FIELD, "一次只能上传一个文件");
				return MHD_NO;
			}
			m->file_seen = true;
			r->upload_name = arena_strdup(r->a, filename ? filename : "");
			r->upload_type = content_type ? arena_strdup(r->a, content_type) : NULL;
		}
		buf_add(&m->file, data, size);
		return MHD_YES;
	}
	if (off == 0) {
		size_t n = strlen(key);
		if (n >= sizeof m->key) {
			fail(m, FZ_INVALID, NULL, "表单字段名过长");
			return MHD_NO;
		}
		memcpy(m->key, key, n + 1);
	}
	buf_add(&m->value, data, size);
	return MHD_YES;
}

enum fz_err multipart_form_read(struct req *r, struct fz_error *e)
{
	struct mp m = { .r = r };
	enum fz_err rc = FZ_OK;
	const char *ct = req_header(r, "Content-Type");
	if (!ct || strncasecmp(ct, "multipart/form-data", 19) != 0 || !r->conn)
		return fz_fail(e, FZ_INVALID, NULL, "不支持的表单格式：上传文件须使用 multipart/form-data");
	m.form.fields = arena_calloc(r->a, MULTIPART_FORM_FIELDS, sizeof *m.form.fields);
	struct form *f = arena_alloc(r->a, sizeof *f);
	if (!m.form.fields || !f)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	buf_init(&m.value, 4096);
	buf_init(&m.file, HTTP_FORM_BODY_MAX);
	struct MHD_PostProcessor *pp = MHD_create_post_processor(r->conn, PARSER_BUFFER, on_part, &m);
	if (!pp) {
		rc = fz_fail(e, FZ_INVALID, NULL, "无法解析上传的表单（缺少分隔符？）");
		goto out;
	}
	enum MHD_Result ok = MHD_post_process(pp, r->body, r->body_len);
	enum MHD_Result done = MHD_destroy_post_processor(pp);
	if (!m.err && field_end(&m) == FZ_OK && (ok != MHD_YES || done != MHD_YES))
		fail(&m, FZ_INVALID, NULL, "上传未完成或表单格式有误，未作处理");
	if (!m.err && buf_failed(&m.file))
		fail(&m, FZ_TOOLARGE, MULTIPART_FORM_FILE_FIELD, "上传的文件过大");
	if (!m.err && m.file_seen) {
		r->upload_len = m.file.len;
		/* bytes as sent, a NUL among them included (the parser
		 * refuses it, with its line) */
		char *data = arena_alloc(r->a, m.file.len + 1);
		if (data) {
			if (m.file.len)
				memcpy(data, m.file.data, m.file.len);
			data[m.file.len] = '\0';
		}
		r->upload_data = data;
		if (!data || !r->upload_name)
			fail(&m, FZ_NOMEM, NULL, "内存不足");
	}
	if (m.err) {
		*e = m.e;
		rc = m.err;
		goto out;
	}
	*f = m.form;
	r->form = f;
out:
	buf_release(&m.value);
	buf_release(&m.file);
	return rc;
}
