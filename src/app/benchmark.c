/* benchmark.c - the discretion benchmark applied to a deciding event: the
 * app adds what the benchmark says to the event, the engine's gate
 * benchmark_reason_when_outside then demands a reason when it is outside. */
#include "app/benchmark.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/procreg.h"
#include "base/num.h"
#include "domain/money.h"

const struct benchmark_set *app_benchmarks(struct app_ctx *ctx)
{
	const struct proc_registry *reg = ctx->cfg->procs ? ctx->cfg->procs
							  : proc_registry_builtin(NULL);
	return reg ? proc_registry_benchmarks(reg) : NULL;
}

static const char *field(const struct case_field *fields, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(fields[i].key, key) == 0 && fields[i].value && *fields[i].value)
			return fields[i].value;
	return NULL;
}

static enum fz_err count_field(const struct case_field *f, size_t n, const char *key,
			       const char *label, long max, long *out, struct fz_error *e)
{
	const char *v = field(f, n, key);
	int64_t x;
	*out = 0;
	if (!v)
		return FZ_OK;
	if (!num_parse_i64(v, 0, max, &x))
		return fz_fail(e, FZ_INVALID, key, "%s应为 0 到 %ld 的整数", label, max);
	*out = (long)x;
	return FZ_OK;
}

enum fz_err benchmark_facts_from_fields(const struct case_field *f, size_t n,
					struct benchmark_facts *out, struct fz_error *e)
{
	static const char *const harms[] = { "none", "minor", "serious", "grave" };
	const char *v;
	long x;
	enum fz_err rc;
	memset(out, 0, sizeof *out);
	if ((v = field(f, n, "illegal_gains")) && !money_parse_yuan(v, &out->illegal_gains_fen))
		return fz_fail(e, FZ_INVALID, "illegal_gains", "违法所得应为金额（元）");
	if ((v = field(f, n, "goods_value")) && !money_parse_yuan(v, &out->goods_value_fen))
		return fz_fail(e, FZ_INVALID, "goods_value", "货值金额应为金额（元）");
	if ((rc = count_field(f, n, "quantity", "数量", 1000000000L, &x, e)))
		return rc;
	out->quantity = x;
	if ((v = field(f, n, "harm"))) {
		size_t i = 0;
		while (i < 4 && strcmp(v, harms[i]) != 0)
			i++;
		if (i == 4)
			return fz_fail(e, FZ_INVALID, "harm",
				       "危害后果应为 none、minor、serious 或 grave");
		out->harm = (enum benchmark_harm)i;
	}
	out->first_offence = (v = field(f, n, "first_offence")) && strcmp(v, "1") == 0;
	out->corrected_promptly = (v = field(f, n, "corrected_promptly")) && strcmp(v, "1") == 0;
	if ((rc = count_field(f, n, "aggravating", "从重情节数", BENCHMARK_CIRCUMSTANCES_MAX, &x, e)))
		return rc;
	out->aggravating = (int)x;
	if ((rc = count_field(f, n, "mitigating", "从轻情节数", BENCHMARK_CIRCUMSTANCES_MAX, &x, e)))
		return rc;
	out->mitigating = (int)x;
	return FZ_OK;
}

enum fz_err app_benchmark_annotate(struct app_ctx *ctx, const struct enf_case *c,
				   const struct case_field *fields, size_t n,
				   const struct case_field **out, size_t *nout,
				   struct fz_error *e)
{
	enum fz_err rc;
	*out = fields;
	*nout = n;
	if (!c->matter || !*c->matter)
		return FZ_OK;
	const struct benchmark_set *set = app_benchmarks(ctx);
	const struct benchmark_matter *m = set ? benchmark_find(set, c->matter) : NULL;
	if (!m)
		return fz_fail(e, FZ_INVALID, "matter", "本案的裁量基准事项“%s”不存在", c->matter);
	struct benchmark_facts facts;
	struct benchmark_proposal prop;
	if ((rc = benchmark_facts_from_fields(fields, n, &facts, e)) ||
	    (rc = benchmark_propose(m, &facts, &prop, e)))
		return rc;
	enum benchmark_level level = prop.level;
	const char *tier = field(fields, n, "tier");
	if (tier && !benchmark_level_parse(tier, &level))
		return fz_fail(e, FZ_INVALID, "tier", "裁量阶次应为 轻微、一般、较重 或 严重");
	int64_t amount = 0;
	const char *a = field(fields, n, "amount");
	if (a && !money_parse_yuan(a, &amount))
		return fz_fail(e, FZ_INVALID, "amount", "罚款金额应为金额（元）");
	struct benchmark_check_result chk;
	rc = benchmark_check(m, level, &facts, amount, &chk, e);
	if (rc == FZ_NOTFOUND)
		return fz_fail(e, FZ_INVALID, "tier", "事项“%s”没有“%s”阶次", m->name,
			       benchmark_level_name(level));
	if (rc)
		return rc;
	struct case_field *f = arena_calloc(ctx->a, n + 4, sizeof *f);
	if (!f)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) /* ours replace any the client sent */
		if (strncmp(fields[i].key, "benchmark_", 10) != 0 ||
		    strcmp(fields[i].key, "benchmark_reason") == 0)
			f[k++] = fields[i];
	f[k++] = (struct case_field){ "benchmark_tier", benchmark_level_name(level) };
	f[k++] = (struct case_field){ "benchmark_range", arena_strdup(ctx->a, chk.range.how) };
	f[k++] = (struct case_field){ "benchmark_outside", chk.inside ? "0" : "1" };
	if (!chk.inside)
		f[k++] = (struct case_field){ "benchmark_message", arena_strdup(ctx->a, chk.message) };
	*out = f;
	*nout = k;
	return FZ_OK;
}
