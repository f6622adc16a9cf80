/* catalogue_test.c - the case file's catalogue (卷内目录) built from the
 * record and the generated documents, and the gate that keeps a case
 * open while a mandatory document is missing. */
#include "t.h"

#include <string.h>

#include "domain/catalogue.h"
#include "procedure_fx.h"

/* A fine of 5000 yuan decided, served and paid: ready to close. */
static void walk_to_paid(struct walk *w)
{
	walk_penalty_noticed(w, PARTY_ORGANISATION, "fine", "5000", NULL);
	WALK_OK(w, walk_take(w, ROLE_HEAD, 7, "decision", "2026-01-20", NULL, "facts=f",
			     "grounds=g", "basis=b", "penalty=fine", "amount=5000", NULL));
	WALK_OK(w, walk_take(w, ROLE_OFFICER, 1, "service", "2026-01-21", NULL,
			     "served_on=2026-01-21", "method=直接送达", NULL));
	WALK_OK(w, walk_take(w, ROLE_OFFICER, 1, "payment", "2026-01-22", NULL, "amount=5000",
			     NULL));
}

TEST(close_is_blocked_while_the_catalogue_lacks_a_mandatory_document)
{
	struct walk w;
	walk_to_paid(&w);
	const char **ids;
	size_t n, k = 0;
	REQUIRE(catalogue_produced(w.def, w.events, w.nevents, w.a, &ids, &n, NULL) == FZ_OK);
	for (size_t i = 0; i < n; i++)
		if (strcmp(ids[i], "service_receipt") != 0 && strcmp(ids[i], "opening_approval") != 0)
			ids[k++] = ids[i];
	w.filed = ids;
	w.nfiled = k;
	w.filed_set = true;
	CHECK_INT(walk_try(&w, ROLE_HEAD, 7, "close", "2026-01-23", NULL, "summary=结案", NULL),
		  FZ_CONFLICT);
	CHECK_STR(walk_why(&w), "卷内目录缺少必备文书：立案审批表、送达回证，补齐后方可结案");
	CHECK(!walk_gate(&w, "catalogue_complete")->passed);

	w.filed_set = false; /* every document the steps produced is filed */
	WALK_OK(&w, walk_take(&w, ROLE_HEAD, 7, "close", "2026-01-23", NULL, "summary=结案", NULL));
	CHECK(walk_gate(&w, "catalogue_complete")->passed);
	walk_release(&w);
}

TEST(a_requested_hearing_makes_its_notice_and_transcript_mandatory)
{
	struct walk w;
	walk_penalty_noticed(&w, PARTY_ORGANISATION, "fine", "5000", NULL);
	WALK_OK(&w, walk_take(&w, ROLE_OFFICER, 1, "hearing_request", "2026-01-13", NULL, NULL));
	const struct proc_doc *missing[8];
	const char *filed[] = { "opening_approval", "investigation_record", "advance_notice" };
	size_t n = catalogue_missing(w.def, w.events, w.nevents, NULL, filed, 3, missing, 8);
	CHECK_INT(n, 2);
	CHECK_STR(missing[0]->label, "听证通知书");
	CHECK_STR(missing[1]->label, "听证笔录");
	walk_release(&w);
}

