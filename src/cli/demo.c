/* demo.c - seeds the demo county (海原县, 中卫市, 宁夏) through the app
 * layer, so demo data passes the same rules and leaves the same audit
 * trail as real data. Names and numbers are synthetic. Used by `fazhi
 * demo` (cmd_demo.c) and by tests; depends on no command-line code. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/calendar.h"
#include "app/org.h"
#include "app/people.h"
#include "base/date.h"
#include "base/ident.h"
#include "cli/demo.h"
#include "cli/demo_internal.h"
#include "domain/certificate.h"

struct demo_agency {
	const char *name, *kind, *domains, *division;
	int officers;      /* officers with certificates */
	int reviewers;     /* of which marked reviewer */
	const char *units[3];
	const char *doc_code; /* 机关代字 of its numbers */
};

static const struct demo_agency demo_agencies[] = {
	{ "海原县司法局", "justice_bureau", "司法行政", "640522", 4, 1,
	  { "行政执法协调监督股", "法治督察股", "办公室" }, "海司" },
	{ "海原县自然资源局", "department", "自然资源,土地管理,矿产资源", "640522", 8, 1,
	  { "执法监察大队", "法规股", "办公室" }, "海自然资" },
	{ "海原县市场监督管理局", "department", "市场监管,食品安全,药品安全,特种设备",
	  "640522", 9, 1, { "综合执法大队", "法规股", "三河市场监管所" }, "海市监" },
	{ "中卫市生态环境局海原分局", "department", "生态环境,污染防治", "640522", 6, 1,
	  { "环境执法大队", "综合股", NULL }, "卫环海" },
	{ "海原县城市管理综合行政执法局", "comprehensive", "城市管理,市容环境,园林绿化",
	  "640522", 8, 1, { "执法一中队", "执法二中队", "法制股" }, "海综执" },
	{ "海原县农业农村局", "department", "农业,种子,农药,动物防疫", "640522", 6, 1,
	  { "农业综合执法大队", "法规股", NULL }, "海农" },
	{ "海原县交通运输局", "department", "道路运输,公路路政", "640522", 6, 1,
	  { "交通运输综合执法大队", "法规股", NULL }, "海交" },
	{ "海原县卫生健康局", "department", "医疗卫生,公共卫生,职业卫生", "640522", 5, 1,
	  { "卫生监督所", "法规股", NULL }, "海卫健" },
	/* No reviewer yet: the 5% check shows it in red. */
	{ "海原县应急管理局", "department", "安全生产,危险化学品", "640522", 5, 0,
	  { "应急管理综合行政执法大队", NULL, NULL }, "海应急" },
	/* In the neighbouring county: outside the 海原县 supervisor's scope. */
	{ "中宁县市场监督管理局", "department", "市场监管,食品安全", "640521", 4, 1,
	  { "综合执法大队", NULL, NULL }, "宁市监" },
};
#define DEMO_NAGENCIES (sizeof demo_agencies / sizeof demo_agencies[0])
_Static_assert(DEMO_NAGENCIES == DEMO_AGENCY_COUNT, "demo.h count");

static const char *const surnames[] = { "马", "王", "李", "张", "杨", "田", "刘", "海",
					"苏", "何", "冯", "丁", "周", "赵", "罗" };
static const char *const given[] = { "建国", "海燕", "文杰", "玉兰", "志强", "晓明", "秀英",
				     "宏伟", "丽娟", "永福", "金花", "学军", "春梅", "俊杰",
				     "彩霞", "国庆", "小龙", "雪莲", "长青" };

struct demo {
	struct app_ctx *ctx;
	struct fz_error e;
	int64_t agency_ids[DEMO_NAGENCIES];
	int64_t person_seq;
	int certificates;
	int accounts;
	struct demo_cast cast; /* the accounts and officers the cases use */
};

static int demo_fail(struct demo *d, enum fz_err rc, const char *what)
{
	(void)d;
	fprintf(stderr, "fazhi demo: %s 失败\n", what);
	return rc ? (int)rc : FZ_INTERNAL;
}

