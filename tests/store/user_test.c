/* user_test.c - contract: accounts, settings, sessions and failed
 * sign-ins. */
#include "contract.h"
#include "t.h"

TEST(store_duplicate_username_conflicts_ignoring_case)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	REQUIRE(store_fx_user(&fx, "mazhang", fx.haiyuan_market, ROLE_OFFICER));
	struct user u = { .username = "MaZhang", .display_name = "x", .password_hash = "h" };
	struct fz_error e = { 0 };
	CHECK_INT(fx.st->ops->user_insert(fx.st, &u, &e), FZ_CONFLICT);
	CHECK_STR(e.field, "username");
	CHECK_STR(e.message, "用户名已存在");
	store_fx_close(&fx);
}

TEST(store_user_get_by_name_ignores_case)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	int64_t id = store_fx_user(&fx, "Admin", 0, ROLE_SYSADMIN);
	struct user got;
	CHECK_INT(fx.st->ops->user_get_by_name(fx.st, fx.a, "admin", &got, NULL), FZ_OK);
	CHECK_INT(got.id, id);
	CHECK_STR(got.username, "Admin");
	CHECK_STR(got.password_hash, "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA");
	CHECK_INT(got.roles, ROLE_SYSADMIN);
	struct fz_error e = { 0 };
	CHECK_INT(fx.st->ops->user_get_by_name(fx.st, fx.a, "nobody", &got, &e), FZ_NOTFOUND);
	store_fx_close(&fx);
}

TEST(store_user_update_writes_every_column)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	int64_t id = store_fx_user(&fx, "lijuan", fx.haiyuan_market, ROLE_OFFICER);
	struct scope all = sc_all();
	struct user u;
	REQUIRE(fx.st->ops->user_get(fx.st, fx.a, &all, id, &u, NULL) == FZ_OK);
	CHECK(u.must_change_password);
	CHECK_INT(u.person_id, 0);
	u.display_name = "李娟";
	u.person_id = fx.officer2;
	u.roles = ROLE_OFFICER | ROLE_REVIEWER;
	u.disabled = true;
	u.must_change_password = false;
	u.password_hash = "new-hash";
	u.password_changed_at = 1700000500;
	u.updated_at = 1700000600;
	CHECK_INT(fx.st->ops->user_update(fx.st, &u, NULL), FZ_OK);
	struct user got;
	REQUIRE(fx.st->ops->user_get(fx.st, fx.a, &all, id, &got, NULL) == FZ_OK);
	CHECK_STR(got.display_name, "李娟");
	CHECK_INT(got.person_id, fx.officer2);
	CHECK_INT(got.roles, ROLE_OFFICER | ROLE_REVIEWER);
	CHECK(got.disabled);
	CHECK(!got.must_change_password);
	CHECK_STR(got.password_hash, "new-hash");
	CHECK_INT(got.password_changed_at, 1700000500);
	CHECK_INT(got.updated_at, 1700000600);
	CHECK_INT(got.created_at, u.created_at);

	/* The lock is the name's (login_names), read with the account. */
	CHECK_INT(got.locked_until, 0);
	struct login_name ln = { .username = "LiJuan", .failures = 3, .locked_until = 1800000000,
				 .updated_at = 1700000700 };
	CHECK_INT(fx.st->ops->login_name_put(fx.st, &ln, NULL), FZ_OK);
	REQUIRE(fx.st->ops->user_get(fx.st, fx.a, &all, id, &got, NULL) == FZ_OK);
	CHECK_INT(got.failed_logins, 3);
	CHECK_INT(got.locked_until, 1800000000);
	ln.failures = ln.locked_until = 0; /* forgets the name */
	CHECK_INT(fx.st->ops->login_name_put(fx.st, &ln, NULL), FZ_OK);
	REQUIRE(fx.st->ops->user_get(fx.st, fx.a, &all, id, &got, NULL) == FZ_OK);
	CHECK_INT(got.locked_until, 0);

	u.person_id = 9999;
	struct fz_error e = { 0 };
	CHECK_INT(fx.st->ops->user_update(fx.st, &u, &e), FZ_CONFLICT);
	CHECK_STR(e.field, "person_id");
	store_fx_close(&fx);
}

TEST(store_user_without_agency_is_seen_only_system_wide)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	int64_t admin = store_fx_user(&fx, "sysadmin", 0, ROLE_SYSADMIN);
	int64_t officer = store_fx_user(&fx, "mazhang", fx.haiyuan_market, ROLE_OFFICER);
	struct user got;
	struct scope all = sc_all();
	struct scope own = sc_agency(fx.haiyuan_market);
	struct scope province = sc_division("64");
	CHECK_INT(fx.st->ops->user_get(fx.st, fx.a, &all, admin, &got, NULL), FZ_OK);
	CHECK_INT(got.agency_id, 0);
	CHECK_INT(fx.st->ops->user_get(fx.st, fx.a, &own, admin, &got, NULL), FZ_NOTFOUND);
	CHECK_INT(fx.st->ops->user_get(fx.st, fx.a, &province, admin, &got, NULL), FZ_NOTFOUND);
	CHECK_INT(fx.st->ops->user_get(fx.st, fx.a, &own, officer, &got, NULL), FZ_OK);
	CHECK_INT(fx.st->ops->user_get(fx.st, fx.a, &province, officer, &got, NULL), FZ_OK);
	struct user_list l;
	CHECK_INT(fx.st->ops->user_list(fx.st, fx.a, &all, NULL, PAGE_ALL, &l, NULL), FZ_OK);
	CHECK_INT(l.total, 2);
	CHECK_INT(fx.st->ops->user_list(fx.st, fx.a, &province, NULL, PAGE_ALL, &l, NULL), FZ_OK);
	CHECK_INT(l.total, 1);
	store_fx_close(&fx);
}

