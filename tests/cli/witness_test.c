/* witness_test.c - `fazhi witness` run as its own process against logs
 * served by `fazhi serve` on ephemeral ports: it cosigns checkpoint after
 * checkpoint as the log grows (checking each consistency proof over
 * HTTP), the log collects the cosignatures, and a forked log - another
 * root at a size the witness already cosigned, or a tree that does not
 * extend it - is refused with exit code 9 and the witness's state is
 * left as it was. After a rotation of the log's key the witness follows
 * the new key only when the log shows a statement signed by the old key
 * and the new and recorded in its tree; a key swapped without one, with
 * one the old key did not sign, or with one not in the log, is refused. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/crypto.h"
#include "cli_run.h"
#include "ledger_session.h"
#include "t.h"

#define ORIGIN "fazhi.640522.nx.gov.cn/enforcement"
#define WNAME "justice.yinchuan.gov.cn/witness"

struct served {
	pid_t pid;
	int port;
};

/* Starts `fazhi serve` on 127.0.0.1:0 and waits for the line that names
 * its port (no fixed sleep: it polls the log until the line is there or
 * two minutes have passed). */
static bool serve_start(struct served *s, const char *dir, const char *db, const char *tag)
{
	char logpath[700];
	snprintf(logpath, sizeof logpath, "%s/serve-%s.log", dir, tag);
	s->port = 0;
	s->pid = fork();
	if (s->pid < 0)
		return false;
	if (s->pid == 0) {
		if (!freopen(logpath, "w", stderr) || !freopen("/dev/null", "w", stdout))
			_exit(127);
		execl(t_fazhi_bin(), "fazhi", "serve", "--db", db, "--listen", "127.0.0.1:0",
		      "--checkpoint-interval", "86400", (char *)NULL);
		_exit(127);
	}
	for (int i = 0; i < 6000 && !s->port; i++) {
		char line[512];
		FILE *f = fopen(logpath, "r");
		while (f && fgets(line, sizeof line, f)) {
			const char *p = strstr(line, "http://127.0.0.1:");
			if (p)
				s->port = atoi(p + strlen("http://127.0.0.1:"));
		}
		if (f)
			fclose(f);
		int status;
		if (!s->port && waitpid(s->pid, &status, WNOHANG) == s->pid) {
			t_fail(__FILE__, __LINE__, "serve exited early, see %s", logpath);
			return false;
		}
		if (!s->port)
			nanosleep(&(struct timespec){ 0, 20 * 1000 * 1000 }, NULL);
	}
	if (!s->port)
		t_fail(__FILE__, __LINE__, "serve did not start, see %s", logpath);
	return s->port > 0;
}

static void serve_stop(struct served *s)
{
	int status;
	if (s->pid > 0) {
		kill(s->pid, SIGTERM);
		waitpid(s->pid, &status, 0);
	}
	s->pid = 0;
}

/* One witness round against the log at port, state in dir/state. */
static int witness_in(struct buf *out, const char *dir, const char *state, int port,
		      const char *log_key)
{
	return cli_run(out, NULL,
		       "witness run --state %s/%s --name " WNAME
		       " --log http://127.0.0.1:%d --log-key '%s'",
		       dir, state, port, log_key);
}

static int witness(struct buf *out, const char *dir, int port, const char *log_key)
{
	return witness_in(out, dir, "wstate", port, log_key);
}

static bool grow(const char *db, const char *data, int first_ref, int n)
{
	struct ledger_session s;
	struct buf out = BUF_INIT;
	bool ok = ls_open(&s, db, data) && ls_append(&s, first_ref, n);
	ls_close(&s);
	ok = ok && cli_run(&out, NULL, "checkpoint --db %s --data-dir %s", db, data) == 0;
	if (!ok)
		t_fail(__FILE__, __LINE__, "grow: %s", buf_cstr(&out));
	buf_release(&out);
	return ok;
}

static bool read_file(const char *path, char *out, size_t n)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return false;
	size_t k = fread(out, 1, n - 1, f);
	out[k] = '\0';
	fclose(f);
	return true;
}

