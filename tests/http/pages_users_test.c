/* pages_users_test.c - 账号管理 for the system administrator (list,
 * create with a first password that must be changed, edit, disable) and
 * 角色分配 for the security administrator, with the 三员分立 refusal. */
#include <stdio.h>

#include "page_fixture.h"
#include "t.h"

TEST(sysadmin_lists_and_creates_account_that_must_change_password)
{
	struct t_pages p;
	struct t_browser adm, fresh;
	char nr[24], loc[128];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "sysadmin", &adm));
	snprintf(nr, sizeof nr, "%lld", (long long)p.sum.agency_ids[1]);

	struct http_resp r = t_page_get(&p, &adm, "/users");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "<h1>账号管理</h1>");
	CHECK_CONTAINS(r.body, "officer1");
	CHECK_CONTAINS(r.body, "海原县自然资源局");
	CHECK_CONTAINS(r.body, "href=\"/users/new\"");
	t_resp_free(&r);
	r = t_page_get(&p, &adm, "/users?role=auditor");
	CHECK_CONTAINS(r.body, "auditor");
	CHECK(!strstr(r.body, "officer1"));
	t_resp_free(&r);
	/* a page size that is no whole number from 1 to 100 is the
	 * default, not an error; 3 (as the pager writes an older link's
	 * limit=3) is 3 */
	r = t_page_get(&p, &adm, "/users?size=300");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "<option value=\"20\" selected>");
	t_resp_free(&r);
	r = t_page_get(&p, &adm, "/users?size=3");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "<option value=\"3\" selected>");
	t_resp_free(&r);

	int64_t users = t_pages_count(&p, "users");
	r = t_page_post(&p, &adm, "/users/new", true, "username", "ma_xiao", "display_name",
			"<script>x</script>马晓", "agency_id", nr, "password", "short", NULL);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "id=\"password-err\"");
	CHECK_CONTAINS(r.body, "value=\"ma_xiao\"");
	CHECK(!strstr(r.body, "value=\"short\""));   /* passwords never come back */
	t_resp_free(&r);
	r = t_page_post(&p, &adm, "/users/new", true, "username", "Bad Name", "display_name", "马晓",
			"agency_id", nr, "password", "Start-pass1", NULL);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "id=\"username-err\"");
	t_resp_free(&r);
	r = t_page_post(&p, &adm, "/users/new", false, "username", "ma_xiao", "display_name",
			"马晓", "agency_id", nr, "password", "Start-pass1", NULL);
	CHECK_INT(r.status, 403);
	t_resp_free(&r);
	CHECK_INT(t_pages_count(&p, "users"), users);

	r = t_page_post(&p, &adm, "/users/new", true, "username", "ma_xiao", "display_name",
			"<script>x</script>马晓", "agency_id", nr, "password", "Start-pass1", NULL);
	CHECK_INT(r.status, 303);
	t_resp_free(&r);
	CHECK_INT(t_pages_count(&p, "users"), users + 1);
	r = t_page_get(&p, &adm, "/users?msg=user_created&q=ma_xiao");
	CHECK_CONTAINS(r.body, "账号已创建");
	CHECK_CONTAINS(r.body, "&lt;script&gt;x&lt;/script&gt;马晓");
	CHECK(!strstr(r.body, "<script>x"));
	CHECK_CONTAINS(r.body, "待修改密码");
	t_resp_free(&r);

	/* The first sign-in leads to the password form and nowhere else. */
	REQUIRE(t_login(&p.ts, "ma_xiao", "Start-pass1", fresh.token, fresh.csrf));
	r = t_page_get(&p, &fresh, "/workbench");
	CHECK_INT(r.status, 303);
	CHECK_STR(t_header(&r, "Location", loc, sizeof loc), "/password");
	t_resp_free(&r);

	/* Edit: disable the account. */
	char edit[64];
	snprintf(edit, sizeof edit, "/users/%lld/edit", (long long)t_pages_user_id(&p, "ma_xiao"));
	r = t_page_get(&p, &adm, edit);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "name=\"disabled\"");
	t_resp_free(&r);
	r = t_page_post(&p, &adm, edit, true, "display_name", "", "agency_id", nr, NULL);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "id=\"display_name-err\"");
	t_resp_free(&r);
	r = t_page_post(&p, &adm, edit, true, "display_name", "马晓", "agency_id", nr, "disabled",
			"1", "password", "", NULL);
	CHECK_INT(r.status, 303);
	t_resp_free(&r);
	r = t_page_get(&p, &adm, "/users?q=ma_xiao");
	CHECK_CONTAINS(r.body, "已停用");
	t_resp_free(&r);
	t_pages_stop(&p);
}

