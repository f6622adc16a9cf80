/* compose_penalty.c - the penalty documents in the words of 行政处罚法:
 * the advance notice (arts 44, 45, 63, 64), the hearing notice (art 64),
 * the decision with the six items of art 59, the decision not to
 * penalise (art 57), and the on-the-spot decision (art 52). */
#include "docgen/compose.h"

#include <string.h>

#define LAW "《中华人民共和国行政处罚法》"

/* The remedies every decision states (art 59 item 5): reconsideration
 * within 60 days (行政复议法 art 20), suit within 6 months (行政诉讼法 art
 * 46); the penalty is not suspended meanwhile (行政处罚法 art 73). */
static void remedies(struct doc_model *m, const struct docgen_input *in, const char *what)
{
	doc_add(m, DOC_PARA,
		"%s如不服本%s，可以自收到本决定书之日起六十日内向%s申请行政复议，也可以自收到本决定书"
		"之日起六个月内依法向人民法院提起行政诉讼。申请行政复议或者提起行政诉讼期间，行政处罚"
		"不停止执行，法律另有规定的除外。",
		compose_you(in), what, in->reconsideration);
}

/* Performance (art 59 item 4): a fine within the payment period
 * (art 67), 3% a day after it, at most the fine (art 72). */
static void performance(struct doc_model *m, const struct docgen_input *in)
{
	const char *penalty = case_event_field(in->ev, "penalty");
	bool fine = penalty && strstr(penalty, "fine");
	if (fine) {
		doc_add(m, DOC_PARA,
			"罚款自收到本决定书之日起%s内缴纳至本机关指定的银行或者通过电子支付系统缴纳"
			"（" LAW "第六十七条）。到期不缴纳罚款的，本机关将每日按罚款数额的百分之三加处罚款，"
			"加处罚款的数额不超出罚款的数额，并依法申请人民法院强制执行（第七十二条）。",
			compose_period(m, in->payment));
	} else {
		doc_add(m, DOC_PARA, "本决定自送达之日起生效，%s应当自觉履行。", compose_you(in));
	}
}

void compose_advance_notice(struct doc_model *m, const struct docgen_input *in)
{
	const char *you = compose_you(in);
	compose_head(m, in);
	compose_party(m, in);
	doc_add(m, DOC_PARA, "本机关对%s%s一案进行了调查，现将拟作出的行政处罚告知如下：", you,
		in->c->title);
	doc_add(m, DOC_HEADING, "一、违法事实");
	doc_add(m, DOC_PARA, "%s", compose_field(in, "facts"));
	const char *evidence = compose_evidence(m, in);
	if (evidence)
		doc_add(m, DOC_PARA, "%s", evidence);
	doc_add(m, DOC_HEADING, "二、拟作出行政处罚的理由和依据");
	doc_add(m, DOC_PARA, "%s", compose_field(in, "grounds"));
	doc_add(m, DOC_PARA, "依据%s的规定，本机关拟对%s作出如下行政处罚：", compose_field(in, "basis"),
		you);
	doc_add(m, DOC_PARA, "%s。", compose_penalty(m, in, in->ev));
	doc_add(m, DOC_HEADING, "三、%s享有的权利", you);
	doc_add(m, DOC_PARA,
		"根据" LAW "第四十四条、第四十五条的规定，%s有权进行陈述和申辩。请于收到本告知书之日起"
		"%s内向本机关提出陈述、申辩意见；逾期未提出的，视为放弃此权利。本机关不因%s陈述、"
		"申辩而给予更重的处罚。",
		you, compose_period(m, in->defence), you);
	const char *hearing = case_event_field(in->ev, "hearing_offered");
	if (hearing && (strcmp(hearing, "1") == 0 || strcmp(hearing, "yes") == 0 ||
			strcmp(hearing, "true") == 0))
		doc_add(m, DOC_PARA,
			"根据" LAW "第六十三条、第六十四条的规定，%s有权要求举行听证。要求听证的，请于收到"
			"本告知书之日起%s内向本机关提出；逾期未提出的，视为放弃听证的权利。",
			you, compose_period(m, in->hearing_request));
	const char *officers = compose_officers(m, in, in->ev);
	if (*officers)
		doc_add(m, DOC_PARA, "承办人员：%s。", officers);
	m->signature = true;
	doc_add(m, DOC_NOTE, "本告知书一式两份，一份送达当事人，一份存档。");
}

