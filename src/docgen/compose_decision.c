/* compose_decision.c - the decisions of the penalty procedure in the
 * words of 行政处罚法: the decision with the six items of art 59 and what
 * the record adds to them (statements and their review, art 45; the
 * hearing, art 65; the order to correct, art 28), the decision not to
 * penalise with its ground (arts 33, 36, 57), and the on-the-spot
 * decision (art 52) whose remedies start with reconsideration. A sentence
 * that does not apply to the case is not written. */
#include "docgen/compose.h"

#include <string.h>

#define LAW "《中华人民共和国行政处罚法》"

/* Headings numbered as they are written: 一、二、三 … */
struct sections {
	int n;
};

static void heading(struct doc_model *m, struct sections *s, const char *title)
{
	static const char *const num[] = { "一", "二", "三", "四", "五", "六", "七", "八" };
	int i = s->n++;
	doc_add(m, DOC_HEADING, "%s、%s", num[i < 8 ? i : 7], title);
}

/* The fine's payment (art 59 item 4): within the payment period
 * (art 67) at the agency's bank, the surcharge after it (art 72), and
 * court enforcement. Without a fine: nothing to pay. */
static void performance(struct doc_model *m, const struct docgen_input *in)
{
	const char *penalty = case_event_field(in->ev, "penalty");
	if (penalty && strstr(penalty, "fine")) {
		doc_add(m, DOC_PARA,
			"罚款自收到本决定书之日起%s内%s（" LAW "第六十七条）。到期不缴纳罚款的，本机关将"
			"%s（第七十二条第一款第一项），并依法申请%s强制执行。",
			compose_period(m, in->payment), compose_payment_manner(m, in),
			compose_surcharge_rule(m, in), compose_court(in));
		return;
	}
	doc_add(m, DOC_PARA, "本决定自送达之日起生效，%s应当自觉履行。", compose_you(in));
}

/* 责令改正 (art 28 para 1): what must be corrected and by when. */
static void correction_order(struct doc_model *m, const struct docgen_input *in)
{
	const char *order = compose_field(in, "correction_order");
	if (!*order)
		return;
	bool worded = strncmp(order, "责令", strlen("责令")) == 0;
	doc_add(m, DOC_PARA, "依据" LAW "第二十八条第一款的规定，%s%s%s%s", worded ? "" : "责令",
		worded ? "" : compose_you(in), order, compose_stop(order));
}

/* The review (复核) answering the statement at index i: the first
 * statement_review after it, before the next statement and the
 * producing event. */
static const struct case_event *review_of(const struct docgen_input *in, size_t i)
{
	for (size_t k = i + 1; k < in->nevents && in->events[k].id != in->ev->id; k++) {
		if (strcmp(in->events[k].step, "statement") == 0)
			return NULL;
		if (strcmp(in->events[k].step, "statement_review") == 0)
			return &in->events[k];
	}
	return NULL;
}

/* One statement (art 45): what the party said and the review's answer;
 * a statement with waived=1 also says the party gave up the rest of its
 * rights (art 62), with what it said, if anything, in its own words. */
static void statement(struct doc_model *m, const struct docgen_input *in, size_t i)
{
	const struct case_event *st = &in->events[i];
	const char *you = compose_you(in);
	const char *content = case_event_field(st, "content");
	const struct case_event *rv = review_of(in, i);
	const char *adopted = rv ? case_event_field(rv, "adopted") : NULL;
	const char *answer = rv ? case_event_field(rv, "answer") : "";
	const char *verdict = !adopted                       ? NULL
			      : strcmp(adopted, "yes") == 0   ? "予以采纳"
			      : strcmp(adopted, "partly") == 0 ? "部分采纳"
							       : "不予采纳";
	bool waived = compose_yes(st, "waived");
	const char *waiver = "";
	if (waived) {
		const struct case_event *notice = compose_before(in, "advance_notice");
		waiver = arena_printf(m->a, "%s明确放弃陈述、申辩%s的权利（" LAW "第六十二条）。", you,
				      compose_yes(notice, "hearing_offered") ? "和要求听证" : "");
		if (!waiver) {
			m->failed = true;
			return;
		}
	}
	answer = answer && *answer ? answer : "";
	if (!content || !*content) {
		doc_add(m, DOC_PARA, "%s，%s%s", compose_date(m, st->on), waived ? waiver : you,
			waived ? "" : "提出陈述、申辩。");
		return;
	}
	doc_add(m, DOC_PARA, "%s，%s%s：%s%s%s%s%s%s%s%s", compose_date(m, st->on), you,
		waived ? "表示" : "提出陈述、申辩意见", content, compose_stop(content),
		verdict ? "经复核，本机关" : "", verdict ? verdict : "",
		verdict ? (*answer ? "：" : "。") : "", answer, *answer ? compose_stop(answer) : "",
		waiver);
}

