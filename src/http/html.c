/* html.c - the escaping printf behind every page. It parses the format
 * itself rather than calling vsnprintf so that no argument can reach the
 * output without passing through html_esc(). */
#include "http/html.h"

#include <stdio.h>
#include <sys/types.h>
#include <string.h>

void html_esc(struct buf *b, const char *s)
{
	if (!s)
		return;
	const char *run = s;
	for (const char *p = s; *p; p++) {
		const char *ent;
		switch (*p) {
		case '&': ent = "&amp;"; break;
		case '<': ent = "&lt;"; break;
		case '>': ent = "&gt;"; break;
		case '"': ent = "&quot;"; break;
		case '\'': ent = "&#39;"; break;
		default: continue;
		}
		buf_add(b, run, (size_t)(p - run));
		buf_adds(b, ent);
		run = p + 1;
	}
	buf_adds(b, run);
}

void html_raw(struct buf *b, const char *s)
{
	if (s)
		buf_adds(b, s);
}

void html_vf(struct buf *b, const char *fmt, va_list ap)
{
	char num[32];
	const char *p = fmt;

	while (*p) {
		const char *pct = strchr(p, '%');
		if (!pct) {
			buf_adds(b, p);
			return;
		}
		buf_add(b, p, (size_t)(pct - p));
		p = pct + 1;
		switch (*p) {
		case '%':
			buf_addc(b, '%');
			p++;
			continue;
		case 's':
			html_esc(b, va_arg(ap, const char *));
			p++;
			continue;
		case 'c': {
			char one[2] = { (char)va_arg(ap, int), '\0' };
			html_esc(b, one);
			p++;
			continue;
		}
		case 'd':
		case 'i':
			snprintf(num, sizeof num, "%d", va_arg(ap, int));
			p++;
			break;
		case 'u':
			snprintf(num, sizeof num, "%u", va_arg(ap, unsigned));
			p++;
			break;
		case 'z':
			if (p[1] == 'u')
				snprintf(num, sizeof num, "%zu", va_arg(ap, size_t));
			else if (p[1] == 'd')
				snprintf(num, sizeof num, "%zd", va_arg(ap, ssize_t));
			else
				goto unsupported;
			p += 2;
			break;
		case 'l':
			if (p[1] == 'l') {
				if (p[2] == 'd' || p[2] == 'i')
					snprintf(num, sizeof num, "%lld", va_arg(ap, long long));
				else if (p[2] == 'u')
					snprintf(num, sizeof num, "%llu",
						 va_arg(ap, unsigned long long));
				else
					goto unsupported;
				p += 3;
			} else {
				if (p[1] == 'd' || p[1] == 'i')
					snprintf(num, sizeof num, "%ld", va_arg(ap, long));
				else if (p[1] == 'u')
					snprintf(num, sizeof num, "%lu", va_arg(ap, unsigned long));
				else
					goto unsupported;
				p += 2;
			}
			break;
		default:
			goto unsupported;
		}
		buf_adds(b, num);
	}
	return;
unsupported:
	/* Width, precision, %x, %f ...: refuse rather than guess which
	 * argument comes next. buf's sticky error surfaces as a 500. */
	b->failed = true;
}

void html_f(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	html_vf(b, fmt, ap);
	va_end(ap);
}
