/* procedure_config.h - what differs by province: hearing thresholds, the
 * legal-review catalogue, simplified-procedure limits, the surcharge and the
 * named periods clocks refer to (`budget config NAME`); parsed from the
 * text of data/procedures/config.txt, no I/O here. */
#ifndef FZ_DOMAIN_PROCEDURE_CONFIG_H
#define FZ_DOMAIN_PROCEDURE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "domain/case.h"
#include "domain/procedure.h"

/* How many domains `onsite_single_officer` lines may name. */
#define PROC_DOMAIN_BASIS_MAX 16

/* Index of money thresholds by party: PARTY_CITIZEN - 1, PARTY_ORGANISATION - 1. */
#define PROC_PARTIES 2

/* The named periods. Each has a fixed unit (the statute's way of
 * counting, legal-rules §0); the file must write that unit. */
enum proc_period_key {
	PROC_PERIOD_DEFENCE,              /* statement and defence: 5 wd (U) */
	PROC_PERIOD_HEARING_REQUEST,      /* hearing request window: 5 wd */
	PROC_PERIOD_HEARING_NOTICE,       /* hearing notice before hearing: 7 wd */
	PROC_PERIOD_CASE,                 /* case handling: 90 d */
	PROC_PERIOD_CASE_EXTENSION,       /* its extension: 30 d (market regulation) */
	PROC_PERIOD_SERVICE,              /* decision served: 7 wd */
	PROC_PERIOD_PAYMENT,              /* fine paid: 15 d */
	PROC_PERIOD_PUBLICATION_DECISION, /* permit and penalty decisions public: 7 wd */
	PROC_PERIOD_PUBLICATION_OTHER,    /* other results public: 20 wd */
	PROC_PERIOD_COERCION_TERM,        /* sealing / seizure: 30 d */
	PROC_PERIOD_COERCION_EXTENSION,   /* its extension: 30 d */
	PROC_PERIOD_LIMITATION,           /* penalty limitation: 2 y */
	PROC_PERIOD_LIMITATION_SERIOUS,   /* life, health, finance with harm: 5 y */
	PROC_PERIOD_PERMIT_ACCEPTANCE,    /* correction notice or acceptance: 5 wd */
	PROC_PERIOD_PERMIT_DECISION,      /* permit decision: 20 wd */
	PROC_PERIOD_PERMIT_EXTENSION,     /* its extension: 10 wd */
	PROC_PERIOD_PERMIT_DELIVERY,      /* licence delivered: 10 wd */
	PROC_PERIOD_PRESERVATION,         /* 先行登记保存 decided: 7 wd (art 56) */
	PROC_PERIOD_DEMAND,               /* 催告书 served before a court
	                                   * application: 10 wd (强制法 art 54) */
	PROC_PERIOD_RECONSIDERATION,      /* applying for reconsideration: 60 d */
	PROC_PERIOD_LITIGATION,           /* suing: 6 months (行政诉讼法 art 46) */
	PROC_PERIOD_COURT_APPLICATION,    /* applying to court for enforcement
	                                   * after those: 3 months (强制法 art 53) */
	PROC_PERIOD_OPENING,              /* a clue checked and the case opened or
	                                   * declined: 15 wd (market regulation;
	                                   * the Law sets none, U elsewhere) */
	PROC_PERIOD_WITHDRAWAL,           /* a published decision set aside is
	                                   * withdrawn: 3 wd (行政处罚法 art 48) */
	PROC_PERIOD_FILING,               /* a major penalty decision filed with
	                                   * the justice bureau (重大行政处罚备案):
	                                   * 15 d, set by local rules (U) */
	PROC_PERIOD_REVIEW_ALERT,         /* a case waiting for the legal review
	                                   * this long is an alert: 5 wd (a
	                                   * management setting, not law) */
	/* normative documents (行政规范性文件, legal-rules.md §9) */
	PROC_PERIOD_COMMENT,              /* public comment: ≥ 7 wd (示范指标 24) */
	PROC_PERIOD_COMMENT_BUSINESS,     /* closely related to business
	                                   * activity: ≥ 30 d (营商环境条例 art 62) */
	PROC_PERIOD_LEGALITY_REVIEW,      /* 合法性审核: ≤ 15 wd (115号, U) */
	PROC_PERIOD_NORMATIVE_FILING,     /* 备案 after publication: 30 d (local
	                                   * rules, 15 or 30 d: U, configurable) */
	PROC_PERIOD_VALIDITY,             /* 有效期: 5 years (local rules) */
	PROC_PERIOD_VALIDITY_PROVISIONAL, /* 暂行、试行: 2 years (U) */
	PROC_PERIOD_VALIDITY_ALERT,       /* expiry alert before the end of
	                                   * validity: 6 months (local rules,
	                                   * V-sec) */
	PROC_PERIOD_REVIEW_REQUEST,       /* a review request (审查建议) about a
	                                   * normative document answered: 60 d,
	                                   * U (no source we hold fixes it) */
	/* major decisions (重大行政决策, legal-rules.md §8; minimum periods) */
	PROC_PERIOD_DECISION_COMMENT,     /* public comment: ≥ 30 d (第713号令
	                                   * art 15), shorter only with a reason */
	PROC_PERIOD_DECISION_HEARING_NOTICE, /* hearing participants and materials
	                                      * published: ≥ 7 d before (art 16) */
	PROC_PERIOD_DECISION_REVIEW,      /* time allowed for the legality
	                                   * review: ≥ 7 wd (art 26) */
	PROC_PERIOD_COMPLAINT_ACCEPTANCE, /* a complaint accepted or refused
	                                   * (投诉受理): 5 wd, U (行政执法监督
	                                   * 条例's text not in our sources) */
	PROC_PERIOD_COMPLAINT,            /* an accepted complaint answered
	                                   * (投诉办理): 60 d, U; either unit */
	PROC_PERIOD_DECISION_CATALOGUE,   /* the year's decision catalogue
	                                   * approved and published within this
	                                   * many months of the year's start:
	                                   * 3 months, U (art 3 para 3 sets no
	                                   * day; the indicator's "on time") */
	PROC_PERIOD_DECISION_WITHDRAWAL,  /* a published major decision stopped
	                                   * or changed (art 37) withdrawn from
	                                   * the portal: 3 wd, U (art 37 sets no
	                                   * day; by analogy with 行政处罚法 art
	                                   * 48 para 2) */
	PROC_PERIOD_COUNT
};

