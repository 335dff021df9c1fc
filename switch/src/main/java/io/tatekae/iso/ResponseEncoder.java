package io.tatekae.iso;

import io.tatekae.engine.Decision;
import io.tatekae.engine.Outcome;
import io.tatekae.net.Framing;
import io.tatekae.spec.ProfileSpec;

/**
 * Writes the response to a decoded request (profile §4: echoed fields, DE 39, and for a 0110 DE 38,
 * DE 48 tags 87/88/90 and DE 54), framed with its 4-byte header. One instance per thread; allocates nothing.
 */
public final class ResponseEncoder {
    /** Fields a response echoes from its request, in ascending order (DE 38-48 are written between). */
    private static final int[] ECHO_BEFORE_39 = {2, 3, 4, 7, 11, 32, 33, 37};
    private static final int[] ECHO_AFTER_39 = {41, 42};
    private static final int[] NETWORK_ECHO_BEFORE_39 = {7, 11};

    private final IsoWriter writer;
    private final byte[] de48 = new byte[32];
    private final byte[] de54 = new byte[20];

    public ResponseEncoder(ProfileSpec spec) {
        this.writer = new IsoWriter(spec);
    }

    /** Encodes the response into out[off..]; returns the bytes written, header included. */
    public int encode(IsoFields request, Decision d, byte[] out, int off) {
        int mti = request.mti() + 10;
        writer.begin(out, off + Framing.HEADER_BYTES, mti);
        boolean network = mti == 810;
        for (int de : network ? NETWORK_ECHO_BEFORE_39 : ECHO_BEFORE_39) {
            writer.echo(de, request);
        }
        if (mti == 110 && d.hasAuthCode) {
            writer.bytes(38, d.authCode, 0, d.authCode.length);
        }
        byte[] code = ResponseCodes.de39(d.outcome);
        writer.bytes(39, code, 0, code.length);
        if (!network) {
            for (int de : ECHO_AFTER_39) {
                writer.echo(de, request);
            }
            writeAdditionalData(mti, d);
            writer.echo(49, request);
            if (mti == 110 && d.availableCredit != Decision.NO_BALANCE) {
                writeBalance(d.availableCredit);
            }
        } else {
            writer.echo(70, request);
        }
        int length = writer.finish();
        Framing.writeHeader(out, off, length);
        return Framing.HEADER_BYTES + length;
    }

    private void writeAdditionalData(int mti, Decision d) {
        int n = 0;
        if (mti == 110) {
            n = tag(n, 87, d.cav2Result);
            n = tag(n, 88, d.nameResult);
        }
        if ((mti == 110 || mti == 410) && d.outcome != Outcome.APPROVED) {
            de48[n++] = '9';
            de48[n++] = '0';
            de48[n++] = '0';
            de48[n++] = '4';
            Digits.write(ResponseCodes.reason(d.outcome), de48, n, 4);
            n += 4;
        }
        if (n > 0) {
            writer.bytes(48, de48, 0, n);
        }
    }

    private int tag(int n, int tag, byte value) {
        if (value == 0) {
            return n;
        }
        Digits.write(tag, de48, n, 2);
        de48[n + 2] = '0';
        de48[n + 3] = '1';
        de48[n + 4] = value;
        return n + 5;
    }

    private void writeBalance(long available) {
        de54[0] = '0';
        de54[1] = '0';
        de54[2] = '0';
        de54[3] = '2';
        de54[4] = '3';
        de54[5] = '9';
        de54[6] = '2';
        de54[7] = (byte) (available >= 0 ? 'C' : 'D');
        Digits.write(Math.min(Math.abs(available), 999_999_999_999L), de54, 8, 12);
        writer.bytes(54, de54, 0, de54.length);
    }
}
