/* review_docs_test.c - the rule-making documents (compose_review.c) over
 * synthetic records, for what the HTTP tests cannot reach cheaply: a
 * filing sent after its period says so, a fair-competition review that
 * finds problems says the measure may not be issued, and the decision
 * catalogue says when it was not adjusted and refuses more items than one
 * document can hold. Read back from the PDF with pdftotext. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docgen/docgen.h"
#include "domain/procedure_builtin.h"
#include "t.h"

struct rx {
	struct arena *a;
	struct proc_set set;
	struct enf_case c;
	struct case_event events[8];
	size_t n;
	struct docgen_input in;
};

static const struct case_field sign_f[] = { { "x", "" } };
static const struct case_field number_f[] = { { "effective_on", "2026-03-01" } };
static const struct case_field file_f[] = { { "filed_with", "海原县人民政府" } };
static const struct case_field fc_f[] = { { "opinion", "problems" },
					  { "reasons", "第五条限定只能购买本地企业的产品" } };
static const struct case_field propose_f[] = { { "market_actors", "yes" } };

static void ev_add(struct rx *x, const char *step, const char *on, const struct case_field *f,
		   size_t nf)
{
	struct case_event *ev = &x->events[x->n];
	*ev = (struct case_event){ .id = (int64_t)x->n + 1, .step = step, .fields = f,
				   .nfields = nf, .reason = "", .actor = "officer2" };
	snprintf(ev->on, sizeof ev->on, "%s", on);
	x->n++;
}

static bool rx_open(struct rx *x)
{
	memset(x, 0, sizeof *x);
	x->a = arena_new();
	if (proc_set_load_builtin(&x->set, x->a, NULL))
		return false;
	const struct proc_def *def = NULL;
	for (size_t i = 0; i < x->set.ndefs; i++)
		if (strcmp(x->set.defs[i].id, "normative_document") == 0)
			def = &x->set.defs[i];
	x->c = (struct enf_case){ .id = 9, .number = "海自然资规草〔2026〕2号",
				  .title = "关于规范砂石资源开采的通知", .party_kind = PARTY_NONE,
				  .agency_name = "海原县自然资源局", .party_name = "", .party_id = "",
				  .party_address = "", .domain = "" };
	ev_add(x, "propose", "2026-01-05", propose_f, 1);
	x->in = (struct docgen_input){ .created = "2026-03-20T09:30:00+08:00", .c = &x->c,
				       .agency = "海原县自然资源局", .def = def,
				       .actor_unit = "海原县自然资源局", .actor_name = "李明" };
	return def != NULL;
}

static char *text_of(struct rx *x, const char *kind, const char *title)
{
	struct doc_model m;
	struct buf pdf = BUF_INIT;
	struct fz_error e = { 0 };
	int pages = 0;
	x->in.kind = kind;
	x->in.title = title;
	x->in.number = "";
	x->in.ev = &x->events[x->n - 1];
	x->in.events = x->events;
	x->in.nevents = x->n;
	if (docgen_compose(&x->in, x->a, &m, &e) || docgen_pdf(&m, &pdf, &pages, &e)) {
		t_fail(__FILE__, __LINE__, "%s: %s", kind, e.message);
		buf_release(&pdf);
		return NULL;
	}
	char *t = t_pdf_text(pdf.data, pdf.len, kind);
	buf_release(&pdf);
	return t;
}

TEST(filing_report_sent_after_its_period_says_it_was_late)
{
	struct rx x;
	REQUIRE(rx_open(&x));
	ev_add(&x, "sign", "2026-01-20", sign_f, 0);
	ev_add(&x, "number", "2026-01-20", number_f, 1);
	ev_add(&x, "publish", "2026-01-22", NULL, 0);
	ev_add(&x, "file", "2026-03-10", file_f, 1);
	const struct case_document docs[] = {
		{ .id = 1, .event_id = 3, .kind = "normative_text", .number = "海自然资规〔2026〕4号" },
	};
	const struct docgen_clock clocks[] = {
		{ .id = "filing", .label = "备案期限", .started_on = "2026-01-22", .due = "2026-02-21",
		  .stopped_on = "2026-03-10", .overdue = true },
	};
	x.in.docs = docs;
	x.in.ndocs = 1;
	x.in.clocks = clocks;
	x.in.nclocks = 1;
	char *t = text_of(&x, "filing_report", "备案报告");
	REQUIRE(t);
	CHECK_CONTAINS(t, "海原县人民政府：");
	CHECK_CONTAINS(t, "（海自然资规〔2026〕4号）报送备案");
	CHECK_CONTAINS(t, "签发日期2026年1月20日");
	CHECK_CONTAINS(t, "公布日期2026年1月22日");
	CHECK_CONTAINS(t, "施行日期2026年3月1日");
	CHECK_CONTAINS(t, "报送期限届满日2026年2月21日");
	CHECK_CONTAINS(t, "逾期报送");
	CHECK_LACKS(t, "在期限内报送");
	/* no comment period, no fair-competition review in the record: not
	 * listed as attachments */
	CHECK_LACKS(t, "征求意见采纳情况说明");
	CHECK_LACKS(t, "公平竞争审查表");
	free(t);
	arena_free(x.a);
}

