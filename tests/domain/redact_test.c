/* redact_test.c - the redaction rules of docs/REDACTION.md, one category
 * at a time with what must be caught and what must stay: names (one
 * placeholder per person, numbered when two share a surname, compound
 * surnames, minors), ID numbers (18/15 digits, X, full-width, spaces),
 * phones, addresses to the county, bank accounts, plates, e-mail;
 * organisations keep name and USCC; dates, document numbers, amounts and
 * articles are untouched; bad UTF-8 and bad names are refused. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "domain/redact.h"
#include "t.h"

/* The redacted text (static, overwritten by the next call); "<error>"
 * when redact_text refused. */
static const char *red(const struct redact_ctx *ctx, const char *in, struct redact_report *r)
{
	static char result[4096];
	struct buf out = BUF_INIT;
	struct fz_error e = { 0 };
	enum fz_err rc = redact_text(ctx, in, strlen(in), &out, r, &e);
	snprintf(result, sizeof result, "%s", rc ? "<error>" : buf_cstr(&out));
	if (rc == FZ_OK && !utf8_valid(out.data ? out.data : "", out.len))
		t_fail(__FILE__, __LINE__, "output is not valid UTF-8");
	buf_release(&out);
	return result;
}

static const char *red_person(const char *in, struct redact_report *r)
{
	struct redact_ctx ctx;
	redact_ctx_init(&ctx, REDACT_PARTY_PERSON);
	return red(&ctx, in, r);
}

static const char *red_org(const char *in, struct redact_report *r)
{
	struct redact_ctx ctx;
	redact_ctx_init(&ctx, REDACT_PARTY_ORGANISATION);
	return red(&ctx, in, r);
}

/* ---- names ---------------------------------------------------------- */

TEST(redact_name_becomes_surname_mou_everywhere_in_the_text)
{
	struct redact_person p[] = { { "王小明", false } };
	struct redact_ctx ctx;
	struct redact_report r;
	redact_ctx_init(&ctx, REDACT_PARTY_PERSON);
	ctx.persons = p;
	ctx.npersons = 1;
	CHECK_STR(red(&ctx, "经查，王小明于2026年3月在院内搭建彩钢房；王小明对事实无异议。", &r),
		  "经查，王某于2026年3月在院内搭建彩钢房；王某对事实无异议。");
	CHECK_INT(r.counts[REDACT_NAME], 2);
	CHECK_INT(r.persons, 1);
	CHECK_INT(r.found_names, 0);
	CHECK(!r.minor_present);
}

TEST(redact_two_persons_of_one_surname_are_numbered_in_order_of_appearance)
{
	struct redact_person p[] = { { "张伟", false }, { "张三丰", false }, { "李四", false } };
	struct redact_ctx ctx;
	struct redact_report r;
	redact_ctx_init(&ctx, REDACT_PARTY_PERSON);
	ctx.persons = p;
	ctx.npersons = 3;
	/* 张三丰 appears first, so he is 张某1 although he was passed second;
	 * 李四 alone keeps the plain form; the longer name wins over a
	 * shorter one at the same place */
	CHECK_STR(red(&ctx, "张三丰与李四争执，张伟劝阻；张三丰随后离开。", &r),
		  "张某1与李某争执，张某2劝阻；张某1随后离开。");
	CHECK_INT(r.persons, 3);
	CHECK_INT(r.counts[REDACT_NAME], 4);
	/* a person who does not appear takes no number */
	CHECK_STR(red(&ctx, "张伟在场。", &r), "张某在场。");
	CHECK_INT(r.persons, 1);
}

TEST(redact_keeps_a_compound_surname_and_the_first_latin_letter)
{
	struct redact_person p[] = { { "欧阳娜娜", false }, { "Smith", false },
				     { "阿卜杜·买买提", false } };
	struct redact_ctx ctx;
	redact_ctx_init(&ctx, REDACT_PARTY_PERSON);
	ctx.persons = p;
	ctx.npersons = 3;
	CHECK_STR(red(&ctx, "欧阳娜娜、Smith和阿卜杜·买买提到场。", NULL),
		  "欧阳某、S和阿某到场。");
}

