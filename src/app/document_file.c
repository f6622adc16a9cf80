/* document_file.c - a drawn document's bytes kept under their digest in
 * the data directory (DATA/documents/ab/abcd…): written whole or not at
 * all, synced with its directory, so a document row never names a
 * missing or half-written file. */
#include "app/document.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/fsys.h"

static enum fz_err fsync_path(const char *path, int flags, struct fz_error *e)
{
	int fd = open(path, flags);
	if (fd < 0 || fsync(fd) != 0) {
		int err = errno;
		if (fd >= 0)
			close(fd);
		return fz_fail(e, FZ_IO, NULL, "无法同步 %s：%s", path, strerror(err));
	}
	close(fd);
	return FZ_OK;
}

/* Writes the bytes under their digest: to a temporary name, synced, then
 * renamed, so that a file under a digest name is always whole. A file
 * already there has these very bytes (same digest) and is kept. A file
 * written for a transaction that then rolls back stays, unreferenced. */
enum fz_err app_document_file_store(const char *data_dir, const char *hex,
				   const struct buf *bytes, struct fz_error *e)
{
	struct buf dir = BUF_INIT, path = BUF_INIT, tmp = BUF_INIT;
	enum fz_err rc;
	if ((rc = fsys_dir_make(data_dir, "目录", e)))
		goto out;
	buf_addf(&dir, "%s/documents", data_dir);
	if ((rc = fsys_dir_make(buf_cstr(&dir), "目录", e)))
		goto out;
	buf_addf(&dir, "/%.2s", hex);
	if ((rc = app_document_path(data_dir, hex, &path)) ||
	    (rc = fsys_dir_make(buf_cstr(&dir), "目录", e)))
		goto out;
	if (access(buf_cstr(&path), F_OK) == 0)
		goto out;
	/* unique per write, not only per process: two threads may store the
	 * same bytes at once (a draft and its commit), and a shared temporary
	 * name would be renamed away under the other */
	static unsigned long writes;
	buf_addf(&tmp, "%s/.%s.%ld.%lu.tmp", buf_cstr(&dir), hex, (long)getpid(),
		 __atomic_add_fetch(&writes, 1, __ATOMIC_RELAXED));
	if ((rc = buf_status(&tmp)))
		goto out;
	int fd = open(buf_cstr(&tmp), O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0) {
		rc = fz_fail(e, FZ_IO, NULL, "无法写入文书文件：%s", strerror(errno));
		goto out;
	}
	size_t done = 0;
	int err = 0;
	while (done < bytes->len) {
		ssize_t n = write(fd, bytes->data + done, bytes->len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			err = n < 0 ? errno : ENOSPC;
			break;
		}
		done += (size_t)n;
	}
	if (!err && fsync(fd) != 0)
		err = errno;
	if (close(fd) != 0 && !err)
		err = errno;
	if (!err && rename(buf_cstr(&tmp), buf_cstr(&path)) != 0)
		err = errno;
	if (err) {
		rc = fz_err_from_errno(err) == FZ_FULL
			     ? fz_fail(e, FZ_FULL, NULL,
				       "存储空间已满，文书未保存，请联系系统管理员")
			     : fz_fail(e, FZ_IO, NULL, "无法写入文书文件：%s", strerror(err));
		unlink(buf_cstr(&tmp));
		goto out;
	}
	rc = fsync_path(buf_cstr(&dir), O_RDONLY | O_DIRECTORY, e);
out:
	buf_release(&dir);
	buf_release(&path);
	buf_release(&tmp);
	return rc;
}
