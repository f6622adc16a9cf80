/* bundle_publication_verify.c - checking a publication proof file offline
 * (bundle_publication.h) and naming the first thing that does not hold.
 * The file is read from memory, line by line; nothing in it is trusted
 * but what its checkpoint's signature and its proofs show. Format:
 * docs/LEDGER.md ("Publication proof files"). */
#include "app/bundle_publication.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "app/ledger.h"
#include "base/crypto.h"
#include "ledger/checkpoint.h"
#include "ledger/leaf.h"
#include "ledger/merkle.h"

struct rd {
	const char *p, *end;   /* what is left of the file */
	const char *line;      /* the current line, without "\n" */
	size_t len;
	struct pubproof_report *r;
	const struct pubproof_trust *t;
	struct ledger_checkpoint cp;
	size_t hs;
	int64_t records;       /* as the "records" line states */
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

/* The next line (it must end in "\n"); false at the end of the file. */
static bool next_line(struct rd *d)
{
	if (d->p >= d->end)
		return false;
	const char *nl = memchr(d->p, '\n', (size_t)(d->end - d->p));
	if (!nl)
		return false;
	d->line = d->p;
	d->len = (size_t)(nl - d->p);
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

static bool is_word(const char *tok, size_t n, const char *w)
{
	return n == strlen(w) && memcmp(tok, w, n) == 0;
}

/* Decimal without sign or leading zeros, at most 18 digits. */
static bool parse_u64(const char *s, size_t n, uint64_t *out)
{
	uint64_t v = 0;
	if (n == 0 || n > 18 || (n > 1 && s[0] == '0'))
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

/* n lowercase hex digits into n / 2 bytes (out has room). */
static bool unhex(const char *s, size_t n, unsigned char *out)
{
	if (n % 2)
		return false;
	for (size_t i = 0; i < n / 2; i++) {
		int hi = hexval(s[2 * i]), lo = hexval(s[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return false;
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return true;
}

/* "key[ value]": the value (possibly empty) into val. */
static bool header(struct rd *d, const char *key, const char **val, size_t *vlen)
{
	size_t k = strlen(key);
	if (!next_line(d) || d->len < k || memcmp(d->line, key, k) != 0 ||
	    (d->len > k && d->line[k] != ' '))
		return fail(d, "证明文件缺少“%s”行：不是完整的公示证明文件", key);
	*val = d->line + k + (d->len > k);
	*vlen = d->len - k - (d->len > k);
	return true;
}

/* Copies n bytes of s into out (cap bytes), cut at a UTF-8 character
 * boundary, control characters as spaces. */
static void copy_text(char *out, size_t cap, const unsigned char *s, size_t n)
{
	if (n >= cap) {
		n = cap - 1;
		while (n > 0 && (s[n] & 0xc0) == 0x80)
			n--;
	}
	for (size_t i = 0; i < n; i++)
		out[i] = s[i] < 0x20 || s[i] == 0x7f ? ' ' : (char)s[i];
	out[n] = '\0';
}

/* The file's head up to and including the checkpoint's note; the note
 * parsed into *note and d->cp. */
static bool head(struct rd *d, struct note *note)
{
	struct pubproof_report *r = d->r;
	const char *v;
	size_t vlen;
	uint64_t u;
	struct fz_error e = { 0 };
	if (!next_line(d) || !is_word(d->line, d->len, PUBPROOF_MAGIC))
		return fail(d, "不是公示证明文件（第一行应为 %s）", PUBPROOF_MAGIC);
	if (!header(d, "decision", &v, &vlen))
		return false;
	if (!parse_u64(v, vlen, &u) || u == 0)
		return fail(d, "“decision”行应为公示的编号");
	r->decision = (int64_t)u;
	if (!header(d, "agency", &v, &vlen))
		return false;
	copy_text(r->agency, sizeof r->agency, (const unsigned char *)v, vlen);
	if (!header(d, "number", &v, &vlen))
		return false;
	copy_text(r->number, sizeof r->number, (const unsigned char *)v, vlen);
	if (!header(d, "status", &v, &vlen))
		return false;
	if (!is_word(v, vlen, "live") && !is_word(v, vlen, "withdrawing") &&
	    !is_word(v, vlen, "withdrawn"))
		return fail(d, "“status”行应为 live、withdrawing 或 withdrawn");
	copy_text(r->status, sizeof r->status, (const unsigned char *)v, vlen);
	if (!header(d, "records", &v, &vlen))
		return false;
	if (!parse_u64(v, vlen, &u) || u == 0 || u > PUBPROOF_RECORDS_MAX)
		return fail(d, "“records”行的记录数有误");
	d->records = (int64_t)u;
	if (!header(d, "checkpoint", &v, &vlen))
		return false;
	if (!parse_u64(v, vlen, &u) || u == 0 || u > (uint64_t)(d->end - d->p))
		return fail(d, "检查点的长度有误：证明文件不完整");
	const char *text = d->p;
	d->p += u;
	if (text[u - 1] != '\n')
		return fail(d, "检查点应以换行结束");
	if (note_parse(text, (size_t)u, note, &e))
		return fail(d, "检查点不是有效的签名文本：%s", e.message);
	if (ledger_checkpoint_parse(note->text, note->text_len, &d->cp, &e))
		return fail(d, "检查点无法解读：%s", e.message);
	if (!d->cp.origin[0])
		return fail(d, "检查点不是标准格式（缺少日志名称）");
	if (d->cp.size == 0)
		return fail(d, "检查点的记录数为 0");
	d->hs = ledger_hash_size(d->cp.alg);
	snprintf(r->hash, sizeof r->hash, "%s", ledger_hash_name(d->cp.alg));
	snprintf(r->origin, sizeof r->origin, "%s", d->cp.origin);
	r->tree_size = (int64_t)d->cp.size;
	r->checkpoint_at = d->cp.at;
	crypto_hex(d->cp.root, d->hs, r->root);
	return true;
}

/* The log's signature with the trusted key, then the witnesses'. */
static bool signatures(struct rd *d, const struct note *note)
{
	const struct pubproof_trust *t = d->t;
	if (t->pubkey) {
		uint32_t id = ledger_checkpoint_key_id(d->cp.origin, t->pubkey);
		const struct note_sig *s = NULL;
		for (size_t i = 0; i < note->nsigs && !s; i++)
			if (note->sigs[i].key_id == id && strcmp(note->sigs[i].name, d->cp.origin) == 0)
				s = &note->sigs[i];
		if (!s)
			return fail(d, "检查点没有 --key 给出的日志公钥的签名：不是这本账本的检查点，"
				       "或给出的公钥不对");
		if (s->sig_len != LEDGER_SIG_LEN ||
		    !ledger_ed25519_verify(t->pubkey, note->text, note->text_len, s->sig))
			return fail(d, "检查点的签名无效：检查点（记录数、根或时间）或签名被改动");
	}
	int bad = -1;
	for (size_t w = 0; w < t->nwitnesses; w++) {
		const struct note_vkey *k = &t->witnesses[w];
		for (size_t i = 0; i < note->nsigs; i++) {
			const struct note_sig *s = &note->sigs[i];
			if (s->key_id != k->key_id || strcmp(s->name, k->name) != 0)
				continue;
			if (s->sig_len == LEDGER_COSIG_LEN &&
			    ledger_cosig_verify(k->key, note->text, note->text_len, s->sig, NULL))
				d->r->cosigned++;
			else if (bad < 0)
				bad = (int)w;
			break;
		}
	}
	if (t->nwitnesses && d->r->cosigned < t->quorum) {
		if (bad >= 0)
			return fail(d, "见证不足：见证方 %s 的副署与检查点不符；有效副署 %d 个，"
				       "少于要求的 %d 个",
				    t->witnesses[bad].name, d->r->cosigned, t->quorum);
		return fail(d, "见证不足：检查点只有 %d 个指定见证方的有效副署，少于要求的 %d 个",
			    d->r->cosigned, t->quorum);
	}
	return true;
}

/* Whether needle occurs in s[0..n). */
static bool contains(const unsigned char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	for (size_t i = 0; k && i + k <= n; i++)
		if (memcmp(s + i, needle, k) == 0)
			return true;
	return false;
}

/* One "record" line (the word taken) and its "proof" line. */
static bool record(struct rd *d, const char *line, size_t len, unsigned char *bytes)
{
	struct pubproof_report *r = d->r;
	const char *tok, *hex;
	size_t tlen, hlen;
	uint64_t idx, ref;
	unsigned char stated[LEDGER_HASH_MAX], lh[LEDGER_HASH_MAX], digest[LEDGER_HASH_MAX];
	size_t k = r->nrec;
	if (k == PUBPROOF_RECORDS_MAX)
		return fail(d, "证明文件中的记录过多");
	if (!token(&line, &len, &tok, &tlen) || !parse_u64(tok, tlen, &idx) ||
	    !token(&line, &len, &tok, &tlen) || !parse_u64(tok, tlen, &ref) ||
	    !token(&line, &len, &tok, &tlen) || tlen != 2 * d->hs || !unhex(tok, tlen, stated) ||
	    !token(&line, &len, &hex, &hlen) || len != 0 || !unhex(hex, hlen, bytes))
		return fail(d, "第 %zu 条记录格式有误", k + 1);
	size_t nbytes = hlen / 2;
	struct canon_reader c = { bytes, bytes + nbytes, false };
	const unsigned char *action, *on, *actor, *title, *text, *reason, *basis;
	size_t an, onn, acn, tn, txn, rn, bn;
	bool type_ok = canon_expect(&c, "fazhi.publication_event.v1");
	int64_t pub = canon_get_int(&c);
	canon_get_str(&c, &action, &an);
	canon_get_str(&c, &on, &onn);
	int64_t at = canon_get_int(&c);
	(void)canon_get_int(&c); /* actor id */
	canon_get_str(&c, &actor, &acn);
	canon_get_str(&c, &title, &tn);
	canon_get_str(&c, &text, &txn);
	canon_get_str(&c, &reason, &rn);
	canon_get_str(&c, &basis, &bn);
	bool withdraw = an == 8 && memcmp(action, "withdraw", 8) == 0;
	if (!type_ok || c.bad || c.p != c.end || (!withdraw && !(an == 7 && !memcmp(action, "publish", 7))))
		return fail(d, "账本第 %llu 号记录不是公示记录，无法解读", (unsigned long long)idx);
	struct pubproof_record *rc = &r->rec[k];
	memset(rc, 0, sizeof *rc);
	rc->leaf = (int64_t)idx;
	rc->event_id = (int64_t)ref;
	rc->withdraw = withdraw;
	rc->at = at;
	rc->text_len = (int64_t)txn;
	copy_text(rc->on, sizeof rc->on, on, onn);
	copy_text(rc->actor, sizeof rc->actor, actor, acn);
	copy_text(rc->title, sizeof rc->title, title, tn);
	copy_text(rc->reason, sizeof rc->reason, reason, rn);
	copy_text(rc->basis, sizeof rc->basis, basis, bn);
	ledger_hash(d->cp.alg, text, txn, digest);
	crypto_hex(digest, d->hs, rc->text_digest);
	char what[120];
	snprintf(what, sizeof what, "账本第 %llu 号记录（%s %s）", (unsigned long long)idx,
		 withdraw ? "撤下" : "发布", rc->on);
	/* the proof */
	struct merkle_proof pr = { .n = 0 };
	if (!next_line(d) || d->len < 5 || memcmp(d->line, "proof", 5) != 0 ||
	    (d->len > 5 && d->line[5] != ' '))
		return fail(d, "%s：缺少包含证明", what);
	const char *pl = d->line + 5 + (d->len > 5);
	size_t plen = d->len - 5 - (d->len > 5);
	while (plen > 0) {
		if (!token(&pl, &plen, &tok, &tlen) || pr.n == MERKLE_PROOF_MAX || tlen != 2 * d->hs ||
		    !unhex(tok, tlen, pr.hash[pr.n]))
			return fail(d, "%s：包含证明格式有误", what);
		pr.n++;
	}
	/* what is hashed: the leaf data rebuilt from the record */
	unsigned char data[LEDGER_LEAF_DATA_MAX];
	ledger_hash(d->cp.alg, bytes, nbytes, digest);
	size_t dn = ledger_leaf_data(LEDGER_PUBLICATION, (int64_t)ref, at, digest, d->hs, data);
	merkle_leaf_hash(d->cp.alg, data, dn, lh);
	if (idx >= d->cp.size)
		return fail(d, "%s：不在检查点的 %llu 条记录之内", what,
			    (unsigned long long)d->cp.size);
	if (!merkle_inclusion_verify(d->cp.alg, idx, d->cp.size, lh, &pr, d->cp.root)) {
		if (memcmp(lh, stated, d->hs) != 0 &&
		    merkle_inclusion_verify(d->cp.alg, idx, d->cp.size, stated, &pr, d->cp.root))
			return fail(d, "%s：公示内容被改动——记录（标题、正文、日期或撤下理由）"
				       "与账本中的不符", what);
		return fail(d, "%s：包含证明不成立——按记录算出的叶哈希经证明得不到检查点的根"
			       "（证明或记录被改动，或记录不在这本账本中）", what);
	}
	if (memcmp(lh, stated, d->hs) != 0)
		return fail(d, "%s：文件所列的叶哈希与记录不符", what);
	/* whose record, and in which order */
	if (pub != r->decision)
		return fail(d, "%s：属于另一项公示（#%lld），不是本决定（#%lld）的记录，是被拼入的", what,
			    (long long)pub, (long long)r->decision);
	if (k > 0) {
		const struct pubproof_record *prev = &r->rec[k - 1];
		if (prev->leaf == rc->leaf)
			return fail(d, "%s：重复出现", what);
		if (prev->leaf > rc->leaf)
			return fail(d, "%s：顺序被打乱（出现在账本第 %lld 号记录之后）", what,
				    (long long)prev->leaf);
		if (prev->withdraw)
			return fail(d, "%s：出现在撤下记录之后", what);
	}
	if (!withdraw && r->agency[0] && !r->agency_in_text)
		r->agency_in_text = contains(title, tn, r->agency) || contains(text, txn, r->agency);
	if (!withdraw && r->number[0] && !r->number_in_text)
		r->number_in_text = contains(title, tn, r->number) || contains(text, txn, r->number);
	r->nrec++;
	return true;
}

static bool body(struct rd *d)
{
	struct pubproof_report *r = d->r;
	const char *line, *tok;
	size_t llen, tlen;
	unsigned char *bytes = NULL;
	bool ok = false;
	int keys = 0;
	/* the largest encoding a line of this file can hold */
	if (!(bytes = malloc((size_t)(d->end - d->p) / 2 + 1)))
		return fail(d, "内存不足");
	for (;;) {
		if (!next_line(d)) {
			fail(d, "证明文件不完整（缺少 end 行）");
			goto out;
		}
		line = d->line;
		llen = d->len;
		if (is_word(line, llen, "end"))
			break;
		if (!token(&line, &llen, &tok, &tlen)) {
			fail(d, "证明文件中有空行");
			goto out;
		}
		if (is_word(tok, tlen, "record")) {
			if (keys) {
				fail(d, "记录应在 key 行之前");
				goto out;
			}
			if (!record(d, line, llen, bytes))
				goto out;
		} else if (is_word(tok, tlen, "key")) {
			if (++keys > 4) {
				fail(d, "key 行过多");
				goto out;
			}
		} else {
			fail(d, "无法识别的行“%.*s”", (int)(tlen > 40 ? 40 : tlen), tok);
			goto out;
		}
	}
	if (d->p != d->end) {
		fail(d, "end 行之后还有内容");
		goto out;
	}
	if (r->nrec > 0 && r->rec[0].withdraw) {
		fail(d, "账本第 %lld 号记录（撤下 %s）：证明文件缺少本决定的发布记录",
		     (long long)r->rec[0].leaf, r->rec[0].on);
		goto out;
	}
	if ((int64_t)r->nrec != d->records) {
		fail(d, "证明文件称有 %lld 条记录，实际只有 %zu 条：有记录被删去", (long long)d->records,
		     r->nrec);
		goto out;
	}
	bool has_withdraw = r->nrec > 0 && r->rec[r->nrec - 1].withdraw;
	if (strcmp(r->status, "withdrawn") == 0 && !has_withdraw) {
		fail(d, "撤下记录被隐去：证明文件称本决定已撤下，却没有撤下记录");
		goto out;
	}
	if (strcmp(r->status, "withdrawn") != 0 && has_withdraw) {
		fail(d, "证明文件称本决定仍在公示，却含有撤下记录：状态与记录矛盾");
		goto out;
	}
	ok = true;
out:
	free(bytes);
	return ok;
}

void pubproof_verify(const char *data, size_t len, const struct pubproof_trust *t,
		     struct pubproof_report *r)
{
	static const struct pubproof_trust none = { 0 };
	struct rd d = { .p = data, .end = data + len, .r = r, .t = t ? t : &none };
	struct note *note = malloc(sizeof *note);
	memset(r, 0, sizeof *r);
	r->ok = true;
	if (!note) {
		fail(&d, "内存不足");
		return;
	}
	if (len > PUBPROOF_MAX)
		fail(&d, "证明文件过大");
	else if (head(&d, note) && signatures(&d, note))
		(void)body(&d);
	free(note);
}

bool pubproof_alg(const char *data, size_t len, enum ledger_hash_alg *alg)
{
	struct pubproof_report *r = malloc(sizeof *r);
	struct note *note = malloc(sizeof *note);
	bool ok = false;
	if (r && note) {
		struct rd d = { .p = data, .end = data + len, .r = r };
		memset(r, 0, sizeof *r);
		r->ok = true;
		if (len <= PUBPROOF_MAX && head(&d, note)) {
			*alg = d.cp.alg;
			ok = true;
		}
	}
	free(r);
	free(note);
	return ok;
}
