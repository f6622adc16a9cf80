/* jsonin.c - the one place where JSON request bodies become C values.
 * jansson parses; this file adds the UTF-8 pre-check, duplicate-key and
 * unknown-field refusal, type checks and length limits, each reported
 * with the field's name. */
#include "http/jsonin.h"

#include <jansson.h>
#include <string.h>

#include "base/utf8.h"
#include "http/resp.h"

static bool failed(const struct jsonin *in)
{
	return in->err.code != FZ_OK;
}

void jsonin_begin(struct jsonin *in, struct req *r)
{
	json_error_t jerr;

	memset(in, 0, sizeof *in);
	in->r = r;
	if (!utf8_valid(r->body, r->body_len)) {
		fz_fail(&in->err, FZ_INVALID, NULL, "请求包含无效的 UTF-8 编码");
		return;
	}
	json_t *root = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		fz_fail(&in->err, FZ_INVALID, NULL, "请求体不是有效的 JSON");
		return;
	}
	if (r->json)
		json_decref(r->json);
	r->json = root; /* released by the server when the request ends */
	if (!json_is_object(root)) {
		fz_fail(&in->err, FZ_INVALID, NULL, "请求体应为 JSON 对象");
		return;
	}
	in->root = root;
}

/* Looks name up and remembers that it was asked for. */
static json_t *field(struct jsonin *in, const char *name)
{
	if (failed(in) || !in->root)
		return NULL;
	if (in->nseen < JSONIN_MAX_FIELDS)
		in->seen[in->nseen++] = name;
	json_t *v = json_object_get(in->root, name);
	return json_is_null(v) ? NULL : v;
}

static void missing(struct jsonin *in, const char *name)
{
	fz_fail(&in->err, FZ_INVALID, name, "缺少字段 %s", name);
}

static const char *string_value(struct jsonin *in, const char *name, json_t *v,
				size_t max_chars, bool nonempty)
{
	if (!json_is_string(v)) {
		fz_fail(&in->err, FZ_INVALID, name, "字段 %s 应为字符串", name);
		return NULL;
	}
	const char *s = json_string_value(v);
	size_t len = json_string_length(v);
	/* jansson refuses \u0000 and lone surrogates already; checking again
	 * keeps the promise of utf8.h in one obvious place. */
	if (!utf8_valid(s, len)) {
		fz_fail(&in->err, FZ_INVALID, name, "请求包含无效的 UTF-8 编码");
		return NULL;
	}
	if (nonempty && len == 0) {
		fz_fail(&in->err, FZ_INVALID, name, "字段 %s 不能为空", name);
		return NULL;
	}
	if (utf8_count(s) > max_chars) {
		fz_fail(&in->err, FZ_INVALID, name, "字段 %s 不能超过 %zu 个字符", name, max_chars);
		return NULL;
	}
	const char *copy = arena_strndup(in->r->a, s, len);
	if (!copy)
		fz_fail(&in->err, FZ_NOMEM, NULL, NULL);
	return copy;
}

const char *jsonin_str(struct jsonin *in, const char *name, size_t max_chars)
{
	json_t *v = field(in, name);
	if (failed(in))
		return NULL;
	if (!v) {
		missing(in, name);
		return NULL;
	}
	return string_value(in, name, v, max_chars, true);
}

const char *jsonin_str_opt(struct jsonin *in, const char *name, size_t max_chars)
{
	json_t *v = field(in, name);
	if (failed(in) || !v)
		return NULL;
	return string_value(in, name, v, max_chars, false);
}

static int64_t int_value(struct jsonin *in, const char *name, json_t *v, int64_t min,
			 int64_t max)
{
	if (!json_is_integer(v)) {
		fz_fail(&in->err, FZ_INVALID, name, "字段 %s 应为整数", name);
		return 0;
	}
	json_int_t n = json_integer_value(v);
	if (n < min || n > max) {
		fz_fail(&in->err, FZ_INVALID, name, "字段 %s 应在 %lld 到 %lld 之间", name,
			(long long)min, (long long)max);
		return 0;
	}
	return (int64_t)n;
}

int64_t jsonin_int(struct jsonin *in, const char *name, int64_t min, int64_t max)
{
	json_t *v = field(in, name);
	if (failed(in))
		return 0;
	if (!v) {
		missing(in, name);
		return 0;
	}
	return int_value(in, name, v, min, max);
}

int64_t jsonin_int_opt(struct jsonin *in, const char *name, int64_t min, int64_t max,
		       int64_t def)
{
	json_t *v = field(in, name);
	if (failed(in) || !v)
		return def;
	int64_t n = int_value(in, name, v, min, max);
	return failed(in) ? def : n;
}

static bool bool_value(struct jsonin *in, const char *name, json_t *v)
{
	if (!json_is_boolean(v)) {
		fz_fail(&in->err, FZ_INVALID, name, "字段 %s 应为 true 或 false", name);
		return false;
	}
	return json_is_true(v);
}

bool jsonin_bool(struct jsonin *in, const char *name)
{
	json_t *v = field(in, name);
	if (failed(in))
		return false;
	if (!v) {
		missing(in, name);
		return false;
	}
	return bool_value(in, name, v);
}

bool jsonin_bool_opt(struct jsonin *in, const char *name, bool def)
{
	json_t *v = field(in, name);
	if (failed(in) || !v)
		return def;
	bool b = bool_value(in, name, v);
	return failed(in) ? def : b;
}

int jsonin_bool_tri(struct jsonin *in, const char *name)
{
	json_t *v = field(in, name);
	if (failed(in) || !v)
		return -1;
	bool b = bool_value(in, name, v);
	return failed(in) ? -1 : (int)b;
}

bool jsonin_has(struct jsonin *in, const char *name)
{
	return field(in, name) != NULL;
}

bool jsonin_ok(struct jsonin *in)
{
	const char *key;
	json_t *value;

	if (failed(in))
		return false;
	if (!in->root)
		return false;
	if (in->nseen >= JSONIN_MAX_FIELDS)
		return true; /* too many getters to track: skip the check */
	json_object_foreach(in->root, key, value) {
		bool known = false;
		for (size_t i = 0; i < in->nseen && !known; i++)
			known = strcmp(in->seen[i], key) == 0;
		if (!known) {
			(void)value;
			/* Name the key only when it fits whole: cutting it
			 * could split a UTF-8 sequence. */
			if (strlen(key) < sizeof in->err.field)
				fz_fail(&in->err, FZ_INVALID, key, "未知字段 %s", key);
			else
				fz_fail(&in->err, FZ_INVALID, NULL, "请求包含未知字段");
			return false;
		}
	}
	return true;
}

int jsonin_fail(struct jsonin *in)
{
	if (!failed(in))
		fz_fail(&in->err, FZ_INVALID, NULL, "请求体不是有效的 JSON");
	return resp_fail(in->r, in->err.code, &in->err);
}
