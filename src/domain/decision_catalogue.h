/* decision_catalogue.h - the yearly decision catalogue (决策事项目录) of a
 * government or department (重大行政决策程序暂行条例 art 3 para 3;
 * docs/DECISIONS.md): the catalogue of a year and the entries that make
 * it — an item listed, the catalogue approved, an item added or removed
 * by an adjustment (调整) with its reason. Entries are appended, never
 * changed; what the catalogue holds on a day is derived from them. */
#ifndef FZ_DOMAIN_DECISION_CATALOGUE_H
#define FZ_DOMAIN_DECISION_CATALOGUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/model.h"

struct decision_catalogue {
	int64_t id;
	int64_t agency_id;
	int year;
	const char *title;          /* e.g. 海原县人民政府2026年度重大行政决策事项目录 */
	int64_t created_by;
	int64_t created_at;
	/* joined for display by storage */
	const char *agency_name;
	char approved_on[FZ_DATE_LEN]; /* "" before the approval entry */
};

/* What an entry does. */
#define DCAT_ADD "add"         /* an item listed (its id is the item's) */
#define DCAT_APPROVE "approve" /* the catalogue approved (unit: by whom) */
#define DCAT_REMOVE "remove"   /* an item removed (item_id: the add entry) */

struct decision_catalogue_entry {
	int64_t id;
	int64_t catalogue_id;
	const char *action;       /* DCAT_* */
	int64_t item_id;          /* remove: the item; 0 otherwise */
	const char *title;        /* add: the decision matter */
	const char *category;     /* add: one of the kinds of art 3 */
	const char *unit;         /* add: the proposing (承办) unit; approve:
	                           * the approving body */
	const char *reason;       /* an adjustment's reason; approve: a note */
	bool adjustment;          /* recorded after the approval */
	char on[FZ_DATE_LEN];     /* the day it took effect */
	int64_t at;
	int64_t actor_id;
	const char *actor;        /* the account (username) */
	const char *actor_name;   /* the person's name (the account's display
	                           * name, else its username); filled by the
	                           * app for staff views, NULL otherwise */
};

/* A page of catalogues, newest year first. */
struct decision_catalogue_list {
	struct decision_catalogue *items;
	size_t n;
	int64_t total;
};

#endif
