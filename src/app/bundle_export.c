/* bundle_export.c - writing a case bundle from the database: the export is
 * recorded (case_exports, its leaf, an audit entry), a checkpoint covering
 * it signed, then every item with its inclusion proof and files streamed
 * out. The format is described in docs/LEDGER.md ("Case bundles"). */
#include "app/bundle.h"

#include <limits.h>
#include <string.h>

#include "app/audit.h"
#include "app/authz.h"
#include "app/document.h"
#include "app/evidence.h"
#include "app/ledger.h"
#include "app/ledger_proof.h"

static const struct scope scope_all = { .kind = SCOPE_ALL };

/* Writes s with newlines and tabs turned into spaces (a line stays one line). */
static void put_text(FILE *out, const char *s)
{
	for (; s && *s; s++)
		fputc(*s == '\n' || *s == '\r' || *s == '\t' ? ' ' : *s, out);
}

static void put_hex(FILE *out, const unsigned char *d, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		fputc(digits[d[i] >> 4], out);
		fputc(digits[d[i] & 15], out);
	}
}

/* "file <size>\n", the bytes, "\n". */
static enum fz_err put_file(FILE *out, const char *path, int64_t size, struct fz_error *e)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return fz_fail(e, FZ_NOTFOUND, NULL, "文件缺失（%s）", path);
	fprintf(out, "file %lld\n", (long long)size);
	unsigned char chunk[65536];
	int64_t total = 0;
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		fwrite(chunk, 1, n, out);
		total += (int64_t)n;
	}
	bool bad = ferror(f) != 0;
	fclose(f);
	if (bad || total != size)
		return fz_fail(e, FZ_CONFLICT, NULL, "文件 %s 的大小与记录不符", path);
	fputc('\n', out);
	return FZ_OK;
}

struct exporter {
	struct app_ctx *ctx;
	FILE *out;
	int64_t size;   /* the checkpoint's tree size: every proof is in it */
	size_t hs;      /* the hash's size */
	int64_t before; /* only leaves before the export's own */
	struct buf enc;
};

/* "<type> <leaf> <id> <encoding hex>\n" and "proof ...\n" for the object
 * (kind, ref) whose encoding is in x->enc; *skip when its leaf comes
 * after the export (written since: not part of this bundle). */
static enum fz_err put_item(struct exporter *x, const char *type, int kind, int64_t ref,
			    bool *skip, struct fz_error *e)
{
	struct ledger_leaf lf;
	struct merkle_proof p;
	*skip = false;
	if (buf_status(&x->enc))
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	enum fz_err rc = x->ctx->st->ops->ledger_leaf_find(x->ctx->st, kind, ref, &lf, e);
	if (rc == FZ_NOTFOUND)
		return fz_fail(e, FZ_CONFLICT, NULL, "记录 %s #%lld 未记入账本，不能导出", type,
			       (long long)ref);
	if (rc)
		return rc;
	if (lf.idx >= x->before) {
		*skip = true;
		return FZ_OK;
	}
	/* O(log n) stored nodes, as the proofs over HTTP */
	if ((rc = app_ledger_inclusion_proof(x->ctx, lf.idx, x->size, NULL, &p, e)))
		return rc;
	fprintf(x->out, "%s %lld %lld ", type, (long long)lf.idx, (long long)ref);
	put_hex(x->out, (const unsigned char *)x->enc.data, x->enc.len);
	fputs("\nproof", x->out);
	for (size_t i = 0; i < p.n; i++) {
		fputc(' ', x->out);
		put_hex(x->out, p.hash[i], x->hs);
	}
	fputc('\n', x->out);
	return FZ_OK;
}

/* Records the export: a case_exports row with the counts of the case's
 * leaves so far, its leaf, the audit entry. */
