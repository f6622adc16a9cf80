/* authz.c - the permission table (which roles hold which permission) and
 * the scope each role sees. One table: the router, the app layer, the menu
 * and the authorisation-matrix test all read it. */
#include "app/authz.h"

#include <string.h>

#include "app/audit.h"
#include "base/ident.h"

#define BUSINESS (ROLE_OFFICER | ROLE_REVIEWER | ROLE_HEAD | ROLE_SUPERVISOR)

static const struct {
	const char *name;
	unsigned roles;
} perm_table[PERM_COUNT] = {
	[PERM_PUBLIC] = { "public", ROLE_ALL_MASK },
	[PERM_SIGNED_IN] = { "signed_in", ROLE_ALL_MASK },
	[PERM_DIVISION_READ] = { "division.read", BUSINESS | ROLE_SYSADMIN | ROLE_SECADMIN },
	[PERM_DIVISION_WRITE] = { "division.write", ROLE_SYSADMIN },
	[PERM_AGENCY_READ] = { "agency.read", BUSINESS | ROLE_SYSADMIN | ROLE_SECADMIN },
	[PERM_AGENCY_WRITE] = { "agency.write", ROLE_SYSADMIN },
	[PERM_UNIT_READ] = { "unit.read", BUSINESS | ROLE_SYSADMIN },
	[PERM_UNIT_WRITE] = { "unit.write", ROLE_HEAD | ROLE_SYSADMIN },
	[PERM_PERSON_READ] = { "person.read", BUSINESS | ROLE_SYSADMIN },
	[PERM_PERSON_WRITE] = { "person.write", ROLE_HEAD | ROLE_SUPERVISOR | ROLE_SYSADMIN },
	[PERM_USER_READ] = { "user.read", ROLE_SYSADMIN | ROLE_SECADMIN },
	[PERM_USER_WRITE] = { "user.write", ROLE_SYSADMIN },
	[PERM_USER_ROLES] = { "user.roles", ROLE_SECADMIN },
	/* Certificates are issued by the government through its justice
	 * bureau, so only the supervisor writes them; agencies read theirs. */
	[PERM_CERT_READ] = { "certificate.read", BUSINESS },
	[PERM_CERT_WRITE] = { "certificate.write", ROLE_SUPERVISOR },
	[PERM_AUDIT_READ] = { "audit.read", ROLE_AUDITOR },
	[PERM_POLICY_WRITE] = { "policy.write", ROLE_SECADMIN },
	/* The holiday arrangement is system configuration, like divisions. */
	[PERM_CALENDAR_WRITE] = { "calendar.write", ROLE_SYSADMIN },
	/* Case content is for the agency's officers, reviewers and heads and
	 * for the supervising justice bureau (read only); no admin reads it. */
	[PERM_CASE_READ] = { "case.read", BUSINESS },
	/* How the server's own jobs ran is operations, the system admin's. */
	[PERM_SYSTEM_READ] = { "system.read", ROLE_SYSADMIN },
	[PERM_CASE_ACT] = { "case.act", ROLE_OFFICER | ROLE_REVIEWER | ROLE_HEAD },
	/* The justice bureau acts on cases in its division by the steps the
	 * definitions give it (督办, 监督意见, 纠错通知, 备案审查); the
	 * engine's role gate refuses it every other step. */
	[PERM_CASE_STEP] = { "case.step", BUSINESS },
	/* The power list (权责清单) is the agency's own: its legal unit (the
	 * 法制审核人员, role reviewer) drafts it with the head, and the head
	 * publishes it for the agency. The justice bureau reads it on the
	 * portal like everyone. */
	[PERM_POWER_DRAFT] = { "power_list.draft", ROLE_REVIEWER | ROLE_HEAD },
	[PERM_POWER_PUBLISH] = { "power_list.publish", ROLE_HEAD },
	/* Complaints: the justice bureau handles them; an agency's head and
	 * legal reviewers (its legal unit) answer those assigned to it.
	 * Officers do not: a complaint may be about them. */
	[PERM_COMPLAINT_READ] = { "complaint.read", ROLE_REVIEWER | ROLE_HEAD | ROLE_SUPERVISOR },
	[PERM_COMPLAINT_ACT] = { "complaint.act", ROLE_REVIEWER | ROLE_HEAD | ROLE_SUPERVISOR },
	[PERM_COMPLAINT_ENTER] = { "complaint.enter", ROLE_SUPERVISOR },
	/* The decision catalogue (决策事项目录, docs/DECISIONS.md) is the
	 * government's own: its office drafts and adjusts it, the head records
	 * the approval. */
	[PERM_DECISION_CATALOGUE] = { "decision_catalogue.draft", ROLE_OFFICER | ROLE_HEAD },
	[PERM_DECISION_APPROVE] = { "decision_catalogue.approve", ROLE_HEAD },
	/* 案卷评查 and 监督检查 (docs/EVALUATION.md): the justice bureau runs
	 * them; evaluators are the bureau's staff or legal reviewers of other
	 * agencies (交叉评查), never of the agency evaluated (app layer);
	 * the agency's head or legal reviewer reports its rectification. */
	[PERM_OVERSIGHT_READ] = { "oversight.read", BUSINESS },
	[PERM_OVERSIGHT_MANAGE] = { "oversight.manage", ROLE_SUPERVISOR },
	[PERM_EVAL_SCORE] = { "evaluation.score", ROLE_SUPERVISOR | ROLE_REVIEWER },
	[PERM_RECTIFY_ANSWER] = { "rectification.answer", ROLE_HEAD | ROLE_REVIEWER },
	/* Public comment (公开征求意见) is handled by those who open and close
	 * it (the steps' roles); review requests by the bureau that reviews
	 * filed documents (备案审查). */
	[PERM_COMMENT_HANDLE] = { "comment.handle", ROLE_OFFICER | ROLE_HEAD },
	[PERM_REVIEW_REQUEST] = { "review_request.handle", ROLE_SUPERVISOR },
};

