/* err.c - names, messages and the two mapping tables (HTTP, exit codes)
 * for enum fz_err. One row per code keeps the tables from drifting apart. */
#include "base/err.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

struct err_row {
	const char *name;
	const char *message;
	int http;
	int exit_code;
};

static const struct err_row err_rows[FZ_ERR_COUNT] = {
	[FZ_OK] = { "ok", "成功", 200, 0 },
	[FZ_NOMEM] = { "no_memory", "服务器内存不足，请稍后重试", 503, 70 },
	[FZ_INVALID] = { "invalid", "输入内容不符合要求", 400, 2 },
	[FZ_UNAUTHORIZED] = { "unauthorized", "请先登录", 401, 3 },
	[FZ_FORBIDDEN] = { "forbidden", "没有执行此操作的权限", 403, 4 },
	[FZ_NOTFOUND] = { "not_found", "未找到所请求的对象", 404, 5 },
	[FZ_CONFLICT] = { "conflict", "与已有数据冲突", 409, 6 },
	[FZ_LOCKED] = { "locked", "账号已被锁定，请稍后再试", 423, 7 },
	[FZ_TOOLARGE] = { "too_large", "请求内容过大", 413, 2 },
	[FZ_RATELIMIT] = { "rate_limited", "尝试次数过多，请稍后再试", 429, 7 },
	/* 75 = EX_TEMPFAIL (sysexits.h): try again later */
	[FZ_BUSY] = { "busy", "系统繁忙，本次操作未保存，请稍后重试", 503, 75 },
	[FZ_IO] = { "io_error", "读写文件失败", 500, 74 },
	/* 507 Insufficient Storage (RFC 4918); 73 = EX_CANTCREAT */
	[FZ_FULL] = { "storage_full", "存储空间已满，本次操作未保存，请联系系统管理员", 507, 73 },
	[FZ_DB] = { "storage_error", "数据存储失败", 500, 74 },
	[FZ_INTERNAL] = { "internal", "服务器内部错误", 500, 70 },
};

static const struct err_row *err_row(enum fz_err code)
{
	if ((unsigned)code >= FZ_ERR_COUNT)
		code = FZ_INTERNAL;
	return &err_rows[code];
}

/* A message longer than the room ends at a whole character followed by
 * "…": cut inside a UTF-8 sequence it would not be UTF-8 at all, and a
 * JSON writer refuses the whole answer for it (a 400 with no body). */
static void message_fit(char *m, size_t cap, int wanted)
{
	static const char more[] = "…";
	if (wanted < 0 || (size_t)wanted < cap)
		return;
	size_t end = cap - sizeof more; /* room for "…" and the NUL */
	/* back to the first byte of the character at end */
	while (end > 0 && ((unsigned char)m[end] & 0xC0) == 0x80)
		end--;
	memcpy(m + end, more, sizeof more);
}

enum fz_err fz_fail(struct fz_error *e, enum fz_err code, const char *field,
		    const char *fmt, ...)
{
	if (!e)
		return code;
	e->code = code;
	snprintf(e->field, sizeof e->field, "%s", field ? field : "");
	if (fmt) {
		va_list ap;
		va_start(ap, fmt);
		int wanted = vsnprintf(e->message, sizeof e->message, fmt, ap);
		va_end(ap);
		message_fit(e->message, sizeof e->message, wanted);
	} else {
		snprintf(e->message, sizeof e->message, "%s", fz_err_message(code));
	}
	return code;
}

void fz_error_clear(struct fz_error *e)
{
	if (e)
		memset(e, 0, sizeof *e);
}

const char *fz_err_name(enum fz_err code) { return err_row(code)->name; }
const char *fz_err_message(enum fz_err code) { return err_row(code)->message; }
int fz_err_http_status(enum fz_err code) { return err_row(code)->http; }
int fz_err_exit_code(enum fz_err code) { return err_row(code)->exit_code; }

enum fz_err fz_err_from_errno(int err)
{
	return err == ENOSPC || err == EDQUOT || err == EFBIG ? FZ_FULL : FZ_IO;
}
