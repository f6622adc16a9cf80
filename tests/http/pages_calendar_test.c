/* pages_calendar_test.c - the sysadmin loads a holiday calendar from the
 * page (issue 12 §8): a malformed file is refused with the parser's line
 * in Chinese and nothing held or loaded; a good one is previewed with the
 * deadline of a known open case that it moves (old → new), changing
 * nothing; confirming loads it, audited, and the case's deadline is the
 * previewed one; a preview made stale by another load is refused, as is
 * a second confirmation; no other role reaches any step. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_case_fx.h"
#include "app/calendar.h"
#include "base/buf.h"
#include "base/date.h"
#include "t.h"

#define BOUNDARY "----fazhitestboundary7d3"

struct sa {
	char token[65], csrf[65];
};

static bool sign_in(struct case_fx *f, const char *who, struct sa *s)
{
	return t_login(&f->d.ts, who, DEMO_PASSWORD, s->token, s->csrf);
}

/* POST /calendar as s with file as the "file" part (csrf first unless
 * with_csrf is false). */
static struct http_resp upload(struct case_fx *f, const struct sa *s, const char *file,
			       bool with_csrf)
{
	struct buf b = BUF_INIT;
	if (with_csrf)
		buf_addf(&b, "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n",
			 s->csrf);
	buf_addf(&b, "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"file\"; "
		     "filename=\"new.txt\"\r\nContent-Type: text/plain\r\n\r\n");
	buf_adds(&b, file);
	buf_adds(&b, "\r\n--" BOUNDARY "--\r\n");
	struct t_req rq = { .method = "POST", .path = "/calendar", .cookie_token = s->token,
			    .content_type = "multipart/form-data; boundary=" BOUNDARY,
			    .body = buf_cstr(&b), .body_len = b.len };
	struct http_resp r = t_http_req(&f->d.ts, &rq);
	buf_release(&b);
	return r;
}

static struct http_resp get(struct case_fx *f, const struct sa *s, const char *path)
{
	struct t_req rq = { .method = "GET", .path = path, .cookie_token = s->token };
	return t_http_req(&f->d.ts, &rq);
}

static struct http_resp confirm(struct case_fx *f, const struct sa *s, const char *token,
				const char *base)
{
	char body[512];
	snprintf(body, sizeof body, "csrf=%s&token=%s&base=%s", s->csrf, token, base);
	struct t_req rq = { .method = "POST", .path = "/calendar/confirm", .cookie_token = s->token,
			    .content_type = "application/x-www-form-urlencoded", .body = body };
	return t_http_req(&f->d.ts, &rq);
}

/* The value of <input ... name="name" value="..."> in html, into out. */
static const char *hidden(const char *html, const char *name, char *out, size_t n)
{
	char pat[64];
	snprintf(pat, sizeof pat, "name=\"%s\" value=\"", name);
	const char *p = html ? strstr(html, pat) : NULL;
	out[0] = '\0';
	if (!p)
		return out;
	p += strlen(pat);
	size_t k = 0;
	while (p[k] && p[k] != '"' && k + 1 < n)
		k++;
	memcpy(out, p, k);
	out[k] = '\0';
	return out;
}

/* The stored calendar's fingerprint. */
static void fingerprint(struct case_fx *f, char out[APP_CALENDAR_FP_HEX])
{
	struct calendar cal;
	struct fz_error e = { 0 };
	if (f->d.ts.st->ops->calendar_get(f->d.ts.st, f->d.ts.a, &cal, &e) != FZ_OK)
		t_fail(__FILE__, __LINE__, "calendar: %s", e.message);
	app_calendar_fingerprint(&cal, out);
}

static int64_t audits(struct case_fx *f, const char *action)
{
	struct audit_filter af = { .action = action };
	struct audit_list l;
	struct fz_error e = { 0 };
	if (f->d.ts.st->ops->audit_list(f->d.ts.st, f->d.ts.a, &af, (struct page){ 0, 1 }, &l, &e))
		return -1;
	return l.total;
}

/* The built-in calendar's lines for the years of today+1 .. today+7,
 * plus every weekday among those days declared off (测试假日): a file
 * that only ever adds days off just ahead, so a working-day deadline
 * running now moves later. */