TEST(witness_cosigns_a_growing_log_and_refuses_a_split_view)
{
	struct buf out = BUF_INIT;
	const char *dir = t_tmpdir();
	char db[600], data[600], fdb[600], fdata[600], path[700], vkey[400], log_key[400];
	snprintf(db, sizeof db, "%s/d.db", dir);
	snprintf(data, sizeof data, "%s/d.db.data", dir);
	snprintf(fdb, sizeof fdb, "%s/fork/d.db", dir);
	snprintf(fdata, sizeof fdata, "%s/fork/d.db.data", dir);
	REQUIRE(cli_run(&out, NULL, "init --db %s", db) == 0);
	REQUIRE(cli_run(&out, NULL, "checkpoint --db %s --origin " ORIGIN, db) == 0);

	/* the witness makes its key; the log registers it */
	REQUIRE(cli_run_split(&out, NULL, "witness key --state %s/wstate --name " WNAME, dir) == 0);
	snprintf(vkey, sizeof vkey, "%s", buf_cstr(&out));
	vkey[strcspn(vkey, "\n")] = '\0';
	CHECK(strncmp(vkey, WNAME "+", strlen(WNAME) + 1) == 0);
	snprintf(path, sizeof path, "%s/witnesses", data);
	FILE *f = fopen(path, "w");
	REQUIRE(f);
	fprintf(f, "# 银川市司法局\n%s\n", vkey);
	fclose(f);
	REQUIRE(ls_sql(db, "SELECT 1", NULL, 0));

	/* the log's verifier key, as the agency publishes it */
	{
		struct ledger_session s;
		struct ledger_checkpoint_row row;
		struct buf b = BUF_INIT;
		REQUIRE(ls_open(&s, db, data));
		REQUIRE(s.st->ops->checkpoint_latest(s.st, &row, NULL) == FZ_OK);
		ledger_checkpoint_vkey(&b, row.origin, row.pubkey);
		snprintf(log_key, sizeof log_key, "%s", buf_cstr(&b));
		buf_release(&b);
		ls_close(&s);
	}

	/* checkpoint after checkpoint, each cosigned */
	struct served a = { 0 }, b = { 0 };
	REQUIRE(grow(db, data, 1000, 10));
	REQUIRE(serve_start(&a, dir, db, "a1"));
	CHECK_INT(witness(&out, dir, a.port, log_key), 0);
	CHECK_CONTAINS(buf_cstr(&out), "记录数 10");
	REQUIRE(grow(db, data, 1100, 5));
	CHECK_INT(witness(&out, dir, a.port, log_key), 0);
	CHECK_CONTAINS(buf_cstr(&out), "记录数 15");
	serve_stop(&a);

	/* a copy of the log as it stands: later grown differently */
	char cmd[2000];
	snprintf(cmd, sizeof cmd, "mkdir -p '%s/fork' && cp -a '%s' '%s' '%s/fork/'", dir, db, data,
		 dir);
	REQUIRE(system(cmd) == 0);

	REQUIRE(grow(db, data, 1200, 4));
	REQUIRE(serve_start(&a, dir, db, "a2"));
	CHECK_INT(witness(&out, dir, a.port, log_key), 0);
	CHECK_CONTAINS(buf_cstr(&out), "记录数 19");
	serve_stop(&a);
	char n[32];
	REQUIRE(ls_sql(db, "SELECT count(DISTINCT checkpoint_id) FROM ledger_cosignatures", n,
		       sizeof n));
	CHECK_STR(n, "3");

	char before[4096], after[4096];
	snprintf(path, sizeof path, "%s/wstate/checkpoint", dir);
	REQUIRE(read_file(path, before, sizeof before));
	CHECK_CONTAINS(before, "\n19\n");

	/* the fork: other leaves, the same size - a split view */
	REQUIRE(grow(fdb, fdata, 3000, 4));
	REQUIRE(serve_start(&b, dir, fdb, "b1"));
	CHECK_INT(witness(&out, dir, b.port, log_key), 9);
	CHECK_CONTAINS(buf_cstr(&out), "分叉视图");
	CHECK_CONTAINS(buf_cstr(&out), "记录数同为 19");
	REQUIRE(read_file(path, after, sizeof after));
	CHECK_STR(after, before);
	serve_stop(&b);

	/* the fork grown further: it does not extend what was cosigned */
	REQUIRE(grow(fdb, fdata, 3100, 2));
	REQUIRE(serve_start(&b, dir, fdb, "b2"));
	CHECK_INT(witness(&out, dir, b.port, log_key), 9);
	CHECK_CONTAINS(buf_cstr(&out), "一致性证明不成立");
	REQUIRE(read_file(path, after, sizeof after));
	CHECK_STR(after, before);
	/* nothing was handed to the fork */
	serve_stop(&b);
	REQUIRE(ls_sql(fdb, "SELECT count(*) FROM ledger_cosignatures WHERE checkpoint_id >"
			    " (SELECT max(id) FROM ledger_checkpoints WHERE tree_size = 15)",
		       n, sizeof n));
	CHECK_STR(n, "0");

	/* a checkpoint the log's key did not sign is refused too: the witness
	 * is given another key under the log's name */
	char priv[700], pub[700];
	struct ledger_key *k = NULL;
	unsigned char raw[LEDGER_PUBKEY_LEN];
	struct buf other = BUF_INIT;
	snprintf(priv, sizeof priv, "%s/other.key", dir);
	snprintf(pub, sizeof pub, "%s/other.pub", dir);
	REQUIRE(ledger_key_generate(priv, pub, NULL) == FZ_OK);
	REQUIRE(ledger_key_load(priv, &k, NULL) == FZ_OK);
	ledger_key_public(k, raw);
	ledger_key_free(k);
	ledger_checkpoint_vkey(&other, ORIGIN, raw);
	REQUIRE(serve_start(&a, dir, db, "a3"));
	CHECK_INT(witness(&out, dir, a.port, buf_cstr(&other)), 9);
	CHECK_CONTAINS(buf_cstr(&out), "不是本见证方跟随过的日志公钥");
	serve_stop(&a);
	buf_release(&other);
	buf_release(&out);
}

