/* audit_names_test.c - the audit log speaks Chinese: every action code
 * the source records has a Chinese name (a new code without one fails
 * here), lookups find every entry of the table, and the list export
 * refuses a list too long with a plain message; each file written is
 * audited. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit_names.h"
#include "app/listexport.h"
#include "domain/complaint.h"
#include "fixture.h"
#include "t.h"

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *s = malloc((size_t)n + 1);
	if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
		free(s);
		s = NULL;
	}
	if (s)
		s[n] = '\0';
	fclose(f);
	return s;
}

/* Whether the literal at lit (after its opening quote) looks like an
 * action code: lower-case words joined by dots, closed by a quote. */
static bool code_like(const char *lit, char out[80])
{
	size_t n = 0;
	bool dot = false;
	for (; lit[n] && lit[n] != '"'; n++) {
		char c = lit[n];
		if (c == '.') {
			if (n == 0 || lit[n - 1] == '.')
				return false;
			dot = true;
		} else if (!((c >= 'a' && c <= 'z') || c == '_')) {
			return false;
		}
		if (n >= 79)
			return false;
	}
	if (lit[n] != '"' || !dot || lit[n - 1] == '.')
		return false;
	memcpy(out, lit, n);
	out[n] = '\0';
	return true;
}

/* Settings keys that look like codes but are no action. */
static bool not_an_action(const char *code)
{
	return strcmp(code, "stats.fine_bands") == 0;
}

static void check_literals(const char *path, const char *from, const char *to,
			   size_t *found)
{
	char code[80];
	for (const char *q = from; q < to && (q = strchr(q, '"')) && q < to; q++) {
		if (q > from && q[-1] == '\\')
			continue;
		if (code_like(q + 1, code)) {
			(*found)++;
			if (!not_an_action(code) && !audit_action_name(code))
				t_fail(__FILE__, __LINE__, "%s: action \"%s\" has no Chinese name",
				       path, code);
		}
		const char *end = strchr(q + 1, '"');
		if (!end)
			break;
		q = end;
	}
}

/* In src/app every code-like literal is an action (or a permission, which
 * is recorded as one when refused); elsewhere, the literals in the calls
 * that write the log. */
static void scan(const char *dir, bool everything, size_t *found)
{
	static const char *const calls[] = { "app_audit(", "app_audit_now(", "app_require(",
					     "app_tx_finish(" };
	char path[512];
	DIR *d = opendir(dir);
	if (!d) {
		t_fail(__FILE__, __LINE__, "cannot read %s", dir);
		return;
	}
	struct dirent *de;
	while ((de = readdir(d))) {
		size_t n = strlen(de->d_name);
		if (n < 3 || strcmp(de->d_name + n - 2, ".c") != 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		char *s = slurp(path);
		if (!s) {
			t_fail(__FILE__, __LINE__, "cannot read %s", path);
			continue;
		}
		if (everything) {
			check_literals(path, s, s + strlen(s), found);
		} else {
			for (size_t c = 0; c < sizeof calls / sizeof calls[0]; c++)
				for (const char *q = s; (q = strstr(q, calls[c])); q++) {
					const char *end = strchr(q, ';');
					check_literals(path, q, end ? end : q + strlen(q), found);
				}
		}
		free(s);
	}
	closedir(d);
}

TEST(every_audit_action_code_in_the_source_has_a_chinese_name)
{
	char dir[512];
	size_t found = 0;
	snprintf(dir, sizeof dir, "%s/src/app", t_source_root());
	scan(dir, true, &found);
	CHECK(found > 60); /* the scan sees the codes: the test can fail */
	/* the one code made at run time: "complaint." and the action */
	for (int a = CMP_ACT_FILE; a <= CMP_ACT_CLOSE; a++) {
		snprintf(dir, sizeof dir, "complaint.%s", complaint_action_name(a));
		if (!audit_action_name(dir))
			t_fail(__FILE__, __LINE__, "action \"%s\" has no Chinese name", dir);
	}
	const char *others[] = { "src/http", "src/cli", "src/store", "src/domain" };
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
		snprintf(dir, sizeof dir, "%s/%s", t_source_root(), others[i]);
		scan(dir, false, &found);
	}
}

TEST(audit_names_find_every_table_entry_and_fall_back_plainly)
{
	struct arena *a = arena_new();
	REQUIRE(a);
	CHECK(audit_action_count() > 60);
	for (size_t i = 0; i < audit_action_count(); i++) {
		const char *code = audit_action_code(i);
		CHECK(audit_action_name(code) != NULL);
		CHECK_STR(audit_action_of_name(audit_action_name(code)), code);
		if (i > 0 && strcmp(audit_action_code(i - 1), code) >= 0)
			t_fail(__FILE__, __LINE__, "not sorted at %s", code);
	}
	CHECK_STR(audit_action_label(a, "certificate.revoke"), "注销执法证");
	CHECK_STR(audit_action_label(a, "no.such_code"), "no.such_code");
	CHECK_STR(audit_action_label(a, "http POST /cases/{id}/steps/{step}"),
		  "提交 /cases/{id}/steps/{step}");
	CHECK_STR(audit_object_text(a, "certificate", "12"), "执法证 #12");
	CHECK_STR(audit_object_text(a, "", ""), "");
	/* an indicator's drill-down list: which indicator and which side */
	CHECK_STR(audit_object_text(a, "indicator_overdue_den", "0"),
		  "监督指标“办理中案件逾期率”分母明细");
	CHECK_STR(audit_object_text(a, "indicator_two_officers_num", ""),
		  "监督指标“两名以上持证执法人员参与率”分子明细");
	CHECK_STR(audit_object_text(a, "indicator_nonsense_num", ""), "监督指标明细");
	CHECK_STR(audit_object_text(a, "indicator_overdue", ""), "监督指标明细");
	CHECK_STR(audit_object_text(a, "export_job", "7"), "导出任务 #7");
	CHECK_STR(audit_result_label("denied"), "拒绝");
	CHECK(audit_action_code(audit_action_count()) == NULL);
	arena_free(a);
}

TEST(list_export_refuses_a_list_over_the_limit_and_audits_each_file_written)
{
	struct fx f;
	struct app_ctx sup;
	struct fz_error e = { 0 };
	struct buf b = BUF_INIT;
	static const char *const head[] = { "名称" };
	REQUIRE(fx_open(&f));
	fx_as(&f, &sup, ROLE_SUPERVISOR, 0);
	size_t n = LIST_EXPORT_MAX + 1;
	const char **cells = calloc(n, sizeof *cells);
	REQUIRE(cells);
	for (size_t i = 0; i < n; i++)
		cells[i] = "=1+1";
	struct list_grid g = { head, cells, n, 1 };
	int64_t before = fx_audit_count(&f);
	CHECK_INT(app_list_export(&sup, "officers", "", &g, LIST_CSV, &b, &e), FZ_INVALID);
	CHECK_CONTAINS(e.message, "超过一次导出的上限");
	CHECK_INT(b.len, 0);
	g.nrows = 2;
	CHECK_INT(app_list_export(&sup, "officers", "kind=officer", &g, LIST_CSV, &b, &e), FZ_OK);
	CHECK_STR(buf_cstr(&b), "\xEF\xBB\xBF\"名称\"\r\n\"'=1+1\"\r\n\"'=1+1\"\r\n");
	CHECK_INT(fx_audit_count(&f), before + 1);
	buf_release(&b);
	free(cells);
	fx_close(&f);
}
