/* audit_names.c - Chinese names of the audit log's action codes and
 * object types (see audit_names.h). Codes are the English names of the
 * glossary; the names follow docs/GLOSSARY's Chinese terms. */
#include "app/audit_names.h"

#include "app/indicators.h"

#include <string.h>

struct name {
	const char *code, *label;
};

/* Sorted by code. Permission names appear too: a refusal by app_require
 * is recorded under the action asked for, and some actions are named as
 * their permission. */
static const struct name actions[] = {
	{ "agency.create", "新增执法主体" },
	{ "agency.read", "查看执法主体" },
	{ "agency.update", "修改执法主体" },
	{ "agency.write", "管理执法主体" },
	{ "audit.export", "导出审计日志" },
	{ "audit.purge", "清除过期审计记录" },
	{ "audit.read", "查看审计日志" },
	{ "calendar.load", "导入节假日安排" },
	{ "calendar.preview", "预览节假日安排变更" },
	{ "calendar.upload", "上传节假日安排文件" },
	{ "calendar.write", "管理节假日安排" },
	{ "case.act", "办理案件步骤" },
	{ "case.correct", "更正案件记录" },
	{ "case.deadline", "重新计算案件期限" },
	{ "case.export", "导出案卷" },
	{ "case.open", "立案" },
	{ "case.read", "查看案件" },
	{ "case.step", "办理案件环节" },
	{ "certificate.create", "发放执法证" },
	{ "certificate.read", "查看执法证" },
	{ "certificate.resume", "恢复执法证" },
	{ "certificate.review", "登记执法证年度审验" },
	{ "certificate.revoke", "注销执法证" },
	{ "certificate.status", "变更执法证状态" },
	{ "certificate.suspend", "暂扣执法证" },
	{ "certificate.update", "修改执法证" },
	{ "certificate.write", "管理执法证" },
	{ "check.create", "制定监督检查计划" },
	{ "check.finding", "登记监督检查发现的问题" },
	{ "check.read", "查看监督检查" },
	{ "comment.act", "处理公众意见" },
	{ "comment.handle", "办理公众意见" },
	{ "comment.submit", "提交公众意见" },
	{ "complaint.accept", "受理投诉举报并交办" },
	{ "complaint.act", "办理投诉举报" },
	{ "complaint.close", "投诉举报办结" },
	{ "complaint.enter", "登记投诉举报" },
	{ "complaint.file", "公众提交投诉举报" },
	{ "complaint.read", "查看投诉举报" },
	{ "complaint.reject", "投诉举报不予受理" },
	{ "complaint.reply", "答复投诉举报" },
	{ "complaint.return", "退回投诉举报答复重办" },
	{ "dashboard.export", "导出驾驶舱表格" },
	{ "decision_catalogue.adjust", "调整决策事项目录" },
	{ "decision_catalogue.approve", "批准决策事项目录" },
	{ "decision_catalogue.create", "新建决策事项目录" },
	{ "decision_catalogue.draft", "编制决策事项目录" },
	{ "decision_catalogue.item", "列入决策事项" },
	{ "decision_catalogue.read", "查看决策事项目录" },
	{ "decision_catalogue.remove", "移出决策事项" },
	{ "division.create", "新增行政区划" },
	{ "division.put", "登记行政区划" },
	{ "division.read", "查看行政区划" },
	{ "division.update", "修改行政区划" },
	{ "division.write", "管理行政区划" },
	{ "document.backfill", "补制执法文书" },
	{ "document.read", "查看执法文书" },
	{ "evaluation.assign", "分配案卷评查人员" },
	{ "evaluation.close", "结束案卷评查" },
	{ "evaluation.create", "发起案卷评查" },
	{ "evaluation.draw", "随机抽取评查案卷" },
	{ "evaluation.read", "查看案卷评查" },
	{ "evaluation.score", "案卷评分" },
	{ "evidence.add", "上传证据" },
	{ "export.download", "下载导出任务生成的表格" },
	{ "ledger.checkpoint", "签署执法记录检查点" },
	{ "ledger.configure", "设置执法记录日志" },
	{ "ledger.cosign", "收取见证方联署" },
	{ "ledger.key_rotate", "更换执法记录签名密钥" },
	{ "ledger.nodes", "补算执法记录索引" },
	{ "list.export", "导出列表" },
	{ "notice.answer", "答复整改通知" },
	{ "notice.close", "整改通知办结" },
	{ "notice.issue", "下发整改通知" },
	{ "notice.read", "查看整改通知" },
	{ "notice.return", "退回整改答复" },
	{ "org.tree", "查看组织机构" },
	{ "oversight.manage", "管理执法监督" },
	{ "oversight.read", "查看执法监督" },
	{ "person.create", "新增执法人员" },
	{ "person.read", "查看执法人员" },
	{ "person.update", "修改执法人员" },
	{ "person.write", "管理执法人员" },
	{ "policy.update", "修改安全策略" },
	{ "policy.write", "管理安全策略" },
	{ "power_list.draft", "起草权责清单" },
	{ "power_list.publish", "公布权责清单" },
	{ "power_list.read", "查看权责清单" },
	{ "power_list.update", "修改权责清单" },
	{ "procedure.read", "查看执法程序" },
	{ "procedures.basis", "记录程序定义与本省配置" },
	{ "publication.prepare", "准备公示" },
	{ "publication.publish", "公示" },
	{ "publication.read", "查看公示" },
	{ "publication.redraw", "公示文本按更正后的记录重新拟定" },
	{ "publication.set_aside", "公示撤销" },
	{ "publication.supersede", "公示文本被新的决定取代" },
	{ "publication.withdraw", "撤下公示" },
	{ "rectification.answer", "答复整改" },
	{ "review_request.answer", "答复审查建议" },
	{ "review_request.handle", "办理审查建议" },
	{ "review_request.submit", "提出审查建议" },
	{ "rubric.read", "查看评查标准" },
	{ "rubric.save", "修改评查标准" },
	{ "session.create", "登录" },
	{ "session.delete", "退出登录" },
	{ "stats.download", "下载执法统计年报" },
	{ "stats.export", "导出执法统计" },
	{ "stats.rebuild", "重建统计汇总" },
	{ "system.read", "查看系统状态" },
	{ "unit.create", "新增内设机构" },
	{ "unit.read", "查看内设机构" },
	{ "unit.update", "修改内设机构" },
	{ "unit.write", "管理内设机构" },
	{ "user.create", "新建账号" },
	{ "user.password", "修改密码" },
	{ "user.read", "查看账号" },
	{ "user.reset", "重置密码" },
	{ "user.roles", "分配角色" },
	{ "user.unlock", "解除账号锁定" },
	{ "user.update", "修改账号" },
	{ "user.write", "管理账号" },
};

