/* evaluation.h - case-file evaluation (案卷评查) as pure rules: the rubric
 * (a data file, docs/EVALUATION.md), the reproducible sample of closed
 * cases per agency, a file's score from the points an evaluator took off,
 * and the states of a rectification notice (整改通知) shared with the
 * supervision checks (监督检查).
 *
 * The sample, version 1 (an outsider re-draws it from the round's record):
 *  1. The seed and the random stream are those of domain/draw.h (steps 1-3:
 *     SHA-256 of seed || counter, 64-bit words, rejection for uniform).
 *  2. Agencies are taken in ascending agency id; one stream runs through
 *     the whole round, not one per agency.
 *  3. An agency's population is its closed cases of the period, sorted by
 *     case number bytewise (strcmp). With N of them and the round's count
 *     k (a fixed size, or ceil(rate% x N) but at least 1, never above N):
 *     for i = 0 .. k-1: j = i + uniform(N - i), swap P[i] and P[j];
 *     P[0..k-1], in that order, are the agency's sampled files.
 *  4. An agency with no closed case in the period draws nothing and takes
 *     no word from the stream. */
#ifndef FZ_DOMAIN_EVALUATION_H
#define FZ_DOMAIN_EVALUATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"

#define EVAL_SAMPLE_VERSION 1
#define RUBRIC_FORM_TOTAL 20     /* 形式评查 */
#define RUBRIC_CONTENT_TOTAL 80  /* 内容评查 */
#define RUBRIC_MAX_ITEMS 200
#define RUBRIC_CODE_MAX 16
#define RUBRIC_TEXT_MAX 600      /* bytes of an item's text */

enum rubric_section {
	RUBRIC_VETO = 1,    /* 一票否决: the file fails outright */
	RUBRIC_FORM = 2,    /* 形式: points out of 20 */
	RUBRIC_CONTENT = 3, /* 内容: points out of 80 */
};

struct rubric_item {
	enum rubric_section section;
	const char *code;  /* "F1", "C12", "V3": unique in the rubric */
	int points;        /* 0 for a veto item */
	const char *text;
	int line;          /* where it was defined */
};

struct rubric {
	const char *name;     /* 名称 line */
	int excellent;        /* 优秀 at or above this total (U: configurable) */
	int pass;             /* 合格 at or above this total; below: 不合格 */
	struct rubric_item *items;
	size_t nitems;
};

/* Parses a rubric (format in docs/EVALUATION.md). Strict: an unknown
 * keyword, a bad or repeated code, points that are not 1..80, a form
 * section not totalling 20 or a content section not totalling 80, grade
 * thresholds missing or out of order are FZ_INVALID with a Chinese message
 * naming the line ("第 7 行：…"). Strings in a. */
enum fz_err rubric_parse(struct arena *a, const char *text, size_t len, struct rubric *out,
			 struct fz_error *e) FZ_MUST_CHECK;
/* The item with this code, or NULL. */
const struct rubric_item *rubric_find(const struct rubric *r, const char *code);
/* The rubric the binary carries (data/rubrics/case-file.txt). */
const char *rubric_default_text(void);
const char *rubric_section_label(enum rubric_section s);

/* One line of an evaluator's score: points taken off an item (0 allowed,
 * with or without a note) or a veto item found (lost ignored). */
struct eval_mark {
	const char *code;
	int lost;
	const char *note;    /* required when lost > 0 or for a veto */
};

enum eval_grade {
	EVAL_GRADE_NONE = 0,
	EVAL_EXCELLENT = 1, /* 优秀 */
	EVAL_PASS = 2,      /* 合格 */
	EVAL_FAIL = 3,      /* 不合格 */
};

struct eval_result {
	int form;          /* 20 minus what was lost there, never below 0 */
	int content;       /* 80 minus what was lost there, never below 0 */
	int total;
	bool vetoed;       /* a veto item was found: 不合格 whatever the points */
	enum eval_grade grade;
};

/* Checks marks against the rubric and computes the result: a code not in
 * the rubric, a code given twice, lost below 0 or above the item's
 * points, a deduction or veto without a note are FZ_INVALID (field
 * "marks", the message naming the item). */
enum fz_err eval_score(const struct rubric *r, const struct eval_mark *marks, size_t n,
		       struct eval_result *out, struct fz_error *e) FZ_MUST_CHECK;
const char *eval_grade_label(enum eval_grade g); /* 优秀 合格 不合格 "" */
const char *eval_grade_name(enum eval_grade g);  /* excellent pass fail "" */

/* --- the sample --- */

struct eval_case {
	int64_t id;
	const char *number; /* 案号: the sort key of step 3 */
};

struct eval_population {
	int64_t agency_id;
	const struct eval_case *cases; /* any order: the draw sorts a copy */
	size_t n;
};

struct eval_pick {
	int64_t agency_id;
	int64_t case_id;
	const char *number;
	int order;          /* 1, 2 ... within the agency, in draw order */
};

/* Draws the sample of the header's construction. size > 0 draws that many
 * per agency (all when fewer); otherwise rate_pct (1..100) of each. groups
 * need not be sorted; an agency given twice or a case number repeated in
 * an agency is FZ_INVALID. picks in a, agencies ascending, draw order. */
enum fz_err eval_sample(struct arena *a, const char *seed_hex, const struct eval_population *g,
			size_t ngroups, int size, int rate_pct, struct eval_pick **picks,
			size_t *npicks, struct fz_error *e) FZ_MUST_CHECK;
/* How many files step 3 takes from a population of n. */
size_t eval_sample_count(size_t n, int size, int rate_pct);

/* --- rectification notices (整改通知) --- */

enum notice_status {
	NOTICE_ISSUED = 1,   /* waiting for the agency's report */
	NOTICE_ANSWERED = 2, /* report in, waiting for the bureau */
	NOTICE_RETURNED = 3, /* report returned with a reason: answer again */
	NOTICE_CLOSED = 4,   /* accepted: rectified */
};
const char *notice_status_name(enum notice_status s); /* issued ... */
const char *notice_status_label(enum notice_status s); /* 待整改 ... */
int notice_status_parse(const char *name);            /* -1 when unknown */
/* What may happen now: the agency answers an issued or returned notice;
 * the bureau accepts or returns an answered one. */
bool notice_may_answer(enum notice_status s);
bool notice_may_review(enum notice_status s);

#endif