unsigned authz_roles_for(enum perm p)
{
	return (unsigned)p < PERM_COUNT ? perm_table[p].roles : 0;
}

bool authz_allows(unsigned roles, enum perm p)
{
	if (p == PERM_PUBLIC || p == PERM_SIGNED_IN)
		return true;
	return (roles & authz_roles_for(p)) != 0;
}

const char *authz_perm_name(enum perm p)
{
	return (unsigned)p < PERM_COUNT ? perm_table[p].name : "?";
}

enum fz_err authz_scope_for(struct app_ctx *ctx, const struct user *u, struct scope *out,
			    struct fz_error *e)
{
	memset(out, 0, sizeof *out);
	out->kind = SCOPE_NONE;
	if (u->roles & (ROLE_SYSADMIN | ROLE_SECADMIN)) {
		out->kind = SCOPE_ALL;
		return FZ_OK;
	}
	if (!(u->roles & BUSINESS) || !u->agency_id)
		return FZ_OK;
	if (u->roles & ROLE_SUPERVISOR) {
		struct scope all = { .kind = SCOPE_ALL };
		struct agency ag;
		enum fz_err rc = ctx->st->ops->agency_get(ctx->st, ctx->a, &all, u->agency_id,
							  &ag, e);
		if (rc)
			return rc;
		out->kind = SCOPE_DIVISION;
		ident_division_scope_prefix(ag.division_code, out->division_prefix);
		return FZ_OK;
	}
	out->kind = SCOPE_AGENCY;
	out->agency_id = u->agency_id;
	return FZ_OK;
}

enum fz_err app_require(struct app_ctx *ctx, enum perm p, const char *action,
			struct fz_error *e)
{
	if (ctx->cli || p == PERM_PUBLIC)
		return FZ_OK;
	if (!ctx->user)
		return fz_fail(e, FZ_UNAUTHORIZED, NULL, "请先登录");
	if (authz_allows(ctx->user->roles, p))
		return FZ_OK;
	(void)app_audit_now(ctx, action, NULL, 0, "denied", authz_perm_name(p));
	return fz_fail(e, FZ_FORBIDDEN, NULL, "当前账号的角色无权执行此操作");
}
