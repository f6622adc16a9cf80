/* case_fixture.c - see case_fixture.h. */
#include "case_fixture.h"

#include "app/case.h"
#include "t.h"

bool cx_open(struct cx *x)
{
	if (!fx_open(&x->f))
		return false;
	int64_t uid = fx_user(&x->f, "caseofficer", ROLE_OFFICER, x->f.natres, "Right#Pass1");
	x->officer_c = fx_certified_officer(&x->f, 21);
	int64_t self = fx_certified_officer(&x->f, 22);
	fx_as(&x->f, &x->officer, ROLE_OFFICER, x->f.natres);
	x->officer.user->id = uid;
	x->officer.user->username = "caseofficer";
	x->officer.actor = "caseofficer";
	x->officer.user->person_id = self;
	int64_t hid = fx_user(&x->f, "casehead", ROLE_HEAD, x->f.natres, "Right#Pass1");
	fx_as(&x->f, &x->head, ROLE_HEAD, x->f.natres);
	x->head.user->id = hid;
	x->head.user->username = "casehead";
	x->head.actor = "casehead";
	return uid && hid && x->officer_c && self;
}

enum fz_err approve_opening(struct cx *x, int64_t case_id, struct fz_error *e)
{
	struct case_step_input in = { .reason = "补录：测试数据按发生日期录入",
				      .step = "approve_opening", .on = "2025-12-20" };
	return app_case_act(&x->head, case_id, &in, NULL, NULL, e);
}

const struct case_field open_fields[2] = {
	{ "facts", "未经批准占用集体土地建设厂房" }, { "source", "巡查发现" },
};

enum fz_err open_case(struct cx *x, const char *act_date, struct enf_case *out,
		      struct case_check *check, struct fz_error *e)
{
	int64_t officers[2] = { x->officer.user->person_id, x->officer_c };
	struct case_input in = { .procedure = "penalty_general", .domain = "自然资源",
				 .title = "非法占用土地案", .party_kind = PARTY_ORGANISATION,
				 .party_name = "海原县某建材有限公司", .act_date = act_date };
	struct case_step_input open = { .reason = "补录：测试数据按发生日期录入", .step = "open", .on = "2025-12-20",
					.fields = open_fields, .nfields = 2,
					.officers = officers, .nofficers = 2 };
	return app_case_open(&x->officer, &in, &open, out, check, e);
}

/* Takes row on case id, entered late with its reason; false (the test
 * failed) when it is refused. */
bool take_row(struct cx *x, int64_t id, const struct step_row *row)
{
	int64_t two[2] = { x->officer.user->person_id, x->officer_c };
	struct fz_error e;
	struct case_step_input in = { .reason = "补录：测试数据按发生日期录入",
				      .step = row->step, .on = row->on,
				      .fields = row->fields, .nfields = row->nfields,
				      .officers = row->officers ? two : NULL,
				      .nofficers = row->officers ? 2 : 0 };
	if (app_case_act(row->as, id, &in, NULL, NULL, &e) != FZ_OK) {
		t_fail(__FILE__, __LINE__, "%s: %s", row->step, e.message);
		return false;
	}
	return true;
}
