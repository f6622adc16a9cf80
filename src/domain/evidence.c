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

/* RFC 7230 tchar, the characters of a media type's type and subtype. */
static bool token_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c && strchr("!#$%&'*+-.^_`|~", c));
}

static bool media_type_ok(const char *t)
{
	size_t n = t ? strlen(t) : 0, slash = 0, i;
	if (n == 0 || n > 100)
		return false;
	for (i = 0; i < n; i++) {
		if (t[i] == '/') {
			if (slash++ || i == 0 || i == n - 1)
				return false;
		} else if (!token_char(t[i])) {
			return false;
		}
	}
	return slash == 1;
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
	if (!media_type_ok(media_type))
		return fz_fail(e, FZ_INVALID, "media_type",
			       "文件类型应为 类型/子类型 的形式，例如 image/jpeg");
	if (!evidence_record_kind_valid(record_kind))
		return fz_fail(e, FZ_INVALID, "record_kind",
			       "记录类别应为 text_record（文字记录）或 av_record（音像记录）");
	return FZ_OK;
}
