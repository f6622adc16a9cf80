/* ledger.c - the ledger as use cases: one leaf per case event, evidence
 * file and document, appended inside the write transaction of the object
 * it records; canonical digests; the signing key; signed checkpoints. The
 * tree itself is src/ledger/; this file only decides what goes into it. */
#include "app/ledger.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <time.h>

#include "app/audit.h"
#include "app/ledger_proof.h"
#include "app/ledger_tsa.h"
#include "base/buf.h"
#include "base/crypto.h"
#include "base/fsys.h"
#include "ledger/checkpoint.h"
#include "ledger/leaf.h"
#include "ledger/merkle.h"

/* --- the hash --- */

enum fz_err app_ledger_store_alg(struct store *st, enum ledger_hash_alg *alg, struct fz_error *e)
{
	char name[8];
	enum fz_err rc = st->ops->ledger_hash_get(st, name, e);
	if (rc)
		return rc;
	if (!ledger_hash_from_name(name, alg))
		return fz_fail(e, FZ_DB, "hash", "数据库记录的账本摘要算法“%s”无法识别", name);
	return FZ_OK;
}

enum fz_err app_ledger_alg(struct app_ctx *ctx, enum ledger_hash_alg *alg, struct fz_error *e)
{
	return app_ledger_store_alg(ctx->st, alg, e);
}

const char *app_ledger_hash_label(struct app_ctx *ctx)
{
	enum ledger_hash_alg alg;
	return app_ledger_alg(ctx, &alg, NULL) ? "" : ledger_hash_name(alg);
}

enum fz_err app_ledger_open(struct store *st, struct fz_error *e)
{
	enum ledger_hash_alg alg;
	return app_ledger_store_alg(st, &alg, e);
}

enum fz_err app_ledger_hash_choose(struct app_ctx *ctx, enum ledger_hash_alg alg,
				   struct fz_error *e)
{
	enum fz_err rc = ctx->st->ops->ledger_hash_set(ctx->st, ledger_hash_name(alg), e);
	if (rc == FZ_FORBIDDEN)
		return fz_fail(e, FZ_FORBIDDEN, "hash", "账本已有记录，不能更换摘要算法");
	return rc;
}

size_t ledger_digest(enum ledger_hash_alg alg, const void *data, size_t len,
		     unsigned char out[LEDGER_DIGEST_MAX])
{
	return ledger_hash(alg, data, len, out);
}

enum fz_err ledger_digest_init(struct ledger_digest_ctx *dc, enum ledger_hash_alg alg)
{
	struct ledger_hasher h;
	enum fz_err rc = ledger_hasher_init(&h, alg);
	dc->md = h.md;
	dc->size = h.size;
	return rc;
}

enum fz_err ledger_digest_update(struct ledger_digest_ctx *dc, const void *data, size_t len)
{
	struct ledger_hasher h = { dc->md, dc->size };
	return ledger_hasher_update(&h, data, len);
}

enum fz_err ledger_digest_final(struct ledger_digest_ctx *dc, unsigned char out[LEDGER_DIGEST_MAX],
				size_t *out_len)
{
	struct ledger_hasher h = { dc->md, dc->size };
	dc->md = NULL;
	*out_len = h.size;
	return ledger_hasher_final(&h, out);
}

void ledger_digest_abort(struct ledger_digest_ctx *dc)
{
	struct ledger_hasher h = { dc->md, 0 };
	ledger_hasher_abort(&h);
	dc->md = NULL;
}

/* --- canonical encodings --- */

static size_t digest_buf(enum ledger_hash_alg alg, struct buf *b, unsigned char *out)
{
	size_t n = 0;
	if (buf_status(b) == FZ_OK)
		n = ledger_digest(alg, b->data, b->len, out);
	buf_release(b);
	return n;
}

static int field_cmp(const void *a, const void *b)
{
	const struct case_field *x = *(const struct case_field *const *)a;
	const struct case_field *y = *(const struct case_field *const *)b;
	return strcmp(x->key ? x->key : "", y->key ? y->key : "");
}

static int id_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

