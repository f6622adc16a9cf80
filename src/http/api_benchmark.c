/* api_benchmark.c - the discretion benchmarks: GET /api/v1/benchmarks
 * lists the enforcement matters with their tiers and exemptions; POST
 * /api/v1/benchmarks/{matter}/propose turns facts into the proposed tier,
 * fine range and any exemption (轻微不罚 / 首违不罚). */
#include <string.h>

#include "app/benchmark.h"
#include "http/handlers.h"
#include "http/jsonin.h"
#include "http/paging.h"
#include "http/resp.h"

static json_t *json_tier(const struct benchmark_tier *t)
{
	json_t *others = json_array();
	for (size_t i = 0; i < t->nothers; i++)
		json_array_append_new(others, json_string(t->others[i].text));
	return json_pack("{s:s, s:s, s:o}", "tier", benchmark_level_name(t->level), "conditions",
			 t->conditions ? t->conditions : "", "other_penalties", others);
}

static json_t *json_matter(const struct benchmark_matter *m)
{
	json_t *tiers = json_array(), *ex = json_array();
	for (size_t i = 0; i < m->ntiers; i++)
		json_array_append_new(tiers, json_tier(&m->tiers[i]));
	for (size_t i = 0; i < m->nexemptions; i++)
		json_array_append_new(ex, json_pack("{s:s, s:s}", "kind",
						    m->exemptions[i].kind == BENCHMARK_EXEMPT_MINOR
							    ? "minor" : "first_offence",
						    "conditions", m->exemptions[i].conditions));
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:o}", "id", m->id, "name", m->name,
			 "domain", m->domain, "basis", m->basis, "penalty_basis", m->penalty_basis,
			 "tiers", tiers, "exemptions", ex);
}

int api_benchmark_list(struct req *r)
{
	struct page pg;
	struct fz_error e = { 0 };
	enum fz_err rc = paging_from_query(r, &pg, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	const struct benchmark_set *set = app_benchmarks(&r->ctx);
	const char *domain = req_query(r, "domain");
	json_t *items = json_array();
	int64_t total = 0;
	for (size_t i = 0; set && i < set->nmatters; i++) {
		const struct benchmark_matter *m = &set->matters[i];
		if (domain && strcmp(domain, m->domain) != 0)
			continue;
		if (total >= pg.offset && (int64_t)json_array_size(items) < pg.limit)
			json_array_append_new(items, json_matter(m));
		total++;
	}
	return resp_list(r, items, total, pg);
}

int api_benchmark_propose(struct req *r)
{
	static const char *const keys[] = { "illegal_gains", "goods_value", "quantity", "harm",
					    "first_offence", "corrected_promptly", "aggravating",
					    "mitigating" };
	struct fz_error e = { 0 };
	struct jsonin in;
	struct case_field fields[8];
	size_t n = 0;
	const struct benchmark_set *set = app_benchmarks(&r->ctx);
	const struct benchmark_matter *m = set ? benchmark_find(set, req_param_str(r, "matter"))
					       : NULL;
	if (!m)
		return resp_error(r, FZ_NOTFOUND, "matter", "裁量基准中没有这个执法事项");
	jsonin_begin(&in, r);
	for (size_t i = 0; i < 8; i++) {
		const char *v = jsonin_str_opt(&in, keys[i], 32);
		if (v)
			fields[n++] = (struct case_field){ keys[i], v };
	}
	if (!jsonin_ok(&in))
		return jsonin_fail(&in);
	struct benchmark_facts facts;
	struct benchmark_proposal p;
	enum fz_err rc;
	if ((rc = benchmark_facts_from_fields(fields, n, &facts, &e)) ||
	    (rc = benchmark_propose(m, &facts, &p, &e)))
		return resp_fail(r, rc, &e);
	static const char *const exemption[] = { "none", "minor", "first_offence" };
	return resp_json(r, 200, json_pack("{s:s, s:s, s:s, s:b, s:I, s:I, s:s, s:s, s:b, s:s}",
					   "matter", m->id, "tier", benchmark_level_name(p.level),
					   "tier_reason", p.tier_reason,
					   "has_fine", (int)p.range.has_fine,
					   "min_fen", (json_int_t)p.range.min_fen,
					   "max_fen", (json_int_t)p.range.max_fen,
					   "range", p.range.how,
					   "exemption", exemption[p.exemption],
					   "exemption_mandatory", (int)p.exemption_mandatory,
					   "exemption_reason", p.exemption_reason));
}
