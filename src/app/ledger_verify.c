/* ledger_verify.c - the verifier. Leaves are walked in order; each one's
 * content digest is rebuilt from its object (events re-serialised,
 * evidence files re-hashed), its leaf hash recomputed, and the tree grown
 * leaf by leaf; at each checkpoint's size the root and the signature are
 * checked. The first thing that does not hold is named and ends the walk. */
#include "app/ledger_verify.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "app/ledger_rederive.h"
#include "ledger/leaf.h"
#include "ledger/merkle.h"

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
	ledger_rederive_fn rederive = ledger_rederive_for(lf->kind);
	if (!rederive)
		return fail(w, "账本第 %lld 号记录的类别 %d 无法识别", (long long)idx, lf->kind);
	*rc = rederive(w->ctx, w->alg, w->data_dir, lf, &rd, e);
	if (*rc == FZ_NOTFOUND) {
		*rc = FZ_OK;
		return fail(w, "账本第 %lld 号记录（%s #%lld）在数据表中已不存在", (long long)idx,
			    ledger_kind_name(lf->kind), (long long)lf->ref_id);
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
	ledger_case_name(w->ctx, id, number, sizeof number);
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
		ledger_rederive_fn rederive = ledger_rederive_for(kind);
		if (!rederive)
			continue;
		if ((rc = w->ctx->st->ops->ledger_unlogged(w->ctx->st, w->ctx->a, kind, 1, &ids, &n,
							   e)))
			return rc;
		if (n == 0)
			continue;
		struct ledger_rederived rd;
		memset(&rd, 0, sizeof rd);
		struct ledger_leaf lf = { .kind = kind, .ref_id = ids[0] };
		rc = rederive(w->ctx, w->alg, w->data_dir, &lf, &rd, e);
		if (rc && rc != FZ_NOTFOUND)
			return rc;
		*go = fail(w, "%s未记入账本", rd.what[0] ? rd.what : ledger_kind_name(kind));
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
