/* evidence.c - evidence files: received into a temporary file while their
 * digest is computed, moved to their content address under the write
 * lock, and registered with their case and the ledger in one transaction,
 * so that an error leaves neither a row nor a stray file behind. */
#include "app/evidence.h"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/audit.h"
#include "app/authz.h"
#include "base/crypto.h"
#include "base/fsys.h"

int64_t app_evidence_max(const struct app_ctx *ctx)
{
	return ctx->cfg && ctx->cfg->evidence_max > 0 ? ctx->cfg->evidence_max
						      : EVIDENCE_MAX_DEFAULT;
}

static enum fz_err join(char out[PATH_MAX], struct fz_error *e, const char *fmt, ...)
	FZ_PRINTF(3, 4);
static enum fz_err join(char out[PATH_MAX], struct fz_error *e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(out, PATH_MAX, fmt, ap);
	va_end(ap);
	if (n < 0 || n >= PATH_MAX)
		return fz_fail(e, FZ_INVALID, "data_dir", "数据目录路径过长");
	return FZ_OK;
}

enum fz_err app_evidence_path(const char *data_dir, const char *digest_hex, char out[PATH_MAX],
			      struct fz_error *e)
{
	if (!data_dir || !*data_dir)
		return fz_fail(e, FZ_INTERNAL, "data_dir", "未配置数据目录，不能保存证据文件");
	if (strlen(digest_hex) < 32 || strspn(digest_hex, "0123456789abcdef") != strlen(digest_hex))
		return fz_fail(e, FZ_INVALID, "digest", "文件摘要无效");
	return join(out, e, "%s/evidence/%.2s/%s", data_dir, digest_hex, digest_hex);
}

/* --- receiving --- */

enum fz_err app_evidence_upload_begin(const char *data_dir, enum ledger_hash_alg alg, int64_t max,
				      struct evidence_upload *up, struct fz_error *e)
{
	char tmp[PATH_MAX];
	enum fz_err rc;
	memset(up, 0, sizeof *up);
	up->fd = -1;
	up->max = max;
	if (!data_dir || !*data_dir)
		return fz_fail(e, FZ_INTERNAL, "data_dir", "未配置数据目录，不能接收证据文件");
	if ((rc = fsys_dir_make(data_dir, "目录", e)) ||
	    (rc = join(tmp, e, "%s/tmp", data_dir)) ||
	    (rc = fsys_dir_make(tmp, "目录", e)) ||
	    (rc = join(up->tmp_path, e, "%s/upload-XXXXXX", tmp)))
		return rc;
	up->fd = mkstemp(up->tmp_path);
	if (up->fd < 0) {
		up->tmp_path[0] = '\0';
		return fz_fail(e, FZ_IO, NULL, "无法创建临时文件：%s", strerror(errno));
	}
	if ((rc = ledger_digest_init(&up->dc, alg))) {
		app_evidence_upload_abort(up);
		return fz_fail(e, rc, NULL, NULL);
	}
	return FZ_OK;
}

enum fz_err app_evidence_upload_write(struct evidence_upload *up, const void *data, size_t len,
				      struct fz_error *e)
{
	const char *p = data;
	if (up->fd < 0)
		return fz_fail(e, FZ_INTERNAL, NULL, "内部错误：上传文件未打开");
	if ((uint64_t)up->size + len > (uint64_t)up->max)
		return fz_fail(e, FZ_TOOLARGE, "file", "文件超过 %lld 字节的上限",
			       (long long)up->max);
	enum fz_err rc = ledger_digest_update(&up->dc, data, len);
	if (rc)
		return fz_fail(e, rc, NULL, NULL);
	if (up->head_len < sizeof up->head) {
		size_t k = sizeof up->head - up->head_len;
		if (k > len)
			k = len;
		memcpy(up->head + up->head_len, data, k);
		up->head_len += k;
	}
	while (len > 0) {
		ssize_t w = write(up->fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			int err = w < 0 ? errno : ENOSPC;
			if (fz_err_from_errno(err) == FZ_FULL)
				return fz_fail(e, FZ_FULL, "file",
					       "存储空间已满，证据文件未保存，请联系系统管理员");
			return fz_fail(e, FZ_IO, "file", "写入临时文件失败：%s", strerror(err));
		}
		p += w;
		len -= (size_t)w;
		up->size += w;
	}
	return FZ_OK;
}

enum fz_err app_evidence_upload_finish(struct evidence_upload *up, struct fz_error *e)
{
	if (up->fd < 0)
		return fz_fail(e, FZ_INTERNAL, NULL, "内部错误：上传文件未打开");
	int err = fsync(up->fd) == 0 ? 0 : errno;
	if (close(up->fd) != 0 && !err)
		err = errno;
	up->fd = -1;
	if (err)
		return fz_err_from_errno(err) == FZ_FULL
			       ? fz_fail(e, FZ_FULL, "file",
					 "存储空间已满，证据文件未保存，请联系系统管理员")
			       : fz_fail(e, FZ_IO, "file", "保存临时文件失败：%s", strerror(err));
	enum fz_err rc = ledger_digest_final(&up->dc, up->digest, &up->digest_len);
	return rc ? fz_fail(e, rc, NULL, NULL) : FZ_OK;
}