void app_ledger_event_encode(const struct case_event *ev, struct buf *b)
{
	/* Fields and officers have no meaningful order: sorted here, so that
	 * the order rows come back from storage never changes the digest. */
	const struct case_field **fields = ev->nfields ? calloc(ev->nfields, sizeof *fields) : NULL;
	int64_t *officers = ev->nofficers ? calloc(ev->nofficers, sizeof *officers) : NULL;
	if ((ev->nfields && !fields) || (ev->nofficers && !officers)) {
		free(fields);
		free(officers);
		b->failed = true; /* out of memory, as buf_status reports it */
		return;
	}
	for (size_t i = 0; i < ev->nfields; i++)
		fields[i] = &ev->fields[i];
	if (ev->nfields > 1)
		qsort(fields, ev->nfields, sizeof *fields, field_cmp);
	if (ev->nofficers)
		memcpy(officers, ev->officers, ev->nofficers * sizeof *officers);
	if (ev->nofficers > 1)
		qsort(officers, ev->nofficers, sizeof *officers, id_cmp);
	canon_str(b, "fazhi.case_event.v2");
	canon_int(b, ev->case_id);
	canon_int(b, ev->seq);
	canon_str(b, ev->step);
	canon_str(b, ev->on);
	canon_int(b, ev->at);
	canon_int(b, ev->actor_id);
	canon_str(b, ev->actor);
	canon_int(b, ev->corrects);
	canon_str(b, ev->reason);
	canon_int(b, (int64_t)ev->nfields);
	for (size_t i = 0; i < ev->nfields; i++) {
		canon_str(b, fields[i]->key);
		canon_str(b, fields[i]->value);
	}
	canon_int(b, (int64_t)ev->nofficers);
	for (size_t i = 0; i < ev->nofficers; i++)
		canon_int(b, officers[i]);
	free(fields);
	free(officers);
}

void app_ledger_evidence_encode(const struct evidence *ev, struct buf *b)
{
	canon_str(b, "fazhi.evidence.v1");
	canon_int(b, ev->case_id);
	canon_str(b, ev->digest);
	canon_int(b, ev->size);
	canon_str(b, ev->file_name);
	canon_str(b, ev->media_type);
	canon_str(b, ev->record_kind);
	canon_int(b, ev->uploaded_by);
	canon_int(b, ev->uploaded_at);
}

void app_ledger_document_encode(const struct case_document *d, struct buf *b)
{
	canon_str(b, "fazhi.document.v2");
	canon_int(b, d->case_id);
	canon_int(b, d->event_id);
	canon_int(b, d->agency_id);
	canon_str(b, d->kind);
	canon_str(b, d->title);
	canon_str(b, d->number);
	canon_str(b, d->digest);
	canon_int(b, d->size);
	canon_int(b, d->pages);
	canon_int(b, d->created_at);
}

void app_ledger_header_encode(const struct case_header *h, struct buf *b)
{
	const struct enf_case *c = &h->c;
	canon_str(b, "fazhi.case_header.v1");
	canon_int(b, h->case_id);
	canon_int(b, h->seq);
	canon_int(b, h->at);
	canon_str(b, c->number);
	canon_int(b, c->agency_id);
	canon_str(b, c->procedure);
	canon_int(b, (int64_t)c->kind);
	canon_str(b, c->domain);
	canon_str(b, c->matter);
	canon_str(b, c->title);
	canon_int(b, (int64_t)c->party_kind);
	canon_str(b, c->party_name);
	canon_str(b, c->party_id);
	canon_str(b, c->party_address);
	canon_str(b, c->act_date);
	canon_str(b, c->opened_on);
	canon_int(b, c->closed ? 1 : 0);
	canon_int(b, c->created_by);
	canon_int(b, c->created_at);
}

void app_ledger_export_encode(const struct case_export *x, struct buf *b)
{
	canon_str(b, "fazhi.case_export.v1");
	canon_int(b, x->case_id);
	canon_int(b, x->at);
	canon_int(b, x->actor_id);
	canon_str(b, x->actor);
	canon_int(b, x->headers);
	canon_int(b, x->events);
	canon_int(b, x->evidence);
	canon_int(b, x->documents);
}

void app_ledger_publication_encode(const struct publication_event *ev, struct buf *b)
{
	canon_str(b, "fazhi.publication_event.v1");
	canon_int(b, ev->publication_id);
	canon_str(b, ev->action);
	canon_str(b, ev->on);
	canon_int(b, ev->at);
	canon_int(b, ev->actor_id);
	canon_str(b, ev->actor);
	canon_str(b, ev->title);
	canon_str(b, ev->text);
	canon_str(b, ev->reason);
	canon_str(b, ev->basis);
}

