/* demo_cases.c - the demo county's cases and normative documents: cases of
 * 自然资源局 and 市场监督管理局 opened and moved through app_case_open and
 * app_case_act as the demo accounts, on days in the past, so that every
 * state of a penalty case, overdue clocks and cases waiting for review
 * are there for a newcomer. The gates judge them as they judge real ones. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/authz.h"
#include "app/case.h"
#include "app/draw.h"
#include "app/procreg.h"
#include "app/publication.h"
#include "base/date.h"
#include "cli/demo_internal.h"
#include "domain/money.h"
#include "domain/surcharge.h"

#define DEMO_STEPS_MAX 14
#define DEMO_FIELDS_MAX 16

/* One step: who ('1' officer1, '2' officer2, 'r' reviewer1, 'h' head1,
 * '3' officer3, 'H' head2), how many days ago, the officers taking part
 * (bit k: the agency's k-th officer) and the fields, "key=value" items
 * separated by '|'. A value "@N" is the day N days ago, "#k" the k-th
 * officer's id ("#1,#2" a list), "$surcharge" the surcharge due on the
 * decided fine when paid that day. A "correction" names the step it
 * corrects (fix: 1 for the case's first step) and why. */
struct demo_step {
	const char *step;
	int ago;
	char actor;
	unsigned officers;
	const char *fields;
	int fix;
	const char *reason;
};

struct demo_case {
	char agency; /* 'n' 自然资源局, 's' 市场监督管理局 */
	const char *procedure, *domain, *title;
	int party_kind, party_serial;
	const char *party_name, *address;
	int act_ago;
	struct demo_step steps[DEMO_STEPS_MAX];
};

#define FACTS_NR "经现场勘测，当事人未经批准占用土地进行建设，面积经测绘核实。"
/* Facts as officers write them: witnesses with their ID numbers, phones
 * and addresses, which the publication's redaction must catch. */
#define FACTS_WITNESS FACTS_NR "证人：马文斌，公民身份号码640522198503120013，联系电话13909551234，" \
	"住址：宁夏回族自治区中卫市海原县海城镇文昌路12号，证实当事人于2026年春季开始施工。" \
	"举报人：李秀英，手机 139 9555 0123。"
#define GROUNDS "现场勘测笔录、询问笔录、测绘报告、照片等证据证实。"
#define BASIS_LAND "《中华人民共和国土地管理法》第七十七条"
#define BASIS_MINE "《中华人民共和国矿产资源法》第三十九条"
#define OPEN(who) "facts=" FACTS_NR "|source=" who "|proposal=经初步核实，有违法事实，属于本机关管辖，建议立案调查。"
#define APPROVE(a, h) { "approve_opening", a, h, 0, NULL }
#define INVESTIGATE(a) { "investigate", a, '1', 6, "record=询问笔录 1 份、现场勘测笔录 1 份、照片 12 张" }
#define CHECKLIST "check_body=pass|check_officers=pass|check_procedure=pass|check_authority=pass|" \
		  "check_documents=pass|check_referral=pass"
#define ORG PARTY_ORGANISATION
#define CIT PARTY_CITIZEN

