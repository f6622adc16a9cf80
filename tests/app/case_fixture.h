/* case_fixture.h - the app fixture (fixture.h) with what a case's steps
 * need: a stored officer of 自然资源局 and its head, a second certified
 * officer, and a penalty case opened and approved as the tests of
 * case_test.c and step_statements_test.c take it. */
#ifndef FZ_TESTS_APP_CASE_FIXTURE_H
#define FZ_TESTS_APP_CASE_FIXTURE_H

#include "app/case.h"
#include "fixture.h"

struct cx {
	struct fx f;
	struct app_ctx officer;  /* a stored account of 自然资源局 */
	struct app_ctx head;     /* its head, who approves opening (立案审批) */
	int64_t officer_c;       /* a second certified officer */
};

bool cx_open(struct cx *x);
/* The opening's fields: facts and source. */
extern const struct case_field open_fields[2];
/* 立案审批 by the head on the day the case was registered. */
enum fz_err approve_opening(struct cx *x, int64_t case_id, struct fz_error *e);
/* Opens a penalty case (非法占用土地案, act_date given) by the officer,
 * registered on 2025-12-20 with both officers. */
enum fz_err open_case(struct cx *x, const char *act_date, struct enf_case *out,
		      struct case_check *check, struct fz_error *e);

/* One step of a test's record: who takes it, on which day, with which
 * fields, and whether the two officers (the account's and officer_c)
 * take part. */
struct step_row {
	struct app_ctx *as;
	const char *step, *on;
	const struct case_field *fields;
	size_t nfields;
	bool officers;
};
/* Takes row on case id, entered late with its reason; false (the test
 * failed) when it is refused. */
bool take_row(struct cx *x, int64_t id, const struct step_row *row);

#endif
