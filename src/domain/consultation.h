/* consultation.h - the rules of public comment on a draft (公开征求意见):
 * what a member of the public may send (checked text, sizes), the receipt
 * number it gets, the handling actions a drafting unit takes on a comment
 * (hide with a reason, show again, record its adoption) and a comment's
 * standing as the latest of them. A period is open while a matter has a
 * comment_open step and no comment_close after it: keyed by those step
 * names, never by procedure, so that every definition that names them
 * (normative documents, major decisions) gets the same portal. */
#ifndef FZ_DOMAIN_CONSULTATION_H
#define FZ_DOMAIN_CONSULTATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "domain/model.h"

#define CONSULT_OPEN_STEP "comment_open"
#define CONSULT_CLOSE_STEP "comment_close"

/* Sizes in characters: a comment of a few pages; a name and a way to
 * reach the sender, both optional. */
#define COMMENT_BODY_MAX 3000
#define COMMENT_NAME_MAX 50
#define COMMENT_CONTACT_MAX 100
#define COMMENT_REASON_MAX 500

/* "YJ20261206-" + 8 random letters + 1 check character; a review
 * request's begins "SC". */
#define COMMENT_RECEIPT_RANDOM 8
#define COMMENT_RECEIPT_LEN 20

enum comment_action {
	COMMENT_SUBMIT = 1, /* the public sent it */
	COMMENT_HIDE,       /* not shown on the portal, with a reason */
	COMMENT_SHOW,       /* shown again, with a reason */
	COMMENT_ADOPT,      /* 采纳 */
	COMMENT_PARTLY,     /* 部分采纳 */
	COMMENT_NOT_ADOPT,  /* 未采纳, with a reason */
	COMMENT_ANSWER,     /* a review request answered by the justice bureau */
};
const char *comment_action_name(enum comment_action a);
const char *comment_action_label(enum comment_action a);
/* 0 when name is none of them. */
int comment_action_parse(const char *name);
/* Whether a is one of the adoption decisions. */
bool comment_action_is_adoption(enum comment_action a);

/* What the public sends. */
struct comment_input {
	const char *name;    /* may be NULL or "" */
	const char *contact; /* may be NULL or "" */
	const char *body;
};

/* Checks in: body present, every text valid UTF-8 without control
 * characters (line breaks and tabs allowed), within its size. FZ_INVALID
 * naming the field, with a Chinese message. */
enum fz_err comment_input_check(const struct comment_input *in, struct fz_error *e)
	FZ_MUST_CHECK;

/* A handling action's reason: required for hide, show and not_adopt,
 * optional for the others; checked like a comment's text. */
enum fz_err comment_reason_check(enum comment_action a, const char *reason,
				 struct fz_error *e) FZ_MUST_CHECK;

/* A receipt for day ("YYYY-MM-DD") from COMMENT_RECEIPT_RANDOM random
 * bytes, beginning "SC" for a review request, else "YJ"; the last
 * character is a check over the rest. */
void comment_receipt_make(bool review, const char *day,
			  const unsigned char rnd[COMMENT_RECEIPT_RANDOM],
			  char out[COMMENT_RECEIPT_LEN + 1]);
/* Whether s is a well-formed receipt (its check character right). */
bool comment_receipt_valid(const char *s);
/* s as typed (spaces dropped, letters upper-cased) into out; false when
 * it is not a well-formed receipt. */
bool comment_receipt_normalize(const char *s, char out[COMMENT_RECEIPT_LEN + 1]);

/* Sizes of a review request (审查建议): what the person asks and why. */
#define REVIEW_BODY_MAX 3000
#define REVIEW_ANSWER_MAX 3000

/* A comment as stored, with its standing (the latest hide/show and the
 * latest adoption decision, read from its events). */
struct public_comment {
	int64_t id;
	int64_t case_id;
	bool review;               /* a review request (审查建议), not a comment */
	char due_on[FZ_DATE_LEN];  /* review: the answer's due day */
	const char *answer;        /* review: the answer, "" while none */
	char answered_on[FZ_DATE_LEN];
	const char *answered_by;
	int64_t open_event;        /* the comment_open event it answers */
	char receipt[COMMENT_RECEIPT_LEN + 1];
	char received_on[FZ_DATE_LEN];
	const char *name;
	const char *contact;
	const char *body;
	const char *client_key;
	int64_t at;
	/* standing */
	bool hidden;
	const char *hidden_reason; /* "" unless hidden */
	const char *hidden_by;     /* who hid it, "" unless hidden */
	char hidden_on[FZ_DATE_LEN];
	int adoption;              /* enum comment_action or 0: not yet decided */
	const char *adoption_note;
};

/* One fact about a comment (append-only, a ledger leaf). */
struct comment_event {
	int64_t id;
	int64_t comment_id;
	int64_t case_id;
	const char *action;        /* comment_action_name */
	char on[FZ_DATE_LEN];
	int64_t at;
	int64_t actor_id;          /* 0 = the public */
	const char *actor;
	const char *text;          /* submit: the comment; else the reason */
};

/* Counts over one period's comments. */
struct comment_counts {
	int64_t received;   /* every comment, hidden ones too */
	int64_t hidden;
	int64_t adopted;    /* adopt */
	int64_t partly;     /* partly */
	int64_t not_adopted;
	int64_t undecided;  /* shown and without an adoption decision */
};
void comment_counts_add(struct comment_counts *c, const struct public_comment *pc);

#endif
