/* document.c - the case file: which documents a case holds (its
 * catalogue, 卷内目录) for the closing gate and for the pages, and reading
 * a generated document back, checked against its digest. Generation is
 * in document_make.c. */
#include "app/document.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/authz.h"
#include "app/ledger.h"
#include "app/procreg.h"
#include "base/crypto.h"
#include "docgen/docgen.h"

static const struct scope scope_all = { .kind = SCOPE_ALL };

void app_document_digest_hex(enum ledger_hash_alg alg, const void *data, size_t len,
			     char hex[DOCUMENT_DIGEST_HEX])
{
	unsigned char md[LEDGER_DIGEST_MAX];
	size_t n = ledger_digest(alg, data, len, md);
	crypto_hex(md, n, hex);
}

enum fz_err app_document_path(const char *data_dir, const char *digest_hex, struct buf *out)
{
	buf_reset(out);
	buf_addf(out, "%s/documents/%.2s/%s.pdf", data_dir, digest_hex, digest_hex);
	return buf_status(out);
}

enum fz_err app_case_filed(struct app_ctx *ctx, const struct proc_def *def, int64_t case_id,
			   const struct case_event *events, size_t nevents,
			   const char *const **filed, size_t *nfiled, struct fz_error *e)
{
	struct case_document_list docs;
	enum fz_err rc;
	*filed = NULL;
	*nfiled = 0;
	if ((rc = app_case_documents(ctx, case_id, &docs, e)))
		return rc;
	return app_case_filed_in(ctx, def, events, nevents, &docs, filed, nfiled, e);
}

enum fz_err app_case_documents(struct app_ctx *ctx, int64_t case_id,
			       struct case_document_list *docs, struct fz_error *e)
{
	return ctx->st->ops->document_list(ctx->st, ctx->a, &scope_all, case_id, docs, e);
}

enum fz_err app_case_filed_in(struct app_ctx *ctx, const struct proc_def *def,
			      const struct case_event *events, size_t nevents,
			      const struct case_document_list *docs, const char *const **filed,
			      size_t *nfiled, struct fz_error *e)
{
	struct catalogue cat;
	enum fz_err rc;
	*filed = NULL;
	*nfiled = 0;
	if ((rc = catalogue_build(def, events, nevents, docs->items, docs->n, docgen_kinds(),
				  ctx->a, &cat, e)))
		return rc;
	*filed = cat.filed;
	*nfiled = cat.nfiled;
	return FZ_OK;
}

enum fz_err app_case_files(struct app_ctx *ctx, int64_t case_id, struct case_files *out,
			   struct fz_error *e)
{
	const struct proc_registry *reg;
	enum fz_err rc = app_require(ctx, PERM_CASE_READ, "document.read", e);
	if (rc)
		return rc;
	memset(out, 0, sizeof *out);
	if (!(reg = ctx->cfg->procs ? ctx->cfg->procs : proc_registry_builtin(e)))
		return FZ_INTERNAL;
	if ((rc = ctx->st->ops->case_get(ctx->st, ctx->a, &ctx->scope, case_id, &out->c, e)) ||
	    (rc = ctx->st->ops->case_events(ctx->st, ctx->a, &ctx->scope, case_id, &out->events,
					    e)) ||
	    (rc = ctx->st->ops->document_list(ctx->st, ctx->a, &ctx->scope, case_id, &out->docs,
					      e)))
		return rc;
	if (!(out->def = proc_registry_find(reg, out->c.procedure)))
		return fz_fail(e, FZ_INTERNAL, NULL, "本案的执法程序“%s”未加载", out->c.procedure);
	return catalogue_build(out->def, out->events.items, out->events.n, out->docs.items,
			       out->docs.n, docgen_kinds(), ctx->a, &out->cat, e);
}

/* Reads the whole file at path into b (documents are tens of KiB). */
static enum fz_err file_read(const char *path, struct buf *b, struct fz_error *e)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return fz_fail(e, FZ_INTERNAL, NULL, "文书文件缺失（%s）", strerror(errno));
	char chunk[16384];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(b, chunk, n);
	bool bad = ferror(f) != 0;
	fclose(f);
	if (bad)
		return fz_fail(e, FZ_IO, NULL, "读取文书文件失败");
	return buf_status(b) ? fz_fail(e, FZ_NOMEM, NULL, NULL) : FZ_OK;
}

enum fz_err app_document_read(struct app_ctx *ctx, int64_t id, struct document_file *out,
			      struct fz_error *e)
{
	struct buf path = BUF_INIT;
	enum fz_err rc = app_require(ctx, PERM_CASE_READ, "document.read", e);
	memset(out, 0, sizeof *out);
	buf_init(&out->bytes, 0);
	if (rc)
		return rc;
	if (!ctx->cfg->data_dir)
		return fz_fail(e, FZ_INTERNAL, NULL, "服务器未配置数据目录，无法读取文书");
	if ((rc = ctx->st->ops->document_get(ctx->st, ctx->a, &ctx->scope, id, &out->doc, e)))
		return rc;
	if ((rc = app_document_path(ctx->cfg->data_dir, out->doc.digest, &path)) ||
	    (rc = file_read(buf_cstr(&path), &out->bytes, e)))
		goto fail;
	/* never serve bytes that are not the ones digested into the ledger */
	char hex[DOCUMENT_DIGEST_HEX];
	enum ledger_hash_alg alg;
	if ((rc = app_ledger_alg(ctx, &alg, e)))
		goto fail;
	app_document_digest_hex(alg, out->bytes.data, out->bytes.len, hex);
	if (strcmp(hex, out->doc.digest) != 0) {
		const char *msg = "文书文件与登记的摘要不符，可能已被改动";
		(void)app_audit_now(ctx, "document.read", "document", id, "failed", msg);
		rc = fz_fail(e, FZ_INTERNAL, NULL, "%s", msg);
		goto fail;
	}
	buf_release(&path);
	return FZ_OK;
fail:
	buf_release(&path);
	buf_release(&out->bytes);
	return rc;
}

/* The label of the first step of def that produces doc ("" when none). */
static const char *producing_step(const struct proc_def *def, const char *doc)
{
	for (size_t i = 0; i < def->nsteps; i++)
		for (size_t k = 0; k < def->steps[i].produces.n; k++)
			if (strcmp(def->steps[i].produces.items[k].id, doc) == 0)
				return def->steps[i].label;
	return "";
}

enum fz_err app_document_latest(struct app_ctx *ctx, int64_t case_id, const char *kind,
				struct document_file *out, struct fz_error *e)
{
	struct case_files f;
	enum fz_err rc;
	memset(out, 0, sizeof *out);
	buf_init(&out->bytes, 0);
	if ((rc = app_case_files(ctx, case_id, &f, e)))
		return rc;
	const struct proc_doc *doc = kind && *kind ? proc_doc_find(f.def, kind) : NULL;
	const char *step = doc ? producing_step(f.def, doc->id) : "";
	if (!doc || !docgen_kind_find(doc->id) || !*step)
		return fz_fail(e, FZ_NOTFOUND, "kind", "本%s的程序不生成文书“%s”",
			       f.c.party_kind ? "案件" : "事项", kind ? kind : "");
	const struct case_document *found = NULL;
	for (size_t i = 0; i < f.docs.n; i++)
		if (strcmp(f.docs.items[i].kind, doc->id) == 0)
			found = &f.docs.items[i];
	if (!found)
		return fz_fail(e, FZ_CONFLICT, "kind", "尚未办理“%s”，还没有%s", step, doc->label);
	return app_document_read(ctx, found->id, out, e);
}
