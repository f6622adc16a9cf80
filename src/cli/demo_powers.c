/* demo_powers.c - the demo county's power-and-responsibility lists (权责
 * 清单, 事前公开): two agencies each with two published versions, the
 * second changing the first (a power added, one removed, one changed)
 * with a later effective date, and service guides (办事指南) on the
 * permits. Everything goes through the app layer as the shell operator.
 *
 * The legal bases are demo text. The articles of 土地管理法 and 食品安全
 * 法 are those the demo cases and benchmarks already cite; the others
 * (矿产资源法, 城乡规划法, 行政强制法 art 22-25 …) are not in the shared
 * reference: unverified (U), illustrative only. */
#include <stdio.h>
#include <string.h>

#include "app/powerlist.h"
#include "base/date.h"
#include "cli/demo_internal.h"

#define DUTY_PENALTY                                                                      \
	"1. 立案责任：发现涉嫌违法行为，予以审查，决定是否立案。\n"                       \
	"2. 调查责任：两名以上执法人员出示执法证件，全面、客观、公正地调查取证。\n"       \
	"3. 审查责任：对案件事实、证据、依据、程序进行审查；重大案件经法制审核。\n"       \
	"4. 告知责任：作出决定前告知拟处罚的事实、理由、依据和陈述、申辩、要求听证的权利。\n" \
	"5. 决定责任：依法作出处罚决定，制作处罚决定书。\n"                               \
	"6. 送达责任：依法送达处罚决定书。\n"                                             \
	"7. 执行责任：监督当事人履行处罚决定；逾期不履行的依法强制执行。"
#define ACC_PENALTY                                                                       \
	"有下列情形之一的，依法追究责任：没有法定依据或者违反法定程序实施处罚的；"         \
	"擅自改变处罚种类、幅度的；违法实行检查措施或者执行措施的；"                     \
	"应当依法移交司法机关追究刑事责任而不移交的；玩忽职守、滥用职权、徇私舞弊的。"     \
	"依据：《中华人民共和国行政处罚法》第七十六条至第八十三条"
#define DUTY_PERMIT                                                                       \
	"1. 受理责任：公示申请条件、材料和时限；材料不全的一次告知需要补正的全部内容。\n"  \
	"2. 审查责任：对申请材料进行审查，需要核实的指派两名以上工作人员核查。\n"         \
	"3. 决定责任：自受理之日起二十个工作日内作出决定；不予许可的书面说明理由。\n"     \
	"4. 送达责任：作出许可决定之日起十个工作日内颁发、送达许可证件。\n"               \
	"5. 监管责任：对被许可人从事许可事项的活动进行监督检查。"
#define ACC_PERMIT                                                                        \
	"对符合法定条件的申请不予受理、不予许可或者不在法定期限内作出决定的；"             \
	"对不符合法定条件的申请人准予许可或者超越法定职权作出许可决定的；"                 \
	"索取或者收受他人财物的。依据：《中华人民共和国行政许可法》第七十二条至第七十七条"
#define DUTY_INSPECT                                                                      \
	"1. 检查责任：按照“双随机、一公开”抽取检查对象和执法人员，两名以上执法人员出示证件实施检查。\n" \
	"2. 处置责任：发现违法行为的依法处理；涉嫌犯罪的移送司法机关。\n"                 \
	"3. 公开责任：检查结果依法公示。"
#define ACC_INSPECT                                                                       \
	"未按规定实施检查、检查中索取或者收受财物、对发现的违法行为不依法处理的，"         \
	"依法追究责任。依据：《中华人民共和国公职人员政务处分法》第三十九条（演示数据，未核实）"
#define DUTY_COERCE                                                                       \
	"1. 审批责任：实施前向机关负责人报告并经批准；情况紧急的二十四小时内补办批准手续。\n" \
	"2. 实施责任：两名以上执法人员实施，出示证件，通知当事人到场，告知理由、依据和权利，制作现场笔录。\n" \
	"3. 解除责任：查封、扣押期限届满或者不再需要的，及时解除。"
#define ACC_COERCE                                                                        \
	"没有法律、法规依据，改变强制措施的对象、条件、方式，违反法定程序实施强制措施的，"   \
	"依法追究责任。依据：《中华人民共和国行政强制法》第六十一条至第六十八条"

