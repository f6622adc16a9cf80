/* api_ledger.c - what the portal publishes of the ledger: the latest
 * signed checkpoint with its signed text and the agency's public key, so
 * that anyone can check the signature and, later, inclusion proofs. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "app/ledger.h"
#include "base/crypto.h"
#include "http/handlers.h"
#include "http/jsonout_case.h"
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

int api_ledger_checkpoint(struct req *r)
{
	struct fz_error e = { 0 };
	struct ledger_checkpoint_row row;
	int64_t size;
	enum fz_err rc = app_ledger_latest(&r->ctx, &row, &size, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	struct ledger_checkpoint cp = { .size = (uint64_t)row.tree_size, .at = row.at };
	char text[LEDGER_CHECKPOINT_TEXT_MAX], root[2 * sizeof row.root + 1];
	char pub[2 * LEDGER_PUBKEY_LEN + 1], sig[2 * LEDGER_SIG_LEN + 1];
	if (!ledger_hash_from_name(row.hash, &cp.alg))
		return resp_error(r, FZ_DB, NULL, "检查点的摘要算法无法识别");
	memcpy(cp.root, row.root, row.root_len);
	ledger_checkpoint_text(&cp, text);
	crypto_hex(row.root, row.root_len, root);
	crypto_hex(row.pubkey, sizeof row.pubkey, pub);
	crypto_hex(row.signature, sizeof row.signature, sig);
	json_t *o = json_object();
	o = json_put(o, "id", json_integer(row.id));
	o = json_put(o, "tree_size", json_integer(row.tree_size));
	o = json_put(o, "root", json_string(root));
	o = json_put(o, "hash", json_string(row.hash));
	o = json_put(o, "at", json_integer(row.at));
	o = json_put(o, "signed_text", json_string(text));
	o = json_put(o, "signature_alg", json_string("ed25519"));
	o = json_put(o, "signature", json_string(sig));
	o = json_put(o, "public_key", json_string(pub));
	o = json_put(o, "public_key_pem", public_key_pem(r));
	o = json_put(o, "ledger_size", json_integer(size));
	return resp_json(r, 200, o);
}