TEST(fair_competition_form_that_finds_problems_says_the_measure_may_not_be_issued)
{
	struct rx x;
	REQUIRE(rx_open(&x));
	ev_add(&x, "fair_competition_review", "2026-01-12", fc_f, 2);
	char *t = text_of(&x, "fair_competition_form", "公平竞争审查表");
	REQUIRE(t);
	CHECK_CONTAINS(t, "涉及经营者经济活动是");
	/* (a tall cell's label sits between the lines of its value) */
	CHECK_CONTAINS(t, "发现含有排除、限制竞争的内容");
	CHECK_CONTAINS(t, "修改的不得出台");
	CHECK_CONTAINS(t, "问题和理由");
	CHECK_CONTAINS(t, "第五条限定只能购买本地企业的产品");
	CHECK_CONTAINS(t, "李明");
	CHECK_LACKS(t, "可以出台");
	free(t);
	arena_free(x.a);
}

TEST(decision_catalogue_document_says_it_was_not_adjusted_and_refuses_too_many_items)
{
	struct arena *a = arena_new();
	struct docgen_dcat_item items[DCAT_DOC_ITEMS_MAX + 1];
	for (size_t i = 0; i <= DCAT_DOC_ITEMS_MAX; i++)
		items[i] = (struct docgen_dcat_item){ .number = (int64_t)i + 1,
						      .title = "县城集中供热规划",
						      .category = "重大规划", .unit = "县住房和城乡建设局",
						      .added_on = "2026-01-05", .reason = "",
						      .removed_on = "", .removed_reason = "" };
	struct docgen_dcat in = { .agency = "海原县人民政府", .title = "海原县2026年度重大行政决策事项目录",
				  .year = 2026, .approved_by = "县委常委会会议",
				  .approved_on = "2026-01-10", .note = "", .created = "2026-01-10T00:00:00+08:00",
				  .items = items, .nitems = 1 };
	struct doc_model m;
	struct fz_error e = { 0 };
	struct buf pdf = BUF_INIT;
	int pages = 0;
	REQUIRE(docgen_compose_dcat(&in, a, &m, &e) == FZ_OK);
	REQUIRE(docgen_pdf(&m, &pdf, &pages, &e) == FZ_OK);
	char *t = t_pdf_text(pdf.data, pdf.len, "dcat");
	REQUIRE(t);
	CHECK_CONTAINS(t, "本目录经县委常委会会议于2026年1月10日批准");
	CHECK_CONTAINS(t, "县城集中供热规划");
	CHECK_CONTAINS(t, "目录批准后未作调整");
	free(t);
	buf_release(&pdf);
	in.nitems = DCAT_DOC_ITEMS_MAX + 1;
	CHECK_INT(docgen_compose_dcat(&in, a, &m, &e), FZ_INVALID);
	CHECK_CONTAINS(e.message, "请导出 XLSX");
	arena_free(a);
}
