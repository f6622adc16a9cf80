/* document.h - enforcement documents (执法文书) as use cases: generated as
 * PDF when the step that produces them is taken, numbered (文号) without
 * gaps, stored under their digest in the data directory with their digest
 * in the ledger; the case file's catalogue (卷内目录); reading a document
 * back, checked against its digest. */
#ifndef FZ_APP_DOCUMENT_H
#define FZ_APP_DOCUMENT_H

#include <stdbool.h>

#include "app/app.h"
#include "base/buf.h"
#include "ledger/hash.h"
#include "domain/case.h"
#include "domain/catalogue.h"
#include "domain/procedure.h"

struct proc_registry;
/* Documents drawn ahead of the write transaction (opaque, in ctx's arena). */
struct document_drafts;

/* Draws, before the step's write transaction and without its lock, the
 * documents ev's step will produce: the record as the step will leave it
 * (before: the stored events; ev: the new one, not stored), each with the
 * number its series would give now; each PDF is stored under its digest
 * (a draft that is not used leaves an unreferenced file, as a rolled-back
 * transaction does). *out NULL when the step draws nothing. Nothing is
 * written to the database. */
enum fz_err app_documents_draft(struct app_ctx *ctx, const struct proc_def *def,
				const struct enf_case *c, const struct case_event_list *before,
				const struct case_event *ev, struct document_drafts **out,
				struct fz_error *e) FZ_MUST_CHECK;
/* Whether a step of that id draws a document in any loaded procedure (a
 * step that cannot needs no draft). */
bool app_documents_step_draws(const struct proc_registry *reg, const char *step);

/* Generates the documents ev's step produces that the system renders
 * (docgen_kinds), inside the caller's write transaction, after ev was
 * appended (app_case_open, app_case_act): for each, takes the next number
 * of its series and composes the document; uses the draft (may be NULL)
 * that says exactly the same, else renders the PDF now and writes it
 * under its digest; stores its metadata and appends its digest to the
 * ledger - all or nothing with the step. FZ_OK when there is nothing to
 * render; FZ_INTERNAL when the process has no data directory; FZ_IO when
 * the file cannot be written. */
enum fz_err app_documents_generate(struct app_ctx *ctx, const struct proc_def *def,
				   const struct enf_case *c, const struct case_event *ev,
				   const struct document_drafts *drafts,
				   struct fz_error *e) FZ_MUST_CHECK;
/* Documents drawn so far in this process from a draft (before the write
 * transaction) and inside it (a statistic: tests, docs/PERFORMANCE.md). */
void app_documents_drawn(long *before, long *inside);

/* The text of the document ev's step produced and stored (the first
 * that the system renders and that is not record_only: a review opinion
 * or an account of comments is never what is published), as plain lines: issuer, title, number, body
 * and date; appended to out, its number in *number (arena). FZ_NOTFOUND
 * when the step produces no rendered document. events: the record to
 * draw from (ev among them), NULL for the case's stored events. all:
 * every document the step produces, record_only ones too, one after the
 * other (what a correction may not change once they are public). Reads
 * unscoped, in the caller's transaction (the publication pipeline). */
enum fz_err app_document_text(struct app_ctx *ctx, const struct proc_def *def,
			      const struct enf_case *c, const struct case_event *ev,
			      const struct case_event_list *events, bool all, struct buf *out,
			      const char **number, struct fz_error *e) FZ_MUST_CHECK;

/* Generates, in one transaction, the documents case_id's steps produced
 * that were never generated (a case recorded before documents existed,
 * 005_documents.sql): each takes the next number of its series now and is
 * dated by its event. Audited "document.backfill"; *made counts them. */
enum fz_err app_documents_backfill(struct app_ctx *ctx, int64_t case_id, int *made,
				   struct fz_error *e) FZ_MUST_CHECK;

/* The document ids the case file of case_id holds (for proc_ctx.filed),
 * read unscoped (the caller has read the case in scope). */
enum fz_err app_case_filed(struct app_ctx *ctx, const struct proc_def *def, int64_t case_id,
			   const struct case_event *events, size_t nevents,
			   const char *const **filed, size_t *nfiled, struct fz_error *e)
	FZ_MUST_CHECK;
/* The same in two parts: the case's documents as stored (docs, in ctx->a),
 * and the ids filed given those documents and events. A step reads the
 * documents once for its gates and gives them to its status when it has
 * inserted none since (app_ctx.documents_inserted). */
enum fz_err app_case_documents(struct app_ctx *ctx, int64_t case_id,
			       struct case_document_list *docs, struct fz_error *e) FZ_MUST_CHECK;
enum fz_err app_case_filed_in(struct app_ctx *ctx, const struct proc_def *def,
			      const struct case_event *events, size_t nevents,
			      const struct case_document_list *docs, const char *const **filed,
			      size_t *nfiled, struct fz_error *e) FZ_MUST_CHECK;

/* A case's documents and its catalogue, read in the caller's scope. */
struct case_files {
	struct enf_case c;
	const struct proc_def *def;
	struct case_event_list events;
	struct case_document_list docs;
	struct catalogue cat;
};
enum fz_err app_case_files(struct app_ctx *ctx, int64_t case_id, struct case_files *out,
			   struct fz_error *e) FZ_MUST_CHECK;

/* One document's metadata and bytes (in out->bytes, which the caller
 * releases with buf_release), in scope. The bytes are checked against
 * the stored digest: a changed or missing file is FZ_INTERNAL with a
 * message saying so (and an audit record), never served. */
struct document_file {
	struct case_document doc;
	struct buf bytes;
};
enum fz_err app_document_read(struct app_ctx *ctx, int64_t id, struct document_file *out,
			      struct fz_error *e) FZ_MUST_CHECK;

/* The latest document of kind case_id's steps produced (its metadata and
 * bytes, as app_document_read), in scope: the 合法性审核意见书 of a matter
 * without knowing its id. FZ_NOTFOUND naming kind when the case's
 * procedure produces no such document the system draws; FZ_CONFLICT
 * naming kind, with the step that produces it, while that step has not
 * been taken (nothing is drawn or recorded by asking). */
enum fz_err app_document_latest(struct app_ctx *ctx, int64_t case_id, const char *kind,
				struct document_file *out, struct fz_error *e) FZ_MUST_CHECK;

/* Lower-case hex of the ledger's digest of len bytes (the name a
 * document is stored under and the digest its row and leaf record). */
#define DOCUMENT_DIGEST_HEX (2 * 64 + 1)
void app_document_digest_hex(enum ledger_hash_alg alg, const void *data, size_t len,
			     char hex[DOCUMENT_DIGEST_HEX]);

/* The path of a document's bytes under data_dir:
 * DATA_DIR/documents/<first two hex digits>/<digest>.pdf. */
/* Writes bytes under their digest hex (document_file.c): to a temporary
 * name, synced, then renamed; a file already there is kept. FZ_FULL when
 * the disk is full, FZ_IO otherwise, with a Chinese message. */
enum fz_err app_document_file_store(const char *data_dir, const char *hex,
				   const struct buf *bytes, struct fz_error *e) FZ_MUST_CHECK;
enum fz_err app_document_path(const char *data_dir, const char *digest_hex, struct buf *out);

#endif
