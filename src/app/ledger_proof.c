/* ledger_proof.c - interior nodes and proofs (ledger_proof.h). */
#include "app/ledger_proof.h"

#include <string.h>

#include "app/audit.h"
#include "ledger/proof.h"

/* What the node reader needs: the connection and the database's hash
 * (read once per proof, ledger.h: a property of each database). */
struct node_src {
	struct app_ctx *ctx;
	enum ledger_hash_alg alg;
};

static enum fz_err node_get(void *ud, int level, uint64_t index, unsigned char *out,
			    struct fz_error *e)
{
	struct node_src *src = ud;
	size_t len;
	enum fz_err rc = src->ctx->st->ops->ledger_node_get(src->ctx->st, level, (int64_t)index,
							    out, &len, e);
	if (!rc && len != ledger_hash_size(src->alg))
		rc = fz_fail(e, FZ_DB, NULL, "账本的树节点长度无效");
	return rc;
}

static enum fz_err nodes_of(struct app_ctx *ctx, struct node_src *src, struct merkle_nodes *t,
			    struct fz_error *e)
{
	src->ctx = ctx;
	enum fz_err rc = app_ledger_alg(ctx, &src->alg, e);
	*t = (struct merkle_nodes){ src->alg, node_get, src };
	return rc;
}

/* The nodes leaf idx completes, given that all earlier ones are stored. */
static enum fz_err nodes_put(struct node_src *src, int64_t idx, const unsigned char *leaf_hash,
			     struct fz_error *e)
{
	struct app_ctx *ctx = src->ctx;
	enum ledger_hash_alg alg = src->alg;
	size_t sz = ledger_hash_size(alg);
	unsigned char cur[LEDGER_HASH_MAX], left[LEDGER_HASH_MAX];
	int levels = merkle_nodes_completed((uint64_t)idx);
	memcpy(cur, leaf_hash, sz);
	for (int l = 0; l < levels; l++) {
		enum fz_err rc = node_get(src, l, (uint64_t)(idx >> l) - 1, left, e);
		if (rc)
			return rc;
		merkle_node_hash(alg, left, cur, cur);
		if ((rc = ctx->st->ops->ledger_node_put(ctx->st, l + 1, idx >> (l + 1), cur, sz, e)))
			return rc;
	}
	return FZ_OK;
}

enum fz_err app_ledger_nodes_append(struct app_ctx *ctx, int64_t idx,
				    const unsigned char *leaf_hash, size_t len, struct fz_error *e)
{
	int64_t covered;
	struct node_src src = { .ctx = ctx };
	enum fz_err rc = app_ledger_alg(ctx, &src.alg, e);
	if (rc)
		return rc;
	if (len != ledger_hash_size(src.alg))
		return fz_fail(e, FZ_INTERNAL, NULL, "内部错误：叶哈希长度无效");
	rc = ctx->st->ops->ledger_nodes_covered(ctx->st, &covered, e);
	if (rc || covered != (idx & ~(int64_t)1))
		return rc; /* behind: app_ledger_nodes_catch_up fills them in order */
	return nodes_put(&src, idx, leaf_hash, e);
}

