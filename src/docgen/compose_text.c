/* compose_text.c - pieces several documents say alike: times of day, the
 * officers with their certificates, earlier events of the record, the
 * competent court, how a fine is paid, the late-payment surcharge and the
 * remedies (with reconsideration first where the law requires it). */
#include "base/num.h"
#include "docgen/compose.h"

#include <stdio.h>
#include <string.h>


/* Marks m failed when s is NULL; never returns NULL. */
static const char *kept(struct doc_model *m, const char *s)
{
	if (!s)
		m->failed = true;
	return s ? s : "";
}

const char *compose_stop(const char *text)
{
	static const char *const ends[] = { "。", "！", "？", "；" };
	size_t n = strlen(text);
	for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
		size_t k = strlen(ends[i]);
		if (n >= k && strcmp(text + n - k, ends[i]) == 0)
			return "";
	}
	return "。";
}

const char *compose_time(struct doc_model *m, const char *hhmm)
{
	if (!hhmm || strlen(hhmm) != 5 || hhmm[2] != ':')
		return "";
	int h = num_digits(hhmm, 2, 23), min = num_digits(hhmm + 3, 2, 59);
	if (h < 0 || min < 0)
		return "";
	if (min == 0)
		return kept(m, arena_printf(m->a, "%d时", h));
	return kept(m, arena_printf(m->a, "%d时%d分", h, min));
}

static const struct docgen_person *person_of(const struct docgen_input *in, int64_t id)
{
	for (size_t i = 0; i < in->npeople; i++)
		if (in->people[i].id == id)
			return &in->people[i];
	return NULL;
}

const char *compose_officers_certified(struct doc_model *m, const struct docgen_input *in,
				       const struct case_event *ev)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; ev && i < ev->nofficers; i++) {
		const struct docgen_person *p = person_of(in, ev->officers[i]);
		buf_addf(&b, "%s%s", i ? "、" : "", compose_person(m, in, ev->officers[i]));
		if (p && p->certificate && *p->certificate)
			buf_addf(&b, "（执法证号：%s）", p->certificate);
	}
	const char *s = arena_strdup(m->a, b.len ? buf_cstr(&b) : "");
	if (buf_failed(&b))
		m->failed = true;
	buf_release(&b);
	return kept(m, s);
}

const char *compose_person_field(struct doc_model *m, const struct docgen_input *in,
				 const struct case_event *ev, const char *key)
{
	const char *v = ev ? case_event_field(ev, key) : NULL;
	if (!v || !*v)
		return "";
	int64_t id = num_id(v);
	if (!id)
		return v; /* a name written out */
	return compose_person(m, in, id);
}

bool compose_yes(const struct case_event *ev, const char *key)
{
	const char *v = ev ? case_event_field(ev, key) : NULL;
	return v && (strcmp(v, "1") == 0 || strcmp(v, "yes") == 0 || strcmp(v, "true") == 0);
}

const struct case_event *compose_before(const struct docgen_input *in, const char *step)
{
	const struct case_event *found = NULL;
	for (size_t i = 0; i < in->nevents && in->events[i].id != in->ev->id; i++)
		if (strcmp(in->events[i].step, step) == 0)
			found = &in->events[i];
	return found;
}

const struct case_event *compose_decision_before(const struct docgen_input *in)
{
	const struct case_event *found = NULL;
	for (size_t i = 0; i < in->nevents && in->events[i].id != in->ev->id; i++) {
		const struct proc_step *st = proc_step_find(in->def, in->events[i].step);
		if (st && (st->flags & PROC_DECIDES))
			found = &in->events[i];
	}
	return found;
}

const char *compose_court(const struct docgen_input *in)
{
	return in->court && *in->court ? in->court : "人民法院";
}

const char *compose_payment_manner(struct doc_model *m, const struct docgen_input *in)
{
	if (in->payment_bank && *in->payment_bank && in->payment_account && *in->payment_account)
		return kept(m, arena_printf(m->a,
					    "缴至%s（户名：%s，账号：%s），或者通过电子支付系统缴纳",
					    in->payment_bank, in->agency, in->payment_account));
	return "缴至本机关指定的银行，或者通过电子支付系统缴纳";
}

/* "百分之三", "千分之五" for a rate in permille. */
static const char *rate_words(struct doc_model *m, int permille)
{
	if (permille % 10 == 0)
		return kept(m, arena_printf(m->a, "百分之%s", compose_number(m, permille / 10)));
	return kept(m, arena_printf(m->a, "千分之%s", compose_number(m, permille)));
}

const char *compose_surcharge_rule(struct doc_model *m, const struct docgen_input *in)
{
	int rate = in->surcharge_permille > 0 ? in->surcharge_permille : 30;
	int cap = in->surcharge_cap_percent > 0 ? in->surcharge_cap_percent : 100;
	if (cap >= 100)
		return kept(m, arena_printf(m->a,
					    "每日按罚款数额的%s加处罚款，加处罚款的数额不超出罚款的数额",
					    rate_words(m, rate)));
	return kept(m, arena_printf(m->a,
				    "每日按罚款数额的%s加处罚款，加处罚款的数额不超出罚款数额的"
				    "百分之%d",
				    rate_words(m, rate), cap));
}

void compose_remedies(struct doc_model *m, const struct docgen_input *in, const char *what,
		      unsigned flags)
{
	const char *you = compose_you(in);
	const char *court = compose_court(in);
	/* 行政处罚法 art 73: a penalty is carried out meanwhile. */
	const char *not_suspended = !(flags & REMEDY_PENALTY) ? ""
				    : (flags & REMEDY_RECONSIDERATION_FIRST)
					    ? "申请行政复议期间，行政处罚不停止执行，法律另有规定的除外。"
					    : "申请行政复议或者提起行政诉讼期间，行政处罚不停止执行，"
					      "法律另有规定的除外。";
	if (flags & REMEDY_RECONSIDERATION_FIRST) {
		/* 行政复议法 art 23 para 1 item 1 and para 2; art 34: a suit
		 * only after the reconsideration, within 15 days. */
		doc_add(m, DOC_PARA,
			"%s如不服本%s，应当先依法申请行政复议：可以自收到本决定书之日起六十日内向%s"
			"申请行政复议。对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内，"
			"依法向%s提起行政诉讼；行政复议机关决定不予受理、驳回申请或者受理后超过行政复议"
			"期限不作答复的，可以自收到决定书之日起或者行政复议期限届满之日起十五日内，依法"
			"向%s提起行政诉讼（《中华人民共和国行政复议法》第二十三条、第三十四条）。%s",
			you, what, in->reconsideration, court, court, not_suspended);
		return;
	}
	doc_add(m, DOC_PARA,
		"%s如不服本%s，可以自收到本决定书之日起六十日内向%s申请行政复议，也可以自收到本决定书"
		"之日起六个月内依法向%s提起行政诉讼。%s",
		you, what, in->reconsideration, court, not_suspended);
}
