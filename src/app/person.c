/* person.c - officers and assistants, and the 5% reviewer check. */
#include "app/people.h"

#include <string.h>

#include "app/audit.h"
#include "app/authz.h"
#include "base/ident.h"
#include "domain/org.h"

static const struct scope scope_all = { .kind = SCOPE_ALL };

static enum fz_err person_validate(struct app_ctx *ctx, struct person *p, struct fz_error *e)
{
	enum fz_err rc;
	struct agency ag;
	if ((rc = text_check(p->name, "name", "姓名", 30, e)))
		return rc;
	ident_resident_id_normalize(p->resident_id);
	if ((rc = ident_resident_id_check(p->resident_id, "resident_id", e)))
		return rc;
	if (p->phone && *p->phone && (rc = text_check(p->phone, "phone", "联系电话", 20, e)))
		return rc;
	if (p->kind != PERSON_OFFICER && p->kind != PERSON_ASSISTANT)
		return fz_fail(e, FZ_INVALID, "kind", "人员类别应为 officer（执法人员）或 "
			       "assistant（执法辅助人员）");
	if (p->kind == PERSON_ASSISTANT && p->is_reviewer)
		return fz_fail(e, FZ_INVALID, "is_reviewer",
			       "执法辅助人员不能担任法制审核人员");
	rc = ctx->st->ops->agency_get(ctx->st, ctx->a, &ctx->scope, p->agency_id, &ag, e);
	if (rc == FZ_NOTFOUND)
		return fz_fail(e, FZ_INVALID, "agency_id", "执法主体不存在或不在您的管理范围内");
	if (rc)
		return rc;
	if (p->unit_id) {
		struct unit u;
		rc = ctx->st->ops->unit_get(ctx->st, ctx->a, &ctx->scope, p->unit_id, &u, e);
		if (rc == FZ_NOTFOUND || (rc == FZ_OK && u.agency_id != p->agency_id))
			return fz_fail(e, FZ_INVALID, "unit_id", "内设机构不属于该执法主体");
		if (rc)
			return rc;
	}
	return FZ_OK;
}

static void person_diff(struct app_ctx *ctx, struct audit_diff *d, const struct person *a,
			const struct person *b)
{
	audit_diff_int(ctx, d, "agency_id", a ? a->agency_id : 0, b->agency_id);
	audit_diff_int(ctx, d, "unit_id", a ? a->unit_id : 0, b->unit_id);
	audit_diff_str(ctx, d, "name", a ? a->name : NULL, b->name);
	/* The audit log records that the ID number changed, not the number. */
	if (!a || strcmp(a->resident_id, b->resident_id) != 0)
		audit_diff_str(ctx, d, "resident_id", a ? "(hidden)" : NULL, "(set)");
	audit_diff_str(ctx, d, "phone", a ? a->phone : NULL, b->phone);
	audit_diff_int(ctx, d, "kind", a ? (long long)a->kind : 0, b->kind);
	audit_diff_bool(ctx, d, "is_reviewer", a ? a->is_reviewer : 0, b->is_reviewer);
	audit_diff_bool(ctx, d, "active", a ? a->active : !b->active, b->active);
}

enum fz_err app_person_create(struct app_ctx *ctx, const struct person_input *in,
			      struct person *out, struct fz_error *e)
{
	enum fz_err rc;
	struct person p;

	if ((rc = app_require(ctx, PERM_PERSON_WRITE, "person.create", e)))
		return rc;
	memset(&p, 0, sizeof p);
	p.agency_id = in->agency_id;
	p.unit_id = in->unit_id > 0 ? in->unit_id : 0;
	p.name = (char *)in->name;
	p.resident_id = arena_strdup(ctx->a, in->resident_id);
	p.phone = in->phone && *in->phone ? (char *)in->phone : NULL;
	p.kind = in->kind ? (enum person_kind)in->kind : PERSON_OFFICER;
	p.is_reviewer = in->is_reviewer > 0;
	p.active = in->active != 0;
	p.created_at = p.updated_at = ctx->now;

	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	struct audit_diff diff = { .n = 0 };
	if ((rc = person_validate(ctx, &p, e)) ||
	    (rc = ctx->st->ops->person_insert(ctx->st, &p, e)))
		goto abort;
	person_diff(ctx, &diff, NULL, &p);
	if ((rc = app_tx_finish(ctx, "person.create", "person", p.id, NULL, &diff, e)))
		return rc;
	return out ? ctx->st->ops->person_get(ctx->st, ctx->a, &scope_all, p.id, out, e) : FZ_OK;
abort:
	app_tx_abort(ctx);
	return rc;
}

enum fz_err app_person_update(struct app_ctx *ctx, int64_t id, const struct person_input *in,
			      struct person *out, struct fz_error *e)
{
	enum fz_err rc;
	struct person old, p;

	if ((rc = app_require(ctx, PERM_PERSON_WRITE, "person.update", e)))
		return rc;
	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	if ((rc = ctx->st->ops->person_get(ctx->st, ctx->a, &ctx->scope, id, &old, e)))
		goto abort;
	p = old;
	if (in->agency_id)
		p.agency_id = in->agency_id;
	if (in->unit_id)
		p.unit_id = in->unit_id > 0 ? in->unit_id : 0;
	if (in->name)
		p.name = (char *)in->name;
	if (in->resident_id)
		p.resident_id = arena_strdup(ctx->a, in->resident_id);
	if (in->phone)
		p.phone = *in->phone ? (char *)in->phone : NULL;
	if (in->kind)
		p.kind = (enum person_kind)in->kind;
	if (in->is_reviewer >= 0)
		p.is_reviewer = in->is_reviewer != 0;
	if (in->active >= 0)
		p.active = in->active != 0;
	p.updated_at = ctx->now;
	struct audit_diff diff = { .n = 0 };
	if ((rc = person_validate(ctx, &p, e)) ||
	    (rc = ctx->st->ops->person_update(ctx->st, &p, e)))
		goto abort;
	person_diff(ctx, &diff, &old, &p);
	if ((rc = app_tx_finish(ctx, "person.update", "person", id, NULL, &diff, e)))
		return rc;
	return out ? ctx->st->ops->person_get(ctx->st, ctx->a, &scope_all, id, out, e) : FZ_OK;
abort:
	app_tx_abort(ctx);
	return rc;
}

enum fz_err app_person_get(struct app_ctx *ctx, int64_t id, struct person *out,
			   struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_PERSON_READ, "person.read", e);
	if (rc)
		return rc;
	return ctx->st->ops->person_get(ctx->st, ctx->a, &ctx->scope, id, out, e);
}

enum fz_err app_person_list(struct app_ctx *ctx, const struct person_filter *f,
			    struct page pg, struct person_list *out, struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_PERSON_READ, "person.read", e);
	if (rc)
		return rc;
	return ctx->st->ops->person_list(ctx->st, ctx->a, &ctx->scope, f, pg, out, e);
}

bool reviewer_ratio_ok(const struct reviewer_ratio *r)
{
	/* reviewers / officers >= 5%, in integers. An agency without
	 * officers needs no reviewer. */
	return r->reviewers * 100 >= r->officers * REVIEWER_RATIO_PERCENT;
}

enum fz_err app_reviewer_ratios(struct app_ctx *ctx, struct page pg,
				struct reviewer_ratio_list *out, struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_PERSON_READ, "person.read", e);
	if (rc)
		return rc;
	return ctx->st->ops->reviewer_ratios(ctx->st, ctx->a, &ctx->scope, pg, out, e);
}
