/* pages_flowchart_test.c - the public flow charts (执法流程图): an SVG
 * drawn on the server from each definition, with its text alternative,
 * and no internal name (a step, clock, field or configuration id) in
 * anything a reader sees or hears. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "api_fixture.h"
#include "app/procreg.h"
#include "domain/procedure.h"
#include "t.h"

/* The first identifier-like token in what a reader gets of html: the
 * text between tags and the attributes read aloud or shown (alt, title,
 * aria-label), ignoring entities. An ASCII word counts when it has an
 * underscore or a lower-case letter: config keys and ids (served_on,
 * publication_other, penalty_general) are such words; the legal bases'
 * "GB50016" or a roman "A" are not. out gets the token; false if none. */
static bool leaked_token(const char *html, char *out, size_t cap)
{
	bool in_tag = false;
	const char *p = html;
	while (*p) {
		const char *text_end = NULL;
		if (!in_tag && *p == '<') {
			if (strncmp(p, "<style", 6) == 0 || strncmp(p, "<script", 7) == 0) {
				const char *close = strstr(p, p[1] == 's' && p[2] == 't' ? "</style>"
											: "</script>");
				p = close ? close + 1 : p + strlen(p);
				in_tag = close != NULL; /* inside the closing tag */
				continue;
			}
			in_tag = true;
			p++;
			continue;
		}
		if (in_tag) {
			/* attribute values a reader gets */
			static const char *const spoken[] = { "alt=\"", "title=\"", "aria-label=\"" };
			const char *at = NULL;
			for (size_t i = 0; i < 3 && !at; i++)
				if (strncmp(p, spoken[i], strlen(spoken[i])) == 0 &&
				    (p[-1] == ' ' || p[-1] == '\n'))
					at = p + strlen(spoken[i]);
			if (at) {
				text_end = strchr(at, '"');
				p = at;
			} else {
				if (*p == '"') { /* skip other attribute values whole */
					const char *q = strchr(p + 1, '"');
					p = q ? q + 1 : p + strlen(p);
					continue;
				}
				if (*p == '>')
					in_tag = false;
				p++;
				continue;
			}
		}
		const char *end = text_end ? text_end : strchr(p, '<');
		if (!end)
			end = p + strlen(p);
		for (const char *q = p; q < end;) {
			if (*q == '&') { /* an entity */
				const char *semi = memchr(q, ';', (size_t)(end - q));
				q = semi ? semi + 1 : q + 1;
				continue;
			}
			if (isalpha((unsigned char)*q) || *q == '_') {
				const char *s = q;
				bool lower = false, under = false;
				while (q < end && (isalnum((unsigned char)*q) || *q == '_')) {
					lower = lower || islower((unsigned char)*q);
					under = under || *q == '_';
					q++;
				}
				if (lower || under) {
					snprintf(out, cap, "%.*s", (int)(q - s), s);
					return true;
				}
				continue;
			}
			q++;
		}
		p = end;
		if (text_end)
			p++; /* past the closing quote, still in the tag */
	}
	return false;
}

/* The part of the page inside <main>, where the chart is (the site's
 * header and footer are the layout's, tested elsewhere). */
static const char *main_of(const char *body)
{
	const char *m = strstr(body, "<main");
	return m ? m : body;
}

TEST(flow_chart_leak_check_finds_a_config_key_in_text_and_in_aria_labels)
{
	char tok[64];
	CHECK(leaked_token("<p>期限自served_on起</p>", tok, sizeof tok));
	CHECK_STR(tok, "served_on");
	CHECK(leaked_token("<svg aria-label=\"publication_other\"></svg>", tok, sizeof tok));
	CHECK(leaked_token("<text>open</text>", tok, sizeof tok));
	CHECK(!leaked_token("<li id=\"step-open\" class=\"x\"><a href=\"/p/a_b\">立案</a>"
			    "依据 GB50016 &nbsp;</li>", tok, sizeof tok));
}

