/* edge_test.c - the HTTP edge under attack, by raw socket: request
 * smuggling shapes are refused with 400 and the connection closed,
 * control characters in a path are 400, a client that trickles its
 * request is dropped at the deadline, and slow clients from many
 * addresses leave /healthz and sign-in answering. */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "base/buf.h"
#include "harness.h"
#include "http/http.h"
#include "t.h"

static int count(const char *hay, const char *needle)
{
	int c = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		c++;
	return c;
}

#define LOGIN "{\"username\":\"alice\",\"password\":\"Secret-pass1\"}"

TEST(smuggling_shapes_are_refused_and_the_connection_closed)
{
	/* Each would carry a second request (GET /healthz) that a server
	 * reading the body one way and a proxy the other would disagree on. */
	static const char *const shapes[] = {
		/* both Content-Length and chunked */
		"POST /api/v1/session HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
		"Content-Length: 46\r\nTransfer-Encoding: chunked\r\n\r\n"
		"2e\r\n" LOGIN "\r\n0\r\n\r\nGET /healthz HTTP/1.1\r\nHost: t\r\n\r\n",
		/* the same, the other order */
		"POST /api/v1/session HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n"
		"Content-Type: application/json\r\nContent-Length: 4\r\n\r\n"
		"2e\r\n" LOGIN "\r\n0\r\n\r\nGET /healthz HTTP/1.1\r\nHost: t\r\n\r\n",
		/* two different Content-Lengths */
		"POST /api/v1/session HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
		"Content-Length: 46\r\nContent-Length: 10\r\n\r\n" LOGIN
		"GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n",
		/* an unknown coding, and a list of them */
		"POST /api/v1/session HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
		"Transfer-Encoding: gzip\r\n\r\n" LOGIN "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n",
		"POST /api/v1/session HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
		"Transfer-Encoding: gzip, chunked\r\n\r\n2e\r\n" LOGIN "\r\n0\r\n\r\n"
		"GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n",
		"POST /api/v1/session HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
		"Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n2e\r\n" LOGIN
		"\r\n0\r\n\r\nGET /healthz HTTP/1.1\r\nHost: t\r\n\r\n",
	};
	struct t_server ts;
	char got[8192];
	REQUIRE(t_server_start(&ts));
	REQUIRE(t_server_user(&ts, "alice", "Secret-pass1", ROLE_OFFICER, false));
	int64_t audits = t_audit_count(&ts);
	for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
		int fd = t_raw_connect(ts.port, NULL);
		REQUIRE(fd >= 0);
		CHECK(t_raw_send(fd, shapes[i], strlen(shapes[i])));
		/* closed by the server, not by the idle timeout (30 s) */
		CHECK(t_raw_read_to_close(fd, got, sizeof got, 25000));
		CHECK(strncmp(got, "HTTP/1.1 400", 12) == 0);
		CHECK_INT(count(got, "HTTP/1."), 1); /* the smuggled GET never ran */
		CHECK(strstr(got, "Connection: close") || strstr(got, "connection: close"));
		CHECK_CONTAINS(got, "已拒绝");
		if (strncmp(got, "HTTP/1.1 400", 12) != 0)
			t_fail(__FILE__, __LINE__, "shape %zu: %.200s", i, got);
		close(fd);
	}
	/* A Content-Length that is not one number: libmicrohttpd refuses it
	 * itself, 400 and closed, and nothing after it runs. */
	static const char *const lengths[] = { "5, 6", "+46", "46 46", "0x2e" };
	for (size_t i = 0; i < sizeof lengths / sizeof lengths[0]; i++) {
		char req[512];
		snprintf(req, sizeof req,
			 "POST /api/v1/session HTTP/1.1\r\nHost: t\r\n"
			 "Content-Type: application/json\r\nContent-Length: %s\r\n\r\n" LOGIN
			 "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n", lengths[i]);
		int fd = t_raw_connect(ts.port, NULL);
		REQUIRE(fd >= 0);
		CHECK(t_raw_send(fd, req, strlen(req)));
		CHECK(t_raw_read_to_close(fd, got, sizeof got, 25000));
		CHECK(strncmp(got, "HTTP/1.1 400", 12) == 0);
		CHECK(!strstr(got, "HTTP/1.1 200") && !strstr(got, "HTTP/1.1 201"));
		close(fd);
	}
	/* Nobody signed in, nothing written. */
	CHECK_INT(t_audit_count(&ts), audits);
	/* Plain chunked still works. */
	int fd = t_raw_connect(ts.port, NULL);
	REQUIRE(fd >= 0);
	const char *ok = "POST /api/v1/session HTTP/1.1\r\nHost: t\r\n"
			 "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
			 "Connection: close\r\n\r\n2e\r\n" LOGIN "\r\n0\r\n\r\n";
	CHECK(t_raw_send(fd, ok, strlen(ok)));
	CHECK(t_raw_read_to_close(fd, got, sizeof got, 25000));
	CHECK(strncmp(got, "HTTP/1.1 201", 12) == 0);
	close(fd);
	t_server_stop(&ts);
}

