/* fuzz_http.c - libFuzzer driver: raw HTTP requests against the real
 * server (libmicrohttpd, the edge checks, the router, session cookies
 * and bearer tokens, CSRF, Content-Type handling, query strings and path
 * parameters, JSON bodies, multipart framing), started once in this
 * process over a fresh database with one signed-in account. The input is
 * the request's bytes; in it "@S@" becomes that account's session token,
 * "@C@" its CSRF token and "@L@" the length of what follows the first
 * blank line, so that mutations keep reaching the gates' far side. The
 * server must answer or close every request within 10 s, and never with
 * 500: outside input is refused with a 4xx, not a crash or an internal
 * error. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/app.h"
#include "app/ledger.h"
#include "app/session.h"
#include "base/buf.h"
#include "base/crypto.h"
#include "base/date.h"
#include "domain/model.h"
#include "http/server.h"
#include "store/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* OpenSSL keeps per-thread state (its error queue, a random generator)
 * for each of the server's worker threads, still running when the leak
 * checker looks at exit: not leaks of ours. Everything else is checked. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libcrypto.so\n";
}

#define USER "fuzz"
#define PASSWORD "Fuzz@2026-http"

static struct {
	bool ready;
	char dir[512], db[600], data_dir[600];
	struct app_config cfg;
	struct store *st;
	struct arena *a;
	struct http_server *srv;
	int port;
	char token[SESSION_TOKEN_HEX], csrf[SESSION_CSRF_HEX];
} F;

static void cleanup(void)
{
	char cmd[700];
	http_server_stop(F.srv);
	if (F.st)
		F.st->ops->close(F.st);
	arena_free(F.a);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", F.dir);
	if (F.dir[0] && system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", F.dir);
}

/* Signs the account in (again, after an input ended its session). */
static void sign_in(void)
{
	struct app_ctx ctx;
	struct user *u;
	struct fz_error e = { 0 };
	arena_reset(F.a);
	app_ctx_init(&ctx, F.st, F.a, &F.cfg, "127.0.0.1", time_now());
	if (app_login(&ctx, USER, PASSWORD, F.token, &u, &e) != FZ_OK) {
		F.token[0] = '\0'; /* locked or disabled by an input: go on anonymous */
		F.csrf[0] = '\0';
		return;
	}
	app_csrf_token(F.token, F.csrf);
}

static bool session_alive(void)
{
	struct app_ctx ctx;
	struct fz_error e = { 0 };
	if (!F.token[0])
		return false;
	arena_reset(F.a);
	app_ctx_init(&ctx, F.st, F.a, &F.cfg, "127.0.0.1", time_now());
	return app_session_resolve(&ctx, F.token, &e) == FZ_OK;
}

