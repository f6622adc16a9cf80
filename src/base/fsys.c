/* fsys.c - file system steps shared by the evidence and document stores,
 * the ledger's keys and the witness's state (see fsys.h). */
#include "base/fsys.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

enum fz_err fsys_dir_make(const char *path, const char *what, struct fz_error *e)
{
	/* an existing directory (or a race with another maker) is success */
	if (mkdir(path, 0700) != 0 && errno != EEXIST)
		return fz_fail(e, FZ_IO, "data_dir", "无法创建%s %s：%s", what, path, strerror(errno));
	return FZ_OK;
}
