package io.tatekae.testsupport;

import io.tatekae.spec.Packagers;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A plain blocking TCP client speaking profile §1 framing, packing and unpacking with stock jPOS
 * (GenericPackager over the project's XML) — independent of the switch's own codec.
 */
public final class IsoTestClient implements AutoCloseable {
    public static final int DEFAULT_TIMEOUT_MILLIS = 5_000;
    private static final ISOPackager PACKAGER = Packagers.genericPackager();

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private int stan = 100;

    private IsoTestClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    public static IsoTestClient connect(int port) {
        try {
            Socket s = new Socket();
            s.connect(new InetSocketAddress("127.0.0.1", port), DEFAULT_TIMEOUT_MILLIS);
            s.setSoTimeout(DEFAULT_TIMEOUT_MILLIS);
            s.setTcpNoDelay(true);
            return new IsoTestClient(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client over an already connected socket (a TLS one, say); sets the default timeout. */
    public static IsoTestClient over(Socket connected) {
        try {
            connected.setSoTimeout(DEFAULT_TIMEOUT_MILLIS);
            connected.setTcpNoDelay(true);
            return new IsoTestClient(connected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ISOPackager packager() {
        return PACKAGER;
    }

    /** The next STAN for this client (6 digits). */
    public String nextStan() {
        return String.format("%06d", ++stan % 1_000_000);
    }

    public void signOn() {
        ISOMsg r = request(Messages.networkManagement(nextStan(), "001"));
        if (!"00".equals(r.getString(39))) {
            throw new IllegalStateException("sign-on answered " + r.getString(39));
        }
    }

    /** Sends a message and waits for the next response on this connection. */
    public ISOMsg request(ISOMsg m) {
        send(m);
        return receive();
    }

    public void send(ISOMsg m) {
        sendMessage(pack(m));
    }

    public static byte[] pack(ISOMsg m) {
        try {
            m.setPackager(PACKAGER);
            return m.pack();
        } catch (ISOException e) {
            throw new IllegalArgumentException("cannot pack test message: " + e.getMessage(), e);
        }
    }

    /** Sends message bytes with a correct 4-byte header. */
    public void sendMessage(byte[] message) {
        byte[] frame = new byte[4 + message.length];
        frame[0] = (byte) (message.length >>> 8);
        frame[1] = (byte) message.length;
        System.arraycopy(message, 0, frame, 4, message.length);
        sendRaw(frame);
    }

    public void sendRaw(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next frame's message bytes (keep-alives are returned as empty arrays). */
    public byte[] receiveFrame() {
        try {
            int length = in.readUnsignedShort();
            int pad = in.readUnsignedShort();
            if (pad != 0) {
                throw new IllegalStateException("switch sent a bad header: " + pad);
            }
            byte[] message = new byte[length];
            in.readFully(message);
            return message;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ISOMsg receive() {
        return unpack(receiveFrame());
    }

    public static ISOMsg unpack(byte[] message) {
        try {
            ISOMsg m = new ISOMsg();
            m.setPackager(PACKAGER);
            m.unpack(message);
            return m;
        } catch (ISOException e) {
            throw new IllegalStateException("switch sent a message jPOS cannot unpack: " + e.getMessage(), e);
        }
    }

    /** True when the switch has closed this connection (reads EOF within the timeout). */
    public boolean closedByPeer(int timeoutMillis) {
        try {
            socket.setSoTimeout(timeoutMillis);
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (EOFException e) {
            return true;
        } catch (IOException e) {
            return true; // reset
        }
    }

    public void setTimeout(int millis) {
        try {
            socket.setSoTimeout(millis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test socket
        }
    }
}
