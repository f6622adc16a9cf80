/* routes.c - the route table: one line per route. The router reads it for
 * matching, 405 Allow lists and permissions; keep lines sorted by area. */
#include "http/handlers.h"
#include "http/router.h"

#define API ROUTE_API
#define PAGE ROUTE_PAGE
#define PW ROUTE_PW_EXEMPT
#define NOSESS ROUTE_NO_SESSION

const struct route http_routes[] = {
	/* service */
	{ "GET", "/healthz", PERM_PUBLIC, api_healthz, API | PW, "服务健康检查" },
	{ "GET", "/static/fazhi.css", PERM_PUBLIC, asset_css, ROUTE_STATIC | PW, "样式表" },

	/* API: session and own account */
	{ "POST", "/api/v1/session", PERM_PUBLIC, api_session_create, API | NOSESS, "登录" },
	{ "DELETE", "/api/v1/session", PERM_SIGNED_IN, api_session_delete, API | PW, "退出登录" },
	{ "GET", "/api/v1/me", PERM_SIGNED_IN, api_me_get, API | PW, "当前账号" },
	{ "PUT", "/api/v1/me/password", PERM_SIGNED_IN, api_me_password, API | PW, "修改本人密码" },

	/* API: organisation, people, accounts, certificates, audit (api_*.c) */
	/* -- end of API routes -- */

	/* pages */
	{ "GET", "/", PERM_PUBLIC, page_home, PAGE, "首页" },
	{ "GET", "/login", PERM_PUBLIC, page_login_form, PAGE, "登录页" },
	{ "POST", "/login", PERM_PUBLIC, page_login_submit, PAGE | NOSESS, "提交登录" },
	{ "POST", "/logout", PERM_PUBLIC, page_logout, PAGE | PW, "退出登录" },
	{ "GET", "/workbench", PERM_SIGNED_IN, page_workbench, PAGE, "工作台" },
	{ "GET", "/password", PERM_SIGNED_IN, page_password_form, PAGE | PW, "修改密码页" },
	{ "POST", "/password", PERM_SIGNED_IN, page_password_submit, PAGE | PW, "提交修改密码" },
	/* pages: management and public certificate check (page_*.c) */
	/* -- end of page routes -- */
};

const size_t http_route_count = sizeof http_routes / sizeof http_routes[0];
