/* documents_test.c - each document drawn as PDF says what the law
 * requires of it and nothing that does not apply: the text is extracted
 * from the PDF with pdftotext (poppler-utils) and searched with its line
 * breaks removed. The inputs are synthetic, so the composers are tested
 * whether or not a procedure has the steps that produce them yet. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docgen/docgen.h"
#include "domain/procedure_builtin.h"
#include "t.h"

#define MAX_EVENTS 12

struct dx {
	struct arena *a;
	struct proc_set set;
	struct enf_case c;
	struct case_event events[MAX_EVENTS];
	size_t n;
	struct docgen_input in;
};

static const int64_t two_officers[] = { 11, 12 };
static const struct docgen_person people[] = {
	{ 11, "马建国", "64052200011" },
	{ 12, "李明", "64052200012" },
	{ 13, "苏海燕", NULL },
};

/* Appends an event of step on day with fields (officers 11 and 12 when
 * officers is set). */
static struct case_event *ev_add(struct dx *x, const char *step, const char *on,
				 const struct case_field *fields, size_t nfields, bool officers)
{
	if (x->n == MAX_EVENTS)
		return NULL;
	struct case_event *ev = &x->events[x->n];
	*ev = (struct case_event){ .id = (int64_t)x->n + 1, .step = step, .fields = fields,
				   .nfields = nfields, .reason = "",
				   .officers = officers ? two_officers : NULL,
				   .nofficers = officers ? 2 : 0 };
	snprintf(ev->on, sizeof ev->on, "%s", on);
	x->n++;
	return ev;
}

static const struct case_field open_f[] = { { "facts", "未经批准占用集体土地" },
					    { "source", "巡查发现" } };
static const struct case_field inv_f[] = { { "record", "现场检查笔录、询问笔录" } };

/* A penalty case of 海原县自然资源局 (procedure proc), opened and
 * investigated, with the agency's settings made. */
static bool dx_open(struct dx *x, const char *proc)
{
	memset(x, 0, sizeof *x);
	x->a = arena_new();
	if (proc_set_load_builtin(&x->set, x->a, NULL))
		return false;
	const struct proc_def *def = NULL;
	for (size_t i = 0; i < x->set.ndefs; i++)
		if (strcmp(x->set.defs[i].id, proc) == 0)
			def = &x->set.defs[i];
	x->c = (struct enf_case){ .id = 7, .number = "海自然资罚立〔2026〕3号",
				  .title = "非法占用土地案", .party_kind = PARTY_ORGANISATION,
				  .party_name = "海原县某建材有限公司",
				  .party_id = "91640522MA76XXXX1K",
				  .party_address = "海原县海城镇南大街8号", .domain = "自然资源" };
	snprintf(x->c.opened_on, sizeof x->c.opened_on, "2026-01-05");
	ev_add(x, "open", "2026-01-05", open_f, 2, true);
	ev_add(x, "investigate", "2026-01-08", inv_f, 1, true);
	x->in = (struct docgen_input){
		.created = "2026-01-20T09:30:00+08:00", .c = &x->c, .agency = "海原县自然资源局",
		.reconsideration = "海原县人民政府", .court = "海原县人民法院",
		.payment_bank = "中国农业银行海原县支行", .payment_account = "29360101040001234",
		.def = def, .people = people, .npeople = 3,
		.defence = { 5, CLOCK_WORKING_DAYS }, .hearing_request = { 5, CLOCK_WORKING_DAYS },
		.payment = { 15, CLOCK_DAYS }, .surcharge_permille = 30, .surcharge_cap_percent = 100,
	};
	return def != NULL;
}

/* The text of the PDF of the document kind made by the last event: its
 * line breaks and spaces removed. NULL (after a failure) when it could
 * not be drawn or read. */
static const char *pdf_text(struct dx *x, const char *kind, const char *title,
			    const char *number)
{
	struct doc_model m;
	struct buf pdf = BUF_INIT;
	struct fz_error e = { 0 };
	int pages = 0;
	x->in.kind = kind;
	x->in.title = title;
	x->in.number = number;
	x->in.ev = &x->events[x->n - 1];
	x->in.events = x->events;
	x->in.nevents = x->n;
	if (docgen_compose(&x->in, x->a, &m, &e) || docgen_pdf(&m, &pdf, &pages, &e)) {
		t_fail(__FILE__, __LINE__, "%s: %s", kind, e.message);
		buf_release(&pdf);
		return NULL;
	}
	char *text = t_pdf_text(pdf.data, pdf.len, kind);
	buf_release(&pdf);
	const char *s = text ? arena_strdup(x->a, text) : NULL;
	free(text);
	return s;
}

