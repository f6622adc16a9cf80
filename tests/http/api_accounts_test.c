/* api_accounts_test.c - 三员分立 and sign-in security over HTTP: the
 * system administrator cannot touch the administrators' accounts, a reset
 * hands out a temporary password that opens only the password change,
 * lockout answers alike whether an account exists, a locked administrator
 * still signs in from a management address, and the password policy
 * refuses common and recent passwords. Each refusal changes nothing. */
#include <stdio.h>
#include <string.h>

#include "api_fixture.h"
#include "http/router.h"
#include "t.h"

/* POST /api/v1/session from a chosen local address. */
static struct http_resp sign_in(struct t_server *ts, const char *source, const char *user,
				const char *password)
{
	char body[256];
	snprintf(body, sizeof body, "{\"username\":\"%s\",\"password\":\"%s\"}", user, password);
	struct t_req rq = { .method = "POST", .path = "/api/v1/session", .body = body,
			    .content_type = "application/json", .source = source };
	return t_http_req(ts, &rq);
}

static int64_t user_id(struct t_demo *d, const char *username)
{
	char path[96];
	snprintf(path, sizeof path, "/api/v1/users?q=%s", username);
	struct http_resp r = t_api(d, "secadmin", "GET", path, NULL);
	json_t *j = t_json(&r);
	int64_t id = (int64_t)json_integer_value(
		json_object_get(json_array_get(json_object_get(j, "items"), 0), "id"));
	json_decref(j);
	t_resp_free(&r);
	return id;
}

/* Audit records with this action and result, and (when not NULL) this
 * object. */
static int64_t audits_for(struct t_server *ts, const char *action, const char *result,
			  const char *type, const char *id)
{
	struct audit_filter f = { .action = action, .result = result, .object_type = type,
				  .object_id = id };
	struct audit_list l = { 0 };
	struct page pg = { 0, 1 };
	struct fz_error e = { 0 };
	if (ts->st->ops->audit_list(ts->st, ts->a, &f, pg, &l, &e))
		return -1;
	return l.total;
}

static int64_t audits(struct t_server *ts, const char *action, const char *result)
{
	return audits_for(ts, action, result, NULL, NULL);
}

TEST(sysadmin_cannot_touch_the_administrators_accounts)
{
	static const char *const bodies[] = {
		"{\"password\":\"Chongzhi#2026\"}",
		"{\"disabled\":true}",
		"{\"display_name\":\"冒名\"}",
		"{\"agency_id\":1}",
	};
	static const char *const targets[] = { "secadmin", "auditor", "sysadmin" };
	struct t_demo d;
	char path[96];
	REQUIRE(t_demo_start(&d));
	for (size_t t = 0; t < sizeof targets / sizeof targets[0]; t++) {
		int64_t id = user_id(&d, targets[t]);
		REQUIRE(id > 0);
		int64_t denied = audits(&d.ts, "user.update", "denied");
		for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
			snprintf(path, sizeof path, "/api/v1/users/%lld", (long long)id);
			struct http_resp r = t_api(&d, "sysadmin", "PATCH", path, bodies[i]);
			CHECK_ERROR(r, 403, "forbidden", NULL);
			CHECK_CONTAINS(r.body, "管理员账号");
			t_resp_free(&r);
		}
		CHECK_INT(audits(&d.ts, "user.update", "denied"), denied + 4);
		snprintf(path, sizeof path, "/api/v1/users/%lld/password-reset", (long long)id);
		struct http_resp r = t_api(&d, "sysadmin", "POST", path, NULL);
		CHECK_ERROR(r, 403, "forbidden", NULL);
		CHECK(!strstr(r.body, "temporary_password"));
		t_resp_free(&r);
		snprintf(path, sizeof path, "/api/v1/users/%lld/roles", (long long)id);
		r = t_api(&d, "sysadmin", "PUT", path, "{\"roles\":[\"officer\"]}");
		CHECK_ERROR(r, 403, "forbidden", NULL);
		t_resp_free(&r);
		/* Nothing changed: the account signs in with its own password,
		 * keeps its name, its role, and needs no password change. */
		r = sign_in(&d.ts, NULL, targets[t], DEMO_PASSWORD);
		CHECK_INT(r.status, 201);
		CHECK_CONTAINS(r.body, "\"must_change_password\":false");
		CHECK(!strstr(r.body, "冒名"));
		char role[64];
		snprintf(role, sizeof role, "\"roles\":[\"%s\"]", targets[t]);
		CHECK_CONTAINS(r.body, role);
		t_resp_free(&r);
	}
	/* The sysadmin never reads the audit log, before or after. */
	struct http_resp r = t_api(&d, "sysadmin", "GET", "/api/v1/audit", NULL);
	CHECK_ERROR(r, 403, "forbidden", NULL);
	t_resp_free(&r);
	t_demo_stop(&d);
}

