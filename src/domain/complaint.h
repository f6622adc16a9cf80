/* complaint.h - complaints about enforcement (投诉举报, issue 12 §5):
 * the states a complaint passes through, who may move it and to where,
 * what a filing must hold, and the receipt number the public tracks it
 * with. Plain structs and rules; no I/O. docs/COMPLAINTS.md tells the
 * whole flow. */
#ifndef FZ_DOMAIN_COMPLAINT_H
#define FZ_DOMAIN_COMPLAINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "domain/model.h"

enum complaint_state {
	CMP_RECEIVED = 1, /* 待受理: the justice bureau decides to accept */
	CMP_NOT_ACCEPTED, /* 不予受理: final, with the reason */
	CMP_ASSIGNED,     /* 办理中: accepted and with the responsible agency
	                   * (or the bureau itself); also after a return */
	CMP_REPLIED,      /* 已答复: the bureau checks the reply */
	CMP_CLOSED,       /* 已办结: the reply stands; the public sees it */
};

enum complaint_channel {
	CMP_CH_PORTAL = 1, /* 网上投诉 (the public filed it) */
	CMP_CH_PHONE,      /* 电话 */
	CMP_CH_LETTER,     /* 来信 */
	CMP_CH_HOTLINE,    /* 12345 热线转办 */
	CMP_CH_VISIT,      /* 来访 */
};

enum complaint_action {
	CMP_ACT_FILE = 1, /* 登记 */
	CMP_ACT_ACCEPT,   /* 受理并交办 (the agency, or the bureau itself) */
	CMP_ACT_REJECT,   /* 不予受理 (reason) */
	CMP_ACT_REPLY,    /* 答复 (the responsible agency's head or legal unit) */
	CMP_ACT_RETURN,   /* 退回重办 (reason): the reply is unsatisfactory */
	CMP_ACT_CLOSE,    /* 办结 */
};

/* Limits of what a person types, in characters (not bytes). */
#define CMP_NAME_MAX 50
#define CMP_FACTS_MIN 10
#define CMP_FACTS_MAX 2000
#define CMP_REQUEST_MAX 1000
#define CMP_OFFICER_MAX 50
#define CMP_CASE_NUMBER_MAX 60
#define CMP_TEXT_MAX 4000    /* a reply */
#define CMP_REASON_MAX 1000  /* a refusal or return reason */
/* "TS20261206-" + 10 random characters + 1 check character. */
#define CMP_RECEIPT_LEN 22
#define CMP_RECEIPT_RANDOM 10

/* Table and API names ("received", "portal", "accept") and the labels
 * people read (待受理, 网上投诉, 受理并交办); NULL when out of range.
 * parse: 0 when unknown. Static storage. */
const char *complaint_state_name(enum complaint_state s);
const char *complaint_state_label(enum complaint_state s);
int complaint_state_parse(const char *name);
const char *complaint_channel_name(enum complaint_channel c);
const char *complaint_channel_label(enum complaint_channel c);
int complaint_channel_parse(const char *name);
const char *complaint_action_name(enum complaint_action a);
const char *complaint_action_label(enum complaint_action a);
int complaint_action_parse(const char *name);

/* Whether action may be taken in state s (the pages offer only these). */
bool complaint_action_allowed(enum complaint_state s, enum complaint_action a);
/* The state action leads to from s (call only when allowed). */
enum complaint_state complaint_state_after(enum complaint_state s, enum complaint_action a);

/* Who may take an action: the justice bureau (a supervisor over the
 * complained agency's division) accepts, refuses, returns and closes;
 * the reply is the responsible agency's head or legal reviewer (法制审核
 * 人员, the legal unit), or the bureau's when it handles the complaint
 * itself. roles: the user's role bits; own_agency: the user's agency is
 * the responsible one. */
bool complaint_role_may(unsigned roles, bool own_agency, enum complaint_action a);

/* One complaint (table complaints). Strings in the reader's arena. */
struct complaint {
	int64_t id;
	char receipt[CMP_RECEIPT_LEN + 2];
	enum complaint_channel channel;
	char received_on[FZ_DATE_LEN];
	const char *name;          /* "" when anonymous */
	const char *phone;
	bool anonymous;
	int64_t agency_id;         /* the agency complained about */
	const char *agency;        /* its name (read only) */
	const char *division_code; /* its division (read only) */
	const char *cert_number;   /* normalised, "" when none */
	const char *officer_name;
	const char *case_number;
	const char *facts;         /* what happened */
	const char *request;       /* what is asked */
	enum complaint_state state;
	int64_t handler_id;        /* the responsible agency, 0 until accepted */
	const char *handler;       /* its name (read only) */
	char accept_due[FZ_DATE_LEN];
	char accepted_on[FZ_DATE_LEN];
	char due_on[FZ_DATE_LEN];
	bool provisional;          /* a due date over an uncovered calendar year */
	const char *reply;
	char replied_on[FZ_DATE_LEN];
	char closed_on[FZ_DATE_LEN];
	const char *reason;
	const char *client_key;
	int64_t created_by;
	int64_t created_at, updated_at;
};

struct complaint_list {
	struct complaint *items;
	size_t n;
	int64_t total;
	bool total_more; /* more than total matched (page.count_max) */
};

/* What happened to a complaint (table complaint_events). */
struct complaint_event {
	int64_t id;
	int64_t complaint_id;
	const char *action;        /* complaint_action_name */
	char on[FZ_DATE_LEN];
	int64_t at;
	int64_t actor_id;
	const char *actor;         /* username, as recorded */
	const char *actor_name;    /* the account's display name as read from
	                            * the store, for people to read ("" when
	                            * none); not part of the record */
	int64_t agency_id;         /* accept: the agency assigned */
	const char *text;
	const char *state;         /* complaint_state_name after it */
};