void demo_uscc_make(const char *kind2, const char *division, int n, char out[19])
{
	char body[16], first17[32];
	snprintf(body, sizeof body, "%08u", (10452000u + (unsigned)n * 37u) % 100000000u);
	char org = ident_orgcode_check_char(body);
	snprintf(first17, sizeof first17, "%.2s%.6s%.8s%c", kind2, division, body, org);
	snprintf(out, 19, "%.17s%c", first17, ident_uscc_check_char(first17));
}

void demo_resident_id(int64_t n, char out[19])
{
	char first17[40];
	unsigned year = 1970 + (unsigned)(n * 7 % 30), month = 1 + (unsigned)(n % 12);
	unsigned day = 1 + (unsigned)(n * 3 % 28), seq = 100 + (unsigned)(n % 900);
	snprintf(first17, sizeof first17, "640522%04u%02u%02u%03u", year % 10000, month % 100,
		 day % 100, seq % 1000);
	snprintf(out, 19, "%.17s%c", first17, ident_resident_id_check_char(first17));
}

static int demo_divisions(struct demo *d)
{
	static const struct division_input divs[] = {
		{ "640000", "宁夏回族自治区" }, { "640500", "中卫市" },
		{ "640502", "沙坡头区" },       { "640521", "中宁县" },
		{ "640522", "海原县" },
	};
	for (size_t i = 0; i < sizeof divs / sizeof divs[0]; i++) {
		enum fz_err rc = app_division_put(d->ctx, &divs[i], NULL, &d->e);
		if (rc)
			return demo_fail(d, rc, "创建行政区划");
	}
	return 0;
}

static int demo_person(struct demo *d, int64_t agency_id, int64_t unit_id,
		       enum person_kind kind, bool reviewer, int64_t *id)
{
	char rid[19];
	int64_t n = ++d->person_seq;
	demo_resident_id(n, rid);
	char *name = arena_printf(d->ctx->a, "%s%s", surnames[n % 15], given[(n * 7) % 19]);
	char *phone = arena_printf(d->ctx->a, "1390955%04lld", (long long)(n * 13 % 10000));
	struct person_input in = {
		.agency_id = agency_id, .unit_id = unit_id, .name = name, .resident_id = rid,
		.phone = phone, .kind = kind, .is_reviewer = reviewer, .active = 1,
	};
	struct person p;
	enum fz_err rc = app_person_create(d->ctx, &in, &p, &d->e);
	if (rc)
		return demo_fail(d, rc, "创建执法人员");
	*id = p.id;
	return 0;
}

/* Certificates: most valid for years; every 11th expires within 30 days;
 * one has expired; one is revoked (the officer left). */
static int demo_certificate(struct demo *d, int64_t person_id, const char *domains)
{
	struct app_ctx *ctx = d->ctx;
	int n = ++d->certificates;
	char number[32], issued[FZ_DATE_LEN], until[FZ_DATE_LEN];
	snprintf(number, sizeof number, "NX0522%04d", n);
	date_add_days(ctx->today, -(400 + n * 9), issued);
	if (n % 11 == 5)
		date_add_days(ctx->today, 3 + n % 25, until);
	else if (n == 17)
		date_add_days(ctx->today, -12, until);
	else
		date_add_days(issued, 5 * 365, until);
	struct certificate_input in = {
		.number = number, .person_id = person_id, .issuer = "海原县人民政府",
		.domains = domains, .issued_on = issued, .valid_until = until,
	};
	struct certificate c;
	enum fz_err rc = app_certificate_create(ctx, &in, &c, &d->e);
	if (rc)
		return demo_fail(d, rc, "发放执法证");
	if (n == 23) {
		rc = app_certificate_revoke(ctx, c.id, "调离执法岗位", NULL, NULL, &d->e);
		if (rc)
			return demo_fail(d, rc, "注销执法证");
	}
	char year_s[5];
	snprintf(year_s, sizeof year_s, "%.4s", ctx->today);
	struct cert_review_input rv = { .year = (int)strtol(year_s, NULL, 10) - 1, .passed = 1,
					.note = "年度审验合格", .reviewed_on = NULL };
	if (n != 23 && (rc = app_cert_review_add(ctx, c.id, &rv, NULL, &d->e)))
		return demo_fail(d, rc, "年度审验");
	return 0;
}

