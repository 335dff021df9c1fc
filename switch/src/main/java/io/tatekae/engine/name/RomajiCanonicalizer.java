package io.tatekae.engine.name;

/**
 * Rewrites one name token (upper-case A-Z only) into a canonical spelling, so that the Hepburn,
 * Kunrei-shiki and common keyboard spellings of one Japanese name come out identical. The rules
 * are listed in README.md next to this file. The output is never longer than the input.
 */
final class RomajiCanonicalizer {
    private RomajiCanonicalizer() {
    }

    /**
     * Canonicalizes in[start, end) into out starting at {@code o}; returns the index after the
     * last byte written. A non-empty input always gives a non-empty output.
     */
    static int canonicalize(byte[] in, int start, int end, byte[] out, int o) {
        final int first = o;
        int i = start;
        while (i < end) {
            final byte c = in[i];
            final byte n1 = i + 1 < end ? in[i + 1] : 0;
            final byte n2 = i + 2 < end ? in[i + 2] : 0;
            int consumed = 0;
            switch (c) {
                case 'S' -> { // SHI -> SI, SHA -> SYA
                    if (n1 == 'H' && isVowel(n2)) {
                        o = palatal('S', n2, out, o);
                        consumed = 3;
                    }
                }
                case 'C' -> { // CHI -> TI, CHA/CYA -> TYA, CCH -> TCH
                    if ((n1 == 'H' || n1 == 'Y') && isVowel(n2)) {
                        o = palatal('T', n2, out, o);
                        consumed = 3;
                    } else if (n1 == 'C' && n2 == 'H') {
                        out[o++] = 'T';
                        consumed = 1;
                    }
                }
                case 'T' -> { // TSU -> TU
                    if (n1 == 'S' && n2 == 'U') {
                        out[o++] = 'T';
                        out[o++] = 'U';
                        consumed = 3;
                    }
                }
                case 'F' -> { // FU -> HU (FA, FI, FE, FO stay: they are not HA, HI, HE, HO)
                    if (n1 == 'U') {
                        out[o++] = 'H';
                        out[o++] = 'U';
                        consumed = 2;
                    }
                }
                case 'J' -> { // JI -> ZI, JA/JYA -> JA
                    if (n1 == 'Y' && isVowel(n2)) {
                        o = voicedPalatal(n2, out, o);
                        consumed = 3;
                    } else if (isVowel(n1)) {
                        o = voicedPalatal(n1, out, o);
                        consumed = 2;
                    }
                }
                case 'Z', 'D' -> { // ZYA/DYA -> JA, DI -> ZI, DU -> ZU
                    if (n1 == 'Y' && isVowel(n2)) {
                        o = voicedPalatal(n2, out, o);
                        consumed = 3;
                    } else if (c == 'D' && (n1 == 'I' || n1 == 'U')) {
                        out[o++] = 'Z';
                        out[o++] = n1;
                        consumed = 2;
                    }
                }
                case 'M' -> { // syllabic M before B, M, P is written N
                    if (n1 == 'B' || n1 == 'M' || n1 == 'P') {
                        out[o++] = 'N';
                        consumed = 1;
                    }
                }
                case 'N' -> { // keyboard NN for a syllabic N not followed by a vowel or Y
                    if (n1 == 'N' && !isVowel(n2) && n2 != 'Y') {
                        out[o++] = 'N';
                        consumed = 2;
                    }
                }
                case 'H' -> { // OH + consonant or end is a long O; an H before a vowel or Y starts a syllable
                    if (!isVowel(n1) && n1 != 'Y' && o > first && out[o - 1] == 'O') {
                        consumed = 1;
                    }
                }
                case 'A', 'E', 'O', 'U' -> { // long vowels: AA, EE, OO, UU, OU
                    if (o > first && (out[o - 1] == c || (c == 'U' && out[o - 1] == 'O'))) {
                        consumed = 1;
                    }
                }
                default -> {
                }
            }
            if (consumed == 0) {
                out[o++] = c;
                consumed = 1;
            }
            i += consumed;
        }
        return o;
    }

    private static int palatal(char consonant, byte vowel, byte[] out, int o) {
        out[o++] = (byte) consonant;
        if (vowel != 'I') {
            out[o++] = 'Y';
        }
        out[o++] = vowel;
        return o;
    }

    private static int voicedPalatal(byte vowel, byte[] out, int o) {
        out[o++] = vowel == 'I' ? (byte) 'Z' : (byte) 'J';
        out[o++] = vowel;
        return o;
    }

    static boolean isVowel(byte b) {
        return b == 'A' || b == 'I' || b == 'U' || b == 'E' || b == 'O';
    }
}
