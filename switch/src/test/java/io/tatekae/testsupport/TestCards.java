package io.tatekae.testsupport;

import org.jpos.iso.ISOMsg;

/** The cards of {@code /provisioning/test-cards.jsonl}: PAN, expiry and name as provisioned. */
public enum TestCards {
    TARO("3540991000000027", "3012", "TARO YAMADA", "A0000001"),
    HANAKO("3540991000000035", "3012", "HANAKO YAMADA", "A0000001"),
    FROZEN("3540991000000043", "3012", "JIRO YAMADA", "A0000001"),
    PENDING("3540991000000050", "3012", "SABURO YAMADA", "A0000001"),
    CLOSED("3540991000000068", "3012", "SHIRO YAMADA", "A0000001"),
    DELINQUENT("3540991000000076", "3012", "KENTA SUZUKI", "A0000002"),
    EXPIRED("3540991000000084", "2401", "YUKI TANAKA", "A0000003"),
    SMALL_CREDIT("3540991000000092", "3012", "SHOTA SATO", "A0000004"),
    MOSTLY_OWED("3540991000000100", "3012", "MISAKI ITO", "A0000005"),
    CONCURRENCY("3540991000000118", "3012", "RYO KOBAYASHI", "A0000006"),
    VELOCITY("3540991000000126", "3012", "AOI WATANABE", "A0000007"),
    REVERSALS("3540991000000134", "3012", "SHUNSUKE HONMA", "A0000008"),
    SPARE("3540991000000142", "3012", "KAITO NAKAMURA", "A0000009");

    public final String pan;
    public final String expiry;
    public final String name;
    public final String account;

    TestCards(String pan, String expiry, String name, String account) {
        this.pan = pan;
        this.expiry = expiry;
        this.name = name;
        this.account = account;
    }

    /** A purchase this card should get approved (given credit), with a fresh STAN. */
    public ISOMsg purchase(long amount, String stan) {
        return Messages.purchase(pan, expiry, name, amount, stan);
    }
}
