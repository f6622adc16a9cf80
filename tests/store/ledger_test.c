/* ledger_test.c - contract: the ledger's leaves (indexed 0, 1, 2 ...
 * without gaps, one per object, unchangeable even with the file in hand),
 * its hash setting, its checkpoints (never shrinking, never beyond the
 * ledger) and evidence metadata (scoped through the case, append-only). */
#include <stdio.h>

#include "contract.h"
#include "t.h"

static struct ledger_leaf leaf(int kind, int64_t ref, unsigned char fill)
{
	struct ledger_leaf lf = { .kind = kind, .ref_id = ref, .digest_len = 32, .hash_len = 32 };
	memset(lf.digest, fill, 32);
	memset(lf.leaf_hash, fill ^ 0xff, 32);
	return lf;
}

TEST(store_ledger_leaves_are_indexed_without_gaps_and_read_back)
{
	struct store_fx fx;
	struct fz_error e = { 0 };
	REQUIRE(store_fx_open(&fx));
	int64_t size = -1;
	CHECK_INT(fx.st->ops->ledger_size(fx.st, &size, &e), FZ_OK);
	CHECK_INT(size, 0);
	for (int i = 0; i < 5; i++) {
		struct ledger_leaf lf = leaf(1 + i % 3, 100 + i, (unsigned char)i);
		REQUIRE(fx.st->ops->ledger_leaf_append(fx.st, &lf, &e) == FZ_OK);
		CHECK_INT(lf.idx, i);
		CHECK(lf.at > 0);
	}
	CHECK_INT(fx.st->ops->ledger_size(fx.st, &size, &e), FZ_OK);
	CHECK_INT(size, 5);
	struct ledger_leaf_list l;
	REQUIRE(fx.st->ops->ledger_leaves(fx.st, fx.a, 2, 10, &l, &e) == FZ_OK);
	REQUIRE(l.n == 3);
	CHECK_INT(l.items[0].idx, 2);
	CHECK_INT(l.items[0].kind, 3);
	CHECK_INT(l.items[0].ref_id, 102);
	CHECK_INT(l.items[0].digest_len, 32);
	CHECK_INT(l.items[0].digest[31], 2);
	CHECK_INT(l.items[0].leaf_hash[0], 0xfd);
	struct ledger_leaf found;
	CHECK_INT(fx.st->ops->ledger_leaf_find(fx.st, 2, 101, &found, &e), FZ_OK);
	CHECK_INT(found.idx, 1);
	CHECK_INT(fx.st->ops->ledger_leaf_find(fx.st, 1, 101, &found, &e), FZ_NOTFOUND);
	CHECK_INT(fx.st->ops->ledger_leaves(fx.st, fx.a, 0, 0, &l, &e), FZ_INVALID);
	store_fx_close(&fx);
}

TEST(store_ledger_logs_an_object_once)
{
	struct store_fx fx;
	struct fz_error e = { 0 };
	REQUIRE(store_fx_open(&fx));
	struct ledger_leaf a = leaf(1, 7, 1), b = leaf(1, 7, 2);
	REQUIRE(fx.st->ops->ledger_leaf_append(fx.st, &a, &e) == FZ_OK);
	CHECK_INT(fx.st->ops->ledger_leaf_append(fx.st, &b, &e), FZ_CONFLICT);
	CHECK_STR(e.field, "ref_id");
	b.digest_len = 3;
	CHECK_INT(fx.st->ops->ledger_leaf_append(fx.st, &b, &e), FZ_INVALID);
	store_fx_close(&fx);
}

TEST(store_ledger_refuses_changes_even_with_the_file_in_hand)
{
	struct store_fx fx;
	struct fz_error e = { 0 };
	char msg[256];
	REQUIRE(store_fx_open(&fx));
	struct ledger_leaf a = leaf(1, 7, 1);
	REQUIRE(fx.st->ops->ledger_leaf_append(fx.st, &a, &e) == FZ_OK);
	CHECK(contract_raw_exec(fx.dir, "UPDATE ledger_leaves SET ref_id = 8", msg,
				sizeof msg) != 0);
	CHECK_CONTAINS(msg, "账本只能追加");
	CHECK(contract_raw_exec(fx.dir, "DELETE FROM ledger_leaves", msg, sizeof msg) != 0);
	CHECK(contract_raw_exec(fx.dir,
				"INSERT INTO ledger_leaves VALUES (5, 1, 9, zeroblob(32),"
				" zeroblob(32), 1)",
				msg, sizeof msg) != 0);
	CHECK_CONTAINS(msg, "依次追加");
	CHECK(contract_raw_exec(fx.dir, "UPDATE ledger_meta SET hash = 'sha256'", msg,
				sizeof msg) != 0);
	store_fx_close(&fx);
}

