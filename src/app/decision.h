/* decision.h - major administrative decisions (重大行政决策) beyond the
 * engine: the yearly decision catalogue (决策事项目录) — drafted, approved,
 * published on the portal and adjusted with a recorded reason, each entry
 * audited and a ledger leaf (kind 11) — and the lifelong-accountability
 * record (终身责任追究) of a decision, drawn from its events
 * (docs/DECISIONS.md). */
#ifndef FZ_APP_DECISION_H
#define FZ_APP_DECISION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "app/case.h"
#include "domain/decision_catalogue.h"
#include "domain/gate.h"
#include "store/store.h"

/* An item as the catalogue holds it now. */
struct dcat_item {
	int64_t id;                /* its number: the entry that listed it */
	const char *title, *category, *unit;
	bool adjustment;           /* listed by an adjustment (调整) */
	const char *reason;        /* the adjustment's reason, "" otherwise */
	const char *added_on;
	const char *removed_on;    /* "" while listed */
	const char *removed_reason;
};

/* A catalogue with its entries (in order) and its items. Arena-owned. */
struct dcat_view {
	struct decision_catalogue cat;
	const char *approved_by;   /* the approving body, "" before approval */
	const char *approval_note;
	struct decision_catalogue_entry *entries;
	size_t nentries;
	struct dcat_item *items;
	size_t nitems;
};

/* The category (art 3) labels; NULL for an unknown id. */
const char *dcat_category_label(const char *id);
/* The ids, NULL-terminated. */
extern const char *const dcat_categories[];

/* A new catalogue of the user's agency for year. FZ_CONFLICT when there is
 * one; FZ_INVALID naming the field. */
enum fz_err app_dcat_create(struct app_ctx *ctx, int year, const char *title,
			    struct decision_catalogue *out, struct fz_error *e) FZ_MUST_CHECK;
/* Lists an item (on: the day, NULL today). After the approval it is an
 * adjustment and needs reason. Sets *item_id. */
enum fz_err app_dcat_add_item(struct app_ctx *ctx, int64_t cat_id, const char *title,
			      const char *category, const char *unit, const char *reason,
			      const char *on, int64_t *item_id, struct fz_error *e) FZ_MUST_CHECK;
/* Removes an item, with its reason (an adjustment after the approval). */
enum fz_err app_dcat_remove_item(struct app_ctx *ctx, int64_t cat_id, int64_t item_id,
				 const char *reason, const char *on, struct fz_error *e)
	FZ_MUST_CHECK;
/* The head records the approval by body (e.g. 县委常委会会议) with an
 * optional note; once; the catalogue is then public. */
enum fz_err app_dcat_approve(struct app_ctx *ctx, int64_t cat_id, const char *body,
			     const char *note, const char *on, struct fz_error *e) FZ_MUST_CHECK;
/* A catalogue: staff of its agency (and a supervisor, system admin) see
 * any; the public (public true) only an approved one. */
enum fz_err app_dcat_view(struct app_ctx *ctx, int64_t id, bool public, struct dcat_view *out,
			  struct fz_error *e) FZ_MUST_CHECK;
/* Catalogues: the public's approved ones (filter's agency and year), or
 * the user's agency's. */
enum fz_err app_dcat_list(struct app_ctx *ctx, bool public, int64_t agency_id, int year,
			  struct page pg, struct decision_catalogue_list *out, struct fz_error *e)
	FZ_MUST_CHECK;
/* The staff's catalogues among only's ids (an indicator's side), in the
 * order sort names (enum dcat_sort), within the user's scope. */
enum fz_err app_dcat_list_of(struct app_ctx *ctx, struct id_set only, struct list_sort sort,
			     struct page pg, struct decision_catalogue_list *out,
			     struct fz_error *e) FZ_MUST_CHECK;

/* The open major decision whose 立项 names item_id: *case_id (0 when
 * none) and its number. An item under an open decision is not removed. */
enum fz_err app_dcat_item_open_decision(struct app_ctx *ctx, int64_t item_id, int64_t *case_id,
					const char **number, struct fz_error *e) FZ_MUST_CHECK;

/* The facts the gate in_catalogue judges about the item a major decision's
 * event names (catalogue_item): *out NULL when it names none or none that
 * exists. The item's other open decision (one item, one decision) is
 * looked up aside from case_id (0 for a decision being opened). */
enum fz_err app_dcat_item_fact(struct app_ctx *ctx, const char *item, int64_t case_id,
			       struct arena *a,
			       const struct proc_catalogue_item **out, struct fz_error *e)
	FZ_MUST_CHECK;

/* One line of the accountability record (终身责任追究): who did what. */
struct dcat_account {
	const char *role;     /* 决策事项提出 / 起草 / 合法性审查 / 集体讨论 / 决定 / ... */
	const char *step;     /* step id */
	int seq;
	const char *on;
	const char *actor;    /* the account that recorded it (username) */
	const char *actor_name; /* that account's holder by name (display
	                         * name; the username when it has none) */
	const char *detail;   /* e.g. the proposer, the reviewer's opinion, the
	                       * meeting's attendees, the head's decision */
};
/* The accountability record of a major decision's case view, in order. */
void app_decision_accountability(const struct case_view *v, struct arena *a,
				 struct dcat_account **out, size_t *n);

#endif
