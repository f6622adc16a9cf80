/* powerlist.h - use cases of the power-and-responsibility list (权责清单,
 * issue 10 §1): the agency's legal unit (法制审核人员, role reviewer) or
 * its head drafts a new version, the head publishes it with an effective
 * date; the public reads the version in force on a day, the history and
 * the comparison of any two versions. A published version is never
 * changed (store triggers; app refusal): a change is a new version. Each
 * publication is a ledger leaf (LEDGER_POWER_LIST) and every change is
 * audited. */
#ifndef FZ_APP_POWERLIST_H
#define FZ_APP_POWERLIST_H

#include "app/app.h"
#include "base/buf.h"
#include "domain/powerlist.h"

/* Starts the agency's next version as a draft. With items NULL the draft
 * starts from the powers of the agency's latest published version (none:
 * empty); otherwise from items (checked as power_items_check, each unit a
 * unit of the agency). A second draft of an agency is FZ_CONFLICT. Needs
 * PERM_POWER_DRAFT and the agency in scope; audited
 * ("power_list.draft"). out (may be NULL) gets the draft with items. */
enum fz_err app_power_draft_create(struct app_ctx *ctx, int64_t agency_id, const char *note,
				   const struct power_item *items, size_t n_items,
				   struct power_list *out, struct fz_error *e) FZ_MUST_CHECK;

/* Replaces a draft's note (NULL: unchanged) and powers (items NULL:
 * unchanged). A published version is FZ_FORBIDDEN ("已发布的权责清单不能
 * 修改，请起草新版本") and nothing changes. Audited
 * ("power_list.update"). */
enum fz_err app_power_draft_update(struct app_ctx *ctx, int64_t list_id, const char *note,
				   const struct power_item *items, size_t n_items,
				   struct power_list *out, struct fz_error *e) FZ_MUST_CHECK;

/* Publishes a draft: power_publish_check against today and the agency's
 * latest published version, at least one power; appends its ledger leaf
 * and audits it ("power_list.publish"), all in one transaction. Needs
 * PERM_POWER_PUBLISH (the agency's head). */
enum fz_err app_power_publish(struct app_ctx *ctx, int64_t list_id, const char *effective_on,
			      const char *reason, struct power_list *out, struct fz_error *e)
	FZ_MUST_CHECK;

/* One version with its powers. public: published versions only, no
 * sign-in (a draft is FZ_NOTFOUND); otherwise PERM_POWER_DRAFT and the
 * agency in scope. */
enum fz_err app_power_list_get(struct app_ctx *ctx, int64_t id, bool public,
			       struct power_list *out, struct fz_error *e) FZ_MUST_CHECK;

/* An agency's versions, newest first, without their powers; public as
 * above (published only). */
enum fz_err app_power_list_versions(struct app_ctx *ctx, int64_t agency_id, bool public,
				    struct page pg, struct power_list_list *out,
				    struct fz_error *e) FZ_MUST_CHECK;

/* The published version in force on day on (YYYY-MM-DD; NULL or "" =
 * today), with its powers. Public. FZ_NOTFOUND when none was in force. */
enum fz_err app_power_in_force(struct app_ctx *ctx, int64_t agency_id, const char *on,
			       struct power_list *out, struct fz_error *e) FZ_MUST_CHECK;

/* Compares two published versions of one agency (older first whatever
 * the order given). Public. FZ_INVALID when they belong to different
 * agencies. */
enum fz_err app_power_compare(struct app_ctx *ctx, int64_t a_id, int64_t b_id,
			      struct power_list *older, struct power_list *newer,
			      struct power_diff *diff, struct fz_error *e) FZ_MUST_CHECK;

/* The agency's draft (FZ_NOTFOUND when none); PERM_POWER_DRAFT. */
enum fz_err app_power_draft_of(struct app_ctx *ctx, int64_t agency_id, struct power_list *out,
			       struct fz_error *e) FZ_MUST_CHECK;

/* The canonical encoding of a published version (docs/LEDGER.md, kind
 * 8): "fazhi.power_list.v1", id, agency id, version, effective on,
 * published on, published at, published by, publisher, backdate reason,
 * note, number of powers, then each power's seq, code, name, kind,
 * basis, unit id, unit, duty, accountability, guide. */
void app_power_list_encode(const struct power_list *pl, struct buf *b);

/* --- the portal's agencies (事前公开) --- */

/* Active agencies, paged by name, each with its public counts; no
 * sign-in. counts has one entry per agency of out. */
struct public_agency {
	struct agency agency;
	struct agency_public_counts counts;
};
struct public_agency_list {
	struct public_agency *items;
	size_t n;
	int64_t total;
};
enum fz_err app_public_agencies(struct app_ctx *ctx, struct page pg,
				struct public_agency_list *out, struct fz_error *e) FZ_MUST_CHECK;
/* One active agency (FZ_NOTFOUND for an unknown or inactive one). */
enum fz_err app_public_agency(struct app_ctx *ctx, int64_t id, struct public_agency *out,
			      struct fz_error *e) FZ_MUST_CHECK;
/* Its officers holding a certificate valid today, paged: number, holder,
 * domains, validity; nothing else about the person. */
enum fz_err app_public_officers(struct app_ctx *ctx, int64_t agency_id, struct page pg,
				struct certificate_list *out, struct fz_error *e) FZ_MUST_CHECK;

#endif
