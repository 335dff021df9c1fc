package io.tatekae.engine.name;

/**
 * Rewrites one name token (upper-case A-Z only) into a canonical spelling, so that the Hepburn,
 * Kunrei-shiki and common keyboard spellings of one Japanese name come out identical. The rules
 * are listed in README.md next to this file. The output is never longer than the input.
 * Reusable, single-threaded, allocates nothing.
 */
final class RomajiCanonicalizer {
    private byte[] out;
    private int written;
    private int tokenStart;

    /**
     * Canonicalizes in[start, end) into out starting at {@code outOff}; returns the index after
     * the last byte written. A non-empty input always gives a non-empty output.
     */
    int canonicalize(byte[] in, int start, int end, byte[] out, int outOff) {
        this.out = out;
        this.written = outOff;
        this.tokenStart = outOff;
        int i = start;
        while (i < end) {
            final byte c = in[i];
            final byte n1 = i + 1 < end ? in[i + 1] : 0;
            final byte n2 = i + 2 < end ? in[i + 2] : 0;
            int consumed = spellingRule(c, n1, n2);
            if (consumed == 0) {
                consumed = longVowelRule(c, n1);
            }
            if (consumed == 0) {
                emit(c);
                consumed = 1;
            }
            i += consumed;
        }
        this.out = null;
        return written;
    }

    /** Consonant spellings; returns the input bytes consumed, 0 when no rule applies. */
    private int spellingRule(byte c, byte n1, byte n2) {
        switch (c) {
            case 'S' -> { // SHI -> SI, SHA -> SYA
                if (n1 == 'H' && isVowel(n2)) {
                    return palatal('S', n2, 3);
                }
            }
            case 'C' -> { // CHI -> TI, CHA/CYA -> TYA, CCH -> TCH
                if ((n1 == 'H' || n1 == 'Y') && isVowel(n2)) {
                    return palatal('T', n2, 3);
                }
                if (n1 == 'C' && n2 == 'H') {
                    return emit('T', 1);
                }
            }
            case 'T' -> { // TSU -> TU
                if (n1 == 'S' && n2 == 'U') {
                    emit('T');
                    return emit('U', 3);
                }
            }
            case 'F' -> { // FU -> HU (FA, FI, FE, FO stay: they are not HA, HI, HE, HO)
                if (n1 == 'U') {
                    emit('H');
                    return emit('U', 2);
                }
            }
            case 'J' -> { // JI -> ZI, JA/JYA -> JA
                if (n1 == 'Y' && isVowel(n2)) {
                    return voicedPalatal(n2, 3);
                }
                if (isVowel(n1)) {
                    return voicedPalatal(n1, 2);
                }
            }
            case 'Z', 'D' -> { // ZYA/DYA -> JA, DI -> ZI, DU -> ZU
                if (n1 == 'Y' && isVowel(n2)) {
                    return voicedPalatal(n2, 3);
                }
                if (c == 'D' && (n1 == 'I' || n1 == 'U')) {
                    emit('Z');
                    return emit(n1, 2);
                }
            }
            case 'M' -> { // syllabic M before B, M, P is written N
                if (n1 == 'B' || n1 == 'M' || n1 == 'P') {
                    return emit('N', 1);
                }
            }
            case 'N' -> { // keyboard NN for a syllabic N not followed by a vowel or Y
                if (n1 == 'N' && !isVowel(n2) && n2 != 'Y') {
                    return emit('N', 2);
                }
            }
            default -> {
            }
        }
        return 0;
    }

    /** Drops a lengthening letter (returns 1), or returns 0 when c is not one. */
    private int longVowelRule(byte c, byte n1) {
        if (written == tokenStart) {
            return 0;
        }
        final byte previous = out[written - 1];
        if (c == 'H') { // OH + consonant or end is a long O; H before a vowel or Y starts a syllable
            return previous == 'O' && !isVowel(n1) && n1 != 'Y' ? 1 : 0;
        }
        if (c == 'A' || c == 'E' || c == 'O' || c == 'U') { // AA, EE, OO, UU, OU
            return previous == c || (c == 'U' && previous == 'O') ? 1 : 0;
        }
        return 0;
    }

    private int palatal(char consonant, byte vowel, int consumed) {
        emit((byte) consonant);
        if (vowel != 'I') {
            emit('Y');
        }
        return emit(vowel, consumed);
    }

    private int voicedPalatal(byte vowel, int consumed) {
        emit(vowel == 'I' ? (byte) 'Z' : (byte) 'J');
        return emit(vowel, consumed);
    }

    private void emit(int b) {
        out[written++] = (byte) b;
    }

    private int emit(int b, int consumed) {
        emit(b);
        return consumed;
    }

    static boolean isVowel(byte b) {
        return b == 'A' || b == 'I' || b == 'U' || b == 'E' || b == 'O';
    }
}
