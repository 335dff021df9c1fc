package io.tatekae.state;

/** Accounts and cards as the state tests build them: one shape, so the tests differ only in what they check. */
final class StateFixtures {
    private StateFixtures() {
    }

    static AccountState account(String id, long creditLimit) {
        AccountState acct = new AccountState().creditLimit(creditLimit).kycVerified(true);
        acct.id().set(id);
        return acct;
    }

    /** An active card of TARO YAMADA expiring 2030-12, keyed by {@code hasher}, showing only its masked PAN. */
    static CardState card(PanHasher hasher, String pan, int accountIndex, long limit) {
        CardState card = new CardState().expiryYymm(3012).status(CardStatus.ACTIVE).limit(limit).accountIndex(accountIndex);
        hasher.hash(pan, card.panKey());
        card.maskedPan().set(MaskedPan.of(pan));
        card.name().set("TARO YAMADA");
        return card;
    }
}
