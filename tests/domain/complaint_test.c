/* complaint_test.c - the rules of a complaint (投诉举报): the one table
 * of moves, who may take each action, receipt numbers and their check
 * character, and the complaint periods a province writes in either unit
 * (U). */
#include <stdio.h>

#include "t.h"

#include "domain/complaint.h"
#include "domain/procedure_config.h"

TEST(complaint_moves_follow_the_one_table)
{
	CHECK(complaint_action_allowed(CMP_RECEIVED, CMP_ACT_ACCEPT));
	CHECK(complaint_action_allowed(CMP_RECEIVED, CMP_ACT_REJECT));
	CHECK(!complaint_action_allowed(CMP_RECEIVED, CMP_ACT_REPLY));
	CHECK(!complaint_action_allowed(CMP_ASSIGNED, CMP_ACT_CLOSE)); /* no answer yet */
	CHECK(complaint_action_allowed(CMP_REPLIED, CMP_ACT_RETURN));
	CHECK_INT(complaint_state_after(CMP_REPLIED, CMP_ACT_RETURN), CMP_ASSIGNED);
	CHECK(!complaint_action_allowed(CMP_CLOSED, CMP_ACT_RETURN));
	CHECK(!complaint_action_allowed(CMP_NOT_ACCEPTED, CMP_ACT_ACCEPT));
	/* the bureau accepts and closes; the agency's head or reviewer answers
	 * only what is assigned to its own agency; officers never */
	CHECK(complaint_role_may(ROLE_SUPERVISOR, false, CMP_ACT_ACCEPT));
	CHECK(!complaint_role_may(ROLE_HEAD, true, CMP_ACT_ACCEPT));
	CHECK(complaint_role_may(ROLE_REVIEWER, true, CMP_ACT_REPLY));
	CHECK(!complaint_role_may(ROLE_HEAD, false, CMP_ACT_REPLY));
	CHECK(!complaint_role_may(ROLE_OFFICER, true, CMP_ACT_REPLY));
}