TEST(store_user_list_filters_role_and_text_and_hides_hashes)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	struct scope all = sc_all();
	store_fx_user(&fx, "auditor", 0, ROLE_AUDITOR);
	store_fx_user(&fx, "MaZhang", fx.haiyuan_market, ROLE_OFFICER | ROLE_HEAD);
	store_fx_user(&fx, "wangwu", fx.haiyuan_justice, ROLE_OFFICER);
	struct user_list l;
	struct user_filter f = { .role = ROLE_OFFICER };
	CHECK_INT(fx.st->ops->user_list(fx.st, fx.a, &all, &f, PAGE_ALL, &l, NULL), FZ_OK);
	CHECK_INT(l.total, 2);
	for (size_t i = 0; i < l.n; i++)
		CHECK(l.items[i].password_hash == NULL);
	f = (struct user_filter){ .role = ROLE_HEAD };
	CHECK_INT(fx.st->ops->user_list(fx.st, fx.a, &all, &f, PAGE_ALL, &l, NULL), FZ_OK);
	CHECK_INT(l.total, 1);
	f = (struct user_filter){ .q = "zhang" };
	CHECK_INT(fx.st->ops->user_list(fx.st, fx.a, &all, &f, PAGE_ALL, &l, NULL), FZ_OK);
	CHECK_INT(l.total, 1);
	f = (struct user_filter){ .agency_id = fx.haiyuan_justice };
	CHECK_INT(fx.st->ops->user_list(fx.st, fx.a, &all, &f, PAGE_ALL, &l, NULL), FZ_OK);
	CHECK_INT(l.total, 1);
	REQUIRE(l.n == 1);
	CHECK_STR(l.items[0].username, "wangwu");
	store_fx_close(&fx);
}

TEST(store_setting_round_trips_and_missing_is_not_found)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	char *v = NULL;
	CHECK_INT(fx.st->ops->setting_get(fx.st, fx.a, "audit_retention_days", &v, NULL), FZ_OK);
	CHECK_STR(v, "180");
	CHECK_INT(fx.st->ops->setting_set(fx.st, "password_min_length", "12", NULL), FZ_OK);
	CHECK_INT(fx.st->ops->setting_set(fx.st, "password_min_length", "14", NULL), FZ_OK);
	CHECK_INT(fx.st->ops->setting_get(fx.st, fx.a, "password_min_length", &v, NULL), FZ_OK);
	CHECK_STR(v, "14");
	struct fz_error e = { 0 };
	CHECK_INT(fx.st->ops->setting_get(fx.st, fx.a, "no_such_key", &v, &e), FZ_NOTFOUND);
	CHECK(v == NULL);
	store_fx_close(&fx);
}

static void digest_of(unsigned char d[32], unsigned char seed)
{
	for (int i = 0; i < 32; i++)
		d[i] = (unsigned char)(seed + i);
	d[5] = 0; /* a digest is binary: NUL bytes included */
}

TEST(store_session_is_found_by_digest_touched_and_deleted)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	int64_t uid = store_fx_user(&fx, "mazhang", fx.haiyuan_market, ROLE_OFFICER);
	struct session s = { .user_id = uid, .created_at = 1000, .client_addr = "10.0.0.8" };
	digest_of(s.digest, 7);
	REQUIRE(fx.st->ops->session_insert(fx.st, &s, NULL) == FZ_OK);
	CHECK(s.id > 0);
	CHECK_INT(s.last_seen_at, 1000);

	struct session got;
	unsigned char d[32];
	digest_of(d, 7);
	CHECK_INT(fx.st->ops->session_get(fx.st, fx.a, d, &got, NULL), FZ_OK);
	CHECK_INT(got.id, s.id);
	CHECK_INT(got.user_id, uid);
	CHECK(memcmp(got.digest, d, 32) == 0);
	CHECK_STR(got.client_addr, "10.0.0.8");
	d[31] ^= 1;
	CHECK_INT(fx.st->ops->session_get(fx.st, fx.a, d, &got, NULL), FZ_NOTFOUND);

	CHECK_INT(fx.st->ops->session_touch(fx.st, s.id, 2000, NULL), FZ_OK);
	digest_of(d, 7);
	CHECK_INT(fx.st->ops->session_get(fx.st, fx.a, d, &got, NULL), FZ_OK);
	CHECK_INT(got.last_seen_at, 2000);
	CHECK_INT(fx.st->ops->session_delete(fx.st, s.id, NULL), FZ_OK);
	CHECK_INT(fx.st->ops->session_get(fx.st, fx.a, d, &got, NULL), FZ_NOTFOUND);
	CHECK_INT(fx.st->ops->session_touch(fx.st, s.id, 3000, NULL), FZ_NOTFOUND);
	store_fx_close(&fx);
}

