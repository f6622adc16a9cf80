/* router.c - from a parsed request to a handler call: match the route
 * table, resolve the session, then the gates in a fixed order (signed in?
 * password must change? role allowed? CSRF?) so that no handler can be
 * reached around them. Handlers only ever see requests that passed. */
#include "http/router.h"

#include <string.h>
#include <strings.h>

#include "app/audit.h"
#include "app/session.h"
#include "base/utf8.h"
#include "http/form.h"
#include "http/multipart_form.h"
#include "http/resp.h"

enum match {
	MATCH_NONE,      /* the shape differs */
	MATCH_OK,        /* shape and parameters fit */
	MATCH_BAD_PARAM, /* shape fits but an {id} is not a positive integer */
};

/* A {name:str} segment: 1..REQ_PARAM_TEXT_MAX bytes of UTF-8 without
 * control characters (the path arrives percent-decoded). */
static bool text_param_ok(const char *seg, size_t len)
{
	if (len == 0 || len > REQ_PARAM_TEXT_MAX || !utf8_valid(seg, len))
		return false;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)seg[i] < 0x20 || seg[i] == 0x7f)
			return false;
	return true;
}

/* Compares pattern with path segment by segment, filling r's params.
 * {name} takes a positive int64; {name:str} takes text (see above). */
static enum match match_pattern(struct req *r, const char *pattern, const char *path)
{
	static const char str_suffix[] = ":str";
	const size_t str_len = sizeof str_suffix - 1;
	const char *p = pattern, *q = path;
	bool bad = false;

	r->nparams = 0;
	while (*p && *q) {
		if (*p == '{') {
			const char *close = strchr(p, '}');
			const char *seg_end = strchr(q, '/');
			size_t seg_len = seg_end ? (size_t)(seg_end - q) : strlen(q);
			char digits[24];
			int64_t v = 0;

			if (!close || seg_len == 0 || r->nparams >= REQ_MAX_PARAMS)
				return MATCH_NONE;
			size_t name_len = (size_t)(close - p - 1);
			bool text = name_len > str_len &&
				    memcmp(close - str_len, str_suffix, str_len) == 0;
			if (text) {
				name_len -= str_len;
				if (!text_param_ok(q, seg_len))
					bad = true;
			} else if (seg_len >= sizeof digits) {
				bad = true;
			} else {
				memcpy(digits, q, seg_len);
				digits[seg_len] = '\0';
				if (!http_parse_int64(digits, 1, INT64_MAX, &v))
					bad = true;
			}
			r->param_names[r->nparams] = arena_strndup(r->a, p + 1, name_len);
			r->param_values[r->nparams] = v;
			r->param_texts[r->nparams] =
				bad ? NULL : arena_strndup(r->a, q, seg_len);
			r->nparams++;
			p = close + 1;
			q += seg_len;
			continue;
		}
		if (*p != *q)
			return MATCH_NONE;
		p++;
		q++;
	}
	if (*p || *q)
		return MATCH_NONE;
	return bad ? MATCH_BAD_PARAM : MATCH_OK;
}

static bool method_is(const struct req *r, const char *m)
{
	/* HEAD is GET without a body; libmicrohttpd drops the body. */
	if (strcmp(r->method, "HEAD") == 0)
		return strcmp(m, "GET") == 0;
	return strcmp(r->method, m) == 0;
}

/* True when the words of pattern before its first {parameter} do not
 * begin path: then it cannot match. Two scans of whole words instead of
 * match_pattern's loop over each byte, for every route the path passes
 * on its way down the table (most of them). */
static bool prefix_differs(const char *pattern, const char *path)
{
	/* most routes differ from the path in their first word's first byte */
	if (pattern[0] && path[0] && pattern[1] != '{' && pattern[1] != path[1])
		return true;
	return strncmp(pattern, path, strcspn(pattern, "{")) != 0;
}

/* Finds the route; answers 404/405 itself and returns false. */
static bool route_find(struct req *r)
{
	struct buf allow = BUF_INIT;
	bool path_known = false;

	for (size_t i = 0; i < http_route_count; i++) {
		const struct route *rt = &http_routes[i];
		if (prefix_differs(rt->pattern, r->path))
			continue;
		enum match m = match_pattern(r, rt->pattern, r->path);
		if (m == MATCH_NONE)
			continue;
		if (m == MATCH_BAD_PARAM) /* "/agencies/abc": no such object */
			continue;
		path_known = true;
		if (method_is(r, rt->method)) {
			r->route = rt;
			buf_release(&allow);
			return true;
		}
		if (!strstr(buf_cstr(&allow), rt->method)) {
			if (allow.len)
				buf_adds(&allow, ", ");
			buf_adds(&allow, rt->method);
			if (strcmp(rt->method, "GET") == 0)
				buf_adds(&allow, ", HEAD");
		}
	}
	r->nparams = 0;
	if (path_known) {
		resp_header(r, "Allow", buf_cstr(&allow));
		http_fail(r, 405, "method_not_allowed", NULL, "不支持此请求方法");
	} else {
		http_fail(r, 404, fz_err_name(FZ_NOTFOUND), NULL,
			  req_is_api(r) ? "没有这个接口" : "您访问的页面不存在");
	}
	buf_release(&allow);
	return false;
}

