/* session_kept_test.c - a session kept with its connection (the
 * session, account, scope and policy in the connection's memo under the
 * change stamp): a request that finds it runs one statement, the stamp's;
 * every commit that ends the session, from this connection or another,
 * refuses the very next request; idle time and lifetime are judged
 * against the clock on every request; the once-a-minute touch and a new
 * policy are never hidden by what was kept. */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "app/people.h"
#include "app/policy.h"
#include "app/session.h"
#include "fixture.h"
#include "store/sqlite_internal.h"
#include "t.h"

static const char *PW = "Right#Pass1";

static int count_statement(unsigned type, void *arg, void *stmt, void *sql)
{
	(void)type;
	(void)stmt;
	(void)sql;
	(*(int *)arg)++;
	return 0;
}

/* Resolves token at now on f's connection into *ctx; *statements (when
 * given) counts the statements the connection ran meanwhile. */
static enum fz_err resolve_in(struct fx *f, struct app_ctx *ctx, int64_t now,
			      const char *token, int *statements)
{
	struct fz_error e;
	sqlite3 *db = sq(f->st)->own.db;
	if (statements) {
		*statements = 0;
		sqlite3_trace_v2(db, SQLITE_TRACE_STMT, count_statement, statements);
	}
	app_ctx_init(ctx, f->st, f->a, &f->cfg, "192.0.2.1", now);
	enum fz_err rc = app_session_resolve(ctx, token, &e);
	if (statements)
		sqlite3_trace_v2(db, 0, NULL, NULL);
	return rc;
}

static enum fz_err resolve(struct fx *f, int64_t now, const char *token)
{
	struct app_ctx ctx;
	return resolve_in(f, &ctx, now, token, NULL);
}

static bool sign_in(struct fx *f, int64_t now, char token[SESSION_TOKEN_HEX])
{
	struct app_ctx ctx;
	struct fz_error e;
	app_ctx_init(&ctx, f->st, f->a, &f->cfg, "192.0.2.1", now);
	return app_login(&ctx, "officer9", PW, token, NULL, &e) == FZ_OK;
}

/* Opens the fixture with one account, officer9 of 自然资源局; its id, 0
 * on failure (recorded). */
static int64_t open_with_officer(struct fx *f)
{
	if (!fx_open(f))
		return 0;
	return fx_user(f, "officer9", ROLE_OFFICER, f->natres, PW);
}

/* A test's state: the fixture, officer9 signed in at t with token. */
struct kept {
	struct fx f;
	struct app_ctx ctx;
	char token[SESSION_TOKEN_HEX];
	int64_t t;
	int n; /* statements of the last resolve_in */
};

static bool kept_begin(struct kept *k)
{
	if (!open_with_officer(&k->f))
		return false;
	k->t = k->f.cli.now;
	return sign_in(&k->f, k->t, k->token);
}

TEST(kept_session_is_answered_with_one_read_of_the_change_stamp)
{
	struct kept k;
	struct fx *f = &k.f;
	struct app_ctx *ctx = &k.ctx;
	REQUIRE(kept_begin(&k));
	/* read (and kept) ... */
	CHECK_INT(resolve_in(f, ctx, k.t + 5, k.token, &k.n), FZ_OK);
	CHECK(k.n > 1);
	/* ... then found: the stamp's statement only, and the same answer */
	CHECK_INT(resolve_in(f, ctx, k.t + 10, k.token, &k.n), FZ_OK);
	CHECK_INT(k.n, 1);
	REQUIRE(ctx->user);
	CHECK_STR(ctx->user->username, "officer9");
	CHECK_STR(ctx->actor, "officer9");
	CHECK_INT(ctx->user->roles, ROLE_OFFICER);
	CHECK_INT(ctx->user->agency_id, f->natres);
	CHECK(ctx->user->password_hash && strncmp(ctx->user->password_hash, "scrypt$", 7) == 0);
	CHECK_INT(ctx->scope.kind, SCOPE_AGENCY);
	CHECK_INT(ctx->scope.agency_id, f->natres);
	CHECK(ctx->session_id > 0);
	CHECK_INT(ctx->cfg->session_idle_seconds, 30 * 60);
	/* the request's handler reads under the same stamp, not a second one */
	CHECK(ctx->has_stamp);
	fx_close(f);
}

/* The ways a session ends, each a commit: by its holder or an
 * administrator, on the request's own connection or on another one (as
 * another pooled connection or the shell in another process would). */
enum session_end { SIGNED_OUT, DISABLED, PASSWORD_RESET, ROLES_CHANGED, PASSWORD_CHANGED,
		   ENDS };

static enum fz_err session_end(struct fx *f, struct store *other, struct app_ctx *holder,
			       enum session_end how, int64_t uid)
{
	struct app_ctx cli;
	struct fz_error e;
	char pw[USER_TEMP_PASSWORD_LEN + 1];
	struct user_input off = { .disabled = 1 };
	app_ctx_init(&cli, other, f->a, &f->cfg, "cli", holder->now);
	app_ctx_as_cli(&cli);
	switch (how) {
	case SIGNED_OUT: return app_logout(holder, &e);
	case DISABLED: return app_user_update(&cli, uid, &off, NULL, &e);
	case PASSWORD_RESET: return app_user_reset_password(&f->cli, uid, pw, &e);
	case ROLES_CHANGED:
		return app_user_set_roles(&cli, uid, ROLE_OFFICER | ROLE_REVIEWER, NULL, &e);
	default: return app_password_change(holder, PW, "Other#Pass2", &e);
	}
}