static const struct demo_case cases[] = {
	/* 自然资源局: one penalty case in each state. */
	{ 'n', "penalty_general", "土地管理", "未经批准占用耕地建房", CIT, 301, "马永福",
	  "海原县三河镇富陵村", 15,
	  { { "open", 2, '1', 6, OPEN("群众举报") } } },
	{ 'n', "penalty_general", "矿产资源", "未取得采矿许可证擅自开采砂石", ORG, 11,
	  "海原县兴达砂石料有限公司", "海原县西安镇", 40,
	  { { "open", 30, '1', 6, OPEN("日常巡查") },
	    APPROVE(30, 'h'), INVESTIGATE(25) } },
	{ 'n', "penalty_general", "土地管理", "违法占用集体土地建设厂房", ORG, 12,
	  "海原县宏达建材有限公司", "海原县海城镇", 60,
	  { { "open", 50, '2', 6, OPEN("卫片执法检查") },
	    APPROVE(50, 'h'), INVESTIGATE(45),
	    { "advance_notice", 4, '1', 0, "facts=" FACTS_NR "|grounds=" GROUNDS "|basis=" BASIS_LAND
	      "|penalty=fine|amount=20000|served_on=@4" } } },
	{ 'n', "penalty_general", "土地管理", "擅自改变土地用途", ORG, 13, "宁夏海兴农牧科技有限公司",
	  "海原县关桥乡", 80,
	  { { "open", 70, '1', 6, OPEN("上级交办") },
	    APPROVE(70, 'h'), INVESTIGATE(60),
	    { "advance_notice", 12, '1', 0, "facts=" FACTS_NR "|grounds=" GROUNDS "|basis=" BASIS_LAND
	      "|penalty=fine|amount=150000|hearing_offered=1|served_on=@12" },
	    { "hearing_request", 10, '2', 0, NULL } } },
	{ 'n', "penalty_general", "矿产资源", "越界开采矿产资源", ORG, 14, "海原县金石矿业有限公司",
	  "海原县李俊乡", 90,
	  { { "open", 75, '1', 6, OPEN("日常巡查") },
	    APPROVE(75, 'h'), INVESTIGATE(65),
	    { "advance_notice", 30, '1', 0, "facts=当事人超出采矿许可证载明的矿区范围开采。|grounds="
	      GROUNDS "|basis=" BASIS_MINE "|penalty=fine|amount=250000|hearing_offered=1|served_on=@30" } } },
	{ 'n', "penalty_general", "土地管理", "非法转让土地使用权", ORG, 15,
	  "海原县鑫源房地产开发有限公司", "海原县海城镇", 120,
	  { { "open", 100, '1', 6, OPEN("部门移送") },
	    APPROVE(100, 'h'), INVESTIGATE(90),
	    { "advance_notice", 60, '1', 0, "facts=" FACTS_NR "|grounds=" GROUNDS "|basis=" BASIS_LAND
	      "|penalty=fine|amount=300000|hearing_offered=1|served_on=@60" },
	    { "statement", 57, '2', 0, "content=当事人申辩称转让系历史遗留问题，并明确放弃听证。|waived=1" },
	    { "legal_review", 40, 'r', 1, "opinion=reject|check_facts=fail|check_law=fail|" CHECKLIST
	      "|reasons=转让面积与测绘报告不一致，须补充测绘证据并重新核定罚款基数。" } } },
	/* reviewed and approved: waits for the head's decision (待审批) */
	{ 'n', "penalty_general", "土地管理", "非法占用林地建设光伏设施", ORG, 30,
	  "海原县阳光新能源有限公司", "海原县树台乡", 100,
	  { { "open", 80, '1', 6, OPEN("卫片执法检查") },
	    APPROVE(80, 'h'), INVESTIGATE(70),
	    { "advance_notice", 30, '1', 0, "facts=" FACTS_NR "|grounds=" GROUNDS "|basis=" BASIS_LAND
	      "|penalty=fine|amount=260000|hearing_offered=1|served_on=@30" },
	    { "legal_review", 8, 'r', 1, "opinion=approve|check_facts=pass|check_law=pass|" CHECKLIST } } },
	{ 'n', "penalty_general", "土地管理", "未经批准临时用地逾期不归还", CIT, 302, "田学军",
	  "海原县史店乡", 70,
	  { { "open", 60, '2', 6, OPEN("群众举报") },
	    APPROVE(60, 'h'), INVESTIGATE(55),
	    { "advance_notice", 35, '1', 0, "facts=" FACTS_NR "|grounds=" GROUNDS "|basis=" BASIS_LAND
	      "|penalty=fine|amount=5000|served_on=@35" },
	    { "decision", 3, 'h', 0, "facts=" FACTS_NR "|grounds=" GROUNDS "|basis=" BASIS_LAND
	      "|penalty=fine|amount=5000" } } },
	{ 'n', "penalty_general", "土地管理", "非法占地建设养殖场", ORG, 16, "海原县丰润养殖专业合作社",
	  "海原县贾塘乡", 90,
	  { { "open", 80, '1', 6, OPEN("卫片执法检查") },
	    APPROVE(80, 'h'), INVESTIGATE(75),
	    { "advance_notice", 50, '1', 0, "facts=" FACTS_NR "|grounds=" GROUNDS "|basis=" BASIS_LAND
	      "|penalty=fine|amount=40000|served_on=@50" },
	    { "decision", 14, 'h', 0, "facts=" FACTS_WITNESS "|grounds=" GROUNDS "|basis=" BASIS_LAND
	      "|penalty=fine|amount=40000" },
	    { "publish", 13, 'r', 0, NULL },
	    { "service", 12, '1', 0, "served_on=@12|method=直接送达" } } },
	{ 'n', "penalty_general", "土地管理", "违法占用土地建设仓储设施", ORG, 17,
	  "海原县顺通物流有限公司", "海原县海城镇", 150,
	  { { "open", 130, '1', 6, OPEN("日常巡查") },
	    APPROVE(130, 'h'), INVESTIGATE(125),
	    { "advance_notice", 100, '1', 0, "facts=" FACTS_NR "|grounds=" GROUNDS "|basis=" BASIS_LAND
	      "|penalty=fine|amount=60000|served_on=@100" },
	    { "decision", 75, 'h', 0, "facts=" FACTS_NR "|grounds=" GROUNDS "|basis=" BASIS_LAND
	      "|penalty=fine|amount=60000" },
	    { "service", 73, '1', 0, "served_on=@73|method=邮寄送达" },
	    { "publish", 50, 'r', 0, NULL }, /* late: after 7 working days */
	    /* unpaid after the payment period: 催告, amounts computed by the app */
	    { "demand", 40, '1', 0, "served_on=@40|perform_by=@30" } } },
	{ 'n', "penalty_general", "土地管理", "擅自在耕地上挖砂", CIT, 303, "杨国庆", "海原县红羊乡",
	  200,
	  { { "open", 180, '1', 6, OPEN("群众举报") },
	    APPROVE(180, 'h'), INVESTIGATE(175),
	    { "advance_notice", 160, '1', 0, "facts=" FACTS_NR "|grounds=" GROUNDS "|basis=" BASIS_LAND
	      "|penalty=fine|amount=2000|served_on=@160" },
	    { "decision", 140, 'h', 0, "facts=" FACTS_NR "|grounds=" GROUNDS "|basis=" BASIS_LAND
	      "|penalty=fine|amount=2000" },
	    { "publish", 139, 'r', 0, NULL },
	    { "service", 138, '1', 0, "served_on=@138|method=直接送达" },
	    { "payment", 110, '1', 0, "amount=2000|surcharge=$surcharge" },
	    { "close", 105, 'h', 0, "summary=罚款及加处罚款已缴清，违法占用的耕地已恢复原状。" },
	    { "correction", 100, 'h', 0, "summary=罚款 2000 元及加处罚款已缴清，违法占用的耕地已复垦"
	      "并经验收合格。", 9, "结案报告遗漏复垦验收情况" },
	    /* closed, yet urged by the justice bureau (执法监督): the answer is
	     * due in a week ("@-7": seven days ahead) */
	    { "supervision_urge", 3, 's', 0, "matters=案卷评查发现复垦验收材料未归档，请补充归档并"
	      "说明情况。|reply_by=@-7" } } },
	{ 'n', "penalty_general", "矿产资源", "无证开采石料", ORG, 18, "海原县石峰采石场",
	  "海原县曹洼乡", 110,
	  /* opened 85 days ago: the 90-day handling period runs out in five
	   * days, in time for the head to extend it or decide */
	  { { "open", 85, '2', 6, OPEN("日常巡查") },
	    APPROVE(85, 'h'), INVESTIGATE(80),
	    { "investigate", 40, '2', 6, "record=补充调查：调取开采量测绘报告" } } },
	{ 'n', "coercion", "土地管理", "违法建设施工现场查封", ORG, 19, "海原县恒通置业有限公司",
	  "海原县海城镇", 45,
	  { { "open", 40, '1', 0, "facts=当事人在未取得用地批准的土地上继续施工。|grounds=防止证据灭失、"
	      "违法状态扩大" },
	    { "approval", 39, 'h', 0, "measure=查封违法建设施工现场及施工机械" },
	    { "seize", 38, '1', 6, "items=施工现场 1 处、挖掘机 2 台|party_present=1" } } },
	/* 自然资源局: the statutory paths beside the main line (issue 8 §2). */
	{ 'n', "penalty_general", "土地管理", "违法占用土地建设停车场", ORG, 23,
	  "海原县畅达停车服务有限公司", "海原县海城镇", 120,
	  { { "open", 100, '1', 6, OPEN("日常巡查") },
	    APPROVE(100, 'h'), INVESTIGATE(95),
	    { "advance_notice", 80, '1', 0, "facts=" FACTS_NR "|grounds=" GROUNDS "|basis=" BASIS_LAND
	      "|penalty=fine|amount=30000|served_on=@80" },
	    { "decision", 70, 'h', 0, "facts=" FACTS_WITNESS "|grounds=" GROUNDS "|basis=" BASIS_LAND
	      "|penalty=fine|amount=30000" },
	    { "service", 69, '1', 0, "served_on=@69|method=直接送达" },
	    { "publish", 68, 'r', 0, NULL },
	    { "revoke_decision", 60, 'h', 0, "mode=change|reasons=罚款数额按占地面积计算有误，"
	      "经复查占地面积为 300 平方米，依法变更" },
	    { "unpublish", 59, 'r', 0, NULL },
	    { "advance_notice", 58, '1', 0, "facts=" FACTS_NR "|grounds=" GROUNDS "|basis=" BASIS_LAND
	      "|penalty=fine|amount=18000|served_on=@58" },
	    { "decision", 45, 'h', 0, "facts=" FACTS_NR "|grounds=" GROUNDS "|basis=" BASIS_LAND
	      "|penalty=fine|amount=18000" },
	    { "service", 44, '1', 0, "served_on=@44|method=直接送达" } } },
	{ 'n', "penalty_general", "矿产资源", "非法开采黏土", ORG, 24, "海原县鑫隆砖瓦厂",
	  "海原县关桥乡", 150,
	  { { "open", 130, '1', 6, OPEN("卫片执法检查") },
	    APPROVE(130, 'h'), INVESTIGATE(125),
	    { "advance_notice", 100, '1', 0, "facts=当事人未取得采矿许可证开采黏土。|grounds=" GROUNDS
	      "|basis=" BASIS_MINE "|penalty=fine|amount=8000|served_on=@100" },
	    { "decision", 80, 'h', 0, "facts=当事人未取得采矿许可证开采黏土。|grounds=" GROUNDS
	      "|basis=" BASIS_MINE "|penalty=fine|amount=8000" },
	    { "service", 78, '1', 0, "served_on=@78|method=直接送达" },
	    { "remedy_filed", 70, '1', 0, "kind=reconsideration|body=海原县人民政府|filed_on=@70" } } },
	{ 'n', "penalty_general", "土地管理", "非法占用草原建房", CIT, 305, "马正明", "海原县甘城乡",
	  40,
	  { { "open", 20, '1', 6, OPEN("群众举报") },
	    APPROVE(20, 'h'),
	    { "recusal_request", 18, '1', 0, "applicant=party|person=#2|reasons=当事人称执法人员与其"
	      "有邻里纠纷，申请回避" },
	    { "recusal_decision", 17, 'h', 0, "person=#2|outcome=withdraw|reasons=经核实存在利害关系，"
	      "决定回避" },
	    { "investigate", 15, '1', 10, "record=询问笔录 1 份、现场勘测笔录 1 份" } } },
	{ 'n', "penalty_general", "矿产资源", "非法收购盗采矿产品", ORG, 25, "海原县通达物资回收站",
	  "海原县李旺镇", 20,
	  { { "open", 10, '1', 6, OPEN("群众举报") },
	    APPROVE(10, 'h'),
	    { "preservation_approval", 9, 'h', 0, "items=煤炭约 40 吨\n收购台账 2 本|reasons=证据可能"
	      "灭失或以后难以取得" },
	    { "preservation", 9, '1', 6, "items=煤炭约 40 吨\n收购台账 2 本|place=海原县自然资源局"
	      "证据保管室" },
	    { "preservation_decision", 5, 'h', 0, "measure=煤炭委托检测，收购台账留存复制件后退还" } } },
	{ 'n', "penalty_general", "土地管理", "非法占用耕地挖塘养鱼", ORG, 27, "海原县鑫源养殖专业合作社",
	  "海原县七营镇", 90,
	  { { "open", 60, '1', 6, OPEN("卫片执法检查") },
	    APPROVE(60, 'h'), INVESTIGATE(55),
	    { "advance_notice", 45, '1', 0, "facts=" FACTS_NR "|grounds=" GROUNDS "|basis=" BASIS_LAND
	      "|penalty=fine|amount=60000|served_on=@45" },
	    { "decision", 35, 'h', 0, "facts=" FACTS_NR "|grounds=" GROUNDS "|basis=" BASIS_LAND
	      "|penalty=fine|amount=60000" },
	    { "publish", 34, 'r', 0, NULL },
	    { "service", 33, '1', 0, "served_on=@33|method=直接送达" },
	    { "deferment", 30, 'h', 0, "mode=instalments|schedule=@{20} 20000\n@{-10} 20000\n"
	      "@{-40} 20000|reasons=合作社受旱灾影响，一次缴清确有困难，提交了申请和财务报表" },
	    { "payment", 21, '1', 0, "amount=20000|receipt=NX2026-0917" } } },
	{ 'n', "coercion", "土地管理", "非法倾倒建筑垃圾紧急扣押", ORG, 26, "海原县顺风运输有限公司",
	  "海原县三河镇", 3,
	  { { "open", 3, '1', 0, "facts=当事人车辆正在向基本农田倾倒建筑垃圾。|grounds=情况紧急，"
	      "不立即扣押将造成耕地毁坏" },
	    { "emergency_seize", 3, '1', 6, "items=自卸货车 2 辆|party_present=1|seized_time=21:40|urgency=夜间巡查"
	      "发现正在倾倒，无法事先报批" },
	    { "emergency_approval", 2, 'h', 0, "measure=扣押自卸货车 2 辆|approved_time=09:10" } } },
	/* 市场监督管理局: on-the-spot penalty, permit, random inspection. */
	{ 's', "penalty_simplified", "食品安全", "销售超过保质期的食品", CIT, 304, "何小龙",
	  "海原县海城镇南关街", 6,
	  { { "decide_on_spot", 6, '3', 6, "facts=当事人销售超过保质期的饮料 3 瓶。|grounds=现场检查"
	      "|basis=《中华人民共和国食品安全法》第一百二十四条|penalty=fine|amount=100|"
	      "place=海原县海城镇南关街" },
	    { "payment", 6, '3', 0, "amount=100" },
	    { "file", 5, '3', 0, NULL },
	    { "close", 5, '3', 0, NULL } } },
	{ 's', "permit", "食品安全", "食品经营许可（新办）", ORG, 20, "海原县福满楼餐饮有限公司",
	  "海原县海城镇文昌路", 12,
	  { { "apply", 12, '3', 0, "applicant=海原县福满楼餐饮有限公司|matter=食品经营许可（餐饮服务）" },
	    { "accept", 10, '3', 0, NULL },
	    { "verify", 6, '3', 6, "findings=经营场所、设备布局和卫生管理制度符合要求。" } } },
	{ 's', "inspection", "食品安全", "餐饮服务单位双随机抽查", ORG, 21, "海原县东方红小吃店",
	  "海原县海城镇", 8,
	  { { "open", 8, '3', 0, "subject=海原县东方红小吃店|basis=2026 年度双随机抽查计划|random=1" },
	    { "random_draw", 7, 'H', 0, "seed=hy-scjg-2026-q4|targets=海原县东方红小吃店|inspectors=#1,#2" },
	    { "inspect", 5, '3', 6, "findings=后厨卫生、从业人员健康证明、进货查验记录均符合要求。" },
	    { "result", 3, '3', 0, "conclusion=未发现问题。" } } },
	{ 's', "penalty_general", "食品安全", "生产不符合食品安全标准的食品", ORG, 22,
	  "海原县清真食品加工厂", "海原县三河镇", 30,
	  { { "open", 20, '3', 6, "facts=抽检发现当事人生产的牛肉干菌落总数超标。|source=监督抽检" },
	    APPROVE(20, 'H'),
	    { "investigate", 15, '3', 6, "record=询问笔录 2 份、检验报告 1 份" } } },
	/* 自然资源局's normative documents (docs/RULEMAKING.md): matters
	 * without a party - one in drafting (two versions to compare), one
	 * in public comment now (its seven working days running), and below
	 * one in force, one overdue for filing, one expiring within six
	 * months and one repealed in a clean-up. */
	{ 'n', "normative_document", NULL, "海原县自然资源局关于规范临时用地管理的通知", PARTY_NONE, 0,
	  NULL, NULL, 0,
	  { { "propose", 20, '1', 0, "in_plan=1|plan_ref=2026 年度规范性文件制定计划第 3 项|"
	      "major_effect=1|market_actors=1" },
	    { "draft", 18, '1', 0, "text=第一条 为规范临时用地管理，制定本通知。\n"
	      "第二条 本县行政区域内临时用地的审批和监督管理，适用本通知。\n"
	      "第三条 临时用地期限一般不超过二年。|explanation=落实土地管理法关于临时用地的规定。" },
	    { "draft", 9, '1', 0, "text=第一条 为规范临时用地管理，根据《中华人民共和国土地管理法》"
	      "及其实施条例，制定本通知。\n第二条 本县行政区域内临时用地的审批和监督管理，适用本通知。\n"
	      "第三条 临时用地期限一般不超过二年；建设周期较长的能源、交通、水利等基础设施建设项目"
	      "施工使用的临时用地，期限不超过四年。\n第四条 临时用地使用人应当自临时用地期满之日起"
	      "一年内完成土地复垦。" } } },
	{ 'n', "normative_document", NULL, "海原县农村宅基地审批管理实施意见（试行）", PARTY_NONE, 0,
	  NULL, NULL, 0,
	  { { "propose", 25, 'h', 0, "in_plan=0|plan_reason=上级部署宅基地管理专项工作，需在年内出台。|"
	      "major_effect=1|provisional=1" },
	    { "draft", 12, '1', 0, "text=一、农村村民一户只能拥有一处宅基地。\n"
	      "二、宅基地申请由村民向所在村民小组提出，经乡镇人民政府审核批准。\n"
	      "三、本意见自公布之日起施行，有效期两年。" },
	    { "comment_open", 3, '1', 0, "comment_channel=海原县人民政府门户网站“意见征集”栏目" } } },
	/* published, in force: commented on, reviewed, deliberated, numbered,
	 * published through 公示审核, filed in time and reviewed without
	 * objection */
	{ 'n', "normative_document", NULL, "海原县自然资源局关于进一步规范不动产登记办理流程的通知",
	  PARTY_NONE, 0, NULL, NULL, 0,
	  { { "propose", 120, '1', 0, "in_plan=1|plan_ref=2026 年度规范性文件制定计划第 1 项|"
	      "major_effect=1|market_actors=1" },
	    { "draft", 118, '1', 0, "text=一、不动产登记实行“一窗受理、并行办理”。\n"
	      "二、首次登记、转移登记自受理之日起五个工作日内办结。\n三、本通知自施行之日起有效期五年。|"
	      "explanation=落实不动产登记暂行条例，压缩办理时间。" },
	    { "comment_open", 117, '1', 0, "comment_channel=海原县人民政府门户网站“意见征集”栏目" },
	    { "comment_close", 100, '1', 0, "comment_summary=收到意见 6 条，采纳 4 条，未采纳 2 条并说明理由。" },
	    { "submit_review", 99, '1', 0, NULL },
	    { "legality_review", 97, 'r', 0, "opinion=pass" },
	    { "fair_competition_review", 97, 'h', 0, "opinion=pass" },
	    { "deliberation", 95, 'h', 0, "minutes=局务会议审议通过。|adopted=yes" },
	    { "sign", 94, 'h', 0, NULL },
	    { "number", 94, '1', 0, "effective_on=@80" },
	    { "publish", 92, 'r', 0, NULL },
	    { "file", 85, '1', 0, "filed_with=海原县人民政府" },
	    { "filing_review", 70, 's', 0, "filing_opinion=no_objection" } } },
	/* published 60 days ago and not filed: its 30 days (U) have run out */
	{ 'n', "normative_document", NULL, "海原县自然资源局关于设施农业用地备案管理的通知", PARTY_NONE,
	  0, NULL, NULL, 0,
	  { { "propose", 72, 'h', 0, "in_plan=1|plan_ref=2026 年度规范性文件制定计划第 2 项" },
	    { "draft", 70, '1', 0, "text=一、设施农业用地由乡镇人民政府备案。\n二、备案后五日内报县自然资源局。" },
	    { "submit_review", 68, '1', 0, NULL },
	    { "legality_review", 66, 'r', 0, "opinion=pass" },
	    { "deliberation", 64, 'h', 0, "minutes=局务会议审议通过。|adopted=yes" },
	    { "sign", 63, 'h', 0, NULL },
	    { "number", 63, '1', 0, "effective_on=@55" },
	    { "publish", 60, 'r', 0, NULL } } },
	/* 试行, two years (U) from twenty months ago: ends within the six
	 * months of the expiry alert, not yet evaluated */
	{ 'n', "normative_document", NULL, "海原县农村集体经营性建设用地入市管理办法（试行）",
	  PARTY_NONE, 0, NULL, NULL, 0,
	  { { "propose", 640, '1', 0, "in_plan=1|plan_ref=2025 年度规范性文件制定计划第 4 项|provisional=1" },
	    { "draft", 636, '1', 0, "text=第一条 为规范农村集体经营性建设用地入市，制定本办法。\n"
	      "第二条 入市应当经本集体经济组织成员的村民会议三分之二以上成员同意。" },
	    { "submit_review", 634, '1', 0, NULL },
	    { "legality_review", 630, 'r', 0, "opinion=pass" },
	    { "deliberation", 627, 'h', 0, "minutes=局务会议审议通过。|adopted=yes" },
	    { "sign", 626, 'h', 0, NULL },
	    { "number", 626, '1', 0, "effective_on=@610" },
	    { "publish", 624, 'r', 0, NULL },
	    { "file", 615, '1', 0, "filed_with=海原县人民政府" },
	    { "filing_review", 600, 's', 0, "filing_opinion=no_objection" } } },
	/* published, objected to in the filing review and corrected, then
	 * repealed in this year's clean-up (上位法修改) and closed */
	{ 'n', "normative_document", NULL, "海原县自然资源局关于征收土地补偿费管理的暂行规定",
	  PARTY_NONE, 0, NULL, NULL, 0,
	  { { "propose", 420, 'h', 0, "in_plan=1|plan_ref=2025 年度规范性文件制定计划第 1 项" },
	    { "draft", 418, '1', 0, "text=一、征收土地补偿费由乡镇人民政府统一发放。\n二、发放情况张榜公布。" },
	    { "submit_review", 416, '1', 0, NULL },
	    { "legality_review", 412, 'r', 0, "opinion=pass" },
	    { "deliberation", 410, 'h', 0, "minutes=局务会议审议通过。|adopted=yes" },
	    { "sign", 409, 'h', 0, NULL },
	    { "number", 409, '1', 0, "effective_on=@400" },
	    { "publish", 407, 'r', 0, NULL },
	    { "file", 395, '1', 0, "filed_with=海原县人民政府" },
	    { "filing_review", 380, 's', 0, "filing_opinion=objection|reasons=第一条与土地管理法实施条例"
	      "关于补偿费直接支付给权利人的规定不一致。" },
	    { "correct", 370, '1', 0, "handling=第一条修改为补偿费直接支付给被征地农村集体经济组织和权利人，"
	      "已重新公布。" },
	    { "cleanup", 15, '1', 0, "cleanup_outcome=repeal|reasons=上位法已修改，本规定的内容已被新规定取代。" },
	    { "terminate", 14, 'h', 0, "reasons=清理中决定废止。" } } },
};
#define DEMO_NCASES (sizeof cases / sizeof cases[0])

