/* api_memo_test.c - the signed-in certificate list, answered from a
 * connection's memo while nothing was committed, stays exact: each write
 * (through the API, or straight into the database by another connection)
 * shows on the very next GET; a session signed out, an account disabled,
 * its password reset or its roles changed is refused on the very next
 * request; an account with a narrower scope
 * never gets another's rows. */
#include <sqlite3.h>
#include <stdio.h>

#include "api_fixture.h"
#include "t.h"

#define LIST "/api/v1/certificates?limit=20"

/* The first certificate of the supervisor's list, or -1. */
static int64_t first_cert(struct t_demo *d)
{
	struct http_resp r = t_api(d, "supervisor", "GET", LIST, NULL);
	json_t *j = t_json(&r);
	json_t *id = json_object_get(json_array_get(json_object_get(j, "items"), 0), "id");
	int64_t v = json_is_integer(id) ? (int64_t)json_integer_value(id) : -1;
	json_decref(j);
	t_resp_free(&r);
	return v;
}

/* The supervisor's list, twice (the test server has two connections, each
 * with its own memo), then once more: the body of the last. */
static struct http_resp list_thrice(struct t_demo *d)
{
	for (int i = 0; i < 2; i++) {
		struct http_resp r = t_api(d, "supervisor", "GET", LIST, NULL);
		CHECK_INT(r.status, 200);
		t_resp_free(&r);
	}
	return t_api(d, "supervisor", "GET", LIST, NULL);
}

TEST(certificate_list_shows_each_write_on_the_very_next_get)
{
	struct t_demo d;
	char body[128], path[64], want[128];
	REQUIRE(t_demo_start(&d));
	int64_t id = first_cert(&d);
	REQUIRE(id > 0);
	snprintf(path, sizeof path, "/api/v1/certificates/%lld", (long long)id);
	/* through the API, on whichever connection the write lands */
	for (int i = 1; i <= 6; i++) {
		struct http_resp r = list_thrice(&d);
		CHECK_INT(r.status, 200);
		t_resp_free(&r);
		snprintf(body, sizeof body, "{\"issuer\":\"海原县人民政府第%d次\"}", i);
		r = t_api(&d, "supervisor", "PATCH", path, body);
		CHECK_INT(r.status, 200);
		t_resp_free(&r);
		r = t_api(&d, "supervisor", "GET", LIST, NULL);
		snprintf(want, sizeof want, "\"issuer\":\"海原县人民政府第%d次\"", i);
		CHECK_CONTAINS(r.body, want);
		t_resp_free(&r);
	}
	/* straight into the database, by a connection that is not the
	 * server's (as another process would) */
	for (int i = 1; i <= 3; i++) {
		struct http_resp r = list_thrice(&d);
		t_resp_free(&r);
		sqlite3 *db;
		char sql[160];
		REQUIRE(sqlite3_open(d.ts.db, &db) == SQLITE_OK);
		snprintf(sql, sizeof sql,
			 "UPDATE certificates SET issuer = '中卫市人民政府第%d次' WHERE id = %lld", i,
			 (long long)id);
		CHECK_INT(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
		sqlite3_close(db);
		r = t_api(&d, "supervisor", "GET", LIST, NULL);
		snprintf(want, sizeof want, "\"issuer\":\"中卫市人民政府第%d次\"", i);
		CHECK_CONTAINS(r.body, want);
		t_resp_free(&r);
	}
	t_demo_stop(&d);
}

/* The supervisor's account id, from /api/v1/me (a read: no commit). */
static int64_t supervisor_id(struct t_demo *d)
{
	struct http_resp r = t_api(d, "supervisor", "GET", "/api/v1/me", NULL);
	json_t *me = t_json(&r);
	int64_t uid = json_integer_value(json_object_get(json_object_get(me, "user"), "id"));
	json_decref(me);
	t_resp_free(&r);
	return uid;
}

/* The ways a session ends while it is kept with the connection (the
 * session, the account and its scope are kept in the memo too, under the
 * same stamp): each is a commit, and the very next request is refused. */
enum session_end { SIGNED_OUT, DISABLED, PASSWORD_RESET, ROLES_CHANGED, ENDS };

static struct http_resp session_end(struct t_demo *d, enum session_end how, int64_t uid)
{
	char path[80];
	switch (how) {
	case SIGNED_OUT:
		return t_api(d, "supervisor", "DELETE", "/api/v1/session", NULL);
	case DISABLED:
		snprintf(path, sizeof path, "/api/v1/users/%lld", (long long)uid);
		return t_api(d, "sysadmin", "PATCH", path, "{\"disabled\":true}");
	case PASSWORD_RESET:
		snprintf(path, sizeof path, "/api/v1/users/%lld/password-reset", (long long)uid);
		return t_api(d, "sysadmin", "POST", path, NULL);
	default:
		snprintf(path, sizeof path, "/api/v1/users/%lld/roles", (long long)uid);
		return t_api(d, "secadmin", "PUT", path, "{\"roles\":[\"officer\"]}");
	}
}

TEST(certificate_list_refuses_a_session_ended_in_any_way_at_once)
{
	for (int how = 0; how < ENDS; how++) {
		struct t_demo d;
		REQUIRE(t_demo_start(&d));
		int64_t uid = supervisor_id(&d);
		REQUIRE(uid > 0);
		/* the other accounts signed in first: a sign-in is a commit */
		REQUIRE(t_demo_token(&d, "sysadmin") && t_demo_token(&d, "secadmin"));
		struct http_resp r = list_thrice(&d);
		CHECK_INT(r.status, 200);
		t_resp_free(&r);
		r = session_end(&d, (enum session_end)how, uid);
		CHECK(r.status == 200 || r.status == 204);
		t_resp_free(&r);
		r = t_api(&d, "supervisor", "GET", LIST, NULL);
		CHECK_ERROR(r, 401, "unauthorized", NULL);
		CHECK(!strstr(r.body, "\"items\""));
		t_resp_free(&r);
		t_demo_stop(&d);
	}
}

TEST(certificate_list_of_a_narrower_scope_never_comes_from_another_account)
{
	struct t_demo d;
	REQUIRE(t_demo_start(&d));
	/* signed in first: a sign-in is a commit, which would empty the memo */
	REQUIRE(t_demo_token(&d, "officer1"));
	struct http_resp r = list_thrice(&d);
	json_t *all = t_json(&r);
	t_resp_free(&r);
	for (int i = 0; i < 3; i++) {
		r = t_api(&d, "officer1", "GET", LIST, NULL);
		CHECK_INT(r.status, 200);
		json_t *own = t_json(&r);
		CHECK(json_integer_value(json_object_get(own, "total")) <
		      json_integer_value(json_object_get(all, "total")));
		size_t k;
		json_t *it;
		json_array_foreach(json_object_get(own, "items"), k, it)
			CHECK_INT(json_integer_value(json_object_get(it, "agency_id")),
				  d.sum.agency_ids[1]);
		json_decref(own);
		t_resp_free(&r);
	}
	json_decref(all);
	t_demo_stop(&d);
}
