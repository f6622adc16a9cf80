/* ledger_kinds_test.c - one table names the ledger's leaf kinds: every
 * kind has one Chinese name and one API word, each different; no other
 * table of kind names stands in src/; docs/LEDGER.md says the same. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/ledger.h"
#include "t.h"

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	char *s = malloc(cap);
	size_t got;
	while (s && (got = fread(s + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (n + 1 == cap) {
			char *t = realloc(s, cap *= 2);
			if (!t)
				free(s);
			s = t;
		}
	}
	fclose(f);
	if (s)
		s[n] = '\0';
	return s;
}

TEST(every_ledger_kind_has_one_name_and_one_api_word_each_different)
{
	CHECK(ledger_kind_name(0) == NULL && ledger_kind_code(0) == NULL);
	CHECK(ledger_kind_name(LEDGER_KIND_MAX + 1) == NULL);
	CHECK(ledger_kind_code(-1) == NULL);
	for (int k = 1; k <= LEDGER_KIND_MAX; k++) {
		const char *n = ledger_kind_name(k), *c = ledger_kind_code(k);
		if (!n || !*n || !c || !*c) {
			t_fail(__FILE__, __LINE__, "kind %d has no name or API word", k);
			continue;
		}
		for (int j = 1; j < k; j++)
			if (ledger_kind_name(j) && (!strcmp(ledger_kind_name(j), n) ||
						    !strcmp(ledger_kind_code(j), c)))
				t_fail(__FILE__, __LINE__, "kinds %d and %d share a name", j, k);
	}
	CHECK_STR(ledger_kind_name(LEDGER_EVIDENCE), "证据材料");
	CHECK_STR(ledger_kind_code(LEDGER_EVIDENCE), "evidence");
}

/* "[LEDGER_X] = \"" or "{ LEDGER_X, \"": a table pairing a kind with text. */
static size_t tables_in(const char *dir, const char *skip)
{
	char path[600];
	size_t found = 0;
	DIR *d = opendir(dir);
	if (!d) {
		t_fail(__FILE__, __LINE__, "cannot read %s", dir);
		return 0;
	}
	struct dirent *de;
	while ((de = readdir(d))) {
		size_t n = strlen(de->d_name);
		if (n < 3 || strcmp(de->d_name + n - 2, ".c") != 0 || !strcmp(de->d_name, skip))
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		char *s = slurp(path);
		for (const char *q = s; q && (q = strstr(q, "LEDGER_")); q++) {
			const char *e = q + strspn(q, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_");
			bool named = (q > s && q[-1] == '[' && !strncmp(e, "] = \"", 5)) ||
				     (q > s + 1 && !strncmp(q - 2, "{ ", 2) && !strncmp(e, ", \"", 3));
			if (named) {
				t_fail(__FILE__, __LINE__, "%s names a ledger kind by its own table", path);
				found++;
			}
		}
		free(s);
	}
	closedir(d);
	return found;
}

TEST(no_second_table_of_ledger_kind_names_and_the_docs_agree)
{
	char dir[512];
	const char *dirs[] = { "src/app", "src/http", "src/cli", "src/ledger" };
	for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		snprintf(dir, sizeof dir, "%s/%s", t_source_root(), dirs[i]);
		CHECK_INT((int64_t)tables_in(dir, "ledger_kinds.c"), 0);
	}
	/* the scan sees such a table: the one it skips has them */
	snprintf(dir, sizeof dir, "%s/src/app/ledger_kinds.c", t_source_root());
	char *own = slurp(dir);
	REQUIRE(own);
	CHECK_CONTAINS(own, "[LEDGER_EVIDENCE] = { \"证据材料\"");
	free(own);
	snprintf(dir, sizeof dir, "%s/docs/LEDGER.md", t_source_root());
	char *doc = slurp(dir);
	REQUIRE(doc);
	for (int k = 1; k <= LEDGER_KIND_MAX; k++) {
		char row[160];
		snprintf(row, sizeof row, "\n| %d | %s | `%s` |", k, ledger_kind_name(k),
			 ledger_kind_code(k));
		if (!strstr(doc, row))
			t_fail(__FILE__, __LINE__, "docs/LEDGER.md lacks the row \"%s\"", row + 1);
	}
	free(doc);
}
