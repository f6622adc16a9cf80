/* ledger_verify.c - the verifier. Leaves are walked in order; each one's
 * content digest is rebuilt from its object (events re-serialised,
 * evidence files re-hashed), its leaf hash recomputed, and the tree grown
 * leaf by leaf; at each checkpoint's size the root and the signature are
 * checked. The first thing that does not hold is named and ends the walk. */
#include "app/ledger_verify.h"

#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/document.h"
#include "app/evidence.h"
#include "app/ledger_note.h"
#include "app/powerlist.h"
#include "base/crypto.h"
#include "ledger/leaf.h"
#include "ledger/merkle.h"

static const struct scope scope_all = { .kind = SCOPE_ALL };

/* --- re-deriving objects --- */

static void case_name(struct app_ctx *ctx, int64_t case_id, char *out, size_t n)
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
	case_name(ctx, ev.case_id, number, sizeof number);
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
	case_name(ctx, ev.case_id, number, sizeof number);
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
	case_name(ctx, doc.case_id, number, sizeof number);
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
	case_name(ctx, x.case_id, number, sizeof number);
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

/* --- the walk --- */

struct walk {
	struct app_ctx *ctx;
	const char *data_dir;
	enum ledger_hash_alg alg;
	struct merkle_frontier tree;
	struct ledger_verify_report *r;
	/* the checkpoints, a page at a time */
	struct ledger_checkpoint_list cps;
	size_t cp_next;
	int64_t cp_offset;
	struct arena *cp_arena;
	bool cp_done;
	int64_t signed_size;  /* size of the last checkpoint that held */
	/* what an outsider brings (ledger_verify_trust.c) */
	const struct ledger_trust *trust;
	unsigned char sm2[LEDGER_SM2_PUB_MAX]; /* data_dir's SM2 key, if any */
	size_t sm2_len;
	bool require_sm2;
	/* each case's latest event time seen so far (open addressing) */
	struct case_time { int64_t case_id, at; } *times;
	size_t ntimes, times_cap;
};

/* The slot of case_id in w->times (growing the table first when it is
 * half full); NULL when out of memory. */
static struct case_time *case_time_slot(struct walk *w, int64_t case_id)
{
	if (2 * (w->ntimes + 1) > w->times_cap) {
		size_t cap = w->times_cap ? 2 * w->times_cap : 1024;
		struct case_time *t = calloc(cap, sizeof *t);
		if (!t)
			return NULL;
		for (size_t i = 0; i < w->times_cap; i++) {
			if (!w->times[i].case_id)
				continue;
			size_t j = (size_t)w->times[i].case_id * 0x9e3779b97f4a7c15u & (cap - 1);
			while (t[j].case_id)
				j = (j + 1) & (cap - 1);
			t[j] = w->times[i];
		}
		free(w->times);
		w->times = t;
		w->times_cap = cap;
	}
	size_t j = (size_t)case_id * 0x9e3779b97f4a7c15u & (w->times_cap - 1);
	while (w->times[j].case_id && w->times[j].case_id != case_id)
		j = (j + 1) & (w->times_cap - 1);
	if (!w->times[j].case_id) {
		w->times[j].case_id = case_id;
		w->ntimes++;
	}
	return &w->times[j];
}

static bool fail(struct walk *w, const char *fmt, ...) FZ_PRINTF(2, 3);
static bool fail(struct walk *w, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(w->r->problem, sizeof w->r->problem, fmt, ap);
	va_end(ap);
	w->r->ok = false;
	return false;
}

/* The next checkpoint, or NULL after the last. */
static enum fz_err cp_peek(struct walk *w, const struct ledger_checkpoint_row **out,
			   struct fz_error *e)
{
	*out = NULL;
	if (w->cp_next == w->cps.n && !w->cp_done) {
		struct page pg = { .offset = w->cp_offset, .limit = 200 };
		arena_free(w->cp_arena);
		if (!(w->cp_arena = arena_new()))
			return fz_fail(e, FZ_NOMEM, NULL, NULL);
		enum fz_err rc = w->ctx->st->ops->checkpoint_list(w->ctx->st, w->cp_arena, pg,
								  &w->cps, e);
		if (rc)
			return rc;
		w->cp_next = 0;
		w->cp_offset += (int64_t)w->cps.n;
		w->cp_done = w->cps.n < 200;
	}
	if (w->cp_next < w->cps.n)
		*out = &w->cps.items[w->cp_next];
	return FZ_OK;
}