static char *file_adding_days_off(struct case_fx *f, int extra_year)
{
	struct calendar cal;
	struct fz_error e = { 0 };
	struct buf b = BUF_INIT;
	struct arena *a = arena_new();
	if (!a || app_calendar_builtin(a, &cal, &e) != FZ_OK) {
		t_fail(__FILE__, __LINE__, "builtin: %s", e.message);
		arena_free(a);
		return NULL;
	}
	int y0, y1, m, d;
	date_parse(cfx_day(f, 1), &y0, &m, &d);
	date_parse(cfx_day(f, 7), &y1, &m, &d);
	for (int y = y0; y <= y1 + extra_year; y++) {
		const struct calendar_year *cy = calendar_year_find(&cal, y);
		buf_addf(&b, "year %d source %s；测试：加放假日\n", y, cy ? cy->source : "测试通知");
		for (int k = 1; k <= 7; k++) {
			int yy;
			date_parse(cfx_day(f, k), &yy, &m, &d);
			int64_t day = date_to_days(yy, m, d);
			if (yy == y && calendar_weekday(day) < 5 && !calendar_day_find(&cal, day))
				buf_addf(&b, "%s off 测试假日\n", cfx_day(f, k));
		}
		for (size_t i = 0; i < cal.ndays; i++) {
			char date[FZ_DATE_LEN];
			if (calendar_year_of(cal.days[i].day) != y)
				continue;
			date_from_days(cal.days[i].day, date);
			buf_addf(&b, "%s %s %s\n", date, cal.days[i].mark == CALENDAR_WORK ? "work" : "off",
				 cal.days[i].name);
		}
	}
	arena_free(a);
	char *out = strdup(buf_cstr(&b));
	buf_release(&b);
	return out;
}

/* A penalty case of 自然资源局 registered today: its 立案审批期限 runs
 * in working days from today. */
static int64_t known_case(struct case_fx *f, char *due, size_t n)
{
	char body[1024];
	snprintf(body, sizeof body,
		 "{\"procedure\":\"penalty_general\",\"domain\":\"土地管理\",\"title\":\"日历测试案件\","
		 "\"act_date\":\"%s\",\"party\":{\"kind\":\"citizen\",\"name\":\"李某\"},"
		 "\"fields\":{\"facts\":\"未经批准占用耕地\",\"source\":\"巡查发现\"},"
		 "\"officers\":[%lld,%lld]}",
		 cfx_day(f, -1), (long long)f->p_officer1, (long long)f->p_officer2);
	int64_t id = CFX_OPEN(f, "officer1", body);
	json_t *c = id > 0 ? cfx_clock(f, id, "opening") : NULL;
	snprintf(due, n, "%s", c ? json_string_value(json_object_get(c, "due")) : "");
	json_decref(c);
	if (!*due)
		t_fail(__FILE__, __LINE__, "the opening clock of case %lld has no due date", (long long)id);
	return id;
}

static const char *clock_due(struct case_fx *f, int64_t id, char *out, size_t n)
{
	json_t *c = cfx_clock(f, id, "opening");
	snprintf(out, n, "%s", c ? json_string_value(json_object_get(c, "due")) : "");
	json_decref(c);
	return out;
}

TEST(calendar_upload_refuses_a_malformed_file_with_its_line_in_chinese_and_holds_nothing)
{
	struct case_fx f;
	struct sa s;
	char before[APP_CALENDAR_FP_HEX], after[APP_CALENDAR_FP_HEX];
	REQUIRE(cfx_start(&f));
	REQUIRE(sign_in(&f, "sysadmin", &s));
	fingerprint(&f, before);

	struct http_resp r = upload(&f, &s, "year 2027 source 测试通知\n2027-01-01 off 元旦\n"
					     "2027-02-30 off 春节\n", true);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "new.txt：第 3 行");
	CHECK_CONTAINS(r.body, "上传并预览"); /* the form again, to choose another file */
	t_resp_free(&r);
	/* a work day that is not a weekend: the parser's own rule */
	r = upload(&f, &s, "year 2027 source 测试通知\n2027-01-04 work 元旦\n", true);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "第 2 行");
	t_resp_free(&r);
	/* empty, and larger than the page takes */
	r = upload(&f, &s, "", true);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "请选择要上传的日历文件");
	t_resp_free(&r);
	char *big = malloc(61 * 1024 + 1);
	REQUIRE(big);
	memset(big, '#', 61 * 1024);
	big[61 * 1024] = '\0';
	r = upload(&f, &s, big, true);
	free(big);
	CHECK_INT(r.status, 413);
	CHECK_CONTAINS(r.body, "过大");
	t_resp_free(&r);
	/* without the csrf field: refused before anything */
	r = upload(&f, &s, "year 2027 source 测试通知\n2027-01-01 off 元旦\n", false);
	CHECK_INT(r.status, 403);
	t_resp_free(&r);

	fingerprint(&f, after);
	CHECK_STR(after, before);
	CHECK_INT(audits(&f, "calendar.upload"), 0);
	CHECK_INT(audits(&f, "calendar.load"), 1); /* the fixture's own load only */
	cfx_stop(&f);
}

