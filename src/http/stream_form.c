/* stream_form.c - see stream_form.h. libmicrohttpd hands each part to
 * on_part in pieces (off counts within the part); a text field is
 * complete when the next part begins or the body ends. */
#include "http/stream_form.h"

#include <microhttpd.h>
#include <string.h>
#include <strings.h>

#include "app/evidence.h"
#include "app/session.h"
#include "base/utf8.h"
#include "http/router.h"

#define PARSER_BUFFER (16 * 1024) /* headers of one part must fit */

static enum fz_err fail(struct stream_form *sf, enum fz_err rc, const char *field,
			const char *msg)
{
	if (!sf->err)
		sf->err = fz_fail(&sf->e, rc, field, "%s", msg);
	return sf->err;
}

/* The text field being received is complete: keep it (UTF-8 checked). */
static enum fz_err field_end(struct stream_form *sf)
{
	struct req *r = sf->r;
	if (!sf->key[0])
		return FZ_OK;
	const char *v = buf_cstr(&sf->value);
	if (buf_failed(&sf->value))
		return fail(sf, FZ_INVALID, sf->key, "表单字段过长");
	if (!utf8_valid(v, sf->value.len) || strlen(v) != sf->value.len)
		return fail(sf, FZ_INVALID, sf->key, "表单内容含有无效字符");
	if (sf->form.n >= STREAM_FORM_FIELDS)
		return fail(sf, FZ_INVALID, NULL, "表单字段过多");
	struct form_field *f = &sf->form.fields[sf->form.n];
	f->name = arena_strdup(r->a, sf->key);
	f->value = arena_strdup(r->a, v);
	if (!f->name || !f->value)
		return fail(sf, FZ_NOMEM, NULL, "内存不足");
	sf->form.n++;
	sf->key[0] = '\0';
	buf_reset(&sf->value);
	return FZ_OK;
}

/* The first byte of the file: the form must have proved its origin (a
 * form read in memory proves it afterwards). */
static enum fz_err file_begin(struct stream_form *sf, const char *filename,
			      const char *content_type)
{
	struct req *r = sf->r;
	if (sf->file_seen)
		return fail(sf, FZ_INVALID, STREAM_FORM_FILE_FIELD, "一次只能上传一个文件");
	sf->file_seen = true;
	if (!sf->mem && !router_stream_csrf_ok(r))
		return fail(sf, FZ_FORBIDDEN, "csrf",
			    "页面已过期或来源无法确认，请返回上一页刷新后重新提交");
	r->upload_name = filename ? arena_strdup(r->a, filename) : "";
	r->upload_type = content_type ? arena_strdup(r->a, content_type) : NULL;
	if (!r->upload_name || (content_type && !r->upload_type))
		return fail(sf, FZ_NOMEM, NULL, "内存不足");
	return FZ_OK;
}

/* Several files: a file refused for its number or size. What came of
 * the files is dropped; the fields are still read. */
static void file_refuse(struct stream_form *sf, enum fz_err rc, const char *msg)
{
	if (!sf->file_err)
		sf->file_err = fz_fail(&sf->file_e, rc, STREAM_FORM_FILE_FIELD, "%s", msg);
	for (size_t i = 0; i < sf->nups; i++)
		app_evidence_upload_abort(&sf->ups[i]);
	sf->nups = 0;
}