/* A period set for one enforcement domain (`NAME_for DOMAIN N UNIT
 * BASIS`): the statute leaves some periods to sector rules (the defence
 * period: 行政处罚法 arts 44-45 set none), so the value and the rule
 * cited with it belong to the case's domain, not to every case. */
struct proc_domain_period {
	const char *domain;          /* as on the case: 市场监管, 食品安全 ... */
	enum proc_period_key key;
	struct proc_period period;
	const char *basis;           /* cited instead of the clock's own basis */
	int line;
};

#define PROC_DOMAIN_PERIOD_BASIS_MAX 600 /* bytes of a domain period's basis */

struct proc_config {
	const char *province;        /* whose values these are */
	const char *filename;
	/* 听证 (行政处罚法 art 63): a fine or a confiscated value at or above
	 * the threshold, or one of the kinds, gives the party a hearing. */
	int64_t hearing_fine_fen[PROC_PARTIES];
	int64_t hearing_confiscation_fen[PROC_PARTIES];
	unsigned hearing_penalties;         /* enum penalty_kind bits */
	/* 重大执法决定法制审核目录 (art 58): 0 = the criterion is not used. */
	int64_t review_fine_fen[PROC_PARTIES];
	int64_t review_confiscation_fen[PROC_PARTIES];
	unsigned review_penalties;
	bool review_hearing_held;           /* a hearing was held */
	bool review_complex;                /* complex facts, several legal relations */
	bool review_public_interest;        /* major public interest */
	/* 集体讨论 (art 57 para 2) beyond complex or major cases; 0 = none. */
	int64_t deliberation_fine_fen[PROC_PARTIES];
	/* 简易程序 (art 51). */
	int64_t simplified_fine_fen[PROC_PARTIES];
	unsigned simplified_penalties;
	/* 加处罚款 (art 72): per day, and the cap as a share of the fine. */
	int surcharge_permille_per_day;
	int surcharge_cap_percent;
	/* 补录: a step recorded more than this many calendar days after the
	 * day it took place is a late entry, allowed only with a reason and
	 * marked as such. Not law: a policy of the full-process record
	 * (全过程记录, 118号), so configurable; default 1. */
	int late_entry_days;
	struct proc_period periods[PROC_PERIOD_COUNT];
	/* 五年追责时效 (行政处罚法 art 36): the enforcement domains whose
	 * cases may involve life, health or financial safety, space-separated;
	 * "" = none. A province's choice, not the statute's words. */
	const char *serious_harm_domains;
	/* 当场处罚 by one officer (art 42 "法律另有规定的除外"): the domains
	 * where a law allows it, each with that law's provision for messages.
	 * Empty by default: two officers everywhere. */
	struct proc_domain_basis {
		const char *domain;
		const char *basis;
	} onsite_single_officer[PROC_DOMAIN_BASIS_MAX];
	size_t nonsite_single_officer;
	/* 办案期限: a second extension by collective deliberation (市场监督管理
	 * 行政处罚程序规定 2022, V-sec); false = one approved extension only. */
	bool case_extension_collective;
	struct proc_domain_period *domain_periods; /* in the arena of parse */
	size_t ndomain_periods;
	/* Set only by proc_config_for_domain: the basis of each period the
	 * domain sets itself; NULL = the clock's own basis applies. */
	const char *period_basis[PROC_PERIOD_COUNT];
};

