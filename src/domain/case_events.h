/* case_events.h - reading a case's event list the way the engine does:
 * the latest event of a step, and a field's value as later corrections
 * (更正 events) have set it. Events are never changed; a correction
 * carries the corrected fields and the id of the event it corrects. */
#ifndef FZ_DOMAIN_CASE_EVENTS_H
#define FZ_DOMAIN_CASE_EVENTS_H

#include <stddef.h>

#include "domain/case.h"

/* The value of key for ev: from the latest correction among events[0..n)
 * that corrects ev->id and carries key, else ev's own (NULL if none).
 * Empty values count as absent. */
const char *case_events_field(const struct case_event *events, size_t n,
			      const struct case_event *ev, const char *key);
/* The latest event of step among events[0..n), or NULL. */
const struct case_event *case_events_last(const struct case_event *events, size_t n,
					  const char *step);
/* Index of the latest event of step, or -1. */
long case_events_last_index(const struct case_event *events, size_t n, const char *step);
/* Whether ev (a proposed event) names person id among its officers. */
bool case_event_has_officer(const struct case_event *ev, int64_t id);

#endif