struct demo_run {
	struct app_ctx *cli;
	const struct demo_cast *cast;
	struct fz_error *e;
	const struct demo_case *dc;
	int64_t events[DEMO_STEPS_MAX]; /* the event each step recorded */
	int64_t drawn[2];               /* inspectors of the case's draw, if any */
};

/* The market regulators' random inspection: the server draws one shop of
 * five and two of the agency's officers; the inspection then goes to the
 * drawn pair, as the drawn_inspectors gate requires. */
static const char *const draw_targets[] = {
	"海原县东方红小吃店", "海原县福满楼餐饮有限公司", "海原县回民清真饭馆",
	"海原县三河镇便民超市", "海原县西安镇老马烩面馆",
	/* natural persons (unlicensed stalls): the portal masks them */
	"马建国", "马文海", "李秀兰",
};

static enum fz_err demo_draw(struct demo_run *d, struct app_ctx *ctx, int64_t case_id,
			     const char *on)
{
	struct draw_result r;
	struct case_draw_input in = {
		.targets = draw_targets, .ntargets = sizeof draw_targets / sizeof draw_targets[0],
		.inspectors = d->cast->sm_officers, .ninspectors = 4, .count = 1,
		.per_target = 2, .on = on,
	};
	enum fz_err rc = app_case_draw(ctx, case_id, &in, &r, NULL, d->e);
	if (rc)
		return rc;
	for (size_t k = 0; k < 2; k++)
		d->drawn[k] = strtoll(r.rows[0].inspectors[k], NULL, 10);
	return FZ_OK;
}

