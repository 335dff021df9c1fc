package io.tatekae.state;

/** The Luhn (mod 10) check of card numbers: on the wire's bytes (no allocation) and on text. */
public final class Luhn {
    private Luhn() {
    }

    public static boolean valid(byte[] digits, int off, int len) {
        if (len < 2) {
            return false;
        }
        int sum = 0;
        boolean doubleIt = false;
        for (int i = off + len - 1; i >= off; i--) {
            int d = digits[i] - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }

    /** True if every character is a digit and the number passes Luhn (provisioning, clearing files). */
    public static boolean isValid(CharSequence digits) {
        int len = digits.length();
        byte[] bytes = new byte[len];
        for (int i = 0; i < len; i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            bytes[i] = (byte) c;
        }
        return valid(bytes, 0, len);
    }

    /** {@code body} followed by the digit that makes it pass Luhn (test and demo card numbers). */
    public static String withCheckDigit(CharSequence body) {
        String b = body.toString();
        for (int check = 0; check <= 9; check++) {
            if (isValid(b + check)) {
                return b + check;
            }
        }
        throw new IllegalArgumentException("not a string of digits");
    }
}