TEST(store_duplicate_session_digest_conflicts)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	int64_t uid = store_fx_user(&fx, "mazhang", fx.haiyuan_market, ROLE_OFFICER);
	struct session s = { .user_id = uid };
	digest_of(s.digest, 1);
	REQUIRE(fx.st->ops->session_insert(fx.st, &s, NULL) == FZ_OK);
	struct session again = { .user_id = uid };
	digest_of(again.digest, 1);
	CHECK_INT(fx.st->ops->session_insert(fx.st, &again, NULL), FZ_CONFLICT);
	struct session orphan = { .user_id = 9999 };
	digest_of(orphan.digest, 2);
	struct fz_error e = { 0 };
	CHECK_INT(fx.st->ops->session_insert(fx.st, &orphan, &e), FZ_CONFLICT);
	CHECK_STR(e.field, "user_id");
	store_fx_close(&fx);
}

TEST(store_sessions_end_per_user_and_expire_by_age)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	int64_t u1 = store_fx_user(&fx, "a", fx.haiyuan_market, ROLE_OFFICER);
	int64_t u2 = store_fx_user(&fx, "b", fx.haiyuan_market, ROLE_OFFICER);
	struct session s[4] = {
		{ .user_id = u1, .created_at = 100, .last_seen_at = 900 },
		{ .user_id = u1, .created_at = 100, .last_seen_at = 900 },
		{ .user_id = u2, .created_at = 100, .last_seen_at = 300 }, /* idle */
		{ .user_id = u2, .created_at = 10, .last_seen_at = 900 },  /* old */
	};
	for (int i = 0; i < 4; i++) {
		digest_of(s[i].digest, (unsigned char)(10 * i + 1));
		REQUIRE(fx.st->ops->session_insert(fx.st, &s[i], NULL) == FZ_OK);
	}
	struct session got;
	CHECK_INT(fx.st->ops->session_delete_user(fx.st, u1, NULL), FZ_OK);
	CHECK_INT(fx.st->ops->session_get(fx.st, fx.a, s[0].digest, &got, NULL), FZ_NOTFOUND);
	CHECK_INT(fx.st->ops->session_get(fx.st, fx.a, s[1].digest, &got, NULL), FZ_NOTFOUND);
	CHECK_INT(fx.st->ops->session_get(fx.st, fx.a, s[2].digest, &got, NULL), FZ_OK);
	struct session fresh = { .user_id = u2, .created_at = 100, .last_seen_at = 900 };
	digest_of(fresh.digest, 99);
	REQUIRE(fx.st->ops->session_insert(fx.st, &fresh, NULL) == FZ_OK);
	CHECK_INT(fx.st->ops->session_expire(fx.st, 500, 50, NULL), FZ_OK);
	CHECK_INT(fx.st->ops->session_get(fx.st, fx.a, s[2].digest, &got, NULL), FZ_NOTFOUND);
	CHECK_INT(fx.st->ops->session_get(fx.st, fx.a, s[3].digest, &got, NULL), FZ_NOTFOUND);
	CHECK_INT(fx.st->ops->session_get(fx.st, fx.a, fresh.digest, &got, NULL), FZ_OK);
	store_fx_close(&fx);
}

TEST(store_login_failures_are_counted_per_client_since)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	int64_t t0 = 1700000000;
	for (int i = 0; i < 5; i++)
		CHECK_INT(fx.st->ops->login_failure_add(fx.st, "10.0.0.1", t0 + i * 60, NULL), FZ_OK);
	CHECK_INT(fx.st->ops->login_failure_add(fx.st, "10.0.0.2", t0, NULL), FZ_OK);
	int64_t n = -1;
	CHECK_INT(fx.st->ops->login_failure_count(fx.st, "10.0.0.1", t0, &n, NULL), FZ_OK);
	CHECK_INT(n, 5);
	CHECK_INT(fx.st->ops->login_failure_count(fx.st, "10.0.0.1", t0 + 120, &n, NULL), FZ_OK);
	CHECK_INT(n, 3);
	CHECK_INT(fx.st->ops->login_failure_count(fx.st, "10.0.0.3", 0, &n, NULL), FZ_OK);
	CHECK_INT(n, 0);
	/* a day later the old failures are gone */
	CHECK_INT(fx.st->ops->login_failure_add(fx.st, "10.0.0.1", t0 + 2 * 86400, NULL), FZ_OK);
	CHECK_INT(fx.st->ops->login_failure_count(fx.st, "10.0.0.1", 0, &n, NULL), FZ_OK);
	CHECK_INT(n, 1);
	store_fx_close(&fx);
}
