/* checkpoint.h - signed checkpoints of the ledger, in the format the
 * transparency-log ecosystem reads: a C2SP tlog-checkpoint body inside a
 * C2SP signed note (docs/LEDGER.md, "Checkpoints"):
 *   <origin>
 *   <tree size, decimal>
 *   <root, base64>
 *   hash <sm3 | sha256>
 *   time <Unix seconds, decimal>
 * signed with Ed25519 (key name = origin, type 0x01) and, when the log is
 * configured for it, SM2 with SM3 (type 0xff || "fazhi/sm2-sm3", default
 * signer ID 1234567812345678). Witnesses add C2SP tlog-cosignature v1
 * lines (Ed25519, type 0x04, with a timestamp).
 *
 * Checkpoints signed before 008_checkpoints.sql have no origin: their
 * signed text is the older form
 *   fazhi-ledger-checkpoint/v1\nhash sm3\nsize N\nroot <hex>\ntime T\n
 * and ledger_checkpoint_text still gives it for them. */
#ifndef FZ_LEDGER_CHECKPOINT_H
#define FZ_LEDGER_CHECKPOINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "base/buf.h"
#include "ledger/hash.h"
#include "ledger/note.h"

#define LEDGER_PUBKEY_LEN 32
#define LEDGER_SIG_LEN 64
#define LEDGER_CHECKPOINT_TEXT_MAX 512
#define LEDGER_SM2_PUB_MAX 128 /* DER SubjectPublicKeyInfo (91 bytes) */
#define LEDGER_SM2_SIG_MAX 80  /* DER (r, s) */
#define LEDGER_COSIG_LEN 72    /* timestamp (8) || Ed25519 signature (64) */

struct ledger_checkpoint {
	char origin[NOTE_NAME_MAX]; /* "" for the older text form */
	enum ledger_hash_alg alg;
	uint64_t size;
	unsigned char root[LEDGER_HASH_MAX];
	int64_t at;
	unsigned char pubkey[LEDGER_PUBKEY_LEN]; /* raw Ed25519 public key */
	unsigned char sig[LEDGER_SIG_LEN];
};

/* The signed text of cp into out (NUL-terminated); returns its length:
 * the C2SP body when cp->origin is set, the older form otherwise. */
size_t ledger_checkpoint_text(const struct ledger_checkpoint *cp,
			      char out[LEDGER_CHECKPOINT_TEXT_MAX]);

/* An Ed25519 private key (EVP_PKEY, opaque). */
struct ledger_key;

/* Makes a new key pair and writes the private key (PKCS#8 PEM, mode 0600,
 * created exclusively: an existing file is FZ_CONFLICT) and the public key
 * (SubjectPublicKeyInfo PEM, mode 0644). */
enum fz_err ledger_key_generate(const char *priv_path, const char *pub_path,
				struct fz_error *e) FZ_MUST_CHECK;
/* Loads a private key file; refuses one readable by group or others
 * (FZ_FORBIDDEN). Free with ledger_key_free. */
enum fz_err ledger_key_load(const char *priv_path, struct ledger_key **out,
			    struct fz_error *e) FZ_MUST_CHECK;
void ledger_key_free(struct ledger_key *k);
/* Reads a public key PEM file into its raw 32 bytes. */
enum fz_err ledger_pubkey_load(const char *pub_path, unsigned char out[LEDGER_PUBKEY_LEN],
			       struct fz_error *e) FZ_MUST_CHECK;

/* Fills cp->pubkey and cp->sig: signs the text of cp with k. */
enum fz_err ledger_checkpoint_sign(struct ledger_checkpoint *cp, const struct ledger_key *k)
	FZ_MUST_CHECK;
/* True when cp->sig is cp->pubkey's signature of cp's text. */
bool ledger_checkpoint_verify(const struct ledger_checkpoint *cp) FZ_MUST_CHECK;

