/* store_complaint.h - complaints (投诉举报, 018_complaints.sql) as the
 * store keeps them; the structs are domain/complaint.h's. The operations
 * are in store.h's store_ops; store.h includes this file after its
 * STORE_LIST, and nothing else includes it.
 *
 * Scope of a complaint: system-wide sees all; a division (the justice
 * bureau) sees those about an agency of its division; an agency sees
 * those assigned to it (handler_id), never those merely about it. */
#ifndef FZ_STORE_STORE_COMPLAINT_H
#define FZ_STORE_STORE_COMPLAINT_H

#ifndef STORE_LIST
#error "include store/store.h, not store/store_complaint.h"
#endif

#include "domain/complaint.h"

#endif