static void hearing(struct doc_model *m, const struct docgen_input *in,
		    const struct case_event *h)
{
	const char *you = compose_you(in);
	const char *outcome = case_event_field(h, "outcome");
	const char *host = compose_person_field(m, in, h, "host");
	const char *date = compose_date(m, h->on);
	if (outcome && strcmp(outcome, "withdrawn") == 0) {
		doc_add(m, DOC_PARA, "%s申请听证后，于%s撤回了听证申请。", you, date);
	} else if (outcome && strcmp(outcome, "absent") == 0) {
		doc_add(m, DOC_PARA,
			"本机关定于%s举行听证，%s无正当理由拒不出席，视为放弃听证权利，听证终止（" LAW
			"第六十四条第八项）。",
			date, you);
	} else {
		const char *summary = case_event_field(h, "summary");
		doc_add(m, DOC_PARA, "本机关于%s依法举行听证，听证由%s主持，%s参加了听证。%s%s", date,
			*host ? host : "本机关指定的非本案调查人员", you,
			summary && *summary ? summary : "", summary && *summary ? compose_stop(summary) : "");
		doc_add(m, DOC_PARA, "本机关根据听证笔录，依照" LAW "第五十七条的规定作出本决定"
				     "（第六十五条）。");
	}
}

/* Statements, their review and the hearing, in the order of the record;
 * when there were none after the notice, that the party made none. */
static void statements_and_hearing(struct doc_model *m, const struct docgen_input *in,
				   struct sections *sec)
{
	bool any_hearing = compose_before(in, "hearing") != NULL;
	bool any_statement = compose_before(in, "statement") != NULL;
	if (!compose_before(in, "advance_notice") && !any_statement && !any_hearing)
		return;
	heading(m, sec, any_hearing ? "陈述、申辩和听证情况" : "陈述、申辩情况");
	if (!any_statement)
		doc_add(m, DOC_PARA, "%s在规定期限内未提出陈述、申辩意见。", compose_you(in));
	for (size_t i = 0; i < in->nevents && in->events[i].id != in->ev->id; i++) {
		if (strcmp(in->events[i].step, "statement") == 0)
			statement(m, in, i);
		else if (strcmp(in->events[i].step, "hearing") == 0)
			hearing(m, in, &in->events[i]);
	}
}

static void opening_sentence(struct doc_model *m, const struct docgen_input *in)
{
	doc_add(m, DOC_PARA, "本机关于%s对%s%s立案调查（案件编号：%s），现已调查终结。",
		compose_date(m, in->c->opened_on), compose_you(in), compose_matter(m, in),
		in->c->number);
}

/* The six items of art 59: (1) party name and address, (2) facts and
 * evidence, (3) kind and legal basis, (4) performance, (5) remedies,
 * (6) deciding agency and date (the signature), and the seal. */
void compose_penalty_decision(struct doc_model *m, const struct docgen_input *in)
{
	struct sections sec = { 0 };
	const char *you = compose_you(in);
	const char *licence = compose_field(in, "licence");
	compose_head(m, in);
	compose_party(m, in);
	opening_sentence(m, in);
	heading(m, &sec, "违法事实和证据");
	doc_add(m, DOC_PARA, "%s", compose_field(in, "facts"));
	const char *evidence = compose_evidence(m, in);
	if (evidence)
		doc_add(m, DOC_PARA, "%s", evidence);
	statements_and_hearing(m, in, &sec);
	heading(m, &sec, "行政处罚的理由、种类和依据");
	doc_add(m, DOC_PARA, "%s", compose_field(in, "grounds"));
	doc_add(m, DOC_PARA, "依据%s的规定，本机关决定对%s作出如下行政处罚：",
		compose_field(in, "basis"), you);
	doc_add(m, DOC_PARA, "%s。", compose_penalty(m, in, in->ev));
	if (*licence && !strstr(compose_penalty(m, in, in->ev), licence))
		doc_add(m, DOC_PARA, "本案涉及的许可证件：%s%s", licence, compose_stop(licence));
	correction_order(m, in);
	heading(m, &sec, "履行方式和期限");
	performance(m, in);
	heading(m, &sec, "救济途径和期限");
	compose_remedies(m, in, "处罚决定", REMEDY_PENALTY);
	m->signature = true;
	doc_add(m, DOC_NOTE, "本决定书一式两份，一份送达当事人，一份存档。");
}

/* The grounds for not penalising (event field `ground`), each with its
 * article; education (art 33 para 3) follows every ground but "the
 * facts are not established", where there is no violation to teach. */
static const struct {
	const char *ground;
	const char *why;      /* after "你（单位）" */
	const char *article;  /* of 行政处罚法 */
	bool education;
} no_penalty_grounds[] = {
	{ "minor", "的违法行为轻微并及时改正，没有造成危害后果", "第三十三条第一款", true },
	{ "first_offence", "初次违法且危害后果轻微并及时改正", "第三十三条第一款", true },
	{ "no_fault", "有证据足以证明没有主观过错", "第三十三条第二款", true },
	{ "not_established", NULL, "第五十七条第一款第三项", false },
	{ "limitation", NULL, "第三十六条第一款", true },
};