TEST(store_ledger_hash_is_chosen_before_the_first_leaf)
{
	struct store_fx fx;
	struct fz_error e = { 0 };
	char name[8];
	REQUIRE(store_fx_open(&fx));
	REQUIRE(fx.st->ops->ledger_hash_get(fx.st, name, &e) == FZ_OK);
	CHECK_STR(name, "sm3");
	CHECK_INT(fx.st->ops->ledger_hash_set(fx.st, "md5", &e), FZ_INVALID);
	CHECK_INT(fx.st->ops->ledger_hash_set(fx.st, "sha256", &e), FZ_OK);
	REQUIRE(fx.st->ops->ledger_hash_get(fx.st, name, &e) == FZ_OK);
	CHECK_STR(name, "sha256");
	struct ledger_leaf a = leaf(1, 7, 1);
	REQUIRE(fx.st->ops->ledger_leaf_append(fx.st, &a, &e) == FZ_OK);
	CHECK_INT(fx.st->ops->ledger_hash_set(fx.st, "sm3", &e), FZ_FORBIDDEN);
	CHECK_INT(fx.st->ops->ledger_hash_set(fx.st, "sha256", &e), FZ_OK); /* unchanged */
	store_fx_close(&fx);
}

static struct ledger_checkpoint_row checkpoint(int64_t size)
{
	struct ledger_checkpoint_row cp = { .tree_size = size, .root_len = 32 };
	snprintf(cp.hash, sizeof cp.hash, "sm3");
	memset(cp.root, (int)size, 32);
	return cp;
}

TEST(store_checkpoints_never_shrink_nor_pass_the_ledger)
{
	struct store_fx fx;
	struct fz_error e = { 0 };
	REQUIRE(store_fx_open(&fx));
	struct ledger_checkpoint_row cp = checkpoint(0), got;
	CHECK_INT(fx.st->ops->checkpoint_latest(fx.st, &got, &e), FZ_NOTFOUND);
	CHECK_INT(fx.st->ops->checkpoint_insert(fx.st, &cp, &e), FZ_OK);
	for (int i = 0; i < 3; i++) {
		struct ledger_leaf a = leaf(1, 10 + i, 1);
		REQUIRE(fx.st->ops->ledger_leaf_append(fx.st, &a, &e) == FZ_OK);
	}
	cp = checkpoint(4);
	CHECK_INT(fx.st->ops->checkpoint_insert(fx.st, &cp, &e), FZ_FORBIDDEN);
	cp = checkpoint(3);
	cp.signature[0] = 9;
	CHECK_INT(fx.st->ops->checkpoint_insert(fx.st, &cp, &e), FZ_OK);
	cp = checkpoint(2);
	CHECK_INT(fx.st->ops->checkpoint_insert(fx.st, &cp, &e), FZ_FORBIDDEN);
	REQUIRE(fx.st->ops->checkpoint_latest(fx.st, &got, &e) == FZ_OK);
	CHECK_INT(got.tree_size, 3);
	CHECK_INT(got.root[0], 3);
	CHECK_INT(got.signature[0], 9);
	CHECK_STR(got.hash, "sm3");
	struct ledger_checkpoint_list l;
	REQUIRE(fx.st->ops->checkpoint_list(fx.st, fx.a, PAGE_ALL, &l, &e) == FZ_OK);
	CHECK_INT(l.n, 2);
	CHECK_INT(l.total, 2);
	CHECK_INT(l.items[0].tree_size, 0);
	char msg[256];
	CHECK(contract_raw_exec(fx.dir, "DELETE FROM ledger_checkpoints", msg, sizeof msg) != 0);
	store_fx_close(&fx);
}

static struct evidence evidence_of(int64_t case_id, const char *hex)
{
	struct evidence ev = { .case_id = case_id, .size = 12, .file_name = "照片.jpg",
			       .media_type = "image/jpeg", .record_kind = "av_record" };
	snprintf(ev.digest, sizeof ev.digest, "%s", hex);
	return ev;
}

#define HEX64 "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"

