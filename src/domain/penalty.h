/* penalty.h - what a penalty is: the kinds of administrative penalty of
 * 行政处罚法 art 9 as a bit set with API names and Chinese labels, and
 * the penalty an event states (an advance notice, a decision) read from
 * its fields `penalty`, `amount` and `confiscation`. */
#ifndef FZ_DOMAIN_PENALTY_H
#define FZ_DOMAIN_PENALTY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/err.h"

enum penalty_kind {
	PENALTY_WARNING = 1u << 0,             /* warning: 警告 */
	PENALTY_CRITICISM = 1u << 1,           /* criticism: 通报批评 */
	PENALTY_FINE = 1u << 2,                /* fine: 罚款 */
	PENALTY_CONFISCATE_GAINS = 1u << 3,    /* confiscate_gains: 没收违法所得 */
	PENALTY_CONFISCATE_PROPERTY = 1u << 4, /* confiscate_property: 没收非法财物 */
	PENALTY_SUSPEND_LICENCE = 1u << 5,     /* suspend_licence: 暂扣许可证件 */
	PENALTY_LOWER_QUALIFICATION = 1u << 6, /* lower_qualification: 降低资质等级 */
	PENALTY_REVOKE_LICENCE = 1u << 7,      /* revoke_licence: 吊销许可证件 */
	PENALTY_RESTRICT_BUSINESS = 1u << 8,   /* restrict_business: 限制开展生产经营活动 */
	PENALTY_SUSPEND_BUSINESS = 1u << 9,    /* suspend_business: 责令停产停业 */
	PENALTY_CLOSE = 1u << 10,              /* close: 责令关闭 */
	PENALTY_RESTRICT_PRACTICE = 1u << 11,  /* restrict_practice: 限制从业 */
	PENALTY_DETENTION = 1u << 12,          /* detention: 行政拘留 */
	PENALTY_OTHER = 1u << 13,              /* other: 法律、行政法规规定的其他行政处罚 */
};
#define PENALTY_ALL_MASK 0x3FFFu
/* The kinds that take away money or goods: need an amount or a value. */
#define PENALTY_CONFISCATE_MASK (PENALTY_CONFISCATE_GAINS | PENALTY_CONFISCATE_PROPERTY)

/* API name / Chinese label of one kind bit; NULL for anything else.
 * Static storage. */
const char *penalty_kind_name(unsigned bit);
const char *penalty_kind_label(unsigned bit);
/* Parses a list of kind names separated by commas or blanks; "" gives 0.
 * FZ_INVALID (field "penalty") naming an unknown kind. */
enum fz_err penalty_kinds_parse(const char *list, unsigned *out, struct fz_error *e)
	FZ_MUST_CHECK;
/* Appends the labels of bits joined by "、". */
void penalty_kinds_format_labels(unsigned bits, struct buf *b);

struct penalty {
	unsigned kinds;           /* enum penalty_kind bits */
	int64_t fine_fen;         /* the fine; 0 when kinds has no FINE */
	int64_t confiscation_fen; /* value confiscated; 0 when none is stated */
};

/* Reads a penalty from the text of the fields penalty (kinds, required),
 * amount (yuan; required exactly when kinds has FINE, and then > 0) and
 * confiscation (yuan; optional, only with a confiscation kind). NULL
 * means absent. FZ_INVALID naming the field. */
enum fz_err penalty_from_fields(const char *kinds, const char *amount, const char *confiscation,
				struct penalty *out, struct fz_error *e) FZ_MUST_CHECK;

/* Whether `decided` is heavier than `notified` (行政处罚法 arts 44, 45:
 * the decision may not go beyond what the party was told): a kind not
 * notified, a larger fine, a larger confiscated value. When heavier,
 * writes the first reason into why, e.g. "决定的罚款 8000 元超过告知的
 * 5000 元". */
bool penalty_heavier(const struct penalty *decided, const struct penalty *notified, char *why,
		     size_t len);

#endif