static void no_penalty_ground(struct doc_model *m, const struct docgen_input *in,
			      bool *education)
{
	const char *you = compose_you(in);
	const char *ground = compose_field(in, "ground");
	const char *reasons = compose_field(in, "reasons");
	if (*reasons)
		doc_add(m, DOC_PARA, "%s%s", reasons, compose_stop(reasons));
	for (size_t i = 0; i < sizeof no_penalty_grounds / sizeof no_penalty_grounds[0]; i++) {
		if (strcmp(ground, no_penalty_grounds[i].ground) != 0)
			continue;
		*education = no_penalty_grounds[i].education;
		if (strcmp(ground, "not_established") == 0) {
			doc_add(m, DOC_PARA,
				"经调查，%s的违法事实不能成立。依据" LAW "%s的规定，本机关决定对%s"
				"不予行政处罚。",
				you, no_penalty_grounds[i].article, you);
		} else if (strcmp(ground, "limitation") == 0) {
			/* art 36: 2 years, 5 where life, health or
			 * financial security was harmed (serious_harm). */
			bool serious = false;
			for (size_t k = 0; k < in->nevents; k++)
				serious = compose_yes(&in->events[k], "serious_harm") || serious;
			doc_add(m, DOC_PARA,
				"%s的违法行为在%s内未被发现。依据" LAW "%s的规定，本机关决定对%s不再给予"
				"行政处罚。",
				you, serious ? "五年" : "二年", no_penalty_grounds[i].article, you);
		} else {
			doc_add(m, DOC_PARA, "%s%s。依据" LAW "%s的规定，本机关决定对%s不予行政处罚。",
				you, no_penalty_grounds[i].why, no_penalty_grounds[i].article, you);
		}
		return;
	}
	/* A record from before grounds were data: its reasons say why. */
	*education = false;
	doc_add(m, DOC_PARA, "依据" LAW "第五十七条第一款的规定，本机关决定对%s不予行政处罚。", you);
}

void compose_no_penalty_decision(struct doc_model *m, const struct docgen_input *in)
{
	struct sections sec = { 0 };
	const char *facts = compose_field(in, "facts");
	bool not_established = strcmp(compose_field(in, "ground"), "not_established") == 0;
	bool education = false;
	compose_head(m, in);
	compose_party(m, in);
	opening_sentence(m, in);
	if (*facts) {
		heading(m, &sec, not_established ? "调查认定的事实" : "违法事实和证据");
		doc_add(m, DOC_PARA, "%s%s", facts, compose_stop(facts));
		const char *evidence = compose_evidence(m, in);
		if (evidence)
			doc_add(m, DOC_PARA, "%s", evidence);
	}
	heading(m, &sec, "不予行政处罚的理由和依据");
	no_penalty_ground(m, in, &education);
	const char *taught = compose_field(in, "education");
	if (education && *taught) {
		heading(m, &sec, "教育情况");
		doc_add(m, DOC_PARA, "依据" LAW "第三十三条第三款的规定，本机关对%s进行了教育：%s%s",
			compose_you(in), taught, compose_stop(taught));
	}
	correction_order(m, in);
	heading(m, &sec, "救济途径和期限");
	compose_remedies(m, in, "决定", 0);
	m->signature = true;
	doc_add(m, DOC_NOTE, "本决定书一式两份，一份送达当事人，一份存档。");
}

/* Art 52: violation, kind and basis, amount, time, place, remedies
 * (reconsideration first: 行政复议法 art 23), the agency; the officers
 * sign, with their certificates (art 42: at least two, art 55). */
void compose_onsite_decision(struct doc_model *m, const struct docgen_input *in)
{
	const char *you = compose_you(in);
	const char *grounds = compose_field(in, "grounds");
	compose_head(m, in);
	compose_party(m, in);
	doc_add(m, DOC_PARA, "%s于%s在%s，%s", you, compose_date(m, in->ev->on),
		compose_field(in, "place"), compose_field(in, "facts"));
	doc_add(m, DOC_PARA, "%s%s依据%s的规定，依照" LAW "第五十一条、第五十二条，当场作出如下"
			     "行政处罚：%s。",
		grounds, *grounds ? compose_stop(grounds) : "", compose_field(in, "basis"),
		compose_penalty(m, in, in->ev));
	correction_order(m, in);
	performance(m, in);
	compose_remedies(m, in, "处罚决定", REMEDY_RECONSIDERATION_FIRST | REMEDY_PENALTY);
	doc_add(m, DOC_PARA, "执法人员：%s", compose_officers_certified(m, in, in->ev));
	doc_add(m, DOC_PARA, "执法人员签名：　　　　　　　　当事人签名：");
	m->signature = true;
	doc_add(m, DOC_NOTE, "本决定书当场交付当事人，当事人拒绝签收的，由执法人员在本决定书上注明；"
			     "并报所属行政机关备案（" LAW "第五十二条）。");
}
