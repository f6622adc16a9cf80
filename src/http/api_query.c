/* api_query.c - strict optional query parameters for API lists; see
 * api_query.h. One place decides what "?agency_id=abc" answers, so that
 * every list refuses bad filters alike instead of ignoring them. */
#include "http/api_query.h"

#include <string.h>

#include "base/buf.h"
#include "base/utf8.h"

enum fz_err query_int(struct req *r, const char *name, int64_t min, int64_t max, int64_t def,
		      int64_t *out, struct fz_error *e)
{
	const char *v = req_query(r, name);
	*out = def;
	if (!v)
		return FZ_OK;
	if (!http_parse_int64(v, min, max, out)) {
		*out = def;
		return fz_fail(e, FZ_INVALID, name, "参数 %s 应为 %lld 到 %lld 之间的整数", name,
			       (long long)min, (long long)max);
	}
	return FZ_OK;
}

enum fz_err query_bool(struct req *r, const char *name, int *out, struct fz_error *e)
{
	const char *v = req_query(r, name);
	*out = -1;
	if (!v)
		return FZ_OK;
	if (strcmp(v, "true") == 0)
		*out = 1;
	else if (strcmp(v, "false") == 0)
		*out = 0;
	else
		return fz_fail(e, FZ_INVALID, name, "参数 %s 应为 true 或 false", name);
	return FZ_OK;
}

enum fz_err query_text(struct req *r, const char *name, size_t max_chars, const char **out,
		       struct fz_error *e)
{
	const char *v = req_query(r, name);
	*out = NULL;
	if (!v || !*v)
		return FZ_OK;
	if (!utf8_valid(v, strlen(v)))
		return fz_fail(e, FZ_INVALID, name, "请求包含无效的 UTF-8 编码");
	if (utf8_count(v) > max_chars)
		return fz_fail(e, FZ_INVALID, name, "参数 %s 不能超过 %zu 个字符", name, max_chars);
	*out = v;
	return FZ_OK;
}

enum fz_err query_choice(struct req *r, const char *name, const char *const *choices,
			 int *out, struct fz_error *e)
{
	const char *v = req_query(r, name);
	*out = -1;
	if (!v)
		return FZ_OK;
	for (int i = 0; choices[i]; i++) {
		if (strcmp(v, choices[i]) == 0) {
			*out = i;
			return FZ_OK;
		}
	}
	struct buf list = BUF_INIT;
	for (int i = 0; choices[i]; i++) {
		if (i)
			buf_adds(&list, "、");
		buf_adds(&list, choices[i]);
	}
	enum fz_err rc = fz_fail(e, FZ_INVALID, name, "参数 %s 应为 %s 之一", name,
				 buf_cstr(&list));
	buf_release(&list);
	return rc;
}
