/* benchmark.h - discretion benchmarks (裁量基准): per enforcement matter,
 * tiers (阶次) with conditions and fine ranges, and the exemption list
 * (轻微不罚, 首违不罚). Proposes a tier, its range in fen and any exemption
 * from plain facts; checks a decided amount. Parsed from text; no I/O. */
#ifndef FZ_DOMAIN_BENCHMARK_H
#define FZ_DOMAIN_BENCHMARK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"

/* The four tiers, in ascending order of gravity. */
enum benchmark_level {
	BENCHMARK_MINOR = 1, /* 轻微 */
	BENCHMARK_GENERAL,   /* 一般 */
	BENCHMARK_SERIOUS,   /* 较重 */
	BENCHMARK_GRAVE,     /* 严重 */
};
#define BENCHMARK_LEVELS 4

/* What a tier's fine is computed from. Multiples are kept in hundredths
 * (150 = 1.5 倍), money in fen: never floating point. */
enum benchmark_basis {
	BENCHMARK_FINE_NONE = 0, /* the tier imposes no fine */
	BENCHMARK_FINE_FIXED,    /* min..max fen */
	BENCHMARK_FINE_GAINS,    /* min..max hundredths of 违法所得 */
	BENCHMARK_FINE_GOODS,    /* min..max hundredths of 货值金额 */
	BENCHMARK_FINE_PER_UNIT, /* min..max fen per unit (每平方米 ...) */
};

struct benchmark_fine {
	enum benchmark_basis basis;
	int64_t min, max;      /* both included; see the basis for the unit */
	const char *unit;      /* PER_UNIT: "平方米"; NULL otherwise */
	/* GAINS and GOODS only: when the base amount is below below_fen (none
	 * at all included), the fixed range floor_min..floor_max fen applies
	 * instead ("违法所得不足一万元的，处…元"). */
	bool has_floor;
	int64_t below_fen;
	int64_t floor_min_fen, floor_max_fen;
};

/* Penalties other than a fine (行政处罚法 art 9). */
enum benchmark_other_kind {
	BENCHMARK_WARNING = 1, /* 警告、通报批评 */
	BENCHMARK_CONFISCATE,  /* 没收违法所得、非法财物 */
	BENCHMARK_SUSPEND,     /* 暂扣许可证件、降低资质等级、责令停产停业 */
	BENCHMARK_REVOKE,      /* 吊销许可证件、责令关闭 */
	BENCHMARK_RESTRICT,    /* 限制开展生产经营活动、限制从业 */
};

struct benchmark_other {
	enum benchmark_other_kind kind;
	const char *text;      /* as the benchmark words it */
};

struct benchmark_tier {
	enum benchmark_level level;
	const char *conditions;           /* 情形, short text */
	struct benchmark_fine fine;
	const struct benchmark_other *others;
	size_t nothers;
	int line;                         /* of the `tier` line */
};

enum benchmark_exemption_kind {
	BENCHMARK_EXEMPT_NONE = 0,
	BENCHMARK_EXEMPT_MINOR, /* 轻微不罚: mandatory (行政处罚法 art 33 para 1) */
	BENCHMARK_EXEMPT_FIRST, /* 首违不罚: discretionary (same) */
};

struct benchmark_exemption {
	enum benchmark_exemption_kind kind;
	const char *conditions;           /* as listed for the matter */
};

/* One enforcement matter (执法事项). Tiers are sorted by level, each
 * level at most once; a matter may leave some levels out. */
struct benchmark_matter {
	const char *id;            /* [A-Za-z0-9._-], unique in its set */
	const char *name;          /* 非法占用土地 */
	const char *domain;        /* enforcement domain, as on certificates */
	const char *basis;         /* legal basis of the violation (违法依据) */
	const char *penalty_basis; /* legal basis of the penalty (处罚依据) */
	const char *source;        /* the `source` line of its file */
	const char *file;          /* the file's name, as given to the parser */
	const struct benchmark_tier *tiers;
	size_t ntiers;
	const struct benchmark_exemption *exemptions;
	size_t nexemptions;
};

/* Memory belongs to the arena the parser was given. Start from { 0 }. */
struct benchmark_set {
	const struct benchmark_matter *matters;
	size_t nmatters;
};

/* Parses one file in the format of data/benchmarks/ (*.txt) and appends its
 * matters to set, allocating in a. name (e.g. "market.txt") goes into
 * messages and into each matter's `file`. Strict: an unknown keyword, a
 * line outside its block, a missing field, a bad amount or range, a tier
 * out of order or twice, a matter id already in the set, invalid UTF-8 or
 * a control character is FZ_INVALID with a message that starts
 * "<name> 第 N 行：". On error set is unchanged (the arena keeps what
 * was allocated until it is freed). */
enum fz_err benchmark_parse(struct arena *a, const char *name, const char *text, size_t len,
			    struct benchmark_set *set, struct fz_error *e) FZ_MUST_CHECK;

/* The demo set built into the binary (data/benchmarks/, embedded at
 * build time): illustrative data, not law. */
