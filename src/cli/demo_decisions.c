/* demo_decisions.c - the demo county's major administrative decisions
 * (重大行政决策, docs/DECISIONS.md): 市场监督管理局's decision catalogue,
 * approved and published, and two decisions run through the engine as the
 * demo accounts on days in the past (the catalogue published on time; an
 * earlier year's kept late on purpose, labelled so) — one adopted, published, in
 * execution and evaluated afterwards (决策后评估), one in public comment now (its item added to the catalogue
 * by an adjustment with its reason when the year is the same). */
#include <stdio.h>
#include <string.h>

#include "app/authz.h"
#include "app/case.h"
#include "app/decision.h"
#include "app/publication.h"
#include "base/date.h"
#include "cli/demo_internal.h"


struct dd {
	struct app_ctx *cli;
	const struct demo_cast *cast;
	struct fz_error *e;
	struct app_ctx ctx;
};

static enum fz_err as(struct dd *d, const struct user *u)
{
	app_ctx_init(&d->ctx, d->cli->st, d->cli->a, d->cli->cfg, "cli", d->cli->now);
	d->ctx.user = (struct user *)u;
	d->ctx.actor = u->username;
	return authz_scope_for(&d->ctx, u, &d->ctx.scope, d->e);
}

/* As u, on the day `days` ago at 10:00 China time (today: now): the
 * demo's steps are recorded as on the day they took place, as an office
 * keeping the record would, not as late entries (补录) needing a reason;
 * the publication pipeline, which records 公布 when it confirms, then
 * dates it that day too. */
static enum fz_err as_on(struct dd *d, const struct user *u, int days)
{
	enum fz_err rc = as(d, u);
	if (rc || days <= 0)
		return rc;
	int64_t midnight = d->ctx.now - (d->ctx.now + 8 * 3600) % 86400;
	d->ctx.now = midnight + 10 * 3600 - (int64_t)days * 86400;
	date_today(d->ctx.now, d->ctx.today);
	return FZ_OK;
}

static const char *ago(struct dd *d, int n)
{
	char day[FZ_DATE_LEN];
	date_add_days(d->cli->today, -n, day);
	return arena_strndup(d->cli->a, day, strlen(day));
}

static int year_of(const char *day)
{
	int y = 0;
	date_parse(day, &y, NULL, NULL);
	return y;
}

/* "k=v|k=v" into fields (values "@N": N days ago). */
static size_t fields_of(struct dd *d, const char *spec, struct case_field *out, size_t max)
{
	size_t n = 0;
	char *s = arena_strndup(d->cli->a, spec, strlen(spec));
	for (char *p = s; p && *p && n < max;) {
		char *bar = strchr(p, '|');
		if (bar)
			*bar = '\0';
		char *eq = strchr(p, '=');
		if (eq) {
			*eq = '\0';
			const char *v = eq + 1;
			if (v[0] == '@') {
				int k = 0, sign = v[1] == '-' ? -1 : 1;
				for (const char *q = v + 1 + (sign < 0); *q >= '0' && *q <= '9'; q++)
					k = k * 10 + (*q - '0');
				v = ago(d, sign * k);
			}
			out[n++] = (struct case_field){ .key = p, .value = v };
		}
		p = bar ? bar + 1 : NULL;
	}
	return n;
}

static enum fz_err step(struct dd *d, const struct user *u, int64_t id, const char *st, int days,
			const char *spec)
{
	struct case_field f[16];
	struct case_event ev;
	struct case_step_input in = { .step = st, .on = ago(d, days), .fields = f,
				      .nfields = fields_of(d, spec, f, 16),
				      .reason = NULL };
	enum fz_err rc = as_on(d, u, days);
	if (rc || (rc = app_case_act(&d->ctx, id, &in, &ev, NULL, d->e)))
		fprintf(stderr, "fazhi demo: 重大行政决策步骤 %s：%s\n", st,
			d->e && d->e->message[0] ? d->e->message : "失败");
	return rc;
}

/* 公布: the text prepared as officer u `days` ago (the decision and the
 * accounts of adoption) and confirmed in 公示审核 that day, through the
 * publication pipeline (docs/DECISIONS.md), which records the step. */