static void setup(void)
{
	struct fz_error e = { 0 };
	char hash[CRYPTO_PASSWORD_HASH_MAX];
	const char *base = getenv("TMPDIR");
	signal(SIGPIPE, SIG_IGN);
	crypto_password_set_cost_for_tests(10);
	snprintf(F.dir, sizeof F.dir, "%s/fazhi-fuzz-http-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(F.dir))
		abort();
	atexit(cleanup);
	snprintf(F.db, sizeof F.db, "%s/f.db", F.dir);
	snprintf(F.data_dir, sizeof F.data_dir, "%s/data", F.dir);
	if (store_sqlite_open(F.db, true, &F.st, &e) || !(F.a = arena_new()) ||
	    app_ledger_open(F.st, &e)) {
		fprintf(stderr, "fuzz_http: store: %s\n", e.message);
		abort();
	}
	app_config_defaults(&F.cfg);
	F.cfg.data_dir = F.data_dir;
	struct user u;
	memset(&u, 0, sizeof u);
	if (crypto_password_hash(PASSWORD, hash, sizeof hash))
		abort();
	u.username = (char *)USER;
	u.display_name = (char *)"模糊测试";
	u.roles = ROLE_OFFICER | ROLE_SUPERVISOR | ROLE_SYSADMIN; /* officer: the upload route */
	u.password_hash = hash;
	u.created_at = u.updated_at = u.password_changed_at = time_now();
	if (F.st->ops->user_insert(F.st, &u, &e)) {
		fprintf(stderr, "fuzz_http: user: %s\n", e.message);
		abort();
	}
	struct http_config hc = { .listen_addr = "127.0.0.1", .port = 0, .threads = 2,
				  .db_path = F.db, .app = &F.cfg };
	if (http_server_start(&hc, &F.srv, &e)) {
		fprintf(stderr, "fuzz_http: server: %s\n", e.message);
		abort();
	}
	F.port = http_server_port(F.srv);
	sign_in();
	F.ready = true;
}

/* data with the placeholders replaced, into b. */
static void expand(const uint8_t *data, size_t size, struct buf *b)
{
	struct buf t = BUF_INIT;
	for (size_t i = 0; i < size; i++) {
		if (i + 3 <= size && data[i] == '@' && data[i + 2] == '@' &&
		    (data[i + 1] == 'S' || data[i + 1] == 'C')) {
			buf_adds(&t, data[i + 1] == 'S' ? F.token : F.csrf);
			i += 2;
		} else {
			buf_addc(&t, (char)data[i]);
		}
	}
	/* @L@: the length of the body (after the first blank line), less
	 * the placeholder itself */
	const char *s = t.data ? t.data : "";
	size_t n = t.len;
	const char *blank = NULL;
	for (size_t i = 0; i + 4 <= n && !blank; i++)
		if (!memcmp(s + i, "\r\n\r\n", 4))
			blank = s + i + 4;
	size_t body = blank ? n - (size_t)(blank - s) : 0;
	for (size_t i = 0; i < n; i++) {
		if (i + 3 <= n && !memcmp(s + i, "@L@", 3) && (!blank || s + i < blank)) {
			buf_addf(b, "%zu", body);
			i += 2;
		} else {
			buf_addc(b, s[i]);
		}
	}
	buf_release(&t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!F.ready)
		setup();
	if (size > 256 * 1024)
		return 0;
	struct buf req = BUF_INIT;
	expand(data, size, &req);
	long long errors_before = http_server_errors(F.srv);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)F.port) };
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
		perror("fuzz_http: connect");
		abort();
	}
	for (size_t off = 0; off < req.len;) {
		ssize_t k = send(fd, req.data + off, req.len - off, MSG_NOSIGNAL);
		if (k <= 0)
			break; /* the server closed early: a refusal */
		off += (size_t)k;
	}
	shutdown(fd, SHUT_WR);
	/* A 500 is what the server counted (http_server_errors), not a
	 * pattern in the bytes: a page may well echo "HTTP/1.1 500" from the
	 * query string inside a form. The first status line is checked too,
	 * for an answer the server did not make itself. */
	bool closed = false;
	char head[13] = { 0 };
	size_t nhead = 0;
	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		if (poll(&p, 1, 10000) <= 0)
			break;
		char chunk[4096];
		ssize_t r = recv(fd, chunk, sizeof chunk, 0);
		if (r <= 0) {
			closed = true;
			break;
		}
		for (ssize_t i = 0; i < r && nhead < sizeof head - 1; i++)
			head[nhead++] = chunk[i];
	}
	bool statuses_ok = http_server_errors(F.srv) == errors_before &&
			   memcmp(head, "HTTP/1.1 500", 12) != 0 &&
			   memcmp(head, "HTTP/1.0 500", 12) != 0;
	close(fd);
	if (!closed) {
		fprintf(stderr, "fuzz_http: no answer and no close within 10 s:\n%.*s\n",
			(int)(req.len > 2000 ? 2000 : req.len), req.data ? req.data : "");
		abort();
	}
	if (!statuses_ok) {
		fprintf(stderr, "fuzz_http: a 500 for:\n%.*s\n", (int)(req.len > 2000 ? 2000 : req.len),
			req.data ? req.data : "");
		abort();
	}
	buf_release(&req);
	if (!session_alive())
		sign_in();
	return 0;
}
