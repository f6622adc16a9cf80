/* mask.h - personal numbers shown in part: a resident ID keeps its first
 * six and last four characters (640522********1234), a phone number its
 * first three and last four (139****1234). Who sees them whole is decided
 * above (the person.write permission); this is only the shape. */
#ifndef FZ_BASE_MASK_H
#define FZ_BASE_MASK_H

#include <stdbool.h>
#include <stddef.h>

#define MASK_MAX 40 /* room for any value masked here, with its NUL */

/* Keeps the first head and last tail bytes of an ASCII value and stars
 * the rest; a value too short for that, or not ASCII, is all stars. A
 * value longer than MASK_MAX - 1 bytes is cut. s may be NULL (""). */
void mask_keep(const char *s, size_t head, size_t tail, char out[MASK_MAX]);
void mask_resident_id(const char *s, char out[MASK_MAX]);
void mask_phone(const char *s, char out[MASK_MAX]);
/* True when s has the shape of a resident ID: 17 digits and a digit or X. */
bool mask_looks_like_resident_id(const char *s);

#endif