static enum fz_err announce(struct dd *d, const struct user *u, int64_t id, int days,
			    const char *spec)
{
	struct case_field f[8];
	struct case_event ev;
	struct publication p;
	struct case_step_input in = { .step = "prepare_announce", .on = ago(d, days), .fields = f,
				      .nfields = fields_of(d, spec, f, 8),
				      .reason = NULL };
	enum fz_err rc = as_on(d, u, days);
	if (rc || (rc = app_case_act(&d->ctx, id, &in, &ev, NULL, d->e)) ||
	    (rc = d->ctx.st->ops->publication_by_event(d->ctx.st, d->ctx.a, ev.id, &p, d->e)))
		goto out;
	struct publication_confirm c = { 0 };
	rc = app_publication_confirm(&d->ctx, p.id, &c, d->e);
out:
	if (rc)
		fprintf(stderr, "fazhi demo: 重大行政决策公布：%s\n",
			d->e && d->e->message[0] ? d->e->message : "失败");
	return rc;
}

static enum fz_err open_decision(struct dd *d, const char *title, int64_t item, int days,
				 const char *extra, int64_t *id)
{
	char spec[512];
	struct case_field f[8];
	struct enf_case c;
	snprintf(spec, sizeof spec, "catalogue_item=%lld|%s", (long long)item, extra);
	struct case_input in = { .procedure = "major_decision", .title = title };
	struct case_step_input open = { .step = "propose", .on = ago(d, days), .fields = f,
					.nfields = fields_of(d, spec, f, 8),
					.reason = NULL };
	enum fz_err rc = as_on(d, &d->cast->officer3, days);
	if (rc || (rc = app_case_open(&d->ctx, &in, &open, &c, NULL, d->e))) {
		fprintf(stderr, "fazhi demo: 重大行政决策立项：%s\n",
			d->e && d->e->message[0] ? d->e->message : "失败");
		return rc;
	}
	*id = c.id;
	return FZ_OK;
}

/* The day a county's catalogue of the year of `on` is approved and
 * published: early in the year, within the due months (config
 * decision_catalogue_due, by 03-31; U), as a county's is — on 02-15, or
 * on `on` itself when the matter was proposed earlier still. */
static const char *listed_on(struct dd *d, const char *on)
{
	char early[16];
	snprintf(early, sizeof early, "%04d-02-15", year_of(on) % 10000);
	return strcmp(on, early) < 0 ? on : arena_strndup(d->cli->a, early, strlen(early));
}

/* The catalogue of the year of day `days` ago: created, an item listed
 * and approved early in that year (listed_on), or, when catalogue already
 * holds that year, the item added to it by an adjustment with its reason
 * on the day. */
static enum fz_err item_for(struct dd *d, int64_t *catalogue, int *cat_year, int days,
			    const char *title, int64_t *item)
{
	const char *on = ago(d, days);
	int year = year_of(on);
	char name[128];
	enum fz_err rc;
	bool adjust = *catalogue && *cat_year == year;
	if (!adjust)
		on = listed_on(d, on);
	if (!adjust) {
		struct decision_catalogue c;
		snprintf(name, sizeof name, "海原县市场监督管理局%d年度重大行政决策事项目录", year);
		if ((rc = as(d, &d->cast->officer3)) ||
		    (rc = app_dcat_create(&d->ctx, year, name, &c, d->e)))
			return rc;
		*catalogue = c.id;
		*cat_year = year;
	}
	if ((rc = as(d, &d->cast->officer3)) ||
	    (rc = app_dcat_add_item(&d->ctx, *catalogue, title, "policy", "海原县市场监督管理局",
				    adjust ? "自治区部署食品小作坊提升专项行动，年中增列" : NULL, on, item,
				    d->e)))
		return rc;
	if (adjust)
		return FZ_OK;
	return as(d, &d->cast->head2) ? FZ_FORBIDDEN
		: app_dcat_approve(&d->ctx, *catalogue, "海原县委常委会会议", NULL, on, d->e);
}

/* One catalogue kept late on purpose, so that the indicator
 * 决策事项目录按时公布率 has a late catalogue to show behind its figure:
 * that of the year before `year`, approved on 05-20, after the due day
 * (03-31), its approval note saying it is the example. */
static enum fz_err late_example(struct dd *d, int year)
{
	struct decision_catalogue c;
	char name[128], on[16];
	int64_t item;
	enum fz_err rc;
	snprintf(name, sizeof name, "海原县市场监督管理局%d年度重大行政决策事项目录", year - 1);
	snprintf(on, sizeof on, "%04d-05-20", (year - 1) % 10000);
	if ((rc = as(d, &d->cast->officer3)) ||
	    (rc = app_dcat_create(&d->ctx, year - 1, name, &c, d->e)) ||
	    (rc = app_dcat_add_item(&d->ctx, c.id, "海原县集贸市场摊位规范管理方案", "policy",
				    "海原县市场监督管理局", NULL, on, &item, d->e)))
		return rc;
	return as(d, &d->cast->head2) ? FZ_FORBIDDEN
		: app_dcat_approve(&d->ctx, c.id, "海原县委常委会会议",
				   "五月经批准公布，晚于本地规定的一季度内：逾期公布的示例", on, d->e);
}

