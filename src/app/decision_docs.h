/* decision_docs.h - the yearly decision catalogue (决策事项目录) as
 * documents: the approved catalogue drawn as a PDF (its items in force,
 * then every adjustment with its reason) and the catalogue as an XLSX
 * workbook, both from its entries (app/decision.c), never typed again
 * (docs/DECISIONS.md). Read-only: nothing is recorded. */
#ifndef FZ_APP_DECISION_DOCS_H
#define FZ_APP_DECISION_DOCS_H

#include <stdbool.h>
#include <stdint.h>

#include "app/app.h"
#include "base/buf.h"

/* Catalogue id drawn as an A4 PDF into out (appended), seen as
 * app_dcat_view sees it (public: only an approved one). FZ_CONFLICT
 * naming id while it is not approved (the document is the approved
 * catalogue); FZ_NOTFOUND; FZ_INVALID when it holds more items than one
 * document can. *year gets its year (for the file's name). */
enum fz_err app_dcat_pdf(struct app_ctx *ctx, int64_t id, bool public, struct buf *out,
			 int *year, struct fz_error *e) FZ_MUST_CHECK;

/* Catalogue id as an XLSX workbook into out: a sheet of its items (in
 * force, adjusted in or removed, with the reasons) and a sheet of its
 * entries in order. Staff see a catalogue still being drafted; the
 * public (public true) only an approved one. */
enum fz_err app_dcat_xlsx(struct app_ctx *ctx, int64_t id, bool public, struct buf *out,
			  int *year, struct fz_error *e) FZ_MUST_CHECK;

#endif