/* The log's verifier key and the Ed25519 public key of its latest checkpoint. */
static bool latest_vkey(const char *db, const char *data, char *vkey, size_t n,
			unsigned char pub[LEDGER_PUBKEY_LEN])
{
	struct ledger_session s;
	struct ledger_checkpoint_row row;
	struct buf b = BUF_INIT;
	bool ok = ls_open(&s, db, data) && s.st->ops->checkpoint_latest(s.st, &row, NULL) == FZ_OK;
	if (ok) {
		ledger_checkpoint_vkey(&b, row.origin, row.pubkey);
		snprintf(vkey, n, "%s", buf_cstr(&b));
		if (pub)
			memcpy(pub, row.pubkey, LEDGER_PUBKEY_LEN);
	}
	buf_release(&b);
	ls_close(&s);
	return ok;
}

/* A statement "old -> new" stored straight into the log's table, without
 * a leaf: signed by the new key alone (under both key IDs, as whoever
 * holds only the new key could make it), or, given old_priv, by both. */
static bool forge_rotation(const char *db, const char *data, const unsigned char old[32],
			   const char *old_priv)
{
	char priv[700], sql[4096], oh[65], nh[65];
	struct ledger_key *k = NULL, *ok_old = NULL;
	unsigned char nw[LEDGER_PUBKEY_LEN], sig[LEDGER_SIG_LEN];
	struct buf note = BUF_INIT;
	snprintf(priv, sizeof priv, "%s/ledger.key", data);
	if (ledger_key_load(priv, &k, NULL))
		return false;
	ledger_key_public(k, nw);
	buf_adds(&note, ORIGIN "\nkey-rotation\nold ");
	ledger_checkpoint_vkey(&note, ORIGIN, old);
	buf_adds(&note, "\nnew ");
	ledger_checkpoint_vkey(&note, ORIGIN, nw);
	buf_adds(&note, "\ntime 1760000000\n");
	size_t text_len = note.len;
	buf_addc(&note, '\n');
	unsigned char osig[LEDGER_SIG_LEN];
	bool ok = ledger_ed25519_sign(k, note.data, text_len, sig) == FZ_OK &&
		  (!old_priv || ledger_key_load(old_priv, &ok_old, NULL) == FZ_OK);
	ok = ok && ledger_ed25519_sign(ok_old ? ok_old : k, note.data, text_len, osig) == FZ_OK;
	note_sig_line(&note, ORIGIN, ledger_checkpoint_key_id(ORIGIN, old), osig, sizeof osig);
	note_sig_line(&note, ORIGIN, ledger_checkpoint_key_id(ORIGIN, nw), sig, sizeof sig);
	ledger_key_free(k);
	ledger_key_free(ok_old);
	crypto_hex(old, 32, oh);
	crypto_hex(nw, 32, nh);
	snprintf(sql, sizeof sql,
		 "INSERT INTO ledger_key_rotations (old_pubkey, new_pubkey, note, at)"
		 " VALUES (x'%s', x'%s', '%s', 1760000000)",
		 oh, nh, buf_cstr(&note));
	buf_release(&note);
	return ok && ls_sql(db, sql, NULL, 0);
}