/* The status a route answers the holder of a temporary password with. */
static void check_only_password_change(struct t_demo *d, const char *token)
{
	for (size_t i = 0; i < http_route_count; i++) {
		const struct route *rt = &http_routes[i];
		if (rt->perm == PERM_PUBLIC || (rt->flags & ROUTE_PW_EXEMPT))
			continue;
		char path[256];
		size_t k = 0;
		for (const char *p = rt->pattern; *p && k + 8 < sizeof path; p++) {
			if (*p == '{') {
				k += (size_t)snprintf(path + k, sizeof path - k, "1");
				p = strchr(p, '}');
				if (!p)
					break;
			} else {
				path[k++] = *p;
			}
		}
		path[k] = '\0';
		struct t_req rq = { .method = rt->method, .path = path, .bearer = token };
		if (strcmp(rt->method, "GET") != 0) {
			rq.body = "{}";
			rq.content_type = (rt->flags & ROUTE_PAGE) ? "application/x-www-form-urlencoded"
								   : "application/json";
		}
		struct http_resp r = t_http_req(&d->ts, &rq);
		if (rt->flags & ROUTE_PAGE) {
			char loc[64];
			t_header(&r, "Location", loc, sizeof loc);
			if (r.status != 303 || strcmp(loc, "/password") != 0)
				t_fail(__FILE__, __LINE__, "%s %s: %ld to '%s', expected 303 to /password",
				       rt->method, rt->pattern, r.status, loc);
		} else if (r.status != 403 || !strstr(r.body, "password_change_required")) {
			t_fail(__FILE__, __LINE__, "%s %s: %ld %s", rt->method, rt->pattern, r.status,
			       r.body);
		}
		t_resp_free(&r);
	}
}

TEST(reset_gives_a_temporary_password_that_opens_only_the_password_change)
{
	struct t_demo d;
	char path[96], pw[64], tok[65], csrf[65];
	REQUIRE(t_demo_start(&d));
	int64_t id = user_id(&d, "officer2");
	REQUIRE(id > 0);
	int64_t resets = audits(&d.ts, "user.update", "ok");
	snprintf(path, sizeof path, "/api/v1/users/%lld/password-reset", (long long)id);
	struct http_resp r = t_api(&d, "sysadmin", "POST", path, NULL);
	CHECK_INT(r.status, 200);
	t_json_str(&r, "temporary_password", pw, sizeof pw);
	CHECK_INT((long long)strlen(pw), 12);
	t_resp_free(&r);
	CHECK_INT(audits(&d.ts, "user.update", "ok"), resets + 1);
	/* The old password is gone; the temporary one signs in ... */
	r = sign_in(&d.ts, NULL, "officer2", DEMO_PASSWORD);
	CHECK_INT(r.status, 400);
	t_resp_free(&r);
	REQUIRE(t_login(&d.ts, "officer2", pw, tok, csrf));
	/* ... and every route but the password change refuses it. */
	check_only_password_change(&d, tok);
	r = t_http(&d.ts, "GET", "/api/v1/me", tok, NULL, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "\"must_change_password\":true");
	t_resp_free(&r);
	char body[256];
	snprintf(body, sizeof body, "{\"old_password\":\"%s\",\"new_password\":\"Xinmima#2026q\"}",
		 pw);
	r = t_http(&d.ts, "PUT", "/api/v1/me/password", tok, "application/json", body);
	CHECK_INT(r.status, 200);
	t_resp_free(&r);
	REQUIRE(t_login(&d.ts, "officer2", "Xinmima#2026q", tok, csrf));
	r = t_http(&d.ts, "GET", "/api/v1/cases", tok, NULL, NULL);
	CHECK_INT(r.status, 200);
	t_resp_free(&r);
	t_demo_stop(&d);
}

