/* page_case_fields.c - the event fields of the shipped definitions as
 * people see them: a Chinese label and an input per field id, the
 * fields a step's form offers beyond its required ones, and how a stored
 * value reads on the case page. A field no row knows still works: it
 * gets a one-line input labelled with its id. */
#include <stdlib.h>
#include <string.h>

#include "domain/money.h"
#include "domain/penalty.h"
#include "http/html.h"
#include "http/page_case_kit.h"

#define N(a) (sizeof a / sizeof a[0])

static const struct kit_option hearing_outcomes[] = {
	{ "held", "已举行听证" },
	{ "absent", "当事人无正当理由缺席" },
	{ "withdrawn", "当事人撤回听证申请" },
};
static const struct kit_option resolution_outcomes[] = {
	{ "adopt_review", "采纳法制审核意见" },
	{ "adopt_unit", "采纳承办机构意见" },
};
static const struct kit_option permit_outcomes[] = {
	{ "granted", "准予许可" },
	{ "refused", "不予许可" },
};
static const struct kit_option opinions[] = {
	{ "approve", "同意" },
	{ "approve_with_changes", "同意，但须修改" },
	{ "reject", "不同意" },
};
static const struct kit_option no_penalty_grounds[] = {
	{ "minor", "违法行为轻微并及时改正，没有造成危害后果（第三十三条第一款，不予处罚）" },
	{ "first_offence", "初次违法且危害后果轻微并及时改正（第三十三条第一款，可以不予处罚）" },
	{ "no_fault", "有证据足以证明没有主观过错（第三十三条第二款）" },
	{ "not_established", "违法事实不能成立（第五十七条第一款第三项）" },
	{ "limitation", "超过追责时效（第三十六条）" },
};
static const struct kit_option recusal_applicants[] = {
	{ "party", "当事人申请" }, { "officer", "执法人员自行申请" },
};
static const struct kit_option recusal_outcomes[] = {
	{ "withdraw", "决定回避" }, { "reject", "驳回申请" },
};
static const struct kit_option adoptions[] = {
	{ "yes", "采纳" }, { "partly", "部分采纳" }, { "no", "不采纳" },
};
static const struct kit_option remedy_kinds[] = {
	{ "reconsideration", "行政复议" }, { "litigation", "行政诉讼" },
};
static const struct kit_option remedy_upheld[] = {
	{ "upheld", "维持原决定" }, { "rejected", "驳回请求" },
};
static const struct kit_option remedy_set_aside[] = {
	{ "revoked", "撤销原决定" }, { "changed", "变更原决定" },
	{ "confirmed_unlawful", "确认原决定违法" },
};
static const struct kit_option revocation_modes[] = {
	{ "revoke", "撤销原决定" }, { "change", "变更原决定（重新告知、审核、决定）" },
};
static const struct kit_option service_methods[] = {
	{ "直接送达", "直接送达" }, { "留置送达", "留置送达" }, { "邮寄送达", "邮寄送达" },
	{ "电子送达", "电子送达（当事人同意）" }, { "公告送达", "公告送达" },
};

#define CHOICES(a) a, N(a)
#define PENALTY_STEPS "@notifies @decides"
#define OPENING "penalty_general.open"