TEST(redact_name_suffix_is_a_policy_choice)
{
	struct redact_person p[] = { { "赵六", false } };
	struct redact_ctx ctx;
	redact_ctx_init(&ctx, REDACT_PARTY_PERSON);
	ctx.persons = p;
	ctx.npersons = 1;
	ctx.policy.name_suffix = "某某";
	CHECK_STR(red(&ctx, "赵六到场。", NULL), "赵某某到场。");
	ctx.policy.name_suffix = "";
	CHECK_STR(red(&ctx, "赵六到场。", NULL), "<error>");
}

TEST(redact_minor_loses_the_surname_and_is_reported)
{
	struct redact_person p[] = { { "刘小花", true }, { "刘大山", false } };
	struct redact_ctx ctx;
	struct redact_report r;
	redact_ctx_init(&ctx, REDACT_PARTY_ORGANISATION);
	ctx.persons = p;
	ctx.npersons = 2;
	CHECK_STR(red(&ctx, "该店向刘小花（14岁）出售烟草，其监护人刘大山投诉。", &r),
		  "该店向某某（14岁）出售烟草，其监护人刘某投诉。");
	CHECK_INT(r.counts[REDACT_MINOR], 1);
	CHECK_INT(r.counts[REDACT_NAME], 1);
	CHECK_INT(r.minors, 1);
	CHECK(r.minor_present);
	/* a minor party: flagged even when the name does not appear */
	redact_ctx_init(&ctx, REDACT_PARTY_PERSON);
	ctx.party_name = "孙小亮";
	ctx.party_minor = true;
	CHECK_STR(red(&ctx, "当事人：孙小亮，男。孙小亮承认。", &r), "当事人：某某，男。某某承认。");
	CHECK(r.minor_present);
	CHECK_STR(red(&ctx, "无关文字", &r), "无关文字");
	CHECK(r.minor_present);
}

TEST(redact_labelled_names_are_found_for_a_person_party)
{
	struct redact_report r;
	CHECK_STR(red_person("当事人：马建国，男，回族。\n证人：周敏。马建国称周敏不在场。", &r),
		  "当事人：马某，男，回族。\n证人：周某。马某称周某不在场。");
	CHECK_INT(r.found_names, 2);
	CHECK_STR(red_person("姓名： 杨帆 性别：男", NULL), "姓名： 杨某 性别：男");
	CHECK_STR(red_org("联系人：杨帆，电话", NULL), "联系人：杨某，电话");
	/* officers and representatives are published by name (rules §5) */
	CHECK_STR(red_person("执法人员姓名：白鹏；法定代表人姓名：马成", NULL),
		  "执法人员姓名：白鹏；法定代表人姓名：马成");
	/* already anonymised, an organisation, a phrase too long for a name */
	CHECK_STR(red_person("当事人：马某，男。", &r), "当事人：马某，男。");
	CHECK_INT(r.persons, 0);
	CHECK_STR(red_person("当事人：宏达商店", NULL), "当事人：宏达商店");
	CHECK_STR(red_person("当事人：未按期提交整改材料的", NULL), "当事人：未按期提交整改材料的");
}

TEST(redact_organisation_party_keeps_name_uscc_and_domicile)
{
	struct redact_ctx ctx;
	struct redact_report r;
	redact_ctx_init(&ctx, REDACT_PARTY_ORGANISATION);
	ctx.party_name = "海原县宏达建材有限公司";
	const char *text = "当事人：海原县宏达建材有限公司\n统一社会信用代码：91350100M000100Y43\n"
			   "住所：宁夏回族自治区中卫市海原县海城镇文昌路12号\n"
			   "法定代表人：马建国\n海原县宏达建材有限公司未取得采矿许可。";
	CHECK_STR(red(&ctx, text, &r), text);
	for (int c = 0; c < REDACT_CATEGORY_COUNT; c++)
		CHECK_INT(r.counts[c], 0);
	/* an unlabelled USCC passes its check and stays; a witness does not */
	CHECK_STR(red_org("代码91110000MA00000152，证人：周敏。", NULL),
		  "代码91110000MA00000152，证人：周某。");
}

