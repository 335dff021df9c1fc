package io.tatekae.state.provision;

/** The Luhn (mod 10) check digit test used by card numbers. */
public final class Luhn {
    private Luhn() {
    }

    /** True if every character is a digit and the string passes Luhn. */
    public static boolean isValid(CharSequence digits) {
        int len = digits.length();
        if (len == 0) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < len; i++) {
            int d = digits.charAt(len - 1 - i) - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            if ((i & 1) == 1) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return sum % 10 == 0;
    }
}
