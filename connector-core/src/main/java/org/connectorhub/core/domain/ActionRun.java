package org.connectorhub.core.domain;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * One finished action run, as observers see it: where it ran, what it was and how it ended.
 *
 * @param outcome {@code ok}, or the failure's stable code ({@code invalid_input}, {@code missing_scope},
 *                {@code provider_unavailable}, ...; {@code internal_error} for anything unexpected)
 * @param took    from the checks after the action was found to the provider's answer
 */
public record ActionRun(String projectId, String accountId, String provider, String action, String outcome,
        Duration took) {
    public static final String OK = "ok";
    public static final String INTERNAL_ERROR = "internal_error";

    public ActionRun {
        requireNonNull(projectId, "projectId is null");
        requireNonNull(accountId, "accountId is null");
        requireNonNull(provider, "provider is null");
        requireNonNull(action, "action is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(took, "took is null");
    }

    public boolean ok() {
        return OK.equals(outcome);
    }
}
