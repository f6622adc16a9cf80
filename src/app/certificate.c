/* certificate.c - enforcement certificates (执法证): issue, renew, suspend,
 * revoke, annual review, and the public check by number. */
#include "app/people.h"

#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/authz.h"
#include "base/date.h"
#include "domain/certificate.h"
#include "domain/org.h"

static const struct scope scope_all = { .kind = SCOPE_ALL };

static void cert_diff(struct app_ctx *ctx, struct audit_diff *d, const struct certificate *a,
		      const struct certificate *b)
{
	audit_diff_str(ctx, d, "number", a ? a->number : NULL, b->number);
	audit_diff_int(ctx, d, "person_id", a ? a->person_id : 0, b->person_id);
	audit_diff_int(ctx, d, "agency_id", a ? a->agency_id : 0, b->agency_id);
	audit_diff_str(ctx, d, "issuer", a ? a->issuer : NULL, b->issuer);
	audit_diff_str(ctx, d, "domains", a ? a->domains : NULL, b->domains);
	audit_diff_str(ctx, d, "issued_on", a ? a->issued_on : NULL, b->issued_on);
	audit_diff_str(ctx, d, "valid_until", a ? a->valid_until : NULL, b->valid_until);
	audit_diff_str(ctx, d, "status", a ? cert_status_name(a->status) : NULL,
		       cert_status_name(b->status));
	audit_diff_str(ctx, d, "revoked_on", a ? a->revoked_on : NULL,
		       b->revoked_on[0] ? b->revoked_on : NULL);
	audit_diff_str(ctx, d, "revoke_reason", a ? a->revoke_reason : NULL, b->revoke_reason);
}

static enum fz_err cert_check(struct app_ctx *ctx, const struct certificate *c,
			      struct fz_error *e)
{
	enum fz_err rc;
	if ((rc = certificate_validate(c, e)) ||
	    (rc = text_check(c->issuer, "issuer", "发证机关", 60, e)) ||
	    (rc = domains_check(c->domains, "domains", e)))
		return rc;
	(void)ctx;
	return FZ_OK;
}

const char *app_complaint_contact(const struct app_ctx *ctx)
{
	const char *c = ctx->cfg ? ctx->cfg->complaint_contact : NULL;
	return c && *c ? c : "当地司法局（行政执法监督机构）";
}

static void copy_date(char dst[FZ_DATE_LEN], const char *src)
{
	snprintf(dst, FZ_DATE_LEN, "%s", src ? src : "");
}

enum fz_err app_certificate_create(struct app_ctx *ctx, const struct certificate_input *in,
				   struct certificate *out, struct fz_error *e)
{
	enum fz_err rc;
	struct certificate c;
	struct person p;

