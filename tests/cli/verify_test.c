/* verify_test.c - `fazhi verify` as an attacker's victim would run it: on
 * a fresh demo it passes; after an event field, a document's number or
 * title, a case's party or closed flag, a leaf's time, an evidence file or
 * a document file is changed (with the database's triggers dropped first,
 * as an attacker holding the file would), after a leaf is rewritten to
 * match, a back-dated event is slipped in with a matching leaf, a row is
 * replaced, an event is slipped in without a leaf, or the checkpoints are
 * checked against another key, it names the first inconsistency and
 * exits 9. Storage order never matters; every REPLACE of a protected row
 * is refused by the database itself; `init` reports rows without a leaf. */
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

/* The digest and leaf hash (hex) of event id of dir/d.db, made as fazhi
 * makes them: what an attacker rewriting the ledger would compute. */
static bool event_leaf_hex(const char *dir, int64_t id, char dh[65], char hh[65])
{
	char db[600];
	struct store *st;
	struct case_event ev;
	struct arena *a = arena_new();
	snprintf(db, sizeof db, "%s/d.db", dir);
	if (!a || store_sqlite_open(db, false, &st, NULL) != FZ_OK) {
		arena_free(a);
		return false;
	}
	bool ok = st->ops->case_event_get(st, a, id, &ev, NULL) == FZ_OK;
	if (ok) {
		unsigned char d[LEDGER_DIGEST_MAX], data[LEDGER_LEAF_DATA_MAX], lh[LEDGER_HASH_MAX];
		size_t n = app_ledger_event_digest(LEDGER_HASH_SM3, &ev, d);
		size_t k = ledger_leaf_data(1, ev.id, ev.at, d, n, data);
		merkle_leaf_hash(LEDGER_HASH_SM3, data, k, lh);
		crypto_hex(d, n, dh);
		crypto_hex(lh, 32, hh);
	}
	st->ops->close(st);
	arena_free(a);
	return ok;
}

