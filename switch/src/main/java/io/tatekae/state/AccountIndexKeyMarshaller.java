package io.tatekae.state;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.hash.serialization.BytesReader;
import net.openhft.chronicle.hash.serialization.BytesWriter;
import net.openhft.chronicle.hash.serialization.impl.EnumMarshallable;

/** Fixed 4-byte form of an {@link AccountIndexKey}. */
public final class AccountIndexKeyMarshaller
        implements BytesReader<AccountIndexKey>, BytesWriter<AccountIndexKey>, EnumMarshallable<AccountIndexKeyMarshaller> {
    /** Chronicle Map stores the marshaller class in the file header; readResolve brings back this one. */
    public static final AccountIndexKeyMarshaller INSTANCE = new AccountIndexKeyMarshaller();

    private AccountIndexKeyMarshaller() {
    }

    @Override
    public void write(Bytes<?> out, AccountIndexKey key) {
        out.writeInt(key.index());
    }

    @Override
    public AccountIndexKey read(Bytes<?> in, AccountIndexKey using) {
        AccountIndexKey key = using != null ? using : new AccountIndexKey();
        return key.index(in.readInt());
    }

    @Override
    public AccountIndexKeyMarshaller readResolve() {
        return INSTANCE;
    }
}
