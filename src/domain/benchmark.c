/* benchmark.c - using discretion benchmarks: the fine range of a tier for
 * given facts, the proposed tier and exemption, and the check of a decided
 * amount. All money is int64 fen and multiples are hundredths; products
 * cannot overflow because facts are bounded (benchmark.h). */
#include "domain/benchmark.h"

#include <stdio.h>
#include <string.h>

#include "base/embed.h"

extern const struct embedded_file benchmark_files[];

static const char *const level_names[BENCHMARK_LEVELS + 1] = {
	"", "轻微", "一般", "较重", "严重",
};
static const char *const level_codes[BENCHMARK_LEVELS + 1] = {
	"", "minor", "general", "serious", "grave",
};

const char *benchmark_level_name(enum benchmark_level level)
{
	return level >= BENCHMARK_MINOR && level <= BENCHMARK_GRAVE ? level_names[level] : "";
}

bool benchmark_level_parse(const char *s, enum benchmark_level *out)
{
	for (int i = BENCHMARK_MINOR; s && i <= BENCHMARK_GRAVE; i++) {
		if (strcmp(s, level_names[i]) == 0 || strcmp(s, level_codes[i]) == 0) {
			*out = (enum benchmark_level)i;
			return true;
		}
	}
	return false;
}

const struct benchmark_matter *benchmark_find(const struct benchmark_set *set,
					      const char *matter_id)
{
	for (size_t i = 0; set && matter_id && i < set->nmatters; i++)
		if (strcmp(set->matters[i].id, matter_id) == 0)
			return &set->matters[i];
	return NULL;
}

const struct benchmark_tier *benchmark_tier_find(const struct benchmark_matter *m,
						 enum benchmark_level level)
{
	for (size_t i = 0; m && i < m->ntiers; i++)
		if (m->tiers[i].level == level)
			return &m->tiers[i];
	return NULL;
}

enum fz_err benchmark_builtin(struct arena *a, struct benchmark_set *out, struct fz_error *e)
{
	struct benchmark_set set = { 0 };
	for (const struct embedded_file *f = benchmark_files; f->name; f++) {
		enum fz_err rc = benchmark_parse(a, f->name, f->data, f->size, &set, e);
		if (rc)
			return rc;
	}
	*out = set;
	return FZ_OK;
}

/* Hundredths (of a yuan, or of a multiple) as a decimal: 12, 12.5, 0.05. */
static void hundredths(int64_t v, char out[32])
{
	if (v % 100 == 0)
		snprintf(out, 32, "%lld", (long long)(v / 100));
	else if (v % 10 == 0)
		snprintf(out, 32, "%lld.%lld", (long long)(v / 100), (long long)(v % 100 / 10));
	else
		snprintf(out, 32, "%lld.%02lld", (long long)(v / 100), (long long)(v % 100));
}

/* "8000", "8000.50", "0.05": yuan as money_format_yuan writes them, for
 * amounts up to the largest product of bounded facts. */
static void yuan(int64_t fen, char out[32])
{
	if (fen % 100 == 0)
		snprintf(out, 32, "%lld", (long long)(fen / 100));
	else
		snprintf(out, 32, "%lld.%02lld", (long long)(fen / 100), (long long)(fen % 100));
}

