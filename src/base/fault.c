/* fault.c - allocation-failure injection (see fault.h). */
#include "base/fault.h"

static _Thread_local bool armed;
static _Thread_local bool injected;
static _Thread_local long left;

void fault_alloc_after(long n)
{
	armed = true;
	injected = false;
	left = n;
}

bool fault_alloc_off(void)
{
	armed = false;
	return injected;
}

bool fault_alloc_fails(void)
{
	if (!armed)
		return false;
	if (left > 0) {
		left--;
		return false;
	}
	injected = true;
	return true;
}