/* Checks one checkpoint against the tree grown so far (its size). */
static bool cp_check(struct walk *w, const struct ledger_checkpoint_row *row)
{
	enum ledger_hash_alg alg;
	unsigned char root[LEDGER_HASH_MAX];
	if (!ledger_hash_from_name(row->hash, &alg) || alg != w->alg)
		return fail(w, "检查点 #%lld 使用的摘要算法“%s”与账本（%s）不同",
			    (long long)row->id, row->hash, ledger_hash_name(w->alg));
	merkle_frontier_root(&w->tree, root);
	if (row->root_len != ledger_hash_size(w->alg) || memcmp(root, row->root, row->root_len))
		return fail(w, "检查点 #%lld（记录数 %lld）的根与重新计算的不符：账本前 %lld 条记录"
			       "有改动", (long long)row->id, (long long)row->tree_size,
			    (long long)row->tree_size);
	if (!ledger_trust_checkpoint(w->ctx, w->trust, w->sm2_len ? w->sm2 : NULL, w->sm2_len,
				     w->require_sm2, row, w->r, w->r->problem,
				     sizeof w->r->problem)) {
		w->r->ok = false;
		return false;
	}
	w->r->checkpoints++;
	w->signed_size = row->tree_size;
	return true;
}

/* Checks every checkpoint of exactly size leaves. */
static enum fz_err cps_at(struct walk *w, int64_t size, bool *go, struct fz_error *e)
{
	const struct ledger_checkpoint_row *row;
	enum fz_err rc;
	while (*go && !(rc = cp_peek(w, &row, e)) && row && row->tree_size <= size) {
		if (row->tree_size < size)
			*go = fail(w, "检查点 #%lld 的记录数 %lld 小于之前的检查点", (long long)row->id,
				   (long long)row->tree_size);
		else
			*go = cp_check(w, row);
		w->cp_next++;
	}
	return *go ? rc : FZ_OK;
}

/* The time of a record: its leaf's time is the record's own (both are
 * the moment it was written), and a case's events are recorded in their
 * order, so an event slipped in later with an earlier time is named. */
static bool leaf_time_check(struct walk *w, const struct ledger_leaf *lf, int64_t idx,
			    const struct ledger_rederived *rd)
{
	if (rd->at != lf->at)
		return fail(w, "账本第 %lld 号记录（%s）的记录时间与账本不符", (long long)idx,
			    rd->what);
	if (lf->kind != LEDGER_CASE_EVENT)
		return true;
	struct case_time *t = case_time_slot(w, rd->case_id);
	if (!t)
		return fail(w, "内存不足");
	if (lf->at < t->at)
		return fail(w, "账本第 %lld 号记录（%s）的记录时间早于本案前一个事件：记录时间被倒填",
			    (long long)idx, rd->what);
	t->at = lf->at;
	return true;
}

/* Checks the pinned checkpoints of exactly size leaves. */
static bool pins_at(struct walk *w, int64_t size)
{
	unsigned char root[LEDGER_HASH_MAX];
	for (size_t i = 0; w->trust && i < w->trust->npins; i++) {
		if (w->trust->pins[i].size != size)
			continue;
		merkle_frontier_root(&w->tree, root);
		if (!ledger_trust_pins_at(w->trust, size, root, ledger_hash_size(w->alg), w->r,
					  w->r->problem, sizeof w->r->problem))
			return w->r->ok = false;
		break;
	}
	return true;
}