TEST(secadmin_assigns_roles_and_sees_separation_rule_in_chinese)
{
	struct t_pages p;
	struct t_browser sec, off;
	char path[64];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "secadmin", &sec));
	REQUIRE(t_pages_login(&p, "officer1", &off));
	int64_t id = t_pages_user_id(&p, "officer2");
	snprintf(path, sizeof path, "/users/%lld/roles", (long long)id);

	struct http_resp r = t_page_get(&p, &sec, "/users/roles");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "<h1>角色分配</h1>");
	CHECK_CONTAINS(r.body, "/roles\">分配角色</a>");
	t_resp_free(&r);
	r = t_page_get(&p, &sec, path);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "name=\"role_officer\" value=\"1\" checked");
	CHECK_CONTAINS(r.body, "海原县自然资源局");
	t_resp_free(&r);

	r = t_page_post(&p, &sec, path, true, "role_officer", "1", "role_auditor", "1", NULL);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "三员分立");
	CHECK_CONTAINS(r.body, "id=\"roles-err\"");
	CHECK_CONTAINS(r.body, "name=\"role_auditor\" value=\"1\" checked");
	t_resp_free(&r);
	r = t_page_post(&p, &sec, path, false, "role_officer", "1", "role_reviewer", "1", NULL);
	CHECK_INT(r.status, 403);
	t_resp_free(&r);
	r = t_page_get(&p, &sec, "/users/roles?q=officer2");
	CHECK_CONTAINS(r.body, "<td data-label=\"角色\">执法人员</td>");
	t_resp_free(&r);

	r = t_page_post(&p, &sec, path, true, "role_officer", "1", "role_reviewer", "1", NULL);
	CHECK_INT(r.status, 303);
	t_resp_free(&r);
	r = t_page_get(&p, &sec, "/users/roles?q=officer2&msg=roles_saved");
	CHECK_CONTAINS(r.body, "角色已保存");
	CHECK_CONTAINS(r.body, "执法人员、法制审核人员");
	t_resp_free(&r);

	/* Never one's own roles. */
	snprintf(path, sizeof path, "/users/%lld/roles", (long long)t_pages_user_id(&p, "secadmin"));
	r = t_page_post(&p, &sec, path, true, "role_secadmin", "1", NULL);
	CHECK_INT(r.status, 403);
	CHECK_CONTAINS(r.body, "不能修改自己的角色");
	t_resp_free(&r);

	/* Business accounts never reach account pages. */
	r = t_page_get(&p, &off, "/users");
	CHECK_INT(r.status, 403);
	t_resp_free(&r);
	r = t_page_get(&p, &sec, "/users/new");
	CHECK_INT(r.status, 403);
	t_resp_free(&r);
	t_pages_stop(&p);
}

/* The id in "/users/{id}/edit" links of the list filtered by q. */
static int64_t listed_user(struct t_pages *p, struct t_browser *b, const char *q)
{
	char path[96];
	long long id = 0;
	snprintf(path, sizeof path, "/users?q=%s", q);
	struct http_resp r = t_page_get(p, b, path);
	for (const char *a = strstr(r.body, "href=\"/users/"); a && !id;
	     a = strstr(a + 1, "href=\"/users/"))
		if (sscanf(a, "href=\"/users/%lld/edit\"", &id) != 1)
			id = 0;
	t_resp_free(&r);
	return id;
}

TEST(sysadmin_page_gives_a_temporary_password_and_leaves_admin_accounts_alone)
{
	struct t_pages p;
	struct t_browser adm, holder;
	char path[96], pw[64] = "";
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "sysadmin", &adm));
	int64_t officer = listed_user(&p, &adm, "officer2");
	int64_t auditor = listed_user(&p, &adm, "auditor");
	REQUIRE(officer > 0 && auditor > 0);

	/* An administrator's account: a notice, no form, and a forged post
	 * is refused without changing it. */
	snprintf(path, sizeof path, "/users/%lld/edit", (long long)auditor);
	struct http_resp r = t_page_get(&p, &adm, path);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "fazhi user");
	CHECK(!strstr(r.body, "name=\"password\""));
	CHECK(!strstr(r.body, "/reset\""));
	t_resp_free(&r);
	r = t_page_post(&p, &adm, path, true, "display_name", "审计", "agency_id", "",
			"password", "Taken#over2026", NULL);
	CHECK_INT(r.status, 403);
	t_resp_free(&r);
	snprintf(path, sizeof path, "/users/%lld/reset", (long long)auditor);
	r = t_page_post(&p, &adm, path, true, NULL);
	CHECK_INT(r.status, 403);
	CHECK(!strstr(r.body, "temporary-password"));
	t_resp_free(&r);
	REQUIRE(t_pages_login(&p, "auditor", &holder)); /* its password still works */

	/* A business account, locked by wrong passwords ... */
	for (int i = 0; i < p.ts.cfg.lockout_threshold; i++) {
		r = t_http(&p.ts, "POST", "/api/v1/session", NULL, "application/json",
			   "{\"username\":\"officer2\",\"password\":\"Wrong-pass1\"}");
		t_resp_free(&r);
	}
	r = t_page_get(&p, &adm, "/users?q=officer2");
	CHECK_CONTAINS(r.body, "已锁定");
	t_resp_free(&r);
	/* ... gets a temporary password, shown once, that lifts the lock. */
	snprintf(path, sizeof path, "/users/%lld/edit", (long long)officer);
	r = t_page_get(&p, &adm, path);
	CHECK_CONTAINS(r.body, "生成临时密码");
	t_resp_free(&r);
	snprintf(path, sizeof path, "/users/%lld/reset", (long long)officer);
	r = t_page_post(&p, &adm, path, false, NULL);
	CHECK_INT(r.status, 403); /* without the CSRF token */
	t_resp_free(&r);
	r = t_page_post(&p, &adm, path, true, NULL);
	CHECK_INT(r.status, 200);
	const char *v = strstr(r.body, "id=\"temporary-password\">");
	if (v)
		sscanf(v, "id=\"temporary-password\">%12[^<]", pw);
	CHECK_INT((long long)strlen(pw), 12);
	t_resp_free(&r);
	char tok[65], csrf[65];
	REQUIRE(t_login(&p.ts, "officer2", pw, tok, csrf));
	r = t_http_cookie(&p.ts, "GET", "/cases", tok, NULL, NULL, NULL);
	CHECK_INT(r.status, 303); /* to /password, and nowhere else */
	t_resp_free(&r);
	t_pages_stop(&p);
}
