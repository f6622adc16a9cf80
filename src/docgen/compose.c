/* compose.c - the table of documents the system generates, how each is
 * numbered and composed, and the pieces the composers share: dates and
 * periods in words, the party, names, the penalty, the evidence. */
#include "docgen/compose.h"

#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "domain/money.h"
#include "domain/penalty.h"

typedef void compose_fn(struct doc_model *m, const struct docgen_input *in);

/* 类别代字: the penalty procedure's series are 罚 and a qualifier, as
 * the case numbers are 罚立: 罚 for decisions, 罚告 for advance notices,
 * 罚听 for hearing notices, 罚当 for on-the-spot decisions (their own
 * series: pre-numbered forms, art 52), 不罚 for decisions not to
 * penalise (the usual form of that series), 罚催 for demands to pay
 * (催告书), 罚缓 for deferment or instalment approvals, 罚保 for evidence
 * preservation notices and 罚避 for recusal decisions. */
static const struct {
	struct docgen_kind k;
	compose_fn *fn;
} kinds[] = {
	{ { "opening_approval", NULL, true }, compose_opening_approval },
	{ { "advance_notice", "罚告", false }, compose_advance_notice },
	{ { "hearing_notice", "罚听", false }, compose_hearing_notice },
	{ { "penalty_decision", "罚", false }, compose_penalty_decision },
	{ { "no_penalty_decision", "不罚", false }, compose_no_penalty_decision },
	{ { "onsite_decision", "罚当", false }, compose_onsite_decision },
	{ { "service_receipt", NULL, false }, compose_service_receipt },
	{ { "demand_notice", "罚催", false }, compose_demand_notice },
	{ { "deferment_approval", "罚缓", false }, compose_deferment_approval },
	{ { "preservation_notice", "罚保", false }, compose_preservation_notice },
	{ { "recusal_decision", "罚避", false }, compose_recusal_decision },
	{ { "revocation_decision", "罚撤", false }, compose_revocation_decision },
	/* the justice bureau's own series (执法监督): 督 for 督办通知书, 监决
	 * for 执法监督决定书, numbered per bureau */
	{ { "supervision_urge_notice", "督", false }, compose_supervision_urge },
	{ { "supervision_decision", "监决", false }, compose_supervision_decision },
	/* a normative document's 文号: the issuing unit's series 规, numbered
	 * without gaps per unit and year (行政规范性文件, RULEMAKING.md) */
	{ { "normative_text", "规", false }, compose_normative_text },
	/* the reviewing unit's opinion in its own series 审 (合法性审核意见书,
	 * a major decision's 合法性审查意见书); the filing report in the
	 * drafting unit's series 备; the forms and accounts have no number
	 * of their own (a review may repeat; they name the matter's number
	 * in a row) (compose_review.c) */
	{ { "legality_opinion", "审", false, true, true }, compose_legality_opinion },
	{ { "fair_competition_form", NULL, false, false, true }, compose_fair_competition_form },
	{ { "filing_report", "备", false, false, true }, compose_filing_report },
	{ { "comment_adoption", NULL, false, false, true }, compose_comment_adoption },
	{ { "opinion_adoption", NULL, false, false, true }, compose_opinion_adoption },
};
#define NKINDS (sizeof kinds / sizeof kinds[0])

static const char *const kind_ids[NKINDS + 1] = {
	"opening_approval",    "advance_notice",     "hearing_notice",
	"penalty_decision",    "no_penalty_decision", "onsite_decision",
	"service_receipt",     "demand_notice",      "deferment_approval",
	"preservation_notice", "recusal_decision",   "revocation_decision",
	"supervision_urge_notice", "supervision_decision",
	"normative_text",
	"legality_opinion", "fair_competition_form", "filing_report",
	"comment_adoption", "opinion_adoption",
	NULL,
};
_Static_assert(sizeof kind_ids / sizeof kind_ids[0] == NKINDS + 1, "one id per kind");

const struct docgen_kind *docgen_kind_find(const char *kind)
{
	for (size_t i = 0; kind && i < NKINDS; i++)
		if (strcmp(kinds[i].k.kind, kind) == 0)
			return &kinds[i].k;
	return NULL;
}

