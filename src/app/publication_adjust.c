/* publication_adjust.c - the reviewer's adjustment of a prepared
 * publication at confirmation (docs/PUBLICATION.md): the adjusted title
 * and text may only hide more than the automatic redaction — spans
 * replaced by mask characters (pub_adjust_check) — and must leave
 * nothing the rules would still mask. What the record says wrongly is
 * corrected in the record (更正), which redraws the publication; the
 * spans hidden by hand are counted for the portal and the audit. */
#include "app/publication_internal.h"

#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "domain/pub_adjust.h"
#include "domain/redact.h"

/* Longest title and text a reviewer may publish. */
#define PUB_TITLE_MAX 400
#define PUB_TEXT_MAX (256 * 1024)

/* What the rules would still change in an adjusted field: FZ_INVALID
 * naming the categories, the field given. */
static enum fz_err leftovers(struct app_ctx *ctx, const struct enf_case *c, const char *field,
			     const char *label, const char *s, struct fz_error *e)
{
	struct redact_ctx rctx;
	struct redact_report rep;
	struct buf out = BUF_INIT;
	const char *keep[2];
	pub_redact_setup(ctx, c, keep, &rctx);
	enum fz_err rc = redact_text(&rctx, s, strlen(s), &out, &rep, e);
	bool same = rc == FZ_OK && out.len == strlen(s) && memcmp(buf_cstr(&out), s, out.len) == 0;
	buf_release(&out);
	if (rc)
		return fz_fail(e, rc, field, "%s不是有效的文本", label);
	if (same)
		return FZ_OK;
	char what[256] = "";
	size_t w = 0;
	for (int k = 0; k < REDACT_CATEGORY_COUNT; k++)
		if (rep.counts[k] && w < sizeof what)
			w += (size_t)snprintf(what + w, sizeof what - w, "%s%s", w ? "、" : "",
					      redact_category_label((enum redact_category)k));
	return fz_fail(e, FZ_INVALID, field, "%s仍含有依规则应当隐去的内容（%s），请删除后再确认",
		       label, what);
}

/* s with every CRLF read as LF (a form's textarea sends CRLF); s itself
 * when it has no CR. In ctx's arena; NULL when out of memory. */
static const char *lf_only(struct app_ctx *ctx, const char *s)
{
	if (!strchr(s, '\r'))
		return s;
	size_t n = strlen(s);
	char *o = arena_alloc(ctx->a, n + 1);
	if (!o)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!(s[i] == '\r' && s[i + 1] == '\n'))
			o[k++] = s[i];
	o[k] = '\0';
	return o;
}

/* That adjusted (field, label) only masks more than automatic: FZ_INVALID
 * saying where it differs and what to do instead (within the 255 bytes
 * of a message); *masked gains the spans hidden by hand. */
static enum fz_err masks_only(const char *field, const char *label, const char *automatic,
			      const char *adjusted, int *masked, struct fz_error *e)
{
	struct pub_adjust r;
	enum fz_err rc = pub_adjust_check(automatic, strlen(automatic), adjusted,
					  strlen(adjusted), &r);
	if (rc == FZ_NOMEM)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	if (rc)
		return fz_fail(e, FZ_INVALID, field,
			       "%s只能用%s遮盖更多内容，不能改写、增加或删除其他文字（第 %zu "
			       "字起不同）；记录有误的，请更正办理记录，公示稿会随之重新生成",
			       label, PUB_MASK_CHARS_LABEL, r.differs_at);
	*masked += (int)r.masked;
	return FZ_OK;
}

enum fz_err pub_adjusted(struct app_ctx *ctx, const struct enf_case *c,
			 const struct publication_confirm *in, struct publication *p,
			 struct fz_error *e)
{
	enum fz_err rc;
	int masked = 0;
	const char *title = in->title ? lf_only(ctx, in->title) : NULL;
	const char *text = in->text ? lf_only(ctx, in->text) : NULL;
	if ((in->title && !title) || (in->text && !text))
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	if (title) {
		if (!*title || strlen(title) > PUB_TITLE_MAX)
			return fz_fail(e, FZ_INVALID, "title", "公示标题不能为空，且不超过 %d 字节",
				       PUB_TITLE_MAX);
		if ((rc = leftovers(ctx, c, "title", "公示标题", title, e)) ||
		    (rc = masks_only("title", "公示标题", p->title, title, &masked, e)))
			return rc;
	}
	if (text) {
		if (!*text || strlen(text) > PUB_TEXT_MAX)
			return fz_fail(e, FZ_INVALID, "text", "公示正文不能为空，且不超过 256 KiB");
		if ((rc = leftovers(ctx, c, "text", "公示正文", text, e)) ||
		    (rc = masks_only("text", "公示正文", p->text, text, &masked, e)))
			return rc;
	}
	if (in->end_on && *in->end_on) {
		if (!date_parse(in->end_on, NULL, NULL, NULL))
			return fz_fail(e, FZ_INVALID, "end_on", "公示截止日期应为 YYYY-MM-DD 格式的有效日期");
		if (strcmp(in->end_on, ctx->today) < 0)
			return fz_fail(e, FZ_INVALID, "end_on", "公示截止日期不能早于今天");
		snprintf(p->end_on, sizeof p->end_on, "%s", in->end_on);
	}
	if (title)
		p->title = title;
	if (text)
		p->text = text;
	p->hand_masked = masked;
	return FZ_OK;
}
