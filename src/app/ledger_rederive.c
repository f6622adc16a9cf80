/* ledger_rederive.c - the verifier's per-kind half: each kind of leaf
 * re-derived from its object (events re-serialised, evidence and
 * document files re-hashed, publications, power lists, complaints ...
 * encoded as the append path encoded them). One function per enum
 * ledger_kind, found by ledger_rederive_for; the walk over the tree and
 * the checkpoints is ledger_verify.c. */
#include "app/ledger_rederive.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "app/document.h"
#include "app/evidence.h"
#include "app/ledger_note.h"
#include "app/powerlist.h"
#include "base/crypto.h"

static const struct scope scope_all = { .kind = SCOPE_ALL };

void ledger_case_name(struct app_ctx *ctx, int64_t case_id, char *out, size_t n)
{
	struct enf_case c;
	if (ctx->st->ops->case_get(ctx->st, ctx->a, &scope_all, case_id, &c, NULL) == FZ_OK)
		snprintf(out, n, "%s", c.number);
	else
		snprintf(out, n, "#%lld", (long long)case_id);
}

/* The digest of the encoding in b (released) into out. */
static enum fz_err encoded(enum ledger_hash_alg alg, struct buf *b, struct ledger_rederived *out,
			   struct fz_error *e)
{
	if (buf_status(b)) {
		buf_release(b);
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	}
	out->len = ledger_digest(alg, b->data, b->len, out->digest);
	out->bytes += (int64_t)b->len;
	buf_release(b);
	return FZ_OK;
}

static enum fz_err event_rederive(struct app_ctx *ctx, enum ledger_hash_alg alg,
				  const char *data_dir, const struct ledger_leaf *lf,
				  struct ledger_rederived *out, struct fz_error *e)
{
	struct case_event ev;
	struct buf b = BUF_INIT;
	char number[128];
	(void)data_dir;
	enum fz_err rc = ctx->st->ops->case_event_get(ctx->st, ctx->a, lf->ref_id, &ev, e);
	if (rc)
		return rc;
	ledger_case_name(ctx, ev.case_id, number, sizeof number);
	snprintf(out->what, sizeof out->what, "案件 %s 第 %d 个事件", number, ev.seq);
	out->at = ev.at;
	out->case_id = ev.case_id;
	app_ledger_event_encode(&ev, &b);
	return encoded(alg, &b, out, e);
}

/* Re-hashes the file at path; fills out->problem when it is missing or
 * its bytes no longer have the digest (hex) and size it is stored with.
 * label names the kind of file: "证据文件", "文书文件". */
static enum fz_err file_check(enum ledger_hash_alg alg, const char *path, const char *label,
			      const char *want_hex, int64_t want_size, struct ledger_rederived *out,
			      struct fz_error *e)
{
	char hex[2 * LEDGER_DIGEST_MAX + 1];
	struct ledger_digest_ctx dc;
	enum fz_err rc;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(out->problem, sizeof out->problem, "%s缺失（%.200s）", label, path);
		return FZ_OK;
	}
	enum { CHUNK = 1 << 20 };
	unsigned char *chunk = malloc(CHUNK);
	if (!chunk || (rc = ledger_digest_init(&dc, alg))) {
		free(chunk);
		close(fd);
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	}
	int64_t size = 0;
	ssize_t n;
	while ((n = read(fd, chunk, CHUNK)) > 0) {
		if (ledger_digest_update(&dc, chunk, (size_t)n))
			break;
		size += n;
	}
	free(chunk);
	close(fd);
	unsigned char d[LEDGER_DIGEST_MAX];
	size_t len = 0;
	if (n != 0) {
		ledger_digest_abort(&dc);
		snprintf(out->problem, sizeof out->problem, "%s无法读取（%.200s）", label, path);
		return FZ_OK;
	}
	if ((rc = ledger_digest_final(&dc, d, &len)))
		return fz_fail(e, rc, NULL, NULL);
	out->files++;
	out->bytes += size;
	crypto_hex(d, len, hex);
	if (strcmp(hex, want_hex) != 0 || size != want_size)
		snprintf(out->problem, sizeof out->problem, "%s已被改动（%.180s 的摘要或大小不符）",
			 label, path);
	return FZ_OK;
}