TEST(cli_verify_passes_on_a_fresh_demo)
{
	struct buf out = BUF_INIT;
	const char *dir = copy_demo();
	REQUIRE(dir);
	CHECK_INT(verify(&out, dir, NULL), 0);
	CHECK_CONTAINS(buf_cstr(&out), "账本核验通过（sm3）");
	CHECK_CONTAINS(buf_cstr(&out), "1 个检查点的根与签名一致");
	CHECK_CONTAINS(buf_cstr(&out), "证据材料 12");
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
	char ref[32], dh[65], hh[65];
	snprintf(sql, sizeof sql, "SELECT ref_id FROM ledger_leaves WHERE idx = %s", idx);
	REQUIRE(raw(dir, sql, ref, sizeof ref));
	REQUIRE(event_leaf_hex(dir, strtoll(ref, NULL, 10), dh, hh));
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

/* Runs sql on dir/d.db expecting SQLite to refuse it; its message into
 * msg. False when it went through. */
static bool refused(const char *dir, const char *sql, char *msg, size_t n)
{
	char path[600];
	sqlite3 *db;
	char *err = NULL;
	snprintf(path, sizeof path, "%s/d.db", dir);
	msg[0] = '\0';
	if (sqlite3_open(path, &db) != SQLITE_OK)
		return false;
	int rc = sqlite3_exec(db, sql, NULL, NULL, &err);
	snprintf(msg, n, "%s", err ? err : "");
	sqlite3_free(err);
	sqlite3_close(db);
	return rc != SQLITE_OK;
}

TEST(cli_verify_names_a_changed_document_row)
{
	struct buf out = BUF_INIT;
	const char *pick = "(SELECT min(id) FROM documents WHERE number <> '')";
	char number[200], sql[600];
	const char *dir = copy_demo();
	REQUIRE(dir);
	snprintf(sql, sizeof sql, "SELECT number FROM documents WHERE id = %s", pick);
	REQUIRE(raw(dir, sql, number, sizeof number));
	/* the number, the PDF untouched */
	snprintf(sql, sizeof sql, "DROP TRIGGER documents_no_update; UPDATE documents SET number ="
		 " number || '（改）' WHERE id = %s", pick);
	REQUIRE(raw(dir, sql, NULL, 0));
	CHECK_INT(verify(&out, dir, NULL), 9);
	CHECK_CONTAINS(buf_cstr(&out), "的文书“");
	CHECK_CONTAINS(buf_cstr(&out), "）与账本不符");
	/* the title, on another copy */
	dir = copy_demo();
	REQUIRE(dir);
	snprintf(sql, sizeof sql, "DROP TRIGGER documents_no_update; UPDATE documents SET title ="
		 " '不予行政处罚决定书' WHERE id = %s", pick);
	REQUIRE(raw(dir, sql, NULL, 0));
	CHECK_INT(verify(&out, dir, NULL), 9);
	CHECK_CONTAINS(buf_cstr(&out), "的文书“不予行政处罚决定书”");
	CHECK_CONTAINS(buf_cstr(&out), "与账本不符");
	buf_release(&out);
}

/* The case row is a projection the application keeps up to date, so no
 * trigger stops an UPDATE of its party or closed flag: the ledger's
 * latest version of the header does. */
TEST(cli_verify_names_a_changed_case_header)
{
	struct buf out = BUF_INIT;
	char number[200];
	const char *dir = copy_demo();
	REQUIRE(dir);
	REQUIRE(raw(dir, "SELECT number FROM cases WHERE id = 2", number, sizeof number));
	REQUIRE(raw(dir, "UPDATE cases SET party_name = party_name || '（已更名）' WHERE id = 2",
		    NULL, 0));
	CHECK_INT(verify(&out, dir, NULL), 9);
	CHECK_CONTAINS(buf_cstr(&out), number);
	CHECK_CONTAINS(buf_cstr(&out), "的案件信息（编号、当事人、立案或结案状态等）与账本记录的最新一版不符");

	dir = copy_demo();
	REQUIRE(dir);
	REQUIRE(raw(dir, "SELECT number FROM cases WHERE closed = 1 ORDER BY id LIMIT 1", number,
		    sizeof number));
	REQUIRE(raw(dir, "UPDATE cases SET closed = 0 WHERE id = (SELECT min(id) FROM cases"
			 " WHERE closed = 1)", NULL, 0));
	CHECK_INT(verify(&out, dir, NULL), 9);
	CHECK_CONTAINS(buf_cstr(&out), number);
	CHECK_CONTAINS(buf_cstr(&out), "与账本记录的最新一版不符");
	buf_release(&out);
}

TEST(cli_verify_names_a_changed_leaf_time)
{
	struct buf out = BUF_INIT;
	const char *dir = copy_demo();
	REQUIRE(dir);
	REQUIRE(raw(dir, "DROP TRIGGER ledger_leaves_no_update;"
			 "UPDATE ledger_leaves SET at = at - 86400 WHERE idx = 7", NULL, 0));
	CHECK_INT(verify(&out, dir, NULL), 9);
	CHECK_CONTAINS(buf_cstr(&out), "账本第 7 号记录（");
	CHECK_CONTAINS(buf_cstr(&out), "的记录时间与账本不符");
	buf_release(&out);
}

/* A back-dated event slipped in with a leaf that matches it exactly (its
 * digest, its leaf hash, its time): the case's events are recorded in
 * order, and this one claims to be older than the event before it. */
TEST(cli_verify_names_a_back_dated_event_with_a_matching_leaf)
{
	struct buf out = BUF_INIT;
	char sql[800], id[32], at[32], number[200];
	const char *dir = copy_demo();
	REQUIRE(dir);
	/* a day before the case's first event */
	REQUIRE(raw(dir, "SELECT min(at) - 86400 FROM case_events WHERE case_id = 1", at,
		    sizeof at));
	snprintf(sql, sizeof sql, "INSERT INTO case_events (case_id, seq, step, on_date, at, reason)"
		 " SELECT 1, max(seq) + 1, 'investigate', '2026-01-05', %s, '补记' FROM case_events"
		 " WHERE case_id = 1", at);
	REQUIRE(raw(dir, sql, NULL, 0));
	REQUIRE(raw(dir, "SELECT max(id) FROM case_events", id, sizeof id));
	REQUIRE(raw(dir, "SELECT number FROM cases WHERE id = 1", number, sizeof number));
	char dh[65], hh[65];
	REQUIRE(event_leaf_hex(dir, strtoll(id, NULL, 10), dh, hh));
	snprintf(sql, sizeof sql, "INSERT INTO ledger_leaves (idx, kind, ref_id, digest, leaf_hash, at)"
		 " SELECT max(idx) + 1, 1, %s, x'%s', x'%s', %s FROM ledger_leaves", id, dh, hh, at);
	REQUIRE(raw(dir, sql, NULL, 0));
	CHECK_INT(verify(&out, dir, NULL), 9);
	CHECK_CONTAINS(buf_cstr(&out), number);
	CHECK_CONTAINS(buf_cstr(&out), "的记录时间早于本案前一个事件：记录时间被倒填");
	buf_release(&out);
}

/* Fields and officers have no meaningful order: rebuilding their tables
 * in reverse row order changes nothing the ledger binds. */
TEST(cli_verify_storage_order_never_matters)
{
	struct buf out = BUF_INIT;
	char before[200], after[200];
	const char *first = "SELECT event_id || '/' || key FROM case_event_fields ORDER BY rowid"
			    " LIMIT 1";
	const char *dir = copy_demo();
	REQUIRE(dir);
	REQUIRE(raw(dir, first, before, sizeof before));
	REQUIRE(raw(dir,
		    "DROP TRIGGER case_event_fields_only_newest;"
		    "DROP TRIGGER case_event_fields_no_delete;"
		    "DROP TRIGGER case_event_officers_only_newest;"
		    "DROP TRIGGER case_event_officers_no_delete;"
		    "CREATE TEMP TABLE f AS SELECT * FROM case_event_fields ORDER BY rowid DESC;"
		    "CREATE TEMP TABLE o AS SELECT * FROM case_event_officers ORDER BY rowid DESC;"
		    "DELETE FROM case_event_fields; DELETE FROM case_event_officers;"
		    "INSERT INTO case_event_fields SELECT * FROM f ORDER BY rowid;"
		    "INSERT INTO case_event_officers SELECT * FROM o ORDER BY rowid;",
		    NULL, 0));
	REQUIRE(raw(dir, first, after, sizeof after));
	CHECK(strcmp(before, after) != 0); /* the rows really moved */
	CHECK_INT(verify(&out, dir, NULL), 0);
	CHECK_CONTAINS(buf_cstr(&out), "账本核验通过（sm3）");
	buf_release(&out);
}

/* REPLACE deletes the row it collides with without firing the delete
 * triggers: every protected table refuses it (and UPSERT, and UPDATE OR
 * REPLACE) before anything is written, whoever connects. */
TEST(cli_store_refuses_every_replace_of_a_protected_row)
{
	struct buf out = BUF_INIT;
	char msg[300];
	const char *dir = copy_demo();
	REQUIRE(dir);
	static const char *const forms[] = {
		"INSERT OR REPLACE INTO case_events SELECT * FROM case_events WHERE id = 1",
		"REPLACE INTO case_event_fields SELECT * FROM case_event_fields LIMIT 1",
		"INSERT INTO case_event_officers SELECT * FROM case_event_officers WHERE true LIMIT 1"
		" ON CONFLICT DO UPDATE SET person_id = excluded.person_id",
		"INSERT OR REPLACE INTO evidence SELECT * FROM evidence LIMIT 1",
		"INSERT OR REPLACE INTO documents SELECT * FROM documents LIMIT 1",
		"INSERT OR REPLACE INTO documents (case_id, event_id, agency_id, kind, title, number,"
		" digest, size, pages, created_at) SELECT case_id, event_id, agency_id, kind, '改',"
		" number, digest, size, pages, created_at FROM documents LIMIT 1",
		"INSERT OR REPLACE INTO ledger_leaves SELECT * FROM ledger_leaves WHERE idx = 0",
		"INSERT OR REPLACE INTO ledger_leaves (idx, kind, ref_id, digest, leaf_hash, at)"
		" SELECT (SELECT max(idx) + 1 FROM ledger_leaves), kind, ref_id, digest, leaf_hash, at"
		" FROM ledger_leaves WHERE idx = 0",
		"INSERT OR REPLACE INTO ledger_checkpoints SELECT * FROM ledger_checkpoints LIMIT 1",
		"INSERT OR REPLACE INTO ledger_nodes SELECT * FROM ledger_nodes LIMIT 1",
		"INSERT INTO ledger_nodes SELECT * FROM ledger_nodes LIMIT 1"
		" ON CONFLICT DO UPDATE SET hash = excluded.hash",
		"INSERT OR REPLACE INTO case_headers SELECT * FROM case_headers LIMIT 1",
		"INSERT OR REPLACE INTO audit_log SELECT * FROM audit_log LIMIT 1",
		"INSERT OR REPLACE INTO cases SELECT * FROM cases WHERE id = 1",
		"INSERT OR REPLACE INTO ledger_meta (id, hash) VALUES (1, 'sha256')",
		"UPDATE OR REPLACE case_events SET id = 1 WHERE id = 2",
		/* the power list (权责清单): published versions and their powers */
		"INSERT OR REPLACE INTO power_lists SELECT * FROM power_lists WHERE id = 1",
		"INSERT OR REPLACE INTO power_lists (agency_id, version, status, created_at)"
		" SELECT agency_id, version, 'draft', created_at FROM power_lists WHERE id = 1",
		"UPDATE power_lists SET note = '改' WHERE id = 1",
		"DELETE FROM power_lists WHERE id = 1",
		"INSERT OR REPLACE INTO power_items SELECT * FROM power_items WHERE id = 1",
		"UPDATE power_items SET basis = '改' WHERE id = 1",
		"DELETE FROM power_items WHERE id = 1",
		"INSERT INTO power_items (list_id, seq, code, name, kind, basis, duty, accountability)"
		" VALUES (1, 99, 'X', '加', 'other', 'b', 'd', 'a')",
	};
	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		if (!refused(dir, forms[i], msg, sizeof msg))
			t_fail(__FILE__, __LINE__, "went through: %s", forms[i]);
		if (!strstr(msg, "不能") && !strstr(msg, "重复") && !strstr(msg, "已有相同编号") &&
		    !strstr(msg, "已记入账本") &&
		    !strstr(msg, "已生成过") && !strstr(msg, "依次追加"))
			t_fail(__FILE__, __LINE__, "%s: %s", forms[i], msg);
	}
	/* nothing changed: the ledger still holds */
	CHECK_INT(verify(&out, dir, NULL), 0);
	CHECK_CONTAINS(buf_cstr(&out), "账本核验通过");
	buf_release(&out);
}

