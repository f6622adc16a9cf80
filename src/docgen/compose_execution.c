/* compose_execution.c - documents of carrying out a fine: the demand to
 * pay (催告书, 行政强制法 arts 35, 45, 54) with the surcharge accrued, and
 * the approval to pay later or in instalments (行政处罚法 art 66) with
 * its schedule. */
#include "docgen/compose.h"

#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "domain/arrears.h"
#include "domain/money.h"

#define LAW "《中华人民共和国行政处罚法》"
#define COERCION_LAW "《中华人民共和国行政强制法》"

/* A money field of ev in fen; false when absent or malformed. */
static bool money_field(const struct case_event *ev, const char *key, int64_t *fen)
{
	const char *v = ev ? case_event_field(ev, key) : NULL;
	return v && money_parse_yuan(v, fen);
}

/* "本机关于2026年1月12日作出的行政处罚决定书（海自然资罚〔2026〕3号）":
 * the decision a later document carries out. */
static const char *decision_named(struct doc_model *m, const struct docgen_input *in)
{
	const struct case_event *dec = compose_decision_before(in);
	const char *title = in->served ? in->served->title : "行政处罚决定书";
	const char *number = in->served && *in->served->number ? in->served->number : NULL;
	const char *s = arena_printf(m->a, "本机关%s%s作出的%s%s%s%s", dec ? "于" : "",
				     dec ? compose_date(m, dec->on) : "", title, number ? "（" : "",
				     number ? number : "", number ? "）" : "");
	if (!s)
		m->failed = true;
	return s ? s : "";
}

void compose_demand_notice(struct doc_model *m, const struct docgen_input *in)
{
	const char *you = compose_you(in);
	const struct case_event *dec = compose_decision_before(in);
	const struct case_event *service = compose_before(in, "service");
	int64_t fine = 0, surcharge = 0;
	if (!money_field(in->ev, "amount", &fine))
		(void)money_field(dec, "amount", &fine);
	(void)money_field(in->ev, "surcharge", &surcharge);
	compose_head(m, in);
	compose_party(m, in);
	doc_add(m, DOC_PARA, "%s，对%s%s决定给予%s。", decision_named(m, in), you,
		compose_matter(m, in), dec ? compose_penalty(m, in, dec) : "罚款");
	const char *served = service ? compose_date(m, case_event_field(service, "served_on")) : "";
	doc_add(m, DOC_PARA, "该决定书%s%s送达%s，%s至今未依法履行缴纳罚款的义务。",
		*served ? "已于" : "已经", served, you, you);
	doc_add(m, DOC_PARA,
		"依据" COERCION_LAW "第三十五条、第四十五条、第五十四条和" LAW "第七十二条的规定，"
		"现催告%s履行下列义务：",
		you);
	doc_add(m, DOC_HEADING, "一、履行的义务和金额");
	const char *as_of = compose_date(m, in->ev->on);
	if (surcharge > 0)
		doc_add(m, DOC_PARA,
			"缴纳尚未缴纳的罚款%s；罚款缴纳期限届满后，本机关依法%s，截至%s加处罚款%s；"
			"合计%s。加处罚款计算至缴清之日，总额不超出罚款的数额。",
			compose_money(m, fine), compose_surcharge_rule(m, in), as_of,
			compose_money(m, surcharge), compose_money(m, fine + surcharge));
	else
		doc_add(m, DOC_PARA,
			"缴纳尚未缴纳的罚款%s。逾期缴纳的，本机关依法%s，计算至缴清之日。",
			compose_money(m, fine), compose_surcharge_rule(m, in));
	doc_add(m, DOC_HEADING, "二、履行期限");
	doc_add(m, DOC_PARA, "请于%s前履行上述义务。", compose_date(m, compose_field(in, "perform_by")));
	doc_add(m, DOC_HEADING, "三、履行方式");
	doc_add(m, DOC_PARA, "%s。", compose_payment_manner(m, in));
	doc_add(m, DOC_HEADING, "四、陈述和申辩的权利");
	doc_add(m, DOC_PARA,
		"%s收到本催告书后有权进行陈述和申辩，可以在履行期限届满前向本机关提出。本机关将充分听取"
		"%s的意见，对提出的事实、理由和证据进行记录、复核；事实、理由或者证据成立的，本机关"
		"将予以采纳（" COERCION_LAW "第三十六条）。",
		you, you);
	doc_add(m, DOC_HEADING, "五、逾期不履行的后果");
	doc_add(m, DOC_PARA,
		"%s逾期仍不履行的，本机关将在本催告书送达十日后，依照" COERCION_LAW "第五十三条、"
		"第五十四条的规定，申请%s强制执行。",
		you, compose_court(in));
	m->signature = true;
	doc_add(m, DOC_NOTE, "本催告书一式两份，一份送达当事人，一份存档。");
}