/* Several files: a part of one. */
static enum MHD_Result many_part(struct stream_form *sf, const char *filename, const char *data,
				 uint64_t off, size_t size)
{
	const struct stream_files *fl = sf->many;
	struct req *r = sf->r;
	if (off == 0 && !sf->file_seen) {
		sf->file_seen = true;
		if (!router_stream_csrf_ok(r) ||
		    (fl->cookie && !app_csrf_check(req_cookie(r, fl->cookie),
						   req_form(r, fl->token_field)))) {
			fail(sf, FZ_FORBIDDEN, "csrf",
			     "页面已过期或来源无法确认，请返回上一页刷新后重新提交");
			return MHD_NO;
		}
	}
	if (sf->file_err)
		return MHD_YES; /* read and dropped */
	if (off == 0) {
		if (sf->nups >= fl->max) {
			file_refuse(sf, FZ_INVALID, fl->too_many);
			return MHD_YES;
		}
		struct evidence_upload *up = &sf->ups[sf->nups];
		if ((sf->err = app_evidence_upload_begin(fl->data_dir, (enum ledger_hash_alg)fl->enum_alg,
							 fl->file_max, up, &sf->e)))
			return MHD_NO;
		sf->names[sf->nups] = arena_strdup(r->a, filename ? filename : "");
		sf->nups++;
		if (!sf->names[sf->nups - 1]) {
			fail(sf, FZ_NOMEM, NULL, "内存不足");
			return MHD_NO;
		}
	}
	if (!size)
		return MHD_YES;
	sf->total += (int64_t)size;
	if (sf->total > fl->total_max) {
		file_refuse(sf, FZ_TOOLARGE, fl->too_large_all);
		return MHD_YES;
	}
	struct fz_error we = { 0 };
	enum fz_err rc = app_evidence_upload_write(&sf->ups[sf->nups - 1], data, size, &we);
	if (rc == FZ_TOOLARGE) {
		file_refuse(sf, FZ_TOOLARGE, fl->too_large);
		return MHD_YES;
	}
	if (rc) {
		sf->err = rc;
		sf->e = we;
		return MHD_NO;
	}
	return MHD_YES;
}

static enum MHD_Result on_part(void *cls, enum MHD_ValueKind kind, const char *key,
			       const char *filename, const char *content_type,
			       const char *transfer_encoding, const char *data, uint64_t off,
			       size_t size)
{
	struct stream_form *sf = cls;
	(void)kind;
	(void)transfer_encoding;
	if (sf->err || (off == 0 && field_end(sf)))
		return MHD_NO;
	/* a part whose Content-Disposition names no field: libmicrohttpd
	 * passes key NULL (found by fuzz/fuzz_http.c; it crashed the server) */
	if (!key) {
		fail(sf, FZ_INVALID, NULL, "上传的表单中有未命名的字段");
		return MHD_NO;
	}
	if (strcmp(key, STREAM_FORM_FILE_FIELD) == 0) {
		/* a second file input left empty: a part without name or bytes */
		if (off == 0 && size == 0 && (!filename || !*filename))
			return MHD_YES;
		if (sf->many)
			return many_part(sf, filename, data, off, size);
		if (off == 0 && file_begin(sf, filename, content_type))
			return MHD_NO;
		if (sf->mem) {
			buf_add(sf->mem, data, size);
			return MHD_YES;
		}
		if (size && (sf->err = app_evidence_upload_write(sf->up, data, size, &sf->e)))
			return MHD_NO;
		return MHD_YES;
	}
	if (off == 0) {
		size_t n = strlen(key);
		if (n >= sizeof sf->key) {
			fail(sf, FZ_INVALID, NULL, "表单字段名过长");
			return MHD_NO;
		}
		memcpy(sf->key, key, n + 1);
	}
	buf_add(&sf->value, data, size);
	return MHD_YES;
}

enum fz_err stream_form_begin(struct stream_form *sf, struct req *r,
			      struct evidence_upload *up, struct fz_error *e)
{
	memset(sf, 0, sizeof *sf);
	sf->r = r;
	sf->up = up;
	buf_init(&sf->value, STREAM_FORM_VALUE_MAX);
	const char *ct = req_header(r, "Content-Type");
	if (!ct || strncasecmp(ct, "multipart/form-data", 19) != 0)
		return fz_fail(e, FZ_INVALID, NULL, "不支持的表单格式：上传文件须使用 multipart/form-data");
	sf->form.fields = arena_calloc(r->a, STREAM_FORM_FIELDS, sizeof *sf->form.fields);
	if (!sf->form.fields)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	r->form = &sf->form;
	sf->pp = MHD_create_post_processor(r->conn, PARSER_BUFFER, on_part, sf);
	if (!sf->pp)
		return fz_fail(e, FZ_INVALID, NULL, "无法解析上传的表单（缺少分隔符？）");
	return FZ_OK;
}

