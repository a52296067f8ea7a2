/**
 * Running the hub in production: {@code /healthz}, {@code /readyz}, {@code /metrics} and
 * {@code /openapi.json}, the Micrometer verification observer, the logging set-up (no secret in a log
 * line) and the housekeeping that deletes expired rows. May depend on {@code http}, {@code storage},
 * {@code lifecycle}, {@code sessions} and {@code idempotency}.
 */
package org.connectorhub.hub.operability;