TEST(catalogue_lists_generated_documents_with_pages_and_recorded_ones_by_their_step)
{
	struct walk w;
	walk_to_paid(&w);
	for (size_t i = 0; i < w.nevents; i++)
		w.events[i].id = (int64_t)i + 1;
	/* events: 1 open, 2 approve_opening, 3 investigate, 4 advance_notice,
	 * 5 decision ... */
	const struct case_document docs[] = {
		{ .id = 1, .event_id = 2, .kind = "opening_approval", .pages = 2 },
		{ .id = 2, .event_id = 5, .kind = "penalty_decision", .pages = 3,
		  .number = "海原县市场监督管理罚〔2026〕1号" },
	};
	const char *const rendered[] = { "opening_approval", "advance_notice", "penalty_decision",
					 "service_receipt", NULL };
	struct catalogue cat;
	REQUIRE(catalogue_build(w.def, w.events, w.nevents, docs, 2, rendered, w.a, &cat, NULL) ==
		FZ_OK);
	REQUIRE(cat.n == 4);
	CHECK_STR(cat.entries[0].doc->id, "opening_approval");
	CHECK(cat.entries[0].file == &docs[0]);
	CHECK_INT(cat.entries[0].first_page, 1);
	CHECK_STR(cat.entries[1].doc->id, "investigation_record");
	CHECK(cat.entries[1].file == NULL);
	CHECK_INT(cat.entries[1].first_page, 0);
	CHECK_STR(cat.entries[2].doc->id, "penalty_decision");
	CHECK_INT(cat.entries[2].first_page, 3);
	CHECK_INT(cat.entries[2].seq, 3);
	CHECK_STR(cat.entries[3].doc->id, "payment_receipt");
	/* the advance notice and the receipt were never generated */
	REQUIRE(cat.nmissing == 2);
	CHECK_STR(cat.missing[0]->id, "advance_notice");
	CHECK_STR(cat.missing[1]->id, "service_receipt");
	walk_release(&w);
}

static unsigned long cat_rnd(unsigned long *state)
{
	*state = *state * 6364136223846793005UL + 1442695040888963407UL;
	return (*state >> 33) & 0x7fffffffUL;
}

/* catalogue_missing asks only the steps taken that name a mandatory
 * document, each once: for every shipped procedure, 200 random records
 * (steps repeated, corrections, a step of no definition), with and
 * without a proposed step, and random documents filed, it lists what a
 * walk over every event and document by definition lists, in the
 * definition's order. */
TEST(catalogue_missing_lists_what_every_event_asked_in_turn_lists)
{
	const struct proc_set *set = procedure_fx_set();
	REQUIRE(set);
	unsigned long state = 20261206;
	size_t compared = 0, nonempty = 0;
	for (size_t p = 0; p < set->ndefs; p++) {
		const struct proc_def *def = &set->defs[p];
		for (int round = 0; round < 200; round++) {
			struct case_event ev[40];
			size_t n = cat_rnd(&state) % 40;
			for (size_t i = 0; i < n; i++) {
				memset(&ev[i], 0, sizeof ev[i]);
				unsigned long r = cat_rnd(&state) % (def->nsteps + 2);
				ev[i].step = r < def->nsteps ? def->steps[r].id
					     : r == def->nsteps ? "correction" : "no_such_step";
			}
			const struct proc_step *also =
				cat_rnd(&state) % 2 ? &def->steps[cat_rnd(&state) % def->nsteps] : NULL;
			const char *filed[64];
			size_t nfiled = 0;
			for (size_t d = 0; d < def->ndocs && nfiled < 64; d++)
				if (cat_rnd(&state) % 3 == 0)
					filed[nfiled++] = def->docs[d].id;
			const struct proc_doc *got[64], *want[64];
			size_t ngot = catalogue_missing(def, ev, n, also, filed, nfiled, got, 64);
			size_t nwant = 0;
			for (size_t d = 0; d < def->ndocs; d++) {
				const char *id = def->docs[d].id;
				bool is_filed = false, needed = also && proc_list_has(&also->mandatory, id);
				for (size_t k = 0; k < nfiled; k++)
					is_filed = is_filed || strcmp(filed[k], id) == 0;
				for (size_t i = 0; i < n && !needed; i++) {
					const struct proc_step *s = proc_step_find(def, ev[i].step);
					needed = s && proc_list_has(&s->mandatory, id);
				}
				if (needed && !is_filed && nwant < 64)
					want[nwant++] = &def->docs[d];
			}
			CHECK_INT((int64_t)ngot, (int64_t)nwant);
			for (size_t k = 0; k < ngot && k < nwant && k < 64; k++)
				CHECK_STR(got[k]->id, want[k]->id);
			compared++;
			nonempty += nwant > 0;
		}
	}
	/* not vacuous: many records lack some mandatory document (318 of
	 * 1,400 when written) */
	CHECK(compared >= 1000);
	CHECK(nonempty > compared / 8);
}