static const struct case_field notice_f[] = {
	{ "facts", "当事人未经批准占用集体土地300平方米建设厂房。" },
	{ "grounds", "违反《中华人民共和国土地管理法》第四十四条。" },
	{ "basis", "《中华人民共和国土地管理法》第七十七条" },
	{ "penalty", "fine" }, { "amount", "5000" }, { "served_on", "2026-01-12" },
	{ "hearing_offered", "1" },
};

/* A decision of a 5000-yuan fine, for the documents that carry it out. */
static const struct case_field fine_decision_f[] = {
	{ "facts", "事实。" }, { "grounds", "理由。" }, { "basis", "《某法》第一条" },
	{ "penalty", "fine" }, { "amount", "5000" },
};

TEST(opening_approval_quotes_the_registration_and_dates_the_heads_approval)
{
	struct dx x;
	REQUIRE(dx_open(&x, "penalty_general"));
	x.n = 1; /* only the registration of 2026-01-05 */
	static const struct case_field remarks[] = { { "remarks", "同意立案，由执法一中队承办。" } };
	ev_add(&x, "approve_opening", "2026-01-07", remarks, 1, false);
	const char *t = pdf_text(&x, "opening_approval", "立案审批表", "");
	REQUIRE(t);
	CHECK_CONTAINS(t, "简要案情未经批准占用集体土地");
	CHECK_CONTAINS(t, "案件来源巡查发现");
	/* nothing pre-printed: the registration recorded no proposal */
	CHECK(!strstr(t, "建议立案调查"));
	CHECK_CONTAINS(t, "承办人（签名）：2026年1月5日");
	CHECK_CONTAINS(t, "同意立案，由执法一中队承办。机关负责人审批意见负责人（签名）：2026年1月7日");
	CHECK_CONTAINS(t, "立案日期2026年1月7日");
	/* The officers' proposal as they wrote it. */
	static const struct case_field with_proposal[] = {
		{ "facts", "未经批准占用集体土地" }, { "source", "巡查发现" },
		{ "proposal", "经现场核实占地属实，建议立案调查。" } };
	x.events[0].fields = with_proposal;
	x.events[0].nfields = 3;
	x.n = 1;
	ev_add(&x, "approve_opening", "2026-01-07", NULL, 0, false);
	t = pdf_text(&x, "opening_approval", "立案审批表", "");
	REQUIRE(t);
	CHECK_CONTAINS(t, "经现场核实占地属实，建议立案调查。");
	/* Without an opinion the head's box reads 同意立案. */
	x.n = 1;
	ev_add(&x, "approve_opening", "2026-01-07", NULL, 0, false);
	t = pdf_text(&x, "opening_approval", "立案审批表", "");
	REQUIRE(t);
	CHECK_CONTAINS(t, "同意立案。机关负责人审批意见负责人（签名）：2026年1月7日");
	arena_free(x.a);
}

TEST(onsite_decision_sends_the_party_to_reconsideration_first)
{
	static const struct case_field f[] = {
		{ "facts", "无证摆摊经营。" },
		{ "grounds", "当事人违反了《无证无照经营查处办法》第二条" },
		{ "basis", "《无证无照经营查处办法》第十三条" },
		{ "penalty", "fine" }, { "amount", "200" }, { "place", "海原县海城镇文化街" },
	};
	struct dx x;
	REQUIRE(dx_open(&x, "penalty_simplified"));
	x.n = 0;
	x.c.party_kind = PARTY_CITIZEN;
	x.c.party_name = "张某";
	ev_add(&x, "decide_on_spot", "2026-02-03", f, 6, true);
	const char *t = pdf_text(&x, "onsite_decision", "当场行政处罚决定书",
				 "海自然资罚当〔2026〕1号");
	REQUIRE(t);
	CHECK_CONTAINS(t, "海自然资罚当〔2026〕1号");
	CHECK_CONTAINS(t, "罚款人民币200元（大写：贰佰元整）");
	/* 行政复议法 art 23: reconsideration first, the suit only after it. */
	CHECK_CONTAINS(t, "应当先依法申请行政复议");
	CHECK_CONTAINS(t, "六十日内向海原县人民政府申请行政复议");
	CHECK_CONTAINS(t, "对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内，依法向"
			  "海原县人民法院提起行政诉讼");
	CHECK_CONTAINS(t, "《中华人民共和国行政复议法》第二十三条");
	CHECK_LACKS(t, "六个月内");
	CHECK_LACKS(t, "也可以自收到本决定书之日起");
	/* both officers with their certificates; the bank and account */
	CHECK_CONTAINS(t, "马建国（执法证号：64052200011）、李明（执法证号：64052200012）");
	CHECK_CONTAINS(t, "中国农业银行海原县支行");
	CHECK_CONTAINS(t, "29360101040001234");
	/* its own series, not the general procedure's */
	CHECK_STR(docgen_kind_find("onsite_decision")->series, "罚当");
	CHECK(strcmp(docgen_kind_find("onsite_decision")->series,
		     docgen_kind_find("penalty_decision")->series) != 0);
	arena_free(x.a);
}