TEST(control_characters_in_a_path_are_400)
{
	static const char *const paths[] = {
		"/api/v1/agencies/1%00", "/healthz%0a", "/%1b%5b31m", "/api/v1/cases%7F",
		"/login%0d%0aSet-Cookie:%20x=1", "/a\001b",
	};
	struct t_server ts;
	char req[256], got[4096];
	REQUIRE(t_server_start(&ts));
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		int fd = t_raw_connect(ts.port, NULL);
		REQUIRE(fd >= 0);
		snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
			 paths[i]);
		CHECK(t_raw_send(fd, req, strlen(req)));
		CHECK(t_raw_read_to_close(fd, got, sizeof got, 25000));
		if (strncmp(got, "HTTP/1.1 400", 12) != 0)
			t_fail(__FILE__, __LINE__, "%s: %.120s", paths[i], got);
		CHECK(!strstr(got, "Set-Cookie: x=1"));
		close(fd);
	}
	/* A control character in the query is the query's business. */
	struct http_resp r = t_http(&ts, "GET", "/healthz?x=%0a", NULL, NULL, NULL);
	CHECK_INT(r.status, 200);
	t_resp_free(&r);
	t_server_stop(&ts);
}

TEST(a_client_that_trickles_its_request_is_dropped_at_the_deadline)
{
	static const char *const starts[] = {
		"GET /healthz HTTP/1.1\r\nHost: t\r\nX-Slow: ",                 /* the head */
		"POST /api/v1/session HTTP/1.1\r\nHost: t\r\n"
		"Content-Type: application/json\r\nContent-Length: 4000\r\n\r\n", /* the body */
	};
	struct t_server ts;
	struct http_server *fast;
	struct fz_error e;
	REQUIRE(t_server_start(&ts));
	/* A second server on the same database, with a 1 s deadline. */
	struct http_config hc = { .listen_addr = "127.0.0.1", .threads = 2, .db_path = ts.db,
				  .app = &ts.cfg, .request_deadline_ms = 1000 };
	REQUIRE(http_server_start(&hc, &fast, &e) == FZ_OK);
	int port = http_server_port(fast);
	for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++) {
		int fd = t_raw_connect(port, NULL);
		REQUIRE(fd >= 0);
		CHECK(t_raw_send(fd, starts[i], strlen(starts[i])));
		/* One byte every 100 ms keeps the connection from ever being
		 * idle; only the deadline ends it. Up to 3,000 bytes (5 min). */
		bool closed = false;
		for (int n = 0; n < 3000 && !closed; n++) {
			struct pollfd p = { .fd = fd, .events = POLLIN };
			if (poll(&p, 1, 100) > 0) {
				char buf[512];
				closed = recv(fd, buf, sizeof buf, 0) <= 0;
			}
			if (!closed && !t_raw_send(fd, "a", 1))
				closed = true;
		}
		CHECK(closed);
		close(fd);
	}
	/* A request that arrives in time is answered. */
	int fd = t_raw_connect(port, NULL);
	char got[2048];
	const char *ok = "GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n";
	REQUIRE(fd >= 0);
	CHECK(t_raw_send(fd, ok, strlen(ok)));
	CHECK(t_raw_read_to_close(fd, got, sizeof got, 25000));
	CHECK(strncmp(got, "HTTP/1.1 200", 12) == 0);
	close(fd);
	http_server_stop(fast);
	t_server_stop(&ts);
}

