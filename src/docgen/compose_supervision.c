/* compose_supervision.c - the justice bureau's documents to an agency it
 * supervises (执法监督, issue 12 §3): the 督办通知书 and the 执法监督决定书
 * (纠错通知). Issued by the bureau, sent to the agency that handled the
 * case, with the matters found and the date by which the agency reports.
 * The 行政执法监督条例's articles on them are not in our sources (U), so
 * no article is cited. */
#include "docgen/compose.h"

#define REG "《行政执法监督条例》"

/* The agency addressed and the case concerned, then the matters. */
static void to_agency(struct doc_model *m, const struct docgen_input *in, const char *act)
{
	const char *to = in->addressee && *in->addressee ? in->addressee : "";
	const char *matters = compose_field(in, "matters");
	doc_add(m, DOC_LINE, "%s：", to);
	doc_add(m, DOC_PARA, "本机关在行政执法监督中发现，你单位办理的%s（案号：%s）存在以下问题：",
		in->c->title, in->c->number);
	doc_add(m, DOC_PARA, "%s%s", matters, compose_stop(matters));
	doc_add(m, DOC_PARA, "根据" REG "，%s", act);
}

void compose_supervision_urge(struct doc_model *m, const struct docgen_input *in)
{
	compose_head(m, in);
	to_agency(m, in, "现予督办。");
	doc_add(m, DOC_PARA,
		"请你单位于%s前依法办理，并将办理情况书面报告本机关；逾期未报告的，本机关将依法"
		"进一步处理。",
		compose_date(m, compose_field(in, "reply_by")));
	m->signature = true;
	doc_add(m, DOC_NOTE, "本通知书一式两份，一份送被监督机关，一份存档。");
}

void compose_supervision_decision(struct doc_model *m, const struct docgen_input *in)
{
	const char *basis = compose_field(in, "basis");
	compose_head(m, in);
	to_agency(m, in, "决定如下：");
	doc_add(m, DOC_PARA, "请你单位对上述问题予以纠正%s%s%s。", *basis ? "（依据：" : "", basis,
		*basis ? "）" : "");
	doc_add(m, DOC_PARA, "请于%s前将纠正情况书面报告本机关。",
		compose_date(m, compose_field(in, "reply_by")));
	m->signature = true;
	doc_add(m, DOC_NOTE, "本决定书一式两份，一份送被监督机关，一份存档。");
}
