/* crypto.h - the few cryptographic operations fazhi needs, all done by
 * OpenSSL's libcrypto (3.0 or later): random bytes, SHA-256, hex,
 * constant-time comparison and scrypt password hashing.
 *
 * Nothing here implements a primitive by hand. */
#ifndef FZ_BASE_CRYPTO_H
#define FZ_BASE_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

/* Fills buf with n bytes from OpenSSL's CSPRNG. FZ_OK, or FZ_INTERNAL
 * when the generator cannot be used (never ignore this). */
enum fz_err crypto_random(void *buf, size_t n) FZ_MUST_CHECK;

/* Lowercase hex of n bytes into out, which must hold 2n+1 bytes. */
void crypto_hex(const void *in, size_t n, char *out);
/* Decodes exactly 2n hex digits (either case, nothing else) into n bytes
 * at out. False when hex has another length or a non-hex character; out
 * may then be partly written. */
bool crypto_unhex(const char *hex, void *out, size_t n) FZ_MUST_CHECK;

/* SHA-256 of n bytes. Aborts the process if libcrypto cannot compute a
 * digest at all (a broken installation), since no caller could go on. */
void crypto_sha256(const void *data, size_t n, unsigned char out[32]);

/* Compares n bytes in time that depends only on n. */
bool crypto_equal(const void *a, const void *b, size_t n) FZ_MUST_CHECK;

/* Longest string crypto_password_hash() writes, with its NUL. */
#define CRYPTO_PASSWORD_HASH_MAX 160

/* Hashes password with scrypt (N = 2^15, r = 8, p = 1, 16 random bytes of
 * salt, 32 bytes of output, about 32 MiB of memory) and writes
 *     scrypt$N=32768,r=8,p=1$<salt, 32 hex>$<hash, 64 hex>
 * into out. The parameters travel in the string, so they can be raised
 * later without breaking stored hashes. Returns FZ_OK; FZ_INVALID for a
 * NULL password (any string, even "", is hashed); FZ_INTERNAL when
 * outlen is too small (give CRYPTO_PASSWORD_HASH_MAX) or there is no
 * randomness; FZ_NOMEM when scrypt cannot get its memory. out is "" on
 * failure. */
enum fz_err crypto_password_hash(const char *password, char *out, size_t outlen)
	FZ_MUST_CHECK;

/* Checks password against a string from crypto_password_hash(), using
 * the N, r and p written in that string. On FZ_OK *match says whether it
 * matched (compared in constant time). FZ_INVALID when encoded is
 * malformed or asks for unreasonable parameters (more than 2^20 for N,
 * or more than 256 MiB of memory); FZ_NOMEM when scrypt fails. *match is
 * false unless FZ_OK and the password matched. */
enum fz_err crypto_password_verify(const char *password, const char *encoded,
				   bool *match) FZ_MUST_CHECK;

/* FOR TESTS ONLY. Sets log2(N) for hashes made from now on by this
 * process (1..20; other values restore the default 15), so that a test
 * suite that signs in hundreds of times stays fast. Verification is not
 * affected: it always uses the parameters in the string. Production code
 * never calls this. */
void crypto_password_set_cost_for_tests(int log2n);

#endif
