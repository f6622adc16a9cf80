/* crypto.c - thin wrappers over libcrypto; see crypto.h.
 *
 * Password hashes are scrypt because OpenSSL 3.0 ships it (Argon2 arrived
 * only in 3.2) and because it is memory-hard, which is what slows down an
 * attacker holding a copy of the user table. */
#include "base/crypto.h"

#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

enum fz_err crypto_random(void *buf, size_t n)
{
	unsigned char *p = buf;

	/* RAND_bytes takes an int; ask in pieces. */
	while (n > 0) {
		int chunk = n > INT_MAX ? INT_MAX : (int)n;
		if (RAND_bytes(p, chunk) != 1)
			return FZ_INTERNAL;
		p += chunk;
		n -= (size_t)chunk;
	}
	return FZ_OK;
}

void crypto_hex(const void *in, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	const unsigned char *p = in;

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 0x0F];
	}
	out[2 * n] = '\0';
}

static int crypto_hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

bool crypto_unhex(const char *hex, void *out, size_t n)
{
	unsigned char *p = out;

	if (!hex || n > SIZE_MAX / 2 || strlen(hex) != 2 * n)
		return false;
	for (size_t i = 0; i < n; i++) {
		int hi = crypto_hex_value(hex[2 * i]);
		int lo = crypto_hex_value(hex[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return false;
		p[i] = (unsigned char)(hi << 4 | lo);
	}
	return true;
}

/* SHA-256 fetched from the provider once: EVP_sha256() makes every
 * EVP_Digest fetch it again, under a lock of the provider's store (a
 * third of the digest's time on each signed-in request). */
static EVP_MD *sha256_md;
static pthread_once_t sha256_once = PTHREAD_ONCE_INIT;

static void sha256_fetch(void)
{
	sha256_md = EVP_MD_fetch(NULL, "SHA256", NULL);
}

void crypto_sha256(const void *data, size_t n, unsigned char out[32])
{
	unsigned int len = 0;

	pthread_once(&sha256_once, sha256_fetch);
	if (!sha256_md ||
	    EVP_Digest(data, n, out, &len, sha256_md, NULL) != 1 || len != 32) {
		fputs("fazhi: libcrypto cannot compute SHA-256\n", stderr);
		abort();
	}
}

bool crypto_equal(const void *a, const void *b, size_t n)
{
	return CRYPTO_memcmp(a, b, n) == 0;
}

/* ---- passwords ---------------------------------------------------- */

#define PW_PREFIX "scrypt$"
#define PW_DEFAULT_LOG2N 15
#define PW_R 8
#define PW_P 1
#define PW_SALT_LEN 16
#define PW_KEY_LEN 32
/* Limits on what a stored string may ask for, so that a corrupt or
 * hostile row cannot make one sign-in eat the machine. */
#define PW_MAX_N (1u << 20)
#define PW_MAX_R 32u
#define PW_MAX_P 16u
#define PW_MAX_MEM (256u * 1024 * 1024)
#define PW_MIN_SALT 1   /* we write 16; accept what RFC 7914 tests use */
#define PW_MIN_KEY 16
#define PW_MAX_BYTES 64

/* Only tests change this (crypto_password_set_cost_for_tests); atomic so
 * that a test server's threads read a whole value. */
static atomic_int crypto_pw_log2n = PW_DEFAULT_LOG2N;

void crypto_password_set_cost_for_tests(int log2n)
{
	if (log2n < 1 || log2n > 20)
		log2n = PW_DEFAULT_LOG2N;
	atomic_store(&crypto_pw_log2n, log2n);
}

/* The memory OpenSSL's scrypt needs for these parameters (its own
 * formula: p*128*r for B plus 128*r*(N+2) for V), or 0 when beyond
 * PW_MAX_MEM. The arguments are already bounded, so nothing overflows. */
static uint64_t crypto_scrypt_mem(uint64_t n, uint64_t r, uint64_t p)
{
	uint64_t need = 128 * r * p + 128 * r * (n + 2);
	return need <= PW_MAX_MEM ? need : 0;
}

static enum fz_err crypto_scrypt(const char *password, const unsigned char *salt,
				 size_t saltlen, uint64_t n, uint64_t r, uint64_t p,
				 unsigned char *key, size_t keylen)
{
	uint64_t mem = crypto_scrypt_mem(n, r, p);

	if (!mem)
		return FZ_INVALID;
	if (EVP_PBE_scrypt(password, strlen(password), salt, saltlen, n, r, p,
			   mem, key, keylen) != 1)
		return FZ_NOMEM;
	return FZ_OK;
}

enum fz_err crypto_password_hash(const char *password, char *out, size_t outlen)
{
	unsigned char salt[PW_SALT_LEN], key[PW_KEY_LEN];
	char salt_hex[2 * PW_SALT_LEN + 1], key_hex[2 * PW_KEY_LEN + 1];
	uint64_t n = (uint64_t)1 << atomic_load(&crypto_pw_log2n);
	enum fz_err err;

	if (outlen > 0)
		out[0] = '\0';
	if (!password)
		return FZ_INVALID;
	if (outlen < CRYPTO_PASSWORD_HASH_MAX)
		return FZ_INTERNAL;
	err = crypto_random(salt, sizeof salt);
	if (err != FZ_OK)
		return err;
	err = crypto_scrypt(password, salt, sizeof salt, n, PW_R, PW_P, key, sizeof key);
	if (err != FZ_OK)
		goto done;
	crypto_hex(salt, sizeof salt, salt_hex);
	crypto_hex(key, sizeof key, key_hex);
	int len = snprintf(out, outlen, PW_PREFIX "N=%llu,r=%d,p=%d$%s$%s",
			   (unsigned long long)n, PW_R, PW_P, salt_hex, key_hex);
	if (len < 0 || (size_t)len >= outlen) {
		out[0] = '\0';
		err = FZ_INTERNAL;
	}
done:
	OPENSSL_cleanse(key, sizeof key);
	OPENSSL_cleanse(key_hex, sizeof key_hex);
	return err;
}

/* Reads a decimal number without leading zeros, at most max, and moves *s
 * past it. */
static bool crypto_parse_uint(const char **s, uint64_t max, uint64_t *out)
{
	const char *p = *s;
	uint64_t v = 0;

	if (*p < '0' || *p > '9' || (*p == '0' && p[1] >= '0' && p[1] <= '9'))
		return false;
	for (; *p >= '0' && *p <= '9'; p++) {
		v = v * 10 + (uint64_t)(*p - '0');
		if (v > max)
			return false;
	}
	*s = p;
	*out = v;
	return true;
}

/* Expects the literal lit at *s and moves past it. */
static bool crypto_parse_lit(const char **s, const char *lit)
{
	size_t n = strlen(lit);

	if (strncmp(*s, lit, n) != 0)
		return false;
	*s += n;
	return true;
}

/* Decodes a run of hex digits ending at stop ('$' or NUL) into out
 * (min..PW_MAX_BYTES bytes), moving *s to stop. */
static bool crypto_parse_hex(const char **s, char stop, size_t min,
			     unsigned char *out, size_t *outlen)
{
	char hex[2 * PW_MAX_BYTES + 1];
	const char *end = strchr(*s, stop);
	size_t len = end ? (size_t)(end - *s) : 0;

	if (len % 2 != 0 || len < 2 * min || len > 2 * PW_MAX_BYTES)
		return false;
	memcpy(hex, *s, len);
	hex[len] = '\0';
	if (!crypto_unhex(hex, out, len / 2))
		return false;
	*outlen = len / 2;
	*s = end;
	return true;
}

enum fz_err crypto_password_verify(const char *password, const char *encoded,
				   bool *match)
{
	unsigned char salt[PW_MAX_BYTES], want[PW_MAX_BYTES], got[PW_MAX_BYTES];
	size_t saltlen = 0, keylen = 0;
	uint64_t n, r, p;
	const char *s = encoded;
	enum fz_err err;

	*match = false;
	if (!password || !encoded)
		return FZ_INVALID;
	/* scrypt$N=<n>,r=<r>,p=<p>$<salt hex>$<key hex> */
	if (!crypto_parse_lit(&s, PW_PREFIX "N=") ||
	    !crypto_parse_uint(&s, PW_MAX_N, &n) ||
	    !crypto_parse_lit(&s, ",r=") ||
	    !crypto_parse_uint(&s, PW_MAX_R, &r) ||
	    !crypto_parse_lit(&s, ",p=") ||
	    !crypto_parse_uint(&s, PW_MAX_P, &p) ||
	    !crypto_parse_lit(&s, "$") ||
	    !crypto_parse_hex(&s, '$', PW_MIN_SALT, salt, &saltlen) ||
	    !crypto_parse_lit(&s, "$") ||
	    !crypto_parse_hex(&s, '\0', PW_MIN_KEY, want, &keylen))
		return FZ_INVALID;
	/* scrypt wants N a power of two above 1, r and p at least 1, and
	 * (per RFC 7914) N < 2^(128 r / 8). */
	if (n < 2 || (n & (n - 1)) != 0 || r < 1 || p < 1 || (r < 2 && n >= 65536))
		return FZ_INVALID;

	err = crypto_scrypt(password, salt, saltlen, n, r, p, got, keylen);
	if (err == FZ_OK)
		*match = crypto_equal(got, want, keylen);
	OPENSSL_cleanse(got, sizeof got);
	return err;
}
