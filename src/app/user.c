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
#include "app/pwlist.h"
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

/* 三员分立: the security and audit administrators' accounts are out of
 * the system administrator's reach (password, disabling, links), and so
 * are other administrators' accounts: what the sysadmin manages is
 * business accounts. Only the shell operator changes an administrator's
 * account. With action set (no transaction open) the refusal is audited
 * with the account it aimed at. */
static enum fz_err admin_account_guard(struct app_ctx *ctx, const struct user *target,
				       const char *action, struct fz_error *e)
{
	if (ctx->cli || !(target->roles & ROLE_ADMIN_MASK))
		return FZ_OK;
	if (action)
		(void)app_audit_now(ctx, action, "user", target->id, "denied",
				    "administrator account");
	return fz_fail(e, FZ_FORBIDDEN, NULL,
		       "管理员账号（系统管理员、安全管理员、审计管理员）不能在此修改，"
		       "须由服务器上的 fazhi user 命令维护");
}

/* Forgets the sign-in failures and any lock under a name. */
static enum fz_err name_unlock(struct app_ctx *ctx, const char *username, struct fz_error *e)
{
	struct login_name clear = { .username = username, .updated_at = ctx->now };
	return ctx->st->ops->login_name_put(ctx->st, &clear, e);
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
	    (rc = pwlist_check(in->password, in->username, e)))
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
	    (rc = ctx->st->ops->user_insert(ctx->st, &u, e)) ||
	    (rc = ctx->st->ops->password_history_add(ctx->st, u.id, hash, ctx->now, e)))
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
	/* Checked before any work, and again inside the transaction. */
	if ((rc = ctx->st->ops->user_get(ctx->st, ctx->a, &ctx->scope, id, &old, e)) ||
	    (rc = admin_account_guard(ctx, &old, "user.update", e)))
		return rc;
	if (in->display_name && (rc = text_check(in->display_name, "display_name", "姓名", 30, e)))
		return rc;
	if (in->password) {
		if ((rc = pwlist_check(in->password, in->username ? in->username : "", e)))
			return rc;
		if ((rc = crypto_password_hash(in->password, hash, sizeof hash)))
			return fz_fail(e, rc, NULL, "无法计算密码摘要");
	}
	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	if ((rc = ctx->st->ops->user_get(ctx->st, ctx->a, &ctx->scope, id, &old, e)) ||
	    (rc = admin_account_guard(ctx, &old, NULL, e)))
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
		if ((rc = pwlist_check(in->password, u.username, e)))
			goto abort;
		u.password_hash = hash;
		u.must_change_password = true;
		u.password_changed_at = ctx->now;
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
	/* A disabled account or a reset password ends its sessions; a reset
	 * also lifts a lock. */
	if ((u.disabled || in->password) &&
	    (rc = ctx->st->ops->session_delete_user(ctx->st, u.id, e)))
		goto abort;
	if (in->password && ((rc = ctx->st->ops->password_history_add(ctx->st, u.id, hash,
								       ctx->now, e)) ||
			     (rc = name_unlock(ctx, u.username, e))))
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

/* A temporary password: 12 characters from an alphabet without look-alikes
 * (no 0/O, 1/l/I), with one of each class so that it passes the policy. */
static enum fz_err temporary_password(char out[USER_TEMP_PASSWORD_LEN + 1], struct fz_error *e)
{
	static const char lower[] = "abcdefghijkmnpqrstuvwxyz";
	static const char upper[] = "ABCDEFGHJKLMNPQRSTUVWXYZ";
	static const char digit[] = "23456789";
	static const char other[] = "@#%+=";
	static const char *const sets[] = { lower, upper, digit, other };
	unsigned char raw[USER_TEMP_PASSWORD_LEN];
	if (crypto_random(raw, sizeof raw))
		return fz_fail(e, FZ_INTERNAL, NULL, "无法生成临时密码");
	for (size_t i = 0; i < USER_TEMP_PASSWORD_LEN; i++) {
		/* the first four positions take one of each class, then any */
		const char *set = sets[i < 4 ? i : raw[i] % 3];
		size_t n = strlen(set);
		out[i] = set[raw[i] / 4 % n];
	}
	out[USER_TEMP_PASSWORD_LEN] = '\0';
	return FZ_OK;
}

enum fz_err app_user_reset_password(struct app_ctx *ctx, int64_t id,
				    char out[USER_TEMP_PASSWORD_LEN + 1], struct fz_error *e)
{
	enum fz_err rc;
	struct user u;
	if ((rc = app_require(ctx, PERM_USER_WRITE, "user.reset", e)))
		return rc;
	if ((rc = ctx->st->ops->user_get(ctx->st, ctx->a, &ctx->scope, id, &u, e)) ||
	    (rc = admin_account_guard(ctx, &u, "user.reset", e)))
		return rc;
	if ((rc = temporary_password(out, e)))
		return rc;
	struct user_input in = { .password = out, .disabled = -1, .username = u.username };
	return app_user_update(ctx, id, &in, NULL, e);
}

enum fz_err app_user_unlock(struct app_ctx *ctx, const char *username, struct fz_error *e)
{
	enum fz_err rc;
	struct login_name ln;
	if ((rc = app_require(ctx, PERM_USER_WRITE, "user.unlock", e)))
		return rc;
	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	if ((rc = ctx->st->ops->login_name_get(ctx->st, username, &ln, e)) ||
	    (rc = name_unlock(ctx, username, e)))
		goto abort;
	struct audit_diff d = { .n = 0 };
	audit_diff_int(ctx, &d, "locked_until", ln.locked_until, 0);
	audit_diff_int(ctx, &d, "failures", ln.failures, 0);
	return app_tx_finish(ctx, "user.unlock", "user", 0, username, &d, e);
abort:
	app_tx_abort(ctx);
	return rc;
}