	if ((rc = app_require(ctx, PERM_CERT_WRITE, "certificate.create", e)))
		return rc;
	memset(&c, 0, sizeof c);
	c.number = (char *)in->number;
	/* Stored as the public check will look it up: the same normalising
	 * (upper case, full-width made ASCII, spaces dropped), so that two
	 * numbers the check cannot tell apart cannot both be issued (the
	 * store's UNIQUE sees the one form). One too long is left as typed
	 * for certificate_validate to refuse. Migration 023 did the same to
	 * the numbers stored before. */
	char *norm = in->number ? arena_alloc(ctx->a, CERTIFICATE_NUMBER_MAX * 4 + 1) : NULL;
	if (norm && cert_number_normalize(in->number, norm, CERTIFICATE_NUMBER_MAX * 4 + 1))
		c.number = norm;
	c.person_id = in->person_id;
	c.issuer = (char *)in->issuer;
	c.domains = (char *)in->domains;
	if (in->issued_on && strlen(in->issued_on) >= FZ_DATE_LEN)
		return fz_fail(e, FZ_INVALID, "issued_on", "发证日期格式应为 YYYY-MM-DD");
	if (in->valid_until && strlen(in->valid_until) >= FZ_DATE_LEN)
		return fz_fail(e, FZ_INVALID, "valid_until", "有效期格式应为 YYYY-MM-DD");
	copy_date(c.issued_on, in->issued_on);
	copy_date(c.valid_until, in->valid_until);
	c.status = CERT_VALID;
	c.created_at = c.updated_at = ctx->now;
	if ((rc = cert_check(ctx, &c, e)))
		return rc;

	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	rc = ctx->st->ops->person_get(ctx->st, ctx->a, &ctx->scope, in->person_id, &p, e);
	if (rc == FZ_NOTFOUND)
		rc = fz_fail(e, FZ_INVALID, "person_id", "持证人不存在或不在您的管理范围内");
	if (rc)
		goto abort;
	if (p.kind != PERSON_OFFICER) {
		rc = fz_fail(e, FZ_INVALID, "person_id", "执法辅助人员不能申领执法证");
		goto abort;
	}
	if (!p.active) {
		rc = fz_fail(e, FZ_INVALID, "person_id", "该人员已离岗，不能发证");
		goto abort;
	}
	c.agency_id = p.agency_id;
	struct audit_diff d = { .n = 0 };
	if ((rc = ctx->st->ops->certificate_insert(ctx->st, &c, e)))
		goto abort;
	cert_diff(ctx, &d, NULL, &c);
	if ((rc = app_tx_finish(ctx, "certificate.create", "certificate", c.id, NULL, &d, e)))
		return rc;
	return out ? ctx->st->ops->certificate_get(ctx->st, ctx->a, &scope_all, c.id, out, e)
		   : FZ_OK;
abort:
	app_tx_abort(ctx);
	return rc;
}

/* Reads the certificate for a change, refusing revoked ones. */
static enum fz_err cert_open(struct app_ctx *ctx, int64_t id, struct certificate *old,
			     struct fz_error *e)
{
	enum fz_err rc = ctx->st->ops->certificate_get(ctx->st, ctx->a, &ctx->scope, id, old, e);
	if (rc)
		return rc;
	if (old->status == CERT_REVOKED)
		return fz_fail(e, FZ_CONFLICT, "status", "该执法证已注销，不能再变更");
	return FZ_OK;
}

static enum fz_err cert_save(struct app_ctx *ctx, const char *action,
			     const struct certificate *old, struct certificate *c,
			     const char *message, struct certificate *out, struct fz_error *e)
{
	enum fz_err rc;
	struct audit_diff d = { .n = 0 };
	c->updated_at = ctx->now;
	if ((rc = ctx->st->ops->certificate_update(ctx->st, c, e)))
		goto abort;
	cert_diff(ctx, &d, old, c);
	if ((rc = app_tx_finish(ctx, action, "certificate", c->id, message, &d, e)))
		return rc;
	return out ? ctx->st->ops->certificate_get(ctx->st, ctx->a, &scope_all, c->id, out, e)
		   : FZ_OK;
abort:
	app_tx_abort(ctx);
	return rc;
}

enum fz_err app_certificate_update(struct app_ctx *ctx, int64_t id,
				   const struct certificate_input *in,
				   struct certificate *out, struct fz_error *e)
{
	enum fz_err rc;
	struct certificate old, c;

	if ((rc = app_require(ctx, PERM_CERT_WRITE, "certificate.update", e)))
		return rc;
	if ((in->issued_on && strlen(in->issued_on) >= FZ_DATE_LEN) ||
	    (in->valid_until && strlen(in->valid_until) >= FZ_DATE_LEN))
		return fz_fail(e, FZ_INVALID, in->issued_on ? "issued_on" : "valid_until",
			       "日期格式应为 YYYY-MM-DD");
	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	if ((rc = cert_open(ctx, id, &old, e)))
		goto abort;
	c = old;
	if (in->issuer)
		c.issuer = (char *)in->issuer;
	if (in->domains)
		c.domains = (char *)in->domains;
	if (in->issued_on)
		copy_date(c.issued_on, in->issued_on);
	if (in->valid_until)
		copy_date(c.valid_until, in->valid_until);
	if ((rc = cert_check(ctx, &c, e)))
		goto abort;
	return cert_save(ctx, "certificate.update", &old, &c, NULL, out, e);
abort:
	app_tx_abort(ctx);
	return rc;
}

