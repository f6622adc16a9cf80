/* t.h - fazhi's small test harness.
 *
 * TEST(name) { ... } defines a test and registers it; CHECK* record a
 * failure with file and line and let the test go on. Name tests for what
 * they prove: TEST(uscc_rejects_wrong_check_character). The runner prints
 * one line per failure and ends with "N passed, N failed". */
#ifndef FZ_TESTS_T_H
#define FZ_TESTS_T_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct t_case {
	const char *file;
	const char *name;
	void (*fn)(void);
	struct t_case *next;
};

void t_register(struct t_case *c);
void t_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#define TEST(name)                                                        \
	static void name(void);                                           \
	static struct t_case t_case_##name = { __FILE__, #name, name, NULL }; \
	__attribute__((constructor)) static void t_reg_##name(void)       \
	{                                                                 \
		t_register(&t_case_##name);                               \
	}                                                                 \
	static void name(void)

#define CHECK(cond)                                                       \
	do {                                                              \
		if (!(cond))                                              \
			t_fail(__FILE__, __LINE__, "CHECK(%s)", #cond);   \
	} while (0)

#define CHECK_INT(a, b)                                                   \
	do {                                                              \
		long long t_a_ = (long long)(a), t_b_ = (long long)(b);   \
		if (t_a_ != t_b_)                                         \
			t_fail(__FILE__, __LINE__, "%s == %lld, expected %lld", \
			       #a, t_a_, t_b_);                           \
	} while (0)

#define CHECK_STR(a, b)                                                   \
	do {                                                              \
		const char *t_a_ = (a), *t_b_ = (b);                      \
		if (!t_a_ || !t_b_ || strcmp(t_a_, t_b_) != 0)            \
			t_fail(__FILE__, __LINE__, "%s == \"%s\", expected \"%s\"", \
			       #a, t_a_ ? t_a_ : "(null)", t_b_ ? t_b_ : "(null)"); \
	} while (0)

#define CHECK_CONTAINS(hay, needle)                                       \
	do {                                                              \
		const char *t_h_ = (hay), *t_n_ = (needle);               \
		if (!t_h_ || !strstr(t_h_, t_n_))                         \
			t_fail(__FILE__, __LINE__, "%s does not contain \"%s\": %.300s", \
			       #hay, t_n_, t_h_ ? t_h_ : "(null)");       \
	} while (0)

/* Stops the current test (after recording a failure) when cond is false. */
#define REQUIRE(cond)                                                     \
	do {                                                              \
		if (!(cond)) {                                            \
			t_fail(__FILE__, __LINE__, "REQUIRE(%s)", #cond); \
			return;                                           \
		}                                                         \
	} while (0)

/* A fresh empty directory under $TMPDIR for this test; removed at exit
 * unless the test failed. Returns a static path valid until the next call. */
const char *t_tmpdir(void);
/* The text of the PDF in the len bytes at pdf, extracted with pdftotext
 * (poppler-utils) with line breaks and ASCII spaces removed, so that a
 * sentence is found whatever its line breaks. name names the file (in a
 * fresh t_tmpdir; with env FAZHI_KEEP_PDF=DIR a copy is kept there).
 * Malloc'd, the caller frees; NULL after t_fail. */
char *t_pdf_text(const void *pdf, size_t len, const char *name);
/* Fails when hay contains needle. */
#define CHECK_LACKS(hay, needle)                                                       \
	do {                                                                           \
		const char *t_h_ = (hay), *t_n_ = (needle);                            \
		if (t_h_ && strstr(t_h_, t_n_))                                        \
			t_fail(__FILE__, __LINE__, "%s contains \"%s\"", #hay, t_n_); \
	} while (0)

/* Path of the fazhi binary under test (env FAZHI_BIN). */
const char *t_fazhi_bin(void);
/* Path of the source tree (env FAZHI_SOURCE_ROOT). */
const char *t_source_root(void);

#endif
