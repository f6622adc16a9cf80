/* case.h - an enforcement case (案件) and its events, as plain structs.
 *
 * A case is the record of one procedure instance; everything that happens
 * to it is an event (a step of its procedure definition, or a correction).
 * Events are appended, never changed: the case's state, its gates and its
 * deadlines are all derived from them. Each event carries its data as
 * key/value fields and the people (officers) who took part. Strings are
 * owned by whoever allocated the struct (normally the request arena). */
#ifndef FZ_DOMAIN_CASE_H
#define FZ_DOMAIN_CASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/model.h"

/* The kind of administrative act (GLOSSARY: 执法类别). */
enum case_kind {
	CASE_PENALTY = 1,    /* 行政处罚 */
	CASE_INSPECTION = 2, /* 行政检查 */
	CASE_PERMIT = 3,     /* 行政许可 */
	CASE_COERCION = 4,   /* 行政强制 */
	CASE_NORMATIVE = 5,  /* 行政规范性文件: a matter (事项) without a
	                      * party, drafted by units (`subject matter`) */
	CASE_MAJOR_DECISION = 6, /* 重大行政决策: a matter, proposed by a unit
	                          * and decided by a government (docs/DECISIONS.md) */
};
#define CASE_KIND_LAST CASE_MAJOR_DECISION

/* Whether cases of kind k are matters (事项) without a party. */
static inline bool case_kind_is_matter(enum case_kind k)
{
	return k == CASE_NORMATIVE || k == CASE_MAJOR_DECISION;
}

enum party_kind {
	PARTY_NONE = 0,         /* a matter (事项): no party, name and id empty */
	PARTY_CITIZEN = 1,      /* 公民: resident id number */
	PARTY_ORGANISATION = 2, /* 法人或其他组织: USCC */
};

struct enf_case {
	int64_t id;
	char *number;              /* case number, unique per agency and year */
	int64_t agency_id;
	char *procedure;           /* definition id, e.g. "penalty_general" */
	enum case_kind kind;
	char *domain;              /* enforcement domain; officers' certificates
	                            * must cover it */
	char *matter;              /* enforcement matter (benchmark) id, "" if none */
	char *title;               /* 案由; a matter's subject (标题) */
	enum party_kind party_kind;
	char *party_name;
	char *party_id;            /* USCC or resident id, validated */
	char *party_address;       /* may be "" */
	char act_date[FZ_DATE_LEN];  /* day of the act, or its end if continuing */
	char opened_on[FZ_DATE_LEN]; /* "" until the case is opened */
	char *state;               /* id of the last step taken, "" before any */
	bool closed;
	int64_t created_by;        /* user id */
	int64_t created_at;
	int64_t updated_at;
	/* Joined for display by storage: */
	char *agency_name;
	char status_on[FZ_DATE_LEN]; /* the day its derived status (store
	                              * case_status) holds for, "" none */
};

/* One item of event data: "amount" = "5000", "facts" = "...". */
struct case_field {
	const char *key;
	const char *value;
};

struct case_event {
	int64_t id;
	int64_t case_id;
	int seq;                   /* 1, 2, 3 ... within the case */
	const char *step;          /* step id of the definition, or "correction" */
	char on[FZ_DATE_LEN];      /* the day the act took place */
	int64_t at;                /* when it was recorded */
	int64_t actor_id;          /* user who recorded it */
	const char *actor;         /* username */
	const char *actor_name;    /* the account's display name as read from
	                            * the store, for people to read ("" or NULL
	                            * when none); not part of the record */
	int64_t corrects;          /* id of the event a correction corrects, or 0 */
	const char *reason;        /* why (corrections, extensions ...), may be "" */
	const struct case_field *fields;
	size_t nfields;
	const int64_t *officers;   /* person ids who took part (investigators,
	                            * hearing host ...), may be none */
	size_t nofficers;
};

/* The most people one event may name as its officers: one limit for the
 * definitions (`officers N`), the app, the API and the pages. */
#define CASE_OFFICERS_MAX 12

/* The value of field key of ev, or NULL. */
const char *case_event_field(const struct case_event *ev, const char *key);

#endif
