package io.tatekae.engine;

/** The Luhn (mod 10) check over ASCII digits. */
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
}
