/* procedure_config.c - the province's values: defaults from the statutes
 * (and the U values of legal-rules.md, which a province must confirm),
 * and the `key value` format of data/procedures/config.txt read over
 * them. One table row per key keeps name, type and place together. */
#include "domain/procedure_config.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "domain/money.h"
#include "domain/penalty.h"
#include "domain/procedure_lex.h"

enum cfg_type { CFG_TEXT, CFG_MONEY, CFG_KINDS, CFG_BOOL, CFG_INT, CFG_PERIOD,
		CFG_DOMAIN_BASIS /* `key DOMAIN TEXT`, one line per domain */ };

struct cfg_row {
	const char *key;
	enum cfg_type type;
	size_t off;            /* offset in struct proc_config (not for periods) */
	int arg;               /* INT: max; PERIOD: enum proc_period_key */
	enum clock_unit unit;  /* PERIOD: the unit it must be written in */
};

#define OFF(m) offsetof(struct proc_config, m)
#define PERIOD(name, k, u) { name, CFG_PERIOD, 0, k, u }
/* A period whose way of counting no statute we hold fixes: off 1 lets
 * the file write days or working_days (u is the default's unit). */
#define PERIOD_ANY_DAYS(name, k, u) { name, CFG_PERIOD, 1, k, u }

static const struct cfg_row cfg_rows[] = {
	{ "province", CFG_TEXT, OFF(province), 0, 0 },
	{ "hearing_fine_citizen", CFG_MONEY, OFF(hearing_fine_fen[0]), 0, 0 },
	{ "hearing_fine_organisation", CFG_MONEY, OFF(hearing_fine_fen[1]), 0, 0 },
	{ "hearing_confiscation_citizen", CFG_MONEY, OFF(hearing_confiscation_fen[0]), 0, 0 },
	{ "hearing_confiscation_organisation", CFG_MONEY, OFF(hearing_confiscation_fen[1]), 0, 0 },
	{ "hearing_penalties", CFG_KINDS, OFF(hearing_penalties), 0, 0 },
	{ "review_fine_citizen", CFG_MONEY, OFF(review_fine_fen[0]), 0, 0 },
	{ "review_fine_organisation", CFG_MONEY, OFF(review_fine_fen[1]), 0, 0 },
	{ "review_confiscation_citizen", CFG_MONEY, OFF(review_confiscation_fen[0]), 0, 0 },
	{ "review_confiscation_organisation", CFG_MONEY, OFF(review_confiscation_fen[1]), 0, 0 },
	{ "review_penalties", CFG_KINDS, OFF(review_penalties), 0, 0 },
	{ "review_hearing_held", CFG_BOOL, OFF(review_hearing_held), 0, 0 },
	{ "review_complex", CFG_BOOL, OFF(review_complex), 0, 0 },
	{ "review_public_interest", CFG_BOOL, OFF(review_public_interest), 0, 0 },
	{ "deliberation_fine_citizen", CFG_MONEY, OFF(deliberation_fine_fen[0]), 0, 0 },
	{ "deliberation_fine_organisation", CFG_MONEY, OFF(deliberation_fine_fen[1]), 0, 0 },
	{ "simplified_fine_citizen", CFG_MONEY, OFF(simplified_fine_fen[0]), 0, 0 },
	{ "simplified_fine_organisation", CFG_MONEY, OFF(simplified_fine_fen[1]), 0, 0 },
	{ "simplified_penalties", CFG_KINDS, OFF(simplified_penalties), 0, 0 },
	{ "surcharge_permille_per_day", CFG_INT, OFF(surcharge_permille_per_day), 1000, 0 },
	{ "surcharge_cap_percent", CFG_INT, OFF(surcharge_cap_percent), 100, 0 },
	{ "late_entry_days", CFG_INT, OFF(late_entry_days), 30, 0 },
	PERIOD("defence_period", PROC_PERIOD_DEFENCE, CLOCK_WORKING_DAYS),
	PERIOD("hearing_request_window", PROC_PERIOD_HEARING_REQUEST, CLOCK_WORKING_DAYS),
	PERIOD("hearing_notice_period", PROC_PERIOD_HEARING_NOTICE, CLOCK_WORKING_DAYS),
	PERIOD("case_period", PROC_PERIOD_CASE, CLOCK_DAYS),
	PERIOD("case_extension", PROC_PERIOD_CASE_EXTENSION, CLOCK_DAYS),
	PERIOD("service_period", PROC_PERIOD_SERVICE, CLOCK_WORKING_DAYS),
	PERIOD("payment_period", PROC_PERIOD_PAYMENT, CLOCK_DAYS),
	PERIOD("publication_decision", PROC_PERIOD_PUBLICATION_DECISION, CLOCK_WORKING_DAYS),
	PERIOD("publication_other", PROC_PERIOD_PUBLICATION_OTHER, CLOCK_WORKING_DAYS),
	PERIOD("coercion_term", PROC_PERIOD_COERCION_TERM, CLOCK_DAYS),
	PERIOD("coercion_extension", PROC_PERIOD_COERCION_EXTENSION, CLOCK_DAYS),
	PERIOD("limitation", PROC_PERIOD_LIMITATION, CLOCK_MONTHS),
	PERIOD("limitation_serious", PROC_PERIOD_LIMITATION_SERIOUS, CLOCK_MONTHS),
	PERIOD("permit_acceptance", PROC_PERIOD_PERMIT_ACCEPTANCE, CLOCK_WORKING_DAYS),
	PERIOD("permit_decision", PROC_PERIOD_PERMIT_DECISION, CLOCK_WORKING_DAYS),
	PERIOD("permit_extension", PROC_PERIOD_PERMIT_EXTENSION, CLOCK_WORKING_DAYS),
	PERIOD("permit_delivery", PROC_PERIOD_PERMIT_DELIVERY, CLOCK_WORKING_DAYS),
	PERIOD("preservation_period", PROC_PERIOD_PRESERVATION, CLOCK_WORKING_DAYS),
	PERIOD("demand_period", PROC_PERIOD_DEMAND, CLOCK_WORKING_DAYS),
	PERIOD("reconsideration_period", PROC_PERIOD_RECONSIDERATION, CLOCK_DAYS),
	PERIOD("litigation_period", PROC_PERIOD_LITIGATION, CLOCK_MONTHS),
	PERIOD("court_application_window", PROC_PERIOD_COURT_APPLICATION, CLOCK_MONTHS),
	PERIOD("opening_period", PROC_PERIOD_OPENING, CLOCK_WORKING_DAYS),
	PERIOD("withdrawal_period", PROC_PERIOD_WITHDRAWAL, CLOCK_WORKING_DAYS),
	PERIOD("filing_period", PROC_PERIOD_FILING, CLOCK_DAYS),
	PERIOD("review_pending_alert", PROC_PERIOD_REVIEW_ALERT, CLOCK_WORKING_DAYS),
	PERIOD("comment_period", PROC_PERIOD_COMMENT, CLOCK_WORKING_DAYS),
	PERIOD("comment_period_business", PROC_PERIOD_COMMENT_BUSINESS, CLOCK_DAYS),
	PERIOD("legality_review_period", PROC_PERIOD_LEGALITY_REVIEW, CLOCK_WORKING_DAYS),
	PERIOD("normative_filing_period", PROC_PERIOD_NORMATIVE_FILING, CLOCK_DAYS),
	PERIOD("validity_period", PROC_PERIOD_VALIDITY, CLOCK_MONTHS),
	PERIOD("validity_provisional", PROC_PERIOD_VALIDITY_PROVISIONAL, CLOCK_MONTHS),
	PERIOD("validity_alert", PROC_PERIOD_VALIDITY_ALERT, CLOCK_MONTHS),
	PERIOD_ANY_DAYS("review_request_period", PROC_PERIOD_REVIEW_REQUEST, CLOCK_DAYS),
	PERIOD("decision_comment_period", PROC_PERIOD_DECISION_COMMENT, CLOCK_DAYS),
	PERIOD("decision_hearing_notice", PROC_PERIOD_DECISION_HEARING_NOTICE, CLOCK_DAYS),
	PERIOD("decision_review_period", PROC_PERIOD_DECISION_REVIEW, CLOCK_WORKING_DAYS),
	/* Complaint periods (投诉举报): the regulation's text is not in our
	 * sources (legal-rules §12, U), so a province writes either unit. */
	PERIOD_ANY_DAYS("complaint_acceptance", PROC_PERIOD_COMPLAINT_ACCEPTANCE, CLOCK_WORKING_DAYS),
	PERIOD_ANY_DAYS("complaint_period", PROC_PERIOD_COMPLAINT, CLOCK_DAYS),
	/* U: no source we hold says by when the year's catalogue is published */
	PERIOD("decision_catalogue_due", PROC_PERIOD_DECISION_CATALOGUE, CLOCK_MONTHS),
	/* U: art 37 sets no day for taking a stopped or changed decision down */
	PERIOD("decision_withdrawal_period", PROC_PERIOD_DECISION_WITHDRAWAL, CLOCK_WORKING_DAYS),
	{ "serious_harm_domains", CFG_TEXT, OFF(serious_harm_domains), 0, 0 },
	{ "onsite_single_officer", CFG_DOMAIN_BASIS, 0, 0, 0 },
	{ "case_extension_collective", CFG_BOOL, OFF(case_extension_collective), 0, 0 },
};

