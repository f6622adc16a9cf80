/* api_users_test.c - accounts over HTTP: sysadmin creates and changes
 * them, secadmin assigns roles, and 三员分立 holds: admin roles never
 * combine (400, field roles), nobody changes their own roles, and refused
 * requests change nothing. */
#include <stdio.h>

#include "api_fixture.h"
#include "t.h"

/* Creates account wangfang in 自然资源局 through the API; returns its id. */
static int64_t new_user(struct t_demo *d)
{
	char body[256];
	snprintf(body, sizeof body,
		 "{\"username\":\"wangfang\",\"display_name\":\"王芳\",\"password\":\"Chushi@2026\","
		 "\"agency_id\":%lld}",
		 (long long)d->sum.agency_ids[1]);
	struct http_resp r = t_api(d, "sysadmin", "POST", "/api/v1/users", body);
	int64_t id = r.status == 201 ? t_json_int(&r, "id") : -1;
	if (id < 0)
		t_fail(__FILE__, __LINE__, "user: %ld %s", r.status, r.body);
	CHECK_CONTAINS(r.body, "\"roles\":[]");
	CHECK_CONTAINS(r.body, "\"must_change_password\":true");
	CHECK(!strstr(r.body, "Chushi") && !strstr(r.body, "scrypt"));
	t_resp_free(&r);
	return id;
}

static void check_roles(struct t_demo *d, const char *path, const char *want)
{
	struct http_resp r = t_api(d, "secadmin", "GET", path, NULL);
	CHECK_CONTAINS(r.body, want);
	t_resp_free(&r);
}

TEST(secadmin_assigns_roles_and_admin_combinations_are_refused)
{
	static const struct {
		const char *body, *field;
	} bad[] = {
		{ "{\"roles\":[\"sysadmin\",\"auditor\"]}", "roles" },
		{ "{\"roles\":[\"secadmin\",\"officer\"]}", "roles" },
		{ "{\"roles\":[\"supervisor\"]}", "roles" }, /* not a justice bureau */
		{ "{\"roles\":[\"ruler\"]}", "roles" },
		{ "{\"roles\":\"officer\"}", "roles" },
		{ "{\"roles\":[1]}", "roles" },
		{ "{}", "roles" },
		{ "{\"roles\":[],\"admin\":true}", "admin" },
		{ "{\"roles\":", NULL },
	};
	struct t_demo d;
	char path[64];
	REQUIRE(t_demo_start(&d));
	int64_t id = new_user(&d);
	REQUIRE(id > 0);
	snprintf(path, sizeof path, "/api/v1/users/%lld/roles", (long long)id);
	struct http_resp r = t_api(&d, "secadmin", "PUT", path,
				   "{\"roles\":[\"officer\",\"reviewer\"]}");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "\"roles\":[\"officer\",\"reviewer\"]");
	t_resp_free(&r);
	int64_t audits = t_audit_count(&d.ts);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		r = t_api(&d, "secadmin", "PUT", path, bad[i].body);
		CHECK_ERROR(r, 400, "invalid", bad[i].field);
		t_resp_free(&r);
	}
	CHECK_INT(t_audit_count(&d.ts), audits); /* nothing written */
	snprintf(path, sizeof path, "/api/v1/users/%lld", (long long)id);
	check_roles(&d, path, "\"roles\":[\"officer\",\"reviewer\"]");

	/* Not one's own roles; not the sysadmin's job; unknown ids are 404. */
	r = t_api(&d, "secadmin", "GET", "/api/v1/me", NULL);
	json_t *me = t_json(&r);
	int64_t self = (int64_t)json_integer_value(
		json_object_get(json_object_get(me, "user"), "id"));
	json_decref(me);
	t_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/users/%lld/roles", (long long)self);
	r = t_api(&d, "secadmin", "PUT", path, "{\"roles\":[]}");
	CHECK_ERROR(r, 403, "forbidden", "roles");
	t_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/users/%lld/roles", (long long)id);
	r = t_api(&d, "sysadmin", "PUT", path, "{\"roles\":[\"head\"]}");
	CHECK_ERROR(r, 403, "forbidden", NULL);
	t_resp_free(&r);
	r = t_api(&d, "secadmin", "PUT", "/api/v1/users/999999/roles", "{\"roles\":[]}");
	CHECK_ERROR(r, 404, "not_found", "id");
	t_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/users/%lld", (long long)id);
	check_roles(&d, path, "\"roles\":[\"officer\",\"reviewer\"]");

	r = t_api(&d, "auditor", "GET", "/api/v1/audit?action=user.roles", NULL);
	CHECK_INT(t_json_int(&r, "total"), 1);
	t_resp_free(&r);
	t_demo_stop(&d);
}

