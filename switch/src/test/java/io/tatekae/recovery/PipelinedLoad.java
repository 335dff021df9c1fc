package io.tatekae.recovery;

import io.tatekae.testsupport.IsoTestClient;
import org.jpos.iso.ISOMsg;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One signed-on connection with up to {@link #WINDOW} requests in flight: a sender (the caller's
 * thread) and a reader thread that matches responses by STAN and records them in the book. When the
 * switch dies the connection breaks; whatever is still in flight then was never answered.
 */
final class PipelinedLoad implements AutoCloseable {
    static final int WINDOW = 16;
    private static final int REVERSAL_PERCENT = 15;
    private static final int READ_TIMEOUT_MILLIS = 30_000;

    private final IsoTestClient client;
    private final CrashBook book;
    private final Semaphore window = new Semaphore(WINDOW);
    /** By STAN: the book entry (a Purchase or a Reversal) each request in flight belongs to. */
    private final Map<String, Object> inFlight = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile boolean broken;
    private volatile boolean stopping;
    private volatile Throwable readerFailure;

    /** Takes over a signed-on client (and closes it at the end). */
    PipelinedLoad(IsoTestClient signedOn, CrashBook book) {
        this.client = signedOn;
        this.client.setTimeout(READ_TIMEOUT_MILLIS);
        this.book = book;
        this.reader = Thread.ofPlatform().name("crash-test-reader").daemon(true).start(this::readResponses);
    }

    /** Sends random purchases and reversals until {@link #stop()} or the connection breaks. */
    void run(CrashCards cards, Random random) {
        run(cards, random, 0);
    }

    /** As {@link #run(CrashCards, Random)}, pausing between requests to keep a steady, modest rate. */
    void run(CrashCards cards, Random random, long pauseMillis) {
        while (!stopping && acquireWindow()) {
            if (pauseMillis > 0) {
                SwitchProcess.sleep(pauseMillis);
            }
            CrashBook.Purchase toReverse = random.nextInt(100) < REVERSAL_PERCENT ? book.takeReversible(random) : null;
            if (toReverse != null) {
                ISOMsg reversal = Wire.reversal(toReverse.request);
                send(reversal, book.reversalSent(reversal, toReverse));
            } else {
                CrashCards.Card card = cards.cards().get(random.nextInt(cards.cards().size()));
                long amount = 100 + random.nextInt(1_400);
                ISOMsg purchase = card.purchase(amount, Wire.stan());
                send(purchase, book.purchaseSent(purchase, card, amount));
            }
        }
    }

    /** Sends the same requests again (duplicates: same DE 7, 11, 32), as a network would after a timeout. */
    void resend(List<?> entries) {
        for (Object e : entries) {
            ISOMsg request = e instanceof CrashBook.Purchase p ? p.request : ((CrashBook.Reversal) e).request;
            if (!acquireWindow()) {
                return;
            }
            send(request, e);
        }
    }

    void stop() {
        stopping = true;
    }

    boolean broken() {
        return broken;
    }

    /** Waits until every request in flight is answered; false if the connection broke first. */
    boolean drain(long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!inFlight.isEmpty() && !broken && System.currentTimeMillis() < deadline) {
            SwitchProcess.sleep(10);
        }
        return inFlight.isEmpty();
    }

    /** Waits for the reader to notice the dead connection (call after killing the switch). */
    void awaitBroken() throws InterruptedException {
        reader.join(READ_TIMEOUT_MILLIS + 5_000L);
        if (reader.isAlive()) {
            throw new AssertionError("the client did not notice the killed switch");
        }
    }

    Throwable readerFailure() {
        return readerFailure;
    }

    /** Waits for room in the window; false when the connection broke meanwhile. */
    private boolean acquireWindow() {
        try {
            while (!window.tryAcquire(20, TimeUnit.MILLISECONDS)) {
                if (broken) {
                    return false;
                }
            }
            return !broken;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends with a window permit held; the entry stays in flight until its response comes. */
    private void send(ISOMsg request, Object entry) {
        inFlight.put(request.getString(11), entry);
        try {
            client.send(request);
        } catch (RuntimeException e) {
            broken = true;
        }
    }

    private void readResponses() {
        try {
            while (true) {
                byte[] frame = client.receiveFrame();
                if (frame.length == 0) {
                    continue;
                }
                ISOMsg response = IsoTestClient.unpack(frame);
                Object entry = inFlight.remove(response.getString(11));
                if (entry == null) {
                    throw new AssertionError("response to nothing in flight: MTI " + response.getString(0)
                            + " STAN " + response.getString(11));
                }
                switch (entry) {
                    case CrashBook.Purchase p -> book.purchaseAnswered(p, response);
                    case CrashBook.Reversal r -> book.reversalAnswered(r, response);
                    default -> throw new IllegalStateException("unexpected entry " + entry);
                }
                window.release();
            }
        } catch (UncheckedIOException connectionGone) {
            broken = true;
        } catch (Throwable t) {
            readerFailure = t;
            broken = true;
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