static bool leaf_check(struct walk *w, const struct ledger_leaf *lf, int64_t idx,
		       struct fz_error *e, enum fz_err *rc)
{
	struct ledger_rederived rd;
	unsigned char data[LEDGER_LEAF_DATA_MAX], lh[LEDGER_HASH_MAX];
	memset(&rd, 0, sizeof rd);
	*rc = FZ_OK;
	if (lf->idx != idx)
		return fail(w, "账本第 %lld 号记录缺失", (long long)idx);
	size_t k = 0;
	while (k < sizeof kinds / sizeof kinds[0] && (int)kinds[k].kind != lf->kind)
		k++;
	if (k == sizeof kinds / sizeof kinds[0])
		return fail(w, "账本第 %lld 号记录的类别 %d 无法识别", (long long)idx, lf->kind);
	*rc = kinds[k].fn(w->ctx, w->alg, w->data_dir, lf, &rd, e);
	if (*rc == FZ_NOTFOUND) {
		*rc = FZ_OK;
		return fail(w, "账本第 %lld 号记录（%s #%lld）在数据表中已不存在", (long long)idx,
			    ledger_kind_name(kinds[k].kind), (long long)lf->ref_id);
	}
	if (*rc)
		return false;
	w->r->files += rd.files;
	w->r->bytes += rd.bytes;
	if (rd.problem[0])
		return fail(w, "账本第 %lld 号记录（%s）与账本不符：%s", (long long)idx, rd.what,
			    rd.problem);
	if (rd.len != lf->digest_len || memcmp(rd.digest, lf->digest, rd.len) != 0)
		return fail(w, "账本第 %lld 号记录（%s）与账本不符", (long long)idx, rd.what);
	if (!leaf_time_check(w, lf, idx, &rd))
		return false;
	size_t n = ledger_leaf_data(lf->kind, lf->ref_id, lf->at, rd.digest, rd.len, data);
	merkle_leaf_hash(w->alg, data, n, lh);
	w->r->bytes += (int64_t)n;
	if (lf->hash_len != ledger_hash_size(w->alg) || memcmp(lh, lf->leaf_hash, lf->hash_len))
		return fail(w, "账本第 %lld 号记录（%s）的叶哈希与内容不符", (long long)idx, rd.what);
	merkle_frontier_add(&w->tree, lh);
	w->r->leaves++;
	w->r->by_kind[lf->kind]++;
	return true;
}

#define LEAF_PAGE 2000

static enum fz_err walk_leaves(struct walk *w, int64_t size, bool *go, struct fz_error *e)
{
	enum fz_err rc = cps_at(w, 0, go, e);
	for (int64_t from = 0; !rc && *go && from < size;) {
		struct ledger_leaf_list page;
		struct arena *a = arena_new(), *saved = w->ctx->a;
		if (!a)
			return fz_fail(e, FZ_NOMEM, NULL, NULL);
		/* per-object reads go to the page's arena, freed with it */
		w->ctx->a = a;
		rc = w->ctx->st->ops->ledger_leaves(w->ctx->st, a, from, LEAF_PAGE, &page, e);
		if (!rc && page.n == 0)
			*go = fail(w, "账本第 %lld 号记录缺失", (long long)from);
		for (size_t i = 0; !rc && *go && i < page.n; i++) {
			*go = leaf_check(w, &page.items[i], from + (int64_t)i, e, &rc);
			if (*go && !rc)
				rc = cps_at(w, from + (int64_t)i + 1, go, e);
			if (*go && !rc)
				*go = pins_at(w, from + (int64_t)i + 1);
		}
		from += (int64_t)page.n;
		w->ctx->a = saved;
		arena_free(a);
	}
	return rc;
}

/* A case row whose bound fields (party, closed ...) differ from the
 * latest version the ledger logged: changed behind the application. */
static enum fz_err header_drift(struct walk *w, bool *go, struct fz_error *e)
{
	int64_t id;
	char number[128];
	enum fz_err rc = w->ctx->st->ops->case_header_drift(w->ctx->st, &id, e);
	if (rc || id == 0)
		return rc;
	case_name(w->ctx, id, number, sizeof number);
	*go = fail(w, "案件 %s 的案件信息（编号、当事人、立案或结案状态等）与账本记录的最新一版不符",
		   number);
	return FZ_OK;
}