TEST(complaint_receipt_has_a_check_character_that_catches_a_typo)
{
	unsigned char rnd[CMP_RECEIPT_RANDOM] = { 0, 31, 62, 93, 124, 155, 186, 217, 248, 255 };
	char r[CMP_RECEIPT_LEN + 1], n[CMP_RECEIPT_LEN + 1];
	complaint_receipt_make("2026-12-06", rnd, r);
	CHECK_INT(strlen(r), CMP_RECEIPT_LEN);
	CHECK(strncmp(r, "TS20261206-", 11) == 0);
	REQUIRE(complaint_receipt_normalize(r, n));
	CHECK_STR(n, r);
	/* as people type it: lower case, spaces */
	char typed[40];
	snprintf(typed, sizeof typed, " ts%.8s - %s", r + 2, r + 11);
	for (char *p = typed; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	char *dash = strstr(typed, " - ");
	REQUIRE(dash);
	memmove(dash, dash + 1, strlen(dash + 1) + 1); /* "…-" then " x…" */
	REQUIRE(complaint_receipt_normalize(typed, n));
	CHECK_STR(n, r);
	/* every single changed character of the random part is caught */
	for (int i = 11; i < CMP_RECEIPT_LEN - 1; i++) {
		char bad[CMP_RECEIPT_LEN + 1];
		memcpy(bad, r, sizeof bad);
		bad[i] = bad[i] == '2' ? '3' : '2';
		CHECK(!complaint_receipt_normalize(bad, n));
	}
	/* and a changed date digit, letters not in the alphabet, a short one */
	char bad[CMP_RECEIPT_LEN + 1];
	memcpy(bad, r, sizeof bad);
	bad[9] = bad[9] == '7' ? '8' : '7';
	CHECK(!complaint_receipt_normalize(bad, n));
	CHECK(!complaint_receipt_normalize("TS20261206-OOOOOOOOOOO", n));
	CHECK(!complaint_receipt_normalize("TS20261206-234", n));
	CHECK(!complaint_receipt_normalize(NULL, n));
}

TEST(complaint_input_is_checked_field_by_field_in_chinese)
{
	char cert[64], phone[24];
	struct fz_error e = { 0 };
	struct complaint_input in = { .name = "张三", .phone = "0955-4012345", .agency_id = 3,
				      .cert_number = "ｎｘ０５２２ ０００１",
				      .facts = "执法人员检查时未出示证件", .request = "请查处" };
	REQUIRE(complaint_input_check(&in, cert, sizeof cert, phone, &e) == FZ_OK);
	CHECK_STR(cert, "NX05220001");
	CHECK_STR(phone, "09554012345");
	in.phone = "1390955123";
	CHECK_INT(complaint_input_check(&in, cert, sizeof cert, phone, &e), FZ_INVALID);
	CHECK_STR(e.field, "phone");
	in.phone = "";
	CHECK_INT(complaint_input_check(&in, cert, sizeof cert, phone, &e), FZ_INVALID);
	CHECK_STR(e.field, "phone");
	in.anonymous = true; /* anonymous: neither name nor phone needed */
	in.name = "";
	CHECK_INT(complaint_input_check(&in, cert, sizeof cert, phone, &e), FZ_OK);
	in.facts = "执法\x01人员检查时未出示证件";
	CHECK_INT(complaint_input_check(&in, cert, sizeof cert, phone, &e), FZ_INVALID);
	CHECK_STR(e.field, "facts");
}

TEST(complaint_periods_are_configurable_in_either_unit)
{
	static struct arena *a;
	struct proc_config c;
	struct fz_error e = { 0 };
	struct proc_period p;
	if (!a)
		a = arena_new();
	proc_config_init(&c);
	REQUIRE(proc_config_period(&c, "complaint_period", &p));
	CHECK_INT(p.amount, 60);
	CHECK_INT(p.unit, CLOCK_DAYS);
	const char *text = "complaint_period 30 working_days\ncomplaint_acceptance 7 days\n";
	REQUIRE(proc_config_parse(text, strlen(text), "config.txt", &c, a, &e) == FZ_OK);
	REQUIRE(proc_config_period(&c, "complaint_period", &p));
	CHECK_INT(p.amount, 30);
	CHECK_INT(p.unit, CLOCK_WORKING_DAYS);
	REQUIRE(proc_config_period(&c, "complaint_acceptance", &p));
	CHECK_INT(p.unit, CLOCK_DAYS);
	/* months are not a way of counting these; fixed-unit periods stay fixed */
	text = "complaint_period 2 months\n";
	CHECK_INT(proc_config_parse(text, strlen(text), "config.txt", &c, a, &e), FZ_INVALID);
	text = "case_period 60 working_days\n";
	CHECK_INT(proc_config_parse(text, strlen(text), "config.txt", &c, a, &e), FZ_INVALID);
}

TEST(complaint_attachment_kind_is_read_from_content_and_its_name_must_match_and_show_true)
{
	struct fz_error e = { 0 };
	const unsigned char jpg[] = { 0xff, 0xd8, 0xff, 0xdb }, pdf[] = "%PDF-1.7",
			    png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' },
			    gif[] = "GIF89a", shortpng[] = { 0x89, 'P', 'N', 'G' };
	CHECK_STR(complaint_attachment_type(jpg, sizeof jpg), "image/jpeg");
	CHECK_STR(complaint_attachment_type(pdf, 8), "application/pdf");
	CHECK_STR(complaint_attachment_type(png, sizeof png), "image/png");
	CHECK(complaint_attachment_type(gif, 6) == NULL);
	CHECK(complaint_attachment_type(shortpng, sizeof shortpng) == NULL);
	CHECK(complaint_attachment_type(NULL, 0) == NULL);
	/* names that fit, whatever the case of the extension */
	CHECK(complaint_attachment_name_check("现场.JPEG", "image/jpeg", "files", &e) == FZ_OK);
	CHECK(complaint_attachment_name_check("a.jpg", "image/jpeg", "files", &e) == FZ_OK);
	CHECK(complaint_attachment_name_check("决定书.Pdf", "application/pdf", "files", &e) == FZ_OK);
	/* every bidirectional control, wherever it sits */
	static const char *const bidi[] = { "a\xe2\x80\x8e.pdf", "a\xe2\x80\x8f.pdf",
					    "a\xe2\x80\xaa.pdf", "a\xe2\x80\xae.pdf",
					    "a\xe2\x81\xa6.pdf", "a\xe2\x81\xa9.pdf",
					    "a\xd8\x9c.pdf" };
	for (size_t i = 0; i < sizeof bidi / sizeof bidi[0]; i++) {
		CHECK(complaint_attachment_name_check(bidi[i], "application/pdf", "files", &e) ==
		      FZ_INVALID);
		CHECK_CONTAINS(e.message, "改变文字方向");
		CHECK_STR(e.field, "files");
	}
	/* a kind the content does not have, no extension, another kind's */
	CHECK(complaint_attachment_name_check("a.pdf", NULL, "files", &e) == FZ_INVALID);
	CHECK_CONTAINS(e.message, "按文件内容判断");
	CHECK(complaint_attachment_name_check("scan", "application/pdf", "files", &e) == FZ_INVALID);
	CHECK(complaint_attachment_name_check("a.pdf.exe", "application/pdf", "files", &e) ==
	      FZ_INVALID);
	CHECK_CONTAINS(e.message, "扩展名与文件内容不符");
	CHECK(complaint_attachment_name_check("a.png", "image/jpeg", "files", &e) == FZ_INVALID);
	/* control characters, slashes, quotes, nothing, invalid UTF-8 */
	CHECK(complaint_attachment_name_check("a\tb.pdf", "application/pdf", "files", &e) ==
	      FZ_INVALID);
	CHECK(complaint_attachment_name_check("a\"b.pdf", "application/pdf", "files", &e) ==
	      FZ_INVALID);
	CHECK(complaint_attachment_name_check("", "application/pdf", "files", &e) == FZ_INVALID);
	CHECK(complaint_attachment_name_check("a\xff.pdf", "application/pdf", "files", &e) ==
	      FZ_INVALID);
}