enum fz_err app_certificate_set_status(struct app_ctx *ctx, int64_t id, enum cert_status status,
				       const char *reason, struct certificate *out,
				       struct fz_error *e)
{
	enum fz_err rc;
	struct certificate old, c;

	if ((rc = app_require(ctx, PERM_CERT_WRITE, "certificate.status", e)))
		return rc;
	if (status != CERT_VALID && status != CERT_SUSPENDED)
		return fz_fail(e, FZ_INVALID, "status", "状态只能设为 valid（恢复）或 suspended（暂扣）");
	if ((rc = text_check(reason, "reason", "原因", 200, e)))
		return rc;
	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	if ((rc = cert_open(ctx, id, &old, e)))
		goto abort;
	c = old;
	c.status = status;
	return cert_save(ctx, status == CERT_SUSPENDED ? "certificate.suspend"
						       : "certificate.resume",
			 &old, &c, reason, out, e);
abort:
	app_tx_abort(ctx);
	return rc;
}

enum fz_err app_certificate_revoke(struct app_ctx *ctx, int64_t id, const char *reason,
				   const char *revoked_on, struct certificate *out,
				   struct fz_error *e)
{
	enum fz_err rc;
	struct certificate old, c;
	int y, m, d;

	if ((rc = app_require(ctx, PERM_CERT_WRITE, "certificate.revoke", e)))
		return rc;
	if ((rc = text_check(reason, "reason", "注销原因", 200, e)))
		return rc;
	if (!revoked_on || !*revoked_on)
		revoked_on = ctx->today;
	if (!date_parse(revoked_on, &y, &m, &d))
		return fz_fail(e, FZ_INVALID, "revoked_on", "注销日期格式应为 YYYY-MM-DD");
	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	if ((rc = cert_open(ctx, id, &old, e)))
		goto abort;
	c = old;
	c.status = CERT_REVOKED;
	copy_date(c.revoked_on, revoked_on);
	c.revoke_reason = (char *)reason;
	return cert_save(ctx, "certificate.revoke", &old, &c, reason, out, e);
abort:
	app_tx_abort(ctx);
	return rc;
}

enum fz_err app_certificate_get(struct app_ctx *ctx, int64_t id, struct certificate *out,
				struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_CERT_READ, "certificate.read", e);
	if (rc)
		return rc;
	return ctx->st->ops->certificate_get(ctx->st, ctx->a, &ctx->scope, id, out, e);
}

enum fz_err app_certificate_list(struct app_ctx *ctx, const struct certificate_filter *f,
				 struct page pg, struct certificate_list *out,
				 struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_CERT_READ, "certificate.read", e);
	if (rc)
		return rc;
	struct certificate_filter ff = f ? *f : (struct certificate_filter){ 0 };
	if (!ff.today)
		ff.today = ctx->today;
	return ctx->st->ops->certificate_list(ctx->st, ctx->a, &ctx->scope, &ff, pg, out, e);
}

enum fz_err app_cert_review_add(struct app_ctx *ctx, int64_t certificate_id,
				const struct cert_review_input *in, struct cert_review *out,
				struct fz_error *e)
{
	enum fz_err rc;
	struct certificate old, c;
	struct cert_review r;
	int y, m, d;