/* 公示 and 撤下公示 go through the publication pipeline: the reviewer
 * confirms the publication prepared for the latest decision, or
 * withdraws it after the decision was set aside. */
static enum fz_err demo_publication(struct demo_run *d, struct app_ctx *ctx, int64_t case_id,
				   size_t k)
{
	struct publication p;
	enum fz_err rc = FZ_NOTFOUND;
	(void)case_id;
	for (size_t j = k; j-- > 0 && rc == FZ_NOTFOUND;)
		if (d->events[j])
			rc = ctx->st->ops->publication_by_event(ctx->st, ctx->a, d->events[j], &p,
								d->e);
	if (rc)
		return rc;
	if (strcmp(d->dc->steps[k].step, "unpublish") == 0)
		return app_publication_withdraw(ctx, p.id, NULL, d->e);
	struct publication_confirm c = { 0 };
	return app_publication_confirm(ctx, p.id, &c, d->e);
}

static const struct user *actor_of(const struct demo_cast *cast, char who)
{
	switch (who) {
	case '1': return &cast->officer1;
	case '2': return &cast->officer2;
	case 'r': return &cast->reviewer1;
	case 'h': return &cast->head1;
	case 's': return &cast->supervisor;
	case '3': return &cast->officer3;
	default: return &cast->head2;
	}
}

