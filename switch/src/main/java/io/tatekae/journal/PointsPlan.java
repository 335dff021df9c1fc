package io.tatekae.journal;

/** The account's points plan as journaled with a posting. The code is the byte stored on disk. */
public enum PointsPlan {
    NONE(0, 0),
    STANDARD(1, 1),
    PLUS(2, 3);

    /** Points are earned per full this many yen. */
    public static final long YEN_PER_POINT_UNIT = 200;

    private final byte code;
    private final int pointsPerUnit;

    PointsPlan(int code, int pointsPerUnit) {
        this.code = (byte) code;
        this.pointsPerUnit = pointsPerUnit;
    }

    public byte code() {
        return code;
    }

    /** Points a posted purchase of {@code yen} earns: per full 200 yen, 1 on STANDARD, 3 on PLUS. */
    public long pointsFor(long yen) {
        return yen <= 0 ? 0 : (yen / YEN_PER_POINT_UNIT) * pointsPerUnit;
    }

    public static PointsPlan fromCode(int code) {
        return switch (code) {
            case 0 -> NONE;
            case 1 -> STANDARD;
            case 2 -> PLUS;
            default -> null;
        };
    }
}
