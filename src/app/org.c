/* org.c - divisions, agencies and units: authorise, validate, store and
 * audit in one transaction. */
#include "app/org.h"

#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/authz.h"
#include "base/ident.h"
#include "domain/org.h"

static const struct scope scope_all = { .kind = SCOPE_ALL };

/* ---- divisions ---- */

enum fz_err app_division_put(struct app_ctx *ctx, const struct division_input *in,
			     struct division *out, struct fz_error *e)
{
	enum fz_err rc;
	struct division old, d;
	bool existed;

	if ((rc = app_require(ctx, PERM_DIVISION_WRITE, "division.put", e)))
		return rc;
	if ((rc = ident_division_code_check(in->code, "code", e)) ||
	    (rc = text_check(in->name, "name", "行政区划名称", 60, e)))
		return rc;
	memset(&d, 0, sizeof d);
	snprintf(d.code, sizeof d.code, "%s", in->code);
	d.name = (char *)in->name;
	d.level = (enum division_level)ident_division_level(d.code);
	ident_division_parent(d.code, d.parent_code);

	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	if (d.parent_code[0]) {
		struct division parent;
		rc = ctx->st->ops->division_get(ctx->st, ctx->a, d.parent_code, &parent, e);
		if (rc == FZ_NOTFOUND)
			rc = fz_fail(e, FZ_INVALID, "code",
				     "上级行政区划 %s 尚未登记，请先添加上级", d.parent_code);
		if (rc)
			goto abort;
	}
	existed = ctx->st->ops->division_get(ctx->st, ctx->a, d.code, &old, NULL) == FZ_OK;
	struct audit_diff diff = { .n = 0 };
	audit_diff_str(ctx, &diff, "name", existed ? old.name : NULL, d.name);
	if ((rc = ctx->st->ops->division_put(ctx->st, &d, e)))
		goto abort;
	if ((rc = app_tx_finish(ctx, existed ? "division.update" : "division.create", "division",
				  0, d.code, &diff, e)))
		return rc;
	if (out) {
		*out = d;
		out->name = arena_strdup(ctx->a, d.name);
	}
	return FZ_OK;
abort:
	app_tx_abort(ctx);
	return rc;
}

enum fz_err app_division_get(struct app_ctx *ctx, const char *code, struct division *out,
			     struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_DIVISION_READ, "division.read", e);
	if (rc)
		return rc;
	return ctx->st->ops->division_get(ctx->st, ctx->a, code, out, e);
}

enum fz_err app_division_list(struct app_ctx *ctx, const char *parent, struct page pg,
			      struct division_list *out, struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_DIVISION_READ, "division.read", e);
	if (rc)
		return rc;
	return ctx->st->ops->division_list(ctx->st, ctx->a, parent, pg, out, e);
}

/* ---- agencies ---- */

static enum fz_err agency_validate(struct app_ctx *ctx, const struct agency *ag,
				   struct fz_error *e)
{
	enum fz_err rc;
	struct division d;
	if ((rc = text_check(ag->name, "name", "执法主体名称", 60, e)) ||
	    (rc = ident_uscc_check(ag->uscc, "uscc", e)) ||
	    (rc = ident_division_code_check(ag->division_code, "division_code", e)))
		return rc;
	if (!agency_kind_valid(ag->kind))
		return fz_fail(e, FZ_INVALID, "kind",
			       "主体类别应为 justice_bureau、government、department、"
			       "comprehensive 或 township 之一");
	if ((rc = domains_check(ag->domains, "domains", e)) ||
	    (rc = org_doc_code_check(ag->doc_code, "doc_code", e)) ||
	    (rc = text_check_opt(ag->court, "court", "管辖人民法院", 40, e)) ||
	    (rc = text_check_opt(ag->payment_bank, "payment_bank", "代收银行", 60, e)) ||
	    (rc = org_bank_account_check(ag->payment_account, "payment_account", e)) ||
	    (rc = text_check_opt(ag->reconsideration, "reconsideration", "行政复议机关", 40, e)))
		return rc;
	if (!*ag->payment_bank != !*ag->payment_account)
		return fz_fail(e, FZ_INVALID, *ag->payment_bank ? "payment_account" : "payment_bank",
			       "代收银行和账号须同时填写（或同时留空）");
	if (*ag->court && !strstr(ag->court, "法院"))
		return fz_fail(e, FZ_INVALID, "court", "管辖人民法院应写全称，例如“海原县人民法院”");
	rc = ctx->st->ops->division_get(ctx->st, ctx->a, ag->division_code, &d, e);
	if (rc == FZ_NOTFOUND)
		return fz_fail(e, FZ_INVALID, "division_code", "行政区划代码 %s 尚未登记",
			       ag->division_code);
	return rc;
}

