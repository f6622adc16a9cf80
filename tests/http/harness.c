/* harness.c - see harness.h. Each test gets its own database and server;
 * libcurl talks to it over loopback exactly as a browser or client would. */
#include "harness.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/crypto.h"
#include "base/date.h"
#include "store/store.h"
#include "t.h"

/* Copies the file src to dst with its permission bits. */
static bool copy_file(const char *src, const char *dst, mode_t mode)
{
	char chunk[65536];
	int in = open(src, O_RDONLY), out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, mode & 0777);
	bool ok = in >= 0 && out >= 0;
	ssize_t n;
	while (ok && (n = read(in, chunk, sizeof chunk)) > 0)
		ok = write(out, chunk, (size_t)n) == n;
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	return ok;
}

bool t_copy_tree(const char *src, const char *dst)
{
	DIR *d = opendir(src);
	struct dirent *de;
	bool ok = d != NULL;
	while (ok && (de = readdir(d))) {
		char from[1024], to[1024];
		struct stat st;
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(from, sizeof from, "%s/%s", src, de->d_name);
		snprintf(to, sizeof to, "%s/%s", dst, de->d_name);
		if (stat(from, &st) != 0)
			ok = false;
		else if (S_ISDIR(st.st_mode))
			ok = mkdir(to, st.st_mode & 0777) == 0 && t_copy_tree(from, to);
		else
			ok = copy_file(from, to, st.st_mode);
	}
	if (d)
		closedir(d);
	return ok;
}

bool t_server_start(struct t_server *ts)
{
	return t_server_start_from(ts, NULL);
}

static bool server_listen(struct t_server *ts, int busy_timeout_ms)
{
	struct fz_error e = { 0 };
	struct http_config hc = { .listen_addr = "127.0.0.1", .port = 0, .threads = 2,
				  .db_path = ts->db, .app = &ts->cfg,
				  .busy_timeout_ms = busy_timeout_ms };
	if (http_server_start(&hc, &ts->srv, &e)) {
		t_fail(__FILE__, __LINE__, "server: %s", e.message);
		return false;
	}
	ts->port = http_server_port(ts->srv);
	if (ts->port <= 0) {
		t_fail(__FILE__, __LINE__, "no port bound");
		return false;
	}
	return true;
}

bool t_server_start_from(struct t_server *ts, const char *template_dir)
{
	struct fz_error e = { 0 };
	static bool curl_ready;

	memset(ts, 0, sizeof *ts);
	if (!curl_ready) {
		curl_global_init(CURL_GLOBAL_DEFAULT);
		curl_ready = true;
	}
	crypto_password_set_cost_for_tests(10);
	ts->dir = t_tmpdir();
	if (template_dir && !t_copy_tree(template_dir, ts->dir)) {
		t_fail(__FILE__, __LINE__, "copy of %s: %s", template_dir, strerror(errno));
		return false;
	}
	snprintf(ts->db, sizeof ts->db, "%s/http.db", ts->dir);
	if (store_sqlite_open(ts->db, true, &ts->st, &e)) {
		t_fail(__FILE__, __LINE__, "store: %s", e.message);
		return false;
	}
	ts->a = arena_new();
	app_config_defaults(&ts->cfg);
	snprintf(ts->data_dir, sizeof ts->data_dir, "%s/data", ts->dir);
	ts->cfg.data_dir = ts->data_dir;
	return server_listen(ts, 0);
}

bool t_server_restart(struct t_server *ts, int busy_timeout_ms)
{
	http_server_stop(ts->srv);
	ts->srv = NULL;
	return server_listen(ts, busy_timeout_ms);
}

void t_server_stop(struct t_server *ts)
{
	http_server_stop(ts->srv);
	if (ts->st)
		ts->st->ops->close(ts->st);
	arena_free(ts->a);
	memset(ts, 0, sizeof *ts);
}

int64_t t_server_user(struct t_server *ts, const char *username, const char *password,
		      unsigned roles, bool must_change_password)
{
	char hash[CRYPTO_PASSWORD_HASH_MAX];
	struct fz_error e = { 0 };
	struct user u;

	if (crypto_password_hash(password, hash, sizeof hash)) {
		t_fail(__FILE__, __LINE__, "hash failed");
		return 0;
	}
	memset(&u, 0, sizeof u);
	u.username = (char *)username;
	u.display_name = (char *)"测试用户";
	u.roles = roles;
	u.must_change_password = must_change_password;
	u.password_hash = hash;
	u.created_at = u.updated_at = u.password_changed_at = time_now();
	if (ts->st->ops->user_insert(ts->st, &u, &e)) {
		t_fail(__FILE__, __LINE__, "user %s: %s", username, e.message);
		return 0;
	}
	return u.id;
}

