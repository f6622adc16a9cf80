/* api_evidence.c - evidence files of a case over the API: the streamed
 * upload (the server has already written the body to a temporary file and
 * digested it: r->upload), the list, and the download of one file with
 * its stored media type (only types a browser will not run) as an
 * attachment. */
#include <string.h>
#include <strings.h>

#include "app/evidence.h"
#include "base/crypto.h"
#include "http/form.h"
#include "http/handlers.h"
#include "http/jsonout_case.h"
#include "http/jsonout_org.h"
#include "http/paging.h"
#include "http/resp.h"

static json_t *json_evidence(const struct evidence *ev, const char *hash)
{
	json_t *o = json_object();
	o = json_put(o, "id", json_integer(ev->id));
	o = json_put(o, "case_id", json_integer(ev->case_id));
	o = json_put(o, "digest", json_string(ev->digest));
	o = json_put(o, "hash", json_string(hash));
	o = json_put(o, "size", json_integer(ev->size));
	o = json_put(o, "file_name", json_text(ev->file_name));
	o = json_put(o, "media_type", json_text(ev->media_type));
	o = json_put(o, "record_kind", json_text(ev->record_kind));
	o = json_put(o, "record_kind_label", json_text(evidence_record_kind_label(ev->record_kind)));
	o = json_put(o, "uploaded_by", ev->uploaded_by ? json_integer(ev->uploaded_by) : json_null());
	o = json_put(o, "uploaded_at", json_integer(ev->uploaded_at));
	return o;
}

/* "image/jpeg; q=1" -> "image/jpeg" in the arena; NULL when absent. */
static const char *media_type_of(struct req *r)
{
	const char *ct = req_header(r, "Content-Type");
	if (!ct)
		return NULL;
	size_t n = strcspn(ct, ";");
	while (n > 0 && (ct[n - 1] == ' ' || ct[n - 1] == '\t'))
		n--;
	char *t = arena_strndup(r->a, ct, n);
	for (char *p = t; p && *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return t;
}

int api_evidence_upload(struct req *r)
{
	struct fz_error e = { 0 };
	struct evidence ev;
	int64_t leaf = 0;
	if (!r->upload)
		return resp_error(r, FZ_INTERNAL, NULL, "内部错误：上传内容未经流式接收");
	struct evidence_meta meta = {
		.file_name = req_query(r, "name"),
		.media_type = media_type_of(r),
		.record_kind = req_query(r, "kind"),
	};
	enum fz_err rc = app_evidence_add(&r->ctx, req_param(r, "id"), &meta, r->upload, &ev, &leaf,
					  &e);
	if (rc)
		return resp_fail(r, rc, &e);
	json_t *o = json_evidence(&ev, app_ledger_hash_label(&r->ctx));
	o = json_put(o, "leaf_index", json_integer(leaf));
	return resp_json(r, 201, o);
}

int api_evidence_list(struct req *r)
{
	struct fz_error e = { 0 };
	struct page pg;
	struct evidence_list l;
	enum fz_err rc;
	if ((rc = paging_from_query(r, &pg, &e)) ||
	    (rc = app_evidence_list(&r->ctx, req_param(r, "id"), pg, &l, &e)))
		return resp_fail(r, rc, &e);
	const char *hash = app_ledger_hash_label(&r->ctx);
	json_t *items = json_array();
	for (size_t i = 0; i < l.n; i++)
		items = json_array_push(items, json_evidence(&l.items[i], hash));
	return resp_list(r, items, l.total, pg);
}

/* Media types a browser shows but never runs; anything else is sent as
 * application/octet-stream, so that an uploaded page cannot act as ours. */
static const char *safe_type(const char *t)
{
	static const char *const prefixes[] = { "image/png", "image/jpeg", "image/gif",
						"image/webp", "audio/", "video/", "text/plain",
						"application/pdf" };
	for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
		if (strncasecmp(t, prefixes[i], strlen(prefixes[i])) == 0)
			return t;
	return "application/octet-stream";
}

int api_evidence_download(struct req *r)
{
	struct fz_error e = { 0 };
	struct evidence ev;
	struct buf cd = BUF_INIT;
	int fd;
	enum fz_err rc = app_evidence_open(&r->ctx, req_param(r, "id"), req_param(r, "eid"), &ev,
					   &fd, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	/* RFC 6266: an ASCII fallback and the UTF-8 name percent-encoded */
	buf_adds(&cd, "attachment; filename=\"evidence-");
	buf_addf(&cd, "%lld\"; filename*=UTF-8''", (long long)ev.id);
	url_encode(&cd, ev.file_name);
	const char *disp = arena_strdup(r->a, buf_cstr(&cd));
	buf_release(&cd);
	const char *type = arena_strdup(r->a, safe_type(ev.media_type));
	int status = resp_file(r, 200, type, fd, (uint64_t)ev.size);
	if (disp)
		resp_header(r, "Content-Disposition", disp);
	resp_header(r, "X-Fazhi-Digest", arena_printf(r->a, "%s:%s", app_ledger_hash_label(&r->ctx),
					     ev.digest));
	return status;
}