/* ctx acting as the account u, at the shell's time. */
static enum fz_err act_as(struct demo_run *d, const struct user *u, struct app_ctx *ctx)
{
	app_ctx_init(ctx, d->cli->st, d->cli->a, d->cli->cfg, "cli", d->cli->now);
	ctx->user = (struct user *)u;
	ctx->actor = u->username;
	return authz_scope_for(ctx, u, &ctx->scope, d->e);
}

static const int64_t *officers_of(const struct demo_run *d)
{
	return d->dc->agency == 'n' ? d->cast->nr_officers : d->cast->sm_officers;
}

static const char *days_ago(struct app_ctx *ctx, int n)
{
	char day[FZ_DATE_LEN];
	date_add_days(ctx->today, -n, day);
	return arena_strndup(ctx->a, day, strlen(day));
}

/* The surcharge due when the case's decided fine is paid on `on`: the
 * payment clock's due date from the case as it stands. */
static const char *surcharge_due(struct demo_run *d, struct app_ctx *ctx, int64_t case_id,
				 const char *on, int64_t fine_fen)
{
	struct case_view v;
	struct surcharge s;
	const struct proc_registry *reg = ctx->cfg->procs ? ctx->cfg->procs : proc_registry_builtin(d->e);
	if (!reg || app_case_view(ctx, case_id, &v, d->e) != FZ_OK)
		return NULL;
	const struct proc_config *cfg = proc_registry_config(reg);
	for (size_t i = 0; i < v.nclocks; i++) {
		if (strcmp(v.clocks[i].clock->id, "payment") != 0 || !v.clocks[i].started_by)
			continue;
		if (surcharge_compute(fine_fen, v.clocks[i].deadline.due, on,
				      cfg->surcharge_permille_per_day, cfg->surcharge_cap_percent, &s,
				      d->e) != FZ_OK)
			return NULL;
		char yuan[MONEY_TEXT_MAX];
		money_format_yuan(s.amount_fen, yuan);
		return arena_strndup(ctx->a, yuan, strlen(yuan));
	}
	return NULL;
}

