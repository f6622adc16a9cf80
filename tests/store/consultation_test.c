/* consultation_test.c - public comments (029_public_comments.sql) in the
 * store: a period is open from comment_open until a comment_close after
 * it, a comment's standing is the latest of its events (hidden with the
 * reason and who, shown again, adopted), and neither a comment nor an
 * event can be changed or deleted through the database. */
#include <stdio.h>
#include <string.h>

#include "contract.h"
#include "t.h"

static int64_t event(struct store_fx *fx, int64_t case_id, const char *step, const char *on)
{
	struct case_event ev = { .case_id = case_id, .step = step };
	snprintf(ev.on, sizeof ev.on, "%s", on);
	struct fz_error e = { 0 };
	if (fx->st->ops->case_event_append(fx->st, &ev, &e) != FZ_OK) {
		t_fail(__FILE__, __LINE__, "case_event_append %s: %s", step, e.message);
		return 0;
	}
	return ev.id;
}

TEST(store_comment_period_standing_and_append_only_record)
{
	struct store_fx fx;
	struct fz_error e = { 0 };
	REQUIRE(store_fx_open(&fx));
	int64_t id = store_fx_case(&fx, fx.haiyuan_market, "罚立", "一件事项", "甲", NULL);
	REQUIRE(id);
	int64_t open = event(&fx, id, "comment_open", "2026-03-02");
	REQUIRE(open);
	struct consultation_ref_list l;
	CHECK_INT(fx.st->ops->consultations(fx.st, fx.a, true, (struct page){ 0, 20 }, &l, &e), FZ_OK);
	CHECK_INT(l.total, 1);
	CHECK_INT(l.items[0].open_event, open);
	CHECK_INT(l.items[0].close_event, 0);

	struct public_comment c = { .case_id = id, .open_event = open, .body = "意见",
				    .name = "王五", .at = 1 };
	snprintf(c.receipt, sizeof c.receipt, "YJ20260302-AAAAAAAAA");
	snprintf(c.received_on, sizeof c.received_on, "2026-03-02");
	REQUIRE(fx.st->ops->comment_insert(fx.st, &c, &e) == FZ_OK);
	/* the same receipt twice is refused */
	struct public_comment twin = c;
	CHECK(fx.st->ops->comment_insert(fx.st, &twin, &e) != FZ_OK);
	struct comment_event hide = { .comment_id = c.id, .case_id = id, .action = "hide",
				      .actor = "officer1", .actor_id = 3, .text = "广告" };
	snprintf(hide.on, sizeof hide.on, "2026-03-03");
	REQUIRE(fx.st->ops->comment_event_insert(fx.st, &hide, &e) == FZ_OK);
	struct public_comment got;
	REQUIRE(fx.st->ops->comment_get(fx.st, fx.a, c.id, &got, &e) == FZ_OK);
	CHECK(got.hidden);
	CHECK_STR(got.hidden_reason, "广告");
	CHECK_STR(got.hidden_by, "officer1");
	CHECK_STR(got.hidden_on, "2026-03-03");
	struct public_comment_list cl;
	CHECK_INT(fx.st->ops->comments_of(fx.st, fx.a, open, true, (struct page){ 0, 20 }, &cl, &e), FZ_OK);
	CHECK_INT(cl.total, 0);
	CHECK_INT(fx.st->ops->comments_of(fx.st, fx.a, open, false, (struct page){ 0, 20 }, &cl, &e), FZ_OK);
	CHECK_INT(cl.total, 1);
	struct comment_event show = hide;
	show.action = "show";
	show.text = "复核";
	REQUIRE(fx.st->ops->comment_event_insert(fx.st, &show, &e) == FZ_OK);
	struct comment_event adopt = hide;
	adopt.action = "adopt";
	adopt.text = "已采纳";
	REQUIRE(fx.st->ops->comment_event_insert(fx.st, &adopt, &e) == FZ_OK);
	REQUIRE(fx.st->ops->comment_get(fx.st, fx.a, c.id, &got, &e) == FZ_OK);
	CHECK(!got.hidden);
	CHECK_STR(got.hidden_reason, "");
	CHECK_INT(got.adoption, COMMENT_ADOPT);
	struct comment_counts n;
	CHECK_INT(fx.st->ops->comment_counts(fx.st, fx.a, open, &n, &e), FZ_OK);
	CHECK_INT(n.received, 1);
	CHECK_INT(n.adopted, 1);
	CHECK_INT(n.undecided, 0);

	static const char *const refused[] = {
		"UPDATE public_comments SET body = '改过的意见'",
		"DELETE FROM public_comments",
		"UPDATE public_comment_events SET text = ''",
		"DELETE FROM public_comment_events",
	};
	char msg[256];
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		if (contract_raw_exec(fx.dir, refused[i], msg, sizeof msg) == 0)
			t_fail(__FILE__, __LINE__, "not refused: %s", refused[i]);
		else
			CHECK_CONTAINS(msg, "只能追加，不能修改");
	}

	/* closed by a comment_close after it */
	int64_t close = event(&fx, id, "comment_close", "2026-03-20");
	CHECK_INT(fx.st->ops->consultations(fx.st, fx.a, true, (struct page){ 0, 20 }, &l, &e), FZ_OK);
	CHECK_INT(l.total, 0);
	CHECK_INT(fx.st->ops->consultations(fx.st, fx.a, false, (struct page){ 0, 20 }, &l, &e), FZ_OK);
	CHECK_INT(l.total, 1);
	CHECK_INT(l.items[0].close_event, close);
	store_fx_close(&fx);
}
