/* ledger_tsa.c - an RFC 3161 client: OpenSSL's TS API for the request and
 * the answer, app/http_client.c for the POST (ledger_tsa.h). */
#include "app/ledger_tsa.h"

#include <stdio.h>

#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/ts.h>

#include "app/http_client.h"
#include "base/crypto.h"

/* The request: version 1, SHA-256 imprint of msg, a 64-bit nonce, the
 * signer's certificate asked for. */
static TS_REQ *request(const void *msg, size_t len)
{
	unsigned char d[32], nonce_bytes[8];
	TS_REQ *req = TS_REQ_new();
	TS_MSG_IMPRINT *imp = TS_MSG_IMPRINT_new();
	X509_ALGOR *alg = X509_ALGOR_new();
	ASN1_INTEGER *nonce = NULL;
	BIGNUM *bn = NULL;
	bool ok = req && imp && alg && RAND_bytes(nonce_bytes, sizeof nonce_bytes) == 1;
	crypto_sha256(msg, len, d);
	ok = ok && X509_ALGOR_set0(alg, OBJ_nid2obj(NID_sha256), V_ASN1_NULL, NULL) == 1 &&
	     TS_MSG_IMPRINT_set_algo(imp, alg) == 1 && TS_MSG_IMPRINT_set_msg(imp, d, 32) == 1 &&
	     TS_REQ_set_version(req, 1) == 1 && TS_REQ_set_msg_imprint(req, imp) == 1 &&
	     (bn = BN_bin2bn(nonce_bytes, sizeof nonce_bytes, NULL)) &&
	     (nonce = BN_to_ASN1_INTEGER(bn, NULL)) && TS_REQ_set_nonce(req, nonce) == 1 &&
	     TS_REQ_set_cert_req(req, 1) == 1;
	X509_ALGOR_free(alg);
	TS_MSG_IMPRINT_free(imp);
	ASN1_INTEGER_free(nonce);
	BN_free(bn);
	if (!ok) {
		TS_REQ_free(req);
		return NULL;
	}
	return req;
}

enum fz_err app_ledger_tsa_token(const char *url, const void *msg, size_t len, struct buf *out,
				 struct fz_error *e)
{
	struct buf answer = BUF_INIT;
	unsigned char *der = NULL;
	TS_RESP *resp = NULL;
	TS_VERIFY_CTX *vc = NULL;
	long status = 0;
	enum fz_err rc;
	TS_REQ *req = request(msg, len);
	int n = req ? i2d_TS_REQ(req, &der) : -1;
	if (n <= 0) {
		TS_REQ_free(req);
		return fz_fail(e, FZ_INTERNAL, NULL, "无法生成时间戳请求");
	}
	rc = app_http_request(url, "application/timestamp-query", der, (size_t)n, &answer, &status,
			      e);
	OPENSSL_free(der);
	if (!rc && status != 200)
		rc = fz_fail(e, FZ_IO, "tsa_url", "时间戳服务拒绝了请求（HTTP %ld）", status);
	const unsigned char *p = (const unsigned char *)answer.data;
	if (!rc && !(resp = d2i_TS_RESP(NULL, &p, (long)answer.len)))
		rc = fz_fail(e, FZ_IO, "tsa_url", "时间戳服务的应答无法解析");
	if (!rc) {
		const ASN1_INTEGER *st = TS_STATUS_INFO_get0_status(TS_RESP_get_status_info(resp));
		long granted = st ? ASN1_INTEGER_get(st) : -1;
		if (granted != 0 && granted != 1)
			rc = fz_fail(e, FZ_IO, "tsa_url", "时间戳服务未签发时间戳（状态 %ld）", granted);
	}
	/* the token is for this imprint and this nonce; its signature is
	 * checked by whoever relies on it, against the authority's CA */
	if (!rc && (!(vc = TS_REQ_to_TS_VERIFY_CTX(req, NULL)) ||
		    !TS_VERIFY_CTX_set_flags(vc, TS_VFY_VERSION | TS_VFY_IMPRINT | TS_VFY_NONCE) ||
		    TS_RESP_verify_response(vc, resp) != 1))
		rc = fz_fail(e, FZ_IO, "tsa_url", "时间戳服务的应答与请求不符");
	if (!rc) {
		unsigned char *tok = NULL;
		int tn = i2d_PKCS7(TS_RESP_get_token(resp), &tok);
		if (tn <= 0)
			rc = fz_fail(e, FZ_IO, "tsa_url", "时间戳服务的应答没有时间戳");
		else
			buf_add(out, tok, (size_t)tn);
		OPENSSL_free(tok);
	}
	TS_VERIFY_CTX_free(vc);
	TS_RESP_free(resp);
	TS_REQ_free(req);
	buf_release(&answer);
	return rc;
}