/* v with each "@{N}" replaced by the day N days ago (negative: ahead),
 * for values that hold several days, like a schedule of instalments. */
static const char *days_within(struct app_ctx *ctx, const char *v)
{
	struct buf b = BUF_INIT;
	for (const char *p = v; *p;) {
		const char *at = strstr(p, "@{");
		if (!at) {
			buf_add(&b, p, strlen(p));
			break;
		}
		buf_add(&b, p, (size_t)(at - p));
		char *end;
		long n = strtol(at + 2, &end, 10);
		const char *day = days_ago(ctx, (int)n);
		buf_add(&b, day ? day : "", day ? strlen(day) : 0);
		p = *end == '}' ? end + 1 : end;
	}
	const char *s = buf_failed(&b) ? NULL : arena_strndup(ctx->a, buf_cstr(&b), b.len);
	buf_release(&b);
	return s;
}

/* A value of the table as the event carries it (see struct demo_step). */
static const char *value_of(struct demo_run *d, struct app_ctx *ctx, int64_t case_id,
			    const char *on, const char *v, struct case_field *fields, size_t n)
{
	if (strstr(v, "@{"))
		return days_within(ctx, v);
	if (v[0] == '@')
		return days_ago(ctx, (int)strtol(v + 1, NULL, 10));
	if (v[0] == '#') {
		struct buf b = BUF_INIT;
		for (const char *p = v; *p == '#';) {
			char *end;
			long k = strtol(p + 1, &end, 10);
			buf_addf(&b, "%s%lld", b.len ? "," : "",
				 (long long)officers_of(d)[k >= 0 && k < DEMO_AGENCY_OFFICERS_MAX ? k : 0]);
			p = *end == ',' ? end + 1 : end;
		}
		const char *s = buf_failed(&b) ? NULL : arena_strndup(ctx->a, buf_cstr(&b), b.len);
		buf_release(&b);
		return s;
	}
	if (strcmp(v, "$surcharge") == 0) {
		int64_t fine = 0;
		for (size_t i = 0; i < n; i++)
			if (strcmp(fields[i].key, "amount") == 0 && !money_parse_yuan(fields[i].value, &fine))
				fine = 0;
		return surcharge_due(d, ctx, case_id, on, fine);
	}
	return v;
}

