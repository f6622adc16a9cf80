/* checkpoint.c - checkpoint text, Ed25519 keys in PEM files and
 * signatures, all through OpenSSL's EVP_PKEY interface. */
#include "ledger/checkpoint.h"

#include <errno.h>
#include <stdint.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "base/crypto.h"

struct ledger_key {
	EVP_PKEY *pkey;
};

size_t ledger_checkpoint_text(const struct ledger_checkpoint *cp,
			      char out[LEDGER_CHECKPOINT_TEXT_MAX])
{
	char hex[2 * LEDGER_HASH_MAX + 1];
	if (cp->origin[0]) {
		char b64[4 * ((LEDGER_HASH_MAX + 2) / 3) + 1];
		note_b64_encode(cp->root, ledger_hash_size(cp->alg), b64);
		int k = snprintf(out, LEDGER_CHECKPOINT_TEXT_MAX, "%s\n%llu\n%s\nhash %s\ntime %lld\n",
				 cp->origin, (unsigned long long)cp->size, b64,
				 ledger_hash_name(cp->alg), (long long)cp->at);
		return k < 0 || k >= LEDGER_CHECKPOINT_TEXT_MAX ? 0 : (size_t)k;
	}
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

static enum fz_err key_generate(const char *alg, const char *priv_path, const char *pub_path,
				struct fz_error *e)
{
	EVP_PKEY *pk = EVP_PKEY_Q_keygen(NULL, NULL, alg);
	if (!pk)
		return fz_fail(e, FZ_INTERNAL, "key", "无法生成签名密钥");
	enum fz_err rc = pem_write(priv_path, 0600, pk, true, e);
	if (!rc && (rc = pem_write(pub_path, 0644, pk, false, e)))
		unlink(priv_path);
	EVP_PKEY_free(pk);
	return rc;
}

enum fz_err ledger_key_generate(const char *priv_path, const char *pub_path,
				struct fz_error *e)
{
	return key_generate("ED25519", priv_path, pub_path, e);
}

static enum fz_err key_load(const char *priv_path, const char *type, const char *type_name,
			    struct ledger_key **out, struct fz_error *e)
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
	if (!pk || !EVP_PKEY_is_a(pk, type)) {
		EVP_PKEY_free(pk);
		return fz_fail(e, FZ_INVALID, "key", "签名私钥 %s 不是 %s 密钥", priv_path, type_name);
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

enum fz_err ledger_key_load(const char *priv_path, struct ledger_key **out, struct fz_error *e)
{
	return key_load(priv_path, "ED25519", "Ed25519", out, e);
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
	size_t n = ledger_checkpoint_text(cp, text);
	if (!raw_public(k->pkey, cp->pubkey))
		return FZ_INTERNAL;
	return ledger_ed25519_sign(k, text, n, cp->sig);
}

bool ledger_checkpoint_verify(const struct ledger_checkpoint *cp)
{
	char text[LEDGER_CHECKPOINT_TEXT_MAX];
	size_t n = ledger_checkpoint_text(cp, text);
	return ledger_ed25519_verify(cp->pubkey, text, n, cp->sig);
}

/* --- C2SP: key IDs, parsing, any-message Ed25519, cosignatures --- */

uint32_t ledger_checkpoint_key_id(const char *origin, const unsigned char pub[LEDGER_PUBKEY_LEN])
{
	const unsigned char type = NOTE_TYPE_ED25519;
	return note_key_id(origin, &type, 1, pub, LEDGER_PUBKEY_LEN);
}

void ledger_checkpoint_vkey(struct buf *b, const char *origin,
			    const unsigned char pub[LEDGER_PUBKEY_LEN])
{
	const unsigned char type = NOTE_TYPE_ED25519;
	note_vkey_format(b, origin, &type, 1, pub, LEDGER_PUBKEY_LEN);
}

/* The next line of text[*at..len) without its "\n" into out (cap
 * bytes); false when there is none or it does not fit. */
static bool next_line(const char *text, size_t len, size_t *at, char *out, size_t cap)
{
	if (*at >= len)
		return false;
	const char *nl = memchr(text + *at, '\n', len - *at);
	if (!nl)
		return false;
	size_t n = (size_t)(nl - (text + *at));
	if (n >= cap)
		return false;
	memcpy(out, text + *at, n);
	out[n] = '\0';
	*at += n + 1;
	return true;
}

static bool decimal(const char *s, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;
	if (!*s || (s[0] == '0' && s[1]))
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > (max - (uint64_t)(*s - '0')) / 10)
			return false;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	*out = v;
	return true;
}

enum fz_err ledger_checkpoint_parse(const char *text, size_t len, struct ledger_checkpoint *cp,
				    struct fz_error *e)
{
	char line[NOTE_NAME_MAX + 16];
	size_t at = 0, n;
	uint64_t v;
	memset(cp, 0, sizeof *cp);
	if (!next_line(text, len, &at, cp->origin, sizeof cp->origin) || !note_name_ok(cp->origin))
		return fz_fail(e, FZ_INVALID, "checkpoint", "检查点的第一行（日志名称）无效");
	if (!next_line(text, len, &at, line, sizeof line) || !decimal(line, INT64_MAX, &v))
		return fz_fail(e, FZ_INVALID, "checkpoint", "检查点的第二行（记录数）无效");
	cp->size = v;
	char root64[NOTE_NAME_MAX + 16];
	if (!next_line(text, len, &at, root64, sizeof root64) ||
	    !note_b64_decode(root64, strlen(root64), cp->root, sizeof cp->root, &n) || n != 32)
		return fz_fail(e, FZ_INVALID, "checkpoint", "检查点的第三行（根哈希）无效");
	if (!next_line(text, len, &at, line, sizeof line) || strncmp(line, "hash ", 5) != 0 ||
	    !ledger_hash_from_name(line + 5, &cp->alg))
		return fz_fail(e, FZ_INVALID, "checkpoint", "检查点缺少摘要算法（hash 行）");
	if (!next_line(text, len, &at, line, sizeof line) || strncmp(line, "time ", 5) != 0 ||
	    !decimal(line + 5, INT64_MAX, &v))
		return fz_fail(e, FZ_INVALID, "checkpoint", "检查点缺少签署时间（time 行）");
	cp->at = (int64_t)v;
	if (at != len)
		return fz_fail(e, FZ_INVALID, "checkpoint", "检查点含有无法识别的行");
	return FZ_OK;
}

void ledger_key_public(const struct ledger_key *k, unsigned char out[LEDGER_PUBKEY_LEN])
{
	if (!raw_public(k->pkey, out))
		memset(out, 0, LEDGER_PUBKEY_LEN);
}

enum fz_err ledger_ed25519_sign(const struct ledger_key *k, const void *msg, size_t len,
				unsigned char sig[LEDGER_SIG_LEN])
{
	/* Ed25519 hashes internally: no digest is named. */
	size_t siglen = LEDGER_SIG_LEN;
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	if (!c)
		return FZ_NOMEM;
	int ok = EVP_DigestSignInit(c, NULL, NULL, NULL, k->pkey) == 1 &&
		 EVP_DigestSign(c, sig, &siglen, msg, len) == 1 && siglen == LEDGER_SIG_LEN;
	EVP_MD_CTX_free(c);
	return ok ? FZ_OK : FZ_INTERNAL;
}

bool ledger_ed25519_verify(const unsigned char pub[LEDGER_PUBKEY_LEN], const void *msg,
			   size_t len, const unsigned char sig[LEDGER_SIG_LEN])
{
	EVP_PKEY *pk = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, pub, LEDGER_PUBKEY_LEN);
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	bool ok = pk && c && EVP_DigestVerifyInit(c, NULL, NULL, NULL, pk) == 1 &&
		  EVP_DigestVerify(c, sig, LEDGER_SIG_LEN, msg, len) == 1;
	EVP_MD_CTX_free(c);
	EVP_PKEY_free(pk);
	return ok;
}

