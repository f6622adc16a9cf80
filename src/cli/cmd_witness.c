/* cmd_witness.c - `fazhi witness`: what another body (the city justice
 * bureau, a notary office, a court) runs on its own machine to witness an
 * agency's ledger (docs/LEDGER.md, "Witnesses"). Each round fetches the
 * log's latest checkpoint (GET <log>/ledger/checkpoint), checks the log's
 * signature, checks that it is consistent with the last checkpoint this
 * witness cosigned (GET <log>/api/v1/ledger/proof/consistency), cosigns it
 * (C2SP tlog-cosignature/v1), keeps it in its state directory, and hands
 * the cosignature to the log (POST <log>/api/v1/ledger/cosignatures). A
 * split view - another root for a size already seen, a smaller tree, or a
 * tree that does not extend the one seen - is refused with exit code 9.
 *
 * A checkpoint signed by another key than the one the witness follows is
 * cosigned only when the log shows a rotation statement from the key
 * followed to the new one, signed by both (GET <log>/api/v1/ledger/
 * key-rotations) and recorded in the log (its leaf proved in the new
 * checkpoint's tree); the witness then follows the new key.
 *
 * The state directory (0700) holds witness.key (Ed25519, 0600),
 * witness.pub, name (the witness's key name), checkpoint (the last
 * checkpoint cosigned, as a signed note with the cosignature) and
 * log-keys (the log's verifier keys followed, the first given with
 * --log-key, each next one proven by a rotation statement). */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app/http_client.h"
#include "base/crypto.h"
#include "base/fsys.h"
#include "cli/cli.h"
#include "cli/witness.h"

int witness_state_path(const struct witness *w, const char *file, char out[PATH_MAX])
{
	int n = snprintf(out, PATH_MAX, "%s/%s", w->state, file);
	return n < 0 || n >= PATH_MAX ? -1 : 0;
}

/* Reads a whole small file into b; false when it does not exist. */
bool witness_file_read(const char *path, struct buf *b)
{
	char chunk[4096];
	FILE *f = fopen(path, "re");
	if (!f)
		return false;
	size_t n;
	buf_reset(b);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(b, chunk, n);
	fclose(f);
	buf_cstr(b);
	return !buf_failed(b);
}

/* Writes data to path through a temporary file and rename. */
static bool file_write(const char *path, const char *data, size_t len, mode_t mode)
{
	char tmp[PATH_MAX + 8];
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	if (fd < 0)
		return false;
	bool ok = write(fd, data, len) == (ssize_t)len && fsync(fd) == 0;
	ok = close(fd) == 0 && ok;
	return ok && rename(tmp, path) == 0;
}

/* Creates the state directory and the key when missing, checks the name. */
static int witness_setup(struct witness *w)
{
	char priv[PATH_MAX], pub[PATH_MAX], namef[PATH_MAX];
	struct fz_error e = { 0 };
	struct stat sb;
	struct buf name = BUF_INIT;
	if (!note_name_ok(w->name))
		return cli_usage("witness", "--name 无效：不能为空，不能含空格或加号");
	if (fsys_dir_make(w->state, "见证状态目录", &e)) {
		fprintf(stderr, "fazhi: %s\n", e.message);
		return 1;
	}
	if (witness_state_path(w, "witness.key", priv) ||
	    witness_state_path(w, "witness.pub", pub) || witness_state_path(w, "name", namef))
		return cli_usage("witness", "--state 路径过长");
	enum fz_err rc = FZ_OK;
	if (stat(priv, &sb) != 0)
		rc = ledger_key_generate(priv, pub, &e);
	if (!rc)
		rc = ledger_key_load(priv, &w->key, &e);
	if (rc)
		return cli_fail(rc, &e);
	ledger_key_public(w->key, w->pub);
	if (witness_file_read(namef, &name)) {
		size_t n = strcspn(name.data, "\n");
		bool same = n == strlen(w->name) && memcmp(name.data, w->name, n) == 0;
		buf_release(&name);
		if (!same) {
			fprintf(stderr, "fazhi: 见证状态目录 %s 属于另一个见证方名称，不能改用 %s\n",
				w->state, w->name);
			return 2;
		}
	} else {
		buf_release(&name);
		char line[NOTE_NAME_MAX + 1];
		int n = snprintf(line, sizeof line, "%s\n", w->name);
		if (!file_write(namef, line, (size_t)n, 0644)) {
			fprintf(stderr, "fazhi: 无法写入 %s\n", namef);
			return 1;
		}
	}
	return 0;
}

