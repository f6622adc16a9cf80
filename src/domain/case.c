/* case.c - small helpers over case events. */
#include "domain/case.h"

#include <string.h>

const char *case_event_field(const struct case_event *ev, const char *key)
{
	for (size_t i = 0; i < ev->nfields; i++)
		if (strcmp(ev->fields[i].key, key) == 0)
			return ev->fields[i].value;
	return NULL;
}
