package io.tatekae.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One network link. The I/O thread counts requests in flight; the decision thread owns sign-on
 * state and the batch of responses waiting to be flushed.
 */
public final class Connection {
    private final long id;
    private final Channel channel;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger allInFlight;

    // Owned by the decision thread.
    private boolean signedOn;
    private ByteBuf pending;
    private boolean inBatch;

    public Connection(long id, Channel channel) {
        this(id, channel, new AtomicInteger());
    }

    /** @param allInFlight the count over every connection, kept along with this one's */
    public Connection(long id, Channel channel, AtomicInteger allInFlight) {
        this.id = id;
        this.channel = channel;
        this.allInFlight = allInFlight;
    }

    public long id() {
        return id;
    }

    public Channel channel() {
        return channel;
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** Counts a request in unless the connection already has {@code max} in flight. */
    public boolean tryAcquire(int max) {
        while (true) {
            int n = inFlight.get();
            if (n >= max) {
                return false;
            }
            if (inFlight.compareAndSet(n, n + 1)) {
                allInFlight.incrementAndGet();
                return true;
            }
        }
    }

    public void release() {
        int left = inFlight.decrementAndGet();
        allInFlight.decrementAndGet();
        assert left >= 0 : "in-flight count went negative";
    }

    public boolean signedOn() {
        return signedOn;
    }

    public void signedOn(boolean on) {
        signedOn = on;
    }

    /** The decision thread's buffer of responses for this batch, created on first use. */
    public ByteBuf pending() {
        if (pending == null) {
            pending = channel.alloc().ioBuffer(1024);
        }
        return pending;
    }

    public boolean markInBatch() {
        if (inBatch) {
            return false;
        }
        inBatch = true;
        return true;
    }

    /** Hands the batch's responses to Netty in one write and flush. */
    public void flushBatch() {
        inBatch = false;
        ByteBuf out = pending;
        pending = null;
        if (out == null) {
            return;
        }
        if (channel.isActive()) {
            channel.writeAndFlush(out, channel.voidPromise());
        } else {
            out.release();
        }
    }

    @Override
    public String toString() {
        return "connection#" + id + " " + channel.remoteAddress();
    }
}