void ledger_cosig_message(struct buf *b, int64_t t, const char *body, size_t body_len)
{
	buf_addf(b, "cosignature/v1\ntime %lld\n", (long long)t);
	buf_add(b, body, body_len);
}

enum fz_err ledger_cosign(const struct ledger_key *k, int64_t t, const char *body,
			  size_t body_len, unsigned char out[LEDGER_COSIG_LEN])
{
	struct buf m = BUF_INIT;
	if (t < 0)
		return FZ_INVALID;
	ledger_cosig_message(&m, t, body, body_len);
	enum fz_err rc = buf_status(&m);
	for (int i = 0; i < 8; i++)
		out[i] = (unsigned char)((uint64_t)t >> (56 - 8 * i));
	if (!rc)
		rc = ledger_ed25519_sign(k, m.data, m.len, out + 8);
	buf_release(&m);
	return rc;
}

bool ledger_cosig_verify(const unsigned char pub[LEDGER_PUBKEY_LEN], const char *body,
			 size_t body_len, const unsigned char *sig, int64_t *t)
{
	uint64_t ts = 0;
	struct buf m = BUF_INIT;
	for (int i = 0; i < 8; i++)
		ts = (ts << 8) | sig[i];
	if (ts > INT64_MAX)
		return false;
	ledger_cosig_message(&m, (int64_t)ts, body, body_len);
	bool ok = buf_status(&m) == FZ_OK && ledger_ed25519_verify(pub, m.data, m.len, sig + 8);
	buf_release(&m);
	if (ok && t)
		*t = (int64_t)ts;
	return ok;
}

/* --- SM2 --- */

/* The signer ID of GB/T 35276 when none is agreed (OpenSSL's default). */
static const char sm2_id[] = "1234567812345678";

enum fz_err ledger_sm2_key_generate(const char *priv_path, const char *pub_path,
				    struct fz_error *e)
{
	return key_generate("SM2", priv_path, pub_path, e);
}