static void agency_diff(struct app_ctx *ctx, struct audit_diff *d, const struct agency *a,
			const struct agency *b)
{
	audit_diff_str(ctx, d, "name", a ? a->name : NULL, b->name);
	audit_diff_str(ctx, d, "uscc", a ? a->uscc : NULL, b->uscc);
	audit_diff_str(ctx, d, "division_code", a ? a->division_code : NULL, b->division_code);
	audit_diff_str(ctx, d, "kind", a ? a->kind : NULL, b->kind);
	audit_diff_str(ctx, d, "domains", a ? a->domains : NULL, b->domains);
	audit_diff_bool(ctx, d, "active", a ? a->active : !b->active, b->active);
	/* A setting left empty at creation is no change worth recording. */
	audit_diff_str(ctx, d, "doc_code", a ? a->doc_code : "", b->doc_code);
	audit_diff_str(ctx, d, "court", a ? a->court : "", b->court);
	audit_diff_str(ctx, d, "payment_bank", a ? a->payment_bank : "", b->payment_bank);
	audit_diff_str(ctx, d, "payment_account", a ? a->payment_account : "",
		       b->payment_account);
	audit_diff_str(ctx, d, "reconsideration", a ? a->reconsideration : "",
		       b->reconsideration);
}

/* The document settings of in over ag's (NULL in in: keep; "" clears). */
static void agency_docs_apply(struct agency *ag, const struct agency_input *in)
{
	struct {
		char **dst;
		const char *src;
	} f[] = {
		{ &ag->doc_code, in->doc_code },
		{ &ag->court, in->court },
		{ &ag->payment_bank, in->payment_bank },
		{ &ag->payment_account, in->payment_account },
		{ &ag->reconsideration, in->reconsideration },
	};
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
		if (f[i].src)
			*f[i].dst = (char *)f[i].src;
		else if (!*f[i].dst)
			*f[i].dst = (char *)"";
	}
}

enum fz_err app_agency_create(struct app_ctx *ctx, const struct agency_input *in,
			      struct agency *out, struct fz_error *e)
{
	enum fz_err rc;
	struct agency ag;

	if ((rc = app_require(ctx, PERM_AGENCY_WRITE, "agency.create", e)))
		return rc;
	memset(&ag, 0, sizeof ag);
	ag.name = (char *)in->name;
	ag.uscc = (char *)in->uscc;
	snprintf(ag.division_code, sizeof ag.division_code, "%s",
		 in->division_code ? in->division_code : "");
	if (in->division_code && strlen(in->division_code) != 6)
		return fz_fail(e, FZ_INVALID, "division_code", "行政区划代码应为 6 位数字");
	ag.kind = (char *)in->kind;
	ag.domains = (char *)in->domains;
	ag.active = in->active != 0;
	ag.created_at = ag.updated_at = ctx->now;
	agency_docs_apply(&ag, in);

	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	struct audit_diff diff = { .n = 0 };
	if ((rc = agency_validate(ctx, &ag, e)) ||
	    (rc = ctx->st->ops->agency_insert(ctx->st, &ag, e)))
		goto abort;
	agency_diff(ctx, &diff, NULL, &ag);
	if ((rc = app_tx_finish(ctx, "agency.create", "agency", ag.id, NULL, &diff, e)))
		return rc;
	return out ? ctx->st->ops->agency_get(ctx->st, ctx->a, &scope_all, ag.id, out, e) : FZ_OK;
abort:
	app_tx_abort(ctx);
	return rc;
}

enum fz_err app_agency_update(struct app_ctx *ctx, int64_t id, const struct agency_input *in,
			      struct agency *out, struct fz_error *e)
{
	enum fz_err rc;
	struct agency old, ag;

	if ((rc = app_require(ctx, PERM_AGENCY_WRITE, "agency.update", e)))
		return rc;
	if (in->division_code && strlen(in->division_code) != 6)
		return fz_fail(e, FZ_INVALID, "division_code", "行政区划代码应为 6 位数字");
	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	if ((rc = ctx->st->ops->agency_get(ctx->st, ctx->a, &ctx->scope, id, &old, e)))
		goto abort;
	ag = old;
	if (in->name)
		ag.name = (char *)in->name;
	if (in->uscc)
		ag.uscc = (char *)in->uscc;
	if (in->division_code)
		snprintf(ag.division_code, sizeof ag.division_code, "%s", in->division_code);
	if (in->kind)
		ag.kind = (char *)in->kind;
	if (in->domains)
		ag.domains = (char *)in->domains;
	if (in->active >= 0)
		ag.active = in->active != 0;
	agency_docs_apply(&ag, in);
	ag.updated_at = ctx->now;
	struct audit_diff diff = { .n = 0 };
	if ((rc = agency_validate(ctx, &ag, e)) ||
	    (rc = ctx->st->ops->agency_update(ctx->st, &ag, e)))
		goto abort;
	agency_diff(ctx, &diff, &old, &ag);
	if ((rc = app_tx_finish(ctx, "agency.update", "agency", id, NULL, &diff, e)))
		return rc;
	return out ? ctx->st->ops->agency_get(ctx->st, ctx->a, &scope_all, id, out, e) : FZ_OK;
abort:
	app_tx_abort(ctx);
	return rc;
}