#define GUIDE_PLANNING                                                                    \
	"办理对象：在城市、镇规划区内以划拨方式取得国有土地使用权的建设单位。\n"           \
	"申请材料：1. 建设用地规划许可申请表；2. 建设项目批准、核准或备案文件；"             \
	"3. 建设项目用地预审与选址意见书；4. 标明拟用地范围的地形图。\n"                    \
	"办理时限：法定时限二十个工作日，承诺时限十个工作日（公示、听证、专家评审时间不计算在内）。\n" \
	"办理地点：海原县政务服务中心二楼自然资源窗口（工作日 9:00—12:00，14:30—17:30）。\n" \
	"收费标准：不收费。\n"                                                             \
	"咨询方式：窗口咨询，或登录本平台查看办理进度。\n"                                 \
	"救济途径：对许可决定不服的，可以依法申请行政复议或者提起行政诉讼。"
#define GUIDE_FOOD                                                                        \
	"办理对象：在海原县从事食品销售、餐饮服务的经营者。\n"                             \
	"申请材料：1. 食品经营许可申请书；2. 营业执照复印件；3. 与食品经营相适应的主要设备设施布局、操作流程等文件；"    \
	"4. 食品安全管理制度。\n"                                                         \
	"办理时限：法定时限二十个工作日，承诺时限五个工作日；需要现场核查的，指派两名以上工作人员核查。\n" \
	"办理地点：海原县政务服务中心一楼市场监管窗口。\n"                                 \
	"收费标准：不收费。\n"                                                             \
	"救济途径：对许可决定不服的，可以依法申请行政复议或者提起行政诉讼。"

#define P(c_, n_, k_, b_, d_, a_, g_) \
	{ .code = c_, .name = n_, .kind = k_, .basis = b_, .duty = d_, .accountability = a_, \
	  .guide = g_ }

static const struct power_item nr_v1[] = {
	P("ZRZY-CF-001", "对未经批准或者采取欺骗手段骗取批准非法占用土地的处罚", "penalty",
	  "《中华人民共和国土地管理法》第七十七条第一款", DUTY_PENALTY, ACC_PENALTY, ""),
	P("ZRZY-CF-002", "对未取得采矿许可证擅自采矿的处罚", "penalty",
	  "《中华人民共和国矿产资源法》第三十九条（演示数据，未核实）", DUTY_PENALTY, ACC_PENALTY, ""),
	P("ZRZY-XK-001", "建设用地规划许可证核发", "permit",
	  "《中华人民共和国城乡规划法》第三十七条（演示数据，未核实）", DUTY_PERMIT, ACC_PERMIT,
	  GUIDE_PLANNING),
	P("ZRZY-JC-001", "对土地利用情况的监督检查", "inspection",
	  "《中华人民共和国土地管理法》第六十七条（演示数据，未核实）", DUTY_INSPECT, ACC_INSPECT, ""),
};
/* The change: 采矿 moves to another list (removed), a coercive measure is
 * added, the land penalty's basis now names the implementing regulation. */
static const struct power_item nr_v2[] = {
	P("ZRZY-CF-001", "对未经批准或者采取欺骗手段骗取批准非法占用土地的处罚", "penalty",
	  "《中华人民共和国土地管理法》第七十七条第一款；《中华人民共和国土地管理法实施条例》第五十七条第一款",
	  DUTY_PENALTY, ACC_PENALTY, ""),
	P("ZRZY-XK-001", "建设用地规划许可证核发", "permit",
	  "《中华人民共和国城乡规划法》第三十七条（演示数据，未核实）", DUTY_PERMIT, ACC_PERMIT,
	  GUIDE_PLANNING),
	P("ZRZY-JC-001", "对土地利用情况的监督检查", "inspection",
	  "《中华人民共和国土地管理法》第六十七条（演示数据，未核实）", DUTY_INSPECT, ACC_INSPECT, ""),
	P("ZRZY-QZ-001", "查封、扣押与违法占用土地有关的设施、工具", "coercion",
	  "《中华人民共和国行政强制法》第二十二条至第二十五条（演示数据，未核实）", DUTY_COERCE,
	  ACC_COERCE, ""),
};
static const struct power_item sm_v1[] = {
	P("SCJG-CF-001", "对经营超过保质期的食品的处罚", "penalty",
	  "《中华人民共和国食品安全法》第三十四条第十项、第一百二十四条第一款第五项", DUTY_PENALTY,
	  ACC_PENALTY, ""),
	P("SCJG-XK-001", "食品经营许可", "permit",
	  "《中华人民共和国食品安全法》第三十五条第一款", DUTY_PERMIT, ACC_PERMIT, GUIDE_FOOD),
	P("SCJG-JC-001", "食品经营者监督检查", "inspection",
	  "《中华人民共和国食品安全法》第一百一十条（演示数据，未核实）", DUTY_INSPECT, ACC_INSPECT,
	  ""),
};
/* The change: the permit's promised time shortens (its guide changes),
 * and an unlicensed-trading penalty is added. */
