/* compose.h - what the composers of documents share (internal to
 * docgen/): dates, times, periods and money in words, the party's lines,
 * the names of the people the record names, the penalty in words, the
 * evidence the record lists, the earlier events a document recounts, and
 * the sentences on payment and remedies. One composer per document kind. */
#ifndef FZ_DOCGEN_COMPOSE_H
#define FZ_DOCGEN_COMPOSE_H

#include "docgen/docgen.h"

/* "2026-01-20" → "2026年1月20日" (GB/T 9704: Arabic numerals, no
 * padding); "" for anything else. In the model's arena. */
const char *compose_date(struct doc_model *m, const char *ymd);
/* "。" unless text already ends a sentence (。！？；): what follows a
 * text the officer wrote. */
const char *compose_stop(const char *text);
/* "09:30" → "9时30分", "14:00" → "14时"; "" for anything else. */
const char *compose_time(struct doc_model *m, const char *hhmm);
/* "人民币5000元（大写：伍仟元整）". */
const char *compose_money(struct doc_model *m, int64_t fen);
/* 1..99 in Chinese numerals: "五", "十五", "六十"; others in digits. */
const char *compose_number(struct doc_model *m, int n);
/* "五个工作日", "十五日", "六十日", "三个月". */
const char *compose_period(struct doc_model *m, struct proc_period p);
/* The case as a matter: "非法占用土地一案" (a title ending in 案 is not
 * doubled: "非法占用土地案一案"). */
const char *compose_matter(struct doc_model *m, const struct docgen_input *in);
/* 你 (a citizen) or 你单位 (an organisation). */
const char *compose_you(const struct docgen_input *in);
/* The value of key on the producing event, or "" (never NULL). */
const char *compose_field(const struct docgen_input *in, const char *key);
/* The party's lines: name, identifier, address (DOC_LINE blocks). */
void compose_party(struct doc_model *m, const struct docgen_input *in);
/* Names of the event's officers joined by "、" ("" when none). */
const char *compose_officers(struct doc_model *m, const struct docgen_input *in,
			     const struct case_event *ev);
/* The same, each with the certificate number where the person has one:
 * "马建国（执法证号：64052200011）、李明（执法证号：64052200012）". */
const char *compose_officers_certified(struct doc_model *m, const struct docgen_input *in,
				       const struct case_event *ev);
/* The name of person id (or "人员 #id"). */
const char *compose_person(struct doc_model *m, const struct docgen_input *in, int64_t id);
/* The person whose id is the value of field key of ev ("" when none). */
const char *compose_person_field(struct doc_model *m, const struct docgen_input *in,
				 const struct case_event *ev, const char *key);
/* Whether field key of ev says yes ("1", "yes", "true"). */
bool compose_yes(const struct case_event *ev, const char *key);
/* The latest event of step before the producing event, or NULL. */
const struct case_event *compose_before(const struct docgen_input *in, const char *step);
/* The latest event before the producing one of a step that decides (the
 * penalty decision a later document refers to), or NULL. */
const struct case_event *compose_decision_before(const struct docgen_input *in);
/* The penalty stated on ev in words: "罚款人民币5000元（大写：伍仟元整）；
 * 没收违法所得人民币3000元（大写：叁仟元整）；吊销许可证件（采矿许可证
 * C64…）" (the licence from ev's field `licence`). */
const char *compose_penalty(struct doc_model *m, const struct docgen_input *in,
			    const struct case_event *ev);
/* "上述事实，有……等证据证实。" from the record before ev, or NULL when
 * the record lists no evidence. */
const char *compose_evidence(struct doc_model *m, const struct docgen_input *in);
/* The heading lines every document starts with and its signature. */
void compose_head(struct doc_model *m, const struct docgen_input *in);

/* "海原县人民法院", or "人民法院" when the agency named none. */
const char *compose_court(const struct docgen_input *in);
/* How a fine is paid: "缴至中国农业银行海原县支行（户名：…，账号：…）" or
 * "缴至本机关指定的银行" when the agency set no account; then "或者通过
 * 电子支付系统缴纳" (行政处罚法 art 67). */
const char *compose_payment_manner(struct doc_model *m, const struct docgen_input *in);
/* "每日按罚款数额的百分之三加处罚款，加处罚款的数额不超出罚款的数额". */
const char *compose_surcharge_rule(struct doc_model *m, const struct docgen_input *in);
/* The remedies paragraph (art 59 item 5). what: "处罚决定". With
 * REMEDY_RECONSIDERATION_FIRST (行政复议法 art 23: on-the-spot penalties)
 * the party must apply for reconsideration before any suit; otherwise
 * either route is open. REMEDY_PENALTY adds that the penalty is carried
 * out meanwhile (行政处罚法 art 73). */
enum {
	REMEDY_RECONSIDERATION_FIRST = 1u << 0,
	REMEDY_PENALTY = 1u << 1,
};
void compose_remedies(struct doc_model *m, const struct docgen_input *in, const char *what,
		      unsigned flags);

/* The composers (compose_forms.c, compose_penalty.c, compose_decision.c,
 * compose_execution.c, compose_measures.c). */
void compose_opening_approval(struct doc_model *m, const struct docgen_input *in);
void compose_service_receipt(struct doc_model *m, const struct docgen_input *in);
void compose_advance_notice(struct doc_model *m, const struct docgen_input *in);
void compose_hearing_notice(struct doc_model *m, const struct docgen_input *in);
void compose_penalty_decision(struct doc_model *m, const struct docgen_input *in);
void compose_no_penalty_decision(struct doc_model *m, const struct docgen_input *in);
void compose_onsite_decision(struct doc_model *m, const struct docgen_input *in);
void compose_demand_notice(struct doc_model *m, const struct docgen_input *in);
void compose_deferment_approval(struct doc_model *m, const struct docgen_input *in);
void compose_preservation_notice(struct doc_model *m, const struct docgen_input *in);
void compose_recusal_decision(struct doc_model *m, const struct docgen_input *in);
void compose_revocation_decision(struct doc_model *m, const struct docgen_input *in);
void compose_supervision_urge(struct doc_model *m, const struct docgen_input *in);
void compose_supervision_decision(struct doc_model *m, const struct docgen_input *in);
void compose_normative_text(struct doc_model *m, const struct docgen_input *in);
/* compose_review.c */
void compose_legality_opinion(struct doc_model *m, const struct docgen_input *in);
void compose_fair_competition_form(struct doc_model *m, const struct docgen_input *in);
void compose_filing_report(struct doc_model *m, const struct docgen_input *in);
void compose_comment_adoption(struct doc_model *m, const struct docgen_input *in);
void compose_opinion_adoption(struct doc_model *m, const struct docgen_input *in);

#endif