/* The calendar form is read by the one multipart reader (stream_form.c)
 * with the file kept in memory: a part that names no field is refused with
 * a message, as the streamed forms refuse it, where the former reader of
 * this form passed the NULL name to strcmp. */
TEST(calendar_upload_part_without_a_name_is_refused_and_the_server_still_answers)
{
	struct case_fx f;
	struct sa s;
	char before[APP_CALENDAR_FP_HEX], after[APP_CALENDAR_FP_HEX];
	REQUIRE(cfx_start(&f));
	REQUIRE(sign_in(&f, "sysadmin", &s));
	fingerprint(&f, before);
	struct buf b = BUF_INIT;
	buf_addf(&b, "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n",
		 s.csrf);
	buf_adds(&b, "--" BOUNDARY "\r\nContent-Disposition: form-data\r\n\r\nx\r\n");
	buf_adds(&b, "--" BOUNDARY "--\r\n");
	struct t_req rq = { .method = "POST", .path = "/calendar", .cookie_token = s.token,
			    .content_type = "multipart/form-data; boundary=" BOUNDARY,
			    .body = buf_cstr(&b), .body_len = b.len };
	struct http_resp r = t_http_req(&f.d.ts, &rq);
	buf_release(&b);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "上传的表单中有未命名的字段");
	t_resp_free(&r);
	r = get(&f, &s, "/calendar");
	CHECK_INT(r.status, 200);
	t_resp_free(&r);
	fingerprint(&f, after);
	CHECK_STR(after, before);
	CHECK_INT(audits(&f, "calendar.upload"), 0);
	cfx_stop(&f);
}

TEST(calendar_preview_shows_the_known_case_deadline_it_moves_and_confirm_applies_it)
{
	struct case_fx f;
	struct sa s;
	char due_before[16], due_now[16], loc[256], token[80], base[80];
	char fp0[APP_CALENDAR_FP_HEX], fp1[APP_CALENDAR_FP_HEX];
	REQUIRE(cfx_start(&f));
	REQUIRE(sign_in(&f, "sysadmin", &s));
	int64_t id = known_case(&f, due_before, sizeof due_before);
	REQUIRE(id > 0);
	json_t *c = cfx_get(&f, "officer1", "/api/v1/cases?limit=1");
	json_decref(c);
	char path[64], number[128] = "";
	snprintf(path, sizeof path, "/api/v1/cases/%lld", (long long)id);
	c = cfx_get(&f, "officer1", path);
	snprintf(number, sizeof number, "%s", c ? json_string_value(json_object_get(c, "number")) : "");
	json_decref(c);
	fingerprint(&f, fp0);

	char *file = file_adding_days_off(&f, 0);
	REQUIRE(file);
	struct http_resp r = upload(&f, &s, file, true);
	free(file);
	CHECK_INT(r.status, 303);
	t_header(&r, "Location", loc, sizeof loc);
	CHECK(strncmp(loc, "/calendar/preview?token=", 24) == 0);
	t_resp_free(&r);

	r = get(&f, &s, loc);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "（替换）");
	CHECK_CONTAINS(r.body, "测试假日");
	CHECK_CONTAINS(r.body, number);
	CHECK_CONTAINS(r.body, "立案审批期限");
	CHECK_CONTAINS(r.body, due_before);
	hidden(r.body, "token", token, sizeof token);
	hidden(r.body, "base", base, sizeof base);
	CHECK_STR(base, fp0);
	/* the new due date shown is the one the load will give */
	const char *row = strstr(r.body, number);
	char shown[16] = "";
	const char *arrow = row ? strstr(row, due_before) : NULL;
	const char *next = arrow ? strstr(arrow, "新届满日\">") : NULL;
	if (next)
		snprintf(shown, 11, "%s", next + strlen("新届满日\">"));
	t_resp_free(&r);

	/* a preview changes nothing */
	fingerprint(&f, fp1);
	CHECK_STR(fp1, fp0);
	CHECK_STR(clock_due(&f, id, due_now, sizeof due_now), due_before);
	CHECK_INT(audits(&f, "calendar.load"), 1);

	r = confirm(&f, &s, token, base);
	CHECK_INT(r.status, 303);
	t_header(&r, "Location", loc, sizeof loc);
	CHECK_STR(loc, "/calendar?msg=calendar_loaded");
	t_resp_free(&r);
	CHECK(strcmp(clock_due(&f, id, due_now, sizeof due_now), due_before) > 0);
	CHECK_STR(due_now, shown);
	CHECK_INT(audits(&f, "calendar.load"), 2);
	CHECK(audits(&f, "case.deadline") >= 1);
	fingerprint(&f, fp1);
	CHECK(strcmp(fp1, fp0) != 0);
	r = get(&f, &s, "/calendar?msg=calendar_loaded");
	CHECK_CONTAINS(r.body, "节假日安排已载入");
	CHECK_CONTAINS(r.body, "测试：加放假日");
	t_resp_free(&r);

	/* the same upload cannot be confirmed twice */
	r = confirm(&f, &s, token, fp1);
	CHECK(r.status == 404 || r.status == 409);
	CHECK_CONTAINS(r.body, "请重新上传");
	t_resp_free(&r);
	CHECK_INT(audits(&f, "calendar.load"), 2);
	cfx_stop(&f);
}

