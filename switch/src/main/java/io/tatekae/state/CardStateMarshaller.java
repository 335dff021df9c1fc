package io.tatekae.state;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.hash.serialization.BytesReader;
import net.openhft.chronicle.hash.serialization.BytesWriter;
import net.openhft.chronicle.hash.serialization.impl.EnumMarshallable;

/**
 * Fixed-size record of a {@link CardState} (every text slot written at full capacity), so the map
 * replaces values in place and reads into a reused holder without allocating.
 */
public final class CardStateMarshaller implements BytesReader<CardState>, BytesWriter<CardState>, EnumMarshallable<CardStateMarshaller> {
    /** Chronicle Map stores the marshaller class in the file header; readResolve brings back this one. */
    public static final CardStateMarshaller INSTANCE = new CardStateMarshaller();

    private CardStateMarshaller() {
    }

    static final byte FORMAT_VERSION = 1;

    @Override
    public void write(Bytes<?> out, CardState card) {
        out.writeByte(FORMAT_VERSION);
        out.writeLong(card.panKey().hi());
        out.writeLong(card.panKey().lo());
        writeSlot(out, card.maskedPan());
        out.writeInt(card.expiryYymm());
        out.writeByte(card.status().code());
        out.writeLong(card.limit());
        out.writeInt(card.accountIndex());
        writeSlot(out, card.name());
        writeSlot(out, card.nameCanonical());
        VelocityRing ring = card.velocity();
        out.writeByte((byte) ring.count());
        out.writeByte((byte) ring.head());
        for (int i = 0; i < VelocityRing.CAPACITY; i++) {
            out.writeLong(ring.rawTime(i));
        }
    }

    @Override
    public CardState read(Bytes<?> in, CardState using) {
        CardState card = using != null ? using : new CardState();
        byte version = in.readByte();
        if (version != FORMAT_VERSION) {
            throw new IllegalStateException("card record format " + version + " in state store, expected " + FORMAT_VERSION);
        }
        long hi = in.readLong();
        card.panKey().set(hi, in.readLong());
        readSlot(in, card.maskedPan());
        card.expiryYymm(in.readInt());
        card.status(CardStatus.ofCode(in.readByte()));
        card.limit(in.readLong());
        card.accountIndex(in.readInt());
        readSlot(in, card.name());
        readSlot(in, card.nameCanonical());
        VelocityRing ring = card.velocity();
        int count = in.readByte();
        int head = in.readByte();
        for (int i = 0; i < VelocityRing.CAPACITY; i++) {
            ring.load(i, in.readLong());
        }
        ring.loadedPosition(count, head);
        return card;
    }

    static void writeSlot(Bytes<?> out, AsciiSlot slot) {
        out.writeByte((byte) slot.length());
        out.write(slot.array(), 0, slot.capacity());
    }

    static void readSlot(Bytes<?> in, AsciiSlot slot) {
        int len = in.readByte() & 0xff;
        in.read(slot.array(), 0, slot.capacity());
        slot.loadedLength(len);
    }

    @Override
    public CardStateMarshaller readResolve() {
        return INSTANCE;
    }
}