static void print_vkey(const struct witness *w)
{
	struct buf b = BUF_INIT;
	const unsigned char type = NOTE_TYPE_COSIG_V1;
	note_vkey_format(&b, w->name, &type, 1, w->pub, LEDGER_PUBKEY_LEN);
	printf("%s\n", buf_cstr(&b));
	buf_release(&b);
}

/* True when note carries a valid Ed25519 signature by k. */
bool witness_signed_by(const struct note *note, const struct note_vkey *k)
{
	for (size_t i = 0; i < note->nsigs; i++) {
		const struct note_sig *s = &note->sigs[i];
		if (s->key_id == k->key_id && strcmp(s->name, k->name) == 0 &&
		    s->sig_len == LEDGER_SIG_LEN &&
		    ledger_ed25519_verify(k->key, note->text, note->text_len, s->sig))
			return true;
	}
	return false;
}

/* Parses a signed checkpoint from the log and, with need_sig, checks the
 * signature of the key followed. */
static int checkpoint_take(const struct witness *w, const char *text, size_t len,
			   struct note *note, struct ledger_checkpoint *cp, const char *what,
			   bool need_sig)
{
	struct fz_error e = { 0 };
	if (note_parse(text, len, note, &e) || ledger_checkpoint_parse(note->text, note->text_len,
								      cp, &e)) {
		fprintf(stderr, "fazhi: %s无效：%s\n", what, e.message);
		return 1;
	}
	if (strcmp(cp->origin, w->log_key.name) != 0) {
		fprintf(stderr, "fazhi: %s的日志名称是 %s，不是 %s\n", what, cp->origin,
			w->log_key.name);
		return CLI_EXIT_INCONSISTENT;
	}
	if (!need_sig || witness_signed_by(note, &w->log_key))
		return 0;
	fprintf(stderr, "fazhi: %s没有日志公钥的有效签名，拒绝副署\n", what);
	return CLI_EXIT_INCONSISTENT;
}

/* GETs url and reads its "proof" (hex hashes of hs bytes); false when the
 * answer is not one. */
bool witness_proof_fetch(const char *url, size_t hs, struct merkle_proof *proof, long *status,
			int *rc)
{
	struct buf body = BUF_INIT;
	struct fz_error e = { 0 };
	*status = 0;
	*rc = 0;
	enum fz_err err = app_http_request(url, NULL, NULL, 0, &body, status, &e);
	if (err) {
		buf_release(&body);
		*rc = cli_fail(err, &e);
		return false;
	}
	json_t *j = *status == 200 ? json_loadb(body.data, body.len, 0, NULL) : NULL;
	buf_release(&body);
	json_t *arr = json_object_get(j, "proof");
	bool ok = json_is_array(arr) && json_array_size(arr) <= MERKLE_PROOF_MAX;
	proof->n = 0;
	for (size_t i = 0; ok && i < json_array_size(arr); i++) {
		const char *h = json_string_value(json_array_get(arr, i));
		ok = h && strlen(h) == 2 * hs && crypto_unhex(h, proof->hash[i], hs);
		proof->n = i + 1;
	}
	json_decref(j);
	return ok;
}

/* Fetches the consistency proof old -> new and checks it. */
static int consistency_check(const struct witness *w, const struct ledger_checkpoint *old,
			     const struct ledger_checkpoint *cp)
{
	char url[2048];
	static struct merkle_proof proof;
	long status;
	int rc;
	snprintf(url, sizeof url, "%s/api/v1/ledger/proof/consistency?first=%llu&second=%llu",
		 w->log, (unsigned long long)old->size, (unsigned long long)cp->size);
	if (!witness_proof_fetch(url, ledger_hash_size(cp->alg), &proof, &status, &rc)) {
		if (rc)
			return rc;
		fprintf(stderr, "fazhi: 日志没有给出记录数 %llu 到 %llu 的一致性证明（HTTP %ld），拒绝副署\n",
			(unsigned long long)old->size, (unsigned long long)cp->size, status);
		return CLI_EXIT_INCONSISTENT;
	}
	if (!merkle_consistency_verify(cp->alg, old->size, cp->size, old->root, cp->root, &proof)) {
		fprintf(stderr,
			"fazhi: 拒绝副署：日志记录数 %llu 的检查点与本见证方此前副署的记录数 %llu 的检查点"
			"不一致（一致性证明不成立）——日志的历史被改写，或对不同的人展示了不同的账本\n",
			(unsigned long long)cp->size, (unsigned long long)old->size);
		return CLI_EXIT_INCONSISTENT;
	}
	return 0;
}

