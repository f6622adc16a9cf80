/* ledger_verify_trust.c - the checks of `fazhi verify` that rest on what
 * an outsider holds rather than on the files beside the database: the
 * checkpoint's signatures (Ed25519 in the C2SP note, SM2 when the log is
 * configured for it), witnesses' cosignatures with a quorum, and pinned
 * earlier checkpoints. A history rewritten and re-signed with the key on
 * disk passes the signature checks; it fails a pin (the root at that size
 * differs) and a witness (its cosignature no longer verifies, or none is
 * left). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "app/ledger_note.h"
#include "app/ledger_verify.h"

static bool fail(char *problem, size_t n, const char *fmt, ...) FZ_PRINTF(3, 4);
static bool fail(char *problem, size_t n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(problem, n, fmt, ap);
	va_end(ap);
	return false;
}

/* The witness key matching a cosignature line's name and key ID. */
static const struct note_vkey *witness_of(const struct ledger_trust *t, const char *name,
					  uint32_t key_id)
{
	for (size_t i = 0; t && i < t->nwitnesses; i++)
		if (t->witnesses[i].key_id == key_id && strcmp(t->witnesses[i].name, name) == 0 &&
		    t->witnesses[i].type[0] == NOTE_TYPE_COSIG_V1)
			return &t->witnesses[i];
	return NULL;
}

/* Checks the cosignatures stored with a C2SP checkpoint whose text is
 * body; counts those from the given witnesses. */
static bool cosigs_check(struct app_ctx *ctx, const struct ledger_trust *t,
			 const struct ledger_checkpoint_row *row, const char *body, size_t len,
			 struct ledger_verify_report *r, char *problem, size_t n)
{
	struct ledger_cosig_list cs;
	struct fz_error e;
	int good = 0;
	if (ctx->st->ops->cosig_list(ctx->st, ctx->a, row->id, &cs, &e))
		return fail(problem, n, "无法读取检查点 #%lld 的副署：%s", (long long)row->id,
			    e.message);
	for (size_t i = 0; i < cs.n; i++) {
		const struct note_vkey *w = witness_of(t, cs.items[i].name, cs.items[i].key_id);
		if (!w)
			continue;
		if (!ledger_cosig_verify(w->key, body, len, cs.items[i].signature, NULL))
			return fail(problem, n,
				    "检查点 #%lld（记录数 %lld）上见证方 %s 的副署与检查点不符："
				    "见证方当时副署的不是现在的账本，账本已被改写并重新签名",
				    (long long)row->id, (long long)row->tree_size, w->name);
		good++;
	}
	r->cosignatures += good;
	if (t->nwitnesses && good >= t->quorum && row->tree_size > r->witnessed_size)
		r->witnessed_size = row->tree_size;
	return true;
}

bool ledger_trust_checkpoint(struct app_ctx *ctx, const struct ledger_trust *t,
			     const unsigned char *data_dir_sm2, size_t data_dir_sm2_len,
			     bool require_sm2, const struct ledger_checkpoint_row *row,
			     struct ledger_verify_report *r, char *problem, size_t n)
{
	struct ledger_checkpoint cp = { .size = (uint64_t)row->tree_size, .at = row->at };
	char text[LEDGER_CHECKPOINT_TEXT_MAX];
	if (!ledger_hash_from_name(row->hash, &cp.alg))
		return fail(problem, n, "检查点 #%lld 的摘要算法无法识别", (long long)row->id);
	snprintf(cp.origin, sizeof cp.origin, "%s", row->origin);
	memcpy(cp.root, row->root, row->root_len);
	memcpy(cp.pubkey, row->pubkey, sizeof cp.pubkey);
	memcpy(cp.sig, row->signature, sizeof cp.sig);
	if (!ledger_checkpoint_verify(&cp))
		return fail(problem, n, "检查点 #%lld（记录数 %lld）的签名无效", (long long)row->id,
			    (long long)row->tree_size);
	bool trusted = !t || !t->pubkey;
	size_t key = 0; /* which of t->keys signed it */
	while (!trusted && key < t->nkeys) {
		if (memcmp(t->keys + LEDGER_PUBKEY_LEN * key, row->pubkey, LEDGER_PUBKEY_LEN) == 0)
			trusted = true;
		else
			key++;
	}
	if (!trusted)
		return fail(problem, n, "检查点 #%lld 不是用本机关的签名密钥签署的",
			    (long long)row->id);
	if (t && t->pubkey && row->tree_size < t->keys_from[key])
		return fail(problem, n,
			    "检查点 #%lld（记录数 %lld）用轮换后的密钥签署，却不包含引入该密钥的"
			    "轮换记录（账本第 %lld 号记录）：轮换被倒填",
			    (long long)row->id, (long long)row->tree_size,
			    (long long)t->keys_from[key] - 1);
	if (!row->origin[0])
		return true; /* the older form: one Ed25519 signature, no cosignatures */
	size_t len = ledger_checkpoint_text(&cp, text);
	if (row->sm2_signature_len) {
		if (!ledger_sm2_verify(row->sm2_pubkey, row->sm2_pubkey_len, text, len,
				       row->sm2_signature, row->sm2_signature_len))
			return fail(problem, n, "检查点 #%lld（记录数 %lld）的 SM2 签名无效",
				    (long long)row->id, (long long)row->tree_size);
		if (data_dir_sm2 && (data_dir_sm2_len != row->sm2_pubkey_len ||
				     memcmp(data_dir_sm2, row->sm2_pubkey, data_dir_sm2_len) != 0))
			return fail(problem, n, "检查点 #%lld 的 SM2 签名不是用本机关的 SM2 密钥签署的",
				    (long long)row->id);
	} else if (require_sm2) {
		return fail(problem, n, "检查点 #%lld（记录数 %lld）缺少 SM2 签名，而账本要求 SM2 签名",
			    (long long)row->id, (long long)row->tree_size);
	}
	return !t || !t->nwitnesses || cosigs_check(ctx, t, row, text, len, r, problem, n);
}

