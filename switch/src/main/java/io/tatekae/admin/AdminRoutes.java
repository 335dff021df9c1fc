package io.tatekae.admin;

import io.netty.handler.codec.http.HttpMethod;
import io.tatekae.metrics.SwitchMetrics;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
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

        /** A JSON answer (the body is JSON text already). */
        public static Reply json(int status, String body) {
            return new Reply(status, "application/json", body.endsWith("\n") ? body : body + "\n");
        }
    }

    private final SwitchMetrics metrics;
    private final Map<String, Function<String, CompletableFuture<Reply>>> commands;
    private final Map<String, BiFunction<List<String>, String, CompletableFuture<Reply>>> templated;

    /**
     * @param commands admin commands by "METHOD /path" (e.g. "POST /admin/provision"); each takes the
     *                 request body (for GET: the query string after '?', or "") and answers when done
     */
    public AdminRoutes(SwitchMetrics metrics, Map<String, Function<String, CompletableFuture<Reply>>> commands) {
        this(metrics, commands, Map.of());
    }

    /**
     * @param templated commands whose path has parameters, by "METHOD /path/{name}/more"; each takes the
     *                  parameters' values (URL-decoded, in order) and the body as above
     */
    public AdminRoutes(SwitchMetrics metrics, Map<String, Function<String, CompletableFuture<Reply>>> commands,
                       Map<String, BiFunction<List<String>, String, CompletableFuture<Reply>>> templated) {
        this.metrics = metrics;
        this.commands = Map.copyOf(commands);
        this.templated = Map.copyOf(templated);
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
        boolean templateKnown = false;
        for (Map.Entry<String, BiFunction<List<String>, String, CompletableFuture<Reply>>> t : templated.entrySet()) {
            String template = t.getKey().substring(t.getKey().indexOf(' ') + 1);
            List<String> values = match(template, path);
            if (values != null) {
                if (t.getKey().startsWith(method.name() + " ")) {
                    return t.getValue().apply(values, body);
                }
                templateKnown = true;
            }
        }
        if (templateKnown) {
            return done(notAllowed());
        }
        boolean known = commands.keySet().stream().anyMatch(k -> k.endsWith(" " + path));
        TreeSet<String> all = new TreeSet<>(commands.keySet());
        all.addAll(templated.keySet());
        return done(known ? notAllowed() : Reply.text(404, "no such path: " + path + " (try /health, /metrics, /live, /live.json, "
                + String.join(", ", all) + ")"));
    }

    /** The values of the template's {parameters} in the path, or null when the path does not match it. */
    static List<String> match(String template, String path) {
        String[] want = template.split("/", -1);
        String[] got = path.split("/", -1);
        if (want.length != got.length) {
            return null;
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < want.length; i++) {
            if (want[i].startsWith("{") && want[i].endsWith("}")) {
                if (got[i].isEmpty()) {
                    return null;
                }
                try {
                    values.add(URLDecoder.decode(got[i], StandardCharsets.UTF_8));
                } catch (IllegalArgumentException badEscape) {
                    return null;
                }
            } else if (!want[i].equals(got[i])) {
                return null;
            }
        }
        return values;
    }

    private static Reply notAllowed() {
        return Reply.text(405, "method not allowed");
    }

    private static CompletableFuture<Reply> done(Reply r) {
        return CompletableFuture.completedFuture(r);
    }
}
