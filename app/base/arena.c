/* arena: chained blocks; allocations are bumped from the newest block and
 * freed all at once. Big requests get a block of their own.
 * Under AddressSanitizer the unused part of every block is poisoned and each
 * allocation is followed by a poisoned red zone, so that a write past an
 * array of the model is reported like a heap overflow, not silently spilled
 * into the next string (the fuzz targets rely on it). */
#include "vitrine/arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SANITIZE_ADDRESS__)
#define ARENA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_ASAN 1
#endif
#endif
#ifdef ARENA_ASAN
#include <sanitizer/asan_interface.h>
#define ARENA_REDZONE 16 /* poisoned bytes after each allocation */
#else
#define ASAN_POISON_MEMORY_REGION(addr, size) ((void)(addr), (void)(size))
#define ASAN_UNPOISON_MEMORY_REGION(addr, size) ((void)(addr), (void)(size))
#define ARENA_REDZONE 0
#endif

#define ARENA_BLOCK_SIZE ((size_t)64 * 1024)
#define ARENA_ALIGN 16
#define ARENA_MAX_ALLOC ((size_t)1 << 30)

typedef struct block {
    struct block *next;
    size_t used, cap;
    _Alignas(16) unsigned char data[];
} block;

struct arena {
    block *head;
    size_t block_size;
};

arena *arena_new(void)
{
    return arena_new_blocks(ARENA_BLOCK_SIZE);
}

arena *arena_new_blocks(size_t block_size)
{
    arena *a = calloc(1, sizeof(arena));
    if (a)
        a->block_size = block_size < ARENA_BLOCK_SIZE ? ARENA_BLOCK_SIZE : block_size;
    return a;
}

void arena_free(arena *a)
{
    if (!a)
        return;
    block *b = a->head;
    while (b) {
        block *next = b->next;
        ASAN_UNPOISON_MEMORY_REGION(b->data, b->cap);
        free(b);
        b = next;
    }
    free(a);
}

void arena_reset(arena *a)
{
    if (!a || !a->head)
        return;
    block *keep = NULL, *b = a->head;
    while (b) {
        block *next = b->next;
        if (!keep && b->cap == a->block_size) {
            keep = b; /* a regular block: dedicated ones are freed */
        } else {
            ASAN_UNPOISON_MEMORY_REGION(b->data, b->cap);
            free(b);
        }
        b = next;
    }
    a->head = keep;
    if (keep) {
        ASAN_UNPOISON_MEMORY_REGION(keep->data, keep->used);
        memset(keep->data, 0, keep->used); /* arena_alloc's memory is zeroed */
        ASAN_POISON_MEMORY_REGION(keep->data, keep->cap);
        keep->used = 0;
        keep->next = NULL;
    }
}

static block *block_new(size_t cap)
{
    block *b = calloc(1, sizeof(block) + cap);
    if (b) {
        b->cap = cap;
        ASAN_POISON_MEMORY_REGION(b->data, cap);
    }
    return b;
}

void *arena_alloc(arena *a, size_t size)
{
    if (!a || size > ARENA_MAX_ALLOC)
        return NULL;
    const size_t asked = size;
    size = (size + ARENA_REDZONE + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (size == 0)
        size = ARENA_ALIGN;
    block *b = a->head;
    if (!b || b->cap - b->used < size) {
        if (size > a->block_size / 4) {
            /* Dedicated block, linked behind the head so the head's free
             * space stays usable. */
            block *big = block_new(size);
            if (!big)
                return NULL;
            big->used = size;
            ASAN_UNPOISON_MEMORY_REGION(big->data, asked);
            if (b) {
                big->next = b->next;
                b->next = big;
            } else {
                a->head = big;
            }
            return big->data;
        }
        b = block_new(a->block_size);
        if (!b)
            return NULL;
        b->next = a->head;
        a->head = b;
    }
    void *p = b->data + b->used;
    b->used += size;
    ASAN_UNPOISON_MEMORY_REGION(p, asked);
    return p; /* calloc'ed blocks: already zero */
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    if (n >= ARENA_MAX_ALLOC)
        return NULL;
    char *p = arena_alloc(a, n + 1);
    if (p && n)
        memcpy(p, s, n);
    return p;
}

char *arena_strdup(arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}