static size_t collect(char *data, size_t size, size_t n, void *cls)
{
	buf_add(cls, data, size * n);
	return size * n;
}

struct chunk_src {
	const char *p;
	size_t left;
};

static size_t feed(char *out, size_t size, size_t n, void *cls)
{
	struct chunk_src *src = cls;
	size_t k = size * n < src->left ? size * n : src->left;
	if (k > 4096)
		k = 4096;
	memcpy(out, src->p, k);
	src->p += k;
	src->left -= k;
	return k;
}

struct http_resp t_http_req(struct t_server *ts, const struct t_req *rq)
{
	struct http_resp out = { 0, NULL, NULL };
	struct buf body = BUF_INIT, head = BUF_INIT, line = BUF_INIT;
	struct curl_slist *hdrs = NULL;
	struct chunk_src src = { NULL, 0 };
	char url[1024];
	CURL *c = curl_easy_init();

	if (!c)
		goto done;
	snprintf(url, sizeof url, "http://127.0.0.1:%d%s", ts->port, rq->path);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, collect);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &head);
	if (strcmp(rq->method, "HEAD") == 0)
		curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	else if (strcmp(rq->method, "GET") != 0)
		curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, rq->method);
	if (rq->body) {
		size_t len = rq->body_len ? rq->body_len : strlen(rq->body);
		if (rq->chunked) {
			src.p = rq->body;
			src.left = len;
			curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
			curl_easy_setopt(c, CURLOPT_READFUNCTION, feed);
			curl_easy_setopt(c, CURLOPT_READDATA, &src);
			hdrs = curl_slist_append(hdrs, "Transfer-Encoding: chunked");
		} else {
			curl_easy_setopt(c, CURLOPT_POSTFIELDS, rq->body);
			curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
		}
	}
	hdrs = curl_slist_append(hdrs, rq->expect_continue ? "Expect: 100-continue" : "Expect:");
	if (rq->content_type) {
		buf_reset(&line);
		buf_addf(&line, "Content-Type: %s", rq->content_type);
		hdrs = curl_slist_append(hdrs, buf_cstr(&line));
	}
	if (rq->bearer) {
		buf_reset(&line);
		buf_addf(&line, "Authorization: Bearer %s", rq->bearer);
		hdrs = curl_slist_append(hdrs, buf_cstr(&line));
	}
	if (rq->cookie_token) {
		buf_reset(&line);
		buf_addf(&line, "Cookie: fz_session=%s", rq->cookie_token);
		hdrs = curl_slist_append(hdrs, buf_cstr(&line));
	}
	if (rq->csrf_header) {
		buf_reset(&line);
		buf_addf(&line, "X-CSRF-Token: %s", rq->csrf_header);
		hdrs = curl_slist_append(hdrs, buf_cstr(&line));
	}
	if (rq->cookie) {
		buf_reset(&line);
		buf_addf(&line, "Cookie: %s", rq->cookie);
		hdrs = curl_slist_append(hdrs, buf_cstr(&line));
	}
	if (rq->origin) {
		buf_reset(&line);
		buf_addf(&line, "Origin: %s", rq->origin);
		hdrs = curl_slist_append(hdrs, buf_cstr(&line));
	}
	if (rq->source) {
		buf_reset(&line);
		buf_addf(&line, "host!%s", rq->source);
		curl_easy_setopt(c, CURLOPT_INTERFACE, buf_cstr(&line));
	}
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out.status);
	else
		/* A server that answers early (413) may close before curl has
		 * sent everything; keep the status it did read. */
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out.status);
	curl_slist_free_all(hdrs);
	curl_easy_cleanup(c);
done:
	buf_release(&line);
	out.body = buf_detach(&body, &out.body_len);
	out.headers = buf_detach(&head, NULL);
	return out;
}

struct http_resp t_http(struct t_server *ts, const char *method, const char *path,
			const char *token, const char *content_type, const char *body)
{
	struct t_req rq = { .method = method, .path = path, .bearer = token,
			    .content_type = content_type, .body = body };
	return t_http_req(ts, &rq);
}

