/* session.c - sign-in with lockout and per-address limits, sessions with
 * idle and absolute timeouts, sign-out, CSRF tokens, password change.
 * The KDF runs only here, never while a write transaction is open. */
#include "app/session.h"

#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/authz.h"
#include "base/buf.h"
#include "base/crypto.h"
#include "base/date.h"
#include "app/policy.h"
#include "domain/password.h"

/* A valid hash of a random password: verifying against it when the
 * account does not exist makes "no such user" take as long as "wrong
 * password", so timing does not reveal which accounts exist. */
static const char dummy_hash[] =
	"scrypt$N=32768,r=8,p=1$8d6c8bd0b1e5a9f2c4d3e7a6b5c4d3e2$"
	"5b1f3c0e9a8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b";

#define TOUCH_INTERVAL 60

static enum fz_err login_fail(struct app_ctx *ctx, const char *username, const char *why,
			      int64_t user_id, bool count_address)
{
	struct fz_error e;
	if (app_tx_begin(ctx, &e) == FZ_OK) {
		ctx->actor = username;
		if (count_address)
			(void)ctx->st->ops->login_failure_add(ctx->st, ctx->client_addr, ctx->now, &e);
		if (app_audit(ctx, "session.create", "user", user_id, "failed", why, NULL, &e) ||
		    app_tx_commit(ctx, &e))
			app_tx_abort(ctx);
	}
	return FZ_OK;
}

static const char *hhmm(struct app_ctx *ctx, int64_t t)
{
	char buf[20];
	time_format_local(t, buf);
	return arena_strndup(ctx->a, buf + 11, 5);
}

/* Records one failed password for u inside a transaction, locking the
 * account when the threshold is reached. Returns true when it locked. */
static bool login_count_failure(struct app_ctx *ctx, int64_t user_id)
{
	struct fz_error e;
	struct scope all = { .kind = SCOPE_ALL };
	struct user u;
	bool locked = false;
	if (app_tx_begin(ctx, &e))
		return false;
	if (ctx->st->ops->user_get(ctx->st, ctx->a, &all, user_id, &u, &e))
		goto abort;
	u.failed_logins++;
	if (u.failed_logins >= ctx->cfg->lockout_threshold) {
		u.locked_until = ctx->now + ctx->cfg->lockout_seconds;
		u.failed_logins = 0;
		locked = true;
	}
	u.updated_at = ctx->now;
	if (ctx->st->ops->user_update(ctx->st, &u, &e))
		goto abort;
	(void)ctx->st->ops->login_failure_add(ctx->st, ctx->client_addr, ctx->now, &e);
	if (app_audit(ctx, "session.create", "user", user_id, "failed",
		      locked ? "wrong password; account locked" : "wrong password", NULL, &e))
		goto abort;
	if (app_tx_commit(ctx, &e))
		return false;
	return locked;
abort:
	app_tx_abort(ctx);
	return false;
}

static enum fz_err session_open(struct app_ctx *ctx, struct user *u,
				char token_out[SESSION_TOKEN_HEX], struct fz_error *e)
{
	unsigned char raw[32];
	enum fz_err rc = crypto_random(raw, sizeof raw);
	if (rc)
		return fz_fail(e, rc, NULL, "无法生成会话令牌");
	crypto_hex(raw, sizeof raw, token_out);

	struct session s;
	memset(&s, 0, sizeof s);
	crypto_sha256(token_out, 64, s.digest);
	s.user_id = u->id;
	s.created_at = ctx->now;
	s.last_seen_at = ctx->now;
	s.client_addr = (char *)ctx->client_addr;

	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	u->failed_logins = 0;
	u->locked_until = 0;
	u->updated_at = ctx->now;
	if ((rc = ctx->st->ops->user_update(ctx->st, u, e)) ||
	    (rc = ctx->st->ops->session_insert(ctx->st, &s, e)) ||
	    (rc = app_audit(ctx, "session.create", "user", u->id, "ok", NULL, NULL, e))) {
		app_tx_abort(ctx);
		return rc;
	}
	if ((rc = app_tx_commit(ctx, e)))
		return rc;
	ctx->session_id = s.id;
	return FZ_OK;
}

enum fz_err app_login(struct app_ctx *ctx, const char *username, const char *password,
		      char token_out[SESSION_TOKEN_HEX], struct user **user_out,
		      struct fz_error *e)
{
	int64_t failures = 0;
	enum fz_err rc;
	bool match = false;

