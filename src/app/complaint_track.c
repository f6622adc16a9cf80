/* complaint_track.c - what the public side of complaints counts per
 * network address (its digest, never the address): filings within a day
 * and failed receipt lookups within an hour; and the lookup of a filing by
 * its receipt and the last four digits of the phone. */
#include "app/complaint_internal.h"

#include <string.h>

#include "app/tx.h"
#include "base/crypto.h"

void complaint_client_key(const char *addr, char out[65])
{
	unsigned char h[32];
	const char *s = addr ? addr : "";
	crypto_sha256(s, strlen(s), h);
	crypto_hex(h, sizeof h, out);
}

enum fz_err complaint_rate_check_key(struct app_ctx *ctx, const char *key, struct fz_error *e)
{
	int64_t n = 0;
	enum fz_err rc = ctx->st->ops->complaint_recent(ctx->st, key,
							ctx->now - COMPLAINT_RATE_WINDOW, &n, e);
	if (rc)
		return rc;
	if (n >= COMPLAINT_RATE_MAX)
		return fz_fail(e, FZ_RATELIMIT, "rate",
			       "同一网络地址一天内最多提交 %d 件投诉，请明天再提交，"
			       "或拨打司法局电话反映",
			       COMPLAINT_RATE_MAX);
	return FZ_OK;
}

enum fz_err app_complaint_rate_check(struct app_ctx *ctx, struct fz_error *e)
{
	char key[65];
	complaint_client_key(ctx->client_addr, key);
	return complaint_rate_check_key(ctx, key, e);
}

/* A lookup that found nothing, counted for the address (its own small
 * transaction: the answer is a refusal, and the count must stay). */
static void lookup_failed(struct app_ctx *ctx, const char *key)
{
	struct fz_error ignore = { 0 };
	if (app_tx_begin(ctx, &ignore))
		return;
	if (ctx->st->ops->complaint_lookup_add(ctx->st, key, ctx->now,
					       ctx->now - COMPLAINT_TRACK_WINDOW, &ignore) ||
	    app_tx_commit(ctx, &ignore))
		app_tx_abort(ctx);
}

static enum fz_err track_once(struct app_ctx *ctx, const char *receipt, const char *phone4,
			      struct complaint *out, struct fz_error *e)
{
	char norm[CMP_RECEIPT_LEN + 1];
	static const char nomatch[] =
		"未查到与该回执编号和电话后四位相符的投诉，请核对后重新查询";
	if (!complaint_receipt_normalize(receipt, norm))
		return fz_fail(e, FZ_INVALID, "receipt",
			       "回执编号有误，请核对（形如 TS20261206-ABCDE23456K，共 22 位）");
	enum fz_err rc = ctx->st->ops->complaint_by_receipt(ctx->st, ctx->a, norm, out, e);
	if (rc == FZ_NOTFOUND)
		return fz_fail(e, FZ_NOTFOUND, "receipt", "%s", nomatch);
	if (rc)
		return rc;
	size_t n = strlen(out->phone);
	const char *p4 = phone4 ? phone4 : "";
	if (n >= 4 && (strlen(p4) != 4 || memcmp(out->phone + n - 4, p4, 4) != 0)) {
		memset(out, 0, sizeof *out);
		return fz_fail(e, FZ_NOTFOUND, "receipt", "%s", nomatch);
	}
	return FZ_OK;
}

enum fz_err app_complaint_track(struct app_ctx *ctx, const char *receipt, const char *phone4,
				struct complaint *out, struct fz_error *e)
{
	char key[65];
	int64_t failed = 0;
	memset(out, 0, sizeof *out);
	complaint_client_key(ctx->client_addr, key);
	enum fz_err rc = ctx->st->ops->complaint_lookup_count(
		ctx->st, key, ctx->now - COMPLAINT_TRACK_WINDOW, &failed, e);
	if (rc)
		return rc;
	if (failed >= COMPLAINT_TRACK_FAIL_MAX)
		return fz_fail(e, FZ_RATELIMIT, "rate",
			       "查询未果的次数过多：同一网络地址一小时内最多可查询未果 %d 次，"
			       "请一小时后再查询，或拨打司法局电话询问办理进度",
			       COMPLAINT_TRACK_FAIL_MAX);
	rc = track_once(ctx, receipt, phone4, out, e);
	if (rc == FZ_INVALID || rc == FZ_NOTFOUND)
		lookup_failed(ctx, key);
	return rc;
}
