/* session.c - sign-in with lockout and per-address limits, sessions with
 * idle and absolute timeouts, sign-out, CSRF tokens, password change.
 * The KDF runs only here, never while a write transaction is open. */
#include "app/session.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/authz.h"
#include "base/buf.h"
#include "base/crypto.h"
#include "base/date.h"
#include "app/policy.h"
#include "app/pwlist.h"

/* A valid hash of a random password: verifying against it when the
 * account does not exist makes "no such user" take as long as "wrong
 * password", so timing does not reveal which accounts exist. */
static const char dummy_hash[] =
	"scrypt$N=32768,r=8,p=1$8d6c8bd0b1e5a9f2c4d3e7a6b5c4d3e2$"
	"5b1f3c0e9a8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b";

#define TOUCH_INTERVAL 60

static const char *hhmm(struct app_ctx *ctx, int64_t t)
{
	char buf[20];
	time_format_local(t, buf);
	return arena_strndup(ctx->a, buf + 11, 5);
}

/* Records one failed attempt under a name (an account's or not: both
 * count and lock alike) and at the client address, audited under action.
 * Returns the time the name is now locked until (0 = not locked). */
static int64_t name_failure(struct app_ctx *ctx, const char *username, int64_t user_id,
			    const char *action, const char *why)
{
	struct fz_error e;
	struct login_name ln;
	int64_t locked = 0;
	if (app_tx_begin(ctx, &e))
		return 0;
	if (ctx->st->ops->login_name_get(ctx->st, username, &ln, &e))
		goto abort;
	ln.username = username;
	ln.failures++;
	if (ln.failures >= ctx->cfg->lockout_threshold) {
		ln.locked_until = ctx->now + ctx->cfg->lockout_seconds;
		ln.failures = 0;
		locked = ln.locked_until;
	}
	ln.updated_at = ctx->now;
	if (ctx->st->ops->login_name_put(ctx->st, &ln, &e) ||
	    ctx->st->ops->login_failure_add(ctx->st, ctx->client_addr, ctx->now, &e))
		goto abort;
	const char *detail = locked ? arena_printf(ctx->a, "%s; locked", why) : why;
	if (app_audit(ctx, action, "user", user_id, "failed", detail, NULL, &e))
		goto abort;
	if (app_tx_commit(ctx, &e))
		return 0;
	return locked;
abort:
	app_tx_abort(ctx);
	return 0;
}

bool app_admin_address(const struct app_config *cfg, const char *client_addr)
{
	const char *p = cfg->admin_addresses;
	size_t n = client_addr ? strlen(client_addr) : 0;
	if (!p || n == 0)
		return false;
	while (*p) {
		while (*p == ',' || *p == ' ')
			p++;
		size_t len = strcspn(p, ", ");
		if (len == n && memcmp(p, client_addr, n) == 0)
			return true;
		p += len;
	}
	return false;
}

/* The address gate shared by sign-in and password change. */
static enum fz_err address_throttled(struct app_ctx *ctx, const char *action,
				     struct fz_error *e)
{
	int64_t failures = 0;
	const struct app_config *cfg = ctx->cfg;
	enum fz_err rc = ctx->st->ops->login_failure_count(
		ctx->st, ctx->client_addr, ctx->now - cfg->client_failure_window, &failures, e);
	if (rc)
		return rc;
	if (failures < cfg->client_failure_limit)
		return FZ_OK;
	(void)app_audit_now(ctx, action, NULL, 0, "denied", "too many failures from this address");
	return fz_fail(e, FZ_RATELIMIT, NULL, "该地址登录失败次数过多，请 %d 分钟后再试",
		       cfg->client_failure_window / 60);
}

static enum fz_err locked_answer(struct app_ctx *ctx, int64_t until, struct fz_error *e)
{
	return fz_fail(e, FZ_LOCKED, NULL, "密码连续错误 %d 次，账号已锁定，请于 %s 后再试",
		       ctx->cfg->lockout_threshold, hhmm(ctx, until));
}

