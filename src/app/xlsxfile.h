/* xlsxfile.h - the one way fazhi makes an XLSX in memory: a workbook
 * (libxlsxwriter) written to a private temporary file, then read back
 * into a buffer and the file removed. Used by the app's exports (lists,
 * statistics, open data, catalogues); only .c files include it. */
#ifndef FZ_APP_XLSXFILE_H
#define FZ_APP_XLSXFILE_H

#include <stddef.h>
#include <xlsxwriter.h>

#include "base/buf.h"
#include "base/err.h"

struct xlsx_book {
	lxw_workbook *wb;
	char path[4096];
};

/* A new workbook in a new file dir/stem-XXXXXX (dir NULL or "": /tmp);
 * FZ_IO with a Chinese message, nothing left behind, on failure. */
enum fz_err xlsx_book_open(struct xlsx_book *b, const char *dir, const char *stem,
			   struct fz_error *e) FZ_MUST_CHECK;
/* Closes the workbook, appends the file to out and removes the file. */
enum fz_err xlsx_book_close(struct xlsx_book *b, struct buf *out, struct fz_error *e)
	FZ_MUST_CHECK;
/* After a sheet or format could not be added: closes and removes the
 * file; returns FZ_IO "无法生成表格". */
enum fz_err xlsx_book_fail(struct xlsx_book *b, struct fz_error *e);
/* A string cell; nothing for NULL or "". */
void xlsx_str(lxw_worksheet *ws, size_t row, int col, const char *v);

#endif
