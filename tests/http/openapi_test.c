/* openapi_test.c - docs/openapi.json (embedded in the binary) describes
 * exactly the routes of the JSON API: every API route has its path and
 * method in the document, every operation there has a route, path
 * parameters are declared, and public routes are marked as needing no
 * security. The document is also served without sign-in. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "api_fixture.h"
#include "base/embed.h"
#include "http/router.h"
#include "t.h"

extern const struct embedded_file http_api_docs[];

static json_t *doc_load(void)
{
	json_error_t err;
	for (const struct embedded_file *f = http_api_docs; f->name; f++)
		if (strcmp(f->name, "openapi.json") == 0) {
			json_t *j = json_loadb(f->data, f->size, 0, &err);
			if (!j)
				t_fail(__FILE__, __LINE__, "openapi.json line %d: %s", err.line,
				       err.text);
			return j;
		}
	t_fail(__FILE__, __LINE__, "openapi.json is not embedded");
	return NULL;
}

static bool documented(const struct route *rt)
{
	return rt->flags & ROUTE_API &&
	       (strncmp(rt->pattern, "/api/", 5) == 0 || strcmp(rt->pattern, "/healthz") == 0);
}

/* "/a/{number:str}/b" -> "/a/{number}/b": the document names parameters
 * without the router's type suffix. */
static void doc_path(const char *pattern, char *out, size_t n)
{
	size_t k = 0;
	for (const char *p = pattern; *p && k + 1 < n; p++) {
		if (*p == ':' ) {
			while (*p && *p != '}')
				p++;
			if (!*p)
				break;
		}
		out[k++] = *p;
	}
	out[k] = '\0';
}

static void lower(const char *s, char *out, size_t n)
{
	size_t k = 0;
	for (; *s && k + 1 < n; s++)
		out[k++] = (char)tolower((unsigned char)*s);
	out[k] = '\0';
}

static const struct route *route_for(const char *path, const char *method)
{
	char p[256];
	for (size_t i = 0; i < http_route_count; i++) {
		const struct route *rt = &http_routes[i];
		char m[16];
		doc_path(rt->pattern, p, sizeof p);
		lower(rt->method, m, sizeof m);
		if (documented(rt) && strcmp(p, path) == 0 && strcmp(m, method) == 0)
			return rt;
	}
	return NULL;
}

/* A parameter object, following one $ref into components/parameters. */
static json_t *param_resolve(json_t *doc, json_t *p)
{
	const char *ref = json_string_value(json_object_get(p, "$ref"));
	const char *prefix = "#/components/parameters/";
	if (!ref || strncmp(ref, prefix, strlen(prefix)) != 0)
		return p;
	json_t *params = json_object_get(json_object_get(doc, "components"), "parameters");
	return json_object_get(params, ref + strlen(prefix));
}

static bool declares_path_param(json_t *doc, json_t *op, const char *name)
{
	size_t i;
	json_t *p;
	json_array_foreach(json_object_get(op, "parameters"), i, p) {
		json_t *r = param_resolve(doc, p);
		if (json_is_true(json_object_get(r, "required")) &&
		    strcmp(json_string_value(json_object_get(r, "in")) ?: "", "path") == 0 &&
		    strcmp(json_string_value(json_object_get(r, "name")) ?: "", name) == 0)
			return true;
	}
	return false;
}

TEST(openapi_documents_every_api_route)
{
	json_t *doc = doc_load();
	REQUIRE(doc);
	CHECK_CONTAINS(json_string_value(json_object_get(doc, "openapi")), "3.0.");
	json_t *paths = json_object_get(doc, "paths");
	REQUIRE(json_is_object(paths));
	for (size_t i = 0; i < http_route_count; i++) {
		const struct route *rt = &http_routes[i];
		char path[256], method[16];
		if (!documented(rt))
			continue;
		doc_path(rt->pattern, path, sizeof path);
		lower(rt->method, method, sizeof method);
		json_t *op = json_object_get(json_object_get(paths, path), method);
		if (!op) {
			t_fail(__FILE__, __LINE__, "docs/openapi.json lacks %s %s", rt->method, path);
			continue;
		}
		/* Every {name} of the path is a declared, required parameter. */
		for (const char *p = strchr(path, '{'); p; p = strchr(p + 1, '{')) {
			char name[64];
			const char *close = strchr(p, '}');
			snprintf(name, sizeof name, "%.*s", close ? (int)(close - p - 1) : 0, p + 1);
			if (!declares_path_param(doc, op, name))
				t_fail(__FILE__, __LINE__, "%s %s: path parameter %s not declared",
				       rt->method, path, name);
		}
		/* Public routes say so; the rest inherit bearer/cookie auth. */
		json_t *sec = json_object_get(op, "security");
		bool open = json_is_array(sec) && json_array_size(sec) == 0;
		if (open != (rt->perm == PERM_PUBLIC))
			t_fail(__FILE__, __LINE__, "%s %s: security %s but perm %s", rt->method,
			       path, open ? "[]" : "inherited", authz_perm_name(rt->perm));
		if (!json_object_get(op, "responses") || !json_object_get(op, "summary"))
			t_fail(__FILE__, __LINE__, "%s %s: no summary or responses", rt->method,
			       path);
	}
	json_decref(doc);
}

TEST(openapi_has_no_operation_without_a_route)
{
	static const char *const methods[] = { "get", "put", "post", "delete", "patch", NULL };
	json_t *doc = doc_load();
	REQUIRE(doc);
	const char *path;
	json_t *item;
	json_object_foreach(json_object_get(doc, "paths"), path, item) {
		const char *key;
		json_t *op;
		json_object_foreach(item, key, op) {
			bool is_method = false;
			for (int i = 0; methods[i]; i++)
				is_method = is_method || strcmp(key, methods[i]) == 0;
			if (is_method && !route_for(path, key))
				t_fail(__FILE__, __LINE__,
				       "docs/openapi.json has %s %s, which no route serves", key, path);
		}
	}
	json_t *schemes = json_object_get(json_object_get(doc, "components"), "securitySchemes");
	CHECK(json_object_get(schemes, "bearerAuth") != NULL);
	CHECK(json_object_get(schemes, "cookieAuth") != NULL);
	json_decref(doc);
}

TEST(openapi_is_served_without_sign_in)
{
	struct t_server ts;
	char ct[128];
	REQUIRE(t_server_start(&ts));
	struct http_resp r = t_http(&ts, "GET", "/api/v1/openapi.json", NULL, NULL, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(t_header(&r, "Content-Type", ct, sizeof ct), "application/json");
	json_t *j = t_json(&r);
	CHECK(j && json_object_get(j, "paths") != NULL);
	json_decref(j);
	t_resp_free(&r);
	t_server_stop(&ts);
}
