package io.tatekae.journal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One money event, as a reusable mutable holder (set it, append it, set it again).
 * Text fields are fixed-width printable ASCII kept as bytes so that filling a record allocates nothing.
 * Only a masked PAN (at most first 6 and last 4 digits visible) can be stored.
 */
public final class JournalRecord {
    public static final int ACCOUNT_ID_MAX = 16;
    public static final int AUTH_CODE_MAX = 6;
    public static final int RRN_MAX = 12;
    public static final int MASKED_PAN_MAX = 19;
    /** First 6 + last 4: a masked PAN may show no more digits than this. */
    public static final int MASKED_PAN_MAX_DIGITS = 10;
    /** The text of billing records: a cardholder name, a payment's reference, a cause in words. */
    public static final int TEXT_MAX = 45;
    /** How many of {@link #x} a record type may use (see {@link JournalRecordCodec} for which types have text). */
    public static final int X_COUNT = 6;

    private long sequence;
    private JournalRecordType type;
    private PointsPlan plan = PointsPlan.NONE;
    private long holdId;
    private int accountIndex;
    private long amount;
    private long secondAmount;
    private long eventTimeMillis;
    private int stan;
    // What recovery needs to rebuild the engine's duplicate and reversal lookups (see HoldEvent).
    private long requestKeyA;
    private long requestKeyB;
    private long panKeyHi;
    private long panKeyLo;
    private long requestContent;
    private long merchantHash;
    private long authCounter;
    private long postingId;
    final byte[] accountId = new byte[ACCOUNT_ID_MAX];
    final byte[] authCode = new byte[AUTH_CODE_MAX];
    final byte[] rrn = new byte[RRN_MAX];
    final byte[] maskedPan = new byte[MASKED_PAN_MAX];
    // The billing records' fields (meaning per type: JournalRecordType); zero for the hold records.
    private final long[] x = new long[X_COUNT];
    private int n1;
    private int n2;
    final byte[] text = new byte[TEXT_MAX];

    /** Clears every field so that nothing of the previous event leaks into the next. */
    public JournalRecord clear() {
        sequence = 0;
        type = null;
        plan = PointsPlan.NONE;
        holdId = 0;
        accountIndex = 0;
        amount = 0;
        secondAmount = 0;
        eventTimeMillis = 0;
        stan = 0;
        requestKeyA = requestKeyB = panKeyHi = panKeyLo = requestContent = merchantHash = 0;
        authCounter = -1;
        postingId = 0;
        Arrays.fill(accountId, (byte) 0);
        Arrays.fill(authCode, (byte) 0);
        Arrays.fill(rrn, (byte) 0);
        Arrays.fill(maskedPan, (byte) 0);
        Arrays.fill(x, 0);
        n1 = 0;
        n2 = 0;
        Arrays.fill(text, (byte) 0);
        return this;
    }

    public JournalRecord copyFrom(JournalRecord other) {
        sequence = other.sequence;
        type = other.type;
        plan = other.plan;
        holdId = other.holdId;
        accountIndex = other.accountIndex;
        amount = other.amount;
        secondAmount = other.secondAmount;
        eventTimeMillis = other.eventTimeMillis;
        stan = other.stan;
        requestKeyA = other.requestKeyA;
        requestKeyB = other.requestKeyB;
        panKeyHi = other.panKeyHi;
        panKeyLo = other.panKeyLo;
        requestContent = other.requestContent;
        merchantHash = other.merchantHash;
        authCounter = other.authCounter;
        postingId = other.postingId;
        System.arraycopy(other.accountId, 0, accountId, 0, ACCOUNT_ID_MAX);
        System.arraycopy(other.authCode, 0, authCode, 0, AUTH_CODE_MAX);
        System.arraycopy(other.rrn, 0, rrn, 0, RRN_MAX);
        System.arraycopy(other.maskedPan, 0, maskedPan, 0, MASKED_PAN_MAX);
        System.arraycopy(other.x, 0, x, 0, X_COUNT);
        n1 = other.n1;
        n2 = other.n2;
        System.arraycopy(other.text, 0, text, 0, TEXT_MAX);
        return this;
    }

    /** A number of a billing record, {@code i} in 1..6 (x1..x6 of {@link JournalRecordType}). */
    public long x(int i) {
        return x[i - 1];
    }

    public JournalRecord x(int i, long value) {
        x[i - 1] = value;
        return this;
    }

    public int n1() {
        return n1;
    }

    public JournalRecord n1(int value) {
        n1 = value;
        return this;
    }

    public int n2() {
        return n2;
    }