	if ((rc = app_policy_apply(ctx, e)))
		return rc;
	const struct app_config *cfg = ctx->cfg;
	ctx->actor = username;
	rc = ctx->st->ops->login_failure_count(ctx->st, ctx->client_addr,
					       ctx->now - cfg->client_failure_window, &failures, e);
	if (rc)
		return rc;
	if (failures >= cfg->client_failure_limit) {
		(void)app_audit_now(ctx, "session.create", NULL, 0, "denied",
				    "too many failures from this address");
		return fz_fail(e, FZ_RATELIMIT, NULL,
			       "该地址登录失败次数过多，请 %d 分钟后再试",
			       cfg->client_failure_window / 60);
	}

	struct user *u = arena_alloc(ctx->a, sizeof *u);
	if (!u)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	struct fz_error lookup;
	rc = ctx->st->ops->user_get_by_name(ctx->st, ctx->a, username, u, &lookup);
	if (rc == FZ_NOTFOUND) {
		if (crypto_password_verify(password, dummy_hash, &match) != FZ_OK)
			match = false;
		login_fail(ctx, username, "no such user", 0, true);
		return fz_fail(e, FZ_INVALID, "password", "用户名或密码错误");
	}
	if (rc) {
		*e = lookup;
		return rc;
	}
	if (u->disabled) {
		login_fail(ctx, username, "account disabled", u->id, true);
		return fz_fail(e, FZ_FORBIDDEN, NULL, "账号已停用，请联系系统管理员");
	}
	if (u->locked_until > ctx->now) {
		login_fail(ctx, username, "account locked", u->id, false);
		return fz_fail(e, FZ_LOCKED, NULL,
			       "账号因连续 %d 次密码错误已锁定，请于 %s 后再试",
			       cfg->lockout_threshold, hhmm(ctx, u->locked_until));
	}
	rc = crypto_password_verify(password, u->password_hash, &match);
	if (rc || !match) {
		if (login_count_failure(ctx, u->id))
			return fz_fail(e, FZ_LOCKED, NULL,
				       "密码连续错误 %d 次，账号已锁定 %d 分钟",
				       cfg->lockout_threshold, cfg->lockout_seconds / 60);
		return fz_fail(e, FZ_INVALID, "password", "用户名或密码错误");
	}
	if ((rc = session_open(ctx, u, token_out, e)))
		return rc;
	if ((rc = authz_scope_for(ctx, u, &ctx->scope, e)))
		return rc;
	ctx->user = u;
	ctx->actor = u->username;
	if (user_out)
		*user_out = u;
	return FZ_OK;
}

static bool token_digest(const char *token, unsigned char digest[32])
{
	unsigned char raw[32];
	if (!token || strlen(token) != 64 || !crypto_unhex(token, raw, sizeof raw))
		return false;
	crypto_sha256(token, 64, digest);
	return true;
}

enum fz_err app_session_resolve(struct app_ctx *ctx, const char *token, struct fz_error *e)
{
	unsigned char digest[32];
	struct session s;
	struct fz_error ignore;
	enum fz_err rc;

	if (!token_digest(token, digest))
		return fz_fail(e, FZ_UNAUTHORIZED, NULL, "登录凭证无效，请重新登录");
	if ((rc = app_policy_apply(ctx, e)))
		return rc;
	rc = ctx->st->ops->session_get(ctx->st, ctx->a, digest, &s, &ignore);
	if (rc == FZ_NOTFOUND)
		return fz_fail(e, FZ_UNAUTHORIZED, NULL, "登录已失效，请重新登录");
	if (rc) {
		*e = ignore;
		return rc;
	}
	if (ctx->now - s.last_seen_at > ctx->cfg->session_idle_seconds ||
	    ctx->now - s.created_at > ctx->cfg->session_max_seconds) {
		(void)ctx->st->ops->session_delete(ctx->st, s.id, &ignore);
		return fz_fail(e, FZ_UNAUTHORIZED, NULL, "登录已超时，请重新登录");
	}
	struct scope all = { .kind = SCOPE_ALL };
	struct user *u = arena_alloc(ctx->a, sizeof *u);
	if (!u)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	rc = ctx->st->ops->user_get(ctx->st, ctx->a, &all, s.user_id, u, &ignore);
	if (rc || u->disabled)
		return fz_fail(e, FZ_UNAUTHORIZED, NULL, "账号不可用，请重新登录");
	if (ctx->now - s.last_seen_at >= TOUCH_INTERVAL)
		(void)ctx->st->ops->session_touch(ctx->st, s.id, ctx->now, &ignore);
	if ((rc = authz_scope_for(ctx, u, &ctx->scope, e)))
		return rc;
	ctx->user = u;
	ctx->session_id = s.id;
	ctx->actor = u->username;
	return FZ_OK;
}

