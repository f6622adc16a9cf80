/* case_events.c - lookups over an event list; see case_events.h. Lists
 * are short (tens of events), so a linear scan is the clearest. */
#include "domain/case_events.h"

#include <string.h>

const char *case_events_field(const struct case_event *events, size_t n,
			      const struct case_event *ev, const char *key)
{
	for (size_t i = n; ev->id && i-- > 0;) {
		const struct case_event *c = &events[i];
		if (c->corrects != ev->id || !c->step || strcmp(c->step, "correction") != 0)
			continue;
		const char *v = case_event_field(c, key);
		if (v && *v)
			return v;
	}
	const char *v = case_event_field(ev, key);
	return v && *v ? v : NULL;
}

long case_events_last_index(const struct case_event *events, size_t n, const char *step)
{
	for (size_t i = n; i-- > 0;)
		if (events[i].step && strcmp(events[i].step, step) == 0)
			return (long)i;
	return -1;
}

const struct case_event *case_events_last(const struct case_event *events, size_t n,
					  const char *step)
{
	long i = case_events_last_index(events, n, step);
	return i < 0 ? NULL : &events[i];
}

bool case_event_has_officer(const struct case_event *ev, int64_t id)
{
	for (size_t i = 0; i < ev->nofficers; i++)
		if (ev->officers[i] == id)
			return true;
	return false;
}