#define CFG_ROWS (sizeof cfg_rows / sizeof cfg_rows[0])

static const struct cfg_row *cfg_period_row(const char *name)
{
	for (size_t i = 0; name && i < CFG_ROWS; i++)
		if (cfg_rows[i].type == CFG_PERIOD && strcmp(cfg_rows[i].key, name) == 0)
			return &cfg_rows[i];
	return NULL;
}

void proc_config_init(struct proc_config *cfg)
{
	static const struct proc_period periods[PROC_PERIOD_COUNT] = {
		[PROC_PERIOD_DEFENCE] = { 5, CLOCK_WORKING_DAYS },
		[PROC_PERIOD_HEARING_REQUEST] = { 5, CLOCK_WORKING_DAYS },
		[PROC_PERIOD_HEARING_NOTICE] = { 7, CLOCK_WORKING_DAYS },
		[PROC_PERIOD_CASE] = { 90, CLOCK_DAYS },
		[PROC_PERIOD_CASE_EXTENSION] = { 30, CLOCK_DAYS },
		[PROC_PERIOD_SERVICE] = { 7, CLOCK_WORKING_DAYS },
		[PROC_PERIOD_PAYMENT] = { 15, CLOCK_DAYS },
		[PROC_PERIOD_PUBLICATION_DECISION] = { 7, CLOCK_WORKING_DAYS },
		[PROC_PERIOD_PUBLICATION_OTHER] = { 20, CLOCK_WORKING_DAYS },
		[PROC_PERIOD_COERCION_TERM] = { 30, CLOCK_DAYS },
		[PROC_PERIOD_COERCION_EXTENSION] = { 30, CLOCK_DAYS },
		[PROC_PERIOD_LIMITATION] = { 24, CLOCK_MONTHS },
		[PROC_PERIOD_LIMITATION_SERIOUS] = { 60, CLOCK_MONTHS },
		[PROC_PERIOD_PERMIT_ACCEPTANCE] = { 5, CLOCK_WORKING_DAYS },
		[PROC_PERIOD_PERMIT_DECISION] = { 20, CLOCK_WORKING_DAYS },
		[PROC_PERIOD_PERMIT_EXTENSION] = { 10, CLOCK_WORKING_DAYS },
		[PROC_PERIOD_PERMIT_DELIVERY] = { 10, CLOCK_WORKING_DAYS },
		[PROC_PERIOD_PRESERVATION] = { 7, CLOCK_WORKING_DAYS },
		[PROC_PERIOD_DEMAND] = { 10, CLOCK_WORKING_DAYS },
		[PROC_PERIOD_RECONSIDERATION] = { 60, CLOCK_DAYS },
		[PROC_PERIOD_LITIGATION] = { 6, CLOCK_MONTHS },
		[PROC_PERIOD_COURT_APPLICATION] = { 3, CLOCK_MONTHS },
		[PROC_PERIOD_OPENING] = { 15, CLOCK_WORKING_DAYS },
		[PROC_PERIOD_WITHDRAWAL] = { 3, CLOCK_WORKING_DAYS },
		[PROC_PERIOD_FILING] = { 15, CLOCK_DAYS },
		[PROC_PERIOD_REVIEW_ALERT] = { 5, CLOCK_WORKING_DAYS },
		[PROC_PERIOD_COMMENT] = { 7, CLOCK_WORKING_DAYS },
		[PROC_PERIOD_COMMENT_BUSINESS] = { 30, CLOCK_DAYS },
		[PROC_PERIOD_LEGALITY_REVIEW] = { 15, CLOCK_WORKING_DAYS },     /* U */
		[PROC_PERIOD_NORMATIVE_FILING] = { 30, CLOCK_DAYS },            /* U */
		[PROC_PERIOD_VALIDITY] = { 60, CLOCK_MONTHS },
		[PROC_PERIOD_VALIDITY_PROVISIONAL] = { 24, CLOCK_MONTHS },      /* U */
		[PROC_PERIOD_VALIDITY_ALERT] = { 6, CLOCK_MONTHS },
		[PROC_PERIOD_REVIEW_REQUEST] = { 60, CLOCK_DAYS },              /* U */
		[PROC_PERIOD_DECISION_COMMENT] = { 30, CLOCK_DAYS },
		[PROC_PERIOD_DECISION_HEARING_NOTICE] = { 7, CLOCK_DAYS },
		[PROC_PERIOD_DECISION_REVIEW] = { 7, CLOCK_WORKING_DAYS },
		[PROC_PERIOD_COMPLAINT_ACCEPTANCE] = { 5, CLOCK_WORKING_DAYS }, /* U */
		[PROC_PERIOD_COMPLAINT] = { 60, CLOCK_DAYS },                   /* U */
		[PROC_PERIOD_DECISION_CATALOGUE] = { 3, CLOCK_MONTHS },         /* U */
		[PROC_PERIOD_DECISION_WITHDRAWAL] = { 3, CLOCK_WORKING_DAYS },  /* U */
	};
	const unsigned heavy = PENALTY_LOWER_QUALIFICATION | PENALTY_REVOKE_LICENCE |
			       PENALTY_SUSPEND_BUSINESS | PENALTY_CLOSE | PENALTY_RESTRICT_PRACTICE;
	memset(cfg, 0, sizeof *cfg);
	cfg->province = "（默认值）";
	cfg->filename = "";
	cfg->hearing_fine_fen[0] = 10000 * 100;
	cfg->hearing_fine_fen[1] = 100000 * 100;
	cfg->hearing_confiscation_fen[0] = 10000 * 100;
	cfg->hearing_confiscation_fen[1] = 100000 * 100;
	cfg->hearing_penalties = heavy;
	cfg->review_fine_fen[0] = 50000 * 100;
	cfg->review_fine_fen[1] = 200000 * 100;
	cfg->review_confiscation_fen[0] = 50000 * 100;
	cfg->review_confiscation_fen[1] = 200000 * 100;
	cfg->review_penalties = heavy | PENALTY_SUSPEND_LICENCE;
	cfg->review_hearing_held = true;
	cfg->review_complex = true;
	cfg->review_public_interest = true;
	cfg->simplified_fine_fen[0] = 200 * 100;
	cfg->simplified_fine_fen[1] = 3000 * 100;
	cfg->simplified_penalties = PENALTY_WARNING | PENALTY_FINE;
	cfg->surcharge_permille_per_day = 30;
	cfg->surcharge_cap_percent = 100;
	cfg->late_entry_days = 1;
	memcpy(cfg->periods, periods, sizeof periods);
	/* U: a reading of "生命健康安全、金融安全" by domain, for a province to confirm */
	cfg->serious_harm_domains = "食品安全 药品监管 市场监管 卫生健康 生态环境 安全生产 金融监管";
}

