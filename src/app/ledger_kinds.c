/* ledger_kinds.c - the one table of what each kind of ledger leaf is
 * called: its Chinese name (pages, verification messages, the shell's
 * verify, docs/LEDGER.md) and its word in the API. */
#include "app/ledger.h"

static const struct {
	const char *name;
	const char *code;
} kinds[LEDGER_KIND_MAX + 1] = {
	[LEDGER_CASE_EVENT] = { "案件事件", "case_event" },
	[LEDGER_EVIDENCE] = { "证据材料", "evidence" },
	[LEDGER_DOCUMENT] = { "执法文书", "document" },
	[LEDGER_CASE_HEADER] = { "案件信息", "case_header" },
	[LEDGER_CASE_EXPORT] = { "案卷导出记录", "case_export" },
	[LEDGER_KEY_ROTATION] = { "密钥轮换记录", "key_rotation" },
	[LEDGER_PUBLICATION] = { "公示记录", "publication" },
	[LEDGER_POWER_LIST] = { "权责清单版本", "power_list" },
	[LEDGER_COMPLAINT] = { "投诉办理记录", "complaint" },
	[LEDGER_OVERSIGHT] = { "监督记录", "oversight" },
	[LEDGER_DECISION_CATALOGUE] = { "决策事项目录记录", "decision_catalogue" },
	[LEDGER_COMMENT] = { "公众意见记录", "comment" },
};

const char *ledger_kind_name(int kind)
{
	return kind >= 1 && kind <= LEDGER_KIND_MAX ? kinds[kind].name : NULL;
}

const char *ledger_kind_code(int kind)
{
	return kind >= 1 && kind <= LEDGER_KIND_MAX ? kinds[kind].code : NULL;
}
