package org.connectorhub.hub.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.connectorhub.core.domain.AccountSuspendedException;
import org.connectorhub.core.domain.FieldError;
import org.connectorhub.core.domain.ConnectorHubException;
import org.connectorhub.core.domain.MissingScopeException;
import org.connectorhub.core.domain.ProviderRejectedException;
import org.connectorhub.core.domain.ProviderUnavailableException;

/** Turns the core's expected failures into problems, by their stable code. */
public final class ProblemMapper {
    private ProblemMapper() {
    }

    public static Problem toProblem(ConnectorHubException e) {
        Problem problem = withoutSecretLikeNames(Problem.of(status(e.code()), e.code(), title(e.code()), e.getMessage())
                .withErrors(e.fieldErrors()));
        if (e instanceof MissingScopeException missing) {
            problem = problem.withExtension("scope", missing.scope());
        }
        if (e instanceof AccountSuspendedException suspended) {
            problem = problem.withExtension("reason", suspended.reason().orElse(null));
        }
        if (e instanceof ProviderRejectedException rejected) {
            problem = problem.withExtension("provider_error_code", rejected.providerErrorCode())
                    .withExtension("provider_message", rejected.providerMessage());
        }
        if (e instanceof ProviderUnavailableException unavailable && unavailable.retryAfter().isPresent()) {
            problem = problem.withHeader("Retry-After", retryAfterSeconds(unavailable.retryAfter().get()));
        }
        return problem;
    }

    // the core names unknown credential fields in its messages; a "field" that looks like a token is not repeated
    private static Problem withoutSecretLikeNames(Problem problem) {
        List<FieldError> errors = new ArrayList<>();
        String detail = problem.detail();
        boolean changed = false;
        for (FieldError error : problem.errors()) {
            if (EchoedNames.showable(error.field())) {
                errors.add(error);
                continue;
            }
            changed = true;
            detail = detail.replace(error.field(), EchoedNames.HIDDEN);
            errors.add(new FieldError(EchoedNames.HIDDEN, error.code(),
                    error.message().replace(error.field(), EchoedNames.HIDDEN), error.hint()));
        }
        return changed ? Problem.of(problem.status(), problem.code(), problem.title(), detail).withErrors(errors)
                : problem;
    }

    static String retryAfterSeconds(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return Long.toString(seconds);
    }

    static int status(String code) {
        return switch (code) {
            case "account_not_found", "unknown_provider", "unknown_action", "provider_resource_not_found" -> 404;
            case "missing_scope" -> 403;
            case "policy_denied" -> 403;
            case "invalid_proxy_path" -> 400;
            case "payload_too_large" -> 413;
            case "provider_response_too_large" -> 502;
            case "version_conflict", "duplicate_account", "account_suspended" -> 409;
            case "provider_unavailable" -> 503;
            default -> 422; // invalid_credentials, invalid_input, provider_rejected, credentials_rejected, ...
        };
    }

    static String title(String code) {
        return switch (code) {
            case "account_not_found" -> "Account not found";
            case "unknown_provider" -> "Unknown provider";
            case "unknown_action" -> "Unknown action";
            case "provider_resource_not_found" -> "Not found at the provider";
            case "missing_scope" -> "Missing scope";
            case "policy_denied" -> "Denied by the agent token's policy";
            case "version_conflict" -> "Version conflict";
            case "duplicate_account" -> "Duplicate account";
            case "account_suspended" -> "Account suspended";
            case "provider_unavailable" -> "Provider unavailable";
            case "invalid_credentials" -> "Invalid credentials";
            case "invalid_input" -> "Invalid input";
            case "provider_rejected" -> "Rejected by the provider";
            case "credentials_rejected" -> "Credentials rejected by the provider";
            case "test_mode_unsupported" -> "Not available in test mode";
            case "invalid_proxy_path" -> "Path refused";
            case "proxy_unsupported" -> "No passthrough for this provider";
            case "payload_too_large" -> "Payload too large";
            case "provider_response_too_large" -> "Provider answer too large";
            default -> "Request failed";
        };
    }
}
