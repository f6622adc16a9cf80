/* user.c - accounts: created and managed by sysadmin, roles assigned by
 * secadmin (三员分立). Passwords are hashed here, outside any write
 * transaction; they never reach the audit log. */
#include "app/people.h"

#include <ctype.h>
#include <string.h>

#include "app/audit.h"
#include "app/authz.h"
#include "base/buf.h"
#include "base/crypto.h"
#include "domain/org.h"
#include "domain/password.h"
#include "domain/roles.h"

static const struct scope scope_all = { .kind = SCOPE_ALL };

static enum fz_err username_check(const char *s, struct fz_error *e)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 3 || n > 32)
		return fz_fail(e, FZ_INVALID, "username", "用户名应为 3 至 32 个字符");
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!(islower(c) || isdigit(c) || c == '_' || c == '.' || c == '-'))
			return fz_fail(e, FZ_INVALID, "username",
				       "用户名只能包含小写字母、数字、点、下划线和连字符");
	}
	if (!islower((unsigned char)s[0]))
		return fz_fail(e, FZ_INVALID, "username", "用户名应以小写字母开头");
	return FZ_OK;
}

/* The account's agency and person must exist, be visible, and match. */
static enum fz_err user_links_check(struct app_ctx *ctx, const struct user *u,
				    struct fz_error *e)
{
	enum fz_err rc;
	if (u->agency_id) {
		struct agency ag;
		rc = ctx->st->ops->agency_get(ctx->st, ctx->a, &ctx->scope, u->agency_id, &ag, e);
		if (rc == FZ_NOTFOUND)
			return fz_fail(e, FZ_INVALID, "agency_id", "所属执法主体不存在");
		if (rc)
			return rc;
	}
	if (u->person_id) {
		struct person p;
		rc = ctx->st->ops->person_get(ctx->st, ctx->a, &ctx->scope, u->person_id, &p, e);
		if (rc == FZ_NOTFOUND)
			return fz_fail(e, FZ_INVALID, "person_id", "关联人员不存在");
		if (rc)
			return rc;
		if (p.agency_id != u->agency_id)
			return fz_fail(e, FZ_INVALID, "person_id", "关联人员不属于该账号的执法主体");
	}
	return FZ_OK;
}

/* Business roles need an agency; the supervisor role needs a justice
 * bureau, since supervision is the justice bureau's task. */
static enum fz_err user_roles_fit(struct app_ctx *ctx, const struct user *u, unsigned roles,
				  struct fz_error *e)
{
	enum fz_err rc = roles_check(roles, e);
	if (rc)
		return rc;
	if ((roles & ~ROLE_ADMIN_MASK) && !u->agency_id)
		return fz_fail(e, FZ_INVALID, "roles", "业务角色需要账号先归属一个执法主体");
	if (roles & ROLE_SUPERVISOR) {
		struct agency ag;
		rc = ctx->st->ops->agency_get(ctx->st, ctx->a, &scope_all, u->agency_id, &ag, e);
		if (rc)
			return rc;
		if (strcmp(ag.kind, "justice_bureau") != 0)
			return fz_fail(e, FZ_INVALID, "roles",
				       "执法监督角色只能授予司法行政机关的账号");
	}
	return FZ_OK;
}

static void roles_text(struct app_ctx *ctx, unsigned roles, const char **out)
{
	struct buf b = BUF_INIT;
	roles_format(roles, &b);
	*out = arena_strdup(ctx->a, buf_cstr(&b));
	buf_release(&b);
}

enum fz_err app_user_create(struct app_ctx *ctx, const struct user_input *in,
			    struct user *out, struct fz_error *e)
{
	enum fz_err rc;
	struct user u;
	char hash[CRYPTO_PASSWORD_HASH_MAX];

	if ((rc = app_require(ctx, PERM_USER_WRITE, "user.create", e)))
		return rc;
	if ((rc = username_check(in->username, e)) ||
	    (rc = text_check(in->display_name, "display_name", "姓名", 30, e)) ||
	    (rc = password_policy_check(in->password, in->username, e)))
		return rc;
	if (in->roles && !ctx->cli)
		return fz_fail(e, FZ_FORBIDDEN, "roles", "角色由安全管理员分配");
	if ((rc = crypto_password_hash(in->password, hash, sizeof hash)))
		return fz_fail(e, rc, NULL, "无法计算密码摘要");

	memset(&u, 0, sizeof u);
	u.username = (char *)in->username;
	u.display_name = (char *)in->display_name;
	u.agency_id = in->agency_id > 0 ? in->agency_id : 0;
	u.person_id = in->person_id > 0 ? in->person_id : 0;
	u.roles = in->roles;
	u.disabled = in->disabled > 0;
	u.must_change_password = in->must_change_password != 0;
	u.password_hash = hash;
	u.password_changed_at = u.created_at = u.updated_at = ctx->now;

	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	if ((rc = user_links_check(ctx, &u, e)) ||
	    (u.roles && (rc = user_roles_fit(ctx, &u, u.roles, e))) ||
	    (rc = ctx->st->ops->user_insert(ctx->st, &u, e)))
		goto abort;
	struct audit_diff d = { .n = 0 };
	const char *roles = NULL;
	roles_text(ctx, u.roles, &roles);
	audit_diff_str(ctx, &d, "username", NULL, u.username);
	audit_diff_str(ctx, &d, "display_name", NULL, u.display_name);
	audit_diff_int(ctx, &d, "agency_id", 0, u.agency_id);
	audit_diff_int(ctx, &d, "person_id", 0, u.person_id);
	audit_diff_str(ctx, &d, "roles", "", roles);
	audit_diff_bool(ctx, &d, "must_change_password", 0, u.must_change_password);
	if ((rc = app_tx_finish(ctx, "user.create", "user", u.id, NULL, &d, e)))
		return rc;
	return out ? ctx->st->ops->user_get(ctx->st, ctx->a, &scope_all, u.id, out, e) : FZ_OK;
abort:
	app_tx_abort(ctx);
	return rc;
}

