/* docgen_test.c - documents composed from case data say what the law
 * requires (the six items of a decision, art 59; the rights in a notice),
 * and come out as A4 PDF with the CJK font embedded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docgen/docgen.h"
#include "domain/procedure_builtin.h"
#include "t.h"

struct dx {
	struct arena *a;
	struct proc_set set;
	const struct proc_def *def;
	struct enf_case c;
	struct case_event events[4];
	struct docgen_input in;
};

static const struct case_field notice_fields[] = {
	{ "facts", "当事人于2025年10月销售超过保质期的食品。" },
	{ "grounds", "当事人的行为违反了《中华人民共和国食品安全法》第三十四条第十项。" },
	{ "basis", "《中华人民共和国食品安全法》第一百二十四条第一款" },
	{ "penalty", "fine,confiscate_gains" }, { "amount", "50000" }, { "confiscation", "1200.5" },
	{ "served_on", "2026-01-12" }, { "hearing_offered", "1" },
};
static const struct case_field record_fields[] = { { "record", "现场检查笔录、询问笔录" } };
static const int64_t officers[] = { 11, 12 };
static const struct docgen_person people[] = { { 11, "马建国" }, { 12, "李明" } };

static bool dx_open(struct dx *x, const char *kind, const char *step)
{
	memset(x, 0, sizeof *x);
	x->a = arena_new();
	if (proc_set_load_builtin(&x->set, x->a, NULL))
		return false;
	for (size_t i = 0; i < x->set.ndefs; i++)
		if (strcmp(x->set.defs[i].id, "penalty_general") == 0)
			x->def = &x->set.defs[i];
	x->c = (struct enf_case){ .id = 7, .number = "海原县市场监督管理罚立〔2026〕3号",
				  .title = "销售过期食品案", .party_kind = PARTY_ORGANISATION,
				  .party_name = "海原县惠民超市有限公司",
				  .party_id = "91640522MA76XXXX1K",
				  .party_address = "海原县海城镇南大街8号", .domain = "市场监管" };
	snprintf(x->c.opened_on, sizeof x->c.opened_on, "2026-01-05");
	snprintf(x->c.act_date, sizeof x->c.act_date, "2025-10-20");
	x->events[0] = (struct case_event){ .id = 1, .step = "open", .officers = officers,
					    .nofficers = 2 };
	snprintf(x->events[0].on, 11, "2026-01-05");
	x->events[1] = (struct case_event){ .id = 2, .step = "investigate", .fields = record_fields,
					    .nfields = 1, .officers = officers, .nofficers = 2 };
	snprintf(x->events[1].on, 11, "2026-01-08");
	x->events[2] = (struct case_event){ .id = 3, .step = step, .fields = notice_fields,
					    .nfields = 8, .reason = "" };
	snprintf(x->events[2].on, 11, "2026-01-12");
	x->in = (struct docgen_input){
		.kind = kind, .title = proc_doc_find(x->def, kind)->label,
		.number = "海原县市场监督管理罚〔2026〕12号", .created = "2026-01-12T09:30:00+08:00",
		.c = &x->c, .agency = "海原县市场监督管理局", .reconsideration = "海原县人民政府",
		.def = x->def, .ev = &x->events[2], .events = x->events, .nevents = 3,
		.people = people, .npeople = 2,
		.defence = { 5, CLOCK_WORKING_DAYS }, .hearing_request = { 5, CLOCK_WORKING_DAYS },
		.payment = { 15, CLOCK_DAYS },
	};
	return x->def != NULL;
}

/* The text of the whole model, one block a line. */
static const char *model_text(struct doc_model *m)
{
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s\n%s\n%s\n", m->issuer, m->title, m->number);
	for (size_t i = 0; i < m->nblocks; i++)
		buf_addf(&b, "%s%s%s\n", m->blocks[i].label ? m->blocks[i].label : "",
			 m->blocks[i].label ? "｜" : "", m->blocks[i].text);
	buf_addf(&b, "%s\n", m->sign_date);
	const char *s = arena_strdup(m->a, buf_cstr(&b));
	buf_release(&b);
	return s;
}

TEST(decision_states_the_six_items_of_article_59)
{
	struct dx x;
	struct doc_model m;
	REQUIRE(dx_open(&x, "penalty_decision", "decision"));
	REQUIRE(docgen_compose(&x.in, x.a, &m, NULL) == FZ_OK);
	const char *t = model_text(&m);
	CHECK_STR(m.issuer, "海原县市场监督管理局");
	CHECK_STR(m.title, "行政处罚决定书");
	CHECK_STR(m.number, "海原县市场监督管理罚〔2026〕12号");
	/* (1) party and address */
	CHECK_CONTAINS(t, "当事人：海原县惠民超市有限公司");
	CHECK_CONTAINS(t, "住所：海原县海城镇南大街8号");
	/* (2) facts and evidence */
	CHECK_CONTAINS(t, "销售超过保质期的食品");
	CHECK_CONTAINS(t, "2026年1月8日调查取证所得的现场检查笔录、询问笔录等证据证实");
	/* (3) kind and basis */
	CHECK_CONTAINS(t, "依据《中华人民共和国食品安全法》第一百二十四条第一款的规定");
	CHECK_CONTAINS(t, "罚款人民币50000元（大写：伍万元整）");
	CHECK_CONTAINS(t, "没收违法所得人民币1200.50元（大写：壹仟贰佰元伍角整）");
	/* (4) manner and time limit */
	CHECK_CONTAINS(t, "自收到本决定书之日起十五日内缴至本机关指定的银行");
	CHECK_CONTAINS(t, "每日按罚款数额的百分之三加处罚款");
	/* (5) remedies with their time limits */
	CHECK_CONTAINS(t, "六十日内向海原县人民政府申请行政复议");
	CHECK_CONTAINS(t, "六个月内依法向人民法院提起行政诉讼");
	/* (6) the deciding agency and the date, with the seal */
	CHECK(m.signature);
	CHECK_STR(m.sign_date, "2026年1月12日");
	arena_free(x.a);
}