/* Status, error code and message with digits blanked (the lock's end
 * time is in the message). */
static void answer_shape(const struct http_resp *r, char *out, size_t n)
{
	snprintf(out, n, "%ld ", r->status);
	size_t k = strlen(out);
	for (const char *p = r->body; *p && k + 1 < n; p++)
		out[k++] = (*p >= '0' && *p <= '9') ? '#' : *p;
	out[k] = '\0';
}

TEST(lockout_answers_alike_whether_or_not_the_account_exists)
{
	struct t_server ts;
	char a[512], b[512];
	REQUIRE(t_server_start(&ts));
	REQUIRE(t_server_user(&ts, "alice", "Secret-pass1", ROLE_OFFICER, false));
	REQUIRE(t_server_user(&ts, "dora", "Secret-pass1", ROLE_OFFICER, false));
	int64_t locked_answers = 0;
	for (int i = 0; i < ts.cfg.lockout_threshold + 2; i++) {
		struct http_resp x = sign_in(&ts, NULL, "alice", "Wrong-pass1");
		struct http_resp y = sign_in(&ts, NULL, "nobody", "Wrong-pass1");
		answer_shape(&x, a, sizeof a);
		answer_shape(&y, b, sizeof b);
		CHECK_STR(a, b);
		locked_answers += x.status == 423;
		t_resp_free(&x);
		t_resp_free(&y);
	}
	CHECK_INT(locked_answers, 3); /* the 5th, 6th and 7th attempts */
	/* Locked means locked, right password or not, account or not. */
	struct http_resp x = sign_in(&ts, NULL, "alice", "Secret-pass1");
	struct http_resp y = sign_in(&ts, NULL, "nobody", "Secret-pass1");
	answer_shape(&x, a, sizeof a);
	answer_shape(&y, b, sizeof b);
	CHECK_INT(x.status, 423);
	CHECK_STR(a, b);
	CHECK(!strstr(x.headers, "Set-Cookie"));
	t_resp_free(&x);
	t_resp_free(&y);
	/* A disabled account tells so only to who knows its password. */
	struct fz_error e;
	struct user u;
	REQUIRE(ts.st->ops->user_get_by_name(ts.st, ts.a, "dora", &u, &e) == FZ_OK);
	u.disabled = true;
	REQUIRE(ts.st->ops->user_update(ts.st, &u, &e) == FZ_OK);
	x = sign_in(&ts, NULL, "dora", "Wrong-pass1");
	y = sign_in(&ts, NULL, "nobody2", "Wrong-pass1");
	answer_shape(&x, a, sizeof a);
	answer_shape(&y, b, sizeof b);
	CHECK_STR(a, b);
	t_resp_free(&x);
	t_resp_free(&y);
	x = sign_in(&ts, NULL, "dora", "Secret-pass1");
	CHECK_INT(x.status, 403);
	t_resp_free(&x);
	t_server_stop(&ts);
}

