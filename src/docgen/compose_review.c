/* compose_review.c - the documents of rule-making drawn from the record
 * (docs/RULEMAKING.md, docs/DECISIONS.md): the legality review opinion
 * (合法性审核意见书; a major decision's 合法性审查意见书), the
 * fair-competition review form (公平竞争审查表), the filing report
 * (备案报告), the account of how public comments were adopted
 * (征求意见采纳情况说明) and a major decision's account of public and
 * expert opinions (art 32), and the yearly decision catalogue (决策事项
 * 目录). Every value comes from the events, the comment records or the
 * catalogue's entries; nothing is typed again. */
#include "docgen/compose.h"

#include <string.h>

#include "domain/case_events.h"

/* The latest event of step, or NULL. */
static const struct case_event *last_of(const struct docgen_input *in, const char *step)
{
	const struct case_event *ev = case_events_last(in->events, in->nevents, step);
	if (in->ev && strcmp(in->ev->step, step) == 0)
		ev = in->ev;
	return ev;
}

/* The value of key of the latest event of step, as corrections set it
 * ("" when none). */
static const char *latest_field(const struct docgen_input *in, const char *step, const char *key)
{
	const struct case_event *ev = last_of(in, step);
	const char *v = ev ? case_events_field(in->events, in->nevents, ev, key) : NULL;
	return v ? v : "";
}

/* The producing event's own field as corrections set it. */
static const char *own(const struct docgen_input *in, const char *key)
{
	const char *v = case_events_field(in->events, in->nevents, in->ev, key);
	return v ? v : "";
}

static const char *or_dash(const char *s)
{
	return s && *s ? s : "——";
}

static bool is_decision(const struct docgen_input *in)
{
	return in->def && in->def->id && strcmp(in->def->id, "major_decision") == 0;
}

static const struct docgen_clock *clock_of(const struct docgen_input *in, const char *id)
{
	for (size_t i = 0; i < in->nclocks; i++)
		if (strcmp(in->clocks[i].id, id) == 0)
			return &in->clocks[i];
	return NULL;
}

/* The number of the latest generated document of kind ("" when none). */
static const char *doc_number(const struct docgen_input *in, const char *kind)
{
	const char *num = "";
	for (size_t i = 0; i < in->ndocs; i++)
		if (strcmp(in->docs[i].kind, kind) == 0 && in->docs[i].number)
			num = in->docs[i].number;
	return num;
}

static const char *yes_no(const char *v)
{
	if (!v || !*v)
		return "未填写";
	return strcmp(v, "yes") == 0 || strcmp(v, "1") == 0 || strcmp(v, "true") == 0 ? "是"
												 : "否";
}

/* The addressee line: the case's agency when another unit issues. */
static void addressee(struct doc_model *m, const struct docgen_input *in)
{
	const char *to = in->addressee && *in->addressee ? in->addressee : in->c->agency_name;
	if (to && *to && (!in->agency || strcmp(to, in->agency) != 0))
		doc_add(m, DOC_LINE, "%s：", to);
}