TEST(store_evidence_is_scoped_through_its_case_and_append_only)
{
	struct store_fx fx;
	struct fz_error e = { 0 };
	char msg[256];
	REQUIRE(store_fx_open(&fx));
	int64_t c = store_fx_case(&fx, fx.haiyuan_market, "罚立", "案一", "甲", NULL);
	REQUIRE(c);
	struct evidence ev = evidence_of(c, HEX64), got;
	REQUIRE(fx.st->ops->evidence_insert(fx.st, &ev, &e) == FZ_OK);
	CHECK(ev.id > 0 && ev.uploaded_at > 0);
	struct scope own = sc_agency(fx.haiyuan_market), other = sc_agency(fx.tianshan);
	REQUIRE(fx.st->ops->evidence_get(fx.st, fx.a, &own, ev.id, &got, &e) == FZ_OK);
	CHECK_STR(got.file_name, "照片.jpg");
	CHECK_STR(got.digest, HEX64);
	CHECK_STR(got.record_kind, "av_record");
	CHECK_INT(got.size, 12);
	CHECK_INT(fx.st->ops->evidence_get(fx.st, fx.a, &other, ev.id, &got, &e), FZ_NOTFOUND);
	struct evidence_list l;
	REQUIRE(fx.st->ops->evidence_list(fx.st, fx.a, &own, c, PAGE_ALL, &l, &e) == FZ_OK);
	CHECK_INT(l.total, 1);
	REQUIRE(fx.st->ops->evidence_list(fx.st, fx.a, &other, c, PAGE_ALL, &l, &e) == FZ_OK);
	CHECK_INT(l.total, 0);

	struct evidence bad = evidence_of(999999, HEX64);
	CHECK_INT(fx.st->ops->evidence_insert(fx.st, &bad, &e), FZ_CONFLICT);
	CHECK_STR(e.field, "case_id");
	bad = evidence_of(c, HEX64);
	bad.record_kind = "photo";
	CHECK_INT(fx.st->ops->evidence_insert(fx.st, &bad, &e), FZ_INVALID);
	CHECK_STR(e.field, "record_kind");
	bad = evidence_of(c, HEX64);
	bad.file_name = "../x";
	CHECK_INT(fx.st->ops->evidence_insert(fx.st, &bad, &e), FZ_INVALID);
	CHECK_STR(e.field, "file_name");
	CHECK(contract_raw_exec(fx.dir, "UPDATE evidence SET size = 13", msg, sizeof msg) != 0);
	CHECK(contract_raw_exec(fx.dir, "DELETE FROM evidence", msg, sizeof msg) != 0);
	store_fx_close(&fx);
}

TEST(store_ledger_unlogged_names_events_without_a_leaf)
{
	struct store_fx fx;
	struct fz_error e = { 0 };
	REQUIRE(store_fx_open(&fx));
	int64_t c = store_fx_case(&fx, fx.haiyuan_market, "罚立", "案一", "甲", NULL);
	REQUIRE(c);
	struct case_event a = { .case_id = c, .step = "register", .on = "2025-03-01" };
	struct case_field f[] = { { "facts", "占地" }, { "source", "举报" } };
	struct case_event b = { .case_id = c, .step = "investigate", .on = "2025-03-02",
				.fields = f, .nfields = 2 };
	REQUIRE(fx.st->ops->case_event_append(fx.st, &a, &e) == FZ_OK);
	REQUIRE(fx.st->ops->case_event_append(fx.st, &b, &e) == FZ_OK);
	struct ledger_leaf lf = leaf(1, a.id, 1);
	REQUIRE(fx.st->ops->ledger_leaf_append(fx.st, &lf, &e) == FZ_OK);
	int64_t *ids;
	size_t n;
	REQUIRE(fx.st->ops->ledger_unlogged(fx.st, fx.a, 1, 10, &ids, &n, &e) == FZ_OK);
	REQUIRE(n == 1);
	CHECK_INT(ids[0], b.id);
	REQUIRE(fx.st->ops->ledger_unlogged(fx.st, fx.a, 2, 10, &ids, &n, &e) == FZ_OK);
	CHECK_INT(n, 0);
	REQUIRE(fx.st->ops->ledger_unlogged(fx.st, fx.a, 9, 10, &ids, &n, &e) == FZ_OK);
	CHECK_INT(n, 0); /* complaint events */
	REQUIRE(fx.st->ops->ledger_unlogged(fx.st, fx.a, 10, 10, &ids, &n, &e) == FZ_OK);
	CHECK_INT(n, 0); /* oversight records */
	REQUIRE(fx.st->ops->ledger_unlogged(fx.st, fx.a, 11, 10, &ids, &n, &e) == FZ_OK);
	CHECK_INT(n, 0); /* decision catalogue entries */
	REQUIRE(fx.st->ops->ledger_unlogged(fx.st, fx.a, 12, 10, &ids, &n, &e) == FZ_OK);
	CHECK_INT(n, 0); /* public comments and review requests */
	CHECK_INT(fx.st->ops->ledger_unlogged(fx.st, fx.a, 13, 10, &ids, &n, &e), FZ_INVALID);

	struct case_event got;
	REQUIRE(fx.st->ops->case_event_get(fx.st, fx.a, b.id, &got, &e) == FZ_OK);
	CHECK_INT(got.seq, 2);
	REQUIRE(got.nfields == 2);
	CHECK_STR(got.fields[1].key, "source");
	CHECK_STR(got.fields[1].value, "举报");
	CHECK_INT(fx.st->ops->case_event_get(fx.st, fx.a, 999999, &got, &e), FZ_NOTFOUND);
	store_fx_close(&fx);
}
