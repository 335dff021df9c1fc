package io.tatekae.admin;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.ReadTimeoutHandler;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP port for ops: {@code GET /health}, {@code GET /metrics} (Prometheus text) and the admin
 * commands of {@link AdminRoutes}. It binds to {@code http.host} (loopback by default): the admin
 * commands change state, so never expose this port beyond the operators' network.
 */
public final class AdminHttpServer implements AutoCloseable {
    /** Bodies above this are refused (a provisioning file of ~50,000 cards fits). */
    public static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
    private static final System.Logger LOG = System.getLogger(AdminHttpServer.class.getName());

    private final String host;
    private final int port;
    private final AdminRoutes routes;
    private EventLoopGroup group;
    private Channel listener;

    public AdminHttpServer(String host, int port, AdminRoutes routes) {
        this.host = host;
        this.port = port;
        this.routes = routes;
    }

    public AdminHttpServer start() throws InterruptedException {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        listener = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new ReadTimeoutHandler(30, TimeUnit.SECONDS))
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(MAX_BODY_BYTES))
                                .addLast(new Handler());
                    }
                })
                .bind(host, port).sync().channel();
        LOG.log(System.Logger.Level.INFO, () -> "HTTP (metrics, admin) on " + listener.localAddress());
        return this;
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close().syncUninterruptibly();
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            CompletableFuture<AdminRoutes.Reply> reply;
            try {
                reply = routes.handle(req.method(), req.uri(), req.content().toString(StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                reply = CompletableFuture.completedFuture(AdminRoutes.Reply.error(500, e.getMessage()));
            }
            reply.whenComplete((r, failure) -> {
                AdminRoutes.Reply out = failure != null
                        ? AdminRoutes.Reply.error(500, String.valueOf(failure.getMessage())) : r;
                ctx.executor().execute(() -> write(ctx, out, keepAlive));
            });
        }

        private void write(ChannelHandlerContext ctx, AdminRoutes.Reply r, boolean keepAlive) {
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(r.status()), Unpooled.copiedBuffer(r.body(), StandardCharsets.UTF_8));
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
            HttpUtil.setContentLength(res, res.content().readableBytes());
            HttpUtil.setKeepAlive(res, keepAlive);
            var done = ctx.writeAndFlush(res);
            if (!keepAlive) {
                done.addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    static boolean isGet(HttpMethod m) {
        return HttpMethod.GET.equals(m);
    }
}
