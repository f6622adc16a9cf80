/* layout_test.c - the page shell's building blocks on a request built by
 * hand (no connection): pager links, the menu and escaping in flashes. */
#include "http/layout.h"
#include "http/listkit.h"

#include "t.h"

static void fake_req(struct req *r, struct arena *a, const char *path)
{
	memset(r, 0, sizeof *r);
	r->a = a;
	r->method = "GET";
	r->path = path;
	r->body = "";
}

/* The one pager (listkit.c) on a list paged by kit_paging: it speaks
 * page= and size= (the old page_pager's offset= links are gone). */
TEST(pager_links_move_by_a_page_and_stop_at_the_ends)
{
	struct arena *a = arena_new();
	struct req r;
	struct buf b = BUF_INIT;
	fake_req(&r, a, "/agencies");

	lk_pager(&r, &b, (struct page){ 20, 20 }, 45);
	CHECK_CONTAINS(buf_cstr(&b), "href=\"/agencies\" rel=\"prev\"");
	CHECK_CONTAINS(buf_cstr(&b), "href=\"/agencies?page=3\" rel=\"next\"");
	CHECK_CONTAINS(buf_cstr(&b), "href=\"/agencies?page=3\" rel=\"last\"");
	CHECK_CONTAINS(buf_cstr(&b), "第 2 / 3 页，共 45 条");
	CHECK_CONTAINS(buf_cstr(&b), "name=\"page\" min=\"1\" max=\"3\" value=\"2\"");
	buf_reset(&b);
	/* a size of its own keeps its place in the choice and in the links */
	lk_pager(&r, &b, (struct page){ 10, 10 }, 45);
	CHECK_CONTAINS(buf_cstr(&b), "href=\"/agencies?size=10&amp;page=3\" rel=\"next\"");
	CHECK_CONTAINS(buf_cstr(&b), "<option value=\"10\" selected>10 条</option><option value=\"20\">");
	buf_reset(&b);
	lk_pager(&r, &b, (struct page){ 0, 20 }, 5);
	CHECK(!strstr(buf_cstr(&b), "rel=\"prev\""));
	CHECK(!strstr(buf_cstr(&b), "rel=\"next\""));
	CHECK_CONTAINS(buf_cstr(&b), "第 1 / 1 页，共 5 条");
	buf_release(&b);
	arena_free(a);
}

TEST(menu_shows_only_what_roles_allow)
{
	struct arena *a = arena_new();
	struct req r;
	struct buf b = BUF_INIT;
	struct user u = { .id = 1, .username = (char *)"s", .roles = ROLE_SECADMIN };
	fake_req(&r, a, "/users/roles");
	r.ctx.user = &u;

	page_menu(&r, &b, "menu");
	CHECK_CONTAINS(buf_cstr(&b), "href=\"/users/roles\" aria-current=\"page\">角色分配");
	CHECK_CONTAINS(buf_cstr(&b), "安全策略");
	CHECK(!strstr(buf_cstr(&b), "审计日志"));
	CHECK(!strstr(buf_cstr(&b), "执法证"));

	/* Nothing while the password must change, nothing when anonymous. */
	buf_reset(&b);
	u.must_change_password = true;
	page_menu(&r, &b, "menu");
	CHECK_STR(buf_cstr(&b), "");
	r.ctx.user = NULL;
	page_menu(&r, &b, "menu");
	CHECK_STR(buf_cstr(&b), "");
	buf_release(&b);
	arena_free(a);
}

TEST(flash_escapes_its_message)
{
	struct buf b = BUF_INIT;
	page_flash(&b, FLASH_ERROR, "<img src=x>");
	CHECK_CONTAINS(buf_cstr(&b), "&lt;img src=x&gt;");
	CHECK_CONTAINS(buf_cstr(&b), "role=\"alert\"");
	buf_release(&b);
}

TEST(menu_marks_the_section_of_nested_pages)
{
	struct arena *a = arena_new();
	struct req r;
	struct buf b = BUF_INIT;
	struct user u = { .id = 1, .username = (char *)"s", .roles = ROLE_SYSADMIN };
	fake_req(&r, a, "/agencies/12/edit");
	r.ctx.user = &u;
	page_menu(&r, &b, "menu");
	CHECK_CONTAINS(buf_cstr(&b), "href=\"/agencies\" aria-current=\"page\">执法主体");
	CHECK(!strstr(buf_cstr(&b), "href=\"/workbench\" aria-current"));

	/* /users/{id}/roles is 角色分配, /users/{id}/edit is 账号管理. */
	u.roles = ROLE_SECADMIN;
	buf_reset(&b);
	r.path = "/users/7/roles";
	page_menu(&r, &b, "menu");
	CHECK_CONTAINS(buf_cstr(&b), "href=\"/users/roles\" aria-current=\"page\"");
	CHECK_CONTAINS(buf_cstr(&b), "href=\"/users\">账号管理");
	buf_reset(&b);
	r.path = "/users/7/edit";
	page_menu(&r, &b, "menu");
	CHECK_CONTAINS(buf_cstr(&b), "href=\"/users\" aria-current=\"page\"");
	/* A path that merely starts with an entry's text is not under it. */
	buf_reset(&b);
	r.path = "/usersx";
	page_menu(&r, &b, "menu");
	CHECK(!strstr(buf_cstr(&b), "aria-current"));
	buf_release(&b);
	arena_free(a);
}