static enum fz_err evidence_rederive(struct app_ctx *ctx, enum ledger_hash_alg alg,
				     const char *data_dir, const struct ledger_leaf *lf,
				     struct ledger_rederived *out, struct fz_error *e)
{
	struct evidence ev;
	struct buf b = BUF_INIT;
	char number[128];
	enum fz_err rc = ctx->st->ops->evidence_get(ctx->st, ctx->a, &scope_all, lf->ref_id, &ev, e);
	if (rc)
		return rc;
	ledger_case_name(ctx, ev.case_id, number, sizeof number);
	snprintf(out->what, sizeof out->what, "案件 %s 的证据材料“%s”", number, ev.file_name);
	out->at = ev.uploaded_at;
	app_ledger_evidence_encode(&ev, &b);
	if ((rc = encoded(alg, &b, out, e)))
		return rc;
	char path[PATH_MAX];
	if ((rc = app_evidence_path(data_dir, ev.digest, path, e)))
		return rc;
	return file_check(alg, path, "证据文件", ev.digest, ev.size, out, e);
}

/* A document's leaf holds the digest of its row (kind, title, number,
 * case, event, the PDF's digest and size ...); the PDF stored under that
 * digest must still have it. */
static enum fz_err document_rederive(struct app_ctx *ctx, enum ledger_hash_alg alg,
				     const char *data_dir, const struct ledger_leaf *lf,
				     struct ledger_rederived *out, struct fz_error *e)
{
	struct case_document doc;
	struct buf path = BUF_INIT, b = BUF_INIT;
	char number[128];
	enum fz_err rc = ctx->st->ops->document_get(ctx->st, ctx->a, &scope_all, lf->ref_id, &doc,
						    e);
	if (rc)
		return rc;
	ledger_case_name(ctx, doc.case_id, number, sizeof number);
	snprintf(out->what, sizeof out->what, "案件 %s 的文书“%s”%s", number, doc.title,
		 doc.number);
	out->at = doc.created_at;
	app_ledger_document_encode(&doc, &b);
	if ((rc = encoded(alg, &b, out, e)))
		return rc;
	if (!data_dir || app_document_path(data_dir, doc.digest, &path)) {
		buf_release(&path);
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	}
	rc = file_check(alg, buf_cstr(&path), "文书文件", doc.digest, doc.size, out, e);
	buf_release(&path);
	return rc;
}

static enum fz_err header_rederive(struct app_ctx *ctx, enum ledger_hash_alg alg,
				   const char *data_dir, const struct ledger_leaf *lf,
				   struct ledger_rederived *out, struct fz_error *e)
{
	struct case_header h;
	struct buf b = BUF_INIT;
	(void)data_dir;
	enum fz_err rc = ctx->st->ops->case_header_get(ctx->st, ctx->a, lf->ref_id, &h, e);
	if (rc)
		return rc;
	snprintf(out->what, sizeof out->what, "案件 %s 的第 %d 版案件信息", h.c.number, h.seq);
	out->at = h.at;
	app_ledger_header_encode(&h, &b);
	return encoded(alg, &b, out, e);
}

/* An export's leaf says how many records of each kind its case had; the
 * ledger before it must hold exactly those. */
