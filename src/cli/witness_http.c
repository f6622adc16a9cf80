/* witness_http.c - GET and POST through libcurl (witness_http.h). */
#include "cli/witness_http.h"

#include <curl/curl.h>

#define BODY_MAX (1 << 20)

static size_t take(char *p, size_t size, size_t n, void *ud)
{
	struct buf *b = ud;
	if (b->len + size * n > BODY_MAX)
		return 0; /* too large: curl stops with a write error */
	buf_add(b, p, size * n);
	return buf_failed(b) ? 0 : size * n;
}

static enum fz_err request(const char *url, const char *json, struct buf *out, long *status,
			   struct fz_error *e)
{
	static bool inited;
	if (!inited) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
			return fz_fail(e, FZ_INTERNAL, NULL, "无法初始化 HTTP 客户端");
		inited = true;
	}
	CURL *c = curl_easy_init();
	struct curl_slist *hdr = NULL;
	if (!c)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	buf_reset(out);
	*status = 0;
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, take);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	if (json) {
		hdr = curl_slist_append(hdr, "Content-Type: application/json");
		curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, json);
	}
	CURLcode rc = curl_easy_perform(c);
	if (rc == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
	curl_slist_free_all(hdr);
	curl_easy_cleanup(c);
	if (rc != CURLE_OK)
		return fz_fail(e, FZ_IO, "url", "无法访问 %.120s：%s", url, curl_easy_strerror(rc));
	buf_cstr(out);
	return FZ_OK;
}

enum fz_err witness_http_get(const char *url, struct buf *out, long *status, struct fz_error *e)
{
	return request(url, NULL, out, status, e);
}

enum fz_err witness_http_post(const char *url, const char *json, struct buf *out, long *status,
			      struct fz_error *e)
{
	return request(url, json, out, status, e);
}