static enum fz_err facts_check(const struct benchmark_facts *f, struct fz_error *e)
{
	if (f->illegal_gains_fen < 0 || f->illegal_gains_fen > BENCHMARK_AMOUNT_MAX_FEN)
		return fz_fail(e, FZ_INVALID, "illegal_gains", "违法所得金额超出可计算的范围");
	if (f->goods_value_fen < 0 || f->goods_value_fen > BENCHMARK_AMOUNT_MAX_FEN)
		return fz_fail(e, FZ_INVALID, "goods_value", "货值金额超出可计算的范围");
	if (f->quantity < 0 || f->quantity > BENCHMARK_QUANTITY_MAX)
		return fz_fail(e, FZ_INVALID, "quantity", "数量超出可计算的范围");
	if (f->harm < BENCHMARK_HARM_NONE || f->harm > BENCHMARK_HARM_GRAVE)
		return fz_fail(e, FZ_INVALID, "harm", "危害后果应为无、轻微、较重或严重");
	if (f->aggravating < 0 || f->aggravating > BENCHMARK_CIRCUMSTANCES_MAX ||
	    f->mitigating < 0 || f->mitigating > BENCHMARK_CIRCUMSTANCES_MAX)
		return fz_fail(e, FZ_INVALID, "circumstances", "从重、从轻情节的数目应为 0–%d",
			       BENCHMARK_CIRCUMSTANCES_MAX);
	return FZ_OK;
}

/* "2000–5000 元" into out. */
static void range_text(int64_t lo, int64_t hi, char out[80])
{
	char a[32], b[32];
	yuan(lo, a);
	yuan(hi, b);
	if (lo == hi)
		snprintf(out, 80, "%s 元", a);
	else
		snprintf(out, 80, "%s–%s 元", a, b);
}

/* A multiple of a base amount: 违法所得, 货值金额. */
static void multiple_range(const struct benchmark_fine *fine, const char *label, int64_t base,
			   struct benchmark_range *r)
{
	char amount[32], lo[32], hi[32], res[80];
	yuan(base, amount);
	if (fine->has_floor && base < fine->below_fen) {
		char below[32];
		yuan(fine->below_fen, below);
		r->min_fen = fine->floor_min_fen;
		r->max_fen = fine->floor_max_fen;
		range_text(r->min_fen, r->max_fen, res);
		if (base)
			snprintf(r->how, sizeof r->how, "%s %s 元，不足 %s 元，罚款 %s", label,
				 amount, below, res);
		else
			snprintf(r->how, sizeof r->how, "没有%s，罚款 %s", label, res);
		return;
	}
	/* rounded down to the fen: never above what the multiple allows */
	r->min_fen = base * fine->min / 100;
	r->max_fen = base * fine->max / 100;
	hundredths(fine->min, lo);
	hundredths(fine->max, hi);
	range_text(r->min_fen, r->max_fen, res);
	if (fine->min == fine->max)
		snprintf(r->how, sizeof r->how, "%s %s 元的 %s 倍，即 %s", label, amount, lo, res);
	else
		snprintf(r->how, sizeof r->how, "%s %s 元的 %s–%s 倍，即 %s", label, amount, lo, hi,
			 res);
}

enum fz_err benchmark_range(const struct benchmark_tier *t, const struct benchmark_facts *f,
			    struct benchmark_range *out, struct fz_error *e)
{
	memset(out, 0, sizeof *out);
	enum fz_err rc = facts_check(f, e);
	if (rc)
		return rc;
	const struct benchmark_fine *fine = &t->fine;
	char res[80], lo[32], hi[32];
	out->has_fine = fine->basis != BENCHMARK_FINE_NONE;
	switch (fine->basis) {
	case BENCHMARK_FINE_NONE:
		snprintf(out->how, sizeof out->how, "不处罚款");
		break;
	case BENCHMARK_FINE_FIXED:
		out->min_fen = fine->min;
		out->max_fen = fine->max;
		range_text(out->min_fen, out->max_fen, res);
		snprintf(out->how, sizeof out->how, "罚款 %s", res);
		break;
	case BENCHMARK_FINE_GAINS:
		multiple_range(fine, "违法所得", f->illegal_gains_fen, out);
		break;
	case BENCHMARK_FINE_GOODS:
		multiple_range(fine, "货值金额", f->goods_value_fen, out);
		break;
	case BENCHMARK_FINE_PER_UNIT:
		out->min_fen = fine->min * f->quantity;
		out->max_fen = fine->max * f->quantity;
		range_text(fine->min, fine->max, res);
		yuan(out->min_fen, lo);
		yuan(out->max_fen, hi);
		snprintf(out->how, sizeof out->how, "每%s %s，共 %lld %s，即 %s–%s 元", fine->unit,
			 res, (long long)f->quantity, fine->unit, lo, hi);
		break;
	}
	return FZ_OK;
}

