/* fuzz_corpus_test.c - every libFuzzer driver of fuzz/ runs once over its
 * seed corpus in this build (normal and ASan + UBSan), through
 * fuzz/replay.c: what `make fuzz` found and kept stays fixed. */
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "t.h"

static int replay(const char *name)
{
	char bin[1024], dir[1024], cmd[4096];
	snprintf(bin, sizeof bin, "%s", t_fazhi_bin());
	snprintf(dir, sizeof dir, "%s", dirname(bin)); /* the build directory */
	snprintf(cmd, sizeof cmd, "'%s/fuzz/replay_fuzz_%s' '%s/fuzz/corpus/%s' >/dev/null", dir,
		 name, t_source_root(), name);
	return system(cmd);
}

TEST(fuzz_corpora_replay_clean)
{
	static const char *const names[] = { "form", "ident", "redact", "bundle", "rules", "search", "pubproof", "json", "http" };
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		int rc = replay(names[i]);
		if (rc != 0)
			t_fail(__FILE__, __LINE__, "fuzz_%s on its corpus: exit %d", names[i], rc);
	}
}