void app_ledger_complaint_encode(const struct complaint_event *ev, struct buf *b)
{
	canon_str(b, "fazhi.complaint_event.v1");
	canon_int(b, ev->complaint_id);
	canon_str(b, ev->action);
	canon_str(b, ev->on);
	canon_int(b, ev->at);
	canon_int(b, ev->actor_id);
	canon_str(b, ev->actor);
	canon_int(b, ev->agency_id);
	canon_str(b, ev->text);
	canon_str(b, ev->state);
}

void app_ledger_comment_encode(const struct comment_event *ev, struct buf *b)
{
	canon_str(b, "fazhi.public_comment_event.v1");
	canon_int(b, ev->comment_id);
	canon_int(b, ev->case_id);
	canon_str(b, ev->action);
	canon_str(b, ev->on);
	canon_int(b, ev->at);
	canon_int(b, ev->actor_id);
	canon_str(b, ev->actor);
	canon_str(b, ev->text);
}

void app_ledger_oversight_encode(const struct oversight_record *r, struct buf *b)
{
	canon_str(b, "fazhi.oversight_record.v1");
	canon_str(b, r->subject);
	canon_int(b, r->subject_id);
	canon_str(b, r->action);
	canon_str(b, r->on);
	canon_int(b, r->at);
	canon_int(b, r->actor_id);
	canon_str(b, r->actor);
	canon_str(b, r->body);
}

void app_ledger_dcat_encode(const struct decision_catalogue_entry *en, struct buf *b)
{
	canon_str(b, "fazhi.decision_catalogue_entry.v1");
	canon_int(b, en->catalogue_id);
	canon_str(b, en->action);
	canon_int(b, en->item_id);
	canon_str(b, en->title);
	canon_str(b, en->category);
	canon_str(b, en->unit);
	canon_str(b, en->reason);
	canon_int(b, en->adjustment);
	canon_str(b, en->on);
	canon_int(b, en->at);
	canon_int(b, en->actor_id);
	canon_str(b, en->actor);
}

#define DIGEST_OF(fn, type, encode)                                                    \
	size_t fn(enum ledger_hash_alg alg, const type *v, unsigned char out[LEDGER_DIGEST_MAX]) \
	{                                                                              \
		struct buf b = BUF_INIT;                                               \
		encode(v, &b);                                                         \
		return digest_buf(alg, &b, out);                                       \
	}
DIGEST_OF(app_ledger_event_digest, struct case_event, app_ledger_event_encode)
DIGEST_OF(app_ledger_evidence_digest, struct evidence, app_ledger_evidence_encode)
DIGEST_OF(app_ledger_document_digest, struct case_document, app_ledger_document_encode)
DIGEST_OF(app_ledger_header_digest, struct case_header, app_ledger_header_encode)
DIGEST_OF(app_ledger_export_digest, struct case_export, app_ledger_export_encode)
DIGEST_OF(app_ledger_publication_digest, struct publication_event,
	  app_ledger_publication_encode)
DIGEST_OF(app_ledger_complaint_digest, struct complaint_event, app_ledger_complaint_encode)
DIGEST_OF(app_ledger_comment_digest, struct comment_event, app_ledger_comment_encode)
DIGEST_OF(app_ledger_oversight_digest, struct oversight_record, app_ledger_oversight_encode)
DIGEST_OF(app_ledger_dcat_digest, struct decision_catalogue_entry, app_ledger_dcat_encode)
#undef DIGEST_OF

/* --- appending --- */