TEST(onsite_warning_has_no_payment_paragraph)
{
	static const struct case_field f[] = {
		{ "facts", "未按规定公示经营信息。" }, { "grounds", "违反有关规定" },
		{ "basis", "《某条例》第十条" }, { "penalty", "warning" },
		{ "place", "海原县海城镇" },
	};
	struct dx x;
	REQUIRE(dx_open(&x, "penalty_simplified"));
	x.n = 0;
	ev_add(&x, "decide_on_spot", "2026-02-03", f, 5, true);
	const char *t = pdf_text(&x, "onsite_decision", "当场行政处罚决定书", "");
	REQUIRE(t);
	CHECK_CONTAINS(t, "警告");
	CHECK_CONTAINS(t, "应当先依法申请行政复议");
	CHECK_LACKS(t, "缴至");
	CHECK_LACKS(t, "加处罚款");
	CHECK_LACKS(t, "人民币");
	arena_free(x.a);
}

TEST(decision_names_court_bank_statements_hearing_correction_and_licence)
{
	static const struct case_field st1[] = { { "content", "厂房系临时建筑，已停止使用。" } };
	static const struct case_field rv1[] = {
		{ "adopted", "partly" },
		{ "answer", "已停止使用属实，作为从轻情节考虑；临时建筑不改变占地事实。" },
	};
	static const struct case_field st2[] = { { "content", "罚款数额过高" } };
	static const struct case_field rv2[] = { { "adopted", "no" },
						 { "answer", "罚款数额在裁量基准范围内" } };
	static const struct case_field hearing_f[] = { { "host", "13" }, { "outcome", "held" } };
	static const struct case_field decision_f[] = {
		{ "facts", "当事人未经批准占用集体土地300平方米建设厂房。" },
		{ "grounds", "违反《中华人民共和国土地管理法》第四十四条。" },
		{ "basis", "《中华人民共和国土地管理法》第七十七条" },
		{ "penalty", "fine,revoke_licence" }, { "amount", "5000" },
		{ "licence", "采矿许可证 C6405222010127130098765" },
		{ "correction_order", "于2026年3月31日前拆除在非法占用的土地上新建的建筑物，恢复土地原状" },
	};
	struct dx x;
	REQUIRE(dx_open(&x, "penalty_general"));
	ev_add(&x, "advance_notice", "2026-01-12", notice_f, 7, false);
	ev_add(&x, "statement", "2026-01-14", st1, 1, false);
	ev_add(&x, "statement_review", "2026-01-15", rv1, 2, false);
	ev_add(&x, "statement", "2026-01-15", st2, 1, false);
	ev_add(&x, "statement_review", "2026-01-16", rv2, 2, false);
	ev_add(&x, "hearing", "2026-01-30", hearing_f, 2, false);
	ev_add(&x, "decision", "2026-02-10", decision_f, 7, false);
	const char *t = pdf_text(&x, "penalty_decision", "行政处罚决定书", "海自然资罚〔2026〕3号");
	REQUIRE(t);
	CHECK_CONTAINS(t, "海自然资罚〔2026〕3号");
	/* the court in the litigation sentence, and for enforcement */
	CHECK_CONTAINS(t, "六个月内依法向海原县人民法院提起行政诉讼");
	CHECK_CONTAINS(t, "依法申请海原县人民法院强制执行");
	/* where to pay */
	CHECK_CONTAINS(t, "十五日内缴至中国农业银行海原县支行（户名：海原县自然资源局，账号："
			  "29360101040001234）");
	CHECK_CONTAINS(t, "罚款人民币5000元（大写：伍仟元整）");
	/* each statement with its review */
	CHECK_CONTAINS(t, "2026年1月14日，你单位提出陈述、申辩意见：厂房系临时建筑，已停止使用。"
			  "经复核，本机关部分采纳：已停止使用属实");
	CHECK_CONTAINS(t, "罚款数额过高。经复核，本机关不予采纳：罚款数额在裁量基准范围内。");
	/* the hearing: date, host, outcome */
	CHECK_CONTAINS(t, "陈述、申辩和听证情况");
	CHECK_CONTAINS(t, "本机关于2026年1月30日依法举行听证，听证由苏海燕主持");
	CHECK_CONTAINS(t, "根据听证笔录");
	/* 责令改正 (art 28) and the licence */
	CHECK_CONTAINS(t, "第二十八条第一款的规定，责令你单位于2026年3月31日前拆除");
	CHECK_CONTAINS(t, "吊销许可证件（采矿许可证C6405222010127130098765）");
	arena_free(x.a);
}

