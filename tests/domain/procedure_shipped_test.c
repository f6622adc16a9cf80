/* procedure_shipped_test.c - the definitions and the province config in
 * data/procedures load and validate, carry what the law requires of each
 * procedure, and a set with a bad or duplicate file is refused naming it. */
#include "t.h"

#include "domain/caseclock.h"
#include "domain/gate.h"
#include "domain/outcome.h"
#include "domain/penalty.h"
#include "procedure_fx.h"

static const struct proc_def *def(const char *id)
{
	const struct proc_set *set = procedure_fx_set();
	return set ? proc_set_find(set, id) : NULL;
}

static bool has_gate(const struct proc_step *s, const char *name)
{
	for (size_t i = 0; s && i < s->ngates; i++)
		if (strcmp(s->gates[i].name, name) == 0)
			return true;
	return false;
}

TEST(shipped_procedures_all_load_and_validate)
{
	const struct proc_set *set = procedure_fx_set();
	REQUIRE(set);
	CHECK_INT(set->ndefs, 7);
	const char *ids[] = { "penalty_general", "penalty_simplified", "inspection", "permit",
			      "coercion", "normative_document", "major_decision" };
	const enum case_kind kinds[] = { CASE_PENALTY, CASE_PENALTY, CASE_INSPECTION, CASE_PERMIT,
					 CASE_COERCION, CASE_NORMATIVE, CASE_MAJOR_DECISION };
	for (size_t i = 0; i < 7; i++) {
		const struct proc_def *d = proc_set_find(set, ids[i]);
		REQUIRE(d);
		CHECK_INT(d->kind, kinds[i]);
		/* every clock's budget resolves in the shipped config (or its
		 * due date is a field of the act that starts it) */
		for (size_t k = 0; k < d->nclocks; k++) {
			struct proc_period p;
			CHECK(d->clocks[k].due_field || proc_clock_budget(&d->clocks[k], &set->config, &p));
		}
	}
	CHECK_STR(set->config.province, "默认配置（示例，未对应具体省份）");
}

TEST(shipped_general_procedure_has_the_gates_the_law_requires)
{
	const struct proc_def *d = def("penalty_general");
	REQUIRE(d);
	const struct proc_step *s = proc_step_find(d, "investigate");
	CHECK_INT(s->min_officers, 2);
	CHECK(has_gate(s, "certified_officers"));
	CHECK(has_gate(proc_step_find(d, "open"), "limitation"));
	CHECK(has_gate(proc_step_find(d, "hearing"), "hearing_host_not_investigator"));
	CHECK(has_gate(proc_step_find(d, "hearing"), "hearing_notice_period"));
	CHECK(has_gate(proc_step_find(d, "hearing_request"), "hearing_request_window"));
	CHECK(has_gate(proc_step_find(d, "legal_review"), "reviewer_not_handler"));
	s = proc_step_find(d, "decision");
	const char *gates[] = { "notice_before_decision", "defence_period_elapsed",
				"hearing_offered_when_required", "not_above_notified",
				"review_required_and_passed", "collective_deliberation_when_required",
				"referral_suspends", "benchmark_reason_when_outside" };
	for (size_t i = 0; i < sizeof gates / sizeof gates[0]; i++)
		CHECK(has_gate(s, gates[i]));
	CHECK_INT(s->roles, ROLE_HEAD);
	CHECK(proc_list_has(&proc_step_find(d, "criminal_referral")->suspends, "case_handling"));
	CHECK(proc_list_has(&proc_step_find(d, "referral_return")->resumes, "case_handling"));
	CHECK(proc_step_find(d, "close")->flags & PROC_CLOSES);
}

TEST(shipped_simplified_procedure_needs_two_certified_officers_unless_a_law_allows_one)
{
	const struct proc_def *d = def("penalty_simplified");
	REQUIRE(d);
	const struct proc_step *s = proc_step_find(d, "decide_on_spot");
	CHECK_INT(s->min_officers, 1); /* what the form takes; onsite_officers asks two */
	CHECK(has_gate(s, "certified_officers"));
	CHECK(has_gate(s, "onsite_officers"));
	CHECK(has_gate(s, "simplified_within_limits"));
	CHECK(s->flags & PROC_OPENS);
}