void compose_legality_opinion(struct doc_model *m, const struct docgen_input *in)
{
	bool dec = is_decision(in);
	const char *word = dec ? "审查" : "审核";
	const struct case_event *sub = compose_before(in, "submit_review");
	const char *opinion = compose_field(in, "opinion");
	bool pass = strcmp(opinion, "pass") == 0;
	const char *reasons = own(in, "reasons");
	compose_head(m, in);
	addressee(m, in);
	doc_add(m, DOC_PARA, "%s于%s送请%s的《%s》%s，本机关已于%s完成合法性%s。现将%s意见告知如下。",
		in->c->agency_name, sub ? compose_date(m, sub->on) : "", word, in->c->title,
		dec ? "决策草案" : "（草案）", compose_date(m, in->ev->on), word, word);
	doc_row(m, dec ? "决策事项" : "文件名称", false, "%s", in->c->title);
	doc_row(m, "事项编号", false, "%s", in->c->number);
	doc_row(m, dec ? "决策承办单位" : "起草单位", false, "%s", in->c->agency_name);
	doc_row(m, dec ? "审查机构" : "审核机构", false, "%s",
		or_dash(*in->actor_unit ? in->actor_unit : in->agency));
	doc_row(m, "送审日期", false, "%s", sub ? compose_date(m, sub->on) : "——");
	if (dec && sub) {
		const char *mat = case_events_field(in->events, in->nevents, sub, "materials_note");
		doc_row(m, "送审材料", false, "%s", or_dash(mat));
	}
	const struct docgen_clock *ck = clock_of(in, "legality_review");
	if (ck && *ck->due)
		doc_row(m, dec ? "审查期限" : "审核期限", false, "%s%s（%s）",
			compose_date(m, ck->due), ck->provisional ? "（暂定）" : "",
			ck->overdue ? "已超过期限" : "在期限内完成");
	doc_row(m, dec ? "审查意见" : "审核意见", true, "%s",
		pass ? (dec ? "合法。" : "通过：未发现违反法律、法规、规章和上级文件规定的问题。")
		     : (dec ? "存在问题，退回修改。" : "发现问题，退回起草单位修改。"));
	if (!pass || *reasons)
		doc_row(m, pass ? "说明" : "问题和理由", true, "%s", or_dash(reasons));
	if (pass)
		doc_add(m, DOC_PARA, "%s", dec ? "经审查，本决策事项可以提交集体讨论。"
					     : "经审核，本文件草案可以提请集体审议。");
	else
		doc_add(m, DOC_PARA, "请按上述意见修改后重新送%s；未经%s或者%s不合法的，不得提交%s。",
			word, word, word, dec ? "集体讨论" : "集体审议");
	m->signature = true;
	doc_add(m, DOC_NOTE, "%s",
		dec ? "依据：《重大行政决策程序暂行条例》第二十五条至第二十八条。"
		    : "依据：《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》"
		      "（国办发〔2018〕115号）。");
}

void compose_fair_competition_form(struct doc_model *m, const struct docgen_input *in)
{
	const char *opinion = compose_field(in, "opinion");
	bool pass = strcmp(opinion, "pass") == 0;
	const char *reasons = own(in, "reasons");
	const char *actors = latest_field(in, "draft", "market_actors");
	if (!*actors)
		actors = latest_field(in, "propose", "market_actors");
	compose_head(m, in);
	doc_row(m, "政策措施名称", false, "%s", in->c->title);
	doc_row(m, "事项编号", false, "%s", in->c->number);
	doc_row(m, "起草单位", false, "%s", in->c->agency_name);
	doc_row(m, "涉及经营者经济活动", false, "%s", yes_no(actors));
	doc_row(m, "审查单位", false, "%s",
		or_dash(*in->actor_unit ? in->actor_unit : in->agency));
	doc_row(m, "审查日期", false, "%s", compose_date(m, in->ev->on));
	doc_row(m, "审查结论", true, "%s",
		pass ? "经审查，未发现违反公平竞争审查标准的内容，可以出台。"
		     : "经审查，发现含有排除、限制竞争的内容，退回修改；未经修改的不得出台。");
	doc_row(m, pass ? "说明" : "问题和理由", true, "%s", or_dash(reasons));
	doc_row(m, "审查人员（签名）", true, "%s\n%s",
		*in->actor_name ? in->actor_name : in->ev->actor ? in->ev->actor : "",
		compose_date(m, in->ev->on));
	doc_add(m, DOC_NOTE,
		"依据：《公平竞争审查条例》第二条、第十八条：起草涉及经营者经济活动的政策措施，"
		"应当进行公平竞争审查；未经审查的，不得出台。");
}

