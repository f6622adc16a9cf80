/* note.c - signed notes: base64, key IDs, signature lines, parsing and
 * verifier keys (note.h). Signing and verifying are the callers'
 * (checkpoint.c): this file only handles the text around signatures. */
#include "ledger/note.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "base/crypto.h"

#define EM_DASH "\xe2\x80\x94"

size_t note_b64_encode(const void *in, size_t n, char *out)
{
	/* EVP_EncodeBlock writes standard, padded base64 without newlines. */
	int k = EVP_EncodeBlock((unsigned char *)out, in, (int)n);
	if (k < 0) {
		out[0] = '\0';
		return 0;
	}
	return (size_t)k;
}

static int b64_value(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

bool note_b64_decode(const char *in, size_t len, unsigned char *out, size_t cap,
		     size_t *outlen)
{
	size_t o = 0;
	*outlen = 0;
	if (len % 4 != 0)
		return false;
	for (size_t i = 0; i < len; i += 4) {
		int v[4], pad = 0;
		for (int j = 0; j < 4; j++) {
			char c = in[i + j];
			if (c == '=' && i + 4 == len && j >= 2) {
				v[j] = 0;
				pad++;
				continue;
			}
			if (pad || (v[j] = b64_value(c)) < 0)
				return false;
		}
		unsigned long w = ((unsigned long)v[0] << 18) | ((unsigned long)v[1] << 12) |
				  ((unsigned long)v[2] << 6) | (unsigned long)v[3];
		size_t k = 3 - (size_t)pad;
		if (o + k > cap)
			return false;
		unsigned char b[3] = { (unsigned char)(w >> 16), (unsigned char)(w >> 8),
				       (unsigned char)w };
		memcpy(out + o, b, k);
		o += k;
	}
	*outlen = o;
	return true;
}

uint32_t note_key_id(const char *name, const unsigned char *type, size_t type_len,
		     const unsigned char *key, size_t key_len)
{
	size_t nl = strlen(name), n = nl + 1 + type_len + key_len;
	unsigned char *m = malloc(n), d[32];
	if (!m)
		abort(); /* a few hundred bytes: nothing sensible to do */
	memcpy(m, name, nl);
	m[nl] = '\n';
	memcpy(m + nl + 1, type, type_len);
	memcpy(m + nl + 1 + type_len, key, key_len);
	crypto_sha256(m, n, d);
	free(m);
	return ((uint32_t)d[0] << 24) | ((uint32_t)d[1] << 16) | ((uint32_t)d[2] << 8) | d[3];
}

bool note_name_ok(const char *name)
{
	size_t n = name ? strlen(name) : 0;
	if (n == 0 || n >= NOTE_NAME_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];
		if (c <= ' ' || c == '+' || c == 0x7f)
			return false;
	}
	/* the Unicode spaces of UTF-8 text that matter here */
	return !strstr(name, "\xe3\x80\x80") && !strstr(name, "\xc2\xa0");
}

void note_sig_line(struct buf *b, const char *name, uint32_t key_id, const unsigned char *sig,
		   size_t sig_len)
{
	unsigned char raw[4 + NOTE_SIG_MAX];
	char b64[4 * ((sizeof raw + 2) / 3) + 1];
	if (sig_len > NOTE_SIG_MAX) {
		b->failed = true;
		return;
	}
	raw[0] = (unsigned char)(key_id >> 24);
	raw[1] = (unsigned char)(key_id >> 16);
	raw[2] = (unsigned char)(key_id >> 8);
	raw[3] = (unsigned char)key_id;
	memcpy(raw + 4, sig, sig_len);
	note_b64_encode(raw, 4 + sig_len, b64);
	buf_addf(b, EM_DASH " %s %s\n", name, b64);
}

/* One signature line (without its "\n") into sg. */
static bool sig_line_parse(const char *s, size_t len, struct note_sig *sg)
{
	unsigned char raw[4 + NOTE_SIG_MAX];
	size_t dl = strlen(EM_DASH " "), n;
	if (len < dl || memcmp(s, EM_DASH " ", dl) != 0)
		return false;
	s += dl;
	len -= dl;
	const char *sp = memchr(s, ' ', len);
	if (!sp || sp == s || (size_t)(sp - s) >= sizeof sg->name)
		return false;
	memcpy(sg->name, s, (size_t)(sp - s));
	sg->name[sp - s] = '\0';
	if (!note_name_ok(sg->name))
		return false;
	const char *b64 = sp + 1;
	if (!note_b64_decode(b64, len - (size_t)(b64 - s), raw, sizeof raw, &n) || n < 5)
		return false;
	sg->key_id = ((uint32_t)raw[0] << 24) | ((uint32_t)raw[1] << 16) |
		     ((uint32_t)raw[2] << 8) | raw[3];
	sg->sig_len = n - 4;
	memcpy(sg->sig, raw + 4, sg->sig_len);
	return true;
}

