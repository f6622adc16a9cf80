/* verify_test.c - `fazhi verify` as an attacker's victim would run it: on
 * a fresh demo it passes; after one byte of an event field, an evidence
 * file or a document file is changed (with the database's triggers
 * dropped first, as an attacker holding the file would), after a leaf is
 * rewritten to match, an event is slipped in without a leaf, or the
 * checkpoints are checked against another key, it names the first
 * inconsistency and exits 9. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app/ledger.h"
#include "base/crypto.h"
#include "cli_run.h"
#include "ledger/checkpoint.h"
#include "ledger/leaf.h"
#include "ledger/merkle.h"
#include "t.h"

static char golden_dir[512];

static void golden_remove(void)
{
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", golden_dir);
	if (golden_dir[0] && system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", golden_dir);
}

/* One demo made per process (init + demo), copied for each test; it
 * outlives the tests' own directories and is removed at exit. */
static const char *golden(void)
{
	char *dir = golden_dir;
	if (dir[0])
		return dir;
	struct buf out = BUF_INIT;
	const char *base = getenv("TMPDIR");
	snprintf(dir, sizeof golden_dir, "%s/fazhi-golden-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(dir)) {
		t_fail(__FILE__, __LINE__, "mkdtemp failed");
		dir[0] = '\0';
		return dir;
	}
	atexit(golden_remove);
	if (cli_run(&out, NULL, "init --db %s/d.db", dir) != 0 ||
	    cli_run(&out, NULL, "demo --db %s/d.db", dir) != 0) {
		t_fail(__FILE__, __LINE__, "demo: %s", buf_cstr(&out));
		dir[0] = '\0';
	}
	buf_release(&out);
	return dir;
}

/* A copy of the golden demo in a new directory: d.db and d.db.data. */
static const char *copy_demo(void)
{
	const char *g = golden();
	if (!g[0])
		return NULL;
	const char *dir = t_tmpdir();
	char cmd[1200];
	snprintf(cmd, sizeof cmd, "cp -a '%s/d.db' '%s/d.db.data' '%s/'", g, g, dir);
	if (system(cmd) != 0) {
		t_fail(__FILE__, __LINE__, "%s failed", cmd);
		return NULL;
	}
	return dir;
}

/* Runs sql on dir/d.db directly; the first column of the first row (if
 * any) into out. */
static bool raw(const char *dir, const char *sql, char *out, size_t n)
{
	char path[600];
	sqlite3 *db;
	sqlite3_stmt *st;
	snprintf(path, sizeof path, "%s/d.db", dir);
	if (out)
		out[0] = '\0';
	if (sqlite3_open(path, &db) != SQLITE_OK)
		return false;
	bool ok = true;
	const char *tail = sql;
	while (ok && tail && *tail) {
		if (sqlite3_prepare_v2(db, tail, -1, &st, &tail) != SQLITE_OK) {
			t_fail(__FILE__, __LINE__, "%s: %s", tail, sqlite3_errmsg(db));
			ok = false;
			break;
		}
		if (!st)
			break;
		int rc = sqlite3_step(st);
		if (rc == SQLITE_ROW && out && !out[0])
			snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0));
		else if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			t_fail(__FILE__, __LINE__, "%s", sqlite3_errmsg(db));
			ok = false;
		}
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return ok;
}

/* Flips one byte of the first file under dir/d.db.data/<sub>. */
static bool flip_first_file(const char *dir, const char *sub)
{
	char cmd[800];
	snprintf(cmd, sizeof cmd,
		 "f=$(find '%s/d.db.data/%s' -type f | sort | head -1) && chmod u+w \"$f\" && "
		 "printf 'Z' | dd of=\"$f\" bs=1 seek=20 conv=notrunc 2>/dev/null",
		 dir, sub);
	return system(cmd) == 0;
}

/* verify with the key the agency published (here: the one the demo
 * made, before any tampering), unless extra names a key itself. */
static int verify(struct buf *out, const char *dir, const char *extra)
{
	if (extra && (strstr(extra, "--key") || strstr(extra, "--trust-on-first-use")))
		return cli_run(out, NULL, "verify --db %s/d.db %s", dir, extra);
	return cli_run(out, NULL, "verify --db %s/d.db --key %s/d.db.data/ledger.pub %s", dir, golden(),
		       extra ? extra : "");
}

