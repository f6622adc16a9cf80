/* complaint_attach.c - the rules for files attached to a public filing:
 * which kinds are taken (by their first bytes, not by what the sender or
 * the name says) and which names, so that a file shown to the bureau is
 * what its name says. */
#include <string.h>
#include <strings.h>

#include "base/utf8.h"
#include "domain/complaint.h"

static const struct {
	const char *type;
	const unsigned char *magic;
	size_t n;
	const char *ext[3];
} kinds[] = {
	{ "image/jpeg", (const unsigned char *)"\xff\xd8\xff", 3, { "jpg", "jpeg", NULL } },
	{ "image/png", (const unsigned char *)"\x89PNG\r\n\x1a\n", 8, { "png", NULL, NULL } },
	{ "application/pdf", (const unsigned char *)"%PDF-", 5, { "pdf", NULL, NULL } },
};
#define NKINDS (sizeof kinds / sizeof kinds[0])

const char *complaint_attachment_type(const unsigned char *head, size_t n)
{
	for (size_t i = 0; head && i < NKINDS; i++)
		if (n >= kinds[i].n && memcmp(head, kinds[i].magic, kinds[i].n) == 0)
			return kinds[i].type;
	return NULL;
}

/* The length of a bidirectional control at s (UTF-8), 0 when none. */
static size_t bidi_at(const unsigned char *s)
{
	if (s[0] == 0xd8 && s[1] == 0x9c)
		return 2; /* U+061C ARABIC LETTER MARK */
	if (s[0] != 0xe2 || !s[1] || !s[2])
		return 0;
	if (s[1] == 0x80 && (s[2] == 0x8e || s[2] == 0x8f || (s[2] >= 0xaa && s[2] <= 0xae)))
		return 3; /* U+200E/F, U+202A..E */
	if (s[1] == 0x81 && s[2] >= 0xa6 && s[2] <= 0xa9)
		return 3; /* U+2066..9 */
	return 0;
}

static bool ext_fits(const char *name, const char *type)
{
	const char *dot = strrchr(name, '.');
	if (!dot || !dot[1])
		return false;
	for (size_t i = 0; i < NKINDS; i++) {
		if (strcmp(kinds[i].type, type) != 0)
			continue;
		for (size_t k = 0; k < 3 && kinds[i].ext[k]; k++)
			if (strcasecmp(dot + 1, kinds[i].ext[k]) == 0)
				return true;
	}
	return false;
}

enum fz_err complaint_attachment_name_check(const char *name, const char *type,
					    const char *field, struct fz_error *e)
{
	size_t len = name ? strlen(name) : 0;
	if (!len)
		return fz_fail(e, FZ_INVALID, field, "附件缺少文件名，请重新选择文件");
	if (len > 4 * CMP_FILE_NAME_MAX || !utf8_valid(name, len))
		return fz_fail(e, FZ_INVALID, field, "附件的文件名无法识别，请改名后重新选择");
	if (utf8_count(name) > CMP_FILE_NAME_MAX)
		return fz_fail(e, FZ_INVALID, field, "附件的文件名不能超过 %d 个字，请改名后重新选择",
			       CMP_FILE_NAME_MAX);
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if (bidi_at(p))
			return fz_fail(e, FZ_INVALID, field,
				       "附件的文件名含有改变文字方向的隐藏字符，显示出的名字可能与实际不同，"
				       "请改名后重新选择");
		if (*p < 0x20 || *p == 0x7f || *p == '/' || *p == '\\' || *p == '"')
			return fz_fail(e, FZ_INVALID, field,
				       "附件的文件名不能含有控制字符、斜杠或引号，请改名后重新选择");
	}
	if (!type)
		return fz_fail(e, FZ_INVALID, field,
			       "附件“%s”不是 JPEG、PNG 图片或 PDF 文件（按文件内容判断），请另选文件",
			       name);
	if (!ext_fits(name, type))
		return fz_fail(e, FZ_INVALID, field,
			       "附件“%s”的扩展名与文件内容不符（内容是 %s），请改正文件名后重新选择",
			       name,
			       strcmp(type, "application/pdf") == 0 ? "PDF 文件"
			       : strcmp(type, "image/png") == 0     ? "PNG 图片"
								    : "JPEG 图片");
	return FZ_OK;
}
