/* publication.c - the statuses of a publication, their names and labels,
 * and which of them the portal shows. */
#include "domain/publication.h"

#include <string.h>

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

bool pub_status_public(enum pub_status s)
{
	return s == PUB_LIVE || s == PUB_WITHDRAWING || s == PUB_WITHDRAWN;
}
