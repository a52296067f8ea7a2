package org.connectorhub.hub.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

/** Writes JSON and problem responses. */
public final class Responses {
    static final String PROBLEM_WRITTEN = "hub.problem";
    public static final String JSON = "application/json";
    public static final String PROBLEM_JSON = "application/problem+json";

    private Responses() {
    }

    public static void json(Context ctx, ObjectMapper mapper, int status, Object body) {
        // UTF-8 bytes straight from Jackson (a String result would be encoded again)
        ctx.status(status).contentType(JSON).result(writeBytes(mapper, body));
    }

    public static void problem(Context ctx, ObjectMapper mapper, Problem problem) {
        problem.headers().forEach(ctx::header);
        ctx.attribute(PROBLEM_WRITTEN, Boolean.TRUE);
        ctx.status(problem.status()).contentType(PROBLEM_JSON).result(write(mapper, problem.body()));
    }

    public static byte[] writeBytes(ObjectMapper mapper, Object body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a response body", e);
        }
    }

    public static String write(ObjectMapper mapper, Object body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a response body", e);
        }
    }
}
