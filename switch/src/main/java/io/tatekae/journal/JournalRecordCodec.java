package io.tatekae.journal;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The fixed 256-byte on-disk layout (little endian), ending in a CRC32C over the bytes before it.
 * <pre>
 *   0 sequence long      8 type byte    9 plan byte   10..11 reserved   12 accountIndex int
 *  16 holdId long       24 amount long  32 secondAmount long  40 eventTimeMillis long  48 stan int
 *  52 accountId[16]     68 authCode[6]  74 rrn[12]  86 maskedPan[19]  105..111 reserved (zero)
 * 112 requestKeyA long 120 requestKeyB long 128 panKeyHi long 136 panKeyLo long
 * 144 requestContent long 152 merchantHash long 160 authCounter long 168 postingId long
 * 176..251 the billing fields, in one of two layouts chosen by the type (zero for hold records):
 *          numbers: 176 x1..x6 long, 224 n1 int, 228 n2 int, 232..251 zero
 *          text:    176 x1 long, 184 x2 long, 192 n1 int, 196 n2 int, 200 text[45], 245..251 zero
 * 252 crc32c int (of bytes 0..251)
 * </pre>
 * Records written before the billing fields existed had zeros there, which read as "no value".
 * Sequences start at 1, so an all-zero (preallocated or hole) record never passes as valid.
 */
public final class JournalRecordCodec {
    public static final int RECORD_SIZE = 256;
    static final int CRC_OFFSET = 252;
    private static final int TYPE = 8;
    private static final int PLAN = 9;
    private static final int ACCOUNT_INDEX = 12;
    private static final int HOLD_ID = 16;
    private static final int AMOUNT = 24;
    private static final int SECOND_AMOUNT = 32;
    private static final int EVENT_TIME = 40;
    private static final int STAN = 48;
    private static final int ACCOUNT_ID = 52;
    private static final int AUTH_CODE = 68;
    private static final int RRN = 74;
    private static final int MASKED_PAN = 86;
    private static final int REQUEST_KEY_A = 112;
    private static final int REQUEST_KEY_B = 120;
    private static final int PAN_KEY_HI = 128;
    private static final int PAN_KEY_LO = 136;
    private static final int REQUEST_CONTENT = 144;
    private static final int MERCHANT_HASH = 152;
    private static final int AUTH_COUNTER = 160;
    private static final int POSTING_ID = 168;
    private static final int EXT = 176;
    private static final int NUMBERS_N1 = 224;
    private static final int NUMBERS_N2 = 228;
    private static final int TEXT_X2 = 184;
    private static final int TEXT_N1 = 192;
    private static final int TEXT_N2 = 196;
    private static final int TEXT = 200;

    private final CRC32C crc = new CRC32C();

    /** Writes the record with {@code sequence} at {@code offset}; {@code buffer} must be little endian. */
    public void encode(JournalRecord record, long sequence, ByteBuffer buffer, int offset) {
        buffer.putLong(offset, sequence);
        buffer.put(offset + TYPE, record.type().code());
        buffer.put(offset + PLAN, record.plan().code());
        buffer.putShort(offset + 10, (short) 0);
        buffer.putInt(offset + ACCOUNT_INDEX, record.accountIndex());
        buffer.putLong(offset + HOLD_ID, record.holdId());
        buffer.putLong(offset + AMOUNT, record.amount());
        buffer.putLong(offset + SECOND_AMOUNT, record.secondAmount());
        buffer.putLong(offset + EVENT_TIME, record.eventTimeMillis());
        buffer.putInt(offset + STAN, record.stan());
        buffer.put(offset + ACCOUNT_ID, record.accountId, 0, JournalRecord.ACCOUNT_ID_MAX);
        buffer.put(offset + AUTH_CODE, record.authCode, 0, JournalRecord.AUTH_CODE_MAX);
        buffer.put(offset + RRN, record.rrn, 0, JournalRecord.RRN_MAX);
        buffer.put(offset + MASKED_PAN, record.maskedPan, 0, JournalRecord.MASKED_PAN_MAX);
        for (int i = MASKED_PAN + JournalRecord.MASKED_PAN_MAX; i < REQUEST_KEY_A; i++) {
            buffer.put(offset + i, (byte) 0);
        }
        buffer.putLong(offset + REQUEST_KEY_A, record.requestKeyA());
        buffer.putLong(offset + REQUEST_KEY_B, record.requestKeyB());
        buffer.putLong(offset + PAN_KEY_HI, record.panKeyHi());
        buffer.putLong(offset + PAN_KEY_LO, record.panKeyLo());
        buffer.putLong(offset + REQUEST_CONTENT, record.requestContent());
        buffer.putLong(offset + MERCHANT_HASH, record.merchantHash());
        buffer.putLong(offset + AUTH_COUNTER, record.authCounter());
        buffer.putLong(offset + POSTING_ID, record.postingId());
        encodeBilling(record, buffer, offset);
        buffer.putInt(offset + CRC_OFFSET, checksum(buffer, offset));
    }