static const struct case_field_spec specs[] = {
	/* What happened and why. */
	{ "facts", "违法事实", CIN_TEXTAREA, NULL, 0, NULL, NULL, NULL },
	{ "source", "案件来源", CIN_TEXT, NULL, 0, NULL, NULL, "如：投诉举报、监督检查、上级交办、部门移送" },
	{ "discovered_on", "发现违法行为的日期", CIN_DATE, NULL, 0, NULL, OPENING,
	  "追责时效按发现之日计算；不填为立案日期" },
	{ "serious_harm", "涉及公民生命健康安全、金融安全且有危害后果", CIN_YESNO, NULL, 0, NULL,
	  OPENING, "是：追责时效为五年" },
	{ "complex", "案情疑难复杂", CIN_YESNO, NULL, 0, NULL, OPENING,
	  "是：作出决定前须法制审核并集体讨论" },
	{ "major_violation", "重大违法行为", CIN_YESNO, NULL, 0, NULL, OPENING, "是：须集体讨论" },
	{ "major_public_interest", "涉及重大公共利益", CIN_YESNO, NULL, 0, NULL, OPENING,
	  "是：须法制审核" },
	{ "record", "调查取证记录", CIN_TEXTAREA, NULL, 0, NULL, NULL, "询问笔录、现场检查笔录、证据清单" },
	{ "grounds", "采取强制措施的理由", CIN_TEXTAREA, NULL, 0, "coercion.open", NULL, NULL },
	{ "grounds", "处罚理由（证据）", CIN_TEXTAREA, NULL, 0, NULL, NULL, NULL },
	{ "basis", "检查依据", CIN_TEXT, NULL, 0, "inspection.open", NULL, NULL },
	{ "basis", "法律依据", CIN_TEXTAREA, NULL, 0, NULL, NULL, "法律、法规、规章的名称和条款" },
	/* The penalty. */
	{ "penalty", "处罚种类", CIN_PENALTY, NULL, 0, NULL, NULL, NULL },
	{ "amount", "缴纳金额（元）", CIN_MONEY, NULL, 0, "payment", NULL, NULL },
	{ "amount", "罚款金额（元）", CIN_MONEY, NULL, 0, NULL, PENALTY_STEPS, "处罚种类含罚款时必填" },
	{ "confiscation", "没收金额（元）", CIN_MONEY, NULL, 0, NULL, "penalty_general.advance_notice "
	  "penalty_general.decision", "没收违法所得或非法财物的价值" },
	{ "surcharge", "加处罚款（元）", CIN_MONEY, NULL, 0, NULL, "payment",
	  "逾期缴纳的，每日按罚款数额的 3% 加处，以罚款数额为限" },
	{ "hearing_offered", "已告知当事人要求听证的权利", CIN_YESNO, NULL, 0, NULL,
	  "penalty_general.advance_notice", "拟处罚达到听证标准的必须告知" },
	{ "benchmark_outside", "超出裁量基准", CIN_YESNO, NULL, 0, NULL, PENALTY_STEPS, NULL },
	{ "benchmark_reason", "超出裁量基准的理由", CIN_TEXTAREA, NULL, 0, NULL, PENALTY_STEPS, NULL },
	{ "served_on", "送达日期", CIN_DATE, NULL, 0, NULL, NULL, "当事人收到文书之日，期限由此起算" },
	{ "method", "送达方式", CIN_CHOICE, CHOICES(service_methods), NULL, NULL, NULL },
	/* Statement, hearing. */
	{ "content", "陈述、申辩内容", CIN_TEXTAREA, NULL, 0, NULL, NULL, NULL },
	{ "waived", "当事人明确放弃陈述、申辩和听证", CIN_YESNO, NULL, 0, NULL, "statement", NULL },
	{ "hearing_on", "听证日期", CIN_DATE, NULL, 0, NULL, NULL, "须在通知送达七个工作日之后" },
	{ "place", "地点", CIN_TEXT, NULL, 0, NULL, NULL, NULL },
	{ "host", "听证主持人", CIN_PERSON, NULL, 0, NULL, NULL, "不得是本案调查人员" },
	{ "outcome", "听证情况", CIN_CHOICE, CHOICES(hearing_outcomes), "hearing", NULL, NULL },
	{ "outcome", "负责人决定", CIN_CHOICE, CHOICES(resolution_outcomes), "head_resolution", NULL,
	  NULL },
	{ "outcome", "许可决定", CIN_CHOICE, CHOICES(permit_outcomes), "permit.decide", NULL, NULL },
	{ "outcome", "回避决定", CIN_CHOICE, CHOICES(recusal_outcomes), "recusal_decision", NULL,
	  NULL },
	{ "outcome", "复议、诉讼结果", CIN_CHOICE, CHOICES(remedy_upheld), "remedy_upheld", NULL,
	  NULL },
	{ "outcome", "复议、诉讼结果", CIN_CHOICE, CHOICES(remedy_set_aside), "remedy_set_aside",
	  NULL, NULL },
	{ "outcome", "处理决定", CIN_TEXTAREA, NULL, 0, NULL, NULL, NULL },
	/* Paths beside the main line (issue 8 §2). */
	{ "ground", "不予处罚的理由", CIN_CHOICE, CHOICES(no_penalty_grounds), NULL, NULL, NULL },
	{ "education", "对当事人的教育", CIN_TEXTAREA, NULL, 0, NULL, "no_penalty",
	  "依第三十三条不予处罚的，应当对当事人进行教育：写明教育的内容和方式" },
	{ "applicant", "申请人", CIN_CHOICE, CHOICES(recusal_applicants), "recusal_request", NULL,
	  NULL },
	{ "person", "应回避的执法人员", CIN_PERSON, NULL, 0, NULL, NULL, NULL },
	{ "adopted", "是否采纳", CIN_CHOICE, CHOICES(adoptions), NULL, NULL, NULL },
	{ "answer", "复核意见及理由", CIN_TEXTAREA, NULL, 0, NULL, NULL,
	  "逐项写明当事人提出的事实、理由和证据是否成立，采纳或不采纳的理由" },
	{ "kind", "类别", CIN_CHOICE, CHOICES(remedy_kinds), "remedy_filed", NULL, NULL },
	{ "body", "复议机关或人民法院", CIN_TEXT, NULL, 0, NULL, NULL, NULL },
	{ "filed_on", "申请或起诉日期", CIN_DATE, NULL, 0, NULL, NULL, NULL },
	{ "decided_on", "复议决定或判决日期", CIN_DATE, NULL, 0, NULL, NULL, NULL },
	{ "mode", "撤销或变更", CIN_CHOICE, CHOICES(revocation_modes), "revoke_decision", NULL, NULL },
	{ "urgency", "情况紧急、需当场实施的理由", CIN_TEXTAREA, NULL, 0, NULL, NULL,
	  "行政强制法第十九条：须在二十四小时内向负责人报告并补办批准手续" },
	{ "hearing_time", "听证时间（时:分）", CIN_TEXT, NULL, 0, NULL, NULL, "如 09:30" },
	/* Legal review (法制审核) and collective deliberation. */
	{ "opinion", "审核意见", CIN_CHOICE, CHOICES(opinions), NULL, NULL, NULL },
	{ "check_body", "执法主体是否合法", CIN_PASSFAIL, NULL, 0, NULL, "legal_review", NULL },
	{ "check_officers", "执法人员是否具备执法资格", CIN_PASSFAIL, NULL, 0, NULL, "legal_review", NULL },
	{ "check_procedure", "执法程序是否合法", CIN_PASSFAIL, NULL, 0, NULL, "legal_review", NULL },
	{ "check_facts", "案件事实是否清楚、证据是否合法充分", CIN_PASSFAIL, NULL, 0, NULL,
	  "legal_review", NULL },
	{ "check_law", "适用法律是否准确、裁量基准运用是否适当", CIN_PASSFAIL, NULL, 0, NULL,
	  "legal_review", NULL },
	{ "check_authority", "是否在法定权限内", CIN_PASSFAIL, NULL, 0, NULL, "legal_review", NULL },
	{ "check_documents", "执法文书是否完备、规范", CIN_PASSFAIL, NULL, 0, NULL, "legal_review", NULL },
	{ "check_referral", "是否涉嫌犯罪需要移送司法机关", CIN_PASSFAIL, NULL, 0, NULL,
	  "legal_review", "“通过”表示无须移送" },
	{ "reasons", "理由", CIN_TEXTAREA, NULL, 0, "legal_review", "legal_review",
	  "不同意或须修改的，写明理由和修改建议" },
	{ "reasons", "不予许可的理由", CIN_TEXTAREA, NULL, 0, "permit.decide", "permit.decide",
	  "不予许可的，应当说明理由，并告知申请人享有依法申请行政复议或者提起行政诉讼的权利" },
	{ "reasons", "理由", CIN_TEXTAREA, NULL, 0, NULL, NULL, NULL },
	{ "participants", "参加人员", CIN_TEXTAREA, NULL, 0, NULL, NULL, NULL },
	{ "opinions", "讨论意见", CIN_TEXTAREA, NULL, 0, NULL, NULL, NULL },
	{ "conclusion", "结论", CIN_TEXTAREA, NULL, 0, NULL, NULL, NULL },
	/* Referral, execution, closing. */
	{ "receiver", "接收机关", CIN_TEXT, NULL, 0, NULL, NULL, "如：海原县公安局" },
	{ "court", "人民法院", CIN_TEXT, NULL, 0, NULL, NULL, NULL },
	{ "channel", "公示渠道", CIN_TEXT, NULL, 0, NULL, NULL, "如：海原县人民政府网站" },
	{ "summary", "结案报告", CIN_TEXTAREA, NULL, 0, NULL, NULL, NULL },
	{ "item", "检测、检验、鉴定事项", CIN_TEXT, NULL, 0, NULL, NULL, NULL },
	/* Permits. */
	{ "applicant", "申请人", CIN_TEXT, NULL, 0, NULL, NULL, NULL },
	{ "matter", "申请事项", CIN_TEXT, NULL, 0, NULL, NULL, NULL },
	{ "items", "查封、扣押的场所、设施或者财物", CIN_TEXTAREA, NULL, 0, "coercion.seize", NULL,
	  NULL },
	{ "items", "先行登记保存的物品（每行一项）", CIN_TEXTAREA, NULL, 0,
	  "preservation_approval preservation", NULL, NULL },
	{ "items", "需要补正的全部内容", CIN_TEXTAREA, NULL, 0, NULL, NULL, NULL },
	{ "materials", "补正的材料", CIN_TEXTAREA, NULL, 0, NULL, NULL, NULL },
	{ "findings", "核查、检查情况", CIN_TEXTAREA, NULL, 0, NULL, NULL, NULL },
	{ "kind", "程序类别", CIN_TEXT, NULL, 0, NULL, NULL, "听证、检测、检验、鉴定或专家评审" },
	{ "result", "结果", CIN_TEXTAREA, NULL, 0, NULL, NULL, NULL },
	/* Inspections. */
	{ "subject", "检查对象", CIN_TEXT, NULL, 0, NULL, NULL, NULL },
	{ "random", "双随机抽查", CIN_YESNO, NULL, 0, NULL, "inspection.open",
	  "是：检查人员须从随机抽取的名单中产生" },
	{ "seed", "随机种子", CIN_TEXT, NULL, 0, NULL, NULL, "记录后任何人可用 fazhi draw 复核抽取结果" },
	{ "targets", "抽中的检查对象", CIN_TEXTAREA, NULL, 0, NULL, NULL, NULL },
	{ "inspectors", "抽中的检查人员", CIN_PERSONS, NULL, 0, NULL, NULL, NULL },
	/* Coercive measures. */
	{ "measure", "批准的强制措施", CIN_TEXT, NULL, 0, NULL, NULL, "如：查封违法建设施工现场" },
	{ "party_present", "当事人到场", CIN_YESNO, NULL, 0, NULL, NULL, NULL },
};