static enum fz_err export_rederive(struct app_ctx *ctx, enum ledger_hash_alg alg,
				   const char *data_dir, const struct ledger_leaf *lf,
				   struct ledger_rederived *out, struct fz_error *e)
{
	struct case_export x;
	struct buf b = BUF_INIT;
	char number[128];
	int64_t n[6];
	(void)data_dir;
	enum fz_err rc = ctx->st->ops->case_export_get(ctx->st, ctx->a, lf->ref_id, &x, e);
	if (rc)
		return rc;
	ledger_case_name(ctx, x.case_id, number, sizeof number);
	snprintf(out->what, sizeof out->what, "案件 %s 的案卷导出记录", number);
	out->at = x.at;
	app_ledger_export_encode(&x, &b);
	if ((rc = encoded(alg, &b, out, e)) ||
	    (rc = ctx->st->ops->ledger_case_counts(ctx->st, x.case_id, lf->idx, n, e)))
		return rc;
	if (n[LEDGER_CASE_HEADER] != x.headers || n[LEDGER_CASE_EVENT] != x.events ||
	    n[LEDGER_EVIDENCE] != x.evidence || n[LEDGER_DOCUMENT] != x.documents)
		snprintf(out->problem, sizeof out->problem,
			 "导出时记载案件信息 %lld 版、事件 %lld 个、证据 %lld 份、文书 %lld 份，"
			 "账本中为 %lld、%lld、%lld、%lld",
			 (long long)x.headers, (long long)x.events, (long long)x.evidence,
			 (long long)x.documents, (long long)n[LEDGER_CASE_HEADER],
			 (long long)n[LEDGER_CASE_EVENT], (long long)n[LEDGER_EVIDENCE],
			 (long long)n[LEDGER_DOCUMENT]);
	return FZ_OK;
}

/* A rotation's leaf binds its statement; whether the statement is signed
 * by both keys is checked with the checkpoints (ledger_verify_trust.c). */
static enum fz_err rotation_rederive(struct app_ctx *ctx, enum ledger_hash_alg alg,
				     const char *data_dir, const struct ledger_leaf *lf,
				     struct ledger_rederived *out, struct fz_error *e)
{
	struct ledger_rotation_list rots;
	struct buf b = BUF_INIT;
	(void)data_dir;
	enum fz_err rc = ctx->st->ops->rotation_list(ctx->st, ctx->a, &rots, e);
	if (rc)
		return rc;
	for (size_t i = 0; i < rots.n; i++) {
		if (rots.items[i].id != lf->ref_id)
			continue;
		snprintf(out->what, sizeof out->what, "签名密钥轮换记录 #%lld", (long long)lf->ref_id);
		out->at = rots.items[i].at;
		app_ledger_rotation_encode(&rots.items[i], &b);
		return encoded(alg, &b, out, e);
	}
	return fz_fail(e, FZ_NOTFOUND, NULL, "密钥轮换记录 #%lld 不存在", (long long)lf->ref_id);
}

static enum fz_err publication_rederive(struct app_ctx *ctx, enum ledger_hash_alg alg,
					const char *data_dir, const struct ledger_leaf *lf,
					struct ledger_rederived *out, struct fz_error *e)
{
	struct publication_event ev;
	struct buf b = BUF_INIT;
	(void)data_dir;
	enum fz_err rc = ctx->st->ops->publication_event_get(ctx->st, ctx->a, lf->ref_id, &ev, e);
	if (rc)
		return rc;
	snprintf(out->what, sizeof out->what, "公示 #%lld 的%s记录", (long long)ev.publication_id,
		 strcmp(ev.action, "withdraw") == 0 ? "撤下" : "公示");
	out->at = ev.at;
	app_ledger_publication_encode(&ev, &b);
	return encoded(alg, &b, out, e);
}

static enum fz_err power_list_rederive(struct app_ctx *ctx, enum ledger_hash_alg alg,
				       const char *data_dir, const struct ledger_leaf *lf,
				       struct ledger_rederived *out, struct fz_error *e)
{
	struct power_list pl;
	struct buf b = BUF_INIT;
	(void)data_dir;
	enum fz_err rc = ctx->st->ops->power_list_get(ctx->st, ctx->a, lf->ref_id, &pl, e);
	if (rc)
		return rc;
	snprintf(out->what, sizeof out->what, "权责清单 #%lld（第 %lld 版）", (long long)pl.id,
		 (long long)pl.version);
	out->at = pl.published_at;
	app_power_list_encode(&pl, &b);
	return encoded(alg, &b, out, e);
}