    /** @return true when the record at {@code offset} has a matching CRC and a known type. */
    public boolean isValid(ByteBuffer buffer, int offset) {
        return buffer.getInt(offset + CRC_OFFSET) == checksum(buffer, offset)
                && JournalRecordType.fromCode(buffer.get(offset + TYPE)) != null
                && PointsPlan.fromCode(buffer.get(offset + PLAN)) != null
                && buffer.getLong(offset) > 0;
    }

    public static long sequenceAt(ByteBuffer buffer, int offset) {
        return buffer.getLong(offset);
    }

    /** Fills {@code record} from a record already checked with {@link #isValid}. */
    public void decode(ByteBuffer buffer, int offset, JournalRecord record) {
        record.sequence(buffer.getLong(offset));
        record.type(JournalRecordType.fromCode(buffer.get(offset + TYPE)));
        record.plan(PointsPlan.fromCode(buffer.get(offset + PLAN)));
        record.accountIndex(buffer.getInt(offset + ACCOUNT_INDEX));
        record.holdId(buffer.getLong(offset + HOLD_ID));
        record.amount(buffer.getLong(offset + AMOUNT));
        record.secondAmount(buffer.getLong(offset + SECOND_AMOUNT));
        record.eventTimeMillis(buffer.getLong(offset + EVENT_TIME));
        record.stan(buffer.getInt(offset + STAN));
        buffer.get(offset + ACCOUNT_ID, record.accountId, 0, JournalRecord.ACCOUNT_ID_MAX);
        buffer.get(offset + AUTH_CODE, record.authCode, 0, JournalRecord.AUTH_CODE_MAX);
        buffer.get(offset + RRN, record.rrn, 0, JournalRecord.RRN_MAX);
        buffer.get(offset + MASKED_PAN, record.maskedPan, 0, JournalRecord.MASKED_PAN_MAX);
        record.requestKey(buffer.getLong(offset + REQUEST_KEY_A), buffer.getLong(offset + REQUEST_KEY_B));
        record.requestContent(buffer.getLong(offset + PAN_KEY_HI), buffer.getLong(offset + PAN_KEY_LO),
                buffer.getLong(offset + REQUEST_CONTENT), buffer.getLong(offset + MERCHANT_HASH));
        record.authCounter(buffer.getLong(offset + AUTH_COUNTER));
        record.postingId(buffer.getLong(offset + POSTING_ID));
        decodeBilling(buffer, offset, record);
    }

    /** The types whose billing fields include text (a name, a reference, a cause). */
    static boolean hasText(JournalRecordType type) {
        return switch (type) {
            case PAYMENT, CARD_LIMIT_SET, ACCOUNT_STATUS, CREDIT_LIMIT_SET, CARD_ISSUED -> true;
            default -> false;
        };
    }

    private static void encodeBilling(JournalRecord r, ByteBuffer buffer, int offset) {
        for (int i = EXT; i < CRC_OFFSET; i++) {
            buffer.put(offset + i, (byte) 0);
        }
        if (hasText(r.type())) {
            for (int i = 3; i <= JournalRecord.X_COUNT; i++) {
                if (r.x(i) != 0) {
                    throw new IllegalArgumentException("journal record " + r.type() + ": x" + i + " has no room in the text layout");
                }
            }
            buffer.putLong(offset + EXT, r.x(1));
            buffer.putLong(offset + TEXT_X2, r.x(2));
            buffer.putInt(offset + TEXT_N1, r.n1());
            buffer.putInt(offset + TEXT_N2, r.n2());
            buffer.put(offset + TEXT, r.text, 0, JournalRecord.TEXT_MAX);
        } else {
            for (int i = 1; i <= JournalRecord.X_COUNT; i++) {
                buffer.putLong(offset + EXT + 8 * (i - 1), r.x(i));
            }
            buffer.putInt(offset + NUMBERS_N1, r.n1());
            buffer.putInt(offset + NUMBERS_N2, r.n2());
        }
    }

    private static void decodeBilling(ByteBuffer buffer, int offset, JournalRecord r) {
        for (int i = 1; i <= JournalRecord.X_COUNT; i++) {
            r.x(i, 0);
        }
        Arrays.fill(r.text, (byte) 0);
        if (hasText(r.type())) {
            r.x(1, buffer.getLong(offset + EXT));
            r.x(2, buffer.getLong(offset + TEXT_X2));
            r.n1(buffer.getInt(offset + TEXT_N1));
            r.n2(buffer.getInt(offset + TEXT_N2));
            buffer.get(offset + TEXT, r.text, 0, JournalRecord.TEXT_MAX);
        } else {
            for (int i = 1; i <= JournalRecord.X_COUNT; i++) {
                r.x(i, buffer.getLong(offset + EXT + 8 * (i - 1)));
            }
            r.n1(buffer.getInt(offset + NUMBERS_N1));
            r.n2(buffer.getInt(offset + NUMBERS_N2));
        }
    }

    private int checksum(ByteBuffer buffer, int offset) {
        int position = buffer.position();
        int limit = buffer.limit();
        buffer.limit(offset + CRC_OFFSET).position(offset);
        crc.reset();
        crc.update(buffer);
        buffer.limit(limit).position(position);
        return (int) crc.getValue();
    }
}