enum fz_err app_ledger_nodes_catch_up(struct app_ctx *ctx, int64_t *added, struct fz_error *e)
{
	int64_t covered, size, n = 0;
	enum fz_err rc;
	if (added)
		*added = 0;
	if ((rc = ctx->st->ops->ledger_nodes_covered(ctx->st, &covered, e)) ||
	    (rc = ctx->st->ops->ledger_size(ctx->st, &size, e)))
		return rc;
	if (size - covered < 2)
		return FZ_OK; /* a lone last leaf completes nothing */
	struct node_src src = { .ctx = ctx };
	if ((rc = app_ledger_alg(ctx, &src.alg, e)) || (rc = app_tx_begin(ctx, e)))
		return rc;
	for (int64_t from = covered; !rc && from < size;) {
		struct ledger_leaf_list page;
		struct arena *a = arena_new();
		if (!a) {
			rc = fz_fail(e, FZ_NOMEM, NULL, NULL);
			break;
		}
		rc = ctx->st->ops->ledger_leaves(ctx->st, a, from, 5000, &page, e);
		if (!rc && page.n == 0)
			rc = fz_fail(e, FZ_DB, NULL, "账本记录缺失（第 %lld 号）", (long long)from);
		for (size_t i = 0; !rc && i < page.n; i++)
			rc = nodes_put(&src, from + (int64_t)i, page.items[i].leaf_hash, e);
		from += (int64_t)page.n;
		n += (int64_t)page.n;
		arena_free(a);
	}
	if (rc) {
		app_tx_abort(ctx);
		return rc;
	}
	if (added)
		*added = n;
	const char *msg = arena_printf(ctx->a, "补齐账本树节点：%lld 条记录", (long long)n);
	return app_tx_finish(ctx, "ledger.nodes", "ledger", 0, msg, NULL, e);
}

static enum fz_err size_check(struct app_ctx *ctx, int64_t size, struct fz_error *e)
{
	int64_t have;
	enum fz_err rc = ctx->st->ops->ledger_size(ctx->st, &have, e);
	if (!rc && (size < 0 || size > have))
		rc = fz_fail(e, FZ_INVALID, "tree_size", "记录数 %lld 超出账本现有的 %lld 条",
			     (long long)size, (long long)have);
	return rc;
}

enum fz_err app_ledger_root(struct app_ctx *ctx, int64_t size, unsigned char *root,
			    struct fz_error *e)
{
	struct node_src src;
	struct merkle_nodes t;
	enum fz_err rc = nodes_of(ctx, &src, &t, e);
	if (!rc)
		rc = size_check(ctx, size, e);
	return rc ? rc : merkle_nodes_root(&t, (uint64_t)size, root, e);
}

enum fz_err app_ledger_inclusion_proof(struct app_ctx *ctx, int64_t index, int64_t size,
				       struct ledger_leaf *leaf, struct merkle_proof *out,
				       struct fz_error *e)
{
	struct node_src src;
	struct merkle_nodes t;
	enum fz_err rc = nodes_of(ctx, &src, &t, e);
	if (!rc)
		rc = size_check(ctx, size, e);
	if (rc)
		return rc;
	if (index < 0 || index >= size)
		return fz_fail(e, FZ_INVALID, "index", "记录序号 %lld 不在前 %lld 条记录之内",
			       (long long)index, (long long)size);
	if (leaf) {
		struct ledger_leaf_list page;
		struct arena *a = arena_new();
		if (!a)
			return fz_fail(e, FZ_NOMEM, NULL, NULL);
		rc = ctx->st->ops->ledger_leaves(ctx->st, a, index, 1, &page, e);
		if (!rc && page.n != 1)
			rc = fz_fail(e, FZ_DB, NULL, "账本记录缺失（第 %lld 号）", (long long)index);
		if (!rc)
			*leaf = page.items[0];
		arena_free(a);
		if (rc)
			return rc;
	}
	return merkle_nodes_inclusion(&t, (uint64_t)index, (uint64_t)size, out, e);
}

enum fz_err app_ledger_consistency_proof(struct app_ctx *ctx, int64_t first, int64_t second,
					 struct merkle_proof *out, struct fz_error *e)
{
	struct node_src src;
	struct merkle_nodes t;
	enum fz_err rc = nodes_of(ctx, &src, &t, e);
	if (!rc)
		rc = size_check(ctx, second, e);
	if (rc)
		return rc;
	if (first <= 0 || first > second)
		return fz_fail(e, FZ_INVALID, "first", "一致性证明的两个记录数应满足 0 < 前者 ≤ 后者");
	return merkle_nodes_consistency(&t, (uint64_t)first, (uint64_t)second, out, e);
}
