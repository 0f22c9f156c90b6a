/* fuzz_text: the UTF-8 helpers every parser runs feed strings through
 * (text_trim, text_html_decode, text_employer_key, which lower-cases)
 * on an arbitrary NUL-terminated string, with output
 * buffers of exact sizes from 1 byte up, so that ASan sees any overrun.
 * Outputs fit their buffer, report their length, and stay valid UTF-8 when
 * the input is. */
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "vitrine/text.h"

/* Output buffer sizes tried: the edge cases and a roomy one (0: input + 8). */
static const size_t OUT_SIZES[] = {1, 2, 3, 4, 8, 13, 64, 0};

/* True when s is well-formed UTF-8 (no overlongs, surrogates, > U+10FFFF). */
static bool utf8_valid(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    while (*u) {
        size_t n = *u < 0x80                  ? 1
                   : *u >= 0xC2 && *u <= 0xDF ? 2
                   : *u >= 0xE0 && *u <= 0xEF ? 3
                   : *u >= 0xF0 && *u <= 0xF4 ? 4
                                              : 0;
        if (n == 0)
            return false;
        for (size_t i = 1; i < n; i++)
            if ((u[i] & 0xC0) != 0x80)
                return false;
        if ((u[0] == 0xE0 && u[1] < 0xA0) || (u[0] == 0xED && u[1] >= 0xA0) ||
            (u[0] == 0xF0 && u[1] < 0x90) || (u[0] == 0xF4 && u[1] >= 0x90))
            return false;
        u += n;
    }
    return true;
}

typedef size_t (*text_fn)(const char *, char *, size_t);

static void check_fn(text_fn fn, const char *in, bool valid, size_t outsz)
{
    char *out = malloc(outsz);
    FUZZ_CHECK(out != NULL);
    size_t n = fn(in, out, outsz);
    FUZZ_CHECK(n < outsz && n == strlen(out));
    FUZZ_CHECK(!valid || utf8_valid(out));
    free(out);
}

static void check_trim(const char *in, size_t len)
{
    char *out = malloc(len + 1), *again = malloc(len + 1);
    FUZZ_CHECK(out && again);
    size_t n = text_trim(in, out, len + 1);
    FUZZ_CHECK((n == 0) == text_is_blank(in));
    FUZZ_CHECK(n == 0 || !text_is_blank(out));
    FUZZ_CHECK(text_trim(out, again, len + 1) == n && strcmp(out, again) == 0);
    free(out);
    free(again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *in = malloc(size + 1);
    FUZZ_CHECK(in != NULL);
    memcpy(in, data, size);
    in[size] = '\0';
    size_t len = strlen(in);
    bool valid = utf8_valid(in);
    for (size_t i = 0; i < sizeof OUT_SIZES / sizeof *OUT_SIZES; i++) {
        size_t outsz = OUT_SIZES[i] ? OUT_SIZES[i] : len + 8;
        check_fn(text_trim, in, valid, outsz);
        check_fn(text_html_decode, in, valid, outsz);
        check_fn(text_employer_key, in, valid, outsz);
    }
    check_trim(in, len);
    free(in);
    return 0;
}
