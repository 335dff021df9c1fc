package io.tatekae.admin;

import io.netty.handler.codec.http.HttpMethod;
import io.tatekae.metrics.SwitchMetrics;

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
    private final Function<String, CompletableFuture<Reply>> provision;

    /** @param provision loads a JSON Lines body on the decision thread and describes the report */
    public AdminRoutes(SwitchMetrics metrics, Function<String, CompletableFuture<Reply>> provision) {
        this.metrics = metrics;
        this.provision = provision;
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
            case "/admin/provision" -> HttpMethod.POST.equals(method) ? provision.apply(body) : done(notAllowed());
            default -> done(Reply.text(404, "no such path: " + path
                    + " (try /health, /metrics, POST /admin/provision)"));
        };
    }

    private static Reply notAllowed() {
        return Reply.text(405, "method not allowed");
    }

    private static CompletableFuture<Reply> done(Reply r) {
        return CompletableFuture.completedFuture(r);
    }
}