TEST(public_flow_charts_show_no_internal_name_to_a_reader)
{
	struct t_demo d;
	struct fz_error e = { 0 };
	REQUIRE(t_demo_start(&d));
	const struct proc_registry *reg = proc_registry_builtin(&e);
	REQUIRE(reg);
	size_t n = 0;
	const struct proc_def *defs = proc_registry_defs(reg, &n);
	REQUIRE(n > 3);
	for (size_t i = 0; i < n; i++) {
		char path[160], tok[64];
		snprintf(path, sizeof path, "/public/procedures/%s", defs[i].id);
		struct http_resp r = t_api(&d, NULL, "GET", path, NULL);
		CHECK_INT(r.status, 200);
		if (r.body && leaked_token(main_of(r.body), tok, sizeof tok))
			t_fail(__FILE__, __LINE__, "%s shows the internal name \"%s\"", path, tok);
		t_resp_free(&r);
	}
	struct http_resp r = t_api(&d, NULL, "GET", "/public/procedures", NULL);
	char tok[64];
	if (r.body && leaked_token(main_of(r.body), tok, sizeof tok))
		t_fail(__FILE__, __LINE__, "/public/procedures shows \"%s\"", tok);
	t_resp_free(&r);
	t_demo_stop(&d);
}

TEST(flow_chart_clocks_say_in_chinese_from_which_day_they_run)
{
	struct t_demo d;
	REQUIRE(t_demo_start(&d));
	struct http_resp r = t_api(&d, NULL, "GET", "/public/procedures/penalty_general", NULL);
	CHECK_INT(r.status, 200);
	/* the case-handling period runs from the filing (立案), the
	 * reconsideration period from service of the decision (served_on) */
	CHECK_CONTAINS(r.body, "自立案之日起");
	CHECK_CONTAINS(r.body, "自送达之日起");
	t_resp_free(&r);
	t_demo_stop(&d);
}

TEST(flow_chart_is_an_svg_with_one_box_per_step_and_a_text_alternative)
{
	struct t_demo d;
	struct fz_error e = { 0 };
	REQUIRE(t_demo_start(&d));
	const struct proc_registry *reg = proc_registry_builtin(&e);
	REQUIRE(reg);
	const struct proc_def *def = proc_registry_find(reg, "inspection");
	REQUIRE(def);
	struct http_resp r = t_api(&d, NULL, "GET", "/public/procedures/inspection", NULL);
	CHECK_INT(r.status, 200);
	const char *svg = r.body ? strstr(r.body, "<svg") : NULL;
	REQUIRE(svg);
	/* an image with a name and a description, and the list as its long
	 * text alternative, referenced from it */
	CHECK_CONTAINS(svg, "role=\"img\"");
	CHECK_CONTAINS(svg, "aria-labelledby=\"chart-title\"");
	CHECK_CONTAINS(svg, "aria-describedby=\"chart-desc\"");
	CHECK_CONTAINS(svg, "<title id=\"chart-title\">");
	CHECK_CONTAINS(r.body, "id=\"chart-desc\"");
	const char *end = strstr(svg, "</svg>");
	REQUIRE(end);
	size_t boxes = 0;
	for (const char *p = svg; (p = strstr(p, "<rect class=\"step")) && p < end; p++)
		boxes++;
	CHECK_INT((long)boxes, (long)def->nsteps);
	/* each step's label is in the drawing, in order */
	const char *at = svg;
	for (size_t i = 0; i < def->nsteps && at; i++) {
		const char *p = strstr(at, def->steps[i].label);
		if (!p || p > end)
			t_fail(__FILE__, __LINE__, "step %s not drawn in order", def->steps[i].id);
		at = p;
	}
	t_resp_free(&r);
	/* the drawing alone, for download */
	r = t_api(&d, NULL, "GET", "/public/procedures/inspection/chart.svg", NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "<svg xmlns=\"http://www.w3.org/2000/svg\"");
	t_resp_free(&r);
	r = t_api(&d, NULL, "GET", "/public/procedures/no_such/chart.svg", NULL);
	CHECK_INT(r.status, 404);
	t_resp_free(&r);
	t_demo_stop(&d);
}
