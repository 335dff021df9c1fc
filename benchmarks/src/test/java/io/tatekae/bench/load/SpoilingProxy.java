package io.tatekae.bench.load;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of a real server that drops the n-th request (not counting 0800s; or only
 * counting those of one MTI) and answers the m-th response (not counting 0810s) with DE 39 {@code 96}
 * instead of what the server said.
 */
final class SpoilingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int upstreamPort;
    private final int dropRequest;
    private final int spoilResponse;
    private final String dropMti;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger responses = new AtomicInteger();
    private final List<Socket> sockets = new ArrayList<>();
    private final FrameCodec codec = LoadTesterTest.codec();

    SpoilingProxy(int upstreamPort, int dropRequest, int spoilResponse) throws IOException {
        this(upstreamPort, null, dropRequest, spoilResponse);
    }

    /** Drops the {@code dropRequest}-th request of MTI {@code dropMti} (null: of any MTI but 0800). */
    SpoilingProxy(int upstreamPort, String dropMti, int dropRequest, int spoilResponse) throws IOException {
        this.dropMti = dropMti;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.upstreamPort = upstreamPort;
        this.dropRequest = dropRequest;
        this.spoilResponse = spoilResponse;
        Thread t = new Thread(this::acceptLoop, "spoiling-proxy");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        try {
            while (true) {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                synchronized (sockets) {
                    sockets.add(client);
                    sockets.add(upstream);
                }
                pump(client, upstream, true);
                pump(upstream, client, false);
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void pump(Socket from, Socket to, boolean requestsDirection) {
        Thread t = new Thread(() -> {
            try {
                DataInputStream in = new DataInputStream(from.getInputStream());
                OutputStream out = to.getOutputStream();
                FrameCodec.Scan scan = new FrameCodec.Scan();
                while (true) {
                    byte[] head = new byte[4];
                    in.readFully(head);
                    int len = (head[0] & 0xFF) << 8 | (head[1] & 0xFF);
                    byte[] body = new byte[len];
                    in.readFully(body);
                    boolean management = len >= 4 && body[1] == '8';
                    boolean counted = dropMti == null ? !management
                            : len >= 4 && new String(body, 0, 4, StandardCharsets.US_ASCII).equals(dropMti);
                    if (requestsDirection && counted && requests.incrementAndGet() == dropRequest) {
                        continue;
                    }
                    if (!requestsDirection && !management && responses.incrementAndGet() == spoilResponse
                            && codec.scan(body, 0, len, scan) && scan.de39Offset >= 0) {
                        body[scan.de39Offset] = '9';
                        body[scan.de39Offset + 1] = '6';
                    }
                    out.write(head);
                    out.write(body);
                    out.flush();
                }
            } catch (IOException e) {
                // a side closed
            }
        }, "spoiling-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (sockets) {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}
