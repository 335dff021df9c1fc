package io.tatekae.state;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.hash.serialization.BytesReader;
import net.openhft.chronicle.hash.serialization.BytesWriter;
import net.openhft.chronicle.hash.serialization.impl.EnumMarshallable;

/** Fixed-size record of an {@link AccountTerms}. */
public final class AccountTermsMarshaller
        implements BytesReader<AccountTerms>, BytesWriter<AccountTerms>, EnumMarshallable<AccountTermsMarshaller> {
    /** Chronicle Map stores the marshaller class in the file header; readResolve brings back this one. */
    public static final AccountTermsMarshaller INSTANCE = new AccountTermsMarshaller();

    static final byte FORMAT_VERSION = 1;

    private AccountTermsMarshaller() {
    }

    @Override
    public void write(Bytes<?> out, AccountTerms t) {
        out.writeByte(FORMAT_VERSION);
        out.writeInt(t.index());
        out.writeByte((byte) (t.directDebit() ? 1 : 0));
        out.writeLong(t.baseCreditLimit());
        out.writeInt(t.statementsClosed());
        out.writeInt(t.statementsLate());
        out.writeInt(t.purchases());
        out.writeLong(t.purchaseYen());
    }

    @Override
    public AccountTerms read(Bytes<?> in, AccountTerms using) {
        AccountTerms t = using != null ? using : new AccountTerms();
        byte version = in.readByte();
        if (version != FORMAT_VERSION) {
            throw new IllegalStateException("account terms format " + version + " in state store, expected " + FORMAT_VERSION);
        }
        t.index(in.readInt());
        t.directDebit(in.readByte() != 0);
        t.baseCreditLimit(in.readLong());
        int closed = in.readInt();
        int late = in.readInt();
        int purchases = in.readInt();
        return t.history(closed, late, purchases, in.readLong());
    }

    @Override
    public AccountTermsMarshaller readResolve() {
        return INSTANCE;
    }
}
