/* api_ledger.c - what the portal publishes of the ledger, to anyone
 * without sign-in: the latest checkpoint (JSON, and as the C2SP signed
 * note witnesses fetch), every checkpoint ever signed, inclusion and
 * consistency proofs, the leaves themselves (digests only: no personal
 * data), and the door where witnesses hand in their cosignatures. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "app/ledger.h"
#include "app/ledger_note.h"
#include "app/ledger_proof.h"
#include "base/crypto.h"
#include "http/handlers.h"
#include "http/jsonin.h"
#include "http/jsonout_case.h"
#include "http/paging.h"
#include "http/resp.h"
#include "ledger/checkpoint.h"

/* The public key file of the data directory, or NULL. */
static json_t *public_key_pem(struct req *r)
{
	char path[PATH_MAX], pem[1024];
	const char *dir = r->ctx.cfg->data_dir;
	if (!dir || snprintf(path, sizeof path, "%s/%s", dir, LEDGER_PUB_FILE) >= (int)sizeof path)
		return json_null();
	FILE *f = fopen(path, "re");
	if (!f)
		return json_null();
	size_t n = fread(pem, 1, sizeof pem - 1, f);
	fclose(f);
	pem[n] = '\0';
	return json_string(pem);
}

static json_t *hex_json(const unsigned char *p, size_t n)
{
	char hex[2 * 128 + 1];
	if (n > 128)
		n = 128;
	crypto_hex(p, n, hex);
	return json_string(hex);
}

static json_t *buf_json(struct buf *b)
{
	json_t *j = b->len ? json_stringn(b->data, b->len) : json_null();
	buf_release(b);
	return j;
}

/* One checkpoint as JSON: its fields, signed text and, for a C2SP one,
 * the whole signed note with cosignatures and the log's verifier keys. */
static json_t *checkpoint_json(struct req *r, const struct ledger_checkpoint_row *row)
{
	struct ledger_checkpoint cp;
	char text[LEDGER_CHECKPOINT_TEXT_MAX];
	struct buf note = BUF_INIT, vkey = BUF_INIT, sm2 = BUF_INIT;
	struct fz_error e;
	app_ledger_checkpoint_of(row, &cp);
	ledger_checkpoint_text(&cp, text);
	json_t *o = json_object();
	o = json_put(o, "id", json_integer(row->id));
	o = json_put(o, "tree_size", json_integer(row->tree_size));
	o = json_put(o, "root", hex_json(row->root, row->root_len));
	o = json_put(o, "hash", json_string(row->hash));
	o = json_put(o, "at", json_integer(row->at));
	o = json_put(o, "origin", row->origin[0] ? json_string(row->origin) : json_null());
	o = json_put(o, "signed_text", json_string(text));
	o = json_put(o, "signature_alg", json_string(row->sm2_signature_len ? "ed25519,sm2"
									    : "ed25519"));
	o = json_put(o, "signature", hex_json(row->signature, sizeof row->signature));
	o = json_put(o, "public_key", hex_json(row->pubkey, sizeof row->pubkey));
	if (row->origin[0] && app_ledger_note(&r->ctx, row, true, &note, &e) != FZ_OK)
		buf_reset(&note);
	app_ledger_vkey(row, &vkey);
	app_ledger_sm2_vkey(row, &sm2);
	o = json_put(o, "note", buf_json(&note));
	o = json_put(o, "verifier_key", buf_json(&vkey));
	o = json_put(o, "sm2_verifier_key", buf_json(&sm2));
	unsigned char *tok;
	size_t tok_len;
	json_t *tj = json_null();
	if (r->ctx.st->ops->timestamp_get(r->ctx.st, r->ctx.a, row->id, &tok, &tok_len, &e) ==
	    FZ_OK) {
		char *b64 = arena_alloc(r->ctx.a, 4 * ((tok_len + 2) / 3) + 1);
		if (b64) {
			note_b64_encode(tok, tok_len, b64);
			json_decref(tj);
			tj = json_string(b64);
		}
	}
	o = json_put(o, "timestamp_token", tj);
	struct ledger_cosig_list cs = { 0 };
	json_t *arr = json_array();
	if (r->ctx.st->ops->cosig_list(r->ctx.st, r->ctx.a, row->id, &cs, &e) == FZ_OK)
		for (size_t i = 0; i < cs.n; i++) {
			uint64_t t = 0;
			for (int k = 0; k < 8; k++)
				t = (t << 8) | cs.items[i].signature[k];
			json_t *c = json_object();
			c = json_put(c, "witness", json_string(cs.items[i].name));
			c = json_put(c, "time", json_integer((json_int_t)t));
			c = json_put(c, "received_at", json_integer(cs.items[i].at));
			json_array_append_new(arr, c);
		}
	return json_put(o, "cosignatures", arr);
}

