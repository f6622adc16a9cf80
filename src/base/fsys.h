/* fsys.h - the file system steps the layers above share: one way to make
 * a directory, with one error for it. */
#ifndef FZ_BASE_FSYS_H
#define FZ_BASE_FSYS_H

#include "base/err.h"

/* Makes the directory path (mode 0700) unless it exists. FZ_IO otherwise,
 * field "data_dir", message "无法创建<what> <path>：<reason>" (what: "目录",
 * "数据目录" ...). */
enum fz_err fsys_dir_make(const char *path, const char *what, struct fz_error *e) FZ_MUST_CHECK;

#endif
