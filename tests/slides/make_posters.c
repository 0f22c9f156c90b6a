/* make_posters DIR: the posters of the memory budget (README, "Budgets")
 * written into DIR, made at run time (posterfiles.h):
 *   DIR/big.png    6300x6300, black, about 115 KB (159 MB decoded)
 *   DIR/liar.jpg   a 400x300 JPEG whose header claims 6000x4500
 *   DIR/photo.jpg  a 4000x3000 photo, left half red, right half blue
 * Exit 0, or 1 with the reason on stderr. Used by kiosk_posters and
 * toolchain/bench.py. */
#include <stdio.h>

#include "posterfiles.h"

#define BIG_SIDE 6300
#define PHOTO_W 4000
#define PHOTO_H 3000

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: make_posters DIR\n");
        return 2;
    }
    char big[4096], liar[4096], photo[4096];
    snprintf(big, sizeof big, "%s/big.png", argv[1]);
    snprintf(liar, sizeof liar, "%s/liar.jpg", argv[1]);
    snprintf(photo, sizeof photo, "%s/photo.jpg", argv[1]);
    long b = posterfiles_black_png(big, BIG_SIDE, BIG_SIDE);
    long l = posterfiles_liar(liar, 400, 300, 6000, 4500);
    long p = posterfiles_photo(photo, PHOTO_W, PHOTO_H);
    if (b < 0 || l < 0 || p < 0)
        return 1;
    printf("big.png %ld bytes, liar.jpg %ld bytes, photo.jpg %ld bytes\n", b, l, p);
    return 0;
}
