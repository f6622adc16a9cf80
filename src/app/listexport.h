/* listexport.h - a list as a person sees it, written as a file: CSV
 * (UTF-8 with a BOM, formula-looking cells neutralised) or XLSX (every
 * cell a string, so a spreadsheet never computes or reformats one). The
 * rows are gathered by the caller through the list's own app function,
 * so they carry its scope and its masking; every export is audited. */
#ifndef FZ_APP_LISTEXPORT_H
#define FZ_APP_LISTEXPORT_H

#include <stddef.h>

#include "app/app.h"
#include "base/buf.h"

/* At most this many rows in one file: more is refused with a message
 * asking to narrow the filters (a list that long is a data dump, not a
 * working list). */
#define LIST_EXPORT_MAX 5000

enum list_format { LIST_HTML = 0, LIST_CSV = 1, LIST_XLSX = 2 };

/* head[ncols], then cells[nrows * ncols] row by row (NULL = ""). */
struct list_grid {
	const char *const *head;
	const char **cells;
	size_t nrows, ncols;
};

/* Writes g as fmt (LIST_CSV or LIST_XLSX) into out and audits the export
 * as "list.export" with object type list ("officers" ...) and a message
 * naming the rows and the filters (query, as the URL had it). A grid over
 * LIST_EXPORT_MAX rows is FZ_INVALID with the message to narrow it. */
enum fz_err app_list_export(struct app_ctx *ctx, const char *list, const char *query,
			    const struct list_grid *g, enum list_format fmt, struct buf *out,
			    struct fz_error *e) FZ_MUST_CHECK;

/* The message for a list of total rows that is too long to export. */
const char *list_export_too_long(struct arena *a, int64_t total);

#endif
