/* bundle_verify.c - checking a case bundle offline, reading it once from
 * start to end in constant memory, and naming the first thing that does
 * not hold. The format is described in docs/LEDGER.md ("Case bundles"). */
#include "app/bundle.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "app/ledger.h"
#include "ledger/checkpoint.h"
#include "ledger/leaf.h"
#include "ledger/merkle.h"

enum section { S_HEAD, S_EXPORT, S_HEADER, S_EVENT, S_EVIDENCE, S_DOCUMENT, S_END };

struct rd {
	FILE *in;
	struct bundle_report *r;
	char *line;          /* the current line, NUL-terminated (malloc) */
	size_t len, cap;
	unsigned char *bytes; /* the current item's decoded encoding */
	size_t nbytes, bytes_cap;
	enum ledger_hash_alg alg;
	size_t hs;
	uint64_t size;
	unsigned char root[LEDGER_HASH_MAX];
	int64_t case_id;
	/* what the export record says, and what has been seen */
	enum section at;
	int64_t export_idx;
	int64_t want[LEDGER_KIND_MAX + 1], seen[LEDGER_KIND_MAX + 1];
	int64_t last_idx;     /* leaf of the previous item in the section */
	int64_t last_seq[LEDGER_KIND_MAX + 1]; /* headers' and events' seq so far */
	int64_t gap[LEDGER_KIND_MAX + 1];      /* the first seq skipped, 0 none */
	int64_t *event_ids;   /* the events' ids, for documents */
	size_t nevent_ids, event_ids_cap;
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

/* Reads the next line (without "\n") into d->line; false at the end of
 * the input, on a line without "\n" or longer than BUNDLE_LINE_MAX. */
static bool next_line(struct rd *d)
{
	d->len = 0;
	for (;;) {
		int ch = getc_unlocked(d->in);
		if (ch == EOF)
			return false;
		if (ch == '\n')
			break;
		if (d->len + 1 >= d->cap) {
			if (d->cap >= BUNDLE_LINE_MAX)
				return false;
			size_t ncap = d->cap ? d->cap * 2 : 4096;
			char *grown = realloc(d->line, ncap);
			if (!grown)
				return false;
			d->line = grown;
			d->cap = ncap;
		}
		d->line[d->len++] = (char)ch;
	}
	if (!d->line && !(d->line = malloc(d->cap = 4096)))
		return false;
	d->line[d->len] = '\0';
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
	if (n == 0 || n > 18)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	*out = v;
	return true;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Decodes exactly want bytes from 2*want lowercase hex digits. */
static bool unhex_n(const char *s, size_t n, unsigned char *out, size_t want)
{
	if (n != 2 * want)
		return false;
	for (size_t i = 0; i < want; i++) {
		int hi = hexval(s[2 * i]), lo = hexval(s[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return false;
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return true;
}

/* "key value" header line: value into val/vlen. */
static bool header(struct rd *d, const char *key, const char **val, size_t *vlen)
{
	const char *k;
	size_t klen;
	if (!next_line(d))
		return fail(d, "文件头缺少“%s”行：不是完整的案卷包", key);
	*val = d->line;
	*vlen = d->len;
	if (!token(val, vlen, &k, &klen) || klen != strlen(key) || memcmp(k, key, klen) != 0)
		return fail(d, "文件头缺少“%s”行：不是完整的案卷包", key);
	return true;
}

/* "proof h1 h2 ..." after an item; checks leaf hash lh at idx. */
static bool proof_check(struct rd *d, uint64_t idx, const unsigned char *lh, const char *what)
{
	const char *line, *tok;
	size_t len, tlen;
	struct merkle_proof p = { .n = 0 };
	if (!next_line(d))
		return fail(d, "%s：缺少包含证明", what);
	line = d->line;
	len = d->len;
	if (!token(&line, &len, &tok, &tlen) || tlen != 5 || memcmp(tok, "proof", 5) != 0)
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

/* "file <size>\n" bytes "\n", hashed as they are read; the digest into
 * digest. */
static bool file_take(struct rd *d, const char *what, uint64_t want_size,
		      unsigned char *digest)
{
	const char *line, *tok;
	size_t len, tlen;
	uint64_t size;
	if (!next_line(d))
		return fail(d, "%s：缺少文件内容", what);
	line = d->line;
	len = d->len;
	if (!token(&line, &len, &tok, &tlen) || tlen != 4 || memcmp(tok, "file", 4) != 0 ||
	    !parse_u64(line, len, &size))
		return fail(d, "%s：缺少文件内容", what);
	if (size != want_size)
		return fail(d, "%s：文件大小 %llu 与记录的 %llu 不符", what,
			    (unsigned long long)size, (unsigned long long)want_size);
	struct ledger_digest_ctx dc;
	if (ledger_digest_init(&dc, d->alg))
		return fail(d, "内存不足");
	unsigned char chunk[65536];
	uint64_t left = size;
	while (left > 0) {
		size_t want = left < sizeof chunk ? (size_t)left : sizeof chunk;
		size_t got = fread(chunk, 1, want, d->in);
		if (got == 0)
			break;
		if (ledger_digest_update(&dc, chunk, got)) {
			ledger_digest_abort(&dc);
			return fail(d, "内存不足");
		}
		left -= got;
	}
	size_t n;
	if (left > 0 || getc(d->in) != '\n') {
		ledger_digest_abort(&dc);
		return fail(d, "%s：文件内容不完整", what);
	}
	if (ledger_digest_final(&dc, digest, &n))
		return fail(d, "内存不足");
	d->r->file_bytes += (int64_t)size;
	return true;
}

/* The line's "<leaf> <id> <hex>" into idx, ref and d->bytes. */
static bool item_head(struct rd *d, const char *line, size_t len, uint64_t *idx, uint64_t *ref)
{
	const char *tok, *hex;
	size_t tlen, hlen;
	if (!token(&line, &len, &tok, &tlen) || !parse_u64(tok, tlen, idx) ||
	    !token(&line, &len, &tok, &tlen) || !parse_u64(tok, tlen, ref) ||
	    !token(&line, &len, &hex, &hlen) || len != 0 || hlen % 2)
		return false;
	if (hlen / 2 > d->bytes_cap) {
		unsigned char *grown = realloc(d->bytes, hlen / 2);
		if (!grown)
			return false;
		d->bytes = grown;
		d->bytes_cap = hlen / 2;
	}
	d->nbytes = hlen / 2;
	return unhex_n(hex, hlen, d->bytes, d->nbytes);
}

/* The leaf hash of (kind, ref, at) over the digest of d->bytes. */
static void leaf_hash(struct rd *d, int kind, uint64_t ref, int64_t at, unsigned char *lh)
{
	unsigned char digest[LEDGER_HASH_MAX], data[LEDGER_LEAF_DATA_MAX];
	ledger_hash(d->alg, d->bytes, d->nbytes, digest);
	size_t n = ledger_leaf_data(kind, (int64_t)ref, at, digest, d->hs, data);
	merkle_leaf_hash(d->alg, data, n, lh);
}

/* Moving to section s: the one before it must be complete. */
static bool section_enter(struct rd *d, enum section s)
{
	static const int kind_of[] = {
		[S_EXPORT] = LEDGER_CASE_EXPORT, [S_HEADER] = LEDGER_CASE_HEADER,
		[S_EVENT] = LEDGER_CASE_EVENT,   [S_EVIDENCE] = LEDGER_EVIDENCE,
		[S_DOCUMENT] = LEDGER_DOCUMENT, [S_END] = 0,
	};
	if (s < d->at)
		return fail(d, "案卷包的记录次序有误：%s出现在%s之后", ledger_kind_name(kind_of[s]),
			    ledger_kind_name(kind_of[d->at]));
	if (s != S_EXPORT && d->at == S_HEAD)
		return fail(d, "案卷包缺少导出记录（export 行）：无法核对是否完整");
	while (d->at < s) {
		if (d->at >= S_HEADER) {
			int k = kind_of[d->at];
			const char *name = ledger_kind_name(k);
			if (d->gap[k])
				return fail(d, "案卷包缺少第 %lld 个%s（有%s被遗漏）", (long long)d->gap[k],
					    name, name);
			if (d->seen[k] < d->want[k])
				return fail(d, "案卷包不完整：导出时本案有%s %lld 项，案卷包中只有 %lld 项"
					       "（有%s被遗漏）",
					    name, (long long)d->want[k], (long long)d->seen[k], name);
			if (d->seen[k] > d->want[k])
				return fail(d, "案卷包中的%s有 %lld 项，多于导出时本案的 %lld 项", name,
					    (long long)d->seen[k], (long long)d->want[k]);
		}
		d->at++;
		d->last_idx = -1;
	}
	return true;
}

/* An item's leaf must come before the export's and after the previous
 * item of its section. */
static bool order_check(struct rd *d, uint64_t idx, const char *what)
{
	if ((int64_t)idx >= d->export_idx)
		return fail(d, "%s：记录在导出之后，不属于这次导出", what);
	if ((int64_t)idx == d->last_idx)
		return fail(d, "%s：重复出现", what);
	if ((int64_t)idx < d->last_idx)
		return fail(d, "%s：顺序被打乱（出现在账本第 %lld 号记录之后）", what,
			    (long long)d->last_idx);
	d->last_idx = (int64_t)idx;
	return true;
}

static bool case_check(struct rd *d, int64_t case_id, const char *what)
{
	if (case_id != d->case_id)
		return fail(d, "%s：不属于本案（属于案件 #%lld），是从其他案件拼入的", what,
			    (long long)case_id);
	return true;
}

/* seq of a header or event: gapless from 1, in order. A gap is named
 * when the section ends (an item further on may show a reordering). */
static bool seq_check(struct rd *d, int kind, int64_t seq, const char *what)
{
	int64_t last = d->last_seq[kind];
	if (seq == last)
		return fail(d, "%s：重复出现", what);
	if (seq < last || seq < 1)
		return fail(d, "%s：顺序被打乱", what);
	if (seq > last + 1 && !d->gap[kind])
		d->gap[kind] = last + 1;
	d->last_seq[kind] = seq;
	return true;
}

static bool export_item(struct rd *d, const char *line, size_t len)
{
	uint64_t idx, ref;
	unsigned char lh[LEDGER_HASH_MAX];
	const char *what = "导出记录";
	if (d->at != S_HEAD)
		return fail(d, "案卷包中有两条导出记录");
	if (!section_enter(d, S_EXPORT))
		return false;
	if (!item_head(d, line, len, &idx, &ref))
		return fail(d, "%s：格式有误", what);
	struct canon_reader c = { d->bytes, d->bytes + d->nbytes, false };
	const unsigned char *s;
	size_t n;
	bool type_ok = canon_expect(&c, "fazhi.case_export.v1");
	int64_t case_id = canon_get_int(&c), at = canon_get_int(&c);
	(void)canon_get_int(&c);
	canon_get_str(&c, &s, &n);
	d->want[LEDGER_CASE_HEADER] = canon_get_int(&c);
	d->want[LEDGER_CASE_EVENT] = canon_get_int(&c);
	d->want[LEDGER_EVIDENCE] = canon_get_int(&c);
	d->want[LEDGER_DOCUMENT] = canon_get_int(&c);
	if (!type_ok || c.bad || c.p != c.end)
		return fail(d, "%s：无法解读", what);
	if (!case_check(d, case_id, what))
		return false;
	leaf_hash(d, LEDGER_CASE_EXPORT, ref, at, lh);
	if (!proof_check(d, idx, lh, what))
		return false;
	d->export_idx = (int64_t)idx;
	d->seen[LEDGER_CASE_EXPORT]++;
	return true;
}

static bool header_item(struct rd *d, const char *line, size_t len)
{
	uint64_t idx, ref;
	unsigned char lh[LEDGER_HASH_MAX];
	char what[160];
	if (!section_enter(d, S_HEADER))
		return false;
	snprintf(what, sizeof what, "第 %lld 版案件信息", (long long)d->seen[LEDGER_CASE_HEADER] + 1);
	if (!item_head(d, line, len, &idx, &ref))
		return fail(d, "%s：格式有误", what);
	struct canon_reader c = { d->bytes, d->bytes + d->nbytes, false };
	bool type_ok = canon_expect(&c, "fazhi.case_header.v1");
	int64_t case_id = canon_get_int(&c), seq = canon_get_int(&c), at = canon_get_int(&c);
	if (!type_ok || c.bad)
		return fail(d, "%s：无法解读", what);
	snprintf(what, sizeof what, "第 %lld 版案件信息（账本第 %llu 号记录）", (long long)seq,
		 (unsigned long long)idx);
	leaf_hash(d, LEDGER_CASE_HEADER, ref, at, lh);
	if (!case_check(d, case_id, what) || !proof_check(d, idx, lh, what) ||
	    !order_check(d, idx, what) || !seq_check(d, LEDGER_CASE_HEADER, seq, what))
		return false;
	d->seen[LEDGER_CASE_HEADER]++;
	return true;
}

static bool event_item(struct rd *d, const char *line, size_t len)
{
	uint64_t idx, ref;
	unsigned char lh[LEDGER_HASH_MAX];
	char what[160];
	const unsigned char *s;
	size_t n;
	if (!section_enter(d, S_EVENT))
		return false;
	snprintf(what, sizeof what, "第 %lld 个事件记录", (long long)d->seen[LEDGER_CASE_EVENT] + 1);
	if (!item_head(d, line, len, &idx, &ref))
		return fail(d, "%s：格式有误", what);
	struct canon_reader c = { d->bytes, d->bytes + d->nbytes, false };
	bool type_ok = canon_expect(&c, "fazhi.case_event.v2");
	int64_t case_id = canon_get_int(&c), seq = canon_get_int(&c);
	canon_get_str(&c, &s, &n); /* step */
	canon_get_str(&c, &s, &n); /* on */
	int64_t at = canon_get_int(&c);
	if (!type_ok || c.bad)
		return fail(d, "%s：事件数据无法解读", what);
	snprintf(what, sizeof what, "事件（第 %lld 个，账本第 %llu 号记录）", (long long)seq,
		 (unsigned long long)idx);
	leaf_hash(d, LEDGER_CASE_EVENT, ref, at, lh);
	if (!case_check(d, case_id, what) || !proof_check(d, idx, lh, what) ||
	    !order_check(d, idx, what) || !seq_check(d, LEDGER_CASE_EVENT, seq, what))
		return false;
	if (d->nevent_ids == d->event_ids_cap) {
		size_t ncap = d->event_ids_cap ? 2 * d->event_ids_cap : 64;
		int64_t *grown = realloc(d->event_ids, ncap * sizeof *grown);
		if (!grown)
			return fail(d, "内存不足");
		d->event_ids = grown;
		d->event_ids_cap = ncap;
	}
	d->event_ids[d->nevent_ids++] = (int64_t)ref;
	d->seen[LEDGER_CASE_EVENT]++;
	return true;
}

static bool evidence_item(struct rd *d, const char *line, size_t len)
{
	uint64_t idx, ref;
	unsigned char lh[LEDGER_HASH_MAX], fd[LEDGER_HASH_MAX], got[LEDGER_HASH_MAX];
	char what[400];
	const unsigned char *fhex, *name, *s;
	size_t fn, nn, n;
	if (!section_enter(d, S_EVIDENCE))
		return false;
	snprintf(what, sizeof what, "第 %lld 份证据材料", (long long)d->seen[LEDGER_EVIDENCE] + 1);
	if (!item_head(d, line, len, &idx, &ref))
		return fail(d, "%s：格式有误（证据记录不是有效的十六进制）", what);
	struct canon_reader c = { d->bytes, d->bytes + d->nbytes, false };
	bool type_ok = canon_expect(&c, "fazhi.evidence.v1");
	int64_t case_id = canon_get_int(&c);
	canon_get_str(&c, &fhex, &fn);
	int64_t size = canon_get_int(&c);
	canon_get_str(&c, &name, &nn);
	canon_get_str(&c, &s, &n); /* media type */
	canon_get_str(&c, &s, &n); /* record kind */
	(void)canon_get_int(&c);   /* uploaded by */
	int64_t at = canon_get_int(&c);
	if (!type_ok || c.bad || size < 0)
		return fail(d, "%s：证据记录无法解读", what);
	snprintf(what, sizeof what, "证据材料“%.*s”（账本第 %llu 号记录）",
		 (int)(nn > 200 ? 200 : nn), (const char *)name, (unsigned long long)idx);
	if (!unhex_n((const char *)fhex, fn, fd, d->hs))
		return fail(d, "%s：记录中的文件摘要无效", what);
	leaf_hash(d, LEDGER_EVIDENCE, ref, at, lh);
	if (!case_check(d, case_id, what) || !proof_check(d, idx, lh, what) ||
	    !order_check(d, idx, what) || !file_take(d, what, (uint64_t)size, got))
		return false;
	if (memcmp(got, fd, d->hs) != 0)
		return fail(d, "%s：文件内容已被改动（摘要与记录不符）", what);
	d->seen[LEDGER_EVIDENCE]++;
	return true;
}

static bool document_item(struct rd *d, const char *line, size_t len)
{
	uint64_t idx, ref;
	unsigned char lh[LEDGER_HASH_MAX], fd[LEDGER_HASH_MAX], got[LEDGER_HASH_MAX];
	char what[400];
	const unsigned char *title, *number, *fhex, *s;
	size_t tn, nn, fn, n;
	if (!section_enter(d, S_DOCUMENT))
		return false;
	snprintf(what, sizeof what, "第 %lld 份文书", (long long)d->seen[LEDGER_DOCUMENT] + 1);
	if (!item_head(d, line, len, &idx, &ref))
		return fail(d, "%s：格式有误", what);
	struct canon_reader c = { d->bytes, d->bytes + d->nbytes, false };
	bool type_ok = canon_expect(&c, "fazhi.document.v2");
	int64_t case_id = canon_get_int(&c), event_id = canon_get_int(&c);
	(void)canon_get_int(&c);    /* agency */
	canon_get_str(&c, &s, &n); /* kind */
	canon_get_str(&c, &title, &tn);
	canon_get_str(&c, &number, &nn);
	canon_get_str(&c, &fhex, &fn);
	int64_t size = canon_get_int(&c);
	(void)canon_get_int(&c); /* pages */
	int64_t at = canon_get_int(&c);
	if (!type_ok || c.bad || size < 0)
		return fail(d, "%s：文书记录无法解读", what);
	snprintf(what, sizeof what, "文书“%.*s”%.*s（账本第 %llu 号记录）",
		 (int)(tn > 120 ? 120 : tn), (const char *)title, (int)(nn > 120 ? 120 : nn),
		 (const char *)number, (unsigned long long)idx);
	if (!unhex_n((const char *)fhex, fn, fd, d->hs))
		return fail(d, "%s：记录中的文件摘要无效", what);
	leaf_hash(d, LEDGER_DOCUMENT, ref, at, lh);
	if (!case_check(d, case_id, what) || !proof_check(d, idx, lh, what) ||
	    !order_check(d, idx, what))
		return false;
	size_t i = 0;
	while (i < d->nevent_ids && d->event_ids[i] != event_id)
		i++;
	if (i == d->nevent_ids)
		return fail(d, "%s：所属的事件（#%lld）不在本案卷包中", what, (long long)event_id);
	if (!file_take(d, what, (uint64_t)size, got))
		return false;
	if (memcmp(got, fd, d->hs) != 0)
		return fail(d, "%s：文件内容已被改动（摘要与账本不符）", what);
	d->seen[LEDGER_DOCUMENT]++;
	return true;
}

/* The checkpoint lines after the magic: its signature must hold. */
static bool head_check(struct rd *d)
{
	struct ledger_checkpoint cp;
	const char *v, *tok;
	size_t vlen, tlen;
	uint64_t u;
	struct bundle_report *r = d->r;
	memset(&cp, 0, sizeof cp);
	if (!header(d, "case", &v, &vlen))
		return false;
	if (!token(&v, &vlen, &tok, &tlen) || !parse_u64(tok, tlen, &u))
		return fail(d, "“case”行格式有误");
	d->case_id = (int64_t)u;
	snprintf(r->number, sizeof r->number, "%.*s", (int)(vlen > 120 ? 120 : vlen), v);
	if (!header(d, "hash", &v, &vlen))
		return false;
	char name[8];
	snprintf(name, sizeof name, "%.*s", (int)(vlen < 7 ? vlen : 7), v);
	if (vlen > 7 || !ledger_hash_from_name(name, &d->alg))
		return fail(d, "摘要算法“%.*s”无法识别", (int)(vlen > 20 ? 20 : vlen), v);
	snprintf(r->hash, sizeof r->hash, "%s", name);
	d->hs = ledger_hash_size(d->alg);
	cp.alg = d->alg;
	if (!header(d, "size", &v, &vlen))
		return false;
	if (!parse_u64(v, vlen, &d->size) || d->size == 0)
		return fail(d, "检查点的记录数有误");
	cp.size = d->size;
	r->tree_size = (int64_t)d->size;
	if (!header(d, "root", &v, &vlen))
		return false;
	if (!unhex_n(v, vlen, d->root, d->hs))
		return fail(d, "检查点的根格式有误");
	memcpy(cp.root, d->root, d->hs);
	snprintf(r->root, sizeof r->root, "%.*s", (int)vlen, v);
	if (!header(d, "time", &v, &vlen))
		return false;
	if (!parse_u64(v, vlen, &u))
		return fail(d, "检查点的时间格式有误");
	cp.at = (int64_t)u;
	/* the log's origin: part of a C2SP checkpoint's signed text, empty
	 * for one in the older form */
	if (!header(d, "origin", &v, &vlen))
		return false;
	if (vlen >= sizeof cp.origin)
		return fail(d, "检查点的日志名称过长");
	memcpy(cp.origin, v, vlen);
	if (!header(d, "pubkey", &v, &vlen))
		return false;
	if (!unhex_n(v, vlen, cp.pubkey, sizeof cp.pubkey))
		return fail(d, "公钥格式有误");
	snprintf(r->pubkey, sizeof r->pubkey, "%.*s", (int)vlen, v);
	if (!header(d, "signature", &v, &vlen))
		return false;
	if (!unhex_n(v, vlen, cp.sig, sizeof cp.sig))
		return fail(d, "检查点签名格式有误");
	if (!ledger_checkpoint_verify(&cp))
		return fail(d, "检查点的签名无效");
	return true;
}

static void verify_items(struct rd *d)
{
	const char *line, *tok;
	size_t llen, tlen;
	for (;;) {
		if (!next_line(d)) {
			fail(d, "案卷包不完整（缺少 end 行）");
			return;
		}
		line = d->line;
		llen = d->len;
		if (llen == 3 && memcmp(line, "end", 3) == 0)
			break;
		if (!token(&line, &llen, &tok, &tlen)) {
			fail(d, "案卷包中有空行");
			return;
		}
		bool go;
		if (tlen == 6 && !memcmp(tok, "export", 6))
			go = export_item(d, line, llen);
		else if (tlen == 6 && !memcmp(tok, "header", 6))
			go = header_item(d, line, llen);
		else if (tlen == 5 && !memcmp(tok, "event", 5))
			go = event_item(d, line, llen);
		else if (tlen == 8 && !memcmp(tok, "evidence", 8))
			go = evidence_item(d, line, llen);
		else if (tlen == 8 && !memcmp(tok, "document", 8))
			go = document_item(d, line, llen);
		else
			go = fail(d, "无法识别的行“%.*s”", (int)(tlen > 40 ? 40 : tlen), tok);
		if (!go)
			return;
	}
	if (d->at == S_HEAD) {
		fail(d, "案卷包缺少导出记录（export 行）：无法核对是否完整");
		return;
	}
	if (!section_enter(d, S_END))
		return;
	if (getc(d->in) != EOF)
		fail(d, "end 行之后还有内容");
}

void bundle_verify(FILE *in, struct bundle_report *r)
{
	struct rd d = { .in = in, .r = r, .last_idx = -1 };
	memset(r, 0, sizeof *r);
	r->ok = true;
	if (!next_line(&d) || d.len != strlen(BUNDLE_MAGIC) ||
	    memcmp(d.line, BUNDLE_MAGIC, d.len) != 0)
		fail(&d, "不是案卷包（第一行应为 %s）", BUNDLE_MAGIC);
	else if (head_check(&d))
		verify_items(&d);
	r->headers = d.seen[LEDGER_CASE_HEADER];
	r->events = d.seen[LEDGER_CASE_EVENT];
	r->evidence = d.seen[LEDGER_EVIDENCE];
	r->documents = d.seen[LEDGER_DOCUMENT];
	free(d.line);
	free(d.bytes);
	free(d.event_ids);
}
