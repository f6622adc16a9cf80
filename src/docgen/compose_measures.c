/* compose_measures.c - documents of the investigation: the notice that
 * evidence is registered and preserved (先行登记保存, 行政处罚法 art 56)
 * with the list of items and the seven-working-day decision period, and
 * the decision on a recusal (回避, art 43). */
#include "docgen/compose.h"

#include <string.h>

#define LAW "《中华人民共和国行政处罚法》"

void compose_preservation_notice(struct doc_model *m, const struct docgen_input *in)
{
	const char *you = compose_you(in);
	const char *items = compose_field(in, "items");
	const char *place = compose_field(in, "place");
	compose_head(m, in);
	compose_party(m, in);
	doc_add(m, DOC_PARA,
		"本机关在调查%s%s中，因证据可能灭失或者以后难以取得，经本机关负责人批准，依据" LAW
		"第五十六条的规定，决定自%s起对下列物品先行登记保存：",
		you, compose_matter(m, in), compose_date(m, in->ev->on));
	/* One block for the whole list, however long: a line an item. */
	struct buf list = BUF_INIT;
	int n = 0;
	for (const char *p = items; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		while (len && (p[len - 1] == '\r' || p[len - 1] == ' '))
			len--;
		if (len) {
			buf_addf(&list, "%s%d. %.*s", n ? "\n" : "", n + 1, (int)len, p);
			n++;
		}
		p = nl ? nl + 1 : p + strlen(p);
	}
	if (buf_failed(&list))
		m->failed = true;
	else if (n)
		doc_add(m, DOC_LINE, "%s", buf_cstr(&list));
	buf_release(&list);
	if (*place)
		doc_add(m, DOC_PARA, "保存地点：%s%s", place, compose_stop(place));
	doc_add(m, DOC_PARA,
		"登记保存期间，%s及有关人员不得损毁、销毁或者转移上述物品。本机关将在七个工作日内"
		"（" LAW "第五十六条、第八十五条）对登记保存的物品作出处理决定。",
		you);
	const char *officers = compose_officers_certified(m, in, in->ev);
	if (*officers)
		doc_add(m, DOC_PARA, "执法人员：%s", officers);
	doc_add(m, DOC_PARA, "当事人签名：　　　　　　　　执法人员签名：");
	m->signature = true;
	doc_add(m, DOC_NOTE, "本通知书及物品清单一式两份，一份交当事人，一份存档。");
}

/* The request a recusal decision answers: the latest recusal_request
 * about the same officer before it, or NULL (the decision then carries
 * the applicant itself). */
static const struct case_event *recusal_request(const struct docgen_input *in)
{
	const char *who = case_event_field(in->ev, "person");
	const struct case_event *found = NULL;
	for (size_t i = 0; who && i < in->nevents && in->events[i].id != in->ev->id; i++) {
		const char *p = case_event_field(&in->events[i], "person");
		if (!strcmp(in->events[i].step, "recusal_request") && p && !strcmp(p, who))
			found = &in->events[i];
	}
	return found;
}

void compose_recusal_decision(struct doc_model *m, const struct docgen_input *in)
{
	const char *you = compose_you(in);
	const char *person = compose_person_field(m, in, in->ev, "person");
	/* The applicant and the reasons given are the request's; the
	 * decision's own reasons are the head's. */
	const struct case_event *req = recusal_request(in);
	const char *applicant = req ? case_event_field(req, "applicant") : NULL;
	const char *reasons = req ? case_event_field(req, "reasons") : NULL;
	if (!applicant)
		applicant = compose_field(in, "applicant");
	if (!reasons)
		reasons = compose_field(in, "reasons");
	bool by_party = strcmp(applicant, "officer") != 0;
	bool withdraw = strcmp(compose_field(in, "outcome"), "withdraw") == 0;
	compose_head(m, in);
	compose_party(m, in);
	if (by_party)
		doc_add(m, DOC_PARA, "在%s中，%s申请本案执法人员%s回避%s%s%s", compose_matter(m, in), you,
			person, *reasons ? "，理由是：" : "。", reasons,
			*reasons ? compose_stop(reasons) : "");
	else
		doc_add(m, DOC_PARA, "在%s中，本案执法人员%s提出回避%s%s%s", compose_matter(m, in), person,
			*reasons ? "，理由是：" : "。", reasons, *reasons ? compose_stop(reasons) : "");
	if (withdraw)
		doc_add(m, DOC_PARA,
			"经本机关负责人审查，%s与本案有直接利害关系或者有其他关系，可能影响公正执法。依据"
			LAW "第四十三条的规定，决定：%s回避，不再参与本案的调查处理。",
			person, person);
	else
		doc_add(m, DOC_PARA,
			"经本机关负责人审查，回避%s所述理由不能成立。依据" LAW "第四十三条的规定，决定："
			"驳回回避申请，%s继续参与本案的调查处理。",
			by_party ? "申请" : "请求", person);
	doc_add(m, DOC_PARA, "回避决定作出之前，本案调查未停止（" LAW "第四十三条第三款）。");
	m->signature = true;
	doc_add(m, DOC_NOTE, "本决定书一式两份，一份送达当事人，一份存档。");
}

/* 撤销（变更）行政处罚决定书: the agency sets its own decision aside
 * (it corrects what it finds wrong; the article is not in our sources,
 * so none is cited), naming the
 * decision by date and number, why, and what follows: a changed decision
 * is notified, heard and decided again (arts 44, 45, 62). */
void compose_revocation_decision(struct doc_model *m, const struct docgen_input *in)
{
	const char *you = compose_you(in);
	const struct case_event *d = compose_decision_before(in);
	const char *reasons = compose_field(in, "reasons");
	bool change = strcmp(compose_field(in, "mode"), "change") == 0;
	compose_head(m, in);
	compose_party(m, in);
	if (in->served && *in->served->number)
		doc_add(m, DOC_PARA, "本机关于%s对%s作出的《%s》（%s），", d ? compose_date(m, d->on) : "",
			you, in->served->title, in->served->number);
	else
		doc_add(m, DOC_PARA, "本机关于%s对%s作出的行政处罚决定，", d ? compose_date(m, d->on) : "",
			you);
	doc_add(m, DOC_PARA, "经本机关负责人审查，%s%s", reasons, compose_stop(reasons));
	if (change)
		doc_add(m, DOC_PARA,
			"本机关依法予以纠正，决定：变更原行政处罚决定。本机关将依照" LAW "第四十四条、第四十五条重新告知"
			"拟作出的行政处罚内容及事实、理由、依据，听取%s的陈述、申辩，依法需要法制审核的重新"
			"审核后，重新作出行政处罚决定。原决定不再执行。",
			you);
	else
		doc_add(m, DOC_PARA,
			"本机关依法予以纠正，决定：撤销原行政处罚决定。原决定自本决定送达之日起"
			"不再执行。");
	compose_remedies(m, in, "决定", 0);
	m->signature = true;
	doc_add(m, DOC_NOTE, "本决定书一式两份，一份送达当事人，一份存档。");
}
