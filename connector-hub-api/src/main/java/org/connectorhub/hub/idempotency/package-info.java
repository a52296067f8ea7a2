/**
 * Idempotency keys: a repeated {@code Idempotency-Key} gets the first answer back instead of running
 * the action again. The responder, its store port ({@link org.connectorhub.hub.idempotency.IdempotencyStore})
 * and the JDBC adapter. May depend on {@code http} and {@code storage}.
 */
package org.connectorhub.hub.idempotency;
