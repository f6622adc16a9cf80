/* ledger_note.c - signed notes of stored checkpoints, verifier keys and
 * cosignature collection (ledger_note.h). */
#include "app/ledger_note.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/audit.h"
#include "base/crypto.h"
#include "ledger/leaf.h"

void app_ledger_checkpoint_of(const struct ledger_checkpoint_row *row,
			      struct ledger_checkpoint *cp)
{
	memset(cp, 0, sizeof *cp);
	snprintf(cp->origin, sizeof cp->origin, "%s", row->origin);
	if (!ledger_hash_from_name(row->hash, &cp->alg))
		cp->alg = LEDGER_HASH_SM3;
	cp->size = (uint64_t)row->tree_size;
	memcpy(cp->root, row->root, row->root_len < sizeof cp->root ? row->root_len : 0);
	cp->at = row->at;
	memcpy(cp->pubkey, row->pubkey, sizeof cp->pubkey);
	memcpy(cp->sig, row->signature, sizeof cp->sig);
}

enum fz_err app_ledger_note(struct app_ctx *ctx, const struct ledger_checkpoint_row *row,
			    bool with_cosigs, struct buf *out, struct fz_error *e)
{
	struct ledger_checkpoint cp;
	char text[LEDGER_CHECKPOINT_TEXT_MAX];
	if (!row->origin[0])
		return fz_fail(e, FZ_INVALID, "checkpoint",
			       "该检查点是旧格式（升级前签署），没有 C2SP 签名文本");
	app_ledger_checkpoint_of(row, &cp);
	size_t n = ledger_checkpoint_text(&cp, text);
	buf_add(out, text, n);
	buf_addc(out, '\n');
	note_sig_line(out, row->origin, ledger_checkpoint_key_id(row->origin, row->pubkey),
		      row->signature, sizeof row->signature);
	if (row->sm2_signature_len) {
		unsigned char type[1 + sizeof NOTE_SM2_ID];
		size_t tl = ledger_sm2_note_type(type);
		note_sig_line(out, row->origin,
			      note_key_id(row->origin, type, tl, row->sm2_pubkey, row->sm2_pubkey_len),
			      row->sm2_signature, row->sm2_signature_len);
	}
	if (with_cosigs) {
		struct ledger_cosig_list cs;
		enum fz_err rc = ctx->st->ops->cosig_list(ctx->st, ctx->a, row->id, &cs, e);
		if (rc)
			return rc;
		for (size_t i = 0; i < cs.n; i++)
			note_sig_line(out, cs.items[i].name, cs.items[i].key_id,
				      cs.items[i].signature, sizeof cs.items[i].signature);
	}
	return buf_failed(out) ? fz_fail(e, FZ_NOMEM, NULL, NULL) : FZ_OK;
}

void app_ledger_vkey(const struct ledger_checkpoint_row *row, struct buf *out)
{
	if (row->origin[0])
		ledger_checkpoint_vkey(out, row->origin, row->pubkey);
}

void app_ledger_sm2_vkey(const struct ledger_checkpoint_row *row, struct buf *out)
{
	unsigned char type[1 + sizeof NOTE_SM2_ID];
	size_t tl = ledger_sm2_note_type(type);
	if (row->origin[0] && row->sm2_pubkey_len)
		note_vkey_format(out, row->origin, type, tl, row->sm2_pubkey, row->sm2_pubkey_len);
}

