/* jsonout_org.c - JSON views of organisation, people, certificates and
 * audit records; see jsonout_org.h. Personal data (ID numbers, phones) is
 * masked here, in one place, unless the caller says the reader manages
 * people. */
#include "http/jsonout_org.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "base/mask.h"
#include "domain/certificate.h"
#include "domain/org.h"
#include "http/jsonout.h"
#include "http/jsonw.h"

json_t *json_array_push(json_t *arr, json_t *obj)
{
	if (!arr || !obj || json_array_append_new(arr, obj) != 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

static json_t *id_or_null(int64_t id)
{
	return id ? json_integer(id) : json_null();
}

json_t *json_division(const struct division *d)
{
	return json_pack("{s:s, s:s?, s:i, s:o}", "code", d->code, "name", d->name, "level",
			 (int)d->level, "parent_code",
			 d->parent_code[0] ? json_string(d->parent_code) : json_null());
}

json_t *json_agency(const struct agency *a)
{
	size_t code_len;
	const char *code = org_agency_code(a->name, a->doc_code, &code_len);
	return json_pack("{s:I, s:s?, s:s?, s:s, s:s?, s:s?, s:s?, s:b, s:I, s:I,"
			 " s:s, s:s%, s:s, s:s, s:s, s:s}",
			 "id", (json_int_t)a->id, "name", a->name, "uscc", a->uscc,
			 "division_code", a->division_code, "kind", a->kind, "kind_label",
			 a->kind ? agency_kind_label(a->kind) : NULL, "domains", a->domains,
			 "active", (int)a->active, "created_at", (json_int_t)a->created_at,
			 "updated_at", (json_int_t)a->updated_at,
			 "doc_code", a->doc_code ? a->doc_code : "", "doc_code_effective", code,
			 code_len, "court", a->court ? a->court : "", "payment_bank",
			 a->payment_bank ? a->payment_bank : "", "payment_account",
			 a->payment_account ? a->payment_account : "", "reconsideration",
			 a->reconsideration ? a->reconsideration : "");
}

json_t *json_unit(const struct unit *u)
{
	return json_pack("{s:I, s:I, s:s?, s:I}", "id", (json_int_t)u->id, "agency_id",
			 (json_int_t)u->agency_id, "name", u->name, "created_at",
			 (json_int_t)u->created_at);
}

json_t *json_person(const struct person *p, bool personal)
{
	char rid[MASK_MAX], phone[MASK_MAX];
	mask_resident_id(p->resident_id, rid);
	mask_phone(p->phone, phone);
	return json_pack("{s:I, s:I, s:o, s:s?, s:s?, s:s?, s:s, s:b, s:b, s:I, s:I}",
			 "id", (json_int_t)p->id, "agency_id", (json_int_t)p->agency_id,
			 "unit_id", id_or_null(p->unit_id), "name", p->name,
			 "resident_id", personal ? p->resident_id : rid,
			 "phone", p->phone ? (personal ? p->phone : phone) : NULL,
			 "kind", p->kind == PERSON_ASSISTANT ? "assistant" : "officer",
			 "is_reviewer", (int)p->is_reviewer, "active", (int)p->active,
			 "created_at", (json_int_t)p->created_at,
			 "updated_at", (json_int_t)p->updated_at);
}

void json_certificate_write(struct buf *b, const struct certificate *c, const char *today)
{
	enum cert_status st = certificate_status(c, today);
	int days = certificate_days_left(c, today);
	struct jw w;
	jw_object(&w, b);
	jw_int(&w, "id", c->id);
	jw_str(&w, "number", c->number);
	jw_int(&w, "person_id", c->person_id);
	jw_str(&w, "holder_name", c->holder_name);
	jw_int(&w, "agency_id", c->agency_id);
	jw_str(&w, "agency_name", c->agency_name);
	jw_str(&w, "issuer", c->issuer);
	jw_str(&w, "domains", c->domains);
	jw_str(&w, "issued_on", c->issued_on);
	jw_str(&w, "valid_until", c->valid_until);
	jw_str(&w, "status", cert_status_name(st));
	jw_str(&w, "status_label", cert_status_label(st));
	if (st == CERT_REVOKED || days == INT_MIN)
		jw_null(&w, "days_left");
	else
		jw_int(&w, "days_left", days);
	jw_str(&w, "revoked_on", c->revoked_on[0] ? c->revoked_on : NULL);
	jw_str(&w, "revoke_reason", c->revoke_reason);
	jw_int(&w, "created_at", c->created_at);
	jw_int(&w, "updated_at", c->updated_at);
	jw_end(&w);
}

json_t *json_cert_review(const struct cert_review *r)
{
	return json_pack("{s:I, s:I, s:i, s:b, s:s?, s:s, s:I}", "id", (json_int_t)r->id,
			 "certificate_id", (json_int_t)r->certificate_id, "year", r->year,
			 "passed", (int)r->passed, "note", r->note, "reviewed_on", r->reviewed_on,
			 "created_at", (json_int_t)r->created_at);
}

json_t *json_public_certificate(const struct public_certificate *pc)
{
	return json_pack("{s:s?, s:s?, s:s?, s:s?, s:s?, s:s, s:s, s:s, s:s, s:b}",
			 "number", pc->number, "holder_name", pc->holder_name,
			 "agency_name", pc->agency_name, "issuer", pc->issuer,
			 "domains", pc->domains, "issued_on", pc->issued_on,
			 "valid_until", pc->valid_until, "status", cert_status_name(pc->status),
			 "status_label", cert_status_label(pc->status),
			 "valid", (int)(pc->status == CERT_VALID));
}

json_t *json_reviewer_ratio(const struct reviewer_ratio *r)
{
	/* ceil(officers * 5 / 100) in integers */
	int64_t required = (r->officers * REVIEWER_RATIO_PERCENT + 99) / 100;
	return json_pack("{s:I, s:s?, s:I, s:I, s:I, s:b}", "agency_id",
			 (json_int_t)r->agency_id, "agency_name", r->agency_name, "officers",
			 (json_int_t)r->officers, "reviewers", (json_int_t)r->reviewers,
			 "required", (json_int_t)required, "ok", (int)reviewer_ratio_ok(r));
}

json_t *json_audit_entry(const struct audit_entry *x)
{
	char when[20];
	time_format_local(x->at, when);
	return json_pack("{s:I, s:I, s:s, s:o, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?}",
			 "id", (json_int_t)x->id, "at", (json_int_t)x->at, "at_local", when,
			 "actor_id", id_or_null(x->actor_id), "actor", x->actor,
			 "client_addr", x->client_addr, "action", x->action,
			 "object_type", x->object_type, "object_id", x->object_id,
			 "result", x->result, "message", x->message);
}

json_t *json_audit_change(const struct audit_change *c)
{
	return json_pack("{s:s?, s:s?, s:s?}", "field", c->field, "before", c->before, "after",
			 c->after);
}
