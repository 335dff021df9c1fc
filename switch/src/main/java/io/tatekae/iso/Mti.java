package io.tatekae.iso;

/** The message types of the profile (§3), as numbers (100 for "0100"). */
public final class Mti {
    public static final int AUTHORIZATION_REQUEST = 100;
    public static final int AUTHORIZATION_RESPONSE = 110;
    public static final int AUTHORIZATION_ADVICE = 120;
    public static final int AUTHORIZATION_ADVICE_RESPONSE = 130;
    public static final int REVERSAL_REQUEST = 400;
    public static final int REVERSAL_RESPONSE = 410;
    public static final int REVERSAL_ADVICE = 420;
    public static final int REVERSAL_ADVICE_RESPONSE = 430;
    public static final int NETWORK_MANAGEMENT_REQUEST = 800;
    public static final int NETWORK_MANAGEMENT_RESPONSE = 810;

    private Mti() { }

    /** True for the ten MTIs of the profile. */
    public static boolean isProfileMti(int mti) {
        return switch (mti) {
            case 100, 110, 120, 130, 400, 410, 420, 430, 800, 810 -> true;
            default -> false;
        };
    }

    /** The response MTI for a request MTI (0100 → 0110), or -1 when {@code mti} is not a request. */
    public static int responseOf(int mti) {
        return switch (mti) {
            case 100, 120, 400, 420, 800 -> mti + 10;
            default -> -1;
        };
    }
}