void compose_filing_report(struct doc_model *m, const struct docgen_input *in)
{
	const struct case_event *sign = last_of(in, "sign");
	const struct case_event *pub = last_of(in, "publish");
	const char *number = doc_number(in, "normative_text");
	const char *effective = latest_field(in, "number", "effective_on");
	const char *with = compose_field(in, "filed_with");
	const struct docgen_clock *ck = clock_of(in, "filing");
	compose_head(m, in);
	if (*with)
		doc_add(m, DOC_LINE, "%s：", with);
	doc_add(m, DOC_PARA, "根据行政规范性文件备案审查的规定，现将《%s》（%s）报送备案，请予审查。",
		in->c->title, or_dash(number));
	doc_row(m, "文件名称", false, "%s", in->c->title);
	doc_row(m, "文号", false, "%s", or_dash(number));
	doc_row(m, "制定机关", false, "%s", in->c->agency_name);
	doc_row(m, "签发日期", false, "%s", sign ? compose_date(m, sign->on) : "——");
	doc_row(m, "公布日期", false, "%s", pub ? compose_date(m, pub->on) : "——");
	doc_row(m, "施行日期", false, "%s", *effective ? compose_date(m, effective) : "——");
	doc_row(m, "备案机关", false, "%s", or_dash(with));
	doc_row(m, "报送日期", false, "%s", compose_date(m, in->ev->on));
	if (ck && *ck->due) {
		doc_row(m, "报送期限届满日", false, "%s%s", compose_date(m, ck->due),
			ck->provisional ? "（暂定）" : "");
		doc_row(m, "是否按期报送", false, "%s",
			ck->overdue ? "逾期报送" : "在期限内报送");
	}
	doc_row(m, "附件", true, "1. 文件正式文本\n2. 起草说明\n3. 合法性审核意见书%s%s",
		last_of(in, "fair_competition_review") ? "\n4. 公平竞争审查表" : "",
		last_of(in, "comment_close") ? (last_of(in, "fair_competition_review")
							? "\n5. 征求意见采纳情况说明"
							: "\n4. 征求意见采纳情况说明")
					     : "");
	m->signature = true;
	doc_add(m, DOC_NOTE, "依据：《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》"
			     "（国办发〔2018〕37号）：有件必备、有备必审、有错必纠。");
}

/* The comments: the counts, then each not adopted with its reason. */
static void comment_account(struct doc_model *m, const struct docgen_input *in)
{
	const struct docgen_comments *cm = in->comments;
	if (!cm) {
		doc_row(m, "公开征求意见", false, "未公开征求意见");
		return;
	}
	doc_row(m, "征求意见期间", false, "%s至%s", compose_date(m, cm->opened_on),
		*cm->closed_on ? compose_date(m, cm->closed_on) : "（尚未结束）");
	doc_row(m, "征求意见的途径", false, "%s", or_dash(cm->channel));
	const struct comment_counts *k = &cm->counts;
	doc_row(m, "收到意见", false, "%lld条（其中未在网站显示%lld条）", (long long)k->received,
		(long long)k->hidden);
	doc_row(m, "采纳", false, "%lld条", (long long)k->adopted);
	doc_row(m, "部分采纳", false, "%lld条", (long long)k->partly);
	doc_row(m, "未采纳", false, "%lld条", (long long)k->not_adopted);
	if (k->undecided)
		doc_row(m, "尚未作出采纳决定", false, "%lld条", (long long)k->undecided);
	size_t listed = 0, left = 0;
	for (size_t i = 0; i < cm->n; i++) {
		const struct public_comment *pc = &cm->items[i];
		if (pc->adoption != COMMENT_NOT_ADOPT && pc->adoption != COMMENT_PARTLY)
			continue;
		if (listed == 0)
			doc_add(m, DOC_HEADING, "未采纳和部分采纳的意见及理由");
		if (m->nblocks + 6 >= DOC_BLOCKS_MAX) {
			left++;
			continue;
		}
		doc_row(m, pc->receipt, true, "%s：%.300s%s\n理由：%s",
			comment_action_label((enum comment_action)pc->adoption), pc->body,
			strlen(pc->body) > 300 ? "……" : "", or_dash(pc->adoption_note));
		listed++;
	}
	if (left)
		doc_add(m, DOC_LINE, "另有%zu条未采纳或部分采纳的意见及理由见意见处理记录。", left);
}

void compose_comment_adoption(struct doc_model *m, const struct docgen_input *in)
{
	compose_head(m, in);
	doc_add(m, DOC_PARA, "《%s》于%s至%s公开征求意见。现将意见收集和采纳情况说明如下。",
		in->c->title, in->comments ? compose_date(m, in->comments->opened_on) : "",
		compose_date(m, in->ev->on));
	doc_row(m, "文件名称", false, "%s", in->c->title);
	doc_row(m, "起草单位", false, "%s", in->c->agency_name);
	comment_account(m, in);
	doc_row(m, "采纳情况说明", true, "%s", or_dash(own(in, "comment_summary")));
	m->signature = true;
	doc_add(m, DOC_NOTE, "意见的收到、显示和采纳决定均记入账本；未在网站显示的意见保留在记录中，"
			     "不予删除。");
}

