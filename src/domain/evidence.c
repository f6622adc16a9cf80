/* evidence.c - the rules of evidence metadata: which record kinds the law
 * knows, and file names and media types that are safe to store and to
 * send back in a Content-Disposition or Content-Type header. */
#include "domain/evidence.h"

#include <string.h>

#include "base/utf8.h"

bool evidence_record_kind_valid(const char *kind)
{
	return kind && (strcmp(kind, EVIDENCE_TEXT_RECORD) == 0 ||
			strcmp(kind, EVIDENCE_AV_RECORD) == 0);
}

const char *evidence_record_kind_label(const char *kind)
{
	if (kind && strcmp(kind, EVIDENCE_TEXT_RECORD) == 0)
		return "文字记录";
	if (kind && strcmp(kind, EVIDENCE_AV_RECORD) == 0)
		return "音像记录";
	return "";
}

/* The types evidence may have, compared exactly (lower case, without
 * parameters: the HTTP layer strips "; charset=..."): photographs, sound
 * and video recordings, scanned and electronic documents. Anything else -
 * HTML, SVG, scripts, archives, application/octet-stream - is refused: it
 * could run in a browser when viewed, or hide what it holds. */
static const char *const media_types[] = {
	"image/jpeg", "image/png", "image/gif", "image/webp", "image/tiff", "image/bmp",
	"image/heic", "image/heif",
	"video/mp4", "video/quicktime", "video/x-msvideo", "video/x-matroska", "video/3gpp",
	"video/mpeg", "video/webm",
	"audio/mpeg", "audio/mp4", "audio/aac", "audio/wav", "audio/x-wav", "audio/amr",
	"audio/ogg", "audio/webm", "audio/3gpp",
	"application/pdf", "application/ofd", "text/plain",
	"application/msword",
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	"application/vnd.ms-excel",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	NULL,
};

static bool media_type_ok(const char *t)
{
	for (size_t i = 0; t && media_types[i]; i++)
		if (strcmp(t, media_types[i]) == 0)
			return true;
	return false;
}

/* Characters that reorder text when shown (Unicode bidirectional
 * controls): "invoice\u202Efdp.exe" reads as "invoiceexe.pdf". Their
 * UTF-8 forms: U+200E/F, U+202A-E, U+2066-9, U+061C. */
static bool has_bidi_control(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (p[0] == 0xD8 && p[1] == 0x9C)
			return true;
		if (p[0] != 0xE2 || !p[1] || !p[2])
			continue;
		if (p[1] == 0x80 && (p[2] == 0x8E || p[2] == 0x8F || (p[2] >= 0xAA && p[2] <= 0xAE)))
			return true;
		if (p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9)
			return true;
	}
	return false;
}

enum fz_err evidence_meta_check(const char *file_name, const char *media_type,
				const char *record_kind, struct fz_error *e)
{
	size_t n = file_name ? strlen(file_name) : 0;
	if (n == 0 || n > 200 || !utf8_valid(file_name, n))
		return fz_fail(e, FZ_INVALID, "file_name", "文件名应为 1 到 200 字节的 UTF-8 文本");
	if (strcmp(file_name, ".") == 0 || strcmp(file_name, "..") == 0)
		return fz_fail(e, FZ_INVALID, "file_name", "文件名无效");
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)file_name[i];
		if (c < 0x20 || c == 0x7f || c == '/' || c == '\\' || c == '"')
			return fz_fail(e, FZ_INVALID, "file_name",
				       "文件名不能含有路径分隔符、引号或控制字符");
	}
	if (has_bidi_control(file_name))
		return fz_fail(e, FZ_INVALID, "file_name",
			       "文件名含有改变文字显示方向的控制字符，可能伪装扩展名，请改名后再上传");
	if (!media_type_ok(media_type))
		return fz_fail(e, FZ_INVALID, "media_type",
			       "不支持的文件类型：证据只接受图片（JPEG、PNG 等）、音视频（MP4、MP3 等）、"
			       "PDF、OFD、纯文本和 Word、Excel 文档");
	if (!evidence_record_kind_valid(record_kind))
		return fz_fail(e, FZ_INVALID, "record_kind",
			       "记录类别应为 text_record（文字记录）或 av_record（音像记录）");
	return FZ_OK;
}
