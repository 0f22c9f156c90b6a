/* memtune: implements memtune.h. */
#include "vitrine/memtune.h"

#include <stdlib.h> /* defines __GLIBC__ with the C library */
#ifdef __GLIBC__
#include <malloc.h>
#endif

void memtune_apply(void)
{
#ifdef __GLIBC__
    mallopt(M_MXFAST, 0); /* no fast bins: see memtune.h */
#endif
}
