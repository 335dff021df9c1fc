package io.tatekae.engine.name;

/** Outcome of the cardholder name check, with its DE 48 tag 88 code (iso8583-profile.md §5). */
public enum NameResult {
    MATCH('M'),
    PARTIAL('P'),
    NO_MATCH('N'),
    NOT_SUPPLIED('U');

    private final byte code;

    NameResult(char code) {
        this.code = (byte) code;
    }

    /** The ASCII byte sent in DE 48 tag 88. */
    public byte code() {
        return code;
    }
}