enum fz_err app_ledger_append(struct app_ctx *ctx, enum ledger_kind kind, int64_t ref_id,
			      const unsigned char *digest, size_t digest_len,
			      int64_t *leaf_index, struct fz_error *e)
{
	enum ledger_hash_alg alg;
	unsigned char data[LEDGER_LEAF_DATA_MAX];
	struct ledger_leaf lf = { .kind = (int)kind, .ref_id = ref_id, .at = ctx->now };
	enum fz_err rc;

	if (kind < LEDGER_CASE_EVENT || kind > LEDGER_KIND_MAX || ref_id <= 0)
		return fz_fail(e, FZ_INTERNAL, NULL, "内部错误：账本记录的类别或编号无效");
	if ((rc = app_ledger_alg(ctx, &alg, e)))
		return rc;
	if (!digest || digest_len != ledger_hash_size(alg))
		return fz_fail(e, FZ_INTERNAL, NULL, "内部错误：账本摘要长度应为 %zu 字节",
			       ledger_hash_size(alg));
	if (lf.at == 0)
		lf.at = time(NULL);
	size_t n = ledger_leaf_data((int)kind, ref_id, lf.at, digest, digest_len, data);
	memcpy(lf.digest, digest, digest_len);
	lf.digest_len = digest_len;
	lf.hash_len = merkle_leaf_hash(alg, data, n, lf.leaf_hash);
	rc = ctx->st->ops->ledger_leaf_append(ctx->st, &lf, e);
	if (!rc)
		rc = app_ledger_nodes_append(ctx, lf.idx, lf.leaf_hash, lf.hash_len, e);
	if (!rc && leaf_index)
		*leaf_index = lf.idx;
	return rc;
}

/* Digests v with the database's hash and appends its leaf. */
#define APPEND_OF(fn, type, digest_fn, kind)                                            \
	enum fz_err fn(struct app_ctx *ctx, const type *v, struct fz_error *e)          \
	{                                                                               \
		enum ledger_hash_alg alg;                                               \
		unsigned char d[LEDGER_DIGEST_MAX];                                     \
		enum fz_err rc = app_ledger_alg(ctx, &alg, e);                          \
		if (rc)                                                                 \
			return rc;                                                      \
		size_t n = digest_fn(alg, v, d);                                        \
		if (!n)                                                                 \
			return fz_fail(e, FZ_NOMEM, NULL, NULL);                        \
		return app_ledger_append(ctx, kind, v->id, d, n, NULL, e);              \
	}
APPEND_OF(app_ledger_append_event, struct case_event, app_ledger_event_digest,
	  LEDGER_CASE_EVENT)
APPEND_OF(app_ledger_append_document, struct case_document, app_ledger_document_digest,
	  LEDGER_DOCUMENT)
static APPEND_OF(append_header, struct case_header, app_ledger_header_digest,
		 LEDGER_CASE_HEADER)
#undef APPEND_OF

enum fz_err app_ledger_case_header(struct app_ctx *ctx, int64_t case_id, struct fz_error *e)
{
	int64_t id;
	struct case_header h;
	enum fz_err rc = ctx->st->ops->case_header_append(ctx->st, case_id, ctx->now, &id, e);
	if (rc || id == 0)
		return rc;
	if ((rc = ctx->st->ops->case_header_get(ctx->st, ctx->a, id, &h, e)))
		return rc;
	return append_header(ctx, &h, e);
}

/* --- the key --- */

static enum fz_err data_path(const char *data_dir, const char *name, char out[PATH_MAX],
			     struct fz_error *e)
{
	if (!data_dir || !*data_dir)
		return fz_fail(e, FZ_INTERNAL, "data_dir", "未配置数据目录");
	int n = snprintf(out, PATH_MAX, "%s/%s", data_dir, name);
	if (n < 0 || n >= PATH_MAX)
		return fz_fail(e, FZ_INVALID, "data_dir", "数据目录路径过长");
	return FZ_OK;
}

/* Makes a key pair (priv_name, pub_name) in data_dir with gen unless the
 * private key is there; *created says whether it made one. */
static enum fz_err key_pair_init(const char *data_dir, const char *priv_name,
				 const char *pub_name,
				 enum fz_err (*gen)(const char *, const char *, struct fz_error *),
				 bool *created, struct fz_error *e)
{
	char priv[PATH_MAX], pub[PATH_MAX];
	struct stat sb;
	enum fz_err rc;
	*created = false;
	if ((rc = data_path(data_dir, priv_name, priv, e)) ||
	    (rc = data_path(data_dir, pub_name, pub, e)))
		return rc;
	if ((rc = fsys_dir_make(data_dir, "数据目录", e)))
		return rc;
	if (stat(priv, &sb) == 0)
		return FZ_OK;
	if ((rc = gen(priv, pub, e)))
		return rc;
	*created = true;
	return FZ_OK;
}

