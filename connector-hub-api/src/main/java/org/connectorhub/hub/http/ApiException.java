package org.connectorhub.hub.http;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.connectorhub.core.domain.FieldError;

/**
 * A problem found by the HTTP layer itself (authentication, media type, size, JSON shape), or by a
 * capability that knows its answer (a connect session that cannot be used).
 */
public class ApiException extends RuntimeException {
    private final transient Problem problem;

    public ApiException(Problem problem) {
        super(requireNonNull(problem, "problem is null").detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ApiException badRequest(String detail, List<FieldError> errors) {
        return new ApiException(Problem.of(400, "malformed_request", "Malformed request", detail).withErrors(errors));
    }

    public static ApiException wrongType(String field, String expected) {
        String message = "'" + field + "' must be " + expected + ".";
        return badRequest(message, List.of(FieldError.of(field, "wrong_type", message)));
    }

    public static ApiException invalidInput(String field, String message) {
        return new ApiException(Problem.of(422, "invalid_input", "Invalid input", message)
                .withErrors(List.of(FieldError.of(field, "invalid", message))));
    }

    public static ApiException required(String field) {
        String message = "'" + field + "' is required.";
        return new ApiException(Problem.of(422, "invalid_input", "Invalid input", message)
                .withErrors(List.of(FieldError.of(field, "required", message))));
    }

    public static ApiException unauthorized(String code, String detail) {
        return new ApiException(Problem.of(401, code, "Unauthorized", detail)
                .withHeader("WWW-Authenticate", "Bearer"));
    }
}
