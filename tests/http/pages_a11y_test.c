/* pages_a11y_test.c - what the browser tests (tests/browser) rely on, at
 * the HTTP level: a field error marks a textarea with real attributes,
 * the 关怀版 switch is a cookie set by a plain link and read by every page,
 * a certificate's printable card carries a QR code of the public check's
 * address, and the public check takes numbers as people type them and
 * says where to report an impostor. */
#include <stdio.h>
#include <string.h>

#include "page_fixture.h"
#include "t.h"

TEST(textarea_error_marks_the_field_with_attributes_not_text)
{
	struct t_pages p;
	struct t_browser o1;
	char url[80];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "officer1", &o1));
	int64_t id = t_pages_case_id(&p, "越界开采矿产资源");
	REQUIRE(id > 0);
	snprintf(url, sizeof url, "/cases/%lld/steps/advance_notice", (long long)id);
	struct http_resp r = t_page_post(&p, &o1, url, true, "grounds", "证据", "basis", "矿产资源法",
					 NULL);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "<textarea id=\"facts\" name=\"facts\" rows=\"3\" maxlength=\"2000\" "
			       "aria-invalid=\"true\" aria-describedby=\"facts-err\">");
	CHECK_CONTAINS(r.body, "<p class=\"field-error\" id=\"facts-err\">");
	CHECK(!strstr(r.body, "&quot;true&quot;"));
	CHECK(!strstr(r.body, "aria-invalid=&"));
	t_resp_free(&r);
	t_pages_stop(&p);
}

TEST(care_switch_is_a_remembered_cookie_that_every_page_reads)
{
	struct t_pages p;
	char hdr[200];
	REQUIRE(t_pages_start(&p));

	/* Standard pages offer the switch, coming back to the same page. */
	struct http_resp r = t_page_get(&p, NULL, "/certificates/check?number=NX05220001");
	CHECK_CONTAINS(r.body, "<html lang=\"zh-CN\">");
	CHECK_CONTAINS(r.body, "<a class=\"care-switch\" href=\"/care?mode=on&amp;back="
			       "%2Fcertificates%2Fcheck%3Fnumber%3DNX05220001\">关怀版</a>");
	t_resp_free(&r);

	r = t_page_get(&p, NULL, "/care?mode=on&back=%2Fcertificates%2Fcheck%3Fnumber%3DNX05220001");
	CHECK_INT(r.status, 303);
	CHECK_STR(t_header(&r, "Location", hdr, sizeof hdr), "/certificates/check?number=NX05220001");
	CHECK_STR(t_header(&r, "Set-Cookie", hdr, sizeof hdr),
		  "fz_care=1; Path=/; Max-Age=31536000; SameSite=Lax");
	t_resp_free(&r);

	/* The cookie is read by every page, signed in or not. */
	struct t_req rq = { .method = "GET", .path = "/", .cookie = "fz_care=1" };
	r = t_http_req(&p.ts, &rq);
	CHECK_CONTAINS(r.body, "<html lang=\"zh-CN\" class=\"care\">");
	CHECK_CONTAINS(r.body, "href=\"/care?mode=off&amp;back=%2F\">标准版</a>");
	t_resp_free(&r);
	struct t_browser sup;
	char cookie[160];
	REQUIRE(t_pages_login(&p, "supervisor", &sup));
	snprintf(cookie, sizeof cookie, "fz_session=%s; fz_care=1", sup.token);
	rq = (struct t_req){ .method = "GET", .path = "/workbench", .cookie = cookie };
	r = t_http_req(&p.ts, &rq);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "class=\"care\"");
	t_resp_free(&r);

	/* Off removes it; a foreign or odd target goes home; a bad mode is 400. */
	r = t_page_get(&p, NULL, "/care?mode=off&back=%2F%2Fevil.example%2F");
	CHECK_INT(r.status, 303);
	CHECK_STR(t_header(&r, "Location", hdr, sizeof hdr), "/");
	CHECK_STR(t_header(&r, "Set-Cookie", hdr, sizeof hdr),
		  "fz_care=; Path=/; Max-Age=0; SameSite=Lax");
	t_resp_free(&r);
	r = t_page_get(&p, NULL, "/care?mode=big");
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "请选择“关怀版”或“标准版”");
	t_resp_free(&r);
	t_pages_stop(&p);
}