TEST(shipped_permit_coercion_and_inspection_carry_their_periods)
{
	const struct proc_set *set = procedure_fx_set();
	REQUIRE(set);
	struct proc_period p;
	const struct proc_def *permit = def("permit");
	REQUIRE(permit);
	CHECK_INT(proc_step_find(permit, "verify")->min_officers, 2);
	REQUIRE(proc_clock_budget(proc_clock_find(permit, "decision"), &set->config, &p));
	CHECK_INT(p.amount, 20);
	CHECK_INT(p.unit, CLOCK_WORKING_DAYS);
	CHECK_INT(proc_clock_extension(proc_clock_find(permit, "decision"), &set->config), 10);
	const struct proc_def *coercion = def("coercion");
	REQUIRE(coercion);
	CHECK(has_gate(proc_step_find(coercion, "seize"), "certified_officers"));
	REQUIRE(proc_clock_budget(proc_clock_find(coercion, "measure_term"), &set->config, &p));
	CHECK_INT(p.amount, 30);
	CHECK_INT(p.unit, CLOCK_DAYS);
	const struct proc_def *insp = def("inspection");
	REQUIRE(insp);
	REQUIRE(proc_clock_budget(proc_clock_find(insp, "publication"), &set->config, &p));
	CHECK_INT(p.amount, 20);
	REQUIRE(proc_clock_budget(proc_clock_find(def("penalty_general"), "publication"),
				  &set->config, &p));
	CHECK_INT(p.amount, 7);
}

TEST(procedure_set_refuses_a_bad_file_naming_it)
{
	struct arena *a = arena_new();
	struct proc_set set;
	struct fz_error e = { 0 };
	static const char bad[] = "procedure bad\nlabel x\nkind penalty\ncorrections head\n"
				  "step open\n  label 立案\n  roles officer\n  flags opens\n"
				  "  gates magic\n";
	const struct embedded_file files[] = { { "bad.txt", sizeof bad - 1, bad },
					       { NULL, 0, NULL } };
	CHECK_INT(proc_set_load(files, &set, a, &e), FZ_INVALID);
	CHECK_STR(e.message, "bad.txt 第 9 行：步骤 open：未知的关卡“magic”");
	static const char twin[] = "procedure bad\nlabel x\nkind penalty\ncorrections head\n"
				   "step open\n  label 立案\n  roles officer\n  flags opens closes\n";
	const struct embedded_file twins[] = { { "one", sizeof twin - 1, twin },
					       { "two", sizeof twin - 1, twin },
					       { NULL, 0, NULL } };
	CHECK_INT(proc_set_load(twins, &set, a, &e), FZ_INVALID);
	CHECK_STR(e.message, "two：程序 id bad 与其他文件重复");
	/* a definition naming a field no file declares */
	static const char undeclared[] = "procedure bad\nlabel x\nkind penalty\ncorrections head\n"
					 "step open\n  label 立案\n  roles officer\n"
					 "  fields facts\n  flags opens closes\n";
	static const char catalogue[] = "field facts textarea 违法事实\nfield when time 时间\n"
					"field what choice 何事\n";
	const struct embedded_file nodecl[] = { { "bad.txt", sizeof undeclared - 1, undeclared },
						{ NULL, 0, NULL } };
	CHECK_INT(proc_set_load(nodecl, &set, a, &e), FZ_INVALID);
	CHECK_STR(e.message, "bad.txt 第 8 行：步骤 open：字段“facts”未声明（在 fields.txt 或本文件"
		  "中以 field 行声明）");
	const struct embedded_file badcat[] = { { "fields.txt", sizeof catalogue - 1, catalogue },
						{ "bad.txt", sizeof undeclared - 1, undeclared },
						{ NULL, 0, NULL } };
	CHECK_INT(proc_set_load(badcat, &set, a, &e), FZ_INVALID);
	CHECK_STR(e.message, "fields.txt 第 3 行：字段 what：choice 类型的字段须以 option 行列出可选的取值");
	arena_free(a);
}