int api_ledger_checkpoint(struct req *r)
{
	struct fz_error e = { 0 };
	struct ledger_checkpoint_row row;
	int64_t size;
	enum fz_err rc = app_ledger_latest(&r->ctx, &row, &size, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	json_t *o = checkpoint_json(r, &row);
	o = json_put(o, "public_key_pem", public_key_pem(r));
	o = json_put(o, "ledger_size", json_integer(size));
	return resp_json(r, 200, o);
}

int api_ledger_checkpoints(struct req *r)
{
	struct fz_error e = { 0 };
	struct page pg;
	struct ledger_checkpoint_list list;
	enum fz_err rc = paging_from_query(r, &pg, &e);
	if (!rc)
		rc = r->ctx.st->ops->checkpoint_list(r->ctx.st, r->ctx.a, pg, &list, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	json_t *items = json_array();
	for (size_t i = 0; i < list.n; i++)
		json_array_append_new(items, checkpoint_json(r, &list.items[i]));
	return resp_list(r, items, list.total, pg);
}

/* The latest checkpoint as a C2SP signed note, with the cosignatures
 * collected: what witnesses and monitors fetch. */
int api_ledger_checkpoint_note(struct req *r)
{
	struct fz_error e = { 0 };
	struct ledger_checkpoint_row row;
	struct buf note = BUF_INIT;
	int64_t size;
	enum fz_err rc = app_ledger_latest(&r->ctx, &row, &size, &e);
	if (!rc)
		rc = app_ledger_note(&r->ctx, &row, true, &note, &e);
	if (rc) {
		buf_release(&note);
		return resp_fail(r, rc, &e);
	}
	return resp_bytes(r, 200, "text/plain; charset=utf-8", &note);
}

/* A query integer in [min, max]; false after answering 400. */
static bool query_int(struct req *r, const char *name, int64_t min, int64_t max, int64_t *out,
		      int *resp)
{
	const char *v = req_query(r, name);
	if (v && http_parse_int64(v, min, max, out))
		return true;
	*resp = resp_error(r, FZ_INVALID, name,
			   v ? "参数应为范围内的整数" : "缺少参数");
	return false;
}

static json_t *proof_json(const struct merkle_proof *p, size_t hs)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < p->n; i++)
		json_array_append_new(arr, hex_json(p->hash[i], hs));
	return arr;
}