/* `onsite_single_officer 交通管理 《道路交通安全法》第一百零七条`: a domain
 * word, then the legal basis (the rest of the line); a domain once. */
static enum fz_err cfg_domain_basis(struct proc_lex *lx, const struct cfg_row *r,
				   struct proc_config *cfg, struct arena *a, struct fz_error *e)
{
	size_t dn, bn;
	const char *d = proc_lex_word(lx, &dn);
	const char *b = d ? proc_lex_rest(lx, &bn) : NULL;
	if (!d || !b || dn > 60 || bn > PROC_LABEL_MAX)
		return proc_fail(e, lx->filename, lx->line,
				 "%s 应写为“执法领域 法律依据”，如 交通管理 《中华人民共和国道路交通安全法》"
				 "第一百零七条", r->key);
	if (cfg->nonsite_single_officer == PROC_DOMAIN_BASIS_MAX)
		return proc_fail(e, lx->filename, lx->line, "%s 最多 %d 行", r->key,
				 PROC_DOMAIN_BASIS_MAX);
	const char *domain = arena_strndup(a, d, dn), *basis = arena_strndup(a, b, bn);
	if (!domain || !basis)
		return fz_fail(e, FZ_NOMEM, "", NULL);
	if (proc_config_onsite_single(cfg, domain))
		return proc_fail(e, lx->filename, lx->line, "%s：执法领域“%s”重复", r->key, domain);
	cfg->onsite_single_officer[cfg->nonsite_single_officer++] =
		(struct proc_domain_basis){ domain, basis };
	return FZ_OK;
}

