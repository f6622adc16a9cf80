/* opendata.h - open data (开放数据): the published decisions (already
 * redacted) of an agency and period, all of them, as CSV or XLSX (the
 * JSON form is written at the HTTP edge from the same list). Only what
 * the portal shows: live publications and withdrawal notices. */
#ifndef FZ_APP_OPENDATA_H
#define FZ_APP_OPENDATA_H

#include "app/app.h"
#include "base/buf.h"
#include "domain/publication.h"

/* At most this many publications in one download. */
#define OPENDATA_MAX 10000

/* Every public publication matching f (public_only forced), in ctx's
 * arena, oldest first; FZ_TOOLARGE (message: narrow the period) past
 * OPENDATA_MAX. */
enum fz_err app_opendata_collect(struct app_ctx *ctx, const struct publication_filter *f,
				 struct publication_list *out, struct fz_error *e) FZ_MUST_CHECK;

/* The columns, in order, as the CSV header and the XLSX first row. */
extern const char *const opendata_columns[];
/* Column k's value of p (arena a for formatted ones). */
const char *opendata_value(const struct publication *p, size_t k, struct arena *a);
size_t opendata_ncolumns(void);

/* The list as CSV (UTF-8 with BOM, CRLF) appended to out. */
enum fz_err opendata_csv(const struct publication_list *l, struct arena *a, struct buf *out,
			 struct fz_error *e) FZ_MUST_CHECK;
/* The list as an XLSX workbook (libxlsxwriter), written through a
 * temporary file in tmp_dir, appended to out. */
enum fz_err opendata_xlsx(const struct publication_list *l, struct arena *a,
			  const char *tmp_dir, struct buf *out, struct fz_error *e) FZ_MUST_CHECK;

#endif