/* Splits the step's field text into fields (arena). */
static enum fz_err parse_fields(struct demo_run *d, struct app_ctx *ctx, int64_t case_id,
				const struct demo_step *s, const char *on,
				struct case_field *fields, size_t *n)
{
	*n = 0;
	for (const char *p = s->fields; p && *p && *n < DEMO_FIELDS_MAX;) {
		size_t len = strcspn(p, "|");
		const char *eq = memchr(p, '=', len);
		if (!eq)
			return fz_fail(d->e, FZ_INTERNAL, s->step, "演示数据格式有误");
		char *key = arena_strndup(ctx->a, p, (size_t)(eq - p));
		char *raw = arena_strndup(ctx->a, eq + 1, len - (size_t)(eq - p) - 1);
		const char *v = key && raw ? value_of(d, ctx, case_id, on, raw, fields, *n) : NULL;
		if (!v)
			return d->e->message[0] ? FZ_INTERNAL
						: fz_fail(d->e, FZ_NOMEM, s->step, "演示数据无法生成");
		fields[(*n)++] = (struct case_field){ key, v };
		p += len + (p[len] == '|');
	}
	return FZ_OK;
}

/* The demo's steps are recorded as if on the day they took place (at
 * 10:00 China time), as an officer keeping the record would: they are
 * not late entries (补录), which need a reason. Dates in the step's data
 * are computed from the real today before this. */
