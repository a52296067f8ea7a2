package org.connectorhub.core.domain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One thing an account did: an action run, a proxied call, an agent's tool call, a provider event
 * received. Holds ids and outcomes only: never a token, and no request or response body unless
 * the operator turned bodies on (then redacted and cut by whoever records it).
 *
 * @param kind        {@code action}, {@code proxy}, {@code agent_tool} or {@code provider_event}
 * @param what        the action's name, or {@code "GET /server"} for a proxied call
 * @param status      the HTTP status the caller got (200, 4xx, 5xx)
 * @param code        the problem code when it failed ({@code invalid_input}, ...)
 * @param providerIds the provider's own ids from the answer (Postmark {@code MessageID}, {@code ErrorCode})
 */
public record ActivityEntry(
        String id,
        Instant at,
        String projectId,
        String accountId,
        String provider,
        String kind,
        String what,
        Caller caller,
        int status,
        Optional<String> code,
        long durationMicros,
        Map<String, String> providerIds,
        Optional<String> idempotencyKey,
        boolean replay,
        Optional<String> requestBody,
        Optional<String> responseBody) {
    private static final char[] ID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();

    /**
     * A new entry id: {@code log_} and 26 lower-case Crockford base-32 characters, the first 10 the
     * time in milliseconds and the rest 80 random bits (a ULID's layout). Ids made later sort later,
     * so the table's primary key grows at its end: with fully random ids every batch of entries
     * rewrote a page of that index per entry (H2 copies each page it changes at commit; scenario 1d).
     */
    public static String newId(Instant at) {
        char[] id = new char[26];
        long millis = at.toEpochMilli();
        for (int i = 9; i >= 0; i--) {
            id[i] = ID_ALPHABET[(int) (millis & 31)];
            millis >>>= 5;
        }
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 10; i < id.length; i++) {
            id[i] = ID_ALPHABET[random.nextInt(ID_ALPHABET.length)];
        }
        return "log_" + new String(id);
    }

    public ActivityEntry {
        requireNonNull(id, "id is null");
        requireNonNull(at, "at is null");
        requireNonNull(projectId, "projectId is null");
        requireNonNull(accountId, "accountId is null");
        requireNonNull(provider, "provider is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(what, "what is null");
        requireNonNull(caller, "caller is null");
        requireNonNull(code, "code is null");
        providerIds = Map.copyOf(requireNonNull(providerIds, "providerIds is null"));
        requireNonNull(idempotencyKey, "idempotencyKey is null");
        requireNonNull(requestBody, "requestBody is null");
        requireNonNull(responseBody, "responseBody is null");
    }

    /** The lowest status that counts as a failure. */
    public static final int FIRST_FAILURE_STATUS = 400;

    /** The caller got what it asked for: any status below {@link #FIRST_FAILURE_STATUS}. */
    public boolean ok() {
        return status < FIRST_FAILURE_STATUS;
    }

    /** Ids and outcome only; bodies are left out so a log line of this can never carry one. */
    @Override
    public String toString() {
        return "ActivityEntry[" + id + " " + at + " " + accountId + " " + kind + " " + what + " by " + caller
                + " -> " + status + code.map(c -> " " + c).orElse("") + "]";
    }
}
