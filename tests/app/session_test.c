/* session_test.c - sign-in rules: lockout after five failures, limits per
 * client address, idle and absolute timeouts, tokens stored only as
 * digests, every attempt audited, forced password change. */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/people.h"
#include "app/session.h"
#include "fixture.h"
#include "t.h"

static const char *PW = "Right#Pass1";

static enum fz_err login(struct fx *f, int64_t now, const char *addr, const char *user,
			 const char *pw, char token[SESSION_TOKEN_HEX], struct fz_error *e)
{
	struct app_ctx ctx;
	app_ctx_init(&ctx, f->st, f->a, &f->cfg, addr, now);
	return app_login(&ctx, user, pw, token, NULL, e);
}

static enum fz_err resolve(struct fx *f, int64_t now, const char *token)
{
	struct app_ctx ctx;
	struct fz_error e;
	app_ctx_init(&ctx, f->st, f->a, &f->cfg, "192.0.2.1", now);
	return app_session_resolve(&ctx, token, &e);
}

TEST(login_succeeds_and_the_session_resolves)
{
	struct fx f;
	struct fz_error e;
	char token[SESSION_TOKEN_HEX];
	REQUIRE(fx_open(&f));
	REQUIRE(fx_user(&f, "officer9", ROLE_OFFICER, f.natres, PW));
	int64_t t = f.cli.now;
	CHECK_INT(login(&f, t, "192.0.2.1", "officer9", PW, token, &e), FZ_OK);
	CHECK_INT(strlen(token), 64);
	CHECK_INT(resolve(&f, t + 5, token), FZ_OK);
	CHECK_INT(resolve(&f, t + 5, "00"), FZ_UNAUTHORIZED);
	fx_close(&f);
}

TEST(five_wrong_passwords_lock_the_account_for_fifteen_minutes)
{
	struct fx f;
	struct fz_error e;
	char token[SESSION_TOKEN_HEX];
	REQUIRE(fx_open(&f));
	REQUIRE(fx_user(&f, "officer9", ROLE_OFFICER, f.natres, PW));
	int64_t t = f.cli.now;
	for (int i = 0; i < 4; i++)
		CHECK_INT(login(&f, t + i, "192.0.2.1", "officer9", "wrong", token, &e), FZ_INVALID);
	CHECK_INT(login(&f, t + 4, "192.0.2.1", "officer9", "wrong", token, &e), FZ_LOCKED);
	/* Locked: even the right password is refused ... */
	CHECK_INT(login(&f, t + 60, "192.0.2.1", "officer9", PW, token, &e), FZ_LOCKED);
	CHECK_CONTAINS(e.message, "锁定");
	/* ... until fifteen minutes have passed. */
	CHECK_INT(login(&f, t + 4 + 15 * 60 + 1, "192.0.2.1", "officer9", PW, token, &e), FZ_OK);
	fx_close(&f);
}

TEST(a_success_resets_the_failure_count)
{
	struct fx f;
	struct fz_error e;
	char token[SESSION_TOKEN_HEX];
	REQUIRE(fx_open(&f));
	REQUIRE(fx_user(&f, "officer9", ROLE_OFFICER, f.natres, PW));
	int64_t t = f.cli.now;
	for (int i = 0; i < 4; i++)
		login(&f, t, "192.0.2.1", "officer9", "wrong", token, &e);
	CHECK_INT(login(&f, t, "192.0.2.1", "officer9", PW, token, &e), FZ_OK);
	for (int i = 0; i < 4; i++)
		CHECK_INT(login(&f, t, "192.0.2.1", "officer9", "wrong", token, &e), FZ_INVALID);
	fx_close(&f);
}

TEST(failures_are_limited_per_client_address)
{
	struct fx f;
	struct fz_error e;
	char token[SESSION_TOKEN_HEX];
	REQUIRE(fx_open(&f));
	REQUIRE(fx_user(&f, "officer9", ROLE_OFFICER, f.natres, PW));
	f.cfg.client_failure_limit = 3;
	int64_t t = f.cli.now;
	for (int i = 0; i < 3; i++)
		login(&f, t, "198.51.100.7", "nobody", "wrong", token, &e);
	/* The address is blocked, even for a right password ... */
	CHECK_INT(login(&f, t, "198.51.100.7", "officer9", PW, token, &e), FZ_RATELIMIT);
	/* ... while another address signs in normally. */
	CHECK_INT(login(&f, t, "198.51.100.8", "officer9", PW, token, &e), FZ_OK);
	fx_close(&f);
}

