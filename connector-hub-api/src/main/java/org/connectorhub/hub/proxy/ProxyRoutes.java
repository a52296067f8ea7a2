package org.connectorhub.hub.proxy;

import org.connectorhub.hub.config.ProxySettings;
import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.connectorhub.core.domain.AccountNotFoundException;
import org.connectorhub.core.domain.ActivityEntry;
import org.connectorhub.core.domain.Caller;
import org.connectorhub.core.domain.ConnectorHubException;
import org.connectorhub.core.domain.InvalidInputException;
import org.connectorhub.core.domain.InvalidProxyPathException;
import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.core.domain.PayloadTooLargeException;
import org.connectorhub.core.domain.ProviderUnavailableException;
import org.connectorhub.core.port.in.ProxyCommand;
import org.connectorhub.core.port.in.ProxyUseCase;
import org.connectorhub.core.port.out.ActivityRecorder;
import org.connectorhub.core.service.ProxyService;
import org.connectorhub.core.spi.ProxyBody;
import org.connectorhub.core.spi.ProxyHeaders;
import org.connectorhub.core.spi.ProxyResponse;
import org.connectorhub.hub.http.ApiException;
import org.connectorhub.hub.projects.Authentication;
import org.connectorhub.hub.idempotency.IdempotentResponder;
import org.connectorhub.hub.idempotency.IdempotentResponder.RawResponse;
import org.connectorhub.hub.http.ProblemMapper;
import org.connectorhub.hub.http.Responses;
import org.connectorhub.hub.http.RouteContributor;
import org.connectorhub.hub.http.RouteTable;
import org.connectorhub.hub.accounts.CachingAccountStore;
import org.connectorhub.hub.projects.Project;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /v1/accounts/{id}/proxy/{path}} for the five methods (project API key). Without an
 * {@code Idempotency-Key} both bodies stream (the answer's status and headers go out before its
 * body); with one, both are held in memory (within the limit) so the answer can be stored and replayed.
 */
public final class ProxyRoutes implements RouteContributor {
    static final String ROUTE = "/v1/accounts/{id}/proxy/<path>";
    private static final Logger LOG = LoggerFactory.getLogger(ProxyRoutes.class);
    private static final String ACCOUNTS = "/v1/accounts/";
    private static final String PROXY = "proxy/";
    static final int SMALL_ANSWER = 64 * 1024;

    private final Authentication auth;
    private final ProxyUseCase proxy;
    private final IdempotentResponder idempotent;
    private final CachingAccountStore accounts;
    private final ActivityRecorder activity;
    private final ProxySettings settings;
    private final Clock clock;

