/* jsonin_test.c - JSON bodies are checked in one place: UTF-8 first, then
 * syntax, then each field's presence, type and length, named in the
 * error so that a client knows what to fix. */
#include "base/buf.h"
#include "harness.h"
#include "t.h"

static struct http_resp post_session(struct t_server *ts, const char *body)
{
	return t_http(ts, "POST", "/api/v1/session", NULL, "application/json", body);
}

TEST(invalid_utf8_is_400)
{
	struct t_server ts;
	REQUIRE(t_server_start(&ts));
	int64_t audits = t_audit_count(&ts);
	struct http_resp r = post_session(&ts, "{\"username\":\"al\xff\",\"password\":\"x\"}");
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "\"code\":\"invalid\"");
	CHECK_CONTAINS(r.body, "请求包含无效的 UTF-8 编码");
	t_resp_free(&r);
	/* An overlong encoding of '/' and a lone surrogate are not UTF-8. */
	r = post_session(&ts, "{\"username\":\"\xc0\xaf\",\"password\":\"x\"}");
	CHECK_INT(r.status, 400);
	t_resp_free(&r);
	r = post_session(&ts, "{\"username\":\"\xed\xa0\x80\",\"password\":\"x\"}");
	CHECK_INT(r.status, 400);
	t_resp_free(&r);
	CHECK_INT(t_audit_count(&ts), audits);
	t_server_stop(&ts);
}

TEST(malformed_json_is_400)
{
	struct t_server ts;
	REQUIRE(t_server_start(&ts));
	static const char *bad[] = { "", "{", "{\"username\":}", "[1,2]", "\"text\"",
				     "{\"a\":1,\"a\":2}", "{\"username\":\"\\u0000\"}" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct http_resp r = post_session(&ts, bad[i]);
		CHECK_INT(r.status, 400);
		CHECK_CONTAINS(r.body, "\"code\":\"invalid\"");
		t_resp_free(&r);
	}
	struct http_resp r = post_session(&ts, "{\"username\":");
	CHECK_CONTAINS(r.body, "请求体不是有效的 JSON");
	t_resp_free(&r);
	r = post_session(&ts, "[]");
	CHECK_CONTAINS(r.body, "请求体应为 JSON 对象");
	t_resp_free(&r);
	t_server_stop(&ts);
}

TEST(wrong_type_names_the_field)
{
	struct t_server ts;
	REQUIRE(t_server_start(&ts));
	struct http_resp r = post_session(&ts, "{\"username\":12,\"password\":\"x\"}");
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "\"field\":\"username\"");
	CHECK_CONTAINS(r.body, "字段 username 应为字符串");
	t_resp_free(&r);
	t_server_stop(&ts);
}

TEST(missing_field_names_the_field)
{
	struct t_server ts;
	REQUIRE(t_server_start(&ts));
	struct http_resp r = post_session(&ts, "{\"username\":\"alice\"}");
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "\"field\":\"password\"");
	CHECK_CONTAINS(r.body, "缺少字段 password");
	t_resp_free(&r);
	r = post_session(&ts, "{\"username\":\"alice\",\"password\":null}");
	CHECK_CONTAINS(r.body, "\"field\":\"password\"");
	t_resp_free(&r);
	r = post_session(&ts, "{\"username\":\"\",\"password\":\"x\"}");
	CHECK_CONTAINS(r.body, "\"field\":\"username\"");
	t_resp_free(&r);
	t_server_stop(&ts);
}

TEST(unknown_field_is_refused)
{
	struct t_server ts;
	REQUIRE(t_server_start(&ts));
	struct http_resp r =
		post_session(&ts, "{\"username\":\"alice\",\"pasword\":\"x\",\"password\":\"y\"}");
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "\"field\":\"pasword\"");
	CHECK_CONTAINS(r.body, "未知字段 pasword");
	t_resp_free(&r);
	t_server_stop(&ts);
}

TEST(too_long_string_names_the_field)
{
	struct t_server ts;
	struct buf b = BUF_INIT;
	REQUIRE(t_server_start(&ts));
	buf_adds(&b, "{\"username\":\"");
	for (int i = 0; i < 65; i++)
		buf_adds(&b, "法");
	buf_adds(&b, "\",\"password\":\"x\"}");
	struct http_resp r = post_session(&ts, buf_cstr(&b));
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "\"field\":\"username\"");
	CHECK_CONTAINS(r.body, "不能超过 64 个字符");
	t_resp_free(&r);
	buf_release(&b);
	t_server_stop(&ts);
}