TEST(decision_without_fine_hearing_or_statement_says_none_of_them)
{
	static const struct case_field warn_notice[] = {
		{ "facts", "当事人未按规定公示。" }, { "grounds", "违反有关规定。" },
		{ "basis", "《某条例》第十条" }, { "penalty", "warning" },
		{ "served_on", "2026-01-12" },
	};
	static const struct case_field decision_f[] = {
		{ "facts", "当事人未按规定公示。" }, { "grounds", "违反有关规定。" },
		{ "basis", "《某条例》第十条" }, { "penalty", "warning" },
	};
	struct dx x;
	REQUIRE(dx_open(&x, "penalty_general"));
	x.in.court = "";
	ev_add(&x, "advance_notice", "2026-01-12", warn_notice, 5, false);
	ev_add(&x, "decision", "2026-02-10", decision_f, 4, false);
	const char *t = pdf_text(&x, "penalty_decision", "行政处罚决定书", "海自然资罚〔2026〕4号");
	REQUIRE(t);
	CHECK_CONTAINS(t, "你单位在规定期限内未提出陈述、申辩意见。");
	CHECK_CONTAINS(t, "本决定自送达之日起生效");
	CHECK_CONTAINS(t, "六个月内依法向人民法院提起行政诉讼"); /* no court set */
	CHECK_LACKS(t, "听证");
	CHECK_LACKS(t, "缴至");
	CHECK_LACKS(t, "加处罚款");
	CHECK_LACKS(t, "责令");
	CHECK_LACKS(t, "许可证");
	CHECK_LACKS(t, "复核");
	arena_free(x.a);
}

TEST(decision_says_the_party_waived_statement_and_hearing)
{
	static const struct case_field waive[] = { { "content", "放弃陈述申辩和听证" },
						   { "waived", "1" } };
	struct dx x;
	REQUIRE(dx_open(&x, "penalty_general"));
	ev_add(&x, "advance_notice", "2026-01-12", notice_f, 7, false);
	ev_add(&x, "statement", "2026-01-13", waive, 2, false);
	ev_add(&x, "decision", "2026-01-14", fine_decision_f, 5, false);
	const char *t = pdf_text(&x, "penalty_decision", "行政处罚决定书", "");
	REQUIRE(t);
	CHECK_CONTAINS(t, "2026年1月13日，你单位表示：放弃陈述申辩和听证。你单位明确放弃陈述、申辩"
			  "和要求听证的权利");
	CHECK_LACKS(t, "未提出陈述");
	CHECK_LACKS(t, "举行听证");
	arena_free(x.a);
}