static int demo_agency(struct demo *d, size_t i)
{
	const struct demo_agency *da = &demo_agencies[i];
	char uscc[19];
	demo_uscc_make("11", da->division, (int)i, uscc); /* 机构编制, 机关 */
	/* Fines are paid at the county's agricultural bank; suits and
	 * enforcement go to the county court (demo account numbers). */
	bool haiyuan = strcmp(da->division, "640522") == 0;
	char account[24];
	snprintf(account, sizeof account, "2936010104%07d", 1201 + (int)i * 37);
	struct agency_input in = {
		.name = da->name, .uscc = uscc, .division_code = da->division, .kind = da->kind,
		.domains = da->domains, .active = 1, .doc_code = da->doc_code,
		.court = haiyuan ? "海原县人民法院" : "中宁县人民法院",
		.payment_bank = haiyuan ? "中国农业银行海原县支行" : "中国农业银行中宁县支行",
		.payment_account = account,
	};
	struct agency ag;
	enum fz_err rc = app_agency_create(d->ctx, &in, &ag, &d->e);
	if (rc)
		return demo_fail(d, rc, da->name);
	d->agency_ids[i] = ag.id;

	int64_t unit_ids[3] = { 0 };
	for (int u = 0; u < 3 && da->units[u]; u++) {
		struct unit_input ui = { .agency_id = ag.id, .name = da->units[u] };
		struct unit out;
		if ((rc = app_unit_create(d->ctx, &ui, &out, &d->e)))
			return demo_fail(d, rc, "创建内设机构");
		unit_ids[u] = out.id;
	}
	for (int k = 0; k < da->officers; k++) {
		int64_t pid;
		bool reviewer = k < da->reviewers;
		int r = demo_person(d, ag.id, unit_ids[reviewer && unit_ids[1] ? 1 : 0],
				    PERSON_OFFICER, reviewer, &pid);
		if (r || (r = demo_certificate(d, pid, da->domains)))
			return r;
		if (i == 1 && k < DEMO_AGENCY_OFFICERS_MAX)
			d->cast.nr_officers[k] = pid;
		else if (i == 2 && k < DEMO_AGENCY_OFFICERS_MAX)
			d->cast.sm_officers[k] = pid;
	}
	/* Two assistants per enforcement agency: no certificates. */
	for (int k = 0; k < (i ? 2 : 0); k++) {
		int64_t pid;
		int r = demo_person(d, ag.id, unit_ids[0], PERSON_ASSISTANT, false, &pid);
		if (r)
			return r;
	}
	return 0;
}

/* Creates an account; out (may be NULL) receives it. */
static int demo_account(struct demo *d, const char *username, const char *name,
			unsigned roles, int64_t agency_id, int64_t person_id, const char *pw,
			struct user *out)
{
	struct user_input in = {
		.username = username, .display_name = name, .password = pw,
		.agency_id = agency_id, .person_id = person_id, .disabled = 0,
		.roles = roles, .must_change_password = 0,
	};
	enum fz_err rc = app_user_create(d->ctx, &in, out, &d->e);
	if (rc)
		return demo_fail(d, rc, username);
	d->accounts++;
	return 0;
}

