/* demo_complaints.c - the demo county's complaints (投诉举报), through the
 * app layer: one just filed on the portal, one assigned to 自然资源局 and
 * in its period, one answered and closed, one whose handling period has
 * passed without an answer (overdue), and one refused. */
#include <stdio.h>
#include <string.h>

#include "app/complaint.h"
#include "base/date.h"
#include "cli/demo_internal.h"

static enum fz_err day_ago(const struct app_ctx *cli, int n, char out[FZ_DATE_LEN])
{
	return date_add_days(cli->today, -n, out) ? FZ_OK : FZ_INTERNAL;
}

/* Enters a complaint received n days ago by channel about agency. */
static enum fz_err entered(struct app_ctx *cli, const char *channel, int n, int64_t agency,
			   const char *name, const char *facts, struct complaint *out,
			   struct fz_error *e)
{
	char day[FZ_DATE_LEN];
	if (day_ago(cli, n, day))
		return fz_fail(e, FZ_INTERNAL, NULL, "演示日期无效");
	struct complaint_input in = {
		.name = name, .phone = "13909550000", .agency_id = agency, .facts = facts,
		.request = "请依法调查处理并答复", .channel = channel, .received_on = day,
	};
	return app_complaint_enter(cli, &in, out, e);
}

static enum fz_err acted(struct app_ctx *cli, int64_t id, enum complaint_action a, int n,
			 int64_t agency, const char *text, struct fz_error *e)
{
	char day[FZ_DATE_LEN];
	if (day_ago(cli, n, day))
		return fz_fail(e, FZ_INTERNAL, NULL, "演示日期无效");
	struct complaint_act act = { .action = a, .on = day, .agency_id = agency, .text = text };
	return app_complaint_act(cli, id, &act, NULL, e);
}

enum fz_err demo_complaints_seed(struct app_ctx *cli, const struct demo_cast *cast, int *n,
				 struct fz_error *e)
{
	struct complaint c;
	enum fz_err rc;
	*n = 0;
	/* new, from the portal */
	struct complaint_input web = {
		.name = "马某", .phone = "13909551234", .agency_id = cast->sm_agency,
		.cert_number = "NX05220003", .facts = "市场监管执法人员在我店检查时没有出示执法证件，态度粗暴。",
		.request = "请核实执法人员身份并处理",
	};
	if ((rc = app_complaint_file(cli, &web, &c, e)))
		return rc;
	(*n)++;
	/* assigned, within its period */
	if ((rc = entered(cli, "hotline", 6, cast->nr_agency, "田某",
			  "12345 热线转办：自然资源执法人员现场检查后未告知陈述申辩权利。", &c, e)) ||
	    (rc = acted(cli, c.id, CMP_ACT_ACCEPT, 5, cast->nr_agency, NULL, e)))
		return rc;
	(*n)++;
	/* answered and closed */
	if ((rc = entered(cli, "letter", 40, cast->nr_agency, "李某",
			  "来信反映：对同一违法行为重复罚款，执法人员拒绝说明依据。", &c, e)) ||
	    (rc = acted(cli, c.id, CMP_ACT_ACCEPT, 38, cast->nr_agency, NULL, e)) ||
	    (rc = acted(cli, c.id, CMP_ACT_REPLY, 20, 0,
			"经核查，两次处罚针对不同违法行为，已向投诉人当面说明依据并送达书面答复。", e)) ||
	    (rc = acted(cli, c.id, CMP_ACT_CLOSE, 18, 0, NULL, e)))
		return rc;
	(*n)++;
	/* overdue: accepted 70 days ago, never answered */
	if ((rc = entered(cli, "phone", 72, cast->sm_agency, "周某",
			  "电话反映：市场监管部门扣押货物后超过三十日未作处理决定。", &c, e)) ||
	    (rc = acted(cli, c.id, CMP_ACT_ACCEPT, 70, cast->sm_agency, NULL, e)))
		return rc;
	(*n)++;
	/* refused, with the reason */
	if ((rc = entered(cli, "visit", 10, cast->nr_agency, "赵某",
			  "来访反映：邻里之间因宅基地边界发生纠纷，要求执法部门处理。", &c, e)) ||
	    (rc = acted(cli, c.id, CMP_ACT_REJECT, 9, 0,
			"所反映的是民事纠纷，不属于行政执法监督的范围；已告知可通过人民调解或诉讼解决。", e)))
		return rc;
	(*n)++;
	return FZ_OK;
}
