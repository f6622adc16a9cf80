/* embed.h - files carried inside the binary (SQL migrations, CSS), made by
 * scripts/embed.py at build time. Each table ends with a { NULL } row. */
#ifndef FZ_BASE_EMBED_H
#define FZ_BASE_EMBED_H

#include <stddef.h>

struct embedded_file {
	const char *name; /* base name, e.g. "001_init.sql" */
	size_t size;
	const char *data; /* NUL-terminated */
};

#endif