TEST(user_create_refuses_bad_input_and_changes_nothing)
{
	static const struct {
		const char *body, *field;
		int status;
	} cases[] = {
		{ "{\"username\":\"A\",\"display_name\":\"甲\",\"password\":\"Chushi@2026\"}",
		  "username", 400 },
		{ "{\"username\":\"jia\",\"display_name\":\"甲\",\"password\":\"abc\"}",
		  "password", 400 },
		{ "{\"username\":\"jia\",\"password\":\"Chushi@2026\"}", "display_name", 400 },
		{ "{\"username\":\"jia\",\"display_name\":\"甲\",\"password\":\"Chushi@2026\","
		  "\"roles\":[\"officer\"]}", "roles", 400 },
		{ "{\"username\":\"jia\",\"display_name\":\"甲\",\"password\":\"Chushi@2026\","
		  "\"agency_id\":999999}", "agency_id", 400 },
		{ "{\"username\":\"jia\",\"display_name\":\"甲\",\"password\":\"Chushi@2026\","
		  "\"agency_id\":-3}", "agency_id", 400 },
		{ "{\"username\":\"officer1\",\"display_name\":\"甲\",\"password\":\"Chushi@2026\"}",
		  "username", 409 },
		{ "{\"username\":\"jia\",\"display_name\":\"\xc3\x28\",\"password\":\"Chushi@2026\"}",
		  NULL, 400 },
	};
	struct t_demo d;
	REQUIRE(t_demo_start(&d));
	int64_t before = t_demo_count(&d, "users");
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct http_resp r = t_api(&d, "sysadmin", "POST", "/api/v1/users", cases[i].body);
		CHECK_ERROR(r, cases[i].status, cases[i].status == 409 ? "conflict" : "invalid",
			    cases[i].field);
		t_resp_free(&r);
	}
	struct http_resp r = t_api(&d, "secadmin", "POST", "/api/v1/users",
				   "{\"username\":\"jia\",\"display_name\":\"甲\","
				   "\"password\":\"Chushi@2026\"}");
	CHECK_ERROR(r, 403, "forbidden", NULL);
	t_resp_free(&r);
	CHECK_INT(t_demo_count(&d, "users"), before);
	t_demo_stop(&d);
}

TEST(sysadmin_resets_password_and_disables_an_account)
{
	struct t_demo d;
	char path[64], tok[65], csrf[65];
	REQUIRE(t_demo_start(&d));
	int64_t id = new_user(&d);
	REQUIRE(id > 0);
	snprintf(path, sizeof path, "/api/v1/users/%lld", (long long)id);
	struct http_resp r = t_api(&d, "sysadmin", "PATCH", path,
				   "{\"display_name\":\"王芳芳\",\"password\":\"Chongzhi#2026\"}");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "\"display_name\":\"王芳芳\"");
	CHECK_CONTAINS(r.body, "\"must_change_password\":true");
	t_resp_free(&r);
	REQUIRE(t_login(&d.ts, "wangfang", "Chongzhi#2026", tok, csrf));
	r = t_http(&d.ts, "GET", "/api/v1/officers", tok, NULL, NULL);
	CHECK_ERROR(r, 403, "password_change_required", NULL);
	t_resp_free(&r);

	r = t_api(&d, "sysadmin", "PATCH", path, "{\"disabled\":true,\"agency_id\":0}");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "\"disabled\":true");
	CHECK_CONTAINS(r.body, "\"agency_id\":null");
	t_resp_free(&r);
	r = t_http(&d.ts, "GET", "/api/v1/me", tok, NULL, NULL); /* its sessions ended */
	CHECK_INT(r.status, 401);
	t_resp_free(&r);

	r = t_api(&d, "sysadmin", "PATCH", path, "{\"password\":\"short\"}");
	CHECK_ERROR(r, 400, "invalid", "password");
	t_resp_free(&r);
	r = t_api(&d, "sysadmin", "PATCH", path, "{\"disabled\":\"yes\"}");
	CHECK_ERROR(r, 400, "invalid", "disabled");
	t_resp_free(&r);
	r = t_api(&d, "sysadmin", "PATCH", "/api/v1/users/999999", "{\"disabled\":true}");
	CHECK_ERROR(r, 404, "not_found", "id");
	t_resp_free(&r);
	/* user 1 is sysadmin itself: an administrator's account is out of reach */
	r = t_api(&d, "sysadmin", "PATCH", "/api/v1/users/1", "{\"disabled\":true}");
	CHECK_ERROR(r, 403, "forbidden", NULL);
	t_resp_free(&r);
	r = t_api(&d, "officer1", "GET", "/api/v1/users", NULL);
	CHECK_ERROR(r, 403, "forbidden", NULL);
	t_resp_free(&r);
	r = t_api(&d, "secadmin", "GET", "/api/v1/users?role=auditor", NULL);
	CHECK_INT(t_json_int(&r, "total"), 1);
	t_resp_free(&r);
	r = t_api(&d, "secadmin", "GET", "/api/v1/users?role=king", NULL);
	CHECK_ERROR(r, 400, "invalid", "role");
	t_resp_free(&r);
	t_demo_stop(&d);
}
