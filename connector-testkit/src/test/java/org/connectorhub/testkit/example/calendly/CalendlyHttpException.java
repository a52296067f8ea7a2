package org.connectorhub.testkit.example.calendly;

import com.fasterxml.jackson.databind.JsonNode;

/** Calendly answered a 4xx: its status, and its {@code title} and {@code message} as sent. */
final class CalendlyHttpException extends RuntimeException {
    private final int status;
    private final String title;
    private final String providerMessage;

    private CalendlyHttpException(int status, String title, String providerMessage) {
        super("Calendly answered " + status + " " + title + ": " + providerMessage);
        this.status = status;
        this.title = title;
        this.providerMessage = providerMessage;
    }

    static CalendlyHttpException from(int status, JsonNode error) {
        return new CalendlyHttpException(status, error.path("title").asText("Error"),
                error.path("message").asText("no message"));
    }

    int status() {
        return status;
    }

    String title() {
        return title;
    }

    String providerMessage() {
        return providerMessage;
    }
}