#define SLOW_ADDRESSES 150
#define SLOW_PER_ADDRESS 2
#define SLOW_ONE_ADDRESS 48 /* more than the per-address limit (32) */

TEST(slow_clients_from_many_addresses_leave_healthz_and_sign_in_answering)
{
	struct t_server ts;
	char tok[65], csrf[65], src[32];
	int fds[SLOW_ADDRESSES * SLOW_PER_ADDRESS + SLOW_ONE_ADDRESS];
	int nfd = 0;
	const char *part = "POST /api/v1/session HTTP/1.1\r\nHost: t\r\nX-Slow: ";
	REQUIRE(t_server_start(&ts));
	REQUIRE(t_server_user(&ts, "alice", "Secret-pass1", ROLE_OFFICER, false));
	/* Slow clients: each sends half a request head and waits. */
	for (int a = 0; a < SLOW_ADDRESSES; a++) {
		snprintf(src, sizeof src, "127.0.%d.%d", 10 + a / 200, 1 + a % 200);
		for (int k = 0; k < SLOW_PER_ADDRESS; k++) {
			int fd = t_raw_connect(ts.port, src);
			if (fd >= 0 && t_raw_send(fd, part, strlen(part)))
				fds[nfd++] = fd;
			else if (fd >= 0)
				close(fd);
		}
	}
	int first_one = nfd;
	for (int k = 0; k < SLOW_ONE_ADDRESS; k++) {
		int fd = t_raw_connect(ts.port, "127.0.9.9");
		if (fd >= 0)
			fds[nfd++] = fd;
	}
	CHECK_INT(nfd, SLOW_ADDRESSES * SLOW_PER_ADDRESS + SLOW_ONE_ADDRESS);
	/* Everyone else is still served. */
	struct http_resp r = t_http(&ts, "GET", "/healthz", NULL, NULL, NULL);
	CHECK_INT(r.status, 200);
	t_resp_free(&r);
	CHECK(t_login(&ts, "alice", "Secret-pass1", tok, csrf));
	/* One address holds at most 32: the rest are closed at once (well
	 * before the 30 s deadline and idle timeout). */
	int closed = 0;
	bool done[SLOW_ONE_ADDRESS] = { false };
	for (int round = 0; round < 150 && closed < SLOW_ONE_ADDRESS - 32; round++) {
		struct pollfd p[SLOW_ONE_ADDRESS];
		for (int i = 0; i < SLOW_ONE_ADDRESS; i++)
			p[i] = (struct pollfd){ .fd = done[i] ? -1 : fds[first_one + i],
						.events = POLLIN };
		if (poll(p, SLOW_ONE_ADDRESS, 100) <= 0)
			continue;
		for (int i = 0; i < SLOW_ONE_ADDRESS; i++) {
			char buf[64];
			if (!done[i] && (p[i].revents & (POLLIN | POLLHUP | POLLERR)) &&
			    recv(fds[first_one + i], buf, sizeof buf, 0) <= 0) {
				done[i] = true;
				closed++;
			}
		}
	}
	CHECK(closed >= SLOW_ONE_ADDRESS - 32);
	for (int i = 0; i < nfd; i++)
		close(fds[i]);
	t_server_stop(&ts);
}