enum fz_err app_logout(struct app_ctx *ctx, struct fz_error *e)
{
	enum fz_err rc;
	if (!ctx->session_id)
		return fz_fail(e, FZ_UNAUTHORIZED, NULL, "尚未登录");
	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	if ((rc = ctx->st->ops->session_delete(ctx->st, ctx->session_id, e)) ||
	    (rc = app_audit(ctx, "session.delete", "user", ctx->user->id, "ok", NULL, NULL, e))) {
		app_tx_abort(ctx);
		return rc;
	}
	if ((rc = app_tx_commit(ctx, e)))
		return rc;
	ctx->session_id = 0;
	return FZ_OK;
}

static void csrf_digest(const char *session_token, char out[SESSION_CSRF_HEX])
{
	struct buf b = BUF_INIT;
	unsigned char d[32];
	buf_adds(&b, "fazhi-csrf-v1:");
	buf_adds(&b, session_token ? session_token : "");
	crypto_sha256(buf_cstr(&b), b.len, d);
	buf_release(&b);
	crypto_hex(d, sizeof d, out);
}

void app_csrf_token(const char *session_token, char out[SESSION_CSRF_HEX])
{
	csrf_digest(session_token, out);
}

bool app_csrf_check(const char *session_token, const char *csrf)
{
	char want[SESSION_CSRF_HEX];
	if (!session_token || !csrf || strlen(csrf) != 64)
		return false;
	csrf_digest(session_token, want);
	return crypto_equal(want, csrf, 64);
}

enum fz_err app_password_change(struct app_ctx *ctx, const char *old_password,
				const char *new_password, struct fz_error *e)
{
	bool match = false;
	enum fz_err rc;
	char hash[CRYPTO_PASSWORD_HASH_MAX];
	struct user *u = ctx->user;

	if (!u)
		return fz_fail(e, FZ_UNAUTHORIZED, NULL, "请先登录");
	rc = crypto_password_verify(old_password, u->password_hash, &match);
	if (rc || !match) {
		(void)app_audit_now(ctx, "user.password", "user", u->id, "failed",
				    "old password wrong");
		return fz_fail(e, FZ_INVALID, "old_password", "原密码不正确");
	}
	if ((rc = password_policy_check(new_password, u->username, e)))
		return rc;
	if (strcmp(old_password, new_password) == 0)
		return fz_fail(e, FZ_INVALID, "new_password", "新密码不能与原密码相同");
	if ((rc = crypto_password_hash(new_password, hash, sizeof hash)))
		return fz_fail(e, rc, NULL, "无法计算密码摘要");

	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	struct scope all = { .kind = SCOPE_ALL };
	struct user cur;
	if ((rc = ctx->st->ops->user_get(ctx->st, ctx->a, &all, u->id, &cur, e)))
		goto abort;
	cur.password_hash = hash;
	cur.must_change_password = false;
	cur.password_changed_at = ctx->now;
	cur.updated_at = ctx->now;
	struct audit_diff d = { .n = 0 };
	audit_diff_str(ctx, &d, "password", "(hidden)", "(changed)");
	audit_diff_bool(ctx, &d, "must_change_password", u->must_change_password, false);
	if ((rc = ctx->st->ops->user_update(ctx->st, &cur, e)))
		goto abort;
	/* Sessions stolen with the old password end now; this one stays. */
	if ((rc = ctx->st->ops->session_delete_user(ctx->st, u->id, e)))
		goto abort;
	if (ctx->session_id) {
		/* session_delete_user removed ours too: a new sign-in is needed
		 * unless the caller re-creates it; keep it simple and honest. */
		ctx->session_id = 0;
	}
	if ((rc = app_audit(ctx, "user.password", "user", u->id, "ok", NULL, &d, e)))
		goto abort;
	if ((rc = app_tx_commit(ctx, e)))
		return rc;
	u->must_change_password = false;
	u->password_hash = arena_strdup(ctx->a, hash);
	return FZ_OK;
abort:
	app_tx_abort(ctx);
	return rc;
}