static int demo_accounts(struct demo *d, const char *pw)
{
	int64_t jb = d->agency_ids[0], nr = d->agency_ids[1], sm = d->agency_ids[2];
	struct demo_cast *c = &d->cast;
	int rc;
	if ((rc = demo_account(d, "sysadmin", "系统管理员", ROLE_SYSADMIN, 0, 0, pw, NULL)) ||
	    (rc = demo_account(d, "secadmin", "安全管理员", ROLE_SECADMIN, 0, 0, pw, NULL)) ||
	    (rc = demo_account(d, "auditor", "审计管理员", ROLE_AUDITOR, 0, 0, pw, NULL)) ||
	    (rc = demo_account(d, "supervisor", "司法局执法监督员", ROLE_SUPERVISOR, jb, 0, pw,
			       &c->supervisor)) ||
	    (rc = demo_account(d, "officer1", "自然资源局执法人员一", ROLE_OFFICER, nr,
			       c->nr_officers[1], pw, &c->officer1)) ||
	    (rc = demo_account(d, "officer2", "自然资源局执法人员二", ROLE_OFFICER, nr,
			       c->nr_officers[2], pw, &c->officer2)) ||
	    (rc = demo_account(d, "reviewer1", "自然资源局法制审核员", ROLE_REVIEWER, nr,
			       c->nr_officers[0], pw, &c->reviewer1)) ||
	    (rc = demo_account(d, "head1", "自然资源局局长", ROLE_HEAD, nr, 0, pw, &c->head1)) ||
	    (rc = demo_account(d, "officer3", "市场监管局执法人员", ROLE_OFFICER, sm,
			       c->sm_officers[1], pw, &c->officer3)) ||
	    (rc = demo_account(d, "head2", "市场监管局局长", ROLE_HEAD, sm, 0, pw, &c->head2)))
		return rc;
	c->nr_agency = nr;
	c->sm_agency = sm;
	return 0;
}

int demo_seed(struct app_ctx *ctx, const char *password, struct demo_summary *out,
	      struct fz_error *e)
{
	struct demo d = { .ctx = ctx };
	struct calendar_load_report report;
	bool loaded;
	int rc;
	/* The cases' deadlines count working days: a new database gets the
	 * built-in holiday calendar, as `fazhi init` gives it. */
	if ((rc = app_calendar_load_default(ctx, &loaded, &report, &d.e))) {
		demo_fail(&d, rc, "载入节假日安排");
		goto fail;
	}
	if ((rc = demo_divisions(&d)))
		goto fail;
	for (size_t i = 0; i < DEMO_NAGENCIES; i++)
		if ((rc = demo_agency(&d, i)))
			goto fail;
	if ((rc = demo_accounts(&d, password)))
		goto fail;
	int ncases = 0;
	if ((rc = demo_cases_seed(ctx, &d.cast, &ncases, &d.e))) {
		fprintf(stderr, "fazhi demo: 演示案件失败\n");
		goto fail;
	}
	int nevidence = 0;
	if ((rc = demo_evidence_seed(ctx, &d.cast, &nevidence, &d.e)))
		goto fail;
	int npowers = 0;
	if ((rc = demo_powers_seed(ctx, &d.cast, &npowers, &d.e)))
		goto fail;
	int ncomplaints = 0;
	if ((rc = demo_complaints_seed(ctx, &d.cast, &ncomplaints, &d.e)))
		goto fail;
	if ((rc = demo_evaluation_seed(ctx, &d.cast, &d.e))) {
		fprintf(stderr, "fazhi demo: 演示案卷评查失败\n");
		goto fail;
	}
	int ndecisions = 0;
	if ((rc = demo_decisions_seed(ctx, &d.cast, &ndecisions, &d.e)))
		goto fail;
	if (out) {
		out->agencies = (int)DEMO_NAGENCIES;
		out->people = (int)d.person_seq;
		out->certificates = d.certificates;
		out->accounts = d.accounts;
		out->cases = ncases + ndecisions; /* decisions are cases too */
		out->evidence = nevidence;
		out->complaints = ncomplaints;
		memcpy(out->agency_ids, d.agency_ids, sizeof d.agency_ids);
	}
	return FZ_OK;
fail:
	if (e)
		*e = d.e;
	return rc;
}