TEST(kept_session_is_refused_on_the_next_request_after_it_ends)
{
	for (int how = 0; how < ENDS; how++) {
		struct fx f;
		struct store *other;
		struct app_ctx ctx;
		struct fz_error e;
		char token[SESSION_TOKEN_HEX];
		int n;
		int64_t uid = open_with_officer(&f);
		REQUIRE(uid);
		REQUIRE(store_sqlite_open(f.db, false, &other, &e) == FZ_OK);
		int64_t t = f.cli.now;
		REQUIRE(sign_in(&f, t, token));
		CHECK_INT(resolve(&f, t + 5, token), FZ_OK);
		CHECK_INT(resolve_in(&f, &ctx, t + 10, token, &n), FZ_OK);
		CHECK_INT(n, 1); /* kept */
		CHECK_INT(session_end(&f, other, &ctx, (enum session_end)how, uid), FZ_OK);
		CHECK_INT(resolve(&f, t + 11, token), FZ_UNAUTHORIZED);
		other->ops->close(other);
		fx_close(&f);
	}
}

TEST(kept_session_expires_by_the_clock_idle_and_lifetime)
{
	struct kept k;
	struct fx *f = &k.f;
	int64_t t;
	/* idle: kept at t + 30 (no touch before a minute), refused once 30
	 * minutes have passed since the last one */
	REQUIRE(kept_begin(&k));
	t = k.t;
	CHECK_INT(resolve(f, t + 30, k.token), FZ_OK);
	CHECK_INT(resolve_in(f, &k.ctx, t + 40, k.token, &k.n), FZ_OK);
	CHECK_INT(k.n, 1);
	CHECK_INT(resolve(f, t + 30 * 60 + 1, k.token), FZ_UNAUTHORIZED);
	/* and it stays refused: the expired session was deleted */
	CHECK_INT(resolve(f, t + 30 * 60 + 2, k.token), FZ_UNAUTHORIZED);

	/* lifetime: active every 20 minutes up to 11 h 40 min, touched at
	 * 12 h less 10 s, kept at less 9 s, found at less 5 s, refused at
	 * 12 h and 1 s though it was not idle */
	REQUIRE(sign_in(f, t, k.token));
	int64_t now = t;
	for (int i = 0; i < 35; i++) {
		now += 20 * 60;
		CHECK_INT(resolve(f, now, k.token), FZ_OK);
	}
	int64_t end = t + 12 * 3600;
	CHECK_INT(resolve(f, end - 10, k.token), FZ_OK);
	CHECK_INT(resolve(f, end - 9, k.token), FZ_OK);
	CHECK_INT(resolve_in(f, &k.ctx, end - 5, k.token, &k.n), FZ_OK);
	CHECK_INT(k.n, 1);
	CHECK_INT(resolve(f, end + 1, k.token), FZ_UNAUTHORIZED);
	fx_close(f);
}

TEST(kept_session_shows_its_touch_and_a_new_policy_at_once)
{
	struct kept k;
	struct fx *f = &k.f;
	struct app_ctx sec;
	struct fz_error e;
	struct policy p;
	char rows[64], want[64];
	REQUIRE(kept_begin(&k));
	int64_t t = k.t;
	CHECK_INT(resolve(f, t + 30, k.token), FZ_OK); /* kept, last seen t */
	CHECK_INT(resolve(f, t + 61, k.token), FZ_OK); /* touched: a commit */
	snprintf(want, sizeof want, "%lld\n", (long long)(t + 61));
	CHECK_STR(fx_rows_text(f, "SELECT last_seen_at FROM sessions", rows, sizeof rows), want);
	CHECK_INT(resolve(f, t + 62, k.token), FZ_OK); /* read again and kept */
	/* 30 minutes after the touch, not after the sign-in: still alive */
	CHECK_INT(resolve(f, t + 61 + 30 * 60, k.token), FZ_OK);

	/* a shorter idle time, set while the session is kept, applies to the
	 * very next request */
	REQUIRE(sign_in(f, t + 3600, k.token));
	CHECK_INT(resolve(f, t + 3600 + 5, k.token), FZ_OK);
	CHECK_INT(resolve(f, t + 3600 + 10, k.token), FZ_OK);
	fx_as(f, &sec, ROLE_SECADMIN, 0);
	REQUIRE(app_policy_get(&sec, &p, &e) == FZ_OK);
	p.idle_minutes = 5;
	REQUIRE(app_policy_set(&sec, &p, &e) == FZ_OK);
	CHECK_INT(resolve(f, t + 3600 + 5 * 60 + 1, k.token), FZ_UNAUTHORIZED);
	/* and the stored policy is the one a kept session is judged by */
	int64_t t2 = t + 7200;
	REQUIRE(sign_in(f, t2, k.token));
	CHECK_INT(resolve(f, t2 + 5, k.token), FZ_OK);
	CHECK_INT(resolve_in(f, &sec, t2 + 10, k.token, &k.n), FZ_OK);
	CHECK_INT(k.n, 1);
	CHECK_INT(sec.cfg->session_idle_seconds, 5 * 60);
	CHECK_INT(resolve(f, t2 + 5 * 60 + 1, k.token), FZ_UNAUTHORIZED);
	fx_close(f);
}
