/* mask.c - masking personal numbers for readers who may not see them
 * whole: the API, audit change records and exports share these shapes. */
#include "base/mask.h"

#include <string.h>

void mask_keep(const char *s, size_t head, size_t tail, char out[MASK_MAX])
{
	size_t len = s ? strlen(s) : 0, i;
	bool ascii = true;
	for (i = 0; i < len; i++)
		ascii = ascii && (unsigned char)s[i] < 0x80;
	if (len >= MASK_MAX)
		len = MASK_MAX - 1;
	for (i = 0; i < len; i++) {
		bool keep = ascii && len > head + tail && (i < head || i >= len - tail);
		out[i] = keep ? s[i] : '*';
	}
	out[len] = '\0';
}

void mask_resident_id(const char *s, char out[MASK_MAX])
{
	mask_keep(s, 6, 4, out);
}

void mask_phone(const char *s, char out[MASK_MAX])
{
	mask_keep(s, 3, 4, out);
}

bool mask_looks_like_resident_id(const char *s)
{
	if (!s || strlen(s) != 18)
		return false;
	for (int i = 0; i < 17; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return (s[17] >= '0' && s[17] <= '9') || s[17] == 'X' || s[17] == 'x';
}