void compose_opinion_adoption(struct doc_model *m, const struct docgen_input *in)
{
	const struct case_event *exp = last_of(in, "expert_consultation");
	const struct case_event *hear = last_of(in, "hearing");
	compose_head(m, in);
	const struct case_event *dec = last_of(in, "decide");
	doc_add(m, DOC_PARA, "重大行政决策《%s》%s%s经集体讨论决定。依照《重大行政决策程序暂行条例》"
			     "第三十二条，现将公众意见和专家论证意见的采纳情况说明如下。",
		in->c->title, dec ? "已于" : "已", dec ? compose_date(m, dec->on) : "");
	doc_add(m, DOC_HEADING, "一、公众意见");
	comment_account(m, in);
	if (hear)
		doc_row(m, "听证情况", true, "%s",
			or_dash(case_events_field(in->events, in->nevents, hear, "summary")));
	doc_row(m, "公众意见采纳情况", true, "%s", or_dash(own(in, "public_adoption")));
	doc_add(m, DOC_HEADING, "二、专家论证意见");
	if (exp) {
		doc_row(m, "论证日期", false, "%s", compose_date(m, exp->on));
		doc_row(m, "论证专家", true, "%s",
			or_dash(case_events_field(in->events, in->nevents, exp, "experts")));
		doc_row(m, "专家论证意见", true, "%s",
			or_dash(case_events_field(in->events, in->nevents, exp, "expert_opinion")));
	} else {
		doc_row(m, "专家论证", false, "未组织专家论证");
	}
	doc_row(m, "专家意见采纳情况", true, "%s", or_dash(own(in, "expert_adoption")));
	doc_row(m, "公布途径", false, "%s", or_dash(own(in, "channel")));
	m->signature = true;
}

enum fz_err docgen_compose_dcat(const struct docgen_dcat *in, struct arena *a,
				struct doc_model *m, struct fz_error *e)
{
	doc_model_init(m, a);
	/* each item and each adjustment is one block */
	if (in->nitems + in->nchanges > DCAT_DOC_ITEMS_MAX)
		return fz_fail(e, FZ_INVALID, "items",
			       "目录的事项和调整共%zu项，超过一份文书可载的%d项，请导出 XLSX",
			       in->nitems + in->nchanges, DCAT_DOC_ITEMS_MAX);
	m->issuer = in->agency;
	m->title = in->title && *in->title ? in->title : "决策事项目录";
	m->number = "";
	m->created = in->created ? in->created : "";
	m->sign_date = compose_date(m, in->approved_on);
	doc_add(m, DOC_PARA, "本目录经%s于%s批准，依照《重大行政决策程序暂行条例》第三条第三款向社会公布。"
			     "目录中的事项须履行公众参与、专家论证、风险评估、合法性审查和集体讨论决定程序。",
		in->approved_by && *in->approved_by ? in->approved_by : "决策机关",
		compose_date(m, in->approved_on));
	if (in->note && *in->note)
		doc_add(m, DOC_PARA, "%s", in->note);
	doc_add(m, DOC_HEADING, "一、决策事项");
	size_t listed = 0;
	for (size_t i = 0; i < in->nitems; i++) {
		const struct docgen_dcat_item *it = &in->items[i];
		if (*it->removed_on)
			continue;
		doc_row(m, arena_printf(a, "%zu", ++listed), true, "%s\n类别：%s；承办单位：%s%s",
			it->title, it->category, it->unit,
			it->adjustment ? arena_printf(a, "；%s调整列入", compose_date(m, it->added_on))
				       : "");
	}
	if (!listed)
		doc_add(m, DOC_LINE, "（目录中现无事项）");
	if (in->nchanges)
		doc_add(m, DOC_HEADING, "二、目录调整及理由");
	for (size_t i = 0; i < in->nchanges; i++) {
		const struct docgen_dcat_change *c = &in->changes[i];
		doc_row(m, compose_date(m, c->on), true, "%s：%s\n理由：%s",
			c->removal ? "调出" : "调整列入", c->title, or_dash(c->reason));
	}
	if (!in->nchanges)
		doc_add(m, DOC_LINE, "二、目录批准后未作调整。");
	m->signature = true;
	return doc_model_status(m, e);
}