enum fz_err app_agency_get(struct app_ctx *ctx, int64_t id, struct agency *out,
			   struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_AGENCY_READ, "agency.read", e);
	if (rc)
		return rc;
	return ctx->st->ops->agency_get(ctx->st, ctx->a, &ctx->scope, id, out, e);
}

enum fz_err app_agency_list(struct app_ctx *ctx, const struct agency_filter *f,
			    struct page pg, struct agency_list *out, struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_AGENCY_READ, "agency.read", e);
	if (rc)
		return rc;
	return ctx->st->ops->agency_list(ctx->st, ctx->a, &ctx->scope, f, pg, out, e);
}

/* ---- units ---- */

enum fz_err app_unit_create(struct app_ctx *ctx, const struct unit_input *in,
			    struct unit *out, struct fz_error *e)
{
	enum fz_err rc;
	struct agency ag;
	struct unit u;

	if ((rc = app_require(ctx, PERM_UNIT_WRITE, "unit.create", e)))
		return rc;
	if ((rc = text_check(in->name, "name", "内设机构名称", 40, e)))
		return rc;
	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	rc = ctx->st->ops->agency_get(ctx->st, ctx->a, &ctx->scope, in->agency_id, &ag, e);
	if (rc == FZ_NOTFOUND)
		rc = fz_fail(e, FZ_INVALID, "agency_id", "执法主体不存在或不在您的管理范围内");
	if (rc)
		goto abort;
	memset(&u, 0, sizeof u);
	u.agency_id = in->agency_id;
	u.name = (char *)in->name;
	u.created_at = ctx->now;
	struct audit_diff diff = { .n = 0 };
	audit_diff_int(ctx, &diff, "agency_id", 0, u.agency_id);
	audit_diff_str(ctx, &diff, "name", NULL, u.name);
	if ((rc = ctx->st->ops->unit_insert(ctx->st, &u, e)) ||
	    (rc = app_audit(ctx, "unit.create", "unit", u.id, "ok", NULL, &diff, e)))
		goto abort;
	if ((rc = app_tx_commit(ctx, e)))
		return rc;
	return out ? ctx->st->ops->unit_get(ctx->st, ctx->a, &scope_all, u.id, out, e) : FZ_OK;
abort:
	app_tx_abort(ctx);
	return rc;
}

enum fz_err app_unit_update(struct app_ctx *ctx, int64_t id, const struct unit_input *in,
			    struct unit *out, struct fz_error *e)
{
	enum fz_err rc;
	struct unit old, u;

	if ((rc = app_require(ctx, PERM_UNIT_WRITE, "unit.update", e)))
		return rc;
	if (in->name && (rc = text_check(in->name, "name", "内设机构名称", 40, e)))
		return rc;
	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	if ((rc = ctx->st->ops->unit_get(ctx->st, ctx->a, &ctx->scope, id, &old, e)))
		goto abort;
	u = old;
	if (in->name)
		u.name = (char *)in->name;
	struct audit_diff diff = { .n = 0 };
	audit_diff_str(ctx, &diff, "name", old.name, u.name);
	if ((rc = ctx->st->ops->unit_update(ctx->st, &u, e)) ||
	    (rc = app_audit(ctx, "unit.update", "unit", id, "ok", NULL, &diff, e)))
		goto abort;
	if ((rc = app_tx_commit(ctx, e)))
		return rc;
	return out ? ctx->st->ops->unit_get(ctx->st, ctx->a, &scope_all, id, out, e) : FZ_OK;
abort:
	app_tx_abort(ctx);
	return rc;
}

enum fz_err app_unit_get(struct app_ctx *ctx, int64_t id, struct unit *out,
			 struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_UNIT_READ, "unit.read", e);
	if (rc)
		return rc;
	return ctx->st->ops->unit_get(ctx->st, ctx->a, &ctx->scope, id, out, e);
}

enum fz_err app_unit_list(struct app_ctx *ctx, int64_t agency_id, struct page pg,
			  struct unit_list *out, struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_UNIT_READ, "unit.read", e);
	if (rc)
		return rc;
	return ctx->st->ops->unit_list(ctx->st, ctx->a, &ctx->scope, agency_id, pg, out, e);
}