TEST(redact_person_party_name_is_kept_when_the_agency_says_so)
{
	struct redact_ctx ctx;
	redact_ctx_init(&ctx, REDACT_PARTY_PERSON);
	ctx.party_name = "马建国";
	ctx.policy.mask_party_name = false;
	struct redact_person p[] = { { "周敏", false } };
	ctx.persons = p;
	ctx.npersons = 1;
	CHECK_STR(red(&ctx, "当事人：马建国。马建国与周敏", NULL), "当事人：马建国。马建国与周某");
	ctx.policy.mask_party_name = true;
	CHECK_STR(red(&ctx, "当事人：马建国。马建国与周敏", NULL), "当事人：马某。马某与周某");
}

TEST(redact_keep_list_wins_over_names_and_numbers)
{
	const char *keep[] = { "王五", "15222019" };
	struct redact_person p[] = { { "王五", false } };
	struct redact_ctx ctx;
	redact_ctx_init(&ctx, REDACT_PARTY_PERSON);
	ctx.keep = keep;
	ctx.nkeep = 2;
	ctx.persons = p;
	ctx.npersons = 1;
	CHECK_STR(red(&ctx, "执法人员：王五，电话：15222019", NULL), "执法人员：王五，电话：15222019");
}

/* A text, what it must become, and how many replacements of the test's
 * category the report must count. */
struct red_case {
	const char *in;
	const char *want;
	unsigned count;
};

static void check_cases(enum redact_party_kind kind, enum redact_category cat,
			const struct red_case *cases, size_t n)
{
	struct redact_ctx ctx;
	redact_ctx_init(&ctx, kind);
	for (size_t k = 0; k < n; k++) {
		struct redact_report r;
		const char *got = red(&ctx, cases[k].in, &r);
		if (strcmp(got, cases[k].want) != 0)
			t_fail(__FILE__, __LINE__, "\"%s\" became \"%s\", expected \"%s\"",
			       cases[k].in, got, cases[k].want);
		if (r.counts[cat] != cases[k].count)
			t_fail(__FILE__, __LINE__, "\"%s\": %u %s, expected %u", cases[k].in,
			       r.counts[cat], redact_category_label(cat), cases[k].count);
	}
}
#define CHECK_CASES(kind, cat, cases) check_cases(kind, cat, cases, sizeof cases / sizeof *cases)

/* ---- ID numbers ------------------------------------------------------ */

TEST(redact_id_numbers_in_every_typed_form)
{
	static const struct red_case cases[] = {
		{ "身份证号11010519491231002X。", "身份证号×××。", 1 },
		/* unlabelled, lowercase x, full-width digits, spaces, 15 digits */
		{ "号码11010519491231002x在案", "号码×××在案", 1 },
		{ "（４４０５２４１８８００１０１００１４）", "（×××）", 1 },
		{ "证号 110105 19491231 002X 已核", "证号 ××× 已核", 1 },
		{ "旧证110105491231002。", "旧证×××。", 1 },
		/* a wrong check character still identifies someone: the place
		 * and the birth date are real */
		{ "其号码110105194912310021。", "其号码×××。", 1 },
		/* labelled: any length a typo may give */
		{ "身份证号码：1101051949123100", "身份证号码：×××", 1 },
		{ "两人11010519491231002X、440524188001010014", "两人×××、×××", 2 },
	};
	CHECK_CASES(REDACT_PARTY_PERSON, REDACT_ID_NUMBER, cases);
}