enum fz_err note_parse(const char *s, size_t len, struct note *out, struct fz_error *e)
{
	memset(out, 0, sizeof out->text + sizeof out->text_len);
	out->nsigs = 0;
	if (len > 64 * 1024)
		return fz_fail(e, FZ_INVALID, "note", "签名文本过长");
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 && s[i] != '\n')
			return fz_fail(e, FZ_INVALID, "note", "签名文本含有控制字符");
	/* the signatures start after the last blank line */
	size_t split = 0;
	for (size_t i = 1; i + 1 < len; i++)
		if (s[i] == '\n' && s[i + 1] == '\n')
			split = i + 1;
	if (!split || len == 0 || s[len - 1] != '\n')
		return fz_fail(e, FZ_INVALID, "note", "不是签名文本：缺少正文与签名之间的空行");
	out->text = s;
	out->text_len = split;
	for (size_t at = split + 1; at < len;) {
		const char *nl = memchr(s + at, '\n', len - at);
		size_t l = (size_t)(nl - (s + at));
		if (out->nsigs == NOTE_SIGS_MAX)
			return fz_fail(e, FZ_INVALID, "note", "签名行过多");
		if (!sig_line_parse(s + at, l, &out->sigs[out->nsigs]))
			return fz_fail(e, FZ_INVALID, "note", "签名行格式不正确");
		out->nsigs++;
		at += l + 1;
	}
	if (out->nsigs == 0)
		return fz_fail(e, FZ_INVALID, "note", "签名文本没有签名");
	return FZ_OK;
}

enum fz_err note_vkey_parse(const char *s, struct note_vkey *out, struct fz_error *e)
{
	unsigned char raw[1 + sizeof NOTE_SM2_ID + NOTE_KEY_MAX];
	size_t n, idl = strlen(NOTE_SM2_ID);
	memset(out, 0, sizeof *out);
	const char *p1 = s ? strchr(s, '+') : NULL, *p2 = p1 ? strchr(p1 + 1, '+') : NULL;
	if (!p1 || !p2 || p2 - p1 != 9 || (size_t)(p1 - s) >= sizeof out->name)
		return fz_fail(e, FZ_INVALID, "key", "公钥“%.80s”不是“名称+标识+密钥”格式", s ? s : "");
	memcpy(out->name, s, (size_t)(p1 - s));
	unsigned char id[4];
	if (!note_name_ok(out->name) ||
	    !note_b64_decode(p2 + 1, strlen(p2 + 1), raw, sizeof raw, &n) || n < 2)
		return fz_fail(e, FZ_INVALID, "key", "公钥“%.80s”格式不正确", s);
	char hex[9];
	memcpy(hex, p1 + 1, 8);
	hex[8] = '\0';
	if (!crypto_unhex(hex, id, 4))
		return fz_fail(e, FZ_INVALID, "key", "公钥“%.80s”的标识不是十六进制", s);
	if ((raw[0] == NOTE_TYPE_ED25519 || raw[0] == NOTE_TYPE_COSIG_V1) && n == 33) {
		out->type_len = 1;
	} else if (raw[0] == NOTE_TYPE_OTHER && n > 1 + idl &&
		   memcmp(raw + 1, NOTE_SM2_ID, idl) == 0 && n - 1 - idl <= NOTE_KEY_MAX) {
		out->type_len = 1 + idl;
	} else {
		return fz_fail(e, FZ_INVALID, "key", "公钥“%.80s”的签名类型不受支持", s);
	}
	memcpy(out->type, raw, out->type_len);
	out->key_len = n - out->type_len;
	memcpy(out->key, raw + out->type_len, out->key_len);
	out->key_id = ((uint32_t)id[0] << 24) | ((uint32_t)id[1] << 16) | ((uint32_t)id[2] << 8) |
		      id[3];
	if (note_key_id(out->name, out->type, out->type_len, out->key, out->key_len) !=
	    out->key_id)
		return fz_fail(e, FZ_INVALID, "key", "公钥“%.80s”的标识与密钥不符", s);
	return FZ_OK;
}

void note_vkey_format(struct buf *b, const char *name, const unsigned char *type,
		      size_t type_len, const unsigned char *key, size_t key_len)
{
	unsigned char raw[1 + sizeof NOTE_SM2_ID + NOTE_KEY_MAX];
	char b64[4 * ((sizeof raw + 2) / 3) + 1];
	if (type_len + key_len > sizeof raw) {
		b->failed = true;
		return;
	}
	memcpy(raw, type, type_len);
	memcpy(raw + type_len, key, key_len);
	note_b64_encode(raw, type_len + key_len, b64);
	buf_addf(b, "%s+%08x+%s", name, (unsigned)note_key_id(name, type, type_len, key, key_len),
		 b64);
}