TEST(calendar_confirm_of_a_stale_preview_is_refused_and_changes_nothing)
{
	struct case_fx f;
	struct sa s;
	char loc[256], token[80], base[80], fp[APP_CALENDAR_FP_HEX], fp2[APP_CALENDAR_FP_HEX];
	REQUIRE(cfx_start(&f));
	REQUIRE(sign_in(&f, "sysadmin", &s));
	struct http_resp r = upload(&f, &s, "year 2031 source 测试通知甲\n2031-01-01 off 元旦\n", true);
	CHECK_INT(r.status, 303);
	t_header(&r, "Location", loc, sizeof loc);
	t_resp_free(&r);
	r = get(&f, &s, loc);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "2031 年（新增年度）");
	hidden(r.body, "token", token, sizeof token);
	hidden(r.body, "base", base, sizeof base);
	t_resp_free(&r);

	/* meanwhile the shell loads another year */
	struct app_ctx ctx;
	struct fz_error e = { 0 };
	app_ctx_init(&ctx, f.d.ts.st, f.d.ts.a, &f.d.ts.cfg, "cli", time_now());
	app_ctx_as_cli(&ctx);
	const char other[] = "year 2032 source 测试通知乙\n2032-01-01 off 元旦\n";
	REQUIRE(app_calendar_load_text(&ctx, other, sizeof other - 1, "other.txt", NULL, &e) == FZ_OK);
	fingerprint(&f, fp);

	r = confirm(&f, &s, token, base);
	CHECK_INT(r.status, 409);
	CHECK_CONTAINS(r.body, "这份预览已经过时");
	CHECK_CONTAINS(r.body, "确认载入"); /* the preview again, as it is now */
	t_resp_free(&r);
	fingerprint(&f, fp2);
	CHECK_STR(fp2, fp);
	CHECK_INT(audits(&f, "calendar.load"), 2); /* the fixture's and the shell's */
	/* a base that is not a fingerprint at all */
	r = confirm(&f, &s, token, "x");
	CHECK_INT(r.status, 400);
	t_resp_free(&r);
	/* a token nobody was given */
	r = confirm(&f, &s, "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", fp);
	CHECK_INT(r.status, 404);
	t_resp_free(&r);
	fingerprint(&f, fp2);
	CHECK_STR(fp2, fp);
	cfx_stop(&f);
}

TEST(calendar_pages_are_refused_to_every_role_but_the_sysadmin)
{
	static const char *const others[] = { "supervisor", "head1", "officer1", "secadmin",
					      "auditor" };
	struct case_fx f;
	struct sa s, o;
	char loc[256], token[80], base[80], fp[APP_CALENDAR_FP_HEX], fp2[APP_CALENDAR_FP_HEX];
	REQUIRE(cfx_start(&f));
	REQUIRE(sign_in(&f, "sysadmin", &s));
	struct http_resp r = upload(&f, &s, "year 2031 source 测试通知\n2031-01-01 off 元旦\n", true);
	CHECK_INT(r.status, 303);
	t_header(&r, "Location", loc, sizeof loc);
	t_resp_free(&r);
	r = get(&f, &s, loc);
	hidden(r.body, "token", token, sizeof token);
	hidden(r.body, "base", base, sizeof base);
	t_resp_free(&r);
	fingerprint(&f, fp);
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
		REQUIRE(sign_in(&f, others[i], &o));
		r = get(&f, &o, "/calendar");
		CHECK_INT(r.status, 403);
		t_resp_free(&r);
		r = get(&f, &o, loc);
		CHECK_INT(r.status, 403);
		t_resp_free(&r);
		r = upload(&f, &o, "year 2033 source 测试通知\n2033-01-01 off 元旦\n", true);
		CHECK_INT(r.status, 403);
		t_resp_free(&r);
		r = confirm(&f, &o, token, base);
		CHECK_INT(r.status, 403);
		t_resp_free(&r);
	}
	fingerprint(&f, fp2);
	CHECK_STR(fp2, fp);
	CHECK_INT(audits(&f, "calendar.upload"), 1);
	CHECK_INT(audits(&f, "calendar.load"), 1);
	cfx_stop(&f);
}
