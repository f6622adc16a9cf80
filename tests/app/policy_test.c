/* policy_test.c - secadmin sets the security policy; values out of range
 * are refused naming the field; the stored policy governs sign-in. */
#include "app/policy.h"
#include "app/session.h"
#include "fixture.h"
#include "t.h"

TEST(policy_only_secadmin_sets_it_and_ranges_are_checked)
{
	struct fx f;
	struct app_ctx sec, sys;
	struct fz_error e;
	struct policy p;
	REQUIRE(fx_open(&f));
	fx_as(&f, &sec, ROLE_SECADMIN, 0);
	fx_as(&f, &sys, ROLE_SYSADMIN, 0);
	REQUIRE(app_policy_get(&sec, &p, &e) == FZ_OK);
	CHECK_INT(p.idle_minutes, 30);
	CHECK_INT(p.lockout_threshold, 5);
	CHECK_INT(app_policy_set(&sys, &p, &e), FZ_FORBIDDEN);
	p.idle_minutes = 90;
	CHECK_INT(app_policy_set(&sec, &p, &e), FZ_INVALID);
	CHECK_STR(e.field, "idle_minutes");
	p.idle_minutes = 10;
	p.lockout_threshold = 3;
	int64_t before = fx_audit_count(&f);
	CHECK_INT(app_policy_set(&sec, &p, &e), FZ_OK);
	CHECK_INT(fx_audit_count(&f), before + 1);
	struct policy q;
	REQUIRE(app_policy_get(&sys, &q, &e) == FZ_OK);
	CHECK_INT(q.idle_minutes, 10);
	CHECK_INT(q.lockout_threshold, 3);
	fx_close(&f);
}

TEST(stored_policy_governs_lockout_and_idle_timeout)
{
	struct fx f;
	struct app_ctx sec, ctx;
	struct fz_error e;
	struct policy p;
	char token[SESSION_TOKEN_HEX];
	REQUIRE(fx_open(&f));
	REQUIRE(fx_user(&f, "officer9", ROLE_OFFICER, f.natres, "Right#Pass1"));
	fx_as(&f, &sec, ROLE_SECADMIN, 0);
	REQUIRE(app_policy_get(&sec, &p, &e) == FZ_OK);
	p.idle_minutes = 5;
	p.lockout_threshold = 3;
	REQUIRE(app_policy_set(&sec, &p, &e) == FZ_OK);
	int64_t t = f.cli.now;
	for (int i = 0; i < 2; i++) {
		app_ctx_init(&ctx, f.st, f.a, &f.cfg, "192.0.2.1", t);
		CHECK_INT(app_login(&ctx, "officer9", "bad", token, NULL, &e), FZ_INVALID);
	}
	app_ctx_init(&ctx, f.st, f.a, &f.cfg, "192.0.2.1", t);
	CHECK_INT(app_login(&ctx, "officer9", "bad", token, NULL, &e), FZ_LOCKED);
	t += 20 * 60; /* the default 15-minute lockout has passed */
	app_ctx_init(&ctx, f.st, f.a, &f.cfg, "192.0.2.1", t);
	REQUIRE(app_login(&ctx, "officer9", "Right#Pass1", token, NULL, &e) == FZ_OK);
	app_ctx_init(&ctx, f.st, f.a, &f.cfg, "192.0.2.1", t + 6 * 60);
	CHECK_INT(app_session_resolve(&ctx, token, &e), FZ_UNAUTHORIZED);
	fx_close(&f);
}