/* Checkpoints beyond the ledger, and objects missing from it. */
static enum fz_err walk_rest(struct walk *w, int64_t size, bool *go, struct fz_error *e)
{
	const struct ledger_checkpoint_row *row;
	enum fz_err rc = cp_peek(w, &row, e);
	if (rc)
		return rc;
	if (row) {
		*go = fail(w, "检查点 #%lld 的记录数 %lld 超过账本现有的 %lld 条", (long long)row->id,
			   (long long)row->tree_size, (long long)size);
		return FZ_OK;
	}
	w->r->unsigned_tail = size - w->signed_size;
	if (!ledger_trust_finish(w->trust, size, w->r, w->r->problem, sizeof w->r->problem)) {
		*go = w->r->ok = false;
		return FZ_OK;
	}
	for (int kind = LEDGER_CASE_EVENT; kind <= LEDGER_KIND_MAX && *go; kind++) {
		int64_t *ids;
		size_t n;
		/* a kind this binary does not record (a number kept for
		 * another's use) has no table to look in */
		size_t k = 0;
		while (k < sizeof kinds / sizeof kinds[0] && (int)kinds[k].kind != kind)
			k++;
		if (k == sizeof kinds / sizeof kinds[0])
			continue;
		if ((rc = w->ctx->st->ops->ledger_unlogged(w->ctx->st, w->ctx->a, kind, 1, &ids, &n,
							   e)))
			return rc;
		if (n == 0)
			continue;
		struct ledger_rederived rd;
		memset(&rd, 0, sizeof rd);
		struct ledger_leaf lf = { .kind = kind, .ref_id = ids[0] };
		rc = kinds[k].fn(w->ctx, w->alg, w->data_dir, &lf, &rd, e);
		if (rc && rc != FZ_NOTFOUND)
			return rc;
		*go = fail(w, "%s未记入账本", rd.what[0] ? rd.what : ledger_kind_name(kinds[k].kind));
	}
	return *go ? header_drift(w, go, e) : FZ_OK;
}

enum fz_err app_ledger_verify(struct app_ctx *ctx, const char *data_dir,
			      const unsigned char *trusted_pubkey,
			      struct ledger_verify_report *r, struct fz_error *e)
{
	const struct ledger_trust t = { .pubkey = trusted_pubkey };
	return app_ledger_verify_trusted(ctx, data_dir, &t, r, e);
}

/* The data directory's SM2 public key (when there is one) and whether
 * the log requires SM2 signatures. */
static enum fz_err sm2_setup(struct walk *w, const char *data_dir, struct fz_error *e)
{
	char origin[256], sigs[16], path[PATH_MAX];
	enum fz_err rc = w->ctx->st->ops->ledger_log_get(w->ctx->st, origin, sigs, e);
	if (rc)
		return rc;
	w->require_sm2 = strstr(sigs, "sm2") != NULL;
	if (!data_dir || snprintf(path, sizeof path, "%s/%s", data_dir, LEDGER_SM2_PUB_FILE) >=
				 (int)sizeof path)
		return FZ_OK;
	rc = ledger_sm2_pubkey_load(path, w->sm2, &w->sm2_len, e);
	return rc == FZ_NOTFOUND ? FZ_OK : rc;
}

enum fz_err app_ledger_verify_trusted(struct app_ctx *ctx, const char *data_dir,
				      const struct ledger_trust *t,
				      struct ledger_verify_report *r, struct fz_error *e)
{
	struct ledger_trust own = *t;
	struct walk w = { .ctx = ctx, .data_dir = data_dir, .r = r, .trust = &own };
	unsigned char pub[LEDGER_PUBKEY_LEN];
	char pub_path[PATH_MAX];
	int64_t size;
	bool go = true;
	enum fz_err rc;

	memset(r, 0, sizeof *r);
	r->ok = true;
	if (!own.pubkey && data_dir &&
	    snprintf(pub_path, sizeof pub_path, "%s/%s", data_dir, LEDGER_PUB_FILE) <
		    (int)sizeof pub_path) {
		rc = ledger_pubkey_load(pub_path, pub, e);
		if (rc == FZ_OK)
			own.pubkey = pub;
		else if (rc != FZ_NOTFOUND)
			return rc;
	}
	if ((rc = app_ledger_alg(ctx, &w.alg, e)) || (rc = sm2_setup(&w, data_dir, e)))
		return rc;
	if (!ledger_trust_keys(ctx, &own, r, r->problem, sizeof r->problem)) {
		r->ok = false;
		return FZ_OK;
	}
	snprintf(r->hash, sizeof r->hash, "%s", ledger_hash_name(w.alg));
	merkle_frontier_init(&w.tree, w.alg);
	/* one snapshot for the whole walk */
	if ((rc = ctx->st->ops->begin(ctx->st, false, e)))
		return rc;
	if (!(rc = ctx->st->ops->ledger_size(ctx->st, &size, e)) &&
	    !(rc = walk_leaves(&w, size, &go, e)) && go)
		rc = walk_rest(&w, size, &go, e);
	ctx->st->ops->rollback(ctx->st);
	arena_free(w.cp_arena);
	free(w.times);
	return rc;
}
