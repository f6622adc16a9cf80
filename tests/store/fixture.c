/* fixture.c - the organisation the contract tests start from, built only
 * through the store interface so that it works on every backend. */
#include <stdio.h>

#include "contract.h"
#include "t.h"

static bool put_division(struct store_fx *fx, const char *code, const char *name, int level,
			 const char *parent)
{
	struct division d = { .name = (char *)name, .level = (enum division_level)level };
	struct fz_error e = { 0 };
	snprintf(d.code, sizeof d.code, "%s", code);
	snprintf(d.parent_code, sizeof d.parent_code, "%s", parent);
	if (fx->st->ops->division_put(fx->st, &d, &e) != FZ_OK) {
		t_fail(__FILE__, __LINE__, "division_put %s: %s", code, e.message);
		return false;
	}
	return true;
}

int64_t store_fx_agency(struct store_fx *fx, const char *name, const char *uscc,
		       const char *division)
{
	struct agency ag = {
		.name = (char *)name,
		.uscc = (char *)uscc,
		.kind = "department",
		.domains = "市场监管",
		.active = true,
	};
	struct fz_error e = { 0 };
	snprintf(ag.division_code, sizeof ag.division_code, "%s", division);
	if (fx->st->ops->agency_insert(fx->st, &ag, &e) != FZ_OK) {
		t_fail(__FILE__, __LINE__, "agency_insert %s: %s", name, e.message);
		return 0;
	}
	return ag.id;
}

int64_t store_fx_person(struct store_fx *fx, int64_t agency, const char *name, int kind,
		       bool reviewer)
{
	struct person p = {
		.agency_id = agency,
		.name = (char *)name,
		.resident_id = "64052219800101001X",
		.phone = "13800000000",
		.kind = (enum person_kind)kind,
		.is_reviewer = reviewer,
		.active = true,
	};
	struct fz_error e = { 0 };
	if (fx->st->ops->person_insert(fx->st, &p, &e) != FZ_OK) {
		t_fail(__FILE__, __LINE__, "person_insert %s: %s", name, e.message);
		return 0;
	}
	return p.id;
}

int64_t store_fx_user(struct store_fx *fx, const char *username, int64_t agency, unsigned roles)
{
	struct user u = {
		.username = (char *)username,
		.display_name = (char *)username,
		.agency_id = agency,
		.roles = roles,
		.must_change_password = true,
		.password_hash = "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA",
	};
	struct fz_error e = { 0 };
	if (fx->st->ops->user_insert(fx->st, &u, &e) != FZ_OK) {
		t_fail(__FILE__, __LINE__, "user_insert %s: %s", username, e.message);
		return 0;
	}
	return u.id;
}

int64_t store_fx_certificate(struct store_fx *fx, const char *number, int64_t person,
			    int64_t agency, const char *valid_until)
{
	struct certificate c = {
		.number = (char *)number,
		.person_id = person,
		.agency_id = agency,
		.issuer = "宁夏回族自治区人民政府",
		.domains = "市场监管",
		.issued_on = "2023-01-01",
		.status = CERT_VALID,
	};
	struct fz_error e = { 0 };
	snprintf(c.valid_until, sizeof c.valid_until, "%s", valid_until);
	if (fx->st->ops->certificate_insert(fx->st, &c, &e) != FZ_OK) {
		t_fail(__FILE__, __LINE__, "certificate_insert %s: %s", number, e.message);
		return 0;
	}
	return c.id;
}

int64_t store_fx_case(struct store_fx *fx, int64_t agency, const char *kind_code,
		      const char *title, const char *party, struct enf_case *out)
{
	struct enf_case c = {
		.agency_id = agency,
		.procedure = "penalty_general",
		.kind = CASE_PENALTY,
		.domain = "市场监管",
		.title = (char *)title,
		.party_kind = PARTY_ORGANISATION,
		.party_name = (char *)party,
		.party_id = "91640522MA76XXXX1K",
		.party_address = "海原县海城镇",
		.act_date = "2025-03-01",
	};
	struct case_numbering num = { .agency_code = "海原", .kind_code = kind_code,
				      .year = 2025 };
	struct fz_error e = { 0 };
	if (fx->st->ops->case_insert(fx->st, fx->a, &c, &num, &e) != FZ_OK) {
		t_fail(__FILE__, __LINE__, "case_insert %s: %s", title, e.message);
		return 0;
	}
	if (out)
		*out = c;
	return c.id;
}

bool store_fx_open(struct store_fx *fx)
{
	memset(fx, 0, sizeof *fx);
	snprintf(fx->dir, sizeof fx->dir, "%s", t_tmpdir());
	fx->a = arena_new();
	fx->st = contract_open(fx->dir);
	if (!fx->a || !fx->st) {
		t_fail(__FILE__, __LINE__, "cannot open a store");
		return false;
	}
	if (!put_division(fx, "640000", "宁夏回族自治区", 1, "") ||
	    !put_division(fx, "640500", "中卫市", 2, "640000") ||
	    !put_division(fx, "640522", "海原县", 3, "640500") ||
	    !put_division(fx, "640100", "银川市", 2, "640000") ||
	    !put_division(fx, "640104", "兴庆区", 3, "640100") ||
	    !put_division(fx, "650000", "新疆维吾尔自治区", 1, "") ||
	    !put_division(fx, "650100", "乌鲁木齐市", 2, "650000") ||
	    !put_division(fx, "650102", "天山区", 3, "650100"))
		return false;
	fx->haiyuan_justice = store_fx_agency(fx, "海原县司法局", "11640522MB1111111A", "640522");
	fx->haiyuan_market =
		store_fx_agency(fx, "海原县市场监督管理局", "11640522MB2222222B", "640522");
	fx->xingqing_city =
		store_fx_agency(fx, "银川市兴庆区城市管理局", "11640104MB3333333C", "640104");
	fx->tianshan = store_fx_agency(fx, "乌鲁木齐市天山区司法局", "11650102MB4444444D", "650102");

	struct unit u = { .agency_id = fx->haiyuan_market, .name = "稽查科" };
	struct fz_error e = { 0 };
	if (fx->st->ops->unit_insert(fx->st, &u, &e) != FZ_OK) {
		t_fail(__FILE__, __LINE__, "unit_insert: %s", e.message);
		return false;
	}
	fx->market_unit = u.id;
	fx->officer = store_fx_person(fx, fx->haiyuan_market, "马建国", PERSON_OFFICER, false);
	fx->officer2 = store_fx_person(fx, fx->haiyuan_market, "李娟", PERSON_OFFICER, true);
	return fx->haiyuan_justice && fx->haiyuan_market && fx->xingqing_city && fx->tianshan &&
	       fx->officer && fx->officer2;
}

void store_fx_close(struct store_fx *fx)
{
	if (fx->st)
		fx->st->ops->close(fx->st);
	arena_free(fx->a);
	memset(fx, 0, sizeof *fx);
}