static const struct power_item sm_v2[] = {
	P("SCJG-CF-001", "对经营超过保质期的食品的处罚", "penalty",
	  "《中华人民共和国食品安全法》第三十四条第十项、第一百二十四条第一款第五项", DUTY_PENALTY,
	  ACC_PENALTY, ""),
	P("SCJG-CF-002", "对未取得食品经营许可从事食品经营活动的处罚", "penalty",
	  "《中华人民共和国食品安全法》第三十五条第一款、第一百二十二条第一款", DUTY_PENALTY,
	  ACC_PENALTY, ""),
	P("SCJG-XK-001", "食品经营许可", "permit",
	  "《中华人民共和国食品安全法》第三十五条第一款", DUTY_PERMIT, ACC_PERMIT,
	  GUIDE_FOOD "\n承诺时限调整：自新版本施行之日起，材料齐全的当场办结。"),
	P("SCJG-JC-001", "食品经营者监督检查", "inspection",
	  "《中华人民共和国食品安全法》第一百一十条（演示数据，未核实）", DUTY_INSPECT, ACC_INSPECT,
	  ""),
};

static enum fz_err one(struct app_ctx *ctx, int64_t agency, const struct power_item *v,
		       size_t n, const char *note, const char *on, const char *reason,
		       struct fz_error *e)
{
	struct power_list pl;
	enum fz_err rc = app_power_draft_create(ctx, agency, note, v, n, &pl, e);
	return rc ? rc : app_power_publish(ctx, pl.id, on, reason, NULL, e);
}

enum fz_err demo_powers_seed(struct app_ctx *cli, const struct demo_cast *cast, int *nlists,
			     struct fz_error *e)
{
	char soon[11];
	enum fz_err rc;
	const char *why = "本清单经县人民政府审定，自该日起施行；本平台上线后补录公开";
	*nlists = 0;
	if (!date_add_days(cli->today, 30, soon))
		return fz_fail(e, FZ_INTERNAL, NULL, "日期计算失败");
	/* 自然资源局: the first version took effect on 1 January (recorded
	 * later, with the reason shown); the second takes effect today. */
	if ((rc = one(cli, cast->nr_agency, nr_v1, sizeof nr_v1 / sizeof nr_v1[0],
		      "首次公布", "2026-01-01", why, e)) ||
	    (rc = one(cli, cast->nr_agency, nr_v2, sizeof nr_v2 / sizeof nr_v2[0],
		      "采矿处罚划出；增加查封、扣押；非法占地处罚补充实施条例依据", cli->today, NULL,
		      e)))
		return rc;
	/* 市场监督管理局: the second version is announced ahead and takes
	 * effect in 30 days. */
	if ((rc = one(cli, cast->sm_agency, sm_v1, sizeof sm_v1 / sizeof sm_v1[0], "首次公布",
		      "2026-03-01", why, e)) ||
	    (rc = one(cli, cast->sm_agency, sm_v2, sizeof sm_v2 / sizeof sm_v2[0],
		      "增加无证经营食品处罚；食品经营许可承诺时限缩短", soon, NULL, e)))
		return rc;
	*nlists = 4;
	return FZ_OK;
}
