/* note.h - C2SP signed notes (c2sp.org/signed-note): a text ending in
 * "\n", a blank line, then signature lines
 *     U+2014 SP <key name> SP base64(key ID (4 bytes, big-endian) || sig) LF
 * with key ID = SHA-256(key name || LF || type || public key)[:4], and
 * verifier keys written <name>+<key ID, 8 hex>+base64(type || public key).
 * Also standard base64 (RFC 4648 section 4). Pure text handling and
 * SHA-256, no I/O. */
#ifndef FZ_LEDGER_NOTE_H
#define FZ_LEDGER_NOTE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/err.h"

/* Signature types (signed-note "Signature types"). 0xff is the spec's
 * byte for types it does not assign, followed by an identifier: fazhi's
 * SM2 signatures use 0xff || "fazhi/sm2-sm3". */
#define NOTE_TYPE_ED25519 0x01
#define NOTE_TYPE_COSIG_V1 0x04
#define NOTE_TYPE_OTHER 0xff
#define NOTE_SM2_ID "fazhi/sm2-sm3"

#define NOTE_NAME_MAX 256
#define NOTE_SIG_MAX 256  /* signature bytes after the key ID */
#define NOTE_SIGS_MAX 32  /* signature lines kept; the spec asks for 16 */
#define NOTE_KEY_MAX 160  /* public key material after the type byte(s) */

/* Base64 of n bytes into out (room for 4 * ((n + 2) / 3) + 1); returns
 * the length written. */
size_t note_b64_encode(const void *in, size_t n, char *out);
/* Decodes len characters of padded standard base64 into out (at most cap
 * bytes); false on any other character, bad padding or overflow. */
bool note_b64_decode(const char *in, size_t len, unsigned char *out, size_t cap,
		     size_t *outlen) FZ_MUST_CHECK;

/* SHA-256(name || LF || type || key)[:4] as a big-endian integer; type
 * is the byte(s) naming the signature type (1 byte, or 0xff and an
 * identifier). */
uint32_t note_key_id(const char *name, const unsigned char *type, size_t type_len,
		     const unsigned char *key, size_t key_len);

/* A key name is non-empty, at most NOTE_NAME_MAX - 1 bytes, without
 * spaces, '+' or control characters. */
bool note_name_ok(const char *name);

/* Appends one signature line for (name, key_id, sig) to b. */
void note_sig_line(struct buf *b, const char *name, uint32_t key_id, const unsigned char *sig,
		   size_t sig_len);

/* A parsed signed note; text points into the parsed string. */
struct note_sig {
	char name[NOTE_NAME_MAX];
	uint32_t key_id;
	unsigned char sig[NOTE_SIG_MAX];
	size_t sig_len;
};
struct note {
	const char *text; /* the note text, with its final newline */
	size_t text_len;
	struct note_sig sigs[NOTE_SIGS_MAX];
	size_t nsigs;
};
/* Splits a signed note into text and signatures. FZ_INVALID (with a
 * Chinese reason in e) when it is not one: no blank line before the
 * signatures, a malformed signature line, control characters, too long. */
enum fz_err note_parse(const char *s, size_t len, struct note *out, struct fz_error *e)
	FZ_MUST_CHECK;

/* A verifier key: <name>+<key ID hex>+base64(type || key). */
struct note_vkey {
	char name[NOTE_NAME_MAX];
	uint32_t key_id;
	unsigned char type[1 + sizeof NOTE_SM2_ID]; /* the type byte(s) */
	size_t type_len;
	unsigned char key[NOTE_KEY_MAX];
	size_t key_len;
};
/* Parses a verifier key; the key ID must match the name and key.
 * Accepts type 0x01 and 0x04 (32-byte Ed25519 keys) and 0xff followed
 * by NOTE_SM2_ID (a DER SubjectPublicKeyInfo). */
enum fz_err note_vkey_parse(const char *s, struct note_vkey *out, struct fz_error *e)
	FZ_MUST_CHECK;
/* Writes the verifier key of (name, type, key) to b. */
void note_vkey_format(struct buf *b, const char *name, const unsigned char *type,
		      size_t type_len, const unsigned char *key, size_t key_len);

#endif