TEST(redact_numbers_that_are_not_id_numbers_stay)
{
	static const struct red_case cases[] = {
		/* 18 characters: a valid USCC, and a digit run with no real date */
		{ "信用代码12100000400000018N", "信用代码12100000400000018N", 0 },
		{ "91350100M000100Y43", "91350100M000100Y43", 0 },
		{ "93330106MA2B3C4D1T", "93330106MA2B3C4D1T", 0 },
		{ "编号110105194913310021", "编号110105194913310021", 0 },
		/* the officers' certificate numbers are public */
		{ "执法证号：640522198001010011", "执法证号：640522198001010011", 0 },
	};
	CHECK_CASES(REDACT_PARTY_ORGANISATION, REDACT_ID_NUMBER, cases);
}

/* ---- phones ---------------------------------------------------------- */

TEST(redact_mobile_numbers_as_people_type_them)
{
	static const struct red_case cases[] = {
		{ "电话13800138000，", "电话×××，", 1 },
		{ "手机138 0013 8000。", "手机×××。", 1 },
		{ "手机138-0013-8000。", "手机×××。", 1 },
		{ "致电+86 13800138000", "致电×××", 1 },
		{ "致电8613800138000", "致电×××", 1 },
		{ "号码１５９００００００００", "号码×××", 1 },
		/* two numbers in a row are two numbers */
		{ "13800138000 15900000000", "××× ×××", 2 },
		/* 12x is no mobile segment; ten digits are too few */
		{ "12345678901", "12345678901", 0 },
		{ "1380000000", "1380000000", 0 },
	};
	CHECK_CASES(REDACT_PARTY_PERSON, REDACT_PHONE, cases);
}

TEST(redact_landlines_with_area_code)
{
	static const struct red_case cases[] = {
		{ "电话0371-12345678。", "电话×××。", 1 },
		{ "（010）12345678", "×××", 1 },
		{ "座机0955 1234567", "座机×××", 1 },
		{ "０９５５－１２３４５６７", "×××", 1 },
		/* without an area code only after a label */
		{ "联系电话：7654321", "联系电话：×××", 1 },
		{ "面积7654321", "面积7654321", 0 },
		/* public service numbers are too short for any pattern */
		{ "举报电话12345，消费者投诉12315，报警110。",
		  "举报电话12345，消费者投诉12315，报警110。", 0 },
	};
	CHECK_CASES(REDACT_PARTY_PERSON, REDACT_PHONE, cases);
}

/* ---- addresses ------------------------------------------------------- */

TEST(redact_home_address_keeps_the_county)
{
	static const struct red_case cases[] = {
		{ "住址：宁夏回族自治区中卫市海原县海城镇文昌路12号，",
		  "住址：宁夏回族自治区中卫市海原县×××，", 1 },
		{ "家庭住址为北京市朝阳区建国路88号3单元", "家庭住址为北京市朝阳区×××", 1 },
		{ "户籍地：中卫市沙坡头区滨河镇", "户籍地：中卫市沙坡头区×××", 1 },
		/* court style, "，住…" */
		{ "马某，男，住海原县三河镇富陵村。", "马某，男，住海原县×××。", 1 },
		/* a compound (小区) is not a district; no county: nothing kept */
		{ "现住址：阳光小区3栋201室", "现住址：×××", 1 },
		/* the county alone is already all that may be kept */
		{ "住址：海原县。", "住址：海原县。", 0 },
		/* 住所 is a person party's residence */
		{ "住所：海原县海城镇", "住所：海原县×××", 1 },
	};
	CHECK_CASES(REDACT_PARTY_PERSON, REDACT_ADDRESS, cases);
}

TEST(redact_address_deleted_whole_when_policy_says_so)
{
	struct redact_ctx ctx;
	redact_ctx_init(&ctx, REDACT_PARTY_PERSON);
	ctx.policy.address_keep_county = false;
	CHECK_STR(red(&ctx, "住址：海原县海城镇文昌路12号", NULL), "住址：×××");
}

