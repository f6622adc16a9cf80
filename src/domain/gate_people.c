/* gate_people.c - gates about who takes part: certified officers for
 * investigation (行政处罚法 arts 42, 55), a hearing host who did not
 * investigate (art 64), a reviewer who did not handle the case (118号),
 * and inspectors drawn at random (双随机) when a draw was made. */
#include "base/num.h"
#include "domain/gate_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/case_events.h"
#include "domain/certificate.h"

/* Why person id does not count as a certified officer here; NULL if it does. */
static const char *uncertified(const struct gate_run *r, int64_t id)
{
	const struct proc_person *p = gate_person(r, id);
	if (!p)
		return "无人员信息";
	if (p->kind != PERSON_OFFICER)
		return "为执法辅助人员";
	if (!p->cert)
		return "未持有执法证";
	if (p->cert != CERT_VALID) {
		static const char *const why[] = { [CERT_SUSPENDED] = "的执法证已暂扣",
						   [CERT_REVOKED] = "的执法证已注销",
						   [CERT_EXPIRED] = "的执法证已过期",
						   [CERT_NOT_YET] = "的执法证尚未生效" };
		return p->cert <= CERT_NOT_YET && why[p->cert] ? why[p->cert] : "的执法证无效";
	}
	if (!p->cert_covers_domain)
		return "的执法证不涵盖本案执法领域";
	return NULL;
}

int gate_certified_count(const struct gate_run *r, struct buf *why)
{
	int have = 0;
	for (size_t i = 0; i < r->ev->nofficers; i++) {
		int64_t id = r->ev->officers[i];
		bool dup = false;
		for (size_t j = 0; j < i; j++)
			dup = dup || r->ev->officers[j] == id;
		if (dup)
			continue;
		const char *no = uncertified(r, id);
		if (!no) {
			have++;
			continue;
		}
		char name[80];
		gate_person_name(r, id, name, sizeof name);
		buf_addf(why, "%s%s%s", why->len ? "；" : "（", name, no);
	}
	if (why->len)
		buf_adds(why, "）");
	return have;
}

GATE_FN(certified_officers)
{
	int need = r->step->min_officers > 0 ? r->step->min_officers : 2;
	struct buf why = BUF_INIT;
	int have = gate_certified_count(r, &why);
	if (have < need)
		gate_block(res, FZ_CONFLICT,
			   "%s须由%s以上持有效执法证且执法领域涵盖本案的执法人员进行，当前仅 %d 名%s",
			   r->step->label, gate_cn_people(need), have, buf_cstr(&why));
	else
		gate_note(res, "%d 名持有效执法证的执法人员参与", have);
	buf_release(&why);
}

/* A person id written in a field; 0 when absent or not a number. */
static int64_t id_field(const struct gate_run *r, const char *key)
{
	return num_id(gate_field(r, r->ev, key));
}

GATE_FN(hearing_host_not_investigator)
{
	int64_t host = id_field(r, "host");
	char name[80];
	if (r->availability)
		return;
	if (!host)
		GATE_BLOCK(res, FZ_INVALID, "须写明听证主持人（字段 host：人员编号）");
	gate_person_name(r, host, name, sizeof name);
	if (gate_is_handler(r, host))
		GATE_BLOCK(res, FZ_CONFLICT, "听证主持人不能是本案调查人员（%s参与了本案调查）",
			   name);
	gate_note(res, "听证主持人%s非本案调查人员", name);
}

GATE_FN(reviewer_not_handler)
{
	char name[80];
	if (r->ctx->actor_person && gate_is_handler(r, r->ctx->actor_person)) {
		gate_person_name(r, r->ctx->actor_person, name, sizeof name);
		GATE_BLOCK(res, FZ_CONFLICT, "法制审核人员不能是本案承办人员（%s承办了本案）", name);
	}
	for (size_t i = 0; i < r->ev->nofficers; i++) {
		if (gate_is_handler(r, r->ev->officers[i])) {
			gate_person_name(r, r->ev->officers[i], name, sizeof name);
			GATE_BLOCK(res, FZ_CONFLICT, "法制审核人员不能是本案承办人员（%s承办了本案）",
				   name);
		}
	}
	if (!r->availability && !r->ctx->actor_person && !r->ev->nofficers)
		GATE_BLOCK(res, FZ_INVALID, "须记录法制审核人员");
}

GATE_FN(drawn_inspectors)
{
	const struct case_event *draw = gate_event(r, gate_last(r, "random_draw"));
	if (!draw) {
		if (gate_case_flag(r, "random"))
			GATE_BLOCK(res, FZ_CONFLICT, "双随机抽查须先随机抽取检查对象和检查人员");
		return;
	}
	const char *drawn = gate_field(r, draw, "inspectors");
	for (size_t i = 0; i < r->ev->nofficers; i++) {
		if (!num_list_has(drawn, r->ev->officers[i])) {
			char name[80];
			gate_person_name(r, r->ev->officers[i], name, sizeof name);
			GATE_BLOCK(res, FZ_CONFLICT, "检查人员%s不在 %s 随机抽取的检查人员名单中",
				   name, draw->on);
		}
	}
	gate_note(res, "检查人员均为 %s 随机抽取", draw->on);
}