void compose_deferment_approval(struct doc_model *m, const struct docgen_input *in)
{
	const char *you = compose_you(in);
	bool instalments = strcmp(compose_field(in, "mode"), "instalments") == 0;
	const char *reasons = compose_field(in, "reasons");
	const char *schedule = compose_field(in, "schedule");
	const struct case_event *dec = compose_decision_before(in);
	int64_t fine = 0, total = 0;
	const char *amount = dec ? case_event_field(dec, "amount") : NULL;
	compose_head(m, in);
	compose_party(m, in);
	if (amount && money_parse_yuan(amount, &fine))
		doc_add(m, DOC_PARA, "%s，对%s处以罚款%s。", decision_named(m, in), you,
			compose_money(m, fine));
	else
		doc_add(m, DOC_PARA, "%s，对%s处以罚款。", decision_named(m, in), you);
	if (*reasons)
		doc_add(m, DOC_PARA, "%s申请%s缴纳罚款，理由是：%s%s", you,
			instalments ? "分期" : "延期", reasons, compose_stop(reasons));
	else
		doc_add(m, DOC_PARA, "%s申请%s缴纳罚款。", you, instalments ? "分期" : "延期");
	doc_add(m, DOC_PARA, "经审查，%s确有经济困难，依据" LAW "第六十六条第二款的规定，本机关决定"
			     "同意%s%s缴纳罚款：",
		you, you, instalments ? "分期" : "延期");
	/* The schedule as one block, a line an instalment, however many. */
	struct buf lines = BUF_INIT;
	int n = 0;
	for (const char *p = schedule; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char date[FZ_DATE_LEN];
		int64_t fen;
		const char *sep = lines.len ? "\n" : "";
		if (len && arrears_schedule_line(p, len, date, &fen)) {
			n++;
			total += fen;
			if (instalments)
				buf_addf(&lines, "%s第%s期：%s前缴纳%s；", sep, compose_number(m, n),
					 compose_date(m, date), compose_money(m, fen));
			else
				buf_addf(&lines, "%s罚款%s延期至%s前缴清。", sep, compose_money(m, fen),
					 compose_date(m, date));
		} else if (len) {
			buf_addf(&lines, "%s%.*s", sep, (int)len, p);
		}
		p = nl ? nl + 1 : p + len;
	}
	if (instalments && n)
		buf_addf(&lines, "\n共%s期，合计%s。", compose_number(m, n), compose_money(m, total));
	if (buf_failed(&lines))
		m->failed = true;
	else if (lines.len)
		doc_add(m, instalments ? DOC_LINE : DOC_PARA, "%s", buf_cstr(&lines));
	buf_release(&lines);
	doc_add(m, DOC_PARA, "罚款%s。", compose_payment_manner(m, in));
	doc_add(m, DOC_PARA,
		"%s未按上述期限缴纳的，本机关将自该期限届满之次日起%s（" LAW "第七十二条），并可以"
		"依法申请%s强制执行；申请人民法院强制执行的期限自暂缓或者分期缴纳罚款期限结束之日起"
		"计算。",
		you, compose_surcharge_rule(m, in), compose_court(in));
	m->signature = true;
	doc_add(m, DOC_NOTE, "本批准书一式两份，一份送达当事人，一份存档。");
}
