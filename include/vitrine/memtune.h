/* memtune: the allocator settings every Vitrine process starts with.
 * Parsing a feed makes hundreds of thousands of small allocations (the cJSON
 * tree) and frees them all at once. glibc's fast bins keep those small
 * chunks unmerged, and the next large request then walks and merges all of
 * them (malloc_consolidate): a third of the parse time on the snapshot.
 * Without fast bins a freed chunk is merged at once (tcache still serves
 * the hot sizes): the parse of the 6.5 MB snapshot went from ~32 to ~18 ms
 * (tests/bench/bench_core, medians of 9, same machine, same minute).
 *
 * Blocks of 256 KiB and more are mapped on their own, always: glibc would
 * otherwise raise that threshold each time such a block is freed, and the
 * feed bodies and JSON trees of a refresh (~12 MB) would then come from the
 * heap and stay in the kiosk's resident size after they are freed. Mapped,
 * they leave with their free. */
#ifndef VITRINE_MEMTUNE_H
#define VITRINE_MEMTUNE_H

/* Call first thing in main; harmless elsewhere and with other C libraries
 * (then it does nothing). */
void memtune_apply(void);

#endif