static void record_on_the_day(struct app_ctx *ctx, int ago)
{
	int64_t midnight = ctx->now - (ctx->now + 8 * 3600) % 86400; /* China, UTC+8 */
	int64_t ten = midnight + 10 * 3600;
	/* Today's steps before ten o'clock are recorded now, not later. */
	ctx->now = (ago == 0 && ctx->now < ten ? ctx->now : ten) - (int64_t)ago * 86400;
	date_today(ctx->now, ctx->today);
}

static enum fz_err run_step(struct demo_run *d, int64_t *case_id, size_t k)
{
	const struct demo_step *s = &d->dc->steps[k];
	struct app_ctx ctx;
	struct case_field fields[DEMO_FIELDS_MAX];
	int64_t ids[DEMO_AGENCY_OFFICERS_MAX];
	size_t nfields, nids = 0;
	enum fz_err rc;
	const struct demo_case *dc = d->dc;

	if ((rc = act_as(d, actor_of(d->cast, s->actor), &ctx)))
		return rc;
	const char *on = days_ago(&ctx, s->ago);
	if (!on)
		return fz_fail(d->e, FZ_NOMEM, NULL, NULL);
	if ((rc = parse_fields(d, &ctx, *case_id, s, on, fields, &nfields)))
		return rc;
	if (*case_id && (strcmp(s->step, "publish") == 0 || strcmp(s->step, "unpublish") == 0)) {
		record_on_the_day(&ctx, s->ago);
		return demo_publication(d, &ctx, *case_id, k);
	}
	if (*case_id && strcmp(s->step, "random_draw") == 0) {
		record_on_the_day(&ctx, s->ago);
		return demo_draw(d, &ctx, *case_id, on);
	}
	for (int j = 0; j < DEMO_AGENCY_OFFICERS_MAX; j++)
		if (s->officers & (1u << j))
			ids[nids++] = officers_of(d)[j];
	if (d->drawn[0] && strcmp(s->step, "inspect") == 0) {
		ids[0] = d->drawn[0];
		ids[1] = d->drawn[1];
		nids = 2;
	}
	struct case_step_input in = { .step = s->step, .on = on, .fields = fields,
				      .nfields = nfields, .officers = ids, .nofficers = nids,
				      .reason = s->reason,
				      .corrects = s->fix > 0 && (size_t)s->fix <= k ? d->events[s->fix - 1]
										  : 0 };
	struct case_event ev;
	if (*case_id) {
		record_on_the_day(&ctx, s->ago);
		rc = app_case_act(&ctx, *case_id, &in, &ev, NULL, d->e);
		d->events[k] = rc ? 0 : ev.id;
		return rc;
	}

	char party_id[19] = "";
	if (dc->party_kind == PARTY_NONE) /* a matter: a title, no party */
		;
	else if (dc->party_kind == PARTY_CITIZEN)
		demo_resident_id(dc->party_serial, party_id);
	else
		demo_uscc_make("91", "640522", dc->party_serial, party_id);
	struct case_input ci = {
		.procedure = dc->procedure, .domain = dc->domain, .title = dc->title,
		.party_kind = dc->party_kind, .party_name = dc->party_name,
		.party_id = dc->party_kind ? party_id : NULL, .party_address = dc->address,
		.act_date = dc->party_kind ? days_ago(&ctx, dc->act_ago) : NULL,
	};
	struct enf_case c;
	record_on_the_day(&ctx, s->ago);
	if ((rc = app_case_open(&ctx, &ci, &in, &c, NULL, d->e)))
		return rc;
	*case_id = c.id;
	struct case_event_list first; /* the opening event, for corrections */
	if ((rc = ctx.st->ops->case_events(ctx.st, ctx.a, &ctx.scope, c.id, &first, d->e)))
		return rc;
	d->events[0] = first.n ? first.items[0].id : 0;
	return FZ_OK;
}

enum fz_err demo_cases_seed(struct app_ctx *cli, const struct demo_cast *cast, int *ncases,
			    struct fz_error *e)
{
	struct demo_run d = { .cli = cli, .cast = cast, .e = e };
	*ncases = 0;
	for (size_t i = 0; i < DEMO_NCASES; i++) {
		int64_t id = 0;
		d.dc = &cases[i];
		d.drawn[0] = d.drawn[1] = 0;
		for (size_t k = 0; k < DEMO_STEPS_MAX && cases[i].steps[k].step; k++) {
			enum fz_err rc = run_step(&d, &id, k);
			if (rc) {
				struct fz_error why = *e;
				return fz_fail(e, rc, why.field, "演示案件“%s”的步骤 %s：%s",
					       cases[i].title, cases[i].steps[k].step, why.message);
			}
		}
		(*ncases)++;
	}
	return FZ_OK;
}
