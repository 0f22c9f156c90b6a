/* posterfiles: the poster files the tests and the benchmark make at run
 * time (no binary fixture): a black PNG deflated to almost nothing (a
 * 6300x6300 one is about 115 KB, 159 MB decoded), a phone-like JPEG photo
 * (left half red, right half blue, with noise so that it weighs what a
 * photo weighs) and a JPEG whose frame header lies about its size. Each
 * returns the file's size, or -1 with the reason on stderr. */
#ifndef VITRINE_TEST_POSTERFILES_H
#define VITRINE_TEST_POSTERFILES_H

long posterfiles_black_png(const char *path, unsigned long w, unsigned long h);
long posterfiles_photo(const char *path, int w, int h);
/* A real w x h JPEG whose frame header then claims claim_w x claim_h:
 * larger, its data ends too soon; smaller, data is left over. */
long posterfiles_liar(const char *path, int w, int h, int claim_w, int claim_h);

#endif