static enum fz_err complaint_rederive(struct app_ctx *ctx, enum ledger_hash_alg alg,
				      const char *data_dir, const struct ledger_leaf *lf,
				      struct ledger_rederived *out, struct fz_error *e)
{
	struct complaint_event ev;
	struct buf b = BUF_INIT;
	(void)data_dir;
	enum fz_err rc = ctx->st->ops->complaint_event_get(ctx->st, ctx->a, lf->ref_id, &ev, e);
	if (rc)
		return rc;
	snprintf(out->what, sizeof out->what, "投诉 #%lld 的办理记录 #%lld",
		 (long long)ev.complaint_id, (long long)ev.id);
	out->at = ev.at;
	app_ledger_complaint_encode(&ev, &b);
	return encoded(alg, &b, out, e);
}

static enum fz_err oversight_rederive(struct app_ctx *ctx, enum ledger_hash_alg alg,
				      const char *data_dir, const struct ledger_leaf *lf,
				      struct ledger_rederived *out, struct fz_error *e)
{
	struct oversight_record r;
	struct buf b = BUF_INIT;
	(void)data_dir;
	enum fz_err rc = ctx->st->ops->oversight_record_get(ctx->st, ctx->a, lf->ref_id, &r, e);
	if (rc)
		return rc;
	snprintf(out->what, sizeof out->what, "监督记录 #%lld", (long long)r.id);
	out->at = r.at;
	app_ledger_oversight_encode(&r, &b);
	return encoded(alg, &b, out, e);
}

static enum fz_err comment_rederive(struct app_ctx *ctx, enum ledger_hash_alg alg,
				    const char *data_dir, const struct ledger_leaf *lf,
				    struct ledger_rederived *out, struct fz_error *e)
{
	struct comment_event ev;
	struct buf b = BUF_INIT;
	(void)data_dir;
	enum fz_err rc = ctx->st->ops->comment_event_get(ctx->st, ctx->a, lf->ref_id, &ev, e);
	if (rc)
		return rc;
	snprintf(out->what, sizeof out->what, "公众意见 #%lld 的记录 #%lld",
		 (long long)ev.comment_id, (long long)ev.id);
	out->at = ev.at;
	app_ledger_comment_encode(&ev, &b);
	return encoded(alg, &b, out, e);
}

static enum fz_err dcat_rederive(struct app_ctx *ctx, enum ledger_hash_alg alg,
				 const char *data_dir, const struct ledger_leaf *lf,
				 struct ledger_rederived *out, struct fz_error *e)
{
	struct decision_catalogue_entry en;
	struct buf b = BUF_INIT;
	(void)data_dir;
	enum fz_err rc = ctx->st->ops->decision_catalogue_entry_get(ctx->st, ctx->a, lf->ref_id,
								     &en, e);
	if (rc)
		return rc;
	snprintf(out->what, sizeof out->what, "决策事项目录记录 #%lld", (long long)en.id);
	out->at = en.at;
	app_ledger_dcat_encode(&en, &b);
	return encoded(alg, &b, out, e);
}

/* One line per kind of leaf, in enum ledger_kind order. */
static const struct {
	enum ledger_kind kind;
	ledger_rederive_fn fn;
} kinds[] = {
	{ LEDGER_CASE_EVENT, event_rederive },
	{ LEDGER_EVIDENCE, evidence_rederive },
	{ LEDGER_DOCUMENT, document_rederive },
	{ LEDGER_CASE_HEADER, header_rederive },
	{ LEDGER_CASE_EXPORT, export_rederive },
	{ LEDGER_KEY_ROTATION, rotation_rederive },
	{ LEDGER_PUBLICATION, publication_rederive },
	{ LEDGER_POWER_LIST, power_list_rederive },
	{ LEDGER_COMPLAINT, complaint_rederive },
	{ LEDGER_OVERSIGHT, oversight_rederive },
	{ LEDGER_DECISION_CATALOGUE, dcat_rederive },
	{ LEDGER_COMMENT, comment_rederive },
};

ledger_rederive_fn ledger_rederive_for(int kind)
{
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
		if ((int)kinds[k].kind == kind)
			return kinds[k].fn;
	return NULL;
}