enum fz_err app_user_update(struct app_ctx *ctx, int64_t id, const struct user_input *in,
			    struct user *out, struct fz_error *e)
{
	enum fz_err rc;
	struct user old, u;
	char hash[CRYPTO_PASSWORD_HASH_MAX];

	if ((rc = app_require(ctx, PERM_USER_WRITE, "user.update", e)))
		return rc;
	if (in->display_name && (rc = text_check(in->display_name, "display_name", "姓名", 30, e)))
		return rc;
	if (in->password) {
		if ((rc = password_policy_check(in->password, in->username ? in->username : "", e)))
			return rc;
		if ((rc = crypto_password_hash(in->password, hash, sizeof hash)))
			return fz_fail(e, rc, NULL, "无法计算密码摘要");
	}
	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	if ((rc = ctx->st->ops->user_get(ctx->st, ctx->a, &ctx->scope, id, &old, e)))
		goto abort;
	u = old;
	if (in->display_name)
		u.display_name = (char *)in->display_name;
	if (in->agency_id)
		u.agency_id = in->agency_id > 0 ? in->agency_id : 0;
	if (in->person_id)
		u.person_id = in->person_id > 0 ? in->person_id : 0;
	if (in->disabled >= 0)
		u.disabled = in->disabled != 0;
	if (in->password) {
		if ((rc = password_policy_check(in->password, u.username, e)))
			goto abort;
		u.password_hash = hash;
		u.must_change_password = true;
		u.password_changed_at = ctx->now;
		u.failed_logins = 0;
		u.locked_until = 0;
	}
	u.updated_at = ctx->now;
	if (u.id == (ctx->user ? ctx->user->id : 0) && u.disabled) {
		rc = fz_fail(e, FZ_INVALID, "disabled", "不能停用自己的账号");
		goto abort;
	}
	if ((rc = user_links_check(ctx, &u, e)) ||
	    (u.roles && (rc = user_roles_fit(ctx, &u, u.roles, e))) ||
	    (rc = ctx->st->ops->user_update(ctx->st, &u, e)))
		goto abort;
	/* A disabled account or a reset password ends its sessions. */
	if ((u.disabled || in->password) &&
	    (rc = ctx->st->ops->session_delete_user(ctx->st, u.id, e)))
		goto abort;
	struct audit_diff d = { .n = 0 };
	audit_diff_str(ctx, &d, "display_name", old.display_name, u.display_name);
	audit_diff_int(ctx, &d, "agency_id", old.agency_id, u.agency_id);
	audit_diff_int(ctx, &d, "person_id", old.person_id, u.person_id);
	audit_diff_bool(ctx, &d, "disabled", old.disabled, u.disabled);
	if (in->password)
		audit_diff_str(ctx, &d, "password", "(hidden)", "(reset)");
	audit_diff_bool(ctx, &d, "must_change_password", old.must_change_password,
			u.must_change_password);
	if ((rc = app_tx_finish(ctx, "user.update", "user", id, NULL, &d, e)))
		return rc;
	return out ? ctx->st->ops->user_get(ctx->st, ctx->a, &scope_all, id, out, e) : FZ_OK;
abort:
	app_tx_abort(ctx);
	return rc;
}

enum fz_err app_user_set_roles(struct app_ctx *ctx, int64_t id, unsigned roles,
			       struct user *out, struct fz_error *e)
{
	enum fz_err rc;
	struct user old, u;

	if ((rc = app_require(ctx, PERM_USER_ROLES, "user.roles", e)))
		return rc;
	if (ctx->user && ctx->user->id == id)
		return fz_fail(e, FZ_FORBIDDEN, "roles", "不能修改自己的角色");
	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	if ((rc = ctx->st->ops->user_get(ctx->st, ctx->a, &ctx->scope, id, &old, e)))
		goto abort;
	u = old;
	u.roles = roles;
	u.updated_at = ctx->now;
	if ((rc = user_roles_fit(ctx, &u, roles, e)) ||
	    (rc = ctx->st->ops->user_update(ctx->st, &u, e)))
		goto abort;
	/* New rights apply at the next sign-in; old sessions end now. */
	if ((rc = ctx->st->ops->session_delete_user(ctx->st, u.id, e)))
		goto abort;
	struct audit_diff d = { .n = 0 };
	const char *before = NULL, *after = NULL;
	roles_text(ctx, old.roles, &before);
	roles_text(ctx, u.roles, &after);
	audit_diff_str(ctx, &d, "roles", before, after);
	if ((rc = app_tx_finish(ctx, "user.roles", "user", id, NULL, &d, e)))
		return rc;
	return out ? ctx->st->ops->user_get(ctx->st, ctx->a, &scope_all, id, out, e) : FZ_OK;
abort:
	app_tx_abort(ctx);
	return rc;
}

enum fz_err app_user_get(struct app_ctx *ctx, int64_t id, struct user *out,
			 struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_USER_READ, "user.read", e);
	if (rc)
		return rc;
	return ctx->st->ops->user_get(ctx->st, ctx->a, &ctx->scope, id, out, e);
}

enum fz_err app_user_list(struct app_ctx *ctx, const struct user_filter *f, struct page pg,
			  struct user_list *out, struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_USER_READ, "user.read", e);
	if (rc)
		return rc;
	return ctx->st->ops->user_list(ctx->st, ctx->a, &ctx->scope, f, pg, out, e);
}
