/* gate_fields_test.c - the engine judges an event's fields by the
 * definition's declarations: a field the step does not accept is refused
 * naming it as typed and what the step accepts, each value is checked
 * against its type, every problem is its own result, case-wide facts go
 * on any step, and a correction may change only fields of the corrected
 * event's step. */
#include "t.h"

#include "procedure_fx.h"

#define OFFICER ROLE_OFFICER
#define HEAD ROLE_HEAD

/* The number of blocking required_fields results of the last check, and
 * whether one names field. */
static size_t field_blocks(const struct walk *w, const char *field, bool *named)
{
	size_t n = 0;
	*named = false;
	for (size_t i = 0; i < w->nresults; i++) {
		const struct gate_result *g = &w->results[i];
		if (g->passed || strcmp(g->gate, "required_fields") != 0)
			continue;
		n++;
		*named = *named || !strcmp(g->field, field);
	}
	return n;
}

TEST(unknown_field_is_refused_naming_it_and_what_the_step_accepts)
{
	struct walk w;
	bool named;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "warning", NULL, NULL);
	CHECK_INT(walk_try(&w, OFFICER, 1, "statement", "2026-01-13", NULL, "content=放弃",
			   "waivd=1", NULL), FZ_INVALID);
	CHECK_STR(walk_why(&w), "「陈述、申辩」没有“waivd”这一项；可填写：陈述、申辩内容、"
				"当事人明确放弃陈述申辩和听证");
	CHECK_INT(field_blocks(&w, "waivd", &named), 1);
	CHECK(named);
	/* a step that takes no fields says so */
	CHECK_INT(walk_try(&w, OFFICER, 1, "hearing_request", "2026-01-13", NULL, "note=x", NULL),
		  FZ_INVALID);
	CHECK_STR(walk_why(&w), "「当事人要求听证」没有“note”这一项；此步骤不填写任何内容");
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "statement", "2026-01-13", NULL, "content=放弃",
			      "waived=1", NULL));
	walk_release(&w);
}

TEST(every_bad_field_is_its_own_result)
{
	struct walk w;
	bool named;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "warning", NULL, NULL);
	CHECK_INT(walk_try(&w, OFFICER, 1, "advance_notice", "2026-01-13", NULL, "grounds=g",
			   "penalty=fine,flogging", "amount=-5", "served_on=2026-01-32",
			   "hearing_offered=2", "notes=n", NULL), FZ_INVALID);
	/* penalty, amount, served_on, hearing_offered, notes; facts and basis missing */
	CHECK_INT(field_blocks(&w, "notes", &named), 7);
	CHECK(named);
	CHECK_INT(field_blocks(&w, "basis", &named), 7);
	CHECK(named);
	walk_release(&w);
}

TEST(case_wide_facts_are_taken_on_any_step_of_the_procedure)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "warning", NULL, NULL);
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "statement", "2026-01-13", NULL, "content=c",
			      "major_violation=1", NULL));
	CHECK_INT(walk_try(&w, OFFICER, 1, "statement", "2026-01-13", NULL, "content=c",
			   "major_violation=perhaps", NULL), FZ_INVALID);
	CHECK_STR(walk_why(&w), "“重大违法行为”应为“是”或“否”（1 或 0）");
	/* the inspection procedure does not take the penalty's case-wide facts */
	struct walk v;
	walk_init(&v, "inspection", PARTY_ORGANISATION, "2026-01-05");
	CHECK_INT(walk_try(&v, OFFICER, 1, "open", "2026-01-05", NULL, "subject=s", "basis=b",
			   "complex=1", NULL), FZ_INVALID);
	CHECK_CONTAINS(walk_why(&v), "没有“complex”这一项");
	walk_release(&v);
	walk_release(&w);
}

TEST(correction_may_change_only_fields_of_the_corrected_step)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "warning", NULL, NULL);
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "statement", "2026-01-13", NULL, "content=c",
			      NULL)); /* event 5 */
	CHECK_INT(walk_try(&w, HEAD, 7, "correction", "2026-01-14", NULL, "@corrects=5",
			   "@reason=漏记放弃", "waivd=1", NULL), FZ_INVALID);
	CHECK_STR(walk_why(&w), "「陈述、申辩」没有“waivd”这一项；可填写：陈述、申辩内容、"
				"当事人明确放弃陈述申辩和听证");
	CHECK_INT(walk_try(&w, HEAD, 7, "correction", "2026-01-14", NULL, "@corrects=4",
			   "@reason=送达日期有误", "served_on=2026-01-32", NULL), FZ_INVALID);
	CHECK_STR(walk_why(&w), "“送达日期”应为 YYYY-MM-DD 格式的有效日期");
	/* required fields of the step are not required of a correction */
	WALK_OK(&w, walk_take(&w, HEAD, 7, "correction", "2026-01-14", NULL, "@corrects=5",
			      "@reason=错别字", "content=陈述内容", NULL)); /* event 6 */
	/* a correction names a step's event, never another correction */
	CHECK_INT(walk_try(&w, HEAD, 7, "correction", "2026-01-15", NULL, "@corrects=6",
			   "@reason=内容补充", "content=当事人书面陈述", NULL), FZ_INVALID);
	walk_release(&w);
}

TEST(field_values_are_checked_by_their_declared_type)
{
	struct proc_field f = { .id = "x", .label = "某项" };
	static const struct {
		enum proc_field_type type;
		const char *good, *bad;
	} rows[] = {
		{ PROC_FIELD_TIME, "09:30", "24:00" },   { PROC_FIELD_TIME, "23:59", "9:30" },
		{ PROC_FIELD_INT, "12", "1.5" },         { PROC_FIELD_INT, "0", "-3" },
		{ PROC_FIELD_MONEY, "5000.5", "5,000" }, { PROC_FIELD_MONEY, "0.01", "01" },
		{ PROC_FIELD_YESNO, "true", "maybe" },   { PROC_FIELD_DATE, "2024-02-29", "2025-02-29" },
		{ PROC_FIELD_PERSON, "12", "0" },        { PROC_FIELD_PERSON, "7", "甲" },
		{ PROC_FIELD_PERSONS, "1,2, 3", "1,,2" }, { PROC_FIELD_PENALTY, "warning,fine", "jail" },
		{ PROC_FIELD_TEXT, "任何内容", NULL },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		f.type = rows[i].type;
		CHECK(proc_field_problem(&f, rows[i].good, "2026-01-20") == NULL);
		if (rows[i].bad && !proc_field_problem(&f, rows[i].bad, "2026-01-20"))
			t_fail(__FILE__, __LINE__, "%s accepted as %s", rows[i].bad,
			       proc_field_type_name(rows[i].type));
	}
	f.type = PROC_FIELD_DATE;
	CHECK_STR(proc_field_problem(&f, "2026-01-21", "2026-01-20"), "不能晚于今天");
	f.future = true;
	CHECK(proc_field_problem(&f, "2026-01-21", "2026-01-20") == NULL);
}
