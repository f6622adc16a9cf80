/* api_document.c - a case's generated documents and its catalogue (卷内
 * 目录) as JSON, and one document's PDF as a download. Both are scoped
 * like the case: a document of another agency's case is 404. */
#include <stdio.h>

#include "app/document.h"
#include "app/ledger.h"
#include "http/handlers.h"
#include "http/jsonout_case.h"
#include "http/jsonout_org.h"
#include "http/resp.h"
#include "ledger/hash.h"

static json_t *json_case_document(const struct case_document *d, const char *hash)
{
	char href[64];
	snprintf(href, sizeof href, "/api/v1/documents/%lld/pdf", (long long)d->id);
	json_t *o = json_object();
	o = json_put(o, "id", json_integer(d->id));
	o = json_put(o, "case_id", json_integer(d->case_id));
	o = json_put(o, "event_id", json_integer(d->event_id));
	o = json_put(o, "kind", json_text(d->kind));
	o = json_put(o, "title", json_text(d->title));
	o = json_put(o, "number", json_text(d->number));
	o = json_put(o, "digest", json_text(d->digest));
	o = json_put(o, "hash", json_string(hash));
	o = json_put(o, "size", json_integer(d->size));
	o = json_put(o, "pages", json_integer(d->pages));
	o = json_put(o, "created_at", json_integer(d->created_at));
	return json_put(o, "pdf", json_string(href));
}

static json_t *json_catalogue_entry(const struct catalogue_entry *en)
{
	json_t *o = json_object();
	o = json_put(o, "seq", json_integer(en->seq));
	o = json_put(o, "kind", json_text(en->doc->id));
	o = json_put(o, "title", json_text(en->doc->label));
	o = json_put(o, "event_id", json_integer(en->event->id));
	o = json_put(o, "step", json_text(en->event->step));
	o = json_put(o, "on", json_text(en->event->on));
	o = json_put(o, "document_id", en->file ? json_integer(en->file->id) : json_null());
	o = json_put(o, "number", en->file ? json_text(en->file->number) : json_null());
	o = json_put(o, "first_page", en->file ? json_integer(en->first_page) : json_null());
	return json_put(o, "pages", en->file ? json_integer(en->file->pages) : json_null());
}

int api_case_documents(struct req *r)
{
	struct fz_error e = { 0 };
	struct case_files f;
	enum fz_err rc = app_case_files(&r->ctx, req_param(r, "id"), &f, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	const char *hash = app_ledger_hash_label(&r->ctx);
	json_t *docs = json_array(), *cat = json_array(), *missing = json_array();
	for (size_t i = 0; i < f.docs.n; i++)
		docs = json_array_push(docs, json_case_document(&f.docs.items[i], hash));
	for (size_t i = 0; i < f.cat.n; i++)
		cat = json_array_push(cat, json_catalogue_entry(&f.cat.entries[i]));
	for (size_t i = 0; i < f.cat.nmissing; i++) {
		json_t *m = json_object();
		m = json_put(m, "kind", json_text(f.cat.missing[i]->id));
		missing = json_array_push(missing, json_put(m, "title",
							    json_text(f.cat.missing[i]->label)));
	}
	json_t *o = json_object();
	o = json_put(o, "case_id", json_integer(f.c.id));
	o = json_put(o, "number", json_text(f.c.number));
	o = json_put(o, "items", docs);
	o = json_put(o, "catalogue", cat);
	return resp_json(r, 200, json_put(o, "missing", missing));
}

int api_document_pdf(struct req *r)
{
	struct fz_error e = { 0 };
	struct document_file f;
	enum fz_err rc = app_document_read(&r->ctx, req_param(r, "id"), &f, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	char disp[96];
	snprintf(disp, sizeof disp, "attachment; filename=\"document-%lld.pdf\"",
		 (long long)f.doc.id);
	resp_header(r, "Content-Disposition", disp);
	return resp_bytes(r, 200, "application/pdf", &f.bytes);
}

int api_case_document_latest(struct req *r)
{
	struct fz_error e = { 0 };
	struct document_file f;
	const char *kind = req_query(r, "kind");
	if (!kind || !*kind)
		return resp_error(r, FZ_INVALID, "kind", "请指明文书种类（kind），例如 legality_opinion");
	enum fz_err rc = app_document_latest(&r->ctx, req_param(r, "id"), kind, &f, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	char disp[96];
	snprintf(disp, sizeof disp, "attachment; filename=\"document-%lld.pdf\"",
		 (long long)f.doc.id);
	resp_header(r, "Content-Disposition", disp);
	return resp_bytes(r, 200, "application/pdf", &f.bytes);
}