static enum fz_err export_record(struct app_ctx *ctx, int64_t case_id, const char *number,
				 struct case_export *x, int64_t *leaf, struct fz_error *e)
{
	enum ledger_hash_alg alg;
	int64_t size, n[6];
	unsigned char d[LEDGER_DIGEST_MAX];
	enum fz_err rc;
	memset(x, 0, sizeof *x);
	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	if ((rc = app_ledger_alg(ctx, &alg, e)) ||
	    (rc = ctx->st->ops->ledger_size(ctx->st, &size, e)) ||
	    (rc = ctx->st->ops->ledger_case_counts(ctx->st, case_id, size, n, e)))
		goto abort;
	x->case_id = case_id;
	x->at = ctx->now;
	x->actor_id = ctx->user ? ctx->user->id : 0;
	x->actor = ctx->actor ? ctx->actor : "";
	x->headers = n[LEDGER_CASE_HEADER];
	x->events = n[LEDGER_CASE_EVENT];
	x->evidence = n[LEDGER_EVIDENCE];
	x->documents = n[LEDGER_DOCUMENT];
	if ((rc = ctx->st->ops->case_export_insert(ctx->st, x, e)))
		goto abort;
	size_t len = app_ledger_export_digest(alg, x, d);
	if (!len) {
		rc = fz_fail(e, FZ_NOMEM, NULL, NULL);
		goto abort;
	}
	if ((rc = app_ledger_append(ctx, LEDGER_CASE_EXPORT, x->id, d, len, leaf, e)))
		goto abort;
	const char *msg = arena_printf(ctx->a, "%s：案件信息 %lld 版、事件 %lld 个、证据 %lld 份、"
					       "文书 %lld 份",
				       number, (long long)x->headers, (long long)x->events,
				       (long long)x->evidence, (long long)x->documents);
	return app_tx_finish(ctx, "case.export", "case", case_id, msg, NULL, e);
abort:
	app_tx_abort(ctx);
	return rc;
}

static enum fz_err export_items(struct exporter *x, const char *data_dir, int64_t case_id,
				struct bundle_summary *sum, struct fz_error *e)
{
	struct app_ctx *ctx = x->ctx;
	struct case_header_list hs;
	struct case_event_list evs;
	struct case_document_list docs;
	enum fz_err rc;
	bool skip;
	if ((rc = ctx->st->ops->case_headers(ctx->st, ctx->a, case_id, &hs, e)) ||
	    (rc = ctx->st->ops->case_events(ctx->st, ctx->a, &scope_all, case_id, &evs, e)) ||
	    (rc = ctx->st->ops->document_list(ctx->st, ctx->a, &scope_all, case_id, &docs, e)))
		return rc;
	for (size_t i = 0; i < hs.n; i++) {
		buf_reset(&x->enc);
		app_ledger_header_encode(&hs.items[i], &x->enc);
		if ((rc = put_item(x, "header", LEDGER_CASE_HEADER, hs.items[i].id, &skip, e)))
			return rc;
		sum->headers += !skip;
	}
	for (size_t i = 0; i < evs.n; i++) {
		buf_reset(&x->enc);
		app_ledger_event_encode(&evs.items[i], &x->enc);
		if ((rc = put_item(x, "event", LEDGER_CASE_EVENT, evs.items[i].id, &skip, e)))
			return rc;
		sum->events += !skip;
	}
	for (int64_t off = 0;;) {
		struct evidence_list page;
		struct page pg = { .offset = off, .limit = 200 };
		struct arena *a = arena_new();
		if (!a)
			return fz_fail(e, FZ_NOMEM, NULL, NULL);
		rc = ctx->st->ops->evidence_list(ctx->st, a, &scope_all, case_id, pg, &page, e);
		for (size_t i = 0; !rc && i < page.n; i++) {
			char path[PATH_MAX];
			const struct evidence *ev = &page.items[i];
			buf_reset(&x->enc);
			app_ledger_evidence_encode(ev, &x->enc);
			if ((rc = put_item(x, "evidence", LEDGER_EVIDENCE, ev->id, &skip, e)) || skip)
				continue;
			if ((rc = app_evidence_path(data_dir, ev->digest, path, e)) ||
			    (rc = put_file(x->out, path, ev->size, e)))
				break;
			sum->evidence++;
		}
		size_t got = rc ? 0 : page.n;
		arena_free(a);
		if (rc)
			return rc;
		off += (int64_t)got;
		if (got < 200)
			break;
	}
	for (size_t i = 0; i < docs.n; i++) {
		const struct case_document *d = &docs.items[i];
		struct buf path = BUF_INIT;
		buf_reset(&x->enc);
		app_ledger_document_encode(d, &x->enc);
		if ((rc = put_item(x, "document", LEDGER_DOCUMENT, d->id, &skip, e)))
			return rc;
		if (skip)
			continue;
		if (app_document_path(data_dir, d->digest, &path)) {
			buf_release(&path);
			return fz_fail(e, FZ_NOMEM, NULL, NULL);
		}
		rc = put_file(x->out, buf_cstr(&path), d->size, e);
		buf_release(&path);
		if (rc)
			return rc;
		sum->documents++;
	}
	return FZ_OK;
}