/* ---- bank accounts, plates, e-mail ---------------------------------- */

TEST(redact_bank_accounts_by_check_or_label)
{
	static const struct red_case cases[] = {
		{ "卡号6222 0212 3456 7890 128。", "卡号×××。", 1 },
		{ "转入4111111111111111后", "转入×××后", 1 },
		/* a corporate account has no check digit: the label decides */
		{ "开户账号：2900 0112 0090 12", "开户账号：×××", 1 },
		/* one digit off the Luhn check, no label: stays */
		{ "转入4111111111111112后", "转入4111111111111112后", 0 },
	};
	CHECK_CASES(REDACT_PARTY_ORGANISATION, REDACT_BANK_ACCOUNT, cases);
}

TEST(redact_agency_account_in_the_keep_list_stays)
{
	const char *keep[] = { "29000112009012" };
	struct redact_ctx ctx;
	redact_ctx_init(&ctx, REDACT_PARTY_PERSON);
	ctx.keep = keep;
	ctx.nkeep = 1;
	CHECK_STR(red(&ctx, "缴至账号29000112009012；当事人账号29000112009099", NULL),
		  "缴至账号29000112009012；当事人账号×××");
}

TEST(redact_vehicle_plates_including_new_energy)
{
	static const struct red_case cases[] = {
		{ "驾驶宁A12345号车辆", "驾驶×××号车辆", 1 },
		{ "宁AD12345", "×××", 1 },
		{ "宁A·1234X停放", "×××停放", 1 },
		{ "宁ａ１２３４５", "×××", 1 },
		{ "宁A1234挂", "×××", 1 },
		/* I and O are not plate letters; too short or too long is no plate */
		{ "宁I12345", "宁I12345", 0 },
		{ "宁A1234。", "宁A1234。", 0 },
		{ "宁A12345678", "宁A12345678", 0 },
	};
	CHECK_CASES(REDACT_PARTY_PERSON, REDACT_PLATE, cases);
}

TEST(redact_email_addresses_also_full_width)
{
	static const struct red_case cases[] = {
		{ "邮箱zhang.san@example.com。", "邮箱×××。", 1 },
		{ "ｌｉ＠ｑｑ．ｃｏｍ", "×××", 1 },
		{ "写作@某人", "写作@某人", 0 },
		{ "a@localhost", "a@localhost", 0 },
	};
	CHECK_CASES(REDACT_PARTY_PERSON, REDACT_EMAIL, cases);
}

/* ---- what must stay --------------------------------------------------- */

TEST(redact_leaves_dates_document_numbers_amounts_and_articles_alone)
{
	const char *text =
		"海自然资罚〔2026〕3号\n"
		"2026年3月15日 10:30，2026-03-15，罚款人民币50000元（大写：伍万元整），"
		"1,380,000.00元，13800000000元，违法占地1380.5平方米，"
		"依据《中华人民共和国土地管理法》第七十七条、第64条第2款，"
		"（2026）宁0522行初13号，国办发〔2018〕118号，执法证号NX05220001，"
		"GB 11643-1999，占比12.5%。";
	struct redact_report r;
	CHECK_STR(red_person(text, &r), text);
	for (int c = 0; c < REDACT_CATEGORY_COUNT; c++)
		CHECK_INT(r.counts[c], 0);
}

/* ---- input ------------------------------------------------------------- */

TEST(redact_refuses_invalid_utf8_and_appends_nothing)
{
	static const char *const bad[] = {
		"\xff", "abc\xc3", "\xc0\xaf", "\xed\xa0\x80", "张\xe4\xb8",
	};
	struct redact_ctx ctx;
	redact_ctx_init(&ctx, REDACT_PARTY_PERSON);
	for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
		struct buf out = BUF_INIT;
		struct redact_report r;
		struct fz_error e = { 0 };
		buf_adds(&out, "前");
		CHECK_INT(redact_text(&ctx, bad[k], strlen(bad[k]), &out, &r, &e), FZ_INVALID);
		CHECK_STR(buf_cstr(&out), "前");
		CHECK_STR(e.field, "text");
		CHECK_CONTAINS(e.message, "UTF-8");
		buf_release(&out);
	}
	/* a NUL inside the given length */
	struct buf out = BUF_INIT;
	CHECK_INT(redact_text(&ctx, "a\0b", 3, &out, NULL, NULL), FZ_INVALID);
	CHECK_INT(out.len, 0);
	buf_release(&out);
}

