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
	{ "GET", "/api/v1/openapi.json", PERM_PUBLIC, api_openapi, API | PW, "接口说明（OpenAPI 3.0）" },
	{ "GET", "/api/v1/divisions", PERM_DIVISION_READ, api_division_list, API, "行政区划列表" },
	{ "PUT", "/api/v1/divisions", PERM_DIVISION_WRITE, api_division_put, API, "添加或修改行政区划" },
	{ "GET", "/api/v1/divisions/{code:str}", PERM_DIVISION_READ, api_division_get, API, "行政区划详情" },
	{ "GET", "/api/v1/agencies", PERM_AGENCY_READ, api_agency_list, API, "执法主体列表" },
	{ "POST", "/api/v1/agencies", PERM_AGENCY_WRITE, api_agency_create, API, "新增执法主体" },
	{ "GET", "/api/v1/agencies/{id}", PERM_AGENCY_READ, api_agency_get, API, "执法主体详情" },
	{ "PATCH", "/api/v1/agencies/{id}", PERM_AGENCY_WRITE, api_agency_update, API, "修改执法主体" },
	{ "GET", "/api/v1/units", PERM_UNIT_READ, api_unit_list, API, "内设机构列表" },
	{ "POST", "/api/v1/units", PERM_UNIT_WRITE, api_unit_create, API, "新增内设机构" },
	{ "GET", "/api/v1/units/{id}", PERM_UNIT_READ, api_unit_get, API, "内设机构详情" },
	{ "PATCH", "/api/v1/units/{id}", PERM_UNIT_WRITE, api_unit_update, API, "修改内设机构" },
	{ "GET", "/api/v1/officers", PERM_PERSON_READ, api_officer_list, API, "执法人员和辅助人员列表" },
	{ "POST", "/api/v1/officers", PERM_PERSON_WRITE, api_officer_create, API, "新增人员" },
	{ "GET", "/api/v1/officers/{id}", PERM_PERSON_READ, api_officer_get, API, "人员详情" },
	{ "PATCH", "/api/v1/officers/{id}", PERM_PERSON_WRITE, api_officer_update, API, "修改人员" },
	{ "GET", "/api/v1/reviewer-ratios", PERM_PERSON_READ, api_reviewer_ratios, API, "法制审核人员比例" },
	{ "GET", "/api/v1/users", PERM_USER_READ, api_user_list, API, "账号列表" },
	{ "POST", "/api/v1/users", PERM_USER_WRITE, api_user_create, API, "新建账号" },
	{ "GET", "/api/v1/users/{id}", PERM_USER_READ, api_user_get, API, "账号详情" },
	{ "PATCH", "/api/v1/users/{id}", PERM_USER_WRITE, api_user_update, API, "修改账号、停用或重置密码" },
	{ "PUT", "/api/v1/users/{id}/roles", PERM_USER_ROLES, api_user_roles, API, "分配角色" },
	{ "GET", "/api/v1/certificates", PERM_CERT_READ, api_cert_list, API, "执法证列表" },
	{ "POST", "/api/v1/certificates", PERM_CERT_WRITE, api_cert_create, API, "发放执法证" },
	{ "GET", "/api/v1/certificates/{id}", PERM_CERT_READ, api_cert_get, API, "执法证详情" },
	{ "PATCH", "/api/v1/certificates/{id}", PERM_CERT_WRITE, api_cert_update, API, "换发或更正执法证" },
	{ "POST", "/api/v1/certificates/{id}/suspend", PERM_CERT_WRITE, api_cert_suspend, API, "暂扣执法证" },
	{ "POST", "/api/v1/certificates/{id}/resume", PERM_CERT_WRITE, api_cert_resume, API, "恢复执法证" },
	{ "POST", "/api/v1/certificates/{id}/revoke", PERM_CERT_WRITE, api_cert_revoke, API, "注销执法证" },
	{ "GET", "/api/v1/certificates/{id}/reviews", PERM_CERT_READ, api_cert_review_list, API, "年度审验记录" },
	{ "POST", "/api/v1/certificates/{id}/reviews", PERM_CERT_WRITE, api_cert_review_add, API, "登记年度审验" },
	{ "GET", "/api/v1/public/certificates/{number:str}", PERM_PUBLIC, api_public_cert_check, API | PW, "执法证公开查询" },
	{ "GET", "/api/v1/audit", PERM_AUDIT_READ, api_audit_list, API, "审计日志" },
	{ "GET", "/api/v1/audit/export", PERM_AUDIT_READ, api_audit_export, API, "导出审计日志（CSV）" },
	{ "GET", "/api/v1/audit/{id}/changes", PERM_AUDIT_READ, api_audit_changes, API, "审计记录的字段变更" },
	{ "GET", "/api/v1/policy", PERM_POLICY_WRITE, api_policy_get, API, "安全策略" },
	{ "PUT", "/api/v1/policy", PERM_POLICY_WRITE, api_policy_put, API, "设置安全策略" },
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
	{ "GET", "/certificates/check", PERM_PUBLIC, page_cert_check, PAGE, "执法证查询" },
	{ "GET", "/agencies", PERM_AGENCY_READ, page_agency_list, PAGE, "执法主体列表" },
	{ "GET", "/agencies/new", PERM_AGENCY_WRITE, page_agency_new, PAGE, "新建执法主体页" },
	{ "POST", "/agencies/new", PERM_AGENCY_WRITE, page_agency_create, PAGE, "新建执法主体" },
	{ "GET", "/agencies/{id}", PERM_AGENCY_READ, page_agency_show, PAGE, "执法主体详情" },
	{ "GET", "/agencies/{id}/edit", PERM_AGENCY_WRITE, page_agency_edit, PAGE, "修改执法主体页" },
	{ "POST", "/agencies/{id}/edit", PERM_AGENCY_WRITE, page_agency_update, PAGE, "修改执法主体" },
	{ "POST", "/agencies/{id}/units", PERM_UNIT_WRITE, page_unit_create, PAGE, "新增内设机构" },
	{ "GET", "/units", PERM_UNIT_READ, page_unit_list, PAGE, "内设机构列表" },
	{ "GET", "/officers", PERM_PERSON_READ, page_officer_list, PAGE, "执法人员列表" },
	{ "GET", "/officers/new", PERM_PERSON_WRITE, page_officer_new, PAGE, "新增人员页" },
	{ "POST", "/officers/new", PERM_PERSON_WRITE, page_officer_create, PAGE, "新增人员" },
	{ "GET", "/officers/{id}", PERM_PERSON_READ, page_officer_show, PAGE, "人员详情" },
	{ "GET", "/officers/{id}/edit", PERM_PERSON_WRITE, page_officer_edit, PAGE, "修改人员页" },
	{ "POST", "/officers/{id}/edit", PERM_PERSON_WRITE, page_officer_update, PAGE, "修改人员" },
	{ "GET", "/reviewer-ratios", PERM_PERSON_READ, page_reviewer_ratios, PAGE, "法制审核人员占比" },
	{ "GET", "/certificates", PERM_CERT_READ, page_cert_list, PAGE, "执法证列表" },
	{ "GET", "/certificates/new", PERM_CERT_WRITE, page_cert_new, PAGE, "发放执法证页" },
	{ "POST", "/certificates/new", PERM_CERT_WRITE, page_cert_create, PAGE, "发放执法证" },
	{ "GET", "/certificates/{id}", PERM_CERT_READ, page_cert_show, PAGE, "执法证详情" },
	{ "GET", "/certificates/{id}/edit", PERM_CERT_WRITE, page_cert_edit, PAGE, "换证页" },
	{ "POST", "/certificates/{id}/edit", PERM_CERT_WRITE, page_cert_update, PAGE, "换证或修改" },
	{ "GET", "/certificates/{id}/suspend", PERM_CERT_WRITE, page_cert_suspend_form, PAGE, "暂扣执法证页" },
	{ "POST", "/certificates/{id}/suspend", PERM_CERT_WRITE, page_cert_suspend, PAGE, "暂扣执法证" },
	{ "GET", "/certificates/{id}/resume", PERM_CERT_WRITE, page_cert_resume_form, PAGE, "恢复执法证页" },
	{ "POST", "/certificates/{id}/resume", PERM_CERT_WRITE, page_cert_resume, PAGE, "恢复执法证" },
	{ "GET", "/certificates/{id}/revoke", PERM_CERT_WRITE, page_cert_revoke_form, PAGE, "注销执法证确认页" },
	{ "POST", "/certificates/{id}/revoke", PERM_CERT_WRITE, page_cert_revoke, PAGE, "注销执法证" },
	{ "GET", "/certificates/{id}/review", PERM_CERT_WRITE, page_cert_review_form, PAGE, "年度审验页" },
	{ "POST", "/certificates/{id}/review", PERM_CERT_WRITE, page_cert_review, PAGE, "年度审验" },
	{ "GET", "/users", PERM_USER_READ, page_user_list, PAGE, "账号列表" },
	{ "GET", "/users/new", PERM_USER_WRITE, page_user_new, PAGE, "新建账号页" },
	{ "POST", "/users/new", PERM_USER_WRITE, page_user_create, PAGE, "新建账号" },
	{ "GET", "/users/roles", PERM_USER_ROLES, page_user_roles_list, PAGE, "角色分配列表" },
	{ "GET", "/users/{id}/edit", PERM_USER_WRITE, page_user_edit, PAGE, "编辑账号页" },
	{ "POST", "/users/{id}/edit", PERM_USER_WRITE, page_user_update, PAGE, "编辑账号" },
	{ "GET", "/users/{id}/roles", PERM_USER_ROLES, page_user_roles_form, PAGE, "分配角色页" },
	{ "POST", "/users/{id}/roles", PERM_USER_ROLES, page_user_roles_save, PAGE, "分配角色" },
	{ "GET", "/audit", PERM_AUDIT_READ, page_audit_list, PAGE, "审计日志" },
	{ "GET", "/audit/export.csv", PERM_AUDIT_READ, page_audit_export, PAGE, "导出审计日志" },
	{ "GET", "/audit/{id}", PERM_AUDIT_READ, page_audit_show, PAGE, "审计记录变更" },
	{ "GET", "/policy", PERM_POLICY_WRITE, page_policy_form, PAGE, "安全策略页" },
	{ "POST", "/policy", PERM_POLICY_WRITE, page_policy_save, PAGE, "保存安全策略" },
	/* -- end of page routes -- */
};

const size_t http_route_count = sizeof http_routes / sizeof http_routes[0];
