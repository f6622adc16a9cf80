/* page_case_evidence.c - the evidence section of the case page (every
 * file with its record kind, size and digest) and its upload form, a
 * plain multipart form that the server streams like the API's upload
 * (stream_form.h); /static/upload.js adds a progress bar and a size check
 * where the browser runs scripts, and the form works without it. */
#include <stdio.h>
#include <string.h>

#include "app/evidence.h"
#include "domain/evidence.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/asset.h"
#include "http/layout.h"
#include "http/page_case_kit.h"
#include "http/pagekit.h"
#include "http/resp.h"
#include "http/stream_form.h"

/* Shown only to those who may act on the case, while it is open (the
 * upload refuses a closed case). */
static void upload_form(struct req *r, struct buf *b, const struct case_view *v)
{
	int64_t max = app_evidence_max(&r->ctx);
	const char *limit = stream_form_size_text(r->a, max);
	html_f(b, "<form class=\"stack upload\" method=\"post\" action=\"/cases/%lld/evidence\" "
		  "enctype=\"multipart/form-data\" data-max=\"%lld\" data-limit=\"%s\">\n",
	       (long long)v->c.id, (long long)max, limit ? limit : "");
	page_csrf_field(r, b); /* before the file: the server checks it first */
	html_raw(b, "<fieldset class=\"roles\"><legend>记录类型</legend>\n"
		    "<label><input type=\"radio\" name=\"kind\" value=\"" EVIDENCE_AV_RECORD
		    "\" checked> 音像记录（照片、录音、录像）</label>\n"
		    "<label><input type=\"radio\" name=\"kind\" value=\"" EVIDENCE_TEXT_RECORD
		    "\"> 文字记录（笔录、书证的扫描件）</label>\n</fieldset>\n"
		    "<label for=\"ev-name\">名称或说明</label>\n"
		    "<input id=\"ev-name\" name=\"name\" maxlength=\"60\" "
		    "placeholder=\"如：现场照片（东侧）；不填则用文件名\">\n"
		    "<label for=\"ev-camera\">拍照或录像</label>\n"
		    "<input id=\"ev-camera\" type=\"file\" name=\"" STREAM_FORM_FILE_FIELD "\" "
		    "accept=\"image/*,video/*\" capture=\"environment\">\n"
		    "<label for=\"ev-file\">或选择已有文件</label>\n"
		    "<input id=\"ev-file\" type=\"file\" name=\"" STREAM_FORM_FILE_FIELD "\" "
		    "accept=\"image/*,video/*,audio/*,application/pdf\">\n");
	html_f(b, "<p class=\"hint\">图片、音频、视频或 PDF，一次一个文件，不超过 %s。上传时计算摘要，"
		  "并记入执法全过程记录账本。</p>\n"
		  "<p class=\"upload-status\" role=\"status\" hidden></p>\n"
		  "<progress class=\"upload-progress\" max=\"100\" value=\"0\" hidden></progress>\n"
		  "<button type=\"submit\">上传证据材料</button>\n</form>\n"
		  "<script src=\"%s\" defer></script>\n",
	       limit ? limit : "上限", asset_upload_js_href());
}

void case_evidence_section(struct req *r, struct buf *b, const struct case_view *v)
{
	struct evidence_list list;
	struct fz_error e = { 0 };
	struct page pg = { 0, 200 };
	html_raw(b, "<h2 id=\"evidence\">证据材料</h2>\n");
	if (app_evidence_list(&r->ctx, v->c.id, pg, &list, &e) != FZ_OK) {
		page_flash(b, FLASH_ERROR, e.message[0] ? e.message : "证据材料读取失败");
		return;
	}
	if (!list.n)
		html_raw(b, "<p class=\"muted\">尚无证据材料。</p>\n");
	else
		html_raw(b, "<ul class=\"plain documents\">\n");
	for (size_t i = 0; i < list.n; i++) {
		const struct evidence *x = &list.items[i];
		/* The digest's first 16 characters (html_f takes no precision). */
		char head[17] = { 0 };
		memcpy(head, x->digest, strnlen(x->digest, 16));
		const char *size = stream_form_size_text(r->a, x->size);
		html_f(b, "<li><a href=\"/api/v1/cases/%lld/evidence/%lld\">%s</a> "
			  "<span class=\"muted\">（%s，%s，摘要 <code title=\"%s\">%s…</code>）</span></li>\n",
		       (long long)v->c.id, (long long)x->id, x->file_name,
		       evidence_record_kind_label(x->record_kind), size ? size : "", x->digest, head);
	}
	if (list.total > (int64_t)list.n)
		html_f(b, "<li class=\"muted\">另有 %lld 件未列出</li>\n",
		       (long long)(list.total - (int64_t)list.n));
	if (list.n)
		html_raw(b, "</ul>\n");
	if (!v->c.closed && kit_may(r, PERM_CASE_ACT))
		upload_form(r, b, v);
}

/* The name kept for the file: what the officer typed, with the uploaded
 * file's extension when the typed name has none; else the file's name. */
static const char *file_name(struct req *r)
{
	const char *typed = req_form(r, "name");
	const char *sent = r->upload_name ? r->upload_name : "";
	const char *slash = strrchr(sent, '/'); /* some browsers send a path */
	if (!slash)
		slash = strrchr(sent, '\\');
	if (slash)
		sent = slash + 1;
	while (typed && *typed == ' ')
		typed++;
	if (!typed || !*typed)
		return sent;
	const char *ext = strrchr(sent, '.');
	if (strchr(typed, '.') || !ext || strlen(ext) > 10)
		return typed;
	return arena_printf(r->a, "%s%s", typed, ext);
}

/* The metadata checks speak of the API's fields; the form has its own
 * words for them. */
static void form_words(struct fz_error *e)
{
	static const struct {
		const char *field, *message;
	} words[] = {
		{ "file_name", "名称或说明（不填时为文件名）不能超过 200 字节，不能含有“/”“\\”、"
			       "引号或控制字符" },
		{ "record_kind", "请选择记录类型：文字记录或音像记录" },
		{ "media_type", "无法识别文件的类型，请重新选择文件" },
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(e->field, words[i].field) == 0)
			snprintf(e->message, sizeof e->message, "%s", words[i].message);
}

int page_case_evidence_upload(struct req *r)
{
	struct fz_error e = { 0 };
	int64_t id = req_param(r, "id");
	if (!r->upload)
		return http_fail(r, 500, fz_err_name(FZ_INTERNAL), NULL, "内部错误：上传内容未经流式接收");
	struct evidence_meta meta = {
		.file_name = file_name(r),
		.media_type = r->upload_type && *r->upload_type ? r->upload_type
								 : "application/octet-stream",
		.record_kind = req_form(r, "kind"),
	};
	enum fz_err rc = app_evidence_add(&r->ctx, id, &meta, r->upload, NULL, NULL, &e);
	if (rc == FZ_INVALID)
		form_words(&e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	return resp_redirect(r, arena_printf(r->a, "/cases/%lld?msg=evidence_added#evidence",
					     (long long)id));
}