enum fz_err app_bundle_export(struct app_ctx *ctx, const char *data_dir, int64_t case_id,
			      FILE *out, struct bundle_summary *sum, struct fz_error *e)
{
	struct enf_case c;
	struct case_export rec;
	struct ledger_checkpoint_row cp;
	struct exporter x = { .ctx = ctx, .out = out, .enc = BUF_INIT };
	enum ledger_hash_alg alg;
	unsigned char root[LEDGER_HASH_MAX];
	int64_t leaf;
	enum fz_err rc;

	memset(sum, 0, sizeof *sum);
	if ((rc = app_require(ctx, PERM_CASE_READ, "case.export", e)) ||
	    (rc = ctx->st->ops->case_get(ctx->st, ctx->a, &ctx->scope, case_id, &c, e)) ||
	    (rc = app_ledger_alg(ctx, &alg, e)))
		return rc;
	snprintf(sum->number, sizeof sum->number, "%s", c.number);
	if ((rc = export_record(ctx, case_id, c.number, &rec, &leaf, e)))
		return rc;
	sum->export_leaf = leaf;
	/* a checkpoint that covers the export's own leaf */
	bool made = false;
	if ((rc = app_ledger_checkpoint(ctx, &made, &cp, e)))
		return rc;
	sum->made_checkpoint = made;
	size_t hs = ledger_hash_size(alg);
	if (cp.tree_size <= leaf || cp.root_len != hs)
		return fz_fail(e, FZ_CONFLICT, NULL, "没有覆盖本案全部记录的检查点");
	x.size = cp.tree_size;
	x.hs = hs;
	if ((rc = app_ledger_root(ctx, cp.tree_size, root, e)))
		return rc;
	if (memcmp(root, cp.root, hs) != 0)
		return fz_fail(e, FZ_CONFLICT, NULL,
			       "账本的根与检查点不符，不能导出：请先运行 fazhi verify");

	fprintf(out, "%s\ncase %lld ", BUNDLE_MAGIC, (long long)case_id);
	put_text(out, c.number);
	fprintf(out, "\nhash %s\nsize %lld\nroot ", ledger_hash_name(alg), (long long)cp.tree_size);
	put_hex(out, cp.root, hs);
	fprintf(out, "\ntime %lld\norigin %s\npubkey ", (long long)cp.at, cp.origin);
	put_hex(out, cp.pubkey, sizeof cp.pubkey);
	fputs("\nsignature ", out);
	put_hex(out, cp.signature, sizeof cp.signature);
	fputc('\n', out);
	/* the export's item first: what the rest must add up to */
	x.before = leaf + 1;
	bool skip;
	app_ledger_export_encode(&rec, &x.enc);
	if ((rc = put_item(&x, "export", LEDGER_CASE_EXPORT, rec.id, &skip, e)))
		goto done;
	x.before = leaf;
	if ((rc = export_items(&x, data_dir, case_id, sum, e)))
		goto done;
	fputs("end\n", out);
	if (sum->headers != rec.headers || sum->events != rec.events ||
	    sum->evidence != rec.evidence || sum->documents != rec.documents)
		rc = fz_fail(e, FZ_CONFLICT, NULL, "案卷包中的记录数与导出记录不符：请先运行 fazhi verify");
	sum->tree_size = cp.tree_size;
done:
	buf_release(&x.enc);
	return rc;
}