/* Whether st of def is in the space-separated list spec. */
static bool step_matches(const struct proc_def *def, const struct proc_step *st, const char *spec)
{
	if (!st || !spec)
		return false;
	size_t dl = strlen(def->id);
	for (const char *p = spec; *p;) {
		while (*p == ' ')
			p++;
		size_t n = strcspn(p, " ");
		if (!n)
			break;
		if (p[0] == '@') {
			if ((n == 9 && !strncmp(p, "@notifies", n) && (st->flags & PROC_NOTIFIES)) ||
			    (n == 8 && !strncmp(p, "@decides", n) && (st->flags & PROC_DECIDES)) ||
			    (n == 6 && !strncmp(p, "@opens", n) && (st->flags & PROC_OPENS)))
				return true;
		} else if (memchr(p, '.', n)) {
			if (n == dl + 1 + strlen(st->id) && !strncmp(p, def->id, dl) && p[dl] == '.' &&
			    !strncmp(p + dl + 1, st->id, n - dl - 1))
				return true;
		} else if (n == strlen(st->id) && !strncmp(p, st->id, n)) {
			return true;
		}
		p += n;
	}
	return false;
}

const struct case_field_spec *case_field_spec(const struct proc_def *def,
					      const struct proc_step *st, const char *key)
{
	const struct case_field_spec *any = NULL;
	for (size_t i = 0; i < N(specs); i++) {
		if (strcmp(specs[i].key, key) != 0)
			continue;
		if (!specs[i].only && !any)
			any = &specs[i];
		else if (specs[i].only && def && step_matches(def, st, specs[i].only))
			return &specs[i];
	}
	if (any)
		return any;
	static const struct case_field_spec unknown = { "", "", CIN_TEXT, NULL, 0, NULL, NULL, NULL };
	return &unknown;
}