TEST(no_penalty_decision_cites_the_grounds_article_and_the_education)
{
	static const struct {
		const char *ground, *article, *says;
		bool education;
	} cases[] = {
		{ "minor", "第三十三条第一款", "违法行为轻微并及时改正，没有造成危害后果", true },
		{ "first_offence", "第三十三条第一款", "初次违法且危害后果轻微并及时改正", true },
		{ "no_fault", "第三十三条第二款", "有证据足以证明没有主观过错", true },
		{ "not_established", "第五十七条第一款第三项", "违法事实不能成立", false },
		{ "limitation", "第三十六条第一款", "在二年内未被发现", true },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct case_field f[] = {
			{ "facts", "当事人在自有院内堆放少量建筑材料。" },
			{ "ground", cases[i].ground },
			{ "education", "向当事人宣讲了《中华人民共和国土地管理法》的有关规定" },
		};
		struct dx x;
		REQUIRE(dx_open(&x, "penalty_general"));
		ev_add(&x, "no_penalty", "2026-01-20", f, 3, false);
		const char *t = pdf_text(&x, "no_penalty_decision", "不予行政处罚决定书",
					 "海自然资不罚〔2026〕1号");
		REQUIRE(t);
		CHECK_CONTAINS(t, cases[i].article);
		CHECK_CONTAINS(t, cases[i].says);
		CHECK_CONTAINS(t, "本机关决定对你单位不");
		CHECK_CONTAINS(t, "当事人在自有院内堆放少量建筑材料");
		if (cases[i].education) {
			CHECK_CONTAINS(t, "第三十三条第三款的规定，本机关对你单位进行了教育：向当事人"
					  "宣讲了");
		} else {
			CHECK_LACKS(t, "教育");
		}
		CHECK_CONTAINS(t, "六个月内依法向海原县人民法院提起行政诉讼");
		/* nothing to pay and no penalty to carry out */
		CHECK_LACKS(t, "缴至");
		CHECK_LACKS(t, "不停止执行");
		CHECK_LACKS(t, "听证");
		arena_free(x.a);
	}
}

TEST(hearing_notice_gives_day_time_place_and_host)
{
	static const struct case_field f[] = {
		{ "hearing_on", "2026-01-30" }, { "hearing_time", "09:30" },
		{ "place", "海原县自然资源局三楼听证室" }, { "host", "13" },
		{ "served_on", "2026-01-20" },
	};
	struct dx x;
	REQUIRE(dx_open(&x, "penalty_general"));
	ev_add(&x, "hearing_notice", "2026-01-19", f, 5, false);
	const char *t = pdf_text(&x, "hearing_notice", "听证通知书", "海自然资罚听〔2026〕1号");
	REQUIRE(t);
	CHECK_CONTAINS(t, "定于2026年1月30日9时30分在海原县自然资源局三楼听证室");
	CHECK_CONTAINS(t, "本次听证由苏海燕主持");
	arena_free(x.a);
}

TEST(demand_notice_states_sum_surcharge_deadline_manner_rights_and_court)
{
	static const struct case_field service_f[] = { { "served_on", "2026-02-11" },
						       { "method", "直接送达" } };
	static const struct case_field demand_f[] = {
		{ "amount", "5000" }, { "surcharge", "1500" }, { "perform_by", "2026-03-20" },
		{ "served_on", "2026-03-10" },
	};
	struct dx x;
	REQUIRE(dx_open(&x, "penalty_general"));
	ev_add(&x, "decision", "2026-02-10", fine_decision_f, 5, false);
	ev_add(&x, "service", "2026-02-11", service_f, 2, false);
	ev_add(&x, "demand_notice", "2026-03-09", demand_f, 4, false);
	struct case_document served = { .kind = "penalty_decision", .title = "行政处罚决定书",
					.number = "海自然资罚〔2026〕3号" };
	x.in.served = &served;
	const char *t = pdf_text(&x, "demand_notice", "催告书", "海自然资罚催〔2026〕1号");
	REQUIRE(t);
	CHECK_CONTAINS(t, "催告书");
	CHECK_CONTAINS(t, "海自然资罚催〔2026〕1号");
	CHECK_CONTAINS(t, "本机关于2026年2月10日作出的行政处罚决定书（海自然资罚〔2026〕3号）");
	CHECK_CONTAINS(t, "已于2026年2月11日送达");
	CHECK_CONTAINS(t, "《中华人民共和国行政强制法》第三十五条、第四十五条、第五十四条");
	CHECK_CONTAINS(t, "罚款人民币5000元（大写：伍仟元整）");
	CHECK_CONTAINS(t, "每日按罚款数额的百分之三加处罚款，加处罚款的数额不超出罚款的数额");
	CHECK_CONTAINS(t, "截至2026年3月9日加处罚款人民币1500元（大写：壹仟伍佰元整）");
	CHECK_CONTAINS(t, "合计人民币6500元（大写：陆仟伍佰元整）");
	CHECK_CONTAINS(t, "请于2026年3月20日前履行");
	CHECK_CONTAINS(t, "缴至中国农业银行海原县支行");
	CHECK_CONTAINS(t, "有权进行陈述和申辩");
	CHECK_CONTAINS(t, "申请海原县人民法院强制执行");
	CHECK_STR(docgen_kind_find("demand_notice")->series, "罚催");
	arena_free(x.a);
}