TEST(unknown_user_and_wrong_password_give_the_same_answer)
{
	struct fx f;
	struct fz_error e1, e2;
	char token[SESSION_TOKEN_HEX];
	REQUIRE(fx_open(&f));
	REQUIRE(fx_user(&f, "officer9", ROLE_OFFICER, f.natres, PW));
	CHECK_INT(login(&f, f.cli.now, "192.0.2.1", "nosuch", PW, token, &e1), FZ_INVALID);
	CHECK_INT(login(&f, f.cli.now, "192.0.2.1", "officer9", "bad", token, &e2), FZ_INVALID);
	CHECK_STR(e1.message, e2.message);
	fx_close(&f);
}

TEST(every_sign_in_attempt_is_audited)
{
	struct fx f;
	struct fz_error e;
	char token[SESSION_TOKEN_HEX];
	REQUIRE(fx_open(&f));
	REQUIRE(fx_user(&f, "officer9", ROLE_OFFICER, f.natres, PW));
	int64_t before = fx_audit_count(&f);
	login(&f, f.cli.now, "192.0.2.1", "nosuch", PW, token, &e);
	login(&f, f.cli.now, "192.0.2.1", "officer9", "bad", token, &e);
	login(&f, f.cli.now, "192.0.2.1", "officer9", PW, token, &e);
	CHECK_INT(fx_audit_count(&f), before + 3);
	struct audit_list al;
	struct audit_filter flt = { .action = "session.create" };
	struct page pg = { 0, 10 };
	REQUIRE(f.st->ops->audit_list(f.st, f.a, &flt, pg, &al, &e) == FZ_OK);
	REQUIRE(al.n == 3);
	CHECK_STR(al.items[0].result, "ok");
	CHECK_STR(al.items[1].result, "failed");
	CHECK_STR(al.items[2].actor, "nosuch");
	CHECK_STR(al.items[2].client_addr, "192.0.2.1");
	fx_close(&f);
}

TEST(session_ends_after_thirty_idle_minutes_and_after_twelve_hours)
{
	struct fx f;
	struct fz_error e;
	char token[SESSION_TOKEN_HEX];
	REQUIRE(fx_open(&f));
	REQUIRE(fx_user(&f, "officer9", ROLE_OFFICER, f.natres, PW));
	int64_t t = f.cli.now;
	REQUIRE(login(&f, t, "192.0.2.1", "officer9", PW, token, &e) == FZ_OK);
	CHECK_INT(resolve(&f, t + 30 * 60 + 1, token), FZ_UNAUTHORIZED);

	REQUIRE(login(&f, t, "192.0.2.1", "officer9", PW, token, &e) == FZ_OK);
	/* Active every 20 minutes: alive until the 12-hour lifetime. */
	int64_t now = t;
	for (int i = 0; i < 35; i++) {
		now += 20 * 60;
		CHECK_INT(resolve(&f, now, token), FZ_OK);
	}
	now += 20 * 60; /* 12 h 0 min */
	CHECK_INT(resolve(&f, now + 1, token), FZ_UNAUTHORIZED);
	fx_close(&f);
}