enum fz_err demo_decisions_seed(struct app_ctx *cli, const struct demo_cast *cast, int *n,
				struct fz_error *e)
{
	struct dd d = { .cli = cli, .cast = cast, .e = e };
	const struct user *o = &cast->officer3, *h = &cast->head2, *r = &cast->supervisor;
	int64_t cat = 0, item, id;
	int year = 0;
	enum fz_err rc;
	*n = 0;
	/* adopted, published, in execution and evaluated afterwards */
	const char *t1 = "海原县农贸市场升级改造实施方案";
	if ((rc = late_example(&d, year_of(ago(&d, 100)))) ||
	    (rc = item_for(&d, &cat, &year, 100, t1, &item)) ||
	    (rc = open_decision(&d, t1, item, 100, "proposal_source=海原县人民政府县长提出|"
				"affects_stability=1", &id)) ||
	    (rc = step(&d, o, id, "draft", 98, "text=一、目标：三年内完成城区农贸市场升级改造。\n二、范围：城区"
		       "五个农贸市场。\n三、过渡：改造期间设临时经营点。|explanation=落实食品安全和营商环境要求")) ||
	    (rc = step(&d, o, id, "comment_open", 95, "comment_channel=海原县人民政府门户网站“意见征集”栏目|"
		       "comment_until=@62")) ||
	    (rc = step(&d, o, id, "hearing_notice", 80, "hearing_on=@70|participants=经营户代表 9 人、"
		       "居民代表 3 人|materials=实施方案草案及起草说明")) ||
	    (rc = step(&d, o, id, "hearing", 70, "summary=听证会如期举行，12 人发言，主要关注过渡期摊位安排")) ||
	    (rc = step(&d, o, id, "risk_assessment", 65, "risk_points=经营户搬迁争议；改造期间供应保障|"
		       "risk_measures=过渡摊位提前公示，分批改造|assessor=海原县社会稳定风险评估中心")) ||
	    (rc = step(&d, o, id, "comment_close", 50, "comment_summary=收到意见 21 条，采纳 12 条")) ||
	    (rc = step(&d, o, id, "submit_review", 49, "review_by=@30|materials_note=方案草案、"
		       "法律依据、履行程序情况说明")) ||
	    (rc = step(&d, r, id, "legality_review", 45, "opinion=pass")) ||
	    (rc = step(&d, h, id, "meeting", 40, "meeting_kind=executive|attendees=县长、副县长 4 人、"
		       "相关部门负责人|opinions=副县长甲：同意\n副县长乙：同意\n副县长丙：同意，过渡摊位须落实|"
		       "majority=adopt|dissent=无")) ||
	    (rc = step(&d, h, id, "decide", 40, "head_opinion=同意实施，过渡摊位落实后再开工|outcome=adopt")) ||
	    (rc = step(&d, o, id, "report_party", 39, "party_committee=中共海原县委员会|party_report="
		       "书面请示，县委常委会会议同意")) ||
	    (rc = announce(&d, o, id, 38, "channel=海原县人民政府公报、门户网站|public_adoption="
			   "采纳 12 条，未采纳 9 条并说明理由|expert_adoption=未组织专家论证（非专业性、技术性事项）")) ||
	    (rc = step(&d, h, id, "assign_execution", 37, "execution_unit=海原县市场监督管理局")) ||
	    (rc = step(&d, o, id, "execution_report", 10, "report=两个农贸市场已完成改造并恢复营业")) ||
	    (rc = step(&d, o, id, "post_evaluation", 4, "trigger=objections|evaluator=宁夏大学政法学院|"
		       "findings=改造后市场环境明显改善；过渡摊位距离较远，经营户意见较多。|"
		       "recommendation=adjust")))
		return rc;
	(*n)++;
	/* in public comment now */
	const char *t2 = "海原县食品小作坊集中加工区建设方案";
	if ((rc = item_for(&d, &cat, &year, 20, t2, &item)) ||
	    (rc = open_decision(&d, t2, item, 20, "proposal_source=海原县市场监督管理局建议|technical=1",
				&id)) ||
	    (rc = step(&d, o, id, "draft", 15, "text=一、在县城工业园区建设食品小作坊集中加工区。\n"
		       "二、入驻小作坊统一办理登记、统一检验。")) ||
	    (rc = step(&d, o, id, "comment_open", 5, "comment_channel=海原县人民政府门户网站“意见征集”栏目|"
		       "comment_until=@-26")))
		return rc;
	(*n)++;
	return FZ_OK;
}
