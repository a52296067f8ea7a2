package org.connectorhub.testkit.postmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.connectorhub.testkit.postmark.FakePostmarkWebhookSettings.RetryPolicy;
import org.connectorhub.testkit.postmark.FakePostmarkEvent.Kind;
import org.connectorhub.testkit.postmark.PostmarkModel.ServerState;

import static java.util.Objects.requireNonNull;

/**
 * Sends fired events the way Postmark does (team fact sheet, section 3): one JSON POST per event
 * and URL, HTTP Basic from the webhook's HttpAuth or the URL's user info, its HttpHeaders, no
 * signature; exactly 200 is delivered, anything else may be retried on a ladder of delays.
 * Every attempt is recorded. Runs outside the state lock: a receiver may call the fake back.
 */
final class PostmarkWebhookDelivery {
    /** Headers the JDK client will not let a caller set; a webhook's HttpHeaders with these names are skipped. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    /** One URL an event goes to, with the body for it (IncludeContent differs per webhook). */
    record Target(long webhookId, URI url, String basicAuth, List<Map.Entry<String, String>> headers, String body) {
    }

    /** The settings in force when an event was fired. */
    record Settings(List<Duration> retries, List<Duration> inboundRetries, RetryPolicy policy, boolean traceHeaders,
            Duration timeout) {
        Settings {
            retries = List.copyOf(retries);
            inboundRetries = List.copyOf(inboundRetries);
            requireNonNull(policy, "policy is null");
            requireNonNull(timeout, "timeout is null");
        }
    }

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    private final List<FakePostmarkWebhookAttempt> attempts = new ArrayList<>();

    /** Who gets {@code event} on this server: its stream's webhooks with the trigger on, or the InboundHookUrl. */
    static List<Target> targets(ServerState server, FakePostmarkEvent event) {
        List<Target> targets = new ArrayList<>();
        ObjectNode payload = PostmarkWire.JSON.valueToTree(event.payload());
        if (event.kind() != Kind.OPEN && event.kind() != Kind.CLICK && event.kind() != Kind.INBOUND
                && !payload.has("ServerID") && !payload.has("ServerId")) {
            payload.put("ServerID", server.id);
        }
        if (event.kind() == Kind.INBOUND) {
            String hook = server.settings.path("InboundHookUrl").asText("");
            if (!hook.isEmpty()) {
                targets.add(new Target(0, URI.create(hook), null, List.of(), PostmarkWire.write(payload)));
            }
            return targets;
        }
        String trigger = event.kind().trigger().orElseThrow();
        for (ObjectNode webhook : server.webhooks) {
            JsonNode settings = webhook.path("Triggers").path(trigger);
            if (!webhook.path("MessageStream").asText().equalsIgnoreCase(event.messageStream())
                    || !settings.path("Enabled").asBoolean(false)) {
                continue;
            }
            if (event.kind() == Kind.OPEN && settings.path("PostFirstOpenOnly").asBoolean(false)
                    && !payload.path("FirstOpen").asBoolean(true)) {
                continue;
            }
            ObjectNode body = payload.deepCopy();
            if ((event.kind() == Kind.BOUNCE || event.kind() == Kind.SPAM_COMPLAINT)
                    && !settings.path("IncludeContent").asBoolean(false)) {
                body.remove("Content");
            }
            String username = webhook.path("HttpAuth").path("Username").asText("");
            String auth = username.isEmpty() ? null : username + ":" + webhook.path("HttpAuth").path("Password").asText("");
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            webhook.path("HttpHeaders").forEach(header -> headers.add(Map.entry(header.path("Name").asText(),
                    header.path("Value").asText(""))));
            targets.add(new Target(webhook.get("ID").asLong(), URI.create(webhook.get("Url").asText()), auth, headers,
                    PostmarkWire.write(body)));
        }
        return targets;
    }

    /** Sends to every target in parallel; completes when each is delivered or given up on. */
    CompletableFuture<List<FakePostmarkWebhookAttempt>> deliver(FakePostmarkEvent event, List<Target> targets, Settings settings) {
        List<CompletableFuture<List<FakePostmarkWebhookAttempt>>> sends = new ArrayList<>();
        for (Target target : targets) {
            sends.add(send(event, target, settings, 1, new ArrayList<>()));
        }
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<FakePostmarkWebhookAttempt> all = new ArrayList<>();
            sends.forEach(send -> all.addAll(send.join()));
            return List.copyOf(all);
        });
    }

    List<FakePostmarkWebhookAttempt> attempts() {
        synchronized (attempts) {
            return List.copyOf(attempts);
        }
    }

    private CompletableFuture<List<FakePostmarkWebhookAttempt>> send(FakePostmarkEvent event, Target target, Settings settings,
            int attempt, List<FakePostmarkWebhookAttempt> mine) {
        boolean inbound = event.kind() == Kind.INBOUND;
        List<Duration> ladder = inbound ? settings.inboundRetries() : settings.retries();
        URI url = withoutUserInfo(target.url());
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : target.headers()) {
            if (!header.getKey().isBlank() && !RESTRICTED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                headers.put(header.getKey(), header.getValue());
            }
        }
        headers.put("Content-Type", "application/json");
        String auth = target.basicAuth() != null ? target.basicAuth() : target.url().getUserInfo();
        if (auth != null) {
            headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(auth.getBytes(StandardCharsets.UTF_8)));
        }
        if (settings.traceHeaders()) {
            headers.put("X-PM-Retries-Remaining", String.valueOf(ladder.size() - (attempt - 1)));
            headers.put("X-PM-Webhook-Trace-Id", event.traceId());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(settings.timeout())
                .POST(HttpRequest.BodyPublishers.ofString(target.body()));
        headers.forEach(request::header);
        String recordType = String.valueOf(event.payload().getOrDefault("RecordType", "Inbound"));
        Instant at = Instant.now();
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
            int status = response == null ? 0 : response.statusCode();
            String error = failure == null ? "" : describe(failure);
            FakePostmarkWebhookAttempt recorded = new FakePostmarkWebhookAttempt(event.traceId(), recordType,
                    target.webhookId(), url, attempt, status, error, headers, target.body(), at);
            synchronized (attempts) {
                attempts.add(recorded);
            }
            mine.add(recorded);
            if (status == 200 || attempt > ladder.size() || !retried(status, inbound ? RetryPolicy.ANY_NON_200 : settings.policy())) {
                return CompletableFuture.completedFuture(List.copyOf(mine));
            }
            Duration delay = ladder.get(attempt - 1);
            return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS))
                    .thenCompose(waited -> send(event, target, settings, attempt + 1, mine));
        }).thenCompose(next -> next);
    }

    static boolean retried(int status, RetryPolicy policy) {
        return switch (policy) {
            case TRANSIENT_FAILURES -> status == 0 || status >= 500 || status == 408 || status == 429;
            case ANY_NON_200 -> status != 200 && status != 403;
        };
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    private static URI withoutUserInfo(URI url) {
        if (url.getUserInfo() == null) {
            return url;
        }
        try {
            return new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), url.getQuery(), url.getFragment());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("bad webhook URL", e);
        }
    }
}
