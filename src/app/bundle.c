/* bundle.c - case bundles: export from the database, verify offline.
 * The format is described in docs/LEDGER.md ("Case bundles"). */
#include "app/bundle.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "app/document.h"
#include "app/evidence.h"
#include "app/ledger.h"
#include "base/crypto.h"
#include "ledger/checkpoint.h"
#include "ledger/leaf.h"
#include "ledger/merkle.h"

static const struct scope scope_all = { .kind = SCOPE_ALL };

/* --- export --- */

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

static enum fz_err put_proof(FILE *out, enum ledger_hash_alg alg, const unsigned char *leaves,
			     uint64_t n, uint64_t m, struct fz_error *e)
{
	struct merkle_proof p;
	if (merkle_inclusion_proof(alg, leaves, n, m, &p))
		return fz_fail(e, FZ_INTERNAL, NULL, "无法生成第 %llu 号记录的包含证明",
			       (unsigned long long)m);
	fputs("proof", out);
	for (size_t i = 0; i < p.n; i++) {
		fputc(' ', out);
		put_hex(out, p.hash[i], ledger_hash_size(alg));
	}
	fputc('\n', out);
	return FZ_OK;
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

static enum fz_err leaf_of(struct app_ctx *ctx, int kind, int64_t ref, int64_t *idx,
			   int64_t *max, struct fz_error *e)
{
	struct ledger_leaf lf;
	enum fz_err rc = ctx->st->ops->ledger_leaf_find(ctx->st, kind, ref, &lf, e);
	if (rc == FZ_NOTFOUND)
		return fz_fail(e, FZ_CONFLICT, NULL, "记录 %d/#%lld 未记入账本", kind, (long long)ref);
	if (rc)
		return rc;
	*idx = lf.idx;
	if (lf.idx > *max)
		*max = lf.idx;
	return FZ_OK;
}

enum fz_err app_bundle_export(struct app_ctx *ctx, const char *data_dir, int64_t case_id,
			      FILE *out, struct bundle_summary *sum, struct fz_error *e)
{
	struct enf_case c;
	struct case_event_list evs;
	struct case_document_list docs;
	struct evidence *evd = NULL;
	size_t nevd = 0;
	int64_t *eidx = NULL, *vidx = NULL, *didx = NULL, max = -1;
	unsigned char *leaves = NULL;
	struct buf b = BUF_INIT;
	enum fz_err rc;

	memset(sum, 0, sizeof *sum);
	if ((rc = app_ledger_open(ctx->st, e)))
		return rc;
	enum ledger_hash_alg alg = app_ledger_hash();
	size_t hs = ledger_hash_size(alg);
	if ((rc = ctx->st->ops->case_get(ctx->st, ctx->a, &scope_all, case_id, &c, e)) ||
	    (rc = ctx->st->ops->case_events(ctx->st, ctx->a, &scope_all, case_id, &evs, e)) ||
	    (rc = ctx->st->ops->document_list(ctx->st, ctx->a, &scope_all, case_id, &docs, e)))
		return rc;
	snprintf(sum->number, sizeof sum->number, "%s", c.number);
	for (int64_t off = 0;;) {
		struct evidence_list page;
		struct page pg = { .offset = off, .limit = 200 };
		if ((rc = ctx->st->ops->evidence_list(ctx->st, ctx->a, &scope_all, case_id, pg, &page,
						      e)))
			goto done;
		struct evidence *grown = realloc(evd, (nevd + page.n + 1) * sizeof *evd);
		if (!grown) {
			rc = fz_fail(e, FZ_NOMEM, NULL, NULL);
			goto done;
		}
		evd = grown;
		if (page.n)
			memcpy(evd + nevd, page.items, page.n * sizeof *evd);
		nevd += page.n;
		off += (int64_t)page.n;
		if (page.n < 200)
			break;
	}
	eidx = calloc(evs.n + 1, sizeof *eidx);
	vidx = calloc(nevd + 1, sizeof *vidx);
	didx = calloc(docs.n + 1, sizeof *didx);
	if (!eidx || !vidx || !didx) {
		rc = fz_fail(e, FZ_NOMEM, NULL, NULL);
		goto done;
	}
	for (size_t i = 0; i < evs.n; i++)
		if ((rc = leaf_of(ctx, LEDGER_CASE_EVENT, evs.items[i].id, &eidx[i], &max, e)))
			goto done;
	for (size_t i = 0; i < nevd; i++)
		if ((rc = leaf_of(ctx, LEDGER_EVIDENCE, evd[i].id, &vidx[i], &max, e)))
			goto done;
	for (size_t i = 0; i < docs.n; i++)
		if ((rc = leaf_of(ctx, LEDGER_DOCUMENT, docs.items[i].id, &didx[i], &max, e)))
			goto done;

	/* the checkpoint: the latest, or a new one when it does not cover the case */
	struct ledger_checkpoint_row cp;
	rc = ctx->st->ops->checkpoint_latest(ctx->st, &cp, e);
	if (rc && rc != FZ_NOTFOUND)
		goto done;
	if (rc == FZ_NOTFOUND || cp.tree_size <= max) {
		bool made = false;
		if ((rc = app_ledger_checkpoint(ctx, &made, &cp, e)))
			goto done;
		sum->made_checkpoint = made;
	}
	if (cp.tree_size <= max || cp.tree_size <= 0 || cp.root_len != hs) {
		rc = fz_fail(e, FZ_CONFLICT, NULL, "没有覆盖本案全部记录的检查点");
		goto done;
	}
	uint64_t n = (uint64_t)cp.tree_size;
	if (!(leaves = malloc(n * hs))) {
		rc = fz_fail(e, FZ_NOMEM, NULL, NULL);
		goto done;
	}
	for (uint64_t from = 0; from < n;) {
		struct ledger_leaf_list page;
		struct arena *a = arena_new();
		if (!a) {
			rc = fz_fail(e, FZ_NOMEM, NULL, NULL);
			goto done;
		}
		int lim = n - from < 2000 ? (int)(n - from) : 2000;
		rc = ctx->st->ops->ledger_leaves(ctx->st, a, (int64_t)from, lim, &page, e);
		if (!rc && page.n == 0)
			rc = fz_fail(e, FZ_INTERNAL, NULL, "账本第 %llu 号记录缺失",
				     (unsigned long long)from);
		for (size_t i = 0; !rc && i < page.n && from + i < n; i++)
			memcpy(leaves + (from + i) * hs, page.items[i].leaf_hash, hs);
		from += page.n;
		arena_free(a);
		if (rc)
			goto done;
	}

	fprintf(out, "%s\ncase %lld ", BUNDLE_MAGIC, (long long)case_id);
	put_text(out, c.number);
	fprintf(out, "\nhash %s\nsize %lld\nroot ", ledger_hash_name(alg), (long long)cp.tree_size);
	put_hex(out, cp.root, hs);
	fprintf(out, "\ntime %lld\norigin %s\npubkey ", (long long)cp.at, cp.origin);
	put_hex(out, cp.pubkey, sizeof cp.pubkey);
	fputs("\nsignature ", out);
	put_hex(out, cp.signature, sizeof cp.signature);
	fputc('\n', out);
	for (size_t i = 0; i < evs.n; i++) {
		buf_reset(&b);
		app_ledger_event_encode(&evs.items[i], &b);
		if (buf_status(&b)) {
			rc = fz_fail(e, FZ_NOMEM, NULL, NULL);
			goto done;
		}
		fprintf(out, "event %lld %lld ", (long long)eidx[i], (long long)evs.items[i].id);
		put_hex(out, (const unsigned char *)b.data, b.len);
		fputc('\n', out);
		if ((rc = put_proof(out, alg, leaves, n, (uint64_t)eidx[i], e)))
			goto done;
	}
	for (size_t i = 0; i < nevd; i++) {
		char path[PATH_MAX];
		buf_reset(&b);
		app_ledger_evidence_encode(&evd[i], &b);
		if (buf_status(&b)) {
			rc = fz_fail(e, FZ_NOMEM, NULL, NULL);
			goto done;
		}
		fprintf(out, "evidence %lld %lld ", (long long)vidx[i], (long long)evd[i].id);
		put_hex(out, (const unsigned char *)b.data, b.len);
		fputc('\n', out);
		if ((rc = put_proof(out, alg, leaves, n, (uint64_t)vidx[i], e)) ||
		    (rc = app_evidence_path(data_dir, evd[i].digest, path, e)) ||
		    (rc = put_file(out, path, evd[i].size, e)))
			goto done;
	}
	for (size_t i = 0; i < docs.n; i++) {
		const struct case_document *d = &docs.items[i];
		struct buf path = BUF_INIT;
		fprintf(out, "document %lld %lld %s ", (long long)didx[i], (long long)d->id,
			d->digest);
		put_text(out, d->title);
		put_text(out, d->number);
		fputc('\n', out);
		if ((rc = put_proof(out, alg, leaves, n, (uint64_t)didx[i], e)))
			goto done;
		if (app_document_path(data_dir, d->digest, &path)) {
			buf_release(&path);
			rc = fz_fail(e, FZ_NOMEM, NULL, NULL);
			goto done;
		}
		rc = put_file(out, buf_cstr(&path), d->size, e);
		buf_release(&path);
		if (rc)
			goto done;
	}
	fputs("end\n", out);
	sum->events = (int64_t)evs.n;
	sum->evidence = (int64_t)nevd;
	sum->documents = (int64_t)docs.n;
	sum->tree_size = cp.tree_size;
done:
	buf_release(&b);
	free(leaves);
	free(evd);
	free(eidx);
	free(vidx);
	free(didx);
	return rc;
}

/* --- verification --- */

struct rd {
	const unsigned char *p, *end;
	struct bundle_report *r;
	enum ledger_hash_alg alg;
	size_t hs;
	uint64_t size;
	unsigned char root[LEDGER_HASH_MAX];
	int64_t case_id;
};

static bool fail(struct rd *d, const char *fmt, ...) FZ_PRINTF(2, 3);
static bool fail(struct rd *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(d->r->problem, sizeof d->r->problem, fmt, ap);
	va_end(ap);
	d->r->ok = false;
	return false;
}

/* The next line (without "\n") into line/len; false at the end. */
static bool next_line(struct rd *d, const char **line, size_t *len)
{
	if (d->p >= d->end)
		return false;
	const unsigned char *nl = memchr(d->p, '\n', (size_t)(d->end - d->p));
	if (!nl)
		return false;
	*line = (const char *)d->p;
	*len = (size_t)(nl - d->p);
	d->p = nl + 1;
	return true;
}

/* Splits off the first space-separated token of *s (length *n). */
static bool token(const char **s, size_t *n, const char **tok, size_t *tlen)
{
	const char *sp = memchr(*s, ' ', *n);
	*tok = *s;
	*tlen = sp ? (size_t)(sp - *s) : *n;
	if (*tlen == 0)
		return false;
	*s += sp ? *tlen + 1 : *tlen;
	*n -= sp ? *tlen + 1 : *tlen;
	return true;
}

static bool parse_u64(const char *s, size_t n, uint64_t *out)
{
	uint64_t v = 0;
	if (n == 0 || n > 19)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	*out = v;
	return true;
}

static bool is_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

/* Decodes exactly want bytes of hex (2*want chars). */
static bool unhex_n(const char *s, size_t n, unsigned char *out, size_t want)
{
	char tmp[2 * LEDGER_HASH_MAX + 1];
	if (n != 2 * want || n >= sizeof tmp || !is_hex(s, n))
		return false;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	return crypto_unhex(tmp, out, want);
}

/* "key value" header line: value into val/vlen. */
static bool header(struct rd *d, const char *key, const char **val, size_t *vlen)
{
	const char *line, *k;
	size_t len, klen;
	if (!next_line(d, &line, &len) || !token(&line, &len, &k, &klen) ||
	    klen != strlen(key) || memcmp(k, key, klen) != 0)
		return fail(d, "文件头缺少“%s”行：不是完整的案卷包", key);
	*val = line;
	*vlen = len;
	return true;
}

/* Canonical encoding readers (ledger/leaf.h). */
static bool canon_get_str(const unsigned char **p, const unsigned char *end,
			  const unsigned char **s, size_t *n)
{
	if (end - *p < 4)
		return false;
	size_t len = ((size_t)(*p)[0] << 24) | ((size_t)(*p)[1] << 16) | ((size_t)(*p)[2] << 8) |
		     (*p)[3];
	*p += 4;
	if ((size_t)(end - *p) < len)
		return false;
	*s = *p;
	*n = len;
	*p += len;
	return true;
}

static bool canon_get_int(const unsigned char **p, const unsigned char *end, int64_t *v)
{
	uint64_t u = 0;
	if (end - *p < 8)
		return false;
	for (int i = 0; i < 8; i++)
		u = (u << 8) | (*p)[i];
	*p += 8;
	*v = (int64_t)u;
	return true;
}

/* "proof h1 h2 ..." after an item; checks leaf hash lh at idx. */
static bool proof_check(struct rd *d, uint64_t idx, const unsigned char *lh, const char *what)
{
	const char *line, *tok;
	size_t len, tlen;
	struct merkle_proof p = { .n = 0 };
	if (!next_line(d, &line, &len) || !token(&line, &len, &tok, &tlen) || tlen != 5 ||
	    memcmp(tok, "proof", 5) != 0)
		return fail(d, "%s：缺少包含证明", what);
	while (len > 0) {
		if (!token(&line, &len, &tok, &tlen) || p.n == MERKLE_PROOF_MAX ||
		    !unhex_n(tok, tlen, p.hash[p.n], d->hs))
			return fail(d, "%s：包含证明格式有误", what);
		p.n++;
	}
	if (idx >= d->size || !merkle_inclusion_verify(d->alg, idx, d->size, lh, &p, d->root))
		return fail(d, "%s：内容与账本不符（包含证明对检查点的根不成立）", what);
	return true;
}

/* "file <size>\n" bytes "\n": the bytes' digest into digest. */
static bool file_take(struct rd *d, const char *what, uint64_t want_size,
		      unsigned char *digest)
{
	const char *line, *tok;
	size_t len, tlen;
	uint64_t size;
	if (!next_line(d, &line, &len) || !token(&line, &len, &tok, &tlen) || tlen != 4 ||
	    memcmp(tok, "file", 4) != 0 || !parse_u64(line, len, &size))
		return fail(d, "%s：缺少文件内容", what);
	if ((uint64_t)(d->end - d->p) < size + 1 || d->p[size] != '\n')
		return fail(d, "%s：文件内容不完整", what);
	if (size != want_size)
		return fail(d, "%s：文件大小 %llu 与记录的 %llu 不符", what,
			    (unsigned long long)size, (unsigned long long)want_size);
	ledger_hash(d->alg, d->p, (size_t)size, digest);
	d->p += size + 1;
	return true;
}

static bool leaf_hash(struct rd *d, int kind, int64_t ref, const unsigned char *digest,
		      unsigned char *lh)
{
	unsigned char data[LEDGER_LEAF_DATA_MAX];
	size_t n = ledger_leaf_data(kind, ref, digest, d->hs, data);
	if (!n)
		return false;
	merkle_leaf_hash(d->alg, data, n, lh);
	return true;
}

/* Common head of an item line: "<idx> <ref> <hex>" -> idx, ref, hex. */
static bool item_head(const char **line, size_t *len, uint64_t *idx, uint64_t *ref,
		      const char **hex, size_t *hlen)
{
	const char *tok;
	size_t tlen;
	if (!token(line, len, &tok, &tlen) || !parse_u64(tok, tlen, idx) ||
	    !token(line, len, &tok, &tlen) || !parse_u64(tok, tlen, ref))
		return false;
	if (*len == 0)
		return false;
	return token(line, len, hex, hlen);
}

static bool event_item(struct rd *d, const char *line, size_t len)
{
	uint64_t idx, ref;
	const char *hex;
	size_t hlen;
	char what[160];
	unsigned char digest[LEDGER_HASH_MAX], lh[LEDGER_HASH_MAX];
	d->r->events++;
	snprintf(what, sizeof what, "第 %lld 个事件记录", (long long)d->r->events);
	if (!item_head(&line, &len, &idx, &ref, &hex, &hlen) || hlen % 2 || !is_hex(hex, hlen))
		return fail(d, "%s：格式有误（事件数据不是有效的十六进制）", what);
	unsigned char *enc = malloc(hlen / 2 + 1);
	if (!enc)
		return fail(d, "内存不足");
	for (size_t i = 0; i < hlen / 2; i++) {
		char two[3] = { hex[2 * i], hex[2 * i + 1], '\0' };
		if (!crypto_unhex(two, enc + i, 1)) {
			free(enc);
			return fail(d, "%s：格式有误", what);
		}
	}
	const unsigned char *p = enc, *end = enc + hlen / 2, *type;
	size_t tn;
	int64_t case_id, seq;
	bool ok = canon_get_str(&p, end, &type, &tn) && canon_get_int(&p, end, &case_id) &&
		  canon_get_int(&p, end, &seq);
	if (ok)
		snprintf(what, sizeof what, "事件（第 %lld 个，账本第 %llu 号记录）", (long long)seq,
			 (unsigned long long)idx);
	if (!ok || tn != strlen("fazhi.case_event.v1") ||
	    memcmp(type, "fazhi.case_event.v1", tn) != 0) {
		free(enc);
		return fail(d, "%s：事件数据无法解读", what);
	}
	if (case_id != d->case_id) {
		free(enc);
		return fail(d, "%s：不属于本案", what);
	}
	ledger_hash(d->alg, enc, hlen / 2, digest);
	free(enc);
	if (!leaf_hash(d, LEDGER_CASE_EVENT, (int64_t)ref, digest, lh))
		return fail(d, "%s：格式有误", what);
	return proof_check(d, idx, lh, what);
}

static bool evidence_item(struct rd *d, const char *line, size_t len)
{
	uint64_t idx, ref;
	const char *hex;
	size_t hlen;
	char what[400];
	unsigned char digest[LEDGER_HASH_MAX], lh[LEDGER_HASH_MAX], fd[LEDGER_HASH_MAX];
	d->r->evidence++;
	snprintf(what, sizeof what, "第 %lld 份证据材料", (long long)d->r->evidence);
	if (!item_head(&line, &len, &idx, &ref, &hex, &hlen) || hlen % 2 || !is_hex(hex, hlen))
		return fail(d, "%s：格式有误（证据记录不是有效的十六进制）", what);
	unsigned char *enc = malloc(hlen / 2 + 1);
	if (!enc)
		return fail(d, "内存不足");
	for (size_t i = 0; i < hlen / 2; i++) {
		char two[3] = { hex[2 * i], hex[2 * i + 1], '\0' };
		if (!crypto_unhex(two, enc + i, 1)) {
			free(enc);
			return fail(d, "%s：格式有误", what);
		}
	}
	const unsigned char *p = enc, *end = enc + hlen / 2, *type, *fhex, *name;
	size_t tn, fn, nn;
	int64_t case_id, size;
	bool ok = canon_get_str(&p, end, &type, &tn) && canon_get_int(&p, end, &case_id) &&
		  canon_get_str(&p, end, &fhex, &fn) && canon_get_int(&p, end, &size) &&
		  canon_get_str(&p, end, &name, &nn);
	if (ok)
		snprintf(what, sizeof what, "证据材料“%.*s”（账本第 %llu 号记录）",
			 (int)(nn > 200 ? 200 : nn), (const char *)name, (unsigned long long)idx);
	if (!ok || tn != strlen("fazhi.evidence.v1") || memcmp(type, "fazhi.evidence.v1", tn) ||
	    size < 0) {
		free(enc);
		return fail(d, "%s：证据记录无法解读", what);
	}
	if (case_id != d->case_id) {
		free(enc);
		return fail(d, "%s：不属于本案", what);
	}
	ledger_hash(d->alg, enc, hlen / 2, digest);
	bool fhex_ok = unhex_n((const char *)fhex, fn, fd, d->hs);
	free(enc);
	if (!fhex_ok)
		return fail(d, "%s：记录中的文件摘要无效", what);
	if (!leaf_hash(d, LEDGER_EVIDENCE, (int64_t)ref, digest, lh) ||
	    !proof_check(d, idx, lh, what))
		return false;
	unsigned char got[LEDGER_HASH_MAX];
	if (!file_take(d, what, (uint64_t)size, got))
		return false;
	if (memcmp(got, fd, d->hs) != 0)
		return fail(d, "%s：文件内容已被改动（摘要与记录不符）", what);
	return true;
}

static bool document_item(struct rd *d, const char *line, size_t len)
{
	uint64_t idx, ref;
	const char *hex;
	size_t hlen;
	char what[400];
	unsigned char digest[LEDGER_HASH_MAX], lh[LEDGER_HASH_MAX], got[LEDGER_HASH_MAX];
	d->r->documents++;
	snprintf(what, sizeof what, "第 %lld 份文书", (long long)d->r->documents);
	if (!item_head(&line, &len, &idx, &ref, &hex, &hlen) ||
	    !unhex_n(hex, hlen, digest, d->hs))
		return fail(d, "%s：格式有误", what);
	snprintf(what, sizeof what, "文书“%.*s”（账本第 %llu 号记录）",
		 (int)(len > 200 ? 200 : len), line, (unsigned long long)idx);
	if (!leaf_hash(d, LEDGER_DOCUMENT, (int64_t)ref, digest, lh) ||
	    !proof_check(d, idx, lh, what))
		return false;
	/* the size is not in the leaf: the digest binds the bytes */
	const char *fl, *tok;
	size_t fll, tlen;
	uint64_t size;
	const unsigned char *save = d->p;
	if (!next_line(d, &fl, &fll) || !token(&fl, &fll, &tok, &tlen) ||
	    !parse_u64(fl, fll, &size))
		return fail(d, "%s：缺少文件内容", what);
	d->p = save;
	if (!file_take(d, what, size, got))
		return false;
	if (memcmp(got, digest, d->hs) != 0)
		return fail(d, "%s：文件内容已被改动（摘要与账本不符）", what);
	return true;
}

void bundle_verify(const unsigned char *data, size_t len, struct bundle_report *r)
{
	struct rd d = { .p = data, .end = data + len, .r = r };
	struct ledger_checkpoint cp;
	const char *v, *line, *tok;
	size_t vlen, llen, tlen;
	uint64_t u;

	memset(r, 0, sizeof *r);
	memset(&cp, 0, sizeof cp);
	r->ok = true;
	if (!next_line(&d, &line, &llen) || llen != strlen(BUNDLE_MAGIC) ||
	    memcmp(line, BUNDLE_MAGIC, llen) != 0) {
		fail(&d, "不是案卷包（第一行应为 %s）", BUNDLE_MAGIC);
		return;
	}
	if (!header(&d, "case", &v, &vlen))
		return;
	if (!token(&v, &vlen, &tok, &tlen) || !parse_u64(tok, tlen, &u)) {
		fail(&d, "“case”行格式有误");
		return;
	}
	d.case_id = (int64_t)u;
	snprintf(r->number, sizeof r->number, "%.*s", (int)vlen, v);
	if (!header(&d, "hash", &v, &vlen))
		return;
	char name[8];
	snprintf(name, sizeof name, "%.*s", (int)(vlen < 7 ? vlen : 7), v);
	if (vlen > 7 || !ledger_hash_from_name(name, &d.alg)) {
		fail(&d, "摘要算法“%.*s”无法识别", (int)(vlen > 20 ? 20 : vlen), v);
		return;
	}
	snprintf(r->hash, sizeof r->hash, "%s", name);
	d.hs = ledger_hash_size(d.alg);
	cp.alg = d.alg;
	if (!header(&d, "size", &v, &vlen))
		return;
	if (!parse_u64(v, vlen, &d.size) || d.size == 0) {
		fail(&d, "检查点的记录数有误");
		return;
	}
	cp.size = d.size;
	r->tree_size = (int64_t)d.size;
	if (!header(&d, "root", &v, &vlen))
		return;
	if (!unhex_n(v, vlen, d.root, d.hs)) {
		fail(&d, "检查点的根格式有误");
		return;
	}
	memcpy(cp.root, d.root, d.hs);
	snprintf(r->root, sizeof r->root, "%.*s", (int)vlen, v);
	if (!header(&d, "time", &v, &vlen))
		return;
	if (!parse_u64(v, vlen, &u)) {
		fail(&d, "检查点的时间格式有误");
		return;
	}
	cp.at = (int64_t)u;
	/* the log's origin: part of a C2SP checkpoint's signed text, empty
	 * for one in the older form */
	if (!header(&d, "origin", &v, &vlen))
		return;
	if (vlen >= sizeof cp.origin) {
		fail(&d, "检查点的日志名称过长");
		return;
	}
	memcpy(cp.origin, v, vlen);
	if (!header(&d, "pubkey", &v, &vlen))
		return;
	if (!unhex_n(v, vlen, cp.pubkey, sizeof cp.pubkey)) {
		fail(&d, "公钥格式有误");
		return;
	}
	snprintf(r->pubkey, sizeof r->pubkey, "%.*s", (int)vlen, v);
	if (!header(&d, "signature", &v, &vlen))
		return;
	if (!unhex_n(v, vlen, cp.sig, sizeof cp.sig)) {
		fail(&d, "检查点签名格式有误");
		return;
	}
	if (!ledger_checkpoint_verify(&cp)) {
		fail(&d, "检查点的签名无效");
		return;
	}
	for (;;) {
		if (!next_line(&d, &line, &llen)) {
			fail(&d, "案卷包不完整（缺少 end 行）");
			return;
		}
		if (llen == 3 && memcmp(line, "end", 3) == 0)
			break;
		if (!token(&line, &llen, &tok, &tlen)) {
			fail(&d, "案卷包中有空行");
			return;
		}
		bool go;
		if (tlen == 5 && !memcmp(tok, "event", 5))
			go = event_item(&d, line, llen);
		else if (tlen == 8 && !memcmp(tok, "evidence", 8))
			go = evidence_item(&d, line, llen);
		else if (tlen == 8 && !memcmp(tok, "document", 8))
			go = document_item(&d, line, llen);
		else
			go = fail(&d, "无法识别的行“%.*s”", (int)(tlen > 40 ? 40 : tlen), tok);
		if (!go)
			return;
	}
	if (d.p != d.end)
		fail(&d, "end 行之后还有内容");
}
