package io.tatekae.admin;

import io.netty.handler.codec.http.HttpMethod;
import io.tatekae.metrics.SwitchMetrics;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** What each HTTP path does. Admin commands that change state run on the decision thread. */
public final class AdminRoutes {
    /** One HTTP answer. */
    public record Reply(int status, String contentType, String body) {
        static Reply text(int status, String body) {
            return new Reply(status, "text/plain; charset=utf-8", body.endsWith("\n") ? body : body + "\n");
        }

        static Reply error(int status, String message) {
            return text(status, "error: " + message);
        }
    }

    private final SwitchMetrics metrics;
    private final Map<String, Function<String, CompletableFuture<Reply>>> commands;

    /**
     * @param commands admin commands by "METHOD /path" (e.g. "POST /admin/provision"); each takes the
     *                 request body (for GET: the query string after '?', or "") and answers when done
     */
    public AdminRoutes(SwitchMetrics metrics, Map<String, Function<String, CompletableFuture<Reply>>> commands) {
        this.metrics = metrics;
        this.commands = Map.copyOf(commands);
    }

    public static Reply reply(int status, String body) {
        return Reply.text(status, body);
    }

    CompletableFuture<Reply> handle(HttpMethod method, String uri, String body) {
        String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
        return switch (path) {
            case "/health" -> done(AdminHttpServer.isGet(method) ? Reply.text(200, "ok") : notAllowed());
            case "/metrics" -> done(AdminHttpServer.isGet(method)
                    ? new Reply(200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()) : notAllowed());
            case "/", "/live" -> done(AdminHttpServer.isGet(method)
                    ? new Reply(200, "text/html; charset=utf-8", LivePage.html()) : notAllowed());
            case "/live.json" -> done(AdminHttpServer.isGet(method)
                    ? new Reply(200, "application/json", metrics.liveJson()) : notAllowed());
            default -> command(method, path, AdminHttpServer.isGet(method)
                    ? (uri.contains("?") ? uri.substring(uri.indexOf('?') + 1) : "") : body);
        };
    }

    private CompletableFuture<Reply> command(HttpMethod method, String path, String body) {
        Function<String, CompletableFuture<Reply>> c = commands.get(method.name() + " " + path);
        if (c != null) {
            return c.apply(body);
        }
        boolean known = commands.keySet().stream().anyMatch(k -> k.endsWith(" " + path));
        return done(known ? notAllowed() : Reply.text(404, "no such path: " + path + " (try /health, /metrics, /live, /live.json, "
                + String.join(", ", new java.util.TreeSet<>(commands.keySet())) + ")"));
    }

    private static Reply notAllowed() {
        return Reply.text(405, "method not allowed");
    }

    private static CompletableFuture<Reply> done(Reply r) {
        return CompletableFuture.completedFuture(r);
    }
}