TEST(json_routes_refuse_a_body_of_another_type_with_415)
{
	static const char *const bad[] = { "text/plain", "application/x-www-form-urlencoded",
					   "multipart/form-data; boundary=x", "application/jsonp",
					   NULL };
	struct t_server ts;
	REQUIRE(t_server_start(&ts));
	REQUIRE(t_server_user(&ts, "alice", "Secret-pass1", ROLE_OFFICER, false));
	int64_t audits = t_audit_count(&ts);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct http_resp r = t_http(&ts, "POST", "/api/v1/session", NULL, bad[i], LOGIN);
		CHECK_INT(r.status, 415);
		CHECK_CONTAINS(r.body, "\"code\":\"unsupported_media_type\"");
		CHECK_CONTAINS(r.body, "请求体须为 JSON 格式");
		CHECK(!strstr(r.headers, "fz_session="));
		t_resp_free(&r);
	}
	CHECK_INT(t_audit_count(&ts), audits); /* no sign-in was even tried */
	struct http_resp r = t_http(&ts, "POST", "/api/v1/session", NULL,
				    "Application/JSON; charset=utf-8", LOGIN);
	CHECK_INT(r.status, 201);
	t_resp_free(&r);
	/* A signed-in write: refused before the handler, nothing changed. */
	char tok[65], csrf[65];
	REQUIRE(t_login(&ts, "alice", "Secret-pass1", tok, csrf));
	audits = t_audit_count(&ts);
	const char *change = "{\"old_password\":\"Secret-pass1\",\"new_password\":\"Other#pass22\"}";
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		r = t_http(&ts, "PUT", "/api/v1/me/password", tok, bad[i], change);
		CHECK_INT(r.status, 415);
		CHECK_CONTAINS(r.body, "\"code\":\"unsupported_media_type\"");
		t_resp_free(&r);
	}
	CHECK_INT(t_audit_count(&ts), audits);
	REQUIRE(t_login(&ts, "alice", "Secret-pass1", tok, csrf)); /* the old one still opens */
	t_server_stop(&ts);
}

/* The connection's memory (http/server.c) holds a request head of
 * HTTP_HEAD_MAX, twice on one kept-alive connection (it is emptied between
 * requests); a head four times that is refused, and the server goes on. */
TEST(a_request_head_of_the_stated_size_is_read_and_a_huge_one_refused)
{
	struct t_server ts;
	REQUIRE(t_server_start(&ts));
	size_t got_n = 16384;
	char *got = malloc(got_n);
	struct buf req = BUF_INIT;
	REQUIRE(got);
	for (int i = 0; i < 2; i++) {
		size_t start = req.len;
		buf_adds(&req, "GET /healthz HTTP/1.1\r\nHost: t\r\n");
		/* headers of 1,000 bytes, the last one filling the head exactly */
		const char *end = i ? "\r\nConnection: close\r\n\r\n" : "\r\n\r\n";
		for (char h = 'A'; req.len - start + strlen(end) < HTTP_HEAD_MAX; h++) {
			if (h > 'A')
				buf_adds(&req, "\r\n");
			buf_addf(&req, "X-Pad-%c: ", h);
			for (int k = 0; k < 1000 && req.len - start + strlen(end) < HTTP_HEAD_MAX; k++)
				buf_addc(&req, (char)('a' + k % 26));
		}
		buf_adds(&req, end);
		CHECK_INT(req.len - start, HTTP_HEAD_MAX);
	}
	REQUIRE(!buf_failed(&req));
	int fd = t_raw_connect(ts.port, NULL);
	REQUIRE(fd >= 0);
	CHECK(t_raw_send(fd, req.data, req.len));
	CHECK(t_raw_read_to_close(fd, got, got_n, 25000));
	CHECK_INT(count(got, "HTTP/1.1 200"), 2);
	close(fd);

	buf_release(&req);
	buf_adds(&req, "GET /healthz HTTP/1.1\r\nHost: t\r\nX-Pad: ");
	while (req.len < 4 * HTTP_HEAD_MAX)
		buf_addc(&req, 'x');
	buf_adds(&req, "\r\n\r\n");
	fd = t_raw_connect(ts.port, NULL);
	REQUIRE(fd >= 0);
	(void)t_raw_send(fd, req.data, req.len); /* may be cut off while sending */
	CHECK(t_raw_read_to_close(fd, got, got_n, 25000));
	CHECK(strncmp(got, "HTTP/1.1 431", 12) == 0);
	close(fd);
	struct http_resp r = t_http(&ts, "GET", "/healthz", NULL, NULL, NULL);
	CHECK_INT(r.status, 200);
	t_resp_free(&r);
	buf_release(&req);
	free(got);
	t_server_stop(&ts);
}