TEST(certificate_card_has_a_qr_code_of_the_public_check)
{
	struct t_pages p;
	struct t_browser sup, o3;
	char url[80], target[160];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "supervisor", &sup));
	int64_t id = t_pages_cert_id(&p, "NX05220001");
	REQUIRE(id > 0);

	snprintf(url, sizeof url, "/certificates/%lld", (long long)id);
	struct http_resp r = t_page_get(&p, &sup, url);
	snprintf(url, sizeof url, "/certificates/%lld/card", (long long)id);
	CHECK_CONTAINS(r.body, url);
	t_resp_free(&r);

	r = t_page_get(&p, &sup, url);
	CHECK_INT(r.status, 200);
	snprintf(target, sizeof target,
		 "<a class=\"qr-link\" href=\"http://127.0.0.1:%d/certificates/check?number=NX05220001\">",
		 p.ts.port);
	CHECK_CONTAINS(r.body, target);
	CHECK_CONTAINS(r.body, "<svg class=\"qr\"");
	CHECK_CONTAINS(r.body, "aria-label=\"执法证查询二维码\"");
	CHECK_CONTAINS(r.body, "<path fill=\"#000\" d=\"M4 4h7v1h-7z"); /* a finder pattern */
	CHECK_CONTAINS(r.body, "王宏伟");
	t_resp_free(&r);

	/* --public-url wins over the request's address. */
	p.ts.cfg.public_url = "https://fazhi.example.gov.cn";
	r = t_page_get(&p, &sup, url);
	CHECK_CONTAINS(r.body, "href=\"https://fazhi.example.gov.cn/certificates/check?number=NX05220001\"");
	t_resp_free(&r);
	p.ts.cfg.public_url = NULL;

	/* Signed-in only, and only within the reader's scope. */
	r = t_page_get(&p, NULL, url);
	CHECK_INT(r.status, 303);
	t_resp_free(&r);
	REQUIRE(t_pages_login(&p, "officer3", &o3));
	r = t_page_get(&p, &o3, url);
	CHECK(r.status == 404 || r.status == 403);
	t_resp_free(&r);
	t_pages_stop(&p);
}

TEST(public_check_takes_numbers_as_typed_and_says_where_to_report)
{
	struct t_pages p;
	REQUIRE(t_pages_start(&p));
	static const char *const typed[] = {
		"/certificates/check?number=nx05220001",
		"/certificates/check?number=+NX+0522+0001+",
		/* ＮＸ０５２２　０００１: full-width, an ideographic space */
		("/certificates/check?number=%EF%BC%AE%EF%BC%B8%EF%BC%90%EF%BC%95%EF%BC%92%EF%BC%92"
		 "%E3%80%80%EF%BC%90%EF%BC%90%EF%BC%90%EF%BC%91"),
	};
	for (size_t i = 0; i < sizeof typed / sizeof typed[0]; i++) {
		struct http_resp r = t_page_get(&p, NULL, typed[i]);
		CHECK_INT(r.status, 200);
		CHECK_CONTAINS(r.body, "class=\"verdict valid\"");
		CHECK_CONTAINS(r.body, "<dd>NX05220001</dd>");
		t_resp_free(&r);
	}
	struct http_resp r = t_page_get(&p, NULL, "/api/v1/public/certificates/nx%200522%200001");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "\"number\":\"NX05220001\"");
	t_resp_free(&r);

	/* Not found: where to report, from the configuration or in words. */
	r = t_page_get(&p, NULL, "/certificates/check?number=NX09999999");
	CHECK_CONTAINS(r.body, "怀疑有人冒充执法人员的，可向当地司法局（行政执法监督机构）投诉举报，"
			       "或<a href=\"/public/complaints/new\">在网上投诉举报</a>。");
	t_resp_free(&r);
	p.ts.cfg.complaint_contact = "海原县司法局执法监督科，电话 0955-4012345";
	r = t_page_get(&p, NULL, "/certificates/check?number=NX09999999");
	CHECK_CONTAINS(r.body, "可向海原县司法局执法监督科，电话 0955-4012345投诉举报，或");
	CHECK(!strstr(r.body, "href=\"/complaints"));
	t_resp_free(&r);
	r = t_page_get(&p, NULL, "/api/v1/public/certificates/NX09999999");
	CHECK_INT(r.status, 404);
	CHECK_CONTAINS(r.body, "未查到执法证号 NX09999999。怀疑有人冒充执法人员的，"
			       "可向海原县司法局执法监督科，电话 0955-4012345投诉举报");
	t_resp_free(&r);
	p.ts.cfg.complaint_contact = NULL;
	t_pages_stop(&p);
}
