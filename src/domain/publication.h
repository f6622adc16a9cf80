/* publication.h - ex-post publicity (事后公开): a decision made public
 * through one pipeline. Prepared (redacted by rule) when the decision is
 * made, confirmed live by the reviewer, withdrawn with a public notice
 * when the decision is set aside. Plain structs and the status rules; no
 * I/O. */
#ifndef FZ_DOMAIN_PUBLICATION_H
#define FZ_DOMAIN_PUBLICATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum pub_status {
	PUB_PREPARED = 0, /* 待确认: redacted, waiting for the reviewer */
	PUB_LIVE,         /* 已公示 */
	PUB_WITHHELD,     /* 不予公开: a minor party (redaction-rules §2) */
	PUB_WITHDRAWING,  /* 待撤下: the decision was set aside, still public */
	PUB_WITHDRAWN,    /* 已撤下: the public URL shows the notice */
	PUB_CANCELLED,    /* 已作废: set aside before it ever went public */
	PUB_STATUS_COUNT
};

/* "prepared", "live" ... (table and API values); NULL when out of range. */
const char *pub_status_name(enum pub_status s);
/* 待确认, 已公示 ... */
const char *pub_status_label(enum pub_status s);
/* -1 when name is none of them. */
int pub_status_parse(const char *name);
/* Visible on the portal: live, withdrawing (still live) and withdrawn
 * (its notice). */
bool pub_status_public(enum pub_status s);

/* One publication (table publications). Strings in the reader's arena. */
struct publication {
	int64_t id;
	int64_t case_id;
	int64_t event_id;        /* the decision's event */
	int64_t agency_id;
	const char *agency;      /* the agency's name (read only) */
	const char *kind;        /* the case kind: penalty, permit, inspection */
	enum pub_status status;
	const char *title;       /* redacted */
	const char *text;        /* redacted */
	const char *original_title; /* never public */
	const char *original_text;  /* never public */
	const char *number;      /* 文号 of the decision, "" when none */
	char decided_on[11];
	char due_on[11];         /* the publication clock's due date */
	char published_on[11];
	bool late;               /* went live after due_on */
	char end_on[11];         /* leaves the listings after this day, "" */
	const char *withheld_reason;
	char set_aside_on[11];
	char withdraw_due_on[11];
	char withdrawn_on[11];
	const char *withdraw_reason;
	const char *withdraw_basis;
	int64_t created_at, updated_at;
	int hand_masked;         /* spans the reviewer masked beyond the
	                          * automatic redaction at confirmation (the
	                          * portal says so); 0 when none */
};

struct publication_list {
	struct publication *items;
	size_t n;
	int64_t total;
	bool total_more; /* more than total matched (page.count_max) */
};

/* What the public saw, append-only (one ledger leaf each). */
struct publication_event {
	int64_t id;
	int64_t publication_id;
	const char *action;      /* "publish" or "withdraw" */
	char on[11];
	int64_t at;
	int64_t actor_id;
	const char *actor;
	const char *title;       /* publish: the text as published */
	const char *text;
	const char *reason;      /* withdraw: the notice */
	const char *basis;
};

/* A list filter; zero/"" fields do not filter. */
struct publication_filter {
	int status;              /* enum pub_status, -1 any */
	bool public_only;        /* live, withdrawing or withdrawn */
	bool listed_on;          /* with public_only: drop publications whose
	                          * end_on is before today */
	const char *today;       /* for listed_on */
	bool withdrawn_only;     /* withdrawing or withdrawn, by withdrawn_on */
	int64_t agency_id;
	int64_t case_id;         /* one case's publications */
	const char *kind;
	const char *from, *to;   /* published_on (withdrawn_on) range, inclusive */
	bool newest_first;
};

/* The sentence the portal shows with a text the reviewer masked further
 * at confirmation, n spans: 本文在自动隐去个人信息之外，经审核人员另行隐去
 * n 处。 Written to out (cap bytes, 128 is enough); "" when n <= 0. */
void pub_hand_masked_note(int n, char *out, size_t cap);

/* Whether a natural person whose resident ID is id (18 characters,
 * valid check character) was under 18 on day (YYYY-MM-DD), by the birth
 * date inside the ID (GB 11643, characters 7-14). A minor party's
 * decision is not published (redaction-rules §2; 未成年人保护法 art 103).
 * False for anything else (no ID, an organisation's code). */
bool pub_minor_on(const char *id, const char *day);

#define PUB_WITHDRAW_BASIS "《中华人民共和国行政处罚法》第四十八条第二款"
#define PUB_WITHDRAW_BASIS_DECISION                                                    \
	"《重大行政决策程序暂行条例》第三十七条：依法作出的重大行政决策，未经法定程序不得" \
	"随意变更或者停止执行"

/* The legal basis a withdrawal notice of a case of kind k names: a major
 * decision stopped or changed by statutory procedure (art 37), otherwise
 * a decision changed, revoked or declared unlawful (行政处罚法 art 48). */
const char *pub_withdraw_basis(int kind);

#endif
