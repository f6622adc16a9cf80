/* fuzz_regress_test.c - what fuzz/fuzz_http.c found, kept fixed over the
 * real server: each input that crashed it or made it answer 500 is sent
 * again and must be refused with a 4xx naming the problem in Chinese,
 * with the server still answering afterwards. (The inputs themselves stay
 * in fuzz/corpus/http, replayed by fuzz_corpora_replay_clean.) */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "domain/model.h"
#include "harness.h"
#include "t.h"

/* A multipart upload one of whose parts names no field (its
 * Content-Disposition has no name=): the part parser got a NULL name and
 * the server crashed on it. Any signed-in officer could send it, before
 * any CSRF field. */
TEST(http_multipart_part_without_a_name_is_refused_not_a_crash)
{
	struct t_server ts;
	char token[65], csrf[65];
	REQUIRE(t_server_start(&ts));
	REQUIRE(t_server_user(&ts, "officer9", "Officer@2026-x", ROLE_OFFICER, false) > 0);
	REQUIRE(t_login(&ts, "officer9", "Officer@2026-x", token, csrf));
	static const char body[] = "--XyZ\r\n"
				   "Content-Disposition: form-data\r\n\r\n"
				   "x\r\n"
				   "--XyZ\r\n"
				   "Content-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
				   "Content-Type: text/plain\r\n\r\n"
				   "hello\r\n"
				   "--XyZ--\r\n";
	char req[2048], answer[8192];
	int n = snprintf(req, sizeof req,
			 "POST /cases/1/evidence HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
			 "Cookie: fz_session=%s\r\n"
			 "Content-Type: multipart/form-data; boundary=XyZ\r\n"
			 "Content-Length: %zu\r\n\r\n%s",
			 token, strlen(body), body);
	REQUIRE(n > 0 && (size_t)n < sizeof req);
	int fd = t_raw_connect(ts.port, NULL);
	REQUIRE(fd >= 0);
	CHECK(t_raw_send(fd, req, (size_t)n));
	CHECK(t_raw_read_to_close(fd, answer, sizeof answer, 10000));
	close(fd);
	CHECK_CONTAINS(answer, "HTTP/1.1 400");
	CHECK_CONTAINS(answer, "上传的表单中有未命名的字段");
	struct http_resp r = t_http(&ts, "GET", "/healthz", NULL, NULL, NULL);
	CHECK_INT(r.status, 200);
	t_resp_free(&r);
	t_server_stop(&ts);
}