/* Reads the value of one row from the rest of the line. */
static enum fz_err cfg_value(struct proc_lex *lx, const struct cfg_row *r,
			     struct proc_config *cfg, struct arena *a, struct fz_error *e)
{
	char *field = (char *)cfg + r->off;
	size_t n;
	const char *w;
	char tmp[400];
	if (r->type == CFG_DOMAIN_BASIS)
		return cfg_domain_basis(lx, r, cfg, a, e);
	if (r->type == CFG_TEXT) {
		w = proc_lex_rest(lx, &n);
		if (!w || n > PROC_LABEL_MAX)
			return proc_fail(e, lx->filename, lx->line, "%s 应为 1 至 %d 字节的文字",
					 r->key, PROC_LABEL_MAX);
		const char *s = arena_strndup(a, w, n);
		if (!s)
			return fz_fail(e, FZ_NOMEM, "", NULL);
		memcpy(field, &s, sizeof s);
		return FZ_OK;
	}
	if (r->type == CFG_KINDS) {
		w = proc_lex_rest(lx, &n);
		snprintf(tmp, sizeof tmp, "%.*s", (int)(n < sizeof tmp ? n : sizeof tmp - 1),
			 w ? w : "");
		struct fz_error ke = { 0 };
		unsigned kinds;
		if (penalty_kinds_parse(tmp, &kinds, &ke))
			return proc_fail(e, lx->filename, lx->line, "%s：%s", r->key, ke.message);
		memcpy(field, &kinds, sizeof kinds);
		return FZ_OK;
	}
	w = proc_lex_word(lx, &n);
	snprintf(tmp, sizeof tmp, "%.*s", (int)(n < 40 ? n : 40), w ? w : "");
	if (r->type == CFG_MONEY) {
		int64_t fen;
		if (!money_parse_yuan(tmp, &fen))
			return proc_fail(e, lx->filename, lx->line, "%s 应为元数（最多两位小数）",
					 r->key);
		memcpy(field, &fen, sizeof fen);
	} else if (r->type == CFG_BOOL) {
		bool yes = strcmp(tmp, "yes") == 0;
		if (!yes && strcmp(tmp, "no") != 0)
			return proc_fail(e, lx->filename, lx->line, "%s 应为 yes 或 no", r->key);
		memcpy(field, &yes, sizeof yes);
	} else if (r->type == CFG_INT) {
		int v;
		if (!proc_number_parse(w, n, r->arg, &v))
			return proc_fail(e, lx->filename, lx->line, "%s 应为 0 至 %d 的整数", r->key,
					 r->arg);
		memcpy(field, &v, sizeof v);
	} else {
		size_t un;
		const char *u = proc_lex_word(lx, &un);
		enum clock_unit unit;
		int v, mult;
		if (!proc_number_parse(w, n, 100000, &v) || v <= 0 ||
		    !proc_unit_parse(u, un, &unit, &mult))
			return proc_fail(e, lx->filename, lx->line, "%s 应写为“数量 单位”，如 5 %s",
					 r->key, proc_unit_name(r->unit));
		bool any_days = r->off == 1 && (unit == CLOCK_DAYS || unit == CLOCK_WORKING_DAYS);
		if (unit != r->unit && !any_days)
			return proc_fail(e, lx->filename, lx->line,
					 "%s 的单位应为 %s（法律规定的计算方式）", r->key,
					 r->unit == CLOCK_MONTHS ? "months 或 years" : proc_unit_name(r->unit));
		cfg->periods[r->arg] = (struct proc_period){ v * mult, unit };
	}
	w = proc_lex_word(lx, &n);
	if (w)
		return proc_fail(e, lx->filename, lx->line, "%s 后有多余的内容", r->key);
	return FZ_OK;
}

