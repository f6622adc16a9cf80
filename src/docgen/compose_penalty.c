/* compose_penalty.c - the notices of the penalty procedure in the words
 * of 行政处罚法: the advance notice (arts 44, 45, 63, 64) and the hearing
 * notice (art 64) with the day and time of the hearing. The decisions are
 * in compose_decision.c. */
#include "docgen/compose.h"

#define LAW "《中华人民共和国行政处罚法》"

void compose_advance_notice(struct doc_model *m, const struct docgen_input *in)
{
	const char *you = compose_you(in);
	compose_head(m, in);
	compose_party(m, in);
	doc_add(m, DOC_PARA, "本机关对%s%s进行了调查，现将拟作出的行政处罚告知如下：", you,
		compose_matter(m, in));
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
	if (compose_yes(in->ev, "hearing_offered"))
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
	const char *host = compose_person_field(m, in, in->ev, "host");
	compose_head(m, in);
	compose_party(m, in);
	doc_add(m, DOC_PARA, "根据%s的申请，本机关定于%s%s在%s就%s举行听证，请准时参加。", you,
		compose_date(m, compose_field(in, "hearing_on")),
		compose_time(m, compose_field(in, "hearing_time")), compose_field(in, "place"),
		compose_matter(m, in));
	doc_add(m, DOC_PARA,
		"本次听证由%s主持。%s认为主持人与本案有直接利害关系的，有权申请回避，"
		"申请应当在听证开始前提出并说明理由。",
		host, you);
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

