package io.tatekae.state;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.hash.serialization.BytesReader;
import net.openhft.chronicle.hash.serialization.BytesWriter;
import net.openhft.chronicle.hash.serialization.impl.EnumMarshallable;

/** Fixed-size record of an {@link AccountState}. */
public final class AccountStateMarshaller
        implements BytesReader<AccountState>, BytesWriter<AccountState>, EnumMarshallable<AccountStateMarshaller> {
    /** Chronicle Map stores the marshaller class in the file header; readResolve brings back this one. */
    public static final AccountStateMarshaller INSTANCE = new AccountStateMarshaller();

    private AccountStateMarshaller() {
    }

    static final byte FORMAT_VERSION = 1;

    @Override
    public void write(Bytes<?> out, AccountState acct) {
        out.writeByte(FORMAT_VERSION);
        out.writeInt(acct.index());
        CardStateMarshaller.writeSlot(out, acct.id());
        out.writeByte(acct.plan().code());
        out.writeByte(acct.status().code());
        out.writeByte((byte) (acct.kycVerified() ? 1 : 0));
        out.writeLong(acct.creditLimit());
        out.writeLong(acct.outstanding());
        out.writeLong(acct.openHolds());
    }

    @Override
    public AccountState read(Bytes<?> in, AccountState using) {
        AccountState acct = using != null ? using : new AccountState();
        byte version = in.readByte();
        if (version != FORMAT_VERSION) {
            throw new IllegalStateException("account record format " + version + " in state store, expected " + FORMAT_VERSION);
        }
        acct.index(in.readInt());
        CardStateMarshaller.readSlot(in, acct.id());
        acct.plan(AccountPlan.ofCode(in.readByte()));
        acct.status(AccountStatus.ofCode(in.readByte()));
        acct.kycVerified(in.readByte() != 0);
        acct.creditLimit(in.readLong());
        acct.outstanding(in.readLong());
        acct.openHolds(in.readLong());
        return acct;
    }

    @Override
    public AccountStateMarshaller readResolve() {
        return INSTANCE;
    }
}