/* Compares the new checkpoint with the last one cosigned. */
static int history_check(const struct witness *w, const struct ledger_checkpoint *cp)
{
	char path[PATH_MAX];
	struct buf old_text = BUF_INIT;
	static struct note old_note;
	struct ledger_checkpoint old;
	if (witness_state_path(w, "checkpoint", path) || !witness_file_read(path, &old_text)) {
		buf_release(&old_text);
		return 0; /* the first checkpoint this witness sees */
	}
	int rc = checkpoint_take(w, old_text.data, old_text.len, &old_note, &old,
				 "本见证方保存的上一个检查点", true);
	buf_release(&old_text);
	if (rc)
		return rc;
	size_t hs = ledger_hash_size(cp->alg);
	if (old.alg != cp->alg) {
		fprintf(stderr, "fazhi: 拒绝副署：日志的摘要算法变了（%s → %s）\n",
			ledger_hash_name(old.alg), ledger_hash_name(cp->alg));
		return CLI_EXIT_INCONSISTENT;
	}
	if (cp->size < old.size) {
		fprintf(stderr,
			"fazhi: 拒绝副署：日志现在只有 %llu 条记录，本见证方已副署过 %llu 条——账本被截短"
			"或对不同的人展示了不同的账本\n",
			(unsigned long long)cp->size, (unsigned long long)old.size);
		return CLI_EXIT_INCONSISTENT;
	}
	if (cp->size == old.size) {
		if (memcmp(cp->root, old.root, hs) != 0) {
			fprintf(stderr,
				"fazhi: 拒绝副署：分叉视图——记录数同为 %llu 的两个检查点的根不同，"
				"日志对同一段历史签署了两个版本\n",
				(unsigned long long)cp->size);
			return CLI_EXIT_INCONSISTENT;
		}
		return 0;
	}
	return old.size == 0 ? 0 : consistency_check(w, &old, cp);
}

/* Cosigns body at now: the signature line. */
static int cosign_line(const struct witness *w, const struct note *note, struct buf *line)
{
	unsigned char sig[LEDGER_COSIG_LEN];
	const unsigned char type = NOTE_TYPE_COSIG_V1;
	if (ledger_cosign(w->key, (int64_t)time(NULL), note->text, note->text_len, sig)) {
		fprintf(stderr, "fazhi: 副署签名失败\n");
		return 1;
	}
	note_sig_line(line, w->name, note_key_id(w->name, &type, 1, w->pub, LEDGER_PUBKEY_LEN), sig,
		      sizeof sig);
	return 0;
}

/* Hands the cosigned checkpoint to the log. */
static int submit(const struct witness *w, const char *cosigned)
{
	char url[2048];
	struct buf body = BUF_INIT;
	struct fz_error e = { 0 };
	long status;
	json_t *j = json_pack("{s:s}", "note", cosigned);
	char *req = j ? json_dumps(j, JSON_COMPACT) : NULL;
	json_decref(j);
	if (!req) {
		fprintf(stderr, "fazhi: 内存不足\n");
		return 1;
	}
	snprintf(url, sizeof url, "%s/api/v1/ledger/cosignatures", w->log);
	enum fz_err rc = app_http_request(url, "application/json", req, strlen(req), &body, &status, &e);
	free(req);
	if (rc) {
		buf_release(&body);
		return cli_fail(rc, &e);
	}
	if (status != 200 && status != 201) {
		fprintf(stderr, "fazhi: 日志未收下副署（HTTP %ld）：%.300s\n", status,
			body.len ? body.data : "");
		buf_release(&body);
		return 1;
	}
	buf_release(&body);
	return 0;
}