    @Inject
    public ProxyRoutes(Authentication auth, ProxyUseCase proxy, IdempotentResponder idempotent,
            CachingAccountStore accounts, ActivityRecorder activity, ProxySettings settings, Clock clock) {
        this.auth = requireNonNull(auth, "auth is null");
        this.proxy = requireNonNull(proxy, "proxy is null");
        this.idempotent = requireNonNull(idempotent, "idempotent is null");
        this.accounts = requireNonNull(accounts, "accounts is null");
        this.activity = requireNonNull(activity, "activity is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public void register(RouteTable routes) {
        Handler handler = auth.platform(this::proxy);
        routes.get(ROUTE, handler).post(ROUTE, handler).put(ROUTE, handler).patch(ROUTE, handler)
                .delete(ROUTE, handler);
    }

    private void proxy(Context ctx, Project project) {
        long start = System.nanoTime();
        String accountId = ctx.pathParam("id");
        LinkedAccount account = accounts.find(project.id(), accountId)
                .orElseThrow(() -> new AccountNotFoundException("No account " + accountId + " in this project."));
        String method = ctx.method().name();
        String rawPath = rawPath(ctx);
        Optional<String> rawQuery = Optional.ofNullable(ctx.req().getQueryString());
        Optional<String> key = Optional.ofNullable(ctx.header(IdempotentResponder.HEADER));
        int status = 500;
        Optional<String> code = Optional.empty();
        try {
            if (key.isEmpty()) {
                streamed(ctx, project, accountId, method, rawPath, rawQuery);
            } else {
                buffered(ctx, project, accountId, method, rawPath, rawQuery);
            }
            status = ctx.statusCode();
        } catch (ConnectorHubException e) {
            status = ProblemMapper.toProblem(e).status();
            code = Optional.of(e.code());
            throw e;
        } catch (ApiException e) {
            status = e.problem().status();
            code = Optional.of(e.problem().code());
            throw e;
        } catch (RuntimeException e) {
            code = Optional.of("internal_error");
            throw e;
        } finally {
            Instant at = clock.instant();
            activity.record(new ActivityEntry(ActivityEntry.newId(at), at,
                    project.id(), accountId, account.provider(), ProxyActivity.KIND,
                    ProxyActivity.what(method, rawPath, rawQuery), new Caller(Caller.Kind.API_KEY, project.id()),
                    status, code, (System.nanoTime() - start) / 1000, Map.of(), key,
                    "true".equals(ctx.res().getHeader("Idempotent-Replayed")), Optional.empty(), Optional.empty()));
        }
    }

    private void streamed(Context ctx, Project project, String accountId, String method, String rawPath,
            Optional<String> rawQuery) {
        ProxyBody body = hasBody(method) ? ProxyBody.streaming(input(ctx), declaredLength(ctx)) : ProxyBody.empty();
        try (ProxyResponse response = proxy.proxy(command(ctx, project, accountId, method, rawPath, rawQuery, body))) {
            ctx.status(response.status());
            response.headers().forEach((name, values) -> values.forEach(value -> ctx.res().addHeader(name, value)));
            if (response.headers().keySet().stream().noneMatch(n -> n.equalsIgnoreCase("Content-Type"))) {
                ctx.res().setContentType(null);
            }
            SmallFirst out = new SmallFirst(ctx);
            try {
                response.writeBody(out);
                out.finish();
            } catch (IOException e) {
                abort(ctx, e);
            }
        }
    }

    private void buffered(Context ctx, Project project, String accountId, String method, String rawPath,
            Optional<String> rawQuery) {
        byte[] requestBody = hasBody(method) ? readWithin(ctx) : new byte[0];
        String requestLine = method + " " + ctx.path() + rawQuery.map(q -> "?" + q).orElse("");
        idempotent.respondRaw(ctx, project.id(), requestLine, requestBody, () -> {
            ProxyCommand command = command(ctx, project, accountId, method, rawPath, rawQuery, ProxyBody.of(requestBody));
            try (ProxyResponse response = proxy.proxy(command)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                response.writeBody(out);
                response.headers().forEach((name, values) -> {
                    if (!name.equalsIgnoreCase("Content-Type")) {
                        values.forEach(value -> ctx.res().addHeader(name, value));
                    }
                });
                String contentType = ProxyHeaders.first(response.headers(), "Content-Type").orElse(Responses.JSON);
                return new RawResponse(response.status(), contentType, out.toByteArray());
            } catch (ProxyService.ResponseTooLargeException e) {
                throw PayloadTooLargeException.response(settings.maxBodyBytes());
            } catch (IOException e) {
                throw new ProviderUnavailableException("The provider's answer broke off.", Optional.empty());
            }
        });
    }

    private static ProxyCommand command(Context ctx, Project project, String accountId, String method, String rawPath,
            Optional<String> rawQuery, ProxyBody body) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : List.of("Accept", "Content-Type")) {
            String value = ctx.header(name);
            if (value != null) {
                headers.put(name, List.of(value));
            }
        }
        return new ProxyCommand(project.id(), accountId, method, rawPath, rawQuery, headers, body);
    }

    /** The path after {@code /proxy/} exactly as the caller sent it (still percent-encoded). */
    private static String rawPath(Context ctx) {
        String uri = ctx.req().getRequestURI();
        int idEnd = uri.startsWith(ACCOUNTS) ? uri.indexOf('/', ACCOUNTS.length()) : -1;
        if (idEnd < 0 || !uri.startsWith(PROXY, idEnd + 1)) {
            throw new InvalidProxyPathException("The path to call at the provider could not be read.");
        }
        return uri.substring(idEnd + 1 + PROXY.length());
    }

    private static boolean hasBody(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    private static OptionalLong declaredLength(Context ctx) {
        long length = ctx.req().getContentLengthLong();
        return length >= 0 ? OptionalLong.of(length) : OptionalLong.empty();
    }

    private static InputStream input(Context ctx) {
        try {
            return ctx.req().getInputStream();
        } catch (IOException e) {
            throw new InvalidInputException("The request body could not be read.", List.of());
        }
    }

    private byte[] readWithin(Context ctx) {
        long limit = settings.maxBodyBytes();
        OptionalLong declared = declaredLength(ctx);
        if (declared.isPresent() && declared.getAsLong() > limit) {
            throw PayloadTooLargeException.request(limit);
        }
        try (InputStream in = input(ctx)) {
            byte[] body = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
            if (body.length > limit) {
                throw PayloadTooLargeException.request(limit);
            }
            return body;
        } catch (IOException e) {
            throw new InvalidInputException("The request body could not be read.", List.of());
        }
    }

    /**
     * Holds the first {@value #SMALL_ANSWER} bytes: an answer that fits goes out in one write with
     * its {@code Content-Length} (as the hub's own answers do); a larger one streams, chunked.
     */
    private static final class SmallFirst extends OutputStream {
        private final Context ctx;
        private final ByteArrayOutputStream head = new ByteArrayOutputStream(1024);
        private OutputStream streaming;

        SmallFirst(Context ctx) {
            this.ctx = ctx;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (streaming == null && head.size() + length <= SMALL_ANSWER) {
                head.write(bytes, offset, length);
                return;
            }
            if (streaming == null) {
                streaming = ctx.res().getOutputStream();
                head.writeTo(streaming);
            }
            streaming.write(bytes, offset, length);
        }

        void finish() throws IOException {
            if (streaming == null) {
                ctx.res().setContentLength(head.size());
                streaming = ctx.res().getOutputStream();
                head.writeTo(streaming);
            }
            streaming.flush();
        }
    }

    /** The status is out already: cut the connection so the caller cannot take a partial body for a whole one. */
    private static void abort(Context ctx, IOException e) {
        LOG.warn("proxied answer cut off on {} {}: {}", ctx.method(), "/v1/accounts/{id}/proxy/{path}",
                e instanceof ProxyService.ResponseTooLargeException ? "over the size limit" : "the provider's body broke off");
        ServletContextRequest base = ServletContextRequest.getServletContextRequest(ctx.req());
        if (base != null) {
            base.getServletChannel().abort(e);
        }
    }
}