void app_evidence_upload_abort(struct evidence_upload *up)
{
	if (up->fd >= 0)
		close(up->fd);
	up->fd = -1;
	if (up->tmp_path[0])
		unlink(up->tmp_path);
	up->tmp_path[0] = '\0';
	ledger_digest_abort(&up->dc);
}

/* --- registering --- */

static void dir_sync(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
}

/* Moves the upload to its content address; *created is false when the
 * same content was there already (then the upload is simply dropped).
 * Runs under the write lock, so no other add races for the same path. */
enum fz_err app_evidence_place(const char *data_dir, struct evidence_upload *up, const char *hex,
			       char path[PATH_MAX], bool *created, struct fz_error *e)
{
	char dir[PATH_MAX];
	struct stat sb;
	enum fz_err rc;
	*created = false;
	if ((rc = app_evidence_path(data_dir, hex, path, e)) ||
	    (rc = join(dir, e, "%s/evidence", data_dir)) || (rc = fsys_dir_make(dir, "目录", e)) ||
	    (rc = join(dir, e, "%s/evidence/%.2s", data_dir, hex)) ||
	    (rc = fsys_dir_make(dir, "目录", e)))
		return rc;
	if (stat(path, &sb) == 0) {
		app_evidence_upload_abort(up);
		return FZ_OK;
	}
	(void)chmod(up->tmp_path, 0400);
	if (rename(up->tmp_path, path) != 0)
		return fz_fail(e, FZ_IO, "file", "无法保存证据文件：%s", strerror(errno));
	up->tmp_path[0] = '\0';
	dir_sync(dir);
	*created = true;
	return FZ_OK;
}

static const char *size_text(struct app_ctx *ctx, int64_t n)
{
	if (n >= (int64_t)1 << 30)
		return arena_printf(ctx->a, "%.1f GiB", (double)n / (double)((int64_t)1 << 30));
	return arena_printf(ctx->a, "%.1f MiB", (double)n / (double)(1 << 20));
}

/* The agency's evidence quota: its own when set, else the configured
 * one. Checked inside the write transaction, so two uploads cannot both
 * slip under it. */
static enum fz_err quota_check(struct app_ctx *ctx, int64_t agency_id, int64_t size,
			       struct fz_error *e)
{
	int64_t used = 0, quota = -1;
	enum fz_err rc = ctx->st->ops->agency_evidence_usage(ctx->st, agency_id, &used, &quota, e);
	if (rc)
		return rc;
	if (quota < 0)
		quota = ctx->cfg->evidence_quota > 0 ? ctx->cfg->evidence_quota
						     : EVIDENCE_QUOTA_DEFAULT;
	if (size <= quota - used)
		return FZ_OK;
	return fz_fail(e, FZ_TOOLARGE, "file",
		       "本机关的证据存储空间已满（已用 %s，上限 %s），这个文件（%s）无法保存，"
		       "请联系系统管理员扩大存储配额",
		       size_text(ctx, used), size_text(ctx, quota), size_text(ctx, size));
}

enum fz_err app_evidence_room(struct app_ctx *ctx, int64_t case_id, int64_t size,
			      struct fz_error *e)
{
	struct enf_case c;
	struct fz_error ignore;
	if (!ctx->user || !authz_allows(ctx->user->roles, PERM_CASE_ACT) ||
	    ctx->st->ops->case_get(ctx->st, ctx->a, &ctx->scope, case_id, &c, &ignore))
		return FZ_OK; /* refused, or not found, later and in its own words */
	return quota_check(ctx, c.agency_id, size > 0 ? size : 1, e);
}

enum fz_err app_evidence_add(struct app_ctx *ctx, int64_t case_id,
			     const struct evidence_meta *meta, struct evidence_upload *up,
			     struct evidence *out, int64_t *leaf_index, struct fz_error *e)
{
	struct enf_case c;
	struct evidence ev = { .case_id = case_id };
	char path[PATH_MAX] = "";
	bool created = false;
	unsigned char rd[LEDGER_DIGEST_MAX];
	enum fz_err rc;