	if ((rc = app_require(ctx, PERM_CERT_WRITE, "certificate.review", e)))
		return rc;
	if (in->year < 2000 || in->year > 2100)
		return fz_fail(e, FZ_INVALID, "year", "审验年度无效");
	const char *on = in->reviewed_on && *in->reviewed_on ? in->reviewed_on : ctx->today;
	if (!date_parse(on, &y, &m, &d))
		return fz_fail(e, FZ_INVALID, "reviewed_on", "审验日期格式应为 YYYY-MM-DD");
	if (in->note && *in->note && (rc = text_check(in->note, "note", "审验意见", 200, e)))
		return rc;
	if (!in->passed && (!in->note || !*in->note))
		return fz_fail(e, FZ_INVALID, "note", "审验不合格时应写明理由");

	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	if ((rc = cert_open(ctx, certificate_id, &old, e)))
		goto abort;
	memset(&r, 0, sizeof r);
	r.certificate_id = certificate_id;
	r.year = in->year;
	r.passed = in->passed != 0;
	r.note = (char *)(in->note ? in->note : "");
	copy_date(r.reviewed_on, on);
	r.created_at = ctx->now;
	rc = ctx->st->ops->cert_review_insert(ctx->st, &r, e);
	if (rc == FZ_CONFLICT)
		rc = fz_fail(e, FZ_CONFLICT, "year", "该执法证 %d 年度已审验", in->year);
	if (rc)
		goto abort;
	struct audit_diff dd = { .n = 0 };
	audit_diff_int(ctx, &dd, "year", 0, r.year);
	audit_diff_bool(ctx, &dd, "passed", 0, r.passed);
	audit_diff_str(ctx, &dd, "note", NULL, r.note);
	if ((rc = app_audit(ctx, "certificate.review", "certificate", certificate_id, "ok",
			    NULL, &dd, e)))
		goto abort;
	if (!r.passed && old.status == CERT_VALID) {
		/* A failed annual review suspends the certificate. */
		c = old;
		c.status = CERT_SUSPENDED;
		if ((rc = cert_save(ctx, "certificate.suspend", &old, &c, "年度审验不合格",
				    NULL, e)))
			return rc;
	} else if ((rc = app_tx_commit(ctx, e))) {
		return rc;
	}
	if (out)
		*out = r;
	return FZ_OK;
abort:
	app_tx_abort(ctx);
	return rc;
}

enum fz_err app_cert_review_list(struct app_ctx *ctx, int64_t certificate_id,
				 struct cert_review_list *out, struct fz_error *e)
{
	struct certificate c;
	enum fz_err rc = app_certificate_get(ctx, certificate_id, &c, e);
	if (rc)
		return rc;
	return ctx->st->ops->cert_review_list(ctx->st, ctx->a, certificate_id, out, e);
}

enum fz_err app_certificate_check(struct app_ctx *ctx, const char *number,
				  struct public_certificate *out, struct fz_error *e)
{
	struct certificate c;
	char norm[CERTIFICATE_NUMBER_MAX * 4 + 1];
	enum fz_err rc;
	if (!number || strlen(number) > 4 * CERTIFICATE_NUMBER_MAX ||
	    !cert_number_normalize(number, norm, sizeof norm))
		return fz_fail(e, FZ_INVALID, "number", "执法证号过长，请核对后重新输入");
	if (!norm[0])
		return fz_fail(e, FZ_INVALID, "number", "请输入执法证号");
	rc = ctx->st->ops->certificate_get_by_number(ctx->st, ctx->a, norm, &c, e);
	if (rc == FZ_NOTFOUND)
		return fz_fail(e, FZ_NOTFOUND, "number",
			       "未查到执法证号 %s。怀疑有人冒充执法人员的，可向%s投诉举报",
			       norm, app_complaint_contact(ctx));
	if (rc)
		return rc;
	memset(out, 0, sizeof *out);
	out->number = c.number;
	out->holder_name = c.holder_name;
	out->agency_name = c.agency_name;
	out->issuer = c.issuer;
	out->domains = c.domains;
	copy_date(out->issued_on, c.issued_on);
	copy_date(out->valid_until, c.valid_until);
	out->status = certificate_status(&c, ctx->today);
	return FZ_OK;
}
