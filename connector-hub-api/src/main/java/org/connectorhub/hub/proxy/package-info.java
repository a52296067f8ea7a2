/**
 * The passthrough: {@code GET|POST|PUT|PATCH|DELETE /v1/accounts/{id}/proxy/{path}} calls any
 * endpoint of the account's provider with the credential injected by the hub.
 *
 * <p><b>Where each rule lives.</b> The core ({@link org.connectorhub.core.service.ProxyService})
 * checks the path once for every connector ({@link org.connectorhub.core.spi.ProxyPath}: no
 * {@code ..}, no encoded slash or backslash, no scheme, host, {@code @} or control character), keeps
 * only the allowed headers ({@link org.connectorhub.core.spi.ProxyHeaders}), checks the scope
 * before any network call, holds both bodies to {@code HUB_PROXY_MAX_BODY_BYTES} and marks the
 * account invalid on a rejected credential. The connector's
 * {@link org.connectorhub.core.spi.ProxySupport} names the credential a path needs, sends the call
 * (timeouts, retries) and removes token fields from the answer. This package is the HTTP side:
 * the routes, streaming both ways, {@code Idempotency-Key} replays and one activity entry per call.
 */
package org.connectorhub.hub.proxy;