bool ledger_trust_pins_at(const struct ledger_trust *t, int64_t size, const unsigned char *root,
			  size_t root_len, struct ledger_verify_report *r, char *problem, size_t n)
{
	for (size_t i = 0; t && i < t->npins; i++) {
		const struct ledger_pin *p = &t->pins[i];
		if (p->size != size)
			continue;
		if (p->root_len != root_len || memcmp(p->root, root, root_len) != 0)
			return fail(problem, n,
				    "账本与%s不一致：记录数 %lld 时的根不同——账本的前 %lld 条记录已被"
				    "改写（即使检查点已用本机密钥重新签名）",
				    p->from, (long long)size, (long long)size);
		r->pins++;
	}
	return true;
}

bool ledger_trust_finish(const struct ledger_trust *t, int64_t size,
			 struct ledger_verify_report *r, char *problem, size_t n)
{
	for (size_t i = 0; t && i < t->npins; i++)
		if (t->pins[i].size > size)
			return fail(problem, n,
				    "账本只有 %lld 条记录，少于%s的 %lld 条：账本已被截短",
				    (long long)size, t->pins[i].from, (long long)t->pins[i].size);
	if (t && t->nwitnesses && r->witnessed_size == 0)
		return fail(problem, n,
			    "没有任何检查点获得 %d 个指定见证方的有效副署：无法排除账本被整体改写"
			    "后用本机密钥重新签名",
			    t->quorum);
	return true;
}

bool ledger_trust_keys(struct app_ctx *ctx, struct ledger_trust *t,
		       struct ledger_verify_report *r, char *problem, size_t n)
{
	struct ledger_rotation_list rots;
	struct fz_error e;
	(void)r;
	if (!t->pubkey)
		return true;
	if (ctx->st->ops->rotation_list(ctx->st, ctx->a, &rots, &e))
		return fail(problem, n, "无法读取密钥轮换记录：%s", e.message);
	unsigned char *keys = arena_alloc(ctx->a, LEDGER_PUBKEY_LEN * (rots.n + 1));
	int64_t *from = arena_calloc(ctx->a, rots.n + 1, sizeof *from);
	if (!keys || !from)
		return fail(problem, n, "内存不足");
	memcpy(keys, t->pubkey, LEDGER_PUBKEY_LEN);
	size_t nk = 1;
	for (size_t i = 0; i < rots.n; i++) {
		const struct ledger_rotation_row *k = &rots.items[i];
		if (!app_ledger_rotation_ok(k))
			return fail(problem, n,
				    "密钥轮换记录 #%lld 的签名无效：不是新旧两把密钥共同签署的轮换声明",
				    (long long)k->id);
		bool from_trusted = false;
		for (size_t j = 0; j < nk && !from_trusted; j++)
			from_trusted = memcmp(keys + LEDGER_PUBKEY_LEN * j, k->old_pubkey,
					      LEDGER_PUBKEY_LEN) == 0;
		if (!from_trusted)
			continue;
		/* a rotation without its leaf is named by the walk */
		from[nk] = app_ledger_leaf_index(ctx, LEDGER_KEY_ROTATION, k->id) + 1;
		memcpy(keys + LEDGER_PUBKEY_LEN * nk++, k->new_pubkey, LEDGER_PUBKEY_LEN);
	}
	t->keys = keys;
	t->keys_from = from;
	t->nkeys = nk;
	return true;
}
