/* checkpoint.c - checkpoint text, Ed25519 keys in PEM files and
 * signatures, all through OpenSSL's EVP_PKEY interface. */
#include "ledger/checkpoint.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/pem.h>

#include "base/crypto.h"

struct ledger_key {
	EVP_PKEY *pkey;
};

size_t ledger_checkpoint_text(const struct ledger_checkpoint *cp,
			      char out[LEDGER_CHECKPOINT_TEXT_MAX])
{
	char hex[2 * LEDGER_HASH_MAX + 1];
	crypto_hex(cp->root, ledger_hash_size(cp->alg), hex);
	int n = snprintf(out, LEDGER_CHECKPOINT_TEXT_MAX,
			 "fazhi-ledger-checkpoint/v1\nhash %s\nsize %llu\nroot %s\ntime %lld\n",
			 ledger_hash_name(cp->alg), (unsigned long long)cp->size, hex,
			 (long long)cp->at);
	return n < 0 ? 0 : (size_t)n;
}

/* Writes the PEM that write() produces into a new file of the given mode. */
static enum fz_err pem_write(const char *path, mode_t mode, EVP_PKEY *pk, bool private_key,
			     struct fz_error *e)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	if (fd < 0)
		return fz_fail(e, errno == EEXIST ? FZ_CONFLICT : FZ_IO, "key",
			       "无法创建密钥文件 %s：%s", path, strerror(errno));
	/* umask may have narrowed the mode; the private key must be 0600. */
	(void)fchmod(fd, mode);
	FILE *f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		unlink(path);
		return fz_fail(e, FZ_IO, "key", "无法写入密钥文件 %s", path);
	}
	int ok = private_key ? PEM_write_PrivateKey(f, pk, NULL, NULL, 0, NULL, NULL)
			     : PEM_write_PUBKEY(f, pk);
	if (fflush(f) != 0 || fsync(fileno(f)) != 0)
		ok = 0;
	if (fclose(f) != 0)
		ok = 0;
	if (ok != 1) {
		unlink(path);
		return fz_fail(e, FZ_IO, "key", "无法写入密钥文件 %s", path);
	}
	return FZ_OK;
}

enum fz_err ledger_key_generate(const char *priv_path, const char *pub_path,
				struct fz_error *e)
{
	EVP_PKEY *pk = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
	if (!pk)
		return fz_fail(e, FZ_INTERNAL, "key", "无法生成签名密钥");
	enum fz_err rc = pem_write(priv_path, 0600, pk, true, e);
	if (!rc && (rc = pem_write(pub_path, 0644, pk, false, e)))
		unlink(priv_path);
	EVP_PKEY_free(pk);
	return rc;
}

enum fz_err ledger_key_load(const char *priv_path, struct ledger_key **out, struct fz_error *e)
{
	struct stat sb;
	*out = NULL;
	FILE *f = fopen(priv_path, "re");
	if (!f)
		return fz_fail(e, errno == ENOENT ? FZ_NOTFOUND : FZ_IO, "key",
			       "无法读取签名私钥 %s：%s", priv_path, strerror(errno));
	if (fstat(fileno(f), &sb) != 0 || (sb.st_mode & 077)) {
		fclose(f);
		return fz_fail(e, FZ_FORBIDDEN, "key",
			       "签名私钥 %s 的权限过宽（应为 0600），拒绝使用", priv_path);
	}
	EVP_PKEY *pk = PEM_read_PrivateKey(f, NULL, NULL, NULL);
	fclose(f);
	if (!pk || EVP_PKEY_get_id(pk) != EVP_PKEY_ED25519) {
		EVP_PKEY_free(pk);
		return fz_fail(e, FZ_INVALID, "key", "签名私钥 %s 不是 Ed25519 密钥", priv_path);
	}
	struct ledger_key *k = malloc(sizeof *k);
	if (!k) {
		EVP_PKEY_free(pk);
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	}
	k->pkey = pk;
	*out = k;
	return FZ_OK;
}

void ledger_key_free(struct ledger_key *k)
{
	if (!k)
		return;
	EVP_PKEY_free(k->pkey);
	free(k);
}

static bool raw_public(EVP_PKEY *pk, unsigned char out[LEDGER_PUBKEY_LEN])
{
	size_t n = LEDGER_PUBKEY_LEN;
	return EVP_PKEY_get_raw_public_key(pk, out, &n) == 1 && n == LEDGER_PUBKEY_LEN;
}

enum fz_err ledger_pubkey_load(const char *pub_path, unsigned char out[LEDGER_PUBKEY_LEN],
			       struct fz_error *e)
{
	FILE *f = fopen(pub_path, "re");
	if (!f)
		return fz_fail(e, errno == ENOENT ? FZ_NOTFOUND : FZ_IO, "key",
			       "无法读取签名公钥 %s：%s", pub_path, strerror(errno));
	EVP_PKEY *pk = PEM_read_PUBKEY(f, NULL, NULL, NULL);
	fclose(f);
	bool ok = pk && EVP_PKEY_get_id(pk) == EVP_PKEY_ED25519 && raw_public(pk, out);
	EVP_PKEY_free(pk);
	return ok ? FZ_OK : fz_fail(e, FZ_INVALID, "key", "%s 不是 Ed25519 公钥", pub_path);
}

enum fz_err ledger_checkpoint_sign(struct ledger_checkpoint *cp, const struct ledger_key *k)
{
	char text[LEDGER_CHECKPOINT_TEXT_MAX];
	size_t n = ledger_checkpoint_text(cp, text), siglen = LEDGER_SIG_LEN;
	if (!raw_public(k->pkey, cp->pubkey))
		return FZ_INTERNAL;
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	if (!c)
		return FZ_NOMEM;
	/* Ed25519 hashes internally: no digest is named. */
	int ok = EVP_DigestSignInit(c, NULL, NULL, NULL, k->pkey) == 1 &&
		 EVP_DigestSign(c, cp->sig, &siglen, (const unsigned char *)text, n) == 1 &&
		 siglen == LEDGER_SIG_LEN;
	EVP_MD_CTX_free(c);
	return ok ? FZ_OK : FZ_INTERNAL;
}

bool ledger_checkpoint_verify(const struct ledger_checkpoint *cp)
{
	char text[LEDGER_CHECKPOINT_TEXT_MAX];
	size_t n = ledger_checkpoint_text(cp, text);
	EVP_PKEY *pk = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, cp->pubkey,
						   LEDGER_PUBKEY_LEN);
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	bool ok = pk && c && EVP_DigestVerifyInit(c, NULL, NULL, NULL, pk) == 1 &&
		  EVP_DigestVerify(c, cp->sig, LEDGER_SIG_LEN, (const unsigned char *)text, n) == 1;
	EVP_MD_CTX_free(c);
	EVP_PKEY_free(pk);
	return ok;
}
