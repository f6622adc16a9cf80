/* verify_trust_test.c - `fazhi verify` with what an outsider holds: the
 * published key, an earlier published checkpoint (a file or SIZE:ROOT)
 * and a witness's key. An attacker holding the database and the signing
 * key beside it rewrites history and re-signs every checkpoint: the key
 * alone cannot tell, a pinned checkpoint and a witness can, and each
 * names what happened; so does truncation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app/ledger.h"
#include "base/crypto.h"
#include "cli_run.h"
#include "ledger/leaf.h"
#include "ledger/merkle.h"
#include "ledger/note.h"
#include "ledger_session.h"
#include "t.h"

#define ORIGIN "fazhi.640522.nx.gov.cn/enforcement"
#define WITNESS "justice.yinchuan.gov.cn/witness"

static char gold[512];
static char pin[200];         /* SIZE:ROOT of the published checkpoint */

/* The size of the published checkpoint (the demo's, whatever it holds). */
static long long pinned_size(void)
{
	return strtoll(pin, NULL, 10);
}
static char log_vkey[400];    /* the log's verifier key, as published */
static char witness_vkey[400];

static void gold_remove(void)
{
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", gold);
	if (gold[0] && system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", gold);
}

/* init, origin, demo; a witness registered and its cosignature of the
 * latest checkpoint collected; what the agency published kept aside. */
static bool gold_make(void)
{
	struct buf out = BUF_INIT;
	char db[600], data[600], path[700], note[4096];
	const char *base = getenv("TMPDIR");
	snprintf(gold, sizeof gold, "%s/fazhi-trust-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(gold))
		return false;
	atexit(gold_remove);
	snprintf(db, sizeof db, "%s/d.db", gold);
	snprintf(data, sizeof data, "%s/d.db.data", gold);
	bool ok = cli_run(&out, NULL, "init --db %s", db) == 0 &&
		  cli_run(&out, NULL, "checkpoint --db %s --origin " ORIGIN, db) == 0 &&
		  cli_run(&out, NULL, "demo --db %s", db) == 0 &&
		  /* an export is recorded and checkpointed: publish after it */
		  cli_run(&out, NULL, "case export 1 --db %s --out %s/b1", db, gold) == 0;
	if (!ok)
		t_fail(__FILE__, __LINE__, "%s", buf_cstr(&out));
	buf_release(&out);
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
	     ls_latest_note(&s, note, sizeof note);
	ledger_key_free(wk);
	ls_close(&s);
	/* published: the note, the key, the size and root */
	snprintf(path, sizeof path, "%s/published.note", gold);
	if (!ok || !(f = fopen(path, "w")))
		return false;
	fputs(note, f);
	fclose(f);
	char root[200];
	ok = ls_sql(db, "SELECT tree_size || ':' || lower(hex(root)) FROM ledger_checkpoints"
			" ORDER BY id DESC LIMIT 1", pin, sizeof pin) &&
	     ls_sql(db, "SELECT lower(hex(pubkey)) FROM ledger_checkpoints ORDER BY id DESC LIMIT 1",
		    root, sizeof root);
	unsigned char pub[32];
	struct buf vk = BUF_INIT;
	if (ok && crypto_unhex(root, pub, 32)) {
		ledger_checkpoint_vkey(&vk, ORIGIN, pub);
		snprintf(log_vkey, sizeof log_vkey, "%s", buf_cstr(&vk));
	}
	buf_release(&vk);
	return ok && log_vkey[0];
}

/* A copy of the golden log in a fresh directory. */
static const char *copy(void)
{
	if (!gold[0] && !gold_make()) {
		t_fail(__FILE__, __LINE__, "golden log");
		return NULL;
	}
	const char *dir = t_tmpdir();
	char cmd[2200];
	snprintf(cmd, sizeof cmd, "cp -a '%s/d.db' '%s/d.db.data' '%s/published.note' '%s/b1' '%s/'", gold,
		 gold, gold, gold, dir);
	return system(cmd) == 0 ? dir : NULL;
}

static int verify(struct buf *out, const char *dir, const char *extra)
{
	return cli_run(out, NULL, "verify --db %s/d.db %s", dir, extra);
}

/* The attacker's full rewrite: one event changed, its leaf recomputed,
 * the tree rebuilt, the checkpoints after the first deleted and re-signed
 * with the key on disk (all_checkpoints: every one of them). */
static bool rewrite(const char *dir, bool keep_cosignatures)
{
	char db[600], data[600], idx[32], ref[32], sql[700];
	struct buf out = BUF_INIT;
	snprintf(db, sizeof db, "%s/d.db", dir);
	snprintf(data, sizeof data, "%s/d.db.data", dir);
	if (!ls_sql(db, "SELECT idx, ref_id FROM ledger_leaves WHERE kind = 1 ORDER BY idx"
			" LIMIT 1 OFFSET 3", idx, sizeof idx) ||
	    !ls_sql(db, "DROP TRIGGER case_events_no_update; DROP TRIGGER ledger_leaves_no_update;"
			" DROP TRIGGER ledger_nodes_no_delete; DROP TRIGGER ledger_checkpoints_no_delete;"
			" DROP TRIGGER ledger_cosignatures_no_delete;",
		    NULL, 0))
		return false;
	snprintf(sql, sizeof sql, "SELECT ref_id FROM ledger_leaves WHERE idx = %s", idx);
	if (!ls_sql(db, sql, ref, sizeof ref))
		return false;
	snprintf(sql, sizeof sql, "UPDATE case_events SET reason = reason || '。' WHERE id = %s",
		 ref);
	if (!ls_sql(db, sql, NULL, 0))
		return false;
	struct ledger_session s;
	struct case_event ev;
	if (!ls_open(&s, db, data) ||
	    s.st->ops->case_event_get(s.st, s.a, strtoll(ref, NULL, 10), &ev, NULL)) {
		ls_close(&s);
		return false;
	}
	unsigned char d[LEDGER_DIGEST_MAX], leaf[LEDGER_LEAF_DATA_MAX], lh[LEDGER_HASH_MAX];
	size_t n = app_ledger_event_digest(LEDGER_HASH_SM3, &ev, d);
	size_t k = ledger_leaf_data(1, ev.id, ev.at, d, n, leaf);
	merkle_leaf_hash(LEDGER_HASH_SM3, leaf, k, lh);
	ls_close(&s);
	char dh[65], hh[65];
	crypto_hex(d, n, dh);
	crypto_hex(lh, 32, hh);
	snprintf(sql, sizeof sql,
		 "UPDATE ledger_leaves SET digest = x'%s', leaf_hash = x'%s' WHERE idx = %s;"
		 " DELETE FROM ledger_nodes; DELETE FROM ledger_checkpoints WHERE tree_size > 0;%s",
		 dh, hh, idx, keep_cosignatures ? "" : " DELETE FROM ledger_cosignatures;");
	bool ok = ls_sql(db, sql, NULL, 0) && cli_run(&out, NULL, "checkpoint --db %s", db) == 0;
	if (!ok)
		t_fail(__FILE__, __LINE__, "re-sign: %s", buf_cstr(&out));
	buf_release(&out);
	return ok;
}

TEST(cli_verify_requires_a_key_or_trust_on_first_use)
{
	struct buf out = BUF_INIT;
	const char *dir = copy();
	REQUIRE(dir);
	CHECK_INT(verify(&out, dir, ""), 2);
	CHECK_CONTAINS(buf_cstr(&out), "缺少 --key");
	CHECK_INT(verify(&out, dir, "--trust-on-first-use"), 0);
	CHECK_CONTAINS(buf_cstr(&out), "警告");
	CHECK_CONTAINS(buf_cstr(&out), "首次使用即信任");
	/* the published verifier key instead of a PEM file */
	char extra[600];
	snprintf(extra, sizeof extra, "--key '%s'", log_vkey);
	CHECK_INT(verify(&out, dir, extra), 0);
	CHECK(strstr(buf_cstr(&out), "警告") == NULL);
	/* a malformed key is refused before anything is read */
	CHECK_INT(verify(&out, dir, "--key 'x+00000000+AAAA'"), 2);
	CHECK_CONTAINS(buf_cstr(&out), "--key");
	buf_release(&out);
}

TEST(cli_verify_holds_with_pin_checkpoint_and_witness_on_an_intact_log)
{
	struct buf out = BUF_INIT;
	const char *dir = copy();
	REQUIRE(dir);
	char extra[2000];
	snprintf(extra, sizeof extra,
		 "--key '%s' --pin %s --checkpoint %s/published.note --witness '%s' --quorum 1",
		 log_vkey, pin, dir, witness_vkey);
	CHECK_INT(verify(&out, dir, extra), 0);
	CHECK_CONTAINS(buf_cstr(&out), "与 2 个事先公布的检查点一致");
	char want[160];
	snprintf(want, sizeof want, "见证：记录数 %lld", pinned_size());
	CHECK_CONTAINS(buf_cstr(&out), want);
	/* a quorum larger than the witnesses given is a usage error */
	snprintf(extra, sizeof extra, "--key '%s' --witness '%s' --quorum 2", log_vkey,
		 witness_vkey);
	CHECK_INT(verify(&out, dir, extra), 2);
	CHECK_CONTAINS(buf_cstr(&out), "--quorum");
	buf_release(&out);
}

TEST(cli_verify_catches_a_rewrite_resigned_with_the_key_on_disk)
{
	struct buf out = BUF_INIT;
	const char *dir = copy();
	REQUIRE(dir);
	REQUIRE(rewrite(dir, false));
	char extra[2000];
	/* the key alone cannot tell: the attacker signed with it */
	snprintf(extra, sizeof extra, "--key '%s'", log_vkey);
	CHECK_INT(verify(&out, dir, extra), 0);
	/* a pinned root can */
	snprintf(extra, sizeof extra, "--key '%s' --pin %s", log_vkey, pin);
	CHECK_INT(verify(&out, dir, extra), 9);
	char want[160];
	snprintf(want, sizeof want, "账本与固定的检查点（记录数 %lld）不一致", pinned_size());
	CHECK_CONTAINS(buf_cstr(&out), want);
	CHECK_CONTAINS(buf_cstr(&out), "重新签名");
	/* so can the published checkpoint file */
	snprintf(extra, sizeof extra, "--key '%s' --checkpoint %s/published.note", log_vkey, dir);
	CHECK_INT(verify(&out, dir, extra), 9);
	CHECK_CONTAINS(buf_cstr(&out), "published.note");
	CHECK_CONTAINS(buf_cstr(&out), "已被改写");
	/* and a witness: its cosignature is gone with the old checkpoint */
	snprintf(extra, sizeof extra, "--key '%s' --witness '%s'", log_vkey, witness_vkey);
	CHECK_INT(verify(&out, dir, extra), 9);
	CHECK_CONTAINS(buf_cstr(&out), "没有任何检查点获得 1 个指定见证方的有效副署");
	buf_release(&out);
}

TEST(cli_verify_names_a_witness_cosignature_the_rewrite_no_longer_matches)
{
	struct buf out = BUF_INIT;
	const char *dir = copy();
	REQUIRE(dir);
	/* the cosignature row stays and now points at the re-signed one */
	REQUIRE(rewrite(dir, true));
	char extra[2000];
	snprintf(extra, sizeof extra, "--key '%s' --witness '%s'", log_vkey, witness_vkey);
	CHECK_INT(verify(&out, dir, extra), 9);
	/* named either as a cosignature that no longer matches its checkpoint
	 * or as no checkpoint left with one, depending on which rows the
	 * rewrite reused */
	CHECK(strstr(buf_cstr(&out), "见证方 " WITNESS " 的副署与检查点不符") ||
	      strstr(buf_cstr(&out), "没有任何检查点获得 1 个指定见证方的有效副署"));
	CHECK_CONTAINS(buf_cstr(&out), "重新签名");
	buf_release(&out);
}

TEST(cli_verify_catches_truncation_with_a_pin)
{
	struct buf out = BUF_INIT;
	const char *dir = copy();
	REQUIRE(dir);
	char db[600];
	snprintf(db, sizeof db, "%s/d.db", dir);
	long long keep = pinned_size() - 5;
	char sql[600];
	snprintf(sql, sizeof sql,
		 "DROP TRIGGER ledger_leaves_no_delete; DROP TRIGGER ledger_nodes_no_delete;"
		 " DROP TRIGGER ledger_checkpoints_no_delete;"
		 " DROP TRIGGER ledger_cosignatures_no_delete;"
		 " DELETE FROM ledger_leaves WHERE idx >= %lld; DELETE FROM ledger_nodes;"
		 " DELETE FROM ledger_cosignatures;"
		 " DELETE FROM ledger_checkpoints WHERE tree_size > 0;",
		 keep);
	REQUIRE(ls_sql(db, sql, NULL, 0));
	CHECK_INT(cli_run(&out, NULL, "checkpoint --db %s", db), 0);
	char extra[2000];
	snprintf(extra, sizeof extra, "--key '%s' --pin %s", log_vkey, pin);
	CHECK_INT(verify(&out, dir, extra), 9);
	char want[200];
	snprintf(want, sizeof want, "账本只有 %lld 条记录，少于固定的检查点（记录数 %lld）的 %lld 条", keep,
		 pinned_size(), pinned_size());
	CHECK_CONTAINS(buf_cstr(&out), want);
	CHECK_CONTAINS(buf_cstr(&out), "截短");
	buf_release(&out);
}

TEST(cli_verify_bundle_checks_key_published_checkpoint_and_witness)
{
	struct buf out = BUF_INIT;
	const char *dir = copy();
	REQUIRE(dir);
	char extra[2400];
	CHECK_INT(cli_run(&out, NULL, "verify-bundle %s/b1", dir), 2);
	CHECK_CONTAINS(buf_cstr(&out), "缺少 --key");
	CHECK_INT(cli_run(&out, NULL, "verify-bundle %s/b1 --trust-on-first-use", dir), 0);
	CHECK_CONTAINS(buf_cstr(&out), "警告");
	snprintf(extra, sizeof extra,
		 "verify-bundle %s/b1 --key '%s' --checkpoint %s/published.note --witness '%s'", dir,
		 log_vkey, dir, witness_vkey);
	CHECK_INT(cli_run(&out, NULL, "%s", extra), 0);
	CHECK_CONTAINS(buf_cstr(&out), "案卷包的检查点与检查点文件");
	CHECK_CONTAINS(buf_cstr(&out), "有 1 个指定见证方的副署");
	/* another key: refused */
	struct ledger_key *k = ls_witness_key(dir, "x", extra, sizeof extra);
	REQUIRE(k);
	ledger_key_free(k);
	unsigned char raw[32];
	struct note_vkey vk;
	REQUIRE(note_vkey_parse(extra, &vk, NULL) == FZ_OK);
	memcpy(raw, vk.key, 32);
	struct buf other = BUF_INIT;
	ledger_checkpoint_vkey(&other, ORIGIN, raw);
	CHECK_INT(cli_run(&out, NULL, "verify-bundle %s/b1 --key '%s'", dir, buf_cstr(&other)), 9);
	CHECK_CONTAINS(buf_cstr(&out), "不是用 --key 给出的日志公钥签署的");
	buf_release(&other);

	/* the rewritten log's bundle: fine with the key alone, not with the
	 * published checkpoint or the witness */
	REQUIRE(rewrite(dir, false));
	REQUIRE(cli_run(&out, NULL, "case export 1 --db %s/d.db --out %s/b2", dir, dir) == 0);
	CHECK_INT(cli_run(&out, NULL, "verify-bundle %s/b2 --key '%s'", dir, log_vkey), 0);
	/* its checkpoint is a later one (the export is recorded): offline it
	 * cannot be compared with the published one, and the output says how */
	CHECK_INT(cli_run(&out, NULL, "verify-bundle %s/b2 --key '%s' --checkpoint %s/published.note",
			  dir, log_vkey, dir), 0);
	CHECK_CONTAINS(buf_cstr(&out), "离线无法比对");
	CHECK_CONTAINS(buf_cstr(&out), "/api/v1/ledger/proof/consistency");
	CHECK_INT(cli_run(&out, NULL, "verify-bundle %s/b2 --key '%s' --witness '%s'", dir, log_vkey,
			  witness_vkey), 9);
	CHECK_CONTAINS(buf_cstr(&out), "见证方");
	buf_release(&out);
}

TEST(cli_signing_key_outside_the_data_dir_is_used_and_its_permissions_checked)
{
	struct buf out = BUF_INIT;
	const char *dir = copy();
	REQUIRE(dir);
	char cmd[2000];
	snprintf(cmd, sizeof cmd, "mkdir -p '%s/keys' && mv '%s/d.db.data/ledger.key' '%s/keys/log.key'",
		 dir, dir, dir);
	REQUIRE(system(cmd) == 0);
	/* without it the data directory has no key to sign with any more */
	{
		struct ledger_session s;
		char data[700];
		snprintf(data, sizeof data, "%s/d.db.data", dir);
		snprintf(cmd, sizeof cmd, "%s/d.db", dir);
		REQUIRE(ls_open(&s, cmd, data) && ls_append(&s, 900000, 1));
		ls_close(&s);
	}
	CHECK(cli_run(&out, NULL, "checkpoint --db %s/d.db", dir) != 0);
	CHECK_CONTAINS(buf_cstr(&out), "无法读取签名私钥");
	/* readable by others: refused, nothing signed */
	char n0[32], n1[32], db[600];
	snprintf(db, sizeof db, "%s/d.db", dir);
	REQUIRE(ls_sql(db, "SELECT count(*) FROM ledger_checkpoints", n0, sizeof n0));
	snprintf(cmd, sizeof cmd, "chmod 0644 '%s/keys/log.key'", dir);
	REQUIRE(system(cmd) == 0);
	CHECK(cli_run(&out, NULL, "checkpoint --db %s/d.db --key-file %s/keys/log.key", dir, dir) !=
	      0);
	CHECK_CONTAINS(buf_cstr(&out), "权限过宽");
	REQUIRE(ls_sql(db, "SELECT count(*) FROM ledger_checkpoints", n1, sizeof n1));
	CHECK_STR(n1, n0);
	snprintf(cmd, sizeof cmd, "chmod 0600 '%s/keys/log.key'", dir);
	REQUIRE(system(cmd) == 0);
	/* 0600: rotated to a new key outside the data directory */
	CHECK_INT(cli_run(&out, NULL,
			  "checkpoint --db %s/d.db --key-file %s/keys/log.key --rotate-to %s/keys/new.key",
			  dir, dir, dir), 0);
	CHECK_CONTAINS(buf_cstr(&out), "已轮换签名密钥");
	CHECK_CONTAINS(buf_cstr(&out), "--key-file");
	struct stat sb;
	char path[700];
	snprintf(path, sizeof path, "%s/keys/new.key", dir);
	REQUIRE(stat(path, &sb) == 0);
	CHECK_INT(sb.st_mode & 0777, 0600);
	buf_release(&out);
}

TEST(cli_verify_follows_a_key_rotation_and_refuses_a_forged_one)
{
	struct buf out = BUF_INIT;
	const char *dir = copy();
	REQUIRE(dir);
	char db[600], extra[1200], n[64];
	snprintf(db, sizeof db, "%s/d.db", dir);
	CHECK_INT(cli_run(&out, NULL, "checkpoint --db %s --rotate-to %s/d.db.data/next.key", db, dir),
		  0);
	CHECK_CONTAINS(buf_cstr(&out), "已轮换签名密钥（轮换记录 #1");
	/* audited, and the next checkpoint is signed with the new key */
	REQUIRE(ls_sql(db, "SELECT count(*) FROM audit_log WHERE action = 'ledger.key_rotate'", n,
		       sizeof n));
	CHECK_STR(n, "1");
	REQUIRE(ls_sql(db, "SELECT count(DISTINCT pubkey) FROM ledger_checkpoints", n, sizeof n));
	CHECK_STR(n, "2");
	/* the published (old) key leads to the new one */
	snprintf(extra, sizeof extra, "--key '%s'", log_vkey);
	CHECK_INT(verify(&out, dir, extra), 0);
	CHECK_CONTAINS(buf_cstr(&out), "个检查点的根与签名一致");
	/* the new key alone does not vouch for what the old one signed */
	char newkey[700];
	snprintf(newkey, sizeof newkey, "--key %s/d.db.data/ledger.pub", dir);
	CHECK_INT(verify(&out, dir, newkey), 9);
	CHECK_CONTAINS(buf_cstr(&out), "检查点 #1 不是用本机关的签名密钥签署的");
	/* a statement not signed by the old key is named */
	REQUIRE(ls_sql(db, "DROP TRIGGER ledger_key_rotations_no_delete;"
			   " INSERT INTO ledger_key_rotations (old_pubkey, new_pubkey, note, at)"
			   " SELECT old_pubkey, randomblob(32), note, at FROM ledger_key_rotations",
		       NULL, 0));
	CHECK_INT(verify(&out, dir, extra), 9);
	CHECK_CONTAINS(buf_cstr(&out), "密钥轮换记录 #2 的签名无效");
	buf_release(&out);
}

/* A checkpoint signed with a key before the rotation that introduces it
 * was recorded: the new key was in use before its rotation, and verify
 * says so although the statement itself is signed by both keys. */
TEST(cli_verify_refuses_a_checkpoint_of_the_new_key_before_its_rotation)
{
	struct buf out = BUF_INIT;
	const char *dir = copy();
	REQUIRE(dir);
	char db[600], data[600], priv[700], pub[700], extra[1200];
	snprintf(db, sizeof db, "%s/d.db", dir);
	snprintf(data, sizeof data, "%s/d.db.data", dir);
	snprintf(priv, sizeof priv, "%s/next.key", data);
	snprintf(pub, sizeof pub, "%s/next.key.pub", data);
	REQUIRE(ledger_key_generate(priv, pub, NULL) == FZ_OK);
	/* the latest checkpoint, signed again with the next key */
	struct ledger_session s;
	struct ledger_checkpoint_row row;
	struct ledger_key *k = NULL;
	REQUIRE(ls_open(&s, db, data));
	REQUIRE(s.st->ops->checkpoint_latest(s.st, &row, NULL) == FZ_OK);
	REQUIRE(ledger_key_load(priv, &k, NULL) == FZ_OK);
	struct ledger_checkpoint cp = { .size = (uint64_t)row.tree_size, .at = row.at };
	char text[LEDGER_CHECKPOINT_TEXT_MAX];
	REQUIRE(ledger_hash_from_name(row.hash, &cp.alg));
	snprintf(cp.origin, sizeof cp.origin, "%s", row.origin);
	memcpy(cp.root, row.root, row.root_len);
	size_t len = ledger_checkpoint_text(&cp, text);
	ledger_key_public(k, row.pubkey);
	REQUIRE(ledger_ed25519_sign(k, text, len, row.signature) == FZ_OK);
	ledger_key_free(k);
	row.id = 0;
	REQUIRE(s.st->ops->checkpoint_insert(s.st, &row, NULL) == FZ_OK);
	ls_close(&s);
	/* then the rotation to it is recorded */
	CHECK_INT(cli_run(&out, NULL, "checkpoint --db %s --rotate-to %s", db, priv), 0);
	snprintf(extra, sizeof extra, "--key '%s'", log_vkey);
	CHECK_INT(verify(&out, dir, extra), 9);
	CHECK_CONTAINS(buf_cstr(&out), "轮换被倒填");
	buf_release(&out);
}
