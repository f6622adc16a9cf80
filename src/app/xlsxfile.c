/* xlsxfile.c - workbooks in temporary files, read back into memory.
 * libxlsxwriter writes to a path (its in-memory mode still spools to
 * temporary files), so each export gets a private file (mkstemp, in the
 * data directory when one is configured) that is removed whatever
 * happens. */
#include "app/xlsxfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

enum fz_err xlsx_book_open(struct xlsx_book *b, const char *dir, const char *stem,
			   struct fz_error *e)
{
	b->wb = NULL;
	snprintf(b->path, sizeof b->path, "%s/%s-XXXXXX", dir && *dir ? dir : "/tmp", stem);
	int fd = mkstemp(b->path);
	if (fd < 0)
		return fz_fail(e, FZ_IO, NULL, "无法创建临时文件");
	close(fd);
	b->wb = workbook_new(b->path);
	if (!b->wb) {
		unlink(b->path);
		return fz_fail(e, FZ_IO, NULL, "无法生成表格");
	}
	return FZ_OK;
}

static enum fz_err slurp(const char *path, struct buf *out, struct fz_error *e)
{
	FILE *f = fopen(path, "rb");
	char chunk[8192];
	size_t n;
	if (!f)
		return fz_fail(e, FZ_IO, NULL, "无法读取生成的表格文件");
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(out, chunk, n);
	bool bad = ferror(f);
	fclose(f);
	if (bad)
		return fz_fail(e, FZ_IO, NULL, "无法读取生成的表格文件");
	return buf_status(out) ? fz_fail(e, FZ_NOMEM, NULL, NULL) : FZ_OK;
}

enum fz_err xlsx_book_close(struct xlsx_book *b, struct buf *out, struct fz_error *e)
{
	enum fz_err rc = workbook_close(b->wb) == LXW_NO_ERROR
				 ? slurp(b->path, out, e)
				 : fz_fail(e, FZ_IO, NULL, "无法生成表格");
	b->wb = NULL;
	unlink(b->path);
	return rc;
}

enum fz_err xlsx_book_fail(struct xlsx_book *b, struct fz_error *e)
{
	if (b->wb)
		workbook_close(b->wb);
	b->wb = NULL;
	unlink(b->path);
	return fz_fail(e, FZ_IO, NULL, "无法生成表格");
}

void xlsx_str(lxw_worksheet *ws, size_t row, int col, const char *v)
{
	if (v && *v)
		worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, v, NULL);
}