TEST(cli_verify_passes_on_a_fresh_demo)
{
	struct buf out = BUF_INIT;
	const char *dir = copy_demo();
	REQUIRE(dir);
	CHECK_INT(verify(&out, dir, NULL), 0);
	CHECK_CONTAINS(buf_cstr(&out), "账本核验通过（sm3）");
	CHECK_CONTAINS(buf_cstr(&out), "1 个检查点的根与签名一致");
	CHECK_CONTAINS(buf_cstr(&out), "证据 12");
	struct stat sb;
	char key[600];
	snprintf(key, sizeof key, "%s/d.db.data/ledger.key", dir);
	REQUIRE(stat(key, &sb) == 0);
	CHECK_INT(sb.st_mode & 0777, 0600);
	buf_release(&out);
}

TEST(cli_verify_names_a_changed_event_field)
{
	struct buf out = BUF_INIT;
	char number[200], seq[16], want[300];
	const char *dir = copy_demo();
	REQUIRE(dir);
	/* the 10th field written: which case and event it belongs to */
	const char *pick = "SELECT c.number FROM case_event_fields f JOIN case_events v ON"
			   " v.id = f.event_id JOIN cases c ON c.id = v.case_id"
			   " WHERE f.rowid = 10";
	REQUIRE(raw(dir, pick, number, sizeof number));
	REQUIRE(raw(dir, "SELECT v.seq FROM case_event_fields f JOIN case_events v ON"
			 " v.id = f.event_id WHERE f.rowid = 10", seq, sizeof seq));
	REQUIRE(raw(dir, "DROP TRIGGER case_event_fields_no_update;"
			 "UPDATE case_event_fields SET value = '9' || substr(value, 2)"
			 " WHERE rowid = 10", NULL, 0));
	CHECK_INT(verify(&out, dir, NULL), 9);
	snprintf(want, sizeof want, "（案件 %s 第 %s 个事件）与账本不符", number, seq);
	CHECK_CONTAINS(buf_cstr(&out), want);
	buf_release(&out);
}

TEST(cli_verify_names_a_changed_evidence_file)
{
	struct buf out = BUF_INIT;
	const char *dir = copy_demo();
	REQUIRE(dir && flip_first_file(dir, "evidence"));
	CHECK_INT(verify(&out, dir, NULL), 9);
	CHECK_CONTAINS(buf_cstr(&out), "的证据材料“");
	CHECK_CONTAINS(buf_cstr(&out), "证据文件已被改动");
	buf_release(&out);
}

TEST(cli_verify_names_a_changed_document_file)
{
	struct buf out = BUF_INIT;
	const char *dir = copy_demo();
	REQUIRE(dir && flip_first_file(dir, "documents"));
	CHECK_INT(verify(&out, dir, NULL), 9);
	CHECK_CONTAINS(buf_cstr(&out), "的文书“");
	CHECK_CONTAINS(buf_cstr(&out), "文书文件已被改动");
	buf_release(&out);
}

/* The attacker changes an event and rewrites its leaf to match: every
 * leaf is consistent again, but the signed checkpoint's root is not. */
TEST(cli_verify_names_a_rewritten_leaf_by_its_checkpoint)
{
	struct buf out = BUF_INIT;
	const char *dir = copy_demo();
	char idx[32], sql[600];
	REQUIRE(dir);
	REQUIRE(raw(dir, "SELECT idx FROM ledger_leaves WHERE kind = 1 ORDER BY idx LIMIT 1"
			 " OFFSET 3", idx, sizeof idx));
	REQUIRE(raw(dir, "DROP TRIGGER case_events_no_update; DROP TRIGGER ledger_leaves_no_update;"
			 "UPDATE case_events SET reason = reason || '。' WHERE id = (SELECT ref_id"
			 " FROM ledger_leaves WHERE kind = 1 ORDER BY idx LIMIT 1 OFFSET 3)",
		    NULL, 0));
	/* recompute the event's digest and leaf hash as fazhi would */
	char db[600];
	snprintf(db, sizeof db, "%s/d.db", dir);
	struct store *st;
	struct arena *a = arena_new();
	REQUIRE(store_sqlite_open(db, false, &st, NULL) == FZ_OK);
	struct case_event ev;
	char ref[32];
	snprintf(sql, sizeof sql, "SELECT ref_id FROM ledger_leaves WHERE idx = %s", idx);
	REQUIRE(raw(dir, sql, ref, sizeof ref));
	REQUIRE(st->ops->case_event_get(st, a, strtoll(ref, NULL, 10), &ev, NULL) == FZ_OK);
	unsigned char d[LEDGER_DIGEST_MAX], data[LEDGER_LEAF_DATA_MAX], lh[LEDGER_HASH_MAX];
	size_t n = app_ledger_event_digest(&ev, d);
	size_t k = ledger_leaf_data(1, ev.id, d, n, data);
	merkle_leaf_hash(LEDGER_HASH_SM3, data, k, lh);
	st->ops->close(st);
	arena_free(a);
	char dh[65], hh[65];
	crypto_hex(d, n, dh);
	crypto_hex(lh, 32, hh);
	snprintf(sql, sizeof sql, "UPDATE ledger_leaves SET digest = x'%s', leaf_hash = x'%s'"
		 " WHERE idx = %s", dh, hh, idx);
	REQUIRE(raw(dir, sql, NULL, 0));
	CHECK_INT(verify(&out, dir, NULL), 9);
	CHECK_CONTAINS(buf_cstr(&out), "检查点 #1（记录数");
	CHECK_CONTAINS(buf_cstr(&out), "的根与重新计算的不符");
	buf_release(&out);
}