/* Authorization: Bearer <hex> wins over the cookie: a client that sends
 * it chose it explicitly, and a cross-site page cannot set it. */
static void token_find(struct req *r)
{
	const char *auth = req_header(r, "Authorization");
	if (auth && strncmp(auth, "Bearer ", 7) == 0) {
		const char *t = auth + 7;
		while (*t == ' ')
			t++;
		r->token = t;
		r->token_from_cookie = false;
		return;
	}
	const char *c = req_cookie(r, HTTP_SESSION_COOKIE);
	if (c && *c) {
		r->token = c;
		r->token_from_cookie = true;
	}
}

/* Returns false after answering when storage fails; an unknown or
 * expired token just leaves the request anonymous. */
static bool session_resolve(struct req *r)
{
	struct fz_error e = { 0 };
	token_find(r);
	if (!r->token)
		return true;
	enum fz_err rc = app_session_resolve(&r->ctx, r->token, &e);
	if (rc == FZ_OK) {
		r->csrf_due = true; /* req_csrf computes it if it is shown */
		return true;
	}
	r->ctx.user = NULL;
	if (rc == FZ_UNAUTHORIZED) {
		r->auth_failure = arena_strdup(r->a, e.message[0] ? e.message : "请先登录");
		return true;
	}
	http_fail_fz(r, rc, &e);
	return false;
}

static void redirect_to_login(struct req *r)
{
	struct buf next = BUF_INIT, loc = BUF_INIT;
	if (method_is(r, "GET"))
		req_url(r, &next, NULL);
	else
		buf_adds(&next, "/workbench");
	buf_adds(&loc, "/login?next=");
	url_encode(&loc, buf_cstr(&next));
	if (r->auth_failure) {
		/* The cookie names a dead session: say so and drop it. */
		buf_adds(&loc, "&msg=session_expired");
		resp_cookie_clear(r);
	}
	if (buf_failed(&loc))
		resp_error(r, FZ_NOMEM, NULL, NULL);
	else
		resp_redirect(r, buf_cstr(&loc));
	buf_release(&next);
	buf_release(&loc);
}

/* "http GET /api/v1/cases/{id}": how denials name the route. */
static const char *route_action(struct req *r)
{
	const char *a = arena_printf(r->a, "http %s %s", r->route->method, r->route->pattern);
	return a ? a : "http";
}

/* Records a refusal in the audit log, with the object the request named:
 * the last {id} of the route, typed by the path segment before it
 * ("/api/v1/cases/{id}/documents/{doc}" is documents #doc). */
void router_audit_denial(struct req *r, const char *why)
{
	const char *type = NULL;
	int64_t id = 0;
	const char *pat = r->route->pattern, *last = strrchr(pat, '{');
	if (last && r->nparams > 0) {
		const char *end = last - 1, *start = end;
		while (start > pat && start[-1] != '/')
			start--;
		type = arena_strndup(r->a, start, (size_t)(end - start));
		id = r->param_values[r->nparams - 1];
	}
	(void)app_audit_now(&r->ctx, route_action(r), type, id, "denied", why);
}

/* The gates. Each returns false after answering. */
static bool gate_signed_in(struct req *r)
{
	if (r->route->perm == PERM_PUBLIC || r->ctx.user)
		return true;
	if (r->auth_failure)
		router_audit_denial(r, "invalid or expired session token");
	if (r->route->flags & ROUTE_PAGE) {
		redirect_to_login(r);
	} else {
		resp_header(r, "WWW-Authenticate", "Bearer realm=\"fazhi\"");
		resp_error(r, FZ_UNAUTHORIZED, NULL, r->auth_failure ? r->auth_failure : "请先登录");
	}
	return false;
}

static bool gate_password(struct req *r)
{
	if (!r->ctx.user || !r->ctx.user->must_change_password ||
	    (r->route->flags & ROUTE_PW_EXEMPT))
		return true;
	if (r->route->flags & ROUTE_PAGE)
		resp_redirect(r, "/password");
	else
		resp_error_code(r, 403, "password_change_required", NULL,
				"首次登录或密码已重置，请先修改密码");
	return false;
}

/* A role refused is audited like every other denial: with the object the
 * request aimed at (the route's last {id}) and the permission it lacked. */
static bool gate_role(struct req *r)
{
	struct fz_error e = { 0 };
	if (!r->ctx.user || r->ctx.cli || r->route->perm == PERM_PUBLIC ||
	    authz_allows(r->ctx.user->roles, r->route->perm))
		return true;
	router_audit_denial(r, authz_perm_name(r->route->perm));
	http_fail_fz(r, fz_fail(&e, FZ_FORBIDDEN, NULL, "当前账号的角色无权执行此操作"), &e);
	return false;
}

static bool changes_state(const struct req *r)
{
	return strcmp(r->method, "POST") == 0 || strcmp(r->method, "PUT") == 0 ||
	       strcmp(r->method, "PATCH") == 0 || strcmp(r->method, "DELETE") == 0;
}

