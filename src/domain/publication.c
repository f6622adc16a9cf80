/* publication.c - the statuses of a publication, their names and labels,
 * and which of them the portal shows. */
#include "domain/publication.h"

#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "base/ident.h"
#include "domain/case.h"

static const struct {
	const char *name, *label;
} statuses[PUB_STATUS_COUNT] = {
	[PUB_PREPARED] = { "prepared", "待确认" },
	[PUB_LIVE] = { "live", "已公示" },
	[PUB_WITHHELD] = { "withheld", "不予公开" },
	[PUB_WITHDRAWING] = { "withdrawing", "待撤下" },
	[PUB_WITHDRAWN] = { "withdrawn", "已撤下" },
	[PUB_CANCELLED] = { "cancelled", "已作废" },
};

void pub_hand_masked_note(int n, char *out, size_t cap)
{
	if (n <= 0)
		snprintf(out, cap, "%s", "");
	else
		snprintf(out, cap, "本文在自动隐去个人信息之外，经审核人员另行隐去 %d 处。", n);
}

const char *pub_status_name(enum pub_status s)
{
	return (unsigned)s < PUB_STATUS_COUNT ? statuses[s].name : NULL;
}

const char *pub_status_label(enum pub_status s)
{
	return (unsigned)s < PUB_STATUS_COUNT ? statuses[s].label : "";
}

int pub_status_parse(const char *name)
{
	for (int i = 0; name && i < PUB_STATUS_COUNT; i++)
		if (strcmp(statuses[i].name, name) == 0)
			return i;
	return -1;
}

bool pub_minor_on(const char *id, const char *day)
{
	int y, m, d, ty, tm, td;
	char birth[11];
	if (!id || strlen(id) != 18 || ident_resident_id_check(id, "party_id", NULL) != FZ_OK)
		return false;
	snprintf(birth, sizeof birth, "%.4s-%.2s-%.2s", id + 6, id + 10, id + 12);
	if (!date_parse(birth, &y, &m, &d) || !date_parse(day, &ty, &tm, &td))
		return false;
	return ty - y - (tm < m || (tm == m && td < d)) < 18;
}

bool pub_status_public(enum pub_status s)
{
	return s == PUB_LIVE || s == PUB_WITHDRAWING || s == PUB_WITHDRAWN;
}

const char *pub_withdraw_basis(int kind)
{
	return kind == CASE_MAJOR_DECISION ? PUB_WITHDRAW_BASIS_DECISION : PUB_WITHDRAW_BASIS;
}