enum fz_err app_ledger_key_init(const char *data_dir, bool *created, struct fz_error *e)
{
	return key_pair_init(data_dir, LEDGER_KEY_FILE, LEDGER_PUB_FILE, ledger_key_generate,
			     created, e);
}

/* --- checkpoints --- */

/* Makes the SM2 key pair in data_dir unless there is one. */
static enum fz_err sm2_key_init(const char *data_dir, struct fz_error *e)
{
	bool made;
	return key_pair_init(data_dir, LEDGER_SM2_KEY_FILE, LEDGER_SM2_PUB_FILE,
			     ledger_sm2_key_generate, &made, e);
}

/* The origin of the log: the one configured, or, the first time, one
 * derived from the host's name and recorded (audited) so that it never
 * changes. */
static enum fz_err log_origin(struct app_ctx *ctx, char origin[256], char sigs[16],
			      struct fz_error *e)
{
	enum fz_err rc = ctx->st->ops->ledger_log_get(ctx->st, origin, sigs, e);
	if (rc || origin[0])
		return rc;
	char host[200] = "localhost";
	if (gethostname(host, sizeof host - 1) != 0 || !host[0] || !note_name_ok(host))
		snprintf(host, sizeof host, "localhost");
	snprintf(origin, 256, "%s/fazhi-ledger", host);
	return app_ledger_log_configure(ctx, origin, NULL, e);
}

enum fz_err app_ledger_log_configure(struct app_ctx *ctx, const char *origin, const char *sigs,
				     struct fz_error *e)
{
	char cur_origin[256], cur_sigs[16];
	enum fz_err rc;
	if (origin && *origin && !note_name_ok(origin))
		return fz_fail(e, FZ_INVALID, "origin",
			       "日志名称“%.80s”无效：不能为空，不能含空格或加号", origin);
	if (sigs && strcmp(sigs, "ed25519") != 0 && strcmp(sigs, "ed25519,sm2") != 0)
		return fz_fail(e, FZ_INVALID, "signatures", "签名算法应为 ed25519 或 ed25519,sm2");
	if (sigs && strstr(sigs, "sm2") && (rc = sm2_key_init(ctx->cfg->data_dir, e)))
		return rc;
	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	if ((rc = ctx->st->ops->ledger_log_get(ctx->st, cur_origin, cur_sigs, e))) {
		app_tx_abort(ctx);
		return rc;
	}
	const char *o = origin && *origin ? origin : cur_origin, *sg = sigs ? sigs : cur_sigs;
	if (strcmp(o, cur_origin) == 0 && strcmp(sg, cur_sigs) == 0) {
		app_tx_abort(ctx);
		return FZ_OK;
	}
	if ((rc = ctx->st->ops->ledger_log_set(ctx->st, o, sg, e))) {
		app_tx_abort(ctx);
		if (rc == FZ_FORBIDDEN)
			return fz_fail(e, FZ_FORBIDDEN, "origin",
				       "日志名称“%s”已用于签署检查点，不能再改为“%s”", cur_origin, o);
		return rc;
	}
	const char *msg = arena_printf(ctx->a, "日志名称 %s，签名算法 %s", o, sg);
	return app_tx_finish(ctx, "ledger.configure", "ledger", 0, msg, NULL, e);
}

enum fz_err app_ledger_key_path(struct app_ctx *ctx, char out[PATH_MAX], struct fz_error *e)
{
	if (ctx->cfg->ledger_key_file && *ctx->cfg->ledger_key_file) {
		if (strlen(ctx->cfg->ledger_key_file) >= PATH_MAX)
			return fz_fail(e, FZ_INVALID, "key_file", "签名私钥路径过长");
		snprintf(out, PATH_MAX, "%s", ctx->cfg->ledger_key_file);
		return FZ_OK;
	}
	return data_path(ctx->cfg->data_dir, LEDGER_KEY_FILE, out, e);
}

/* Signs cp (origin, size, root, alg, at set) with key and, as
 * configured, SM2, into row. */
