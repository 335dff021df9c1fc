package io.tatekae.engine.name;

/**
 * Compares the name a customer typed (DE 48 tag 01) with a card's {@link CardholderName}.
 * Reusable and single-threaded; allocates nothing per call. Rules: README.md next to this file.
 */
public final class NameMatcher {
    private final NameNormalizer typed = new NameNormalizer();
    private final int[] cardStart = new int[CardholderName.MAX_TOKENS];
    private final int[] cardLength = new int[CardholderName.MAX_TOKENS];
    private byte[] cardForm;
    private int cardTokens;

    /** Matches the typed name in buf[off, off+len); len 0 gives {@link NameResult#NOT_SUPPLIED}. */
    public NameResult match(byte[] buf, int off, int len, CardholderName card) {
        final byte[] form = card.form();
        return match(buf, off, len, form, 0);
    }

    /**
     * Same, with the card's serialized form read in place from cardForm[cardOff...]; the form must
     * have been produced by {@link CardholderName} (or checked with
     * {@link CardholderName#validateForm}) and is not validated again here.
     */
    public NameResult match(byte[] buf, int off, int len, byte[] cardForm, int cardOff) {
        if (len == 0) {
            return NameResult.NOT_SUPPLIED;
        }
        final int typedTokens = typed.normalize(buf, off, len);
        if (typedTokens == NameNormalizer.INVALID) {
            return NameResult.NO_MATCH;
        }
        if (typedTokens == 0) {
            return NameResult.NOT_SUPPLIED;
        }
        locateCardTokens(cardForm, cardOff);
        try {
            return decide(typedTokens);
        } finally {
            this.cardForm = null;
        }
    }

    private NameResult decide(int typedTokens) {
        final int family = cardTokens - 1;
        if (lettersEqualCard(false) || lettersEqualCard(true) || givenAndFamilyOnly(typedTokens)) {
            return NameResult.MATCH;
        }
        if (tokenEquals(0, family) || tokenEquals(typedTokens - 1, family)) {
            return NameResult.PARTIAL;
        }
        return NameResult.NO_MATCH;
    }

    private void locateCardTokens(byte[] form, int off) {
        cardForm = form;
        cardTokens = form[off + 1];
        int p = off + CardholderName.HEADER_BYTES;
        for (int t = 0; t < cardTokens; t++) {
            cardLength[t] = form[p];
            cardStart[t] = p + 1;
            p += 1 + cardLength[t];
        }
    }

    /**
     * All typed letters, spaces aside, equal the card's names in order (given first) or with the
     * family name moved to the front.
     */
    private boolean lettersEqualCard(boolean familyFirst) {
        int cardTotal = 0;
        for (int t = 0; t < cardTokens; t++) {
            cardTotal += cardLength[t];
        }
        if (cardTotal != typed.canonicalLength()) {
            return false;
        }
        final byte[] typedBytes = typed.canonical();
        int p = 0;
        for (int n = 0; n < cardTokens; n++) {
            final int t = familyFirst ? (n == 0 ? cardTokens - 1 : n - 1) : n;
            for (int i = 0; i < cardLength[t]; i++) {
                if (typedBytes[p++] != cardForm[cardStart[t] + i]) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Middle names left out: just the given name and the family name, in either order. */
    private boolean givenAndFamilyOnly(int typedTokens) {
        if (cardTokens < 3 || typedTokens != 2) {
            return false;
        }
        final int family = cardTokens - 1;
        return (tokenEquals(0, 0) && tokenEquals(1, family)) || (tokenEquals(0, family) && tokenEquals(1, 0));
    }

    private boolean tokenEquals(int typedToken, int cardToken) {
        final int length = typed.tokenLength(typedToken);
        if (length != cardLength[cardToken]) {
            return false;
        }
        final byte[] typedBytes = typed.canonical();
        final int typedStart = typed.tokenStart(typedToken);
        final int start = cardStart[cardToken];
        for (int i = 0; i < length; i++) {
            if (typedBytes[typedStart + i] != cardForm[start + i]) {
                return false;
            }
        }
        return true;
    }
}