    public JournalRecord n2(int value) {
        n2 = value;
        return this;
    }

    /** Printable ASCII, at most {@link #TEXT_MAX} bytes; never a PAN (checked) and never a CAV2. */
    public JournalRecord text(byte[] src, int off, int len) {
        int digitRun = 0;
        for (int i = off; i < off + len; i++) {
            digitRun = src[i] >= '0' && src[i] <= '9' ? digitRun + 1 : 0;
            if (digitRun > MASKED_PAN_MAX_DIGITS + 1) {
                throw new IllegalArgumentException("text: a run of more than " + (MASKED_PAN_MAX_DIGITS + 1)
                        + " digits could be a card number");
            }
        }
        putAsciiBytes("text", src, off, len, text);
        return this;
    }

    public JournalRecord text(CharSequence value) {
        byte[] bytes = new byte[value.length()];
        for (int i = 0; i < bytes.length; i++) {
            char c = value.charAt(i);
            bytes[i] = c < 0x80 ? (byte) c : 0;
        }
        return text(bytes, 0, bytes.length);
    }

    /** The text's bytes and length, allocation-free. */
    public int textLength() {
        int n = 0;
        while (n < TEXT_MAX && text[n] != 0) {
            n++;
        }
        return n;
    }

    public byte[] textBytes() {
        return text;
    }

    /** Allocates: for the ledger poster and tests. */
    public String text() {
        return ascii(text);
    }

    /** The journal sequence: assigned by the writer on append, set by the reader on read. */
    public long sequence() {
        return sequence;
    }

    /** Set by the writer and the reader; a value set by a caller before {@code append} is overwritten. */
    public JournalRecord sequence(long sequence) {
        this.sequence = sequence;
        return this;
    }

    public JournalRecordType type() {
        return type;
    }

    public JournalRecord type(JournalRecordType type) {
        this.type = type;
        return this;
    }

    public PointsPlan plan() {
        return plan;
    }

    public JournalRecord plan(PointsPlan plan) {
        this.plan = plan == null ? PointsPlan.NONE : plan;
        return this;
    }

    /** Unique per hold (and per event for FORCED_POST, REFUND_CREDIT, PAYMENT): the idempotency key. */
    public long holdId() {
        return holdId;
    }

    public JournalRecord holdId(long holdId) {
        this.holdId = holdId;
        return this;
    }

    public int accountIndex() {
        return accountIndex;
    }

    public JournalRecord accountIndex(int accountIndex) {
        this.accountIndex = accountIndex;
        return this;
    }

    /** Yen; its meaning depends on the type (see {@link JournalRecordType}). */
    public long amount() {
        return amount;
    }

    public JournalRecord amount(long amount) {
        this.amount = amount;
        return this;
    }

    /**
     * Yen: what the event released from the hold (HOLD_REDUCED, HOLD_VOIDED, HOLD_EXPIRED, and
     * HOLD_CAPTURED when less than the hold was cleared); for OUTSTANDING_SET the change it made.
     */
    public long secondAmount() {
        return secondAmount;
    }

    public JournalRecord secondAmount(long secondAmount) {
        this.secondAmount = secondAmount;
        return this;
    }

    public long eventTimeMillis() {
        return eventTimeMillis;
    }

    public JournalRecord eventTimeMillis(long eventTimeMillis) {
        this.eventTimeMillis = eventTimeMillis;
        return this;
    }

    public int stan() {
        return stan;
    }

    public JournalRecord stan(int stan) {
        this.stan = stan;
        return this;
    }

    /** The authorization's request key (MTI + DE 7 + DE 11 + DE 32), as the engine's transaction table keeps it. */
    public JournalRecord requestKey(long a, long b) {
        requestKeyA = a;
        requestKeyB = b;
        return this;
    }

    /** The authorization's content for duplicate checks: the PAN's key, DE 3 + DE 4, DE 42's hash. */
    public JournalRecord requestContent(long panHi, long panLo, long amountAndCode, long merchant) {
        panKeyHi = panHi;
        panKeyLo = panLo;
        requestContent = amountAndCode;
        merchantHash = merchant;
        return this;
    }

    /** The approval-code counter the DE 38 came from, -1 when the code was not the switch's. */
    public JournalRecord authCounter(long counter) {
        authCounter = counter;
        return this;
    }

    /**
     * The clearing line or payment that caused a HOLD_CAPTURED, FORCED_POST, REFUND_CREDIT or PAYMENT
     * (0 otherwise): recovery rebuilds the set of applied ones from it so nothing applies twice.
     */
    public long postingId() {
        return postingId;
    }

    public JournalRecord postingId(long id) {
        postingId = id;
        return this;
    }