	if ((rc = app_require(ctx, PERM_CASE_ACT, "evidence.add", e)) ||
	    (rc = evidence_meta_check(meta->file_name, meta->media_type, meta->record_kind, e)))
		goto out;
	if (up->fd >= 0 || !up->digest_len || up->tmp_path[0] == '\0') {
		rc = fz_fail(e, FZ_INTERNAL, NULL, "内部错误：上传文件尚未接收完");
		goto out;
	}
	crypto_hex(up->digest, up->digest_len, ev.digest);
	ev.size = up->size;
	ev.file_name = meta->file_name;
	ev.media_type = meta->media_type;
	ev.record_kind = meta->record_kind;
	ev.uploaded_by = ctx->user ? ctx->user->id : 0;
	ev.uploaded_at = ctx->now;
	if ((rc = app_tx_begin(ctx, e)))
		goto out;
	if ((rc = ctx->st->ops->case_get(ctx->st, ctx->a, &ctx->scope, case_id, &c, e)))
		goto abort;
	if (c.closed) {
		rc = fz_fail(e, FZ_CONFLICT, "case_id", "案件已结案，不能再添加证据材料");
		goto abort;
	}
	if ((rc = quota_check(ctx, c.agency_id, ev.size, e)))
		goto abort;
	if ((rc = app_evidence_place(ctx->cfg->data_dir, up, ev.digest, path, &created, e)) ||
	    (rc = ctx->st->ops->evidence_insert(ctx->st, &ev, e)))
		goto abort;
	enum ledger_hash_alg alg;
	if ((rc = app_ledger_alg(ctx, &alg, e)))
		goto abort;
	if (up->digest_len != ledger_hash_size(alg)) {
		rc = fz_fail(e, FZ_INTERNAL, NULL, "内部错误：上传文件的摘要算法与账本不同");
		goto abort;
	}
	size_t n = app_ledger_evidence_digest(alg, &ev, rd);
	if (!n) {
		rc = fz_fail(e, FZ_NOMEM, NULL, NULL);
		goto abort;
	}
	if ((rc = app_ledger_append(ctx, LEDGER_EVIDENCE, ev.id, rd, n, leaf_index, e)))
		goto abort;
	struct audit_diff d = { .n = 0 };
	audit_diff_int(ctx, &d, "case_id", 0, case_id);
	audit_diff_str(ctx, &d, "file_name", NULL, ev.file_name);
	audit_diff_str(ctx, &d, "record_kind", NULL, ev.record_kind);
	audit_diff_str(ctx, &d, "digest", NULL, ev.digest);
	audit_diff_int(ctx, &d, "size", 0, ev.size);
	if ((rc = app_tx_finish(ctx, "evidence.add", "evidence", ev.id, c.number, &d, e)))
		goto out;
	if (out)
		*out = ev;
	app_evidence_upload_abort(up);
	return FZ_OK;
abort:
	app_tx_abort(ctx);
out:
	/* A file this call put in place is not referenced by any row. */
	if (rc && created)
		unlink(path);
	app_evidence_upload_abort(up);
	return rc;
}

enum fz_err app_evidence_add_bytes(struct app_ctx *ctx, int64_t case_id,
				   const struct evidence_meta *meta, const void *data, size_t len,
				   struct evidence *out, struct fz_error *e)
{
	struct evidence_upload up;
	enum ledger_hash_alg alg;
	enum fz_err rc = app_ledger_alg(ctx, &alg, e);
	if (!rc)
		rc = app_evidence_upload_begin(ctx->cfg->data_dir, alg, app_evidence_max(ctx), &up,
					       e);
	if (rc)
		return rc;
	if ((rc = app_evidence_upload_write(&up, data, len, e)) ||
	    (rc = app_evidence_upload_finish(&up, e))) {
		app_evidence_upload_abort(&up);
		return rc;
	}
	return app_evidence_add(ctx, case_id, meta, &up, out, NULL, e);
}

/* --- reading --- */

enum fz_err app_evidence_list(struct app_ctx *ctx, int64_t case_id, struct page pg,
			      struct evidence_list *out, struct fz_error *e)
{
	struct enf_case c;
	enum fz_err rc;
	memset(out, 0, sizeof *out);
	if ((rc = app_require(ctx, PERM_CASE_READ, "case.read", e)) ||
	    (rc = ctx->st->ops->case_get(ctx->st, ctx->a, &ctx->scope, case_id, &c, e)))
		return rc;
	return ctx->st->ops->evidence_list(ctx->st, ctx->a, &ctx->scope, case_id, pg, out, e);
}

enum fz_err app_evidence_open(struct app_ctx *ctx, int64_t case_id, int64_t id,
			      struct evidence *out, int *fd, struct fz_error *e)
{
	char path[PATH_MAX];
	enum fz_err rc;
	*fd = -1;
	if ((rc = app_require(ctx, PERM_CASE_READ, "case.read", e)) ||
	    (rc = ctx->st->ops->evidence_get(ctx->st, ctx->a, &ctx->scope, id, out, e)))
		return rc;
	if (out->case_id != case_id)
		return fz_fail(e, FZ_NOTFOUND, "id", "证据材料不存在");
	if ((rc = app_evidence_path(ctx->cfg->data_dir, out->digest, path, e)))
		return rc;
	*fd = open(path, O_RDONLY | O_CLOEXEC);
	if (*fd < 0)
		return fz_fail(e, FZ_IO, "file", "证据文件缺失或无法读取");
	return FZ_OK;
}
