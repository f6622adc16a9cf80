/* witness_keys.c - the log keys a witness follows (log-keys in its state
 * directory) and the rotations it follows: only a statement signed by the
 * old key and the new under the log's name, whose leaf is proved in the
 * tree the new key signed (docs/LEDGER.md, "Witnesses"). */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "app/http_client.h"
#include "app/ledger_note.h"
#include "base/crypto.h"
#include "cli/cli.h"
#include "cli/witness.h"
#include "ledger/leaf.h"

/* One rotation statement from the log's list, as the store's row. */
static bool rotation_row(json_t *o, struct ledger_rotation_row *r)
{
	const char *old = json_string_value(json_object_get(o, "old_public_key"));
	const char *nw = json_string_value(json_object_get(o, "new_public_key"));
	memset(r, 0, sizeof *r);
	r->id = json_integer_value(json_object_get(o, "id"));
	r->note = (char *)json_string_value(json_object_get(o, "note"));
	return old && nw && r->note && strlen(old) == 2 * LEDGER_PUBKEY_LEN &&
	       strlen(nw) == 2 * LEDGER_PUBKEY_LEN && crypto_unhex(old, r->old_pubkey, 32) &&
	       crypto_unhex(nw, r->new_pubkey, 32);
}

/* The rotation statement r (leaf leaf_index) is in the tree of cp: its
 * leaf, rebuilt here, has an inclusion proof to cp's root. */
static int rotation_logged(const struct witness *w, const struct ledger_rotation_row *r,
			   int64_t leaf_index, const struct ledger_checkpoint *cp)
{
	char url[2048];
	static struct merkle_proof proof;
	unsigned char d[LEDGER_DIGEST_MAX], data[LEDGER_LEAF_DATA_MAX], lh[LEDGER_HASH_MAX];
	long status;
	int rc = 0;
	size_t hs = ledger_hash_size(cp->alg);
	size_t dl = app_ledger_rotation_digest(cp->alg, r, d);
	size_t n = dl ? ledger_leaf_data(LEDGER_KEY_ROTATION, r->id, r->at, d, dl, data) : 0;
	if (!n)
		return 1;
	merkle_leaf_hash(cp->alg, data, n, lh);
	snprintf(url, sizeof url, "%s/api/v1/ledger/proof/inclusion?tree_size=%llu&index=%lld",
		 w->log, (unsigned long long)cp->size, (long long)leaf_index);
	bool ok = leaf_index >= 0 && (uint64_t)leaf_index < cp->size &&
		  witness_proof_fetch(url, hs, &proof, &status, &rc);
	if (!ok && rc)
		return rc;
	if (ok && merkle_inclusion_verify(cp->alg, (uint64_t)leaf_index, cp->size, lh, &proof,
					  cp->root))
		return 0;
	fprintf(stderr,
		"fazhi: 密钥轮换记录 #%lld 未记入日志的账本（在记录数 %llu 的检查点中没有它的包含"
		"证明），不予采信\n",
		(long long)r->id, (unsigned long long)cp->size);
	return CLI_EXIT_INCONSISTENT;
}

/* The checkpoint in note is not signed by the key followed: follows the
 * log's rotation statements from that key, each signed by the old and the
 * new key under the log's name, until a key that signed note. Only then
 * is the new key taken (w->log_key, and appended to w->keys). */