static int round_once(struct witness *w)
{
	char url[2048], path[PATH_MAX];
	struct buf body = BUF_INIT, cosigned = BUF_INIT, line = BUF_INIT;
	struct fz_error e = { 0 };
	static struct note note;
	struct ledger_checkpoint cp;
	long status;
	snprintf(url, sizeof url, "%s/ledger/checkpoint", w->log);
	enum fz_err err = app_http_request(url, NULL, NULL, 0, &body, &status, &e);
	if (err) {
		buf_release(&body);
		return cli_fail(err, &e);
	}
	if (status != 200) {
		fprintf(stderr, "fazhi: 无法取得日志的检查点（HTTP %ld）\n", status);
		buf_release(&body);
		return 1;
	}
	struct note_vkey followed = w->log_key;
	size_t keys_len = w->keys.len;
	int rc = checkpoint_take(w, body.data, body.len, &note, &cp, "日志的检查点", false);
	if (!rc)
		rc = history_check(w, &cp);
	if (!rc && !witness_signed_by(&note, &w->log_key))
		rc = witness_rotation_follow(w, &note, &cp);
	if (!rc)
		rc = cosign_line(w, &note, &line);
	if (!rc) {
		/* kept before it is handed in: the witness's own record */
		buf_add(&cosigned, note.text, note.text_len);
		buf_addc(&cosigned, '\n');
		buf_add(&cosigned, line.data, line.len);
		struct buf kept = BUF_INIT;
		buf_add(&kept, body.data, body.len);
		buf_add(&kept, line.data, line.len);
		char kpath[PATH_MAX];
		if (buf_failed(&cosigned) || buf_failed(&kept) || witness_state_path(w, "checkpoint", path) ||
		    witness_state_path(w, "log-keys", kpath) ||
		    !file_write(kpath, w->keys.data, w->keys.len, 0644) ||
		    !file_write(path, kept.data, kept.len, 0644)) {
			fprintf(stderr, "fazhi: 无法保存见证状态 %s\n", w->state);
			rc = 1;
		}
		buf_release(&kept);
	}
	if (rc && w->keys.len != keys_len) {
		/* not cosigned: the new key is not taken */
		w->log_key = followed;
		w->keys.len = keys_len;
	}
	if (!rc)
		rc = submit(w, buf_cstr(&cosigned));
	if (!rc)
		printf("已副署 %s 的检查点：记录数 %llu\n", cp.origin, (unsigned long long)cp.size);
	buf_release(&body);
	buf_release(&cosigned);
	buf_release(&line);
	return rc;
}

int cmd_witness(int argc, char **argv)
{
	const char *state = NULL, *name = NULL, *log = NULL, *log_key = NULL, *interval_s = NULL;
	struct witness w = { 0 };
	const struct cli_option opts[] = {
		{ "state", &state },       { "name", &name },          { "log", &log },
		{ "log-key", &log_key },   { "interval", &interval_s },
	};
	if (argc < 2 || (strcmp(argv[1], "key") != 0 && strcmp(argv[1], "run") != 0))
		return cli_usage("witness", "需要子命令 key 或 run");
	bool run = strcmp(argv[1], "run") == 0;
	int bad = cli_options("witness", argc, argv, 2, opts, sizeof opts / sizeof opts[0]);
	if (bad)
		return bad;
	if (optind < argc)
		return cli_usage("witness", "多余的参数：%s", argv[optind]);
	if (!state || !name)
		return cli_usage("witness", "缺少 --state DIR 或 --name NAME");
	w.state = state;
	w.name = name;
	int rc = witness_setup(&w);
	if (rc || !run) {
		if (!rc)
			print_vkey(&w);
		ledger_key_free(w.key);
		return rc;
	}
	if (!log || !log_key) {
		ledger_key_free(w.key);
		return cli_usage("witness", "缺少 --log URL 或 --log-key KEY");
	}
	w.keys = (struct buf)BUF_INIT;
	if ((rc = witness_keys_load(&w, log_key))) {
		buf_release(&w.keys);
		ledger_key_free(w.key);
		return rc;
	}
	size_t n = strlen(log);
	char *base = strdup(log);
	while (base && n && base[n - 1] == '/')
		base[--n] = '\0';
	w.log = base;
	long interval = 0;
	if (interval_s) {
		char *end;
		interval = strtol(interval_s, &end, 10);
		if (*end || interval < 1 || interval > 86400) {
			free(base);
			buf_release(&w.keys);
			ledger_key_free(w.key);
			return cli_usage("witness", "--interval 应为 1 到 86400 秒");
		}
	}
	for (;;) {
		rc = round_once(&w);
		/* a refused split view always stops the witness */
		if (!interval || rc == CLI_EXIT_INCONSISTENT)
			break;
		fflush(stdout);
		sleep((unsigned)interval);
	}
	free(base);
	buf_release(&w.keys);
	ledger_key_free(w.key);
	return rc;
}