static const char *const harm_names[] = { "没有造成危害后果", "危害后果轻微",
					  "危害后果较重", "危害后果严重" };

/* The tier of the matter nearest to want (the lower one on a tie). */
static const struct benchmark_tier *nearest_tier(const struct benchmark_matter *m, int want)
{
	const struct benchmark_tier *best = NULL;
	int best_d = 0;
	for (size_t i = 0; i < m->ntiers; i++) {
		int d = (int)m->tiers[i].level - want;
		d = d < 0 ? -d : d;
		if (!best || d < best_d) {
			best = &m->tiers[i];
			best_d = d;
		}
	}
	return best;
}

static const struct benchmark_exemption *exemption_find(const struct benchmark_matter *m,
							enum benchmark_exemption_kind kind)
{
	for (size_t i = 0; i < m->nexemptions; i++)
		if (m->exemptions[i].kind == kind)
			return &m->exemptions[i];
	return NULL;
}

/* 轻微不罚 before 首违不罚: a mandatory exemption leaves no discretion. */
static void propose_exemption(const struct benchmark_matter *m, const struct benchmark_facts *f,
			      struct benchmark_proposal *p)
{
	bool minor = p->level == BENCHMARK_MINOR && f->harm == BENCHMARK_HARM_NONE &&
		     f->corrected_promptly;
	bool first = f->first_offence && f->harm <= BENCHMARK_HARM_MINOR && f->corrected_promptly;
	const struct benchmark_exemption *x;
	if (minor && (x = exemption_find(m, BENCHMARK_EXEMPT_MINOR))) {
		p->exemption = BENCHMARK_EXEMPT_MINOR;
		p->exemption_mandatory = true;
		snprintf(p->exemption_reason, sizeof p->exemption_reason,
			 "违法行为轻微并及时改正，没有造成危害后果，依法不予行政处罚（行政处罚法第三十三条"
			 "第一款；轻微不罚清单：%s）；应当对当事人进行教育",
			 x->conditions);
	} else if (first && (x = exemption_find(m, BENCHMARK_EXEMPT_FIRST))) {
		p->exemption = BENCHMARK_EXEMPT_FIRST;
		snprintf(p->exemption_reason, sizeof p->exemption_reason,
			 "初次违法且%s并及时改正，可以不予行政处罚（行政处罚法第三十三条第一款；首违不罚"
			 "清单：%s）；不予处罚的，应当对当事人进行教育",
			 harm_names[f->harm], x->conditions);
	} else if (minor || first) {
		snprintf(p->exemption_reason, sizeof p->exemption_reason,
			 "事实符合%s的一般条件，但本事项未列入%s清单，是否不予处罚须由执法人员说明理由",
			 minor ? "轻微不罚" : "首违不罚", minor ? "轻微不罚" : "首违不罚");
	}
}

enum fz_err benchmark_propose(const struct benchmark_matter *m, const struct benchmark_facts *f,
			      struct benchmark_proposal *out, struct fz_error *e)
{
	memset(out, 0, sizeof *out);
	enum fz_err rc = facts_check(f, e);
	if (rc)
		return rc;
	if (!m->ntiers)
		return fz_fail(e, FZ_INVALID, "matter", "事项 %s 没有裁量阶次", m->id);
	int start = BENCHMARK_MINOR + (int)f->harm;
	int want = start + f->aggravating - f->mitigating;
	want = want < BENCHMARK_MINOR ? BENCHMARK_MINOR : want > BENCHMARK_GRAVE ? BENCHMARK_GRAVE
										  : want;
	out->tier = nearest_tier(m, want);
	out->level = out->tier->level;
	char adjust[160] = "", nearest[120] = "";
	if (f->aggravating || f->mitigating)
		snprintf(adjust, sizeof adjust, "；从重情节 %d 项、从轻情节 %d 项，调整为‘%s’阶次",
			 f->aggravating, f->mitigating, level_names[want]);
	if ((int)out->level != want)
		snprintf(nearest, sizeof nearest, "；本事项没有该阶次，取最接近的‘%s’阶次",
			 level_names[out->level]);
	snprintf(out->tier_reason, sizeof out->tier_reason, "%s，起点为‘%s’阶次%s%s",
		 harm_names[f->harm], level_names[start], adjust, nearest);
	rc = benchmark_range(out->tier, f, &out->range, e);
	if (rc)
		return rc;
	propose_exemption(m, f, out);
	return FZ_OK;
}