/* `NAME_for DOMAIN N UNIT BASIS` for the period of row r. */
static enum fz_err cfg_domain_period(struct proc_lex *lx, const struct cfg_row *r,
				     struct proc_config *cfg, struct arena *a, size_t *cap,
				     struct fz_error *e)
{
	size_t dn, n, un, bn;
	const char *d = proc_lex_word(lx, &dn);
	const char *w = proc_lex_word(lx, &n);
	const char *u = proc_lex_word(lx, &un);
	const char *basis = proc_lex_rest(lx, &bn);
	enum clock_unit unit;
	int v, mult;
	if (!d || dn > PROC_LABEL_MAX || !proc_number_parse(w, n, 100000, &v) || v <= 0 ||
	    !proc_unit_parse(u, un, &unit, &mult) || !basis || bn > PROC_DOMAIN_PERIOD_BASIS_MAX)
		return proc_fail(e, lx->filename, lx->line,
				 "%s_for 应写为“执法领域 数量 单位 依据”，如 %s_for 市场监管 5 %s 某规定第几条",
				 r->key, r->key, proc_unit_name(r->unit));
	if (unit != r->unit)
		return proc_fail(e, lx->filename, lx->line,
				 "%s_for 的单位应为 %s（法律规定的计算方式）", r->key,
				 r->unit == CLOCK_MONTHS ? "months 或 years" : proc_unit_name(r->unit));
	for (size_t i = 0; i < cfg->ndomain_periods; i++) {
		const struct proc_domain_period *p = &cfg->domain_periods[i];
		if (p->key == (enum proc_period_key)r->arg && strlen(p->domain) == dn &&
		    memcmp(p->domain, d, dn) == 0)
			return proc_fail(e, lx->filename, lx->line,
					 "%s_for %s 重复（第 %d 行已设置）", r->key, p->domain,
					 p->line);
	}
	if (!proc_grow(a, (void **)&cfg->domain_periods, cfg->ndomain_periods, cap,
		       sizeof *cfg->domain_periods))
		return fz_fail(e, FZ_NOMEM, "", NULL);
	struct proc_domain_period *p = &cfg->domain_periods[cfg->ndomain_periods];
	p->domain = arena_strndup(a, d, dn);
	p->basis = arena_strndup(a, basis, bn);
	if (!p->domain || !p->basis)
		return fz_fail(e, FZ_NOMEM, "", NULL);
	p->key = (enum proc_period_key)r->arg;
	p->period = (struct proc_period){ v * mult, unit };
	p->line = lx->line;
	cfg->ndomain_periods++;
	return FZ_OK;
}