TEST(deferment_approval_lists_each_instalment_and_the_total)
{
	static const struct case_field defer_f[] = {
		{ "mode", "instalments" },
		{ "schedule", "2026-03-01 2000\n2026-04-01 2000\n2026-05-01 1000" },
		{ "reasons", "受市场影响经营困难，无力一次缴清" },
	};
	struct dx x;
	REQUIRE(dx_open(&x, "penalty_general"));
	ev_add(&x, "decision", "2026-02-10", fine_decision_f, 5, false);
	ev_add(&x, "deferment", "2026-02-20", defer_f, 3, false);
	const char *t = pdf_text(&x, "deferment_approval", "延期（分期）缴纳罚款批准书",
				 "海自然资罚缓〔2026〕1号");
	REQUIRE(t);
	CHECK_CONTAINS(t, "第六十六条第二款");
	CHECK_CONTAINS(t, "申请分期缴纳罚款，理由是：受市场影响经营困难，无力一次缴清。");
	CHECK_CONTAINS(t, "第一期：2026年3月1日前缴纳人民币2000元（大写：贰仟元整）");
	CHECK_CONTAINS(t, "第三期：2026年5月1日前缴纳人民币1000元（大写：壹仟元整）");
	CHECK_CONTAINS(t, "共三期，合计人民币5000元（大写：伍仟元整）");
	CHECK_CONTAINS(t, "缴至中国农业银行海原县支行");
	CHECK_LACKS(t, "延期至");
	arena_free(x.a);

	static const struct case_field defer_one[] = { { "mode", "defer" },
						       { "schedule", "2026-04-30 5000" },
						       { "reasons", "住院治疗" } };
	REQUIRE(dx_open(&x, "penalty_general"));
	ev_add(&x, "decision", "2026-02-10", fine_decision_f, 5, false);
	ev_add(&x, "deferment", "2026-02-20", defer_one, 3, false);
	t = pdf_text(&x, "deferment_approval", "延期（分期）缴纳罚款批准书", "");
	REQUIRE(t);
	CHECK_CONTAINS(t, "同意你单位延期缴纳罚款");
	CHECK_CONTAINS(t, "罚款人民币5000元（大写：伍仟元整）延期至2026年4月30日前缴清");
	CHECK_LACKS(t, "第一期");
	arena_free(x.a);
}

TEST(preservation_notice_lists_items_place_and_the_seven_working_days)
{
	static const struct case_field f[] = {
		{ "items", "挖掘机 1 台（卡特 320D）\n砂石料约 50 立方米\n" },
		{ "place", "海原县自然资源局院内" },
	};
	struct dx x;
	REQUIRE(dx_open(&x, "penalty_general"));
	ev_add(&x, "preservation", "2026-01-09", f, 2, true);
	const char *t = pdf_text(&x, "preservation_notice", "先行登记保存证据通知书",
				 "海自然资罚保〔2026〕1号");
	REQUIRE(t);
	CHECK_CONTAINS(t, "第五十六条");
	CHECK_CONTAINS(t, "1.挖掘机1台（卡特320D）");
	CHECK_CONTAINS(t, "2.砂石料约50立方米");
	CHECK_LACKS(t, "3.");
	CHECK_CONTAINS(t, "保存地点：海原县自然资源局院内。");
	CHECK_CONTAINS(t, "七个工作日内");
	CHECK_CONTAINS(t, "马建国（执法证号：64052200011）");
	arena_free(x.a);
}

