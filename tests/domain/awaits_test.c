/* awaits_test.c - which queue a penalty case waits in, day by day: not
 * while the party's periods run, the reviewer's once the decision lacks
 * the review, the head's once the review approves, nobody's after a
 * rejection (until new evidence), a requested hearing or the decision. */
#include <stdio.h>

#include "t.h"

#include "domain/awaits.h"
#include "procedure_fx.h"

#define OFFICER ROLE_OFFICER
#define HEAD ROLE_HEAD
#define REVIEWER ROLE_REVIEWER

/* The step the case waits for role to take on today, "" when none. */
static const char *waits(struct walk *w, unsigned role, const char *today)
{
	struct proc_option opts[64];
	struct case_clock *clocks;
	size_t n;
	struct fz_error e = { 0 };
	w->ctx.actor_roles = ROLE_OFFICER | ROLE_REVIEWER | ROLE_HEAD | ROLE_SUPERVISOR;
	w->ctx.actor_person = 0;
	w->ctx.today = today;
	w->ctx.events = w->events;
	w->ctx.nevents = w->nevents;
	if (procedure_available_steps(&w->ctx, opts, 64, &n, &e) ||
	    case_clocks_compute(w->def, &w->cfg, w->ctx.cal, w->events, w->nevents, today, w->a,
				&clocks, &e)) {
		t_fail(__FILE__, __LINE__, "%s", e.message);
		return "";
	}
	const struct proc_step *s = case_awaits(w->def, w->events, w->nevents, opts, n, clocks, role);
	return s ? s->id : "";
}

static void review(struct walk *w, const char *day, const char *opinion)
{
	char op[40];
	snprintf(op, sizeof op, "opinion=%s", opinion);
	WALK_OK(w, walk_take(w, REVIEWER, 9, "legal_review", day, WALK_REVIEWER, op,
			     WALK_CHECKS_PASS, "reasons=r", NULL));
}

TEST(queue_waits_for_the_review_then_the_head_and_never_during_the_periods)
{
	struct walk w;
	/* 60000 yuan for a citizen: in the review catalogue, hearing due */
	walk_penalty_noticed(&w, PARTY_CITIZEN, "fine", "60000", NULL);
	CHECK_STR(waits(&w, REVIEWER, "2026-01-15"), ""); /* defence period runs */
	CHECK_STR(waits(&w, HEAD, "2026-01-15"), "");
	CHECK_STR(waits(&w, REVIEWER, "2026-01-20"), "legal_review");
	CHECK_STR(waits(&w, HEAD, "2026-01-20"), ""); /* not 集体讨论, not 不予处罚 */

	review(&w, "2026-01-21", "approve");
	CHECK_STR(waits(&w, REVIEWER, "2026-01-22"), "");
	CHECK_STR(waits(&w, HEAD, "2026-01-22"), "decision");

	WALK_OK(&w, walk_take(&w, HEAD, 7, "decision", "2026-01-22", NULL, "facts=f", "grounds=g",
			      "basis=b", "penalty=fine", "amount=60000", NULL));
	CHECK_STR(waits(&w, REVIEWER, "2026-01-23"), "");
	CHECK_STR(waits(&w, HEAD, "2026-01-23"), "");
	walk_release(&w);
}

TEST(queue_after_a_rejection_waits_for_the_unit_then_the_reviewer_again)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "fine", "60000", NULL);
	review(&w, "2026-01-20", "reject");
	CHECK_STR(waits(&w, REVIEWER, "2026-01-21"), "");
	CHECK_STR(waits(&w, HEAD, "2026-01-21"), "");
	/* a dispute goes to the head */
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "review_dispute", "2026-01-21", NULL, "reasons=r",
			      NULL));
	CHECK_STR(waits(&w, HEAD, "2026-01-22"), "head_resolution");
	CHECK_STR(waits(&w, REVIEWER, "2026-01-22"), "");
	walk_release(&w);

	/* new evidence after the rejection goes back to the reviewer */
	walk_penalty_noticed(&w, PARTY_CITIZEN, "fine", "60000", NULL);
	review(&w, "2026-01-20", "reject");
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "investigate", "2026-01-21", WALK_TWO,
			      "record=补充测绘", NULL));
	CHECK_STR(waits(&w, REVIEWER, "2026-01-22"), "legal_review");
	walk_release(&w);
}

TEST(queue_holds_nothing_while_the_party_may_still_act_or_a_hearing_is_pending)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_CITIZEN, "fine", "60000", NULL);
	/* the party waives: the periods end, the review is due at once */
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "statement", "2026-01-13", NULL, "content=c",
			      "waived=1", NULL));
	CHECK_STR(waits(&w, REVIEWER, "2026-01-14"), "legal_review");
	walk_release(&w);

	walk_penalty_noticed(&w, PARTY_CITIZEN, "fine", "60000", NULL);
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "hearing_request", "2026-01-14", NULL, NULL));
	CHECK_STR(waits(&w, REVIEWER, "2026-02-20"), ""); /* the case period stands still */
	CHECK_STR(waits(&w, HEAD, "2026-02-20"), "");
	walk_release(&w);

	/* under investigation, before any notice: nobody's queue */
	walk_init(&w, "penalty_general", PARTY_CITIZEN, "2025-12-01");
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "open", "2026-01-05", WALK_TWO, "facts=f",
			      "source=s", NULL));
	WALK_OK(&w, walk_take(&w, HEAD, 5, "approve_opening", "2026-01-05", NULL, NULL));
	WALK_OK(&w, walk_take(&w, OFFICER, 1, "investigate", "2026-01-08", WALK_TWO, "record=r",
			      NULL));
	CHECK_STR(waits(&w, HEAD, "2026-01-20"), "");
	CHECK_STR(waits(&w, REVIEWER, "2026-01-20"), "");
	walk_release(&w);
}