/* Page POSTs are url-encoded forms, decoded here once for the CSRF check
 * and for the handler. */
static bool form_read(struct req *r)
{
	struct fz_error e = { 0 };
	if (!(r->route->flags & ROUTE_PAGE) || !changes_state(r) || r->form)
		return true; /* r->form: a streamed multipart form, read already */
	const char *ct = req_header(r, "Content-Type");
	enum fz_err rc;
	if ((r->route->flags & ROUTE_MULTIPART) && ct &&
	    strncasecmp(ct, "multipart/form-data", 19) == 0) {
		if ((rc = multipart_form_read(r, &e))) {
			http_fail_fz(r, rc, &e);
			return false;
		}
		return true;
	}
	if (r->body_len > 0 &&
	    (!ct || strncasecmp(ct, "application/x-www-form-urlencoded", 33) != 0)) {
		http_fail(r, 400, fz_err_name(FZ_INVALID), NULL, "不支持的表单格式");
		return false;
	}
	struct form *f = arena_alloc(r->a, sizeof *f);
	if (!f) {
		http_fail_fz(r, FZ_NOMEM, NULL);
		return false;
	}
	rc = form_parse(r->a, r->body, r->body_len, f, &e);
	if (rc) {
		http_fail_fz(r, rc, &e);
		return false;
	}
	r->form = f;
	return true;
}

static bool gate_csrf(struct req *r)
{
	if (!r->ctx.user || !r->token_from_cookie || !changes_state(r))
		return true;
	if (r->route->flags & ROUTE_PAGE) {
		if (app_csrf_check(r->token, req_form(r, "csrf")))
			return true;
		router_audit_denial(r, "csrf token missing or wrong");
		http_fail(r, 403, "csrf_failed", "csrf",
			  "页面已过期或来源无法确认，请返回上一页刷新后重新提交");
		return false;
	}
	if (app_csrf_check(r->token, req_header(r, "X-CSRF-Token")))
		return true;
	router_audit_denial(r, "csrf token missing or wrong");
	resp_error_code(r, 403, "csrf_failed", NULL,
			"缺少或错误的 X-CSRF-Token 请求头（使用 Cookie 登录时必须提供）");
	return false;
}

bool router_stream_check(struct req *r)
{
	const struct route *rt = NULL;
	for (size_t i = 0; i < http_route_count && !rt; i++)
		if ((http_routes[i].flags & ROUTE_STREAM) && method_is(r, http_routes[i].method) &&
		    match_pattern(r, http_routes[i].pattern, r->path) == MATCH_OK)
			rt = &http_routes[i];
	if (!rt) {
		r->nparams = 0;
		return false;
	}
	const char *ct = req_header(r, "Content-Type");
	if (rt->files && (!ct || strncasecmp(ct, "multipart/form-data", 19) != 0)) {
		r->nparams = 0; /* no files: read as an ordinary form */
		return false;
	}
	r->route = rt;
	if (req_query_invalid(r))
		return true; /* router_dispatch answers it once the body is in */
	(void)(session_resolve(r) && gate_signed_in(r) && gate_password(r) && gate_role(r) &&
	       ((rt->flags & ROUTE_PAGE) || gate_csrf(r)));
	return true;
}

bool router_stream_csrf_ok(const struct req *r)
{
	return !r->ctx.user || !r->token_from_cookie || app_csrf_check(r->token, req_form(r, "csrf"));
}

/* JSON routes take JSON only: a body of another type is 415. A
 * cross-site form can send text/plain or a url-encoded body without a
 * preflight, never application/json. Parameters (charset) may follow. */
static bool gate_json(struct req *r)
{
	if (!(r->route->flags & ROUTE_API) || (r->route->flags & ROUTE_STREAM) ||
	    !changes_state(r) || r->body_len == 0)
		return true;
	const char *ct = req_header(r, "Content-Type");
	size_t n = sizeof "application/json" - 1;
	if (ct && strncasecmp(ct, "application/json", n) == 0 &&
	    (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' '))
		return true;
	http_fail(r, 415, "unsupported_media_type", NULL,
		  "请求体须为 JSON 格式，请设置 Content-Type: application/json");
	return false;
}

void router_dispatch(struct req *r)
{
	if (!route_find(r))
		return;
	const char *bad = req_query_invalid(r);
	if (bad) {
		http_fail(r, 400, fz_err_name(FZ_INVALID), bad, "请求包含无效的 UTF-8 编码");
		return;
	}
	if (!gate_json(r))
		return;
	if (!(r->route->flags & ROUTE_NO_SESSION) && !session_resolve(r))
		return;
	if (!gate_signed_in(r) || !gate_password(r) || !gate_role(r) || !form_read(r) ||
	    !gate_csrf(r))
		return;
	r->route->handler(r);
	if (r->resp.status == 0)
		http_fail_fz(r, FZ_INTERNAL, NULL);
	/* A signed-in caller asking for an object outside their scope gets
	 * the same 404 as for a missing one; the log records both. */
	if (r->resp.status == 404 && r->ctx.user && r->nparams > 0)
		router_audit_denial(r, "not found or outside the caller's scope");
}