/* With its guard dropped, a replaced row is named like any change. */
TEST(cli_verify_names_a_replaced_row)
{
	struct buf out = BUF_INIT;
	char number[200];
	const char *dir = copy_demo();
	REQUIRE(dir);
	REQUIRE(raw(dir, "SELECT c.number FROM evidence v JOIN cases c ON c.id = v.case_id"
			 " ORDER BY v.id LIMIT 1", number, sizeof number));
	REQUIRE(raw(dir, "DROP TRIGGER evidence_no_replace;"
			 "INSERT OR REPLACE INTO evidence (id, case_id, digest, size, file_name,"
			 " media_type, record_kind, uploaded_by, uploaded_at) SELECT id, case_id,"
			 " digest, size, '换过的名字.txt', media_type, record_kind, uploaded_by,"
			 " uploaded_at FROM evidence ORDER BY id LIMIT 1",
		    NULL, 0));
	CHECK_INT(verify(&out, dir, NULL), 9);
	CHECK_CONTAINS(buf_cstr(&out), number);
	CHECK_CONTAINS(buf_cstr(&out), "的证据材料“换过的名字.txt”）与账本不符");
	buf_release(&out);
}

/* `init` on a database with a row the ledger does not hold reports it
 * and appends nothing: logging it now would date it now. */