static enum fz_err session_open(struct app_ctx *ctx, struct user *u, bool unlocked,
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
	/* A success ends the run of failures under the name. */
	struct login_name clear = { .username = u->username, .updated_at = ctx->now };
	if ((rc = ctx->st->ops->login_name_put(ctx->st, &clear, e)) ||
	    (rc = ctx->st->ops->session_insert(ctx->st, &s, e)) ||
	    (rc = app_audit(ctx, "session.create", "user", u->id, "ok",
			    unlocked ? "locked account, management address" : NULL, NULL, e))) {
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
	enum fz_err rc;
	bool match = false;

	if ((rc = app_policy_apply(ctx, e)))
		return rc;
	ctx->actor = username;
	if ((rc = address_throttled(ctx, "session.create", e)))
		return rc;

	struct user *u = arena_alloc(ctx->a, sizeof *u);
	if (!u)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	struct fz_error lookup;
	rc = ctx->st->ops->user_get_by_name(ctx->st, ctx->a, username, u, &lookup);
	if (rc && rc != FZ_NOTFOUND) {
		*e = lookup;
		return rc;
	}
	bool exists = rc == FZ_OK;
	struct login_name ln;
	if ((rc = ctx->st->ops->login_name_get(ctx->st, username, &ln, e)))
		return rc;
	/* The same work whatever the case: one password hash, for a name
	 * without an account too, and for a locked one. */
	if (crypto_password_verify(password, exists ? u->password_hash : dummy_hash, &match))
		match = false;
	match = match && exists;
	int64_t uid = exists ? u->id : 0;
	bool bypass = exists && (u->roles & ROLE_ADMIN_MASK) &&
		      app_admin_address(ctx->cfg, ctx->client_addr);
	if (ln.locked_until > ctx->now && !bypass) {
		struct fz_error ignore;
		if (app_tx_begin(ctx, &ignore) == FZ_OK &&
		    (app_audit(ctx, "session.create", "user", uid, "failed", "locked", NULL,
			       &ignore) ||
		     app_tx_commit(ctx, &ignore)))
			app_tx_abort(ctx);
		return locked_answer(ctx, ln.locked_until, e);
	}
	if (!match) {
		int64_t until = name_failure(ctx, username, uid, "session.create",
					     exists ? "wrong password" : "no such user");
		if (until)
			return locked_answer(ctx, until, e);
		return fz_fail(e, FZ_INVALID, "password", "用户名或密码错误");
	}
	/* Only the holder of the password learns that the account is off. */
	if (u->disabled) {
		struct fz_error ignore;
		if (app_tx_begin(ctx, &ignore) == FZ_OK &&
		    (app_audit(ctx, "session.create", "user", uid, "failed", "account disabled",
			       NULL, &ignore) ||
		     app_tx_commit(ctx, &ignore)))
			app_tx_abort(ctx);
		return fz_fail(e, FZ_FORBIDDEN, NULL, "账号已停用，请联系系统管理员");
	}
	if ((rc = session_open(ctx, u, bypass && ln.locked_until > ctx->now, token_out, e)))
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

/* Idle or past its lifetime at ctx->now, under the policy in ctx->cfg:
 * judged against the clock on every request, kept or read. */
static bool session_expired(const struct app_ctx *ctx, const struct session *s)
{
	return ctx->now - s->last_seen_at > ctx->cfg->session_idle_seconds ||
	       ctx->now - s->created_at > ctx->cfg->session_max_seconds;
}

/* The reads of app_session_resolve (policy, session, user, scope), in
 * one read transaction: one snapshot and one lock of the log for all of
 * them instead of one per statement (the signed-in request's fixed cost,
 * docs/PERFORMANCE.md). Writes (expiry, touch) come after it ends. */
static enum fz_err session_read(struct app_ctx *ctx, const unsigned char digest[32],
				struct session *s, struct user *u, struct policy *pol,
				bool *expired, struct fz_error *e)
{
	struct scope all = { .kind = SCOPE_ALL };
	struct fz_error ignore;
	enum fz_err rc;

	*expired = false;
	if ((rc = app_policy_get(ctx, pol, e)))
		return rc;
	app_policy_use(ctx, pol);
	rc = ctx->st->ops->session_get(ctx->st, ctx->a, digest, s, &ignore);
	if (rc == FZ_NOTFOUND)
		return fz_fail(e, FZ_UNAUTHORIZED, NULL, "登录已失效，请重新登录");
	if (rc) {
		*e = ignore;
		return rc;
	}
	if (session_expired(ctx, s)) {
		*expired = true;
		return fz_fail(e, FZ_UNAUTHORIZED, NULL, "登录已超时，请重新登录");
	}
	rc = ctx->st->ops->user_get(ctx->st, ctx->a, &all, s->user_id, u, &ignore);
	if (rc || u->disabled)
		return fz_fail(e, FZ_UNAUTHORIZED, NULL, "账号不可用，请重新登录");
	return authz_scope_for(ctx, u, &ctx->scope, e);
}

/* --- the session kept in the connection's memo ---
 * What session_read found for a live session (the session, its account,
 * the account's scope, the policy), kept in the connection's memo
 * (store_ops.memo_put) under the change stamp taken before it was read.
 * While the stamp is the same nothing was committed since, so reading
 * again would give the same rows: a signed-in request then costs the
 * stamp's read and no other. Sign-out, a disabled account, a password
 * changed or reset, roles or agency changed, a new policy: each is a
 * commit, and the next request reads afresh. Idle time and lifetime
 * depend on the clock, not on the rows: session_expired judges them on
 * every request. */
struct kept_session {
	int64_t id, created_at, last_seen_at;
	struct user u;          /* its three strings follow, pointers cleared */
	struct scope scope;
	struct policy policy;
	uint32_t len[3];        /* username, display name, password hash */
};
#define KEPT_NULL UINT32_MAX /* a string that was NULL */
#define KEPT_KEY_MAX (sizeof "session " + 64)

static void kept_key(const unsigned char digest[32], char key[KEPT_KEY_MAX])
{
	memcpy(key, "session ", 8);
	crypto_hex(digest, 32, key + 8);
}

static void session_keep(struct app_ctx *ctx, const unsigned char digest[32],
			 const struct session *s, const struct user *u, const struct policy *pol)
{
	const char *str[3] = { u->username, u->display_name, u->password_hash };
	struct kept_session k;
	char key[KEPT_KEY_MAX];
	struct buf b = BUF_INIT;

	memset(&k, 0, sizeof k);
	k.id = s->id;
	k.created_at = s->created_at;
	k.last_seen_at = s->last_seen_at;
	k.u = *u;
	k.u.username = k.u.display_name = k.u.password_hash = NULL;
	k.scope = ctx->scope;
	k.policy = *pol;
	for (int i = 0; i < 3; i++)
		k.len[i] = str[i] ? (uint32_t)strlen(str[i]) : KEPT_NULL;
	buf_add(&b, &k, sizeof k);
	for (int i = 0; i < 3; i++)
		if (str[i])
			buf_add(&b, str[i], k.len[i]);
	kept_key(digest, key);
	if (!buf_failed(&b))
		ctx->st->ops->memo_put(ctx->st, key, &ctx->stamp, b.data, b.len);
	buf_release(&b);
}

/* True when the memo holds the session at ctx's stamp: *s, *u (strings in
 * ctx->a), ctx->scope and the policy in ctx->cfg are set as session_read
 * would set them. */
static bool session_recall(struct app_ctx *ctx, const unsigned char digest[32],
			   struct session *s, struct user *u)
{
	char key[KEPT_KEY_MAX];
	struct kept_session k;
	const char *data;
	size_t len;
	char **str[3] = { &u->username, &u->display_name, &u->password_hash };

	kept_key(digest, key);
	if (!ctx->st->ops->memo_get(ctx->st, key, &ctx->stamp, &data, &len) || len < sizeof k)
		return false;
	memcpy(&k, data, sizeof k);
	*u = k.u;
	size_t at = sizeof k;
	for (int i = 0; i < 3; i++) {
		*str[i] = NULL;
		if (k.len[i] == KEPT_NULL)
			continue;
		if (k.len[i] > len - at || !(*str[i] = arena_strndup(ctx->a, data + at, k.len[i])))
			return false;
		at += k.len[i];
	}
	memset(s, 0, sizeof *s);
	s->id = k.id;
	memcpy(s->digest, digest, sizeof s->digest);
	s->user_id = u->id;
	s->created_at = k.created_at;
	s->last_seen_at = k.last_seen_at;
	ctx->scope = k.scope;
	app_policy_use(ctx, &k.policy);
	return true;
}

enum fz_err app_session_resolve(struct app_ctx *ctx, const char *token, struct fz_error *e)
{
	unsigned char digest[32];
	struct session s;
	struct policy pol;
	struct fz_error ignore;
	bool expired = false;
	enum fz_err rc = FZ_OK;

	if (!token_digest(token, digest))
		return fz_fail(e, FZ_UNAUTHORIZED, NULL, "登录凭证无效，请重新登录");
	struct user *u = arena_alloc(ctx->a, sizeof *u);
	if (!u)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	/* The stamp before any read: what is read after it may be kept
	 * under it (by this function and by the request's handler). */
	ctx->has_stamp = ctx->st->ops->change_stamp(ctx->st, &ctx->stamp, &ignore) == FZ_OK;
	if (ctx->has_stamp && session_recall(ctx, digest, &s, u)) {
		if ((expired = session_expired(ctx, &s)))
			rc = fz_fail(e, FZ_UNAUTHORIZED, NULL, "登录已超时，请重新登录");
	} else {
		if ((rc = ctx->st->ops->begin(ctx->st, false, e)))
			return rc;
		rc = session_read(ctx, digest, &s, u, &pol, &expired, e);
		if (rc)
			ctx->st->ops->rollback(ctx->st);
		else if ((rc = ctx->st->ops->commit(ctx->st, e)))
			return rc;
		if (!rc && ctx->has_stamp)
			session_keep(ctx, digest, &s, u, &pol);
	}
	if (expired) {
		(void)ctx->st->ops->session_delete(ctx->st, s.id, &ignore);
		ctx->has_stamp = false;
	}
	if (rc)
		return rc;
	if (ctx->now - s.last_seen_at >= TOUCH_INTERVAL) {
		/* a commit: the kept session is read afresh next time */
		(void)ctx->st->ops->session_touch(ctx->st, s.id, ctx->now, &ignore);
		ctx->has_stamp = false;
	}
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

/* True (in *reused) when pw is the account's current password or one of
 * its last cfg->password_history ones. One scrypt per hash compared. */
static enum fz_err password_reused(struct app_ctx *ctx, const struct user *u, const char *pw,
				   bool *reused, struct fz_error *e)
{
	char **hashes = NULL;
	size_t n = 0;
	bool match = false;
	*reused = false;
	if (crypto_password_verify(pw, u->password_hash, &match) == FZ_OK && match) {
		*reused = true;
		return FZ_OK;
	}
	enum fz_err rc = ctx->st->ops->password_history_recent(
		ctx->st, ctx->a, u->id, ctx->cfg->password_history, &hashes, &n, e);
	if (rc)
		return rc;
	for (size_t i = 0; i < n && !*reused; i++)
		if (crypto_password_verify(pw, hashes[i], &match) == FZ_OK && match)
			*reused = true;
	return FZ_OK;
}

enum fz_err app_password_change(struct app_ctx *ctx, const char *old_password,
				const char *new_password, struct fz_error *e)
{
	bool match = false, reused = false;
	enum fz_err rc;
	char hash[CRYPTO_PASSWORD_HASH_MAX];
	struct user *u = ctx->user;
	struct login_name ln;

	if (!u)
		return fz_fail(e, FZ_UNAUTHORIZED, NULL, "请先登录");
	/* The old password is guessed like a sign-in: the same address
	 * limit, the same count under the account's name. */
	if ((rc = address_throttled(ctx, "user.password", e)) ||
	    (rc = ctx->st->ops->login_name_get(ctx->st, u->username, &ln, e)))
		return rc;
	if (ln.locked_until > ctx->now) {
		(void)app_audit_now(ctx, "user.password", "user", u->id, "failed", "locked");
		return locked_answer(ctx, ln.locked_until, e);
	}
	rc = crypto_password_verify(old_password, u->password_hash, &match);
	if (rc || !match) {
		int64_t until = name_failure(ctx, u->username, u->id, "user.password",
					     "old password wrong");
		if (until)
			return locked_answer(ctx, until, e);
		return fz_fail(e, FZ_INVALID, "old_password", "原密码不正确");
	}
	if ((rc = pwlist_check(new_password, u->username, e)))
		return rc;
	if (strcmp(old_password, new_password) == 0)
		return fz_fail(e, FZ_INVALID, "new_password", "新密码不能与原密码相同");
	if ((rc = password_reused(ctx, u, new_password, &reused, e)))
		return rc;
	if (reused)
		return fz_fail(e, FZ_INVALID, "new_password",
			       "新密码不能与最近 %d 次使用过的密码相同", ctx->cfg->password_history);
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
	if ((rc = ctx->st->ops->user_update(ctx->st, &cur, e)) ||
	    (rc = ctx->st->ops->password_history_add(ctx->st, u->id, hash, ctx->now, e)))
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
