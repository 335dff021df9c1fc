package io.tatekae.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CreditLineTest {

    @Test
    void cardLimitCapsTheAccountLine() {
        CardState card = new CardState().limit(30_000);
        AccountState acct = new AccountState().creditLimit(50_000).outstanding(5_000).openHolds(2_000);
        assertEquals(23_000, CreditLine.availableCredit(card, acct));
    }

    @Test
    void accountLineCapsTheCardLimit() {
        CardState card = new CardState().limit(50_000);
        AccountState acct = new AccountState().creditLimit(20_000).outstanding(0).openHolds(1_500);
        assertEquals(18_500, CreditLine.availableCredit(card, acct));
    }

    @Test
    void goesNegativeWhenTheAccountIsOverItsLine() {
        CardState card = new CardState().limit(10_000);
        AccountState acct = new AccountState().creditLimit(50_000).outstanding(9_000).openHolds(4_000);
        assertEquals(-3_000, CreditLine.availableCredit(card, acct));
    }
}