int witness_rotation_follow(struct witness *w, const struct note *note,
			   const struct ledger_checkpoint *cp)
{
	char url[2048];
	struct buf body = BUF_INIT;
	struct fz_error e = { 0 };
	long status;
	snprintf(url, sizeof url, "%s/api/v1/ledger/key-rotations", w->log);
	enum fz_err err = app_http_request(url, NULL, NULL, 0, &body, &status, &e);
	if (err) {
		buf_release(&body);
		return cli_fail(err, &e);
	}
	json_t *j = status == 200 ? json_loadb(body.data, body.len, 0, NULL) : NULL;
	buf_release(&body);
	json_t *items = json_object_get(j, "items");
	struct note_vkey cur = w->log_key;
	struct buf line = BUF_INIT, keys = BUF_INIT;
	int rc = -1;
	size_t nlen = strlen(cur.name);
	for (size_t i = 0; rc < 0 && i < json_array_size(items); i++) {
		struct ledger_rotation_row r;
		if (!rotation_row(json_array_get(items, i), &r) ||
		    memcmp(r.old_pubkey, cur.key, LEDGER_PUBKEY_LEN) != 0)
			continue;
		if (strncmp(r.note, cur.name, nlen) != 0 || r.note[nlen] != '\n' ||
		    !app_ledger_rotation_ok(&r)) {
			fprintf(stderr,
				"fazhi: 日志出示的密钥轮换记录 #%lld 的签名无效（应由原密钥和新密钥在日志"
				"名下共同签署），不予采信\n",
				(long long)r.id);
			continue;
		}
		r.at = json_integer_value(json_object_get(json_array_get(items, i), "at"));
		json_t *li = json_object_get(json_array_get(items, i), "leaf_index");
		int logged = rotation_logged(w, &r, json_is_integer(li) ? json_integer_value(li) : -1,
					     cp);
		if (logged == CLI_EXIT_INCONSISTENT)
			continue; /* said why; another statement may prove it */
		if (logged) {
			rc = logged;
			break;
		}
		buf_reset(&line);
		ledger_checkpoint_vkey(&line, cur.name, r.new_pubkey);
		if (buf_failed(&line) || note_vkey_parse(buf_cstr(&line), &cur, &e)) {
			rc = 1;
			break;
		}
		buf_add(&keys, line.data, line.len);
		buf_addc(&keys, '\n');
		if (witness_signed_by(note, &cur)) {
			printf("已按密钥轮换记录 #%lld 跟随日志的新签名公钥：%s\n", (long long)r.id,
			       buf_cstr(&line));
			rc = 0;
		}
	}
	json_decref(j);
	buf_release(&line);
	if (rc < 0) {
		fprintf(stderr,
			"fazhi: 拒绝副署：日志的检查点没有日志公钥的有效签名，日志也没有出示由该公钥签署、"
			"通向签署该检查点的新公钥的密钥轮换记录\n");
		rc = CLI_EXIT_INCONSISTENT;
	}
	if (rc == 0) {
		w->log_key = cur;
		buf_add(&w->keys, keys.data, keys.len);
		if (buf_failed(&w->keys))
			rc = 1;
	}
	buf_release(&keys);
	return rc;
}

/* The key to follow: --log-key when the state follows none yet, else the
 * last key of log-keys, provided --log-key is one of them (the anchor or
 * a key reached by rotation). */
int witness_keys_load(struct witness *w, const char *log_key)
{
	char path[PATH_MAX];
	struct buf b = BUF_INIT;
	struct fz_error e = { 0 };
	struct note_vkey given;
	if (note_vkey_parse(log_key, &given, &e) || given.type[0] != NOTE_TYPE_ED25519)
		return cli_usage("witness", "--log-key 应为日志的 Ed25519 验证公钥%s%s",
				 e.message[0] ? "：" : "", e.message);
	w->log_key = given;
	if (witness_state_path(w, "log-keys", path) || !witness_file_read(path, &b) || b.len == 0) {
		buf_release(&b);
		buf_addf(&w->keys, "%s\n", log_key);
		return buf_failed(&w->keys) ? 1 : 0;
	}
	bool known = false;
	for (char *p = b.data, *nl; *p; p = nl + 1) {
		struct note_vkey k;
		nl = strchr(p, '\n');
		if (!nl)
			break;
		*nl = '\0';
		if (*p && note_vkey_parse(p, &k, &e) == FZ_OK) {
			known = known || (strcmp(k.name, given.name) == 0 &&
					  memcmp(k.key, given.key, LEDGER_PUBKEY_LEN) == 0);
			w->log_key = k;
		}
		*nl = '\n';
	}
	buf_add(&w->keys, b.data, b.len);
	buf_release(&b);
	if (!known) {
		fprintf(stderr,
			"fazhi: --log-key 不是本见证方跟随过的日志公钥（见 %s）：日志换用新密钥须出示"
			"由原密钥签署的轮换记录，见证方据此自行跟随\n",
			path);
		return CLI_EXIT_INCONSISTENT;
	}
	return buf_failed(&w->keys) ? 1 : 0;
}

