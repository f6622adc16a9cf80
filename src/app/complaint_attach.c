/* complaint_attach.c - the files the public attaches to a filing: checked
 * by count, size, kind (by content) and name before the filing is stored,
 * then listed and opened by staff who may read the complaint. */
#include "app/complaint_internal.h"

#include <fcntl.h>
#include <string.h>

#include "app/evidence.h"
#include "app/ledger.h"
#include "base/crypto.h"

/* The last part of a name a browser may send with its path. */
static const char *base_name(const char *name)
{
	const char *s = name ? name : "";
	const char *slash = strrchr(s, '/');
	const char *back = strrchr(s, '\\');
	if (back && (!slash || back > slash))
		slash = back;
	return slash ? slash + 1 : s;
}

enum fz_err complaint_files_check(struct app_ctx *ctx, struct complaint_file *files, size_t n,
				  struct complaint_attach *att, struct fz_error *e)
{
	enum ledger_hash_alg alg;
	int64_t total = 0;
	enum fz_err rc;
	if (!n)
		return FZ_OK;
	if (n > CMP_FILES_MAX)
		return fz_fail(e, FZ_INVALID, "files", "最多可附 %d 个文件，请删去多余的", CMP_FILES_MAX);
	if ((rc = app_ledger_alg(ctx, &alg, e)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		struct evidence_upload *up = files[i].up;
		const char *name = base_name(files[i].name);
		if (!up || up->fd >= 0 || !up->digest_len || up->digest_len != ledger_hash_size(alg))
			return fz_fail(e, FZ_INTERNAL, NULL, "内部错误：附件尚未接收完");
		if (up->size <= 0)
			return fz_fail(e, FZ_INVALID, "files", "附件“%s”是空文件，请另选文件", name);
		if (up->size > CMP_FILE_MAX)
			return fz_fail(e, FZ_TOOLARGE, "files",
				       "附件“%s”过大：每个文件不能超过 %lld MiB", name,
				       (long long)(CMP_FILE_MAX >> 20));
		total += up->size;
		if (total > CMP_FILES_TOTAL_MAX)
			return fz_fail(e, FZ_TOOLARGE, "files", "附件合计不能超过 %lld MiB",
				       (long long)(CMP_FILES_TOTAL_MAX >> 20));
		const char *type = complaint_attachment_type(up->head, up->head_len);
		if ((rc = complaint_attachment_name_check(name, type, "files", e)))
			return rc;
		memset(&att[i], 0, sizeof att[i]);
		att[i].up = up;
		att[i].row.file_name = name;
		att[i].row.media_type = type;
		att[i].row.size = up->size;
		crypto_hex(up->digest, up->digest_len, att[i].row.digest);
	}
	return FZ_OK;
}

enum fz_err app_complaint_attachments(struct app_ctx *ctx, int64_t id,
				      struct complaint_attachment **items, size_t *n,
				      struct fz_error *e)
{
	struct complaint c;
	enum fz_err rc;
	*items = NULL;
	*n = 0;
	if ((rc = app_complaint_get(ctx, id, &c, NULL, NULL, e)))
		return rc;
	return ctx->st->ops->complaint_attachments_of(ctx->st, ctx->a, id, items, n, e);
}

enum fz_err app_complaint_attachment_open(struct app_ctx *ctx, int64_t id, int64_t att_id,
					  struct complaint_attachment *out, int *fd,
					  struct fz_error *e)
{
	struct complaint_attachment *items;
	size_t n;
	char path[PATH_MAX];
	*fd = -1;
	enum fz_err rc = app_complaint_attachments(ctx, id, &items, &n, e);
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++) {
		if (items[i].id != att_id)
			continue;
		*out = items[i];
		if ((rc = app_evidence_path(ctx->cfg->data_dir, out->digest, path, e)))
			return rc;
		*fd = open(path, O_RDONLY | O_CLOEXEC);
		if (*fd < 0)
			return fz_fail(e, FZ_IO, "file", "附件文件缺失或无法读取");
		return FZ_OK;
	}
	return fz_fail(e, FZ_NOTFOUND, "id", "附件不存在");
}
