/* compose_forms.c - the documents that are forms (表 and 回证): the case
 * opening approval (立案审批表) and the service receipt (送达回证), ruled
 * rows with room for signatures. */
#include "docgen/compose.h"

#include <string.h>

/* The latest event of step in the record up to the producing event. */
static const struct case_event *last_of(const struct docgen_input *in, const char *step)
{
	const struct case_event *found = NULL;
	for (size_t i = 0; i < in->nevents; i++)
		if (strcmp(in->events[i].step, step) == 0)
			found = &in->events[i];
	return found;
}

void compose_opening_approval(struct doc_model *m, const struct docgen_input *in)
{
	/* Produced by the head's 立案审批: the clue and the officers are the
	 * registration's (the latest 立案登记), the opinion and the day of
	 * opening the head's. */
	const struct enf_case *c = in->c;
	bool citizen = c->party_kind == PARTY_CITIZEN;
	const struct case_event *reg = last_of(in, "open");
	if (!reg)
		reg = in->ev;
	const char *facts = case_event_field(reg, "facts");
	const char *source = case_event_field(reg, "source");
	const char *remarks = compose_field(in, "remarks");
	const char *registered = compose_date(m, reg->on);
	const char *date = compose_date(m, in->ev->on);
	compose_head(m, in);
	doc_row(m, "案由", false, "%s", c->title);
	doc_row(m, "案件来源", false, "%s", source ? source : "");
	doc_row(m, "执法领域", false, "%s", c->domain);
	doc_row(m, "当事人", false, "%s", c->party_name);
	doc_row(m, citizen ? "公民身份号码" : "统一社会信用代码", false, "%s",
		*c->party_id ? c->party_id : "——");
	doc_row(m, citizen ? "住址" : "住所", false, "%s",
		*c->party_address ? c->party_address : "——");
	doc_row(m, "违法行为发生日期", false, "%s", compose_date(m, c->act_date));
	doc_row(m, "简要案情", false, "%s", facts ? facts : "");
	doc_row(m, "承办人员", false, "%s", compose_officers(m, in, reg));
	/* what the officers recorded, nothing pre-printed: without it the box
	 * is left for their handwriting */
	const char *proposal = case_event_field(reg, "proposal");
	doc_row(m, "承办人意见", true, "%s\n承办人（签名）：\n%s",
		proposal && *proposal ? proposal : " ", registered);
	doc_row(m, "机关负责人审批意见", true, "%s\n负责人（签名）：\n%s",
		*remarks ? remarks : "同意立案。", date);
	doc_row(m, "立案日期", false, "%s", date);
	doc_add(m, DOC_NOTE, "依据：《中华人民共和国行政处罚法》第五十四条、第六十条（办案期限自立案之日起算）。");
}

void compose_service_receipt(struct doc_model *m, const struct docgen_input *in)
{
	const struct enf_case *c = in->c;
	const char *served = compose_date(m, compose_field(in, "served_on"));
	compose_head(m, in);
	doc_row(m, "案件编号", false, "%s", c->number);
	if (in->served && *in->served->number)
		doc_row(m, "送达文书名称及文号", false, "%s（%s）", in->served->title,
			in->served->number);
	else if (in->served)
		doc_row(m, "送达文书名称及文号", false, "%s", in->served->title);
	else
		doc_row(m, "送达文书名称及文号", false, "——");
	doc_row(m, "受送达人", false, "%s", c->party_name);
	doc_row(m, "送达地点", false, "%s",
		*compose_field(in, "place")     ? compose_field(in, "place")
		: *c->party_address ? c->party_address
				    : "——");
	doc_row(m, "送达方式", false, "%s", compose_field(in, "method"));
	doc_row(m, "送达日期", false, "%s", *served ? served : "——");
	const struct case_event *by = in->ev->nofficers ? in->ev : last_of(in, "open");
	doc_row(m, "送达人", false, "%s", compose_officers(m, in, by));
	doc_row(m, "受送达人签名或盖章", true, "\n年　　月　　日");
	doc_row(m, "见证人", true, " ");
	doc_row(m, "备注", false, "%s", *in->ev->reason ? in->ev->reason : " ");
	doc_add(m, DOC_NOTE,
		"受送达人拒绝签收的，送达人应当在备注栏注明情况，由见证人签名，或者以拍照、录像等"
		"方式记录送达过程（《中华人民共和国民事诉讼法》第八十九条）。");
}