enum fz_err ledger_sm2_key_load(const char *priv_path, struct ledger_key **out,
				struct fz_error *e)
{
	return key_load(priv_path, "SM2", "SM2", out, e);
}

static bool spki_der(EVP_PKEY *pk, unsigned char out[LEDGER_SM2_PUB_MAX], size_t *len)
{
	int n = i2d_PUBKEY(pk, NULL);
	if (n <= 0 || n > LEDGER_SM2_PUB_MAX)
		return false;
	unsigned char *p = out;
	if (i2d_PUBKEY(pk, &p) != n)
		return false;
	*len = (size_t)n;
	return true;
}

bool ledger_sm2_key_public(const struct ledger_key *k, unsigned char out[LEDGER_SM2_PUB_MAX],
			   size_t *len)
{
	return spki_der(k->pkey, out, len);
}

enum fz_err ledger_sm2_pubkey_load(const char *pub_path, unsigned char out[LEDGER_SM2_PUB_MAX],
				   size_t *len, struct fz_error *e)
{
	FILE *f = fopen(pub_path, "re");
	if (!f)
		return fz_fail(e, errno == ENOENT ? FZ_NOTFOUND : FZ_IO, "key",
			       "无法读取 SM2 公钥 %s：%s", pub_path, strerror(errno));
	EVP_PKEY *pk = PEM_read_PUBKEY(f, NULL, NULL, NULL);
	fclose(f);
	bool ok = pk && EVP_PKEY_is_a(pk, "SM2") && spki_der(pk, out, len);
	EVP_PKEY_free(pk);
	return ok ? FZ_OK : fz_fail(e, FZ_INVALID, "key", "%s 不是 SM2 公钥", pub_path);
}

/* A digest-sign/verify context for SM2 with SM3 and the default ID. */
static EVP_MD_CTX *sm2_ctx(EVP_PKEY *pk, bool sign)
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	EVP_PKEY_CTX *pc = EVP_PKEY_CTX_new(pk, NULL);
	if (!c || !pc || EVP_PKEY_CTX_set1_id(pc, sm2_id, sizeof sm2_id - 1) != 1)
		goto fail;
	EVP_MD_CTX_set_pkey_ctx(c, pc);
	int ok = sign ? EVP_DigestSignInit(c, NULL, EVP_sm3(), NULL, pk)
		      : EVP_DigestVerifyInit(c, NULL, EVP_sm3(), NULL, pk);
	if (ok == 1)
		return c; /* c owns pc now */
	EVP_MD_CTX_free(c);
	EVP_PKEY_CTX_free(pc);
	return NULL;
fail:
	EVP_MD_CTX_free(c);
	EVP_PKEY_CTX_free(pc);
	return NULL;
}

enum fz_err ledger_sm2_sign(const struct ledger_key *k, const void *msg, size_t len,
			    unsigned char sig[LEDGER_SM2_SIG_MAX], size_t *sig_len)
{
	EVP_MD_CTX *c = sm2_ctx(k->pkey, true);
	size_t n = 0;
	if (!c)
		return FZ_INTERNAL;
	unsigned char tmp[LEDGER_SM2_SIG_MAX + 8];
	n = sizeof tmp;
	bool ok = EVP_DigestSign(c, tmp, &n, msg, len) == 1 && n <= LEDGER_SM2_SIG_MAX;
	EVP_PKEY_CTX *pc = EVP_MD_CTX_get_pkey_ctx(c);
	EVP_MD_CTX_free(c);
	EVP_PKEY_CTX_free(pc);
	if (!ok)
		return FZ_INTERNAL;
	memcpy(sig, tmp, n);
	*sig_len = n;
	return FZ_OK;
}

bool ledger_sm2_verify(const unsigned char *pub_der, size_t pub_len, const void *msg,
		       size_t len, const unsigned char *sig, size_t sig_len)
{
	const unsigned char *p = pub_der;
	EVP_PKEY *pk = d2i_PUBKEY(NULL, &p, (long)pub_len);
	if (!pk)
		return false;
	EVP_MD_CTX *c = EVP_PKEY_is_a(pk, "SM2") ? sm2_ctx(pk, false) : NULL;
	bool ok = c && EVP_DigestVerify(c, sig, sig_len, msg, len) == 1;
	if (c) {
		EVP_PKEY_CTX *pc = EVP_MD_CTX_get_pkey_ctx(c);
		EVP_MD_CTX_free(c);
		EVP_PKEY_CTX_free(pc);
	}
	EVP_PKEY_free(pk);
	return ok;
}

size_t ledger_sm2_note_type(unsigned char out[1 + sizeof NOTE_SM2_ID])
{
	out[0] = NOTE_TYPE_OTHER;
	memcpy(out + 1, NOTE_SM2_ID, sizeof NOTE_SM2_ID - 1);
	return sizeof NOTE_SM2_ID;
}
