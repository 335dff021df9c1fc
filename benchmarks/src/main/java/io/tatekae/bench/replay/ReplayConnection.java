package io.tatekae.bench.replay;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.function.Consumer;

/** One TCP link to the switch (profile §1 framing): frames out from the caller, frames in on a reader thread. */
final class ReplayConnection implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final Socket socket;
    private final OutputStream out;
    private final Thread reader;

    ReplayConnection(String host, int port, Consumer<byte[]> onMessage) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
        out = socket.getOutputStream();
        DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
        reader = new Thread(() -> readLoop(in, onMessage), "replay-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void readLoop(DataInputStream in, Consumer<byte[]> onMessage) {
        try {
            while (true) {
                int length = in.readUnsignedShort();
                in.readUnsignedShort();
                byte[] message = new byte[length];
                in.readFully(message);
                if (length > 0) {
                    onMessage.accept(message);
                }
            }
        } catch (IOException closed) {
            // the switch or close() ended the link; requests still pending are reported unanswered
        }
    }

    void send(byte[] message) throws IOException {
        byte[] frame = new byte[4 + message.length];
        frame[0] = (byte) (message.length >>> 8);
        frame[1] = (byte) message.length;
        System.arraycopy(message, 0, frame, 4, message.length);
        out.write(frame);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