enum fz_err benchmark_builtin(struct arena *a, struct benchmark_set *out,
			      struct fz_error *e) FZ_MUST_CHECK;

/* The matter with this id, or NULL. */
const struct benchmark_matter *benchmark_find(const struct benchmark_set *set,
					      const char *matter_id);
/* The matter's tier of this level, or NULL when it has none. */
const struct benchmark_tier *benchmark_tier_find(const struct benchmark_matter *m,
						 enum benchmark_level level);

/* "轻微", "一般", "较重", "严重"; "" for anything else. Static storage. */
const char *benchmark_level_name(enum benchmark_level level);
/* Accepts the Chinese name or minor / general / serious / grave. */
bool benchmark_level_parse(const char *s, enum benchmark_level *out) FZ_MUST_CHECK;

/* Harm done (危害后果), as the officer assesses it. */
enum benchmark_harm {
	BENCHMARK_HARM_NONE = 0, /* 没有造成危害后果 */
	BENCHMARK_HARM_MINOR,    /* 危害后果轻微 */
	BENCHMARK_HARM_SERIOUS,  /* 危害后果较重 */
	BENCHMARK_HARM_GRAVE,    /* 危害后果严重 */
};

/* Largest money amount in facts (10^14 fen = 1 万亿元), so that no
 * product below can overflow int64. */
#define BENCHMARK_AMOUNT_MAX_FEN INT64_C(100000000000000)
#define BENCHMARK_QUANTITY_MAX INT64_C(1000000000)
#define BENCHMARK_CIRCUMSTANCES_MAX 20

/* The facts a proposal is made from. Amounts are fen, 0 = none. */
struct benchmark_facts {
	int64_t illegal_gains_fen; /* 违法所得 */
	int64_t goods_value_fen;   /* 货值金额 */
	int64_t quantity;          /* whole units, for per-unit fines (平方米) */
	enum benchmark_harm harm;
	bool first_offence;        /* 初次违法 */
	bool corrected_promptly;   /* 及时改正 */
	int aggravating;           /* 从重情节 counted by the officer (a repeat
	                            * violation is one of them) */
	int mitigating;            /* 从轻情节 (主动消除或者减轻危害后果 …) */
};

/* A tier's fine range for given facts, with how it was computed. */
struct benchmark_range {
	bool has_fine;      /* false: the tier imposes no fine, min = max = 0 */
	int64_t min_fen, max_fen;
	char how[256];      /* "违法所得 12000 元的 1–3 倍，即 12000–36000 元" */
};

/* Computes t's range for f. FZ_INVALID when f is out of bounds (negative
 * or above the maxima above, an unknown harm). */
enum fz_err benchmark_range(const struct benchmark_tier *t, const struct benchmark_facts *f,
			    struct benchmark_range *out, struct fz_error *e) FZ_MUST_CHECK;

struct benchmark_proposal {
	enum benchmark_level level;
	const struct benchmark_tier *tier; /* points into the matter */
	struct benchmark_range range;
	char tier_reason[512];             /* how the tier was reached */
	/* NONE, MINOR (mandatory: 不予处罚) or FIRST (discretionary: 可以不予
	 * 处罚). The exemption applies only when it is on the matter's list. */
	enum benchmark_exemption_kind exemption;
	bool exemption_mandatory;
	char exemption_reason[1024];       /* why it applies, or a note when the
	                                    * facts fit but the list lacks it;
	                                    * "" otherwise */
};

/* Proposes a tier for f. The harm gives the starting tier (none → 轻微,
 * minor → 一般, serious → 较重, grave → 严重); each aggravating
 * circumstance moves one tier up and each mitigating one down, clamped to
 * 轻微..严重; then the nearest tier the matter has (the lower on a tie).
 * The officer may decide another tier: benchmark_check. Exemptions: 轻微不罚 when the tier is 轻微, the
 * harm none and the violation corrected promptly; otherwise 首违不罚 when
 * it is a first offence, the harm at most minor and corrected promptly.
 * FZ_INVALID for bad facts or a matter without tiers. */
enum fz_err benchmark_propose(const struct benchmark_matter *m, const struct benchmark_facts *f,
			      struct benchmark_proposal *out, struct fz_error *e) FZ_MUST_CHECK;

struct benchmark_check_result {
	bool inside;         /* amount within the tier's range */
	bool needs_reason;   /* outside: record a reason; flag to the reviewer */
	bool above_all;      /* above the highest maximum of every tier */
	bool below_all;      /* below the lowest minimum of every tier (减轻) */
	struct benchmark_range range;
	char message[512];   /* "罚款 8000 元超出‘一般’阶次 2000–5000 元的裁量
	                      * 范围，须说明理由" */
};

/* Checks a decided fine of amount_fen under the tier of this level.
 * FZ_NOTFOUND when the matter has no such tier; FZ_INVALID for bad facts
 * or a negative amount. */
enum fz_err benchmark_check(const struct benchmark_matter *m, enum benchmark_level level,
			    const struct benchmark_facts *f, int64_t amount_fen,
			    struct benchmark_check_result *out, struct fz_error *e) FZ_MUST_CHECK;

#endif