TEST(witness_follows_a_proven_key_rotation_and_refuses_an_unproven_one)
{
	struct buf out = BUF_INIT;
	const char *dir = t_tmpdir();
	char db[600], data[600], fdb[600], fdata[600], path[700], vkey[400], old_key[400],
		new_key[400], cmd[2000];
	unsigned char old_pub[LEDGER_PUBKEY_LEN];
	snprintf(db, sizeof db, "%s/d.db", dir);
	snprintf(data, sizeof data, "%s/d.db.data", dir);
	snprintf(fdb, sizeof fdb, "%s/fork/d.db", dir);
	snprintf(fdata, sizeof fdata, "%s/fork/d.db.data", dir);
	REQUIRE(cli_run(&out, NULL, "init --db %s", db) == 0);
	REQUIRE(cli_run(&out, NULL, "checkpoint --db %s --origin " ORIGIN, db) == 0);
	REQUIRE(cli_run_split(&out, NULL, "witness key --state %s/wstate --name " WNAME, dir) == 0);
	snprintf(vkey, sizeof vkey, "%s", buf_cstr(&out));
	vkey[strcspn(vkey, "\n")] = '\0';
	snprintf(path, sizeof path, "%s/witnesses", data);
	FILE *f = fopen(path, "w");
	REQUIRE(f);
	fprintf(f, "%s\n", vkey);
	fclose(f);
	REQUIRE(latest_vkey(db, data, old_key, sizeof old_key, old_pub));

	struct served a = { 0 }, b = { 0 };
	REQUIRE(grow(db, data, 1000, 5));
	REQUIRE(serve_start(&a, dir, db, "r1"));
	CHECK_INT(witness(&out, dir, a.port, old_key), 0);
	serve_stop(&a);
	/* the log and the witness as they stand, for the unproven cases */
	snprintf(cmd, sizeof cmd,
		 "mkdir -p '%s/fork' && cp -a '%s' '%s' '%s/fork/' && cp -a '%s/wstate' '%s/wstate2'",
		 dir, db, data, dir, dir, dir);
	REQUIRE(system(cmd) == 0);

	/* a recorded rotation: the witness, still started with the old key,
	 * follows it and cosigns the checkpoints of the new key */
	REQUIRE(cli_run(&out, NULL, "checkpoint --db %s --rotate-to %s/next.key", db, data) == 0);
	REQUIRE(grow(db, data, 1100, 3));
	REQUIRE(latest_vkey(db, data, new_key, sizeof new_key, NULL));
	CHECK(strcmp(new_key, old_key) != 0);
	REQUIRE(serve_start(&a, dir, db, "r2"));
	CHECK_INT(witness(&out, dir, a.port, old_key), 0);
	CHECK_CONTAINS(buf_cstr(&out), "已按密钥轮换记录 #1 跟随日志的新签名公钥");
	/* 5 + the rotation's own leaf + 3 */
	CHECK_CONTAINS(buf_cstr(&out), "记录数 9");
	char keys[2048];
	snprintf(path, sizeof path, "%s/wstate/log-keys", dir);
	REQUIRE(read_file(path, keys, sizeof keys));
	CHECK_CONTAINS(keys, old_key);
	CHECK_CONTAINS(keys, new_key);
	/* the next round, with either key given, goes on with the new one */
	REQUIRE(grow(db, data, 1200, 2));
	CHECK_INT(witness(&out, dir, a.port, old_key), 0);
	CHECK_CONTAINS(buf_cstr(&out), "记录数 11");
	CHECK(!strstr(buf_cstr(&out), "跟随"));
	CHECK_INT(witness(&out, dir, a.port, new_key), 0);
	serve_stop(&a);
	char n[32];
	REQUIRE(ls_sql(db, "SELECT count(*) FROM ledger_cosignatures c JOIN ledger_checkpoints p"
			   " ON p.id = c.checkpoint_id WHERE p.tree_size = 11",
		       n, sizeof n));
	CHECK_STR(n, "1");

	/* the fork swaps its key without a statement: refused */
	char before[4096], after[4096], keys_before[2048], keys_after[2048], old_priv[700];
	snprintf(old_priv, sizeof old_priv, "%s/old.key", fdata);
	snprintf(path, sizeof path, "%s/ledger.key", fdata);
	REQUIRE(rename(path, old_priv) == 0);
	snprintf(cmd, sizeof cmd, "%s/ledger.pub", fdata);
	REQUIRE(unlink(cmd) == 0);
	REQUIRE(ledger_key_generate(path, cmd, NULL) == FZ_OK);
	REQUIRE(grow(fdb, fdata, 3000, 3));
	snprintf(path, sizeof path, "%s/wstate2/checkpoint", dir);
	REQUIRE(read_file(path, before, sizeof before));
	snprintf(path, sizeof path, "%s/wstate2/log-keys", dir);
	REQUIRE(read_file(path, keys_before, sizeof keys_before));
	REQUIRE(serve_start(&b, dir, fdb, "f1"));
	CHECK_INT(witness_in(&out, dir, "wstate2", b.port, old_key), 9);
	CHECK_CONTAINS(buf_cstr(&out), "没有出示由该公钥签署");
	/* a statement signed by the new key alone: not taken, and named */
	REQUIRE(forge_rotation(fdb, fdata, old_pub, NULL));
	CHECK_INT(witness_in(&out, dir, "wstate2", b.port, old_key), 9);
	CHECK_CONTAINS(buf_cstr(&out), "密钥轮换记录 #1 的签名无效");
	/* signed by both keys but shown beside the log, not recorded in it */
	REQUIRE(forge_rotation(fdb, fdata, old_pub, old_priv));
	CHECK_INT(witness_in(&out, dir, "wstate2", b.port, old_key), 9);
	CHECK_CONTAINS(buf_cstr(&out), "密钥轮换记录 #2 未记入日志的账本");
	CHECK_CONTAINS(buf_cstr(&out), "拒绝副署");
	serve_stop(&b);
	snprintf(path, sizeof path, "%s/wstate2/checkpoint", dir);
	REQUIRE(read_file(path, after, sizeof after));
	CHECK_STR(after, before);
	snprintf(path, sizeof path, "%s/wstate2/log-keys", dir);
	REQUIRE(read_file(path, keys_after, sizeof keys_after));
	CHECK_STR(keys_after, keys_before);
	REQUIRE(ls_sql(fdb, "SELECT count(*) FROM ledger_cosignatures c JOIN ledger_checkpoints p"
			    " ON p.id = c.checkpoint_id WHERE p.tree_size = 8",
		       n, sizeof n));
	CHECK_STR(n, "0");
	buf_release(&out);
}