TEST(advance_notice_states_the_rights_and_their_periods)
{
	struct dx x;
	struct doc_model m;
	REQUIRE(dx_open(&x, "advance_notice", "advance_notice"));
	x.in.number = "海原县市场监督管理罚告〔2026〕1号";
	REQUIRE(docgen_compose(&x.in, x.a, &m, NULL) == FZ_OK);
	const char *t = model_text(&m);
	CHECK_CONTAINS(t, "拟对你单位作出如下行政处罚");
	CHECK_CONTAINS(t, "请于收到本告知书之日起五个工作日内向本机关提出陈述、申辩意见");
	CHECK_CONTAINS(t, "有权要求举行听证");
	CHECK_CONTAINS(t, "不因你单位陈述、申辩而给予更重的处罚");
	arena_free(x.a);
}

TEST(only_the_rendered_kinds_are_composed_and_numbered_by_series)
{
	struct dx x;
	struct doc_model m;
	REQUIRE(dx_open(&x, "statement_record", "statement"));
	x.in.title = "陈述申辩笔录";
	struct fz_error e = { 0 };
	CHECK_INT(docgen_compose(&x.in, x.a, &m, &e), FZ_INVALID);
	CHECK(docgen_kind_find("statement_record") == NULL);
	CHECK_STR(docgen_kind_find("penalty_decision")->series, "罚");
	CHECK_STR(docgen_kind_find("advance_notice")->series, "罚告");
	CHECK(docgen_kind_find("opening_approval")->case_number);
	CHECK(docgen_kind_find("service_receipt")->series == NULL);
	arena_free(x.a);
}

/* Whether needle occurs in the n bytes at hay. */
static bool has_bytes(const char *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	for (size_t i = 0; i + k <= n; i++)
		if (memcmp(hay + i, needle, k) == 0)
			return true;
	return false;
}

TEST(decision_pdf_is_a4_with_the_cjk_font_embedded)
{
	struct dx x;
	struct doc_model m;
	struct buf pdf = BUF_INIT;
	int pages = 0;
	REQUIRE(dx_open(&x, "penalty_decision", "decision"));
	REQUIRE(docgen_compose(&x.in, x.a, &m, NULL) == FZ_OK);
	struct fz_error e = { 0 };
	REQUIRE(docgen_pdf(&m, &pdf, &pages, &e) == FZ_OK);
	REQUIRE(pdf.len > 1000);
	CHECK(memcmp(pdf.data, "%PDF-", 5) == 0);
	CHECK(pages >= 1);
	CHECK(has_bytes(pdf.data, pdf.len, "/FontFile"));
	CHECK(has_bytes(pdf.data, pdf.len, "NotoSerifCJK"));
	CHECK(has_bytes(pdf.data, pdf.len, "/MediaBox [ 0 0 595.27"));
	/* the text, as poppler extracts it */
	char *text = t_pdf_text(pdf.data, pdf.len, "decision");
	CHECK_CONTAINS(text, "海原县市场监督管理罚〔2026〕12号");
	CHECK_CONTAINS(text, "行政处罚决定书");
	free(text);
	buf_release(&pdf);
	arena_free(x.a);
}

TEST(supervision_documents_are_the_bureaus_to_the_agency_with_matters_and_date)
{
	static const struct case_field urge_fields[] = {
		{ "matters", "未在法定期限内公示行政处罚决定" }, { "reply_by", "2026-02-06" },
		{ "basis", "《中华人民共和国行政处罚法》第四十八条" },
	};
	struct dx x;
	struct doc_model m;
	REQUIRE(dx_open(&x, "supervision_urge_notice", "supervision_urge"));
	x.events[2].fields = urge_fields;
	x.events[2].nfields = 2;
	x.in.agency = "海原县司法局";
	x.in.addressee = "海原县市场监督管理局";
	x.in.number = "海司督〔2026〕1号";
	REQUIRE(docgen_compose(&x.in, x.a, &m, NULL) == FZ_OK);
	const char *t = model_text(&m);
	CHECK_STR(m.issuer, "海原县司法局");
	CHECK_STR(m.title, "督办通知书");
	CHECK_CONTAINS(t, "海原县市场监督管理局：");
	CHECK_CONTAINS(t, "你单位办理的销售过期食品案（案号：海原县市场监督管理罚立〔2026〕3号）");
	CHECK_CONTAINS(t, "未在法定期限内公示行政处罚决定。");
	CHECK_CONTAINS(t, "请你单位于2026年2月6日前依法办理");
	CHECK(m.signature);
	arena_free(x.a);

	REQUIRE(dx_open(&x, "supervision_decision", "supervision_correction"));
	x.events[2].fields = urge_fields;
	x.events[2].nfields = 3;
	x.in.agency = "海原县司法局";
	x.in.addressee = "海原县市场监督管理局";
	REQUIRE(docgen_compose(&x.in, x.a, &m, NULL) == FZ_OK);
	t = model_text(&m);
	CHECK_STR(m.title, "执法监督决定书");
	CHECK_CONTAINS(t, "决定如下：");
	CHECK_CONTAINS(t, "予以纠正（依据：《中华人民共和国行政处罚法》第四十八条）。");
	CHECK_CONTAINS(t, "请于2026年2月6日前将纠正情况书面报告本机关。");
	arena_free(x.a);
}
