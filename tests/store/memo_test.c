/* memo_test.c - the memo of answers of a connection: an entry is handed
 * back while nothing was committed, and missed after any commit, by this
 * connection (in a transaction or not), by another one, or by a raw
 * SQLite connection; reads do not end it; entries are per connection. */
#include <stdio.h>
#include <stdlib.h>

#include "contract.h"
#include "t.h"

/* True when key is kept at st's current stamp with exactly want. */
static bool memo_holds(struct store *st, const char *key, const char *want)
{
	struct store_stamp now;
	const char *data;
	size_t len;
	if (st->ops->change_stamp(st, &now, NULL) != FZ_OK)
		return false;
	return st->ops->memo_get(st, key, &now, &data, &len) && len == strlen(want) &&
	       memcmp(data, want, len) == 0;
}

/* Keeps value under key at st's current stamp. */
static void memo_keep_now(struct store *st, const char *key, const char *value)
{
	struct store_stamp now;
	REQUIRE(st->ops->change_stamp(st, &now, NULL) == FZ_OK);
	st->ops->memo_put(st, key, &now, value, strlen(value));
}

TEST(store_memo_misses_after_any_commit_and_only_then)
{
	const char *dir = t_tmpdir();
	struct store *a = contract_open(dir);
	REQUIRE(a);
	struct store *b = contract_reopen(dir);
	REQUIRE(b);
	char *v = NULL;
	struct arena *ar = arena_new();
	REQUIRE(ar);

	memo_keep_now(a, "k", "one");
	CHECK(memo_holds(a, "k", "one"));
	/* reads, in a transaction or not, leave it */
	CHECK_INT(a->ops->setting_get(a, ar, "nothing", &v, NULL), FZ_NOTFOUND);
	REQUIRE(a->ops->begin(a, false, NULL) == FZ_OK);
	CHECK_INT(a->ops->setting_get(a, ar, "nothing", &v, NULL), FZ_NOTFOUND);
	REQUIRE(a->ops->commit(a, NULL) == FZ_OK);
	CHECK(memo_holds(a, "k", "one"));

	/* this connection's own commit, without a transaction */
	CHECK_INT(a->ops->setting_set(a, "memo_test", "1", NULL), FZ_OK);
	CHECK(!memo_holds(a, "k", "one"));
	memo_keep_now(a, "k", "two");
	CHECK(memo_holds(a, "k", "two"));
	/* ... and in one */
	REQUIRE(a->ops->begin(a, true, NULL) == FZ_OK);
	CHECK_INT(a->ops->setting_set(a, "memo_test", "2", NULL), FZ_OK);
	REQUIRE(a->ops->commit(a, NULL) == FZ_OK);
	CHECK(!memo_holds(a, "k", "two"));

	/* another connection's commit */
	memo_keep_now(a, "k", "three");
	CHECK(memo_holds(a, "k", "three"));
	CHECK_INT(b->ops->setting_set(b, "memo_test", "3", NULL), FZ_OK);
	CHECK(!memo_holds(a, "k", "three"));

	/* a connection that is not fazhi's (another process would be the same) */
	memo_keep_now(a, "k", "four");
	CHECK(memo_holds(a, "k", "four"));
	char msg[200];
	CHECK_INT(contract_raw_exec(dir, "UPDATE settings SET value = '4' WHERE key = 'memo_test'",
				    msg, sizeof msg),
		  0);
	CHECK(!memo_holds(a, "k", "four"));

	/* the memo is the connection's own */
	memo_keep_now(a, "k", "five");
	CHECK(!memo_holds(b, "k", "five"));
	b->ops->close(b);
	a->ops->close(a);
	arena_free(ar);
}

TEST(store_memo_keeps_a_few_entries_and_no_huge_one)
{
	const char *dir = t_tmpdir();
	struct store *st = contract_open(dir);
	REQUIRE(st);
	char key[32];

	memo_keep_now(st, "same", "old");
	memo_keep_now(st, "same", "new");
	CHECK(memo_holds(st, "same", "new"));
	/* STORE_MEMO_SLOTS others: the oldest, "same", makes room */
	for (int i = 0; i < STORE_MEMO_SLOTS; i++) {
		snprintf(key, sizeof key, "key%d", i);
		memo_keep_now(st, key, key);
	}
	CHECK(!memo_holds(st, "same", "new"));
	for (int i = 0; i < STORE_MEMO_SLOTS; i++) {
		snprintf(key, sizeof key, "key%d", i);
		CHECK(memo_holds(st, key, key));
	}
	/* longer than STORE_MEMO_MAX: not kept, and what the key held goes */
	size_t n = STORE_MEMO_MAX + 1;
	char *big = malloc(n + 1);
	REQUIRE(big);
	memset(big, 'x', n);
	big[n] = '\0';
	memo_keep_now(st, "key0", big);
	CHECK(!memo_holds(st, "key0", big));
	CHECK(!memo_holds(st, "key0", "key0"));
	free(big);
	st->ops->close(st);
}

TEST(store_change_stamp_is_refused_inside_a_transaction)
{
	const char *dir = t_tmpdir();
	struct store *st = contract_open(dir);
	REQUIRE(st);
	struct store_stamp s;
	struct fz_error e = { 0 };
	REQUIRE(st->ops->begin(st, false, NULL) == FZ_OK);
	CHECK_INT(st->ops->change_stamp(st, &s, &e), FZ_INTERNAL);
	st->ops->rollback(st);
	CHECK_INT(st->ops->change_stamp(st, &s, &e), FZ_OK);
	st->ops->close(st);
}
