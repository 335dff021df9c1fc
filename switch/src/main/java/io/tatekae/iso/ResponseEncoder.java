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
    private final De48Writer de48 = new De48Writer();
    private final byte[] de54 = new byte[20];

    public ResponseEncoder(ProfileSpec spec) {
        this.writer = new IsoWriter(spec);
    }

    /** Encodes the response into out[off..]; returns the bytes written, header included. */
    public int encode(IsoFields request, Decision d, byte[] out, int off) {
        int mti = request.mti() + 10;
        writer.begin(out, off + Framing.HEADER_BYTES, mti);
        boolean network = mti == Mti.NETWORK_MANAGEMENT_RESPONSE;
        for (int de : network ? NETWORK_ECHO_BEFORE_39 : ECHO_BEFORE_39) {
            writer.echo(de, request);
        }
        if (mti == Mti.AUTHORIZATION_RESPONSE && d.hasAuthCode) {
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
            if (mti == Mti.AUTHORIZATION_RESPONSE && d.availableCredit != Decision.NO_BALANCE) {
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
        de48.reset();
        if (mti == Mti.AUTHORIZATION_RESPONSE) {
            if (d.cav2Result != 0) {
                de48.character(De48Tlv.TAG_CAV2_RESULT, (char) d.cav2Result);
            }
            if (d.nameResult != 0) {
                de48.character(De48Tlv.TAG_NAME_RESULT, (char) d.nameResult);
            }
        }
        if ((mti == Mti.AUTHORIZATION_RESPONSE || mti == Mti.REVERSAL_RESPONSE) && d.outcome != Outcome.APPROVED) {
            de48.numeric(De48Tlv.TAG_REASON_CODE, ResponseCodes.reason(d.outcome), 4);
        }
        de48.writeTo(writer);
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
        Ascii.writeDigits(de54, 8, 12, Math.min(Math.abs(available), 999_999_999_999L));
        writer.bytes(54, de54, 0, de54.length);
    }
}
