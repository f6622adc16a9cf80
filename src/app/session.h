/* session.h - sign-in, sessions, sign-out and password change.
 *
 * A session token is 32 random bytes shown to the client as 64 hex
 * characters; storage keeps only its SHA-256. Resolving a token costs one
 * hash and one indexed read: no KDF on the request path. */
#ifndef FZ_APP_SESSION_H
#define FZ_APP_SESSION_H

#include "app/app.h"

#define SESSION_TOKEN_HEX 65 /* 64 hex + NUL */
#define SESSION_CSRF_HEX 65

/* Checks username and password; on success creates a session, writes its
 * token to token_out and the account to *user_out (in ctx->a). Every
 * attempt is audited. Errors: FZ_INVALID (wrong name or password, one
 * message for both), FZ_LOCKED, FZ_RATELIMIT, FZ_FORBIDDEN (disabled, told
 * only to whoever gave the right password).
 *
 * Lockout is kept per name, account or not (store login_name_*), and
 * every attempt costs one password hash, so neither the answer nor its
 * time tells whether an account exists. An administrator signing in from
 * a management address (cfg->admin_addresses) passes a lock; the address
 * limit still applies. */
enum fz_err app_login(struct app_ctx *ctx, const char *username, const char *password,
		      char token_out[SESSION_TOKEN_HEX], struct user **user_out,
		      struct fz_error *e);

/* Looks the token up; when the session is alive sets ctx->user, ctx->scope,
 * ctx->session_id and ctx->actor, and refreshes its idle timer (at most
 * once a minute, to keep reads read-only). FZ_UNAUTHORIZED otherwise.
 * Takes the connection's change stamp first (ctx->stamp) and keeps what
 * it read (session, account, scope, policy) in the connection's memo
 * under it: while nothing is committed, the next request with the token
 * on this connection reads only the stamp. Idle time and lifetime are
 * judged against ctx->now every time. */
enum fz_err app_session_resolve(struct app_ctx *ctx, const char *token,
				struct fz_error *e);

/* True when client_addr is one of cfg->admin_addresses. */
bool app_admin_address(const struct app_config *cfg, const char *client_addr);

/* Ends ctx's session (audited). */
enum fz_err app_logout(struct app_ctx *ctx, struct fz_error *e);

/* The CSRF token for forms posted with this session token: derived from
 * the token (SHA-256 of a label and the token), so nothing extra is
 * stored. */
void app_csrf_token(const char *session_token, char out[SESSION_CSRF_HEX]);
bool app_csrf_check(const char *session_token, const char *csrf);

/* Changes ctx->user's own password after checking the old one (counted
 * like a sign-in: address limit, lockout under the account's name) and
 * the policy, the common-password list and the last cfg->password_history
 * passwords; clears must_change_password; ends every session of the user,
 * this one included, so the client signs in again with the new one. */
enum fz_err app_password_change(struct app_ctx *ctx, const char *old_password,
				const char *new_password, struct fz_error *e);

#endif