/* Whether domain is one of the space-separated words of list. */
bool proc_config_domain_listed(const char *list, const char *domain);
/* The law allowing one officer for an on-the-spot decision in domain,
 * or NULL (two officers). */
const char *proc_config_onsite_single(const struct proc_config *cfg, const char *domain);

/* The statutory values where the law fixes them, and the values marked U
 * in legal-rules.md for the rest (see data/procedures/config.txt). */
void proc_config_init(struct proc_config *cfg);

/* Parses the config format over the defaults of proc_config_init: every
 * `key value` line sets one value; `PERIOD_for DOMAIN N UNIT BASIS` sets
 * a period for one enforcement domain. An unknown key, a key (or a
 * domain's period) given twice, a bad number, amount, kind or unit (a
 * period must be written in its own unit), a domain period without its
 * basis is FZ_INVALID with "FILE 第 N 行：...". Strings in a. */
enum fz_err proc_config_parse(const char *text, size_t len, const char *filename,
			      struct proc_config *cfg, struct arena *a, struct fz_error *e)
	FZ_MUST_CHECK;

/* cfg as it applies to a case of enforcement domain `domain` (may be
 * NULL): the domain's own periods, with their basis, in place of the
 * general ones. out shares cfg's strings. */
void proc_config_for_domain(const struct proc_config *cfg, const char *domain,
			    struct proc_config *out);
/* The basis that a domain-resolved cfg gives for period name, or NULL
 * (the clock's own basis applies). */
const char *proc_config_period_basis(const struct proc_config *cfg, const char *name);

/* The period by name ("defence_period" ...); false when unknown. */
bool proc_config_period(const struct proc_config *cfg, const char *name,
			struct proc_period *out);
/* Whether a period of that name exists, and its unit. */
bool proc_config_period_known(const char *name, enum clock_unit *unit);
/* The name of a period key ("defence_period"). Static storage. */
const char *proc_config_period_name(enum proc_period_key k);

/* Index into the PROC_PARTIES arrays for a case's party kind. */
static inline int proc_party_index(enum party_kind k)
{
	return k == PARTY_ORGANISATION ? 1 : 0;
}
/* "公民" or "法人或其他组织". Static storage. */
const char *proc_party_label(enum party_kind k);

#endif