TEST(gate_table_lists_every_gate_with_a_chinese_label)
{
	size_t n;
	const struct gate_def *g = gate_defs(&n);
	CHECK(n >= 20);
	for (size_t i = 0; i < n; i++) {
		CHECK(g[i].fn != NULL);
		CHECK(g[i].label && g[i].label[0]);
		CHECK(gate_def_find(g[i].name) == &g[i]);
	}
	CHECK(gate_def_find("no_such_gate") == NULL);
}

/* What a parsed definition keeps so that the engine need not search
 * (proc_def_index) answers as the search does: every step found by its
 * id, an unknown id by none, and for every pair of steps of every shipped
 * definition "follows from" as the walk over required steps says. */
TEST(shipped_procedures_index_answers_as_the_search_does)
{
	const struct proc_set *set = procedure_fx_set();
	REQUIRE(set);
	size_t pairs = 0, follow = 0;
	for (size_t d = 0; d < set->ndefs; d++) {
		const struct proc_def *p = &set->defs[d];
		REQUIRE(p->step_slots && p->follows);
		struct proc_def plain = *p; /* no table: the search and the walk */
		plain.step_slots = NULL;
		plain.follows = NULL;
		for (size_t i = 0; i < p->nsteps; i++) {
			CHECK(proc_step_find(p, p->steps[i].id) == &p->steps[i]);
			for (size_t j = 0; j < p->nsteps; j++) {
				bool kept = outcome_step_follows(p, &p->steps[i], p->steps[j].id);
				bool walked = outcome_step_follows(&plain, &plain.steps[i],
								   p->steps[j].id);
				if (kept != walked)
					t_fail(__FILE__, __LINE__, "%s: %s follows %s: %d, walked %d",
					       p->id, p->steps[i].id, p->steps[j].id, kept, walked);
				pairs++;
				follow += kept;
			}
		}
		CHECK(proc_step_find(p, "no_such_step") == NULL);
		CHECK(proc_step_find(p, "") == NULL);
		CHECK(proc_step_find(p, NULL) == NULL);
	}
	CHECK(pairs > 1000);
	CHECK(follow > 100);
}

/* Each step's root outcome, kept when indexed (proc_def.roots), is the one
 * outcome_step_root finds by searching, for every step of every shipped
 * definition; a step that is not the definition's own is searched. */
TEST(shipped_procedures_keep_each_steps_root_as_the_search_finds_it)
{
	const struct proc_set *set = procedure_fx_set();
	REQUIRE(set);
	size_t steps = 0, rooted = 0;
	for (size_t d = 0; d < set->ndefs; d++) {
		const struct proc_def *p = &set->defs[d];
		REQUIRE(p->roots);
		struct proc_def plain = *p; /* nothing kept: the search */
		plain.roots = NULL;
		for (size_t i = 0; i < p->nsteps; i++) {
			const struct proc_step *kept = outcome_step_root(p, &p->steps[i]);
			const struct proc_step *found = outcome_step_root(&plain, &p->steps[i]);
			if (kept != found)
				t_fail(__FILE__, __LINE__, "%s: %s roots in %s, found %s", p->id,
				       p->steps[i].id, kept ? kept->id : "none",
				       found ? found->id : "none");
			/* the same step copied elsewhere is searched, not indexed */
			struct proc_step copy = p->steps[i];
			CHECK(outcome_step_root(p, &copy) == found);
			steps++;
			rooted += kept != NULL;
		}
	}
	/* not vacuous: some steps follow an outcome (17 when written), most
	 * do not */
	CHECK(rooted >= 10);
	CHECK(steps - rooted > 20);
}