static enum fz_err checkpoint_sign(struct app_ctx *ctx, const char *sigs,
				   const struct ledger_key *key, struct ledger_checkpoint *cp,
				   struct ledger_checkpoint_row *row, struct fz_error *e)
{
	char priv[PATH_MAX];
	enum fz_err rc = ledger_checkpoint_sign(cp, key);
	if (rc)
		return fz_fail(e, rc, NULL, "签名失败");
	row->tree_size = (int64_t)cp->size;
	row->root_len = ledger_hash_size(cp->alg);
	memcpy(row->root, cp->root, row->root_len);
	snprintf(row->hash, sizeof row->hash, "%s", ledger_hash_name(cp->alg));
	snprintf(row->origin, sizeof row->origin, "%s", cp->origin);
	row->at = cp->at;
	memcpy(row->pubkey, cp->pubkey, sizeof row->pubkey);
	memcpy(row->signature, cp->sig, sizeof row->signature);
	if (!strstr(sigs, "sm2"))
		return FZ_OK;
	char text[LEDGER_CHECKPOINT_TEXT_MAX];
	size_t n = ledger_checkpoint_text(cp, text);
	struct ledger_key *sm2 = NULL;
	if ((rc = data_path(ctx->cfg->data_dir, LEDGER_SM2_KEY_FILE, priv, e)) ||
	    (rc = ledger_sm2_key_load(priv, &sm2, e)))
		return rc;
	if (!ledger_sm2_key_public(sm2, row->sm2_pubkey, &row->sm2_pubkey_len) ||
	    ledger_sm2_sign(sm2, text, n, row->sm2_signature, &row->sm2_signature_len))
		rc = fz_fail(e, FZ_INTERNAL, NULL, "SM2 签名失败");
	ledger_key_free(sm2);
	return rc;
}

/* The token of the configured time-stamping authority for cp's note
 * text into token; returns what the audit record adds ("" or why there is
 * no token). */
static const char *tsa_token(struct app_ctx *ctx, const struct ledger_checkpoint *cp,
			     struct buf *token)
{
	char url[512], text[LEDGER_CHECKPOINT_TEXT_MAX];
	struct fz_error e = { 0 };
	if (ctx->st->ops->ledger_tsa_get(ctx->st, url, &e) || !url[0])
		return "";
	size_t n = ledger_checkpoint_text(cp, text);
	if (app_ledger_tsa_token(url, text, n, token, &e) == FZ_OK)
		return "，带 RFC 3161 时间戳";
	buf_reset(token);
	return arena_printf(ctx->a, "，未取得时间戳：%s", e.message);
}

enum fz_err app_ledger_tsa_configure(struct app_ctx *ctx, const char *url, struct fz_error *e)
{
	enum fz_err rc;
	if (url && *url && strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0)
		return fz_fail(e, FZ_INVALID, "tsa_url", "时间戳服务地址应以 http:// 或 https:// 开头");
	if (url && strlen(url) > 500)
		return fz_fail(e, FZ_INVALID, "tsa_url", "时间戳服务地址过长");
	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	if ((rc = ctx->st->ops->ledger_tsa_set(ctx->st, url, e))) {
		app_tx_abort(ctx);
		return rc;
	}
	const char *msg = url && *url ? arena_printf(ctx->a, "检查点时间戳服务 %s", url)
				      : "不再为检查点申请时间戳";
	return app_tx_finish(ctx, "ledger.configure", "ledger", 0, msg, NULL, e);
}

enum fz_err app_ledger_checkpoint(struct app_ctx *ctx, bool *made,
				  struct ledger_checkpoint_row *out, struct fz_error *e)
{
	struct ledger_checkpoint cp = { .at = ctx->now };
	struct ledger_checkpoint_row row = { 0 }, latest;
	struct ledger_key *key = NULL;
	unsigned char pub[LEDGER_PUBKEY_LEN];
	char sigs[16], priv[PATH_MAX];
	int64_t size;
	enum fz_err rc;

