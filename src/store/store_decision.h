/* store_decision.h - filters the store takes for decision catalogues
 * (028_decisions.sql); the operations are in struct store_ops (store.h). */
#ifndef FZ_STORE_STORE_DECISION_H
#define FZ_STORE_STORE_DECISION_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/decision_catalogue.h"

struct decision_catalogue_filter {
	int64_t agency_id;  /* 0: every agency */
	int year;           /* 0: every year */
	bool approved_only; /* the public sees approved catalogues only */
};

#endif