TEST(locked_administrator_signs_in_from_the_management_address_only)
{
	struct t_server ts;
	char tok[65], csrf[65];
	REQUIRE(t_server_start(&ts));
	/* Requests come from 127.0.0.1 unless a source is named. */
	ts.cfg.admin_addresses = "10.9.9.9, 127.0.0.1, 127.100.0.255";
	REQUIRE(t_server_user(&ts, "admin", "Secret-pass1", ROLE_SYSADMIN, false));
	REQUIRE(t_server_user(&ts, "alice", "Secret-pass1", ROLE_OFFICER, false));
	for (int i = 0; i < ts.cfg.lockout_threshold; i++) {
		struct http_resp r = sign_in(&ts, "127.0.0.2", "admin", "Wrong-pass1");
		struct http_resp s = sign_in(&ts, "127.0.0.2", "alice", "Wrong-pass1");
		t_resp_free(&r);
		t_resp_free(&s);
	}
	struct http_resp r = sign_in(&ts, "127.0.0.2", "admin", "Secret-pass1");
	CHECK_INT(r.status, 423);
	t_resp_free(&r);
	r = sign_in(&ts, "127.0.0.3", "admin", "Secret-pass1");
	CHECK_INT(r.status, 423);
	t_resp_free(&r);
	/* the client's address exactly as written: a prefix is another one */
	r = sign_in(&ts, "127.100.0.25", "admin", "Secret-pass1");
	CHECK_INT(r.status, 423);
	t_resp_free(&r);
	/* A business account gains nothing from the management address. */
	r = sign_in(&ts, "127.0.0.1", "alice", "Secret-pass1");
	CHECK_INT(r.status, 423);
	t_resp_free(&r);
	/* The administrator does, and the wrong password is still wrong. */
	r = sign_in(&ts, "127.0.0.1", "admin", "Wrong-pass1");
	CHECK_INT(r.status, 400);
	t_resp_free(&r);
	r = sign_in(&ts, "127.100.0.255", "admin", "Secret-pass1");
	CHECK_INT(r.status, 201);
	t_resp_free(&r);
	REQUIRE(t_login(&ts, "admin", "Secret-pass1", tok, csrf));
	t_server_stop(&ts);
}

TEST(address_throttle_refuses_one_address_and_not_another)
{
	struct t_server ts;
	char tok[65], csrf[65];
	REQUIRE(t_server_start(&ts));
	ts.cfg.client_failure_limit = 4;
	REQUIRE(t_server_user(&ts, "alice", "Secret-pass1", ROLE_OFFICER, false));
	for (int i = 0; i < 4; i++) {
		char name[16];
		snprintf(name, sizeof name, "guess%d", i);
		struct http_resp r = sign_in(&ts, "127.0.0.5", name, "Wrong-pass1");
		CHECK_INT(r.status, 400);
		t_resp_free(&r);
	}
	struct http_resp r = sign_in(&ts, "127.0.0.5", "alice", "Secret-pass1");
	CHECK_INT(r.status, 429);
	t_resp_free(&r);
	REQUIRE(t_login(&ts, "alice", "Secret-pass1", tok, csrf));
	t_server_stop(&ts);
}

static struct http_resp change(struct t_server *ts, const char *tok, const char *old,
			       const char *new_pw)
{
	char body[256];
	snprintf(body, sizeof body, "{\"old_password\":\"%s\",\"new_password\":\"%s\"}", old,
		 new_pw);
	return t_http(ts, "PUT", "/api/v1/me/password", tok, "application/json", body);
}

TEST(password_change_refuses_common_and_recent_passwords)
{
	static const char *const common[] = { "Password@123", "P@ssw0rd!", "Woaini1314!",
					      "QWERTY123!", "Abcd1234", "Admin@123" };
	struct t_server ts;
	char tok[65], csrf[65];
	REQUIRE(t_server_start(&ts));
	REQUIRE(t_server_user(&ts, "alice", "First#pass1", ROLE_OFFICER, false));
	REQUIRE(t_login(&ts, "alice", "First#pass1", tok, csrf));
	int64_t before = t_audit_count(&ts);
	for (size_t i = 0; i < sizeof common / sizeof common[0]; i++) {
		struct http_resp r = change(&ts, tok, "First#pass1", common[i]);
		CHECK_INT(r.status, 400);
		CHECK_CONTAINS(r.body, "过于常见");
		t_resp_free(&r);
	}
	CHECK_INT(t_audit_count(&ts), before);
	const char *seq[] = { "First#pass1", "Second#pass2", "Third#pass3" };
	for (int i = 1; i < 3; i++) {
		struct http_resp r = change(&ts, tok, seq[i - 1], seq[i]);
		CHECK_INT(r.status, 200);
		t_resp_free(&r);
		REQUIRE(t_login(&ts, "alice", seq[i], tok, csrf));
	}
	/* Back to the second: it is among the last five. */
	struct http_resp r = change(&ts, tok, "Third#pass3", "Second#pass2");
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "最近 5 次");
	t_resp_free(&r);
	r = change(&ts, tok, "Third#pass3", "Fourth#pass4");
	CHECK_INT(r.status, 200);
	t_resp_free(&r);
	t_server_stop(&ts);
}