enum fz_err benchmark_check(const struct benchmark_matter *m, enum benchmark_level level,
			    const struct benchmark_facts *f, int64_t amount_fen,
			    struct benchmark_check_result *out, struct fz_error *e)
{
	memset(out, 0, sizeof *out);
	const struct benchmark_tier *t = benchmark_tier_find(m, level);
	if (!t)
		return fz_fail(e, FZ_NOTFOUND, "tier", "事项 %s 没有‘%s’阶次", m->id,
			       benchmark_level_name(level));
	if (amount_fen < 0)
		return fz_fail(e, FZ_INVALID, "amount", "罚款金额应为非负数");
	enum fz_err rc = benchmark_range(t, f, &out->range, e);
	if (rc)
		return rc;
	/* the extremes over every tier, for fines beyond the whole benchmark */
	int64_t lowest = INT64_MAX, highest = 0;
	for (size_t i = 0; i < m->ntiers; i++) {
		struct benchmark_range r;
		rc = benchmark_range(&m->tiers[i], f, &r, e);
		if (rc)
			return rc;
		if (r.has_fine && r.min_fen < lowest)
			lowest = r.min_fen;
		if (r.has_fine && r.max_fen > highest)
			highest = r.max_fen;
	}
	const struct benchmark_range *r = &out->range;
	const char *lv = level_names[level];
	char amount[32], range[80], top[32], bottom[32];
	yuan(amount_fen, amount);
	range_text(r->min_fen, r->max_fen, range);
	out->inside = r->has_fine ? amount_fen >= r->min_fen && amount_fen <= r->max_fen
				  : amount_fen == 0;
	out->needs_reason = !out->inside;
	out->above_all = amount_fen > highest;
	out->below_all = lowest != INT64_MAX && amount_fen < lowest;
	yuan(highest, top);
	yuan(lowest == INT64_MAX ? 0 : lowest, bottom);
	if (out->inside && r->has_fine)
		snprintf(out->message, sizeof out->message, "罚款 %s 元在‘%s’阶次 %s的裁量范围内",
			 amount, lv, range);
	else if (out->inside)
		snprintf(out->message, sizeof out->message, "‘%s’阶次不处罚款，决定未处罚款", lv);
	else if (!r->has_fine)
		snprintf(out->message, sizeof out->message,
			 "‘%s’阶次不处罚款，决定罚款 %s 元超出裁量范围，须说明理由", lv, amount);
	else if (out->above_all)
		snprintf(out->message, sizeof out->message,
			 "罚款 %s 元超出‘%s’阶次 %s的裁量范围，且高于本事项各阶次的最高额 %s 元，"
			 "可能超出法定幅度，须说明理由",
			 amount, lv, range, top);
	else if (out->below_all)
		snprintf(out->message, sizeof out->message,
			 "罚款 %s 元超出‘%s’阶次 %s的裁量范围，且低于本事项各阶次的最低额 %s 元，"
			 "属减轻处罚，须说明减轻处罚的法定情形",
			 amount, lv, range, bottom);
	else
		snprintf(out->message, sizeof out->message,
			 "罚款 %s 元超出‘%s’阶次 %s的裁量范围，须说明理由", amount, lv, range);
	return FZ_OK;
}
