/* compose.h - what the composers of documents share (internal to
 * docgen/): dates and periods in words, the party's lines, the names of
 * the people the record names, the penalty in words, the evidence the
 * record lists. One composer per document kind. */
#ifndef FZ_DOCGEN_COMPOSE_H
#define FZ_DOCGEN_COMPOSE_H

#include "docgen/docgen.h"

/* "2026-01-20" → "2026年1月20日" (GB/T 9704: Arabic numerals, no
 * padding); "" for anything else. In the model's arena. */
const char *compose_date(struct doc_model *m, const char *ymd);
/* "五个工作日", "十五日", "六十日", "三个月". */
const char *compose_period(struct doc_model *m, struct proc_period p);
/* 你 (a citizen) or 你单位 (an organisation). */
const char *compose_you(const struct docgen_input *in);
/* The value of key on the producing event, or "" (never NULL). */
const char *compose_field(const struct docgen_input *in, const char *key);
/* The party's lines: name, identifier, address (DOC_LINE blocks). */
void compose_party(struct doc_model *m, const struct docgen_input *in);
/* Names of the event's officers joined by "、" ("" when none). */
const char *compose_officers(struct doc_model *m, const struct docgen_input *in,
			     const struct case_event *ev);
/* The name of person id (or "人员 #id"). */
const char *compose_person(struct doc_model *m, const struct docgen_input *in, int64_t id);
/* The penalty stated on ev in words: "罚款人民币5000元（大写：伍仟元整）；
 * 没收违法所得人民币3000元（大写：叁仟元整）". */
const char *compose_penalty(struct doc_model *m, const struct docgen_input *in,
			    const struct case_event *ev);
/* "上述事实，有……等证据证实。" from the record before ev, or NULL when
 * the record lists no evidence. */
const char *compose_evidence(struct doc_model *m, const struct docgen_input *in);
/* The heading lines every document starts with and its signature. */
void compose_head(struct doc_model *m, const struct docgen_input *in);

/* The composers (compose_forms.c, compose_penalty.c). */
void compose_opening_approval(struct doc_model *m, const struct docgen_input *in);
void compose_service_receipt(struct doc_model *m, const struct docgen_input *in);
void compose_advance_notice(struct doc_model *m, const struct docgen_input *in);
void compose_hearing_notice(struct doc_model *m, const struct docgen_input *in);
void compose_penalty_decision(struct doc_model *m, const struct docgen_input *in);
void compose_no_penalty_decision(struct doc_model *m, const struct docgen_input *in);
void compose_onsite_decision(struct doc_model *m, const struct docgen_input *in);

#endif