TEST(old_password_guessing_locks_like_sign_in)
{
	struct t_server ts;
	char tok[65], csrf[65];
	REQUIRE(t_server_start(&ts));
	REQUIRE(t_server_user(&ts, "alice", "First#pass1", ROLE_OFFICER, false));
	REQUIRE(t_login(&ts, "alice", "First#pass1", tok, csrf));
	int64_t failed = audits(&ts, "user.password", "failed");
	for (int i = 0; i < ts.cfg.lockout_threshold - 1; i++) {
		struct http_resp r = change(&ts, tok, "Guess#pass9", "Second#pass2");
		CHECK_ERROR(r, 400, "invalid", "old_password");
		t_resp_free(&r);
	}
	struct http_resp r = change(&ts, tok, "Guess#pass9", "Second#pass2");
	CHECK_INT(r.status, 423);
	t_resp_free(&r);
	/* Now even the right old password is refused, and so is sign-in. */
	r = change(&ts, tok, "First#pass1", "Second#pass2");
	CHECK_INT(r.status, 423);
	t_resp_free(&r);
	r = sign_in(&ts, NULL, "alice", "First#pass1");
	CHECK_INT(r.status, 423);
	t_resp_free(&r);
	CHECK_INT(audits(&ts, "user.password", "failed"), failed + ts.cfg.lockout_threshold + 1);
	t_server_stop(&ts);
}

TEST(denials_of_every_kind_are_audited_with_their_object)
{
	struct t_demo d;
	char path[96], id[24];
	REQUIRE(t_demo_start(&d));
	/* Out of scope: an agency the officer cannot see is 404, and logged. */
	int64_t hidden = 0;
	for (size_t i = 0; i < DEMO_AGENCY_COUNT && !hidden; i++) {
		snprintf(path, sizeof path, "/api/v1/agencies/%lld", (long long)d.sum.agency_ids[i]);
		struct http_resp r = t_api(&d, "officer1", "GET", path, NULL);
		if (r.status == 404)
			hidden = d.sum.agency_ids[i];
		t_resp_free(&r);
	}
	REQUIRE(hidden > 0);
	snprintf(id, sizeof id, "%lld", (long long)hidden);
	const char *action = "http GET /api/v1/agencies/{id}";
	CHECK_INT(audits_for(&d.ts, action, "denied", "agencies", id), 1);
	/* The answer is the same as for an id that names nothing. */
	struct http_resp a = t_api(&d, "officer1", "GET", path, NULL);
	struct http_resp b = t_api(&d, "officer1", "GET", "/api/v1/agencies/999999", NULL);
	CHECK_INT(a.status, 404);
	CHECK_STR(a.body, b.body);
	t_resp_free(&a);
	t_resp_free(&b);
	CHECK_INT(audits_for(&d.ts, action, "denied", "agencies", "999999"), 1);

	/* A bad or dead token: 401, logged. */
	int64_t before = audits(&d.ts, "http GET /api/v1/me", "denied");
	struct http_resp r = t_http(&d.ts, "GET", "/api/v1/me",
				    "0000000000000000000000000000000000000000000000000000000000000000",
				    NULL, NULL);
	CHECK_INT(r.status, 401);
	t_resp_free(&r);
	CHECK_INT(audits(&d.ts, "http GET /api/v1/me", "denied"), before + 1);

	/* Cookie without the CSRF header: 403, logged with the object, and
	 * nothing changed. */
	const char *tok = t_demo_token(&d, "sysadmin");
	REQUIRE(tok);
	int64_t uid = user_id(&d, "officer2");
	snprintf(path, sizeof path, "/api/v1/users/%lld", (long long)uid);
	snprintf(id, sizeof id, "%lld", (long long)uid);
	r = t_http_cookie(&d.ts, "PATCH", path, tok, "application/json", "{\"disabled\":true}",
			  NULL);
	CHECK_ERROR(r, 403, "csrf_failed", NULL);
	t_resp_free(&r);
	CHECK_INT(audits_for(&d.ts, "http PATCH /api/v1/users/{id}", "denied", "users", id), 1);
	r = t_api(&d, "secadmin", "GET", path, NULL);
	CHECK_CONTAINS(r.body, "\"disabled\":false");
	t_resp_free(&r);

	/* A role refused: 403, logged with the object and the permission
	 * lacked, and nothing changed. */
	r = t_api(&d, "officer1", "PATCH", path, "{\"disabled\":true}");
	CHECK_ERROR(r, 403, "forbidden", NULL);
	t_resp_free(&r);
	CHECK_INT(audits_for(&d.ts, "http PATCH /api/v1/users/{id}", "denied", "users", id), 2);
	r = t_api(&d, "secadmin", "GET", path, NULL);
	CHECK_CONTAINS(r.body, "\"disabled\":false");
	t_resp_free(&r);
	t_demo_stop(&d);
}

