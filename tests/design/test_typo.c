/* typo_fr on the tricky cases of French typography: URLs and e-mail
 * addresses untouched, already-correct text unchanged, « at a line's end,
 * l'API, "C'est : oui !", numbers, ordinals, months; and idempotence. */
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "vitrine/typo.h"

#define NB "\xC2\xA0"
#define NN "\xE2\x80\xAF"
#define AP "\xE2\x80\x99"

static void check(const char *in, const char *want)
{
    char out[512], again[512];
    size_t n = typo_fr(in, out, sizeof out);
    CHECK_STR(out, want);
    CHECK_INT(n, strlen(want));
    typo_fr(out, again, sizeof again); /* idempotent */
    CHECK_STR(again, want);
}

static void apostrophes(void)
{
    check("l'API", "l" AP "API");
    check("d'intérêt général, aujourd'hui", "d" AP "intérêt général, aujourd" AP "hui");
    check("l" AP "API", "l" AP "API");
}

static void punctuation(void)
{
    check("C'est : oui !", "C" AP "est" NN ": oui" NN "!");
    check("C'est: oui!", "C" AP "est" NN ": oui" NN "!");
    check("Vraiment ?!", "Vraiment" NN "?!");
    check("a ; b", "a" NN "; b");
    check("Source" NB ": x", "Source" NN ": x");
    check("à 10:30", "à 10:30");
    check("(?)", "(?)");
    check("? au début", "? au début");
}

static void guillemets(void)
{
    check("« Opéré »", "«" NB "Opéré" NB "»");
    check("«Opéré»", "«" NB "Opéré" NB "»");
    check("phase « Opéré » : oui", "phase «" NB "Opéré" NB "»" NN ": oui");
    check("«  x  »", "«" NB "x" NB "»");
    check("fin «", "fin «"); /* « at the end: nothing to glue it to */
    check("«" NB "x" NB "»", "«" NB "x" NB "»");
}

static void addresses(void)
{
    check("voir https://beta.gouv.fr/a?b=c:d l'été",
          "voir https://beta.gouv.fr/a?b=c:d l" AP "été");
    check("contact@beta.gouv.fr!", "contact@beta.gouv.fr!");
    check("www.l'url.fr", "www.l'url.fr");
    check("mailto:o'neil@x.fr", "mailto:o'neil@x.fr");
}

static void numbers(void)
{
    check("10 000 usagers", "10" NN "000 usagers");
    check("1 000 000", "1" NN "000" NN "000");
    check("en 2019 300 agents", "en 2019 300 agents");
    check("Promo 2 2018", "Promo 2 2018");
    check("1" NN "360", "1" NN "360");
}

static void ordinals(void)
{
    check("la 5e promotion", "la 5\xE1\xB5\x89 promotion");
    check("1er mars 2024", "1\xE1\xB5\x89\xCA\xB3 mars 2024");
    check("la 1re, la 2ème, la 3eme.",
          "la 1\xCA\xB3\xE1\xB5\x89, la 2\xE1\xB5\x89, la 3\xE1\xB5\x89.");
    check("5ex 5e3 e5", "5ex 5e3 e5");
}

static void months(void)
{
    check("depuis Septembre 2024", "depuis septembre 2024");
    check("Septembre 2024 : lancement", "Septembre 2024" NN ": lancement");
    check("Fin. Mars 2020", "Fin. Mars 2020");
    check("le 1er Mars", "le 1\xE1\xB5\x89\xCA\xB3 mars");
    check("la planète Mars", "la planète Mars");
}

static void cut_and_null(void)
{
    char out[6];
    size_t n = typo_fr("l'API est là", out, sizeof out);
    CHECK_INT(n, strlen("l" AP "API est là"));
    CHECK_STR(out, "l" AP "A"); /* cut on a character boundary */
    CHECK(typo_fr_dup(NULL) == NULL);
    char *d = typo_fr_dup("«x»?");
    CHECK_STR(d, "«" NB "x" NB "»" NN "?");
    free(d);
}

int main(void)
{
    apostrophes();
    punctuation();
    guillemets();
    addresses();
    numbers();
    ordinals();
    months();
    cut_and_null();
    return test_report();
}