static const struct name objects[] = {
	{ "agency", "执法主体" },
	{ "audit", "审计日志" },
	{ "calendar", "节假日安排" },
	{ "case", "案件" },
	{ "cases", "案件" },
	{ "certificate", "执法证" },
	{ "certificates", "执法证列表" },
	{ "check_item", "监督检查发现" },
	{ "check_plan", "监督检查计划" },
	{ "check_plans", "监督检查计划列表" },
	{ "complaint", "投诉举报" },
	{ "complaints", "投诉举报列表" },
	{ "dashboard", "驾驶舱" },
	{ "decision_catalogue", "决策事项目录" },
	{ "decision_catalogues", "决策事项目录列表" },
	{ "division", "行政区划" },
	{ "document", "执法文书" },
	{ "documents", "执法文书" },
	{ "eval_file", "评查案卷" },
	{ "eval_files", "评查案卷列表" },
	{ "eval_round", "案卷评查" },
	{ "eval_rounds", "案卷评查列表" },
	{ "evidence", "证据材料" }, /* as the ledger calls it (ledger_kinds.c) */
	{ "export_job", "导出任务" },
	{ "ledger", "执法记录日志" },
	{ "ledger_checkpoint", "执法记录检查点" },
	{ "ledger_key_rotation", "签名密钥更换" },
	{ "locked", "已锁定的账号" },
	{ "notice", "整改通知" },
	{ "notices", "整改通知" },
	{ "officers", "执法人员列表" },
	{ "person", "执法人员" },
	{ "policy", "安全策略" },
	{ "power_list", "权责清单" },
	{ "procedures", "程序定义与本省配置" },
	{ "publication", "公示" },
	{ "queue_approval", "待审批案件" },
	{ "queue_review", "待审核案件" },
	{ "rubric_version", "评查标准" },
	{ "stats_annual", "执法统计年报" },
	{ "unit", "内设机构" },
	{ "user", "账号" },
	{ "users", "账号列表" },
};

