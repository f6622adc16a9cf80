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

void compose_recusal_decision(struct doc_model *m, const struct docgen_input *in)
{
	const char *you = compose_you(in);
	const char *person = compose_person_field(m, in, in->ev, "person");
	const char *reasons = compose_field(in, "reasons");
	bool by_party = strcmp(compose_field(in, "applicant"), "officer") != 0;
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