const char *const *docgen_kinds(void)
{
	return kind_ids;
}

enum fz_err docgen_compose(const struct docgen_input *in, struct arena *a, struct doc_model *out,
			   struct fz_error *e)
{
	doc_model_init(out, a);
	for (size_t i = 0; i < NKINDS; i++) {
		if (strcmp(kinds[i].k.kind, in->kind) != 0)
			continue;
		out->created = in->created ? in->created : "";
		kinds[i].fn(out, in);
		return doc_model_status(out, e);
	}
	return fz_fail(e, FZ_INVALID, "kind", "系统不生成文书“%s”", in->kind);
}

const char *compose_date(struct doc_model *m, const char *ymd)
{
	int y, mo, d;
	if (!ymd || !date_parse(ymd, &y, &mo, &d))
		return "";
	const char *s = arena_printf(m->a, "%d年%d月%d日", y, mo, d);
	if (!s)
		m->failed = true;
	return s ? s : "";
}

/* 1..99 in Chinese numerals: 五, 十五, 六十, 九十九. */
static void cn_number(int n, char *out, size_t len)
{
	static const char *const d[] = { "", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
	if (n < 1 || n > 99)
		snprintf(out, len, "%d", n);
	else if (n < 10)
		snprintf(out, len, "%s", d[n]);
	else
		snprintf(out, len, "%s十%s", n >= 20 ? d[n / 10] : "", d[n % 10]);
}

const char *compose_number(struct doc_model *m, int n)
{
	char num[32];
	cn_number(n, num, sizeof num);
	const char *s = arena_strdup(m->a, num);
	if (!s)
		m->failed = true;
	return s ? s : "";
}

const char *compose_period(struct doc_model *m, struct proc_period p)
{
	char num[32];
	const char *unit = "日";
	int amount = p.amount;
	if (p.unit == CLOCK_WORKING_DAYS) {
		unit = "个工作日";
	} else if (p.unit == CLOCK_MONTHS) {
		unit = amount % 12 == 0 ? "年" : "个月";
		amount = amount % 12 == 0 ? amount / 12 : amount;
	}
	cn_number(amount, num, sizeof num);
	const char *s = arena_printf(m->a, "%s%s", num, unit);
	if (!s)
		m->failed = true;
	return s ? s : "";
}

const char *compose_matter(struct doc_model *m, const struct docgen_input *in)
{
	const char *t = in->c->title ? in->c->title : "";
	size_t n = strlen(t), k = strlen("案");
	if (n > k && strcmp(t + n - k, "案") == 0)
		n -= k;
	const char *s = arena_printf(m->a, "%.*s一案", (int)n, t);
	if (!s)
		m->failed = true;
	return s ? s : "";
}

const char *compose_you(const struct docgen_input *in)
{
	return in->c->party_kind == PARTY_CITIZEN ? "你" : "你单位";
}

const char *compose_field(const struct docgen_input *in, const char *key)
{
	const char *v = case_event_field(in->ev, key);
	return v ? v : "";
}

static const char *or_dash(const char *s)
{
	return s && *s ? s : "——";
}

void compose_party(struct doc_model *m, const struct docgen_input *in)
{
	const struct enf_case *c = in->c;
	bool citizen = c->party_kind == PARTY_CITIZEN;
	doc_add(m, DOC_LINE, "当事人：%s", c->party_name);
	doc_add(m, DOC_LINE, "%s：%s", citizen ? "公民身份号码" : "统一社会信用代码",
		or_dash(c->party_id));
	doc_add(m, DOC_LINE, "%s：%s", citizen ? "住址" : "住所", or_dash(c->party_address));
}

const char *compose_person(struct doc_model *m, const struct docgen_input *in, int64_t id)
{
	for (size_t i = 0; i < in->npeople; i++)
		if (in->people[i].id == id && in->people[i].name)
			return in->people[i].name;
	const char *s = arena_printf(m->a, "人员 #%lld", (long long)id);
	if (!s)
		m->failed = true;
	return s ? s : "";
}

const char *compose_officers(struct doc_model *m, const struct docgen_input *in,
			     const struct case_event *ev)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; ev && i < ev->nofficers; i++) {
		if (i)
			buf_adds(&b, "、");
		buf_adds(&b, compose_person(m, in, ev->officers[i]));
	}
	const char *s = arena_strdup(m->a, b.len ? buf_cstr(&b) : "");
	if (!s || buf_failed(&b))
		m->failed = true;
	buf_release(&b);
	return s ? s : "";
}