static bool listed(const char **keys, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(keys[i], key) == 0)
			return true;
	return false;
}

size_t case_step_fields(const struct proc_def *def, const struct proc_step *st,
			const char **keys, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; st && i < st->fields.n && n < max; i++)
		if (!listed(keys, n, st->fields.items[i].id))
			keys[n++] = st->fields.items[i].id;
	for (size_t i = 0; i < N(specs) && n < max; i++)
		if (specs[i].offer && step_matches(def, st, specs[i].offer) &&
		    !listed(keys, n, specs[i].key))
			keys[n++] = specs[i].key;
	return n;
}

/* A comma-separated list of person ids as names. */
static void show_ids(struct req *r, struct buf *b, const struct case_people *people,
		     const char *value)
{
	const char *p = value;
	bool first = true;
	while (*p) {
		char *end;
		long long id = strtoll(p, &end, 10);
		if (end == p || id <= 0) {
			html_f(b, "%s%s", first ? "" : "、", p);
			return;
		}
		html_f(b, "%s%s", first ? "" : "、", case_person_name(r, people, id));
		first = false;
		p = end;
		while (*p == ',' || *p == ' ')
			p++;
	}
}

void case_field_show(struct req *r, struct buf *b, const struct case_field_spec *s,
		     const struct case_people *people, const char *value)
{
	unsigned kinds;
	struct buf l = BUF_INIT;
	switch (s->input) {
	case CIN_CHOICE:
		html_f(b, "%s", kit_option_label(s->choices, s->nchoices, value, value));
		return;
	case CIN_YESNO:
		html_f(b, "%s", !strcmp(value, "1") || !strcmp(value, "yes") || !strcmp(value, "true")
					? "是" : "否");
		return;
	case CIN_PASSFAIL:
		html_f(b, "%s", !strcmp(value, "pass") ? "✓ 通过" : !strcmp(value, "fail") ? "✗ 未通过"
											: value);
		return;
	case CIN_PENALTY:
		if (penalty_kinds_parse(value, &kinds, NULL) != FZ_OK) {
			html_f(b, "%s", value);
			return;
		}
		penalty_kinds_format_labels(kinds, &l);
		html_f(b, "%s", buf_cstr(&l));
		buf_release(&l);
		return;
	case CIN_MONEY:
		html_f(b, "%s 元", value);
		return;
	case CIN_PERSON:
	case CIN_PERSONS:
		show_ids(r, b, people, value);
		return;
	default:
		html_f(b, "%s", value);
	}
}