TEST(cli_init_reports_rows_without_a_leaf)
{
	struct buf out = BUF_INIT;
	char id[32], size0[32], size1[32], want[80];
	const char *dir = copy_demo();
	REQUIRE(dir);
	REQUIRE(raw(dir, "INSERT INTO case_events (case_id, seq, step, on_date, at, reason)"
			 " SELECT 1, max(seq) + 1, 'investigate', '2026-01-05', 1, '补记'"
			 " FROM case_events WHERE case_id = 1", NULL, 0));
	REQUIRE(raw(dir, "SELECT max(id) FROM case_events", id, sizeof id));
	REQUIRE(raw(dir, "SELECT count(*) FROM ledger_leaves", size0, sizeof size0));
	CHECK_INT(cli_run(&out, NULL, "init --db %s/d.db", dir), 9);
	snprintf(want, sizeof want, "案件事件 #%s 没有记入账本", id);
	CHECK_CONTAINS(buf_cstr(&out), want);
	CHECK_CONTAINS(buf_cstr(&out), "账本不会事后补记");
	REQUIRE(raw(dir, "SELECT count(*) FROM ledger_leaves", size1, sizeof size1));
	CHECK_STR(size1, size0);
	buf_release(&out);
}

/* What the portal published is in the ledger: a published text changed
 * behind the application (the append-only trigger dropped) is named. */
TEST(cli_verify_names_a_changed_published_text)
{
	struct buf out = BUF_INIT;
	const char *dir = copy_demo();
	REQUIRE(dir);
	REQUIRE(raw(dir, "DROP TRIGGER publication_events_no_update;"
			 "UPDATE publication_events SET text = text || '。'"
			 " WHERE id = (SELECT min(id) FROM publication_events)", NULL, 0));
	CHECK_INT(verify(&out, dir, NULL), 9);
	CHECK_CONTAINS(buf_cstr(&out), "的公示记录");
	CHECK_CONTAINS(buf_cstr(&out), "与账本不符");
	buf_release(&out);
}