/* "人民币5000元（大写：伍仟元整）" */
static void money_words(struct buf *b, int64_t fen)
{
	char yuan[MONEY_TEXT_MAX], upper[MONEY_UPPER_MAX];
	money_format_yuan(fen, yuan);
	money_format_upper(fen, upper);
	buf_addf(b, "人民币%s元（大写：%s）", yuan, upper);
}

const char *compose_money(struct doc_model *m, int64_t fen)
{
	struct buf b = BUF_INIT;
	money_words(&b, fen);
	const char *s = arena_strdup(m->a, buf_cstr(&b));
	if (!s || buf_failed(&b))
		m->failed = true;
	buf_release(&b);
	return s ? s : "";
}

const char *compose_penalty(struct doc_model *m, const struct docgen_input *in,
			    const struct case_event *ev)
{
	struct penalty p;
	const char *licence = case_event_field(ev, "licence");
	(void)in;
	if (penalty_from_fields(case_event_field(ev, "penalty"), case_event_field(ev, "amount"),
				case_event_field(ev, "confiscation"), &p, NULL) != FZ_OK)
		return or_dash(case_event_field(ev, "penalty"));
	struct buf b = BUF_INIT;
	for (unsigned bit = 1; bit <= PENALTY_ALL_MASK; bit <<= 1) {
		if (!(p.kinds & bit))
			continue;
		if (b.len)
			buf_adds(&b, "；");
		buf_adds(&b, penalty_kind_label(bit));
		if (bit == PENALTY_FINE)
			money_words(&b, p.fine_fen);
		else if ((bit & PENALTY_CONFISCATE_MASK) && p.confiscation_fen)
			money_words(&b, p.confiscation_fen);
		else if ((bit & (PENALTY_SUSPEND_LICENCE | PENALTY_REVOKE_LICENCE)) && licence &&
			 *licence)
			buf_addf(&b, "（%s）", licence);
	}
	const char *s = arena_strdup(m->a, b.len ? buf_cstr(&b) : "");
	if (!s || buf_failed(&b))
		m->failed = true;
	buf_release(&b);
	return s ? s : "";
}

/* The steps whose records are evidence, and the field that says what.
 * The party's statements after the notice are not here: the decision
 * recounts them with their review (compose_decision.c). */
static const struct {
	const char *step;
	const char *field;
} evidence_steps[] = {
	{ "investigate", "record" },
	{ "appraisal_result", "conclusion" },
};

const char *compose_evidence(struct doc_model *m, const struct docgen_input *in)
{
	struct buf b = BUF_INIT;
	size_t n = 0;
	for (size_t i = 0; i < in->nevents && in->events[i].id != in->ev->id; i++) {
		const struct case_event *ev = &in->events[i];
		for (size_t k = 0; k < sizeof evidence_steps / sizeof evidence_steps[0]; k++) {
			const char *what = case_event_field(ev, evidence_steps[k].field);
			const struct proc_step *st = proc_step_find(in->def, ev->step);
			if (!st || strcmp(ev->step, evidence_steps[k].step) != 0)
				continue;
			buf_addf(&b, "%s%s%s", n++ ? "，" : "", compose_date(m, ev->on), st->label);
			if (what && *what)
				buf_addf(&b, "所得的%s", what);
		}
	}
	const char *s = NULL;
	if (n)
		s = arena_printf(m->a, "上述事实，有%s等证据证实。", buf_cstr(&b));
	if ((n && !s) || buf_failed(&b))
		m->failed = true;
	buf_release(&b);
	return s;
}

void compose_head(struct doc_model *m, const struct docgen_input *in)
{
	m->issuer = in->agency;
	m->title = in->title;
	m->number = in->number ? in->number : "";
	m->sign_date = compose_date(m, in->ev->on);
}
