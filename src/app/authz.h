/* authz.h - what each role may do (permissions) and see (scope).
 *
 * A permission is checked twice: by the router before a handler runs, and
 * by the app function itself, so no second path skips it. Scope is
 * applied by storage to every get and list. */
#ifndef FZ_APP_AUTHZ_H
#define FZ_APP_AUTHZ_H

#include <stdbool.h>

#include "app/app.h"

enum perm {
	PERM_PUBLIC = 0,        /* anyone, signed in or not */
	PERM_SIGNED_IN,         /* any signed-in account */
	PERM_DIVISION_READ,
	PERM_DIVISION_WRITE,
	PERM_AGENCY_READ,
	PERM_AGENCY_WRITE,
	PERM_UNIT_READ,
	PERM_UNIT_WRITE,
	PERM_PERSON_READ,
	PERM_PERSON_WRITE,
	PERM_USER_READ,
	PERM_USER_WRITE,        /* create, rename, disable, reset password */
	PERM_USER_ROLES,        /* assign roles */
	PERM_CERT_READ,
	PERM_CERT_WRITE,        /* issue, renew, suspend, revoke, annual review */
	PERM_AUDIT_READ,        /* read and export the audit log */
	PERM_POLICY_WRITE,      /* security policy */
	PERM_CALENDAR_WRITE,    /* load the holiday calendar */
	PERM_CASE_READ,         /* read enforcement cases (never the 三员) */
	PERM_CASE_ACT,          /* open cases and take steps; which step a role
	                         * may take is the procedure definition's */
	PERM_SYSTEM_READ,       /* the server's scheduled jobs and their runs */
	PERM_CASE_STEP,         /* take a step on an existing case: the agency's
	                         * roles and the supervisor (执法监督: only the
	                         * steps a definition gives the supervisor) */
	PERM_POWER_DRAFT,       /* draft the agency's power list (权责清单) */
	PERM_POWER_PUBLISH,     /* publish it with an effective date */
	PERM_COMPLAINT_READ,    /* complaints (投诉举报): the justice bureau's in
	                         * its division, an agency's assigned to it */
	PERM_COMPLAINT_ACT,     /* enter, accept, answer, return, close: which
	                         * action a role may take is complaint_role_may */
	PERM_COMPLAINT_ENTER,   /* enter a complaint received by phone, letter,
	                         * the 12345 hotline or a visit: the bureau */
	PERM_OVERSIGHT_READ,    /* case-file evaluation, checks, rectification
	                         * notices: read within the scope */
	PERM_OVERSIGHT_MANAGE,  /* the justice bureau runs evaluations and
	                         * checks and issues and reviews notices */
	PERM_EVAL_SCORE,        /* score an assigned case file */
	PERM_RECTIFY_ANSWER,    /* an agency reports its rectification */
	PERM_COMMENT_HANDLE,    /* hide, show again and record the adoption of
	                         * the public's comments on a draft: the
	                         * drafting unit's officers and heads */
	PERM_REVIEW_REQUEST,    /* answer review requests (审查建议) about
	                         * normative documents: the justice bureau */
	PERM_DECISION_CATALOGUE, /* draft and adjust the agency's decision
	                          * catalogue (决策事项目录) */
	PERM_DECISION_APPROVE,  /* record its approval */
	PERM_COUNT
};

/* Role bits that hold perm. */
unsigned authz_roles_for(enum perm p);
bool authz_allows(unsigned roles, enum perm p);
const char *authz_perm_name(enum perm p);

/* The scope a user's roles give: system-wide for sysadmin and secadmin,
 * the division subtree for a supervisor, the own agency otherwise, nothing
 * for the auditor. Needs the user's agency (read through st). */
enum fz_err authz_scope_for(struct app_ctx *ctx, const struct user *u, struct scope *out,
			    struct fz_error *e);

/* FZ_OK when ctx->user holds p; otherwise records a denial in the audit
 * log and returns FZ_UNAUTHORIZED (anonymous) or FZ_FORBIDDEN. */
enum fz_err app_require(struct app_ctx *ctx, enum perm p, const char *action,
			struct fz_error *e);

#endif