TEST(redact_refuses_names_that_would_blot_out_text)
{
	static const char *const bad[] = { "张", "张 三", "", "\xe5\xbc" };
	struct redact_ctx ctx;
	redact_ctx_init(&ctx, REDACT_PARTY_PERSON);
	for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
		struct redact_person p = { bad[k], false };
		struct buf out = BUF_INIT;
		struct fz_error e = { 0 };
		ctx.persons = &p;
		ctx.npersons = 1;
		CHECK_INT(redact_text(&ctx, "文本", 6, &out, NULL, &e), FZ_INVALID);
		CHECK_STR(e.field, "name");
		CHECK_CONTAINS(e.message, "姓名");
		CHECK_INT(out.len, 0);
		buf_release(&out);
	}
}

TEST(redact_refuses_a_bad_kept_string_party_name_or_policy)
{
	const char *bad_keep[] = { "海原县", "\xff" }, *null_keep[] = { NULL };
	struct redact_ctx ctx;
	struct fz_error e = { 0 };
	struct buf out = BUF_INIT;
	redact_ctx_init(&ctx, REDACT_PARTY_ORGANISATION);
	ctx.keep = bad_keep;
	ctx.nkeep = 2;
	CHECK_INT(redact_text(&ctx, "文本", 6, &out, NULL, &e), FZ_INVALID);
	CHECK_STR(e.field, "keep");
	ctx.keep = null_keep;
	ctx.nkeep = 1;
	CHECK_INT(redact_text(&ctx, "文本", 6, &out, NULL, &e), FZ_INVALID);
	/* an organisation's name is kept, never masked, but still checked */
	redact_ctx_init(&ctx, REDACT_PARTY_ORGANISATION);
	ctx.party_name = "宏达\xe5";
	CHECK_INT(redact_text(&ctx, "文本", 6, &out, NULL, &e), FZ_INVALID);
	CHECK_STR(e.field, "name");
	redact_ctx_init(&ctx, REDACT_PARTY_PERSON);
	ctx.policy.mark = "";
	CHECK_INT(redact_text(&ctx, "文本", 6, &out, NULL, &e), FZ_INVALID);
	CHECK_STR(e.field, "policy");
	ctx.policy.mark = "[此处已删除的内容很长很长]";
	CHECK_INT(redact_text(&ctx, "文本", 6, &out, NULL, &e), FZ_INVALID);
	CHECK_INT(out.len, 0);
	buf_release(&out);
}

TEST(redact_refuses_more_persons_than_its_limit)
{
	struct buf text = BUF_INIT;
	/* 证人：甲乙 … with REDACT_PERSONS_MAX + 1 distinct two-character names */
	for (unsigned k = 0; k <= REDACT_PERSONS_MAX; k++) {
		char name[8];
		unsigned a = 0x4E00 + k / 64, b = 0x4E00 + k % 64 + 64;
		snprintf(name, sizeof name, "%c%c%c%c%c%c", (char)(0xE0 | a >> 12),
			 (char)(0x80 | (a >> 6 & 0x3F)), (char)(0x80 | (a & 0x3F)),
			 (char)(0xE0 | b >> 12), (char)(0x80 | (b >> 6 & 0x3F)),
			 (char)(0x80 | (b & 0x3F)));
		buf_addf(&text, "证人：%s，", name);
	}
	struct redact_ctx ctx;
	struct buf out = BUF_INIT;
	struct fz_error e = { 0 };
	redact_ctx_init(&ctx, REDACT_PARTY_ORGANISATION);
	CHECK_INT(redact_text(&ctx, text.data, text.len, &out, NULL, &e), FZ_INVALID);
	CHECK_CONTAINS(e.message, "256");
	buf_release(&out);
	buf_release(&text);
}