TEST(cli_verify_names_an_event_slipped_in_without_a_leaf)
{
	struct buf out = BUF_INIT;
	const char *dir = copy_demo();
	char number[200];
	REQUIRE(dir);
	/* no trigger stands in the way: the record only grows */
	REQUIRE(raw(dir, "INSERT INTO case_events (case_id, seq, step, on_date, at, reason)"
			 " SELECT 1, max(seq) + 1, 'investigate', '2026-01-05', 1, '补记'"
			 " FROM case_events WHERE case_id = 1", NULL, 0));
	REQUIRE(raw(dir, "SELECT number FROM cases WHERE id = 1", number, sizeof number));
	CHECK_INT(verify(&out, dir, NULL), 9);
	CHECK_CONTAINS(buf_cstr(&out), number);
	CHECK_CONTAINS(buf_cstr(&out), "未记入账本");
	buf_release(&out);
}

TEST(cli_verify_refuses_checkpoints_signed_with_another_key)
{
	struct buf out = BUF_INIT;
	const char *dir = copy_demo();
	char priv[600], pub[600];
	REQUIRE(dir);
	snprintf(priv, sizeof priv, "%s/other.key", dir);
	snprintf(pub, sizeof pub, "%s/other.pub", dir);
	REQUIRE(ledger_key_generate(priv, pub, NULL) == FZ_OK);
	char extra[700];
	snprintf(extra, sizeof extra, "--key %s", pub);
	CHECK_INT(verify(&out, dir, extra), 9);
	CHECK_CONTAINS(buf_cstr(&out), "不是用本机关的签名密钥签署的");
	/* and without the data directory the files are missing */
	snprintf(extra, sizeof extra, "--data-dir %s/nowhere", dir);
	CHECK_INT(verify(&out, dir, extra), 9);
	CHECK_CONTAINS(buf_cstr(&out), "缺失");
	buf_release(&out);
}

TEST(cli_init_data_dir_and_sha256_are_honoured_everywhere)
{
	struct buf out = BUF_INIT;
	const char *dir = t_tmpdir();
	CHECK_INT(cli_run(&out, NULL, "init --db %s/s.db --data-dir %s/files --hash sha256", dir,
			  dir), 0);
	CHECK_CONTAINS(buf_cstr(&out), "账本摘要算法 sha256");
	CHECK_INT(cli_run(&out, NULL, "demo --db %s/s.db --data-dir %s/files", dir, dir), 0);
	CHECK_INT(cli_run(&out, NULL, "verify --db %s/s.db --data-dir %s/files --key %s/files/ledger.pub",
			  dir, dir, dir), 0);
	CHECK_CONTAINS(buf_cstr(&out), "账本核验通过（sha256）");
	CHECK_INT(cli_run(&out, NULL, "checkpoint --db %s/s.db --data-dir %s/files", dir, dir), 0);
	CHECK_CONTAINS(buf_cstr(&out), "未重复签署");
	/* the hash is fixed once the ledger has records */
	CHECK_INT(cli_run(&out, NULL, "init --db %s/s.db --data-dir %s/files --hash sm3", dir,
			  dir), 4);
	CHECK_INT(cli_run(&out, NULL, "init --db %s/s.db --hash md5", dir), 2);
	buf_release(&out);
}