	*made = false;
	memset(out, 0, sizeof *out);
	if (!ctx->cfg->data_dir)
		return fz_fail(e, FZ_INTERNAL, "data_dir", "未配置数据目录");
	if ((rc = app_ledger_alg(ctx, &cp.alg, e)) || (rc = log_origin(ctx, cp.origin, sigs, e)) ||
	    (rc = ctx->st->ops->ledger_size(ctx->st, &size, e)) ||
	    (rc = app_ledger_key_path(ctx, priv, e)))
		return rc;
	struct fz_error key_e = { 0 };
	enum fz_err key_rc = ledger_key_load(priv, &key, &key_e);
	if (!key_rc)
		ledger_key_public(key, pub);
	rc = ctx->st->ops->checkpoint_latest(ctx->st, &latest, e);
	if (rc && rc != FZ_NOTFOUND)
		goto done;
	/* Nothing new to sign: the log has not grown since a C2SP checkpoint
	 * signed with the present key (one in the older form, or signed with
	 * a key since rotated, is followed by a new one at the same size). */
	if (rc == FZ_OK && latest.tree_size == size && latest.origin[0] &&
	    (key_rc || memcmp(latest.pubkey, pub, sizeof pub) == 0)) {
		*out = latest;
		rc = FZ_OK;
		goto done;
	}
	if (key_rc) {
		*e = key_e;
		rc = key_rc;
		goto done;
	}
	/* Leaves never change, so the root of the first size leaves can be
	 * computed outside the write transaction: no lock while hashing. */
	if ((rc = app_ledger_nodes_catch_up(ctx, NULL, e)) ||
	    (rc = app_ledger_root(ctx, size, cp.root, e)))
		goto done;
	cp.size = (uint64_t)size;
	if ((rc = checkpoint_sign(ctx, sigs, key, &cp, &row, e)))
		goto done;
	/* an RFC 3161 token, asked for outside the write transaction; an
	 * authority that does not answer leaves the checkpoint without one,
	 * said in its audit record */
	struct buf token = BUF_INIT;
	const char *tsa_note = tsa_token(ctx, &cp, &token);
	if ((rc = app_tx_begin(ctx, e))) {
		buf_release(&token);
		goto done;
	}
	if ((rc = ctx->st->ops->checkpoint_insert(ctx->st, &row, e)) ||
	    (token.len && (rc = ctx->st->ops->timestamp_put(ctx->st, row.id, token.data, token.len,
							     ctx->now, e)))) {
		app_tx_abort(ctx);
		buf_release(&token);
		goto done;
	}
	buf_release(&token);
	char hex[2 * LEDGER_HASH_MAX + 1];
	crypto_hex(row.root, row.root_len, hex);
	const char *msg = arena_printf(ctx->a, "记录数 %lld，根 %s%s", (long long)size, hex, tsa_note);
	if ((rc = app_tx_finish(ctx, "ledger.checkpoint", "ledger_checkpoint", row.id, msg, NULL,
				e)))
		goto done;
	*made = true;
	*out = row;
done:
	ledger_key_free(key);
	return rc;
}

enum fz_err app_ledger_latest(struct app_ctx *ctx, struct ledger_checkpoint_row *out,
			      int64_t *size, struct fz_error *e)
{
	enum fz_err rc = ctx->st->ops->ledger_size(ctx->st, size, e);
	return rc ? rc : ctx->st->ops->checkpoint_latest(ctx->st, out, e);
}

/* --- rows without a leaf --- */

enum fz_err app_ledger_unlogged_check(struct app_ctx *ctx, struct fz_error *e)
{
	struct buf msg = BUF_INIT;
	for (int kind = LEDGER_CASE_EVENT; kind <= LEDGER_KIND_MAX; kind++) {
		int64_t *ids;
		size_t n;
		if (!ledger_kind_name(kind))
			continue;
		enum fz_err rc = ctx->st->ops->ledger_unlogged(ctx->st, ctx->a, kind, 4, &ids, &n, e);
		if (rc) {
			buf_release(&msg);
			return rc;
		}
		if (n == 0 || !ledger_kind_name(kind))
			continue;
		buf_addf(&msg, "%s%s ", msg.len ? "；" : "", ledger_kind_name(kind));
		for (size_t i = 0; i < n && i < 3; i++)
			buf_addf(&msg, "%s#%lld", i ? "、" : "", (long long)ids[i]);
		if (n > 3)
			buf_adds(&msg, " 等");
	}
	if (msg.len == 0) {
		buf_release(&msg);
		return FZ_OK;
	}
	enum fz_err rc = buf_status(&msg) ? fz_fail(e, FZ_NOMEM, NULL, NULL)
					   : fz_fail(e, FZ_CONFLICT, NULL,
						     "数据库与账本不一致：%s 没有记入账本；"
						     "账本不会事后补记，请查明来历",
						     buf_cstr(&msg));
	buf_release(&msg);
	return rc;
}