struct http_resp t_http_cookie(struct t_server *ts, const char *method, const char *path,
			       const char *token, const char *content_type, const char *body,
			       const char *csrf)
{
	struct t_req rq = { .method = method, .path = path, .cookie_token = token,
			    .csrf_header = csrf, .content_type = content_type, .body = body };
	return t_http_req(ts, &rq);
}

void t_resp_free(struct http_resp *r)
{
	free(r->body);
	free(r->headers);
	r->body = r->headers = NULL;
}

/* Copies the JSON string value of "key" from a flat answer; enough for
 * the token and csrf of a sign-in answer without a JSON parser. */
static bool json_field(const char *json, const char *key, char *out, size_t n)
{
	char pat[64];
	snprintf(pat, sizeof pat, "\"%s\":\"", key);
	const char *p = strstr(json, pat);
	if (!p)
		return false;
	p += strlen(pat);
	const char *q = strchr(p, '"');
	if (!q || (size_t)(q - p) >= n)
		return false;
	memcpy(out, p, (size_t)(q - p));
	out[q - p] = '\0';
	return true;
}

bool t_login(struct t_server *ts, const char *username, const char *password,
	     char token[65], char csrf[65])
{
	char body[512];
	snprintf(body, sizeof body, "{\"username\":\"%s\",\"password\":\"%s\"}", username,
		 password);
	struct http_resp r = t_http(ts, "POST", "/api/v1/session", NULL, "application/json",
				    body);
	bool ok = r.status == 201 && json_field(r.body, "token", token, 65) &&
		  json_field(r.body, "csrf", csrf, 65);
	if (!ok)
		t_fail(__FILE__, __LINE__, "login %s: %ld %s", username, r.status, r.body);
	t_resp_free(&r);
	return ok;
}

int64_t t_audit_count(struct t_server *ts)
{
	struct audit_filter f = { 0 };
	struct audit_list l = { 0 };
	struct page pg = { 0, 1 };
	struct fz_error e = { 0 };
	if (ts->st->ops->audit_list(ts->st, ts->a, &f, pg, &l, &e))
		return -1;
	return l.total;
}

const char *t_header(const struct http_resp *r, const char *name, char *out, size_t n)
{
	size_t nl = strlen(name);
	out[0] = '\0';
	for (const char *p = r->headers; p && *p;) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		if (len > nl && strncasecmp(p, name, nl) == 0 && p[nl] == ':') {
			const char *v = p + nl + 1;
			while (*v == ' ')
				v++;
			size_t vl = (size_t)(p + len - v);
			while (vl && (v[vl - 1] == '\r' || v[vl - 1] == ' '))
				vl--;
			if (vl >= n)
				vl = n - 1;
			memcpy(out, v, vl);
			out[vl] = '\0';
			return out;
		}
		p = eol ? eol + 1 : p + len;
	}
	return out;
}

/* A TCP connection to 127.0.0.1:port from source (NULL: any); -1 on
 * failure. */
int t_raw_connect(int port, const char *source)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return -1;
	struct sockaddr_in sa = { .sin_family = AF_INET };
	if (source) {
		inet_pton(AF_INET, source, &sa.sin_addr);
		if (bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
			close(fd);
			return -1;
		}
	}
	sa.sin_port = htons((uint16_t)port);
	inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
	if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

bool t_raw_send(int fd, const char *data, size_t n)
{
	while (n > 0) {
		ssize_t w = send(fd, data, n, MSG_NOSIGNAL);
		if (w <= 0)
			return false;
		data += w;
		n -= (size_t)w;
	}
	return true;
}

/* Reads until the server closes (true) or nothing comes for wait_ms
 * (false); what came is in out (NUL-terminated, truncated at n - 1). */
bool t_raw_read_to_close(int fd, char *out, size_t n, int wait_ms)
{
	size_t k = 0;
	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		if (poll(&p, 1, wait_ms) <= 0) {
			out[k] = '\0';
			return false;
		}
		char buf[4096];
		ssize_t r = recv(fd, buf, sizeof buf, 0);
		if (r <= 0) {
			out[k] = '\0';
			return true; /* EOF, or reset by the server */
		}
		for (ssize_t i = 0; i < r && k + 1 < n; i++)
			out[k++] = buf[i];
	}
}
