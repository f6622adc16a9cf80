/* people.h - use cases for officers and assistants (people), accounts,
 * certificates with their annual reviews, and the reviewer ratio check.
 * Same conventions as org.h. */
#ifndef FZ_APP_PEOPLE_H
#define FZ_APP_PEOPLE_H

#include "app/app.h"

struct person_input {
	int64_t agency_id;   /* create: required; update: 0 unchanged */
	int64_t unit_id;     /* 0 none / unchanged; -1 clears on update */
	const char *name;
	const char *resident_id;
	const char *phone;   /* "" clears on update */
	int kind;            /* enum person_kind; 0 unchanged */
	int is_reviewer;     /* -1 unchanged */
	int active;          /* -1 unchanged */
};
enum fz_err app_person_create(struct app_ctx *ctx, const struct person_input *in,
			      struct person *out, struct fz_error *e);
enum fz_err app_person_update(struct app_ctx *ctx, int64_t id, const struct person_input *in,
			      struct person *out, struct fz_error *e);
enum fz_err app_person_get(struct app_ctx *ctx, int64_t id, struct person *out,
			   struct fz_error *e);
enum fz_err app_person_list(struct app_ctx *ctx, const struct person_filter *f,
			    struct page pg, struct person_list *out, struct fz_error *e);
/* 法制审核人员 at least 5% of officers, per agency in scope. */
#define REVIEWER_RATIO_PERCENT 5
bool reviewer_ratio_ok(const struct reviewer_ratio *r);
enum fz_err app_reviewer_ratios(struct app_ctx *ctx, struct page pg,
				struct reviewer_ratio_list *out, struct fz_error *e);

/* Accounts. Created by sysadmin without roles and with a first password
 * that must be changed at first sign-in; roles are assigned by secadmin. */
struct user_input {
	const char *username;      /* create only */
	const char *display_name;
	const char *password;      /* create: required; update: reset when set */
	int64_t agency_id;         /* 0 none / unchanged; -1 clears on update */
	int64_t person_id;         /* 0 none / unchanged; -1 clears on update */
	int disabled;              /* -1 unchanged */
	/* For the shell and seeding only (ctx->cli): roles at creation and
	 * whether the first password must be changed. */
	unsigned roles;
	int must_change_password;  /* -1 default (true) */
};
enum fz_err app_user_create(struct app_ctx *ctx, const struct user_input *in,
			    struct user *out, struct fz_error *e);
enum fz_err app_user_update(struct app_ctx *ctx, int64_t id, const struct user_input *in,
			    struct user *out, struct fz_error *e);
enum fz_err app_user_set_roles(struct app_ctx *ctx, int64_t id, unsigned roles,
			       struct user *out, struct fz_error *e);
/* Resets the password of a business account to a random temporary one,
 * written to out: its holder can do nothing but choose a new one. Ends
 * the account's sessions and lifts a lock; audited as user.update. An
 * administrator's account is FZ_FORBIDDEN (only the shell resets it). */
#define USER_TEMP_PASSWORD_LEN 12
enum fz_err app_user_reset_password(struct app_ctx *ctx, int64_t id,
				    char out[USER_TEMP_PASSWORD_LEN + 1],
				    struct fz_error *e) FZ_MUST_CHECK;
/* Lifts the sign-in lock of a name (shell: fazhi user unlock); audited. */
enum fz_err app_user_unlock(struct app_ctx *ctx, const char *username,
			    struct fz_error *e) FZ_MUST_CHECK;
enum fz_err app_user_get(struct app_ctx *ctx, int64_t id, struct user *out,
			 struct fz_error *e);
enum fz_err app_user_list(struct app_ctx *ctx, const struct user_filter *f, struct page pg,
			  struct user_list *out, struct fz_error *e);

struct certificate_input {
	const char *number;        /* create only */
	int64_t person_id;         /* create only */
	const char *issuer;
	const char *domains;
	const char *issued_on;
	const char *valid_until;
};
enum fz_err app_certificate_create(struct app_ctx *ctx, const struct certificate_input *in,
				   struct certificate *out, struct fz_error *e);
/* Renewal or correction of issuer, domains and dates. */
enum fz_err app_certificate_update(struct app_ctx *ctx, int64_t id,
				   const struct certificate_input *in,
				   struct certificate *out, struct fz_error *e);
/* status: CERT_VALID (resume) or CERT_SUSPENDED. */
enum fz_err app_certificate_set_status(struct app_ctx *ctx, int64_t id, enum cert_status status,
				       const char *reason, struct certificate *out,
				       struct fz_error *e);
/* Final: a revoked certificate cannot be changed again. */
enum fz_err app_certificate_revoke(struct app_ctx *ctx, int64_t id, const char *reason,
				   const char *revoked_on, struct certificate *out,
				   struct fz_error *e);
enum fz_err app_certificate_get(struct app_ctx *ctx, int64_t id, struct certificate *out,
				struct fz_error *e);
enum fz_err app_certificate_list(struct app_ctx *ctx, const struct certificate_filter *f,
				 struct page pg, struct certificate_list *out,
				 struct fz_error *e);
/* 年度审验: one per certificate and year; a failed review suspends it. */
struct cert_review_input {
	int year;
	int passed; /* 0 / 1 */
	const char *note;
	const char *reviewed_on;
};
enum fz_err app_cert_review_add(struct app_ctx *ctx, int64_t certificate_id,
				const struct cert_review_input *in, struct cert_review *out,
				struct fz_error *e);
enum fz_err app_cert_review_list(struct app_ctx *ctx, int64_t certificate_id,
				 struct cert_review_list *out, struct fz_error *e);

/* The public check (no sign-in). number is taken as people type it
 * (cert_number_normalize: spaces, lower case, full-width characters).
 * FZ_NOTFOUND for an unknown number, its message saying where to report
 * a suspected impostor; a revoked certificate is found, with status
 * CERT_REVOKED. out->number is the number as issued. */
struct public_certificate {
	char *number;
	char *holder_name;
	char *agency_name;
	char *issuer;
	char *domains;
	char issued_on[FZ_DATE_LEN];
	char valid_until[FZ_DATE_LEN];
	enum cert_status status; /* computed for ctx->today */
};
enum fz_err app_certificate_check(struct app_ctx *ctx, const char *number,
				  struct public_certificate *out, struct fz_error *e);
/* Where to report a suspected impostor: cfg->complaint_contact, or the
 * local justice bureau in words. Static or configuration storage. */
const char *app_complaint_contact(const struct app_ctx *ctx);

#endif