    public long requestKeyA() {
        return requestKeyA;
    }

    public long requestKeyB() {
        return requestKeyB;
    }

    public long panKeyHi() {
        return panKeyHi;
    }

    public long panKeyLo() {
        return panKeyLo;
    }

    public long requestContent() {
        return requestContent;
    }

    public long merchantHash() {
        return merchantHash;
    }

    public long authCounter() {
        return authCounter;
    }

    /** Allocation-free: printable ASCII bytes, as the state store keeps them. */
    public JournalRecord accountId(byte[] src, int off, int len) {
        putAsciiBytes("accountId", src, off, len, accountId);
        return this;
    }

    public JournalRecord authCode(byte[] src, int off, int len) {
        putAsciiBytes("authCode", src, off, len, authCode);
        return this;
    }

    public JournalRecord rrn(byte[] src, int off, int len) {
        putAsciiBytes("rrn", src, off, len, rrn);
        return this;
    }

    /** Allocation-free form of {@link #maskedPan(CharSequence)}, with the same refusal of a full PAN. */
    public JournalRecord maskedPan(byte[] src, int off, int len) {
        int digits = 0;
        for (int i = off; i < off + len; i++) {
            if (src[i] >= '0' && src[i] <= '9') {
                digits++;
            } else if (src[i] != '*') {
                throw new IllegalArgumentException("maskedPan: only digits and '*' are allowed, found a character at index " + (i - off));
            }
        }
        if (digits > MASKED_PAN_MAX_DIGITS) {
            throw new IllegalArgumentException("maskedPan: shows " + digits + " digits, at most "
                    + MASKED_PAN_MAX_DIGITS + " (first 6 + last 4) are allowed");
        }
        putAsciiBytes("maskedPan", src, off, len, maskedPan);
        return this;
    }

    private static void putAsciiBytes(String field, byte[] src, int off, int len, byte[] target) {
        if (len > target.length) {
            throw new IllegalArgumentException(field + ": " + len + " characters, at most " + target.length);
        }
        for (int i = 0; i < len; i++) {
            byte b = src[off + i];
            if (b < 0x20 || b > 0x7E) {
                throw new IllegalArgumentException(field + ": byte at index " + i + " is not printable ASCII");
            }
            target[i] = b;
        }
        Arrays.fill(target, len, target.length, (byte) 0);
    }

    public JournalRecord accountId(CharSequence value) {
        putAscii("accountId", value, accountId);
        return this;
    }

    public JournalRecord authCode(CharSequence value) {
        putAscii("authCode", value, authCode);
        return this;
    }

    public JournalRecord rrn(CharSequence value) {
        putAscii("rrn", value, rrn);
        return this;
    }

    /** Accepts digits and '*' only, with at most 10 digits shown, so a full PAN can never be stored. */
    public JournalRecord maskedPan(CharSequence value) {
        int digits = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c != '*') {
                throw new IllegalArgumentException("maskedPan: only digits and '*' are allowed, found a character at index " + i);
            }
        }
        if (digits > MASKED_PAN_MAX_DIGITS) {
            throw new IllegalArgumentException("maskedPan: shows " + digits + " digits, at most "
                    + MASKED_PAN_MAX_DIGITS + " (first 6 + last 4) are allowed");
        }
        putAscii("maskedPan", value, maskedPan);
        return this;
    }

    /** Allocates: for the ledger poster and tests, not for the decision thread. */
    public String accountId() {
        return ascii(accountId);
    }

    public String authCode() {
        return ascii(authCode);
    }

    public String rrn() {
        return ascii(rrn);
    }

    public String maskedPan() {
        return ascii(maskedPan);
    }

    @Override
    public String toString() {
        return "JournalRecord{seq=" + sequence + ", type=" + type + ", holdId=" + holdId + ", account=" + accountId()
                + ", amount=" + amount + ", secondAmount=" + secondAmount + ", plan=" + plan + ", pan=" + maskedPan() + '}';
    }

    private static void putAscii(String field, CharSequence value, byte[] target) {
        if (value.length() > target.length) {
            throw new IllegalArgumentException(field + ": " + value.length() + " characters, at most " + target.length);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException(field + ": not printable ASCII at index " + i);
            }
            target[i] = (byte) c;
        }
        Arrays.fill(target, value.length(), target.length, (byte) 0);
    }

    private static String ascii(byte[] bytes) {
        int length = 0;
        while (length < bytes.length && bytes[length] != 0) {
            length++;
        }
        return new String(bytes, 0, length, StandardCharsets.US_ASCII);
    }
}