TEST(redact_never_splits_a_character_and_copies_the_rest_byte_for_byte)
{
	struct redact_person p[] = { { "𠀀𠀁", false } };
	struct redact_ctx ctx;
	redact_ctx_init(&ctx, REDACT_PARTY_PERSON);
	ctx.persons = p;
	ctx.npersons = 1;
	/* four-byte characters, an emoji and full-width text around a name
	 * and a phone number */
	CHECK_STR(red(&ctx, "😀𠀀𠀁😀ＡＢＣ１２３，13800138000😀", NULL), "😀𠀀某😀ＡＢＣ１２３，×××😀");
	CHECK_STR(red(&ctx, "", NULL), "");
}

/* ---- several fields of one publication -------------------------------- */

TEST(redact_fields_share_one_placeholder_per_person_across_title_and_text)
{
	struct redact_person p[] = { { "张伟", false } };
	struct redact_ctx ctx;
	struct redact_report r;
	struct buf title = BUF_INIT, body = BUF_INIT, file = BUF_INIT;
	redact_ctx_init(&ctx, REDACT_PARTY_PERSON);
	ctx.persons = p;
	ctx.npersons = 1;
	/* the title names only 张伟, but the body's label makes 张三丰 the
	 * first 张: the title says 张某2, as the body does */
	const char *t1 = "关于张伟的处罚决定", *t2 = "当事人：张三丰。证人张伟。\n另见附件",
		   *t3 = "张三丰身份证11010519491231002X.pdf";
	struct redact_field f[] = {
		{ t2, strlen(t2), &body }, { t1, strlen(t1), &title }, { t3, strlen(t3), &file },
	};
	CHECK_INT(redact_fields(&ctx, f, 3, &r, NULL), FZ_OK);
	CHECK_STR(buf_cstr(&body), "当事人：张某1。证人张某2。\n另见附件");
	CHECK_STR(buf_cstr(&title), "关于张某2的处罚决定");
	CHECK_STR(buf_cstr(&file), "张某1身份证×××.pdf");
	CHECK_INT(r.counts[REDACT_NAME], 4);
	CHECK_INT(r.counts[REDACT_ID_NUMBER], 1);
	CHECK_INT(r.persons, 2);
	buf_release(&title);
	buf_release(&body);
	buf_release(&file);
}

TEST(redact_fields_touch_no_output_when_one_field_is_invalid)
{
	struct redact_ctx ctx;
	struct buf a = BUF_INIT, b = BUF_INIT;
	struct fz_error e = { 0 };
	redact_ctx_init(&ctx, REDACT_PARTY_PERSON);
	struct redact_field f[] = { { "证人：周敏", strlen("证人：周敏"), &a }, { "\xff", 1, &b } };
	CHECK_INT(redact_fields(&ctx, f, 2, NULL, &e), FZ_INVALID);
	CHECK_INT(a.len, 0);
	CHECK_INT(b.len, 0);
	CHECK_CONTAINS(e.message, "UTF-8");
	CHECK_INT(redact_fields(&ctx, f, 0, NULL, &e), FZ_INVALID);
	buf_release(&a);
	buf_release(&b);
}

TEST(redact_wechat_and_qq_accounts_after_their_label)
{
	static const struct red_case cases[] = {
		{ "微信号：yf_1988，QQ 123456789。", "微信号：×××，QQ ×××。", 2 },
		/* too short for an account, or no label */
		{ "微信：abc", "微信：abc", 0 },
		{ "账户名yf_1988", "账户名yf_1988", 0 },
	};
	CHECK_CASES(REDACT_PARTY_PERSON, REDACT_CONTACT, cases);
}