/* The Ed25519 key ID of the log's key for origin (key name = origin). */
uint32_t ledger_checkpoint_key_id(const char *origin, const unsigned char pub[LEDGER_PUBKEY_LEN]);
/* The log's verifier key: <origin>+<key ID>+base64(0x01 || pub). */
void ledger_checkpoint_vkey(struct buf *b, const char *origin,
			    const unsigned char pub[LEDGER_PUBKEY_LEN]);

/* Parses a C2SP checkpoint body (the note text) into cp's origin, size,
 * root, hash and time; FZ_INVALID with a Chinese reason when it is not
 * one of fazhi's (the hash and time extension lines are required). */
enum fz_err ledger_checkpoint_parse(const char *text, size_t len, struct ledger_checkpoint *cp,
				    struct fz_error *e) FZ_MUST_CHECK;

/* --- Ed25519 on any message (cosignatures) --- */
/* The raw public key of k. */
void ledger_key_public(const struct ledger_key *k, unsigned char out[LEDGER_PUBKEY_LEN]);
enum fz_err ledger_ed25519_sign(const struct ledger_key *k, const void *msg, size_t len,
				unsigned char sig[LEDGER_SIG_LEN]) FZ_MUST_CHECK;
bool ledger_ed25519_verify(const unsigned char pub[LEDGER_PUBKEY_LEN], const void *msg,
			   size_t len, const unsigned char sig[LEDGER_SIG_LEN]) FZ_MUST_CHECK;

/* --- C2SP tlog-cosignature v1 --- */
/* The signed message: "cosignature/v1\ntime <t>\n" || body. */
void ledger_cosig_message(struct buf *b, int64_t t, const char *body, size_t body_len);
/* The cosignature of body at time t by k: timestamp (8 bytes BE) ||
 * Ed25519 signature. */
enum fz_err ledger_cosign(const struct ledger_key *k, int64_t t, const char *body,
			  size_t body_len, unsigned char out[LEDGER_COSIG_LEN]) FZ_MUST_CHECK;
/* True when sig (LEDGER_COSIG_LEN bytes) is pub's cosignature of body;
 * *t (may be NULL) gets its timestamp. */
bool ledger_cosig_verify(const unsigned char pub[LEDGER_PUBKEY_LEN], const char *body,
			 size_t body_len, const unsigned char *sig, int64_t *t) FZ_MUST_CHECK;

/* --- SM2 with SM3 (GB/T 32918, GB/T 35276), through OpenSSL 3 --- */
/* Makes an SM2 key pair: private PKCS#8 PEM 0600 (exclusive), public
 * SubjectPublicKeyInfo PEM 0644. */
enum fz_err ledger_sm2_key_generate(const char *priv_path, const char *pub_path,
				    struct fz_error *e) FZ_MUST_CHECK;
/* Loads an SM2 private key; refused when group/world readable. */
enum fz_err ledger_sm2_key_load(const char *priv_path, struct ledger_key **out,
				struct fz_error *e) FZ_MUST_CHECK;
/* The DER SubjectPublicKeyInfo of an SM2 key (private key or public PEM
 * file); *len its length. */
bool ledger_sm2_key_public(const struct ledger_key *k, unsigned char out[LEDGER_SM2_PUB_MAX],
			   size_t *len);
enum fz_err ledger_sm2_pubkey_load(const char *pub_path, unsigned char out[LEDGER_SM2_PUB_MAX],
				   size_t *len, struct fz_error *e) FZ_MUST_CHECK;
/* SM2 signature (SM3 digest, signer ID 1234567812345678) of msg. */
enum fz_err ledger_sm2_sign(const struct ledger_key *k, const void *msg, size_t len,
			    unsigned char sig[LEDGER_SM2_SIG_MAX], size_t *sig_len) FZ_MUST_CHECK;
bool ledger_sm2_verify(const unsigned char *pub_der, size_t pub_len, const void *msg,
		       size_t len, const unsigned char *sig, size_t sig_len) FZ_MUST_CHECK;
/* The type bytes of fazhi's SM2 note signatures: 0xff || NOTE_SM2_ID. */
size_t ledger_sm2_note_type(unsigned char out[1 + sizeof NOTE_SM2_ID]);

#endif
