/* http_client.c - GET and POST through libcurl (http_client.h). */
#include "app/http_client.h"

#include <curl/curl.h>
#include <pthread.h>

#define BODY_MAX (1 << 20)

static size_t take(char *p, size_t size, size_t n, void *ud)
{
	struct buf *b = ud;
	if (b->len + size * n > BODY_MAX)
		return 0; /* too large: curl stops with a write error */
	buf_add(b, p, size * n);
	return buf_failed(b) ? 0 : size * n;
}

static pthread_once_t once = PTHREAD_ONCE_INIT;
static CURLcode global_rc = CURLE_FAILED_INIT;

static void global_init(void)
{
	global_rc = curl_global_init(CURL_GLOBAL_DEFAULT);
}

enum fz_err app_http_request(const char *url, const char *content_type, const void *body,
			     size_t len, struct buf *out, long *status, struct fz_error *e)
{
	char header[128];
	struct curl_slist *hdr = NULL;
	pthread_once(&once, global_init);
	if (global_rc != CURLE_OK)
		return fz_fail(e, FZ_INTERNAL, NULL, "无法初始化 HTTP 客户端");
	CURL *c = curl_easy_init();
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
	if (body) {
		snprintf(header, sizeof header, "Content-Type: %s", content_type);
		hdr = curl_slist_append(hdr, header);
		curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, (const char *)body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)len);
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
