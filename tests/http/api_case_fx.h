/* api_case_fx.h - the demo county with its holiday calendar for case API
 * tests: the people of 海原县自然资源局 by role, days counted back from
 * today (demo certificates cover the last ~450 days), and checks that an
 * action went through, or was blocked by a named gate changing nothing. */
#ifndef FZ_TESTS_HTTP_API_CASE_FX_H
#define FZ_TESTS_HTTP_API_CASE_FX_H

#include <stdint.h>

#include "api_fixture.h"
#include "domain/model.h"

struct case_fx {
	struct t_demo d;
	char today[FZ_DATE_LEN];
	int64_t p_officer1, p_officer2; /* person ids of the demo accounts */
	int64_t p_reviewer;             /* reviewer1's person */
	int64_t p_other;                /* a third certified officer (hearing host) */
	int64_t p_assistant;            /* an assistant: no certificate */
};

/* Starts the demo county, loads the built-in holiday calendar and finds
 * the people. False after t_fail. */
bool cfx_start(struct case_fx *f);
void cfx_stop(struct case_fx *f);

/* today + offset days, in a buffer that lasts until the next 8 calls. */
const char *cfx_day(struct case_fx *f, int offset);

/* POST /api/v1/cases as who; the new case's id, or -1 after t_fail. */
int64_t cfx_open(const char *file, int line, struct case_fx *f, const char *who,
		 const char *body);
#define CFX_OPEN(f, who, body) cfx_open(__FILE__, __LINE__, (f), (who), (body))

/* A simplified-procedure penalty (当场处罚: a fine of 100 yuan) opened
 * by officer1 with officer2, entered late on today + on; its id, or -1
 * after t_fail. */
int64_t cfx_open_simplified(const char *file, int line, struct case_fx *f, int on);
#define CFX_OPEN_SIMPLIFIED(f, on) cfx_open_simplified(__FILE__, __LINE__, (f), (on))

/* 立案审批: head1 approves the opening of case id on day (a late entry
 * with its reason when day is before today); the event id or -1. */
int64_t cfx_approve(const char *file, int line, struct case_fx *f, int64_t id, const char *day);
#define CFX_APPROVE(f, id, day) cfx_approve(__FILE__, __LINE__, (f), (id), (day))

/* POST /api/v1/cases/{id}/steps as who, expecting 201; the event id, or
 * -1 after t_fail. */
int64_t cfx_step(const char *file, int line, struct case_fx *f, const char *who, int64_t id,
		 const char *body);
#define CFX_STEP(f, who, id, body) cfx_step(__FILE__, __LINE__, (f), (who), (id), (body))

/* POST .../steps (id > 0) or POST /api/v1/cases (id 0) as who, expecting
 * the refusal: status, error.field == gate, a message containing words,
 * the gate listed as not passed in "gates", and the case's events,
 * state and documents with their numbers (or the number of cases)
 * unchanged. */
void cfx_blocked(const char *file, int line, struct case_fx *f, const char *who, int64_t id,
		 const char *body, long status, const char *gate, const char *words);
#define CFX_BLOCKED(f, who, id, body, status, gate, words) \
	cfx_blocked(__FILE__, __LINE__, (f), (who), (id), (body), (status), (gate), (words))

/* The case's documents as "id:kind:number;" items (to compare before and
 * after), into out. */
const char *cfx_documents(struct case_fx *f, int64_t id, char *out, size_t n);
/* The id of the one demo case whose title contains title, or -1. */
int64_t cfx_case_titled(struct case_fx *f, const char *title);

/* GET path as who, parsed; NULL after t_fail. The caller json_decref()s. */
json_t *cfx_get(struct case_fx *f, const char *who, const char *path);
/* Events of a case (seen by the supervisor); -1 on error. */
int64_t cfx_event_count(struct case_fx *f, int64_t id);
/* The case's state as GET shows it, into out ("" when none). */
const char *cfx_state(struct case_fx *f, int64_t id, char *out, size_t n);
/* The clock of a case as GET .../deadlines shows it (a new reference), or
 * NULL. */
json_t *cfx_clock(struct case_fx *f, int64_t id, const char *clock);
/* The publication of case_id in status ("prepared" ...) as the
 * supervisor sees it, 0 when none. */
int64_t cfx_publication_of(struct case_fx *f, int64_t case_id, const char *status);
/* Confirms the case's prepared publication as who (POST
 * /api/v1/publications/{id}/confirm); its id, -1 after a failure. */
int64_t cfx_publish(const char *file, int line, struct case_fx *f, const char *who,
		    int64_t case_id);
#define CFX_PUBLISH(f, who, id) cfx_publish(__FILE__, __LINE__, f, who, id)
/* Creates 中宁县's justice bureau (division 640521, beside the demo
 * county's 6405xx) with its supervisor zn_supervisor, signed in: token
 * and csrf (65 bytes each). false after t_fail. */
bool cfx_other_division_supervisor(const char *file, int line, struct case_fx *f, char *token,
				   char *csrf);
#define CFX_OTHER_SUPERVISOR(f, token, csrf) \
	cfx_other_division_supervisor(__FILE__, __LINE__, f, token, csrf)

#endif
