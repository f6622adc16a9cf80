/* calendar_fx.h - the calendar shipped in data/calendar/cn.txt, parsed
 * once for the domain tests, and a day number from "YYYY-MM-DD". */
#ifndef FZ_TESTS_DOMAIN_CALENDAR_FX_H
#define FZ_TESTS_DOMAIN_CALENDAR_FX_H

#include <stdint.h>

#include "domain/calendar.h"

/* The shipped calendar (NULL, after recording a failure, when it does not
 * load). Lives until the process exits. */
const struct calendar *calendar_fx_cn(void);
/* Day number of a valid "YYYY-MM-DD" (the test's own literal). */
int64_t calendar_fx_day(const char *date);

#endif
