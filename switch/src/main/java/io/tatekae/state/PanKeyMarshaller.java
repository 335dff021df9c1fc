package io.tatekae.state;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.hash.serialization.BytesReader;
import net.openhft.chronicle.hash.serialization.BytesWriter;
import net.openhft.chronicle.hash.serialization.impl.EnumMarshallable;

/** Fixed 16-byte form of a {@link PanKey} in the card map. */
public final class PanKeyMarshaller implements BytesReader<PanKey>, BytesWriter<PanKey>, EnumMarshallable<PanKeyMarshaller> {
    /** Chronicle Map stores the marshaller class in the file header; readResolve brings back this one. */
    public static final PanKeyMarshaller INSTANCE = new PanKeyMarshaller();

    private PanKeyMarshaller() {
    }

    @Override
    public void write(Bytes<?> out, PanKey key) {
        out.writeLong(key.hi());
        out.writeLong(key.lo());
    }

    @Override
    public PanKey read(Bytes<?> in, PanKey using) {
        PanKey key = using != null ? using : new PanKey();
        long hi = in.readLong();
        return key.set(hi, in.readLong());
    }

    @Override
    public PanKeyMarshaller readResolve() {
        return INSTANCE;
    }
}