enum fz_err app_ledger_witness_keys(const char *data_dir, struct arena *a,
				    struct note_vkey **out, size_t *n, struct fz_error *e)
{
	char path[PATH_MAX], line[1024];
	*out = NULL;
	*n = 0;
	if (!data_dir || snprintf(path, sizeof path, "%s/%s", data_dir, LEDGER_WITNESSES_FILE) >=
				 (int)sizeof path)
		return FZ_OK;
	FILE *f = fopen(path, "re");
	if (!f)
		return errno == ENOENT ? FZ_OK
				       : fz_fail(e, FZ_IO, "witnesses", "无法读取见证方公钥文件 %s", path);
	enum fz_err rc = FZ_OK;
	size_t cap = 0;
	for (int lineno = 1; !rc && fgets(line, sizeof line, f); lineno++) {
		line[strcspn(line, "\r\n")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		if (*n == cap) {
			size_t ncap = cap ? 2 * cap : 8;
			struct note_vkey *grown = arena_alloc(a, ncap * sizeof *grown);
			if (!grown) {
				rc = fz_fail(e, FZ_NOMEM, NULL, NULL);
				break;
			}
			if (*n)
				memcpy(grown, *out, *n * sizeof *grown);
			*out = grown;
			cap = ncap;
		}
		struct fz_error ke = { 0 };
		if (note_vkey_parse(line, &(*out)[*n], &ke) || (*out)[*n].type[0] != NOTE_TYPE_COSIG_V1)
			rc = fz_fail(e, FZ_INVALID, "witnesses", "见证方公钥文件 %s 第 %d 行无效%s%s",
				     path, lineno, ke.message[0] ? "：" : "", ke.message);
		else
			(*n)++;
	}
	fclose(f);
	return rc;
}

enum fz_err app_ledger_cosign_submit(struct app_ctx *ctx, const char *note_text, size_t len,
				     int *added, struct fz_error *e)
{
	struct note *note = arena_alloc(ctx->a, sizeof *note);
	struct ledger_checkpoint cp, mine;
	struct ledger_checkpoint_row row;
	struct note_vkey *keys;
	size_t nkeys;
	char text[LEDGER_CHECKPOINT_TEXT_MAX];
	enum fz_err rc;
	*added = 0;
	if (!note)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	if ((rc = note_parse(note_text, len, note, e)) ||
	    (rc = ledger_checkpoint_parse(note->text, note->text_len, &cp, e)) ||
	    (rc = app_ledger_witness_keys(ctx->cfg->data_dir, ctx->a, &keys, &nkeys, e)))
		return rc;
	rc = ctx->st->ops->checkpoint_at_size(ctx->st, (int64_t)cp.size, &row, e);
	if (rc == FZ_NOTFOUND)
		return fz_fail(e, FZ_NOTFOUND, "note", "本日志没有签署过记录数为 %llu 的检查点",
			       (unsigned long long)cp.size);
	if (rc)
		return rc;
	app_ledger_checkpoint_of(&row, &mine);
	size_t n = ledger_checkpoint_text(&mine, text);
	if (n != note->text_len || memcmp(text, note->text, n) != 0)
		return fz_fail(e, FZ_CONFLICT, "note",
			       "副署的检查点与本日志在记录数 %llu 时签署的不同",
			       (unsigned long long)cp.size);
	struct ledger_cosig_row *take = arena_alloc(ctx->a, NOTE_SIGS_MAX * sizeof *take);
	size_t ntake = 0;
	if (!take)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	for (size_t i = 0; i < note->nsigs; i++) {
		const struct note_sig *sg = &note->sigs[i];
		const struct note_vkey *w = NULL;
		for (size_t k = 0; k < nkeys && !w; k++)
			if (keys[k].key_id == sg->key_id && strcmp(keys[k].name, sg->name) == 0)
				w = &keys[k];
		if (!w)
			continue; /* the log's own line, or a key not configured */
		if (sg->sig_len != LEDGER_COSIG_LEN ||
		    !ledger_cosig_verify(w->key, note->text, note->text_len, sg->sig, NULL))
			return fz_fail(e, FZ_FORBIDDEN, "note", "见证方 %s 的副署无法通过验证",
				       w->name);
		struct ledger_cosig_row *c = &take[ntake++];
		memset(c, 0, sizeof *c);
		c->checkpoint_id = row.id;
		snprintf(c->name, sizeof c->name, "%s", w->name);
		c->key_id = w->key_id;
		memcpy(c->signature, sg->sig, LEDGER_COSIG_LEN);
		c->at = ctx->now;
	}
	if (!ntake)
		return fz_fail(e, FZ_FORBIDDEN, "note", "副署不是来自本日志登记的见证方");
	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	struct buf names = BUF_INIT;
	for (size_t i = 0; i < ntake; i++) {
		struct fz_error ce;
		rc = ctx->st->ops->cosig_insert(ctx->st, &take[i], &ce);
		if (rc == FZ_CONFLICT)
			continue; /* already collected */
		if (rc) {
			*e = ce;
			app_tx_abort(ctx);
			buf_release(&names);
			return rc;
		}
		buf_addf(&names, "%s%s", *added ? "、" : "", take[i].name);
		(*added)++;
	}
	if (!*added) {
		app_tx_abort(ctx);
		buf_release(&names);
		return FZ_OK;
	}
	const char *msg = arena_printf(ctx->a, "检查点 #%lld（记录数 %lld）收到见证方 %s 的副署",
				       (long long)row.id, (long long)row.tree_size, buf_cstr(&names));
	buf_release(&names);
	return app_tx_finish(ctx, "ledger.cosign", "ledger_checkpoint", row.id, msg, NULL, e);
}

/* True when row has a verifying cosignature from one of keys. */
static bool witnessed(struct app_ctx *ctx, const struct ledger_checkpoint_row *row,
		      const struct note_vkey *keys, size_t nkeys)
{
	struct ledger_cosig_list cs;
	struct ledger_checkpoint cp;
	char text[LEDGER_CHECKPOINT_TEXT_MAX];
	struct fz_error e;
	if (!row->origin[0] || ctx->st->ops->cosig_list(ctx->st, ctx->a, row->id, &cs, &e))
		return false;
	app_ledger_checkpoint_of(row, &cp);
	size_t n = ledger_checkpoint_text(&cp, text);
	for (size_t i = 0; i < cs.n; i++)
		for (size_t k = 0; k < nkeys; k++)
			if (keys[k].key_id == cs.items[i].key_id &&
			    strcmp(keys[k].name, cs.items[i].name) == 0 &&
			    ledger_cosig_verify(keys[k].key, text, n, cs.items[i].signature, NULL))
				return true;
	return false;
}

enum fz_err app_ledger_coverage(struct app_ctx *ctx, struct ledger_coverage *out,
				struct fz_error *e)
{
	struct ledger_checkpoint_list list;
	struct note_vkey *keys;
	size_t nkeys;
	memset(out, 0, sizeof *out);
	enum fz_err rc = ctx->st->ops->checkpoint_list(ctx->st, ctx->a,
						       (struct page){ .offset = 0, .limit = 1 },
						       &list, e);
	if (rc || list.total == 0)
		return rc;
	int64_t from = list.total > 200 ? list.total - 200 : 0;
	if ((rc = ctx->st->ops->checkpoint_list(ctx->st, ctx->a,
						(struct page){ .offset = from, .limit = 200 }, &list,
						e)) ||
	    (rc = app_ledger_witness_keys(ctx->cfg->data_dir, ctx->a, &keys, &nkeys, e)))
		return rc;
	if (list.n)
		out->signed_size = list.items[list.n - 1].tree_size;
	for (size_t i = list.n; nkeys && i-- > 0;)
		if (witnessed(ctx, &list.items[i], keys, nkeys)) {
			out->witnessed_size = list.items[i].tree_size;
			out->witnessed_id = list.items[i].id;
			break;
		}
	return FZ_OK;
}

int64_t app_ledger_leaf_index(struct app_ctx *ctx, enum ledger_kind kind, int64_t ref_id)
{
	struct ledger_leaf lf;
	struct fz_error e;
	return ctx->st->ops->ledger_leaf_find(ctx->st, (int)kind, ref_id, &lf, &e) ? -1 : lf.idx;
}

/* --- key rotation --- */

/* The statement's text for (origin, old, new, t). */
static void rotation_text(struct buf *b, const char *origin, const unsigned char *old_pub,
			  const unsigned char *new_pub, int64_t t)
{
	buf_addf(b, "%s\nkey-rotation\nold ", origin);
	ledger_checkpoint_vkey(b, origin, old_pub);
	buf_adds(b, "\nnew ");
	ledger_checkpoint_vkey(b, origin, new_pub);
	buf_addf(b, "\ntime %lld\n", (long long)t);
}

bool app_ledger_rotation_ok(const struct ledger_rotation_row *r)
{
	static _Thread_local struct note n;
	struct ledger_checkpoint cp;
	struct buf want = BUF_INIT;
	bool old_ok = false, new_ok = false;
	if (!r->note || note_parse(r->note, strlen(r->note), &n, NULL))
		return false;
	/* the origin is the first line; the text must be exactly the one
	 * made from the row's keys */
	const char *nl = memchr(n.text, '\n', n.text_len);
	if (!nl || (size_t)(nl - n.text) >= sizeof cp.origin)
		return false;
	memcpy(cp.origin, n.text, (size_t)(nl - n.text));
	cp.origin[nl - n.text] = '\0';
	const char *tl = strstr(n.text, "\ntime ");
	long long t = tl ? strtoll(tl + 6, NULL, 10) : -1;
	rotation_text(&want, cp.origin, r->old_pubkey, r->new_pubkey, t);
	bool same = !buf_failed(&want) && want.len == n.text_len &&
		    memcmp(want.data, n.text, n.text_len) == 0;
	buf_release(&want);
	uint32_t old_id = ledger_checkpoint_key_id(cp.origin, r->old_pubkey),
		 new_id = ledger_checkpoint_key_id(cp.origin, r->new_pubkey);
	for (size_t i = 0; same && i < n.nsigs; i++) {
		const struct note_sig *sg = &n.sigs[i];
		if (sg->sig_len != LEDGER_SIG_LEN || strcmp(sg->name, cp.origin) != 0)
			continue;
		if (sg->key_id == old_id &&
		    ledger_ed25519_verify(r->old_pubkey, n.text, n.text_len, sg->sig))
			old_ok = true;
		if (sg->key_id == new_id &&
		    ledger_ed25519_verify(r->new_pubkey, n.text, n.text_len, sg->sig))
			new_ok = true;
	}
	return same && old_ok && new_ok;
}

void app_ledger_rotation_encode(const struct ledger_rotation_row *r, struct buf *b)
{
	char oh[2 * LEDGER_PUBKEY_LEN + 1], nh[2 * LEDGER_PUBKEY_LEN + 1];
	crypto_hex(r->old_pubkey, LEDGER_PUBKEY_LEN, oh);
	crypto_hex(r->new_pubkey, LEDGER_PUBKEY_LEN, nh);
	canon_str(b, "fazhi.key_rotation.v1");
	canon_int(b, r->at);
	canon_str(b, oh);
	canon_str(b, nh);
	canon_str(b, r->note);
}

size_t app_ledger_rotation_digest(enum ledger_hash_alg alg, const struct ledger_rotation_row *r,
				  unsigned char out[LEDGER_DIGEST_MAX])
{
	struct buf b = BUF_INIT;
	size_t n = 0;
	app_ledger_rotation_encode(r, &b);
	if (buf_status(&b) == FZ_OK)
		n = ledger_digest(alg, b.data, b.len, out);
	buf_release(&b);
	return n;
}

/* Installs the new key at data_dir/ledger.key, keeping the old one. */
static enum fz_err key_install(const char *data_dir, const char *new_path, int64_t id,
			       struct fz_error *e)
{
	char key[PATH_MAX], pub[PATH_MAX], retired[PATH_MAX + 32], new_pub[PATH_MAX + 8];
	snprintf(key, sizeof key, "%s/%s", data_dir, LEDGER_KEY_FILE);
	snprintf(pub, sizeof pub, "%s/%s", data_dir, LEDGER_PUB_FILE);
	snprintf(retired, sizeof retired, "%s.retired-%lld", key, (long long)id);
	snprintf(new_pub, sizeof new_pub, "%s.pub", new_path);
	if (rename(key, retired) != 0 || rename(new_path, key) != 0 ||
	    (access(new_pub, F_OK) == 0 && rename(new_pub, pub) != 0))
		return fz_fail(e, FZ_IO, "key",
			       "轮换已记录，但无法把新密钥放入数据目录：请手工把 %s 移到 %s", new_path,
			       key);
	return FZ_OK;
}

enum fz_err app_ledger_key_rotate(struct app_ctx *ctx, const char *new_path,
				  struct ledger_rotation_row *out, struct fz_error *e)
{
	char old_path[PATH_MAX], origin[256], sigs[16], new_pub[PATH_MAX + 8];
	struct ledger_key *old = NULL, *nk = NULL;
	struct buf note = BUF_INIT;
	struct stat sb;
	enum fz_err rc;
	memset(out, 0, sizeof *out);
	if (!new_path || !*new_path || strlen(new_path) >= PATH_MAX)
		return fz_fail(e, FZ_INVALID, "new_key", "缺少新签名私钥的路径");
	if ((rc = app_ledger_key_path(ctx, old_path, e)) ||
	    (rc = ctx->st->ops->ledger_log_get(ctx->st, origin, sigs, e)))
		return rc;
	if (!origin[0])
		return fz_fail(e, FZ_CONFLICT, "origin", "日志尚未签署检查点，没有可轮换的密钥");
	snprintf(new_pub, sizeof new_pub, "%s.pub", new_path);
	if (stat(new_path, &sb) != 0 && (rc = ledger_key_generate(new_path, new_pub, e)))
		return rc;
	if ((rc = ledger_key_load(old_path, &old, e)) || (rc = ledger_key_load(new_path, &nk, e)))
		goto done;
	ledger_key_public(old, out->old_pubkey);
	ledger_key_public(nk, out->new_pubkey);
	if (memcmp(out->old_pubkey, out->new_pubkey, LEDGER_PUBKEY_LEN) == 0) {
		rc = fz_fail(e, FZ_INVALID, "new_key", "新密钥与现用密钥相同");
		goto done;
	}
	rotation_text(&note, origin, out->old_pubkey, out->new_pubkey, ctx->now);
	size_t text_len = note.len;
	unsigned char sig[LEDGER_SIG_LEN];
	buf_addc(&note, '\n');
	if ((rc = ledger_ed25519_sign(old, note.data, text_len, sig)))
		goto done;
	note_sig_line(&note, origin, ledger_checkpoint_key_id(origin, out->old_pubkey), sig,
		      sizeof sig);
	if ((rc = ledger_ed25519_sign(nk, note.data, text_len, sig)))
		goto done;
	note_sig_line(&note, origin, ledger_checkpoint_key_id(origin, out->new_pubkey), sig,
		      sizeof sig);
	if (buf_failed(&note)) {
		rc = fz_fail(e, FZ_NOMEM, NULL, NULL);
		goto done;
	}
	out->note = arena_strndup(ctx->a, note.data, note.len);
	out->at = ctx->now;
	if ((rc = app_tx_begin(ctx, e)))
		goto done;
	/* recorded in the log itself: the checkpoints the new key signs
	 * commit to the statement that introduces it */
	enum ledger_hash_alg alg;
	unsigned char d[LEDGER_DIGEST_MAX];
	size_t dlen = 0;
	if ((rc = ctx->st->ops->rotation_insert(ctx->st, out, e)) ||
	    (rc = app_ledger_alg(ctx, &alg, e)) ||
	    (!(dlen = app_ledger_rotation_digest(alg, out, d)) &&
	     (rc = fz_fail(e, FZ_NOMEM, NULL, NULL))) ||
	    (rc = app_ledger_append(ctx, LEDGER_KEY_ROTATION, out->id, d, dlen, NULL, e))) {
		app_tx_abort(ctx);
		goto done;
	}
	char oh[2 * LEDGER_PUBKEY_LEN + 1], nh[2 * LEDGER_PUBKEY_LEN + 1];
	crypto_hex(out->old_pubkey, LEDGER_PUBKEY_LEN, oh);
	crypto_hex(out->new_pubkey, LEDGER_PUBKEY_LEN, nh);
	const char *msg = arena_printf(ctx->a, "签名密钥轮换：%s → %s", oh, nh);
	if ((rc = app_tx_finish(ctx, "ledger.key_rotate", "ledger_key_rotation", out->id, msg, NULL,
				e)))
		goto done;
	if (!ctx->cfg->ledger_key_file || !*ctx->cfg->ledger_key_file)
		rc = key_install(ctx->cfg->data_dir, new_path, out->id, e);
done:
	buf_release(&note);
	ledger_key_free(old);
	ledger_key_free(nk);
	return rc;
}
