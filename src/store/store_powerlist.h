/* store_powerlist.h - the rows the store gives for the power-and-
 * responsibility list (权责清单, 017_power_lists.sql); the operations are
 * in struct store_ops (store.h). */
#ifndef FZ_STORE_STORE_POWERLIST_H
#define FZ_STORE_STORE_POWERLIST_H

#include <stddef.h>
#include <stdint.h>

#include "domain/powerlist.h"

/* A page of versions (without their items), newest version first. */
struct power_list_list {
	struct power_list *items;
	size_t n;
	int64_t total;
};

/* One agency as the portal shows it: counts of what is public about it. */
struct agency_public_counts {
	int64_t officers;      /* holders of a certificate valid today */
	int64_t powers;        /* powers of the version in force today */
	int64_t power_version; /* that version's number, 0 when none */
	int64_t guides;        /* powers of that version with a service guide */
};

#endif