TEST(audit_change_records_mask_phone_numbers_for_the_auditor)
{
	struct t_demo d;
	char path[96];
	REQUIRE(t_demo_start(&d));
	/* head1 manages people and sees the number whole ... */
	struct http_resp r = t_api(&d, "head1", "GET", "/api/v1/officers?limit=1", NULL);
	json_t *j = t_json(&r);
	int64_t pid = (int64_t)json_integer_value(
		json_object_get(json_array_get(json_object_get(j, "items"), 0), "id"));
	json_decref(j);
	t_resp_free(&r);
	REQUIRE(pid > 0);
	snprintf(path, sizeof path, "/api/v1/officers/%lld", (long long)pid);
	r = t_api(&d, "head1", "PATCH", path, "{\"phone\":\"13912345678\"}");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "13912345678");
	t_resp_free(&r);
	/* ... the auditor, who may not, sees it masked in the change record. */
	r = t_api(&d, "auditor", "GET", "/api/v1/audit?action=person.update&limit=1", NULL);
	int64_t aid = -1;
	j = t_json(&r);
	aid = (int64_t)json_integer_value(
		json_object_get(json_array_get(json_object_get(j, "items"), 0), "id"));
	json_decref(j);
	t_resp_free(&r);
	REQUIRE(aid > 0);
	snprintf(path, sizeof path, "/api/v1/audit/%lld/changes", (long long)aid);
	r = t_api(&d, "auditor", "GET", path, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "\"after\":\"139****5678\"");
	CHECK(!strstr(r.body, "13912345678"));
	t_resp_free(&r);
	/* And on the audit page. */
	snprintf(path, sizeof path, "/audit/%lld", (long long)aid);
	r = t_http(&d.ts, "GET", path, t_demo_token(&d, "auditor"), NULL, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "139****5678");
	CHECK(!strstr(r.body, "13912345678"));
	t_resp_free(&r);
	t_demo_stop(&d);
}

TEST(audit_export_neutralises_cells_a_spreadsheet_would_run)
{
	static const char *const names[] = { "=1+2", "+cmd", "-2+3", "@SUM(A1)", "\\tx=1",
					     "\\rx=1" };
	static const char *const cells[] = { "\"'=1+2\"", "\"'+cmd\"", "\"'-2+3\"",
					     "\"'@SUM(A1)\"", "\"'\tx=1\"", "\"'\rx=1\"" };
	struct t_demo d;
	REQUIRE(t_demo_start(&d));
	/* A sign-in attempt records the name typed as the actor. */
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		struct http_resp r = sign_in(&d.ts, "127.0.0.9", names[i], "Wrong-pass1");
		CHECK_INT(r.status, 400);
		t_resp_free(&r);
	}
	struct http_resp r = t_api(&d, "auditor", "GET",
				   "/api/v1/audit/export?action=session.create", NULL);
	CHECK_INT(r.status, 200);
	for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++)
		CHECK_CONTAINS(r.body, cells[i]);
	CHECK(!strstr(r.body, ",\"=1+2\""));
	t_resp_free(&r);
	t_demo_stop(&d);
}
