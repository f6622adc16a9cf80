/* jsonout_org.h - API JSON for organisation, people, certificates and the
 * audit log: one function per struct, as in jsonout.h. Each returns a new
 * reference, or NULL when out of memory (resp_json answers 500 then). */
#ifndef FZ_HTTP_JSONOUT_ORG_H
#define FZ_HTTP_JSONOUT_ORG_H

#include <jansson.h>
#include <stdbool.h>

#include "app/people.h"
#include "base/buf.h"
#include "domain/model.h"
#include "store/store.h"

/* Appends obj to arr, taking the reference. On failure (either NULL, or
 * no memory) releases both and returns NULL; otherwise returns arr. Lets a
 * list loop be `items = json_array_push(items, json_x(&l.items[i]));`. */
json_t *json_array_push(json_t *arr, json_t *obj);

/* {code, name, level, parent_code (null for a province)} */
json_t *json_division(const struct division *d);
/* {id, name, uscc, division_code, kind, kind_label, domains, active,
 *  created_at, updated_at} */
json_t *json_agency(const struct agency *a);
/* {id, agency_id, name, created_at} */
json_t *json_unit(const struct unit *u);

/* {id, agency_id, unit_id, name, resident_id, phone, kind, is_reviewer,
 *  active, created_at, updated_at}. Unless personal is true the ID number
 * and the phone are masked (base/mask.h: 640522********1234, 139****1234). */
json_t *json_person(const struct person *p, bool personal);

/* {id, number, person_id, holder_name, agency_id, agency_name, issuer,
 *  domains, issued_on, valid_until, status, status_label, days_left,
 *  revoked_on, revoke_reason, created_at, updated_at}: status is the one
 * certificate_status() computes for today ("expired" included);
 * days_left is null once revoked. Written straight into b (http/jsonw.h:
 * the signed-in list is a hot path), not built as a jansson object. */
void json_certificate_write(struct buf *b, const struct certificate *c, const char *today);
/* {id, certificate_id, year, passed, note, reviewed_on, created_at} */
json_t *json_cert_review(const struct cert_review *r);
/* The public check: {number, holder_name, agency_name, issuer, domains,
 * issued_on, valid_until, status, status_label, valid}. Nothing else
 * about the holder, by design. */
json_t *json_public_certificate(const struct public_certificate *pc);

/* {agency_id, agency_name, officers, reviewers, required, ok}: required
 * is the least number of reviewers that meets REVIEWER_RATIO_PERCENT. */
json_t *json_reviewer_ratio(const struct reviewer_ratio *r);

/* {id, at, at_local, actor_id, actor, client_addr, action, object_type,
 *  object_id, result, message}: at in Unix seconds, at_local as
 * "YYYY-MM-DD HH:MM:SS" China Standard Time. */
json_t *json_audit_entry(const struct audit_entry *x);
/* {field, before, after} (null when absent) */
json_t *json_audit_change(const struct audit_change *c);

#endif