TEST(session_token_is_stored_only_as_a_digest)
{
	struct fx f;
	struct fz_error e;
	char token[SESSION_TOKEN_HEX];
	REQUIRE(fx_open(&f));
	REQUIRE(fx_user(&f, "officer9", ROLE_OFFICER, f.natres, PW));
	REQUIRE(login(&f, f.cli.now, "192.0.2.1", "officer9", PW, token, &e) == FZ_OK);
	sqlite3 *db;
	REQUIRE(sqlite3_open(f.db, &db) == SQLITE_OK);
	char sql[256];
	snprintf(sql, sizeof sql,
		 "SELECT count(*) FROM sessions WHERE hex(digest) LIKE '%%%.16s%%' "
		 "OR CAST(digest AS TEXT) LIKE '%%%.16s%%'", token, token);
	sqlite3_stmt *s;
	REQUIRE(sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK);
	REQUIRE(sqlite3_step(s) == SQLITE_ROW);
	CHECK_INT(sqlite3_column_int(s, 0), 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	fx_close(&f);
}

TEST(password_never_reaches_the_audit_log)
{
	struct fx f;
	struct fz_error e;
	REQUIRE(fx_open(&f));
	REQUIRE(fx_user(&f, "officer9", ROLE_OFFICER, f.natres, PW));
	sqlite3 *db;
	REQUIRE(sqlite3_open(f.db, &db) == SQLITE_OK);
	sqlite3_stmt *s;
	REQUIRE(sqlite3_prepare_v2(db,
				   "SELECT (SELECT count(*) FROM audit_changes WHERE instr(before_value, ?1) "
				   "OR instr(after_value, ?1)) + (SELECT count(*) FROM audit_log WHERE "
				   "instr(message, ?1))",
				   -1, &s, NULL) == SQLITE_OK);
	sqlite3_bind_text(s, 1, PW, -1, SQLITE_STATIC);
	REQUIRE(sqlite3_step(s) == SQLITE_ROW);
	CHECK_INT(sqlite3_column_int(s, 0), 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	(void)e;
	fx_close(&f);
}

TEST(account_created_by_admin_must_change_password_first)
{
	struct fx f;
	struct fz_error e;
	struct app_ctx sys;
	struct user u;
	REQUIRE(fx_open(&f));
	fx_as(&f, &sys, ROLE_SYSADMIN, 0);
	struct user_input in = { .username = "newbie", .display_name = "新人",
				 .password = "First#Pass1", .agency_id = f.natres,
				 .disabled = -1, .must_change_password = -1 };
	REQUIRE(app_user_create(&sys, &in, &u, &e) == FZ_OK);
	CHECK(u.must_change_password);
	CHECK_INT(u.roles, 0);

	char token[SESSION_TOKEN_HEX];
	struct app_ctx ctx;
	app_ctx_init(&ctx, f.st, f.a, &f.cfg, "192.0.2.1", f.cli.now);
	REQUIRE(app_login(&ctx, "newbie", "First#Pass1", token, NULL, &e) == FZ_OK);
	CHECK(ctx.user->must_change_password);
	CHECK_INT(app_password_change(&ctx, "First#Pass1", "short", &e), FZ_INVALID);
	CHECK_STR(e.field, "password");
	CHECK_INT(app_password_change(&ctx, "wrong", "Second#Pass2", &e), FZ_INVALID);
	CHECK_STR(e.field, "old_password");
	CHECK_INT(app_password_change(&ctx, "First#Pass1", "Second#Pass2", &e), FZ_OK);
	CHECK(!ctx.user->must_change_password);
	/* The old session ended with the change. */
	CHECK_INT(resolve(&f, f.cli.now + 1, token), FZ_UNAUTHORIZED);
	CHECK_INT(login(&f, f.cli.now, "192.0.2.1", "newbie", "Second#Pass2", token, &e), FZ_OK);
	fx_close(&f);
}

TEST(disabled_account_cannot_sign_in_and_loses_its_sessions)
{
	struct fx f;
	struct fz_error e;
	char token[SESSION_TOKEN_HEX];
	REQUIRE(fx_open(&f));
	int64_t id = fx_user(&f, "officer9", ROLE_OFFICER, f.natres, PW);
	REQUIRE(id);
	REQUIRE(login(&f, f.cli.now, "192.0.2.1", "officer9", PW, token, &e) == FZ_OK);
	struct user_input in = { .disabled = 1 };
	REQUIRE(app_user_update(&f.cli, id, &in, NULL, &e) == FZ_OK);
	CHECK_INT(resolve(&f, f.cli.now + 1, token), FZ_UNAUTHORIZED);
	CHECK_INT(login(&f, f.cli.now, "192.0.2.1", "officer9", PW, token, &e), FZ_FORBIDDEN);
	fx_close(&f);
}

TEST(csrf_token_belongs_to_its_session)
{
	char a[SESSION_CSRF_HEX], b[SESSION_CSRF_HEX];
	const char *t1 = "1111111111111111111111111111111111111111111111111111111111111111";
	const char *t2 = "2222222222222222222222222222222222222222222222222222222222222222";
	app_csrf_token(t1, a);
	app_csrf_token(t2, b);
	CHECK(strcmp(a, b) != 0);
	CHECK(app_csrf_check(t1, a));
	CHECK(!app_csrf_check(t2, a));
	CHECK(!app_csrf_check(t1, ""));
}
