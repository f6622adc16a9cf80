/* orgtree.h - the organisation as a tree: division → agency → unit →
 * people, within the viewer's scope, with counts (agencies, units,
 * officers, valid certificates, open cases). Read only; each count is
 * shown only to a role that may read what it counts. */
#ifndef FZ_APP_ORGTREE_H
#define FZ_APP_ORGTREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/app.h"

/* What a node holds, its subtree included. A count the viewer may not
 * read is 0 and its flag in struct org_tree is false. */
struct org_tree_counts {
	int64_t agencies, units, officers, assistants, valid_certs, open_cases;
};

struct org_tree_person {
	const struct person *p;
	bool valid_cert;          /* holds a certificate valid today */
};

/* A unit; the pseudo-unit with id 0 holds the people of the agency who
 * belong to no unit (it is listed only when it has people). */
struct org_tree_unit {
	int64_t id;
	const char *name;         /* "" for id 0 */
	struct org_tree_counts n;
	struct org_tree_person *people; /* active people, by id */
	size_t npeople;
};

struct org_tree_agency {
	const struct agency *ag;
	struct org_tree_counts n;
	struct org_tree_unit *units;    /* by id, the pseudo-unit last */
	size_t nunits;
};

/* A division with agencies on this page; its counts cover every agency
 * of the division in scope, not only this page's. */
struct org_tree_division {
	char code[7];
	const char *name;               /* the code when not registered */
	struct org_tree_counts n;
	struct org_tree_agency *agencies;
	size_t nagencies;
};

struct org_tree {
	struct org_tree_counts total;   /* the whole scope */
	struct org_tree_division *divisions; /* by code */
	size_t ndivisions;
	int64_t agency_total;           /* agencies in scope (for paging) */
	/* What the viewer may read (authz.h): units (PERM_UNIT_READ),
	 * people (PERM_PERSON_READ), certificates (PERM_CERT_READ), cases
	 * (PERM_CASE_READ). */
	bool show_units, show_people, show_certs, show_cases;
};

/* Agencies are listed by id, a page (pg) at a time, grouped under their
 * divisions; each with its units and their active people. Needs
 * PERM_AGENCY_READ; everything in ctx->a. */
#define ORG_TREE_PEOPLE_MAX 2000 /* people listed per agency, at most */
enum fz_err app_org_tree(struct app_ctx *ctx, struct page pg, struct org_tree *out,
			 struct fz_error *e) FZ_MUST_CHECK;

#endif