enum fz_err stream_form_begin_files(struct stream_form *sf, struct req *r,
				    const struct stream_files *fl, struct fz_error *e)
{
	struct evidence_upload *ups = arena_calloc(r->a, fl->max + 1, sizeof *ups);
	const char **names = arena_calloc(r->a, fl->max + 1, sizeof *names);
	if (!ups || !names)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	for (size_t i = 0; i <= fl->max; i++)
		ups[i].fd = -1;
	enum fz_err rc = stream_form_begin(sf, r, NULL, e);
	sf->many = fl;
	sf->ups = ups;
	sf->names = names;
	return rc;
}

enum fz_err stream_form_begin_memory(struct stream_form *sf, struct req *r, struct buf *mem,
				     struct fz_error *e)
{
	enum fz_err rc = stream_form_begin(sf, r, NULL, e);
	sf->mem = mem;
	return rc;
}

void stream_form_feed(struct stream_form *sf, const char *data, size_t len)
{
	if (sf->err || !sf->pp)
		return;
	if (MHD_post_process(sf->pp, data, len) != MHD_YES && !sf->err)
		fail(sf, FZ_INVALID, NULL, "上传的表单格式有误");
}

enum fz_err stream_form_finish(struct stream_form *sf, struct fz_error *e)
{
	if (!sf->err && sf->pp) {
		enum MHD_Result done = MHD_destroy_post_processor(sf->pp);
		sf->pp = NULL;
		if (field_end(sf) == FZ_OK && done != MHD_YES)
			fail(sf, FZ_INVALID, NULL, "上传未完成或表单格式有误，未作处理");
	}
	for (size_t i = 0; sf->many && !sf->err && i < sf->nups; i++)
		sf->err = app_evidence_upload_finish(&sf->ups[i], &sf->e);
	if (!sf->err && !sf->many && !sf->mem && (!sf->file_seen || !sf->up->size))
		fail(sf, FZ_INVALID, STREAM_FORM_FILE_FIELD, "请选择要上传的文件（文件不能为空）");
	if (sf->err) {
		*e = sf->e;
		return sf->err;
	}
	return FZ_OK;
}

void stream_form_release(struct stream_form *sf)
{
	if (sf->pp)
		(void)MHD_destroy_post_processor(sf->pp);
	sf->pp = NULL;
	for (size_t i = 0; sf->many && i < sf->nups; i++)
		app_evidence_upload_abort(&sf->ups[i]);
	buf_release(&sf->value);
}

const char *stream_form_size_text(struct arena *a, int64_t bytes)
{
	static const char *const units[] = { "KiB", "MiB", "GiB", "TiB" };
	if (bytes < 1024)
		return arena_printf(a, "%lld 字节", (long long)bytes);
	double v = (double)bytes / 1024;
	size_t u = 0;
	while (v >= 1024 && u + 1 < sizeof units / sizeof units[0]) {
		v /= 1024;
		u++;
	}
	return v == (double)(int64_t)v ? arena_printf(a, "%lld %s", (long long)v, units[u])
				       : arena_printf(a, "%.1f %s", v, units[u]);
}

const char *stream_form_too_large(struct arena *a, int64_t max)
{
	const char *limit = stream_form_size_text(a, max);
	return arena_printf(a, "文件过大：单个文件不能超过 %s。本次上传未保存任何内容，"
			       "请压缩或分割后重新上传。",
			    limit ? limit : "上限");
}