/* The period row whose key is the word less "_for", or NULL. */
static const struct cfg_row *cfg_domain_row(const char *k, size_t kn)
{
	char base[64];
	if (kn <= 4 || kn - 4 >= sizeof base || memcmp(k + kn - 4, "_for", 4) != 0)
		return NULL;
	memcpy(base, k, kn - 4);
	base[kn - 4] = '\0';
	return cfg_period_row(base);
}

enum fz_err proc_config_parse(const char *text, size_t len, const char *filename,
			      struct proc_config *cfg, struct arena *a, struct fz_error *e)
{
	struct proc_lex lx;
	int seen[CFG_ROWS] = { 0 };
	size_t cap = 0;
	proc_config_init(cfg);
	cfg->filename = arena_strdup(a, filename ? filename : "");
	if (!cfg->filename)
		return fz_fail(e, FZ_NOMEM, "", NULL);
	proc_lex_init(&lx, text, len, cfg->filename);
	while (proc_lex_next_line(&lx)) {
		if (lx.bad_utf8)
			return proc_fail(e, lx.filename, lx.line, "不是有效的 UTF-8 文本");
		size_t kn;
		const char *k = proc_lex_word(&lx, &kn);
		size_t i = 0;
		while (i < CFG_ROWS && !proc_word_is(k, kn, cfg_rows[i].key))
			i++;
		const struct cfg_row *dr = i == CFG_ROWS ? cfg_domain_row(k, kn) : NULL;
		if (dr) {
			enum fz_err rc = cfg_domain_period(&lx, dr, cfg, a, &cap, e);
			if (rc)
				return rc;
			continue;
		}
		if (i == CFG_ROWS)
			return proc_fail(e, lx.filename, lx.line, "未知的配置项“%.*s”",
					 (int)(kn > 40 ? 40 : kn), k);
		if (seen[i] && cfg_rows[i].type != CFG_DOMAIN_BASIS)
			return proc_fail(e, lx.filename, lx.line, "配置项 %s 重复（第 %d 行已设置）",
					 cfg_rows[i].key, seen[i]);
		seen[i] = lx.line;
		enum fz_err rc = cfg_value(&lx, &cfg_rows[i], cfg, a, e);
		if (rc)
			return rc;
	}
	return FZ_OK;
}

