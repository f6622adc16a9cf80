/* bundle_publication.c - writing a decision's publication proof file
 * (bundle_publication.h): its publish and withdraw records as encoded in
 * their leaves, each with its inclusion proof to the latest signed
 * checkpoint, that checkpoint's signed note with every cosignature, and
 * the log's verifier keys. Reads only. Format: docs/LEDGER.md
 * ("Publication proof files"). */
#include "app/bundle_publication.h"

#include <string.h>

#include "app/ledger.h"
#include "app/ledger_note.h"
#include "app/ledger_proof.h"
#include "app/publication.h"
#include "base/crypto.h"

/* "key value\n" with newlines and tabs turned into spaces (one line). */
static void put_line(struct buf *b, const char *key, const char *s)
{
	buf_adds(b, key);
	if (s && *s) {
		buf_addc(b, ' ');
		for (; *s; s++)
			buf_addc(b, *s == '\n' || *s == '\r' || *s == '\t' ? ' ' : *s);
	}
	buf_addc(b, '\n');
}

static void put_hex(struct buf *b, const unsigned char *d, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		buf_addc(b, digits[d[i] >> 4]);
		buf_addc(b, digits[d[i] & 15]);
	}
}

enum fz_err app_publication_proof(struct app_ctx *ctx, int64_t id, struct buf *out,
				  struct fz_error *e)
{
	struct publication p;
	struct ledger_checkpoint_row cp;
	struct publication_event *evs;
	size_t n;
	int64_t ledger_size;
	enum fz_err rc;
	if ((rc = app_publication_get(ctx, id, true, &p, e)))
		return rc;
	rc = app_ledger_latest(ctx, &cp, &ledger_size, e);
	if (rc == FZ_NOTFOUND || (!rc && !cp.origin[0]))
		return fz_fail(e, FZ_CONFLICT, NULL,
			       "账本尚未签署标准格式的检查点，下一个检查点签署后可下载证明文件");
	if (rc)
		return rc;
	if ((rc = ctx->st->ops->publication_events_of(ctx->st, ctx->a, id, &evs, &n, e)))
		return rc;
	if (n == 0 || n > PUBPROOF_RECORDS_MAX)
		return fz_fail(e, FZ_CONFLICT, NULL, "本公示在账本中的记录数（%zu）无法写入证明文件", n);
	struct ledger_leaf *leaves = arena_alloc(ctx->a, n * sizeof *leaves);
	if (!leaves)
		return fz_fail(e, FZ_NOMEM, NULL, "内存不足");
	for (size_t i = 0; i < n; i++) {
		if ((rc = ctx->st->ops->ledger_leaf_find(ctx->st, LEDGER_PUBLICATION, evs[i].id,
							 &leaves[i], e)))
			return rc == FZ_NOTFOUND ? fz_fail(e, FZ_CONFLICT, NULL,
							   "本公示的第 %zu 条记录没有记入账本", i + 1)
						 : rc;
		if (leaves[i].idx >= cp.tree_size)
			return fz_fail(e, FZ_CONFLICT, NULL,
				       "本公示的记录（账本第 %lld 号）还没有被签名检查点覆盖，"
				       "下一个检查点签署后可下载证明文件",
				       (long long)leaves[i].idx);
	}
	/* in leaf order (the store returns them so; a small sort keeps it
	 * true whatever it returns) */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && leaves[j - 1].idx > leaves[j].idx; j--) {
			struct ledger_leaf tl = leaves[j];
			struct publication_event te = evs[j];
			leaves[j] = leaves[j - 1];
			evs[j] = evs[j - 1];
			leaves[j - 1] = tl;
			evs[j - 1] = te;
		}
	struct buf note = BUF_INIT;
	if ((rc = app_ledger_note(ctx, &cp, true, &note, e))) {
		buf_release(&note);
		return rc;
	}
	buf_adds(out, PUBPROOF_MAGIC "\n");
	buf_addf(out, "decision %lld\n", (long long)p.id);
	put_line(out, "agency", p.agency);
	put_line(out, "number", p.number);
	buf_addf(out, "status %s\n", pub_status_name(p.status));
	buf_addf(out, "records %zu\n", n);
	buf_addf(out, "checkpoint %zu\n", note.len);
	buf_add(out, note.data, note.len);
	buf_release(&note);
	for (size_t i = 0; i < n; i++) {
		struct merkle_proof pr;
		struct buf enc = BUF_INIT;
		if ((rc = app_ledger_inclusion_proof(ctx, leaves[i].idx, cp.tree_size, NULL, &pr, e)))
			return rc;
		app_ledger_publication_encode(&evs[i], &enc);
		if (buf_failed(&enc)) {
			buf_release(&enc);
			return fz_fail(e, FZ_NOMEM, NULL, "内存不足");
		}
		buf_addf(out, "record %lld %lld ", (long long)leaves[i].idx, (long long)evs[i].id);
		put_hex(out, leaves[i].leaf_hash, leaves[i].hash_len);
		buf_addc(out, ' ');
		put_hex(out, (const unsigned char *)enc.data, enc.len);
		buf_adds(out, "\nproof");
		for (size_t k = 0; k < pr.n; k++) {
			buf_addc(out, ' ');
			put_hex(out, pr.hash[k], leaves[i].hash_len);
		}
		buf_addc(out, '\n');
		buf_release(&enc);
	}
	struct buf vk = BUF_INIT;
	app_ledger_vkey(&cp, &vk);
	if (vk.len)
		put_line(out, "key", buf_cstr(&vk));
	buf_reset(&vk);
	app_ledger_sm2_vkey(&cp, &vk);
	if (vk.len)
		put_line(out, "key", buf_cstr(&vk));
	buf_release(&vk);
	buf_adds(out, "end\n");
	if (buf_failed(out))
		return fz_fail(e, FZ_NOMEM, NULL, "内存不足");
	return FZ_OK;
}