static const char *find(const struct name *t, size_t n, const char *code)
{
	size_t lo = 0, hi = n;
	if (!code)
		return NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(code, t[mid].code);
		if (c == 0)
			return t[mid].label;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

#define COUNT(t) (sizeof t / sizeof t[0])

const char *audit_action_name(const char *action)
{
	return find(actions, COUNT(actions), action);
}

size_t audit_action_count(void) { return COUNT(actions); }

const char *audit_action_code(size_t i) { return i < COUNT(actions) ? actions[i].code : NULL; }

const char *audit_action_of_name(const char *name)
{
	for (size_t i = 0; name && i < COUNT(actions); i++)
		if (strcmp(actions[i].label, name) == 0)
			return actions[i].code;
	return NULL;
}

const char *audit_action_label(struct arena *a, const char *action)
{
	const char *name = audit_action_name(action);
	if (name)
		return name;
	if (action && strncmp(action, "http ", 5) == 0) {
		/* a request the router refused: "http GET /cases/{id}" */
		const char *method = action + 5, *path = strchr(method, ' ');
		if (path) {
			const char *verb = strncmp(method, "GET ", 4) == 0 ? "访问" : "提交";
			const char *s = arena_printf(a, "%s %s", verb, path + 1);
			if (s)
				return s;
		}
	}
	return action ? action : "";
}

/* An indicator's drill-down list (http/page_indicators.c exports it as
 * "indicator_<id>_num" or "indicator_<id>_den"). */
#define INDICATOR_LIST "indicator_"

const char *audit_object_label(const char *object_type)
{
	const char *name = find(objects, COUNT(objects), object_type);
	if (!name && object_type && strncmp(object_type, INDICATOR_LIST, strlen(INDICATOR_LIST)) == 0)
		return "监督指标明细";
	return name ? name : object_type ? object_type : "";
}

/* "监督指标“办理中案件逾期率”分子明细", or NULL when t is not one. */
static const char *indicator_list_text(struct arena *a, const char *t)
{
	size_t k = strlen(INDICATOR_LIST), n;
	if (!t || strncmp(t, INDICATOR_LIST, k) != 0 || (n = strlen(t)) < k + 5)
		return NULL;
	const char *part = t + n - 4;
	if (strcmp(part, "_num") != 0 && strcmp(part, "_den") != 0)
		return NULL;
	char id[64];
	if (n - k - 4 >= sizeof id)
		return NULL;
	memcpy(id, t + k, n - k - 4);
	id[n - k - 4] = '\0';
	int i = indicator_find(id);
	if (i < 0)
		return NULL;
	return arena_printf(a, "监督指标“%s”%s明细", indicator_defs()[i].label,
			    part[1] == 'n' ? "分子" : "分母");
}

const char *audit_object_text(struct arena *a, const char *object_type, const char *object_id)
{
	const char *label = indicator_list_text(a, object_type);
	if (!label)
		label = audit_object_label(object_type);
	if (!object_id || !*object_id || strcmp(object_id, "0") == 0)
		return label;
	const char *s = arena_printf(a, "%s%s#%s", label, *label ? " " : "", object_id);
	return s ? s : label;
}

const char *audit_result_label(const char *result)
{
	if (!result)
		return "";
	if (strcmp(result, "ok") == 0)
		return "成功";
	if (strcmp(result, "denied") == 0)
		return "拒绝";
	if (strcmp(result, "failed") == 0)
		return "失败";
	return result;
}
