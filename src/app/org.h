/* org.h - use cases for divisions, agencies and units.
 *
 * Inputs are plain structs of borrowed strings; on update a NULL string
 * or a negative flag means "leave unchanged". Results are allocated in
 * ctx->a. Every write is authorised, validated, stored and audited in one
 * transaction; on any error nothing is written. */
#ifndef FZ_APP_ORG_H
#define FZ_APP_ORG_H

#include "app/app.h"

/* Divisions (sysadmin writes; code, name required). */
struct division_input {
	const char *code;
	const char *name;
};
enum fz_err app_division_put(struct app_ctx *ctx, const struct division_input *in,
			     struct division *out, struct fz_error *e);
enum fz_err app_division_get(struct app_ctx *ctx, const char *code, struct division *out,
			     struct fz_error *e);
enum fz_err app_division_list(struct app_ctx *ctx, const char *parent, struct page pg,
			      struct division_list *out, struct fz_error *e);

struct agency_input {
	const char *name;
	const char *uscc;
	const char *division_code;
	const char *kind;
	const char *domains;
	int active; /* -1 unchanged (create: active) */
	/* What its documents print; "" clears a setting (back to the
	 * default), NULL leaves it (create: not set). doc_code: 1..8 CJK
	 * characters; payment_account: digits in groups; payment_bank and
	 * payment_account are set together or not at all. */
	const char *doc_code;        /* 机关代字 */
	const char *court;           /* 管辖人民法院 */
	const char *payment_bank;    /* 代收机构（银行） */
	const char *payment_account; /* 账号 */
	const char *reconsideration; /* 复议机关 */
};
enum fz_err app_agency_create(struct app_ctx *ctx, const struct agency_input *in,
			      struct agency *out, struct fz_error *e);
enum fz_err app_agency_update(struct app_ctx *ctx, int64_t id, const struct agency_input *in,
			      struct agency *out, struct fz_error *e);
enum fz_err app_agency_get(struct app_ctx *ctx, int64_t id, struct agency *out,
			   struct fz_error *e);
enum fz_err app_agency_list(struct app_ctx *ctx, const struct agency_filter *f,
			    struct page pg, struct agency_list *out, struct fz_error *e);

struct unit_input {
	int64_t agency_id; /* create only */
	const char *name;
};
enum fz_err app_unit_create(struct app_ctx *ctx, const struct unit_input *in,
			    struct unit *out, struct fz_error *e);
enum fz_err app_unit_update(struct app_ctx *ctx, int64_t id, const struct unit_input *in,
			    struct unit *out, struct fz_error *e);
enum fz_err app_unit_get(struct app_ctx *ctx, int64_t id, struct unit *out,
			 struct fz_error *e);
/* agency_id 0 = every unit in scope. */
enum fz_err app_unit_list(struct app_ctx *ctx, int64_t agency_id, struct page pg,
			  struct unit_list *out, struct fz_error *e);

#endif
