/* memtune: implements memtune.h. */
#include "vitrine/memtune.h"

#include <stdlib.h> /* defines __GLIBC__ with the C library */

#define MEMTUNE_MMAP_THRESHOLD (256 * 1024)
#ifdef __GLIBC__
#include <malloc.h>
#endif

void memtune_apply(void)
{
#ifdef __GLIBC__
    mallopt(M_MXFAST, 0); /* no fast bins: see memtune.h */
    mallopt(M_MMAP_THRESHOLD, MEMTUNE_MMAP_THRESHOLD);
#endif
}
