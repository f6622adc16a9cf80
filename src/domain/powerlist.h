/* powerlist.h - the power-and-responsibility list (权责清单) of an
 * agency: its powers (行政职权) each with a code, a kind, the legal basis,
 * the responsible unit, the duty (责任事项), the accountability basis and
 * an optional service guide (办事指南); the rules a version must meet to
 * be stored and to be published; and the comparison of two versions.
 * Plain structs, no I/O. */
#ifndef FZ_DOMAIN_POWERLIST_H
#define FZ_DOMAIN_POWERLIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"

/* Limits on what one power may hold (bytes of UTF-8). */
#define POWER_CODE_MAX 64
#define POWER_NAME_MAX 600
#define POWER_TEXT_MAX 8000   /* basis, duty, accountability */
#define POWER_GUIDE_MAX 20000
#define POWER_ITEMS_MAX 2000  /* powers in one version */

/* One power of one version (table power_items). Strings in an arena. */
struct power_item {
	int64_t id;
	int64_t list_id;
	int64_t seq;           /* 1, 2, 3 ... order in the version */
	const char *code;      /* 事项编码, unique in a version */
	const char *name;      /* 事项名称 */
	const char *kind;      /* power_kind_name(): penalty, permit ... */
	const char *basis;     /* 设定依据: the law and its article */
	int64_t unit_id;       /* 实施机构 (a unit of the agency), 0 = the agency */
	const char *unit;      /* its name when the draft was saved */
	const char *duty;      /* 责任事项 */
	const char *accountability; /* 追责情形及依据 */
	const char *guide;     /* 办事指南, "" = none */
};

/* One version of an agency's list (table power_lists). */
struct power_list {
	int64_t id;
	int64_t agency_id;
	const char *agency;        /* the agency's name (read only) */
	int64_t version;           /* 1, 2, 3 ... per agency */
	bool published;            /* false: a draft, not public */
	const char *note;          /* 修订说明 */
	char effective_on[11];     /* "" while a draft */
	char published_on[11];
	int64_t published_at;
	const char *backdate_reason; /* why it took effect before it was published */
	int64_t created_by;
	int64_t created_at;
	int64_t published_by;
	const char *publisher;
	struct power_item *items;  /* in seq order; NULL/0 when not read */
	size_t n_items;
};

/* The kinds of power, in the order of 国办发〔2018〕118号 and the
 * glossary (执法类别) plus 其他: "penalty", "permit", "coercion",
 * "inspection", "levy", "benefit", "confirmation", "adjudication",
 * "reward", "other". power_kind_label gives 行政处罚 ...; NULL for a
 * name that is none of them. */
extern const char *const power_kind_names[];
extern const size_t power_kind_count;
const char *power_kind_label(const char *name);
bool power_kind_valid(const char *name);

/* Checks the powers of a version before anything is stored: each has a
 * code (letters, digits, '-', '_', '.'), a name, a known kind, a legal
 * basis, a duty and an accountability basis within the limits; no code
 * twice; at most POWER_ITEMS_MAX. FZ_INVALID with field "items" and a
 * Chinese message naming the power (第 N 项 and its code or name). */
enum fz_err power_items_check(const struct power_item *items, size_t n, struct fz_error *e)
	FZ_MUST_CHECK;

/* Checks a publication: effective_on a valid date; not before today
 * unless reason (why it applies retroactively) is given; strictly after
 * prev_effective_on, the effective date of the agency's latest published
 * version ("" when none), so that each day has one version in force.
 * FZ_INVALID with field "effective_on" or "reason". */
enum fz_err power_publish_check(const char *effective_on, const char *today, const char *reason,
				const char *prev_effective_on, struct fz_error *e) FZ_MUST_CHECK;

/* --- comparing two versions --- */

enum power_change { POWER_ADDED = 1, POWER_REMOVED, POWER_CHANGED };

/* One field that differs between the two versions of a power. */
struct power_field_change {
	const char *field;  /* "name", "kind", "basis", "unit", "duty",
	                     * "accountability", "guide" */
	const char *label;  /* 事项名称 ... */
	const char *before;
	const char *after;
};

struct power_diff_entry {
	enum power_change change;
	const char *code;
	const char *name;            /* the newer name (the older when removed) */
	const struct power_item *before; /* NULL when added */
	const struct power_item *after;  /* NULL when removed */
	struct power_field_change *fields; /* POWER_CHANGED only */
	size_t n_fields;
};

struct power_diff {
	struct power_diff_entry *entries; /* removed and changed in a's order,
	                                   * then added in b's order */
	size_t n;
	size_t added, removed, changed;
};

/* Compares the powers of version a (older) with b (newer), matching by
 * code; the position (seq) alone is no change. Allocates in ar;
 * FZ_NOMEM. */
enum fz_err power_compare(struct arena *ar, const struct power_item *a, size_t na,
			  const struct power_item *b, size_t nb, struct power_diff *out,
			  struct fz_error *e) FZ_MUST_CHECK;

#endif