int api_ledger_inclusion(struct req *r)
{
	struct fz_error e = { 0 };
	struct merkle_proof proof;
	struct ledger_leaf leaf;
	unsigned char root[LEDGER_HASH_MAX];
	int64_t size, index = -1;
	int resp;
	enum ledger_hash_alg alg = LEDGER_HASH_SM3;
	struct fz_error ae = { 0 };
	if (app_ledger_alg(&r->ctx, &alg, &ae))
		return resp_fail(r, FZ_DB, &ae);
	size_t hs = ledger_hash_size(alg);
	if (!query_int(r, "tree_size", 1, INT64_MAX, &size, &resp))
		return resp;
	const char *hash = req_query(r, "hash");
	if (hash) {
		unsigned char h[LEDGER_HASH_MAX];
		if (strlen(hash) != 2 * hs || !crypto_unhex(hash, h, hs))
			return resp_error(r, FZ_INVALID, "hash", "叶哈希应为十六进制");
		enum fz_err rc = r->ctx.st->ops->ledger_leaf_by_hash(r->ctx.st, h, hs, &leaf, &e);
		if (rc)
			return resp_fail(r, rc, &e);
		index = leaf.idx;
	} else if (!query_int(r, "index", 0, INT64_MAX, &index, &resp)) {
		return resp;
	}
	enum fz_err rc = app_ledger_inclusion_proof(&r->ctx, index, size, &leaf, &proof, &e);
	if (!rc)
		rc = app_ledger_root(&r->ctx, size, root, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	json_t *o = json_object();
	o = json_put(o, "index", json_integer(index));
	o = json_put(o, "tree_size", json_integer(size));
	o = json_put(o, "hash", json_string(ledger_hash_name(alg)));
	o = json_put(o, "leaf_hash", hex_json(leaf.leaf_hash, leaf.hash_len));
	o = json_put(o, "root", hex_json(root, hs));
	o = json_put(o, "proof", proof_json(&proof, hs));
	return resp_json(r, 200, o);
}

int api_ledger_consistency(struct req *r)
{
	struct fz_error e = { 0 };
	struct merkle_proof proof;
	unsigned char r1[LEDGER_HASH_MAX], r2[LEDGER_HASH_MAX];
	int64_t first, second;
	int resp;
	enum ledger_hash_alg alg = LEDGER_HASH_SM3;
	struct fz_error ae = { 0 };
	if (app_ledger_alg(&r->ctx, &alg, &ae))
		return resp_fail(r, FZ_DB, &ae);
	size_t hs = ledger_hash_size(alg);
	if (!query_int(r, "first", 1, INT64_MAX, &first, &resp) ||
	    !query_int(r, "second", 1, INT64_MAX, &second, &resp))
		return resp;
	enum fz_err rc = app_ledger_consistency_proof(&r->ctx, first, second, &proof, &e);
	if (!rc)
		rc = app_ledger_root(&r->ctx, first, r1, &e);
	if (!rc)
		rc = app_ledger_root(&r->ctx, second, r2, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	json_t *o = json_object();
	o = json_put(o, "first", json_integer(first));
	o = json_put(o, "second", json_integer(second));
	o = json_put(o, "hash", json_string(ledger_hash_name(alg)));
	o = json_put(o, "first_root", hex_json(r1, hs));
	o = json_put(o, "second_root", hex_json(r2, hs));
	o = json_put(o, "proof", proof_json(&proof, hs));
	return resp_json(r, 200, o);
}

int api_ledger_leaves(struct req *r)
{
	struct fz_error e = { 0 };
	struct page pg;
	struct ledger_leaf_list list;
	int64_t size;
	enum fz_err rc = paging_from_query(r, &pg, &e);
	if (!rc)
		rc = r->ctx.st->ops->ledger_size(r->ctx.st, &size, &e);
	if (!rc && pg.offset < size)
		rc = r->ctx.st->ops->ledger_leaves(r->ctx.st, r->ctx.a, pg.offset, pg.limit, &list,
						   &e);
	else
		memset(&list, 0, sizeof list);
	if (rc)
		return resp_fail(r, rc, &e);
	json_t *items = json_array();
	for (size_t i = 0; i < list.n; i++) {
		const struct ledger_leaf *lf = &list.items[i];
		json_t *o = json_object();
		o = json_put(o, "index", json_integer(lf->idx));
		const char *kind = ledger_kind_code(lf->kind);
		o = json_put(o, "kind", json_string(kind ? kind : "unknown"));
		o = json_put(o, "ref_id", json_integer(lf->ref_id));
		o = json_put(o, "digest", hex_json(lf->digest, lf->digest_len));
		o = json_put(o, "leaf_hash", hex_json(lf->leaf_hash, lf->hash_len));
		o = json_put(o, "at", json_integer(lf->at));
		json_array_append_new(items, o);
	}
	return resp_list(r, items, size, pg);
}

int api_ledger_cosign(struct req *r)
{
	struct fz_error e = { 0 };
	struct jsonin in;
	int added;
	jsonin_begin(&in, r);
	const char *note = jsonin_str(&in, "note", 16384);
	if (!jsonin_ok(&in))
		return jsonin_fail(&in);
	enum fz_err rc = app_ledger_cosign_submit(&r->ctx, note, strlen(note), &added, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	json_t *o = json_object();
	o = json_put(o, "added", json_integer(added));
	return resp_json(r, added ? 201 : 200, o);
}

int api_ledger_key_rotations(struct req *r)
{
	struct fz_error e = { 0 };
	struct ledger_rotation_list list;
	enum fz_err rc = r->ctx.st->ops->rotation_list(r->ctx.st, r->ctx.a, &list, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	json_t *items = json_array();
	for (size_t i = 0; i < list.n; i++) {
		json_t *o = json_object();
		o = json_put(o, "id", json_integer(list.items[i].id));
		o = json_put(o, "old_public_key", hex_json(list.items[i].old_pubkey, 32));
		o = json_put(o, "new_public_key", hex_json(list.items[i].new_pubkey, 32));
		o = json_put(o, "note", json_string(list.items[i].note ? list.items[i].note : ""));
		o = json_put(o, "at", json_integer(list.items[i].at));
		/* the statement's leaf: a witness proves it is in the log */
		o = json_put(o, "leaf_index",
			     json_integer(app_ledger_leaf_index(&r->ctx, LEDGER_KEY_ROTATION,
							       list.items[i].id)));
		json_array_append_new(items, o);
	}
	json_t *o = json_object();
	o = json_put(o, "items", items);
	return resp_json(r, 200, o);
}
