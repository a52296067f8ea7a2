/**
 * A generic fake provider: a real HTTP server on loopback with routes, recorded requests and
 * faults on demand (status, delay, {@code Retry-After}, malformed body, dropped connection).
 * Connector authors build their provider's fake on {@link org.connectorhub.testkit.fake.FakeProviderServer}.
 */
package org.connectorhub.testkit.fake;