bool proc_config_period(const struct proc_config *cfg, const char *name,
			struct proc_period *out)
{
	const struct cfg_row *r = cfg_period_row(name);
	if (!r)
		return false;
	*out = cfg->periods[r->arg];
	return true;
}

void proc_config_for_domain(const struct proc_config *cfg, const char *domain,
			    struct proc_config *out)
{
	*out = *cfg;
	memset(out->period_basis, 0, sizeof out->period_basis);
	for (size_t i = 0; domain && i < cfg->ndomain_periods; i++) {
		const struct proc_domain_period *p = &cfg->domain_periods[i];
		if (strcmp(p->domain, domain) != 0)
			continue;
		out->periods[p->key] = p->period;
		out->period_basis[p->key] = p->basis;
	}
}

const char *proc_config_period_basis(const struct proc_config *cfg, const char *name)
{
	const struct cfg_row *r = cfg_period_row(name);
	return r ? cfg->period_basis[r->arg] : NULL;
}

bool proc_config_period_known(const char *name, enum clock_unit *unit)
{
	const struct cfg_row *r = cfg_period_row(name);
	if (r)
		*unit = r->unit;
	return r != NULL;
}

const char *proc_config_period_name(enum proc_period_key k)
{
	for (size_t i = 0; i < CFG_ROWS; i++)
		if (cfg_rows[i].type == CFG_PERIOD && cfg_rows[i].arg == (int)k)
			return cfg_rows[i].key;
	return NULL;
}

const char *proc_party_label(enum party_kind k)
{
	return k == PARTY_ORGANISATION ? "法人或其他组织" : "公民";
}

bool proc_config_domain_listed(const char *list, const char *domain)
{
	size_t dn = domain ? strlen(domain) : 0;
	for (const char *p = list ? list : ""; dn && *p;) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		size_t n = strcspn(p, " \t,");
		if (n == dn && strncmp(p, domain, n) == 0)
			return true;
		p += n;
	}
	return false;
}

const char *proc_config_onsite_single(const struct proc_config *cfg, const char *domain)
{
	for (size_t i = 0; domain && i < cfg->nonsite_single_officer; i++)
		if (strcmp(cfg->onsite_single_officer[i].domain, domain) == 0)
			return cfg->onsite_single_officer[i].basis;
	return NULL;
}
