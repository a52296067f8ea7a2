package org.connectorhub.hub.idempotency;

import org.connectorhub.hub.http.ApiException;
import org.connectorhub.hub.http.Problem;
import org.connectorhub.hub.http.ProblemMapper;
import org.connectorhub.hub.http.Responses;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Inject;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.function.Supplier;
import org.connectorhub.core.domain.AccountSuspendedException;
import org.connectorhub.core.domain.ConnectorHubException;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.idempotency.IdempotencyStore.Reservation;

/**
 * Runs a request at most once per {@code Idempotency-Key} and project: the key is reserved with
 * a unique insert before the work, a repeat gets the first response back (with
 * {@code Idempotent-Replayed: true}), a concurrent repeat gets 409, and a repeat with a different
 * request gets 422. Failures worth retrying (provider unavailable, internal errors, a suspended
 * account) release the key instead of being remembered.
 */
public final class IdempotentResponder {
    public static final String HEADER = "Idempotency-Key";
    static final int MAX_KEY_LENGTH = 255;

    /** A JSON response to send and, with a key, to remember. */
    public record JsonResponse(int status, Object body) { }

    private final IdempotencyStore store;
    private final ObjectMapper mapper;
    private final Clock clock;

    @Inject
    public IdempotentResponder(IdempotencyStore store, ObjectMapper mapper, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** A response already in bytes of its own content type (a proxied answer), to send and, with a key, to remember. */
    public record RawResponse(int status, String contentType, byte[] body) { }

    public void respond(Context ctx, String projectId, byte[] requestBody, Supplier<JsonResponse> work) {
        respondRaw(ctx, projectId, ctx.method().name() + " " + ctx.path(), requestBody, () -> {
            JsonResponse response = work.get();
            return new RawResponse(response.status(), Responses.JSON, Responses.writeBytes(mapper, response.body()));
        });
    }

    /**
     * As {@link #respond}, for a response that is not ours to serialize; {@code requestLine} (method,
     * path and, where it matters, query) and the body tell a repeat from a different request.
     */
    public void respondRaw(Context ctx, String projectId, String requestLine, byte[] requestBody,
            Supplier<RawResponse> work) {
        String key = ctx.header(HEADER);
        if (key == null) {
            RawResponse response = work.get();
            ctx.status(response.status()).contentType(response.contentType()).result(response.body());
            return;
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ApiException.badRequest("The Idempotency-Key header must have 1 to " + MAX_KEY_LENGTH
                    + " characters.", java.util.List.of());
        }
        String fingerprint = ApiKeys.hash(requestLine + "\n" + new String(requestBody, StandardCharsets.UTF_8));
        Reservation reservation = store.reserve(projectId, key, fingerprint, clock.instant());
        if (reservation instanceof Reservation.Completed completed) {
            requireSameRequest(completed.fingerprint(), fingerprint);
            ctx.header("Idempotent-Replayed", "true");
            ctx.status(completed.status())
                    .contentType(completed.status() >= 400 ? Responses.PROBLEM_JSON : Responses.JSON)
                    .result(completed.body());
            return;
        }
        if (reservation instanceof Reservation.InProgress inProgress) {
            requireSameRequest(inProgress.fingerprint(), fingerprint);
            throw new ApiException(Problem.of(409, "idempotency_in_progress", "Request in progress",
                    "A request with this Idempotency-Key is still running; retry later.").withHeader("Retry-After", "1"));
        }
        RawResponse response;
        try {
            response = work.get();
        } catch (ConnectorHubException e) {
            Problem problem = ProblemMapper.toProblem(e);
            // a suspension ends: the same request may run once the account is resumed
            if (problem.status() >= 500 || e instanceof AccountSuspendedException) {
                store.release(projectId, key);
            } else {
                store.complete(projectId, key, problem.status(), Responses.write(mapper, problem.body()));
            }
            throw e;
        } catch (RuntimeException | Error e) {
            store.release(projectId, key);
            throw e;
        }
        store.complete(projectId, key, response.status(), new String(response.body(), StandardCharsets.UTF_8));
        ctx.status(response.status()).contentType(response.contentType()).result(response.body());
    }

    private static void requireSameRequest(String stored, String presented) {
        if (!ApiKeys.sameHash(stored, presented)) {
            throw new ApiException(Problem.of(422, "idempotency_key_reused", "Idempotency key reused",
                    "This Idempotency-Key was used for a different request."));
        }
    }
}
