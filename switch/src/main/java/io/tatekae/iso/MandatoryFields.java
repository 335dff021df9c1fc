package io.tatekae.iso;

/**
 * The data elements each MTI must carry (the 'M' entries of profile §4). The decoder does not check
 * them: a request handler calls {@link #check} (or {@link #apply}) after a successful decode.
 */
public final class MandatoryFields {
    private static final int[] AUTHORIZATION_REQUEST = {2, 3, 4, 7, 11, 14, 18, 19, 22, 25, 32, 37, 42, 43, 49};
    private static final int[] AUTHORIZATION_ADVICE = {2, 3, 4, 7, 11, 14, 18, 19, 22, 25, 32, 37, 38, 39, 42, 43, 49};
    private static final int[] REVERSAL = {2, 3, 4, 7, 11, 32, 37, 42, 49, 90};
    private static final int[] NETWORK_MANAGEMENT = {7, 11, 70};
    private static final int[] RESPONSE = {39};
    private static final int[] NONE = {};

    private MandatoryFields() { }

    /** The mandatory DEs of an MTI, ascending (empty for an MTI outside the profile). */
    static int[] of(int mti) {
        return switch (mti) {
            case 100 -> AUTHORIZATION_REQUEST;
            case 120 -> AUTHORIZATION_ADVICE;
            case 400, 420 -> REVERSAL;
            case 800 -> NETWORK_MANAGEMENT;
            case 110, 130, 410, 430, 810 -> RESPONSE;
            default -> NONE;
        };
    }

    /** The first (lowest) mandatory DE the message lacks, or 0 when none is missing. */
    public static int check(IsoFields fields) {
        for (int de : of(fields.mti())) {
            if (!fields.has(de)) {
                return de;
            }
        }
        return 0;
    }

    /**
     * Runs {@link #check} on a message that decoded cleanly and records MISSING_FIELD with the DE
     * as errorField; returns the message's error (NONE when complete).
     */
    public static FormatError apply(IsoFields fields) {
        if (fields.error() != FormatError.NONE) {
            return fields.error();
        }
        int missing = check(fields);
        return missing == 0 ? FormatError.NONE : fields.failMissing(missing);
    }
}
