/* pubproof_test.c - a published decision's proof file and `fazhi
 * verify-publication`: the files of a withdrawn and of a live demo
 * decision, made by the portal's function from a log whose latest
 * checkpoint a witness cosigned, verify offline with the published key
 * and the witness's key and say what the records say; each tampering is
 * named: the published text edited, another decision's record spliced
 * in, a proof changed, the checkpoint or its signature changed, a
 * cosignature missing or forged (quorum not met), the withdrawal left
 * out, a record doubled; an earlier checkpoint of another root is named;
 * the file's own key is never trusted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/bundle_publication.h"
#include "app/ledger.h"
#include "base/crypto.h"
#include "cli_run.h"
#include "ledger/checkpoint.h"
#include "ledger_session.h"
#include "t.h"

#define ORIGIN "fazhi.640522.nx.gov.cn/enforcement"
#define WITNESS "justice.yinchuan.gov.cn/witness"

static char gold[512];
static char log_vkey[400], witness_vkey[400], pin[200];
static char *withdrawn_file, *live_file; /* the two proof files */
static long long withdrawn_id, live_id;

static void gold_remove(void)
{
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", gold);
	if (gold[0] && system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", gold);
	free(withdrawn_file);
	free(live_file);
}

static char *proof_of(struct ledger_session *s, long long id)
{
	struct buf b = BUF_INIT;
	struct fz_error e = { 0 };
	if (app_publication_proof(&s->ctx, id, &b, &e)) {
		t_fail(__FILE__, __LINE__, "proof of %lld: %s", id, e.message);
		buf_release(&b);
		return NULL;
	}
	size_t n;
	return buf_detach(&b, &n);
}

/* init, origin, demo; a witness registered, its cosignature of the
 * latest checkpoint collected; the proof files of a withdrawn and a live
 * decision made as the portal makes them. */
static bool gold_make(void)
{
	struct buf out = BUF_INIT;
	char db[600], data[600], path[700], id[32];
	const char *base = getenv("TMPDIR");
	snprintf(gold, sizeof gold, "%s/fazhi-pubproof-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(gold))
		return false;
	atexit(gold_remove);
	snprintf(db, sizeof db, "%s/d.db", gold);
	snprintf(data, sizeof data, "%s/d.db.data", gold);
	bool ok = cli_run(&out, NULL, "init --db %s", db) == 0 &&
		  cli_run(&out, NULL, "checkpoint --db %s --origin " ORIGIN, db) == 0 &&
		  cli_run(&out, NULL, "demo --db %s", db) == 0;
	if (!ok)
		t_fail(__FILE__, __LINE__, "%s", buf_cstr(&out));
	buf_release(&out);
	ok = ok && ls_sql(db, "SELECT id FROM publications WHERE status = 'withdrawn' ORDER BY id LIMIT 1",
			  id, sizeof id);
	withdrawn_id = strtoll(id, NULL, 10);
	ok = ok && ls_sql(db, "SELECT id FROM publications WHERE status = 'live' ORDER BY id LIMIT 1",
			  id, sizeof id);
	live_id = strtoll(id, NULL, 10);
	struct ledger_key *wk = ok ? ls_witness_key(gold, WITNESS, witness_vkey, sizeof witness_vkey)
				   : NULL;
	snprintf(path, sizeof path, "%s/%s", data, LEDGER_WITNESSES_FILE);
	FILE *f = wk ? fopen(path, "w") : NULL;
	if (!f)
		return false;
	fprintf(f, "%s\n", witness_vkey);
	fclose(f);
	struct ledger_session s;
	ok = ls_open(&s, db, data) && ls_cosign_latest(&s, wk, witness_vkey) &&
	     (withdrawn_file = proof_of(&s, withdrawn_id)) && (live_file = proof_of(&s, live_id));
	ledger_key_free(wk);
	ls_close(&s);
	char pub[200];
	ok = ok &&
	     ls_sql(db, "SELECT tree_size || ':' || lower(hex(root)) FROM ledger_checkpoints"
			" ORDER BY id DESC LIMIT 1", pin, sizeof pin) &&
	     ls_sql(db, "SELECT lower(hex(pubkey)) FROM ledger_checkpoints ORDER BY id DESC LIMIT 1",
		    pub, sizeof pub);
	unsigned char raw[32];
	struct buf vk = BUF_INIT;
	if (ok && crypto_unhex(pub, raw, 32)) {
		ledger_checkpoint_vkey(&vk, ORIGIN, raw);
		snprintf(log_vkey, sizeof log_vkey, "%s", buf_cstr(&vk));
	}
	buf_release(&vk);
	return ok && log_vkey[0] && withdrawn_id && live_id;
}

static bool ready(void)
{
	if (!gold[0] && !gold_make()) {
		t_fail(__FILE__, __LINE__, "golden log");
		return false;
	}
	return withdrawn_file && live_file;
}

/* Writes text to a fresh file; its path. */
static const char *put(const char *text)
{
	static char path[700];
	snprintf(path, sizeof path, "%s/proof.txt", t_tmpdir());
	FILE *f = fopen(path, "w");
	if (!f)
		return NULL;
	fputs(text, f);
	fclose(f);
	return path;
}

static int check(struct buf *out, const char *text, const char *extra)
{
	const char *path = put(text);
	if (!path)
		return -1;
	buf_reset(out);
	return cli_run(out, NULL, "verify-publication %s %s", path, extra);
}

static int check_key(struct buf *out, const char *text)
{
	char opt[600];
	snprintf(opt, sizeof opt, "--key '%s'", log_vkey);
	return check(out, text, opt);
}

/* A copy of s with the first occurrence of from replaced by to (aborts
 * the test when from is absent). */
static char *replace(const char *s, const char *from, const char *to)
{
	const char *at = strstr(s, from);
	if (!at) {
		t_fail(__FILE__, __LINE__, "not in the file: %.60s", from);
		return NULL;
	}
	size_t n = strlen(s), fl = strlen(from), tl = strlen(to);
	char *o = malloc(n - fl + tl + 1);
	memcpy(o, s, (size_t)(at - s));
	memcpy(o + (at - s), to, tl);
	memcpy(o + (at - s) + tl, at + fl, n - (size_t)(at - s) - fl + 1);
	return o;
}

/* The n-th (0-based) line starting with prefix, without its "\n". */
static char *line_of(const char *s, const char *prefix, int n)
{
	size_t pl = strlen(prefix);
	for (const char *p = s; p && *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (len >= pl && !memcmp(p, prefix, pl) && n-- == 0) {
			char *o = malloc(len + 1);
			memcpy(o, p, len);
			o[len] = '\0';
			return o;
		}
		p = nl ? nl + 1 : NULL;
	}
	t_fail(__FILE__, __LINE__, "no line %s", prefix);
	return NULL;
}

TEST(cli_publication_proof_of_a_withdrawn_and_a_live_decision_verifies_offline)
{
	struct buf out = BUF_INIT;
	char opt[1200], want[500];
	REQUIRE(ready());
	snprintf(opt, sizeof opt, "--key '%s' --witness '%s' --quorum 1 --pin %s", log_vkey,
		 witness_vkey, pin);
	CHECK_INT(check(&out, withdrawn_file, opt), 0);
	snprintf(want, sizeof want, "公示 #%lld 的 2 条账本记录均包含在", withdrawn_id);
	CHECK_CONTAINS(buf_cstr(&out), want);
	CHECK_CONTAINS(buf_cstr(&out), "：发布，日期 ");
	CHECK_CONTAINS(buf_cstr(&out), "：撤下，日期 ");
	CHECK_CONTAINS(buf_cstr(&out), "撤下理由：原决定已于");
	CHECK_CONTAINS(buf_cstr(&out), "执法主体：海原县");
	CHECK_CONTAINS(buf_cstr(&out), "（证明文件所列；已出现在账本记录的公示标题或正文中）");
	CHECK_CONTAINS(buf_cstr(&out), "公示正文 ");
	CHECK_CONTAINS(buf_cstr(&out), "字节，sm3 摘要 ");
	CHECK_CONTAINS(buf_cstr(&out), "检查点有 1 个指定见证方的有效副署");
	CHECK_CONTAINS(buf_cstr(&out), "与固定的检查点");
	CHECK_CONTAINS(buf_cstr(&out), "不能离线证明账本中没有本决定的其他记录");
	CHECK_INT(check_key(&out, live_file), 0);
	snprintf(want, sizeof want, "公示 #%lld 的 1 条账本记录", live_id);
	CHECK_CONTAINS(buf_cstr(&out), want);
	CHECK_LACKS(buf_cstr(&out), "：撤下，日期");
	/* the file's own key line is there for convenience, and names the
	 * same key */
	snprintf(want, sizeof want, "\nkey %s\n", log_vkey);
	CHECK_CONTAINS(withdrawn_file, want);
	buf_release(&out);
}

TEST(cli_publication_proof_needs_the_published_key_and_never_trusts_its_own)
{
	struct buf out = BUF_INIT;
	REQUIRE(ready());
	CHECK_INT(check(&out, withdrawn_file, ""), 2);
	CHECK_CONTAINS(buf_cstr(&out), "缺少 --key");
	CHECK_INT(check(&out, withdrawn_file, "--trust-on-first-use"), 2);
	CHECK_CONTAINS(buf_cstr(&out), "不接受 --trust-on-first-use");
	/* another log's key: the checkpoint is not this log's */
	struct buf vk = BUF_INIT;
	unsigned char other[32];
	memset(other, 7, sizeof other);
	ledger_checkpoint_vkey(&vk, ORIGIN, other);
	char opt[600];
	snprintf(opt, sizeof opt, "--key '%s'", buf_cstr(&vk));
	CHECK_INT(check(&out, withdrawn_file, opt), 9);
	CHECK_CONTAINS(buf_cstr(&out), "检查点没有 --key 给出的日志公钥的签名");
	buf_release(&vk);
	buf_release(&out);
}

TEST(cli_publication_proof_names_the_published_text_edited)
{
	struct buf out = BUF_INIT;
	REQUIRE(ready());
	/* the last byte of the published text (before the empty reason and
	 * basis: eight zero bytes) changed by one bit, the leaf hash on the
	 * line kept */
	char *rec = line_of(live_file, "record ", 0);
	REQUIRE(rec);
	size_t n = strlen(rec);
	REQUIRE(n > 20 && !strcmp(rec + n - 16, "0000000000000000"));
	char *edited = strdup(rec);
	char *c = edited + n - 17; /* low nibble of the text's last byte */
	*c = *c == '0' ? '1' : '0';
	char *bad = replace(live_file, rec, edited);
	REQUIRE(bad);
	CHECK_INT(check_key(&out, bad), 9);
	CHECK_CONTAINS(buf_cstr(&out), "公示内容被改动");
	free(bad);
	/* the published day changed, with the leaf hash left as it was */
	char *day = line_of(live_file, "record ", 0);
	const char *year = strstr(day, "323032362d"); /* "2026-" of YYYY-MM-DD */
	REQUIRE(year && year - day > 10);
	char *moved = strdup(day);
	char *d = moved + (year - day) + 13; /* the month's second digit */
	*d = *d == '1' ? '2' : '1';
	bad = replace(live_file, day, moved);
	CHECK_INT(check_key(&out, bad), 9);
	CHECK_CONTAINS(buf_cstr(&out), "公示内容被改动");
	free(bad);
	free(moved);
	free(day);
	free(edited);
	free(rec);
	buf_release(&out);
}

TEST(cli_publication_proof_names_a_record_of_another_decision_spliced_in)
{
	struct buf out = BUF_INIT;
	REQUIRE(ready());
	/* the live decision's publish record and proof (valid, in the same
	 * tree) put in place of the withdrawn decision's */
	char *theirs_r = line_of(live_file, "record ", 0), *theirs_p = line_of(live_file, "proof", 0);
	char *ours_r = line_of(withdrawn_file, "record ", 0), *ours_p = line_of(withdrawn_file, "proof", 0);
	REQUIRE(theirs_r && theirs_p && ours_r && ours_p);
	char *a = replace(withdrawn_file, ours_r, theirs_r);
	char *b = replace(a, ours_p, theirs_p);
	CHECK_INT(check_key(&out, b), 9);
	char want[120];
	snprintf(want, sizeof want, "属于另一项公示（#%lld），不是本决定（#%lld）的记录，是被拼入的",
		 live_id, withdrawn_id);
	CHECK_CONTAINS(buf_cstr(&out), want);
	free(a);
	free(b);
	free(theirs_r);
	free(theirs_p);
	free(ours_r);
	free(ours_p);
	buf_release(&out);
}

TEST(cli_publication_proof_names_a_changed_proof)
{
	struct buf out = BUF_INIT;
	REQUIRE(ready());
	char *p = line_of(withdrawn_file, "proof ", 0);
	REQUIRE(p && strlen(p) > 10);
	char *q = strdup(p);
	q[6] = q[6] == 'a' ? 'b' : 'a';
	char *bad = replace(withdrawn_file, p, q);
	CHECK_INT(check_key(&out, bad), 9);
	CHECK_CONTAINS(buf_cstr(&out), "包含证明不成立");
	free(bad);
	/* a proof line dropped: no proof at all */
	char *line = malloc(strlen(p) + 2);
	snprintf(line, strlen(p) + 2, "%s\n", p);
	bad = replace(withdrawn_file, line, "");
	CHECK_INT(check_key(&out, bad), 9);
	CHECK_CONTAINS(buf_cstr(&out), "缺少包含证明");
	free(bad);
	free(line);
	free(q);
	free(p);
	buf_release(&out);
}

TEST(cli_publication_proof_names_a_changed_checkpoint_or_signature)
{
	struct buf out = BUF_INIT;
	REQUIRE(ready());
	/* the tree size in the checkpoint: the record still proves nothing
	 * the key signed */
	char size[32], from[40], to[40];
	snprintf(size, sizeof size, "%lld", strtoll(pin, NULL, 10));
	snprintf(from, sizeof from, "\n%s\n", size);
	snprintf(to, sizeof to, "\n%lld\n", strtoll(pin, NULL, 10) + 1);
	REQUIRE(strlen(from) == strlen(to)); /* the note's length is unchanged */
	char *bad = replace(withdrawn_file, from, to);
	CHECK_INT(check_key(&out, bad), 9);
	CHECK_CONTAINS(buf_cstr(&out), "检查点的签名无效");
	free(bad);
	/* the log's signature itself */
	char *sig = line_of(withdrawn_file, "\xe2\x80\x94 " ORIGIN " ", 0);
	REQUIRE(sig);
	char *forged = strdup(sig);
	size_t n = strlen(forged);
	forged[n - 6] = forged[n - 6] == 'A' ? 'B' : 'A';
	bad = replace(withdrawn_file, sig, forged);
	CHECK_INT(check_key(&out, bad), 9);
	CHECK_CONTAINS(buf_cstr(&out), "检查点的签名无效");
	free(bad);
	free(forged);
	free(sig);
	/* an earlier checkpoint of the same size with another root */
	char opt[800], other[200];
	snprintf(other, sizeof other, "%s", pin);
	char *colon = strchr(other, ':');
	REQUIRE(colon);
	colon[1] = colon[1] == '0' ? '1' : '0';
	snprintf(opt, sizeof opt, "--key '%s' --pin %s", log_vkey, other);
	CHECK_INT(check(&out, withdrawn_file, opt), 9);
	CHECK_CONTAINS(buf_cstr(&out), "根不同");
	buf_release(&out);
}

TEST(cli_publication_proof_names_a_quorum_not_met)
{
	struct buf out = BUF_INIT;
	char opt[1600], other_vkey[400];
	REQUIRE(ready());
	/* a second witness that never cosigned, and two required */
	struct ledger_key *k2 = ls_witness_key(t_tmpdir(), "notary.nx.gov.cn/witness", other_vkey,
					       sizeof other_vkey);
	REQUIRE(k2);
	ledger_key_free(k2);
	snprintf(opt, sizeof opt, "--key '%s' --witness '%s' --witness '%s' --quorum 2", log_vkey,
		 witness_vkey, other_vkey);
	CHECK_INT(check(&out, withdrawn_file, opt), 9);
	CHECK_CONTAINS(buf_cstr(&out), "见证不足：检查点只有 1 个指定见证方的有效副署，少于要求的 2 个");
	/* the witness's cosignature forged */
	char *cos = line_of(withdrawn_file, "\xe2\x80\x94 " WITNESS " ", 0);
	REQUIRE(cos);
	char *forged = strdup(cos);
	size_t n = strlen(forged);
	forged[n - 6] = forged[n - 6] == 'A' ? 'B' : 'A';
	char *bad = replace(withdrawn_file, cos, forged);
	snprintf(opt, sizeof opt, "--key '%s' --witness '%s'", log_vkey, witness_vkey);
	CHECK_INT(check(&out, bad, opt), 9);
	CHECK_CONTAINS(buf_cstr(&out), "见证方 " WITNESS " 的副署与检查点不符");
	free(bad);
	free(forged);
	free(cos);
	buf_release(&out);
}

TEST(cli_publication_proof_names_a_withdrawal_left_out)
{
	struct buf out = BUF_INIT;
	REQUIRE(ready());
	char *wr = line_of(withdrawn_file, "record ", 1), *wp = line_of(withdrawn_file, "proof", 1);
	REQUIRE(wr && wp);
	size_t cap = strlen(wr) + strlen(wp) + 3;
	char *cut = malloc(cap);
	REQUIRE(cut);
	snprintf(cut, cap, "%s\n%s\n", wr, wp);
	/* the withdrawal's lines gone, the count left: a record was removed */
	char *a = replace(withdrawn_file, cut, "");
	CHECK_INT(check_key(&out, a), 9);
	CHECK_CONTAINS(buf_cstr(&out), "证明文件称有 2 条记录，实际只有 1 条：有记录被删去");
	/* the count fixed too: the file still says the decision was withdrawn */
	char *b = replace(a, "\nrecords 2\n", "\nrecords 1\n");
	CHECK_INT(check_key(&out, b), 9);
	CHECK_CONTAINS(buf_cstr(&out), "撤下记录被隐去：证明文件称本决定已撤下，却没有撤下记录");
	/* a withdrawal in a file that says the decision is still live */
	char *c = replace(withdrawn_file, "\nstatus withdrawn\n", "\nstatus live\n");
	CHECK_INT(check_key(&out, c), 9);
	CHECK_CONTAINS(buf_cstr(&out), "状态与记录矛盾");
	free(a);
	free(b);
	free(c);
	free(cut);
	free(wr);
	free(wp);
	buf_release(&out);
}

TEST(cli_publication_proof_names_a_record_doubled_or_reordered)
{
	struct buf out = BUF_INIT;
	REQUIRE(ready());
	char *r0 = line_of(withdrawn_file, "record ", 0), *p0 = line_of(withdrawn_file, "proof", 0);
	char *r1 = line_of(withdrawn_file, "record ", 1), *p1 = line_of(withdrawn_file, "proof", 1);
	REQUIRE(r0 && p0 && r1 && p1);
	size_t cap = 2 * (strlen(r0) + strlen(p0) + strlen(r1) + strlen(p1)) + 16;
	char *two = malloc(cap), *swapped = malloc(cap), *doubled = malloc(cap);
	snprintf(two, cap, "%s\n%s\n%s\n%s\n", r0, p0, r1, p1);
	snprintf(swapped, cap, "%s\n%s\n%s\n%s\n", r1, p1, r0, p0);
	snprintf(doubled, cap, "%s\n%s\n%s\n%s\n", r0, p0, r0, p0);
	char *bad = replace(withdrawn_file, two, doubled);
	CHECK_INT(check_key(&out, bad), 9);
	CHECK_CONTAINS(buf_cstr(&out), "重复出现");
	free(bad);
	bad = replace(withdrawn_file, two, swapped);
	CHECK_INT(check_key(&out, bad), 9);
	CHECK_CONTAINS(buf_cstr(&out), "顺序被打乱");
	free(bad);
	/* the publication left out, the withdrawal alone */
	snprintf(doubled, cap, "%s\n%s\n", r1, p1);
	bad = replace(withdrawn_file, two, doubled);
	char *one = replace(bad, "\nrecords 2\n", "\nrecords 1\n");
	CHECK_INT(check_key(&out, one), 9);
	CHECK_CONTAINS(buf_cstr(&out), "缺少本决定的发布记录");
	free(one);
	free(bad);
	/* not a proof file at all, and one cut short */
	CHECK_INT(check_key(&out, "fazhi-case-bundle/v2\n"), 9);
	CHECK_CONTAINS(buf_cstr(&out), "不是公示证明文件");
	char *half = strdup(withdrawn_file);
	half[strlen(half) / 2] = '\0';
	CHECK_INT(check_key(&out, half), 9);
	CHECK_CONTAINS(buf_cstr(&out), "公示证明核验未通过");
	free(half);
	free(two);
	free(swapped);
	free(doubled);
	free(r0);
	free(p0);
	free(r1);
	free(p1);
	buf_release(&out);
}