/* A list's filter; zero values do not filter. */
struct complaint_filter {
	int64_t agency_id;         /* complained about, or responsible */
	int state;                 /* enum complaint_state, 0 = any */
	bool overdue;              /* open past its due date on `today` */
	bool open;                 /* received, assigned or replied */
	char today[FZ_DATE_LEN];   /* for overdue */
	int64_t handler_id;        /* responsible agency */
	/* the justice bureau's turn: received or replied, or assigned to
	 * bureau_agency (its own handling) */
	bool bureau_turn;
	int64_t bureau_agency;
	struct id_set only;        /* these complaints only (an indicator's side) */
	struct list_sort sort;     /* enum complaint_sort */
};

enum complaint_sort { COMPLAINT_SORT_RECEIPT = 1, COMPLAINT_SORT_RECEIVED, COMPLAINT_SORT_AGENCY,
		      COMPLAINT_SORT_STATE, COMPLAINT_SORT_HANDLER, COMPLAINT_SORT_DUE,
		      COMPLAINT_SORT_COUNT };

/* What a person files. Fields may be NULL (= ""). */
struct complaint_input {
	const char *name;
	const char *phone;
	bool anonymous;
	int64_t agency_id;
	const char *cert_number;   /* as typed; normalised into cert_out */
	const char *officer_name;
	const char *case_number;
	const char *facts;
	const char *request;
	const char *channel;       /* staff entry: phone, letter, hotline, visit */
	const char *received_on;   /* staff entry: the day it came in */
};

/* Checks a filing: lengths, a plausible phone (mobile 1XXXXXXXXXX or a
 * landline 0XXX-XXXXXXX, spaces and hyphens allowed), a name unless
 * anonymous, a phone unless anonymous, valid UTF-8 without control
 * characters except line breaks. FZ_INVALID naming the field with a
 * Chinese message. The certificate number is normalised into cert_out
 * (size cap; "" when none given). phone_out gets the digits of the phone. */
enum fz_err complaint_input_check(const struct complaint_input *in, char *cert_out,
				  size_t cap, char phone_out[24], struct fz_error *e)
	FZ_MUST_CHECK;

/* A text an official writes (reply, reason): required, at most max
 * characters. FZ_INVALID naming field. */
enum fz_err complaint_text_check(const char *text, size_t max, const char *field,
				 const char *label, struct fz_error *e) FZ_MUST_CHECK;

/* The receipt number for day (YYYY-MM-DD) from CMP_RECEIPT_RANDOM random
 * bytes: "TS" + YYYYMMDD + "-" + 10 characters of the 32-letter alphabet
 * 23456789ABCDEFGHJKMNPQRSTUVWXYZ (no 0/O, 1/I/L) + a check character
 * (Luhn mod 32), so that a mistyped number is told apart from an unknown
 * one and the 50 random bits cannot be enumerated. */
void complaint_receipt_make(const char *day, const unsigned char rnd[CMP_RECEIPT_RANDOM],
			    char out[CMP_RECEIPT_LEN + 1]);
/* Normalises a receipt as people type it (spaces removed, lower case
 * raised, O read as 0 is not allowed: the alphabet has none) into out;
 * false when it is not a well-formed receipt with a right check
 * character. */
bool complaint_receipt_normalize(const char *in, char out[CMP_RECEIPT_LEN + 1]);

/* Whether complaint c is overdue on today: waiting for acceptance past
 * accept_due, or with its agency past due_on. */
bool complaint_overdue(const struct complaint *c, const char *today);
/* The due date that runs now ("" when none): accept_due while received,
 * due_on while assigned. */
const char *complaint_due_now(const struct complaint *c);

/* --- attachments to a filing (complaint_attach.c) ---
 * Our choice, no rule we hold sets them: photos and scanned papers a
 * person has, small enough for a phone's upload. */
#define CMP_FILES_MAX 3                         /* files per complaint */
#define CMP_FILE_MAX ((int64_t)5 << 20)         /* bytes of one file */
#define CMP_FILES_TOTAL_MAX ((int64_t)10 << 20) /* bytes of them all */
#define CMP_FILE_NAME_MAX 100                   /* characters */
#define CMP_FILE_HEAD 8                         /* bytes the type is read from */

/* An attachment as stored: content-addressed like evidence. */
struct complaint_attachment {
	int64_t id, complaint_id;
	char digest[129];        /* hex, the ledger's hash */
	int64_t size;
	const char *file_name;
	const char *media_type;  /* read from the content, never the sender's */
	int64_t created_at;
};

/* The media type the first n bytes of a file show, by their signature:
 * "image/jpeg", "image/png" or "application/pdf"; NULL for anything else
 * (what the sender calls it is never believed). */
const char *complaint_attachment_type(const unsigned char *head, size_t n);
/* The file's name as sent (a path's last part is taken by the caller):
 * 1..CMP_FILE_NAME_MAX characters of valid UTF-8, no control characters,
 * no bidirectional controls (U+200E/F, U+202A-E, U+2066-9, U+061C: they
 * make "photo<U+202E>gpj.exe" read as "photoexe.jpg"), no / \ or quotes, and an
 * extension that matches type. FZ_INVALID naming field with a Chinese
 * message that names the file. */
enum fz_err complaint_attachment_name_check(const char *name, const char *type,
					    const char *field, struct fz_error *e) FZ_MUST_CHECK;

#endif