void compose_hearing_notice(struct doc_model *m, const struct docgen_input *in)
{
	const char *you = compose_you(in);
	const char *host = compose_field(in, "host");
	int64_t host_id = 0;
	for (const char *p = host; *p >= '0' && *p <= '9'; p++)
		host_id = host_id * 10 + (*p - '0');
	compose_head(m, in);
	compose_party(m, in);
	doc_add(m, DOC_PARA, "根据%s的申请，本机关定于%s在%s就%s一案举行听证，请准时参加。", you,
		compose_date(m, compose_field(in, "hearing_on")), compose_field(in, "place"),
		in->c->title);
	doc_add(m, DOC_PARA,
		"本次听证由%s主持。%s认为主持人与本案有直接利害关系的，有权申请回避，"
		"申请应当在听证开始前提出并说明理由。",
		host_id ? compose_person(m, in, host_id) : host, you);
	doc_add(m, DOC_PARA,
		"%s可以亲自参加听证，也可以委托一至二人代理。委托代理人参加听证的，应当在听证前向本机关"
		"提交载明委托事项和权限的授权委托书。",
		you);
	doc_add(m, DOC_PARA,
		"听证公开举行，但涉及国家秘密、商业秘密或者个人隐私依法予以保密的除外。");
	doc_add(m, DOC_PARA,
		"%s无正当理由拒不出席听证或者未经许可中途退出听证的，视为放弃听证权利，本机关终止听证。",
		you);
	doc_add(m, DOC_PARA, "依据：" LAW "第六十四条。");
	m->signature = true;
	doc_add(m, DOC_NOTE, "本通知书一式两份，一份送达当事人，一份存档。");
}

/* The six items of art 59: (1) party name and address, (2) facts and
 * evidence, (3) kind and legal basis, (4) performance, (5) remedies,
 * (6) deciding agency and date (the signature), and the seal. */
void compose_penalty_decision(struct doc_model *m, const struct docgen_input *in)
{
	const char *you = compose_you(in);
	compose_head(m, in);
	compose_party(m, in);
	doc_add(m, DOC_PARA, "本机关于%s对%s%s一案立案调查（案件编号：%s），现已调查终结。",
		compose_date(m, in->c->opened_on), you, in->c->title, in->c->number);
	doc_add(m, DOC_HEADING, "一、违法事实和证据");
	doc_add(m, DOC_PARA, "%s", compose_field(in, "facts"));
	const char *evidence = compose_evidence(m, in);
	if (evidence)
		doc_add(m, DOC_PARA, "%s", evidence);
	doc_add(m, DOC_HEADING, "二、行政处罚的理由、种类和依据");
	doc_add(m, DOC_PARA, "%s", compose_field(in, "grounds"));
	doc_add(m, DOC_PARA, "依据%s的规定，本机关决定对%s作出如下行政处罚：",
		compose_field(in, "basis"), you);
	doc_add(m, DOC_PARA, "%s。", compose_penalty(m, in, in->ev));
	doc_add(m, DOC_HEADING, "三、履行方式和期限");
	performance(m, in);
	doc_add(m, DOC_HEADING, "四、救济途径和期限");
	remedies(m, in, "处罚决定");
	m->signature = true;
	doc_add(m, DOC_NOTE, "本决定书一式两份，一份送达当事人，一份存档。");
}

void compose_no_penalty_decision(struct doc_model *m, const struct docgen_input *in)
{
	const char *you = compose_you(in);
	compose_head(m, in);
	compose_party(m, in);
	doc_add(m, DOC_PARA, "本机关于%s对%s%s一案立案调查（案件编号：%s），现已调查终结。",
		compose_date(m, in->c->opened_on), you, in->c->title, in->c->number);
	doc_add(m, DOC_PARA, "%s", compose_field(in, "reasons"));
	doc_add(m, DOC_PARA, "依据" LAW "第五十七条第一款的规定，本机关决定对%s不予行政处罚。", you);
	remedies(m, in, "决定");
	m->signature = true;
	doc_add(m, DOC_NOTE, "本决定书一式两份，一份送达当事人，一份存档。");
}

/* Art 52: violation, kind and basis, amount, time, place, remedies, the
 * agency; the officer signs. */
void compose_onsite_decision(struct doc_model *m, const struct docgen_input *in)
{
	const char *you = compose_you(in);
	compose_head(m, in);
	compose_party(m, in);
	doc_add(m, DOC_PARA, "%s于%s在%s，%s", you, compose_date(m, in->ev->on),
		compose_field(in, "place"), compose_field(in, "facts"));
	doc_add(m, DOC_PARA, "%s。依据%s的规定，当场作出如下行政处罚：%s。",
		compose_field(in, "grounds"), compose_field(in, "basis"),
		compose_penalty(m, in, in->ev));
	performance(m, in);
	remedies(m, in, "处罚决定");
	doc_add(m, DOC_PARA, "执法人员（签名）：%s", compose_officers(m, in, in->ev));
	m->signature = true;
	doc_add(m, DOC_NOTE, "当场交付当事人，并报所属行政机关备案（" LAW "第五十二条）。");
}