TEST(recusal_decision_names_the_officer_and_the_outcome)
{
	static const struct case_field withdraw[] = {
		{ "person", "12" }, { "applicant", "party" }, { "outcome", "withdraw" },
		{ "reasons", "李明系当事人法定代表人的近亲属" },
	};
	static const struct case_field reject[] = {
		{ "person", "11" }, { "applicant", "party" }, { "outcome", "reject" },
		{ "reasons", "执法态度生硬" },
	};
	struct dx x;
	REQUIRE(dx_open(&x, "penalty_general"));
	ev_add(&x, "recusal", "2026-01-10", withdraw, 4, false);
	const char *t = pdf_text(&x, "recusal_decision", "回避决定书", "海自然资罚避〔2026〕1号");
	REQUIRE(t);
	CHECK_CONTAINS(t, "你单位申请本案执法人员李明回避，理由是：李明系当事人法定代表人的近亲属。");
	CHECK_CONTAINS(t, "决定：李明回避，不再参与本案的调查处理");
	CHECK_CONTAINS(t, "第四十三条");
	CHECK_LACKS(t, "驳回");
	arena_free(x.a);

	REQUIRE(dx_open(&x, "penalty_general"));
	ev_add(&x, "recusal", "2026-01-10", reject, 4, false);
	t = pdf_text(&x, "recusal_decision", "回避决定书", "");
	REQUIRE(t);
	CHECK_CONTAINS(t, "驳回回避申请，马建国继续参与本案的调查处理");
	CHECK_LACKS(t, "不再参与");
	arena_free(x.a);
}

TEST(recusal_decision_quotes_the_request_it_answers)
{
	static const struct case_field request[] = {
		{ "applicant", "officer" }, { "person", "12" }, { "reasons", "李明与当事人系同学" },
	};
	static const struct case_field decision[] = {
		{ "person", "12" }, { "outcome", "withdraw" }, { "reasons", "经核实确有利害关系" },
	};
	struct dx x;
	REQUIRE(dx_open(&x, "penalty_general"));
	ev_add(&x, "recusal_request", "2026-01-09", request, 3, false);
	ev_add(&x, "recusal_decision", "2026-01-10", decision, 3, false);
	const char *t = pdf_text(&x, "recusal_decision", "回避决定书", "海自然资罚避〔2026〕2号");
	REQUIRE(t);
	CHECK_CONTAINS(t, "本案执法人员李明提出回避，理由是：李明与当事人系同学。");
	CHECK_LACKS(t, "申请本案执法人员李明回避");
	arena_free(x.a);
}

TEST(revocation_decision_names_the_decision_it_sets_aside_and_what_follows)
{
	static const struct case_field change[] = {
		{ "mode", "change" }, { "reasons", "罚款数额按占地面积计算有误" },
	};
	static const struct case_field revoke[] = {
		{ "mode", "revoke" }, { "reasons", "违法事实认定不清" },
	};
	struct case_document served = { .kind = "penalty_decision", .title = "行政处罚决定书",
					 .number = "海自然资罚〔2026〕5号" };
	struct dx x;
	REQUIRE(dx_open(&x, "penalty_general"));
	ev_add(&x, "decision", "2026-01-20", fine_decision_f, 5, false);
	ev_add(&x, "revoke_decision", "2026-02-02", change, 2, false);
	x.in.served = &served;
	const char *t = pdf_text(&x, "revocation_decision", "撤销（变更）行政处罚决定书",
				 "海自然资罚撤〔2026〕1号");
	REQUIRE(t);
	CHECK_CONTAINS(t, "海自然资罚撤〔2026〕1号");
	CHECK_CONTAINS(t, "本机关于2026年1月20日对你单位作出的《行政处罚决定书》（海自然资罚〔2026〕5号）");
	CHECK_CONTAINS(t, "罚款数额按占地面积计算有误");
	CHECK_CONTAINS(t, "决定：变更原行政处罚决定");
	CHECK_CONTAINS(t, "重新作出行政处罚决定");
	CHECK_CONTAINS(t, "申请行政复议");
	arena_free(x.a);

	REQUIRE(dx_open(&x, "penalty_general"));
	ev_add(&x, "decision", "2026-01-20", fine_decision_f, 5, false);
	ev_add(&x, "revoke_decision", "2026-02-02", revoke, 2, false);
	x.in.served = &served;
	t = pdf_text(&x, "revocation_decision", "撤销（变更）行政处罚决定书", "海自然资罚撤〔2026〕2号");
	REQUIRE(t);
	CHECK_CONTAINS(t, "决定：撤销原行政处罚决定");
	CHECK_LACKS(t, "重新作出行政处罚决定");
	arena_free(x.a);
}
